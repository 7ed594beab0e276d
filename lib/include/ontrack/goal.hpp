// The goal: a target as numbers on its deadline value, in the series' unit. One resolution shared by
// `evaluate` (what the data say) and `assess` (will it be met), so both compare with the same bound:
// level → value; relative → factor × x(b); growth → (1 + g)·x(b); average growth → (1 + g)^(T − b)·x(b);
// increment → x(b) + value; an "about" target becomes the band value ± tolerance.
#pragma once

#include <ontrack/period.hpp>
#include <ontrack/series.hpp>
#include <ontrack/target.hpp>
#include <ontrack/unit.hpp>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ontrack {

/// The target as numbers at the deadline, in the series' unit (see `resolve_goal`).
struct resolved_goal {
    /// The bound on the deadline value: the value, factor × x(b), (1 + g)·x(b), (1 + g)^(T − b)·x(b),
    /// x(b) + increment; for a band (`within`, `~`) its lower end.
    std::optional<double> threshold;
    std::optional<double> threshold_high;  ///< upper end of a band
    std::optional<double> centre;          ///< the number the plan names: an "about" target's value, else `threshold`
    std::optional<double> stretch;         ///< none when absent or equal to the target
    comparator compare = comparator::at_least;  ///< `~` becomes `within` [value − tolerance, value + tolerance]
    double tolerance = 0.0;
    double unit_factor = 1.0;              ///< target unit → series unit
    period base = period::year(1970);      ///< the one base period of the target (`target::base_period`)
    std::optional<double> base_value;      ///< x(b): stated, observed or projected
    bool base_projected = false;
};

