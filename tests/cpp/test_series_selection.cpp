// Tests of ontrack/series_selection.hpp: the one selection policy. Expected values are the rows
// written in each test; publication days are calendar arithmetic by hand; the bundled R&D dates are
// those the 2024 bulletin states (2025-09-29, examples/data/observations.csv, source column).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/batch_assessment.hpp>
#include <ontrack/indicator_catalogue.hpp>
#include <ontrack/series_selection.hpp>
#include <ontrack/targets_file.hpp>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {
using ontrack::period;
boost::gregorian::date day(int y, int m, int d) {
    return boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}
ontrack::observation row(int year, double value, std::optional<boost::gregorian::date> published = std::nullopt, const std::string& vintage = "") {
    ontrack::observation o;
    o.region = "China";
    o.indicator = "a";
    o.at = period::year(year);
    o.value = value;
    o.unit = "%";
    o.vintage = vintage;
    o.published = published;
    return o;
}
ontrack::selection_options as_of(boost::gregorian::date d, std::optional<int> lag = std::nullopt) {
    ontrack::selection_options how;
    how.as_of = d;
    how.publication_lag_months = lag;
    return how;
}
}  // namespace

TEST_CASE("selection: a figure counts once published: its date, else the lag of its frequency") {
    const ontrack::observation_table table({row(2022, 2.5, day(2023, 9, 18)), row(2023, 2.6, day(2024, 10, 2)), row(2024, 2.7)});
    // As of 2024-09-30: 2023 was published 2024-10-02, not yet; 2024 has no date and the annual
    // default lag (6 months) makes it known from 2025-07-01.
    auto chosen = ontrack::select_series(table, "China", "a", as_of(day(2024, 9, 30)));
    CHECK(chosen.values.end() == period::year(2022));
    REQUIRE(chosen.published_on(period::year(2023)));
    CHECK(*chosen.published_on(period::year(2023)) == day(2024, 10, 2));
    CHECK(*chosen.published_on(period::year(2024)) == day(2025, 7, 1));
    chosen = ontrack::select_series(table, "China", "a", as_of(day(2025, 6, 30)));
    CHECK(chosen.values.end() == period::year(2023));
    chosen = ontrack::select_series(table, "China", "a", as_of(day(2025, 7, 1)));
    CHECK(chosen.values.end() == period::year(2024));
    // A lag given: 2 months after 2024 ends.
    chosen = ontrack::select_series(table, "China", "a", as_of(day(2025, 3, 1), 2));
    CHECK(chosen.values.end() == period::year(2024));
    // Without as_of, everything.
    CHECK(ontrack::select_series(table, "China", "a").values.end() == period::year(2024));
    CHECK(ontrack::select_series(table, "China", "a").unpublished.empty());
}

TEST_CASE("selection: the bundled 2024 R&D figures count from their bulletin's day (2025-09-29)") {
    const auto table = ontrack::read_observations_file(ONTRACK_EXAMPLES_DATA_DIR "/observations.csv");
    for (const auto& indicator : {std::string("rd_intensity"), std::string("rd_expenditure")}) {
        INFO(indicator);
        ontrack::selection_options how = as_of(day(2025, 6, 30));
        auto chosen = ontrack::select_series(table, "China", indicator, how);
        CHECK(chosen.values.end() == period::year(2023));
        how.as_of = day(2025, 10, 1);
        chosen = ontrack::select_series(table, "China", indicator, how);
        CHECK(chosen.values.end() == period::year(2024));
    }
    // Through the batch assessment of the bundled national plan as well.
    const auto targets = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv");
    std::vector<const ontrack::target*> rd;
    // cn14-01: R&D expenditure to grow more than 7% a year in 2021–2025.
    for (const auto& t : targets) if (t.id == "cn14-01") rd.push_back(&t);
    REQUIRE_FALSE(rd.empty());
    ontrack::assessment_options o;
    o.as_of = day(2025, 6, 30);
    auto batch = ontrack::assess_observations(rd, table, o);
    REQUIRE(batch.results[0].latest_period);
    CHECK(*batch.results[0].latest_period == period::year(2023));
    o.as_of = day(2025, 10, 1);
    batch = ontrack::assess_observations(rd, table, o);
    CHECK(*batch.results[0].latest_period == period::year(2024));
    // As of today's kind of day (after the 2025 deadline, before any 2025 figure): awaiting data.
    o.as_of = day(2026, 1, 15);
    batch = ontrack::assess_observations(rd, table, o);
    CHECK(batch.results[0].unified == ontrack::status::awaiting_data);
    CHECK(batch.results[0].based_on == ontrack::basis::nowcast);
    REQUIRE(batch.results[0].expected_publication);
    // No 2025 row: the end of 2025 plus the default annual lag of 6 months.
    CHECK(*batch.results[0].expected_publication == day(2026, 7, 1));
}

