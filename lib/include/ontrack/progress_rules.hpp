// The published progress rules, as pure functions on numbers: one function per scheme, each taking a
// base observation, the latest observation and (when the scheme needs one) a numeric target, and
// returning the scheme's own label beside ontrack's unified status. Formulas, thresholds and how sure
// we are of each rule: docs/schemes.md (from guide/methods.md).
//
// Native label → unified ontrack::status (the same table for every scheme; labels are unique to a
// meaning, so `unified_status(label)` needs no scheme argument):
//
//   scheme    native label               unified
//   --------  -------------------------  --------------
//   statcan   target_achieved            achieved
//             substantial_progress       on_track
//             moderate_progress          at_risk
//             limited_progress           off_track
//             deterioration              regressing
//             not_available              not_assessable
//   unsd      target_achieved            achieved
//             substantial_progress       on_track
//             fair_progress              at_risk
//             limited_progress           off_track
//             deterioration              regressing
//             insufficient_data          not_assessable
//   unsd2023  target_met                 achieved
//             on_track                   on_track
//             acceleration_needed        at_risk
//             stagnation_or_regression   off_track
//             insufficient_data          not_assessable
//   eurostat  significant_progress       on_track
//             moderate_progress          at_risk
//             insufficient_progress      off_track
//             movement_away              regressing
//             insufficient_data          not_assessable
//   escap     maintain_progress          on_track
//             accelerate_progress        at_risk
//             reverse_trend              regressing
//             insufficient_data          not_assessable
//   sdsn      on_track                   on_track
//             moderately_improving       at_risk
//             stagnating                 off_track
//             decreasing                 regressing
//             insufficient_data          not_assessable
//
// One override applies after the table, in every scheme: when there is a numeric target and the
// latest period is at or after the target period, the deadline has been observed and the unified
// status becomes `met` or `missed` (the native label is left as the scheme computed it).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/error.hpp>
#include <ontrack/status.hpp>

