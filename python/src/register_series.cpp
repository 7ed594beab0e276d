// Series: values on a grid of periods with NaN gaps.
#include "pybind.hpp"

namespace ontrack::python {

namespace {

py::array_t<double> values_array(const series& s) {
    py::array_t<double> out(static_cast<py::ssize_t>(s.size()));
    std::copy(s.values().begin(), s.values().end(), out.mutable_data());
    // A series is a value: its array is a read-only copy, so editing it cannot pretend to edit the series.
    out.attr("flags").attr("writeable") = false;
    return out;
}

std::vector<double> to_values(const py::handle& values) {
    const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
    if (!array) throw py::type_error("values: expected a sequence of numbers");
    if (array.ndim() != 1) throw value_error("values", "expected a one-dimensional sequence, got " + std::to_string(array.ndim()) + " dimensions");
    return std::vector<double>(array.data(), array.data() + array.size());
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
