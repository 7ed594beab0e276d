// The distribution of a sum of projected periods (a cumulative target: "five-year cumulative R&D
// investment ≥ X"). Each period's predictive is known (a projection point); their sum has no closed
// form when they live on the log or logit scale, and the periods are far from independent: a
// projection that is too low in one year is too low in the next.
//
// The periods are coupled by a Gaussian copula whose correlation is that of a random walk with an
// uncertain drift on the working scale, the shape the calibrated spreads follow: the error at horizon
// h is e_h = h·D + W_h (D the drift error, W a random walk), so Var e_h = a·h² + b·h and
// Cov(e_h, e_k) = a·h·k + b·min(h, k). a, b >= 0 are fitted by least squares to the squared scales of
// the periods' predictives (a pure random walk, spreads growing as √h, gives Corr = √(min/max); spreads
// growing as h give Corr = 1). Each period keeps its own marginal exactly; the sum is sampled by Monte
// Carlo with a fixed seed (the same numbers on every run and platform).
#pragma once

#include <ontrack/detail/special_functions.hpp>
#include <ontrack/distribution.hpp>
#include <ontrack/error.hpp>
#include <ontrack/target.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace ontrack {

/// A sampled distribution of a sum: sorted draws, with probabilities and quantiles read from them.
struct sampled_sum {
    std::vector<double> draws;  ///< sorted ascending

    /// The p-quantile (0 < p < 1; linear interpolation between order statistics).
    double quantile(double p) const {
        if (draws.empty() || !(p > 0.0 && p < 1.0)) throw value_error("p", "a quantile of a sum needs draws and 0 < p < 1");
        const double position = p * static_cast<double>(draws.size() - 1);
        const auto below = static_cast<std::size_t>(std::floor(position));
        const std::size_t above = std::min(below + 1, draws.size() - 1);
        return draws[below] + (position - static_cast<double>(below)) * (draws[above] - draws[below]);
    }
    double median() const { return quantile(0.5); }
    /// The central interval holding probability `level`.
    std::pair<double, double> interval(double level) const { return {quantile(0.5 * (1.0 - level)), quantile(0.5 * (1.0 + level))}; }

    /// The share of draws with sum ⋈ threshold, ⋈ in {>=, >, <=, <}.
    double probability(comparator c, double threshold) const {
        const auto n = static_cast<double>(draws.size());
        const auto below = static_cast<double>(std::lower_bound(draws.begin(), draws.end(), threshold) - draws.begin());  // < threshold
        const auto at_most = static_cast<double>(std::upper_bound(draws.begin(), draws.end(), threshold) - draws.begin());  // <= threshold
        switch (c) {
            case comparator::at_least: return (n - below) / n;
            case comparator::greater: return (n - at_most) / n;
            case comparator::at_most: return at_most / n;
            case comparator::less: return below / n;
            default: break;
        }
        throw value_error("comparator", "a probability of a sum needs >=, >, <= or <");
    }
    /// The share of draws with a <= sum <= b.
    double probability_between(double a, double b) const {
        const auto lo = std::lower_bound(draws.begin(), draws.end(), a);
        const auto hi = std::upper_bound(draws.begin(), draws.end(), b);
        return hi > lo ? static_cast<double>(hi - lo) / static_cast<double>(draws.size()) : 0.0;
    }
};

namespace detail {

// Variance growth a·h² + b·h (a, b >= 0) fitted by least squares to v_i at horizons h_i.
inline std::pair<double, double> drift_and_walk(const std::vector<double>& h, const std::vector<double>& v) {
    double s44 = 0, s33 = 0, s22 = 0, sv2 = 0, sv1 = 0;
    for (std::size_t i = 0; i < h.size(); ++i) {
        s44 += h[i] * h[i] * h[i] * h[i];
        s33 += h[i] * h[i] * h[i];
        s22 += h[i] * h[i];
        sv2 += v[i] * h[i] * h[i];
        sv1 += v[i] * h[i];
    }
    const double det = s44 * s22 - s33 * s33;
    double a = 0.0, b = 0.0;
    if (det > 1e-12 * s44 * s22) {
        a = (sv2 * s22 - sv1 * s33) / det;
        b = (s44 * sv1 - s33 * sv2) / det;
    }
    if (!(det > 1e-12 * s44 * s22) || a < 0.0 || b < 0.0) {
        // On the boundary: the better of a pure drift error and a pure random walk.
        const double a_only = s44 > 0 ? std::max(0.0, sv2 / s44) : 0.0, b_only = s22 > 0 ? std::max(0.0, sv1 / s22) : 0.0;
        double ra = 0, rb = 0;
        for (std::size_t i = 0; i < h.size(); ++i) {
            ra += std::pow(v[i] - a_only * h[i] * h[i], 2);
            rb += std::pow(v[i] - b_only * h[i], 2);
        }
        a = ra <= rb ? a_only : 0.0;
        b = ra <= rb ? 0.0 : b_only;
    }
    return {a, b};
}

// The quantile of the family's standard variable at Φ(z), on a grid of z (step 1/64 over [−8.5, 8.5])
// for one df, interpolated linearly: the Monte Carlo needs it for every draw and every period.
class standard_score_table {
public:
    explicit standard_score_table(const predictive& d) {
        values_.reserve(points);
        for (int i = 0; i < points; ++i) {
            const double z = -reach + static_cast<double>(i) * step;
            values_.push_back(d.standard_quantile(normal_cdf(z)));
        }
    }
    double at(double z) const {
        const double position = (std::max(-reach, std::min(reach, z)) + reach) / step;
        const auto i = std::min(static_cast<std::size_t>(position), values_.size() - 2);
        const double f = position - static_cast<double>(i);
        return values_[i] + f * (values_[i + 1] - values_[i]);
    }

private:
    static constexpr double reach = 8.5;
    static constexpr double step = 1.0 / 64.0;
    static constexpr int points = 1089;  // 2·8.5·64 + 1
    std::vector<double> values_;
};

}  // namespace detail

