// Empirical calibration of projections: how far a method's point forecasts have landed from what was
// later published, learned over a panel of series (e.g. all provinces) and applied to a new
// projection in place of the method's own interval.
//
// An error is measured on the working scale w (log for positive indicators, logit for shares, the value
// otherwise; `working_scale_for`) and standardised at the origin by the spread a random walk with
// drift would give it (`error_scaling::drift_uncertainty`, the default):
//     z = (w(actual) − w(point forecast)) / (σ·√(h + h²/span)),
// σ the root mean square of the yearly changes of w over the training data, span the periods it
// covers. The √(h + h²/span) is the random walk's forecast spread with its drift estimated from span
// changes: it grows with the horizon and is larger for short series, so errors of short early series
// and of long later ones, and of every horizon, are on one footing. The panel's z are summarised by a
// location-scale Student t matching their central 80% and 95% ranges (`fit_errors`), pooled over the
// horizons (or one per horizon); the calibrated predictive of a new series is then
// w(value) ~ w(point) + σ·√(h + h²/span)·(shift + scale·T(df)).
// Version-1 calibrations (`error_scaling::volatility`: z = error/σ, one t per horizon) are still read.
#pragma once

#include <ontrack/bounds.hpp>
#include <ontrack/detail/json.hpp>
#include <ontrack/detail/special_functions.hpp>
#include <ontrack/projection.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// How a forecast error is standardised before errors of different series are pooled (see the header
/// comment).
enum class error_scaling {
    volatility,         ///< z = error / σ (version-1 calibrations)
    drift_uncertainty,  ///< z = error / (σ·√(h + h²/span)): a random walk with estimated drift
};

namespace detail {
// The names of `error_scaling` as written in calibration files: one table, read both ways.
inline constexpr std::pair<error_scaling, std::string_view> error_scaling_names[] = {
    {error_scaling::volatility, "volatility"},
    {error_scaling::drift_uncertainty, "drift_uncertainty"},
};
}  // namespace detail

inline std::string to_string(error_scaling s) {
    for (const auto& [value, name] : detail::error_scaling_names) if (value == s) return std::string(name);
    return "volatility";
}

/// Reads an `error_scaling` name; throws `value_error` naming the accepted ones.
inline error_scaling parse_error_scaling(std::string_view name) {
    for (const auto& [value, text] : detail::error_scaling_names) if (text == name) return value;
    throw value_error("scaling", "unknown error scaling '" + std::string(name) + "' (expected volatility or drift_uncertainty)");
}

/// The spread unit of an error `h` periods ahead of a training series of volatility `sigma` whose
/// observations cover `span` periods: σ, or σ·√(h + h²/span) (span below 1 counts as 1).
inline double error_unit(error_scaling s, double sigma, int h, double span) {
    if (s == error_scaling::volatility) return sigma;
    const double hh = static_cast<double>(h);
    return sigma * std::sqrt(hh + hh * hh / std::max(1.0, span));
}

/// The distribution of standardised errors at one horizon: z ~ shift + scale·T(df) (df infinite:
/// normal). Horizon 0 stands for every horizon (errors pooled over the horizons).
struct horizon_errors {
    int horizon = 1;
    std::size_t count = 0;  ///< errors it was learned from
    double shift = 0.0;
    double scale = 1.0;
    double df = std::numeric_limits<double>::infinity();
};

/// A calibration of one projection method, learned from a panel (see the header comment).
struct calibration {
    method base = method::cagr;   ///< the method whose point forecasts it calibrates
    std::string source;           ///< where it was learned: panel, period, how
    error_scaling scaling = error_scaling::drift_uncertainty;  ///< how its errors were standardised
    /// Damping φ of cagr's drift in the centre: h periods ahead the centre moves by drift·(φ + … + φ^h)
    /// (1: no damping, the centre is cagr's own median). Only a cagr calibration may have φ < 1.
    double damping = 1.0;
    /// Per indicator (key "" pools every indicator), the error distribution for horizons 1, 2, …, or
    /// a single entry of horizon 0 for every horizon.
    std::map<std::string, std::vector<horizon_errors>> horizons;

