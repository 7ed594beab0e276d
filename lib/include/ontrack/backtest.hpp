// Rolling-origin backtests: how well a method would have forecast this indicator from each past
// origin, and whether its intervals covered what happened.
#pragma once

#include <ontrack/projection.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ontrack {

/// One forecast made at `origin` for period `at`, `horizon` periods ahead, against what was observed.
struct backtest_forecast {
    period origin;
    period at;
    int horizon = 1;
    double actual = 0.0;
    double mean = 0.0;
    double lower = 0.0;
    double upper = 0.0;
    double error = 0.0;   ///< actual − mean
    bool covered = false; ///< lower ≤ actual ≤ upper
};

/// Accuracy of a set of forecasts.
struct accuracy {
    std::size_t count = 0;
    double mae = 0.0;       ///< mean |actual − mean|
    double mape = 0.0;      ///< mean |actual − mean| / |actual| × 100, over forecasts whose actual is not 0
    double rmse = 0.0;
    double coverage = 0.0;  ///< share of forecasts whose interval covered the actual
};

/// The result of `backtest`.
struct backtest_result {
    method requested = method::linear;
    int horizon = 1;
    double level = 0.95;
    std::vector<backtest_forecast> forecasts;
    accuracy overall;
    std::map<int, accuracy> by_horizon;   ///< accuracy of the forecasts h periods ahead, h = 1 … horizon
    std::vector<std::string> skipped;     ///< origins that could not be used, and why
};

namespace detail {

inline accuracy summarise(const std::vector<const backtest_forecast*>& forecasts) {
    accuracy a;
    a.count = forecasts.size();
    if (forecasts.empty()) return a;
    std::size_t with_nonzero_actual = 0;
    std::size_t covered = 0;
    for (const auto* f : forecasts) {
        const double absolute = std::fabs(f->error);
        a.mae += absolute;
        a.rmse += f->error * f->error;
        if (f->actual != 0.0) {
            a.mape += absolute / std::fabs(f->actual);
            ++with_nonzero_actual;
        }
        covered += f->covered ? 1 : 0;
    }
    const double n = static_cast<double>(forecasts.size());
    a.mae /= n;
    a.rmse = std::sqrt(a.rmse / n);
    a.mape = with_nonzero_actual > 0 ? 100.0 * a.mape / static_cast<double>(with_nonzero_actual) : std::numeric_limits<double>::quiet_NaN();
    a.coverage = static_cast<double>(covered) / n;
    return a;
}

}  // namespace detail

/// Rolling-origin evaluation of `m` on `s`: for every origin from the first period at which the
/// method has enough observations to the second-to-last observed period, fit on the data up to and
/// including the origin, forecast up to `horizon` periods ahead, and compare with the observations
/// (periods without one are skipped). `mape` is undefined (NaN) only when every actual is 0.
///
/// Throws `value_error` for horizon < 1 or a level outside (0, 1), and `data_error` when no origin
/// leaves an observation to forecast.
inline backtest_result backtest(const series& s, method m, int horizon = 1, double level = 0.95) {
    if (horizon < 1) throw value_error("horizon", "the horizon must be at least 1 period, got " + std::to_string(horizon));
    if (!(level > 0.0 && level < 1.0)) throw value_error("level", "the interval level must lie strictly between 0 and 1, got " + detail::describe_number(level));
    backtest_result out;
    out.requested = m;
    out.horizon = horizon;
    out.level = level;
    const auto [periods, values] = s.observed();
    const std::size_t needed = minimum_observations(m);
    for (std::size_t k = needed; k < periods.size(); ++k) {
        // The k-th observation (0-based) is the first not in the training data; the origin is the one before it.
        const period origin = periods[k - 1];
        const series training = s.slice(s.start(), origin);
        const period last = std::min(origin + horizon, s.end());
        try {
            const projection p = project(training, m, last, level);
            for (const auto& point : p.points) {
                const double actual = s.at(point.at);
                if (std::isnan(actual)) continue;
                const backtest_forecast f{origin, point.at, static_cast<int>(point.at - origin), actual, point.mean, point.lower,
                                          point.upper, actual - point.mean, point.lower <= actual && actual <= point.upper};
                out.forecasts.push_back(f);
            }
        } catch (const error& e) {
            out.skipped.push_back(origin.to_string() + ": " + e.what());
        }
    }
    if (out.forecasts.empty()) {
        throw data_error("backtest of " + to_string(m) + " needs more than " + std::to_string(needed) +
                         " observations so that at least one can be forecast, got " + std::to_string(periods.size()) +
                         (out.skipped.empty() ? std::string() : " (skipped: " + out.skipped.front() + ")"));
    }
    std::vector<const backtest_forecast*> all;
    std::map<int, std::vector<const backtest_forecast*>> by;
    for (const auto& f : out.forecasts) {
        all.push_back(&f);
        by[f.horizon].push_back(&f);
    }
    out.overall = detail::summarise(all);
    for (const auto& [h, group] : by) out.by_horizon[h] = detail::summarise(group);
    return out;
}

}  // namespace ontrack
