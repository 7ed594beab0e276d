// Totals of regions from their parts by indicator kind, and the consistency check of reported totals.
#include "pybind.hpp"

#include <ontrack/aggregation.hpp>

namespace ontrack::python {

void register_aggregation(py::module_& m) {
    py::class_<missing_value>(m, "MissingValue", "A part without a value of an indicator in a period.")
        .def_readonly("region", &missing_value::region)
        .def_readonly("indicator", &missing_value::indicator)
        .def_readonly("period", &missing_value::at)
        .def("__repr__", [](const missing_value& v) { return "MissingValue('" + v.region + "', '" + v.indicator + "', " + v.at.to_string() + ")"; });

    py::class_<aggregation>(m, "Aggregation", R"doc(
The total of a region from its parts: ``total`` (a Series; a gap only where ``missing`` explains it),
``parts``, ``missing`` (every part, indicator and period without a value) and the ``policy`` used.
)doc")
        .def_readonly("total", &aggregation::total)
        .def_readonly("parts", &aggregation::parts)
        .def_readonly("missing", &aggregation::missing)
        .def_property_readonly("policy", [](const aggregation& a) { return to_string(a.policy); })
        .def("missing_in", [](const aggregation& a, const py::object& at) { return a.missing_in(to_period(at, "period")); }, py::arg("period"),
             "The parts without a value in the period.")
        .def("__repr__", [](const aggregation& a) {
            return "Aggregation(" + std::to_string(a.parts.size()) + " parts, " + std::to_string(a.missing.size()) + " missing values, " + to_string(a.policy) + ")";
        });

    m.def(
        "aggregate_sum",
        [](const std::vector<series>& parts, const std::string& missing, std::string indicator, std::string region) {
            return aggregate_sum(parts, parse_missing_policy(missing), std::move(indicator), std::move(region));
        },
        py::arg("parts"), py::arg("missing") = "propagate", py::arg("indicator") = "", py::arg("region") = "",
        "Sum of stocks or flows over parts (each Series' region names its part). missing: 'propagate', 'skip' or 'zero'.");
    m.def(
        "aggregate_ratio",
        [](const std::vector<series>& numerators, const std::vector<series>& denominators, double scale, const std::string& missing,
           std::string indicator, std::string region, std::string unit) {
            return aggregate_ratio(numerators, denominators, scale, parse_missing_policy(missing), std::move(indicator), std::move(region), std::move(unit));
        },
        py::arg("numerators"), py::arg("denominators"), py::arg("scale") = 100.0, py::arg("missing") = "propagate", py::arg("indicator") = "",
        py::arg("region") = "", py::arg("unit") = "",
        "A ratio over parts as the ratio of sums: sum(numerators) / sum(denominators) * scale, never the mean of ratios.");
    m.def(
        "aggregate_share",
        [](const std::vector<series>& shares, const std::vector<series>& weights, const std::string& missing, std::string indicator, std::string region) {
            return aggregate_share(shares, weights, parse_missing_policy(missing), std::move(indicator), std::move(region));
        },
        py::arg("shares"), py::arg("weights"), py::arg("missing") = "propagate", py::arg("indicator") = "", py::arg("region") = "",
        "A share over parts, weighted by its denominators: sum(share * weight) / sum(weight).");
    m.def(
        "aggregate_region",
        [](const region_tree& tree, const std::string& parent, const observation_table& table, const indicator& ind, const std::string& missing,
           const std::optional<std::string>& vintage) {
            aggregation_options o;
            o.missing = parse_missing_policy(missing);
            o.vintage = vintage;
            return aggregate_region(tree, parent, table, ind, o);
        },
        py::arg("tree"), py::arg("parent"), py::arg("table"), py::arg("indicator"), py::arg("missing") = "propagate", py::arg("vintage") = py::none(),
        "The total of an indicator for a region from its parts in the tree, read from an observation table, by the indicator's kind.");

    py::class_<aggregate_mismatch>(m, "AggregateMismatch", "A reported total that differs from the total of its parts.")
        .def_readonly("region", &aggregate_mismatch::region)
        .def_readonly("indicator", &aggregate_mismatch::indicator)
        .def_readonly("period", &aggregate_mismatch::at)
        .def_readonly("reported", &aggregate_mismatch::reported)
        .def_readonly("aggregated", &aggregate_mismatch::aggregated)
        .def_readonly("difference", &aggregate_mismatch::difference)
        .def("__repr__", [](const aggregate_mismatch& x) {
            return "AggregateMismatch('" + x.region + "', '" + x.indicator + "', " + x.at.to_string() + ", reported " + detail::fmt(x.reported) +
                   ", aggregated " + detail::fmt(x.aggregated) + ")";
        });
    py::class_<unchecked_period>(m, "UncheckedPeriod", "A reported total that could not be compared, and why.")
        .def_readonly("region", &unchecked_period::region)
        .def_readonly("indicator", &unchecked_period::indicator)
        .def_readonly("period", &unchecked_period::at)
        .def_readonly("reason", &unchecked_period::reason);
    py::class_<consistency_report>(m, "ConsistencyReport", "The result of check_aggregate: mismatches, unchecked periods and the number checked.")
        .def_readonly("mismatches", &consistency_report::mismatches)
        .def_readonly("unchecked", &consistency_report::unchecked)
        .def_readonly("checked", &consistency_report::checked)
        .def("__repr__", [](const consistency_report& r) {
            return "ConsistencyReport(" + std::to_string(r.checked) + " checked, " + std::to_string(r.mismatches.size()) + " mismatches, " +
                   std::to_string(r.unchecked.size()) + " unchecked)";
        });
    m.def(
        "check_aggregate",
        [](const region_tree& tree, const observation_table& table, const indicator& ind, double absolute, double relative, const std::string& missing,
           const std::optional<std::string>& vintage) {
            consistency_options o;
            o.absolute = absolute;
            o.relative = relative;
            o.aggregation.missing = parse_missing_policy(missing);
            o.aggregation.vintage = vintage;
            return check_aggregate(tree, table, ind, o);
        },
        py::arg("tree"), py::arg("table"), py::arg("indicator"), py::arg("absolute") = 1e-8, py::arg("relative") = 1e-5, py::arg("missing") = "propagate",
        py::arg("vintage") = py::none(),
        "Every region's reported value against the total of its parts; a mismatch when |reported - aggregated| > absolute + relative * |aggregated|.");
}

}  // namespace ontrack::python
