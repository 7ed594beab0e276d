// Projections of short series (5–15 periods) beyond their last observation, each future value with
// a full predictive distribution, so that intervals and the probability of meeting any threshold
// follow exactly from its CDF.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/distribution.hpp>
#include <ontrack/error.hpp>
#include <ontrack/model/ets.hpp>
#include <ontrack/model/linear_trend.hpp>
#include <ontrack/period.hpp>
#include <ontrack/series.hpp>
#include <ontrack/target.hpp>

#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// How a series is projected. Every method but `automatic` is one model; see `project` for the models,
/// their predictive distributions and their minimum data (`minimum_observations`).
enum class method {
    linear,           ///< OLS line on time; Student t predictive, n − 2 df
    loglinear,        ///< OLS line on log(value); log-t predictive; positive data only
    cagr,             ///< compound growth from the first to the latest observation; log-t predictive
    weighted_linear,  ///< WLS line on time, weight i for the i-th observation; Student t predictive
    holt,             ///< ETS(A,A,N) by maximum likelihood; normal predictive
    holt_damped,      ///< ETS(A,Ad,N) by maximum likelihood; normal predictive
    automatic,        ///< the lowest AICc among linear, loglinear, holt, holt_damped (see `project`)
};

/// One projection method's name: the table every reader and writer of method names uses (parsing,
/// printing, the list in error messages, the command line's choices through the Python binding).
struct method_name_entry {
    method value;
    std::string_view name;
};

/// Every method with its name, in the order documentation and messages list them.
inline constexpr std::array<method_name_entry, 7> method_names{{
    {method::linear, "linear"},
    {method::loglinear, "loglinear"},
    {method::cagr, "cagr"},
    {method::weighted_linear, "weighted_linear"},
    {method::holt, "holt"},
    {method::holt_damped, "holt_damped"},
    {method::automatic, "auto"},
}};

/// Other spellings `parse_method` accepts: "automatic" for auto.
inline constexpr std::array<method_name_entry, 1> method_aliases{{{method::automatic, "automatic"}}};

namespace detail {

/// "a, b, c or d" from the names of a table whose entries have a `name`.
template <class Table>
std::string names_or(const Table& table) {
    std::string out;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (i > 0) out += i + 1 == table.size() ? " or " : ", ";
        out += table[i].name;
    }
    return out;
}

}  // namespace detail

/// The method's name in `method_names`: "linear", "loglinear", "cagr", "weighted_linear", "holt",
/// "holt_damped" or "auto".
inline std::string to_string(method m) {
    for (const auto& entry : method_names) {
        if (entry.value == m) return std::string(entry.name);
    }
    throw value_error("method", "not a valid ontrack::method (" + std::to_string(static_cast<int>(m)) + ")");
}

/// Reads a method name as `to_string` writes it, or an alias of `method_aliases` (case and surrounding
/// blanks are ignored). Throws `value_error` listing the names of `method_names`.
inline method parse_method(std::string_view raw) {
    std::string text(detail::trim(raw));
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& entry : method_names) {
        if (text == entry.name) return entry.value;
    }
    for (const auto& entry : method_aliases) {
        if (text == entry.name) return entry.value;
    }
    throw value_error("method", "unknown projection method '" + std::string(raw) + "': expected " + detail::names_or(method_names));
}

/// The fewest observations each method accepts: 3 for the regressions and cagr (one residual degree
/// of freedom), 6 for holt and holt_damped (five or six estimated parameters), 3 for auto.
inline std::size_t minimum_observations(method m) {
    return (m == method::holt || m == method::holt_damped) ? model::ets_minimum_observations : 3;
}

/// One projected period.
struct projection_point {
    period at;                 ///< the future period
    double mean = 0.0;         ///< point forecast: the predictive mean, or for the log families the median exp(location) (a log-t has no finite mean)
    double lower = 0.0;        ///< lower bound of the central `level` prediction interval
    double upper = 0.0;        ///< upper bound of the central `level` prediction interval
    predictive distribution;   ///< the full predictive distribution of the value in `at`
};