namespace ontrack::rules {

/// What every rule reads: two observations, an optional numeric target and the direction.
/// Periods are years as doubles, so that quarters can be fractional (2021.25).
struct rule_input {
    double base_period = 0.0;  ///< t0: the base (or, for Eurostat, the start of the assessment window).
    double base_value = 0.0;   ///< x0: the value observed at t0.
    double current_period = 0.0;  ///< t: the latest observed period; must not be before t0.
    double current_value = 0.0;   ///< xt: the value observed at t.
    std::optional<double> target_period;  ///< T: the deadline; required when target_value is given.
    std::optional<double> target_value;   ///< xT: none = no numeric target.
    std::optional<double> limit;          ///< StatCan's natural limit L, used only without a target.
    int direction = +1;                   ///< +1 when higher is better, -1 when lower is better.
};

/// What every rule returns. `progress` and `score` are never NaN: an undefined value is std::nullopt
/// and `note` says why.
struct rule_result {
    /// The scheme's progress measure: StatCan R or growth, UNSD Cr, UNSD-2023 P, Eurostat RR,
    /// ESCAP AP, SDSN observed/required pace.
    std::optional<double> progress;
    /// StatCan's score in [-5, 5]; none for the other schemes.
    std::optional<double> score;
    /// The scheme's own label (snake_case; see the table at the top of this header).
    std::string scheme_status;
    /// The label mapped to ontrack's unified status, with the met/missed override applied.
    ontrack::status unified = ontrack::status::not_assessable;
    /// Why a value is missing, which substitutions were made, and scheme extras; "; "-separated.
    std::string note;
    /// ESCAP's current status CS = (xt − x0)/(xT − x0), direction-adjusted; none for other schemes.
    std::optional<double> current_status;
};

/// StatCan / open-sdg (sdg-build 2.4) thresholds; defaults are sdg-build's. All are inclusive lower
/// bounds: a value equal to a threshold takes the better label. The score formulas are hard-coded
/// for the defaults (as in sdg-build); changing a threshold moves the branch points only.
struct statcan_thresholds {
    double high = 0.95;  ///< With a target: R ≥ high → substantial_progress.
    double med = 0.60;   ///< With a target: R ≥ med → moderate_progress.
    double low = 0.0;    ///< With a target: R ≥ low → limited_progress, below → deterioration.
    double high_no_target = 0.015;  ///< Without a target: growth ≥ high·C → substantial_progress.
    double med_no_target = 0.005;   ///< Without a target: growth ≥ med·C → moderate_progress.
    double low_no_target = 0.0;     ///< Without a target: growth ≥ low·C → limited_progress.
    double limit_exponent = 4.44;   ///< a in the natural-limit factor C.
};

/// UNSD Progress Chart (trend method, to 2022) thresholds on Cr; inclusive lower bounds.
struct unsd_thresholds {
    double substantial = 0.95;  ///< Cr ≥ 0.95 → substantial_progress.
    double fair = 0.5;          ///< 0.5 ≤ Cr < 0.95 → fair_progress.
    double limited = -0.1;      ///< −0.1 ≤ Cr < 0.5 → limited_progress; below → deterioration.
};

/// UNSD SDG Report (2023 onward) thresholds on P; inclusive lower bounds.
struct unsd2023_thresholds {
    double on_track = 0.95;             ///< P ≥ 0.95 → on_track.
    double acceleration_needed = 0.10;  ///< 0.10 ≤ P < 0.95 → acceleration_needed; below → stagnation.
};

/// Eurostat EU SDG report thresholds on RR; inclusive lower bounds (assumed: the report gives ranges).
struct eurostat_thresholds {
    double significant = 0.95;  ///< RR ≥ 95% → significant_progress.
    double moderate = 0.60;     ///< 60% ≤ RR < 95% → moderate_progress.
    double insufficient = 0.0;  ///< 0 ≤ RR < 60% → insufficient_progress; below → movement_away.
};

/// ESCAP / UNECE anticipated-progress thresholds on AP. `maintain` is inclusive (AP ≥ 1 maintain);
/// `reverse` is an inclusive upper bound (AP ≤ 0 reverse), so accelerate is the open interval between.
struct escap_thresholds {
    double maintain = 1.0;  ///< AP ≥ 1 → maintain_progress.
    double reverse = 0.0;   ///< AP ≤ 0 → reverse_trend; 0 < AP < 1 → accelerate_progress.
};

/// SDSN trend-arrow thresholds on observed/required linear pace; inclusive lower bounds.
struct sdsn_thresholds {
    double on_track = 1.0;    ///< observed ≥ required → on_track.
    double moderate = 0.5;    ///< ≥ 50% of required → moderately_improving.
    double stagnating = 0.0;  ///< ≥ 0 → stagnating; below → decreasing.
};

/// The unified status of a native label from any scheme (table at the top of this header).
/// Throws ontrack::parse_error naming the label when it is not one of them.
inline ontrack::status unified_status(std::string_view native_label);

namespace detail {

// Notes are short: enough digits to recognise the figure, not to recompute it.
inline std::string format_number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

inline void add_note(std::string& note, const std::string& text) {
    if (!note.empty()) note += "; ";
    note += text;
}

inline void require_finite(double x, const char* field) {
    if (!std::isfinite(x)) throw value_error(field, "must be a finite number (got " + format_number(x) + ")");
}

// Rejects what the caller got wrong (as opposed to data that merely cannot be assessed).
inline void validate(const rule_input& in) {
    require_finite(in.base_period, "base_period");
    require_finite(in.base_value, "base_value");
    require_finite(in.current_period, "current_period");
    require_finite(in.current_value, "current_value");
    if (in.target_period) require_finite(*in.target_period, "target_period");
    if (in.target_value) require_finite(*in.target_value, "target_value");
    if (in.limit) require_finite(*in.limit, "limit");
    if (in.direction != 1 && in.direction != -1) {
        throw value_error("direction", "must be +1 (higher is better) or -1 (lower is better) (got " +
                                           std::to_string(in.direction) + ")");
    }
    if (in.current_period < in.base_period) {
        throw value_error("current_period", "must not be before base_period (got " +
                                                format_number(in.current_period) + " < " +
                                                format_number(in.base_period) + ")");
    }
    if (in.target_value && !in.target_period) {
        throw value_error("target_period", "is required when target_value is given");
    }
    if (in.target_value && *in.target_period <= in.base_period) {
        throw value_error("target_period", "must be after base_period (got " + format_number(*in.target_period) +
                                               " <= " + format_number(in.base_period) + ")");
    }
}

// Thresholds are user-configurable, so a swapped pair would silently empty a band.
inline void require_descending(std::initializer_list<std::pair<const char*, double>> thresholds) {
    const std::pair<const char*, double>* previous = nullptr;
    for (const auto& current : thresholds) {
        require_finite(current.second, current.first);
        if (previous && !(previous->second >= current.second)) {
            throw value_error(current.first, std::string("must not exceed ") + previous->first + " (got " +
                                                 format_number(current.second) + " > " +
                                                 format_number(previous->second) + ")");
        }
        previous = &current;
    }
}

/// CAGR(a, b, ta, tb) = (a/b)^(1/(ta − tb)) − 1, evaluated in that order (sdg-build's order).
/// None when undefined: equal periods, b = 0, a and b of opposite signs, or a non-finite result.
inline std::optional<double> cagr(double a, double b, double ta, double tb) {
    if (ta == tb || b == 0.0) return std::nullopt;
    const double ratio = a / b;
    if (ratio < 0.0) return std::nullopt;
    const double growth = std::pow(ratio, 1.0 / (ta - tb)) - 1.0;
    if (!std::isfinite(growth)) return std::nullopt;
    return growth;
}

/// True when `value` meets `target` in the given direction (≥ for +1, ≤ for −1).
inline bool meets(double value, double target, int direction) {
    return direction == 1 ? value >= target : value <= target;
}

/// StatCan status from a progress value and already-scaled thresholds (with a target: 0.95, 0.6, 0;
/// without: 0.015·C, 0.005·C, 0·C). Inclusive lower bounds.
inline std::string statcan_label(double value, double high, double med, double low) {
    if (value >= high) return "substantial_progress";
    if (value >= med) return "moderate_progress";
    if (value >= low) return "limited_progress";
    return "deterioration";
}

/// StatCan's natural-limit factor C for base x0 and limit L (a = 4.44 by default): 1 when
/// |x0| ≥ 2|L|, 1 − (|x0|/|L|)^a when |x0| ≤ |L|, else 1 − ((2|L| − |x0|)/|L|)^a. The 2L test comes
/// first so that x0 = L = 0 gives 1 rather than 0/0.
inline double statcan_limit_factor(double base_value, double limit, double exponent = 4.44) {
    const double b = std::fabs(base_value);
    const double l = std::fabs(limit);
    if (b >= 2 * l) return 1.0;
    if (b <= l) return 1 - std::pow(b / l, exponent);
    return 1 - std::pow((2 * l - b) / l, exponent);
}

/// StatCan score with a target, for a progress ratio `value`. The constants are the rounded ones
/// that reproduce the published scores (the exact fractions 50/7, 30/7, 25/6 do not).
inline double statcan_score_with_target(double value, double med = 0.6) {
    if (value >= med) return std::fmin((7.1429 * value) - 4.2857, 5.0);
    return std::fmax((4.1667 * value) - 2.5, -5.0);
}

/// StatCan score without a target, for growth `value`, scaled thresholds and factor `coeff` (C).
/// C = 0 with growth ≥ low means the base sits on the limit and holds it: full score.
inline double statcan_score_without_target(double value, double coeff, double high, double med, double low) {
    if (value < low) return std::fmax(125 * value - 2.5, -5.0);
    if (coeff == 0.0) return 5.0;
    if (value >= high) return std::fmin(500 * value / coeff - 5, 5.0);
    if (value >= med) return 250 * value / coeff - 1.25;
    return 500 * value / coeff - 2.5;
}

/// StatCan indicator status from a mean score: [2.5, 5] substantial, [0, 2.5) moderate,
/// [−2.5, 0) limited, [−5, −2.5) deterioration; target_achieved when every scored series achieved.
/// Throws ontrack::value_error for a score outside [−5, 5] or NaN.
inline std::string statcan_aggregate_label(double score, bool all_achieved) {
    if (all_achieved) return "target_achieved";
    if (score >= 2.5 && score <= 5) return "substantial_progress";
    if (score >= 0 && score < 2.5) return "moderate_progress";
    if (score >= -2.5 && score < 0) return "limited_progress";
    if (score >= -5 && score < -2.5) return "deterioration";
    throw value_error("score", "must lie in [-5, 5] (got " + format_number(score) + ")");
}

/// UNSD (to 2022) label for Cr. Inclusive lower bounds.
inline std::string unsd_label(double cr, const unsd_thresholds& t = {}) {
    if (cr >= t.substantial) return "substantial_progress";
    if (cr >= t.fair) return "fair_progress";
    if (cr >= t.limited) return "limited_progress";
    return "deterioration";
}

/// UNSD (2023 onward) label for P. Inclusive lower bounds.
inline std::string unsd2023_label(double p, const unsd2023_thresholds& t = {}) {
    if (p >= t.on_track) return "on_track";
    if (p >= t.acceleration_needed) return "acceleration_needed";
    return "stagnation_or_regression";
}

/// Eurostat label for RR. Inclusive lower bounds.
inline std::string eurostat_label(double rr, const eurostat_thresholds& t = {}) {
    if (rr >= t.significant) return "significant_progress";
    if (rr >= t.moderate) return "moderate_progress";
    if (rr >= t.insufficient) return "insufficient_progress";
    return "movement_away";
}

/// ESCAP label for AP: AP ≥ 1 maintain, AP ≤ 0 reverse, accelerate strictly between.
inline std::string escap_label(double ap, const escap_thresholds& t = {}) {
    if (ap >= t.maintain) return "maintain_progress";
    if (ap > t.reverse) return "accelerate_progress";
    return "reverse_trend";
}

/// SDSN label for observed/required pace. Inclusive lower bounds.
inline std::string sdsn_label(double ratio, const sdsn_thresholds& t = {}) {
    if (ratio >= t.on_track) return "on_track";
    if (ratio >= t.moderate) return "moderately_improving";
    if (ratio >= t.stagnating) return "stagnating";
    return "decreasing";
}

// Sets the unified status from the native label, then applies the met/missed override when the
// deadline has been observed. `target` is the target the scheme compared against (StatCan's may be
// the 0.001 substitute).
inline void finish(rule_result& r, const rule_input& in, std::optional<double> target) {
    r.unified = unified_status(r.scheme_status);
    if (target && in.target_period && in.current_period >= *in.target_period) {
        const bool met = meets(in.current_value, *target, in.direction);
        r.unified = met ? ontrack::status::met : ontrack::status::missed;
        add_note(r.note, std::string("deadline observed: target ") + (met ? "met" : "missed"));
    }
}

// numpy's pairwise summation (8 accumulators, blocks of 128), so that statcan_aggregate gives the
// bit-identical mean that sdg-build's numpy.mean printed when the scores come in the same order.
inline double pairwise_sum(const double* a, std::size_t n) {
    if (n < 8) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) sum += a[i];
        return sum;
    }
    if (n <= 128) {
        double r[8];
        for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
        }
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) sum += a[i];
        return sum;
    }
    std::size_t half = n / 2;
    half -= half % 8;
    return pairwise_sum(a, half) + pairwise_sum(a + half, n - half);
}

}  // namespace detail

