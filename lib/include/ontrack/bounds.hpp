// Natural bounds of an indicator's values: shares stay within [0, 100] %, counts and money never go
// below zero. A projection is kept inside them (`bounded`), and the calibrated projections work on the
// scale the bounds suggest (`working_scale_for`).
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/distribution.hpp>
#include <ontrack/error.hpp>
#include <ontrack/projection.hpp>
#include <ontrack/series.hpp>
#include <ontrack/unit.hpp>
#include <ontrack/value_bounds.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack {

/// The bounds an indicator's unit implies, checked against its observations: a percentage whose every
/// observation lies in [0, 100] is a share, bounded by [0, 100] (a growth rate in % that went negative
/// is not); counts and money (units with base "count" or "元") are >= 0 when no observation is
/// negative. Anything else: no bounds.
inline value_bounds natural_bounds(const unit& u, const std::vector<double>& observed) {
    value_bounds out;
    if (!u.known()) return out;
    bool nonnegative = true, at_most_100 = true;
    for (const double v : observed) {
        if (std::isnan(v)) continue;
        nonnegative = nonnegative && v >= 0.0;
        at_most_100 = at_most_100 && v * u.scale <= 100.0;
    }
    if (u.base == "percent" && nonnegative && at_most_100) {
        out.lower = 0.0;
        out.upper = 100.0 / u.scale;
    } else if ((u.base == "count" || u.base == "元") && nonnegative) {
        out.lower = 0.0;
    }
    return out;
}

/// `natural_bounds` of a series, from its unit and observed values.
inline value_bounds natural_bounds(const series& s) {
    return natural_bounds(parse_unit(s.unit()), s.values());  // gaps (NaN) are skipped there
}

/// The bounds a projection keeps to, and where they come from.
struct chosen_bounds {
    value_bounds bounds;
    /// "target" (its `bounds` field), "catalogue" (the indicator catalogue), "given" (passed by the
    /// caller), "natural" (`natural_bounds`: unit and data) or "none".
    std::string origin = "none";

    /// Where the bounds come from, in words ("the catalogue's bounds of 'rd_intensity'").
    std::string describe(std::string_view indicator = {}) const {
        const std::string of = indicator.empty() ? std::string() : " of '" + std::string(indicator) + "'";
        if (origin == "target") return "the target's bounds";
        if (origin == "catalogue") return "the catalogue's bounds" + of;
        if (origin == "given") return "the bounds given";
        if (origin == "natural") return "the natural bounds" + of + " (from its unit)";
        return "no bounds";
    }
};

namespace detail {

// Bounds declared in unit `from`, in the unit `to` of the series (unchanged when either unit is
// unknown); empty when the two units measure different things, so that the declaration does not apply.
inline std::optional<value_bounds> bounds_in_unit(const value_bounds& b, std::string_view from, std::string_view to) {
    const unit source = parse_unit(from), target_unit = parse_unit(to);
    if (source.known() && target_unit.known() && source.base != target_unit.base) return std::nullopt;
    const double factor = conversion_factor(source, target_unit);
    value_bounds out = b;
    if (out.lower) *out.lower *= factor;
    if (out.upper) *out.upper *= factor;
    return out;
}

}  // namespace detail

/// The bounds of `s`, the series of `indicator`, in this order: `stated` when declared (a target's
/// `bounds` field, written in `stated_unit`; a declared "none" switches bounds off), else the
/// `catalogue`'s entry for `indicator` (converted from the catalogue's unit to the series'), else, when
/// `natural`, `natural_bounds(s)` (shares in % within [0, 100], counts and money >= 0). A declaration
/// in a unit that measures something else than the series' does not apply. The one policy every
/// projection of the assessment pipeline uses.
inline chosen_bounds bounds_for(const std::optional<value_bounds>& stated, std::string_view stated_unit, std::string_view indicator,
                                const indicator_bounds& catalogue, const series& s, bool natural = true) {
    if (stated) {
        if (const auto b = detail::bounds_in_unit(*stated, stated_unit, s.unit())) return chosen_bounds{*b, b->empty() ? "none" : "target"};
    }
    if (const auto* entry = catalogue.find(indicator)) {
        if (const auto b = detail::bounds_in_unit(entry->bounds, entry->unit, s.unit())) return chosen_bounds{*b, "catalogue"};
    }
    if (!natural) return {};
    const value_bounds b = natural_bounds(s);
    return chosen_bounds{b, b.empty() ? "none" : "natural"};
}

/// `bounds_for` a target: its `bounds` (in its unit; a growth target's rate unit says nothing of the
/// values, whose bounds are then in the series' unit), the catalogue entry of its indicator, the
/// natural bounds of `s`.
inline chosen_bounds bounds_for(const target& t, const indicator_bounds& catalogue, const series& s, bool natural = true) {
    return bounds_for(t.bounds, t.is_rate() ? std::string_view(s.unit()) : std::string_view(t.unit), t.indicator, catalogue, s, natural);
}

