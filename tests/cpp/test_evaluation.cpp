// Tests of ontrack/evaluation.hpp: what observed data already say about a target, for every kind of
// target (docs/targets_csv.md, "Kinds"): met, missed, the bound itself (>= met, > missed), lower-is-better
// comparators, a missing deadline (pending), stretch values, tolerances, bands, baselines, spans with
// gaps, and unit conversion.
//
// Reference figures are hand calculations beside each check. Inputs are chosen so that the arithmetic
// is exact in binary where the bound itself is tested (e.g. 100 / 80 − 1 = 0.25, 2 × 0.17 doubles
// exactly); where it is not (210 / 200 − 1 vs 0.05) the comment shows that the difference is far below
// the 1e-12 tolerance documented in detail::satisfies.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/evaluation.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/targets_file.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace doctest {
template <>
struct StringMaker<ontrack::verdict> {
    static String convert(ontrack::verdict v) { return ontrack::to_string(v).c_str(); }
};
}  // namespace doctest

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::comparator;
using ontrack::evaluate;
using ontrack::period;
using ontrack::series;
using ontrack::target;
using ontrack::target_kind;
using ontrack::verdict;
using ontrack::testing::make;
using ontrack::testing::spanning;

constexpr double gap = std::numeric_limits<double>::quiet_NaN();

period y(int year) { return period::year(year); }

/// A yearly series from `first` on; NaN marks a gap.
series yearly(int first, std::vector<double> values, std::string unit = {}) {
    return series(y(first), std::move(values), "x", "r", std::move(unit));
}

verdict result(const target& t, const series& s) { return evaluate(t, s).result; }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// level

TEST_CASE("level: met, missed, and the bound itself") {
    const target t = make(target_kind::level, comparator::at_least, 1.5, 2025);
    const auto met = evaluate(t, yearly(2024, {1.2, 1.5}));  // x(2025) = 1.5 = bound: >= is met
    CHECK(met.result == verdict::met);
    REQUIRE(met.observed);
    CHECK(*met.observed == 1.5);
    REQUIRE(met.required);
    CHECK(*met.required == 1.5);
    REQUIRE(met.decided_by);
    CHECK(*met.decided_by == y(2025));
    CHECK_FALSE(met.stretch_met);  // no stretch: undecided, not false
    CHECK(mentions(met.message, {"met", "2025"}));

    CHECK(result(t, yearly(2025, {1.6})) == verdict::met);
    const auto missed = evaluate(t, yearly(2025, {1.4}));
    CHECK(missed.result == verdict::missed);
    CHECK(mentions(missed.message, {"missed", "1.4"}));

    target strict = t;
    strict.compare = comparator::greater;  // 突破: strictly above
    CHECK(result(strict, yearly(2025, {1.5})) == verdict::missed);  // equal is not above
    CHECK(result(strict, yearly(2025, {1.51})) == verdict::met);
}

TEST_CASE("level: lower is better") {
    // 淘汰60万吨以下矿井: at most 0 mines left.
    const target t = make(target_kind::level, comparator::at_most, 0, 2025);
    CHECK(result(t, yearly(2025, {0})) == verdict::met);   // 0 <= 0
    CHECK(result(t, yearly(2025, {1})) == verdict::missed);
    target strict = make(target_kind::level, comparator::less, 10, 2025);
    CHECK(result(strict, yearly(2025, {10})) == verdict::missed);  // 10 < 10 is false
    CHECK(result(strict, yearly(2025, {9.5})) == verdict::met);
}

TEST_CASE("level: no observation for the deadline is pending, whatever the latest value") {
    const target t = make(target_kind::level, comparator::at_least, 1.5, 2025);
    const auto e = evaluate(t, yearly(2022, {1.6, 1.7, 1.8}));  // 2022 … 2024 all above, 2025 unknown
    CHECK(e.result == verdict::pending);
    CHECK_FALSE(e.decided_by);
    CHECK(mentions(e.message, {"pending", "2025", "2024", "1.8"}));
    CHECK(result(t, series()) == verdict::pending);
    CHECK(mentions(evaluate(t, series()).message, {"no observation yet"}));
    CHECK(result(t, yearly(2024, {1.6, gap, 1.7})) == verdict::pending);  // 2025 is a gap; 2026 is too late
}

