// Additive-error exponential smoothing with an additive (optionally damped) trend, ETS(A,A,N) and
// ETS(A,Ad,N): Holt's linear method as a state-space model, fitted by maximum likelihood with the
// analytic prediction variance. Definitions, bounds and recursions follow statsmodels' ETSModel.
#pragma once

#include <ontrack/error.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace ontrack::model {

/// Parameters of ETS(A,A(d),N) in statsmodels' naming.
struct ets_parameters {
    double alpha = 0.1;          ///< smoothing_level α
    double beta = 0.01;          ///< smoothing_trend β (= α·β*, so 0 < β < α)
    double phi = 1.0;            ///< damping_trend φ (1 for undamped Holt)
    double initial_level = 0.0;  ///< l₀, the level before the first observation
    double initial_trend = 0.0;  ///< b₀, the trend before the first observation
};

/// statsmodels' default bounds on the internal parameters: α and β* = β/α in [1e-4, 1 − 1e-4], φ in
/// [0.8, 0.98] when damped. The initial states are free.
struct ets_bounds {
    static constexpr double smoothing_low = 1e-4;
    static constexpr double smoothing_high = 1.0 - 1e-4;
    static constexpr double damping_low = 0.8;
    static constexpr double damping_high = 0.98;
};

/// The filtered path of an ETS(A,A(d),N) model over the data.
struct ets_path {
    std::vector<double> fitted;  ///< one-step predictions ŷ_t = l_{t−1} + φ b_{t−1}
    std::vector<double> level;   ///< l_t
    std::vector<double> trend;   ///< b_t
    double sse = 0.0;            ///< Σ (y_t − ŷ_t)²
};

/// Runs the recursion (statsmodels `_ets_smooth_add_add`) in error-correction form:
///   ŷ_t = l_{t−1} + φ b_{t−1},  e_t = y_t − ŷ_t,  l_t = ŷ_t + α e_t,  b_t = φ b_{t−1} + β e_t.
inline ets_path ets_filter(const std::vector<double>& y, const ets_parameters& p) {
    ets_path out;
    out.fitted.reserve(y.size());
    out.level.reserve(y.size());
    out.trend.reserve(y.size());
    double l = p.initial_level;
    double b = p.initial_trend;
    for (const double v : y) {
        const double forecast = l + p.phi * b;
        const double e = v - forecast;
        l = forecast + p.alpha * e;
        b = p.phi * b + p.beta * e;
        out.fitted.push_back(forecast);
        out.level.push_back(l);
        out.trend.push_back(b);
        out.sse += e * e;
    }
    return out;
}

/// A fitted (or parameter-given) ETS(A,A(d),N) model with its fit statistics and forecasts.
struct ets_model {
    bool damped = false;
    ets_parameters params;
    ets_path path;
    std::size_t n = 0;

    /// Final states l_T and b_T.
    double final_level() const { return path.level.back(); }
    double final_trend() const { return path.trend.back(); }
    /// SSE / n, the variance used for intervals (statsmodels' `mse`, no degrees-of-freedom correction).
    double mse() const { return path.sse / static_cast<double>(n); }
    /// Concentrated Gaussian log-likelihood −n/2·(log(2π·SSE/n) + 1).
    double llf() const {
        const double nn = static_cast<double>(n);
        return -0.5 * nn * (std::log(2.0 * 3.14159265358979323846 * mse()) + 1.0);
    }
    /// Number of estimated parameters as statsmodels counts them: α, β, (φ), l₀, b₀ and σ².
    double k() const { return damped ? 6.0 : 5.0; }
    double aic() const { return -2.0 * llf() + 2.0 * k(); }
    double bic() const { return -2.0 * llf() + std::log(static_cast<double>(n)) * k(); }
    /// −2·llf + 2kn/(n−k−1); +infinity when n <= k + 1, as statsmodels returns.
    double aicc() const {
        const double nn = static_cast<double>(n);
        if (nn - k() - 1.0 <= 0.0) return std::numeric_limits<double>::infinity();
        return -2.0 * llf() + 2.0 * k() * nn / (nn - k() - 1.0);
    }

