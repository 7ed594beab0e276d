// Predictive distributions of a projected value: location-scale Student t and normal, on the value
// or on its logarithm. Every probability and quantile is computed exactly from the family's CDF.
#pragma once

#include <ontrack/detail/special_functions.hpp>
#include <ontrack/error.hpp>
#include <ontrack/target.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace ontrack {

/// The family of a predictive distribution. "log_" families describe log(value): the value itself
/// is positive and its median is exp(location).
enum class distribution_family {
    student_t,      ///< value = location + scale·T, T ~ Student t with `df` degrees of freedom
    normal,         ///< value = location + scale·Z, Z ~ N(0, 1)
    log_student_t,  ///< log(value) = location + scale·T
    log_normal,     ///< log(value) = location + scale·Z
};

/// "student_t", "normal", "log_student_t" or "log_normal".
inline std::string to_string(distribution_family f) {
    switch (f) {
        case distribution_family::student_t: return "student_t";
        case distribution_family::normal: return "normal";
        case distribution_family::log_student_t: return "log_student_t";
        case distribution_family::log_normal: return "log_normal";
    }
    return "normal";
}

/// The predictive distribution of one future value.
///
/// A scale of 0 is a point mass at the location (or at exp(location) for the log families): it
/// arises when a model fits its data exactly. `df` is used only by the Student t families
/// (infinity for the normal ones).
struct predictive {
    distribution_family family = distribution_family::normal;
    double location = 0.0;
    double scale = 0.0;
    double df = std::numeric_limits<double>::infinity();

    /// A location-scale Student t (df > 0). Throws `value_error` on a negative or non-finite scale.
    static predictive student_t(double location, double scale, double df) {
        return make(distribution_family::student_t, location, scale, df);
    }
    /// A normal distribution N(location, scale²).
    static predictive normal(double location, double scale) {
        return make(distribution_family::normal, location, scale, std::numeric_limits<double>::infinity());
    }
    /// log(value) ~ location + scale·T(df).
    static predictive log_student_t(double location, double scale, double df) {
        return make(distribution_family::log_student_t, location, scale, df);
    }
    /// log(value) ~ N(location, scale²).
    static predictive log_normal(double location, double scale) {
        return make(distribution_family::log_normal, location, scale, std::numeric_limits<double>::infinity());
    }

    bool on_log_scale() const noexcept {
        return family == distribution_family::log_student_t || family == distribution_family::log_normal;
    }

    /// The expected value: the location for t and normal; exp(location + scale²/2) for the log-normal;
    /// +infinity for the log-t, whose mean diverges (E[exp(T)] = ∞ for every t distribution), which is
    /// why projections report the median for it. Throws `value_error` for a t with df <= 1 (no mean).
    double mean() const {
        switch (family) {
            case distribution_family::student_t:
                if (!(df > 1.0)) throw value_error("df", "a Student t with " + std::to_string(df) + " degrees of freedom has no mean");
                return location;
            case distribution_family::normal: return location;
            case distribution_family::log_student_t: return std::numeric_limits<double>::infinity();
            case distribution_family::log_normal: return std::exp(location + 0.5 * scale * scale);
        }
        return location;
    }

    /// The median: location, or exp(location) for the log families.
    double median() const { return on_log_scale() ? std::exp(location) : location; }

    /// P(value <= x).
    double cdf(double x) const {
        if (std::isnan(x)) throw value_error("value", "cannot evaluate a probability at NaN");
        if (on_log_scale()) {
            if (x <= 0.0) return 0.0;
            return standard_cdf((std::log(x) - location));
        }
        return standard_cdf(x - location);
    }

    /// P(value > x) = 1 − cdf(x), computed without cancellation in the upper tail.
    double sf(double x) const {
        if (std::isnan(x)) throw value_error("value", "cannot evaluate a probability at NaN");
        if (on_log_scale()) {
            if (x <= 0.0) return 1.0;
            return standard_cdf(location - std::log(x));
        }
        return standard_cdf(location - x);
    }

