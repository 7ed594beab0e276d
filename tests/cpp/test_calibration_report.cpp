// The calibration report: scores computed by hand, agreement with `backtest`, and refusals.
#include <ontrack/backtest.hpp>
#include <ontrack/calibration_report.hpp>

#include "test_calibration_support.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using ontrack::method;
using ontrack::period;

TEST_CASE("weighted interval score of a normal, against scipy") {
    // Bracher et al. (2021) eq. 2 with K = 11 intervals (α = 0.02, 0.05, 0.1, …, 0.9) and the median,
    // computed independently with scipy.stats.norm.ppf.
    CHECK(ontrack::detail::weighted_interval_score(ontrack::predictive::normal(0.0, 1.0), 0.0) == doctest::Approx(0.2130679779717877).epsilon(1e-9));
    CHECK(ontrack::detail::weighted_interval_score(ontrack::predictive::normal(0.0, 1.0), 3.0) == doctest::Approx(2.2518513820199413).epsilon(1e-9));
    CHECK(ontrack::detail::weighted_interval_score(ontrack::predictive::normal(1.0, 2.0), -1.5) == doctest::Approx(1.3885231207489204).epsilon(1e-9));
}

TEST_CASE("random walk with drift by hand") {
    // 10, 12, 13, 17: drift = 7/3; changes 2, 1, 4 minus drift: −1/3, −4/3, 5/3; s² = (1 + 16 + 25)/9/2 = 7/3.
    // h = 2: mean 17 + 14/3, variance 7/3·2·(1 + 2/3) = 70/9.
    const auto s = ontrack::series::from_years({2001, 2002, 2003, 2004}, {10.0, 12.0, 13.0, 17.0});
    const auto p = ontrack::detail::project_rw_drift(s, period::year(2006), 0.95);
    REQUIRE(p.points.size() == 2);
    CHECK(p.points[1].distribution.location == doctest::Approx(17.0 + 14.0 / 3.0));
    CHECK(p.points[1].distribution.scale == doctest::Approx(std::sqrt(70.0 / 9.0)));
}

TEST_CASE("coverage by horizon agrees with backtest on the development panel") {
    const auto panel = ontrack::testing::development_panel();
    ontrack::calibration_report_options o;
    o.methods = {"linear", "cagr", "rw_drift"};
    o.levels = {0.95};
    o.natural_bounds = false;  // backtest knows no bounds
    const auto r = ontrack::run_calibration_report(panel, o);
    for (const method m : {method::linear, method::cagr}) {
        std::map<int, std::pair<double, double>> covered;  // horizon → (covered, count)
        for (const auto& s : panel) {
            const auto b = ontrack::backtest(s, m, 5, 0.95);
            for (const auto& f : b.forecasts) {
                covered[f.horizon].first += f.covered ? 1.0 : 0.0;
                covered[f.horizon].second += 1.0;
            }
        }
        for (const auto& sum : r.summaries) {
            if (sum.method != ontrack::to_string(m) || sum.horizon == 0) continue;
            CAPTURE(sum.method);
            CAPTURE(sum.horizon);
            CHECK(static_cast<double>(sum.forecasts) == covered[sum.horizon].second);
            CHECK(sum.coverage[0] == doctest::Approx(covered[sum.horizon].first / covered[sum.horizon].second).epsilon(1e-12));
        }
    }
    // Every summary: the PIT histogram counts every forecast; rw_drift is 1 against itself.
    for (const auto& sum : r.summaries) {
        std::size_t total = 0;
        for (const auto c : sum.pit_histogram) total += c;
        CHECK(total == sum.forecasts);
        CHECK(sum.events == sum.forecasts * o.growth.size());
        if (sum.method == "rw_drift") CHECK(sum.relative_wis == doctest::Approx(1.0));
    }
    // The reliability bins of a method hold all its events.
    std::size_t events = 0;
    for (const auto& bin : r.reliability) if (bin.method == "linear") events += bin.events;
    for (const auto& sum : r.summaries) if (sum.method == "linear" && sum.horizon == 0) CHECK(events == sum.events);
}

TEST_CASE("report refusals name the problem") {
    const std::vector<ontrack::series> panel{ontrack::series::from_years({2001, 2002, 2003, 2004}, {1.0, 2.0, 3.0, 4.0})};
    ontrack::calibration_report_options o;
    o.methods = {"lineer"};
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::run_calibration_report(panel, o); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"lineer"}));
    o.methods = {"auto+loro"};
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::run_calibration_report(panel, o); }));
    o.methods = {"holt+cal"};
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::run_calibration_report(panel, o); }));
    o.methods = {"linear"};
    o.horizon = 0;
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::run_calibration_report(panel, o); }));
    o.horizon = 2;
    o.levels = {1.5};
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::run_calibration_report(panel, o); }));
}