    /// φ + φ² + … + φ^h (h for undamped Holt).
    double damping_sum(std::size_t h) const {
        double sum = 0.0;
        double power = 1.0;
        for (std::size_t j = 1; j <= h; ++j) {
            power *= params.phi;
            sum += power;
        }
        return sum;
    }
    /// Point forecast h >= 1 steps after the last observation: l_T + (φ + … + φ^h)·b_T.
    double forecast_mean(std::size_t h) const { return final_level() + damping_sum(h) * final_trend(); }
    /// v(h) = 1 + Σ_{j=1}^{h−1} c_j², c_j = α + β(φ + … + φ^j) (Hyndman & Athanasopoulos, FPP3, Table
    /// 8.8, as a sum rather than the closed form, which cancels badly for the damped model).
    double relative_forecast_variance(std::size_t h) const {
        double v = 1.0;
        for (std::size_t j = 1; j < h; ++j) {
            const double c = params.alpha + params.beta * damping_sum(j);
            v += c * c;
        }
        return v;
    }
    /// mse · v(h): the forecast variance ignoring parameter uncertainty, as statsmodels' "exact" method.
    double forecast_variance(std::size_t h) const { return mse() * relative_forecast_variance(h); }
};

/// The model with given parameters on data `y` (no estimation). Throws `value_error` on empty data.
inline ets_model ets_with_parameters(const std::vector<double>& y, const ets_parameters& p, bool damped) {
    if (y.empty()) throw value_error("values", "an ETS model needs data");
    ets_model m;
    m.damped = damped;
    m.params = p;
    if (!damped) m.params.phi = 1.0;
    m.path = ets_filter(y, m.params);
    m.n = y.size();
    return m;
}

namespace detail {

// SSE as a function of the smoothing parameters, with the initial states profiled out: for fixed
// (α, β*, φ) the one-step errors are affine in (l₀, b₀), so the best initial states solve a 2-column
// linear least-squares problem exactly. The optimiser then searches only 2 or 3 bounded parameters.
struct ets_profile {
    const std::vector<double>& y;
    bool damped;
    // Work space for the three error paths, sized on first use: a fit evaluates the profile thousands
    // of times, and allocating per evaluation used to cost as much as the arithmetic.
    mutable std::vector<double> work{};

    static double dot(const std::vector<double>& a, const std::vector<double>& b) {
        double sum = 0.0;
        for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
        return sum;
    }

