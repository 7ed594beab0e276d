// Tests of ontrack/period.hpp: the periods plan indicators are reported for, the forms of text they are
// read from, their arithmetic and calendar days, and the five-year plans (十一五 … 十六五).
//
// Reference figures are calendar facts worked out by hand beside each check: the years of a plan from
// its number (the 3rd plan began in 1966, so the n-th begins in 1966 + 5 × (n − 3)), quarter and month
// ordinals (year × 4 + quarter − 1), month lengths from the Gregorian leap rule.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/period.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::frequency;
using ontrack::period;
using boost::gregorian::date;

/// Runs `fn` and returns the exception of exactly type `Error` it throws; nothing if it throws another
/// type or nothing at all (the REQUIRE at the call site then fails).
/// True when `text` contains every one of `parts`.
/// Checks that period::parse(text) throws parse_error naming the field and the text.
void check_parse_rejects(const std::string& text, std::initializer_list<std::string_view> also = {}) {
    CAPTURE(text);
    const auto e = thrown<ontrack::parse_error>([&] { (void)period::parse(text); });
    REQUIRE(e);
    CHECK(e->field() == "period");
    CHECK(e->value() == text);
    CHECK(e->line() == 0u);
    CHECK(e->column() == 0u);
    const std::string what = e->what();
    CAPTURE(what);
    CHECK(mentions(what, {"field 'period'"}));
    if (!text.empty()) CHECK(mentions(what, {"'" + text + "'"}));
    for (const auto part : also) CHECK(mentions(what, {part}));
}

}  // namespace

TEST_CASE("period: constructors, accessors and to_string") {
    const period y = period::year(2025);
    CHECK(y.freq() == frequency::annual);
    CHECK(y.year() == 2025);
    CHECK(y.sub() == 1);
    CHECK(y.to_string() == "2025");

    const period q = period::quarter(2025, 3);
    CHECK(q.freq() == frequency::quarterly);
    CHECK(q.year() == 2025);
    CHECK(q.sub() == 3);
    CHECK(q.to_string() == "2025-Q3");

    CHECK(period::month(2025, 3).to_string() == "2025-03");   // zero-padded below 10
    CHECK(period::month(2025, 11).to_string() == "2025-11");
    CHECK(period::month(2025, 11).freq() == frequency::monthly);

    CHECK(ontrack::to_string(frequency::annual) == "annual");
    CHECK(ontrack::to_string(frequency::quarterly) == "quarterly");
    CHECK(ontrack::to_string(frequency::monthly) == "monthly");
}

TEST_CASE("period: out-of-range parts are value_error naming the part") {
    auto e = thrown<ontrack::value_error>([] { (void)period::year(0); });
    REQUIRE(e);
    CHECK(e->field() == "year");
    CHECK(mentions(e->what(), {"year 0", "1400..9999"}));  // the range of the Gregorian calendar Boost.Date_Time covers

    e = thrown<ontrack::value_error>([] { (void)period::year(10000); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"10000"}));

    e = thrown<ontrack::value_error>([] { (void)period::quarter(2025, 5); });
    REQUIRE(e);
    CHECK(e->field() == "quarter");
    CHECK(mentions(e->what(), {"5", "quarter (1..4)"}));

    e = thrown<ontrack::value_error>([] { (void)period::quarter(2025, 0); });
    REQUIRE(e);
    CHECK(e->field() == "quarter");

    e = thrown<ontrack::value_error>([] { (void)period::month(2025, 13); });
    REQUIRE(e);
    CHECK(e->field() == "month");
    CHECK(mentions(e->what(), {"13", "month (1..12)"}));
}

TEST_CASE("period: ordinals, decimal years and hashing") {
    CHECK(period::year(2025).ordinal() == 2025);
    CHECK(period::quarter(2025, 3).ordinal() == 8102);   // 2025 × 4 + 3 − 1
    CHECK(period::month(2025, 3).ordinal() == 24302);    // 2025 × 12 + 3 − 1
    CHECK(period::from_ordinal(8102, frequency::quarterly) == period::quarter(2025, 3));
    CHECK(period::from_ordinal(24311, frequency::monthly) == period::month(2025, 12));  // 2025 × 12 + 11
    CHECK(period::from_ordinal(24312, frequency::monthly) == period::month(2026, 1));   // 2026 × 12 + 0

    CHECK(period::year(2025).decimal_year() == 2025.5);               // middle of the year
    CHECK(period::quarter(2025, 1).decimal_year() == 2025.125);       // 2025 + 0.5 / 4
    CHECK(period::month(2025, 12).decimal_year() == doctest::Approx(2025.0 + 11.5 / 12.0));

    // A year and the first quarter of it share year and sub-period; only the frequency tells them apart.
    const std::unordered_set<period> set{period::year(2025), period::quarter(2025, 1), period::month(2025, 1), period::year(2025)};
    CHECK(set.size() == 3u);
}