    /// The error distribution for `indicator` at horizon `h` >= 1: the indicator's own table when the
    /// calibration has one, else the pooled one; a table pooled over horizons (one entry of horizon 0)
    /// serves every h. A horizon not learned takes the largest learned one below it, H: unchanged
    /// under `drift_uncertainty` (its unit already grows with h), else with shift and scale times
    /// (h/H)^γ, γ the growth of the learned scales with the horizon (log-log least squares, within
    /// [0.5, 1]); df is kept. Throws `value_error` when the calibration is empty or h < 1.
    horizon_errors at(const std::string& indicator, int h) const {
        if (h < 1) throw value_error("horizon", "a horizon must be >= 1, got " + std::to_string(h));
        auto found = horizons.find(indicator);
        if (found == horizons.end() || found->second.empty()) found = horizons.find("");
        if (found == horizons.end() || found->second.empty()) throw value_error("calibration", "the calibration holds no error distribution");
        const auto& table = found->second;
        for (const auto& e : table) if (e.horizon == h || e.horizon == 0) return e;
        if (scaling == error_scaling::drift_uncertainty) {
            horizon_errors out = table.back();
            out.horizon = h;
            return out;
        }
        // Beyond the table: the growth of the scale with the horizon, scale ∝ h^γ, fitted by least
        // squares on the learned horizons (γ kept within [0.5, 1], 1 with a single horizon).
        const horizon_errors& last = table.back();
        double gamma = 1.0;
        if (table.size() >= 2) {
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            const double m = static_cast<double>(table.size());
            for (const auto& e : table) {
                const double x = std::log(static_cast<double>(e.horizon)), y = std::log(e.scale);
                sx += x; sy += y; sxx += x * x; sxy += x * y;
            }
            const double denominator = m * sxx - sx * sx;
            if (denominator > 0.0) gamma = std::max(0.5, std::min(1.0, (m * sxy - sx * sy) / denominator));
        }
        horizon_errors out = last;
        const double stretch = std::pow(static_cast<double>(h) / static_cast<double>(last.horizon), gamma);
        out.shift *= stretch;
        out.scale *= stretch;
        out.horizon = h;
        return out;
    }

    /// The calibration as JSON (format "ontrack-calibration", version 2: version 1 and the fields
    /// "scaling" and "damping").
    std::string to_json() const {
        std::string out = "{\n  \"format\": \"ontrack-calibration\",\n  \"version\": 2,\n  \"method\": " + detail::json_quote(to_string(base)) +
                          ",\n  \"source\": " + detail::json_quote(source) + ",\n  \"scaling\": " + detail::json_quote(to_string(scaling)) +
                          ",\n  \"damping\": " + detail::json_number(damping) + ",\n  \"indicators\": {";
        bool first_indicator = true;
        for (const auto& [indicator, table] : horizons) {
            out += std::string(first_indicator ? "" : ",") + "\n    " + detail::json_quote(indicator) + ": [";
            first_indicator = false;
            for (std::size_t i = 0; i < table.size(); ++i) {
                const auto& e = table[i];
                out += std::string(i ? "," : "") + "\n      {\"horizon\": " + std::to_string(e.horizon) + ", \"count\": " + std::to_string(e.count) +
                       ", \"shift\": " + detail::json_number(e.shift) + ", \"scale\": " + detail::json_number(e.scale) +
                       ", \"df\": " + detail::json_number(e.df) + "}";
            }
            out += "\n    ]";
        }
        return out + "\n  }\n}\n";
    }

