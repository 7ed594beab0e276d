// project_ratio: a ratio indicator through its components and directly.
#include "pybind.hpp"

#include <ontrack/ratio.hpp>

namespace ontrack::python {

void register_ratio(py::module_& m) {
    py::class_<ratio_point>(m, "RatioPoint", "A projected ratio in one period: median and central interval of the simulated ratio.")
        .def_readonly("period", &ratio_point::at)
        .def_readonly("median", &ratio_point::median)
        .def_readonly("lower", &ratio_point::lower)
        .def_readonly("upper", &ratio_point::upper)
        .def("__repr__", [](const ratio_point& r) {
            return "RatioPoint(" + r.at.to_string() + ", median " + detail::fmt(r.median) + ", [" + detail::fmt(r.lower) + ", " + detail::fmt(r.upper) + "])";
        });

    py::class_<ratio_projection>(m, "RatioProjection", R"doc(
A ratio (numerator / denominator × scale) projected through its components by simulation (``points``)
and directly from the observed ratio (``direct``, None when too short); the component projections are
``numerator`` and ``denominator``.
)doc")
        .def_readonly("numerator", &ratio_projection::numerator)
        .def_readonly("denominator", &ratio_projection::denominator)
        .def_readonly("direct", &ratio_projection::direct)
        .def_readonly("points", &ratio_projection::points)
        .def_readonly("scale", &ratio_projection::scale)
        .def_readonly("level", &ratio_projection::level)
        .def_readonly("draws", &ratio_projection::draws)
        .def_readonly("seed", &ratio_projection::seed)
        .def_readonly("observed_ratio", &ratio_projection::observed_ratio)
        .def("at", [](const ratio_projection& r, const py::object& at) { return r.at(to_period(at, "period")); }, py::arg("period"))
        .def(
            "probability",
            [](const ratio_projection& r, const std::string& c, double value, const py::object& at) {
                return r.probability(parse_comparator(c), value, to_period(at, "period"));
            },
            py::arg("comparator"), py::arg("value"), py::arg("period"), "Share of simulated ratios with ratio ⋈ value in the period.")
        .def("__repr__", [](const ratio_projection& r) {
            return "RatioProjection(" + std::to_string(r.points.size()) + " periods, " + std::to_string(r.draws) + " draws)";
        });

    m.def(
        "project_ratio",
        [](const series& numerator, const series& denominator, const std::string& method_name, const py::object& to, double scale,
           double level, std::size_t draws, std::uint64_t seed) {
            const method m_ = parse_method(method_name);
            const period end = to_period(to, "to");
            py::gil_scoped_release release;
            return project_ratio(numerator, denominator, m_, end, scale, level, draws, seed);
        },
        py::arg("numerator"), py::arg("denominator"), py::arg("method") = "linear", py::kw_only(), py::arg("to"), py::arg("scale") = 100.0,
        py::arg("level") = 0.95, py::arg("draws") = 100000, py::arg("seed") = 20251122, R"doc(
Project numerator / denominator × scale (R&D intensity = R&D / GDP × 100). Each component is projected
with ``method``; ``draws`` values are drawn from each predictive distribution independently (seeded:
reproducible) and their ratios give the median, interval and probabilities. The observed ratio is also
projected directly (``direct``) so both answers can be compared.
)doc");
}

}  // namespace ontrack::python