/// The result of `project`: one point per future period, the fit behind them and questions about them.
struct projection {
    method used = method::linear;       ///< the model that produced the points (never `automatic`)
    std::string reason;                 ///< why this model: the request, or the `auto` rule and its scores
    std::vector<projection_point> points;
    double level = 0.95;                ///< probability content of [lower, upper]
    /// Fitted parameters; the names depend on the method (see `project`).
    std::map<std::string, double> params;
    double residual_sd = 0.0;           ///< see `project` for each method's definition
    std::size_t n = 0;                  ///< observations used
    double llf = 0.0;                   ///< log-likelihood of the fitted model (see `project`)
    double aic = 0.0;
    double aicc = 0.0;                  ///< +infinity when n is too small for the correction
    double bic = 0.0;

    /// The point for period `p`. Throws `value_error` when `p` is not a projected period.
    const projection_point& at(const period& p) const {
        for (const auto& point : points) {
            if (point.at.freq() == p.freq() && point.at == p) return point;
        }
        std::string range = points.empty() ? std::string("none") : points.front().at.to_string() + "–" + points.back().at.to_string();
        throw value_error("period", p.to_string() + " is not a projected period (projected: " + range + ")");
    }

    /// P(value in `p` ⋈ `threshold`) for ⋈ one of >=, >, <=, < (>= and > coincide: the predictive is
    /// continuous). Exact from the predictive CDF. Throws `value_error` for other comparators or when
    /// `p` is not projected.
    double probability(comparator c, double threshold, const period& p) const {
        return at(p).distribution.probability(c, threshold);
    }

    /// The first projected period whose predictive median satisfies `⋈ threshold` (the period where
    /// the threshold is expected to be crossed), or nothing when no projected period does. Throws
    /// `value_error` for `about` and `within`.
    std::optional<period> expected_crossing(comparator c, double threshold) const {
        for (const auto& point : points) {
            const double m = point.distribution.median();
            bool hit = false;
            switch (c) {
                case comparator::at_least: hit = m >= threshold; break;
                case comparator::greater: hit = m > threshold; break;
                case comparator::at_most: hit = m <= threshold; break;
                case comparator::less: hit = m < threshold; break;
                default: throw value_error("comparator", "a crossing needs one of >=, >, <=, <; got '" + to_string(c) + "'");
            }
            if (hit) return point.at;
        }
        return std::nullopt;
    }
};

namespace detail {

// The observed points of a series with their time coordinate in years (the calendar year for annual
// data, year + (sub − 1)/frequency otherwise), so that slopes are per year and the annual intercept
// is statsmodels' `const` on the calendar year.
struct observed_points {
    std::vector<period> periods;
    std::vector<double> time;
    std::vector<double> values;
};

inline double time_coordinate(const period& p) {
    return static_cast<double>(p.ordinal()) / static_cast<double>(static_cast<int>(p.freq()));
}

inline observed_points observed_of(const series& s) {
    observed_points out;
    auto [periods, values] = s.observed();
    out.periods = std::move(periods);
    out.values = std::move(values);
    out.time.reserve(out.periods.size());
    for (const auto& p : out.periods) out.time.push_back(time_coordinate(p));
    return out;
}

inline std::string series_label(const series& s) {
    return s.indicator().empty() ? std::string("the series") : "series '" + s.indicator() + "'";
}

inline void require_count(method m, const series& s, std::size_t count) {
    const std::size_t need = minimum_observations(m);
    if (count < need) {
        throw data_error(to_string(m) + " needs >= " + std::to_string(need) + " observations, got " + std::to_string(count) +
                         " in " + series_label(s));
    }
}

inline void require_positive(method m, const series& s, const observed_points& obs) {
    for (std::size_t i = 0; i < obs.values.size(); ++i) {
        if (!(obs.values[i] > 0.0)) {
            throw value_error("values", to_string(m) + " needs positive values, got " + detail::format_number(obs.values[i]) +
                                            " in " + obs.periods[i].to_string() + " of " + series_label(s));
        }
    }
}

// The future periods from the period after the last observation to `to`.
inline std::vector<period> horizon_of(const series& s, const period& to) {
    const period last = s.end();
    if (to.freq() != last.freq()) {
        throw value_error("to", "the projection end " + to.to_string() + " is " + ontrack::to_string(to.freq()) +
                                    " but the series is " + ontrack::to_string(last.freq()));
    }
    if (!(to > last)) {
        throw value_error("to", "the projection end " + to.to_string() + " must come after the last observation " + last.to_string());
    }
    constexpr std::int64_t max_steps = 1000;
    const std::int64_t steps = to - last;
    if (steps > max_steps) throw value_error("to", "at most 1000 periods can be projected, " + to.to_string() + " is " + std::to_string(steps) + " away");
    std::vector<period> out;
    out.reserve(static_cast<std::size_t>(steps));
    for (std::int64_t h = 1; h <= steps; ++h) out.push_back(last + h);
    return out;
}

// An AICc for the `auto` reason: 2 decimals, or "inf".
inline std::string format_score(double score) {
    if (!std::isfinite(score)) return score > 0.0 ? "inf" : "-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", score);
    return buffer;
}