inline ontrack::status unified_status(std::string_view native_label) {
    using ontrack::status;
    static constexpr std::pair<std::string_view, status> table[] = {
        {"target_achieved", status::achieved},       {"target_met", status::achieved},
        {"substantial_progress", status::on_track},  {"significant_progress", status::on_track},
        {"on_track", status::on_track},              {"maintain_progress", status::on_track},
        {"moderate_progress", status::at_risk},      {"fair_progress", status::at_risk},
        {"acceleration_needed", status::at_risk},    {"accelerate_progress", status::at_risk},
        {"moderately_improving", status::at_risk},   {"limited_progress", status::off_track},
        {"insufficient_progress", status::off_track}, {"stagnation_or_regression", status::off_track},
        {"stagnating", status::off_track},           {"deterioration", status::regressing},
        {"movement_away", status::regressing},       {"reverse_trend", status::regressing},
        {"decreasing", status::regressing},          {"not_available", status::not_assessable},
        {"insufficient_data", status::not_assessable},
    };
    for (const auto& [label, unified] : table) {
        if (label == native_label) return unified;
    }
    throw parse_error("scheme_status", std::string(native_label), "unknown progress-rule label");
}

/// A not-assessable result with the given native label ("not_available" for StatCan,
/// "insufficient_data" for the others) and note; for series that have no observation at all, which
/// a rule_input cannot express. Throws ontrack::parse_error for a label not in the table above and
/// ontrack::value_error for one that does not map to not_assessable.
inline rule_result make_not_assessable(std::string native_label, std::string note) {
    rule_result r;
    r.scheme_status = std::move(native_label);
    r.unified = unified_status(r.scheme_status);
    if (r.unified != ontrack::status::not_assessable) {
        throw value_error("native_label", "'" + r.scheme_status + "' is not a not-assessable label");
    }
    r.note = std::move(note);
    return r;
}

