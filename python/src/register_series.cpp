// Series: values on a grid of periods with NaN gaps.
#include "pybind.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>

namespace ontrack::python {

namespace {

py::array_t<double> values_array(const series& s) {
    py::array_t<double> out(static_cast<py::ssize_t>(s.size()));
    std::copy(s.values().begin(), s.values().end(), out.mutable_data());
    // A series is a value: its array is a read-only copy, so editing it cannot pretend to edit the series.
    out.attr("flags").attr("writeable") = false;
    return out;
}

bool native_order(const py::dtype& dtype) { return dtype.byteorder() == '=' || dtype.byteorder() == '|'; }

std::vector<double> to_values(const py::handle& values) {
    if (py::isinstance<py::array>(values)) {
        // A 1-D float64 array in native byte order is copied as it is (any stride), without a conversion.
        const auto given = py::reinterpret_borrow<py::array>(values);
        const py::dtype dtype = given.dtype();
        if (given.ndim() == 1 && dtype.kind() == 'f' && dtype.itemsize() == sizeof(double) && native_order(dtype)) {
            std::vector<double> out(static_cast<std::size_t>(given.shape(0)));
            const auto* base = static_cast<const char*>(given.data());
            for (std::size_t i = 0; i < out.size(); ++i) std::memcpy(&out[i], base + static_cast<py::ssize_t>(i) * given.strides(0), sizeof(double));
            return out;
        }
    }
    const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
    if (!array) throw py::type_error("values: expected a sequence of numbers");
    if (array.ndim() != 1) throw value_error("values", "expected a one-dimensional sequence, got " + std::to_string(array.ndim()) + " dimensions");
    return std::vector<double>(array.data(), array.data() + array.size());
}

// a / b rounded towards minus infinity (b > 0): dates before 1970 have negative counts.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

// The datetime64 units the pandas fast path reads, with the count of each in a day (0: years, -1:
// months, -7: weeks, which are not whole fractions of a day).
constexpr std::pair<std::string_view, std::int64_t> datetime_units[] = {
    {"Y", 0}, {"M", -1}, {"W", -7}, {"D", 1}, {"h", 24}, {"m", 1'440}, {"s", 86'400}, {"ms", 86'400'000}, {"us", 86'400'000'000},
    {"ns", 86'400'000'000'000}};

// The years a period can hold (`period::year`); labels outside them are left to the general path,
// which names them in its error.
constexpr long long first_year = 1400, last_year = 9999;

// The i-th element of a 1-D array of 8-byte integers in native byte order (any stride).
std::int64_t element64(const py::array& a, py::ssize_t i) {
    std::int64_t out = 0;
    std::memcpy(&out, static_cast<const char*>(a.data()) + i * a.strides(0), sizeof out);
    return out;
}

// The calendar year of each label of a 1-D NumPy array, or nothing when one is not a year 1400..9999
// this reader knows: integer years plus `offset` (annual period ordinals count from 1970), or naive
// datetime64 values (native byte order) of a unit of `datetime_units` (a date stands for the year
// containing it; NaT is no year). `datetime_data` is numpy.datetime_data, which reads a datetime
// dtype's unit (its text form costs more than the rest of the check). The pandas fast path reads the
// index as a whole with it.
std::optional<std::vector<long long>> label_years(const py::array& labels, long long offset, const py::object& datetime_data) {
    const py::dtype dtype = labels.dtype();
    const char kind = dtype.kind();
    if (labels.ndim() != 1 || (kind != 'i' && kind != 'u' && kind != 'M')) return std::nullopt;
    const py::ssize_t n = labels.shape(0);
    std::vector<long long> years(static_cast<std::size_t>(n));
    // An integer label is a year when label + offset lies in 1400..9999 (compared without overflow).
    const auto integer_year = [&](std::int64_t label, long long& year) {
        if (label < first_year - offset || label > last_year - offset) return false;
        year = label + offset;
        return true;
    };
    if (kind != 'M') {
        if (kind == 'i' && labels.itemsize() == 8 && native_order(dtype)) {
            for (py::ssize_t i = 0; i < n; ++i) {
                if (!integer_year(element64(labels, i), years[static_cast<std::size_t>(i)])) return std::nullopt;
            }
            return years;
        }
        if (kind == 'u' && labels.itemsize() == 8) {
            // uint64 labels (above int64's range for some) read as they are, in native order.
            const auto wide = py::array_t<std::uint64_t, py::array::forcecast>::ensure(labels);
            if (!wide) return std::nullopt;
            for (py::ssize_t i = 0; i < n; ++i) {
                const std::uint64_t label = wide.data()[i];
                if (label > static_cast<std::uint64_t>(last_year) ||
                    !integer_year(static_cast<std::int64_t>(label), years[static_cast<std::size_t>(i)])) {
                    return std::nullopt;
                }
            }
            return years;
        }
        // Narrower integers and other byte orders, converted to native int64.
        const auto counts = py::array_t<std::int64_t, py::array::forcecast>::ensure(labels);
        if (!counts) return std::nullopt;
        for (py::ssize_t i = 0; i < n; ++i) {
            if (!integer_year(counts.data()[i], years[static_cast<std::size_t>(i)])) return std::nullopt;
        }
        return years;
    }
    if (!native_order(dtype)) return std::nullopt;
    // datetime64 values are int64 counts of the dtype's unit since 1970-01-01, NaT the smallest.
    const py::tuple unit_and_multiple = datetime_data(dtype);  // ("ns", 1)
    const std::string_view unit_name = py::reinterpret_borrow<py::str>(unit_and_multiple[0]).cast<std::string_view>();
    const auto* unit = std::find_if(std::begin(datetime_units), std::end(datetime_units), [&](const auto& entry) { return entry.first == unit_name; });
    if (unit == std::end(datetime_units) || unit_and_multiple[1].cast<long long>() != 1) return std::nullopt;  // finer than ns, or datetime64[10s]
    const std::int64_t per_day = unit->second;
    const boost::gregorian::date epoch(1970, 1, 1);
    const std::int64_t first_day = (boost::gregorian::date(static_cast<unsigned short>(first_year), 1, 1) - epoch).days();
    const std::int64_t last_day = (boost::gregorian::date(static_cast<unsigned short>(last_year), 12, 31) - epoch).days();
    for (py::ssize_t i = 0; i < n; ++i) {
        const std::int64_t count = element64(labels, i);
        if (count == std::numeric_limits<std::int64_t>::min()) return std::nullopt;  // NaT
        long long& year = years[static_cast<std::size_t>(i)];
        if (per_day == 0 || per_day == -1) {
            // Years or months since 1970 (within ±1e6, so the arithmetic cannot overflow).
            if (count > 1'000'000 || count < -1'000'000) return std::nullopt;
            year = 1970 + (per_day == 0 ? count : floor_div(count, 12));
            if (year < first_year || year > last_year) return std::nullopt;
        } else {
            if (per_day < 0 && (count > 1'000'000 || count < -1'000'000)) return std::nullopt;  // weeks: ±1e6 covers 1400..9999
            const std::int64_t days = per_day < 0 ? count * -per_day : floor_div(count, per_day);
            if (days < first_day || days > last_day) return std::nullopt;
            year = (epoch + boost::gregorian::days(days)).year();
        }
    }
    return years;
}

// Whether `values` can go straight to the constructor: a 1-D NumPy array of floats or integers.
bool plain_numbers(const py::handle& values) {
    if (!py::isinstance<py::array>(values)) return false;
    const auto array = py::reinterpret_borrow<py::array>(values);
    const char kind = array.dtype().kind();
    return array.ndim() == 1 && (kind == 'f' || kind == 'i' || kind == 'u');
}

}  // namespace

void register_series(py::module_& m) {
    py::class_<series>(m, "Series", R"doc(
Observed values of one indicator in one region, one per period from ``start`` to ``end``; NaN marks a
gap, which ontrack never fills. Immutable: operations return new series.

``Series(start, values, indicator="", region="", unit="")`` with consecutive values from ``start``;
``Series.from_pairs(periods, values)`` in any order (duplicate periods raise InvalidValueError);
``Series.from_years([2019, 2020], [1.2, 1.5])``; ``Series.from_pandas(s)`` and ``s.to_pandas()``.
)doc")
        .def(py::init([](const py::object& start, const py::object& values, std::string indicator, std::string region, std::string unit) {
                 return series(to_period(start, "start"), to_values(values), std::move(indicator), std::move(region), std::move(unit));
             }),
             py::arg("start"), py::arg("values"), py::arg("indicator") = "", py::arg("region") = "", py::arg("unit") = "")
        .def_static(
            "from_pairs",
            [](const py::iterable& periods, const py::object& values, std::string indicator, std::string region, std::string unit) {
                std::vector<period> ps;
                for (const auto& p : periods) ps.push_back(to_period(p, "periods"));
                return series::from_pairs(ps, to_values(values), std::move(indicator), std::move(region), std::move(unit));
            },
            py::arg("periods"), py::arg("values"), py::arg("indicator") = "", py::arg("region") = "", py::arg("unit") = "",
            "A series from periods (Period, int year or text) and values in any order.")
        .def_static(
            "from_years",
            [](const std::vector<int>& years, const py::object& values, std::string indicator, std::string region, std::string unit) {
                return series::from_years(years, to_values(values), std::move(indicator), std::move(region), std::move(unit));
            },
            py::arg("years"), py::arg("values"), py::arg("indicator") = "", py::arg("region") = "", py::arg("unit") = "")
        .def_static(
            "_on_consecutive_years",
            [datetime_data = py::object(py::module_::import("numpy").attr("datetime_data"))](
                const py::handle& values, const py::handle& labels, long long offset, std::string indicator, std::string region,
                std::string unit) -> std::optional<series> {
                if (!plain_numbers(values) || py::len(values) == 0) return std::nullopt;
                const auto count = static_cast<long long>(py::len(values));
                if (offset < -first_year * 1000 || offset > last_year * 1000) return std::nullopt;  // bounded: no overflow below
                long long first = 0;
                if (PyLong_CheckExact(labels.ptr())) {
                    int overflow = 0;
                    const long long label = PyLong_AsLongLongAndOverflow(labels.ptr(), &overflow);
                    if (overflow != 0 || label < first_year - offset || label > last_year - offset) return std::nullopt;
                    first = label + offset;
                } else {
                    if (!py::isinstance<py::array>(labels)) return std::nullopt;
                    const auto years = label_years(py::reinterpret_borrow<py::array>(labels), offset, datetime_data);
                    if (!years || years->size() != static_cast<std::size_t>(count)) return std::nullopt;
                    first = years->front();
                    for (std::size_t i = 1; i < years->size(); ++i) {
                        if ((*years)[i] != first + static_cast<long long>(i)) return std::nullopt;
                    }
                }
                if (first + count - 1 > last_year) return std::nullopt;  // the run leaves the years a period holds
                return series(period::year(static_cast<int>(first)), to_values(values), std::move(indicator), std::move(region), std::move(unit));
            },
            py::arg("values"), py::arg("labels"), py::arg("offset"), py::arg("indicator"), py::arg("region"), py::arg("unit"),
            "The fast path of Series.from_pandas: `values` (a 1-D float or int NumPy array) on consecutive years 1400..9999, or "
            "None for anything else (the caller then converts label by label, and its errors name what is wrong). `labels`: the "
            "first year (an int, for a run such as a RangeIndex), or a 1-D NumPy array of int years or naive datetime64 dates "
            "(the year containing each); `offset` is added to int labels (1970 for annual period ordinals).")
        .def_property_readonly("indicator", &series::indicator)
        .def_property_readonly("region", &series::region)
        .def_property_readonly("unit", &series::unit)
        .def_property_readonly("freq", [](const series& s) { return s.empty() ? std::string("annual") : to_string(s.freq()); })
        .def_property_readonly("start", [](const series& s) { return s.empty() ? std::optional<period>() : s.start(); }, "First period, or None when empty.")
        .def_property_readonly("end", [](const series& s) { return s.empty() ? std::optional<period>() : s.end(); }, "Last period, or None when empty.")
        .def_property_readonly("values", &values_array, "Values from start to end (read-only NumPy array, NaN for gaps).")
        .def_property_readonly("periods", &series::periods, "Every period from start to end.")
        .def("count", &series::count, "Number of observed values.")
        .def("__len__", &series::size)
        .def("at", [](const series& s, const py::object& p) { return s.at(to_period(p, "period")); }, py::arg("period"),
             "Value at a period; NaN for a gap or a period outside the series.")
        .def("__getitem__", [](const series& s, const py::object& p) { return s.at(to_period(p, "period")); })
        .def("has", [](const series& s, const py::object& p) { return s.has(to_period(p, "period")); }, py::arg("period"))
        .def("__contains__", [](const series& s, const py::object& p) { return s.has(to_period(p, "period")); })
        .def("slice", [](const series& s, const py::object& first, const py::object& last) { return s.slice(to_period(first, "first"), to_period(last, "last")); },
             py::arg("first"), py::arg("last"), "Periods first..last (both included), clipped to the series.")
        .def("growth", &series::growth, "x(t) / x(t-1) - 1 as a fraction; NaN where undefined.")
        .def("difference", &series::difference, "x(t) - x(t-1); NaN where either is missing.")
        .def("cagr", [](const series& s, const py::object& from, const py::object& to) { return s.cagr(to_period(from, "from"), to_period(to, "to")); },
             py::arg("start"), py::arg("end"), "Compound average growth per period between two observed periods.")
        .def("observed", [](const series& s) {
            auto [periods, values] = s.observed();
            return py::make_tuple(periods, py::array_t<double>(static_cast<py::ssize_t>(values.size()), values.data()));
        }, "The observed periods and values only (gaps dropped).")
        .def("renamed", &series::renamed, py::arg("indicator"), py::arg("region"), py::arg("unit"), "The same values with other metadata.")
        .def("__eq__", [](const series& a, const series& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const series& s) {
            std::string out = "Series(";
            if (!s.indicator().empty()) out += "'" + s.indicator() + "', ";
            if (!s.region().empty()) out += "'" + s.region() + "', ";
            if (s.empty()) return out + "empty)";
            return out + s.start().to_string() + "–" + s.end().to_string() + ", " + std::to_string(s.count()) + " observed)";
        });
}

}  // namespace ontrack::python
