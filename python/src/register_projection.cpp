// Projection: project(series, method, to, level) and the predictive distributions behind it.
#include "pybind.hpp"

#include <ontrack/default_calibration.hpp>
#include <ontrack/projection.hpp>

namespace ontrack::python {

namespace {

comparator to_comparator(const std::string& text) {
    const auto c = parse_comparator(text, "comparator");
    if (c == comparator::about || c == comparator::within) {
        throw value_error("comparator", "a probability needs one of '>=', '>', '<=', '<'; got '" + text + "'");
    }
    return c;
}

py::dict point_record(const projection_point& p) {
    py::dict row;
    row["period"] = p.at;
    row["mean"] = p.mean;
    row["lower"] = p.lower;
    row["upper"] = p.upper;
    row["family"] = to_string(p.distribution.family);
    row["location"] = p.distribution.location;
    row["scale"] = p.distribution.scale;
    row["df"] = p.distribution.df;
    return row;
}

}  // namespace

void register_projection(py::module_& m) {
    py::class_<predictive>(m, "Predictive", R"doc(
The predictive distribution of one projected value. family: 'student_t', 'normal' (value = location +
scale·X), 'log_student_t', 'log_normal' (log(value) = location + scale·X); df is infinite for the normal
families. A scale of 0 is a point mass.
)doc")
        .def_property_readonly("family", [](const predictive& d) { return to_string(d.family); })
        .def_readonly("location", &predictive::location)
        .def_readonly("scale", &predictive::scale)
        .def_readonly("df", &predictive::df)
        .def("mean", &predictive::mean, "Expected value (inf for log_student_t, whose mean diverges).")
        .def("median", &predictive::median)
        .def("cdf", &predictive::cdf, py::arg("x"), "P(value <= x).")
        .def("sf", &predictive::sf, py::arg("x"), "P(value > x).")
        .def("quantile", &predictive::quantile, py::arg("p"), "The p-quantile, 0 < p < 1.")
        .def("interval", &predictive::interval, py::arg("level"), "Central interval (lower, upper) holding `level`.")
        .def("probability", [](const predictive& d, const std::string& c, double value) { return d.probability(to_comparator(c), value); },
             py::arg("comparator"), py::arg("value"), "P(value ⋈ threshold) for comparator '>=', '>', '<=' or '<'.")
        .def("__repr__", [](const predictive& d) {
            return "Predictive('" + to_string(d.family) + "', location=" + detail::format_number(d.location) +
                   ", scale=" + detail::format_number(d.scale) + (std::isfinite(d.df) ? ", df=" + detail::format_number(d.df) : std::string()) + ")";
        });

    py::class_<projection_point>(m, "ProjectionPoint", "One projected period: point forecast, interval bounds and predictive distribution.")
        .def_readonly("period", &projection_point::at)
        .def_readonly("mean", &projection_point::mean, "Point forecast (the median exp(location) for log families).")
        .def_readonly("lower", &projection_point::lower)
        .def_readonly("upper", &projection_point::upper)
        .def_readonly("distribution", &projection_point::distribution)
        .def("__repr__", [](const projection_point& p) {
            return "ProjectionPoint(" + p.at.to_string() + ", mean=" + detail::format_number(p.mean) + ", lower=" +
                   detail::format_number(p.lower) + ", upper=" + detail::format_number(p.upper) + ")";
        });

    py::class_<projection>(m, "Projection", R"doc(
A projection from ontrack.project: one ProjectionPoint per future period, the method used (and why),
fitted parameters, residual sd, number of observations and information criteria.
)doc")
        .def_property_readonly("method", [](const projection& p) { return to_string(p.used); })
        .def_readonly("reason", &projection::reason)
        .def_readonly("points", &projection::points)
        .def_readonly("level", &projection::level)
        .def_readonly("params", &projection::params)
        .def_readonly("residual_sd", &projection::residual_sd)
        .def_readonly("n", &projection::n)
        .def_readonly("llf", &projection::llf)
        .def_readonly("aic", &projection::aic)
        .def_readonly("aicc", &projection::aicc)
        .def_readonly("bic", &projection::bic)
        .def("at", [](const projection& p, const py::object& at) { return p.at(to_period(at, "period")); }, py::arg("period"),
             "The point for a projected period; raises InvalidValueError for other periods.")
        .def("probability",
             [](const projection& p, const std::string& c, double value, const py::object& at) {
                 return p.probability(to_comparator(c), value, to_period(at, "period"));
             },
             py::arg("comparator"), py::arg("value"), py::arg("period"),
             "P(value in `period` ⋈ `value`) for comparator '>=', '>', '<=' or '<', exact from the predictive CDF.")
        .def("expected_crossing",
             [](const projection& p, const std::string& c, double value) { return p.expected_crossing(to_comparator(c), value); },
             py::arg("comparator"), py::arg("value"),
             "The first projected period whose predictive median satisfies the comparison, or None.")
        .def("to_records", [](const projection& p) {
                 py::list rows;
                 for (const auto& point : p.points) rows.append(point_record(point));
                 return rows;
             },
             "One dict per period: period, mean, lower, upper, family, location, scale, df.")
        .def("__len__", [](const projection& p) { return p.points.size(); })
        .def("__repr__", [](const projection& p) {
            const std::string span = p.points.empty() ? std::string() : ", " + p.points.front().at.to_string() + "–" + p.points.back().at.to_string();
            return "Projection('" + to_string(p.used) + "'" + span + ", level=" + detail::format_number(p.level) + ")";
        });

    m.def(
        "method_names",
        []() {
            std::vector<std::string> names;
            for (const auto& entry : method_names) names.emplace_back(entry.name);
            return names;
        },
        R"doc(
The projection method names, in the order documentation and messages list them (the C++ table
ontrack::method_names): every name ``project`` accepts besides the alias 'automatic'.
)doc");
    m.attr("DEFAULT_METHOD") = std::string(default_method_name);

    // The method list of the docstring comes from the table (pybind11 copies the text).
    std::string quoted_methods;
    for (std::size_t i = 0; i < method_names.size(); ++i) {
        if (i > 0) quoted_methods += i + 1 == method_names.size() ? " or " : ", ";
        quoted_methods += "'" + std::string(method_names[i].name) + "'";
    }
    const std::string project_doc = R"doc(
Projects a series to every period after its last observation up to `to` (a Period, an int year or a
period string), with central prediction intervals of probability `level`.

method: )doc" + quoted_methods + R"doc( (see the C++
documentation of ontrack::project for the models and their minimum data). Raises InvalidValueError for a
bad method, level or horizon and for non-positive data with log methods, DataError for too few
observations or gaps where holt needs none.
)doc";
    m.def("project",
          [](const series& s, const std::string& method_name, const py::object& to, double level) {
              return project(s, parse_method(method_name), to_period(to, "to"), level);
          },
          py::arg("series"), py::arg("method") = "linear", py::kw_only(), py::arg("to"), py::arg("level") = 0.95, project_doc.c_str());
}

}  // namespace ontrack::python