inline projection_point make_point(const period& at, const predictive& d, double level) {
    const auto bounds = d.interval(level);
    return projection_point{at, d.on_value_scale() && !d.censored() ? d.location : d.median(), bounds.first, bounds.second, d};
}

// The same point from the standard quantiles `z` of the interval (`predictive::standard_interval`),
// which every point of one projection shares (same family and df): one pair of quantiles per call
// instead of one per point, with the same numbers.
inline projection_point make_point(const period& at, const predictive& d, const std::pair<double, double>& z) {
    const auto bounds = d.interval_from(z);
    return projection_point{at, d.on_log_scale() ? d.median() : d.location, bounds.first, bounds.second, d};
}

inline void set_regression_fit(projection& out, const model::linear_trend& fit) {
    out.params["const"] = fit.intercept();
    out.params["slope"] = fit.slope;
    out.params["bse_const"] = fit.bse_intercept();
    out.params["bse_slope"] = fit.bse_slope();
    out.params["df_resid"] = fit.df_resid();
    out.residual_sd = std::sqrt(fit.scale);
    out.n = fit.n;
    out.llf = fit.llf();
    out.aic = fit.aic();
    out.aicc = fit.aicc();
    out.bic = fit.bic();
}

inline projection project_regression(const series& s, method m, const std::vector<period>& horizon, double level) {
    const auto obs = observed_of(s);
    require_count(m, s, obs.values.size());
    if (m == method::loglinear) require_positive(m, s, obs);
    std::vector<double> response = obs.values;
    if (m == method::loglinear) {
        for (auto& v : response) v = std::log(v);
    }
    std::vector<double> weights;
    if (m == method::weighted_linear) {
        for (std::size_t i = 0; i < obs.values.size(); ++i) weights.push_back(static_cast<double>(i + 1));
    }
    const auto fit = model::fit_linear_trend(obs.time, response, weights);
    projection out;
    out.used = m;
    out.level = level;
    set_regression_fit(out, fit);
    if (m == method::loglinear) out.params["growth_rate"] = std::expm1(fit.slope);
    std::optional<std::pair<double, double>> z;  // the interval's t quantiles, once per call
    out.points.reserve(horizon.size());
    for (const auto& p : horizon) {
        const double x = time_coordinate(p);
        const double location = fit.mean_at(x);
        const double scale = fit.obs_se(x);
        const auto d = m == method::loglinear ? predictive::log_student_t(location, scale, fit.df_resid())
                                              : predictive::student_t(location, scale, fit.df_resid());
        if (!z) z = d.standard_interval(level);
        out.points.push_back(make_point(p, d, *z));
    }
    return out;
}

