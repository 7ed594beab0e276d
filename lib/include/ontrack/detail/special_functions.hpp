// Special functions for the predictive distributions: the regularized incomplete beta function, the
// Student t and normal CDFs and their inverses. Accurate to about 1e-13 relative in the range the
// projection engine uses (df from 1 to a few thousand, probabilities down to 1e-300).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

namespace ontrack::detail {

inline constexpr double pi = 3.14159265358979323846;

/// Continued fraction of the incomplete beta function (modified Lentz), valid for x < (a+1)/(a+b+2).
inline double incomplete_beta_fraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-16;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double md = m;
        const double m2 = 2.0 * md;
        double aa = md * (b - md) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < eps) break;
    }
    return h;
}

/// log Γ(x) − ((x − ½)·log x − x + ½·log 2π): the Stirling remainder, for x >= 20 (error < 2e-15).
inline double stirling_remainder(double x) {
    const double r = 1.0 / (x * x);
    return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r / 1680.0))) / x;
}

/// log Γ(x) for x > 0: Stirling's series at x + k >= 20, shifted down by the recurrence. Written here
/// instead of std::lgamma, which writes the global `signgam` and so races when projections run on
/// several threads.
inline double log_gamma(double x) {
    double shift = 0.0;
    double product = 1.0;
    while (x < 20.0) {
        product *= x;
        x += 1.0;
        if (product > 1e250) {
            shift += std::log(product);
            product = 1.0;
        }
    }
    shift += std::log(product);
    return (x - 0.5) * std::log(x) - x + 0.5 * std::log(2.0 * pi) + stirling_remainder(x) - shift;
}

/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). When one argument is large the three lgamma
/// values nearly cancel; the Stirling form keeps the difference accurate there.
inline double log_beta(double a, double b) {
    const double big = std::max(a, b);
    const double small = std::min(a, b);
    if (big < 20.0) return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
    // log Γ(big + small) − log Γ(big) without forming either.
    const double ratio = (big - 0.5) * std::log1p(small / big) + small * std::log(big + small) - small +
                         stirling_remainder(big + small) - stirling_remainder(big);
    return log_gamma(small) - ratio;
}