/// Throws `value_error` when an observation of `s` lies outside `b` (the bounds cannot be right).
inline void check_within(const series& s, const value_bounds& b) {
    if (b.empty()) return;
    const auto& values = s.values();  // a gap (NaN) fails neither comparison
    for (std::size_t i = 0; i < values.size(); ++i) {
        if ((b.lower && values[i] < *b.lower) || (b.upper && values[i] > *b.upper)) {
            const period at = s.start() + static_cast<std::int64_t>(i);
            throw value_error("bounds", "the observation " + detail::format_number(values[i]) + " in " + at.to_string() + " of " +
                                            (s.indicator().empty() ? std::string("the series") : "'" + s.indicator() + "'") +
                                            " lies outside the bounds " + b.to_string());
        }
    }
}

/// `check_within` for the series `s` of target `target_id` (of `indicator`) and the bounds chosen for it: the
/// error names the target, the series, the period, the value, the bounds, where they come from, and
/// the fix.
inline void check_within(const series& s, const chosen_bounds& b, std::string_view target_id, std::string_view indicator) {
    const auto& values = s.values();  // a gap (NaN) fails neither comparison
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if ((b.bounds.lower && v < *b.bounds.lower) || (b.bounds.upper && v > *b.bounds.upper)) {
            const std::string name = !s.indicator().empty() ? s.indicator() : std::string(indicator);
            const period at = s.start() + static_cast<std::int64_t>(i);
            throw value_error("bounds", "target '" + std::string(target_id) + "': the observation " + detail::format_number(v) + " in " + at.to_string() +
                                            " of " + (name.empty() ? std::string("its series") : "'" + name + "'") +
                                            (s.region().empty() ? std::string() : " (" + s.region() + ")") + " lies outside " + b.describe(name) + " " +
                                            b.bounds.to_string() + ": correct the observation, or declare the indicator's range in the target's bounds column " +
                                            "(e.g. '>=0', '0..1000', or 'none' for no bounds)");
        }
    }
}

/// `p` with every predictive censored at the bounds: probability the model puts outside sits on the
/// bound, so no quantile, interval end or point leaves [lower, upper]. Inside the bounds the model's
/// distribution is unchanged. Logit distributions are already inside and are left alone.
inline projection bounded(projection p, const value_bounds& b) {
    if (b.empty()) return p;
    const double lo = b.lower.value_or(-std::numeric_limits<double>::infinity());
    const double hi = b.upper.value_or(std::numeric_limits<double>::infinity());
    for (auto& point : p.points) {
        if (point.distribution.on_logit_scale()) continue;
        point.distribution = point.distribution.censored_at(lo, hi);
        const auto interval = point.distribution.interval(p.level);
        point.lower = interval.first;
        point.upper = interval.second;
        point.mean = std::max(lo, std::min(hi, point.mean));
    }
    return p;
}

/// The scale on which a calibrated projection measures and spreads its errors.
enum class working_scale {
    identity,  ///< the values themselves
    log,       ///< log(value): positive indicators (money, counts, intensities)
    logit,     ///< logit((value − lower)/(upper − lower)): shares with both bounds
};

inline std::string to_string(working_scale w) {
    switch (w) {
        case working_scale::identity: return "identity";
        case working_scale::log: return "log";
        case working_scale::logit: return "logit";
    }
    return "identity";
}

/// logit for two-sided bounds when every observation is strictly inside them; log when every
/// observation is positive and the lower bound (if any) is 0; identity otherwise.
inline working_scale working_scale_for(const std::vector<double>& observed, const value_bounds& b) {
    bool inside = b.two_sided(), positive = true;
    for (const double v : observed) {
        if (std::isnan(v)) continue;
        if (b.two_sided()) inside = inside && v > *b.lower && v < *b.upper;
        positive = positive && v > 0.0;
    }
    if (inside) return working_scale::logit;
    if (positive && (!b.lower || *b.lower == 0.0)) return working_scale::log;
    return working_scale::identity;
}

namespace detail {

// A value on the working scale and back. Values at or beyond a bound are pulled a hair inside it so
// that a point forecast on the bound still has a finite coordinate.
inline double to_working(double v, working_scale w, const value_bounds& b) {
    switch (w) {
        case working_scale::identity: return v;
        case working_scale::log: return std::log(std::max(v, std::numeric_limits<double>::min()));
        case working_scale::logit: {
            const double span = *b.upper - *b.lower;
            const double u = std::min(1.0 - 1e-12, std::max(1e-12, (v - *b.lower) / span));
            return std::log(u) - std::log1p(-u);
        }
    }
    return v;
}

}  // namespace detail

}  // namespace ontrack
