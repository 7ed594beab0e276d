// Units with Chinese scale words.
#include "pybind.hpp"

#include <ontrack/unit_checks.hpp>

#include <pybind11/stl.h>

namespace ontrack::python {

void register_unit(py::module_& m) {
    py::class_<unit>(m, "Unit", "A unit: what is counted (base) and how many of it one unit is (scale). 亿元 = 1e8 元.")
        .def(py::init([](std::string symbol, std::string base, double scale) { return unit{std::move(symbol), std::move(base), scale}; }),
             py::arg("symbol"), py::arg("base"), py::arg("scale") = 1.0)
        .def_readonly("symbol", &unit::symbol)
        .def_readonly("base", &unit::base)
        .def_readonly("scale", &unit::scale)
        .def("__eq__", [](const unit& a, const unit& b) { return a.symbol == b.symbol && a.base == b.base && a.scale == b.scale; }, py::is_operator())
        .def("__repr__", [](const unit& u) { return "Unit('" + u.symbol + "', base='" + u.base + "', scale=" + detail::format_number(u.scale) + ")"; });
    m.def("parse_unit", &parse_unit, py::arg("text"), "Read a unit as written: 亿元, 万亩, %, ‰, 个百分点, 家, 'count', ...");
    m.def("conversion_factor", &conversion_factor, py::arg("from_unit"), py::arg("to_unit"),
          "Factor turning values in from_unit into to_unit; InvalidValueError when they measure different things.");
    // The unit checks of unit_checks.hpp; ontrack.units turns them into warnings and errors.
    m.def(
        "_unit_warnings",
        [](const std::vector<target>& targets, const observation_table& observations) {
            std::vector<std::pair<std::string, std::string>> out;
            for (auto& w : unit_warnings(targets, observations)) {
                out.emplace_back(w.kind == unit_warning_kind::scale ? "scale" : "missing_unit", std::move(w.message));
            }
            return out;
        },
        py::arg("targets"), py::arg("observations"), py::call_guard<py::gil_scoped_release>(),
        "(kind, message) for each figure probably in the wrong unit; kind 'scale' or 'missing_unit' (see unit_checks.hpp).");
    m.def(
        "_unit_mismatches",
        [](const std::vector<target>& targets, const observation_table& observations, const observation_origins& origins) {
            std::vector<std::pair<std::string, std::string>> out;
            for (auto& found : unit_mismatches(targets, observations, origins)) out.emplace_back(std::move(found.file), std::move(found.message));
            return out;
        },
        py::arg("targets"), py::arg("observations"), py::arg("origins"), py::call_guard<py::gil_scoped_release>(),
        "(file, message) for each target whose observations are in a unit measuring something else (see unit_checks.hpp).");
}

}  // namespace ontrack::python
