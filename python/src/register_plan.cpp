// Plans: named sets of targets.
#include "pybind.hpp"

namespace ontrack::python {

void register_plan(py::module_& m) {
    py::class_<plan>(m, "Plan", "A plan: name, region, issuing body, span (first, last), base period and its targets.")
        .def(py::init([](std::string name, std::vector<target> targets, std::string region, std::string issuer,
                         const py::object& first, const py::object& last, const py::object& base) {
                 plan p;
                 p.name = std::move(name);
                 p.targets = std::move(targets);
                 p.region = std::move(region);
                 p.issuer = std::move(issuer);
                 const auto f = to_optional_period(first, "first");
                 const auto l = to_optional_period(last, "last");
                 if (f.has_value() != l.has_value()) throw value_error(f ? "last" : "first", "give both first and last, or neither");
                 if (f) {
                     if (*l < *f) throw value_error("last", "the plan ends (" + l->to_string() + ") before it starts (" + f->to_string() + ")");
                     p.span = period_span{*f, *l};
                 }
                 p.base = to_optional_period(base, "base");
                 p.validate();
                 return p;
             }),
             py::arg("name"), py::arg("targets"), py::kw_only(), py::arg("region") = "", py::arg("issuer") = "",
             py::arg("first") = py::none(), py::arg("last") = py::none(), py::arg("base") = py::none())
        .def_readonly("name", &plan::name)
        .def_readonly("region", &plan::region)
        .def_readonly("issuer", &plan::issuer)
        .def_property_readonly("first", [](const plan& p) { return p.span ? std::optional<period>(p.span->first) : std::nullopt; })
        .def_property_readonly("last", [](const plan& p) { return p.span ? std::optional<period>(p.span->last) : std::nullopt; })
        .def_readonly("base", &plan::base)
        .def_readonly("targets", &plan::targets)
        .def("__len__", [](const plan& p) { return p.targets.size(); })
        .def("find", [](const plan& p, const std::string& id) { const auto* t = p.find(id); return t ? std::optional<target>(*t) : std::nullopt; },
             py::arg("id"), "The target with this id, or None.")
        .def_static("from_document", &plan::from_document, py::arg("targets"), py::arg("document"),
                    "The targets whose document field equals document.")
        .def("__repr__", [](const plan& p) { return "Plan('" + p.name + "', " + std::to_string(p.targets.size()) + " targets)"; });
}

}  // namespace ontrack::python
