// The calibration report: how honest a method's intervals and probabilities have been on a panel of
// real series. Rolling-origin forecasts 1 … H periods ahead (a forecast at origin T uses only the
// observations up to T; with a first-release panel that is what was published then), scored per
// method and horizon by interval coverage, the PIT histogram, the weighted interval score relative to
// a random walk with drift, and the Brier score and reliability of threshold events.
#pragma once

#include <ontrack/calibration.hpp>
#include <ontrack/projection.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ontrack {

/// What the report runs and how it scores.
///
/// Method names: any projection method ("linear", …, "auto"); "rw_drift", the textbook random walk
/// with drift on the values (drift = mean yearly change, normal predictive with variance
/// s²·h·(1 + h/(n − 1)), s² the variance of the yearly changes); "M+loro", method M calibrated
/// leave-one-region-out (the forecasts of a region are calibrated with the errors of every other
/// region; with `real_time` only errors whose target period was observed by the origin; errors
/// standardised by drift uncertainty and pooled over horizons, `calibration_fit_options`' defaults);
/// "M+cal", method M with the calibration `calibration`; "default", what `assess` uses when no method
/// is named (the bundled calibration of its method, `default_calibration`, when one is given here:
/// learned on the panel it came from, so in-sample there); "default+loro", the default's procedure
/// (its method, error scaling, pooling and damping) learned leave-one-region-out like "M+loro": the
/// honest measure of the default on the panel it was learned from.
struct calibration_report_options {
    std::vector<std::string> methods{"linear", "loglinear", "cagr", "holt", "holt_damped", "auto", "rw_drift"};
    int horizon = 5;
    std::vector<double> levels{0.5, 0.8, 0.9, 0.95};
    /// Threshold events value ≥ c with c = origin value × (1 + g)^h for each g.
    std::vector<double> growth{-0.04, -0.02, 0.0, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20};
    int pit_bins = 10;
    /// Upper edges of the reliability bins of P (the last bin ends at 1, inclusive).
    std::vector<double> reliability_edges{0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.0};
    bool real_time = true;                      ///< "M+loro": only errors published by the origin
    std::size_t minimum_errors = 10;            ///< "M+loro": fewer errors at a horizon → learned from a shorter one
    bool by_indicator = false;                  ///< "M+loro": a table per indicator besides the pooled one (pooled alone is steadier on small panels)
    bool pool_horizons = true;                  ///< "M+loro": one error distribution for every horizon (else one per horizon)
    bool natural_bounds = true;                 ///< bounds from each series' unit
    std::shared_ptr<const ontrack::calibration> calibration;          ///< for "M+cal"
    std::shared_ptr<const ontrack::calibration> default_calibration;  ///< for "default"
};

/// One scored forecast.
struct report_forecast {
    std::string method;
    std::string region;
    std::string indicator;
    period origin = period::year(2000);
    period at = period::year(2000);
    int horizon = 1;
    double actual = 0.0;
    double origin_value = 0.0;
    double median = 0.0;
    double pit = 0.0;        ///< P(value <= actual) under the forecast
    double wis = 0.0;        ///< weighted interval score (Bracher et al. 2021, K = 11 intervals and the median)
    double scaled_wis = 0.0; ///< wis / mean absolute yearly change of the series up to the origin
    std::vector<double> lower, upper;  ///< central interval ends, one per report level
    predictive distribution;
};

/// Scores of one method at one horizon (horizon 0: all horizons pooled).
struct report_summary {
    std::string method;
    int horizon = 0;
    std::size_t forecasts = 0;
    std::vector<double> coverage;           ///< per report level
    std::vector<std::size_t> pit_histogram; ///< counts per PIT bin
    double mean_scaled_wis = 0.0;
    /// mean scaled WIS / that of rw_drift on the same forecasts (same region, indicator, origin, period); NaN without rw_drift
    double relative_wis = std::numeric_limits<double>::quiet_NaN();
    std::size_t events = 0;                 ///< threshold events scored
    double brier = 0.0;
    std::size_t low_p = 0;                  ///< events given P < 5%
    double low_p_reached = std::numeric_limits<double>::quiet_NaN();   ///< share of those that happened
    std::size_t high_p = 0;                 ///< events given P >= 95%
    double high_p_reached = std::numeric_limits<double>::quiet_NaN();
};

