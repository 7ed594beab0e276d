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
    logit_student_t,  ///< logit((value − low)/(high − low)) = location + scale·T: the value stays inside (low, high)
    logit_normal,     ///< logit((value − low)/(high − low)) = location + scale·Z
};

/// "student_t", "normal", "log_student_t" or "log_normal".
inline std::string to_string(distribution_family f) {
    switch (f) {
        case distribution_family::student_t: return "student_t";
        case distribution_family::normal: return "normal";
        case distribution_family::log_student_t: return "log_student_t";
        case distribution_family::log_normal: return "log_normal";
        case distribution_family::logit_student_t: return "logit_student_t";
        case distribution_family::logit_normal: return "logit_normal";
    }
    return "normal";
}

/// The predictive distribution of one future value.
///
/// A scale of 0 is a point mass at the location (or at exp(location) for the log families): it
/// arises when a model fits its data exactly. `df` is used only by the Student t families
/// (infinity for the normal ones).
///
/// `low` and `high` bound the value. For the logit families they are the open interval the value lives
/// in. For the others they are limits the value is censored at (`censored`): a value the family would
/// put below `low` is `low` (a point mass there), above `high` is `high`; the limits are infinite
/// unless set, and then change nothing.
struct predictive {
    distribution_family family = distribution_family::normal;
    double location = 0.0;
    double scale = 0.0;
    double df = std::numeric_limits<double>::infinity();
    double low = -std::numeric_limits<double>::infinity();
    double high = std::numeric_limits<double>::infinity();

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

    /// logit((value − low)/(high − low)) ~ location + scale·T(df), low < high both finite.
    static predictive logit_student_t(double location, double scale, double df, double low, double high) {
        return with_open_bounds(make(distribution_family::logit_student_t, location, scale, df), low, high);
    }
    /// logit((value − low)/(high − low)) ~ N(location, scale²).
    static predictive logit_normal(double location, double scale, double low, double high) {
        return with_open_bounds(make(distribution_family::logit_normal, location, scale, std::numeric_limits<double>::infinity()), low, high);
    }

    bool on_log_scale() const noexcept {
        return family == distribution_family::log_student_t || family == distribution_family::log_normal;
    }
    bool on_logit_scale() const noexcept {
        return family == distribution_family::logit_student_t || family == distribution_family::logit_normal;
    }
    /// True for the families whose value is location + scale·X itself (t and normal).
    bool on_value_scale() const noexcept { return !on_log_scale() && !on_logit_scale(); }
    /// True when limits censor the value (never for the logit families, whose bounds are open).
    bool censored() const noexcept { return !on_logit_scale() && (std::isfinite(low) || std::isfinite(high)); }

    /// This distribution censored at [lower, upper] (either may be infinite): the probability the
    /// family puts outside sits on the limit. Limits already set are kept where tighter. Throws
    /// `value_error` when lower > upper or for a logit family.
    predictive censored_at(double lower, double upper) const {
        if (on_logit_scale()) throw value_error("bounds", "a logit distribution is bounded by construction; it is not censored");
        if (std::isnan(lower) || std::isnan(upper) || !(lower <= upper)) {
            throw value_error("bounds", "censoring limits need lower <= upper, got " + detail::describe_number(lower) + " and " + detail::describe_number(upper));
        }
        predictive out = *this;
        out.low = std::max(low, lower);
        out.high = std::min(high, upper);
        if (!(out.low <= out.high)) throw value_error("bounds", "censoring limits do not overlap the ones already set");
        return out;
    }

    /// The value whose standardised coordinate (location + scale·x on the family's own scale) is `x`.
    double from_scale(double v) const {
        if (on_logit_scale()) return low + (high - low) * logistic(v);
        return std::max(low, std::min(high, on_log_scale() ? std::exp(v) : v));
    }

