// Assessment: will a target be met? The observed verdict, the projection to the deadline, the
// probability of meeting the target and its stretch, the pace needed against the pace achieved, and a
// status by ontrack's probability rule or by one of the published progress rules.
#pragma once

#include <ontrack/calibration.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/progress_rules.hpp>
#include <ontrack/projection.hpp>
#include <ontrack/status.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
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

inline std::string to_string(scheme s) {
    switch (s) {
        case scheme::probability: return "probability";
        case scheme::statcan: return "statcan";
        case scheme::unsd: return "unsd";
        case scheme::unsd2023: return "unsd2023";
        case scheme::eurostat: return "eurostat";
        case scheme::escap: return "escap";
        case scheme::sdsn: return "sdsn";
    }
    return "probability";
}

/// Reads a scheme name; throws `value_error` listing the names.
inline scheme parse_scheme(std::string_view raw) {
    const auto text = detail::trim(raw);
    for (const auto s : {scheme::probability, scheme::statcan, scheme::unsd, scheme::unsd2023, scheme::eurostat, scheme::escap, scheme::sdsn}) {
        if (text == to_string(s)) return s;
    }
    throw value_error("scheme", "unknown scheme '" + std::string(raw) + "': expected probability, statcan, unsd, unsd2023, eurostat, escap or sdsn");
}

/// Bands of ontrack's probability rule (methods.md §7), lower bounds inclusive.
struct probability_thresholds {
    double on_track = 0.9;   ///< P ≥ 0.9 → on_track
    double at_risk = 0.5;    ///< 0.5 ≤ P < 0.9 → at_risk
    double off_track = 0.1;  ///< 0.1 ≤ P < 0.5 → off_track; P < 0.1 → off_track, or regressing when the pace moves away
};

/// How to assess.
struct assessment_options {
    method projection = method::automatic;
    scheme rule = scheme::probability;
    /// Only observations whose period ended before this day are used (what was known then).
    std::optional<boost::gregorian::date> as_of;
    double level = 0.95;  ///< probability content of the projected interval
    probability_thresholds probability_bands;
    rules::statcan_thresholds statcan_bands;
    rules::unsd_thresholds unsd_bands;
    rules::unsd2023_thresholds unsd2023_bands;
    rules::eurostat_thresholds eurostat_bands;
    rules::escap_thresholds escap_bands;
    rules::sdsn_thresholds sdsn_bands;
    /// Projection layers: an empirical calibration (`calibration.hpp`; with one, `projection` must be
    /// its method or auto) and the value bounds (empty: the series' natural bounds, `bounds.hpp`).
    projection_settings projection_layers;
};

/// The answer for one target. Values are in the series' unit; what does not apply is empty.
struct assessment {
    std::string id;
    period deadline = period::year(1970);  ///< set by `assess` to the target's deadline
    std::optional<period> latest_period;
    std::optional<double> latest_value;
    std::optional<period> base_period;   ///< the base the rules measure progress from
    std::optional<double> base_value;
    /// The target as a number at the deadline: the value, factor × baseline, (1 + g)·x(b), x(b) + increment.
    std::optional<double> target_value;
    std::optional<double> target_high;   ///< upper end for `within` and `~`
    std::optional<double> stretch_value;
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
    evaluation observed;                        ///< what the data alone say
    std::string message;
};

namespace detail {

/// The series as known on `as_of`: periods whose last day is before it.
inline series known_on(const series& s, const std::optional<boost::gregorian::date>& as_of) {
    if (!as_of || s.empty()) return s;
    if (s.end().last_day() < *as_of) return s;
    if (!(s.start().last_day() < *as_of)) return series().renamed(s.indicator(), s.region(), s.unit());
    period last = s.end();
    while (!(last.last_day() < *as_of)) last = last - 1;
    return s.slice(s.start(), last).renamed(s.indicator(), s.region(), s.unit());
}

inline std::string iso_date(const boost::gregorian::date& day) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(day.year()), static_cast<int>(day.month()), static_cast<int>(day.day()));
    return buffer;
}

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
        case status::not_assessable: return "not assessable";
    }
    return "not assessable";
}

