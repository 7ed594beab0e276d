// Tests of ontrack/target.hpp: reading kinds, comparators, commitments and rates; the base period; and
// validate(), which must name the field of every malformed combination (docs/targets_csv.md, "Kinds").
//
// Reference figures: rates are percentages divided by 100 by hand ("5.5%" = 0.055); the tolerance of
// detail::satisfies is the documented 1e-12 relative to the larger magnitude (or absolute below 1).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/target.hpp>

#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::comparator;
using ontrack::period;
using ontrack::target;
using ontrack::target_kind;

/// A well-formed level target: R&D intensity >= 1.5 (%) by 2025.
target level_target() {
    target t;
    t.id = "t1";
    t.indicator = "rd_intensity";
    t.kind = target_kind::level;
    t.compare = comparator::at_least;
    t.value = 1.5;
    t.deadline = period::year(2025);
    t.unit = "%";
    return t;
}

/// Applies `change` to a well-formed target of `kind` and checks validate() throws value_error whose
/// field is `field` and whose message mentions the target id and every part.
void check_invalid(target t, const std::function<void(target&)>& change, const std::string& field,
                   std::initializer_list<std::string_view> parts = {}) {
    CAPTURE(field);
    CHECK_NOTHROW(t.validate());  // the starting point is valid
    change(t);
    const auto e = thrown<ontrack::value_error>([&] { t.validate(); });
    REQUIRE(e);
    CHECK(e->field() == field);
    const std::string what = e->what();
    CAPTURE(what);
    CHECK(mentions(what, {"field '" + field + "'", "target '" + t.id + "'"}));
    for (const auto part : parts) CHECK(mentions(what, {part}));
}

target span_target(target_kind kind) {
    target t = level_target();
    t.kind = kind;
    t.period_start = period::year(2021);
    if (kind == target_kind::non_decreasing || kind == target_kind::trend) t.value.reset();
    return t;
}

}  // namespace

TEST_CASE("parse_target_kind and to_string round trip; unknown kinds are parse_error") {
    for (const auto k : {target_kind::level, target_kind::relative, target_kind::growth, target_kind::average_growth,
                         target_kind::increment, target_kind::cumulative, target_kind::per_period,
                         target_kind::non_decreasing, target_kind::trend}) {
        CHECK(ontrack::parse_target_kind(ontrack::to_string(k)) == k);
    }
    CHECK(ontrack::to_string(target_kind::average_growth) == "average_growth");
    CHECK(ontrack::parse_target_kind(" growth ") == target_kind::growth);

    const auto e = thrown<ontrack::parse_error>([] { (void)ontrack::parse_target_kind("doubling"); });
    REQUIRE(e);
    CHECK(e->field() == "kind");
    CHECK(e->value() == "doubling");
    CHECK(mentions(e->what(), {"'doubling'", "unknown target kind", "non_decreasing"}));
    CHECK_THROWS_AS((void)ontrack::parse_target_kind("Level"), ontrack::parse_error);  // case matters
    CHECK_THROWS_AS((void)ontrack::parse_target_kind(""), ontrack::parse_error);
}

TEST_CASE("parse_comparator: CSV spellings and their synonyms") {
    CHECK(ontrack::parse_comparator(">=") == comparator::at_least);
    CHECK(ontrack::parse_comparator("≥") == comparator::at_least);
    CHECK(ontrack::parse_comparator(">") == comparator::greater);
    CHECK(ontrack::parse_comparator("<=") == comparator::at_most);
    CHECK(ontrack::parse_comparator("≤") == comparator::at_most);
    CHECK(ontrack::parse_comparator("<") == comparator::less);
    CHECK(ontrack::parse_comparator("~") == comparator::about);
    CHECK(ontrack::parse_comparator("about") == comparator::about);
    CHECK(ontrack::parse_comparator("≈") == comparator::about);
    CHECK(ontrack::parse_comparator("within") == comparator::within);
    CHECK(ontrack::parse_comparator(" <= ") == comparator::at_most);
    for (const auto c : {comparator::at_least, comparator::greater, comparator::at_most, comparator::less, comparator::about,
                         comparator::within}) {
        CHECK(ontrack::parse_comparator(ontrack::to_string(c)) == c);
    }
    for (const char* bad : {"=", "==", "=<>", "between", ""}) {
        CAPTURE(bad);
        const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::parse_comparator(bad); });
        REQUIRE(e);
        CHECK(e->field() == "comparator");
        CHECK(e->value() == bad);
        CHECK(mentions(e->what(), {"unknown comparator"}));
    }
}