TEST_CASE("period::parse: years") {
    CHECK(period::parse("2025") == period::year(2025));
    CHECK(period::parse("2025年") == period::year(2025));
    CHECK(period::parse("2025年底") == period::year(2025));
    CHECK(period::parse("2025年末") == period::year(2025));
    CHECK(period::parse("2025年度") == period::year(2025));
    CHECK(period::parse("  2025 ") == period::year(2025));
    CHECK(period::parse("\xE3\x80\x80" "2025") == period::year(2025));  // ideographic space U+3000
    CHECK(period::parse("２０２５") == period::year(2025));               // full-width digits U+FF12 U+FF10 …
    CHECK(period::parse("２０２５年底") == period::year(2025));
    CHECK(period::parse("2025").freq() == frequency::annual);
}

TEST_CASE("period::parse: years named by a five-year plan") {
    // The n-th plan runs 1966 + 5 × (n − 3) … + 4: 13th = 2016–2020, 14th = 2021–2025, 11th = 2006–2010.
    CHECK(period::parse("十三五末") == period::year(2020));
    CHECK(period::parse("“十四五”末") == period::year(2025));
    CHECK(period::parse("\"十四五\"末") == period::year(2025));
    CHECK(period::parse("十四五初") == period::year(2021));
    CHECK(period::parse("十四五末期") == period::year(2025));
    CHECK(period::parse("十四五初期") == period::year(2021));
    CHECK(period::parse("十一五末") == period::year(2010));
    CHECK(period::parse("十五五初") == period::year(2026));
    CHECK(period::parse("十五末") == period::year(2005));  // the 10th plan ("十五"): 1966 + 5 × 7 = 2001 … 2005
    CHECK(period::parse("14th FYP末") == period::year(2025));
}

TEST_CASE("period::parse: quarters") {
    CHECK(period::parse("2025-Q3") == period::quarter(2025, 3));
    CHECK(period::parse("2025Q3") == period::quarter(2025, 3));
    CHECK(period::parse("2025q3") == period::quarter(2025, 3));
    CHECK(period::parse("2025 Q1") == period::quarter(2025, 1));
    CHECK(period::parse("2025年第三季度") == period::quarter(2025, 3));
    CHECK(period::parse("2025年第四季度") == period::quarter(2025, 4));
    CHECK(period::parse("2025年第1季度") == period::quarter(2025, 1));
    CHECK(period::parse("2025年2季度") == period::quarter(2025, 2));
    CHECK(period::parse("２０２５-Q３") == period::quarter(2025, 3));
}

TEST_CASE("period::parse: months") {
    CHECK(period::parse("2025-03") == period::month(2025, 3));
    CHECK(period::parse("2025/11") == period::month(2025, 11));
    CHECK(period::parse("2025M03") == period::month(2025, 3));
    CHECK(period::parse("2025年3月") == period::month(2025, 3));
    CHECK(period::parse("2025年12月") == period::month(2025, 12));
    CHECK(period::parse("2025年十二月") == period::month(2025, 12));
    CHECK(period::parse("2025年三月") == period::month(2025, 3));
}

TEST_CASE("period::parse: an ISO date gives the period containing it at the requested frequency") {
    CHECK(period::parse("2025-03-31") == period::year(2025));  // default: annual
    CHECK(period::parse("2025-03-31", "period", frequency::quarterly) == period::quarter(2025, 1));  // March is in Q1
    CHECK(period::parse("2025-03-31", "period", frequency::monthly) == period::month(2025, 3));
    CHECK(period::parse("2025-07-01", "period", frequency::quarterly) == period::quarter(2025, 3));  // (7 − 1) / 3 + 1 = 3
    CHECK(period::parse("2025-06-30", "period", frequency::quarterly) == period::quarter(2025, 2));  // (6 − 1) / 3 + 1 = 2
    CHECK(period::parse("2025/12/31", "period", frequency::quarterly) == period::quarter(2025, 4));
    CHECK(period::parse("2024-02-29", "period", frequency::monthly) == period::month(2024, 2));    // 2024 is a leap year
    CHECK(period::parse("２０２５－０３－３１", "period", frequency::monthly) == period::month(2025, 3));  // full-width

    CHECK(period::containing(date(2025, 10, 1), frequency::quarterly) == period::quarter(2025, 4));
    CHECK(period::containing(date(2025, 10, 1)) == period::year(2025));
    const auto e = thrown<ontrack::value_error>([] { (void)period::containing(date(boost::date_time::not_a_date_time)); });
    REQUIRE(e);
    CHECK(e->field() == "date");
}