    /// The expected value: the location for t and normal; exp(location + scale²/2) for the log-normal;
    /// +infinity for the log-t, whose mean diverges (E[exp(T)] = ∞ for every t distribution), which is
    /// why projections report the median for it. Throws `value_error` for a t with df <= 1 (no mean).
    double mean() const {
        if (censored() || on_logit_scale()) {
            if (family == distribution_family::student_t && !(df > 1.0) && !(std::isfinite(low) && std::isfinite(high))) {
                throw value_error("df", "a Student t with " + std::to_string(df) + " degrees of freedom has no mean");
            }
            if (family == distribution_family::log_student_t && !std::isfinite(high)) return std::numeric_limits<double>::infinity();
            if (scale == 0.0) return median();
            // No closed form: the average of the quantiles at 4000 equally spaced probabilities (midpoint
            // rule on the quantile function), accurate to about 1e-4 of the spread.
            constexpr int steps = 4000;
            double sum = 0.0;
            for (int i = 0; i < steps; ++i) sum += quantile((i + 0.5) / steps);
            return sum / steps;
        }
        switch (family) {
            case distribution_family::student_t:
                if (!(df > 1.0)) throw value_error("df", "a Student t with " + std::to_string(df) + " degrees of freedom has no mean");
                return location;
            case distribution_family::normal: return location;
            case distribution_family::log_student_t: return std::numeric_limits<double>::infinity();
            case distribution_family::log_normal: return std::exp(location + 0.5 * scale * scale);
            default: break;
        }
        return location;
    }

    /// The median: location, or exp(location) for the log families, the back-transformed location for
    /// the logit families, clamped to the censoring limits.
    double median() const { return from_scale(location); }

    /// P(value <= x).
    double cdf(double x) const { return cdf_using(x, nullptr); }

    /// P(value > x) = 1 − cdf(x), computed without cancellation in the upper tail.
    double sf(double x) const { return sf_using(x, nullptr); }

    /// The p-quantile, 0 < p < 1. Throws `value_error` for p outside (0, 1).
    double quantile(double p) const {
        if (!(p > 0.0 && p < 1.0)) throw value_error("p", "a quantile needs 0 < p < 1, got " + std::to_string(p));
        return at_standard(scale > 0.0 ? standard_quantile(p) : 0.0);
    }

    /// The p-quantile of the standard variable of the family (T with `df` degrees of freedom, or Z),
    /// 0 < p < 1. It depends on the family and df only, so distributions that share them (the points
    /// of one projection) can share it.
    double standard_quantile(double p) const {
        const bool t = family == distribution_family::student_t || family == distribution_family::log_student_t ||
                       family == distribution_family::logit_student_t;
        return t ? detail::student_t_quantile(p, df) : detail::normal_quantile(p);
    }

    /// The value at standard value z: location + scale·z on the family's own scale, back-transformed
    /// and clamped to the censoring limits.
    double at_standard(double z) const { return from_scale(location + scale * z); }

    /// The standard quantiles (1 ∓ level)/2 of a central interval of probability `level` (0 < level < 1).
    std::pair<double, double> standard_interval(double level) const {
        if (!(level > 0.0 && level < 1.0)) throw value_error("level", "an interval level must lie in (0, 1), got " + std::to_string(level));
        const bool t = family == distribution_family::student_t || family == distribution_family::log_student_t ||
                       family == distribution_family::logit_student_t;
        if (t) return detail::student_t_central_quantiles(level, df);
        return {detail::normal_quantile(0.5 * (1.0 - level)), detail::normal_quantile(0.5 * (1.0 + level))};
    }

    /// The central interval from the standard quantiles `z` of `standard_interval` (computed once for
    /// many distributions of the same family and df); the same numbers as `interval(level)`.
    std::pair<double, double> interval_from(const std::pair<double, double>& z) const {
        if (!(scale > 0.0)) return {at_standard(0.0), at_standard(0.0)};  // a point mass
        return {at_standard(z.first), at_standard(z.second)};
    }

    /// The central interval holding probability `level` (0 < level < 1): quantiles (1 ∓ level)/2.
    std::pair<double, double> interval(double level) const {
        if (!(level > 0.0 && level < 1.0)) throw value_error("level", "an interval level must lie in (0, 1), got " + std::to_string(level));
        return interval_from(standard_interval(level));  // the same numbers as the two quantiles
    }

