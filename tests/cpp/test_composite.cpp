// Composite indicators: the declaration, deriving any one of ratio, numerator, denominator from the
// other two, and projecting through the components.
#include <ontrack/composite.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using ontrack::period;
using ontrack::series;
using ontrack::testing::mentions;
using ontrack::testing::thrown;

TEST_CASE("the declaration reads and writes") {
    const auto c = ontrack::parse_composite("rd_intensity = rd_expenditure / gdp * 100");
    CHECK(c.id == "rd_intensity");
    CHECK(c.numerator == "rd_expenditure");
    CHECK(c.denominator == "gdp");
    CHECK(c.scale == 100.0);
    CHECK(c.to_string() == "rd_intensity = rd_expenditure / gdp * 100");
    CHECK(ontrack::parse_composite("share=hte/firms").scale == 1.0);
    CHECK(ontrack::parse_composite("  share = hte / firms × 100 ").scale == 100.0);
    CHECK(ontrack::parse_composite(c.to_string()).to_string() == c.to_string());
    const auto indicator = c.as_indicator();
    CHECK(indicator.kind == ontrack::indicator_kind::ratio);
    CHECK(indicator.denominator == "gdp");
}

TEST_CASE("a malformed declaration says where") {
    // "rd_intensity = rd_expenditure gdp": the '/' is expected at column 31 (after "rd_expenditure" and a blank).
    const auto e = thrown<ontrack::parse_error>([] { ontrack::parse_composite("rd_intensity = rd_expenditure gdp"); });
    REQUIRE(e);
    CHECK(e->field() == "composite");
    CHECK(e->column() == 31);
    CHECK(mentions(e->what(), {"'/'", "column 31"}));
    CHECK(thrown<ontrack::parse_error>([] { ontrack::parse_composite("r = a / b * x"); })->column() == 13);
    CHECK(thrown<ontrack::parse_error>([] { ontrack::parse_composite("r = a / b * 100 extra"); }));
    CHECK(thrown<ontrack::parse_error>([] { ontrack::parse_composite("r = a / a"); }));
    CHECK(thrown<ontrack::parse_error>([] { ontrack::parse_composite("r = a / b * -1"); }));
    CHECK(thrown<ontrack::parse_error>([] { ontrack::parse_composite("= a / b"); })->column() == 1);
}

TEST_CASE("any one of ratio, numerator and denominator from the other two") {
    const auto c = ontrack::parse_composite("rd_intensity = rd_expenditure / gdp * 100");
    // R&D 2 and 3 (2020, 2021), GDP 400 and 500 (2020, 2021) and 600 (2022, no R&D):
    // intensity 2/400 × 100 = 0.5 and 3/500 × 100 = 0.6; 2022 is not derived.
    const auto rd = series::from_years({2020, 2021}, {2, 3}, "rd_expenditure", "A", "亿元");
    const auto gdp = series::from_years({2020, 2021, 2022}, {400, 500, 600}, "gdp", "A", "亿元");
    const auto intensity = ontrack::derive(c, rd, gdp, "%");
    CHECK(intensity.indicator() == "rd_intensity");
    CHECK(intensity.unit() == "%");
    CHECK(intensity.at(period::year(2020)) == doctest::Approx(0.5));
    CHECK(intensity.at(period::year(2021)) == doctest::Approx(0.6));
    CHECK(intensity.end() == period::year(2021));
    // R&D from intensity and GDP: 0.6 × 500 / 100 = 3; GDP from intensity and R&D: 2 / 0.5 × 100 = 400.
    CHECK(ontrack::derive_numerator(c, intensity, gdp).at(period::year(2021)) == doctest::Approx(3.0));
    CHECK(ontrack::derive_numerator(c, intensity, gdp).indicator() == "rd_expenditure");
    CHECK(ontrack::derive_denominator(c, intensity, rd).at(period::year(2020)) == doctest::Approx(400.0));
    // A zero denominator is an error, never a silent NaN or infinity.
    const auto zero = thrown<ontrack::data_error>([&] { ontrack::derive(c, rd, series::from_years({2020}, {0}, "gdp")); });
    REQUIRE(zero);
    CHECK(mentions(zero->what(), {"2020", "gdp"}));
}

TEST_CASE("derived from an observation table") {
    const auto table = ontrack::read_observations("region,indicator,period,value,unit\nA,rd_expenditure,2020,2,亿元\nA,gdp,2020,400,亿元\n");
    const auto c = ontrack::parse_composite("rd_intensity = rd_expenditure / gdp * 100");
    CHECK(ontrack::derive(c, table, "A").at(period::year(2020)) == doctest::Approx(0.5));  // 2/400 × 100
    CHECK(thrown<ontrack::data_error>([&] { ontrack::derive(c, table, "B"); }));
}

TEST_CASE("projected through the components") {
    // R&D grows 10% a year from 100, GDP 5% from 10000 (2015–2021, exact exponentials): intensity in
    // 2025 = 100·1.1^10 / (10000·1.05^10) × 100 = 1.5923…, which loglinear components reproduce exactly.
    std::vector<int> years;
    std::vector<double> rd, gdp;
    for (int k = 0; k <= 6; ++k) {
        years.push_back(2015 + k);
        rd.push_back(100.0 * std::pow(1.1, k));
        gdp.push_back(10000.0 * std::pow(1.05, k));
    }
    const auto c = ontrack::parse_composite("rd_intensity = rd_expenditure / gdp * 100");
    const auto result = ontrack::project_composite(c, series::from_years(years, rd), series::from_years(years, gdp), ontrack::method::loglinear,
                                                   period::year(2025), 0.95, 1000);
    CHECK(result.scale == 100.0);
    CHECK(result.at(period::year(2025)).median == doctest::Approx(100.0 * std::pow(1.1, 10) / (10000.0 * std::pow(1.05, 10)) * 100.0).epsilon(1e-9));
}