TEST_CASE("parse_commitment") {
    using ontrack::commitment;
    CHECK(ontrack::parse_commitment("") == commitment::unspecified);
    CHECK(ontrack::parse_commitment("binding") == commitment::binding);
    CHECK(ontrack::parse_commitment("约束性") == commitment::binding);
    CHECK(ontrack::parse_commitment("expected") == commitment::expected);
    CHECK(ontrack::parse_commitment("预期性") == commitment::expected);
    CHECK(ontrack::to_string(commitment::binding) == "binding");
    CHECK(ontrack::to_string(commitment::unspecified).empty());
    const auto e = thrown<ontrack::parse_error>([] { (void)ontrack::parse_commitment("mandatory"); });
    REQUIRE(e);
    CHECK(e->field() == "commitment");
    CHECK(mentions(e->what(), {"'mandatory'"}));
}

TEST_CASE("parse_rate: 5% and 0.05 both mean five percent") {
    CHECK(ontrack::parse_rate("5%", "value") == 0.05);
    CHECK(ontrack::parse_rate("0.05", "value") == 0.05);
    CHECK(ontrack::parse_rate("５％", "value") == 0.05);    // full-width digits and percent sign
    CHECK(ontrack::parse_rate(" 7% ", "value") == 0.07);
    CHECK(ontrack::parse_rate("5.5%", "value") == 0.055);   // the decimal point moves in text: exactly 0.055
    CHECK(ontrack::parse_rate("0.3%", "value") == 0.003);
    CHECK(ontrack::parse_rate("150%", "value") == 1.5);     // a large rate must carry its percent sign
    CHECK(ontrack::parse_rate("-2%", "value") == -0.02);
    CHECK(ontrack::parse_rate("1", "value") == 1.0);        // boundary: a bare 1 is still read (100%)
    CHECK(ontrack::parse_rate("-1", "value") == -1.0);
}

TEST_CASE("parse_rate: a bare number above 1 is ambiguous; text that is no number is not a rate") {
    for (const char* bare : {"5", "1.5", "-7", "100"}) {
        CAPTURE(bare);
        const auto e = thrown<ontrack::value_error>([&] { (void)ontrack::parse_rate(bare, "stretch"); });
        REQUIRE(e);
        CHECK(e->field() == "stretch");
        CHECK(mentions(e->what(), {"field 'stretch'", std::string("rate ") + bare, "ambiguous", "5%", "0.05"}));
    }
    for (const char* junk : {"abc", "%", "abc%", "five percent", "", "5%%"}) {
        CAPTURE(junk);
        const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::parse_rate(junk, "value"); });
        REQUIRE(e);
        CHECK(e->field() == "value");
        CHECK(e->value() == junk);
        CHECK(mentions(e->what(), {"not a rate"}));
    }
}

TEST_CASE("format_rate writes what parse_rate reads back") {
    CHECK(ontrack::format_rate(0.05) == "0.05");
    CHECK(ontrack::format_rate(1.0) == "1");
    CHECK(ontrack::format_rate(-0.02) == "-0.02");
    CHECK(ontrack::format_rate(1.5) == "150%");     // above 1: 1.5 × 100 = 150, with the sign
    CHECK(ontrack::format_rate(-2.5) == "-250%");
    for (const double r : {0.05, 0.055, 0.07, 1.0, 1.5, -0.02, 12.345, 1e-7}) {
        CAPTURE(r);
        CHECK(ontrack::parse_rate(ontrack::format_rate(r), "value") == r);
    }
}

TEST_CASE("target: due, base_period, is_rate, spans_periods") {
    target t = level_target();
    CHECK(t.due() == period::year(2025));
    CHECK(t.base_period() == period::year(2024));        // the period before the deadline
    t.period_start = period::year(2021);
    CHECK(t.base_period() == period::year(2020));        // the period before period_start
    t.baseline_period = period::year(2018);
    CHECK(t.base_period() == period::year(2018));        // baseline_period wins

    target q = level_target();
    q.deadline = period::quarter(2025, 1);
    CHECK(q.base_period() == period::quarter(2024, 4));

    target none = level_target();
    none.deadline.reset();
    const auto e = thrown<ontrack::value_error>([&] { (void)none.due(); });
    REQUIRE(e);
    CHECK(e->field() == "period");
    CHECK(mentions(e->what(), {"'t1'", "no deadline"}));
    CHECK_THROWS_AS((void)none.base_period(), ontrack::value_error);

    t.kind = target_kind::growth;
    CHECK(t.is_rate());
    t.kind = target_kind::average_growth;
    CHECK(t.is_rate());
    for (const auto k : {target_kind::level, target_kind::relative, target_kind::increment, target_kind::cumulative,
                         target_kind::per_period, target_kind::non_decreasing, target_kind::trend}) {
        t.kind = k;
        CHECK_FALSE(t.is_rate());
    }
    for (const auto k : {target_kind::cumulative, target_kind::per_period, target_kind::non_decreasing}) {
        t.kind = k;
        CHECK(t.spans_periods());
    }
    t.kind = target_kind::trend;
    CHECK_FALSE(t.spans_periods());
}

