// Bounded and non-negative indicators: censoring at the bounds, logit distributions, and projections
// of shares and counts that never leave their range (literacy to 2050, small counts, random series).
#include <ontrack/bounds.hpp>
#include <ontrack/calibration.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using ontrack::comparator;
using ontrack::method;
using ontrack::period;
using ontrack::predictive;

TEST_CASE("parse_bounds reads the written forms and rejects the rest") {
    CHECK(ontrack::parse_bounds("0..100").lower == 0.0);
    CHECK(ontrack::parse_bounds("0..100").upper == 100.0);
    CHECK(ontrack::parse_bounds("[0, 1]").upper == 1.0);
    CHECK(ontrack::parse_bounds(">=0").lower == 0.0);
    CHECK_FALSE(ontrack::parse_bounds(">=0").upper);
    CHECK(ontrack::parse_bounds("..100").upper == 100.0);
    CHECK(ontrack::parse_bounds("none").empty());
    CHECK(ontrack::parse_bounds("").empty());
    const auto e = ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::parse_bounds("zero to 100"); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"bounds", "zero to 100", "0..100"}));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::parse_bounds("100..0"); }));
}

TEST_CASE("natural bounds from the unit and the observations") {
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("%"), {10.0, 12.0}).upper == 100.0);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("% of GDP"), {2.1}).lower == 0.0);
    // A growth rate in % that went negative is not a share.
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("%"), {3.0, -1.0}).empty());
    const auto counts = ontrack::natural_bounds(ontrack::parse_unit("家"), {3.0, 5.0});
    CHECK(counts.lower == 0.0);
    CHECK_FALSE(counts.upper);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("亿元"), {3.0}).lower == 0.0);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("tonnes CO2"), {3.0}).empty());
}

TEST_CASE("a censored t puts the tail mass on the limit") {
    // N(1, 2²) censored at 0: P(value < 0) = 0, P(value <= 0) = Φ(−0.5) = 0.3085375387 (normal table).
    const auto d = predictive::normal(1.0, 2.0).censored_at(0.0, std::numeric_limits<double>::infinity());
    CHECK(d.censored());
    CHECK(d.cdf(-0.1) == 0.0);
    CHECK(d.cdf(0.0) == doctest::Approx(0.3085375387).epsilon(1e-9));
    CHECK(d.probability(comparator::at_least, 0.0) == 1.0);
    CHECK(d.probability(comparator::greater, 0.0) == doctest::Approx(1.0 - 0.3085375387).epsilon(1e-9));
    CHECK(d.quantile(0.1) == 0.0);
    CHECK(d.quantile(0.9) == doctest::Approx(1.0 + 2.0 * 1.2815515655).epsilon(1e-8));
    CHECK(d.median() == 1.0);
    // E[max(0, X)] for X ~ N(μ, σ²) = μΦ(μ/σ) + σφ(μ/σ) = 1·0.6914624613 + 2·0.3520653268 = 1.3955931149.
    CHECK(d.mean() == doctest::Approx(1.3955931149).epsilon(2e-4));
    CHECK(d.probability_between(0.0, 1.0) == doctest::Approx(0.5).epsilon(1e-12));
}

TEST_CASE("a logit distribution stays inside its bounds and inverts its own quantiles") {
    const auto d = predictive::logit_student_t(0.3, 0.8, 5.0, 0.0, 100.0);
    CHECK(d.on_logit_scale());
    for (const double p : {1e-3, 0.01, 0.3, 0.5, 0.9, 0.999}) {
        const double q = d.quantile(p);
        CHECK(q > 0.0);
        CHECK(q < 100.0);
        CHECK(d.cdf(q) == doctest::Approx(p).epsilon(1e-9));
    }
    // Far in the tails the back-transform rounds onto the bound, never beyond it.
    CHECK(d.quantile(1e-12) >= 0.0);
    CHECK(d.quantile(1.0 - 1e-12) <= 100.0);
    // median = 100·logistic(0.3) = 100/(1 + e^−0.3) = 57.4442516812.
    CHECK(d.median() == doctest::Approx(57.4442516812).epsilon(1e-10));
    CHECK(d.probability(comparator::at_least, 100.0) == 0.0);
    CHECK(d.probability(comparator::at_least, 0.0) == 1.0);
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)predictive::logit_normal(0.0, 1.0, 1.0, 1.0); }));
}