    /// Reads `to_json` output; `source_name` names the document in errors. Throws `parse_error` for
    /// malformed JSON and `value_error` naming the field for a well-formed file that is not a
    /// calibration (wrong format or version, unknown method or scaling, a damping outside (0, 1] or
    /// below 1 for another method than cagr, a scale <= 0, df <= 0, horizons out of order). A version-1
    /// file is read with `error_scaling::volatility` and no damping, as it was written.
    static calibration from_json(std::string_view text, const std::string& source_name = "calibration") {
        const auto doc = detail::json_reader(text, source_name).read();
        const auto fail = [&](const std::string& field, const std::string& why) -> value_error {
            return value_error(field, source_name + ": " + why);
        };
        if (doc.type != detail::json_value::kind::object) throw fail("format", "a calibration is a JSON object");
        const auto member = [&](const detail::json_value& obj, const std::string& key, detail::json_value::kind k) -> const detail::json_value& {
            auto it = obj.members.find(key);
            if (it == obj.members.end() || it->second.type != k) throw fail(key, "missing or mistyped field '" + key + "'");
            return it->second;
        };
        if (member(doc, "format", detail::json_value::kind::string).text != "ontrack-calibration") throw fail("format", "not an ontrack calibration (format must be 'ontrack-calibration')");
        const double version = member(doc, "version", detail::json_value::kind::number).number;
        if (version != 1.0 && version != 2.0) throw fail("version", "unsupported calibration version (expected 1 or 2)");
        calibration out;
        out.base = parse_method(member(doc, "method", detail::json_value::kind::string).text);
        if (out.base == method::automatic) throw fail("method", "a calibration belongs to one named method, not auto");
        if (doc.has("source")) out.source = member(doc, "source", detail::json_value::kind::string).text;
        out.scaling = error_scaling::volatility;
        if (version == 2.0) {
            out.scaling = parse_error_scaling(member(doc, "scaling", detail::json_value::kind::string).text);
            out.damping = member(doc, "damping", detail::json_value::kind::number).number;
            if (!(out.damping > 0.0 && out.damping <= 1.0)) throw fail("damping", "the damping must lie in (0, 1], got " + detail::describe_number(out.damping));
            if (out.damping < 1.0 && out.base != method::cagr) throw fail("damping", "only a cagr calibration damps its drift; " + to_string(out.base) + " needs damping 1");
        }
        for (const auto& [indicator, list] : member(doc, "indicators", detail::json_value::kind::object).members) {
            if (list.type != detail::json_value::kind::array) throw fail("indicators", "the errors of '" + indicator + "' must be a list");
            std::vector<horizon_errors> table;
            for (const auto& item : list.items) {
                horizon_errors e;
                e.horizon = static_cast<int>(member(item, "horizon", detail::json_value::kind::number).number);
                e.count = static_cast<std::size_t>(member(item, "count", detail::json_value::kind::number).number);
                e.shift = member(item, "shift", detail::json_value::kind::number).number;
                e.scale = member(item, "scale", detail::json_value::kind::number).number;
                e.df = member(item, "df", detail::json_value::kind::number).number;
                if (e.horizon < 0 || (e.horizon == 0 && !list.items.empty() && list.items.size() != 1) || (!table.empty() && e.horizon <= table.back().horizon)) {
                    throw fail("horizon", "horizons of '" + indicator + "' must be >= 1 and increasing, or a single entry of horizon 0 (every horizon)");
                }
                if (!(e.scale > 0.0) || !std::isfinite(e.scale) || !std::isfinite(e.shift)) throw fail("scale", "horizon " + std::to_string(e.horizon) + " of '" + indicator + "' needs a finite shift and a scale > 0");
                if (!(e.df > 0.0)) throw fail("df", "horizon " + std::to_string(e.horizon) + " of '" + indicator + "' needs df > 0");
                table.push_back(e);
            }
            out.horizons[indicator] = std::move(table);
        }
        if (out.horizons.empty()) throw fail("indicators", "the calibration holds no error distribution");
        return out;
    }
};

/// Writes `c.to_json()` to `path`; throws `error` when the file cannot be written.
inline void save_calibration(const calibration& c, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw error("cannot write the calibration file '" + path + "'");
    out << c.to_json();
    if (!out) throw error("cannot write the calibration file '" + path + "'");
}

/// Reads a calibration written by `save_calibration`; throws `error` when the file cannot be read,
/// `parse_error`/`value_error` (naming the file) when it is not a calibration.
inline calibration load_calibration(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error("cannot read the calibration file '" + path + "'");
    std::stringstream text;
    text << in.rdbuf();
    return calibration::from_json(text.str(), path);
}

