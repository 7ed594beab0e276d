// Tests of ontrack/publication.hpp: ISO dates read one way, the day a figure counts as published.
// Expected days are calendar arithmetic by hand.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/publication.hpp>

namespace {
boost::gregorian::date day(int y, int m, int d) {
    return boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}
}  // namespace

TEST_CASE("ISO dates: only YYYY-MM-DD naming a real day") {
    CHECK(ontrack::is_iso_date("2025-09-29"));
    CHECK(ontrack::is_iso_date("2024-02-29"));
    CHECK_FALSE(ontrack::is_iso_date("2025-02-29"));
    CHECK_FALSE(ontrack::is_iso_date("20250929"));
    CHECK_FALSE(ontrack::is_iso_date("2025-9-29"));
    CHECK_FALSE(ontrack::is_iso_date("1399-12-31"));
    CHECK_FALSE(ontrack::is_iso_date("２０２５-09-29"));
    CHECK(ontrack::parse_iso_date("2025-09-29") == day(2025, 9, 29));
    CHECK(ontrack::iso_date(day(2025, 9, 29)) == "2025-09-29");
    const auto bad = ontrack::testing::thrown<ontrack::parse_error>([] { (void)ontrack::parse_iso_date("2025-13-01", "published"); });
    REQUIRE(bad);
    CHECK(ontrack::testing::mentions(bad->what(), {"published", "2025-13-01", "YYYY-MM-DD"}));
}

TEST_CASE("available_from: the day after the period ends, plus the lag") {
    using ontrack::period;
    CHECK(ontrack::available_from(period::year(2024), 0) == day(2025, 1, 1));
    CHECK(ontrack::available_from(period::year(2024), 9) == day(2025, 10, 1));
    CHECK(ontrack::available_from(period::quarter(2024, 3), 2) == day(2024, 12, 1));
    CHECK(ontrack::available_from(period::month(2024, 1), 1) == day(2024, 3, 1));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::available_from(period::year(2024), -1); }));
    // A known publication day wins over the lag; published on the day itself counts.
    CHECK(ontrack::published_by(period::year(2024), day(2025, 9, 29), 0, day(2025, 9, 29)));
    CHECK_FALSE(ontrack::published_by(period::year(2024), day(2025, 9, 29), 0, day(2025, 9, 28)));
    CHECK_FALSE(ontrack::published_by(period::year(2024), std::nullopt, 6, day(2025, 6, 30)));
    CHECK(ontrack::published_by(period::year(2024), std::nullopt, 6, day(2025, 7, 1)));
    const ontrack::publication_lags lags;
    CHECK(lags.months(ontrack::frequency::annual) == 6);
    CHECK(lags.months(ontrack::frequency::quarterly) == 2);
    CHECK(lags.months(ontrack::frequency::monthly) == 1);
}
