// Empirical calibration: fitting the error distribution, applying it, JSON, and leave-one-region-out
// coverage on the development panel (examples/data/provinces).
#include <ontrack/calibration.hpp>
#include <ontrack/calibration_report.hpp>

#include "test_calibration_support.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <memory>

using ontrack::method;
using ontrack::period;

TEST_CASE("fit_errors recovers a scaled t from its quantiles") {
    // z = 2·T(5) at 40001 evenly spaced probabilities: |z|'s 0.8 and 0.95 quantiles are 2·t(0.9; 5) and
    // 2·t(0.975; 5) = 2·1.4758840488 and 2·2.5705818356 (scipy.stats.t.ppf).
    std::vector<double> z;
    for (int i = 0; i < 40001; ++i) z.push_back(2.0 * ontrack::detail::student_t_quantile((i + 0.5) / 40001.0, 5.0));
    const auto e = ontrack::fit_errors(z, 3);
    CHECK(e.horizon == 3);
    CHECK(e.count == 40001);
    CHECK(e.shift == 0.0);
    CHECK(e.df == doctest::Approx(5.0).epsilon(0.03));
    CHECK(e.scale * ontrack::detail::student_t_quantile(0.9, e.df) == doctest::Approx(2.0 * 1.4758840488).epsilon(1e-3));
    CHECK(e.scale * ontrack::detail::student_t_quantile(0.975, e.df) == doctest::Approx(2.0 * 2.5705818356).epsilon(1e-3));
    // Normal errors give a normal.
    std::vector<double> n;
    for (int i = 0; i < 4001; ++i) n.push_back(0.5 * ontrack::detail::normal_quantile((i + 0.5) / 4001.0));
    const auto f = ontrack::fit_errors(n, 1);
    CHECK(std::isinf(f.df));
    CHECK(f.scale == doctest::Approx(0.5).epsilon(2e-3));
    CHECK(ontrack::testing::thrown<ontrack::data_error>([] { (void)ontrack::fit_errors({1.0, 2.0}, 1); }));
}

TEST_CASE("a calibrated projection by hand") {
    // 100, 110, 121: every yearly log change is log 1.1, so σ = log 1.1 and the cagr centre for 2024 is
    // log 121 + log 1.1. With z ~ 2·N(0, 1) the 95% interval is exp(centre ± 1.959964·2·σ) =
    // [91.6055341050, 193.3901720359] (computed with scipy.stats.norm.ppf).
    const auto s = ontrack::series::from_years({2021, 2022, 2023}, {100.0, 110.0, 121.0}, "x", "r");
    auto c = std::make_shared<ontrack::calibration>();
    c->base = method::cagr;
    c->horizons[""] = {ontrack::horizon_errors{1, 50, 0.0, 2.0, std::numeric_limits<double>::infinity()}};
    const auto p = ontrack::project(s, method::automatic, period::year(2024), 0.95, ontrack::projection_settings{c, std::nullopt, true});
    REQUIRE(p.points.size() == 1);
    CHECK(p.used == method::cagr);
    CHECK(p.points[0].lower == doctest::Approx(91.6055341050).epsilon(1e-9));
    CHECK(p.points[0].upper == doctest::Approx(193.3901720359).epsilon(1e-9));
    CHECK(p.points[0].mean == doctest::Approx(133.1).epsilon(1e-12));
    CHECK(ontrack::testing::mentions(p.reason, {"calibrated", "log"}));
    // Another named method with a cagr calibration is refused, naming both.
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] {
        (void)ontrack::project(s, method::linear, period::year(2024), 0.95, ontrack::projection_settings{c, std::nullopt, true});
    });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"cagr", "linear"}));
}

