// evaluate(): what observed data already say about a target.
#include "pybind.hpp"

namespace ontrack::python {

void register_evaluation(py::module_& m) {
    py::class_<period_check>(m, "PeriodCheck", "One period of a span target: the value (or step) and whether it passed.")
        .def_readonly("period", &period_check::at)
        .def_readonly("observed", &period_check::observed)
        .def_readonly("passed", &period_check::passed)
        .def("__repr__", [](const period_check& c) {
            return "PeriodCheck(" + c.at.to_string() + ", " + detail::format_number(c.observed) + (c.passed ? ", passed)" : ", failed)");
        });

    py::class_<evaluation>(m, "Evaluation", R"doc(
What observed data say about a target. ``verdict`` is 'met', 'missed', 'pending' (the deadline or a
period of the span is not observed yet) or 'not_evaluable' (no baseline, undefined growth);
``observed`` is the compared quantity and ``required`` the resolved target, both in the series' unit.
)doc")
        .def_property_readonly("verdict", [](const evaluation& e) { return to_string(e.result); })
        .def_readonly("stretch_met", &evaluation::stretch_met)
        .def_readonly("observed", &evaluation::observed)
        .def_readonly("required", &evaluation::required)
        .def_readonly("required_high", &evaluation::required_high)
        .def_readonly("required_stretch", &evaluation::required_stretch)
        .def_readonly("baseline", &evaluation::baseline)
        .def_readonly("decided_by", &evaluation::decided_by)
        .def_readonly("checks", &evaluation::checks)
        .def_readonly("message", &evaluation::message)
        .def("__repr__", [](const evaluation& e) { return "Evaluation(" + e.message + ")"; });

    m.def("evaluate", &evaluate, py::arg("target"), py::arg("series"), R"doc(
Check a target against observed data only (no projection). Deadline targets are decided when the
deadline is observed; span targets as soon as the data settle them. Units of the same kind are
converted (亿元 vs 万元). Raises InvalidValueError for a malformed target, a series of another
indicator, or incompatible units.
)doc");
}

}  // namespace ontrack::python