TEST_CASE("level: stretch met and not met (力争)") {
    // 具备科学素质的比例达到13%以上, 力争实现14%: >= 13, stretch 14.
    target t = make(target_kind::level, comparator::at_least, 13, 2025);
    t.stretch = 14;
    auto e = evaluate(t, yearly(2025, {13.5}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
    REQUIRE(e.required_stretch);
    CHECK(*e.required_stretch == 14);
    CHECK(mentions(e.message, {"stretch 14 not met"}));

    e = evaluate(t, yearly(2025, {14}));  // the stretch bound itself
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);

    e = evaluate(t, yearly(2025, {12.9}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);

    // Lower is better: <= 10, stretch 8.
    target down = make(target_kind::level, comparator::at_most, 10, 2025);
    down.stretch = 8;
    e = evaluate(down, yearly(2025, {9}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);  // 9 > 8
    e = evaluate(down, yearly(2025, {8}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);
}

TEST_CASE("level: about (~) with an absolute tolerance") {
    // 调整到28万亩左右 with tolerance 1.5: [26.5, 29.5]; the ends are exact in binary.
    target t = make(target_kind::level, comparator::about, 28, 2025);
    t.tolerance = 1.5;
    CHECK(result(t, yearly(2025, {29.5})) == verdict::met);    // |29.5 − 28| = 1.5
    CHECK(result(t, yearly(2025, {26.5})) == verdict::met);    // |26.5 − 28| = 1.5
    CHECK(result(t, yearly(2025, {28})) == verdict::met);
    CHECK(result(t, yearly(2025, {29.625})) == verdict::missed);  // 1.625 > 1.5
    CHECK(result(t, yearly(2025, {26.375})) == verdict::missed);  // 1.625 > 1.5
    CHECK(mentions(evaluate(t, yearly(2025, {28})).message, {"~ 28 ± 1.5"}));
}

TEST_CASE("level: about (~) with a tolerance relative to the value") {
    // 5% of 28 = 1.4: [26.6, 29.4]. 29.4 − 28 = 1.3999999999999986 in binary (exact subtraction) and
    // 0.05 × 28 = 1.4000000000000001, so 29.4 is inside even before the 1e-12 tolerance.
    target t = make(target_kind::level, comparator::about, 28, 2025);
    t.tolerance = 0.05;
    t.tolerance_relative = true;
    CHECK(result(t, yearly(2025, {29.4})) == verdict::met);
    CHECK(result(t, yearly(2025, {26.6})) == verdict::met);
    CHECK(result(t, yearly(2025, {29.5})) == verdict::missed);  // 1.5 > 1.4
    CHECK(result(t, yearly(2025, {26.5})) == verdict::missed);
    // Read as absolute, 0.05 would reject 28.5; relative it accepts it (0.5 <= 1.4).
    CHECK(result(t, yearly(2025, {28.5})) == verdict::met);
    t.tolerance_relative = false;
    CHECK(result(t, yearly(2025, {28.5})) == verdict::missed);
}

TEST_CASE("level: within a band") {
    // 控制在3%—5%之间: within [3, 5], both ends included.
    target t = make(target_kind::level, comparator::within, 3, 2025);
    t.value_high = 5;
    for (const double inside : {3.0, 4.0, 5.0}) {
        CAPTURE(inside);
        const auto e = evaluate(t, yearly(2025, {inside}));
        CHECK(e.result == verdict::met);
        REQUIRE(e.required_high);
        CHECK(*e.required_high == 5);
    }
    CHECK(result(t, yearly(2025, {2.9})) == verdict::missed);
    CHECK(result(t, yearly(2025, {5.1})) == verdict::missed);
    CHECK(mentions(evaluate(t, yearly(2025, {4})).message, {"within [3, 5]"}));
}

// ---------------------------------------------------------------------------------------------------
// relative

TEST_CASE("relative: 翻一番 (×2 the 2020 level) with the baseline from the series") {
    target t = make(target_kind::relative, comparator::at_least, 2, 2025);
    t.baseline_period = y(2020);
    // 2 × 0.17 = 0.34: doubling is exact in binary, so 0.34 is the bound itself.
    auto e = evaluate(t, yearly(2020, {0.17, gap, gap, gap, gap, 0.34}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 0.17);
    REQUIRE(e.required);
    CHECK(*e.required == 0.34);
    CHECK(result(t, yearly(2020, {0.17, gap, gap, gap, gap, 0.33})) == verdict::missed);
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2020, {0.17, gap, gap, gap, gap, 0.34})) == verdict::missed);

    // Baseline observed, deadline not: pending, with the required level already known (2 × 10).
    e = evaluate(t, yearly(2020, {10, 12, 15}));
    CHECK(e.result == verdict::pending);
    REQUIRE(e.required);
    CHECK(*e.required == 20);
    CHECK(mentions(e.message, {"pending", "20"}));

    // No baseline observation and no baseline_value: the data can never decide.
    e = evaluate(t, yearly(2021, {1, 2, 3, 4, 5}));
    CHECK(e.result == verdict::not_evaluable);
    CHECK(mentions(e.message, {"2020"}));
}

TEST_CASE("relative: the baseline from baseline_value, preferred to the series") {
    // 较2020年(41家)翻一番: 2 × 41 = 82.
    target t = make(target_kind::relative, comparator::at_least, 2, 2025);
    t.baseline_period = y(2020);
    t.baseline_value = 41;
    auto e = evaluate(t, yearly(2024, {70, 82}));  // 2020 not observed at all
    CHECK(e.result == verdict::met);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 41);
    REQUIRE(e.required);
    CHECK(*e.required == 82);
    CHECK(result(t, yearly(2024, {70, 81})) == verdict::missed);
    // The stated 41 wins over an observed 2020 of 50 (2 × 50 = 100 would miss with 82).
    CHECK(result(t, yearly(2020, {50, gap, gap, gap, gap, 82})) == verdict::met);

    // baseline_value without baseline_period is enough.
    target no_period = t;
    no_period.baseline_period.reset();
    CHECK(result(no_period, yearly(2025, {82})) == verdict::met);
}

TEST_CASE("relative: stretch, lower is better, no baseline") {
    target t = make(target_kind::relative, comparator::at_least, 2, 2025);
    t.baseline_period = y(2020);
    t.stretch = 3;
    auto e = evaluate(t, yearly(2020, {10, gap, gap, gap, gap, 25}));  // 25 >= 2 × 10, < 3 × 10
    CHECK(e.result == verdict::met);
    REQUIRE(e.required_stretch);
    CHECK(*e.required_stretch == 30);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
    e = evaluate(t, yearly(2020, {10, gap, gap, gap, gap, 30}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);

    // Halve: <= 0.5 × 10 = 5.
    target halve = make(target_kind::relative, comparator::at_most, 0.5, 2025);
    halve.baseline_period = y(2020);
    CHECK(result(halve, yearly(2020, {10, gap, gap, gap, gap, 5})) == verdict::met);
    CHECK(result(halve, yearly(2020, {10, gap, gap, gap, gap, 6})) == verdict::missed);
    halve.compare = comparator::less;
    CHECK(result(halve, yearly(2020, {10, gap, gap, gap, gap, 5})) == verdict::missed);

    target none = make(target_kind::relative, comparator::at_least, 2, 2025);
    const auto err = thrown<ontrack::value_error>([&] { (void)evaluate(none, yearly(2020, {1, 2})); });
    REQUIRE(err);
    CHECK(err->field() == "baseline_period");
    CHECK(mentions(err->what(), {"baseline_period"}));
}

// ---------------------------------------------------------------------------------------------------
// growth

TEST_CASE("growth: met, missed, the bound itself, strictness") {
    // Base 2022 (the period before the 2023 deadline). 100 / 80 − 1 = 0.25 exactly.
    const target t = make(target_kind::growth, comparator::at_least, 0.25, 2023);
    auto e = evaluate(t, yearly(2022, {80, 100}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.observed);
    CHECK(*e.observed == 0.25);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 80);
    CHECK(mentions(e.message, {"since 2022"}));
    CHECK(result(t, yearly(2022, {80, 99})) == verdict::missed);  // 99 / 80 − 1 = 0.2375
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2022, {80, 100})) == verdict::missed);
    CHECK(result(strict, yearly(2022, {80, 101})) == verdict::met);  // 0.2625
}

