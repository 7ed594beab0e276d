// Assessment: will a target be met? The observed verdict, the projection to the deadline, the
// probability of meeting the target and its stretch, the pace needed against the pace achieved, and a
// status by ontrack's probability rule or by one of the published progress rules.
#pragma once

#include <ontrack/calibration.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/goal.hpp>
#include <ontrack/progress_rules.hpp>
#include <ontrack/projected_sum.hpp>
#include <ontrack/projection.hpp>
#include <ontrack/publication.hpp>
#include <ontrack/series_selection.hpp>
#include <ontrack/status.hpp>
#include <ontrack/unit.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// Which rule gives the status.
enum class scheme {
    probability,  ///< ontrack's: P(target met at the deadline) from the projection (default)
    statcan,      ///< Statistics Canada / open-sdg 2.4 (verified against the published output)
    unsd,         ///< UNSD Progress Chart, trend method to 2022
    unsd2023,     ///< UNSD SDG Report 2023 onward (expected value at the deadline)
    eurostat,     ///< Eurostat EU SDG report (rate ratio)
    escap,        ///< ESCAP / UNECE anticipated progress (uses the projection)
    sdsn,         ///< SDSN linear-pace trend arrows
};

/// What a verdict rests on.
enum class basis {
    observed,   ///< the data decide it: the deadline observed, a span settled, or the target already reached
    nowcast,    ///< the deadline has passed but its figure is not published: a projection of it
    projected,  ///< a projection to a deadline still ahead (or the ESCAP rule, which uses one)
    pace,       ///< the pace achieved against the pace needed (the published rules, or too few points to project)
    none,       ///< no verdict
};

namespace detail {

// Each vocabulary once, read in both directions.
inline constexpr std::array<std::pair<scheme, std::string_view>, 7> scheme_names{{
    {scheme::probability, "probability"}, {scheme::statcan, "statcan"}, {scheme::unsd, "unsd"}, {scheme::unsd2023, "unsd2023"},
    {scheme::eurostat, "eurostat"},       {scheme::escap, "escap"},     {scheme::sdsn, "sdsn"},
}};
inline constexpr std::array<std::pair<basis, std::string_view>, 5> basis_names{{
    {basis::observed, "observed"}, {basis::nowcast, "nowcast"}, {basis::projected, "projected"}, {basis::pace, "pace"}, {basis::none, "none"},
}};

template <class Table>
std::string name_list(const Table& table) {
    std::string out;
    for (const auto& entry : table) out += (out.empty() ? "" : ", ") + std::string(entry.second);
    return out;
}

}  // namespace detail

inline std::string to_string(scheme s) {
    for (const auto& [value, name] : detail::scheme_names) if (value == s) return std::string(name);
    throw value_error("scheme", "not a valid ontrack::scheme (" + std::to_string(static_cast<int>(s)) + ")");
}

/// Reads a scheme name; throws `value_error` listing the names.
inline scheme parse_scheme(std::string_view raw) {
    const auto text = detail::trim(raw);
    for (const auto& [value, name] : detail::scheme_names) if (text == name) return value;
    throw value_error("scheme", "unknown scheme '" + std::string(raw) + "': expected one of " + detail::name_list(detail::scheme_names));
}

/// "observed", "nowcast", "projected", "pace" or "none".
inline std::string to_string(basis b) {
    for (const auto& [value, name] : detail::basis_names) if (value == b) return std::string(name);
    throw value_error("basis", "not a valid ontrack::basis (" + std::to_string(static_cast<int>(b)) + ")");
}

/// Reads a basis name; throws `parse_error` listing the names.
inline basis parse_basis(std::string_view text) {
    for (const auto& [value, name] : detail::basis_names) if (text == name) return value;
    throw parse_error("basis", std::string(text), "unknown basis; expected one of " + detail::name_list(detail::basis_names));
}

/// Bands of ontrack's probability rule (methods.md §7), lower bounds inclusive.
struct probability_thresholds {
    double on_track = 0.9;   ///< P ≥ 0.9 → on_track
    double at_risk = 0.5;    ///< 0.5 ≤ P < 0.9 → at_risk
    double off_track = 0.1;  ///< 0.1 ≤ P < 0.5 → off_track; P < 0.1 → off_track, or regressing when the pace moves away
};

namespace rules {

/// ontrack's probability rule (methods.md §7), beside the published rules: P ≥ on_track → on_track,
/// ≥ at_risk → at_risk, ≥ off_track → off_track; below that regressing when the pace moves away from
/// the target (`moving_away`), else off_track.
inline ontrack::status probability_rule(double p, bool moving_away, const probability_thresholds& bands = {}) {
    if (p >= bands.on_track) return ontrack::status::on_track;
    if (p >= bands.at_risk) return ontrack::status::at_risk;
    if (p >= bands.off_track) return ontrack::status::off_track;
    return moving_away ? ontrack::status::regressing : ontrack::status::off_track;
}

/// The pace fallback when a series is too short to project: the SDSN bands on the pace ratio (achieved
/// pace / needed pace), read as unified statuses: ≥ on_track → on_track, ≥ moderate → at_risk,
/// ≥ stagnating → off_track, below → regressing.
inline ontrack::status pace_rule(double ratio, const sdsn_thresholds& bands = {}) {
    if (ratio >= bands.on_track) return ontrack::status::on_track;
    if (ratio >= bands.moderate) return ontrack::status::at_risk;
    if (ratio >= bands.stagnating) return ontrack::status::off_track;
    return ontrack::status::regressing;
}

}  // namespace rules

