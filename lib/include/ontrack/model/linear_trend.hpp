// A straight-line trend fitted by (weighted) least squares, with the prediction variance of a new
// observation: the model behind the `linear`, `loglinear` and `weighted_linear` projections.
#pragma once

#include <ontrack/error.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace ontrack::model {

/// y = intercept + slope·x + ε, fitted by least squares with weights w (Var ε_i = scale / w_i).
///
/// The fit is computed on a centred axis (x − x̄, x̄ the weighted mean of x), so that calendar years
/// such as 2012…2024 cause no loss of precision; `intercept()` and `bse_intercept()`
/// translate back to the uncentred axis (the value at x = 0) as statsmodels reports them. All
/// definitions follow statsmodels' OLS and WLS results (`scale` = Σwe²/(n−2), `llf` with +½Σlog w).
struct linear_trend {
    std::size_t n = 0;            ///< observations used
    double x_center = 0.0;        ///< weighted mean of x
    double level = 0.0;           ///< fitted value at x_center
    double slope = 0.0;           ///< change of the fitted value per unit of x
    double var_level = 0.0;       ///< (X'WX)⁻¹ entry of the level (multiply by scale for a variance)
    double var_slope = 0.0;       ///< (X'WX)⁻¹ entry of the slope
    double cov_level_slope = 0.0; ///< (X'WX)⁻¹ off-diagonal entry (0 up to rounding with weighted centring)
    double ssr = 0.0;             ///< Σ w_i e_i²
    double scale = 0.0;           ///< residual variance of a unit-weight observation, ssr / (n − 2)
    double sum_log_weights = 0.0; ///< Σ log w_i (0 for OLS)

    /// Residual degrees of freedom, n − 2.
    double df_resid() const { return static_cast<double>(n) - 2.0; }
    /// The fitted value at x = 0 (statsmodels' `const` when x is the calendar year).
    double intercept() const { return level - slope * x_center; }
    /// Standard error of the intercept at x = 0.
    double bse_intercept() const {
        return std::sqrt(scale * (var_level + x_center * x_center * var_slope - 2.0 * x_center * cov_level_slope));
    }
    /// Standard error of the slope.
    double bse_slope() const { return std::sqrt(scale * var_slope); }

    /// The fitted line at x.
    double mean_at(double x) const { return level + slope * (x - x_center); }
    /// Standard error of the fitted line at x (the confidence band of the mean).
    double mean_se(double x) const {
        const double d = x - x_center;
        return std::sqrt(scale * (var_level + d * d * var_slope + 2.0 * d * cov_level_slope));
    }
    /// Standard error of a new observation of weight `weight` at x: √(mean_se² + scale / weight).
    /// statsmodels' `get_prediction` uses weight 1 unless told otherwise; so does the projection.
    double obs_se(double x, double weight = 1.0) const {
        const double m = mean_se(x);
        return std::sqrt(m * m + scale / weight);
    }

    /// Gaussian log-likelihood at the ML variance ssr/n, statsmodels' `llf`.
    double llf() const {
        const double nn = static_cast<double>(n);
        return -0.5 * nn * (std::log(2.0 * 3.14159265358979323846 * ssr / nn) + 1.0) + 0.5 * sum_log_weights;
    }
    /// statsmodels' AIC: −2·llf + 2·2 (intercept and slope; σ² is not counted).
    double aic() const { return -2.0 * llf() + 4.0; }
    /// statsmodels' BIC: −2·llf + ln(n)·2.
    double bic() const { return -2.0 * llf() + std::log(static_cast<double>(n)) * 2.0; }
    /// AICc with the same k = 2: −2·llf + 2kn/(n−k−1); +infinity when n <= 3 (as statsmodels does).
    double aicc() const {
        const double nn = static_cast<double>(n);
        if (nn - 3.0 <= 0.0) return std::numeric_limits<double>::infinity();
        return -2.0 * llf() + 4.0 * nn / (nn - 3.0);
    }
};

/// Fits y = a + b·x by least squares on `n` points (`w` null for OLS, else positive weights: WLS).
///
/// On the weighted-centred axis the two columns of the design are orthogonal up to rounding, so the
/// normal equations are as well conditioned as the data allow (their condition number is the ratio
/// of Σw to Σw(x − x̄)², about 1 to 20 for annual series) and are solved directly: no allocation,
/// which matters when millions of short series are fitted. The residuals are formed explicitly.
/// Throws as the vector overload below.
inline linear_trend fit_linear_trend(const double* x, const double* y, const double* w, std::size_t n) {
    if (n < 3) throw data_error("a linear trend needs >= 3 observations, got " + std::to_string(n));
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) throw value_error("values", "a linear trend needs finite data");
        if (w != nullptr && !(w[i] > 0.0 && std::isfinite(w[i]))) throw value_error("weights", "weights must be positive and finite");
    }
    const auto weight = [&](std::size_t i) { return w == nullptr ? 1.0 : w[i]; };
    double sw = 0.0;
    double swx = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sw += weight(i);
        swx += weight(i) * x[i];
    }
    linear_trend fit;
    fit.n = n;
    fit.x_center = swx / sw;
    // X'WX = [s0 s1; s1 s2] and X'Wy = [t0 t1] on the centred axis.
    double s1 = 0.0, s2 = 0.0, t0 = 0.0, t1 = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = x[i] - fit.x_center;
        const double wi = weight(i);
        s1 += wi * d;
        s2 += wi * d * d;
        t0 += wi * y[i];
        t1 += wi * d * y[i];
        if (w != nullptr) fit.sum_log_weights += std::log(w[i]);
    }
    const double s0 = sw;
    const double det = s0 * s2 - s1 * s1;
    // The design has rank 2 only with >= 2 distinct x: R's second diagonal entry, √(det / s0), must not
    // vanish against the first, √s0.
    if (!(det > 1e-24 * s0 * s0)) throw data_error("a linear trend needs observations at >= 2 distinct times");
    fit.level = (s2 * t0 - s1 * t1) / det;
    fit.slope = (s0 * t1 - s1 * t0) / det;
    fit.var_level = s2 / det;
    fit.var_slope = s0 / det;
    fit.cov_level_slope = -s1 / det;
    double ssr = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = y[i] - (fit.level + fit.slope * (x[i] - fit.x_center));
        ssr += weight(i) * e * e;
    }
    fit.ssr = ssr;
    fit.scale = fit.ssr / fit.df_resid();
    return fit;
}

/// Fits y = a + b·x by least squares; `w` empty for OLS, else positive weights (WLS).
/// Throws `data_error` with fewer than 3 points or fewer than 2 distinct x (no residual degree of
/// freedom to estimate the scale), `value_error` on mismatched sizes, non-finite data or weights <= 0.
inline linear_trend fit_linear_trend(const std::vector<double>& x, const std::vector<double>& y,
                                     const std::vector<double>& w = {}) {
    const std::size_t n = x.size();
    if (y.size() != n) throw value_error("values", std::to_string(y.size()) + " values for " + std::to_string(n) + " time points");
    if (!w.empty() && w.size() != n) throw value_error("weights", std::to_string(w.size()) + " weights for " + std::to_string(n) + " points");
    return fit_linear_trend(x.data(), y.data(), w.empty() ? nullptr : w.data(), n);
}

}  // namespace ontrack::model