TEST_CASE("growth: 5% from published figures meets >= 5% despite binary rounding") {
    // 210 / 200 = 1.05 → 1.0500000000000000444 in binary; minus 1 = 0.0500000000000000444, which is
    // 4.2e-17 above the double 0.05 (0.0500000000000000028): within 1e-12, so it is the bound itself.
    const target t = make(target_kind::growth, comparator::at_least, 0.05, 2023);
    const auto e = evaluate(t, yearly(2022, {200, 210}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.observed);
    CHECK(*e.observed == doctest::Approx(0.05));
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2022, {200, 210})) == verdict::missed);
    CHECK(result(t, yearly(2022, {200, 209.99})) == verdict::missed);  // 0.04995
}

TEST_CASE("growth: lower is better, pending, no base, base from period_start and baseline_value") {
    // A fall of a quarter: 60 / 80 − 1 = −0.25 exactly.
    target fall = make(target_kind::growth, comparator::at_most, -0.25, 2023);
    CHECK(result(fall, yearly(2022, {80, 60})) == verdict::met);
    CHECK(result(fall, yearly(2022, {80, 61})) == verdict::missed);  // −0.2375 > −0.25
    fall.compare = comparator::less;
    CHECK(result(fall, yearly(2022, {80, 60})) == verdict::missed);

    const target t = make(target_kind::growth, comparator::at_least, 0.25, 2023);
    auto e = evaluate(t, yearly(2021, {70, 80}));  // base 2022 known, 2023 not
    CHECK(e.result == verdict::pending);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 80);
    e = evaluate(t, yearly(2023, {100}));  // no 2022 and no baseline_value
    CHECK(e.result == verdict::not_evaluable);
    CHECK(mentions(e.message, {"2022"}));

    // Over a span: period_start 2021, deadline 2025, base 2020: 100 / 80 − 1 = 0.25.
    target over_span = t;
    over_span.deadline = y(2025);
    over_span.period_start = y(2021);
    CHECK(result(over_span, yearly(2020, {80, gap, gap, gap, gap, 100})) == verdict::met);

    // A stated base value: 100 / 80 − 1 = 0.25 with no 2022 observation.
    target stated = t;
    stated.baseline_value = 80;
    CHECK(result(stated, yearly(2023, {100})) == verdict::met);

    // A non-positive base makes growth undefined.
    CHECK(result(t, yearly(2022, {0, 5})) == verdict::not_evaluable);
    CHECK(result(t, yearly(2022, {-5, 5})) == verdict::not_evaluable);
}

