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

#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack {

/// The range an indicator's values can take; an empty side is unbounded.
struct value_bounds {
    std::optional<double> lower;
    std::optional<double> upper;

    bool empty() const noexcept { return !lower && !upper; }
    /// Both sides finite: a share or a rate with a ceiling.
    bool two_sided() const noexcept { return lower && upper; }
    /// "[0, 100]", "[0, inf)", "(-inf, 1]" or "none".
    std::string to_string() const {
        if (empty()) return "none";
        return (lower ? "[" + detail::format_number(*lower) : std::string("(-inf")) + ", " + (upper ? detail::format_number(*upper) + "]" : std::string("inf)"));
    }
};

/// Reads bounds as written in a targets or catalogue file: "0..100", "0-100" is not accepted (a
/// minus sign is ambiguous), "[0, 100]", "0,100", ">=0", "<=100", "0.." (lower only), "..100",
/// "none" or empty (no bounds). Throws `value_error` naming the text otherwise, or when lower >= upper.
inline value_bounds parse_bounds(std::string_view raw) {
    std::string text(detail::trim(raw));
    value_bounds out;
    if (text.empty() || text == "none") return out;
    const auto fail = [&](const std::string& why) -> value_error {
        return value_error("bounds", "cannot read bounds '" + std::string(raw) + "': " + why + " (write e.g. 0..100, [0, 100], >=0 or none)");
    };
    const auto number = [&](std::string_view part) -> std::optional<double> {
        const std::string p(detail::trim(part));
        if (p.empty() || p == "inf" || p == "-inf") return std::nullopt;
        char* end = nullptr;
        const double v = std::strtod(p.c_str(), &end);
        if (end == p.c_str() || *end != '\0' || !std::isfinite(v)) throw fail("'" + p + "' is not a number");
        return v;
    };
    if (detail::starts_with(text, ">=")) {
        out.lower = number(std::string_view(text).substr(2));
        if (!out.lower) throw fail("no number after >=");
        return out;
    }
    if (detail::starts_with(text, "<=")) {
        out.upper = number(std::string_view(text).substr(2));
        if (!out.upper) throw fail("no number after <=");
        return out;
    }
    if ((text.front() == '[' || text.front() == '(') && (text.back() == ']' || text.back() == ')')) text = text.substr(1, text.size() - 2);
    std::size_t cut = text.find("..");
    std::size_t width = 2;
    if (cut == std::string::npos) {
        cut = text.find(',');
        width = 1;
    }
    if (cut == std::string::npos) throw fail("expected two ends separated by '..' or ','");
    out.lower = number(std::string_view(text).substr(0, cut));
    out.upper = number(std::string_view(text).substr(cut + width));
    if (out.lower && out.upper && !(*out.lower < *out.upper)) throw fail("the lower end must be below the upper end");
    return out;
}

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
    return natural_bounds(parse_unit(s.unit()), s.observed().second);
}

/// Throws `value_error` when an observation of `s` lies outside `b` (the bounds cannot be right).
inline void check_within(const series& s, const value_bounds& b) {
    const auto [periods, values] = s.observed();
    for (std::size_t i = 0; i < values.size(); ++i) {
        if ((b.lower && values[i] < *b.lower) || (b.upper && values[i] > *b.upper)) {
            throw value_error("bounds", "the observation " + detail::format_number(values[i]) + " in " + periods[i].to_string() + " of " +
                                            (s.indicator().empty() ? std::string("the series") : "'" + s.indicator() + "'") +
                                            " lies outside the bounds " + b.to_string());
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