namespace detail {

// The p-quantile of sorted values, linear interpolation between order statistics (numpy's default).
inline double quantile_of_sorted(const std::vector<double>& sorted, double p) {
    const double position = p * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

// The volatility σ of a training series on the working scale: the root mean square of its yearly
// changes (a change over a gap of k periods counts as k changes of (Δw)/k each). Floored so that a
// flat series still has a spread: 1e-4 on the log and logit scales, 1e-6·max(1, |last|) on the value.
inline double working_volatility(const std::vector<period>& periods, const std::vector<double>& w, working_scale ws) {
    double sum = 0.0, steps = 0.0;
    for (std::size_t i = 1; i < w.size(); ++i) {
        const double k = static_cast<double>(periods[i] - periods[i - 1]);
        const double d = (w[i] - w[i - 1]) / k;
        sum += k * d * d;
        steps += k;
    }
    const double floor = ws == working_scale::identity ? 1e-6 * std::max(1.0, std::fabs(w.back())) : 1e-4;
    return std::max(floor, steps > 0.0 ? std::sqrt(sum / steps) : 0.0);
}

}  // namespace detail

/// How a series is standardised for calibration at an origin: its working scale, its bounds, σ and
/// the span of periods its observations cover.
struct standardiser {
    working_scale scale = working_scale::log;
    value_bounds bounds;
    double sigma = 1.0;
    double span = 1.0;

    double to_working(double v) const { return detail::to_working(v, scale, bounds); }

    /// The unit errors `h` periods ahead are measured in (`error_unit`).
    double unit(error_scaling s, int h) const { return error_unit(s, sigma, h, span); }

