// The projection API: methods, gaps, minimum data, errors, probabilities, crossings and `auto`.
// statsmodels parity is in test_projection_parity.cpp.
#include <ontrack/projection.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using ontrack::comparator;
using ontrack::method;
using ontrack::period;
using ontrack::series;

namespace {

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const ontrack::error& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("method names round-trip") {
    for (const auto m : {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::holt, method::holt_damped,
                         method::automatic}) {
        CHECK(ontrack::parse_method(ontrack::to_string(m)) == m);
    }
    CHECK(ontrack::parse_method(" Holt_Damped ") == method::holt_damped);
    CHECK(ontrack::parse_method("automatic") == method::automatic);
    CHECK_THROWS_AS(ontrack::parse_method("arima"), ontrack::value_error);
    CHECK(ontrack::minimum_observations(method::holt) == 6);
    CHECK(ontrack::minimum_observations(method::linear) == 3);
}

TEST_CASE("method names: one table, read both ways, listed in the error") {
    // Every enumerator appears exactly once, and its name parses back to it.
    std::vector<std::string> names;
    for (const auto& entry : ontrack::method_names) {
        CHECK(ontrack::to_string(entry.value) == entry.name);
        CHECK(ontrack::parse_method(entry.name) == entry.value);
        names.emplace_back(entry.name);
    }
    CHECK(names == std::vector<std::string>{"linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"});
    for (const auto& entry : ontrack::method_aliases) CHECK(ontrack::parse_method(entry.name) == entry.value);
    // The sentence callers and tests read, generated from the table in its order.
    try {
        (void)ontrack::parse_method("arima");
        FAIL("arima was accepted");
    } catch (const ontrack::value_error& e) {
        CHECK(e.field() == "method");
        CHECK(contains(e.what(), "unknown projection method 'arima': expected linear, loglinear, cagr, weighted_linear, holt, holt_damped or auto"));
    }
    CHECK_THROWS_AS(ontrack::to_string(static_cast<method>(99)), ontrack::value_error);
}

TEST_CASE("linear: an exact line is projected exactly, with a point-mass predictive") {
    const auto s = series::from_years({2018, 2019, 2020, 2021, 2022}, {10, 12, 14, 16, 18}, "x");
    const auto p = ontrack::project(s, method::linear, period::year(2025));
    REQUIRE(p.points.size() == 3);
    CHECK(p.used == method::linear);
    CHECK(p.reason == "requested");
    CHECK(p.points[0].at == period::year(2023));
    CHECK(p.points[2].mean == doctest::Approx(24.0).epsilon(1e-12));
    CHECK(p.params.at("slope") == doctest::Approx(2.0).epsilon(1e-12));
    CHECK(p.params.at("const") == doctest::Approx(18.0 - 2.0 * 2022).epsilon(1e-12));
    CHECK(p.residual_sd == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(p.n == 5);
}

TEST_CASE("regressions skip gaps and use the actual period positions") {
    // y = 5 + 0.5·(year − 2015) + alternating noise; 2017 and 2019 missing.
    const std::vector<int> years{2015, 2016, 2017, 2018, 2019, 2020, 2021};
    const std::vector<double> values{5.1, 5.4, NAN, 6.6, NAN, 7.4, 8.1};
    const auto with_gaps = series::from_years(years, values);
    const auto compact = series::from_years({2015, 2016, 2018, 2020, 2021}, {5.1, 5.4, 6.6, 7.4, 8.1});
    for (const auto m : {method::linear, method::loglinear, method::weighted_linear, method::cagr}) {
        CAPTURE(ontrack::to_string(m));
        const auto a = ontrack::project(with_gaps, m, period::year(2024));
        const auto b = ontrack::project(compact, m, period::year(2024));
        CHECK(a.n == 5);
        CHECK(a.points.size() == 3);
        for (std::size_t h = 0; h < 3; ++h) {
            CHECK(a.points[h].mean == doctest::Approx(b.points[h].mean).epsilon(1e-13));
            CHECK(a.points[h].upper == doctest::Approx(b.points[h].upper).epsilon(1e-13));
        }
    }
    // ETS needs consecutive observations.
    const auto long_gappy = series::from_years({2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019},
                                               {1, 2, NAN, 4, 5, 6, 7, 8});
    const auto msg = message_of([&] { (void)ontrack::project(long_gappy, method::holt, period::year(2021)); });
    CHECK(contains(msg, "holt needs a series without interior gaps"));
    CHECK(contains(msg, "2014"));
    CHECK_THROWS_AS(ontrack::project(long_gappy, method::holt_damped, period::year(2021)), ontrack::data_error);
}

TEST_CASE("minimum data per method is enforced with a clear message") {
    const auto three = series::from_years({2020, 2021, 2022}, {1.0, 2.0, 2.5}, "patents");
    CHECK(message_of([&] { (void)ontrack::project(three, method::holt, period::year(2025)); }) ==
          "holt needs >= 6 observations, got 3 in series 'patents'");
    CHECK_THROWS_AS(ontrack::project(three, method::holt_damped, period::year(2025)), ontrack::data_error);
    CHECK_NOTHROW(ontrack::project(three, method::linear, period::year(2025)));
    CHECK_NOTHROW(ontrack::project(three, method::cagr, period::year(2025)));
    const auto two = series::from_years({2020, 2022}, {1.0, 2.0});
    for (const auto m : {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::automatic}) {
        CAPTURE(ontrack::to_string(m));
        const auto msg = message_of([&] { (void)ontrack::project(two, m, period::year(2025)); });
        CHECK(contains(msg, ontrack::to_string(m) + " needs >= 3 observations, got 2"));
    }
    CHECK_THROWS_AS(ontrack::project(series(), method::linear, period::year(2025)), ontrack::data_error);
}

TEST_CASE("log methods reject non-positive values, naming the period") {
    const auto s = series::from_years({2018, 2019, 2020, 2021, 2022}, {3.0, 2.0, 0.0, 1.0, 2.0}, "firms");
    for (const auto m : {method::loglinear, method::cagr}) {
        const auto msg = message_of([&] { (void)ontrack::project(s, m, period::year(2025)); });
        CHECK(contains(msg, ontrack::to_string(m) + " needs positive values"));
        CHECK(contains(msg, "2020"));
        CHECK_THROWS_AS(ontrack::project(s, m, period::year(2025)), ontrack::value_error);
    }
}

TEST_CASE("the horizon and level are validated") {
    const auto s = series::from_years({2018, 2019, 2020, 2021, 2022}, {1, 2, 3, 5, 4});
    CHECK(contains(message_of([&] { (void)ontrack::project(s, method::linear, period::year(2022)); }), "must come after the last observation 2022"));
    CHECK_THROWS_AS(ontrack::project(s, method::linear, period::quarter(2024, 1)), ontrack::value_error);
    CHECK_THROWS_AS(ontrack::project(s, method::linear, period::year(2025), 1.0), ontrack::value_error);
    CHECK_THROWS_AS(ontrack::project(s, method::linear, period::year(2025), 0.0), ontrack::value_error);
    const auto p = ontrack::project(s, method::linear, period::year(2024), 0.8);
    CHECK(p.level == 0.8);
    CHECK_THROWS_AS(p.at(period::year(2030)), ontrack::value_error);
    CHECK(p.at(period::year(2024)).at == period::year(2024));
}

TEST_CASE("cagr: endpoint growth path and the log-growth dispersion interval") {
    // Hand calculation (python3 -c "import numpy as np; from scipy import stats; y=np.array([100,108,119,127.]);
    //   r=np.diff(np.log(y)); d=np.log(1.27)/3; s2=((r-d)**2).sum()/2; h=3; loc=np.log(127)+h*d;
    //   sc=np.sqrt(s2*(h+h*h/3)); print(np.exp(loc), np.exp(loc+sc*stats.t.ppf(.975,2)),
    //   np.exp(loc-sc*stats.t.ppf(.975,2)), stats.t.sf((np.log(150)-loc)/sc,2))")
    const auto s = series::from_years({2020, 2021, 2022, 2023}, {100, 108, 119, 127});
    const auto p = ontrack::project(s, method::cagr, period::year(2026));
    CHECK(p.params.at("cagr") == doctest::Approx(std::pow(1.27, 1.0 / 3.0) - 1.0).epsilon(1e-14));
    CHECK(p.params.at("df_resid") == 2.0);
    CHECK(p.points[0].mean == doctest::Approx(137.53238086966388).epsilon(1e-13));
    CHECK(p.points[0].upper == doctest::Approx(149.01215793233257).epsilon(1e-12));
    CHECK(p.points[0].lower == doctest::Approx(126.93699661921406).epsilon(1e-12));
    CHECK(p.points[2].mean == doctest::Approx(161.29).epsilon(1e-13));  // 127·1.27 = 100·1.27²
    CHECK(p.points[2].upper == doctest::Approx(191.18988264434287).epsilon(1e-12));
    CHECK(p.points[2].lower == doctest::Approx(136.06611260070125).epsilon(1e-12));
    CHECK(p.probability(comparator::at_least, 150.0, period::year(2024)) == doctest::Approx(0.021571099031886427).epsilon(1e-11));
    CHECK(p.probability(comparator::at_least, 150.0, period::year(2026)) == doctest::Approx(0.8961141578570817).epsilon(1e-11));
    CHECK(p.points[0].distribution.family == ontrack::distribution_family::log_student_t);
}

TEST_CASE("probability and expected crossing") {
    const auto s = series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023}, {2.0, 2.3, 2.5, 2.9, 3.0, 3.4, 3.5, 3.9});
    const auto p = ontrack::project(s, method::linear, period::year(2030));
    const auto& point = p.at(period::year(2027));
    // At the median the probability is one half; >= and > coincide; <= is the complement.
    CHECK(p.probability(comparator::at_least, point.mean, period::year(2027)) == doctest::Approx(0.5).epsilon(1e-14));
    const double q = p.probability(comparator::at_least, 5.0, period::year(2027));
    CHECK(p.probability(comparator::greater, 5.0, period::year(2027)) == q);
    CHECK(p.probability(comparator::at_most, 5.0, period::year(2027)) == doctest::Approx(1.0 - q).epsilon(1e-13));
    // The interval holds `level` of the predictive.
    CHECK(point.distribution.probability_between(point.lower, point.upper) == doctest::Approx(0.95).epsilon(1e-12));
    CHECK_THROWS_AS(p.probability(comparator::about, 5.0, period::year(2027)), ontrack::value_error);

