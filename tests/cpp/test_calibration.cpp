// Empirical calibration: fitting the error distribution, applying it, JSON, and leave-one-region-out
// coverage on the development panel (examples/data/provinces).
#include <ontrack/calibration.hpp>
#include <ontrack/calibration_report.hpp>
#include <ontrack/default_calibration.hpp>

#include "test_calibration_support.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

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
    const auto one = ontrack::testing::thrown<ontrack::data_error>([] { (void)ontrack::fit_errors({1.0, 2.0}, 1); });
    REQUIRE(one);
    CHECK(ontrack::testing::mentions(one->what(), {"at horizon 1", "got 2"}));
    // Horizon 0 is the entry pooled over every horizon: the message says so, not "horizon 0".
    const auto pooled = ontrack::testing::thrown<ontrack::data_error>([] { (void)ontrack::fit_errors({1.0, 2.0, 3.0}, 0); });
    REQUIRE(pooled);
    CHECK(ontrack::testing::mentions(pooled->what(), {"pooled over the horizons", "got 3"}));
    CHECK(std::string(pooled->what()).find("horizon 0") == std::string::npos);
}

TEST_CASE("a calibrated projection by hand") {
    // 100, 110, 121: every yearly log change is log 1.1, so σ = log 1.1 and the cagr centre for 2024 is
    // log 121 + log 1.1. Volatility scaling with z ~ 2·N(0, 1): the 95% interval is
    // exp(centre ± 1.959964·2·σ) = [91.6055341050, 193.3901720359] (computed with scipy.stats.norm.ppf).
    const auto s = ontrack::series::from_years({2021, 2022, 2023}, {100.0, 110.0, 121.0}, "x", "r");
    auto c = std::make_shared<ontrack::calibration>();
    c->base = method::cagr;
    c->scaling = ontrack::error_scaling::volatility;
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

TEST_CASE("drift-uncertainty scaling and a damped drift by hand") {
    // The same series: σ = log 1.1, span 2. With damping 0.9 the centre h years ahead is
    // log 121 + (0.9 + … + 0.9^h)·log 1.1 and the unit σ·√(h + h²/2): h = 1: √1.5·σ, h = 2: 2σ. With
    // z ~ 2·N(0, 1) (one distribution for every horizon, horizon 0) the 95% intervals are
    // exp(centre ± 1.959964·2·unit): 2024 [83.4288316051, 208.3346044727], median 131.8374477684;
    // 2025 [67.4612172810, 300.6626981255], median 142.4186490827 (numpy/scipy.stats.norm.ppf).
    const auto s = ontrack::series::from_years({2021, 2022, 2023}, {100.0, 110.0, 121.0}, "x", "r");
    auto c = std::make_shared<ontrack::calibration>();
    c->base = method::cagr;
    c->damping = 0.9;
    c->horizons[""] = {ontrack::horizon_errors{0, 50, 0.0, 2.0, std::numeric_limits<double>::infinity()}};
    CHECK(ontrack::pools_horizons(*c));
    const auto p = ontrack::project(s, method::cagr, period::year(2025), 0.95, ontrack::projection_settings{c, std::nullopt, true});
    REQUIRE(p.points.size() == 2);
    CHECK(p.points[0].lower == doctest::Approx(83.4288316051).epsilon(1e-9));
    CHECK(p.points[0].upper == doctest::Approx(208.3346044727).epsilon(1e-9));
    CHECK(p.points[0].mean == doctest::Approx(131.8374477684).epsilon(1e-9));
    CHECK(p.points[1].lower == doctest::Approx(67.4612172810).epsilon(1e-9));
    CHECK(p.points[1].upper == doctest::Approx(300.6626981255).epsilon(1e-9));
    CHECK(p.points[1].mean == doctest::Approx(142.4186490827).epsilon(1e-9));
    // error_unit itself: σ·√(h + h²/span), span below 1 counted as 1.
    CHECK(ontrack::error_unit(ontrack::error_scaling::drift_uncertainty, 2.0, 3, 6.0) == doctest::Approx(2.0 * std::sqrt(3.0 + 9.0 / 6.0)));
    CHECK(ontrack::error_unit(ontrack::error_scaling::drift_uncertainty, 1.0, 2, 0.0) == doctest::Approx(std::sqrt(6.0)));
    CHECK(ontrack::error_unit(ontrack::error_scaling::volatility, 2.0, 3, 6.0) == 2.0);
}

TEST_CASE("horizons beyond the learned ones grow as the learned scales do") {
    ontrack::calibration c;
    c.scaling = ontrack::error_scaling::volatility;
    c.horizons[""] = {ontrack::horizon_errors{1, 20, 0.0, 1.0, 8.0}, ontrack::horizon_errors{2, 20, 0.0, 2.0, 6.0}};
    // scales 1 and 2 at h = 1, 2: γ = log 2 / log 2 = 1, so h = 4 has 2·(4/2) = 4 and keeps df 6.
    const auto e = c.at("anything", 4);
    CHECK(e.scale == doctest::Approx(4.0));
    CHECK(e.df == 6.0);
    CHECK(c.at("", 1).scale == 1.0);
    c.horizons[""] = {ontrack::horizon_errors{1, 20, 0.0, 1.0, 8.0}, ontrack::horizon_errors{4, 20, 0.0, 1.1, 6.0}};
    // γ = log 1.1 / log 4 = 0.0688 is raised to 0.5: h = 16 has 1.1·√4 = 2.2.
    CHECK(c.at("", 16).scale == doctest::Approx(2.2));
    // Under drift-uncertainty scaling the unit already grows with h: the last learned horizon serves.
    c.scaling = ontrack::error_scaling::drift_uncertainty;
    CHECK(c.at("", 16).scale == 1.1);
    CHECK(c.at("", 16).horizon == 16);
}

TEST_CASE("calibration JSON round trip and refusals") {
    const auto panel = ontrack::testing::development_panel();
    ontrack::calibration_fit_options options;
    options.by_indicator = true;
    options.pool_horizons = false;
    const auto c = ontrack::fit_calibration(panel, method::holt_damped, options, "development panel");
    REQUIRE(c.horizons.count(""));
    CHECK(c.horizons.count("rd_intensity"));
    CHECK(c.horizons.at("").size() == 5);
    CHECK(!ontrack::pools_horizons(c));
    const auto back = ontrack::calibration::from_json(c.to_json());
    CHECK(back.base == method::holt_damped);
    CHECK(back.source == "development panel");
    CHECK(back.scaling == ontrack::error_scaling::drift_uncertainty);
    CHECK(back.damping == 1.0);
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

    // Pooled over horizons with a damped drift: one entry of horizon 0, and both survive the file.
    ontrack::calibration_fit_options pooled;
    pooled.damping = 0.9;
    const auto d = ontrack::fit_calibration(panel, method::cagr, pooled, "pooled");
    REQUIRE(d.horizons.at("").size() == 1);
    CHECK(d.horizons.at("").front().horizon == 0);
    CHECK(d.horizons.at("").front().count > 1000);  // every origin's errors at h = 1..5 of 32 series
    const auto d2 = ontrack::calibration::from_json(d.to_json());
    CHECK(d2.damping == 0.9);
    CHECK(ontrack::pools_horizons(d2));
    CHECK(d2.to_json() == d.to_json());
    // A damping is cagr's alone and lies in (0, 1].
    pooled.damping = 0.5;
    const auto damped_holt = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::fit_calibration(panel, method::holt, pooled); });
    REQUIRE(damped_holt);
    CHECK(ontrack::testing::mentions(damped_holt->what(), {"damping", "holt"}));
    pooled.damping = 1.5;
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::fit_calibration(panel, method::cagr, pooled); }));
    const auto file_damping = ontrack::testing::thrown<ontrack::value_error>([] {
        (void)ontrack::calibration::from_json(R"({"format": "ontrack-calibration", "version": 2, "method": "holt", "scaling": "drift_uncertainty", "damping": 0.8, "indicators": {"": [{"horizon": 0, "count": 30, "shift": 0, "scale": 1, "df": 5}]}})", "z.json");
    });
    REQUIRE(file_damping);
    CHECK(ontrack::testing::mentions(file_damping->what(), {"z.json", "damping"}));
    const auto scaling_name = ontrack::testing::thrown<ontrack::value_error>([] {
        (void)ontrack::calibration::from_json(R"({"format": "ontrack-calibration", "version": 2, "method": "cagr", "scaling": "sigma", "damping": 1, "indicators": {"": [{"horizon": 0, "count": 30, "shift": 0, "scale": 1, "df": 5}]}})", "w.json");
    });
    REQUIRE(scaling_name);
    CHECK(ontrack::testing::mentions(scaling_name->what(), {"sigma", "drift_uncertainty"}));
    // A version-1 file is read as written: volatility scaling, no damping.
    const auto v1 = ontrack::calibration::from_json(R"({"format": "ontrack-calibration", "version": 1, "method": "cagr", "indicators": {"": [{"horizon": 1, "count": 30, "shift": 0, "scale": 1, "df": 5}]}})", "v1.json");
    CHECK(v1.scaling == ontrack::error_scaling::volatility);
    CHECK(v1.damping == 1.0);
    CHECK(ontrack::testing::thrown<ontrack::error>([] { (void)ontrack::load_calibration("/nonexistent/calibration.json"); }));
}