/// The distribution of `known` + Σ X_i, X_i ~ `periods[i]` at horizon `horizons[i]` (periods after the
/// last observation, >= 1), coupled as the header comment says; `draws` Monte Carlo draws from a
/// generator seeded with `seed`. Throws `value_error` when the lists differ in length or a horizon is < 1.
inline sampled_sum sum_of_periods(const std::vector<predictive>& periods, const std::vector<int>& horizons, double known = 0.0,
                                  std::size_t draws = 20000, std::uint64_t seed = 20261202) {
    if (periods.size() != horizons.size()) throw value_error("horizons", "one horizon per projected period is needed");
    const std::size_t n = periods.size();
    sampled_sum out;
    if (n == 0) {
        out.draws.assign(1, known);
        return out;
    }
    std::vector<double> h(n), v(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (horizons[i] < 1) throw value_error("horizons", "a projected period lies after the last observation (horizon >= 1)");
        h[i] = static_cast<double>(horizons[i]);
        v[i] = periods[i].scale * periods[i].scale;
    }
    const auto [a, b] = detail::drift_and_walk(h, v);
    // The copula's correlation and its Cholesky factor (a point mass or no fitted spread: comonotone).
    std::vector<double> L(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j <= i; ++j) {
            const double vi = a * h[i] * h[i] + b * h[i], vj = a * h[j] * h[j] + b * h[j];
            const double r = (vi > 0.0 && vj > 0.0) ? (a * h[i] * h[j] + b * std::min(h[i], h[j])) / std::sqrt(vi * vj) : 1.0;
            double sum = r;
            for (std::size_t k = 0; k < j; ++k) sum -= L[i * n + k] * L[j * n + k];
            if (i == j) {
                L[i * n + i] = sum > 1e-12 ? std::sqrt(sum) : 0.0;
            } else {
                L[i * n + j] = L[j * n + j] > 0.0 ? sum / L[j * n + j] : 0.0;
            }
        }
    }
    std::map<double, detail::standard_score_table> tables;
    std::vector<const detail::standard_score_table*> table_of(n);
    for (std::size_t i = 0; i < n; ++i) {
        // One table per standard variable: T(df) for the t families, Z (key −1) for the normal ones.
        const bool t = periods[i].family == distribution_family::student_t || periods[i].family == distribution_family::log_student_t ||
                       periods[i].family == distribution_family::logit_student_t;
        const double k = t ? periods[i].df : -1.0;
        auto found = tables.find(k);
        if (found == tables.end()) found = tables.emplace(k, detail::standard_score_table(periods[i])).first;
        table_of[i] = &found->second;
    }
    // Standard normals from 53-bit uniforms through the normal quantile: portable, unlike
    // std::normal_distribution, whose algorithm each standard library chooses.
    std::mt19937_64 generator(seed);
    const auto uniform = [&] { return (static_cast<double>(generator() >> 11) + 0.5) * (1.0 / 9007199254740992.0); };
    std::vector<double> e(n), z(n);
    out.draws.reserve(draws);
    for (std::size_t d = 0; d < draws; ++d) {
        for (std::size_t i = 0; i < n; ++i) e[i] = detail::normal_quantile(uniform());
        double total = known;
        for (std::size_t i = 0; i < n; ++i) {
            double zi = 0.0;
            for (std::size_t k = 0; k <= i; ++k) zi += L[i * n + k] * e[k];
            total += periods[i].at_standard(periods[i].scale > 0.0 ? table_of[i]->at(zi) : 0.0);
        }
        out.draws.push_back(total);
    }
    std::sort(out.draws.begin(), out.draws.end());
    return out;
}

}  // namespace ontrack
