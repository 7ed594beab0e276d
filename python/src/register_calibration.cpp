// Calibration: empirical calibration of projections (fit, save, load, apply), value bounds, the
// calibration report, and the calibrated default.
#include "pybind.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/bounds.hpp>
#include <ontrack/calibration.hpp>
#include <ontrack/calibration_report.hpp>
#include <ontrack/default_calibration.hpp>

namespace ontrack::python {

namespace {

std::optional<value_bounds> bounds_from(const py::object& bounds) {
    if (bounds.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(bounds)) {
        const auto text = bounds.cast<std::string>();
        if (text == "natural") return std::nullopt;
        return parse_bounds(text);
    }
    const auto pair = bounds.cast<py::sequence>();
    if (pair.size() != 2) throw value_error("bounds", "bounds are (lower, upper), a string such as '0..100', 'natural' or None");
    value_bounds b;
    if (!pair[0].is_none()) b.lower = pair[0].cast<double>();
    if (!pair[1].is_none()) b.upper = pair[1].cast<double>();
    if (b.lower && b.upper && !(*b.lower < *b.upper)) throw value_error("bounds", "the lower bound must be below the upper bound");
    return b;
}

py::dict horizons_dict(const calibration& c) {
    py::dict out;
    for (const auto& [indicator, table] : c.horizons) {
        py::list rows;
        for (const auto& e : table) {
            py::dict row;
            row["horizon"] = e.horizon;
            row["count"] = e.count;
            row["shift"] = e.shift;
            row["scale"] = e.scale;
            row["df"] = e.df;
            rows.append(row);
        }
        out[py::str(indicator)] = rows;
    }
    return out;
}

}  // namespace

/// The projection settings of `assess` from its Python arguments: the method name ('default' = the
/// calibrated default) and an optional calibration. Used by register_assessment.cpp and
/// register_batch_assessment.cpp.
void set_projection_choice(assessment_options& o, const std::string& method_name, const py::object& cal) {
    std::shared_ptr<const calibration> given;
    if (!cal.is_none()) given = std::shared_ptr<const calibration>(cal.cast<std::shared_ptr<calibration>>());
    const auto choice = choose_projection(method_name, given);
    o.projection = choice.projection;
    o.projection_layers.calibration = choice.calibration;
}

void register_calibration(py::module_& m) {
    py::class_<calibration, std::shared_ptr<calibration>>(m, "Calibration", R"doc(
An empirical calibration of one projection method, learned from a panel: per horizon (and per
indicator, with a pooled table under ''), the distribution of standardised past errors. Use it with
``project(..., calibration=cal)``, ``assess(..., calibration=cal)`` or the CLI ``--calibration FILE``.
)doc")
        .def_property_readonly("method", [](const calibration& c) { return to_string(c.base); })
        .def_readonly("source", &calibration::source)
        .def_property_readonly("horizons", &horizons_dict,
                               "{indicator: [{horizon, count, shift, scale, df}, ...]}; '' pools all indicators; horizon 0 serves every horizon.")
        .def_property_readonly("scaling", [](const calibration& c) { return to_string(c.scaling); },
                               "How errors were standardised: 'drift_uncertainty' (σ·√(h + h²/span)) or 'volatility' (σ; version-1 files).")
        .def_readonly("damping", &calibration::damping, "Damping φ of cagr's drift in the centre (1: none).")
        .def_property_readonly("pools_horizons", [](const calibration& c) { return pools_horizons(c); },
                               "True when one error distribution serves every horizon.")
        .def_static(
            "fit",
            [](const py::object& panel, const std::string& method_name, int horizon, bool by_indicator, std::size_t minimum_errors,
               const std::string& source, const py::object& vintage, const std::string& scaling, bool pool_horizons, double damping) {
                // The panel's forms (Series, ObservationTable, long DataFrame) are read by ontrack.calibration.panel_series.
                const auto panel_series = py::module_::import("ontrack.calibration").attr("panel_series")(panel, vintage).cast<std::vector<series>>();
                calibration_fit_options o;
                o.horizon = horizon;
                o.by_indicator = by_indicator;
                o.minimum_errors = minimum_errors;
                o.scaling = parse_error_scaling(scaling);
                o.pool_horizons = pool_horizons;
                o.damping = damping;
                py::gil_scoped_release release;
                return std::make_shared<calibration>(fit_calibration(panel_series, parse_method(method_name), o, source));
            },
            py::arg("panel"), py::arg("method") = "cagr", py::kw_only(), py::arg("horizon") = 5, py::arg("by_indicator") = false,
            py::arg("minimum_errors") = 10, py::arg("source") = "", py::arg("vintage") = "first_release", py::arg("scaling") = "drift_uncertainty",
            py::arg("pool_horizons") = true, py::arg("damping") = 1.0, R"doc(
Learn the calibration of ``method`` (not 'auto') from a panel (a list of Series, an ObservationTable or a
long DataFrame region × indicator): rolling-origin forecasts of every series and their errors, each
standardised by the spread of a random walk with estimated drift (``scaling='drift_uncertainty'``) or by
the series' volatility alone ('volatility'), pooled over horizons 1 … ``horizon`` (``pool_horizons``; else
one distribution per horizon) and per indicator when ``by_indicator``. ``damping`` (cagr only, in (0, 1])
damps the drift of the centre.
)doc")
        .def("to_json", &calibration::to_json)
        .def_static("from_json", [](const std::string& text) { return std::make_shared<calibration>(calibration::from_json(text, "calibration JSON")); },
                    py::arg("text"))
        .def("save", [](const calibration& c, const std::string& path) { save_calibration(c, path); }, py::arg("path"), "Writes the calibration as JSON.")
        .def_static("load", [](const std::string& path) { return std::make_shared<calibration>(load_calibration(path)); }, py::arg("path"),
                    "Reads a calibration written by save().")
        .def("__repr__", [](const calibration& c) {
            std::size_t horizons = 0;
            if (c.horizons.count("")) horizons = c.horizons.at("").size();
            return "Calibration('" + to_string(c.base) + "', " + std::to_string(c.horizons.size()) + " tables, " + std::to_string(horizons) + " horizons)";
        });