TEST_CASE("growth: stretch") {
    // 68 / 64 − 1 = 0.0625 and 72 / 64 − 1 = 0.125, both exact.
    target t = make(target_kind::growth, comparator::at_least, 0.0625, 2023);
    t.stretch = 0.125;
    auto e = evaluate(t, yearly(2022, {64, 68}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
    e = evaluate(t, yearly(2022, {64, 72}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);
    REQUIRE(e.required_stretch);
    CHECK(*e.required_stretch == 0.125);  // a rate is not converted by the unit
}

TEST_CASE("growth: a baseline_value in the target's unit is converted like every base value") {
    // Regression (fixed): evaluation.hpp evaluate (line 103) sets the conversion factor to 1 for rate kinds, so
    // base_value() returns baseline_value unconverted. The header's own comment says "base values do"
    // convert. Target: growth >= 5% in 2023 on a base of 100 亿元 (baseline_value, unit 亿元); series in
    // 万元 with 2023 = 1 050 000 万元 = 105 亿元. Expected growth 105 / 100 − 1 = 0.05 and baseline
    // 1 000 000 万元 (100 × 10^8 / 10^4); actual: 1 050 000 / 100 − 1 = 10499.
    target t = make(target_kind::growth, comparator::at_least, 0.05, 2023);
    t.baseline_value = 100;
    t.unit = "亿元";
    const auto e = evaluate(t, yearly(2023, {1050000}, "万元"));
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 1000000);
    REQUIRE(e.observed);
    CHECK(*e.observed == doctest::Approx(0.05));
}

// ---------------------------------------------------------------------------------------------------
// average_growth

TEST_CASE("average_growth: compound rate per period since the base") {
    // period_start 2022 → base 2021; 4 periods to 2025. (81 / 16)^(1/4) = 3/2, so the rate is 0.5.
    const target t = spanning(target_kind::average_growth, comparator::at_least, 0.5, 2022, 2025);
    auto e = evaluate(t, yearly(2021, {16, gap, gap, gap, 81}));  // the years between do not matter
    CHECK(e.result == verdict::met);
    REQUIRE(e.observed);
    CHECK(*e.observed == doctest::Approx(0.5).epsilon(1e-14));
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 16);
    CHECK(mentions(e.message, {"average growth", "2021"}));
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2021, {16, gap, gap, gap, 81})) == verdict::missed);
    CHECK(result(t, yearly(2021, {16, gap, gap, gap, 80})) == verdict::missed);  // (5)^(1/4) − 1 = 0.495

    // cn14-01: R&D expenditure 年均增长7%以上 over 2021–2025 from 2020. 1.1^5 = 1.61051, so 100 → 161.051
    // is 10% a year; 100 → 140 is 1.4^(1/5) − 1 = 0.0696 < 0.07 (hand: ln 1.4 / 5 = 0.06729, e^0.06729 = 1.0696).
    target cn = spanning(target_kind::average_growth, comparator::greater, 0.07, 2021, 2025);
    cn.baseline_period = y(2020);
    e = evaluate(cn, yearly(2020, {100, gap, gap, gap, gap, 161.051}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.observed);
    CHECK(*e.observed == doctest::Approx(0.1).epsilon(1e-12));
    CHECK(result(cn, yearly(2020, {100, gap, gap, gap, gap, 140})) == verdict::missed);
    CHECK(result(cn, yearly(2020, {100, 110, 120})) == verdict::pending);
    CHECK(result(cn, yearly(2021, {110, gap, gap, gap, 170})) == verdict::not_evaluable);  // no 2020
}

TEST_CASE("average_growth: lower is better and stretch") {
    // 81 → 16 over 4 periods: (16/81)^(1/4) − 1 = 2/3 − 1 = −1/3.
    target fall = spanning(target_kind::average_growth, comparator::at_most, -0.25, 2022, 2025);
    CHECK(result(fall, yearly(2021, {81, gap, gap, gap, 16})) == verdict::met);     // −0.333 <= −0.25
    fall.value = -0.5;
    CHECK(result(fall, yearly(2021, {81, gap, gap, gap, 16})) == verdict::missed);  // −0.333 > −0.5

    target t = spanning(target_kind::average_growth, comparator::at_least, 0.25, 2022, 2025);
    t.stretch = 0.5;
    auto e = evaluate(t, yearly(2021, {16, gap, gap, gap, 81}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);  // 0.5 >= 0.5 within 1e-12
    // 16 → 39.0625 = 16 × 1.25^4 (1.25^4 = 2.44140625): 0.25 a year, stretch 0.5 not met.
    e = evaluate(t, yearly(2021, {16, gap, gap, gap, 39.0625}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
}

// ---------------------------------------------------------------------------------------------------
// increment

TEST_CASE("increment: 新增 firms in a year") {
    // 2023年高新技术企业新增2家: x(2023) − x(2022) >= 2.
    const target t = make(target_kind::increment, comparator::at_least, 2, 2023);
    auto e = evaluate(t, yearly(2022, {10, 12}));
    CHECK(e.result == verdict::met);   // 12 − 10 = 2
    REQUIRE(e.observed);
    CHECK(*e.observed == 2);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 10);
    CHECK(result(t, yearly(2022, {10, 11})) == verdict::missed);  // +1
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2022, {10, 12})) == verdict::missed);
    CHECK(result(t, yearly(2021, {8, 10})) == verdict::pending);
    CHECK(result(t, yearly(2023, {12})) == verdict::not_evaluable);  // no 2022
    target stated = t;
    stated.baseline_value = 10;
    CHECK(result(stated, yearly(2023, {12})) == verdict::met);
}