/// Throws `value_error` naming the field when the options cannot be used: a level outside (0, 1),
/// probability bands out of order or outside [0, 1], a scheme's thresholds out of order.
inline void validate(const assessment_options& o) {
    if (!(o.level > 0.0 && o.level < 1.0)) {
        throw value_error("level", "the interval level must lie strictly between 0 and 1, got " + describe_number(o.level));
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
        case scheme::probability: break;
    }
}

}  // namespace detail

/// Assesses `t` against the observations in `s` (see `assessment`).
///
/// Steps: observations after `as_of` are dropped; `evaluate` says what the data decide (a deadline
/// observed gives `met`/`missed`; a span target settled early gives `missed`, or `achieved` when met
/// before the deadline). Otherwise the series is projected with `options.projection` to the deadline
/// (a deadline already past but unpublished is a nowcast) and the target is turned into a threshold on
/// the deadline value: level → value; relative → factor × base; growth → (1 + g)·x(b); average growth
/// → (1 + g)^(T − b)·x(b); increment → x(b) + value (x(b) projected when not yet observed). For
/// cumulative targets the observed sum plus the projected flows is compared (its spread taken as the
/// sum of the periods' scales: forecast errors of one model move together); per-period floors
/// multiply the periods' probabilities (a lower bound under the positive dependence of forecast
/// errors). Non-decreasing and trend targets have no threshold: their probability is that the deadline
/// value is on the desired side of the latest value.
///
/// Status: `met`/`missed` from data; `achieved` when a level or relative target's latest value
/// already meets it; else by the scheme (statcan, unsd, unsd2023, eurostat, escap, sdsn from
/// `rules::`, with the rule base = baseline_period, or the first observation at or after it, or the
/// first observation; probability: P ≥ 0.9 on_track, ≥ 0.5 at_risk, ≥ 0.1 off_track, below that
/// regressing when the actual pace moves away from the target, else off_track; when the series is too
/// short to project, the pace ratio decides with the SDSN bands and `method_used` is "pace").
///
/// Throws `value_error` for a malformed target or options; a target that cannot be assessed (no data,
/// too few points) gets status `not_assessable` with the reason in `message`.
inline assessment assess(const target& t, const series& all, const assessment_options& options = {}) {
    t.validate();
    detail::validate(options);
    assessment a;
    a.id = t.id;
    a.deadline = t.due();
    const series s = detail::known_on(all, options.as_of);
    a.observed = evaluate(t, s);
    const period deadline = a.deadline;
    const double d = detail::direction_of(t.compare);

    if (!s.empty()) {
        a.latest_period = s.end();
        a.latest_value = s.at(s.end());
    }
    a.nowcast = options.as_of && deadline.last_day() < *options.as_of && !s.has(deadline);
    const std::string as_of_text = options.as_of ? " as of " + detail::iso_date(*options.as_of) : std::string();

    // Decided by the data.
    if (a.observed.result == verdict::met || a.observed.result == verdict::missed) {
        const bool deadline_observed = s.has(deadline);
        a.unified = a.observed.result == verdict::missed ? status::missed : (deadline_observed || !t.spans_periods() ? status::met : status::achieved);
        // The table's columns hold levels: the observed deadline value, and the target as a level
        // where the evaluation compared levels (growth and increments compare rates and changes).
        if (s.has(deadline)) a.projected = s.at(deadline);
        if (t.kind == target_kind::level || t.kind == target_kind::relative) {
            a.target_value = a.observed.required;
            a.target_high = a.observed.required_high;
            a.stretch_value = a.observed.required_stretch;
        }
        a.probability = a.observed.result == verdict::met ? 1.0 : 0.0;
        if (a.observed.stretch_met) a.probability_stretch = *a.observed.stretch_met ? 1.0 : 0.0;
        a.scheme_status = to_string(a.unified);
        a.method_used = "observed";
        a.message = a.observed.message + as_of_text;
        return a;
    }
    // A base period after the latest observation is projected below; any other missing base is final.
    const bool base_in_future = !s.empty() && t.base_period() > s.end() && !t.baseline_value;
    if (a.observed.result == verdict::not_evaluable && !base_in_future) {
        a.unified = status::not_assessable;
        a.scheme_status = "not_assessable";
        a.message = a.observed.message;
        return a;
    }
    if (s.empty()) {
        a.unified = status::not_assessable;
        a.scheme_status = "not_assessable";
        a.message = "not assessable: no observations" + as_of_text;
        return a;
    }

    // Project far enough to see when the target would be reached, not only the deadline.
    const period horizon_end = std::max(deadline, s.end()) + 10;
    std::optional<projection> p;
    std::string projection_error;
    try {
        p = project(s, options.projection, horizon_end, options.level, options.projection_layers);
        a.method_used = to_string(p->used);
    } catch (const error& e) {
        projection_error = e.what();
    }
    const auto point_at = [&](const period& q) -> const projection_point* {
        if (!p) return nullptr;
        for (const auto& point : p->points) if (point.at == q) return &point;
        return nullptr;
    };
    const auto value_at = [&](const period& q) -> std::optional<double> {
        if (s.has(q)) return s.at(q);
        if (const auto* point = point_at(q)) return point->distribution.median();
        return std::nullopt;
    };

    // Units: as evaluate, target numbers in the series' unit.
    const unit target_unit = parse_unit(t.unit);
    const unit series_unit = parse_unit(s.unit());
    const double factor = (t.is_rate() && !(target_unit.known() && series_unit.known() && target_unit.base == series_unit.base))
                              ? 1.0 : conversion_factor(target_unit, series_unit);
    const auto level_of = [&](const std::optional<double>& x) -> std::optional<double> { return x ? std::optional<double>(*x * factor) : std::nullopt; };

    // The rule base: the baseline period (or the first observation at or after it), else the first
    // observation; a stated baseline value is used for the baseline period itself.
    {
        std::optional<period> base;
        if (t.baseline_period) {
            for (period q = std::max(*t.baseline_period, s.start()); q <= s.end(); q = q + 1) {
                if (s.has(q)) { base = q; break; }
            }
            if (t.baseline_value && *t.baseline_period < s.start()) base = *t.baseline_period;
        }
        if (!base) base = s.start();
        a.base_period = base;
        a.base_value = (t.baseline_value && t.baseline_period && *base == *t.baseline_period) ? *level_of(t.baseline_value) : s.at(*base);
    }

    // The threshold on the deadline value, for kinds that have one.
    std::optional<double> threshold, threshold_high, stretch;
    comparator compare = t.compare;
    const period b = t.base_period();
    const std::optional<double> base_level = t.baseline_value ? level_of(t.baseline_value) : value_at(b);
    const bool base_projected = !t.baseline_value && !s.has(b);
    double tolerance = 0.0;
    if (t.tolerance) tolerance = t.tolerance_relative ? *t.tolerance * std::fabs(*t.value) * factor : *t.tolerance * factor;
    switch (t.kind) {
        case target_kind::level:
            threshold = level_of(t.value);
            threshold_high = level_of(t.value_high);
            stretch = level_of(t.stretch);
            break;
        case target_kind::relative:
            if (base_level) {
                threshold = *t.value * *base_level;
                if (t.stretch) stretch = *t.stretch * *base_level;
            }
            break;
        case target_kind::growth:
        case target_kind::average_growth:
            if (base_level) {
                const double periods = t.kind == target_kind::growth ? 1.0 : static_cast<double>(deadline - b);
                const auto grown = [&](double rate) { return *base_level * std::pow(1.0 + rate, periods); };
                threshold = grown(*t.value);
                if (t.value_high) threshold_high = grown(*t.value_high);
                if (t.stretch) stretch = grown(*t.stretch);
                if (t.tolerance) tolerance = std::fabs(grown(*t.value + (t.tolerance_relative ? *t.tolerance * std::fabs(*t.value) : *t.tolerance)) - *threshold);
            }
            break;
        case target_kind::increment:
            if (base_level) {
                threshold = *base_level + *level_of(t.value);
                if (t.value_high) threshold_high = *base_level + *level_of(t.value_high);
                if (t.stretch) stretch = *base_level + *level_of(t.stretch);
            }
            break;
        default: break;
    }
    if (compare == comparator::about && threshold) {
        threshold_high = *threshold + tolerance;
        threshold = *threshold - tolerance;
        compare = comparator::within;
    }
    // Range targets report both bounds.
    a.target_value = threshold;
    if (compare == comparator::within) a.target_high = threshold_high;
    a.stretch_value = stretch;

    // Projection at the deadline and the probability of the target.
    if (const auto* point = point_at(deadline)) {
        a.projected = point->mean;
        a.lower = point->lower;
        a.upper = point->upper;
        const auto& dist = point->distribution;
        const auto probability_of = [&](double low, std::optional<double> high) {
            if (compare == comparator::within) return dist.probability_between(low, *high);
            return dist.probability(compare, low);
        };
        if (threshold && (compare != comparator::within || threshold_high)) a.probability = probability_of(*threshold, threshold_high);
        if (stretch) a.probability_stretch = dist.probability(compare, *stretch);
        if (t.kind == target_kind::cumulative) {
            // Observed sum + projected flows; the spread adds up across periods (errors move together).
            double sum_mean = 0.0, sum_scale = 0.0;
            bool complete = true;
            std::optional<predictive> first_projected;
            for (period q = *t.period_start; q <= deadline; q = q + 1) {
                if (s.has(q)) { sum_mean += s.at(q); continue; }
                const auto* future = point_at(q);
                if (!future) { complete = false; break; }
                if (future->distribution.on_log_scale()) { complete = false; break; }  // sums of log-t values have no closed form
                sum_mean += future->distribution.location;
                sum_scale += future->distribution.scale;
                if (!first_projected) first_projected = future->distribution;
            }
            if (complete && first_projected) {
                predictive sum = *first_projected;
                sum.location = sum_mean;
                sum.scale = sum_scale;
                a.projected = sum_mean;
                const auto bounds = sum.interval(options.level);
                a.lower = bounds.first;
                a.upper = bounds.second;
                a.target_value = level_of(t.value);
                a.probability = compare == comparator::within || t.compare == comparator::about
                                    ? sum.probability_between(*level_of(t.value) - tolerance, t.compare == comparator::about ? *level_of(t.value) + tolerance : *level_of(t.value_high))
                                    : sum.probability(compare, *level_of(t.value));
                if (t.stretch) a.probability_stretch = sum.probability(compare, *level_of(t.stretch));
            }
        }
        if (t.kind == target_kind::per_period) {
            double product = 1.0, product_stretch = 1.0;
            const double floor_value = *level_of(t.value);
            for (period q = *t.period_start; q <= deadline; q = q + 1) {
                if (s.has(q)) continue;  // observed periods passed (evaluate found no failure)
                const auto* future = point_at(q);
                if (!future) continue;
                const auto& fd = future->distribution;
                if (t.compare == comparator::about) product *= fd.probability_between(floor_value - tolerance, floor_value + tolerance);
                else if (t.compare == comparator::within) product *= fd.probability_between(floor_value, *level_of(t.value_high));
                else product *= fd.probability(t.compare, floor_value);
                if (t.stretch) product_stretch *= fd.probability(t.compare, *level_of(t.stretch));
            }
            a.target_value = level_of(t.value);
            a.probability = product;
            if (t.stretch) a.probability_stretch = product_stretch;
        }
        if (t.kind == target_kind::non_decreasing || t.kind == target_kind::trend) {
            // No number: the chance that the deadline value is on the desired side of the latest value.
            a.probability = dist.probability(t.compare, *a.latest_value);
            if (t.kind == target_kind::trend && t.value) a.target_value = level_of(t.value);
        }
    }

    // Paces: needed from the latest value, achieved since the base.
    const double latest = *a.latest_value;
    const auto periods_left = static_cast<double>(deadline - *a.latest_period);
    const bool has_goal = t.kind != target_kind::cumulative && t.kind != target_kind::per_period && a.target_value.has_value();
    const double goal = has_goal ? *a.target_value : 0.0;
    if (has_goal) {
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
    const bool gap_open = has_goal && d * (goal - latest) > 0.0;
    if (gap_open && a.required_pace && a.actual_pace && *a.required_pace != 0.0) {
        a.pace_ratio = (*a.required_pace > 0 ? 1.0 : -1.0) * *a.actual_pace / std::fabs(*a.required_pace);
    }
    if (p && has_goal && compare != comparator::within) a.expected_period = p->expected_crossing(compare, goal);

    // Already achieved before the deadline: a level (or relative) target whose latest value meets it.
    const bool achieved = (t.kind == target_kind::level || t.kind == target_kind::relative) && threshold &&
                          detail::satisfies(latest, compare, *threshold, threshold_high.value_or(0.0));

    // The scheme's verdict.
    if (options.rule == scheme::probability) {
        if (achieved) {
            a.unified = status::achieved;
        } else if (!a.probability && a.pace_ratio) {
            // Too little data to project: judge by pace alone, with the SDSN bands (pace ratio ≥ 1 on
            // track, ≥ 0.5 at risk, ≥ 0 off track, below regressing), and say so in the message.
            const double ratio = *a.pace_ratio;
            a.unified = ratio >= 1.0 ? status::on_track : ratio >= 0.5 ? status::at_risk : ratio >= 0.0 ? status::off_track : status::regressing;
            a.method_used = "pace";
            projection_error = "no projection (" + projection_error + "); status from the pace achieved against the pace needed";
        } else if (!a.probability) {
            a.unified = status::not_assessable;
        } else {
            const double prob = *a.probability;
            const auto& bands = options.probability_bands;
            const bool moving_away = a.pace_ratio ? *a.pace_ratio < 0.0 : (a.actual_pace && d * *a.actual_pace < 0.0);
            a.unified = prob >= bands.on_track ? status::on_track : prob >= bands.at_risk ? status::at_risk
                      : prob >= bands.off_track ? status::off_track : moving_away ? status::regressing : status::off_track;
        }
        a.progress = a.probability;
        a.scheme_status = to_string(a.unified);
    } else {
        rules::rule_input in;
        in.base_period = a.base_period->decimal_year();
        in.base_value = *a.base_value;
        in.current_period = a.latest_period->decimal_year();
        in.current_value = latest;
        in.direction = static_cast<int>(d);
        if (has_goal && t.kind != target_kind::trend && t.kind != target_kind::non_decreasing) {
            in.target_period = deadline.decimal_year();
            in.target_value = compare == comparator::within ? (*a.target_value + *a.target_high) / 2.0 : goal;
            if (compare == comparator::within) in.direction = in.target_value >= *a.base_value ? 1 : -1;
        }
        if (t.kind == target_kind::trend && t.value) in.limit = *level_of(t.value);
        rules::rule_result r;
        try {
            switch (options.rule) {
                case scheme::statcan: r = rules::statcan(in, options.statcan_bands); break;
                case scheme::unsd: r = rules::unsd(in, options.unsd_bands); break;
                case scheme::unsd2023: r = rules::unsd2023(in, options.unsd2023_bands); break;
                case scheme::eurostat: r = rules::eurostat(in, options.eurostat_bands); break;
                case scheme::sdsn: r = rules::sdsn(in, options.sdsn_bands); break;
                case scheme::escap:
                    if (!a.projected) throw data_error("escap needs a projection of the deadline value: " + projection_error);
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
        } catch (const error& e) {
            a.scheme_status = "not_assessable";
            a.unified = status::not_assessable;
            projection_error = e.what();
        }
    }

    // The sentence.
    std::string m = detail::status_word(a.unified);
    if (a.unified == status::not_assessable) {
        m += ": " + (projection_error.empty() ? std::string("the rule has no verdict for this target") : projection_error);
    } else {
        if (a.method_used == "pace") m += " (" + projection_error + ")";
        m += ": latest " + detail::fmt(latest) + " (" + a.latest_period->to_string() + ")";
        if (a.target_value && t.kind != target_kind::cumulative && t.kind != target_kind::per_period) m += ", target " + detail::fmt(*a.target_value);
        if (a.projected) m += std::string(a.nowcast ? ", nowcast " : ", projected ") + detail::fmt(*a.projected) + " in " + deadline.to_string();
        if (a.probability) m += ", P(met) " + detail::fmt(*a.probability);
        if (a.probability_stretch) m += ", P(stretch) " + detail::fmt(*a.probability_stretch);
        if (a.required_pace && a.actual_pace) m += "; needs " + detail::fmt(*a.required_pace) + "/period, achieved " + detail::fmt(*a.actual_pace) + "/period";
        if (base_projected && (t.kind == target_kind::growth || t.kind == target_kind::average_growth || t.kind == target_kind::increment || t.kind == target_kind::relative)) {
            m += " (base " + b.to_string() + " projected)";
        }
    }
    a.message = m + as_of_text;
    return a;
}

}  // namespace ontrack
