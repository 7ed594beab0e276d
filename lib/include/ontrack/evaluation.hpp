// Checking a target against observed data only: met, missed, or not yet decidable. Projections and
// probabilities belong to the assessment; this is what the data already say.
#pragma once

#include <ontrack/goal.hpp>
#include <ontrack/series.hpp>
#include <ontrack/target.hpp>
#include <ontrack/unit.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace ontrack {

/// What observed data say about a target.
enum class verdict {
    met,            ///< decided by data: the target is met
    missed,         ///< decided by data: the target is missed
    pending,        ///< not decidable yet: the deadline (or a period of the span) is not observed
    not_evaluable,  ///< the data cannot decide it even in principle: no baseline, undefined growth
};

inline std::string to_string(verdict v) {
    switch (v) {
        case verdict::met: return "met";
        case verdict::missed: return "missed";
        case verdict::pending: return "pending";
        case verdict::not_evaluable: return "not_evaluable";
    }
    return "pending";
}

/// One period's part in a span target (per_period, non_decreasing, cumulative).
struct period_check {
    period at;
    double observed;  ///< the value (per_period, cumulative) or the step x(t) − x(previous observed) (non_decreasing)
    bool passed;      ///< for cumulative: always true (the sum decides)
};

/// The outcome of `evaluate`: the verdict and the numbers behind it, in the series' unit.
struct evaluation {
    verdict result = verdict::pending;
    /// Whether the stretch value is met too (when the target has one and the data decide it).
    std::optional<bool> stretch_met;
    /// The quantity compared: the level, growth rate, CAGR, increment or sum.
    std::optional<double> observed;
    /// The resolved number it is compared with: the value, factor × baseline, the rate.
    std::optional<double> required;
    /// The upper bound for `within`, and the stretch resolved like `required`.
    std::optional<double> required_high;
    std::optional<double> required_stretch;
    /// The base value used by relative, growth, average growth, increment and trend targets.
    std::optional<double> baseline;
    /// The target as numbers on the deadline value (`resolve_goal`, the resolution `assess` uses too):
    /// for growth and increments the level they imply, (1 + g)·x(b) or x(b) + value. Empty when a base
    /// the target needs is missing or cannot carry it.
    std::optional<resolved_goal> goal;
    /// The period whose observation decided (the deadline, or the failing period of a span).
    std::optional<period> decided_by;
    /// Per-period details for span targets.
    std::vector<period_check> checks;
    /// One plain sentence saying what was found.
    std::string message;
};

namespace detail {

inline std::string describe_bound(const target& t, double bound, double bound_high, double tolerance) {
    switch (t.compare) {
        case comparator::about: return "~ " + fmt(bound) + " ± " + fmt(tolerance);
        case comparator::within: return "within [" + fmt(bound) + ", " + fmt(bound_high) + "]";
        default: return to_string(t.compare) + " " + fmt(bound);
    }
}

}  // namespace detail

