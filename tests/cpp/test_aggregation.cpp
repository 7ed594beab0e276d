// Aggregation by indicator kind, missing parts, and the consistency check of reported totals.
#include <ontrack/aggregation.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using ontrack::missing_policy;
using ontrack::period;
using ontrack::series;
using ontrack::testing::mentions;
using ontrack::testing::thrown;

namespace {
series years(std::vector<int> y, std::vector<double> v, const std::string& indicator, const std::string& region, const std::string& unit = "亿元") {
    return series::from_years(y, v, indicator, region, unit);
}
const double gap = std::nan("");
}  // namespace

TEST_CASE("stocks and flows sum") {
    // A: 10, 12; B: 5, 7 → totals 15, 19.
    const auto total = ontrack::aggregate_sum({years({2020, 2021}, {10, 12}, "gdp", "A"), years({2020, 2021}, {5, 7}, "gdp", "B")}, missing_policy::propagate,
                                              "gdp", "P");
    CHECK(total.total.at(period::year(2020)) == 15.0);
    CHECK(total.total.at(period::year(2021)) == 19.0);
    CHECK(total.total.unit() == "亿元");
    CHECK(total.total.region() == "P");
    CHECK(total.missing.empty());
}

TEST_CASE("a ratio aggregates as the ratio of sums, not the mean of ratios") {
    // A: R&D 1, GDP 100 → 1%; B: R&D 9, GDP 300 → 3%.
    // Mean of ratios: (1 + 3) / 2 = 2%. Ratio of sums: (1 + 9) / (100 + 300) × 100 = 10/400 × 100 = 2.5%.
    const auto result = ontrack::aggregate_ratio({years({2020}, {1}, "rd", "A"), years({2020}, {9}, "rd", "B")},
                                                 {years({2020}, {300}, "gdp", "B"), years({2020}, {100}, "gdp", "A")}, 100.0);
    const double aggregated = result.total.at(period::year(2020));
    CHECK(aggregated == doctest::Approx(2.5));
    CHECK(aggregated != doctest::Approx(2.0));
}

TEST_CASE("a share is weighted by its denominators") {
    // A: 50% of 10 industrial firms (5 high-tech); B: 10% of 90 (9 high-tech).
    // Weighted: (50·10 + 10·90) / (10 + 90) = 1400/100 = 14% = (5 + 9) / 100. The plain mean would be 30%.
    const auto result = ontrack::aggregate_share({years({2022}, {50}, "share", "A", "%"), years({2022}, {10}, "share", "B", "%")},
                                                 {years({2022}, {10}, "firms", "A", "家"), years({2022}, {90}, "firms", "B", "家")});
    CHECK(result.total.at(period::year(2022)) == doctest::Approx(14.0));
    CHECK(result.total.unit() == "%");
}

TEST_CASE("a missing part makes the total missing unless told otherwise, and is named") {
    // A: 10, 12, 14; B: 5, (missing), 9.
    const std::vector<series> parts{years({2020, 2021, 2022}, {10, 12, 14}, "gdp", "A"), years({2020, 2021, 2022}, {5, gap, 9}, "gdp", "B")};
    const auto propagate = ontrack::aggregate_sum(parts);
    CHECK(propagate.total.at(period::year(2020)) == 15.0);   // 10 + 5
    CHECK(std::isnan(propagate.total.at(period::year(2021))));
    CHECK(propagate.total.at(period::year(2022)) == 23.0);   // 14 + 9
    REQUIRE(propagate.missing.size() == 1);
    CHECK(propagate.missing.front().region == "B");
    CHECK(propagate.missing.front().indicator == "gdp");
    CHECK(propagate.missing.front().at == period::year(2021));
    CHECK(propagate.missing_in(period::year(2021)) == std::vector<std::string>{"B"});
    CHECK(propagate.missing_in(period::year(2020)).empty());

    const auto skip = ontrack::aggregate_sum(parts, missing_policy::skip);
    CHECK(skip.total.at(period::year(2021)) == 12.0);  // A alone
    CHECK(skip.missing_in(period::year(2021)) == std::vector<std::string>{"B"});
    const auto zero = ontrack::aggregate_sum(parts, missing_policy::zero);
    CHECK(zero.total.at(period::year(2021)) == 12.0);  // 12 + 0

    // A part with no data at all is missing in every period.
    const auto absent = ontrack::aggregate_sum({parts[0], series::from_pairs({}, {}, "gdp", "C")});
    CHECK(absent.total.empty());
    CHECK(absent.missing.size() == 3);
}