    // Crossing: the first period whose median is on the right side.
    const auto crossing = p.expected_crossing(comparator::at_least, 5.0);
    REQUIRE(crossing);
    CHECK(p.at(*crossing).mean >= 5.0);
    CHECK(p.at(*crossing - 1).mean < 5.0);
    CHECK(p.expected_crossing(comparator::at_least, 100.0) == std::nullopt);
    CHECK(p.expected_crossing(comparator::less, 4.0) == std::nullopt);  // rising: never below 4 again
    CHECK(p.expected_crossing(comparator::greater, 0.0) == period::year(2024));
    CHECK_THROWS_AS(p.expected_crossing(comparator::within, 4.0), ontrack::value_error);
}

TEST_CASE("P(target) from a projection agrees with Monte Carlo draws of its predictive") {
    const auto s = series::from_years({2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023},
                                      {120, 131, 150, 171, 186, 214, 236, 270, 296, 335});
    for (const auto m : {method::loglinear, method::linear, method::holt}) {
        CAPTURE(ontrack::to_string(m));
        const auto p = ontrack::project(s, m, period::year(2026));
        const auto& d = p.at(period::year(2026)).distribution;
        const double threshold = 420.0;
        std::mt19937_64 rng(7);
        std::student_t_distribution<double> t(std::isfinite(d.df) ? d.df : 1.0);
        std::normal_distribution<double> z(0.0, 1.0);
        constexpr std::size_t draws = 200000;
        std::size_t hits = 0;
        for (std::size_t i = 0; i < draws; ++i) {
            const double x = d.location + d.scale * (std::isfinite(d.df) ? t(rng) : z(rng));
            if ((d.on_log_scale() ? std::exp(x) : x) >= threshold) ++hits;
        }
        const double exact = p.probability(comparator::at_least, threshold, period::year(2026));
        const double se = std::sqrt(exact * (1.0 - exact) / draws);
        CHECK(std::fabs(static_cast<double>(hits) / draws - exact) <= 5.0 * se + 1e-12);
    }
}