/// How to assess.
struct assessment_options {
    method projection = method::automatic;
    scheme rule = scheme::probability;
    /// The day of the assessment: only figures published by then are used, and a deadline before it
    /// whose figure is not published is `awaiting_data`. None: every figure given, no deadline awaited.
    std::optional<boost::gregorian::date> as_of;
    double level = 0.95;  ///< probability content of the projected interval
    /// Months from the end of a period to the release of its figure. A bare series has no publication
    /// dates: `assess(target, series)` uses this lag (0 when empty: a period counts once it has ended).
    /// Series selected from an observation table use each row's publication date first (see
    /// `select_series`). Also gives the expected publication day of an awaited deadline (empty:
    /// `default_publication_lags`: the lag of the target's indicator, or of the series' when the target
    /// names none, e.g. from `publication_lags_of(catalogue)`, else by frequency).
    std::optional<int> publication_lag_months;
    publication_lags default_publication_lags;
    probability_thresholds probability_bands;
    rules::statcan_thresholds statcan_bands;
    rules::unsd_thresholds unsd_bands;
    rules::unsd2023_thresholds unsd2023_bands;
    rules::eurostat_thresholds eurostat_bands;
    rules::escap_thresholds escap_bands;
    rules::sdsn_thresholds sdsn_bands;
    /// Projection layers: an empirical calibration (`calibration.hpp`; with one, `projection` must be
    /// its method or auto), the value bounds of targets that declare none (empty: `bounds_for` each) and the
    /// bounds the catalogue declares per indicator (`bounds_of(catalogue)`).
    projection_settings projection_layers;
};

/// The answer for one target. Values are in the series' unit; what does not apply is empty.
struct assessment {
    std::string id;
    period deadline = period::year(1970);  ///< set by `assess` to the target's deadline
    std::optional<period> latest_period;
    std::optional<double> latest_value;
    std::optional<period> base_period;   ///< the base the paces and rules measure progress from (the target's base when observed)
    std::optional<double> base_value;
    /// The target as a number at the deadline: the value, factor × baseline, (1 + g)·x(b), x(b) + increment;
    /// for an "about" target its central value, for a range its lower end.
    std::optional<double> target_value;
    std::optional<double> target_low;    ///< lower end of a band (`within`, `~`)
    std::optional<double> target_high;   ///< upper end of a band
    std::optional<double> stretch_value; ///< empty when there is none or it equals the target
    std::optional<double> projected;     ///< point projection at the deadline (or the observed value once observed)
    std::optional<double> lower;
    std::optional<double> upper;
    std::optional<double> probability;          ///< P(target met), from the projection
    std::optional<double> probability_stretch;  ///< P(stretch met)
    std::optional<double> required_pace;        ///< change per period needed from the latest value to the target
    std::optional<double> required_growth;      ///< the same as a compound rate per period
    std::optional<double> actual_pace;          ///< change per period from the base to the latest value
    std::optional<double> actual_growth;        ///< the same as a compound rate per period
    std::optional<double> pace_ratio;           ///< actual / required pace, signed so that > 0 moves toward the target; empty once the target is passed
    std::optional<period> expected_period;      ///< first period whose projected median meets the target (up to 10 years past the deadline)
    std::optional<double> gap;                  ///< target − latest value
    std::optional<double> progress;             ///< as the scheme defines it
    std::optional<double> score;                ///< statcan only
    status unified = status::not_assessable;
    std::string scheme_status;
    std::string method_used;
    bool nowcast = false;                       ///< the deadline has passed but is not yet observed: projected
    basis based_on = basis::none;               ///< what the verdict rests on
    /// For `awaiting_data`: the day the deadline's figure is expected (its publication date where the
    /// data hold it, else the end of the deadline plus the publication lag).
    std::optional<boost::gregorian::date> expected_publication;
    /// For `awaiting_data`: the expected publication day is already past on `as_of` and the figure is
    /// still not in the data (late, or the lag assumed is too short).
    bool overdue = false;
    evaluation observed;                        ///< what the data alone say
    std::optional<projection> path;             ///< the projection the verdict used (empty when none was made)
    chosen_bounds bounds;                       ///< the bounds of the values the projection kept to, and where they come from
    resolved_goal goal;                         ///< the target as numbers (see `resolved_goal`)
    assessment_options options;                 ///< the options it was made with
    std::string message;
};