/// I_x(a, b) as below, with log B(a, b) given (`log_beta(a, b)`): callers evaluating many x for the
/// same (a, b) compute it once.
inline double incomplete_beta(double a, double b, double x, double y, double log_beta_ab) {
    if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(y >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return 0.0;
    if (y == 0.0) return 1.0;
    const double log_front = a * std::log(x) + b * std::log(y) - log_beta_ab;
    if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(log_front) * incomplete_beta_fraction(a, b, x) / a;
    return 1.0 - std::exp(log_front) * incomplete_beta_fraction(b, a, y) / b;
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1. `y` must be
/// 1 − x; passing it separately keeps precision when x is close to 1 (the Student t CDF near 0).
inline double incomplete_beta(double a, double b, double x, double y) {
    if (!(a > 0.0) || !(b > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return incomplete_beta(a, b, x, y, log_beta(a, b));
}

/// I_x(a, b) with y = 1 − x computed here.
inline double incomplete_beta(double a, double b, double x) { return incomplete_beta(a, b, x, 1.0 - x); }

/// Standard normal CDF Φ(z).
inline double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// Standard normal density.
inline double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * pi); }

/// Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (±inf at 0 and 1, NaN outside). Acklam's rational
/// approximation (relative error 1.2e-9) refined by one Halley step on erfc, which brings it to full
/// double precision.
inline double normal_quantile(double p) {
    if (std::isnan(p) || p < 0.0 || p > 1.0) return std::numeric_limits<double>::quiet_NaN();
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double p_low = 0.02425;
    double x = 0.0;
    if (p < p_low) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - p_low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    // Halley refinement on the tail that is computed without cancellation.
    for (int i = 0; i < 2; ++i) {
        // e = Φ(x) − p, written as (1 − p) − Φ(−x) on the upper side.
        const double e = x < 0.0 ? normal_cdf(x) - p : (1.0 - p) - normal_cdf(-x);
        const double u = e * std::sqrt(2.0 * pi) * std::exp(0.5 * x * x);
        x = x - u / (1.0 + 0.5 * x * u);
        if (std::fabs(u) < 1e-17 * (1.0 + std::fabs(x))) break;
    }
    return x;
}

/// The largest integer df with the closed forms below (the df of every regression on a short annual
/// series; beyond it the closed form's cancellation near the switch to the series would exceed 1e-13).
inline constexpr int closed_form_t_df = 30;

/// What both integer-df forms below compute from t first: t², 1/(df + t²) and x = df/(df + t²) (= cos²θ),
/// with one division; 1 − x is t²·(1/(df + t²)), without cancellation.
struct t_square_terms {
    double t2, inverse_r2, x;
    t_square_terms(double t, int df) : t2(t * t), inverse_r2(1.0 / (df + t2)), x(df * inverse_r2) {}
};

/// The coefficients of the closed forms of `student_t_central_integer`, per df (row df − 1), computed at
/// compile time: df even, (1·3⋯(2k−1))/(2·4⋯2k) for k = 0 … df/2 − 1; df odd, (2·4⋯2k)/(3·5⋯(2k+1)) for
/// k = 0 … (df − 3)/2; zero beyond. A table instead of a running product with a division per term.
inline constexpr std::array<std::array<double, closed_form_t_df / 2>, closed_form_t_df> central_t_coefficients = [] {
    std::array<std::array<double, closed_form_t_df / 2>, closed_form_t_df> out{};
    for (int df = 1; df <= closed_form_t_df; ++df) {
        const int terms = df % 2 == 0 ? df / 2 : (df - 1) / 2;
        double c = 1.0;
        for (int k = 0; k < terms; ++k) {
            out[static_cast<std::size_t>(df - 1)][static_cast<std::size_t>(k)] = c;
            const double j = k + 1;
            c *= df % 2 == 0 ? (2.0 * j - 1.0) / (2.0 * j) : (2.0 * j) / (2.0 * j + 1.0);
        }
    }
    return out;
}();

/// P(|T| < a) for a >= 0 and Student's t with an integer number `df` in [1, closed_form_t_df] of degrees
/// of freedom, in closed form (Abramowitz & Stegun 26.7.3 and 26.7.4, θ = atan(a/√df)):
///   df even: sin θ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(df−3))/(2·4⋯(df−2))cos^(df−2)θ),
///   df odd:  (2/π)·(θ + sin θ cos θ · (1 + ⅔cos²θ + … + (2·4⋯(df−3))/(3·5⋯(df−2))cos^(df−3)θ)).
/// A sum of df/2 positive terms (Horner's rule on `central_t_coefficients`), about ten times faster than
/// the incomplete beta function; its complement 1 − P loses relative precision only where it is small
/// (the far tail). NaN for df outside [1, closed_form_t_df].
inline double student_t_central_integer(double a, int df, const t_square_terms& q) {
    if (!(df >= 1 && df <= closed_form_t_df)) return std::numeric_limits<double>::quiet_NaN();
    const auto& c = central_t_coefficients[static_cast<std::size_t>(df - 1)];
    const double cos2 = q.x;
    const int terms = df % 2 == 0 ? df / 2 : (df - 1) / 2;
    double sum = 0.0;
    for (int k = terms - 1; k >= 0; --k) sum = sum * cos2 + c[static_cast<std::size_t>(k)];
    const double sin = a * std::sqrt(q.inverse_r2);
    if (df % 2 == 0) return sin * sum;
    const double theta = std::atan(a / std::sqrt(static_cast<double>(df)));
    return (2.0 / pi) * (df == 1 ? theta : theta + sin * std::sqrt(cos2) * sum);
}

/// `student_t_central_integer` with t² and x computed here.
inline double student_t_central_integer(double a, int df) { return student_t_central_integer(a, df, t_square_terms(a, df)); }

/// The largest x = df/(df + t²) the far-tail series below is used at, and its terms per x: the series is
/// summed to `far_t_tail_length[⌊64x⌋]` terms, enough that the rest (at most x^N/(1 − x) of a sum >= 1,
/// the coefficients being <= 1) is below 1e-17 at the upper end of each 1/64 of x; a multiple of 16
/// (the sum takes eight terms a step, and few distinct lengths mean few mispredicted loop exits).
inline constexpr double far_t_tail_largest_x = 0.7;
inline constexpr std::array<std::size_t, 45> far_t_tail_length = [] {
    std::array<std::size_t, 45> out{};
    for (std::size_t bucket = 0; bucket < out.size(); ++bucket) {
        const double x = static_cast<double>(bucket + 1) / 64.0;
        std::size_t n = 0;
        double rest = 1.0 / (1.0 - x);
        while (rest > 1e-17) {
            rest *= x;
            ++n;
        }
        out[bucket] = (n + 15) / 16 * 16;
    }
    return out;
}();
static_assert(static_cast<std::size_t>(far_t_tail_largest_x * 64.0) < far_t_tail_length.size());

/// The far-tail series' coefficients per df (row df − 1), computed at compile time:
/// (a + ½)_k/(a + 1)_k = Π_{j<k} (1 − 1/(df + 2 + 2j)), a = df/2, for k below the longest length.
inline constexpr std::size_t far_t_tail_terms = far_t_tail_length.back();
inline constexpr std::array<std::array<double, far_t_tail_terms>, closed_form_t_df> far_t_tail_coefficients = [] {
    std::array<std::array<double, far_t_tail_terms>, closed_form_t_df> out{};
    for (int df = 1; df <= closed_form_t_df; ++df) {
        double c = 1.0;
        for (std::size_t k = 0; k < far_t_tail_terms; ++k) {
            out[static_cast<std::size_t>(df - 1)][k] = c;
            c *= 1.0 - 1.0 / static_cast<double>(static_cast<std::size_t>(df) + 2 + 2 * k);
        }
    }
    return out;
}();

/// The upper tail P(T > t) of Student's t with an integer number `df` in [1, closed_form_t_df] of degrees
/// of freedom, for t > 0 with x = df/(df + t²) <= 0.7, by the hypergeometric series of the incomplete
/// beta function (DLMF 8.17.8): P = ½·I_x(a, ½) = x^a·√(1 − x)/(2a·B(a, ½)) · Σ_k (a + ½)_k/(a + 1)_k · x^k,
/// a = df/2. Its terms are positive and fall at least as fast as x^k, so the relative error stays near
/// rounding (128 terms at x = 0.7, 64 at 0.5, 16 in the far tail), summed eight at a time from
/// `far_t_tail_coefficients` (no division, no test per term). `inverse_df_beta` is 1/(df·B(df/2, ½));
/// `q` holds t² and x.
/// Returns NaN outside that domain and when x^a is below 1e-300, near where it would lose precision to
/// underflow; the caller then takes the incomplete beta function's logarithmic form.
inline double student_t_far_tail_integer(double t, int df, double inverse_df_beta, const t_square_terms& q) {
    if (!(df >= 1 && df <= closed_form_t_df) || !(t > 0.0) || !std::isfinite(q.t2)) return std::numeric_limits<double>::quiet_NaN();
    const double x = q.x;
    if (!(x <= far_t_tail_largest_x)) return std::numeric_limits<double>::quiet_NaN();
    // x^⌊df/2⌋ by squaring (a handful of products, no pow).
    double power = 1.0;
    double base = x;
    for (int e = df / 2; e > 0; e >>= 1) {
        if (e & 1) power *= base;
        base *= base;
    }
    // The front factor x^(df/2)·√(1 − x): for an odd df, x^((df−1)/2)·√x·t/√(df + t²) = x^((df+1)/2)·t/√df
    // (no square root of x); for an even one, x^(df/2)·√(t²/(df + t²)). Below 1e-300 it would lose
    // precision to underflow.
    const bool odd = df % 2 == 1;
    if (!((odd ? power * x : power) >= 1e-300)) return std::numeric_limits<double>::quiet_NaN();
    const double front = odd ? power * x * (t / std::sqrt(static_cast<double>(df))) : power * std::sqrt(q.t2 * q.inverse_r2);
    const auto& c = far_t_tail_coefficients[static_cast<std::size_t>(df - 1)];
    const std::size_t terms = far_t_tail_length[static_cast<std::size_t>(x * 64.0)];
    const double x2 = x * x;
    const double x4 = x2 * x2;
    const double x8 = x4 * x4;
    double sum = 0.0;
    double scale = 1.0;  // x^k at the first term of the eight
    for (std::size_t k = 0; k < terms; k += 8) {
        const double low = (c[k] + c[k + 1] * x) + x2 * (c[k + 2] + c[k + 3] * x);
        const double high = (c[k + 4] + c[k + 5] * x) + x2 * (c[k + 6] + c[k + 7] * x);
        sum += scale * (low + x4 * high);
        scale *= x8;
    }
    return front * inverse_df_beta * sum;
}

/// `student_t_far_tail_integer` with t² and x computed here.
inline double student_t_far_tail_integer(double t, int df, double inverse_df_beta) {
    return student_t_far_tail_integer(t, df, inverse_df_beta, t_square_terms(t, df));
}

/// The Student t distribution with `df` > 0 degrees of freedom, with the work that depends on df
/// alone (log B(df/2, ½)) done once at construction: for evaluating many CDFs of one df (the rows of a
/// batch share a few df). Untabulated, its numbers are exactly those of `student_t_sf` and `student_t_cdf`.
///
/// Integer df up to `closed_form_df` (the df of every regression on a short annual series; beyond it the
/// closed form's cancellation near the switch would exceed 1e-13) take the
/// closed form `student_t_central_integer` wherever the answer is at least `closed_form_smallest_tail`,
/// and the series `student_t_far_tail_integer` in the upper tail beyond (x = df/(df + t²) <= 0.7); both
/// agree with the incomplete beta function to about 1e-13 relative and are several times faster. The
/// rest, and every other df, take the incomplete beta function's continued fraction, which keeps
/// relative precision down to 1e-300.
///
/// For many evaluations of one integer df (a batch of a million rows sharing it) `tabulate()` adds a
/// table of Taylor expansions of the upper tail around every multiple of `tabulated_step` below
/// `tabulated_reach`: there `sf` then takes one lookup and a polynomial of degree `tabulated_order` (no
/// branch on t, no atan, no series, about 12 ns instead of 30–40 for df <= 30 and 200 beyond), within
/// 1e-13 relative of the untabulated value (worst seen 8e-14, df 88) and within 4e-14 of 40-digit
/// references for every integer df from 1 to 100 (tests: test_distribution.cpp); beyond
/// `tabulated_reach` nothing changes. Rounding can make the tabulated tail rise by an ulp or so between
/// close points, as the untabulated one can.
struct student_t_df {
    static constexpr int closed_form_df = closed_form_t_df;
    static constexpr double closed_form_smallest_tail = 1.0 / 128.0;

    double df = std::numeric_limits<double>::quiet_NaN();
    double log_beta_half = std::numeric_limits<double>::quiet_NaN();  ///< log B(df/2, ½)
    int integer_df = 0;  ///< df when it is an integer in [1, closed_form_df], else 0
    double inverse_df_beta = std::numeric_limits<double>::quiet_NaN();  ///< 1/(df·B(df/2, ½)), for integer df
    /// The expansions of `tabulate()`, `tabulated_order + 1` coefficients per node (empty: no table).
    std::vector<double> taylor;

    static constexpr double tabulated_step = 1.0 / 16.0;
    static constexpr double tabulated_reach = 16.0;
    static constexpr int tabulated_order = 11;
    /// The df a table is made for: the integers from 1 (the tail's nearest complex singularity, at ±i√df,
    /// then lies at least 16 half-steps from every point, so the degree-11 expansion's remainder is below
    /// 1e-17) to 100 (the hazard f/sf on [0, 16) stays below 5.1 there: remainder below 1e-18). Integers
    /// only: a table copies the error of its nodes' values, and for a non-integer df those come from the
    /// continued fraction, good to only about 1.4e-13 near t = 1.5 (regression rows have integer df).
    static constexpr double tabulated_smallest_df = 1.0;
    static constexpr double tabulated_largest_df = 100.0;
    /// True when `tabulate()` makes a table for df `degrees`.
    static bool tabulable(double degrees) {
        return degrees >= tabulated_smallest_df && degrees <= tabulated_largest_df && degrees == std::floor(degrees);
    }

    student_t_df() = default;
    explicit student_t_df(double degrees) : df(degrees) {
        if (df > 0.0 && !(df > 1e10)) log_beta_half = log_beta(0.5 * df, 0.5);
        if (df >= 1.0 && df <= closed_form_df && df == std::floor(df)) {
            integer_df = static_cast<int>(df);
            inverse_df_beta = std::exp(-log_beta_half) / df;
        }
    }

    /// Builds the table of the upper tail (see above) when `tabulable(df)`; else nothing. Around each
    /// node t₀ = i·step the expansion of P(T > t₀ + d) is a₀ = P(T > t₀) (the untabulated value) and
    /// a_(k+1) = −b_k/(k + 1), where b_k are the Taylor
    /// coefficients of the density f, which satisfies (df + t²)·f' = −(df + 1)·t·f; at t₀ this gives
    ///   (df + t₀²)(k + 1)·b_(k+1) = −t₀(2k + df + 1)·b_k − (k + df)·b_(k−1),   b₀ = f(t₀), b₋₁ = 0.
    void tabulate() {
        if (!tabulable(df)) return;
        constexpr auto terms = static_cast<std::size_t>(tabulated_order) + 1;
        const auto nodes = static_cast<std::size_t>(tabulated_reach / tabulated_step) + 1;
        std::vector<double> table(nodes * terms);
        // log of the density's constant 1/(√df·B(df/2, ½))
        const double log_constant = -log_beta_half - 0.5 * std::log(df);
        for (std::size_t i = 0; i < nodes; ++i) {
            const double t0 = static_cast<double>(i) * tabulated_step;
            double* a = &table[i * terms];
            a[0] = sf(t0);  // `taylor` is still empty: the untabulated value
            const double q = df + t0 * t0;
            double previous = 0.0;
            double b = std::exp(log_constant - 0.5 * (df + 1.0) * std::log1p(t0 * t0 / df));
            for (std::size_t k = 0; k + 1 < terms; ++k) {
                const double kd = static_cast<double>(k);
                a[k + 1] = -b / (kd + 1.0);
                const double next = -(t0 * (2.0 * kd + df + 1.0) * b + (kd + df) * previous) / (q * (kd + 1.0));
                previous = b;
                b = next;
            }
        }
        taylor = std::move(table);
    }

    /// Upper tail P(T > t).
    double sf(double t) const {
        if (std::isnan(t) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
        if (!taylor.empty() && std::fabs(t) < tabulated_reach) return tabulated_sf(t);
        if (std::isinf(t)) return t > 0.0 ? 0.0 : 1.0;
        if (df > 1e10) return normal_cdf(-t);
        if (std::fabs(t) > 1e150) {
            // t² would overflow. There x = df/(df + t²) = df/t² to within 1e-300 relative and
            // ½·I_x(df/2, ½) = x^(df/2)/(df·B(df/2, ½)) = (√df/|t|)^df/(df·B) to the same precision
            // (it underflows to 0 for all but the smallest df, as the tail does).
            const double tail = std::pow(std::sqrt(df) / std::fabs(t), df) * (std::exp(-log_beta_half) / df);
            return t > 0.0 ? tail : 1.0 - tail;
        }
        if (integer_df > 0) {
            // Far in the upper tail (x <= 0.5: at most 64 terms) the series directly; else the closed
            // form, and the series for a small tail it cannot give to full relative precision.
            const t_square_terms q(std::fabs(t), integer_df);
            const bool far_series = t > 0.0 && q.x <= far_t_tail_largest_x;
            if (far_series && q.x <= 0.5) {
                const double far = student_t_far_tail_integer(t, integer_df, inverse_df_beta, q);
                if (!std::isnan(far)) return far;
            }
            const double central = student_t_central_integer(std::fabs(t), integer_df, q);
            if (t <= 0.0) return 0.5 + 0.5 * central;
            const double tail = 0.5 - 0.5 * central;
            if (tail >= closed_form_smallest_tail) return tail;
            if (far_series && q.x > 0.5) {  // (at x <= 0.5 the series has answered, or underflowed)
                const double far = student_t_far_tail_integer(t, integer_df, inverse_df_beta, q);
                if (!std::isnan(far)) return far;
            }
        }
        const double t2 = t * t;
        // x = df/(df+t²) and 1 − x = t²/(df+t²), both without cancellation.
        const double tail = 0.5 * incomplete_beta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2), log_beta_half);
        return t > 0.0 ? tail : 1.0 - tail;
    }
    /// P(T <= t).
    double cdf(double t) const { return sf(-t); }

private:
    // The table's P(T > t) for |t| < tabulated_reach: the expansion around the nearest node, evaluated
    // by Estrin's scheme (short dependency chains); 1 − P(T > |t|) below zero (at least ½: no cancellation).
    double tabulated_sf(double t) const {
        const double a = std::fabs(t);
        const auto node = static_cast<std::size_t>(a * (1.0 / tabulated_step) + 0.5);
        const double d = a - static_cast<double>(node) * tabulated_step;
        const double* c = &taylor[node * (static_cast<std::size_t>(tabulated_order) + 1)];
        static_assert(tabulated_order == 11, "the evaluation below is written out for degree 11");
        const double d2 = d * d;
        const double d4 = d2 * d2;
        const double low = (c[0] + c[1] * d) + d2 * (c[2] + c[3] * d);
        const double middle = (c[4] + c[5] * d) + d2 * (c[6] + c[7] * d);
        const double high = (c[8] + c[9] * d) + d2 * (c[10] + c[11] * d);
        const double upper = low + d4 * (middle + d4 * high);
        return t >= 0.0 ? upper : 1.0 - upper;
    }
};

/// Upper tail P(T > t) of Student's t with `df` > 0 degrees of freedom.
inline double student_t_sf(double t, double df) { return student_t_df(df).sf(t); }

/// Student t CDF P(T <= t).
inline double student_t_cdf(double t, double df) { return student_t_sf(-t, df); }

/// Student t density.
inline double student_t_pdf(double t, double df) {
    if (df > 1e10) return normal_pdf(t);
    // 1 / (√df · B(df/2, ½))
    const double log_norm = -log_beta(0.5 * df, 0.5) - 0.5 * std::log(df);
    return std::exp(log_norm - 0.5 * (df + 1.0) * std::log1p(t * t / df));
}

/// Student t quantile: the t with P(T <= t) = p, for df > 0 and 0 < p < 1 (±inf at 0 and 1, NaN
/// outside). Closed forms for df = 1 and 2; otherwise safeguarded Newton iterations on the log of the
/// tail probability, bracketed so they cannot diverge.
inline double student_t_quantile(double p, double df) {
    if (std::isnan(p) || p < 0.0 || p > 1.0 || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();
    if (p == 0.5) return 0.0;
    if (df > 1e10) return normal_quantile(p);
    // Work with the upper tail q = P(T > t) of the positive root; symmetry gives the other side.
    const bool upper = p > 0.5;
    const double q = upper ? 1.0 - p : p;
    const double sign = upper ? 1.0 : -1.0;
    if (df == 1.0) return sign / std::tan(pi * q);  // Cauchy: cot(πq), exact in the tails
    if (df == 2.0) return sign * (1.0 - 2.0 * q) / std::sqrt(2.0 * q * (1.0 - q));
    // Start: Cornish-Fisher expansion around the normal quantile.
    const double z = -normal_quantile(q);
    const double z2 = z * z;
    double t = z + z * (z2 + 1.0) / (4.0 * df) + z * ((5.0 * z2 + 16.0) * z2 + 3.0) / (96.0 * df * df);
    if (!(t > 0.0) || !std::isfinite(t)) t = 1.0;
    double lo = 0.0;
    double hi = std::numeric_limits<double>::infinity();
    const double log_q = std::log(q);
    // log B(df/2, ½) once for every iteration's tail and density (the numbers of student_t_sf and
    // student_t_pdf, which would each recompute it).
    const student_t_df dist(df);
    const double log_norm = -dist.log_beta_half - 0.5 * std::log(df);
    for (int i = 0; i < 200; ++i) {
        const double sf = dist.sf(t);
        const double g = std::log(sf) - log_q;  // decreasing in t
        if (g > 0.0) lo = std::max(lo, t); else hi = std::min(hi, t);
        if (g == 0.0) break;
        // d/dt log sf = −pdf/sf
        const double pdf = std::exp(log_norm - 0.5 * (df + 1.0) * std::log1p(t * t / df));
        const double step = g * sf / pdf;
        double next = t + step;
        if (!(next > lo && next < hi) || !std::isfinite(next)) next = std::isinf(hi) ? 2.0 * std::max(t, lo) + 1.0 : 0.5 * (lo + hi);
        if (std::fabs(next - t) <= 1e-15 * std::fabs(next)) { t = next; break; }
        t = next;
    }
    return sign * t;
}

// The upper quantile (1 + level)/2 of Student's t with `df` = 1, 2, …, 128 degrees of freedom for a
// level of 0.8, 0.95 or 0.99 (the levels of the projections and calibration reports), else NaN. Each
// level's table is built on its first use by `student_t_quantile` itself, so it holds exactly that
// function's numbers; it is immutable afterwards (thread-safe static initialisation). A projection of
// a short series then needs no Newton solve for its interval: the solve costs about as much as the
// rest of a linear projection.
template <int PerMille>
double tabulated_upper_t_quantile(double df) {
    static const std::array<double, 128> table = [] {
        std::array<double, 128> out{};
        for (std::size_t k = 0; k < out.size(); ++k) out[k] = student_t_quantile(0.5 * (1.0 + PerMille / 1000.0), static_cast<double>(k + 1));
        return out;
    }();
    return table[static_cast<std::size_t>(df) - 1];
}

inline double tabulated_upper_t_quantile(double level, double df) {
    if (!(df >= 1.0 && df <= 128.0) || df != std::floor(df)) return std::numeric_limits<double>::quiet_NaN();
    if (level == 800 / 1000.0) return tabulated_upper_t_quantile<800>(df);
    if (level == 950 / 1000.0) return tabulated_upper_t_quantile<950>(df);
    if (level == 990 / 1000.0) return tabulated_upper_t_quantile<990>(df);
    return std::numeric_limits<double>::quiet_NaN();
}

/// The standard quantiles of a central interval of probability `level`: exactly
/// {student_t_quantile((1 − level)/2, df), student_t_quantile((1 + level)/2, df)}. The quantile solves
/// for the tail probability min(p, 1 − p) and attaches the sign, so when the two tails of `level` are
/// the same number (0.8, 0.95, 0.99 among others) the lower quantile is exactly minus the upper one
/// and one solve serves both.
/// Integer df up to 128 at the levels 0.8, 0.95 and 0.99 are read from `tabulated_upper_t_quantile`.
inline std::pair<double, double> student_t_central_quantiles(double level, double df) {
    const double low = 0.5 * (1.0 - level);
    const double high = 0.5 * (1.0 + level);
    if (low > 0.0 && low < 0.5 && 1.0 - high == low && df > 0.0 && !(df > 1e10)) {
        const double tabulated = tabulated_upper_t_quantile(level, df);
        const double z = std::isnan(tabulated) ? student_t_quantile(high, df) : tabulated;
        return {-z, z};
    }
    return {student_t_quantile(low, df), student_t_quantile(high, df)};
}

}  // namespace ontrack::detail