TEST_CASE("missing parts of a ratio: skip leaves the part out of both sums, zero keeps its known half") {
    // 2021: A R&D 2, GDP 100; B R&D 6, GDP missing.
    const std::vector<series> rd{years({2021}, {2}, "rd", "A"), years({2021}, {6}, "rd", "B")};
    const std::vector<series> gdp{years({2021}, {100}, "gdp", "A"), years({2020}, {250}, "gdp", "B")};
    const auto propagate = ontrack::aggregate_ratio(rd, gdp);
    CHECK(std::isnan(propagate.total.at(period::year(2021))));
    // B's GDP is missing in 2021 and B's R&D in 2020 (the span is 2020–2021); A misses both in 2020.
    CHECK(propagate.missing_in(period::year(2021)) == std::vector<std::string>{"B"});
    // skip: A alone, 2 / 100 × 100 = 2%.
    CHECK(ontrack::aggregate_ratio(rd, gdp, 100.0, missing_policy::skip).total.at(period::year(2021)) == doctest::Approx(2.0));
    // zero: (2 + 6) / (100 + 0) × 100 = 8%.
    CHECK(ontrack::aggregate_ratio(rd, gdp, 100.0, missing_policy::zero).total.at(period::year(2021)) == doctest::Approx(8.0));
}

TEST_CASE("aggregation rejects what it cannot add") {
    CHECK(thrown<ontrack::value_error>([] { ontrack::aggregate_sum({years({2020}, {1}, "x", "A", "亿元"), years({2020}, {1}, "x", "B", "万元")}); }));
    CHECK(thrown<ontrack::value_error>([] { ontrack::aggregate_sum({years({2020}, {1}, "x", "A"), years({2020}, {1}, "x", "A")}); }));
    CHECK(thrown<ontrack::value_error>([] { ontrack::aggregate_ratio({years({2020}, {1}, "x", "A")}, {years({2020}, {1}, "y", "B")}); }));
    const auto zero = thrown<ontrack::data_error>([] { ontrack::aggregate_ratio({years({2020}, {1}, "x", "A")}, {years({2020}, {0}, "y", "A")}, 100.0, missing_policy::propagate, "r", "P"); });
    REQUIRE(zero);
    CHECK(mentions(zero->what(), {"2020", "P"}));
    CHECK(ontrack::parse_missing_policy("skip") == missing_policy::skip);
    CHECK(thrown<ontrack::value_error>([] { ontrack::parse_missing_policy("mean"); }));
}

namespace {
// P has parts A and B, and a zone Z that overlaps them; the table calls them by their English names.
ontrack::region_tree small_tree() {
    return ontrack::read_regions("id,parent,name_zh,name_en,level\np,,省,Province,province\na,p,甲,Alpha,city\nb,p,乙,Beta,city\nz,p,区,Zone,zone\n");
}
ontrack::observation_table small_table() {
    return ontrack::read_observations(
        "region,indicator,period,value,unit\n"
        "Province,gdp,2020,400,亿元\nProvince,gdp,2021,460,亿元\n"
        "Alpha,gdp,2020,100,亿元\nAlpha,gdp,2021,110,亿元\n"
        "Beta,gdp,2020,300,亿元\nBeta,gdp,2021,330,亿元\n"
        "Zone,gdp,2020,50,亿元\nZone,gdp,2021,60,亿元\n"
        "Province,rd,2020,10,亿元\nAlpha,rd,2020,1,亿元\nBeta,rd,2020,9,亿元\n"
        "Province,rd_intensity,2020,2.5,%\nProvince,rd_intensity,2021,2.2,%\n"
        "Alpha,rd,2021,2,亿元\n");
}
ontrack::indicator indicator_of(const std::string& id, ontrack::indicator_kind kind, const std::string& numerator = {}, const std::string& denominator = {}) {
    ontrack::indicator i;
    i.id = id;
    i.kind = kind;
    i.numerator = numerator;
    i.denominator = denominator;
    i.scale = 100.0;
    return i;
}
}  // namespace