/// Statistics Canada / open-sdg (sdg-build 2.4.0), reproducing Canada's published output exactly.
/// With a target: R = s·d·CAGR(xt, x0) / |CAGR(xT, x0, T, t0)|; without: s·d·CAGR(xt, x0), with the
/// thresholds scaled by the natural-limit factor C when `limit` is given. Target achieved is checked
/// first and gives score 5, but the progress value is still computed. Base 0 and target 0 are replaced
/// by 0.001. Not assessable when current − base < 1 (year) or base and current have opposite signs.
/// Throws ontrack::value_error for non-finite fields, a direction other than ±1, current before base,
/// a target value without a target period after the base, or inconsistent thresholds.
inline rule_result statcan(const rule_input& in, const statcan_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_descending({{"high", thresholds.high}, {"med", thresholds.med}, {"low", thresholds.low}});
    detail::require_descending({{"high_no_target", thresholds.high_no_target},
                                {"med_no_target", thresholds.med_no_target},
                                {"low_no_target", thresholds.low_no_target}});
    detail::require_finite(thresholds.limit_exponent, "limit_exponent");

    rule_result r;
    const int d = in.direction;

    // sdg-build swaps a zero target before anything reads it, so the achieved check sees 0.001 too.
    std::optional<double> target = in.target_value;
    if (target && *target == 0.0) {
        target = 0.001;
        detail::add_note(r.note, "target 0 replaced by 0.001");
    }
    const bool with_target = target.has_value();

    // s and C are computed from the base as observed, before the 0 → 0.001 swap (sdg-build's order).
    const double sign = in.base_value < 0 ? -1.0 : 1.0;
    double high = thresholds.high_no_target;
    double med = thresholds.med_no_target;
    double low = thresholds.low_no_target;
    double coeff = 1.0;
    if (with_target) {
        high = thresholds.high;
        med = thresholds.med;
        low = thresholds.low;
    } else if (in.limit) {
        coeff = detail::statcan_limit_factor(in.base_value, *in.limit, thresholds.limit_exponent);
        high *= coeff;
        med *= coeff;
        low *= coeff;
        detail::add_note(r.note, "natural-limit factor C = " + detail::format_number(coeff));
    }

    const bool achieved = with_target && detail::meets(in.current_value, *target, d);

    double base = in.base_value;
    if (base == 0.0) {
        base = 0.001;
        detail::add_note(r.note, "base value 0 replaced by 0.001");
    }
    if ((base > 0 && in.current_value < 0) || (base < 0 && in.current_value > 0)) {
        detail::add_note(r.note, "base and current values have opposite signs");
    } else if (in.current_period - in.base_period < 1) {
        detail::add_note(r.note, "fewer than two distinct years (current - base < 1)");
    } else {
        const double observed = std::pow(in.current_value / base, 1.0 / (in.current_period - in.base_period)) - 1.0;
        if (with_target) {
            const double required =
                std::pow(*target / base, 1.0 / (*in.target_period - in.base_period)) - 1.0;
            if (required == 0.0) {
                detail::add_note(r.note, "required growth is 0 (base equals target): progress undefined");
            } else {
                const double value = sign * d * observed / std::fabs(required);
                if (std::isfinite(value)) {
                    r.progress = value;
                } else {
                    detail::add_note(r.note, "required growth undefined (target and base of opposite signs)");
                }
            }
        } else if (std::isfinite(observed)) {
            r.progress = sign * d * observed;
        }
    }

    if (achieved) {
        r.scheme_status = "target_achieved";
        r.score = 5.0;
    } else if (!r.progress) {
        r.scheme_status = "not_available";
    } else {
        const double v = *r.progress;
        r.scheme_status = detail::statcan_label(v, high, med, low);
        r.score = with_target ? detail::statcan_score_with_target(v, med)
                              : detail::statcan_score_without_target(v, coeff, high, med, low);
    }
    detail::finish(r, in, target);
    return r;
}