namespace detail {

inline std::string fmt(double v) {
    // Six significant digits are what a reader compares; the data keep full precision.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

/// Why `base` cannot carry target `t`, or empty when it can. A multiple of a base or a growth from it
/// needs a positive, finite base: ×2 of zero is met by zero, growth from a negative number has no
/// meaning, so either would give a confident verdict from data that cannot support it.
inline std::optional<std::string> base_problem(const target& t, double base, const period& b) {
    if (!(t.kind == target_kind::relative || t.is_rate())) return std::nullopt;
    if (std::isfinite(base) && base > 0.0) return std::nullopt;
    const std::string what = t.kind == target_kind::relative ? "a multiple of the base" : "growth from the base";
    return "the base " + detail::fmt(base) + " (" + b.to_string() + ") is " + (std::isfinite(base) ? (base == 0.0 ? "zero" : "negative") : "not finite") +
           ": " + what + " is undefined (the base must be positive)";
}

}  // namespace detail

/// The factor from the target's unit to the series' unit. Levels, increments, sums and base values are
/// converted; a growth target's value is a rate with no unit, and its unit field may describe the rate
/// ("%", factor 1) or the base value ("亿元" against a series in 万元): only in the second case is there
/// a factor (for `baseline_value`). Throws `value_error` when the units measure different things.
inline double goal_unit_factor(const target& t, std::string_view series_unit) {
    const unit target_unit = parse_unit(t.unit);
    const unit of_series = parse_unit(series_unit);
    return (t.is_rate() && !(target_unit.known() && of_series.known() && target_unit.base == of_series.base))
               ? 1.0
               : conversion_factor(target_unit, of_series);
}

/// x(b) as the data give it, in the series' unit: the stated `baseline_value` (× `unit_factor`), else
/// the observation of the base period `t.base_period()`; empty when neither exists.
inline std::optional<double> goal_base_value(const target& t, const series& s, double unit_factor) {
    if (t.baseline_value) return *t.baseline_value * unit_factor;
    const double x = s.at(t.base_period());
    if (std::isnan(x)) return std::nullopt;
    return x;
}

/// The goal of `t` from numbers alone (pure): `unit_factor` from the target's unit to the series'
/// (`goal_unit_factor`) and x(b), the base value in the series' unit (empty when unknown: kinds
/// measured from a base then have no threshold). `base_projected` records that x(b) is a projection.
/// Returns the reason instead (second) when the base cannot carry the target (zero, negative, not
/// finite: `detail::base_problem`) or the target as a number is beyond the range of numbers.
inline std::pair<resolved_goal, std::string> resolve_goal(const target& t, double unit_factor, std::optional<double> base_value,
                                                          bool base_projected = false) {
    resolved_goal g;
    g.unit_factor = unit_factor;
    const double factor = unit_factor;
    const auto level_of = [&](const std::optional<double>& x) -> std::optional<double> { return x ? std::optional<double>(*x * factor) : std::nullopt; };
    const period deadline = t.due();
    g.base = t.base_period();
    const period b = g.base;
    g.base_value = base_value;
    g.base_projected = base_value && base_projected;
    g.compare = t.compare;
    if (t.tolerance) g.tolerance = t.tolerance_relative ? *t.tolerance * std::fabs(*t.value) * factor : *t.tolerance * factor;
    std::optional<double> threshold, high, stretch;
    const bool needs_base = t.kind == target_kind::relative || t.is_rate() || t.kind == target_kind::increment;
    if (needs_base && g.base_value) {
        if (const auto problem = detail::base_problem(t, *g.base_value, b)) return {g, *problem + (g.base_projected ? " (base projected)" : "")};
    }
    switch (t.kind) {
        case target_kind::level:
        case target_kind::cumulative:  // the sum over the span, in the series' unit
        case target_kind::per_period:  // every period of the span
            threshold = level_of(t.value);
            high = level_of(t.value_high);
            stretch = level_of(t.stretch);
            break;
        case target_kind::relative:
            if (g.base_value) {
                threshold = *t.value * *g.base_value;
                if (t.stretch) stretch = *t.stretch * *g.base_value;
            }
            break;
        case target_kind::growth:
        case target_kind::average_growth:
            if (g.base_value) {
                const double periods = t.kind == target_kind::growth ? 1.0 : static_cast<double>(deadline - b);
                const auto grown = [&](double rate) { return *g.base_value * std::pow(1.0 + rate, periods); };
                threshold = grown(*t.value);
                if (t.value_high) high = grown(*t.value_high);
                if (t.stretch) stretch = grown(*t.stretch);
                if (t.tolerance) g.tolerance = std::fabs(grown(*t.value + (t.tolerance_relative ? *t.tolerance * std::fabs(*t.value) : *t.tolerance)) - *threshold);
            }
            break;
        case target_kind::increment:
            if (g.base_value) {
                threshold = *g.base_value + *level_of(t.value);
                if (t.value_high) high = *g.base_value + *level_of(t.value_high);
                if (t.stretch) stretch = *g.base_value + *level_of(t.stretch);
            }
            break;
        case target_kind::trend:
            if (t.value) threshold = level_of(t.value);
            break;
        case target_kind::non_decreasing: break;
    }
    for (const auto& x : {threshold, high, stretch}) {
        if (x && !std::isfinite(*x)) {
            return {g, "the target as a number (" + detail::fmt(*x) + ") is beyond the range of numbers"};
        }
    }
    g.centre = threshold;
    if (g.compare == comparator::about && threshold) {
        high = *threshold + g.tolerance;
        threshold = *threshold - g.tolerance;
        g.compare = comparator::within;
    }
    g.threshold = threshold;
    if (g.compare == comparator::within) g.threshold_high = high;
    // A stretch equal to the target is no stretch.
    if (stretch && !(g.centre && *stretch == *g.centre)) g.stretch = stretch;
    return {g, std::string()};
}

/// The goal of `t` against the observations in `s`, with x(b) stated or observed (`goal_base_value`):
/// what `evaluate` compares with. `assess` resolves the same way and projects x(b) when the base period
/// lies after the data.
inline std::pair<resolved_goal, std::string> resolve_goal(const target& t, const series& s) {
    const double factor = goal_unit_factor(t, s.unit());
    return resolve_goal(t, factor, goal_base_value(t, s, factor));
}

}  // namespace ontrack