TEST_CASE("target::validate accepts a well-formed target of every kind") {
    CHECK_NOTHROW(level_target().validate());
    target relative = level_target();
    relative.kind = target_kind::relative;
    relative.value = 2;
    relative.baseline_period = period::year(2020);
    CHECK_NOTHROW(relative.validate());
    relative.baseline_period.reset();
    relative.baseline_value = 0.17;  // a stated base value is enough
    CHECK_NOTHROW(relative.validate());

    target growth = level_target();
    growth.kind = target_kind::growth;
    growth.value = 0.05;
    CHECK_NOTHROW(growth.validate());

    target average = span_target(target_kind::average_growth);
    average.value = 0.07;
    CHECK_NOTHROW(average.validate());
    average.period_start.reset();
    average.baseline_period = period::year(2020);  // or the base alone
    CHECK_NOTHROW(average.validate());

    target increment = level_target();
    increment.kind = target_kind::increment;
    CHECK_NOTHROW(increment.validate());
    for (const auto k : {target_kind::cumulative, target_kind::per_period, target_kind::non_decreasing, target_kind::trend}) {
        CHECK_NOTHROW(span_target(k).validate());
    }
    target trend_with_limit = span_target(target_kind::trend);
    trend_with_limit.compare = comparator::at_most;
    trend_with_limit.value = 0;  // natural limit
    CHECK_NOTHROW(trend_with_limit.validate());

    target within = level_target();
    within.compare = comparator::within;
    within.value = 3;
    within.value_high = 3;  // a band of width 0 is still a band
    CHECK_NOTHROW(within.validate());

    target about = level_target();
    about.compare = comparator::about;
    about.tolerance = 0;
    CHECK_NOTHROW(about.validate());

    target same_stretch = level_target();
    same_stretch.stretch = 1.5;  // 力争 alone: stretch = value (seed notes)
    CHECK_NOTHROW(same_stretch.validate());
}

TEST_CASE("target::validate names the field of every malformed combination") {
    const target level = level_target();

    check_invalid(level, [](target& t) { t.deadline.reset(); }, "period", {"deadline"});
    check_invalid(level, [](target& t) { t.value.reset(); }, "value", {"level target needs a value"});
    check_invalid(level, [](target& t) { t.value = std::numeric_limits<double>::quiet_NaN(); }, "value", {"finite"});
    check_invalid(level, [](target& t) { t.stretch = std::numeric_limits<double>::infinity(); }, "stretch", {"finite"});

    // value_high belongs to `within` only, and `within` needs it above value.
    check_invalid(level, [](target& t) { t.value_high = 2; }, "value_high", {"within"});
    check_invalid(level, [](target& t) { t.compare = comparator::within; }, "value_high", {"needs value_high"});
    check_invalid(level, [](target& t) { t.compare = comparator::within; t.value_high = 1; }, "value_high", {"1 is below value 1.5"});

    // `~` needs a non-negative tolerance, and a tolerance needs `~`.
    check_invalid(level, [](target& t) { t.compare = comparator::about; }, "tolerance", {"'~' needs a tolerance"});
    check_invalid(level, [](target& t) { t.tolerance = 0.1; }, "tolerance", {"only used with comparator '~'"});
    check_invalid(level, [](target& t) { t.compare = comparator::about; t.tolerance = -0.1; }, "tolerance", {"negative"});

    // A stretch is more ambitious than the value, in the comparator's direction.
    check_invalid(level, [](target& t) { t.value = 13; t.stretch = 12; }, "stretch", {"stretch 12", "value 13"});
    check_invalid(level, [](target& t) { t.compare = comparator::greater; t.stretch = 1.4; }, "stretch", {"less ambitious"});
    check_invalid(level, [](target& t) { t.compare = comparator::at_most; t.value = 10; t.stretch = 11; }, "stretch", {"stretch 11", "value 10"});
    check_invalid(level, [](target& t) { t.compare = comparator::less; t.value = 10; t.stretch = 10.5; }, "stretch", {"less ambitious"});
    check_invalid(level, [](target& t) { t.compare = comparator::about; t.tolerance = 1; t.stretch = 2; }, "stretch", {"'~'"});

    // Periods: the start and the base must come before the deadline, at its frequency.
    check_invalid(level, [](target& t) { t.period_start = period::year(2026); }, "period_start", {"2026", "after the deadline 2025"});
    check_invalid(level, [](target& t) { t.baseline_period = period::year(2026); }, "baseline_period", {"2026", "not before the deadline 2025"});
    check_invalid(level, [](target& t) { t.baseline_period = period::year(2025); }, "baseline_period", {"not before"});  // equal is not before
    check_invalid(level, [](target& t) { t.period_start = period::quarter(2021, 1); }, "period_start", {"2021-Q1", "frequency"});
    check_invalid(level, [](target& t) { t.baseline_period = period::month(2020, 12); }, "baseline_period", {"2020-12", "frequency"});

    // Kind-specific rules.
    const target non_decreasing = span_target(target_kind::non_decreasing);
    check_invalid(non_decreasing, [](target& t) { t.value = 0; }, "value", {"non_decreasing target takes no value"});
    check_invalid(non_decreasing, [](target& t) { t.period_start.reset(); }, "period_start", {"non_decreasing target needs period_start"});
    check_invalid(non_decreasing, [](target& t) { t.compare = comparator::within; t.value_high = 1; }, "comparator", {"direction"});
    check_invalid(span_target(target_kind::cumulative), [](target& t) { t.period_start.reset(); }, "period_start", {"cumulative"});
    check_invalid(span_target(target_kind::per_period), [](target& t) { t.period_start.reset(); }, "period_start", {"per_period"});
    check_invalid(span_target(target_kind::trend), [](target& t) { t.compare = comparator::about; t.tolerance = 1; }, "comparator", {"trend"});

    target relative = level_target();
    relative.kind = target_kind::relative;
    relative.value = 2;
    relative.baseline_period = period::year(2020);
    check_invalid(relative, [](target& t) { t.baseline_period.reset(); }, "baseline_period", {"relative target needs a baseline_period"});
    check_invalid(relative, [](target& t) { t.value = 0; }, "value", {"factor", "positive"});
    check_invalid(relative, [](target& t) { t.value = -2; }, "value", {"positive"});

    target average = span_target(target_kind::average_growth);
    average.value = 0.07;
    check_invalid(average, [](target& t) { t.period_start.reset(); }, "period_start", {"average_growth"});

    target growth = level_target();
    growth.kind = target_kind::growth;
    growth.value = 0.05;
    check_invalid(growth, [](target& t) { t.value = -1; }, "value", {"fall of 100%"});
    check_invalid(growth, [](target& t) { t.stretch = -1.5; t.compare = comparator::at_most; t.value = -0.5; }, "stretch", {"-150%"});

    // Without an id the message still says which target (none) is at fault.
    target anonymous = level_target();
    anonymous.id.clear();
    anonymous.value.reset();
    const auto e = thrown<ontrack::value_error>([&] { anonymous.validate(); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"target: "}));
}