namespace detail {

inline double direction_of(comparator c) {
    return (c == comparator::at_most || c == comparator::less) ? -1.0 : 1.0;
}

inline std::string status_word(status s) {
    switch (s) {
        case status::met: return "met";
        case status::missed: return "missed";
        case status::achieved: return "already achieved";
        case status::on_track: return "on track";
        case status::at_risk: return "at risk";
        case status::off_track: return "off track";
        case status::regressing: return "regressing";
        case status::awaiting_data: return "awaiting data";
        case status::not_assessable: return "not assessable";
    }
    return "not assessable";
}

/// Throws `value_error` naming the field when the options cannot be used: a level outside (0, 1),
/// probability bands out of order or outside [0, 1], a scheme's thresholds out of order, a negative
/// publication lag.
inline void validate(const assessment_options& o) {
    if (!(o.level > 0.0 && o.level < 1.0)) {
        throw value_error("level", "the interval level must lie strictly between 0 and 1, got " + describe_number(o.level));
    }
    if (o.publication_lag_months && *o.publication_lag_months < 0) {
        throw value_error("publication_lag_months", "a publication lag cannot be negative, got " + std::to_string(*o.publication_lag_months));
    }
    const auto& p = o.probability_bands;
    if (!(0.0 <= p.off_track && p.off_track <= p.at_risk && p.at_risk <= p.on_track && p.on_track <= 1.0)) {
        throw value_error("probability_bands", "the bands must satisfy 0 <= off_track <= at_risk <= on_track <= 1, got " + describe_number(p.off_track) +
                                                   ", " + describe_number(p.at_risk) + ", " + describe_number(p.on_track));
    }
    // Each rule checks its own thresholds; run the chosen one on a plain input so that bad thresholds
    // are an error here rather than a not-assessable row later.
    rules::rule_input probe;
    probe.base_period = 2000.0;
    probe.base_value = 1.0;
    probe.current_period = 2001.0;
    probe.current_value = 2.0;
    probe.target_period = 2010.0;
    probe.target_value = 3.0;
    switch (o.rule) {
        case scheme::statcan: (void)rules::statcan(probe, o.statcan_bands); break;
        case scheme::unsd: (void)rules::unsd(probe, o.unsd_bands); break;
        case scheme::unsd2023: (void)rules::unsd2023(probe, o.unsd2023_bands); break;
        case scheme::eurostat: (void)rules::eurostat(probe, o.eurostat_bands); break;
        case scheme::escap: (void)rules::escap(probe, 2.5, o.escap_bands); break;
        case scheme::sdsn: (void)rules::sdsn(probe, o.sdsn_bands); break;
        case scheme::probability: (void)rules::sdsn(probe, o.sdsn_bands); break;  // its pace fallback uses the SDSN bands
    }
}

/// The scheme's label for "no data": open-sdg (statcan) says not_available; the others have none.
inline std::string no_data_label(scheme rule) { return rule == scheme::statcan ? "not_available" : "not_assessable"; }

/// An assessment with no verdict, and why.
inline assessment not_assessable(assessment a, const std::string& reason, const std::string& scheme_label = "not_assessable") {
    a.unified = status::not_assessable;
    a.scheme_status = scheme_label;
    a.based_on = basis::none;
    a.message = reason;
    return a;
}

/// Stage: a period of the target that later observations pass over but that has no observation itself
/// (a gap at the deadline, or inside a span). A later value must never stand in for it.
inline std::optional<period> missing_inside(const target& t, const series& s) {
    if (s.empty()) return std::nullopt;
    const period deadline = t.due();
    const period first = t.spans_periods() && t.period_start ? *t.period_start : deadline;
    for (period q = first; q <= deadline && q < s.end(); q = q + 1) {
        if (!s.has(q)) return q;
    }
    return std::nullopt;
}

/// Stage: the projection far enough past the deadline to see when the target would be reached (ten
/// years of the series' periods); the error message when the series cannot be projected.
inline std::pair<std::optional<projection>, std::string> project_stage(const target& t, const series& s, const assessment_options& options,
                                                                       const value_bounds& bounds) {
    const period deadline = t.due();
    const period horizon_end = std::max(deadline, s.end()) + 10 * static_cast<std::int64_t>(static_cast<int>(s.freq()));
    projection_settings layers = options.projection_layers;
    layers.bounds = bounds;
    try {
        return {project(s, options.projection, horizon_end, options.level, layers), std::string()};
    } catch (const error& e) {
        return {std::nullopt, e.what()};
    }
}

/// Stage: the bounds of the target's values, in precedence the target's `bounds`, the bounds given in
/// the options (`projection_layers.bounds`), the catalogue's entry for its indicator, the natural bounds
/// of the series (`bounds_for`). Throws `value_error` naming the target, period and value when an
/// observation lies outside them.
inline chosen_bounds bounds_stage(const target& t, const series& s, const projection_settings& layers) {
    chosen_bounds b = (layers.bounds && !t.bounds) ? chosen_bounds{*layers.bounds, layers.bounds->empty() ? "none" : "given"}
                                                   : bounds_for(t, layers.catalogue_bounds, s, layers.use_natural_bounds);
    check_within(s, b, t.id, t.indicator);
    return b;
}

/// Half the finest step of the published figures of `s`: 0.05 when they carry one decimal, 0.5 for
/// whole numbers (at most 6 decimals are counted).
inline double half_published_step(const series& s) {
    std::size_t decimals = 0;
    for (const double v : s.observed().second) {
        const std::string text = detail::format_number(v);
        const auto dot = text.find('.');
        if (dot != std::string::npos && text.find_first_of("eE") == std::string::npos) decimals = std::max(decimals, text.size() - dot - 1);
    }
    return 0.5 * std::pow(10.0, -static_cast<double>(std::min<std::size_t>(decimals, 6)));
}

/// The threshold P(met) is computed at for a level goal `x` on a bound of the values (a share of at
/// least 100%, a count of at most 0): the value within half the published step of the bound, which
/// publishes as the bound. A projection on the logit or log scale never sits on a bound (P would be 0
/// whatever the data), a censored one only with the mass it puts beyond; the plan's figure is met when
/// the published one reaches it. Any other goal: `x` itself.
inline double threshold_for_bound(double x, comparator c, const value_bounds& b, const series& s) {
    if (b.upper && c == comparator::at_least && x >= *b.upper) return *b.upper - half_published_step(s);
    if (b.lower && c == comparator::at_most && x <= *b.lower) return *b.lower + half_published_step(s);
    return x;
}

inline const projection_point* point_at(const std::optional<projection>& p, const period& q) {
    if (!p) return nullptr;
    for (const auto& point : p->points) if (point.at == q) return &point;
    return nullptr;
}

/// Stage: the target as numbers at the deadline, in the series' unit (`ontrack::resolve_goal`, shared
/// with `evaluate`). The base value is stated, observed or (when after the latest observation)
/// projected. Returns the reason instead when the base cannot carry the target (zero, negative, not
/// finite) or the target is beyond the range of numbers.
inline std::pair<resolved_goal, std::string> resolve_goal(const target& t, const series& s, const std::optional<projection>& p) {
    const double factor = goal_unit_factor(t, s.unit());
    auto base = goal_base_value(t, s, factor);
    bool projected = false;
    if (!base) {
        if (const auto* point = point_at(p, t.base_period())) {
            base = point->distribution.median();
            projected = true;
        }
    }
    auto [g, problem] = ontrack::resolve_goal(t, factor, base, projected);
    if (!problem.empty()) problem = "not assessable: " + problem;
    return {g, problem};
}

/// What the probability stage gives.
struct deadline_probability {
    std::optional<double> projected, lower, upper, probability, probability_stretch;
};

/// Stage: the projection at the deadline and P(target met), by target-kind family: a threshold on the
/// deadline value (level, relative, growth, increment); the observed sum plus the projected flows
/// (cumulative; on the value scale the spread adds up across periods: forecast errors of one model move
/// together; on the log or logit scale the sum is sampled, `sum_of_periods`); the
/// product of the periods' probabilities (per-period floors; a lower bound under the positive dependence
/// of forecast errors); the deadline value on the desired side of the latest value, or at the trend's
/// natural limit (its value, else the bound in the desired direction) when the latest value is there
/// (non-decreasing, trend).
inline deadline_probability probability_stage(const target& t, const series& s, const resolved_goal& g, const std::optional<projection>& p, double level,
                                              const value_bounds& bounds = {}) {
    deadline_probability out;
    const period deadline = t.due();
    const auto* point = point_at(p, deadline);
    if (!point) return out;
    out.projected = point->mean;
    out.lower = point->lower;
    out.upper = point->upper;
    const auto& dist = point->distribution;
    const auto in_band = [&](const predictive& d, double low, const std::optional<double>& high) {
        return g.compare == comparator::within ? d.probability_between(low, *high) : d.probability(g.compare, low);
    };
    switch (t.kind) {
        case target_kind::cumulative: {
            double sum_mean = 0.0, sum_scale = 0.0;
            std::optional<predictive> first_projected;
            // Periods projected on the log or logit scale (the calibrated default): the sum has no
            // closed form; it is sampled with the dependence of a random walk on the working scale
            // (projected_sum.hpp).
            bool on_value_scale = true;
            for (period q = *t.period_start; q <= deadline; q = q + 1) {
                const auto* future = s.has(q) ? nullptr : point_at(p, q);
                if (future && !future->distribution.on_value_scale()) on_value_scale = false;
            }
            if (!on_value_scale) {
                double known = 0.0;
                std::vector<predictive> periods;
                std::vector<int> horizons;
                for (period q = *t.period_start; q <= deadline; q = q + 1) {
                    if (s.has(q)) { known += s.at(q); continue; }
                    const auto* future = point_at(p, q);
                    if (!future || !(q > s.end())) return {};
                    periods.push_back(future->distribution);
                    horizons.push_back(static_cast<int>(q - s.end()));
                }
                if (periods.empty()) return {};
                const sampled_sum sum = sum_of_periods(periods, horizons, known);
                out.projected = sum.median();
                const auto interval = sum.interval(level);
                out.lower = interval.first;
                out.upper = interval.second;
                const auto chance = [&](double low, const std::optional<double>& high) {
                    return g.compare == comparator::within ? sum.probability_between(low, *high) : sum.probability(g.compare, low);
                };
                if (g.threshold && (g.compare != comparator::within || g.threshold_high)) out.probability = chance(*g.threshold, g.threshold_high);
                if (g.stretch) out.probability_stretch = sum.probability(g.compare, *g.stretch);
                return out;
            }
            for (period q = *t.period_start; q <= deadline; q = q + 1) {
                if (s.has(q)) { sum_mean += s.at(q); continue; }
                const auto* future = point_at(p, q);
                if (!future) return {};
                sum_mean += future->distribution.location;
                sum_scale += future->distribution.scale;
                if (!first_projected) first_projected = future->distribution;
            }
            if (!first_projected) return {};
            predictive sum = *first_projected;
            sum.location = sum_mean;
            sum.scale = sum_scale;
            out.projected = sum_mean;
            const auto interval = sum.interval(level);
            out.lower = interval.first;
            out.upper = interval.second;
            if (g.threshold && (g.compare != comparator::within || g.threshold_high)) out.probability = in_band(sum, *g.threshold, g.threshold_high);
            if (g.stretch) out.probability_stretch = sum.probability(g.compare, *g.stretch);
            return out;
        }
        case target_kind::per_period: {
            double product = 1.0, product_stretch = 1.0;
            for (period q = *t.period_start; q <= deadline; q = q + 1) {
                if (s.has(q)) continue;  // observed periods passed (evaluate found no failure)
                const auto* future = point_at(p, q);
                if (!future) continue;
                product *= in_band(future->distribution, *g.threshold, g.threshold_high);
                if (g.stretch) product_stretch *= future->distribution.probability(t.compare, *g.stretch);
            }
            out.probability = product;
            if (g.stretch) out.probability_stretch = product_stretch;
            return out;
        }
        case target_kind::non_decreasing:
        case target_kind::trend: {
            // The deadline value on the desired side of the latest one, or at the natural limit of the
            // trend: a `trend` target's value, else the bound the desired direction runs into. Reaching
            // the limit keeps the trend (a share at 100% that stays there has not fallen, and cannot
            // rise further), so from a latest value at the limit the question is whether the value
            // stays on it as published: within half the published step of the limit (see
            // `threshold_for_bound`; P(value > 100%) would be 0, and a projection centred on the bound
            // would put half its mass a hair below it).
            const double latest = s.at(s.end());
            const bool up = direction_of(t.compare) > 0.0;
            const std::optional<double> limit = (t.kind == target_kind::trend && g.threshold) ? g.threshold : (up ? bounds.upper : bounds.lower);
            const bool at_limit = limit && (up ? latest >= *limit : latest <= *limit);
            const double step = half_published_step(s);
            out.probability = at_limit ? dist.probability(up ? comparator::at_least : comparator::at_most, up ? *limit - step : *limit + step)
                                       : dist.probability(t.compare, latest);
            return out;
        }
        default: {
            const auto on_bound = [&](double x) { return t.kind == target_kind::level ? threshold_for_bound(x, g.compare, bounds, s) : x; };
            if (g.threshold && (g.compare != comparator::within || g.threshold_high)) out.probability = in_band(dist, on_bound(*g.threshold), g.threshold_high);
            if (g.stretch) out.probability_stretch = dist.probability(g.compare, on_bound(*g.stretch));
            return out;
        }
    }
}

/// Stage: paces. Needed: from the latest value to the goal (the centre of an "about" target) over the
/// periods left; achieved: from the base to the latest value. Both also as compound rates when positive.
inline void pace_stage(assessment& a, const target& t, const resolved_goal& g) {
    const double d = direction_of(t.compare);
    const double latest = *a.latest_value;
    const auto periods_left = static_cast<double>(a.deadline - *a.latest_period);
    const bool has_goal = t.kind != target_kind::cumulative && t.kind != target_kind::per_period && g.centre.has_value();
    if (has_goal) {
        const double goal = *g.centre;
        a.gap = goal - latest;
        if (periods_left > 0) {
            a.required_pace = (goal - latest) / periods_left;
            if (goal > 0 && latest > 0) a.required_growth = std::pow(goal / latest, 1.0 / periods_left) - 1.0;
        }
    }
    const auto periods_done = static_cast<double>(*a.latest_period - *a.base_period);
    if (periods_done > 0) {
        a.actual_pace = (latest - *a.base_value) / periods_done;
        if (latest > 0 && *a.base_value > 0) a.actual_growth = std::pow(latest / *a.base_value, 1.0 / periods_done) - 1.0;
    }
    // The ratio is about closing a gap: once the latest value is beyond the target there is none.
    const bool gap_open = has_goal && d * (*g.centre - latest) > 0.0;
    if (gap_open && a.required_pace && a.actual_pace && *a.required_pace != 0.0) {
        a.pace_ratio = (*a.required_pace > 0 ? 1.0 : -1.0) * *a.actual_pace / std::fabs(*a.required_pace);
    }
}

/// Stage: the rule base of the paces and the published rules, one per target: the target's base
/// period (`baseline_period`, or the period before `period_start` for targets measured from a base)
/// when observed, or stated with `baseline_value`, else the first observation after it, else the first
/// observation.
inline void base_stage(assessment& a, const target& t, const series& s, const resolved_goal& g) {
    const bool measured_from_base = t.kind == target_kind::relative || t.is_rate() || t.kind == target_kind::increment;
    std::optional<period> anchor = t.baseline_period;
    if (!anchor && t.period_start && measured_from_base) anchor = g.base;
    std::optional<period> base;
    if (anchor) {
        for (period q = std::max(*anchor, s.start()); q <= s.end(); q = q + 1) {
            if (s.has(q)) { base = q; break; }
        }
        if (t.baseline_value && *anchor < s.start()) base = *anchor;
    }
    if (!base) base = s.start();
    a.base_period = base;
    a.base_value = (t.baseline_value && anchor && *base == *anchor) ? *t.baseline_value * g.unit_factor : s.at(*base);
}

/// Stage: the scheme's verdict for a deadline ahead (or awaited). `achieved`: a level or relative
/// target whose latest value already meets it.
inline void rule_stage(assessment& a, const target& t, const resolved_goal& g, bool achieved, std::string& reason, const assessment_options& options) {
    const double d = direction_of(t.compare);
    if (options.rule == scheme::probability) {
        if (achieved) {
            a.unified = status::achieved;
            a.based_on = basis::observed;
        } else if (!a.probability && a.pace_ratio) {
            // Too little data to project: judge by pace alone, with the SDSN bands, and say so.
            a.unified = rules::pace_rule(*a.pace_ratio, options.sdsn_bands);
            a.method_used = "pace";
            a.based_on = basis::pace;
            reason = "no projection (" + reason + "); status from the pace achieved against the pace needed";
        } else if (!a.probability) {
            a.unified = status::not_assessable;
        } else {
            const bool moving_away = a.pace_ratio ? *a.pace_ratio < 0.0 : (a.actual_pace && d * *a.actual_pace < 0.0);
            a.unified = rules::probability_rule(*a.probability, moving_away, options.probability_bands);
            a.based_on = basis::projected;
        }
        a.progress = a.probability;
        a.scheme_status = to_string(a.unified);
        return;
    }
    rules::rule_input in;
    in.base_period = a.base_period->decimal_year();
    in.base_value = *a.base_value;
    in.current_period = a.latest_period->decimal_year();
    in.current_value = *a.latest_value;
    in.direction = static_cast<int>(d);
    const bool has_goal = g.centre && t.kind != target_kind::trend && t.kind != target_kind::non_decreasing && t.kind != target_kind::cumulative &&
                          t.kind != target_kind::per_period;
    if (has_goal) {
        in.target_period = a.deadline.decimal_year();
        in.target_value = g.compare == comparator::within ? (*g.threshold + *g.threshold_high) / 2.0 : *g.centre;
        if (g.compare == comparator::within) in.direction = *in.target_value >= *a.base_value ? 1 : -1;
    }
    if (t.kind == target_kind::trend && g.threshold) in.limit = *g.threshold;
    try {
        rules::rule_result r;
        switch (options.rule) {
            case scheme::statcan: r = rules::statcan(in, options.statcan_bands); break;
            case scheme::unsd: r = rules::unsd(in, options.unsd_bands); break;
            case scheme::unsd2023: r = rules::unsd2023(in, options.unsd2023_bands); break;
            case scheme::eurostat: r = rules::eurostat(in, options.eurostat_bands); break;
            case scheme::sdsn: r = rules::sdsn(in, options.sdsn_bands); break;
            case scheme::escap:
                if (!a.projected) throw data_error("escap needs a projection of the deadline value: " + reason);
                r = rules::escap(in, *a.projected, options.escap_bands);
                break;
            case scheme::probability: break;
        }
        a.progress = r.progress;
        a.score = r.score;
        a.scheme_status = r.scheme_status;
        // Already achieved is achieved under every scheme; the native label stays as the rule said
        // (schemes without an "achieved" label, such as Eurostat's, give their best band).
        a.unified = achieved ? status::achieved : r.unified;
        a.based_on = achieved ? basis::observed : a.unified == status::not_assessable ? basis::none : options.rule == scheme::escap ? basis::projected : basis::pace;
    } catch (const error& e) {
        a.scheme_status = "not_assessable";
        a.unified = status::not_assessable;
        a.based_on = basis::none;
        reason = e.what();
    }
}

/// Stage: the sentence.
inline std::string message_stage(const assessment& a, const target& t, const resolved_goal& g, const std::string& reason) {
    std::string m = detail::status_word(a.unified);
    if (a.unified == status::not_assessable) {
        return m + ": " + (reason.empty() ? std::string("the rule has no verdict for this target") : reason);
    }
    if (a.based_on == basis::pace && a.method_used == "pace") m += " (" + reason + ")";
    m += ": latest " + detail::fmt(*a.latest_value) + " (" + a.latest_period->to_string() + ")";
    if (a.unified == status::awaiting_data) {
        if (a.overdue) {
            m += ", the " + a.deadline.to_string() + " figure is overdue (expected " + iso_date(*a.expected_publication) + ", not in the data)";
        } else {
            m += ", the " + a.deadline.to_string() + " figure is not yet published";
            if (a.expected_publication) m += " (expected " + iso_date(*a.expected_publication) + ")";
        }
    }
    if (g.centre && t.kind != target_kind::cumulative && t.kind != target_kind::per_period) {
        m += ", target " + (t.compare == comparator::about ? detail::fmt(*g.centre) + " ± " + detail::fmt(g.tolerance) : detail::fmt(*g.centre));
    }
    if (a.projected) m += std::string(a.nowcast ? ", nowcast " : ", projected ") + detail::fmt(*a.projected) + " in " + a.deadline.to_string();
    if (a.probability) m += ", P(met) " + detail::fmt(*a.probability);
    if (a.probability_stretch) m += ", P(stretch) " + detail::fmt(*a.probability_stretch);
    if (t.is_rate() && a.required_growth && a.actual_growth) {
        m += "; needs " + detail::fmt(100.0 * *a.required_growth) + "%/period, achieved " + detail::fmt(100.0 * *a.actual_growth) + "%/period";
    } else if (a.required_pace && a.actual_pace) {
        m += "; needs " + detail::fmt(*a.required_pace) + "/period, achieved " + detail::fmt(*a.actual_pace) + "/period";
    }
    if (g.base_projected && (t.kind == target_kind::growth || t.kind == target_kind::average_growth || t.kind == target_kind::increment || t.kind == target_kind::relative)) {
        m += " (base " + g.base.to_string() + " projected)";
    }
    return m;
}

/// Stage: the data decide (`a.observed` is met or missed): the verdict, the target as the table's
/// columns hold it, the base, and P = 1 or 0.
inline void observed_stage(assessment& a, const target& t, const series& s, const std::string& as_of_text) {
    const auto [g, goal_problem] = resolve_goal(t, s, std::nullopt);
    a.goal = g;
    const bool deadline_observed = s.has(a.deadline);
    a.unified = a.observed.result == verdict::missed ? status::missed : (deadline_observed || !t.spans_periods() ? status::met : status::achieved);
    a.based_on = basis::observed;
    a.nowcast = false;
    if (deadline_observed) a.projected = s.at(a.deadline);
    // The table's columns hold levels: the observed deadline value, and the target as a level
    // where the evaluation compared levels (growth and increments compare rates and changes).
    if (t.kind == target_kind::level || t.kind == target_kind::relative) {
        a.target_value = a.observed.required;
        a.target_high = a.observed.required_high;
        if (t.compare == comparator::within) a.target_low = a.observed.required;
        if (a.observed.required_stretch && !(a.observed.required && *a.observed.required_stretch == *a.observed.required)) a.stretch_value = a.observed.required_stretch;
    } else if ((t.kind == target_kind::increment || t.is_rate()) && goal_problem.empty()) {
        // Increments and growth compare changes and rates; the target as a level of the series
        // (x(b) + increment, (1 + g)·x(b)) is still what a chart draws.
        a.target_value = g.centre;
        if (g.compare == comparator::within) {
            a.target_low = g.threshold;
            a.target_high = g.threshold_high;
        }
        a.stretch_value = g.stretch;
    }
    if (!s.empty()) base_stage(a, t, s, a.goal);
    a.probability = a.observed.result == verdict::met ? 1.0 : 0.0;
    if (a.observed.stretch_met && a.stretch_value) a.probability_stretch = *a.observed.stretch_met ? 1.0 : 0.0;
    a.scheme_status = to_string(a.unified);
    a.method_used = "observed";
    a.message = a.observed.message + as_of_text;
}

/// Stage: why the target cannot be projected, if it cannot: not evaluable for good, no data, or a
/// missing period inside the data (a later value never stands in for it). Empty when it can.
inline std::optional<std::pair<std::string, std::string>> unassessable_stage(const assessment& a, const target& t, const selection& selected,
                                                                             const assessment_options& options, const std::string& as_of_text) {
    const series& s = selected.values;
    // A base period after the latest observation is projected; any other missing base is final.
    const bool base_in_future = !s.empty() && t.base_period() > s.end() && !t.baseline_value;
    if (a.observed.result == verdict::not_evaluable && !base_in_future) {
        return std::make_pair(a.observed.message, s.empty() ? std::string(no_data_label(options.rule)) : std::string("not_assessable"));
    }
    if (s.empty()) return std::make_pair("not assessable: no observations" + as_of_text, std::string(no_data_label(options.rule)));
    if (const auto gap = missing_inside(t, s)) {
        if (!selected.published_on(*gap)) {
            return std::make_pair("not assessable: " + gap->to_string() + " has no observation although later periods have; a later value does not stand in for it" + as_of_text,
                                  std::string("not_assessable"));
        }
    }
    return std::nullopt;
}

/// Stage: the resolved goal as the table's columns hold it (the target, its band, its stretch).
inline void goal_columns_stage(assessment& a, const target& t, const resolved_goal& g) {
    a.target_value = g.centre;
    if (g.compare == comparator::within) {
        a.target_low = g.threshold;
        a.target_high = g.threshold_high;
        if (t.compare == comparator::within) a.target_value = g.threshold;
    }
    a.stretch_value = g.stretch;
    if (t.kind == target_kind::non_decreasing || t.kind == target_kind::trend) a.target_value = t.kind == target_kind::trend ? g.threshold : std::nullopt;
}

/// The months from the end of the deadline to its figure's release, when the data hold no date for it:
/// the lag given (`publication_lag_months`), else the indicator's in `default_publication_lags` (the
/// target's indicator, or the series' when the target names none: a bare series may carry the id),
/// else the frequency default.
inline int expected_lag_months(const target& t, const series& s, const assessment_options& options) {
    if (options.publication_lag_months) return *options.publication_lag_months;
    const std::string& indicator = t.indicator.empty() ? s.indicator() : t.indicator;
    return options.default_publication_lags.months(t.due().freq(), indicator);
}

/// Stage: a passed deadline without its figure waits for it: `awaiting_data`, the nowcast as P(met),
/// no path required to a deadline already over, the day the figure is expected, and whether that
/// day has passed already (`overdue`).
inline void awaiting_stage(assessment& a, const target& t, const selection& selected, const assessment_options& options) {
    a.unified = status::awaiting_data;
    a.scheme_status = "awaiting_data";
    a.based_on = a.probability ? basis::nowcast : basis::none;
    a.required_pace.reset();
    a.required_growth.reset();
    a.pace_ratio.reset();
    a.gap.reset();
    const auto due = selected.published_on(a.deadline);
    a.expected_publication = due ? *due : available_from(a.deadline, expected_lag_months(t, selected.values, options));
    a.overdue = options.as_of && *a.expected_publication <= *options.as_of;
}

}  // namespace detail