TEST_CASE("increment: percentage points, lower is better, stretch") {
    // 提高2个百分点 from 2020 to 2025, series in %: 3.0 − 1.0 = 2 points.
    target pp = make(target_kind::increment, comparator::at_least, 2, 2025);
    pp.baseline_period = y(2020);
    pp.unit = "个百分点";
    CHECK(result(pp, yearly(2020, {1.0, gap, gap, gap, gap, 3.0}, "%")) == verdict::met);
    CHECK(result(pp, yearly(2020, {1.0, gap, gap, gap, gap, 2.5}, "%")) == verdict::missed);

    // Reduce by 3: x(2023) − x(2022) <= −3.
    target cut = make(target_kind::increment, comparator::at_most, -3, 2023);
    CHECK(result(cut, yearly(2022, {10, 7})) == verdict::met);   // −3
    CHECK(result(cut, yearly(2022, {10, 8})) == verdict::missed);  // −2
    cut.compare = comparator::less;
    CHECK(result(cut, yearly(2022, {10, 7})) == verdict::missed);

    target t = make(target_kind::increment, comparator::at_least, 2, 2023);
    t.stretch = 3;
    auto e = evaluate(t, yearly(2022, {10, 12}));
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
    e = evaluate(t, yearly(2022, {10, 13}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);
}

// ---------------------------------------------------------------------------------------------------
// cumulative

TEST_CASE("cumulative: the sum over the span") {
    // "十四五"期间开展科普活动100场次: Σ 2021…2025 >= 100.
    const target t = spanning(target_kind::cumulative, comparator::at_least, 100, 2021, 2025);
    auto e = evaluate(t, yearly(2021, {20, 20, 20, 20, 20}));  // 5 × 20 = 100
    CHECK(e.result == verdict::met);
    REQUIRE(e.observed);
    CHECK(*e.observed == 100);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2025));
    CHECK(e.checks.size() == 5u);
    CHECK(result(t, yearly(2021, {20, 20, 20, 20, 19})) == verdict::missed);  // 99
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2021, {20, 20, 20, 20, 20})) == verdict::missed);
    // Flows outside the span do not count: 2020 and 2026 are ignored. 5 × 20 = 100 again.
    CHECK(*evaluate(t, yearly(2020, {500, 20, 20, 20, 20, 20, 500})).observed == 100);
}

TEST_CASE("cumulative: met early once non-negative flows reach the value; pending otherwise") {
    const target t = spanning(target_kind::cumulative, comparator::at_least, 100, 2021, 2025);
    // 40 + 60 = 100 by 2022; 2023–2025 not yet observed.
    auto e = evaluate(t, yearly(2021, {40, 60}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2022));
    REQUIRE(e.observed);
    CHECK(*e.observed == 100);
    CHECK(mentions(e.message, {"already reaches 100"}));

    // A gap inside the span does not stop an early verdict: 60 + 50 = 110 with 2022 unobserved.
    e = evaluate(t, yearly(2021, {60, gap, 50}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2023));

    // 40 + 30 = 70 so far: pending.
    e = evaluate(t, yearly(2021, {40, 30}));
    CHECK(e.result == verdict::pending);
    REQUIRE(e.observed);
    CHECK(*e.observed == 70);
    CHECK(mentions(e.message, {"pending", "70"}));

    // A negative flow means the sum can still fall: 130 − 10 = 120 is not decisive.
    CHECK(result(t, yearly(2021, {130, -10})) == verdict::pending);
    CHECK(result(t, series()) == verdict::pending);
}

TEST_CASE("cumulative: lower is better is missed early once the sum exceeds the cap") {
    const target cap = spanning(target_kind::cumulative, comparator::at_most, 50, 2021, 2025);
    auto e = evaluate(cap, yearly(2021, {30, 30}));  // 60 > 50 already
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2022));
    CHECK(result(cap, yearly(2021, {20, 20})) == verdict::pending);        // 40 so far
    CHECK(result(cap, yearly(2021, {10, 10, 10, 10, 10})) == verdict::met);  // 50 <= 50
    target strict = cap;
    strict.compare = comparator::less;
    CHECK(result(strict, yearly(2021, {10, 10, 10, 10, 10})) == verdict::missed);  // 50 < 50 is false
    CHECK(result(strict, yearly(2021, {25, 25})) == verdict::missed);  // 50 already, flows cannot go down
}

TEST_CASE("cumulative: a value of 0 with nothing observed") {
    // Regression: with no observation in the span the early-met branch once read the last check of an
    // empty list. Nothing observed decides nothing: pending.
    const target t = spanning(target_kind::cumulative, comparator::at_least, 0, 2021, 2025);
    const auto e = evaluate(t, series());
    CHECK(e.result == verdict::pending);
    CHECK_FALSE(e.decided_by);
}

TEST_CASE("cumulative: stretch") {
    // 鼓励2—3家成长期企业做大做强 over 2023–2025: >= 2, stretch 3.
    target t = spanning(target_kind::cumulative, comparator::at_least, 2, 2023, 2025);
    t.stretch = 3;
    auto e = evaluate(t, yearly(2023, {1, 1, 1}));  // 3
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);
    e = evaluate(t, yearly(2023, {1, 1, 0}));  // 2
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);
    e = evaluate(t, yearly(2023, {3}));  // met early at 2023, stretch already reached too
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);
}

TEST_CASE("cumulative: about (~) and within are not decided early from an incomplete sum") {
    // Regression (fixed): evaluation.hpp, cumulative case (line 224): the early "missed" branch runs for every
    // comparator that is not >=/> and calls detail::satisfies(sum, compare, value) without value_high or
    // tolerance. For `~ 100 ± 10` with 2021–2024 = 20 each (sum 80) and 2025 unobserved, a 2025 flow of
    // 10…30 would land in [90, 110]: expected pending; actual missed ("already exceeds 100").
    target about = spanning(target_kind::cumulative, comparator::about, 100, 2021, 2025);
    about.tolerance = 10;
    CHECK(result(about, yearly(2021, {20, 20, 20, 20})) == verdict::pending);
    // Same for within [90, 110] with 50 so far: expected pending; actual missed.
    target within = spanning(target_kind::cumulative, comparator::within, 90, 2021, 2025);
    within.value_high = 110;
    CHECK(result(within, yearly(2021, {25, 25})) == verdict::pending);
    // Complete data are decided with the tolerance: 5 × 20 = 100 and 4 × 20 + 28 = 108 are inside.
    CHECK(result(about, yearly(2021, {20, 20, 20, 20, 28})) == verdict::met);
    CHECK(result(about, yearly(2021, {20, 20, 20, 20, 31})) == verdict::missed);  // 111
}