    m.def(
        "_fit_calibration",
        [](const std::vector<series>& panel, const std::string& method_name, int horizon, bool by_indicator, std::size_t minimum_errors,
           const std::string& source, const std::string& scaling, bool pool_horizons, double damping) {
            calibration_fit_options o;
            o.horizon = horizon;
            o.by_indicator = by_indicator;
            o.minimum_errors = minimum_errors;
            o.scaling = parse_error_scaling(scaling);
            o.pool_horizons = pool_horizons;
            o.damping = damping;
            py::gil_scoped_release release;
            return std::make_shared<calibration>(fit_calibration(panel, parse_method(method_name), o, source));
        },
        py::arg("panel"), py::arg("method"), py::arg("horizon"), py::arg("by_indicator"), py::arg("minimum_errors"), py::arg("source"),
        py::arg("scaling") = "drift_uncertainty", py::arg("pool_horizons") = true, py::arg("damping") = 1.0);

    m.def("default_calibration", []() { return std::const_pointer_cast<calibration>(default_calibration()); },
          "The bundled calibration behind the default method (learned on the development panel; see its source).");

    m.def(
        "_project_layered",
        [](const series& s, const std::string& method_name, const py::object& to, double level, const py::object& cal, const py::object& bounds,
           bool natural, const py::object& indicators) {
            projection_settings settings;
            settings.catalogue_bounds = indicator_bounds_from(indicators, s.indicator());  // one series: its own entry alone
            std::shared_ptr<const calibration> given;
            if (!cal.is_none()) given = std::shared_ptr<const calibration>(cal.cast<std::shared_ptr<calibration>>());
            const auto choice = choose_projection(method_name, given);
            settings.calibration = choice.calibration;
            settings.bounds = bounds_from(bounds);
            settings.use_natural_bounds = natural;
            return project(s, choice.projection, to_period(to, "to"), level, settings);
        },
        py::arg("series"), py::arg("method"), py::arg("to"), py::arg("level"), py::arg("calibration"), py::arg("bounds"), py::arg("natural_bounds"),
        py::arg("indicators") = py::none());

