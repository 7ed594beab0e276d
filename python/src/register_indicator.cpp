// Indicators: id, names, unit, direction and kind.
#include "pybind.hpp"

namespace ontrack::python {

void register_indicator(py::module_& m) {
    py::class_<indicator>(m, "Indicator", R"doc(
What a series measures: id, Chinese and English names, unit, which direction is better
('higher_is_better' or 'lower_is_better') and kind ('stock', 'flow', 'ratio', 'share'; ratios and shares
name their numerator and denominator and the scale, 100 for percent).
)doc")
        .def(py::init([](std::string id, std::string name_zh, std::string name_en, const std::string& unit_text,
                         const std::string& better, const std::string& kind, std::string numerator, std::string denominator, double scale) {
                 indicator i;
                 i.id = std::move(id);
                 i.name_zh = std::move(name_zh);
                 i.name_en = std::move(name_en);
                 i.measure = parse_unit(unit_text);
                 i.better = parse_direction(better);
                 i.kind = parse_indicator_kind(kind);
                 i.numerator = std::move(numerator);
                 i.denominator = std::move(denominator);
                 i.scale = scale;
                 if ((i.kind == indicator_kind::ratio || i.kind == indicator_kind::share) && (i.numerator.empty() || i.denominator.empty())) {
                     throw value_error("numerator", "a " + kind + " indicator names its numerator and denominator");
                 }
                 return i;
             }),
             py::arg("id"), py::arg("name_zh") = "", py::arg("name_en") = "", py::arg("unit") = "",
             py::arg("direction") = "higher_is_better", py::arg("kind") = "stock", py::arg("numerator") = "",
             py::arg("denominator") = "", py::arg("scale") = 1.0)
        .def_readonly("id", &indicator::id)
        .def_readonly("name_zh", &indicator::name_zh)
        .def_readonly("name_en", &indicator::name_en)
        .def_readonly("unit", &indicator::measure)
        .def_property_readonly("direction", [](const indicator& i) { return to_string(i.better); })
        .def_property_readonly("kind", [](const indicator& i) { return to_string(i.kind); })
        .def_readonly("numerator", &indicator::numerator)
        .def_readonly("denominator", &indicator::denominator)
        .def_readonly("scale", &indicator::scale)
        .def("__repr__", [](const indicator& i) { return "Indicator('" + i.id + "', kind='" + to_string(i.kind) + "', unit='" + i.measure.symbol + "')"; });
}

}  // namespace ontrack::python