TEST_CASE("leave-one-region-out calibration brings every method into the coverage band at every horizon") {
    // Development panel, rolling origin h = 1..5; each region calibrated with the errors of the other
    // 15 regions (all years: real_time = false; one error distribution per horizon; both indicators
    // pooled). Band of the acceptance criteria: 95% in [0.92, 0.97], 80% in [0.76, 0.84].
    ontrack::calibration_report_options o;
    o.methods = {"linear+loro", "loglinear+loro", "cagr+loro", "weighted_linear+loro", "holt+loro", "holt_damped+loro"};
    o.levels = {0.8, 0.95};
    o.real_time = false;
    o.pool_horizons = false;
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

TEST_CASE("the default's procedure, learned in real time leave-one-region-out, is calibrated at every horizon") {
    // default+loro: the bundled default's procedure (cagr, damping 0.9, drift-uncertainty scaling,
    // horizons pooled) with each region calibrated only by the other regions' errors published by its
    // origin. Acceptance criteria: 95% in [0.92, 0.97] and 80% in [0.76, 0.84] at every horizon; of
    // the threshold events given P < 5% at most 6% happen, of those given P >= 95% at least 94%.
    // (bench/calibration_drifts.py, an independent NumPy implementation, gives the same figures.)
    ontrack::calibration_report_options o;
    o.methods = {"default+loro"};
    o.levels = {0.8, 0.95};
    o.real_time = true;
    o.default_calibration = ontrack::default_calibration();
    const auto r = ontrack::run_calibration_report(ontrack::testing::development_panel(), o);
    REQUIRE(r.summaries.size() == 6);  // pooled + horizons 1..5
    for (const auto& s : r.summaries) {
        CAPTURE(s.horizon);
        CHECK(s.forecasts > 100);
        CHECK(s.coverage[0] >= 0.76);
        CHECK(s.coverage[0] <= 0.84);
        CHECK(s.coverage[1] >= 0.92);
        CHECK(s.coverage[1] <= 0.97);
        if (s.horizon == 0) {
            CHECK(s.low_p_reached <= 0.06);
            CHECK(s.high_p_reached >= 0.94);
        }
    }
}