    /// The p-quantile, 0 < p < 1. Throws `value_error` for p outside (0, 1).
    double quantile(double p) const {
        if (!(p > 0.0 && p < 1.0)) throw value_error("p", "a quantile needs 0 < p < 1, got " + std::to_string(p));
        double z = 0.0;
        if (scale > 0.0) {
            const bool t = family == distribution_family::student_t || family == distribution_family::log_student_t;
            z = t ? detail::student_t_quantile(p, df) : detail::normal_quantile(p);
        }
        const double v = location + scale * z;
        return on_log_scale() ? std::exp(v) : v;
    }

    /// The central interval holding probability `level` (0 < level < 1): quantiles (1 ∓ level)/2.
    std::pair<double, double> interval(double level) const {
        if (!(level > 0.0 && level < 1.0)) throw value_error("level", "an interval level must lie in (0, 1), got " + std::to_string(level));
        return {quantile(0.5 * (1.0 - level)), quantile(0.5 * (1.0 + level))};
    }

    /// P(value ⋈ threshold) for ⋈ in {>=, >, <=, <}. The distribution is continuous, so >= and > (and
    /// <= and <) give the same number, except on a point mass (scale 0) where the boundary counts.
    /// Throws `value_error` for `about` and `within`, which need a second number.
    double probability(comparator c, double threshold) const {
        // Checked before the point-mass case, which would otherwise answer 0 for NaN.
        if (std::isnan(threshold)) throw value_error("value", "cannot evaluate a probability at NaN");
        if (scale == 0.0) {
            const double at = median();
            switch (c) {
                case comparator::at_least: return at >= threshold ? 1.0 : 0.0;
                case comparator::greater: return at > threshold ? 1.0 : 0.0;
                case comparator::at_most: return at <= threshold ? 1.0 : 0.0;
                case comparator::less: return at < threshold ? 1.0 : 0.0;
                default: break;
            }
        }
        switch (c) {
            case comparator::at_least:
            case comparator::greater: return sf(threshold);
            case comparator::at_most:
            case comparator::less: return cdf(threshold);
            default: break;
        }
        throw value_error("comparator", "a probability needs one of >=, >, <=, <; got '" + to_string(c) + "' (use probability_between)");
    }

    /// P(low <= value <= high), both ends included (they matter only for a point mass). Throws
    /// `value_error` when low > high.
    double probability_between(double low, double high) const {
        if (!(low <= high)) throw value_error("bounds", "the lower bound exceeds the upper bound");
        if (scale == 0.0) return (low <= median() && median() <= high) ? 1.0 : 0.0;
        return std::max(0.0, cdf(high) - cdf(low));
    }

private:
    static predictive make(distribution_family f, double location, double scale, double df) {
        if (!std::isfinite(location)) throw value_error("location", "the location of a predictive distribution must be finite");
        if (!(scale >= 0.0) || !std::isfinite(scale)) throw value_error("scale", "the scale of a predictive distribution must be finite and >= 0, got " + detail::describe_number(scale));
        if (!(df > 0.0)) throw value_error("df", "degrees of freedom must be positive, got " + detail::describe_number(df));
        predictive out;
        out.family = f;
        out.location = location;
        out.scale = scale;
        out.df = df;
        return out;
    }

    // P(location + scale·X <= location + d) for the standard variable X of the family.
    double standard_cdf(double d) const {
        if (scale == 0.0) return d >= 0.0 ? 1.0 : 0.0;
        // A tiny scale (1e-302) against an ordinary distance makes z huge or infinite, and the t CDF
        // squares it: beyond |z| = 1e150 the tail is below 1e-150 for every df >= 1, so z is clamped
        // there (the result is then 0 or 1 to within 1e-150, never NaN).
        const double z = std::max(-1e150, std::min(1e150, d / scale));
        const bool t = family == distribution_family::student_t || family == distribution_family::log_student_t;
        return t ? detail::student_t_cdf(z, df) : detail::normal_cdf(z);
    }
};

}  // namespace ontrack
