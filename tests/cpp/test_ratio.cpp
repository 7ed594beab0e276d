// Ratio indicators through their components, and directly.
#include <ontrack/ratio.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using ontrack::method;
using ontrack::period;

TEST_CASE("exact exponential components give the exact ratio") {
    // R&D grows 10% a year from 100, GDP 5% from 10000: intensity in year y is
    // 100·1.1^k / (10000·1.05^k) × 100 with k = y − 2015. Both fit loglinear exactly (zero residuals).
    std::vector<int> years;
    std::vector<double> rd, gdp;
    for (int k = 0; k <= 6; ++k) {
        years.push_back(2015 + k);
        rd.push_back(100.0 * std::pow(1.1, k));
        gdp.push_back(10000.0 * std::pow(1.05, k));
    }
    const auto result = ontrack::project_ratio(ontrack::series::from_years(years, rd, "rd"), ontrack::series::from_years(years, gdp, "gdp"),
                                               method::loglinear, period::year(2025), 100.0, 0.95, 1000);
    REQUIRE(result.points.size() == 4);
    const double expected_2025 = 100.0 * std::pow(1.1, 10) / (10000.0 * std::pow(1.05, 10)) * 100.0;  // = 1.5923…
    CHECK(result.at(period::year(2025)).median == doctest::Approx(expected_2025).epsilon(1e-9));
    CHECK(result.at(period::year(2025)).upper - result.at(period::year(2025)).lower == doctest::Approx(0.0).epsilon(1e-9).scale(1.0));
    REQUIRE(result.direct.has_value());
    CHECK(result.direct->at(period::year(2025)).mean == doctest::Approx(expected_2025).epsilon(1e-9));
    CHECK(result.observed_ratio.count() == 7);
}

TEST_CASE("ratio probabilities agree with an independent simulation of the same model") {
    const auto rd = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023}, {50, 56, 60, 69, 74, 80, 91, 95}, "rd");
    const auto gdp = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023},
                                                 {5000, 5300, 5650, 5900, 6250, 6700, 6900, 7400}, "gdp");
    const period at = period::year(2025);
    const auto result = ontrack::project_ratio(rd, gdp, method::linear, at, 100.0, 0.9, 200000, 99);
    // Simulate the same independent Student t predictives with another generator and seed.
    const auto& top = result.numerator.at(at).distribution;
    const auto& bottom = result.denominator.at(at).distribution;
    std::mt19937 other(12345);
    std::student_t_distribution<double> t_top(top.df), t_bottom(bottom.df);
    const double threshold = 1.3;
    const int n = 200000;
    int hits = 0;
    for (int i = 0; i < n; ++i) {
        const double ratio = (top.location + top.scale * t_top(other)) / (bottom.location + bottom.scale * t_bottom(other)) * 100.0;
        hits += ratio >= threshold ? 1 : 0;
    }
    const double independent = static_cast<double>(hits) / n;
    const double p = result.probability(ontrack::comparator::at_least, threshold, at);
    // Two estimates with standard errors ≤ 0.5/√200000 ≈ 0.0011 each: 5 combined sigmas ≈ 0.008.
    CHECK(std::fabs(p - independent) < 5.0 * std::sqrt(2.0) * 0.5 / std::sqrt(200000.0));
    CHECK(result.probability(ontrack::comparator::less, threshold, at) == doctest::Approx(1.0 - p).epsilon(1e-12));
    // Same seed, same answer.
    const auto again = ontrack::project_ratio(rd, gdp, method::linear, at, 100.0, 0.9, 200000, 99);
    CHECK(again.at(at).median == result.at(at).median);
}

TEST_CASE("project_ratio rejects bad arguments") {
    const auto a = ontrack::series::from_years({2018, 2019, 2020, 2021}, {1, 2, 3, 4});
    CHECK_THROWS_AS((void)ontrack::project_ratio(a, a, method::linear, period::year(2023), 0.0), ontrack::value_error);
    CHECK_THROWS_AS((void)ontrack::project_ratio(a, a, method::linear, period::year(2023), 100.0, 0.95, 10), ontrack::value_error);
    const auto quarterly = ontrack::series(period::quarter(2020, 1), {1, 2, 3, 4});
    CHECK_THROWS_AS((void)ontrack::project_ratio(a, quarterly, method::linear, period::year(2023)), ontrack::value_error);
}