TEST_CASE("horizons beyond the learned ones grow as the learned scales do") {
    ontrack::calibration c;
    c.horizons[""] = {ontrack::horizon_errors{1, 20, 0.0, 1.0, 8.0}, ontrack::horizon_errors{2, 20, 0.0, 2.0, 6.0}};
    // scales 1 and 2 at h = 1, 2: γ = log 2 / log 2 = 1, so h = 4 has 2·(4/2) = 4 and keeps df 6.
    const auto e = c.at("anything", 4);
    CHECK(e.scale == doctest::Approx(4.0));
    CHECK(e.df == 6.0);
    CHECK(c.at("", 1).scale == 1.0);
    c.horizons[""] = {ontrack::horizon_errors{1, 20, 0.0, 1.0, 8.0}, ontrack::horizon_errors{4, 20, 0.0, 1.1, 6.0}};
    // γ = log 1.1 / log 4 = 0.0688 is raised to 0.5: h = 16 has 1.1·√4 = 2.2.
    CHECK(c.at("", 16).scale == doctest::Approx(2.2));
}

TEST_CASE("calibration JSON round trip and refusals") {
    const auto panel = ontrack::testing::development_panel();
    ontrack::calibration_fit_options options;
    options.by_indicator = true;
    const auto c = ontrack::fit_calibration(panel, method::holt_damped, options, "development panel");
    REQUIRE(c.horizons.count(""));
    CHECK(c.horizons.count("rd_intensity"));
    CHECK(c.horizons.at("").size() == 5);
    const auto back = ontrack::calibration::from_json(c.to_json());
    CHECK(back.base == method::holt_damped);
    CHECK(back.source == "development panel");
    REQUIRE(back.horizons.size() == c.horizons.size());
    for (const auto& [key, table] : c.horizons) {
        REQUIRE(back.horizons.at(key).size() == table.size());
        for (std::size_t i = 0; i < table.size(); ++i) {
            CHECK(back.horizons.at(key)[i].scale == table[i].scale);  // 17 digits: exact
            CHECK(back.horizons.at(key)[i].df == table[i].df);
            CHECK(back.horizons.at(key)[i].count == table[i].count);
        }
    }
    // Reproducible: the same panel gives the same file.
    CHECK(ontrack::fit_calibration(panel, method::holt_damped, options, "development panel").to_json() == c.to_json());
    const std::string path = "test_calibration_roundtrip.json";
    ontrack::save_calibration(c, path);
    CHECK(ontrack::load_calibration(path).to_json() == c.to_json());
    std::remove(path.c_str());

    CHECK(ontrack::testing::thrown<ontrack::parse_error>([] { (void)ontrack::calibration::from_json("{\"format\": ", "x.json"); }));
    const auto wrong = ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::calibration::from_json("{\"format\": \"other\"}", "x.json"); });
    REQUIRE(wrong);
    CHECK(ontrack::testing::mentions(wrong->what(), {"x.json", "ontrack-calibration"}));
    const auto bad_scale = ontrack::testing::thrown<ontrack::value_error>([] {
        (void)ontrack::calibration::from_json(R"({"format": "ontrack-calibration", "version": 1, "method": "holt", "indicators": {"": [{"horizon": 1, "count": 3, "shift": 0, "scale": -1, "df": 5}]}})", "y.json");
    });
    REQUIRE(bad_scale);
    CHECK(ontrack::testing::mentions(bad_scale->what(), {"y.json", "scale"}));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::fit_calibration(panel, method::automatic); }));
    CHECK(ontrack::testing::thrown<ontrack::error>([] { (void)ontrack::load_calibration("/nonexistent/calibration.json"); }));
}

TEST_CASE("leave-one-region-out calibration brings every method into the coverage band at every horizon") {
    // Development panel, rolling origin h = 1..5; each region calibrated with the errors of the other
    // 15 regions (all years: real_time = false; both indicators pooled, the default). Band of the acceptance criteria: 95% in [0.92, 0.97],
    // 80% in [0.76, 0.84].
    ontrack::calibration_report_options o;
    o.methods = {"linear+loro", "loglinear+loro", "cagr+loro", "weighted_linear+loro", "holt+loro", "holt_damped+loro"};
    o.levels = {0.8, 0.95};
    o.real_time = false;
    const auto r = ontrack::run_calibration_report(ontrack::testing::development_panel(), o);
    for (const auto& s : r.summaries) {
        CAPTURE(s.method);
        CAPTURE(s.horizon);
        CHECK(s.coverage[0] >= 0.76);
        CHECK(s.coverage[0] <= 0.84);
        CHECK(s.coverage[1] >= 0.92);
        CHECK(s.coverage[1] <= 0.97);
    }
}
