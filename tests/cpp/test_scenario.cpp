// Required growth, scenarios and feasibility for composite indicators; Changji's R&D intensity target.
#include <ontrack/scenario.hpp>
#include <ontrack/targets_file.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using ontrack::period;
using ontrack::testing::mentions;
using ontrack::testing::thrown;

namespace {
const std::string data_dir = ONTRACK_EXAMPLES_DATA_DIR;
const auto intensity = ontrack::parse_composite("rd_intensity = rd_expenditure / gdp * 100");

ontrack::target changji() {
    for (const auto& t : ontrack::read_targets_file(data_dir + "/seed_targets.csv")) {
        if (t.id == "changji-01") return t;
    }
    throw std::runtime_error("changji-01 is not in seed_targets.csv");
}
}  // namespace

TEST_CASE("Changji's R&D intensity target: the R&D growth needed under stated GDP growth") {
    // changji-01: R&D intensity 0.17% in 2020 (baseline) → at least 1.5% in 2025, n = 5 years.
    // Intensity must grow (1.5/0.17)^(1/5) − 1: ln(1.5/0.17) = ln 1.5 − ln 0.17 = 0.405465 + 1.771957
    // = 2.177422; / 5 = 0.435484; e^0.435484 = 1.545712 → 54.57% a year.
    // R&D = intensity × GDP / 100, so R&D must grow 1.545712 × (1 + g_GDP) − 1:
    //   GDP +4%: 1.545712 × 1.04 = 1.607540 → 60.75%
    //   GDP +5%: 1.545712 × 1.05 = 1.622997 → 62.30%
    //   GDP +6%: 1.545712 × 1.06 = 1.638454 → 63.85%
    const auto t = changji();
    const auto at4 = ontrack::required_growth(intensity, t, "gdp", 0.04);
    const auto at5 = ontrack::required_growth(intensity, t, "gdp", 0.05);
    const auto at6 = ontrack::required_growth(intensity, t, "gdp", 0.06);
    CHECK(at5.ratio_growth == doctest::Approx(0.545712).epsilon(1e-6));
    CHECK(at5.component == "rd_expenditure");
    CHECK(at4.growth == doctest::Approx(0.607540).epsilon(1e-5));
    CHECK(at5.growth == doctest::Approx(0.622997).epsilon(1e-5));
    CHECK(at6.growth == doctest::Approx(0.638454).epsilon(1e-5));
    CHECK(at5.from == period::year(2020));
    CHECK(at5.to == period::year(2025));
    CHECK(mentions(at5.message, {"54.6%", "62.3%", "gdp +5.0%"}));
    // The other way round: with R&D +62.2997%, GDP may grow (1.622997 / 1.545712) − 1 = 5%.
    CHECK(ontrack::required_growth(intensity, t, "rd_expenditure", at5.growth).growth == doctest::Approx(0.05).epsilon(1e-9));
}

TEST_CASE("the target's status under user scenarios, side by side") {
    const auto t = changji();
    // "R&D +10%/yr, GDP +6%/yr": intensity grows 1.10/1.06 − 1 = 3.7736% a year;
    // 1.037736^2 = 1.076896, ^4 = 1.159705, ^5 = 1.203468; 0.17 × 1.203468 = 0.204590 in 2025: far short of 1.5.
    // "R&D +65%/yr, GDP +5%/yr": 1.65/1.05 = 1.571429; ^4 = 6.097876 → 2024 at 1.036639 (short);
    // ^5 = 9.582377 → 2025 at 1.629004 ≥ 1.5: met, first in 2025.
    const std::vector<ontrack::scenario> scenarios{{"R&D +10%/yr, GDP +6%/yr", {{"rd_expenditure", 0.10}, {"gdp", 0.06}}},
                                                   {"R&D +65%/yr, GDP +5%/yr", {{"rd_expenditure", 0.65}, {"gdp", 0.05}}}};
    // Changji City's GDP in 2020 taken as 500 亿元 to show the component paths: R&D = 0.17 × 500 / 100 = 0.85 亿元.
    const ontrack::scenario_base base{period::year(2020), 0.17, 500.0};
    const auto outcomes = ontrack::compare_scenarios(intensity, base, t, scenarios);
    REQUIRE(outcomes.size() == 2);
    const auto& slow = outcomes[0];
    CHECK(slow.ratio_growth == doctest::Approx(0.037736).epsilon(1e-5));
    CHECK(slow.projected == doctest::Approx(0.204590).epsilon(1e-5));
    CHECK_FALSE(slow.meets);
    CHECK(slow.verdict == ontrack::status::off_track);
    CHECK(slow.gap == doctest::Approx(0.204590 - 1.5).epsilon(1e-5));
    CHECK_FALSE(slow.reached.has_value());
    REQUIRE(slow.path.size() == 6);
    CHECK(*slow.path.front().numerator == doctest::Approx(0.85));
    // 2025: GDP 500 × 1.06^5 = 669.113; R&D 0.85 × 1.1^5 = 1.368934; 1.368934 / 669.113 × 100 = 0.204590.
    CHECK(*slow.path.back().denominator == doctest::Approx(669.112789).epsilon(1e-8));
    CHECK(*slow.path.back().numerator == doctest::Approx(1.3689335).epsilon(1e-7));
    CHECK(*slow.path.back().numerator / *slow.path.back().denominator * 100.0 == doctest::Approx(slow.path.back().ratio));
    const auto& fast = outcomes[1];
    CHECK(fast.projected == doctest::Approx(1.629004).epsilon(1e-5));
    CHECK(fast.meets);
    CHECK(fast.verdict == ontrack::status::on_track);
    REQUIRE(fast.reached.has_value());
    CHECK(*fast.reached == period::year(2025));
    CHECK(fast.path[4].ratio == doctest::Approx(1.036639).epsilon(1e-5));
    // From the target's own baseline (no levels): the same ratios, no component paths.
    const auto plain = ontrack::project_scenario(intensity, t, scenarios[0]);
    CHECK(plain.projected == doctest::Approx(slow.projected));
    CHECK_FALSE(plain.path.back().numerator.has_value());
}