// ---------------------------------------------------------------------------------------------------
// per_period

TEST_CASE("per_period: every period of the span") {
    // 小麦种植面积稳定在5万亩以上 each year 2021–2025.
    const target t = spanning(target_kind::per_period, comparator::at_least, 5, 2021, 2025);
    auto e = evaluate(t, yearly(2021, {5, 6, 5.5, 7, 5}));  // 5 is the bound itself
    CHECK(e.result == verdict::met);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2025));
    CHECK(e.checks.size() == 5u);

    e = evaluate(t, yearly(2021, {5, 6, 4.9, 7, 5}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2023));
    REQUIRE(e.observed);
    CHECK(*e.observed == 4.9);
    CHECK(mentions(e.message, {"missed", "4.9", "2023"}));

    target strict = t;
    strict.compare = comparator::greater;
    e = evaluate(strict, yearly(2021, {5, 6, 6, 6, 6}));
    CHECK(e.result == verdict::missed);  // 5 > 5 fails in the first year
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2021));

    target cap = spanning(target_kind::per_period, comparator::at_most, 10, 2021, 2025);
    CHECK(result(cap, yearly(2021, {10, 9, 8, 10, 1})) == verdict::met);
    CHECK(result(cap, yearly(2021, {10, 9, 11, 10, 1})) == verdict::missed);
    cap.compare = comparator::less;
    CHECK(result(cap, yearly(2021, {9, 9, 8, 10, 1})) == verdict::missed);  // 10 < 10 fails in 2024
}

TEST_CASE("per_period: missed early at the first failing period, even before the deadline") {
    const target t = spanning(target_kind::per_period, comparator::at_least, 5, 2021, 2025);
    auto e = evaluate(t, yearly(2021, {6, 4}));  // 2022 fails; 2023–2025 not yet observed
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2022));
    e = evaluate(t, yearly(2021, {6, 4, 6, 3}));  // two failures: the first decides
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2022));
    REQUIRE(e.observed);
    CHECK(*e.observed == 4);

    // Every observed period passes but some are unobserved: pending.
    CHECK(result(t, yearly(2021, {6, 7, 8})) == verdict::pending);
    CHECK(result(t, yearly(2021, {6, gap, 8, 9, 10})) == verdict::pending);  // 2022 is a gap
}

TEST_CASE("per_period: stretch and within") {
    // 每年遴选2—3名: >= 2, stretch 3, 2023–2025.
    target t = spanning(target_kind::per_period, comparator::at_least, 2, 2023, 2025);
    t.stretch = 3;
    auto e = evaluate(t, yearly(2023, {2, 3, 3}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.stretch_met);
    CHECK_FALSE(*e.stretch_met);  // 2023 had only 2
    e = evaluate(t, yearly(2023, {3, 3, 4}));
    REQUIRE(e.stretch_met);
    CHECK(*e.stretch_met);

    target band = spanning(target_kind::per_period, comparator::within, 3, 2021, 2023);
    band.value_high = 5;
    CHECK(result(band, yearly(2021, {3, 5, 4})) == verdict::met);
    CHECK(result(band, yearly(2021, {3, 6, 4})) == verdict::missed);

    target about = spanning(target_kind::per_period, comparator::about, 10, 2021, 2023);
    about.tolerance = 0.5;
    CHECK(result(about, yearly(2021, {10, 10.5, 9.5})) == verdict::met);
    CHECK(result(about, yearly(2021, {10, 10.75, 9.5})) == verdict::missed);  // |0.75| > 0.5
}

// ---------------------------------------------------------------------------------------------------
// non_decreasing

TEST_CASE("non_decreasing: every step from the period before the span") {
    // 只增不减 over 2021–2025: steps 2020→2021 … 2024→2025 are >= 0.
    const target t = spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2021, 2025);
    auto e = evaluate(t, yearly(2020, {10, 10, 11, 12, 12, 13}));  // equal steps are allowed
    CHECK(e.result == verdict::met);
    CHECK(e.checks.size() == 5u);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2025));

    e = evaluate(t, yearly(2020, {10, 11, 10.5, 12, 13, 14}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2022));
    REQUIRE(e.observed);
    CHECK(*e.observed == -0.5);  // 10.5 − 11
    CHECK(mentions(e.message, {"2022", "never decreases"}));

    // 逐年增长 (strictly rising): an equal step fails.
    target rising = t;
    rising.compare = comparator::greater;
    e = evaluate(rising, yearly(2020, {10, 10, 11, 12, 12, 13}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2021));
    CHECK(result(rising, yearly(2020, {10, 11, 12, 13, 14, 15})) == verdict::met);
}