/// Checks `t` against the observations in `s`, from observed data only (no projection).
///
/// Deadline targets (level, relative, growth, average_growth, increment, trend) are decided when the
/// deadline is observed; before that they are `pending`, whatever the latest value. Span targets are
/// decided early when the data already settle them: a per-period floor or a non-decreasing target is
/// `missed` at the first failing period; a cumulative `>=`/`>` target over non-negative flows is `met`
/// as soon as the running sum reaches it. Gaps are never filled: a step across a gap counts as a decrease
/// only if the later value is lower.
///
/// Values of the target in another unit of the same base as the series (亿元 vs 万元, 家 vs 个) are
/// converted to the series' unit. Throws `value_error` when the target is malformed, when the series
/// belongs to another indicator, or when the units measure different things.
inline evaluation evaluate(const target& t, const series& s) {
    t.validate();
    if (!t.indicator.empty() && !s.indicator().empty() && t.indicator != s.indicator()) {
        throw value_error("indicator", "target '" + t.id + "' is about '" + t.indicator + "' but the series is '" + s.indicator() + "'");
    }
    if (!s.empty() && s.freq() != t.due().freq()) {
        throw value_error("period", "target '" + t.id + "' is " + to_string(t.due().freq()) + " but the series is " + to_string(s.freq()));
    }
    // Levels, increments, sums and base values are converted to the series' unit (`goal_unit_factor`).
    const double factor = goal_unit_factor(t, s.unit());
    const auto converted = [&](const std::optional<double>& x) -> std::optional<double> {
        return x ? std::optional<double>(*x * factor) : std::nullopt;
    };
    // Rates themselves are never scaled.
    const auto as_target = [&](const std::optional<double>& x) { return t.is_rate() ? x : converted(x); };

    evaluation e;
    const period deadline = t.due();
    // A deadline before the first observation is not "pending": waiting will not observe it.
    if (!s.empty() && deadline < s.start()) {
        e.result = verdict::not_evaluable;
        e.message = "not evaluable: the deadline " + deadline.to_string() + " is before the first observation (" + s.start().to_string() + ")";
        return e;
    }
    const auto value = as_target(t.value);
    const auto value_high = as_target(t.value_high);
    // A rate's tolerance is a rate too: the unit factor of a growth target converts its base value only.
    const double tolerance_factor = t.is_rate() ? 1.0 : factor;
    const double tolerance = t.tolerance ? (t.tolerance_relative ? *t.tolerance * std::fabs(*t.value) * tolerance_factor : *t.tolerance * tolerance_factor) : 0.0;
    const auto latest_text = [&]() -> std::string {
        const auto latest = s.last_observed_at_or_before(deadline);
        return latest ? "; latest observation " + latest->to_string() + ": " + detail::fmt(s.at(*latest)) : "; no observation yet";
    };
    const auto decide = [&](double observed, double required, std::optional<double> required_stretch, const std::string& what) {
        e.observed = observed;
        e.required = required;
        e.required_high = t.compare == comparator::within ? value_high : std::nullopt;
        e.required_stretch = required_stretch;
        e.decided_by = deadline;
        const bool ok = detail::satisfies(observed, t.compare, required, e.required_high.value_or(0.0), tolerance);
        e.result = ok ? verdict::met : verdict::missed;
        if (required_stretch) e.stretch_met = detail::satisfies(observed, t.compare, *required_stretch);
        e.message = std::string(ok ? "met" : "missed") + ": " + what + " " + detail::fmt(observed) + " in " + deadline.to_string() +
                    ", target " + detail::describe_bound(t, required, e.required_high.value_or(0.0), tolerance) +
                    (required_stretch ? std::string(", stretch ") + detail::fmt(*required_stretch) + (*e.stretch_met ? " met" : " not met") : std::string());
    };
    // The goal as `assess` resolves it, from the stated or observed base.
    const std::optional<double> base_of_target = goal_base_value(t, s, factor);
    const auto resolved = resolve_goal(t, factor, base_of_target);
    const resolved_goal& goal = resolved.first;
    const std::string& goal_problem = resolved.second;
    if (goal_problem.empty()) e.goal = goal;
    // The stretch the data are compared with: the goal's, or the target itself when they are equal.
    const auto goal_stretch = [&]() -> std::optional<double> { return t.stretch ? (goal.stretch ? goal.stretch : goal.centre) : std::nullopt; };
    const double at_deadline = s.at(deadline);

    switch (t.kind) {
        case target_kind::level: {
            if (std::isnan(at_deadline)) {
                e.message = "pending: no observation for " + deadline.to_string() + latest_text();
                return e;
            }
            if (!goal_problem.empty()) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: " + goal_problem + " (the value in the series' unit)";
                return e;
            }
            decide(at_deadline, *goal.centre, goal_stretch(), "value");
            return e;
        }
        case target_kind::relative: {
            const period b = t.base_period();
            const auto base = base_of_target;
            if (!base) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: no observation for the baseline period " + b.to_string() + " and no baseline_value";
                return e;
            }
            if (const auto problem = detail::base_problem(t, *base, b)) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: " + *problem;
                return e;
            }
            e.baseline = base;
            if (!goal_problem.empty()) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: " + goal_problem + " (" + detail::fmt(*t.value) + " × " + detail::fmt(*base) + ")";
                return e;
            }
            if (std::isnan(at_deadline)) {
                e.required = goal.centre;
                e.message = "pending: target " + detail::fmt(*e.required) + " (" + detail::fmt(*t.value) + " × " + detail::fmt(*base) +
                            "), no observation for " + deadline.to_string() + latest_text();
                return e;
            }
            decide(at_deadline, *goal.centre, goal_stretch(), "value");
            return e;
        }
        case target_kind::growth:
        case target_kind::average_growth:
        case target_kind::increment: {
            const period b = t.base_period();
            const auto base = base_of_target;
            if (!base) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: no observation for the base period " + b.to_string() + " and no baseline_value";
                return e;
            }
            if (const auto problem = detail::base_problem(t, *base, b)) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: " + *problem;
                return e;
            }
            e.baseline = base;
            if (std::isnan(at_deadline)) {
                e.required = value;
                e.message = "pending: no observation for " + deadline.to_string() + latest_text();
                return e;
            }
            if (t.kind == target_kind::increment) {
                decide(at_deadline - *base, *value, converted(t.stretch), "increase since " + b.to_string());
                return e;
            }
            const double ratio = at_deadline / *base;
            if (!(*base > 0.0) || !(ratio >= 0.0)) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: growth from " + detail::fmt(*base) + " (" + b.to_string() + ") to " + detail::fmt(at_deadline) +
                            " is undefined (the base must be positive)";
                return e;
            }
            const double growth = t.kind == target_kind::growth ? ratio - 1.0 : std::pow(ratio, 1.0 / static_cast<double>(deadline - b)) - 1.0;
            decide(growth, *t.value, t.stretch, t.kind == target_kind::growth ? "growth since " + b.to_string() : "average growth per period since " + b.to_string());
            return e;
        }
        case target_kind::cumulative: {
            double sum = 0.0;
            bool complete = true;
            bool non_negative = true;
            for (period p = *t.period_start; p <= deadline; p = p + 1) {
                const double x = s.at(p);
                if (std::isnan(x)) { complete = false; continue; }
                non_negative = non_negative && x >= 0.0;
                sum += x;
                e.checks.push_back({p, x, true});
            }
            e.observed = sum;
            e.required = value;
            const bool upward = t.compare == comparator::at_least || t.compare == comparator::greater;
            if (complete) {
                decide(sum, *value, converted(t.stretch), "sum over " + t.period_start->to_string() + "–" + deadline.to_string());
                return e;
            }
            // With non-negative flows the sum can only grow, so some targets are settled before the span
            // ends: a floor once reached, a ceiling once passed.
            if (!e.checks.empty() && non_negative) {
                if (upward && detail::satisfies(sum, t.compare, *value)) {
                    e.result = verdict::met;
                    e.decided_by = e.checks.back().at;
                    if (t.stretch && detail::satisfies(sum, t.compare, *converted(t.stretch))) e.stretch_met = true;
                    e.message = "met: the sum of observed periods, " + detail::fmt(sum) + ", already reaches " + detail::fmt(*value) + " (flows are non-negative)";
                    return e;
                }
                std::optional<double> ceiling;
                bool strict = false;
                switch (t.compare) {
                    case comparator::at_most: ceiling = *value; break;
                    case comparator::less: ceiling = *value; strict = true; break;
                    case comparator::about: ceiling = *value + tolerance; break;
                    case comparator::within: ceiling = value_high; break;
                    default: break;
                }
                const bool passed = ceiling && (strict ? !detail::satisfies(sum, comparator::less, *ceiling)
                                                       : !detail::satisfies(sum, comparator::at_most, *ceiling));
                if (passed) {
                    e.result = verdict::missed;
                    e.decided_by = e.checks.back().at;
                    e.message = "missed: the sum of observed periods, " + detail::fmt(sum) + ", already exceeds " + detail::fmt(*ceiling) +
                                " (flows are non-negative)";
                    return e;
                }
            }
            e.message = "pending: the sum of observed periods is " + detail::fmt(sum) + ", some periods of " + t.period_start->to_string() + "–" +
                        deadline.to_string() + " are not observed";
            return e;
        }
        case target_kind::per_period: {
            bool complete = true;
            bool stretch_all = true;
            const auto stretch = converted(t.stretch);
            for (period p = *t.period_start; p <= deadline; p = p + 1) {
                const double x = s.at(p);
                if (std::isnan(x)) { complete = false; continue; }
                const bool ok = detail::satisfies(x, t.compare, *value, value_high.value_or(0.0), tolerance);
                stretch_all = stretch_all && (!stretch || detail::satisfies(x, t.compare, *stretch));
                e.checks.push_back({p, x, ok});
                if (!ok && e.result != verdict::missed) {
                    e.result = verdict::missed;
                    e.decided_by = p;
                    e.observed = x;
                }
            }
            e.required = value;
            e.required_high = t.compare == comparator::within ? value_high : std::nullopt;
            e.required_stretch = stretch;
            if (e.result == verdict::missed) {
                e.message = "missed: " + detail::fmt(*e.observed) + " in " + e.decided_by->to_string() + " fails " +
                            detail::describe_bound(t, *value, value_high.value_or(0.0), tolerance) + " (required in every period)";
                return e;
            }
            if (!complete) {
                e.message = "pending: every observed period so far meets " + detail::describe_bound(t, *value, value_high.value_or(0.0), tolerance) +
                            "; some periods of " + t.period_start->to_string() + "–" + deadline.to_string() + " are not observed";
                return e;
            }
            e.result = verdict::met;
            e.decided_by = deadline;
            if (stretch) e.stretch_met = stretch_all;
            e.message = "met: every period of " + t.period_start->to_string() + "–" + deadline.to_string() + " meets " +
                        detail::describe_bound(t, *value, value_high.value_or(0.0), tolerance);
            return e;
        }
        case target_kind::non_decreasing: {
            // Steps run from the period before the span to its end; each compares consecutive observed values.
            const period from = *t.period_start - 1;
            bool complete = true;
            std::optional<period> previous;
            for (period p = from; p <= deadline; p = p + 1) {
                const double x = s.at(p);
                if (std::isnan(x)) { complete = false; continue; }
                if (previous) {
                    const double step = x - s.at(*previous);
                    const bool ok = detail::satisfies(x, t.compare, s.at(*previous));
                    e.checks.push_back({p, step, ok});
                    if (!ok && e.result != verdict::missed) {
                        e.result = verdict::missed;
                        e.decided_by = p;
                        e.observed = step;
                    }
                }
                previous = p;
            }
            const std::string relation = t.compare == comparator::at_least ? "never decreases" : t.compare == comparator::greater ? "rises every period"
                                       : t.compare == comparator::at_most ? "never increases" : "falls every period";
            if (e.result == verdict::missed) {
                e.message = "missed: the value changes by " + detail::fmt(*e.observed) + " in " + e.decided_by->to_string() + "; the target is that it " + relation;
                return e;
            }
            if (!complete) {
                e.message = "pending: every observed step so far " + std::string("keeps the target (") + relation + "); some periods of " +
                            from.to_string() + "–" + deadline.to_string() + " are not observed";
                return e;
            }
            e.result = verdict::met;
            e.decided_by = deadline;
            e.message = "met: the value " + relation + " over " + t.period_start->to_string() + "–" + deadline.to_string();
            return e;
        }
        case target_kind::trend: {
            const period b = t.base_period();
            const auto base = base_of_target;
            if (!base) {
                e.result = verdict::not_evaluable;
                e.message = "not evaluable: no observation for the base period " + b.to_string();
                return e;
            }
            e.baseline = base;
            if (std::isnan(at_deadline)) {
                e.message = "pending: no observation for " + deadline.to_string() + latest_text();
                return e;
            }
            const bool limit_reached = value && detail::satisfies(at_deadline, t.compare == comparator::greater ? comparator::at_least : t.compare == comparator::less ? comparator::at_most : t.compare, *value);
            const bool moved = detail::satisfies(at_deadline, t.compare, *base);
            e.observed = at_deadline;
            e.required = base;
            e.decided_by = deadline;
            e.result = (moved || limit_reached) ? verdict::met : verdict::missed;
            const bool higher_is_better = t.compare == comparator::at_least || t.compare == comparator::greater;
            e.message = std::string(e.result == verdict::met ? "met" : "missed") + ": " + detail::fmt(at_deadline) + " in " + deadline.to_string() +
                        " against " + detail::fmt(*base) + " in " + b.to_string() + " (" + (higher_is_better ? "higher" : "lower") + " is better" +
                        (limit_reached ? ", natural limit reached" : "") + ")";
            return e;
        }
    }
    return e;
}

}  // namespace ontrack