/// Assesses `t` against a selected series (`select_series`): its values are what is known on
/// `options.as_of`, and `unpublished` lists figures that exist but were not yet published then.
///
/// Stages (each a function in `detail`): evaluate — the data decide (a deadline observed gives
/// `met`/`missed`; a span target settled early gives `missed`, or `achieved` when met before the
/// deadline); a deadline or span period that later observations pass over but that is itself missing
/// is not assessable (a later value never stands in for it); project the series; resolve the goal
/// (level → value; relative → factor × base; growth → (1 + g)·x(b); average growth → (1 + g)^(T − b)·x(b);
/// increment → x(b) + value; a zero, negative or infinite base, or a target beyond the range of numbers,
/// is not assessable); P(met) per target-kind family; paces; the rule (ontrack's probability rule with
/// its pace fallback on the SDSN bands, or a published rule from `rules::` with the one base period of
/// the target); the message.
///
/// A deadline that has passed (before `options.as_of`) with no published figure is `awaiting_data`:
/// its P(met) is a nowcast, `expected_publication` says when the figure is due, and no pace is required.
///
/// Throws `value_error` for a malformed target or options; a target that cannot be assessed (no data,
/// too few points) gets status `not_assessable` with the reason in `message`.
inline assessment assess(const target& t, const selection& selected, const assessment_options& options) {
    t.validate();
    detail::validate(options);
    const series& s = selected.values;
    assessment a;
    a.id = t.id;
    a.deadline = t.due();
    a.options = options;
    a.observed = evaluate(t, s);
    // Every result carries its goal, the not assessable ones too; a projected base refines it below.
    a.goal = detail::resolve_goal(t, s, std::nullopt).first;
    const std::string as_of_text = options.as_of ? " as of " + iso_date(*options.as_of) : std::string();
    if (!s.empty()) {
        a.latest_period = s.end();
        a.latest_value = s.at(s.end());
    }
    const bool deadline_passed = options.as_of && a.deadline.last_day() < *options.as_of && !s.has(a.deadline);
    a.nowcast = deadline_passed;
    a.bounds = detail::bounds_stage(t, s, options.projection_layers);

    if (a.observed.result == verdict::met || a.observed.result == verdict::missed) {
        detail::observed_stage(a, t, s, as_of_text);
        return a;
    }
    if (const auto why = detail::unassessable_stage(a, t, selected, options, as_of_text)) return detail::not_assessable(a, why->first, why->second);

    auto [p, reason] = detail::project_stage(t, s, options, a.bounds.bounds);
    if (p) a.method_used = to_string(p->used);
    auto [g, goal_problem] = detail::resolve_goal(t, s, p);
    a.goal = g;
    if (!goal_problem.empty()) return detail::not_assessable(a, goal_problem + as_of_text);
    a.path = p;
    detail::goal_columns_stage(a, t, g);

    const auto chance = detail::probability_stage(t, s, g, p, options.level, a.bounds.bounds);
    a.projected = chance.projected;
    a.lower = chance.lower;
    a.upper = chance.upper;
    a.probability = chance.probability;
    a.probability_stretch = chance.probability_stretch;

    detail::base_stage(a, t, s, g);
    detail::pace_stage(a, t, g);
    if (p && g.centre && t.kind != target_kind::cumulative && t.kind != target_kind::per_period && g.compare != comparator::within) {
        a.expected_period = p->expected_crossing(g.compare, *g.centre);
    }

    const bool achieved = (t.kind == target_kind::level || t.kind == target_kind::relative) && g.threshold &&
                          detail::satisfies(*a.latest_value, g.compare, *g.threshold, g.threshold_high.value_or(0.0));
    detail::rule_stage(a, t, g, achieved && !deadline_passed, reason, options);
    if (deadline_passed && a.unified != status::not_assessable) detail::awaiting_stage(a, t, selected, options);
    a.message = detail::message_stage(a, t, g, reason) + as_of_text;
    return a;
}

/// Assesses `t` against the observations in `s` as known on `options.as_of`: a period counts once
/// `options.publication_lag_months` (0 when empty) have passed since it ended (a bare series carries
/// no publication dates; select from an observation table for those). See the overload above.
inline assessment assess(const target& t, const series& s, const assessment_options& options = {}) {
    detail::validate(options);
    selection known;
    known.values = detail::known_on(s, options.as_of, options.publication_lag_months.value_or(0));
    return assess(t, known, options);
}

}  // namespace ontrack