    /// The predictive on the value scale of w + u·(e.shift + e.scale·T(e.df)), `center` = w the point
    /// forecast on the working scale and u = `unit(s, h)`.
    predictive predictive_for(double center, const horizon_errors& e, error_scaling s, int h) const {
        const double u = unit(s, h);
        const double location = center + u * e.shift;
        const double spread = u * e.scale;
        const bool normal = !std::isfinite(e.df);
        switch (scale) {
            case working_scale::log: return normal ? predictive::log_normal(location, spread) : predictive::log_student_t(location, spread, e.df);
            case working_scale::logit:
                return normal ? predictive::logit_normal(location, spread, *bounds.lower, *bounds.upper)
                              : predictive::logit_student_t(location, spread, e.df, *bounds.lower, *bounds.upper);
            case working_scale::identity: break;
        }
        const auto d = normal ? predictive::normal(location, spread) : predictive::student_t(location, spread, e.df);
        if (bounds.empty()) return d;
        return d.censored_at(bounds.lower.value_or(-std::numeric_limits<double>::infinity()), bounds.upper.value_or(std::numeric_limits<double>::infinity()));
    }
};

/// The standardiser of `training` (the data up to the origin) within `b`.
inline standardiser standardiser_of(const series& training, const value_bounds& b) {
    const auto [periods, values] = training.observed();
    standardiser out;
    out.bounds = b;
    out.scale = working_scale_for(values, b);
    std::vector<double> w;
    for (const double v : values) w.push_back(out.to_working(v));
    out.sigma = w.empty() ? 1.0 : detail::working_volatility(periods, w, out.scale);
    out.span = periods.size() < 2 ? 1.0 : static_cast<double>(periods.back() - periods.front());
    return out;
}

namespace detail {

// φ + φ² + … + φ^h: how far a drift damped by φ carries the centre in h periods (h when φ = 1).
inline double damped_steps(double damping, int h) {
    if (damping >= 1.0) return static_cast<double>(h);
    return damping * (1.0 - std::pow(damping, h)) / (1.0 - damping);
}

// The point forecast a calibration spreads around, on the working scale, h periods after the last
// observation of `training`. For cagr it is the endpoint drift on the working scale, w_T + h·(w_T −
// w_1)/span: on the log scale exactly cagr's median y_T·(1 + g)^h, on the logit scale the same
// growth of the odds (a share approaches its bound instead of crossing it), on the value scale the
// random walk with drift; with damping φ < 1 the drift fades, w_T + (φ + … + φ^h)·drift. For the other
// methods it is the method's median.
inline double calibrated_center(method base, const series& training, const standardiser& st, int h, const projection_point* raw, double damping = 1.0) {
    if (base != method::cagr) return st.to_working(raw->distribution.median());
    const auto [periods, values] = training.observed();
    const double span = static_cast<double>(periods.back() - periods.front());
    const double last = st.to_working(values.back());
    const double drift = span > 0.0 ? (last - st.to_working(values.front())) / span : 0.0;
    return last + damped_steps(damping, h) * drift;
}

// The projection a calibration of `base` starts from: the method's own, or for cagr (whose
// calibrated centre is the working-scale drift and needs no fit) points holding only the period.
inline projection base_projection(const series& s, method base, const period& to, double level) {
    if (base != method::cagr) return project(s, base, to, level);
    if (s.count() < 3) throw data_error("the calibrated projection needs >= 3 observations, got " + std::to_string(s.count()) + " in " + series_label(s));
    projection out;
    out.used = method::cagr;
    out.reason = "requested";
    out.level = level;
    out.n = s.count();
    for (const auto& p : horizon_of(s, to)) out.points.push_back(projection_point{p, 0.0, 0.0, 0.0, predictive::normal(0.0, 0.0)});
    return out;
}

}  // namespace detail

/// Fits z ~ scale·T(df) to standardised errors so that its central 80% and 95% intervals hold 80% and
/// 95% of the errors: their half-widths are the 0.8 and 0.95 sample quantiles of |z|; df makes the
/// ratio of the two that of the t (a normal when the errors' tails are no heavier; df >= 1), scale
/// then matches the 80% half-width. The shift stays 0: a bias learned from past errors did not carry
/// over to later years on the development panel (rolling-origin, real time), a symmetric spread did.
/// Throws `data_error` for fewer than 5 errors.
inline horizon_errors fit_errors(std::vector<double> z, int horizon) {
    if (z.size() < 5) {
        const std::string where = horizon == 0 ? "pooled over the horizons" : "at horizon " + std::to_string(horizon);
        throw data_error("a calibration needs >= 5 errors " + where + ", got " + std::to_string(z.size()));
    }
    horizon_errors e;
    e.horizon = horizon;
    e.count = z.size();
    for (auto& v : z) v = std::fabs(v);
    std::sort(z.begin(), z.end());
    const double half80 = std::max(1e-9, detail::quantile_of_sorted(z, 0.8));
    const double half95 = std::max(half80, detail::quantile_of_sorted(z, 0.95));
    const double ratio = half95 / half80;
    const auto ratio_of = [](double df) { return detail::student_t_quantile(0.975, df) / detail::student_t_quantile(0.9, df); };
    const double normal_ratio = detail::normal_quantile(0.975) / detail::normal_quantile(0.9);
    if (ratio <= ratio_of(1000.0)) {
        e.df = std::numeric_limits<double>::infinity();
        e.scale = half80 / detail::normal_quantile(0.9);
        (void)normal_ratio;
        return e;
    }
    double lo = 1.0, hi = 1000.0;  // ratio_of decreases in df
    if (ratio >= ratio_of(lo)) {
        e.df = lo;
    } else {
        for (int i = 0; i < 60; ++i) {
            const double mid = std::sqrt(lo * hi);
            (ratio_of(mid) > ratio ? lo : hi) = mid;
        }
        e.df = std::sqrt(lo * hi);
    }
    e.scale = half80 / detail::student_t_quantile(0.9, e.df);
    return e;
}

/// One standardised error: a forecast of `indicator` in `region` made at `origin` for `at`.
struct scaled_error {
    std::string region;
    std::string indicator;
    period origin = period::year(2000);
    period at = period::year(2000);
    int horizon = 1;
    double z = 0.0;
};

/// What `fit_calibration` and the calibration report use of a panel.
struct calibration_fit_options {
    int horizon = 5;                            ///< horizons 1 … horizon are learned
    bool by_indicator = false;                  ///< a table per indicator besides the pooled one
    std::size_t minimum_errors = 10;            ///< fewer errors at a horizon (or in all, when pooled): not learned
    bool natural_bounds = true;                 ///< bounds from each series' unit (`natural_bounds`)
    error_scaling scaling = error_scaling::drift_uncertainty;  ///< how errors are standardised
    bool pool_horizons = true;                  ///< one error distribution for every horizon (else one per horizon)
    double damping = 1.0;                       ///< cagr only: damping φ of the drift in the centre, in (0, 1]
};

namespace detail {
// Throws `value_error` for options `fit_calibration` cannot honour with method `m`.
inline void check_fit_options(method m, const calibration_fit_options& o) {
    if (m == method::automatic) throw value_error("method", "a calibration belongs to one named method, not auto (auto may pick another model at every origin)");
    if (o.horizon < 1) throw value_error("horizon", "the horizon must be >= 1, got " + std::to_string(o.horizon));
    if (!(o.damping > 0.0 && o.damping <= 1.0)) throw value_error("damping", "the damping must lie in (0, 1], got " + describe_number(o.damping));
    if (o.damping < 1.0 && m != method::cagr) throw value_error("damping", "only cagr's drift can be damped; use damping 1 with " + to_string(m));
}
}  // namespace detail

/// Rolling-origin standardised errors of `m` on one series: from every origin with enough data, the
/// point forecasts for 1 … o.horizon periods ahead against the observations, standardised as
/// `o.scaling` says around the centre `o.damping` gives.
inline std::vector<scaled_error> scaled_errors(const series& s, method m, const calibration_fit_options& o) {
    std::vector<scaled_error> out;
    const int horizon = o.horizon;
    const auto [periods, values] = s.observed();
    const value_bounds b = o.natural_bounds ? natural_bounds(s) : value_bounds{};
    const std::size_t needed = minimum_observations(m);
    for (std::size_t k = needed; k < periods.size(); ++k) {
        const period origin = periods[k - 1];
        const series training = s.slice(s.start(), origin);
        const period last = std::min(origin + horizon, s.end());
        try {
            const projection p = detail::base_projection(training, m, last, 0.8);
            const standardiser st = standardiser_of(training, b);
            for (const auto& point : p.points) {
                const double actual = s.at(point.at);
                if (std::isnan(actual)) continue;
                const int h = static_cast<int>(point.at - origin);
                const double z = (st.to_working(actual) - detail::calibrated_center(m, training, st, h, &point, o.damping)) / st.unit(o.scaling, h);
                out.push_back({s.region(), s.indicator(), origin, point.at, h, z});
            }
        } catch (const error&) {
            // An origin the method cannot fit contributes no errors.
        }
    }
    return out;
}

/// The calibration learned from `errors` (already standardised as `o.scaling` and `o.damping` say) for
/// method `m`.
inline calibration calibration_from_errors(const std::vector<scaled_error>& errors, method m, const calibration_fit_options& o, std::string source) {
    detail::check_fit_options(m, o);
    calibration out;
    out.base = m;
    out.source = std::move(source);
    out.scaling = o.scaling;
    out.damping = o.damping;
    std::map<std::string, std::map<int, std::vector<double>>> grouped;
    for (const auto& e : errors) {
        if (e.horizon > o.horizon) continue;
        const int key = o.pool_horizons ? 0 : e.horizon;
        grouped[""][key].push_back(e.z);
        if (o.by_indicator && !e.indicator.empty()) grouped[e.indicator][key].push_back(e.z);
    }
    for (const auto& [indicator, by_h] : grouped) {
        std::vector<horizon_errors> table;
        for (const auto& [h, z] : by_h) {
            if (z.size() >= std::max<std::size_t>(5, o.minimum_errors)) table.push_back(fit_errors(z, h));
        }
        if (!table.empty()) out.horizons[indicator] = std::move(table);
    }
    if (out.horizons.empty()) {
        throw data_error("a calibration of " + to_string(m) + " needs >= " + std::to_string(std::max<std::size_t>(5, o.minimum_errors)) +
                         " forecast errors " + (o.pool_horizons ? std::string("pooled over horizons 1 to ") + std::to_string(o.horizon)
                                                                 : std::string("at some horizon")) +
                         "; the panel gave " + std::to_string(errors.size()));
    }
    return out;
}

/// True when `c` pools its errors over the horizons (its tables hold one entry of horizon 0).
inline bool pools_horizons(const calibration& c) {
    for (const auto& [indicator, table] : c.horizons) if (table.size() != 1 || table.front().horizon != 0) return false;
    return !c.horizons.empty();
}

/// Learns a calibration of method `m` (not auto) from a panel of series: rolling-origin forecasts of
/// every series, their standardised errors pooled over the horizons or per horizon (`o.pool_horizons`),
/// and per indicator when `o.by_indicator`. Throws `value_error` for auto or bad options and
/// `data_error` when the panel gives too few errors.
inline calibration fit_calibration(const std::vector<series>& series_panel, method m, const calibration_fit_options& o = {}, std::string source = {}) {
    detail::check_fit_options(m, o);
    std::vector<scaled_error> errors;
    for (const auto& s : series_panel) {
        auto some = scaled_errors(s, m, o);
        errors.insert(errors.end(), some.begin(), some.end());
    }
    if (source.empty()) source = std::to_string(series_panel.size()) + " series, rolling origin, horizons 1-" + std::to_string(o.horizon);
    return calibration_from_errors(errors, m, o, std::move(source));
}

/// `raw` (a projection of `training` by the calibration's method) with every point's predictive
/// replaced by the calibrated one (see the header comment); the point forecast is kept on the working
/// scale shifted by the learned bias, intervals follow from the new predictive.
inline projection apply_calibration(projection raw, const series& training, const calibration& c, const value_bounds& b) {
    const standardiser st = standardiser_of(training, b);
    const period last = training.end();
    for (auto& point : raw.points) {
        const int h = static_cast<int>(point.at - last);
        const auto e = c.at(training.indicator(), h);
        point.distribution = st.predictive_for(detail::calibrated_center(c.base, training, st, h, &point, c.damping), e, c.scaling, h);
        const auto interval = point.distribution.interval(raw.level);
        point.lower = interval.first;
        point.upper = interval.second;
        point.mean = point.distribution.median();
    }
    raw.params["calibration_sigma"] = st.sigma;
    raw.reason += "; calibrated on the " + to_string(st.scale) + " scale (" + (c.source.empty() ? std::string("empirical calibration") : c.source) + ")";
    return raw;
}

/// What to do on top of a method's projection.
struct projection_settings {
    /// Replace the method's intervals by an empirical calibration (null: the method's own).
    std::shared_ptr<const ontrack::calibration> calibration;
    /// Bounds of the values; empty: `bounds_for` the series (the catalogue's entry for its indicator,
    /// else its `natural_bounds` when `use_natural_bounds`). `assess` puts a target's own bounds first.
    std::optional<value_bounds> bounds;
    bool use_natural_bounds = true;
    /// Bounds declared per indicator id (`bounds_of(catalogue)`).
    indicator_bounds catalogue_bounds{};
};

/// The bounds `project(s, …, settings)` keeps to: `settings.bounds` when given, else `bounds_for` the
/// series' indicator (catalogue, then natural).
inline chosen_bounds bounds_for(const series& s, const projection_settings& settings) {
    if (settings.bounds) return chosen_bounds{*settings.bounds, settings.bounds->empty() ? "none" : "given"};
    return bounds_for(std::nullopt, {}, s.indicator(), settings.catalogue_bounds, s, settings.use_natural_bounds);
}

/// `project` with bounds and an optional calibration. The bounds (given, else natural) keep every
/// quantile inside: an uncalibrated projection is censored at them (`bounded`), a calibrated one is
/// built on the logit or log scale. With a calibration, `m` must be its method or `automatic` (which
/// then means the calibration's method). Throws as `project`, and `value_error` when an observation
/// lies outside the bounds or `m` is another method than the calibration's.
inline projection project(const series& s, method m, const period& to, double level, const projection_settings& settings) {
    const value_bounds b = bounds_for(s, settings).bounds;
    check_within(s, b);
    if (!settings.calibration) return bounded(project(s, m, to, level), b);
    const auto& c = *settings.calibration;
    if (m == method::automatic) m = c.base;
    if (m != c.base) {
        throw value_error("calibration", "the calibration is for " + to_string(c.base) + " but the projection asks for " + to_string(m) +
                                             ": use method '" + to_string(c.base) + "' (or auto) with it, or fit a calibration of " + to_string(m));
    }
    auto calibrated = apply_calibration(detail::base_projection(s, m, to, level), s, c, b);
    // A share that touches its bound is projected on the log scale (the logit needs every value
    // strictly inside), which knows no ceiling: censor it there as a method's projection is.
    return b.upper ? bounded(std::move(calibrated), b) : calibrated;
}

}  // namespace ontrack