    // theta = (α, β*, φ); returns the SSE at the best (l₀, b₀) and writes them to `out`.
    //
    // The arithmetic is that of three separate recursions and dot products, each summed in order; the
    // loops are only fused (every quantity is computed exactly as before, so results are unchanged).
    double operator()(const std::array<double, 3>& theta, ets_parameters* out = nullptr) const {
        ets_parameters p;
        p.alpha = theta[0];
        p.beta = theta[0] * theta[1];
        p.phi = damped ? theta[2] : 1.0;
        // Errors for (l₀, b₀) = (0, 0), then their derivatives with respect to l₀ and b₀ (the
        // recursion is linear, so these are the error paths of (1, 0) and (0, 1) with y = 0).
        const std::size_t n = y.size();
        if (work.size() < 3 * n) work.assign(3 * n, 0.0);
        double* const e0 = work.data();
        double* const d1 = e0 + n;
        double* const d2 = d1 + n;
        double dot11 = 0.0;
        double dot22 = 0.0;
        {
            double l0 = 0.0, b0 = 0.0, l1 = 1.0, b1 = 0.0, l2 = 0.0, b2 = 1.0;
            for (std::size_t t = 0; t < n; ++t) {
                const double f0 = l0 + p.phi * b0;
                const double e = y[t] - f0;
                l0 = f0 + p.alpha * e;
                b0 = p.phi * b0 + p.beta * e;
                e0[t] = e;
                const double f1 = l1 + p.phi * b1;
                const double g1 = 0.0 - f1;
                l1 = f1 + p.alpha * g1;
                b1 = p.phi * b1 + p.beta * g1;
                d1[t] = g1;
                dot11 += g1 * g1;
                const double f2 = l2 + p.phi * b2;
                const double g2 = 0.0 - f2;
                l2 = f2 + p.alpha * g2;
                b2 = p.phi * b2 + p.beta * g2;
                d2[t] = g2;
                dot22 += g2 * g2;
            }
        }
        // Least squares min ||e0 + c1·d1 + c2·d2|| by modified Gram–Schmidt on the two columns.
        const double r11 = std::sqrt(dot11);
        double c1 = 0.0;
        double c2 = 0.0;
        if (r11 > 0.0) {
            // q1 = d1 / r11 and v = d2 − r12·q1 are recomputed where needed rather than stored.
            double r12 = 0.0;
            double q1e0 = 0.0;
            for (std::size_t t = 0; t < n; ++t) {
                const double q = d1[t] / r11;
                r12 += q * d2[t];
                q1e0 += q * e0[t];
            }
            double vv = 0.0;
            double ve0 = 0.0;
            for (std::size_t t = 0; t < n; ++t) {
                const double v = d2[t] - r12 * (d1[t] / r11);
                vv += v * v;
                ve0 += v * e0[t];
            }
            const double r22 = std::sqrt(vv);
            const double rhs1 = -q1e0;
            double rhs2 = 0.0;
            if (r22 > 1e-12 * std::sqrt(dot22)) {
                rhs2 = -ve0 / r22;
                c2 = rhs2 / r22;
            }
            c1 = (rhs1 - r12 * c2) / r11;
        }
        p.initial_level = c1;
        p.initial_trend = c2;
        if (out != nullptr) *out = p;
        // The SSE from the actual recursion, not from the least-squares residual.
        double sse = 0.0;
        double l = c1;
        double b = c2;
        for (std::size_t t = 0; t < n; ++t) {
            const double forecast = l + p.phi * b;
            const double e = y[t] - forecast;
            l = forecast + p.alpha * e;
            b = p.phi * b + p.beta * e;
            sse += e * e;
        }
        return sse;
    }
};

// The profiled SSE at L parameter vectors at once, for ranking the points of the starting grid: one
// pass of the three error recursions accumulating the six dot products of the 2-column least squares,
// solved by its normal equations (no stored paths, no final recursion). `y` should be centred (a
// constant added to the data is absorbed by l₀ exactly), which keeps the normal equations' cancellation
// small; the polish re-evaluates every point it uses with `ets_profile`, so these values only choose
// the starts. Non-finite results are returned as +infinity.
template <std::size_t L>
void ets_grid_sse(const std::vector<double>& y, bool damped, const std::array<double, 3>* theta, double* result) {
    double alpha[L], beta[L], phi[L];
    double l0[L], b0[L], l1[L], b1[L], l2[L], b2[L];
    double ee[L], e1[L], e2[L], s11[L], s12[L], s22[L];
    for (std::size_t k = 0; k < L; ++k) {
        alpha[k] = theta[k][0];
        beta[k] = theta[k][0] * theta[k][1];
        phi[k] = damped ? theta[k][2] : 1.0;
        l0[k] = 0.0, b0[k] = 0.0, l1[k] = 1.0, b1[k] = 0.0, l2[k] = 0.0, b2[k] = 1.0;
        ee[k] = 0.0, e1[k] = 0.0, e2[k] = 0.0, s11[k] = 0.0, s12[k] = 0.0, s22[k] = 0.0;
    }
    for (std::size_t t = 0; t < y.size(); ++t) {
        for (std::size_t k = 0; k < L; ++k) {
            const double f0 = l0[k] + phi[k] * b0[k];
            const double e = y[t] - f0;
            l0[k] = f0 + alpha[k] * e;
            b0[k] = phi[k] * b0[k] + beta[k] * e;
            const double f1 = l1[k] + phi[k] * b1[k];
            const double g1 = -f1;
            l1[k] = f1 + alpha[k] * g1;
            b1[k] = phi[k] * b1[k] + beta[k] * g1;
            const double f2 = l2[k] + phi[k] * b2[k];
            const double g2 = -f2;
            l2[k] = f2 + alpha[k] * g2;
            b2[k] = phi[k] * b2[k] + beta[k] * g2;
            ee[k] += e * e;
            e1[k] += e * g1;
            e2[k] += e * g2;
            s11[k] += g1 * g1;
            s12[k] += g1 * g2;
            s22[k] += g2 * g2;
        }
    }
    for (std::size_t k = 0; k < L; ++k) {
        const double det = s11[k] * s22[k] - s12[k] * s12[k];
        double sse = 0.0;
        if (det > 1e-12 * s11[k] * s22[k]) {
            sse = ee[k] - (s22[k] * e1[k] * e1[k] - 2.0 * s12[k] * e1[k] * e2[k] + s11[k] * e2[k] * e2[k]) / det;
        } else {
            sse = s11[k] > 0.0 ? ee[k] - e1[k] * e1[k] / s11[k] : ee[k];
        }
        result[k] = std::isfinite(sse) ? std::max(sse, 0.0) : std::numeric_limits<double>::infinity();
    }
}

// Solves the symmetric positive definite system A z = r of order m <= 5 by Cholesky, in place (A is
// overwritten by its factor, r by z). Returns false when A is not numerically positive definite.
inline bool solve_spd(std::array<std::array<double, 5>, 5>& a, std::array<double, 5>& r, std::size_t m) {
    for (std::size_t j = 0; j < m; ++j) {
        double d = a[j][j];
        for (std::size_t k = 0; k < j; ++k) d -= a[j][k] * a[j][k];
        if (!(d > 0.0) || !std::isfinite(d)) return false;
        d = std::sqrt(d);
        a[j][j] = d;
        for (std::size_t i = j + 1; i < m; ++i) {
            double s = a[i][j];
            for (std::size_t k = 0; k < j; ++k) s -= a[i][k] * a[j][k];
            a[i][j] = s / d;
        }
    }
    for (std::size_t i = 0; i < m; ++i) {
        double s = r[i];
        for (std::size_t k = 0; k < i; ++k) s -= a[i][k] * r[k];
        r[i] = s / a[i][i];
    }
    for (std::size_t i = m; i-- > 0;) {
        double s = r[i];
        for (std::size_t k = i + 1; k < m; ++k) s -= a[k][i] * r[k];
        r[i] = s / a[i][i];
    }
    return true;
}

// Half the SSE, F = ½ Σ e_t², of the full problem x = (α, β*, φ, l₀, b₀), with its gradient and its
// exact Hessian (first and second forward sensitivities of the recursion; e is affine in l₀ and b₀,
// and β = α β* gives ∂β/∂α = β*, ∂β/∂β* = α, ∂²β/∂α∂β* = 1). `hessian` is symmetric, 5 × 5.
inline double ets_second_order(const std::vector<double>& y, const std::array<double, 5>& x, std::array<double, 5>& gradient,
                               std::array<std::array<double, 5>, 5>& hessian) {
    const double alpha = x[0];
    const double beta_star = x[1];
    const double beta = alpha * beta_star;
    const double phi = x[2];
    double l = x[3];
    double b = x[4];
    double dl[5] = {0.0, 0.0, 0.0, 1.0, 0.0};
    double db[5] = {0.0, 0.0, 0.0, 0.0, 1.0};
    double d2l[5][5] = {};
    double d2b[5][5] = {};
    const double dbeta[5] = {beta_star, alpha, 0.0, 0.0, 0.0};
    gradient = {};
    hessian = {};
    double half_sse = 0.0;
    for (std::size_t t = 0; t < y.size(); ++t) {
        const double forecast = l + phi * b;
        const double e = y[t] - forecast;
        double de[5];
        for (int k = 0; k < 5; ++k) de[k] = -(dl[k] + phi * db[k] + (k == 2 ? b : 0.0));
        for (int p = 0; p < 5; ++p) {
            for (int q = p; q < 5; ++q) {
                // ∂²(φ b_{t−1}) and ∂²f_t, from the previous step's sensitivities.
                const double dphib = phi * d2b[p][q] + (p == 2 ? db[q] : 0.0) + (q == 2 ? db[p] : 0.0);
                const double d2e = -(d2l[p][q] + dphib);
                const double d2beta = (p == 0 && q == 1) ? 1.0 : 0.0;
                hessian[p][q] += de[p] * de[q] + e * d2e;
                d2l[p][q] = -d2e + alpha * d2e + (p == 0 ? de[q] : 0.0) + (q == 0 ? de[p] : 0.0);
                d2b[p][q] = dphib + beta * d2e + dbeta[p] * de[q] + dbeta[q] * de[p] + d2beta * e;
            }
        }
        for (int k = 0; k < 5; ++k) {
            gradient[static_cast<std::size_t>(k)] += e * de[k];
            const double df = -de[k];
            dl[k] = df + alpha * de[k] + (k == 0 ? e : 0.0);
            db[k] = phi * db[k] + (k == 2 ? b : 0.0) + beta * de[k] + dbeta[k] * e;
        }
        l = forecast + alpha * e;
        b = phi * b + beta * e;
        half_sse += 0.5 * e * e;
    }
    for (std::size_t p = 0; p < 5; ++p)
        for (std::size_t q = 0; q < p; ++q) hessian[p][q] = hessian[q][p];
    return half_sse;
}

// Newton's method on the profiled SSE (variable projection): the search is over the smoothing
// parameters θ = (α, β*, φ) alone, in their box [low, high], and every point gets its best initial
// states from `profile`. There the states' gradient vanishes, so the profiled SSE's gradient is the
// θ part of the full gradient and its Hessian the Schur complement of the states' block of the full
// Hessian (implicit function theorem). Steps are projected on the box (a parameter on a bound whose
// gradient points out of the box is held there) and damped Levenberg–Marquardt style when they do not
// decrease the SSE or the Hessian is not positive definite. `theta` is the start and receives the end
// point; returns the profiled SSE there.
template <class Profile>
double ets_newton(const std::vector<double>& y, bool damped, const Profile& profile, std::array<double, 3>& theta,
                  const std::array<double, 3>& low, const std::array<double, 3>& high) {
    const std::size_t dim = damped ? 3 : 2;
    ets_parameters states;
    double sse = profile(theta, &states);
    double lambda = 0.0;
    for (int iteration = 0; iteration < 100; ++iteration) {
        std::array<double, 5> full_g{};
        std::array<std::array<double, 5>, 5> full_h{};
        (void)ets_second_order(y, {theta[0], theta[1], damped ? theta[2] : 1.0, states.initial_level, states.initial_trend}, full_g, full_h);
        // θ indices 0..dim−1, states 3 and 4 of the full problem.
        const double h33 = full_h[3][3], h34 = full_h[3][4], h44 = full_h[4][4];
        const double det = h33 * h44 - h34 * h34;
        if (!(det > 0.0)) break;
        std::array<std::array<double, 5>, 5> reduced{};
        std::array<double, 3> g{};
        for (std::size_t i = 0; i < dim; ++i) {
            g[i] = full_g[i];
            for (std::size_t k = 0; k < dim; ++k) {
                const double a0 = full_h[i][3], a1 = full_h[i][4], b0 = full_h[3][k], b1 = full_h[4][k];
                reduced[i][k] = full_h[i][k] - (a0 * (h44 * b0 - h34 * b1) + a1 * (h33 * b1 - h34 * b0)) / det;
            }
        }
        std::array<std::size_t, 3> free{};
        std::size_t m = 0;
        for (std::size_t i = 0; i < dim; ++i) {
            if (theta[i] <= low[i] && g[i] > 0.0) continue;
            if (theta[i] >= high[i] && g[i] < 0.0) continue;
            free[m++] = i;
        }
        if (m == 0) break;
        double scale = 0.0;
        for (std::size_t i = 0; i < m; ++i) scale = std::max(scale, std::fabs(reduced[free[i]][free[i]]));
        bool accepted = false;
        std::array<double, 3> trial = theta;
        ets_parameters trial_states;
        double trial_sse = sse;
        for (int attempt = 0; attempt < 30; ++attempt) {
            std::array<std::array<double, 5>, 5> a{};
            std::array<double, 5> r{};
            for (std::size_t i = 0; i < m; ++i) {
                for (std::size_t k = 0; k < m; ++k) a[i][k] = reduced[free[i]][free[k]];
                a[i][i] += lambda * scale;
                r[i] = -g[free[i]];
            }
            if (!solve_spd(a, r, m)) {
                lambda = lambda == 0.0 ? 1e-6 : lambda * 10.0;
                continue;
            }
            trial = theta;
            for (std::size_t i = 0; i < m; ++i) {
                const std::size_t k = free[i];
                trial[k] = std::min(high[k], std::max(low[k], theta[k] + r[i]));
            }
            trial_sse = profile(trial, &trial_states);
            if (trial_sse <= sse) {
                accepted = true;
                lambda = lambda < 1e-6 ? 0.0 : lambda * 0.1;
                break;
            }
            lambda = lambda == 0.0 ? 1e-6 : lambda * 10.0;
        }
        if (!accepted) break;
        double change = 0.0;
        for (std::size_t k = 0; k < dim; ++k) change = std::max(change, std::fabs(trial[k] - theta[k]));
        theta = trial;
        states = trial_states;
        sse = trial_sse;
        if (change <= 1e-12) break;
    }
    return sse;
}

}  // namespace detail