inline projection project_cagr(const series& s, const std::vector<period>& horizon, double level) {
    const auto obs = observed_of(s);
    require_count(method::cagr, s, obs.values.size());
    require_positive(method::cagr, s, obs);
    const std::size_t n = obs.values.size();
    // Annual log increments iid N(μ, σ²): a step of Δ periods is N(μΔ, σ²Δ). μ̂ = total log change /
    // total span is the endpoint CAGR; σ² is estimated from the m = n − 1 steps with m − 1 df.
    const double span = static_cast<double>(obs.periods.back() - obs.periods.front());
    const double log_first = std::log(obs.values.front());
    const double log_last = std::log(obs.values.back());
    const double drift = (log_last - log_first) / span;
    double sum_sq = 0.0;
    double llf = 0.0;
    for (std::size_t i = 1; i < n; ++i) {
        const double delta = static_cast<double>(obs.periods[i] - obs.periods[i - 1]);
        const double step = std::log(obs.values[i]) - std::log(obs.values[i - 1]);
        const double r = step - drift * delta;
        sum_sq += r * r / delta;
        llf -= 0.5 * std::log(delta);
    }
    const double m = static_cast<double>(n - 1);
    const double df = m - 1.0;
    const double variance = sum_sq / df;
    // Gaussian log-likelihood of the increments at the ML variance sum_sq / m.
    llf += -0.5 * m * (std::log(2.0 * pi * sum_sq / m) + 1.0);
    projection out;
    out.used = method::cagr;
    out.level = level;
    out.params["cagr"] = std::expm1(drift);
    out.params["log_drift"] = drift;
    out.params["log_growth_sd"] = std::sqrt(variance);
    out.params["df_resid"] = df;
    out.residual_sd = std::sqrt(variance);
    out.n = n;
    out.llf = llf;
    const double k = 2.0;  // drift and σ²
    out.aic = -2.0 * llf + 2.0 * k;
    out.aicc = m - k - 1.0 > 0.0 ? -2.0 * llf + 2.0 * k * m / (m - k - 1.0) : std::numeric_limits<double>::infinity();
    out.bic = -2.0 * llf + std::log(m) * k;
    std::optional<std::pair<double, double>> z;  // the interval's t quantiles, once per call
    out.points.reserve(horizon.size());
    for (const auto& p : horizon) {
        const double h = static_cast<double>(p - obs.periods.back());
        const double location = log_last + h * drift;
        const double scale = std::sqrt(variance * (h + h * h / span));
        const auto d = predictive::log_student_t(location, scale, df);
        if (!z) z = d.standard_interval(level);
        out.points.push_back(make_point(p, d, *z));
    }
    return out;
}

inline projection project_ets(const series& s, method m, const std::vector<period>& horizon, double level) {
    const auto obs = observed_of(s);
    require_count(m, s, obs.values.size());
    if (s.count() != s.size()) {
        std::string gaps;
        for (const auto& p : s.periods()) {
            if (!s.has(p)) gaps += (gaps.empty() ? "" : ", ") + p.to_string();
        }
        throw data_error(to_string(m) + " needs a series without interior gaps; " + series_label(s) + " has no value in " + gaps);
    }
    const auto fit = model::fit_ets(obs.values, m == method::holt_damped);
    projection out;
    out.used = m;
    out.level = level;
    out.params["smoothing_level"] = fit.params.alpha;
    out.params["smoothing_trend"] = fit.params.beta;
    if (m == method::holt_damped) out.params["damping_trend"] = fit.params.phi;
    out.params["initial_level"] = fit.params.initial_level;
    out.params["initial_trend"] = fit.params.initial_trend;
    out.params["final_level"] = fit.final_level();
    out.params["final_trend"] = fit.final_trend();
    out.params["sse"] = fit.path.sse;
    out.params["mse"] = fit.mse();
    out.residual_sd = std::sqrt(fit.mse());
    out.n = fit.n;
    out.llf = fit.llf();
    out.aic = fit.aic();
    out.aicc = fit.aicc();
    out.bic = fit.bic();
    const period last = obs.periods.back();
    std::optional<std::pair<double, double>> z;  // the interval's normal quantiles, once per call
    out.points.reserve(horizon.size());
    for (const auto& p : horizon) {
        const auto h = static_cast<std::size_t>(p - last);
        const auto d = predictive::normal(fit.forecast_mean(h), std::sqrt(fit.forecast_variance(h)));
        if (!z) z = d.standard_interval(level);
        out.points.push_back(make_point(p, d, *z));
    }
    return out;
}

inline projection project_one_unscaled(const series& s, method m, const std::vector<period>& horizon, double level) {
    switch (m) {
        case method::linear:
        case method::loglinear:
        case method::weighted_linear: return project_regression(s, m, horizon, level);
        case method::cagr: return project_cagr(s, horizon, level);
        case method::holt:
        case method::holt_damped: return project_ets(s, m, horizon, level);
        case method::automatic: break;
    }
    throw value_error("method", "auto is resolved before fitting");
}

