// Ratio indicators such as R&D intensity = R&D spending / GDP × 100, projected two ways: through
// their components, and directly from the observed ratio. The two can disagree; users see both.
#pragma once

#include <ontrack/projection.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace ontrack {

/// A projected ratio in one period, from simulated component values.
struct ratio_point {
    period at;
    double median = 0.0;  ///< median of the simulated ratio (the point forecast)
    double lower = 0.0;   ///< lower bound of the central `level` interval (simulation quantile)
    double upper = 0.0;
    std::vector<double> draws;  ///< the simulated ratios, sorted
};

/// The result of `project_ratio`.
struct ratio_projection {
    projection numerator;                ///< projection of the numerator series
    projection denominator;              ///< projection of the denominator series
    std::optional<projection> direct;    ///< the observed ratio projected as a series of its own (when it has enough observations)
    std::vector<ratio_point> points;     ///< the ratio through its components
    double scale = 100.0;
    double level = 0.95;
    std::size_t draws = 0;
    std::uint64_t seed = 0;
    series observed_ratio;               ///< numerator / denominator × scale where both are observed

    /// The point for period `p`; throws `value_error` when `p` is not projected.
    const ratio_point& at(const period& p) const {
        for (const auto& point : points) {
            if (point.at.freq() == p.freq() && point.at == p) return point;
        }
        throw value_error("period", p.to_string() + " is not a projected period of the ratio");
    }

    /// P(ratio ⋈ threshold) in `p`, the share of simulated ratios on the right side (its Monte Carlo
    /// standard error is at most 0.5/√draws).
    double probability(comparator c, double threshold, const period& p) const {
        const auto& d = at(p).draws;
        const auto below = static_cast<double>(std::lower_bound(d.begin(), d.end(), threshold) - d.begin());
        const auto at_or_below = static_cast<double>(std::upper_bound(d.begin(), d.end(), threshold) - d.begin());
        const double n = static_cast<double>(d.size());
        switch (c) {
            case comparator::at_least: return (n - below) / n;
            case comparator::greater: return (n - at_or_below) / n;
            case comparator::at_most: return at_or_below / n;
            case comparator::less: return below / n;
            default: throw value_error("comparator", "a probability needs one of >=, >, <=, <; got '" + to_string(c) + "'");
        }
    }
};