TEST_CASE("scenarios and requirements reject what they cannot use") {
    const auto t = changji();
    CHECK(thrown<ontrack::value_error>([&] { ontrack::required_growth(intensity, t, "population", 0.05); }));
    CHECK(thrown<ontrack::value_error>([&] { ontrack::required_growth(intensity, t, "gdp", -1.0); }));
    CHECK(thrown<ontrack::value_error>([&] { ontrack::project_scenario(intensity, t, {"half", {{"gdp", 0.05}}}); }));
    CHECK(thrown<ontrack::value_error>([&] { ontrack::project_scenario(intensity, t, {"extra", {{"gdp", 0.05}, {"rd_expenditure", 0.1}, {"x", 0.0}}}); }));
    auto no_base = t;
    no_base.baseline_value.reset();
    const auto e = thrown<ontrack::value_error>([&] { ontrack::required_growth(intensity, no_base, "gdp", 0.05); });
    REQUIRE(e);
    CHECK(e->field() == "baseline_value");
    CHECK(thrown<ontrack::value_error>([&] { ontrack::required_growth(intensity, {period::year(2025), 0.17, {}}, 1.5, period::year(2025), "gdp", 0.05); }));
}

TEST_CASE("feasibility: the required pace against the paces in the data") {
    // A: 2010 1.0, 2011 1.2, 2015 2.0, 2016 2.2 → 5-year paces 2^(1/5) − 1 = 14.87% (2010–2015) and
    //    (2.2/1.2)^(1/5) − 1: ln 1.833333 = 0.606136, / 5 = 0.121227, e^ = 1.128885 → 12.89% (2011–2016).
    // B: 2010 1.0, 2015 1.61051 = 1.1^5 → 10% (2010–2015). C has only an unverified vintage: not used.
    const auto table = ontrack::read_observations(
        "region,indicator,period,value,vintage\n"
        "A,x,2010,1.0,\nA,x,2011,1.2,\nA,x,2015,2.0,\nA,x,2016,2.2,\n"
        "B,x,2010,1.0,yearbook\nB,x,2015,1.61051,yearbook\nB,x,2010,1.0,first_release\nB,x,2015,3.0,first_release\n"
        "C,x,2010,1.0,unverified_db\nC,x,2015,9.0,unverified_db\n");
    const auto paces = ontrack::historical_paces(table, "x");
    REQUIRE(paces.size() == 3);
    CHECK(paces[0].region == "A");
    CHECK(paces[0].rate == doctest::Approx(0.148698).epsilon(1e-5));
    CHECK(paces[1].rate == doctest::Approx(0.128885).epsilon(1e-5));
    CHECK(paces[2].region == "B");
    CHECK(paces[2].vintage == "yearbook");
    CHECK(paces[2].rate == doctest::Approx(0.10).epsilon(1e-9));
    // Required 12%: the two paces of A reach it, B's does not.
    const auto f = ontrack::assess_feasibility(0.12, table, "x");
    CHECK(f.reaching == 2);
    REQUIRE(f.fastest.has_value());
    CHECK(f.fastest->from == period::year(2010));
    CHECK(mentions(f.message, {"needs 12.0% a year", "14.9%", "A 2010–2015", "2 of 3", "2 regions"}));
    CHECK(ontrack::assess_feasibility(0.12, table, "x", 20).paces.empty());
    CHECK(thrown<ontrack::value_error>([&] { ontrack::historical_paces(table, "x", 0); }));
}

TEST_CASE("feasibility of Changji's intensity growth against the bundled R&D intensity series") {
    const auto table = ontrack::read_observations_file(data_dir + "/observations.csv");
    const auto f = ontrack::assess_feasibility(0.545712, table, "rd_intensity");
    // China and Xinjiang have R&D intensity series (yearbook vintage, 2012–2023): 7 five-year windows each.
    CHECK(f.paces.size() == 14);
    REQUIRE(f.fastest.has_value());
    CHECK(f.reaching == 0);
    // The fastest pace is recomputed from its own two observations.
    const auto s = table.select(f.fastest->region, "rd_intensity", std::string("yearbook"));
    CHECK(f.fastest->rate == doctest::Approx(std::pow(s.at(f.fastest->to) / s.at(f.fastest->from), 0.2) - 1.0));
    MESSAGE(f.message);
}