TEST_CASE("period::parse: bad strings are parse_error naming the string") {
    check_parse_rejects("abc", {"not a period"});
    check_parse_rejects("", {"empty period"});
    check_parse_rejects("   ", {"empty period"});
    check_parse_rejects("2025-13", {"month"});         // there is no 13th month
    check_parse_rejects("2025-00", {"month"});
    check_parse_rejects("2025-02-30", {"calendar date"});  // February has at most 29 days
    check_parse_rejects("2023-02-29", {"calendar date"});  // 2023 is not a leap year (not divisible by 4)
    check_parse_rejects("2025-04-31", {"calendar date"});  // April has 30 days
    check_parse_rejects("十四五", {"span"});              // a plan is five years, not one period
    check_parse_rejects("“十四五”期间", {"span"});
    check_parse_rejects("2025-Q5", {"quarter"});
    check_parse_rejects("2025-Q", {"quarter"});
    check_parse_rejects("2025年第五季度", {"quarter"});
    check_parse_rejects("2025年13月", {"month"});
    check_parse_rejects("2025年春天", {"after 年"});
    check_parse_rejects("0000", {"year 0"});
    check_parse_rejects("20255");
    check_parse_rejects("1399-12-31", {"1400"});  // before the Gregorian range of the calendar used

    // The field name given by the caller is the one reported.
    const auto e = thrown<ontrack::parse_error>([] { (void)period::parse("soon", "baseline_period"); });
    REQUIRE(e);
    CHECK(e->field() == "baseline_period");
    CHECK(mentions(e->what(), {"field 'baseline_period'", "'soon'"}));
}

TEST_CASE("period::parse: a number that is no five-year plan is a parse_error, not a value_error") {
    // Regression (fixed): period.hpp find_five_year_plan (lines 234 and 248) calls five_year_plan_number(0) for "零五" (零 = 0),
    // which throws value_error("plan", ...) straight out of period::parse, whose contract is parse_error
    // naming the field and the text. Expected parse_error(field "period", value "零五末").
    CHECK_THROWS_AS((void)period::parse("零五末"), ontrack::parse_error);
    // Regression (fixed): same path: "0th FYP" (English form, number 0) escapes as value_error.
    CHECK_THROWS_AS((void)period::parse("0th FYP末"), ontrack::parse_error);
}

TEST_CASE("period arithmetic") {
    CHECK(period::year(2025) + 1 == period::year(2026));
    CHECK(period::year(2025) - 5 == period::year(2020));
    CHECK(period::year(2025) - period::year(2020) == 5);
    CHECK(period::year(2020) - period::year(2025) == -5);

    CHECK(period::quarter(2025, 4) + 1 == period::quarter(2026, 1));
    CHECK(period::quarter(2025, 1) - 1 == period::quarter(2024, 4));
    CHECK(period::quarter(2026, 2) - period::quarter(2025, 3) == 3);  // Q3 → Q4 → Q1 → Q2
    CHECK(period::quarter(2025, 1) + 8 == period::quarter(2027, 1));  // 8 quarters = 2 years

    CHECK(period::month(2025, 12) + 1 == period::month(2026, 1));
    CHECK(period::month(2025, 1) - 13 == period::month(2023, 12));  // −12 → 2024-01, −1 more → 2023-12
    CHECK(period::month(2026, 2) - period::month(2025, 11) == 3);   // Nov → Dec → Jan → Feb

    CHECK(period::year(2020) < period::year(2025));
    CHECK(period::year(2025) > period::year(2020));
    CHECK(period::year(2025) <= period::year(2025));
    CHECK(period::year(2025) >= period::year(2025));
    CHECK_FALSE(period::year(2025) < period::year(2025));
    CHECK(period::quarter(2024, 4) < period::quarter(2025, 1));
    CHECK(period::month(2025, 2) > period::month(2025, 1));
}

TEST_CASE("period: mixing frequencies in arithmetic or ordering throws value_error") {
    const period y = period::year(2025);
    const period q = period::quarter(2025, 1);
    const period m = period::month(2025, 1);
    CHECK_THROWS_AS((void)(y < q), ontrack::value_error);
    CHECK_THROWS_AS((void)(y > q), ontrack::value_error);
    CHECK_THROWS_AS((void)(y <= m), ontrack::value_error);
    CHECK_THROWS_AS((void)(q >= m), ontrack::value_error);
    CHECK_THROWS_AS((void)(y - q), ontrack::value_error);
    const auto e = thrown<ontrack::value_error>([&] { (void)(y - q); });
    REQUIRE(e);
    CHECK(e->field() == "period");
    CHECK(mentions(e->what(), {"2025 (annual)", "2025-Q1 (quarterly)"}));

    // Equality does not order: a year and its first quarter (same year, same sub-period 1) differ.
    CHECK_FALSE(y == q);
    CHECK(y != m);
}