namespace {

// Science literacy (% of citizens), the bundled national series 2010–2024 as in observations.csv.
ontrack::series literacy() {
    return ontrack::series::from_years({2010, 2015, 2018, 2020, 2022, 2023, 2024}, {3.27, 6.20, 8.47, 10.56, 12.93, 14.14, 15.37}, "science_literacy", "China", "%");
}

void check_inside(const ontrack::projection& p, double lo, double hi) {
    for (const auto& point : p.points) {
        CHECK(point.lower >= lo);
        CHECK(point.upper <= hi);
        CHECK(point.mean >= lo);
        CHECK(point.mean <= hi);
        for (const double q : {1e-6, 0.025, 0.5, 0.975, 1.0 - 1e-6}) {
            const double v = point.distribution.quantile(q);
            CHECK(v >= lo);
            CHECK(v <= hi);
        }
    }
}

}  // namespace

TEST_CASE("literacy projected to 2050 stays within [0, 100] % with every method, bounded or calibrated") {
    const auto s = literacy();
    for (const method m : {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::automatic}) {
        CAPTURE(ontrack::to_string(m));
        const auto p = ontrack::project(s, m, period::year(2050), 0.95, ontrack::projection_settings{});
        check_inside(p, 0.0, 100.0);
        // Unbounded, loglinear and cagr do leave: the bounds are what keeps them in.
        if (m == method::cagr) CHECK(ontrack::project(s, m, period::year(2050)).points.back().upper > 100.0);
    }
    auto calibrated = std::make_shared<ontrack::calibration>();
    calibrated->base = method::cagr;
    calibrated->horizons[""] = {ontrack::horizon_errors{1, 100, 0.0, 1.5, 4.0}, ontrack::horizon_errors{2, 100, 0.0, 2.5, 4.0}};
    const auto p = ontrack::project(s, method::automatic, period::year(2050), 0.95, ontrack::projection_settings{calibrated, std::nullopt, true});
    check_inside(p, 0.0, 100.0);
    CHECK(p.points.back().distribution.on_logit_scale());
    CHECK(p.points.back().mean < 100.0);
}

TEST_CASE("small counts never get a negative bound") {
    // A count of 2.5 that a linear trend sends toward zero: censored at 0, not [−2.3, 7.3].
    const auto s = ontrack::series::from_years({2018, 2019, 2020, 2021, 2022}, {9.0, 7.0, 6.0, 4.0, 2.5}, "labs", "X", "个");
    for (const method m : {method::linear, method::weighted_linear, method::automatic}) {
        const auto p = ontrack::project(s, m, period::year(2030), 0.95, ontrack::projection_settings{});
        for (const auto& point : p.points) {
            CHECK(point.lower >= 0.0);
            CHECK(point.distribution.probability(comparator::less, 0.0) == 0.0);
        }
        // Without bounds the same model goes below zero: censoring is what changed.
        CHECK(ontrack::project(s, m, period::year(2030)).points.back().lower < 0.0);
    }
}

TEST_CASE("random series: no quantile outside the natural bounds, by any method") {
    std::mt19937_64 rng(20261201);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const method methods[] = {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::holt, method::holt_damped, method::automatic};
    for (int trial = 0; trial < 60; ++trial) {
        const bool share = trial % 2 == 0;
        std::vector<double> values;
        double v = share ? 1.0 + 98.0 * uniform(rng) : 1.0 + 50.0 * uniform(rng);
        for (int i = 0; i < 8; ++i) {
            v = share ? std::min(99.9, std::max(0.1, v + 20.0 * (uniform(rng) - 0.5))) : std::max(0.1, v * (0.3 + 1.4 * uniform(rng)));
            values.push_back(v);
        }
        const auto s = ontrack::series::from_years({2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018}, values, "x", "r", share ? "%" : "家");
        for (const method m : methods) {
            CAPTURE(trial);
            CAPTURE(ontrack::to_string(m));
            const auto p = ontrack::project(s, m, period::year(2040), 0.9, ontrack::projection_settings{});
            check_inside(p, 0.0, share ? 100.0 : std::numeric_limits<double>::infinity());
        }
    }
}

TEST_CASE("observations outside given bounds are refused") {
    const auto s = ontrack::series::from_years({2020, 2021, 2022}, {50.0, 80.0, 120.0}, "x", "r", "%");
    ontrack::projection_settings settings;
    settings.bounds = ontrack::parse_bounds("0..100");
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::project(s, method::linear, period::year(2025), 0.95, settings); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"120", "2022", "[0, 100]"}));
    // Natural bounds: a % series above 100 is not a share, so nothing is refused.
    CHECK_NOTHROW((void)ontrack::project(s, method::linear, period::year(2025), 0.95, ontrack::projection_settings{}));
}