TEST_CASE("detail::satisfies: bounds, strictness and the documented 1e-12 tolerance") {
    using ontrack::detail::satisfies;
    CHECK(satisfies(1.5, comparator::at_least, 1.5));          // equal meets >=
    CHECK_FALSE(satisfies(1.5, comparator::greater, 1.5));     // equal misses >
    CHECK(satisfies(1.5, comparator::at_most, 1.5));
    CHECK_FALSE(satisfies(1.5, comparator::less, 1.5));
    CHECK(satisfies(1.6, comparator::greater, 1.5));
    CHECK(satisfies(1.4, comparator::less, 1.5));
    CHECK_FALSE(satisfies(1.4, comparator::at_least, 1.5));
    CHECK_FALSE(satisfies(1.6, comparator::at_most, 1.5));

    // 1.05 − 1 is 0.050000000000000044 in binary, 4.4e-17 from the double 0.05: equal within 1e-12.
    const double growth = 1.05 - 1.0;
    CHECK(growth != 0.05);
    CHECK(satisfies(growth, comparator::at_most, 0.05));
    CHECK(satisfies(growth, comparator::at_least, 0.05));
    CHECK_FALSE(satisfies(growth, comparator::greater, 0.05));
    // Relative to magnitude: 1e6 + 1e-7 is within 1e-12 × 1e6 = 1e-6 of 1e6, 1e6 + 1e-5 is not.
    CHECK_FALSE(satisfies(1e6 + 1e-7, comparator::greater, 1e6));
    CHECK(satisfies(1e6 + 1e-5, comparator::greater, 1e6));
    // Absolute below 1: 1e-9 is far beyond 1e-12.
    CHECK_FALSE(satisfies(1e-9, comparator::at_most, 0.0));

    CHECK(satisfies(29.5, comparator::about, 28, 0, 1.5));     // |29.5 − 28| = 1.5 = tolerance
    CHECK_FALSE(satisfies(29.6, comparator::about, 28, 0, 1.5));
    CHECK(satisfies(3, comparator::within, 3, 5));
    CHECK(satisfies(5, comparator::within, 3, 5));
    CHECK_FALSE(satisfies(5.1, comparator::within, 3, 5));
    CHECK_FALSE(satisfies(2.9, comparator::within, 3, 5));
}