    m.def(
        "natural_bounds",
        [](const series& s) -> py::tuple {
            const auto b = natural_bounds(s);
            return py::make_tuple(optional_to_python(b.lower), optional_to_python(b.upper));
        },
        py::arg("series"), "(lower, upper) implied by the series' unit and values (None where unbounded).");

    m.def(
        "_calibration_report",
        [](const std::vector<series>& panel, const std::vector<std::string>& methods, int horizon, const std::vector<double>& levels,
           const std::vector<double>& growth, int pit_bins, bool real_time, std::size_t minimum_errors, bool natural, const py::object& cal,
           const py::object& default_cal, bool pool_horizons) {
            calibration_report_options o;
            o.methods = methods;
            o.horizon = horizon;
            o.levels = levels;
            o.growth = growth;
            o.pit_bins = pit_bins;
            o.real_time = real_time;
            o.minimum_errors = minimum_errors;
            o.natural_bounds = natural;
            o.pool_horizons = pool_horizons;
            if (!cal.is_none()) o.calibration = std::shared_ptr<const calibration>(cal.cast<std::shared_ptr<calibration>>());
            o.default_calibration = default_cal.is_none() ? default_calibration()
                                                          : std::shared_ptr<const calibration>(default_cal.cast<std::shared_ptr<calibration>>());
            calibration_report r;
            {
                py::gil_scoped_release release;
                r = run_calibration_report(panel, o);
            }
            py::dict forecasts;
            {
                py::list method, region, indicator, origin, at, h, actual, origin_value, median, pit, wis, scaled_wis, lower, upper;
                for (const auto& f : r.forecasts) {
                    method.append(f.method); region.append(f.region); indicator.append(f.indicator);
                    origin.append(f.origin.to_string()); at.append(f.at.to_string()); h.append(f.horizon);
                    actual.append(f.actual); origin_value.append(f.origin_value); median.append(f.median);
                    pit.append(f.pit); wis.append(f.wis); scaled_wis.append(f.scaled_wis);
                    lower.append(py::cast(f.lower)); upper.append(py::cast(f.upper));
                }
                forecasts["method"] = method; forecasts["region"] = region; forecasts["indicator"] = indicator;
                forecasts["origin"] = origin; forecasts["period"] = at; forecasts["horizon"] = h; forecasts["actual"] = actual;
                forecasts["origin_value"] = origin_value; forecasts["median"] = median; forecasts["pit"] = pit; forecasts["wis"] = wis;
                forecasts["scaled_wis"] = scaled_wis; forecasts["lower"] = lower; forecasts["upper"] = upper;
            }
            py::list summaries;
            for (const auto& s : r.summaries) {
                py::dict row;
                row["method"] = s.method; row["horizon"] = s.horizon; row["forecasts"] = s.forecasts;
                row["coverage"] = py::cast(s.coverage); row["pit_histogram"] = py::cast(s.pit_histogram);
                row["mean_scaled_wis"] = s.mean_scaled_wis; row["relative_wis"] = s.relative_wis;
                row["events"] = s.events; row["brier"] = s.brier; row["low_p"] = s.low_p; row["low_p_reached"] = s.low_p_reached;
                row["high_p"] = s.high_p; row["high_p_reached"] = s.high_p_reached;
                summaries.append(row);
            }
            py::list reliability;
            for (const auto& b : r.reliability) {
                py::dict row;
                row["method"] = b.method; row["p_low"] = b.p_low; row["p_high"] = b.p_high; row["events"] = b.events;
                row["mean_probability"] = b.mean_probability; row["observed_frequency"] = b.observed_frequency;
                reliability.append(row);
            }
            py::dict out;
            out["forecasts"] = forecasts;
            out["summaries"] = summaries;
            out["reliability"] = reliability;
            out["skipped"] = py::cast(r.skipped);
            return out;
        },
        py::arg("panel"), py::arg("methods"), py::arg("horizon"), py::arg("levels"), py::arg("growth"), py::arg("pit_bins"), py::arg("real_time"),
        py::arg("minimum_errors"), py::arg("natural_bounds"), py::arg("calibration"), py::arg("default_calibration") = py::none(),
        py::arg("pool_horizons") = true);
}

}  // namespace ontrack::python
