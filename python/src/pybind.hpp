// The one include for the bindings: pybind11 plus the conversions every register_*.cpp shares.
// It never leaks into lib/: the headers know nothing of Python.
#pragma once

#include <ontrack/ontrack.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace py = pybind11;

namespace ontrack::python {

void register_error(py::module_& m);
void register_period(py::module_& m);
void register_unit(py::module_& m);
void register_indicator(py::module_& m);
void register_indicator_catalogue(py::module_& m);
void register_series(py::module_& m);
void register_projection(py::module_& m);
void register_batch(py::module_& m);
void register_backtest(py::module_& m);
void register_ratio(py::module_& m);
void register_target(py::module_& m);
void register_evaluation(py::module_& m);
void register_targets_file(py::module_& m);
void register_observations(py::module_& m);
void register_plan(py::module_& m);
void register_assessment(py::module_& m);
void register_region(py::module_& m);
void register_aggregation(py::module_& m);
void register_composite(py::module_& m);
void register_scenario(py::module_& m);
void register_extraction(py::module_& m);
void register_calibration(py::module_& m);
void register_column_names(py::module_& m);

/// A period from what Python users write: a Period, an int year, a string ("2025-Q3", "十三五末"), a
/// datetime.date (the year containing it) or a pandas Period (through its string form).
/// The annual period of `year`; parse_error naming `field` outside 1400..9999.
inline period year_period(long long year, const char* field) {
    if (year < 1400 || year > 9999) throw parse_error(field, std::to_string(year), "not a year (1400..9999)");
    return period::year(static_cast<int>(year));
}

/// The annual period of a Python int (any size); parse_error naming `field` outside 1400..9999.
inline period year_period(const py::handle& integer, const char* field) {
    int overflow = 0;
    const long long year = PyLong_AsLongLongAndOverflow(integer.ptr(), &overflow);
    if (year == -1 && PyErr_Occurred()) throw py::error_already_set();
    if (overflow != 0) {
        std::string shown;
        try {
            shown = py::str(integer);
        } catch (const py::error_already_set&) {
            shown = "an integer too long to print";  // Python refuses to print more than 4300 digits
        }
        throw parse_error(field, shown, "not a year (1400..9999)");
    }
    return year_period(year, field);
}

inline period to_period(const py::handle& value, const char* field) {
    // A plain int first: the usual `to=2030` (bool is a subclass of int, so it is not exact).
    if (PyLong_CheckExact(value.ptr())) return year_period(value, field);
    if (py::isinstance<period>(value)) return value.cast<period>();
    if (py::isinstance<py::bool_>(value)) throw py::type_error(std::string(field) + ": expected a period, got a bool");
    // Python and NumPy integers (anything with __index__; NumPy booleans have none).
    if (py::isinstance<py::int_>(value) || (py::hasattr(value, "__index__") && !py::isinstance<py::float_>(value))) {
        return year_period(value.attr("__index__")(), field);
    }
    if (py::isinstance<py::str>(value)) return period::parse(value.cast<std::string>(), field);
    if (py::hasattr(value, "freqstr") && py::hasattr(value, "year")) {
        // pandas.Period: annual, quarterly or monthly, by its frequency string.
        // Only calendar-anchored frequencies map onto ontrack's periods: a fiscal quarter (Q-JUN) or a
        // fiscal year (Y-MAR) covers other months than the calendar period of the same name.
        const std::string freq = py::str(value.attr("freqstr"));
        const int year = value.attr("year").cast<int>();
        if (freq == "Q" || freq == "Q-DEC") return period::quarter(year, value.attr("quarter").cast<int>());
        if (freq == "M" || freq == "ME") return period::month(year, value.attr("month").cast<int>());
        if (freq == "Y" || freq == "A" || freq == "Y-DEC" || freq == "A-DEC" || freq == "YE-DEC") return period::year(year);
        throw parse_error(field, freq,
                          "unsupported pandas Period frequency: expected calendar years (Y), quarters (Q) or months (M); fiscal periods are not calendar periods");
    }
    if (py::hasattr(value, "year") && py::hasattr(value, "month") && py::hasattr(value, "day")) {
        return period::year(value.attr("year").cast<int>());
    }
    throw py::type_error(std::string(field) + ": expected a Period, an int year or a period string, got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
}

inline std::optional<period> to_optional_period(const py::handle& value, const char* field) {
    if (value.is_none()) return std::nullopt;
    return to_period(value, field);
}

/// A float from a Python number; NaN and None are "absent"; strings are read as numbers.
inline std::optional<double> to_optional_number(const py::handle& value, const char* field) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::bool_>(value)) throw py::type_error(std::string(field) + ": expected a number, got a bool");
    if (py::isinstance<py::str>(value)) {
        const auto text = value.cast<std::string>();
        if (detail::trim(text).empty()) return std::nullopt;
        if (const auto x = detail::parse_number(text)) return x;
        throw parse_error(field, text, "not a number");
    }
    double x = 0.0;
    try {
        x = value.cast<double>();
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(field) + ": expected a number, got " + std::string(py::str(py::type::of(value).attr("__name__"))));
    }
    if (std::isnan(x)) return std::nullopt;
    if (!std::isfinite(x)) throw value_error(field, "must be a finite number, got " + std::string(py::str(value)));
    return x;
}

inline py::object optional_to_python(const std::optional<double>& x) {
    return x ? py::object(py::float_(*x)) : py::object(py::none());
}

/// The bounds an `IndicatorCatalogue` (or None: none) declares per indicator id (register_assessment.cpp).
indicator_bounds indicator_bounds_from(const py::object& indicators);
/// The bounds the catalogue `indicators` declares for `indicator` alone (see `bounds_of`); for one series.
indicator_bounds indicator_bounds_from(const py::object& indicators, std::string_view indicator);

}  // namespace ontrack::python