TEST_CASE("a region's total from its parts in an observation table") {
    const auto tree = small_tree();
    const auto table = small_table();
    // gdp 2020: Alpha 100 + Beta 300 = 400 (the zone's 50 is inside them, not added); 2021: 110 + 330 = 440.
    const auto gdp = ontrack::aggregate_region(tree, "p", table, indicator_of("gdp", ontrack::indicator_kind::flow));
    CHECK(gdp.parts == std::vector<std::string>{"a", "b"});
    CHECK(gdp.total.at(period::year(2020)) == 400.0);
    CHECK(gdp.total.at(period::year(2021)) == 440.0);
    // Intensity 2020: (1 + 9) / (100 + 300) × 100 = 2.5; 2021: Beta's R&D is missing.
    const auto intensity = ontrack::aggregate_region(tree, "p", table, indicator_of("rd_intensity", ontrack::indicator_kind::ratio, "rd", "gdp"));
    CHECK(intensity.total.at(period::year(2020)) == doctest::Approx(2.5));
    CHECK(std::isnan(intensity.total.at(period::year(2021))));
    CHECK(intensity.missing_in(period::year(2021)) == std::vector<std::string>{"b"});
    CHECK(thrown<ontrack::value_error>([&] { ontrack::aggregate_region(tree, "a", table, indicator_of("gdp", ontrack::indicator_kind::flow)); }));
    CHECK(thrown<ontrack::value_error>([&] { ontrack::aggregate_region(tree, "p", table, indicator_of("r", ontrack::indicator_kind::ratio)); }));
}

TEST_CASE("check_aggregate returns the reported totals that differ from their parts") {
    const auto tree = small_tree();
    const auto table = small_table();
    // gdp: 2020 reported 400 = 100 + 300; 2021 reported 460 against 110 + 330 = 440, difference +20.
    const auto report = ontrack::check_aggregate(tree, table, indicator_of("gdp", ontrack::indicator_kind::flow));
    CHECK(report.checked == 2);
    REQUIRE(report.mismatches.size() == 1);
    const auto& row = report.mismatches.front();
    CHECK(row.region == "p");
    CHECK(row.indicator == "gdp");
    CHECK(row.at == period::year(2021));
    CHECK(row.reported == 460.0);
    CHECK(row.aggregated == 440.0);
    CHECK(row.difference == 20.0);
    // A relative tolerance of 5% of 440 = 22 ≥ 20 accepts it; 4% (17.6) does not.
    ontrack::consistency_options loose;
    loose.relative = 0.05;
    CHECK(ontrack::check_aggregate(tree, table, indicator_of("gdp", ontrack::indicator_kind::flow), loose).mismatches.empty());
    loose.relative = 0.04;
    CHECK(ontrack::check_aggregate(tree, table, indicator_of("gdp", ontrack::indicator_kind::flow), loose).mismatches.size() == 1);
    // An absolute tolerance of 20 accepts it (|460 − 440| = 20 ≤ 20).
    ontrack::consistency_options absolute;
    absolute.absolute = 20.0;
    absolute.relative = 0.0;
    CHECK(ontrack::check_aggregate(tree, table, indicator_of("gdp", ontrack::indicator_kind::flow), absolute).mismatches.empty());
    // Intensity: 2020 reported 2.5 = 10/400 × 100, consistent; 2021 cannot be checked (Beta's R&D missing).
    const auto ratio = ontrack::check_aggregate(tree, table, indicator_of("rd_intensity", ontrack::indicator_kind::ratio, "rd", "gdp"));
    CHECK(ratio.mismatches.empty());
    CHECK(ratio.checked == 1);
    REQUIRE(ratio.unchecked.size() == 1);
    CHECK(ratio.unchecked.front().at == period::year(2021));
    CHECK(mentions(ratio.unchecked.front().reason, {"b"}));
    ontrack::consistency_options negative;
    negative.absolute = -1.0;
    CHECK(thrown<ontrack::value_error>([&] { ontrack::check_aggregate(tree, table, indicator_of("gdp", ontrack::indicator_kind::flow), negative); }));
}
