// Composite indicators: rd_intensity = rd_expenditure / gdp * 100, derived and projected from components.
#include "pybind.hpp"

#include <ontrack/composite.hpp>

namespace ontrack::python {

void register_composite(py::module_& m) {
    py::class_<composite>(m, "Composite", R"doc(
A ratio indicator declared from its components: value = numerator / denominator * scale.
``Composite.parse("rd_intensity = rd_expenditure / gdp * 100")`` reads the textual form; ``str()`` writes it.
)doc")
        .def(py::init([](std::string id, std::string numerator, std::string denominator, double scale) {
                 composite c{std::move(id), std::move(numerator), std::move(denominator), scale};
                 c.validate();
                 return c;
             }),
             py::arg("id"), py::arg("numerator"), py::arg("denominator"), py::arg("scale") = 1.0)
        .def_static("parse", &parse_composite, py::arg("text"), "Reads 'id = numerator / denominator [* scale]'; ParseError names the column.")
        .def_readonly("id", &composite::id)
        .def_readonly("numerator", &composite::numerator)
        .def_readonly("denominator", &composite::denominator)
        .def_readonly("scale", &composite::scale)
        .def("as_indicator", &composite::as_indicator, "The ratio Indicator this declares.")
        .def("__str__", &composite::to_string)
        .def("__eq__", [](const composite& a, const composite& b) { return a.to_string() == b.to_string(); }, py::arg("other"))
        .def("__hash__", [](const composite& c) { return py::hash(py::str(c.to_string())); })
        .def("__repr__", [](const composite& c) { return "Composite('" + c.to_string() + "')"; });

    m.def("derive", [](const composite& c, const series& numerator, const series& denominator, const std::string& unit) { return derive(c, numerator, denominator, unit); },
          py::arg("composite"), py::arg("numerator"), py::arg("denominator"), py::arg("unit") = "",
          "numerator / denominator * scale where both are observed; DataError on a zero denominator.");
    m.def("derive_numerator", &derive_numerator, py::arg("composite"), py::arg("ratio"), py::arg("denominator"),
          "ratio * denominator / scale where both are observed.");
    m.def("derive_denominator", &derive_denominator, py::arg("composite"), py::arg("ratio"), py::arg("numerator"),
          "numerator / ratio * scale where both are observed; DataError on a zero ratio.");
    m.def(
        "project_composite",
        [](const composite& c, const series& numerator, const series& denominator, const std::string& method_name, const py::object& to, double level,
           std::size_t draws, std::uint64_t seed) {
            const method m_ = parse_method(method_name);
            const period end = to_period(to, "to");
            py::gil_scoped_release release;
            return project_composite(c, numerator, denominator, m_, end, level, draws, seed);
        },
        py::arg("composite"), py::arg("numerator"), py::arg("denominator"), py::arg("method") = "linear", py::kw_only(), py::arg("to"),
        py::arg("level") = 0.95, py::arg("draws") = 100000, py::arg("seed") = 20251122,
        "Projects the composite through its components (project_ratio with the composite's scale).");
}

}  // namespace ontrack::python