/// StatCan indicator aggregate: the mean of the non-null series scores (summed in numpy's order), its
/// status from the score bands, and target_achieved only if every scored series achieved its target.
/// No scored series → not_available with no score. Throws ontrack::value_error when a result does not
/// carry a StatCan label or a score lies outside [−5, 5].
inline rule_result statcan_aggregate(const std::vector<rule_result>& series) {
    std::vector<double> scores;
    bool all_achieved = true;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const rule_result& s = series[i];
        const std::string& label = s.scheme_status;
        if (label != "target_achieved" && label != "substantial_progress" && label != "moderate_progress" &&
            label != "limited_progress" && label != "deterioration" && label != "not_available") {
            throw value_error("scheme_status", "series " + std::to_string(i) + " does not carry a StatCan label (got '" +
                                                   label + "')");
        }
        if (!s.score) continue;
        detail::require_finite(*s.score, "score");
        scores.push_back(*s.score);
        all_achieved = all_achieved && label == "target_achieved";
    }
    if (scores.empty()) return make_not_assessable("not_available", "no series with a score");

    rule_result r;
    r.score = detail::pairwise_sum(scores.data(), scores.size()) / static_cast<double>(scores.size());
    r.scheme_status = detail::statcan_aggregate_label(*r.score, all_achieved);
    r.unified = unified_status(r.scheme_status);
    r.note = "mean of " + std::to_string(scores.size()) + " of " + std::to_string(series.size()) + " series scores";
    return r;
}

