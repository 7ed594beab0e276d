// Tests of ontrack/series.hpp: building series from pairs, explicit gaps, slicing, period-on-period
// growth and differences, and the compound average growth rate.
//
// Reference figures are hand calculations written beside each check; where the inputs were chosen so
// that the arithmetic is exact in binary (powers of two, 81/16 = (3/2)^4) the check is exact,
// otherwise it uses doctest::Approx.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/series.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::period;
using ontrack::series;

constexpr double gap = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

period y(int year) { return period::year(year); }

}  // namespace

TEST_CASE("series::from_pairs sorts the periods and keeps the metadata") {
    const auto s = series::from_pairs({y(2023), y(2021), y(2022)}, {3.0, 1.0, 2.0}, "gdp", "Xinjiang", "亿元");
    CHECK(s.start() == y(2021));
    CHECK(s.end() == y(2023));
    CHECK(s.size() == 3u);
    CHECK(s.count() == 3u);
    CHECK(s.values() == std::vector<double>{1.0, 2.0, 3.0});
    CHECK(s.indicator() == "gdp");
    CHECK(s.region() == "Xinjiang");
    CHECK(s.unit() == "亿元");
    CHECK(s.freq() == ontrack::frequency::annual);
    CHECK(s.periods() == std::vector<period>{y(2021), y(2022), y(2023)});

    const auto q = series::from_pairs({period::quarter(2025, 2), period::quarter(2024, 4)}, {20.0, 10.0});
    CHECK(q.start() == period::quarter(2024, 4));
    CHECK(q.end() == period::quarter(2025, 2));
    CHECK(q.size() == 3u);  // 2024-Q4, 2025-Q1 (a gap), 2025-Q2
    CHECK(q.count() == 2u);
}

TEST_CASE("series: a series may end in the last period there is (9999, 9999-Q4, 9999-12)") {
    // The end is start + (size − 1): start + size would be a period past 9999 and throw.
    const series annual(y(9997), {1.0, 2.0, 3.0});
    CHECK(annual.end() == y(9999));
    CHECK(annual.periods().back() == y(9999));
    CHECK(series(period::quarter(9999, 3), {1.0, 2.0}).end() == period::quarter(9999, 4));
    CHECK(series(period::month(9999, 12), {1.0}).end() == period::month(9999, 12));
}

TEST_CASE("series::from_pairs: a duplicate period is a value_error naming it") {
    const auto e = thrown<ontrack::value_error>(
        [] { (void)series::from_pairs({y(2021), y(2022), y(2021)}, {1.0, 2.0, 1.0}, "rd_expenditure"); });
    REQUIRE(e);
    CHECK(e->field() == "periods");
    CHECK(mentions(e->what(), {"duplicate period 2021", "'rd_expenditure'"}));

    // Duplicates are an error even when the values agree and even when one of them is a gap.
    CHECK_THROWS_AS((void)series::from_pairs({y(2021), y(2021)}, {5.0, gap}), ontrack::value_error);
}

TEST_CASE("series::from_pairs: mismatched lengths and mixed frequencies are value_error") {
    auto e = thrown<ontrack::value_error>([] { (void)series::from_pairs({y(2021), y(2022)}, {1.0}); });
    REQUIRE(e);
    CHECK(e->field() == "values");
    CHECK(mentions(e->what(), {"1 values for 2 periods"}));

    e = thrown<ontrack::value_error>([] { (void)series::from_pairs({y(2025), period::quarter(2025, 1)}, {1.0, 2.0}); });
    REQUIRE(e);
    CHECK(e->field() == "periods");
    CHECK(mentions(e->what(), {"mixed frequencies", "2025", "2025-Q1"}));
}