/// One reliability bin of a method (all horizons): events whose P fell in [p_low, p_high).
struct reliability_bin {
    std::string method;
    double p_low = 0.0, p_high = 0.0;
    std::size_t events = 0;
    double mean_probability = std::numeric_limits<double>::quiet_NaN();
    double observed_frequency = std::numeric_limits<double>::quiet_NaN();
};

/// The result of `calibration_report`.
struct calibration_report {
    calibration_report_options options;
    std::vector<report_forecast> forecasts;
    std::vector<report_summary> summaries;      ///< per method: horizon 0 (pooled) then 1 … H
    std::vector<reliability_bin> reliability;
    std::vector<std::string> skipped;           ///< methods or series that could not be run, and why
};

namespace detail {

// The textbook random walk with drift on the values (fpp3 §5.5), fitted on the observed points.
inline projection project_rw_drift(const series& s, const period& to, double level) {
    const auto [periods, values] = s.observed();
    if (values.size() < 3) throw data_error("rw_drift needs >= 3 observations, got " + std::to_string(values.size()));
    const double span = static_cast<double>(periods.back() - periods.front());
    const double drift = (values.back() - values.front()) / span;
    double sum_sq = 0.0;
    for (std::size_t i = 1; i < values.size(); ++i) {
        const double k = static_cast<double>(periods[i] - periods[i - 1]);
        const double r = values[i] - values[i - 1] - drift * k;
        sum_sq += r * r / k;
    }
    const double variance = sum_sq / static_cast<double>(values.size() - 2);
    projection out;
    out.used = method::linear;
    out.reason = "rw_drift";
    out.level = level;
    out.n = values.size();
    for (period p = periods.back() + 1; p <= to; p = p + 1) {
        const double h = static_cast<double>(p - periods.back());
        const auto d = predictive::normal(values.back() + h * drift, std::sqrt(variance * h * (1.0 + h / span)));
        const auto interval = d.interval(level);
        out.points.push_back(projection_point{p, d.location, interval.first, interval.second, d});
    }
    return out;
}

// Weighted interval score of a predictive at `y` (Bracher, Ray, Gneiting, Reich 2021, eq. 2) with
// α = 0.02, 0.05, 0.1, 0.2, …, 0.9 (K = 11) and weights α/2 and ½ for the median.
inline double weighted_interval_score(const predictive& d, double y) {
    static const double alphas[] = {0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    double total = 0.5 * std::fabs(y - d.median());
    for (const double a : alphas) {
        const double l = d.quantile(a / 2.0), u = d.quantile(1.0 - a / 2.0);
        double score = u - l;
        if (y < l) score += 2.0 / a * (l - y);
        if (y > u) score += 2.0 / a * (y - u);
        total += a / 2.0 * score;
    }
    return total / (11.0 + 0.5);
}

inline double mean_absolute_change(const std::vector<period>& periods, const std::vector<double>& values) {
    double sum = 0.0, steps = 0.0;
    for (std::size_t i = 1; i < values.size(); ++i) {
        sum += std::fabs(values[i] - values[i - 1]);
        steps += static_cast<double>(periods[i] - periods[i - 1]);
    }
    const double m = steps > 0.0 ? sum / steps : 0.0;
    return m > 0.0 ? m : std::max(1e-12, 1e-6 * std::fabs(values.back()));
}

struct report_method {
    std::string name;
    bool rw = false;
    method base = method::linear;
    enum class layer { none, loro, fixed } calibrated = layer::none;
    std::shared_ptr<const calibration> fixed;
    calibration_fit_options fit;  // "+loro": how its calibrations are learned
};

inline report_method parse_report_method(const std::string& name, const calibration_report_options& o) {
    report_method r;
    r.name = name;
    r.fit.horizon = o.horizon;
    r.fit.by_indicator = o.by_indicator;
    r.fit.minimum_errors = o.minimum_errors;
    r.fit.natural_bounds = o.natural_bounds;
    r.fit.pool_horizons = o.pool_horizons;
    if (name == "rw_drift") { r.rw = true; return r; }
    if (name == "default+loro") {
        if (!o.default_calibration) throw value_error("methods", "the report method 'default+loro' needs the default calibration");
        r.base = o.default_calibration->base;
        r.calibrated = report_method::layer::loro;
        r.fit.scaling = o.default_calibration->scaling;
        r.fit.damping = o.default_calibration->damping;
        r.fit.pool_horizons = pools_horizons(*o.default_calibration);
        return r;
    }
    if (name == "default") {
        if (!o.default_calibration) throw value_error("methods", "the report method 'default' needs the default calibration");
        r.base = o.default_calibration->base;
        r.calibrated = report_method::layer::fixed;
        r.fixed = o.default_calibration;
        return r;
    }
    const auto plus = name.find('+');
    r.base = parse_method(name.substr(0, plus));
    if (plus == std::string::npos) return r;
    const std::string suffix = name.substr(plus + 1);
    if (r.base == method::automatic) throw value_error("methods", "'" + name + "': a calibration belongs to one named method, not auto");
    if (suffix == "loro") r.calibrated = report_method::layer::loro;
    else if (suffix == "cal") {
        if (!o.calibration) throw value_error("methods", "'" + name + "' needs a calibration (pass one)");
        if (o.calibration->base != r.base) throw value_error("methods", "'" + name + "': the calibration given is for " + to_string(o.calibration->base));
        r.calibrated = report_method::layer::fixed;
        r.fixed = o.calibration;
    } else {
        throw value_error("methods", "unknown report method '" + name + "': a method name, rw_drift, default, default+loro, or a method with +loro or +cal");
    }
    return r;
}

// A raw forecast before scoring: the training series' standardiser and the method's median.
struct pending_forecast {
    std::size_t series_index;
    period origin;
    period at;
    int horizon;
    double actual;
    double origin_value;
    double scale_mae;
    predictive distribution;
    standardiser st;
    double center;  // "M+loro": the calibrated centre on the working scale
};

}  // namespace detail

/// Runs the report on `series_panel` (one series per region × indicator, first-release values). Throws
/// `value_error` for bad options (horizon < 1, levels outside (0, 1), unknown method names); series
/// or methods that cannot be run are listed in `skipped`.
inline calibration_report run_calibration_report(const std::vector<series>& series_panel, const calibration_report_options& o = {}) {
    if (o.horizon < 1) throw value_error("horizon", "the horizon must be >= 1, got " + std::to_string(o.horizon));
    for (const double l : o.levels) if (!(l > 0.0 && l < 1.0)) throw value_error("levels", "interval levels must lie in (0, 1), got " + detail::describe_number(l));
    if (o.pit_bins < 1) throw value_error("pit_bins", "at least one PIT bin is needed");
    std::vector<detail::report_method> methods;
    for (const auto& name : o.methods) methods.push_back(detail::parse_report_method(name, o));

    calibration_report out;
    out.options = o;
    for (const auto& rm : methods) {
        std::vector<detail::pending_forecast> pending;
        for (std::size_t si = 0; si < series_panel.size(); ++si) {
            const series& s = series_panel[si];
            const auto [periods, values] = s.observed();
            const std::size_t needed = rm.rw ? 3 : minimum_observations(rm.base);
            const value_bounds b = o.natural_bounds ? natural_bounds(s) : value_bounds{};
            for (std::size_t k = needed; k < periods.size(); ++k) {
                const period origin = periods[k - 1];
                const series training = s.slice(s.start(), origin);
                const period last = std::min(origin + o.horizon, s.end());
                try {
                    const bool loro = rm.calibrated == detail::report_method::layer::loro;
                    const projection p = rm.rw ? bounded(detail::project_rw_drift(training, last, 0.8), b)
                                         : loro ? detail::base_projection(training, rm.base, last, 0.8)
                                                : project(training, rm.base, last, 0.8, projection_settings{rm.fixed, b, false});
                    const auto obs = training.observed();
                    const standardiser st = standardiser_of(training, b);
                    const double mac = detail::mean_absolute_change(obs.first, obs.second);
                    for (const auto& point : p.points) {
                        const double actual = s.at(point.at);
                        if (std::isnan(actual)) continue;
                        const int h = static_cast<int>(point.at - origin);
                        const double center = loro ? detail::calibrated_center(rm.base, training, st, h, &point, rm.fit.damping) : 0.0;
                        pending.push_back({si, origin, point.at, h, actual, obs.second.back(), mac, point.distribution, st, center});
                    }
                } catch (const error& e) {
                    out.skipped.push_back(rm.name + ", " + (s.region().empty() ? std::string("series ") + std::to_string(si) : s.region()) + " / " + s.indicator() +
                                          " at " + origin.to_string() + ": " + e.what());
                }
            }
        }
        if (rm.calibrated == detail::report_method::layer::loro) {
            // Standardised errors of every raw forecast, then each forecast recalibrated from the
            // others' (other regions; published by its origin when real_time).
            std::vector<scaled_error> errors;
            for (const auto& f : pending) {
                const auto& s = series_panel[f.series_index];
                errors.push_back({s.region(), s.indicator(), f.origin, f.at, f.horizon, (f.st.to_working(f.actual) - f.center) / f.st.unit(rm.fit.scaling, f.horizon)});
            }
            std::map<std::tuple<std::string, std::int64_t>, std::optional<calibration>> cache;
            const calibration_fit_options& fo = rm.fit;
            std::vector<detail::pending_forecast> kept;
            for (auto& f : pending) {
                const auto& s = series_panel[f.series_index];
                const auto key = std::make_tuple(s.region(), o.real_time ? f.origin.ordinal() : std::int64_t{0});
                auto found = cache.find(key);
                if (found == cache.end()) {
                    std::vector<scaled_error> usable;
                    for (const auto& e : errors) {
                        if (e.region == s.region()) continue;
                        if (o.real_time && e.at > f.origin) continue;
                        usable.push_back(e);
                    }
                    std::optional<calibration> c;
                    try { c = calibration_from_errors(usable, rm.base, fo, "leave-one-region-out"); } catch (const error&) {}
                    found = cache.emplace(key, std::move(c)).first;
                }
                if (!found->second) {
                    out.skipped.push_back(rm.name + ", " + s.region() + " / " + s.indicator() + " at " + f.origin.to_string() + " for " + f.at.to_string() +
                                          ": too few errors of other regions published by then to calibrate");
                    continue;
                }
                f.distribution = f.st.predictive_for(f.center, found->second->at(s.indicator(), f.horizon), fo.scaling, f.horizon);
                kept.push_back(std::move(f));
            }
            pending = std::move(kept);
        }
        for (const auto& f : pending) {
            const auto& s = series_panel[f.series_index];
            report_forecast r;
            r.method = rm.name;
            r.region = s.region();
            r.indicator = s.indicator();
            r.origin = f.origin;
            r.at = f.at;
            r.horizon = f.horizon;
            r.actual = f.actual;
            r.origin_value = f.origin_value;
            r.median = f.distribution.median();
            r.pit = f.distribution.cdf(f.actual);
            r.wis = detail::weighted_interval_score(f.distribution, f.actual);
            r.scaled_wis = r.wis / f.scale_mae;
            for (const double l : o.levels) {
                const auto interval = f.distribution.interval(l);
                r.lower.push_back(interval.first);
                r.upper.push_back(interval.second);
            }
            r.distribution = f.distribution;
            out.forecasts.push_back(std::move(r));
        }
    }

    // rw_drift's scaled WIS per forecast key, for the relative scores.
    std::map<std::tuple<std::string, std::string, std::int64_t, std::int64_t>, double> reference;
    for (const auto& f : out.forecasts) {
        if (f.method == "rw_drift") reference[std::make_tuple(f.region, f.indicator, f.origin.ordinal(), f.at.ordinal())] = f.scaled_wis;
    }
    for (const auto& rm : methods) {
        std::map<int, std::vector<const report_forecast*>> by;
        for (const auto& f : out.forecasts) {
            if (f.method != rm.name) continue;
            by[0].push_back(&f);
            by[f.horizon].push_back(&f);
        }
        std::vector<std::size_t> bin_events(o.reliability_edges.size(), 0);
        std::vector<double> bin_p(o.reliability_edges.size(), 0.0), bin_hit(o.reliability_edges.size(), 0.0);
        for (const auto& [h, group] : by) {
            report_summary sum;
            sum.method = rm.name;
            sum.horizon = h;
            sum.forecasts = group.size();
            sum.coverage.assign(o.levels.size(), 0.0);
            sum.pit_histogram.assign(static_cast<std::size_t>(o.pit_bins), 0);
            double wis = 0.0, wis_common = 0.0, wis_reference = 0.0, brier = 0.0, low_hit = 0.0, high_hit = 0.0;
            bool any_common = false;
            for (const auto* f : group) {
                for (std::size_t i = 0; i < o.levels.size(); ++i) sum.coverage[i] += (f->lower[i] <= f->actual && f->actual <= f->upper[i]) ? 1.0 : 0.0;
                const auto bin = std::min<std::size_t>(static_cast<std::size_t>(f->pit * o.pit_bins), static_cast<std::size_t>(o.pit_bins - 1));
                ++sum.pit_histogram[bin];
                wis += f->scaled_wis;
                const auto ref = reference.find(std::make_tuple(f->region, f->indicator, f->origin.ordinal(), f->at.ordinal()));
                if (ref != reference.end()) {
                    any_common = true;
                    wis_common += f->scaled_wis;
                    wis_reference += ref->second;
                }
                for (const double g : o.growth) {
                    const double c = f->origin_value * std::pow(1.0 + g, f->horizon);
                    const double p = f->distribution.probability(comparator::at_least, c);
                    const double hit = f->actual >= c ? 1.0 : 0.0;
                    brier += (p - hit) * (p - hit);
                    ++sum.events;
                    if (p < 0.05) { ++sum.low_p; low_hit += hit; }
                    if (p >= 0.95) { ++sum.high_p; high_hit += hit; }
                    if (h == 0) {
                        std::size_t b = 0;
                        while (b + 1 < o.reliability_edges.size() && p >= o.reliability_edges[b]) ++b;
                        ++bin_events[b];
                        bin_p[b] += p;
                        bin_hit[b] += hit;
                    }
                }
            }
            const double n = static_cast<double>(group.size());
            for (auto& c : sum.coverage) c /= n;
            sum.mean_scaled_wis = wis / n;
            if (any_common && wis_reference > 0.0) sum.relative_wis = wis_common / wis_reference;
            sum.brier = sum.events ? brier / static_cast<double>(sum.events) : std::numeric_limits<double>::quiet_NaN();
            if (sum.low_p) sum.low_p_reached = low_hit / static_cast<double>(sum.low_p);
            if (sum.high_p) sum.high_p_reached = high_hit / static_cast<double>(sum.high_p);
            out.summaries.push_back(std::move(sum));
        }
        for (std::size_t b = 0; b < o.reliability_edges.size(); ++b) {
            reliability_bin bin;
            bin.method = rm.name;
            bin.p_low = b == 0 ? 0.0 : o.reliability_edges[b - 1];
            bin.p_high = o.reliability_edges[b];
            bin.events = bin_events[b];
            if (bin_events[b]) {
                bin.mean_probability = bin_p[b] / static_cast<double>(bin_events[b]);
                bin.observed_frequency = bin_hit[b] / static_cast<double>(bin_events[b]);
            }
            out.reliability.push_back(bin);
        }
    }
    return out;
}

}  // namespace ontrack