TEST_CASE("non_decreasing: missed before the deadline; pending; never/strictly falling") {
    const target t = spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2021, 2025);
    auto e = evaluate(t, yearly(2020, {10, 9}));  // the first step already falls
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2021));
    CHECK(result(t, yearly(2020, {10, 11, 12})) == verdict::pending);
    // Without the base year 2020 the step into 2021 is unknown.
    CHECK(result(t, yearly(2021, {10, 11, 12, 13, 14})) == verdict::pending);

    target never_up = spanning(target_kind::non_decreasing, comparator::at_most, std::nullopt, 2021, 2023);
    CHECK(result(never_up, yearly(2020, {10, 9, 9, 8})) == verdict::met);
    CHECK(result(never_up, yearly(2020, {10, 9, 9.5, 8})) == verdict::missed);
    never_up.compare = comparator::less;
    CHECK(result(never_up, yearly(2020, {10, 9, 9, 8})) == verdict::missed);
    CHECK(result(never_up, yearly(2020, {10, 9, 8, 7})) == verdict::met);
}

TEST_CASE("non_decreasing: a gap is never filled; a step across it fails only if the value is lower") {
    const target t = spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2021, 2025);
    // 2022 unobserved; 11 → 12 across the gap is no decrease, but 2022 itself might have been one.
    auto e = evaluate(t, yearly(2020, {10, 11, gap, 12, 13, 14}));
    CHECK(e.result == verdict::pending);
    CHECK(mentions(e.message, {"pending", "not observed"}));
    // 11 → 10.5 across the gap: the value is lower, so some step fell.
    e = evaluate(t, yearly(2020, {10, 11, gap, 10.5, 13, 14}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.decided_by);
    CHECK(*e.decided_by == y(2023));
    REQUIRE(e.observed);
    CHECK(*e.observed == -0.5);  // 10.5 − 11, the step across the gap
}

// ---------------------------------------------------------------------------------------------------
// trend

TEST_CASE("trend: the desired direction from the base") {
    // 持续提升 over 2021–2025: base 2020 (the period before period_start).
    const target t = spanning(target_kind::trend, comparator::at_least, std::nullopt, 2021, 2025);
    auto e = evaluate(t, yearly(2020, {10, gap, gap, gap, gap, 12}));
    CHECK(e.result == verdict::met);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 10);
    CHECK(mentions(e.message, {"higher is better"}));
    CHECK(result(t, yearly(2020, {10, gap, gap, gap, gap, 9})) == verdict::missed);
    CHECK(result(t, yearly(2020, {10, gap, gap, gap, gap, 10})) == verdict::met);  // unchanged meets >=
    target strict = t;
    strict.compare = comparator::greater;
    CHECK(result(strict, yearly(2020, {10, gap, gap, gap, gap, 10})) == verdict::missed);
    CHECK(result(t, yearly(2020, {10, 11, 12})) == verdict::pending);
    CHECK(result(t, yearly(2021, {10, 11, 12, 13, 14})) == verdict::not_evaluable);  // no 2020

    // An explicit baseline_period is the base.
    target based = make(target_kind::trend, comparator::at_least, std::nullopt, 2025);
    based.baseline_period = y(2022);
    e = evaluate(based, yearly(2020, {1, 2, 9, 3, 4, 8}));  // 8 (2025) against 9 (2022)
    CHECK(e.result == verdict::missed);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 9);
}

TEST_CASE("trend: without period_start or baseline_period the base is the period before the deadline") {
    // Regression (fixed): evaluation.hpp, trend case (line 307) takes the base from the first observation of the series
    // (s.start()) when neither period_start nor baseline_period is given. docs/targets_csv.md ("Kinds":
    // "Base period b: baseline_period if given; else the period before period_start if given; else the
    // period before period") and target::base_period() say 2024 for a 2025 deadline.
    const target t = make(target_kind::trend, comparator::at_least, std::nullopt, 2025);
    // 2018: 5 … 2024: 11, 2025: 8. Against 2024 (11) the value fell: missed. Actual: met against 5 (2018).
    auto e = evaluate(t, yearly(2018, {5, 6, 7, 8, 9, 10, 11, 8}));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 11);
    // A single observation at the deadline is compared with itself and declared met ("met: 5 in 2025
    // against 5 in 2025"). With the documented base 2024 unobserved it is not evaluable.
    e = evaluate(t, yearly(2025, {5}));
    CHECK(e.result == verdict::not_evaluable);
}

TEST_CASE("trend: lower is better with a natural limit, and stretch-free boundaries") {
    // 消除“零专利”: fewer firms without patents, limit 0; span 2014–2015, base 2013.
    target t = spanning(target_kind::trend, comparator::at_most, 0, 2014, 2015);
    CHECK(result(t, yearly(2013, {5, 4, 3})) == verdict::met);
    CHECK(result(t, yearly(2013, {5, 4, 6})) == verdict::missed);
    auto e = evaluate(t, yearly(2013, {0, 0, 0}));  // at the limit, no movement possible
    CHECK(e.result == verdict::met);
    t.compare = comparator::less;
    e = evaluate(t, yearly(2013, {0, 0, 0}));  // 0 < 0 fails, but the natural limit 0 is reached
    CHECK(e.result == verdict::met);
    CHECK(mentions(e.message, {"natural limit reached"}));
    CHECK(result(t, yearly(2013, {3, 3, 3})) == verdict::missed);  // 3 < 3 fails, limit not reached
}

// ---------------------------------------------------------------------------------------------------
// units, indicators, malformed targets