// The methods on the value scale (linear, weighted_linear, holt, holt_damped) square the values: at
// magnitudes near 1e300 the sums overflow to infinity and near 1e-300 they underflow to zero (a
// zero-width interval around data that vary). Such series are fitted divided by a power of two c that
// brings the largest magnitude near 1 (exact: no rounding) and the fit is scaled back: points, scale
// parameters and residual_sd by c, sse and mse by c², llf by −n·log c (the Jacobian), criteria
// accordingly. Fits of series within 1e-100 … 1e100 are untouched.
inline projection project_one(const series& s, method m, const std::vector<period>& horizon, double level) {
    if (m == method::loglinear || m == method::cagr || m == method::automatic) return project_one_unscaled(s, m, horizon, level);
    double largest = 0.0;
    for (const double v : s.values()) {
        if (!std::isnan(v)) largest = std::max(largest, std::fabs(v));
    }
    if (largest == 0.0 || (largest <= 1e100 && largest >= 1e-100)) return project_one_unscaled(s, m, horizon, level);
    int exponent = 0;
    (void)std::frexp(largest, &exponent);
    std::vector<double> scaled = s.values();
    for (auto& v : scaled) v = std::ldexp(v, -exponent);
    auto out = project_one_unscaled(series(s.start(), std::move(scaled), s.indicator(), s.region(), s.unit()), m, horizon, level);
    const auto up = [&](double x) { return std::ldexp(x, exponent); };
    for (auto& point : out.points) {
        point.mean = up(point.mean);
        point.lower = up(point.lower);
        point.upper = up(point.upper);
        point.distribution.location = up(point.distribution.location);
        point.distribution.scale = up(point.distribution.scale);
    }
    for (auto& [name, value] : out.params) {
        if (name == "sse" || name == "mse") value = std::ldexp(value, 2 * exponent);
        else if (name != "df_resid" && name != "smoothing_level" && name != "smoothing_trend" && name != "damping_trend") value = up(value);
    }
    out.residual_sd = up(out.residual_sd);
    const double log_c = static_cast<double>(exponent) * std::log(2.0);
    const double n = static_cast<double>(out.n);
    out.llf -= n * log_c;
    out.aic += 2.0 * n * log_c;
    out.aicc += 2.0 * n * log_c;
    out.bic += 2.0 * n * log_c;
    for (const auto& point : out.points) {
        if (!std::isfinite(point.lower) || !std::isfinite(point.upper)) {
            throw value_error("values", to_string(m) + " cannot project " + series_label(s) + ": its values (up to " +
                                            describe_number(largest) + ") are too large for a finite interval at " + point.at.to_string());
        }
    }
    return out;
}

}  // namespace detail

