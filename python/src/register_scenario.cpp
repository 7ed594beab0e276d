// Required growth, scenarios and feasibility for composite indicators.
#include "pybind.hpp"

#include <ontrack/scenario.hpp>

namespace ontrack::python {

namespace {

// The base of a scenario: the target's baseline, overridden by what is given explicitly.
scenario_base base_from(const target* t, const py::object& base_period, const py::object& base_value, const py::object& base_denominator) {
    scenario_base base;
    if (t != nullptr) {
        base.at = t->base_period();
        if (t->baseline_value) base.ratio = *t->baseline_value;
    }
    if (!base_period.is_none()) base.at = to_period(base_period, "base_period");
    const auto value = to_optional_number(base_value, "base_value");
    if (value) base.ratio = *value;
    else if (t == nullptr || !t->baseline_value) throw value_error("base_value", "give base_value: " + (t ? "target '" + t->id + "' states no baseline value" : std::string("no target")));
    base.denominator = to_optional_number(base_denominator, "base_denominator");
    return base;
}

}  // namespace

void register_scenario(py::module_& m) {
    py::class_<requirement>(m, "Requirement", "The growth a component needs for a composite to reach a target value by a deadline.")
        .def_readonly("component", &requirement::component)
        .def_readonly("growth", &requirement::growth)
        .def_readonly("ratio_growth", &requirement::ratio_growth)
        .def_readonly("assumed_component", &requirement::assumed_component)
        .def_readonly("assumed_growth", &requirement::assumed_growth)
        .def_readonly("base_period", &requirement::from)
        .def_readonly("deadline", &requirement::to)
        .def_readonly("base", &requirement::base)
        .def_readonly("target", &requirement::target)
        .def_readonly("message", &requirement::message)
        .def("__repr__", [](const requirement& r) { return "Requirement(" + r.message + ")"; });

    m.def(
        "required_growth",
        [](const composite& c, const std::string& assumed, double growth, const std::optional<target>& t, const py::object& base_period,
           const py::object& base_value, const py::object& target_value, const py::object& deadline) {
            const target* pt = t ? &*t : nullptr;
            if (pt && pt->kind != target_kind::level) throw value_error("kind", "target '" + pt->id + "' is not a level target");
            const auto base = base_from(pt, base_period, base_value, py::none());
            const auto goal = to_optional_number(target_value, "target_value");
            const auto due = to_optional_period(deadline, "deadline");
            if (!goal && !(pt && pt->value)) throw value_error("target_value", "give target_value or a target");
            if (!due && !pt) throw value_error("deadline", "give deadline or a target");
            return required_growth(c, base, goal ? *goal : *pt->value, due ? *due : pt->due(), assumed, growth);
        },
        py::arg("composite"), py::arg("assumed"), py::arg("growth"), py::kw_only(), py::arg("target") = py::none(), py::arg("base_period") = py::none(),
        py::arg("base_value") = py::none(), py::arg("target_value") = py::none(), py::arg("deadline") = py::none(), R"doc(
The growth per period the other component of ``composite`` needs when ``assumed`` (a component id)
grows by ``growth`` per period, for the composite to go from its base to the target value by the
deadline. Base, value and deadline come from a level ``target`` (its baseline) or are given explicitly.
)doc");

    py::class_<scenario>(m, "Scenario", "Named assumptions: a constant growth per period for each component (0.05 = +5%).")
        .def(py::init([](std::string name, std::map<std::string, double> growth) { return scenario{std::move(name), std::move(growth)}; }),
             py::arg("name"), py::arg("growth"))
        .def_readonly("name", &scenario::name)
        .def_readonly("growth", &scenario::growth)
        .def("__repr__", [](const scenario& s) { return "Scenario('" + s.name + "')"; });

    py::class_<scenario_point>(m, "ScenarioPoint", "The composite, and its components when the base gives levels, in one period of a scenario.")
        .def_readonly("period", &scenario_point::at)
        .def_readonly("ratio", &scenario_point::ratio)
        .def_readonly("numerator", &scenario_point::numerator)
        .def_readonly("denominator", &scenario_point::denominator);

    py::class_<scenario_outcome>(m, "ScenarioOutcome", "A scenario played out to the target's deadline: path, projected value, status.")
        .def_readonly("name", &scenario_outcome::name)
        .def_readonly("numerator_growth", &scenario_outcome::numerator_growth)
        .def_readonly("denominator_growth", &scenario_outcome::denominator_growth)
        .def_readonly("ratio_growth", &scenario_outcome::ratio_growth)
        .def_readonly("path", &scenario_outcome::path)
        .def_readonly("projected", &scenario_outcome::projected)
        .def_readonly("target", &scenario_outcome::target)
        .def_property_readonly("comparator", [](const scenario_outcome& o) { return to_string(o.compare); })
        .def_readonly("meets", &scenario_outcome::meets)
        .def_property_readonly("status", [](const scenario_outcome& o) { return to_string(o.verdict); })
        .def_readonly("gap", &scenario_outcome::gap)
        .def_readonly("reached", &scenario_outcome::reached)
        .def_readonly("message", &scenario_outcome::message)
        .def("__repr__", [](const scenario_outcome& o) { return "ScenarioOutcome(" + o.message + ")"; });

    m.def(
        "compare_scenarios",
        [](const composite& c, const target& t, const std::vector<scenario>& scenarios, const py::object& base_period, const py::object& base_value,
           const py::object& base_denominator) {
            return compare_scenarios(c, base_from(&t, base_period, base_value, base_denominator), t, scenarios);
        },
        py::arg("composite"), py::arg("target"), py::arg("scenarios"), py::kw_only(), py::arg("base_period") = py::none(),
        py::arg("base_value") = py::none(), py::arg("base_denominator") = py::none(),
        "Each scenario played out from the base (the target's baseline unless given) to the deadline of the level target.");

    py::class_<pace>(m, "Pace", "An observed compound growth per period of an indicator in a region over a window.")
        .def_readonly("region", &pace::region)
        .def_readonly("indicator", &pace::indicator)
        .def_readonly("vintage", &pace::vintage)
        .def_readonly("start", &pace::from)
        .def_readonly("end", &pace::to)
        .def_readonly("rate", &pace::rate)
        .def("__repr__", [](const pace& p) {
            return "Pace('" + p.region + "', " + p.from.to_string() + "–" + p.to.to_string() + ", " + detail::percent(p.rate) + ")";
        });
    py::class_<feasibility>(m, "Feasibility", "A required pace against the paces observed in the data.")
        .def_readonly("required", &feasibility::required)
        .def_readonly("indicator", &feasibility::indicator)
        .def_readonly("window", &feasibility::window)
        .def_readonly("paces", &feasibility::paces)
        .def_readonly("fastest", &feasibility::fastest)
        .def_readonly("reaching", &feasibility::reaching)
        .def_readonly("message", &feasibility::message)
        .def("__repr__", [](const feasibility& f) { return "Feasibility(" + f.message + ")"; });

    m.attr("DEFAULT_VINTAGE_PREFERENCE") = default_vintage_preference();
    m.def(
        "historical_paces",
        [](const observation_table& table, const std::string& indicator, std::size_t window, const std::optional<std::vector<std::string>>& vintages) {
            return historical_paces(table, indicator, window, vintages.value_or(default_vintage_preference()));
        },
        py::arg("table"), py::arg("indicator"), py::arg("window") = 5, py::arg("vintages") = py::none(),
        "Every compound growth of the indicator over `window` periods, per region (first vintage of `vintages` it has), fastest first.");
    m.def(
        "assess_feasibility",
        [](double required, const observation_table& table, const std::string& indicator, std::size_t window,
           const std::optional<std::vector<std::string>>& vintages) {
            return assess_feasibility(required, table, indicator, window, vintages.value_or(default_vintage_preference()));
        },
        py::arg("required"), py::arg("table"), py::arg("indicator"), py::arg("window") = 5, py::arg("vintages") = py::none(),
        "The required pace (a fraction per period) against historical_paces of the same indicator.");
}

}  // namespace ontrack::python