TEST_CASE("selection: published dates are read, checked and written back losslessly") {
    const std::string text =
        "region,indicator,period,value,unit,vintage,published,source\n"
        "China,a,2023,2.65,%,first_release,2024-10-02,bulletin\n"
        "China,a,2024,2.69,%,first_release,,bulletin\n";
    const auto table = ontrack::read_observations(text, "t.csv");
    REQUIRE(table.rows()[0].published);
    CHECK(*table.rows()[0].published == day(2024, 10, 2));
    CHECK_FALSE(table.rows()[1].published);
    CHECK(ontrack::write_observations(table) == text);
    // Without any date the column is not written (files without it stay as they were).
    const std::string plain = "region,indicator,period,value,unit,vintage,source\nChina,a,2023,2.65,%,,x\n";
    CHECK(ontrack::write_observations(ontrack::read_observations(plain)) == plain);
    // A bad day, or one before the period ends, names line, column and the fix.
    const auto bad = ontrack::testing::thrown<ontrack::parse_error>([] {
        (void)ontrack::read_observations("region,indicator,period,value,published\nChina,a,2023,1,2023-13-01\n", "t.csv");
    });
    REQUIRE(bad);
    CHECK(ontrack::testing::mentions(bad->what(), {"t.csv", "line 2", "published", "2023-13-01", "YYYY-MM-DD"}));
    const auto early = ontrack::testing::thrown<ontrack::parse_error>([] {
        (void)ontrack::read_observations("region,indicator,period,value,published\nChina,a,2023,1,2023-06-01\n", "t.csv");
    });
    REQUIRE(early);
    CHECK(ontrack::testing::mentions(early->what(), {"published", "2023-06-01", "after the period ends"}));
}

TEST_CASE("selection: without publication dates each indicator waits its catalogue lag (R&D 9 months, GDP 2)") {
    // No dated vintage, no `published` day: the lags come from the bundled catalogue
    // (examples/data/indicators.csv: rd_intensity 9, gdp 2). Days by hand: 2024 ends 2024-12-31, so an
    // R&D figure counts from 2025-10-01 (9 months after 2025-01-01) and a GDP figure from 2025-03-01.
    const std::string text =
        "region,indicator,period,value,unit,vintage,source\n"
        "China,rd_intensity,2021,2.43,%,first_release,x\n"
        "China,rd_intensity,2022,2.56,%,first_release,x\n"
        "China,rd_intensity,2023,2.65,%,first_release,x\n"
        "China,rd_intensity,2024,2.68,%,first_release,x\n"
        "China,gdp,2023,126.1,万亿元,first_release,x\n"
        "China,gdp,2024,134.9,万亿元,first_release,x\n";
    const auto table = ontrack::read_observations(text, "t.csv");
    const auto catalogue = ontrack::read_indicator_catalogue_file(ONTRACK_EXAMPLES_DATA_DIR "/indicators.csv");
    ontrack::selection_options how = as_of(day(2025, 6, 30));
    how.default_lags = ontrack::publication_lags_of(catalogue);
    CHECK(how.default_lags.months(ontrack::frequency::annual, "rd_intensity") == 9);
    CHECK(how.default_lags.months(ontrack::frequency::annual, "no_such_indicator") == 6);
    auto rd = ontrack::select_series(table, "China", "rd_intensity", how);
    CHECK(rd.values.end() == period::year(2023));
    REQUIRE(rd.published_on(period::year(2024)));
    CHECK(*rd.published_on(period::year(2024)) == day(2025, 10, 1));
    CHECK(ontrack::select_series(table, "China", "gdp", how).values.end() == period::year(2024));
    how.as_of = day(2025, 9, 30);
    CHECK(ontrack::select_series(table, "China", "rd_intensity", how).values.end() == period::year(2023));
    how.as_of = day(2025, 10, 1);
    CHECK(ontrack::select_series(table, "China", "rd_intensity", how).values.end() == period::year(2024));
    // Without the catalogue the annual default (6 months) would have used the R&D figure on 2025-07-01.
    ontrack::selection_options plain = as_of(day(2025, 7, 1));
    CHECK(ontrack::select_series(table, "China", "rd_intensity", plain).values.end() == period::year(2024));
    how.as_of = day(2025, 7, 1);
    CHECK(ontrack::select_series(table, "China", "rd_intensity", how).values.end() == period::year(2023));
    // A lag given for all overrides the indicator's own.
    how.publication_lag_months = 2;
    how.as_of = day(2025, 6, 30);
    CHECK(ontrack::select_series(table, "China", "rd_intensity", how).values.end() == period::year(2024));

    // The batch assessment passes the lags on, and an awaited deadline's expected day uses them too.
    ontrack::target t;
    t.id = "rd";
    t.region = "China";
    t.indicator = "rd_intensity";
    t.value = 2.8;
    t.unit = "%";
    t.deadline = period::year(2024);
    ontrack::assessment_options o;
    o.as_of = day(2025, 6, 30);
    o.default_publication_lags = ontrack::publication_lags_of(catalogue);
    const auto batch = ontrack::assess_observations({&t}, table, o);
    REQUIRE(batch.results.size() == 1);
    INFO(batch.results[0].message);
    CHECK(batch.results[0].unified == ontrack::status::awaiting_data);
    REQUIRE(batch.results[0].expected_publication);
    CHECK(*batch.results[0].expected_publication == day(2025, 10, 1));
}