TEST_CASE("period: first and last days") {
    CHECK(period::year(2025).first_day() == date(2025, 1, 1));
    CHECK(period::year(2025).last_day() == date(2025, 12, 31));
    CHECK(period::quarter(2025, 1).first_day() == date(2025, 1, 1));
    CHECK(period::quarter(2025, 1).last_day() == date(2025, 3, 31));
    CHECK(period::quarter(2025, 2).first_day() == date(2025, 4, 1));
    CHECK(period::quarter(2025, 2).last_day() == date(2025, 6, 30));
    CHECK(period::quarter(2025, 3).first_day() == date(2025, 7, 1));
    CHECK(period::quarter(2025, 3).last_day() == date(2025, 9, 30));
    CHECK(period::quarter(2025, 4).first_day() == date(2025, 10, 1));
    CHECK(period::quarter(2025, 4).last_day() == date(2025, 12, 31));
    CHECK(period::month(2025, 3).first_day() == date(2025, 3, 1));
    CHECK(period::month(2025, 4).last_day() == date(2025, 4, 30));
    // Leap rule: divisible by 4, except centuries unless divisible by 400.
    CHECK(period::month(2024, 2).last_day() == date(2024, 2, 29));
    CHECK(period::month(2023, 2).last_day() == date(2023, 2, 28));
    CHECK(period::month(1900, 2).last_day() == date(1900, 2, 28));
    CHECK(period::month(2000, 2).last_day() == date(2000, 2, 29));
    // Q1 of a leap year ends on 31 March all the same; its length is 31 + 29 + 31 = 91 days.
    CHECK((period::quarter(2024, 1).last_day() - period::quarter(2024, 1).first_day()).days() == 90);
}

TEST_CASE("period: the last period of the supported range has a last day") {
    // Regression (fixed): period.hpp last_day() (line 92) computes (*this + 1).first_day() − 1 day; for the year 9999
    // (and 9999-Q4, 9999-12) `*this + 1` is the year 10000, which the constructor rejects with value_error.
    // Expected 9999-12-31, the last day boost::gregorian supports.
    CHECK(period::year(9999).last_day() == date(9999, 12, 31));
    CHECK(period::month(9999, 12).last_day() == date(9999, 12, 31));
}

TEST_CASE("five_year_plan_number: numbers 11 … 16, their names and years") {
    struct expected {
        int number;
        int first;
        const char* zh;
        const char* en;
    };
    // First year 1966 + 5 × (n − 3); English ordinals 11th, 12th, 13th take "th" (teens).
    for (const auto& x : {expected{11, 2006, "十一五", "11th Five-Year Plan"}, expected{12, 2011, "十二五", "12th Five-Year Plan"},
                          expected{13, 2016, "十三五", "13th Five-Year Plan"}, expected{14, 2021, "十四五", "14th Five-Year Plan"},
                          expected{15, 2026, "十五五", "15th Five-Year Plan"}, expected{16, 2031, "十六五", "16th Five-Year Plan"}}) {
        CAPTURE(x.number);
        const auto plan = ontrack::five_year_plan_number(x.number);
        CHECK(plan.number == x.number);
        CHECK(plan.years.first == period::year(x.first));
        CHECK(plan.years.last == period::year(x.first + 4));
        CHECK(plan.years.length() == 5);
        CHECK(plan.name_zh == x.zh);
        CHECK(plan.name_en == x.en);
    }
    // The first two plans ran 1953–1957 and 1958–1962; the 3rd began in 1966 after the adjustment years.
    CHECK(ontrack::five_year_plan_number(1).years.first == period::year(1953));
    CHECK(ontrack::five_year_plan_number(1).name_zh == "一五");
    CHECK(ontrack::five_year_plan_number(1).name_en == "1st Five-Year Plan");
    CHECK(ontrack::five_year_plan_number(2).years.last == period::year(1962));
    CHECK(ontrack::five_year_plan_number(2).name_en == "2nd Five-Year Plan");
    CHECK(ontrack::five_year_plan_number(3).years.first == period::year(1966));
    CHECK(ontrack::five_year_plan_number(3).name_en == "3rd Five-Year Plan");
    CHECK(ontrack::five_year_plan_number(10).name_zh == "十五");
    CHECK(ontrack::five_year_plan_number(21).name_en == "21st Five-Year Plan");
    CHECK(ontrack::five_year_plan_number(20).name_zh == "二十五");

    for (const int bad : {0, -1, 100}) {
        CAPTURE(bad);
        const auto e = thrown<ontrack::value_error>([&] { (void)ontrack::five_year_plan_number(bad); });
        REQUIRE(e);
        CHECK(e->field() == "plan");
        CHECK(mentions(e->what(), {"number " + std::to_string(bad)}));
    }
}