namespace detail {

/// One draw from a predictive distribution, by its definition: location + scale·Z/√(χ²_df/df) for
/// Student t, exponentiated for the log families.
inline double draw(const predictive& d, std::mt19937_64& rng) {
    std::normal_distribution<double> standard_normal(0.0, 1.0);
    double z = standard_normal(rng);
    if (std::isfinite(d.df)) {
        std::chi_squared_distribution<double> chi_squared(d.df);
        z /= std::sqrt(chi_squared(rng) / d.df);
    }
    const double x = d.location + d.scale * z;
    return d.on_log_scale() ? std::exp(x) : x;
}

inline double sorted_quantile(const std::vector<double>& sorted, double p) {
    // Linear interpolation between order statistics (numpy's default).
    const double position = p * static_cast<double>(sorted.size() - 1);
    const auto low = static_cast<std::size_t>(std::floor(position));
    const auto high = std::min(low + 1, sorted.size() - 1);
    return sorted[low] + (position - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

}  // namespace detail

/// The largest `draws` `project_ratio` accepts.
inline constexpr std::size_t max_ratio_draws = 10'000'000;

/// Projects numerator / denominator × `scale` to `to`.
///
/// Through the components: each is projected with `m`; in every future period `draws` values are
/// drawn from each predictive distribution — independently, as the models are fitted separately (the
/// covariance of the two forecast errors is not estimated, so when they move together the interval is
/// wider than it should be) — and their ratio gives the median, the central `level` interval and the
/// probabilities. The generator is `std::mt19937_64` seeded with `seed`, so results are reproducible.
///
/// Directly: the observed ratio series is projected with `m` as well (`direct`), when it has enough
/// observations; otherwise `direct` is empty.
///
/// Throws what `project` throws for either component, `value_error` when the components differ in
/// frequency, when `scale` is not positive and finite, or when `draws` < 100 or > `max_ratio_draws`; `data_error` when the
/// denominator's projected median is not positive in some period (a ratio to a negative GDP has no
/// meaning) or a denominator draw is exactly 0.
inline ratio_projection project_ratio(const series& numerator, const series& denominator, method m, const period& to,
                                      double scale = 100.0, double level = 0.95, std::size_t draws = 100000,
                                      std::uint64_t seed = 20251122) {
    if (!(scale > 0.0) || !std::isfinite(scale)) throw value_error("scale", "the ratio scale must be positive and finite");
    if (draws < 100) throw value_error("draws", "at least 100 draws are needed, got " + std::to_string(draws));
    // Every projected period keeps its draws: 10^7 doubles are 80 MB a period.
    if (draws > max_ratio_draws) {
        throw value_error("draws", "at most " + std::to_string(max_ratio_draws) + " draws are allowed (the error of a probability is already below 0.0002 at 10^7), got " +
                                       std::to_string(draws));
    }
    if (!numerator.empty() && !denominator.empty() && numerator.freq() != denominator.freq()) {
        throw value_error("denominator", "the numerator is " + to_string(numerator.freq()) + " but the denominator is " + to_string(denominator.freq()));
    }
    ratio_projection out;
    out.scale = scale;
    out.level = level;
    out.draws = draws;
    out.seed = seed;
    out.numerator = project(numerator, m, to, level);
    out.denominator = project(denominator, m, to, level);

    // The observed ratio, where both components are observed.
    std::vector<period> periods;
    std::vector<double> ratios;
    for (const auto& p : numerator.observed().first) {
        const double d = denominator.at(p);
        if (std::isnan(d) || d == 0.0) continue;
        periods.push_back(p);
        ratios.push_back(numerator.at(p) / d * scale);
    }
    out.observed_ratio = series::from_pairs(periods, ratios, numerator.indicator() + "/" + denominator.indicator(), numerator.region());
    if (!out.observed_ratio.empty() && out.observed_ratio.end() < to && out.observed_ratio.count() >= minimum_observations(m)) {
        try {
            out.direct = project(out.observed_ratio, m, to, level);
        } catch (const data_error&) {
            // Gaps in the ratio (ETS) or too few points: the component route still stands.
        }
    }

    std::mt19937_64 rng(seed);
    const double tail = (1.0 - level) / 2.0;
    for (const auto& point : out.denominator.points) {
        // Both components must be projected for this period; the later-ending one starts later.
        const projection_point* top = nullptr;
        for (const auto& candidate : out.numerator.points) {
            if (candidate.at == point.at) top = &candidate;
        }
        if (top == nullptr) continue;
        if (!(point.distribution.median() > 0.0)) {
            throw data_error("the denominator '" + denominator.indicator() + "' is projected at " + detail::describe_number(point.distribution.median()) +
                             " in " + point.at.to_string() + ": a ratio needs a positive denominator");
        }
        ratio_point r{point.at, 0.0, 0.0, 0.0, std::vector<double>(draws)};
        for (auto& x : r.draws) {
            const double below = detail::draw(point.distribution, rng);
            if (below == 0.0) throw data_error("a simulated denominator is 0 in " + point.at.to_string() + ": the ratio is undefined");
            x = detail::draw(top->distribution, rng) / below * scale;
        }
        std::sort(r.draws.begin(), r.draws.end());
        r.median = detail::sorted_quantile(r.draws, 0.5);
        r.lower = detail::sorted_quantile(r.draws, tail);
        r.upper = detail::sorted_quantile(r.draws, 1.0 - tail);
        out.points.push_back(std::move(r));
    }
    return out;
}

}  // namespace ontrack