TEST_CASE("series: gaps are explicit NaN (count ≠ size)") {
    const auto s = series::from_years({2020, 2023, 2021}, {10.0, 40.0, 20.0});
    CHECK(s.start() == y(2020));
    CHECK(s.end() == y(2023));
    CHECK(s.size() == 4u);   // 2020, 2021, 2022, 2023
    CHECK(s.count() == 3u);  // 2022 not observed
    REQUIRE(s.values().size() == 4u);
    CHECK(s.values()[1] == 20.0);
    CHECK(std::isnan(s.values()[2]));
    CHECK(s.has(y(2021)));
    CHECK_FALSE(s.has(y(2022)));
    CHECK(std::isnan(s.at(y(2022))));
    CHECK(std::isnan(s.at(y(2019))));  // outside: NaN, not an error
    CHECK(std::isnan(s.at(y(2030))));
    CHECK(s.at(y(2023)) == 40.0);

    const auto observed = s.observed();
    CHECK(observed.first == std::vector<period>{y(2020), y(2021), y(2023)});
    CHECK(observed.second == std::vector<double>{10.0, 20.0, 40.0});

    // A NaN value in the pairs is "not observed" as well.
    const auto with_nan = series::from_pairs({y(2020), y(2021), y(2022)}, {1.0, gap, 3.0});
    CHECK(with_nan.size() == 3u);
    CHECK(with_nan.count() == 2u);
}

TEST_CASE("series: asking for a value at another frequency is a value_error") {
    const auto s = series::from_years({2020, 2021}, {1.0, 2.0});
    CHECK_THROWS_AS((void)s.at(period::quarter(2020, 1)), ontrack::value_error);
    CHECK_THROWS_AS((void)s.has(period::month(2020, 1)), ontrack::value_error);
}

TEST_CASE("series: leading and trailing gaps are trimmed") {
    const series s(y(2018), {gap, gap, 1.0, gap, 2.0, gap});
    CHECK(s.start() == y(2020));  // 2018 + 2 leading gaps
    CHECK(s.end() == y(2022));    // the trailing 2023 gap is dropped
    CHECK(s.size() == 3u);
    CHECK(s.count() == 2u);

    const auto p = series::from_pairs({y(2019), y(2020), y(2021)}, {gap, 5.0, gap});
    CHECK(p.start() == y(2020));
    CHECK(p.end() == y(2020));
    CHECK(p.size() == 1u);

    const series all_gaps(y(2020), {gap, gap});
    CHECK(all_gaps.empty());
    CHECK(all_gaps.size() == 0u);
}

TEST_CASE("series: an empty series has no start, end or frequency") {
    const series empty;
    CHECK(empty.empty());
    CHECK(empty.size() == 0u);
    CHECK(empty.count() == 0u);
    CHECK_THROWS_AS((void)empty.start(), ontrack::data_error);
    CHECK_THROWS_AS((void)empty.end(), ontrack::data_error);
    CHECK_THROWS_AS((void)empty.freq(), ontrack::data_error);
    CHECK(std::isnan(empty.at(y(2020))));
    CHECK_FALSE(empty.last_observed_at_or_before(y(2020)));
    CHECK(empty.periods().empty());

    const auto named = series::from_years({2020}, {gap}, "high_tech_enterprises_valid");
    CHECK(named.empty());
    const auto e = thrown<ontrack::data_error>([&] { (void)named.start(); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"'high_tech_enterprises_valid'", "no observations"}));

    CHECK(series::from_pairs({}, {}).empty());
}

TEST_CASE("series: infinite values are rejected") {
    auto e = thrown<ontrack::value_error>([] { (void)series(y(2020), {1.0, infinity}); });
    REQUIRE(e);
    CHECK(e->field() == "value");
    CHECK(mentions(e->what(), {"infinite", "2021"}));  // index 1 from 2020
    CHECK_THROWS_AS((void)series(y(2020), {-infinity}), ontrack::value_error);
    CHECK_THROWS_AS((void)series::from_years({2020, 2021}, {1.0, infinity}), ontrack::value_error);
}