/// Projects `s` to every period after its last observation up to `to`, with central prediction
/// intervals of probability `level`.
///
/// Methods (time is measured in years: the calendar year for annual data; steps are periods for ETS):
/// - `linear`: OLS y = const + slope·t on the observed points (gaps are skipped, not filled). The value
///   in a future period is location + scale·T(n − 2) with location the fitted line and scale
///   √(se_mean² + s²), as statsmodels' `get_prediction`. params: const (at t = 0, i.e. year 0), slope,
///   bse_const, bse_slope, df_resid; residual_sd = s; llf/aic/bic as statsmodels' OLS (k = 2, σ² not
///   counted), aicc with the same k.
/// - `loglinear`: the same on log(value); log(value) ~ location + scale·T(n − 2) (log-t), so the
///   point is the median exp(location) and intervals are exp of the log-scale bounds. params add
///   growth_rate = exp(slope) − 1; residual_sd and criteria are on the log scale. Needs every
///   observation > 0 (`value_error` naming the period otherwise).
/// - `cagr`: endpoint growth from the first to the latest observation, g = (y_T/y_1)^(1/span) − 1,
///   and the point path y_T·(1 + g)^h. Interval: log increments are taken as iid N(μ, σ²) per period;
///   with μ̂ = log(y_T/y_1)/span (the endpoint CAGR), s² = Σ (d_k − μ̂Δ_k)²/Δ_k / (m − 1) over the
///   m = n − 1 steps d_k between consecutive observations Δ_k periods apart, log y_{T+h} ~ log y_T +
///   hμ̂ + s·√(h + h²/span)·T(m − 1). With yearly data and no gaps s is the sample sd of the y/y log
///   growth rates. params: cagr, log_drift, log_growth_sd, df_resid; llf is that of the increments.
///   Needs >= 3 positive observations.
/// - `weighted_linear`: WLS with weight w_i = i, the 1-based rank of the i-th observed point (gaps do
///   not count), so recent points weigh most; new periods are predicted as unit-weight observations
///   (statsmodels' default), Student t with n − 2 df. Same params as `linear`.
/// - `holt`, `holt_damped`: ETS(A,A,N) / ETS(A,Ad,N) by maximum likelihood (`model::fit_ets`); the
///   value is normal with mean l_T + (φ + … + φ^h)·b_T and variance mse·(1 + Σ_{j<h} c_j²), c_j = α +
///   β(φ + … + φ^j), mse = SSE/n. params: smoothing_level, smoothing_trend, damping_trend (damped only),
///   initial_level, initial_trend, final_level, final_trend, sse, mse; residual_sd = √mse; criteria as
///   statsmodels (k includes σ²). Needs >= 6 observations and no interior gap (`data_error`).
/// - `automatic`: fits linear, loglinear (when all values are positive) and holt and holt_damped (when
///   they are applicable) and takes the lowest AICc on the value scale: −2·llf + 2kn/(n − k − 1) with
///   k counting σ² (3 for the lines, 5 and 6 for ETS) and the loglinear likelihood moved to the
///   value scale by its Jacobian (llf − Σ log y). cagr and weighted_linear are not likelihood models
///   of the values and are not candidates. When no candidate has a finite AICc, linear is used. The
///   scores are in `reason`.
///
/// Throws `value_error` when `to` is not after the last observation or of another frequency, when
/// `level` is not in (0, 1), for non-positive values with log methods; `data_error` for too few
/// observations (`minimum_observations`) or gaps where ETS needs none.
inline projection project(const series& s, method m, const period& to, double level = 0.95) {
    if (!(level > 0.0 && level < 1.0)) {
        throw value_error("level", "the interval level must lie strictly between 0 and 1, got " + detail::describe_number(level));
    }
    if (s.empty()) throw data_error(to_string(m) + " needs >= " + std::to_string(minimum_observations(m)) + " observations, got 0");
    const auto horizon = detail::horizon_of(s, to);
    if (m != method::automatic) {
        auto out = detail::project_one(s, m, horizon, level);
        out.reason = "requested";
        return out;
    }
    detail::require_count(m, s, s.count());
    const auto obs = detail::observed_of(s);
    const double n = static_cast<double>(obs.values.size());
    bool positive = true;
    double sum_log = 0.0;
    for (const double v : obs.values) {
        positive = positive && v > 0.0;
        if (v > 0.0) sum_log += std::log(v);
    }
    const bool ets_ok = s.count() == s.size() && s.count() >= model::ets_minimum_observations;
    std::optional<projection> best;
    double best_score = std::numeric_limits<double>::infinity();
    std::string reason = "auto: lowest AICc on the value scale among";
    const auto consider = [&](method which, double k) {
        auto candidate = detail::project_one(s, which, horizon, level);
        double llf = candidate.llf;
        if (which == method::loglinear) llf -= sum_log;
        const double score = n - k - 1.0 > 0.0 ? -2.0 * llf + 2.0 * k * n / (n - k - 1.0) : std::numeric_limits<double>::infinity();
        reason += std::string(which == method::linear ? " " : ", ") + to_string(which) + " " + detail::format_score(score);
        if (score < best_score) {
            best_score = score;
            best = std::move(candidate);
        }
    };
    consider(method::linear, 3.0);
    if (positive) consider(method::loglinear, 3.0);
    if (ets_ok) {
        consider(method::holt, 5.0);
        consider(method::holt_damped, 6.0);
    }
    if (!best) {
        auto out = detail::project_one(s, method::linear, horizon, level);
        out.reason = reason + "; none finite with " + std::to_string(obs.values.size()) + " observations, so linear";
        return out;
    }
    best->reason = reason + "; chose " + to_string(best->used);
    return std::move(*best);
}

}  // namespace ontrack