TEST_CASE("selection: an awaited figure past its expected day is overdue, and the message says so") {
    // R&D intensity 2021–2024 without dates; the 2025 figure is not in the data. With the catalogue's
    // 9 months it is expected 2026-10-01 (end of 2025 + 9 months, by hand).
    const std::string text =
        "region,indicator,period,value,unit,vintage,source\n"
        "China,rd_intensity,2021,2.43,%,first_release,x\n"
        "China,rd_intensity,2022,2.56,%,first_release,x\n"
        "China,rd_intensity,2023,2.65,%,first_release,x\n"
        "China,rd_intensity,2024,2.68,%,first_release,x\n";
    const auto table = ontrack::read_observations(text, "t.csv");
    ontrack::target t;
    t.id = "rd";
    t.region = "China";
    t.indicator = "rd_intensity";
    t.value = 2.8;
    t.unit = "%";
    t.deadline = period::year(2025);
    ontrack::assessment_options o;
    o.default_publication_lags = ontrack::publication_lags_of(ontrack::read_indicator_catalogue_file(ONTRACK_EXAMPLES_DATA_DIR "/indicators.csv"));
    o.as_of = day(2026, 9, 30);
    auto a = ontrack::assess_observations({&t}, table, o).results.at(0);
    INFO(a.message);
    CHECK(a.unified == ontrack::status::awaiting_data);
    CHECK_FALSE(a.overdue);
    CHECK(a.message.find("not yet published (expected 2026-10-01)") != std::string::npos);
    // On the expected day itself the figure should be out (a figure counts on its publication day).
    for (const auto d : {day(2026, 10, 1), day(2026, 11, 15)}) {
        o.as_of = d;
        a = ontrack::assess_observations({&t}, table, o).results.at(0);
        INFO(a.message);
        CHECK(a.unified == ontrack::status::awaiting_data);
        CHECK(a.overdue);
        CHECK(a.message.find("the 2025 figure is overdue (expected 2026-10-01") != std::string::npos);
        CHECK(a.message.find("not yet published") == std::string::npos);
    }
    // A status other than awaiting_data is never overdue.
    o.as_of = std::nullopt;
    CHECK_FALSE(ontrack::assess_observations({&t}, table, o).results.at(0).overdue);
}

TEST_CASE("selection: a series mixing units of different kinds names the file and line of both rows") {
    // Rows 2 and 3 of s.csv (the header is line 1); both the latest-release path (dated vintages) and
    // the one-vintage path go through the same unit check.
    const auto table = ontrack::read_observations("region,indicator,period,value,unit\nChina,a,2019,1,亿元\nChina,a,2020,2,%\n", "s.csv");
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::select_series(table, "China", "a"); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"'亿元' (2019, s.csv, line 2)", "'%' (2020, s.csv, line 3)", "measure different things"}));
    const auto dated = ontrack::read_observations(
        "region,indicator,period,value,unit,vintage\nChina,a,2019,1,亿元,2020-03-01\nChina,a,2020,2,%,2021-03-01\n", "d.csv");
    const auto d = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::select_series(dated, "China", "a"); });
    REQUIRE(d);
    CHECK(ontrack::testing::mentions(d->what(), {"d.csv, line 2", "d.csv, line 3"}));
}