TEST_CASE("holt and holt_damped produce normal predictives with growing variance") {
    const auto s = series::from_years({2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023},
                                      {10.0, 11.2, 11.9, 13.4, 13.9, 15.3, 16.8, 17.1, 18.9, 19.6});
    for (const auto m : {method::holt, method::holt_damped}) {
        const auto p = ontrack::project(s, m, period::year(2028));
        CHECK(p.points.size() == 5);
        CHECK(p.points[0].distribution.family == ontrack::distribution_family::normal);
        CHECK(p.params.count("smoothing_level") == 1);
        CHECK(p.params.count("damping_trend") == (m == method::holt_damped ? 1U : 0U));
        CHECK(p.residual_sd == doctest::Approx(std::sqrt(p.params.at("mse"))));
        CHECK(p.aic == doctest::Approx(-2.0 * p.llf + 2.0 * (m == method::holt ? 5.0 : 6.0)));
        for (std::size_t h = 1; h < p.points.size(); ++h) CHECK(p.points[h].distribution.scale >= p.points[h - 1].distribution.scale);
        if (m == method::holt) {
            // l_T + h·b_T
            CHECK(p.points[2].mean == doctest::Approx(p.params.at("final_level") + 3.0 * p.params.at("final_trend")).epsilon(1e-13));
        }
    }
}