    /// P(value ⋈ threshold) for ⋈ in {>=, >, <=, <}. The distribution is continuous, so >= and > (and
    /// <= and <) give the same number, except on a point mass (scale 0) where the boundary counts.
    /// Throws `value_error` for `about` and `within`, which need a second number.
    /// `t`, when given, is this distribution's `detail::student_t_df(df)`, computed once for many
    /// distributions of the same df (batches); the numbers are the same either way, unless `t` was
    /// tabulated (`student_t_df::tabulate`): then within 1e-13 relative.
    double probability(comparator c, double threshold, const detail::student_t_df* t = nullptr) const {
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
        if (censored()) {
            // The limits carry point masses: P(value >= low) = 1, P(value > high) = 0, and so on.
            switch (c) {
                case comparator::at_least: return threshold <= low ? 1.0 : (threshold > high ? 0.0 : raw_sf(threshold, t));
                case comparator::greater: return threshold < low ? 1.0 : (threshold >= high ? 0.0 : raw_sf(threshold, t));
                case comparator::at_most: return threshold >= high ? 1.0 : (threshold < low ? 0.0 : raw_cdf(threshold, t));
                case comparator::less: return threshold > high ? 1.0 : (threshold <= low ? 0.0 : raw_cdf(threshold, t));
                default: break;
            }
        }
        switch (c) {
            case comparator::at_least:
            case comparator::greater: return sf_using(threshold, t);
            case comparator::at_most:
            case comparator::less: return cdf_using(threshold, t);
            default: break;
        }
        throw value_error("comparator", "a probability needs one of >=, >, <=, <; got '" + to_string(c) + "' (use probability_between)");
    }

    /// P(a <= value <= b), both ends included (they matter only for a point mass, or at censoring
    /// limits). Throws `value_error` when a > b.
    double probability_between(double a, double b) const {
        if (!(a <= b)) throw value_error("bounds", "the lower bound exceeds the upper bound");
        if (scale == 0.0) return (a <= median() && median() <= b) ? 1.0 : 0.0;
        if (censored()) return std::max(0.0, probability(comparator::at_most, b) - probability(comparator::less, a));
        return std::max(0.0, cdf(b) - cdf(a));
    }

private:
    // cdf and sf with the censoring limits applied, and the df-only work of the t CDF given (`t`) or
    // done here (null).
    double cdf_using(double x, const detail::student_t_df* t) const {
        if (std::isnan(x)) throw value_error("value", "cannot evaluate a probability at NaN");
        if (censored()) {
            if (x < low) return 0.0;
            if (x >= high) return 1.0;
        }
        return raw_cdf(x, t);
    }
    double sf_using(double x, const detail::student_t_df* t) const {
        if (std::isnan(x)) throw value_error("value", "cannot evaluate a probability at NaN");
        if (censored()) {
            if (x < low) return 1.0;
            if (x >= high) return 0.0;
        }
        return raw_sf(x, t);
    }

    // The family's CDF and survival function, before censoring.
    double raw_cdf(double x, const detail::student_t_df* t) const {
        if (on_log_scale()) return x <= 0.0 ? 0.0 : standard_cdf(std::log(x) - location, t);
        if (on_logit_scale()) return x <= low ? 0.0 : (x >= high ? 1.0 : standard_cdf(logit_of(x) - location, t));
        return standard_cdf(x - location, t);
    }
    double raw_sf(double x, const detail::student_t_df* t) const {
        if (on_log_scale()) return x <= 0.0 ? 1.0 : standard_cdf(location - std::log(x), t);
        if (on_logit_scale()) return x <= low ? 1.0 : (x >= high ? 0.0 : standard_cdf(location - logit_of(x), t));
        return standard_cdf(location - x, t);
    }

    static double logistic(double v) { return v >= 0.0 ? 1.0 / (1.0 + std::exp(-v)) : std::exp(v) / (1.0 + std::exp(v)); }
    double logit_of(double x) const {
        const double u = (x - low) / (high - low);
        return std::log(u) - std::log1p(-u);
    }
    static predictive with_open_bounds(predictive d, double low, double high) {
        if (!std::isfinite(low) || !std::isfinite(high) || !(low < high)) {
            throw value_error("bounds", "a logit distribution needs finite bounds low < high, got " + detail::describe_number(low) + " and " + detail::describe_number(high));
        }
        d.low = low;
        d.high = high;
        return d;
    }

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
    double standard_cdf(double d, const detail::student_t_df* given = nullptr) const {
        if (scale == 0.0) return d >= 0.0 ? 1.0 : 0.0;
        // A tiny scale (1e-302) against an ordinary distance makes z huge or infinite, and the t CDF
        // squares it: beyond |z| = 1e150 the tail is below 1e-150 for every df >= 1, so z is clamped
        // there (the result is then 0 or 1 to within 1e-150, never NaN).
        const double z = std::max(-1e150, std::min(1e150, d / scale));
        const bool t = family == distribution_family::student_t || family == distribution_family::log_student_t ||
                       family == distribution_family::logit_student_t;
        if (!t) return detail::normal_cdf(z);
        return given != nullptr && given->df == df ? given->cdf(z) : detail::student_t_cdf(z, df);
    }
};

}  // namespace ontrack