TEST_CASE("series::slice clips to the series and trims gaps at the ends") {
    // 2018: 1, 2019: 2, 2020: gap, 2021: 4, 2022: 5, 2023: gap, 2024: 7
    const series s(y(2018), {1.0, 2.0, gap, 4.0, 5.0, gap, 7.0}, "x", "r", "家");

    const auto middle = s.slice(y(2019), y(2022));
    CHECK(middle.start() == y(2019));
    CHECK(middle.end() == y(2022));
    CHECK(middle.size() == 4u);   // 2019 … 2022
    CHECK(middle.count() == 3u);  // the 2020 gap stays inside
    CHECK(middle.unit() == "家");
    CHECK(middle.indicator() == "x");

    const auto trimmed = s.slice(y(2020), y(2023));  // both ends fall on gaps
    CHECK(trimmed.start() == y(2021));
    CHECK(trimmed.end() == y(2022));
    CHECK(trimmed.values() == std::vector<double>{4.0, 5.0});

    const auto clipped = s.slice(y(2000), y(2100));
    CHECK(clipped.start() == y(2018));
    CHECK(clipped.end() == y(2024));
    CHECK(clipped.size() == 7u);

    CHECK(s.slice(y(2030), y(2040)).empty());
    CHECK(s.slice(y(2010), y(2017)).empty());
    CHECK(s.slice(y(2022), y(2019)).empty());  // reversed bounds
    CHECK(s.slice(y(2020), y(2020)).empty());  // a single gap
    CHECK(series().slice(y(2020), y(2021)).empty());
}

TEST_CASE("series::growth and difference leave gaps as gaps") {
    // 2020: 100, 2021: 150, 2022: gap, 2023: 200, 2024: 250
    const series s(y(2020), {100.0, 150.0, gap, 200.0, 250.0});

    const auto g = s.growth();
    CHECK(g.start() == y(2021));  // the first period has no previous one
    CHECK(g.end() == y(2024));
    CHECK(g.size() == 4u);
    CHECK(g.count() == 2u);
    CHECK(g.at(y(2021)) == 0.5);             // 150 / 100 − 1 = 0.5 (exact in binary)
    CHECK(std::isnan(g.at(y(2022))));        // 2022 not observed
    CHECK(std::isnan(g.at(y(2023))));        // 2022 not observed: no step into 2023
    CHECK(g.at(y(2024)) == 0.25);            // 250 / 200 − 1 = 0.25 (exact)

    const auto d = s.difference();
    CHECK(d.start() == y(2021));
    CHECK(d.values().size() == 4u);
    CHECK(d.at(y(2021)) == 50.0);            // 150 − 100
    CHECK(std::isnan(d.at(y(2022))));
    CHECK(std::isnan(d.at(y(2023))));
    CHECK(d.at(y(2024)) == 50.0);            // 250 − 200

    // A gap right after the start: the leading undefined growths are trimmed.
    const series early_gap(y(2020), {100.0, gap, 110.0, 121.0});
    const auto g2 = early_gap.growth();
    CHECK(g2.start() == y(2023));
    CHECK(g2.size() == 1u);
    CHECK(g2.at(y(2023)) == doctest::Approx(0.1));  // 121 / 110 − 1 = 11/10 − 1

    // Growth from zero is undefined; the difference is not.
    const series from_zero(y(2020), {0.0, 5.0, 10.0});
    CHECK(from_zero.growth().start() == y(2022));
    CHECK(from_zero.growth().at(y(2022)) == 1.0);  // 10 / 5 − 1
    CHECK(from_zero.difference().at(y(2021)) == 5.0);

    CHECK(series(y(2020), {1.0}).growth().empty());  // one value: no step
    CHECK(series().difference().empty());
}

TEST_CASE("series::cagr: compound average growth per period") {
    // 81 / 16 = (3/2)^4, so over 2020 → 2024 (4 periods) the rate is 3/2 − 1 = 0.5. The years between
    // are gaps: only the two ends matter.
    const auto s = series::from_years({2020, 2024}, {16.0, 81.0});
    CHECK(s.cagr(y(2020), y(2024)) == doctest::Approx(0.5).epsilon(1e-14));

    // 1.1^5 = 1.61051: 100 → 161.051 over 2015 → 2020 is 10% a year.
    const auto t = series::from_years({2015, 2020}, {100.0, 161.051});
    CHECK(t.cagr(y(2015), y(2020)) == doctest::Approx(0.1).epsilon(1e-12));

    // Per quarter: 100 → 121 over two quarters is 1.21^(1/2) − 1 = 0.1 a quarter.
    const auto q = series::from_pairs({period::quarter(2024, 1), period::quarter(2024, 3)}, {100.0, 121.0});
    CHECK(q.cagr(period::quarter(2024, 1), period::quarter(2024, 3)) == doctest::Approx(0.1).epsilon(1e-12));

    // A fall: 80 → 20 over two periods is (1/4)^(1/2) − 1 = −0.5.
    CHECK(series::from_years({2020, 2022}, {80.0, 20.0}).cagr(y(2020), y(2022)) == doctest::Approx(-0.5).epsilon(1e-14));
}