TEST_CASE("ETS relative forecast variance equals the FPP3 closed form for ETS(A,A,N)") {
    // FPP3 Table 8.8: v(h) = 1 + (h−1)·[α² + αβh + β²h(2h−1)/6].
    ontrack::model::ets_parameters params;
    params.alpha = 0.6;
    params.beta = 0.25;
    const std::vector<double> y{1, 2, 4, 5, 7, 8};
    const auto m = ontrack::model::ets_with_parameters(y, params, false);
    for (std::size_t h = 1; h <= 8; ++h) {
        const double hd = static_cast<double>(h);
        const double closed = 1.0 + (hd - 1.0) * (0.36 + 0.6 * 0.25 * hd + 0.0625 * hd * (2.0 * hd - 1.0) / 6.0);
        CHECK(m.relative_forecast_variance(h) == doctest::Approx(closed).epsilon(1e-14));
    }
    CHECK(m.mse() == doctest::Approx(m.path.sse / 6.0));
    CHECK_THROWS_AS(ontrack::model::fit_ets({1, 2, 3, 4, 5}, true), ontrack::data_error);
}

TEST_CASE("ETS: the analytic gradient and Hessian of the SSE equal central finite differences") {
    // ets_second_order differentiates the recursion twice by hand; central differences of the SSE
    // (step h, error O(h²)) are an independent check of every entry.
    const std::vector<double> y{102.0, 108.5, 111.0, 119.2, 124.8, 128.1, 137.9, 141.0, 150.3, 153.2, 161.9, 170.4};
    const std::array<double, 5> x{0.47, 0.31, 0.91, 97.0, 4.2};
    std::array<double, 5> g{};
    std::array<std::array<double, 5>, 5> h{};
    const double f = ontrack::model::detail::ets_second_order(y, x, g, h);
    const auto half_sse = [&](std::array<double, 5> z) {
        std::array<double, 5> g2{};
        std::array<std::array<double, 5>, 5> h2{};
        return ontrack::model::detail::ets_second_order(y, z, g2, h2);
    };
    CHECK(f == doctest::Approx(half_sse(x)));
    for (std::size_t i = 0; i < 5; ++i) {
        const double step = 1e-5 * std::max(1.0, std::fabs(x[i]));
        auto up = x, down = x;
        up[i] += step;
        down[i] -= step;
        const double numeric = (half_sse(up) - half_sse(down)) / (2.0 * step);
        CHECK(g[i] == doctest::Approx(numeric).epsilon(1e-6).scale(1.0));
        for (std::size_t k = 0; k < 5; ++k) {
            const double sk = 1e-4 * std::max(1.0, std::fabs(x[k]));
            auto pp = x, pm = x, mp = x, mm = x;
            pp[i] += step, pp[k] += sk;
            pm[i] += step, pm[k] -= sk;
            mp[i] -= step, mp[k] += sk;
            mm[i] -= step, mm[k] -= sk;
            const double second = (half_sse(pp) - half_sse(pm) - half_sse(mp) + half_sse(mm)) / (4.0 * step * sk);
            CAPTURE(i);
            CAPTURE(k);
            CHECK(h[i][k] == doctest::Approx(second).epsilon(1e-4).scale(1.0));
        }
    }
}