/// UNSD Progress Chart, trend method (to 2022): Cr = CAGR(xt, x0) / CAGR(xT, x0, T, t0), taken as
/// s·d·CAGR_actual/|CAGR_required| (equal to the raw ratio unless the base is already beyond the
/// target, where the raw ratio flips sign). Latest already meets the target → target_achieved (Cr
/// still computed). Undefined CAGR (same periods, base 0, sign change) or no target → insufficient_data.
/// Throws ontrack::value_error as statcan() does.
inline rule_result unsd(const rule_input& in, const unsd_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_descending(
        {{"substantial", thresholds.substantial}, {"fair", thresholds.fair}, {"limited", thresholds.limited}});
    if (!in.target_value) return make_not_assessable("insufficient_data", "the scheme needs a numeric target");

    rule_result r;
    const double target = *in.target_value;
    const int d = in.direction;
    const bool achieved = detail::meets(in.current_value, target, d);
    const auto actual = detail::cagr(in.current_value, in.base_value, in.current_period, in.base_period);
    const auto required = detail::cagr(target, in.base_value, *in.target_period, in.base_period);
    if (!actual || !required) {
        detail::add_note(r.note, "CAGR undefined (same periods, base 0 or sign change)");
    } else if (*required == 0.0) {
        detail::add_note(r.note, "required growth is 0 (base equals target)");
    } else {
        const double sign = in.base_value < 0 ? -1.0 : 1.0;
        r.progress = sign * d * *actual / std::fabs(*required);
    }
    if (achieved) {
        r.scheme_status = "target_achieved";
    } else if (!r.progress) {
        r.scheme_status = "insufficient_data";
    } else {
        r.scheme_status = detail::unsd_label(*r.progress, thresholds);
    }
    detail::finish(r, in, target);
    return r;
}