/// Minimum number of observations `fit_ets` accepts, for both variants: one more than the 5 parameters
/// of Holt's model (α, β, l₀, b₀, σ²), as in the reference file. The damped model has 6, so its AICc
/// is +infinity at n = 6 (statsmodels does the same).
inline constexpr std::size_t ets_minimum_observations = 6;

/// Fits ETS(A,A,N) (`damped` false) or ETS(A,Ad,N) by maximum likelihood under statsmodels' default
/// bounds (see `ets_bounds`).
///
/// The concentrated likelihood is a decreasing function of the SSE, and the SSE is quadratic in the
/// initial states, so these are profiled out exactly; the 2 (3) smoothing parameters are searched on a
/// coarse grid over the box (12 × 12, × 5 damping values), and the best six of the grid's local minima
/// are polished by a projected Newton method with the exact gradient and Hessian of the profiled SSE
/// (`detail::ets_newton`). Starting from several local minima matters: the profiled SSE often has an
/// optimum in more than one corner of the box. This reaches the global optimum of the box far more
/// reliably than statsmodels' finite-difference L-BFGS-B on all 5 (6) parameters, which often stops
/// near its start values: the likelihood found here is never lower than statsmodels' on the reference
/// series, and is higher by up to several units on some.
/// Throws `data_error` with fewer than `ets_minimum_observations` values, `value_error` on non-finite data.
inline ets_model fit_ets(const std::vector<double>& y, bool damped) {
    if (y.size() < ets_minimum_observations) {
        throw data_error(std::string(damped ? "holt_damped" : "holt") + " needs >= " + std::to_string(ets_minimum_observations) +
                         " observations, got " + std::to_string(y.size()));
    }
    for (const double v : y) {
        if (!std::isfinite(v)) throw value_error("values", "an ETS model needs finite data without gaps");
    }
    const detail::ets_profile profile{y, damped};
    const std::array<double, 3> low{ets_bounds::smoothing_low, ets_bounds::smoothing_low, damped ? ets_bounds::damping_low : 1.0};
    const std::array<double, 3> high{ets_bounds::smoothing_high, ets_bounds::smoothing_high, damped ? ets_bounds::damping_high : 1.0};

    // A coarse grid over the box, bounds included, evaluated four parameter vectors at a time (144 or
    // 720 points: multiples of four).
    const int alpha_points = 12;
    const int beta_points = 12;
    const int damping_points = damped ? 5 : 1;
    struct candidate { double sse; std::array<double, 3> theta; };
    std::vector<candidate> grid;
    grid.reserve(static_cast<std::size_t>(alpha_points * beta_points * damping_points));
    const auto grid_value = [](double lo, double hi, int i, int count) {
        return count == 1 ? lo : lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(count - 1);
    };
    for (int i = 0; i < alpha_points; ++i) {
        for (int j = 0; j < beta_points; ++j) {
            for (int k = 0; k < damping_points; ++k) {
                grid.push_back({0.0, {grid_value(low[0], high[0], i, alpha_points), grid_value(low[1], high[1], j, beta_points),
                                      grid_value(low[2], high[2], k, damping_points)}});
            }
        }
    }
    double mean = 0.0;
    for (const double v : y) mean += v;
    mean /= static_cast<double>(y.size());
    std::vector<double> centred(y);
    for (auto& v : centred) v -= mean;
    constexpr std::size_t lanes = 4;  // the grid has a multiple of 4 points
    for (std::size_t g = 0; g < grid.size(); g += lanes) {
        std::array<std::array<double, 3>, lanes> thetas;
        double sse[lanes];
        for (std::size_t k = 0; k < lanes; ++k) thetas[k] = grid[g + k].theta;
        detail::ets_grid_sse<lanes>(centred, damped, thetas.data(), sse);
        for (std::size_t k = 0; k < lanes; ++k) grid[g + k].sse = sse[k];
    }
    // Polishes start from the grid's local minima (no better neighbour), the best few of them: the
    // profiled SSE can have an optimum in each corner of the box, and the best points of a coarse grid
    // often crowd around one of them. partial_sort, not a full sort: only the first few are needed.
    std::vector<candidate> minima;
    const auto at = [&](int i, int j, int k) -> const candidate& {
        return grid[static_cast<std::size_t>((i * beta_points + j) * damping_points + k)];
    };
    for (int i = 0; i < alpha_points; ++i) {
        for (int j = 0; j < beta_points; ++j) {
            for (int k = 0; k < damping_points; ++k) {
                const double value = at(i, j, k).sse;
                bool lowest = std::isfinite(value);
                for (int di = -1; di <= 1 && lowest; ++di) {
                    for (int dj = -1; dj <= 1 && lowest; ++dj) {
                        for (int dk = -1; dk <= 1 && lowest; ++dk) {
                            const int ni = i + di, nj = j + dj, nk = k + dk;
                            if (ni < 0 || nj < 0 || nk < 0 || ni >= alpha_points || nj >= beta_points || nk >= damping_points) continue;
                            if (at(ni, nj, nk).sse < value) lowest = false;
                        }
                    }
                }
                if (lowest) minima.push_back(at(i, j, k));
            }
        }
    }
    if (minima.empty()) minima.push_back(grid.front());  // no finite SSE anywhere: nothing to polish
    const std::size_t starts = std::min<std::size_t>(6, minima.size());
    std::partial_sort(minima.begin(), minima.begin() + static_cast<std::ptrdiff_t>(starts), minima.end(),
                      [](const candidate& a, const candidate& b) { return a.sse < b.sse; });

    std::array<double, 3> best = minima.front().theta;
    double best_sse = profile(best);
    for (std::size_t s = 0; s < starts; ++s) {
        std::array<double, 3> theta = minima[s].theta;
        const double fx = detail::ets_newton(y, damped, profile, theta, low, high);
        if (fx < best_sse) { best_sse = fx; best = theta; }
    }
    ets_parameters p;
    profile(best, &p);
    return ets_with_parameters(y, p, damped);
}

}  // namespace ontrack::model