TEST_CASE("ETS fits reach the optimum of a dense grid over the box (brute force)") {
    // An independent search: the profiled SSE on a 60 × 60 (× 12 damping values) grid over the box. The
    // fit's SSE must not exceed the grid's best on any series: its optimum is at least as good as brute
    // force at a resolution five times finer than the fit's own starting grid. The series include
    // growth paths, a random walk, a series with a break and one whose optimum lies in a corner.
    std::mt19937_64 rng(20251201);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<std::vector<double>> panel;
    for (int k = 0; k < 10; ++k) {
        std::vector<double> y;
        double rw = 100.0;
        for (int t = 0; t < 6 + k; ++t) {
            if (k % 3 == 0) y.push_back(100.0 * std::exp(0.05 * t + 0.05 * noise(rng)));
            else if (k % 3 == 1) y.push_back(rw += 3.0 + 8.0 * noise(rng));
            else y.push_back((t < 4 ? 50.0 + 2.0 * t : 80.0 - 1.5 * t) + noise(rng));
        }
        panel.push_back(y);
    }
    for (const auto& y : panel) {
        for (const bool damped : {false, true}) {
            const ontrack::model::detail::ets_profile profile{y, damped};
            using bounds = ontrack::model::ets_bounds;
            const int points = 60;
            const int damping = damped ? 12 : 1;
            double grid_best = std::numeric_limits<double>::infinity();
            for (int i = 0; i < points; ++i) {
                for (int j = 0; j < points; ++j) {
                    for (int k = 0; k < damping; ++k) {
                        const double a = bounds::smoothing_low + (bounds::smoothing_high - bounds::smoothing_low) * i / (points - 1.0);
                        const double b = bounds::smoothing_low + (bounds::smoothing_high - bounds::smoothing_low) * j / (points - 1.0);
                        const double phi = damped ? bounds::damping_low + (bounds::damping_high - bounds::damping_low) * k / (damping - 1.0) : 1.0;
                        grid_best = std::min(grid_best, profile({a, b, phi}));
                    }
                }
            }
            const auto fit = ontrack::model::fit_ets(y, damped);
            CAPTURE(y.size());
            CAPTURE(damped);
            CHECK(fit.path.sse <= grid_best * (1.0 + 1e-12));
        }
    }
}

TEST_CASE("auto picks by AICc on the value scale and says why") {
    // Steady exponential growth: loglinear should win.
    std::vector<int> years;
    std::vector<double> growth;
    std::vector<double> line;
    const double noise[] = {0.01, -0.012, 0.004, 0.008, -0.006, -0.01, 0.012, 0.002, -0.004, 0.007, -0.009, 0.003};
    for (int i = 0; i < 12; ++i) {
        years.push_back(2012 + i);
        growth.push_back(100.0 * std::exp(0.25 * i + noise[i]));
        line.push_back(50.0 + 3.0 * i + 40.0 * noise[i]);
    }
    const auto g = ontrack::project(series::from_years(years, growth), method::automatic, period::year(2026));
    CHECK(g.used == method::loglinear);
    CHECK(contains(g.reason, "chose loglinear"));
    CHECK(contains(g.reason, "holt_damped"));
    const auto l = ontrack::project(series::from_years(years, line), method::automatic, period::year(2026));
    CHECK(l.used == method::linear);
    // With 5 observations ETS is not a candidate; with a non-positive value loglinear is not.
    const auto few = ontrack::project(series::from_years({2019, 2020, 2021, 2022, 2023}, {-1, 0.5, 1.2, 2.4, 3.1}), method::automatic,
                                      period::year(2025));
    CHECK(few.used == method::linear);
    CHECK(!contains(few.reason, "holt"));
    CHECK(!contains(few.reason, "loglinear"));
}

TEST_CASE("quarterly series: time in years, steps in quarters") {
    std::vector<ontrack::period> periods;
    std::vector<double> values;
    for (int i = 0; i < 8; ++i) {
        periods.push_back(period::quarter(2022, 1) + i);
        values.push_back(10.0 + 0.25 * i + (i % 2 == 0 ? 0.01 : -0.01));
    }
    const auto s = series::from_pairs(periods, values);
    const auto p = ontrack::project(s, method::linear, period::quarter(2024, 4));
    CHECK(p.points.size() == 4);
    CHECK(p.points.front().at == period::quarter(2024, 1));
    CHECK(p.params.at("slope") == doctest::Approx(1.0).epsilon(0.02));  // 0.25 a quarter = 1 a year
    const auto h = ontrack::project(s, method::holt, period::quarter(2024, 2));
    CHECK(h.points.size() == 2);
}
