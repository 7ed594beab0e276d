// The distribution of a sum of projected periods (cumulative targets): the copula's dependence against
// sums whose variance is known by hand, and cumulative targets under the calibrated default.
#include <ontrack/assessment.hpp>
#include <ontrack/default_calibration.hpp>
#include <ontrack/projected_sum.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

using ontrack::comparator;
using ontrack::period;
using ontrack::predictive;

TEST_CASE("a random walk's periods: the sum has the variance of the walk") {
    // X_h = 10 + W_h, W a Gaussian random walk with unit steps: Var X_h = h, so the fitted dependence is
    // the walk's, Cov(X_h, X_k) = min(h, k), and Var Σ_{h=1..5} X_h = Σ_h Σ_k min(h, k) = 55 (by hand).
    std::vector<predictive> periods;
    std::vector<int> horizons;
    for (int h = 1; h <= 5; ++h) {
        periods.push_back(predictive::normal(10.0, std::sqrt(static_cast<double>(h))));
        horizons.push_back(h);
    }
    const auto sum = ontrack::sum_of_periods(periods, horizons, 7.0);
    const double sd = std::sqrt(55.0);
    // Normal quantiles 1.959963985 and 1.281551566 (standard table); Monte Carlo error of 20 000 draws
    // on a quantile at the 2.5% tail is about 0.02 sd, so 0.06 sd is three of them.
    CHECK(sum.median() == doctest::Approx(57.0).epsilon(0.06 * sd / 57.0));
    CHECK(std::fabs(sum.quantile(0.975) - (57.0 + 1.959963985 * sd)) < 0.06 * sd);
    CHECK(std::fabs(sum.quantile(0.1) - (57.0 - 1.281551566 * sd)) < 0.06 * sd);
    // P(sum >= 57 + sd) = 1 − Φ(1) = 0.158655254; the standard error of a share of 20 000 is 0.0026.
    CHECK(std::fabs(sum.probability(comparator::at_least, 57.0 + sd) - 0.158655254) < 0.008);
    // Same seed, same numbers.
    CHECK(ontrack::sum_of_periods(periods, horizons, 7.0).draws == sum.draws);
}

TEST_CASE("spreads growing as the horizon: a drift error, periods move as one") {
    // Scale ∝ h: the fitted dependence is a pure drift error, Corr = 1, so the sum's sd is Σ h = 15.
    std::vector<predictive> periods;
    std::vector<int> horizons;
    for (int h = 1; h <= 5; ++h) {
        periods.push_back(predictive::normal(0.0, static_cast<double>(h)));
        horizons.push_back(h);
    }
    const auto sum = ontrack::sum_of_periods(periods, horizons);
    CHECK(std::fabs(sum.quantile(0.975) - 1.959963985 * 15.0) < 0.06 * 15.0);
    CHECK(std::fabs(sum.quantile(0.1) + 1.281551566 * 15.0) < 0.06 * 15.0);
}

TEST_CASE("marginals are kept: log-t periods, the sum of one period is that period") {
    // One period: the sum's quantiles are the period's own (up to Monte Carlo error).
    const auto d = predictive::log_student_t(std::log(100.0), 0.2, 4.0);
    const auto sum = ontrack::sum_of_periods({d}, {1});
    for (const double p : {0.05, 0.5, 0.9}) {
        CHECK(sum.quantile(p) == doctest::Approx(d.quantile(p)).epsilon(0.02));
    }
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::sum_of_periods({d}, {0}); }));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::sum_of_periods({d, d}, {1}); }));
}

TEST_CASE("a cumulative target under the calibrated default gets a summed interval and a probability") {
    // R&D-like flow (亿元), growing ~8% a year; five-year cumulative investment 2023–2027.
    const auto s = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022}, {100.0, 108.0, 117.0, 126.0, 136.0, 147.0, 159.0}, "rd", "X", "亿元");
    ontrack::target t;
    t.id = "cum";
    t.indicator = "rd";
    t.kind = ontrack::target_kind::cumulative;
    t.value = 900.0;
    t.period_start = period::year(2023);
    t.deadline = period::year(2027);
    t.unit = "亿元";
    const auto choice = ontrack::choose_projection("default");
    ontrack::assessment_options o;
    o.projection = choice.projection;
    o.projection_layers.calibration = choice.calibration;
    const auto a = ontrack::assess(t, s, o);
    REQUIRE(a.probability);
    REQUIRE(a.lower);
    REQUIRE(a.upper);
    CHECK(*a.lower > 0.0);
    CHECK(*a.lower < *a.projected);
    CHECK(*a.projected < *a.upper);
    // The medians of the periods (cagr's 8% drift) sum to about 159·Σ 1.08^h = 1007; the sum's median is
    // near it (the sum of medians is not the median of the sum, but close for moderate spreads).
    double medians = 0.0;
    for (int y = 2023; y <= 2027; ++y) medians += ontrack::detail::point_at(a.path, period::year(y))->distribution.median();
    CHECK(*a.projected == doctest::Approx(medians).epsilon(0.03));
    CHECK(*a.probability > 0.5);
    CHECK(*a.probability < 1.0);
    // Part observed: 2023 observed adds its value and leaves four periods to sample.
    auto longer = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023}, {100.0, 108.0, 117.0, 126.0, 136.0, 147.0, 159.0, 171.0}, "rd", "X", "亿元");
    const auto b = ontrack::assess(t, longer, o);
    REQUIRE(b.probability);
    CHECK(*b.lower > 171.0);
}