TEST_CASE("evaluate converts the target's unit to the series' unit") {
    // 营业收入突破2亿元 with a series in 万元: 2 × 10^8 / 10^4 = 20000 万元.
    target t = make(target_kind::level, comparator::at_least, 2, 2023);
    t.unit = "亿元";
    auto e = evaluate(t, yearly(2023, {20000}, "万元"));
    CHECK(e.result == verdict::met);
    REQUIRE(e.required);
    CHECK(*e.required == 20000);
    CHECK(result(t, yearly(2023, {19999}, "万元")) == verdict::missed);

    // The other way: 25000 万元 against a series in 亿元 is 2.5 亿元.
    target wan = make(target_kind::level, comparator::at_least, 25000, 2023);
    wan.unit = "万元";
    e = evaluate(wan, yearly(2023, {2.5}, "亿元"));
    REQUIRE(e.required);
    CHECK(*e.required == doctest::Approx(2.5));
    CHECK(e.result == verdict::met);

    // Increments, sums, stretch, tolerance and baseline values convert too.
    target inc = make(target_kind::increment, comparator::at_least, 0.5, 2023);
    inc.unit = "亿元";
    inc.stretch = 1;
    e = evaluate(inc, yearly(2022, {10000, 15000}, "万元"));  // +5000 万元 = 0.5 亿元
    CHECK(e.result == verdict::met);
    REQUIRE(e.required_stretch);
    CHECK(*e.required_stretch == 10000);  // 1 亿元
    inc.baseline_value = 1;  // 1 亿元 = 10000 万元
    e = evaluate(inc, yearly(2023, {15000}, "万元"));
    REQUIRE(e.baseline);
    CHECK(*e.baseline == 10000);
    CHECK(e.result == verdict::met);

    target sum = spanning(target_kind::cumulative, comparator::at_least, 1, 2021, 2024);
    sum.unit = "亿元";
    CHECK(result(sum, yearly(2021, {2500, 2500, 2500, 2500}, "万元")) == verdict::met);  // 10000 万元

    target about = make(target_kind::level, comparator::about, 28, 2025);
    about.unit = "万亩";
    about.tolerance = 1.5;  // ± 1.5 万亩 = ± 15000 亩
    CHECK(result(about, yearly(2025, {295000}, "亩")) == verdict::met);     // 29.5 万亩
    CHECK(result(about, yearly(2025, {296000}, "亩")) == verdict::missed);  // 29.6 万亩

    // Counting words are one unit: 家 against 个.
    target firms = make(target_kind::level, comparator::at_least, 6, 2025);
    firms.unit = "家";
    CHECK(result(firms, yearly(2025, {6}, "个")) == verdict::met);
}

TEST_CASE("evaluate: incompatible units, another indicator, another frequency, a malformed target") {
    target t = make(target_kind::level, comparator::at_least, 2, 2023);
    t.unit = "亿元";
    auto e = thrown<ontrack::value_error>([&] { (void)evaluate(t, yearly(2023, {5}, "万亩")); });
    REQUIRE(e);
    CHECK(e->field() == "unit");
    CHECK(mentions(e->what(), {"亿元", "万亩"}));

    target other = make(target_kind::level, comparator::at_least, 2, 2023);
    other.indicator = "rd_intensity";
    const series s(y(2023), {3}, "rd_expenditure", "China", "");
    e = thrown<ontrack::value_error>([&] { (void)evaluate(other, s); });
    REQUIRE(e);
    CHECK(e->field() == "indicator");
    CHECK(mentions(e->what(), {"'rd_intensity'", "'rd_expenditure'"}));
    // An unnamed series is accepted for any indicator.
    CHECK(result(other, series(y(2023), {3})) == verdict::met);

    e = thrown<ontrack::value_error>([&] {
        (void)evaluate(make(target_kind::level, comparator::at_least, 2, 2023),
                       series(period::quarter(2023, 1), {1, 2}, "x"));
    });
    REQUIRE(e);
    CHECK(e->field() == "period");
    CHECK(mentions(e->what(), {"annual", "quarterly"}));

    target malformed = make(target_kind::level, comparator::at_least, std::nullopt, 2023);
    e = thrown<ontrack::value_error>([&] { (void)evaluate(malformed, yearly(2023, {1})); });
    REQUIRE(e);
    CHECK(e->field() == "value");
}

TEST_CASE("evaluate: published data against national targets") {
    // cn13-01: R&D intensity >= 2.5% by 2020 (13th FYP). Yearbook 2020: 2.41 (observations.csv) < 2.5.
    const auto targets = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv");
    const auto observations = ontrack::read_observations_file(ONTRACK_EXAMPLES_DATA_DIR "/observations.csv");
    const target* cn13 = nullptr;
    const target* cn14 = nullptr;
    for (const auto& t : targets) {
        if (t.id == "cn13-01") cn13 = &t;
        if (t.id == "cn14-01") cn14 = &t;
    }
    REQUIRE(cn13);
    REQUIRE(cn14);
    const auto e = evaluate(*cn13, observations.select("China", "rd_intensity", std::string("yearbook")));
    CHECK(e.result == verdict::missed);
    REQUIRE(e.observed);
    CHECK(*e.observed == 2.41);
    // cn14-01: R&D expenditure 年均 > 7% over 2021–2025; the series ends in 2024, so it is pending.
    CHECK(evaluate(*cn14, observations.select("China", "rd_expenditure")).result == verdict::pending);
}