TEST_CASE("series::cagr: errors") {
    const auto s = series::from_years({2020, 2022, 2024}, {10.0, 12.0, 15.0});

    // A missing value is a data_error naming the period.
    auto d = thrown<ontrack::data_error>([&] { (void)s.cagr(y(2021), y(2024)); });
    REQUIRE(d);
    CHECK(mentions(d->what(), {"2021"}));
    d = thrown<ontrack::data_error>([&] { (void)s.cagr(y(2020), y(2023)); });
    REQUIRE(d);
    CHECK(mentions(d->what(), {"2023"}));
    CHECK_THROWS_AS((void)s.cagr(y(2020), y(2030)), ontrack::data_error);  // outside the series

    // Non-positive values are a value_error naming both values.
    auto v = thrown<ontrack::value_error>([] { (void)series::from_years({2020, 2024}, {0.0, 5.0}).cagr(y(2020), y(2024)); });
    REQUIRE(v);
    CHECK(v->field() == "values");
    CHECK(mentions(v->what(), {"positive", "0 in 2020", "5 in 2024"}));
    CHECK_THROWS_AS((void)series::from_years({2020, 2024}, {-1.0, 5.0}).cagr(y(2020), y(2024)), ontrack::value_error);
    CHECK_THROWS_AS((void)series::from_years({2020, 2024}, {5.0, -2.0}).cagr(y(2020), y(2024)), ontrack::value_error);

    // The periods must be in order.
    v = thrown<ontrack::value_error>([&] { (void)s.cagr(y(2024), y(2020)); });
    REQUIRE(v);
    CHECK(v->field() == "periods");
    CHECK(mentions(v->what(), {"2024", "2020"}));
    CHECK_THROWS_AS((void)s.cagr(y(2022), y(2022)), ontrack::value_error);
}

TEST_CASE("series::last_observed_at_or_before skips gaps") {
    const series s(y(2020), {1.0, gap, gap, 4.0});
    REQUIRE(s.last_observed_at_or_before(y(2022)));
    CHECK(*s.last_observed_at_or_before(y(2022)) == y(2020));  // 2021 and 2022 are gaps
    CHECK(*s.last_observed_at_or_before(y(2030)) == y(2023));  // clipped to the end
    CHECK(*s.last_observed_at_or_before(y(2020)) == y(2020));
    CHECK_FALSE(s.last_observed_at_or_before(y(2019)));
    // The first representable year: the search must not step back out of the calendar.
    const series first(y(1400), {2.0, gap});
    REQUIRE(first.last_observed_at_or_before(y(1405)));
    CHECK(*first.last_observed_at_or_before(y(1405)) == y(1400));
}

TEST_CASE("series: renamed and equality") {
    const series a(y(2020), {1.0, gap, 3.0}, "x", "r", "%");
    const series b(y(2020), {1.0, gap, 3.0}, "x", "r", "%");
    CHECK(a == b);  // gaps compare equal to gaps
    CHECK_FALSE(a == series(y(2021), {1.0, gap, 3.0}, "x", "r", "%"));
    CHECK_FALSE(a == series(y(2020), {1.0, gap, 3.5}, "x", "r", "%"));
    const auto renamed = a.renamed("y", "s", "‰");
    CHECK(renamed.indicator() == "y");
    CHECK(renamed.region() == "s");
    CHECK(renamed.unit() == "‰");
    CHECK(renamed.values().size() == 3u);
    CHECK_FALSE(renamed == a);
}