/// UNSD SDG Report (2023 onward): expected value at the deadline ve = xt·(1 + CAGR(xt, x0))^(T − t),
/// P = d·(ve − x0)/|xT − x0| (equal to (ve − x0)/(xT − x0) unless the base is beyond the target).
/// Latest already meets the target → target_met (P still computed). Undefined CAGR, base equal to
/// target, or no target → insufficient_data. `note` carries ve. Throws as statcan() does.
inline rule_result unsd2023(const rule_input& in, const unsd2023_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_descending(
        {{"on_track", thresholds.on_track}, {"acceleration_needed", thresholds.acceleration_needed}});
    if (!in.target_value) return make_not_assessable("insufficient_data", "the scheme needs a numeric target");

    rule_result r;
    const double target = *in.target_value;
    const int d = in.direction;
    const bool met = detail::meets(in.current_value, target, d);
    const auto growth = detail::cagr(in.current_value, in.base_value, in.current_period, in.base_period);
    if (!growth) {
        detail::add_note(r.note, "CAGR undefined (same periods, base 0 or sign change)");
    } else if (target == in.base_value) {
        detail::add_note(r.note, "base equals target: no distance to cover");
    } else {
        const double expected = in.current_value * std::pow(1.0 + *growth, *in.target_period - in.current_period);
        const double p = d * (expected - in.base_value) / std::fabs(target - in.base_value);
        if (std::isfinite(p)) {
            r.progress = p;
            detail::add_note(r.note, "expected value at deadline " + detail::format_number(expected));
        } else {
            detail::add_note(r.note, "expected value at deadline is not finite");
        }
    }
    if (met) {
        r.scheme_status = "target_met";
    } else if (!r.progress) {
        r.scheme_status = "insufficient_data";
    } else {
        r.scheme_status = detail::unsd2023_label(*r.progress, thresholds);
    }
    detail::finish(r, in, target);
    return r;
}