TEST_CASE("find_five_year_plan: the forms plan texts use") {
    for (const char* text : {"十四五", "“十四五”", "\"十四五\"", "「十四五」", "十四五期间", "十四五时期", "十四五规划", "“十四五”规划期间",
                             " 十四五 ", "14th Five-Year Plan", "14th FYP", "14th five year plan", "14TH fyp"}) {
        CAPTURE(text);
        const auto plan = ontrack::find_five_year_plan(text);
        REQUIRE(plan);
        CHECK(plan->number == 14);
        CHECK(plan->years.first == period::year(2021));
        CHECK(plan->years.last == period::year(2025));
    }
    REQUIRE(ontrack::find_five_year_plan("十三五"));
    CHECK(ontrack::find_five_year_plan("十三五")->number == 13);
    REQUIRE(ontrack::find_five_year_plan("13th FYP"));
    CHECK(ontrack::find_five_year_plan("13th FYP")->number == 13);
    REQUIRE(ontrack::find_five_year_plan("十一五"));
    CHECK(ontrack::find_five_year_plan("十一五")->years.first == period::year(2006));

    for (const char* text : {"", "2025", "abc", "五", "十四", "十四五末", "14th", "FYP", "2025 FYP"}) {
        CAPTURE(text);
        CHECK_FALSE(ontrack::find_five_year_plan(text));
    }
}

TEST_CASE("parse_period_span: plans, ranges and single periods") {
    const auto fourteenth = ontrack::parse_period_span("十四五期间");
    CHECK(fourteenth.first == period::year(2021));
    CHECK(fourteenth.last == period::year(2025));
    CHECK(fourteenth.length() == 5);  // 2021 … 2025 inclusive

    CHECK(ontrack::parse_period_span("“十四五”期间").first == period::year(2021));
    CHECK(ontrack::parse_period_span("十四五").last == period::year(2025));

    const auto three_years = ontrack::parse_period_span("2023—2025年");  // em dash, as in plan titles
    CHECK(three_years.first == period::year(2023));
    CHECK(three_years.last == period::year(2025));
    CHECK(three_years.length() == 3);

    for (const char* text : {"2021-2025", "2021–2025", "2021至2025", "2021~2025", "2021－2025", "2021年—2025年"}) {
        CAPTURE(text);
        const auto span = ontrack::parse_period_span(text);
        CHECK(span.first == period::year(2021));
        CHECK(span.last == period::year(2025));
    }

    const auto quarters = ontrack::parse_period_span("2025-Q1—2025-Q3");
    CHECK(quarters.first == period::quarter(2025, 1));
    CHECK(quarters.last == period::quarter(2025, 3));
    CHECK(quarters.length() == 3);

    const auto months = ontrack::parse_period_span("2025-01-2025-03");  // the dash that splits is the middle one
    CHECK(months.first == period::month(2025, 1));
    CHECK(months.last == period::month(2025, 3));

    // A single period is a span of one; a month is not read as the range 2025 … 03.
    const auto single = ontrack::parse_period_span("2025-03");
    CHECK(single.first == period::month(2025, 3));
    CHECK(single.last == period::month(2025, 3));
    CHECK(single.length() == 1);
    CHECK(ontrack::parse_period_span("2025年").first == period::year(2025));
    CHECK(ontrack::parse_period_span("十三五末").last == period::year(2020));

    CHECK(fourteenth.contains(period::year(2023)));
    CHECK_FALSE(fourteenth.contains(period::year(2020)));
    CHECK_FALSE(fourteenth.contains(period::year(2026)));
}

TEST_CASE("parse_period_span: bad spans are parse_error naming the field and the text") {
    for (const char* text : {"abc", "2025—2021", "", "2025—"}) {
        CAPTURE(text);
        const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::parse_period_span(text, "period_start"); });
        REQUIRE(e);
        CHECK(e->field() == "period_start");
        CHECK(e->value() == text);
        CHECK(mentions(e->what(), {"field 'period_start'"}));
    }
}