/// Eurostat EU SDG report: RR = s·d·CAGR_actual/|CAGR_required|, both from the start of the
/// assessment window — pass the window start (15 years back for long-term, 5 for short-term) as the
/// base. No target-achieved label (methods.md gives none): a latest value already meeting the target
/// is only noted. Undefined CAGR, base equal to target, or no target → insufficient_data.
/// Throws as statcan() does.
inline rule_result eurostat(const rule_input& in, const eurostat_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_descending({{"significant", thresholds.significant},
                                {"moderate", thresholds.moderate},
                                {"insufficient", thresholds.insufficient}});
    if (!in.target_value) return make_not_assessable("insufficient_data", "the scheme needs a numeric target");

    rule_result r;
    const double target = *in.target_value;
    const int d = in.direction;
    const auto actual = detail::cagr(in.current_value, in.base_value, in.current_period, in.base_period);
    const auto required = detail::cagr(target, in.base_value, *in.target_period, in.base_period);
    if (!actual || !required) {
        detail::add_note(r.note, "CAGR undefined (same periods, base 0 or sign change)");
    } else if (*required == 0.0) {
        detail::add_note(r.note, "required growth is 0 (base equals target)");
    } else {
        const double sign = in.base_value < 0 ? -1.0 : 1.0;
        r.progress = sign * d * *actual / std::fabs(*required);
    }
    if (detail::meets(in.current_value, target, d)) detail::add_note(r.note, "latest value already meets the target");
    r.scheme_status = r.progress ? detail::eurostat_label(*r.progress, thresholds) : "insufficient_data";
    detail::finish(r, in, target);
    return r;
}

/// ESCAP / UNECE anticipated progress: CS = d·(xt − x0)/|xT − x0| (in `current_status` and the note)
/// and AP = d·(x̂T − x0)/|xT − x0| where x̂T = `projected_value_at_deadline` comes from the caller's
/// projection (UNECE: a time-weighted regression). AP ≥ 1 maintain, 0 < AP < 1 accelerate, AP ≤ 0
/// reverse. Base equal to target or no target → insufficient_data. Throws as statcan() does, and
/// ontrack::value_error when the projection is not finite.
inline rule_result escap(const rule_input& in, double projected_value_at_deadline,
                         const escap_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_finite(projected_value_at_deadline, "projected_value_at_deadline");
    detail::require_descending({{"maintain", thresholds.maintain}, {"reverse", thresholds.reverse}});
    if (!in.target_value) return make_not_assessable("insufficient_data", "the scheme needs a numeric target");

    rule_result r;
    const double target = *in.target_value;
    const int d = in.direction;
    if (target == in.base_value) {
        detail::add_note(r.note, "base equals target: no distance to cover");
        r.scheme_status = "insufficient_data";
    } else {
        const double distance = std::fabs(target - in.base_value);
        r.current_status = d * (in.current_value - in.base_value) / distance;
        r.progress = d * (projected_value_at_deadline - in.base_value) / distance;
        detail::add_note(r.note, "current status CS = " + detail::format_number(*r.current_status));
        r.scheme_status = detail::escap_label(*r.progress, thresholds);
    }
    detail::finish(r, in, target);
    return r;
}

/// SDSN trend arrows, linear pace: required = (xT − x0)/(T − t0), observed = (xt − x0)/(t − t0),
/// progress = d·observed/|required|. ≥ 1 on_track, ≥ 0.5 moderately_improving, ≥ 0 stagnating,
/// < 0 decreasing. Same periods, base equal to target, or no target → insufficient_data.
/// Throws as statcan() does.
inline rule_result sdsn(const rule_input& in, const sdsn_thresholds& thresholds = {}) {
    detail::validate(in);
    detail::require_descending({{"on_track", thresholds.on_track},
                                {"moderate", thresholds.moderate},
                                {"stagnating", thresholds.stagnating}});
    if (!in.target_value) return make_not_assessable("insufficient_data", "the scheme needs a numeric target");

    rule_result r;
    const double target = *in.target_value;
    const int d = in.direction;
    if (in.current_period == in.base_period) {
        detail::add_note(r.note, "fewer than two distinct periods");
    } else if (target == in.base_value) {
        detail::add_note(r.note, "base equals target: required pace is 0");
    } else {
        const double required = (target - in.base_value) / (*in.target_period - in.base_period);
        const double observed = (in.current_value - in.base_value) / (in.current_period - in.base_period);
        r.progress = d * observed / std::fabs(required);
    }
    r.scheme_status = r.progress ? detail::sdsn_label(*r.progress, thresholds) : "insufficient_data";
    detail::finish(r, in, target);
    return r;
}

}  // namespace ontrack::rules
