// The indicator catalogue: the bundled table, lookups by id, name and phrase, and the CSV's errors.
#include <ontrack/indicator_catalogue.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using ontrack::testing::mentions;
using ontrack::testing::thrown;

namespace {
const std::string data_dir = ONTRACK_EXAMPLES_DATA_DIR;
const std::string header = "id,name_zh,name_en,phrases_zh,phrases_en,unit,kind,direction,lower_bound,upper_bound,publication_lag_months,publication_note\n";
}  // namespace

TEST_CASE("the bundled catalogue knows the bundled R&D indicators, their bounds and publication lags") {
    const auto catalogue = ontrack::read_indicator_catalogue_file(data_dir + "/indicators.csv");
    const auto& intensity = catalogue.at("rd_intensity");
    CHECK(intensity.kind == ontrack::indicator_kind::ratio);
    CHECK(intensity.measure.base == "percent");
    REQUIRE(intensity.lower_bound);
    CHECK(*intensity.lower_bound == 0.0);
    REQUIRE(intensity.publication_lag_months);
    // The 2024 bulletin appeared on 2025-09-29: nine months after the end of 2024 (rounded down).
    CHECK(*intensity.publication_lag_months == 9);
    const auto& literacy = catalogue.at("citizens_with_scientific_literacy");
    CHECK(literacy.kind == ontrack::indicator_kind::share);
    REQUIRE(literacy.upper_bound);
    CHECK(*literacy.upper_bound == 100.0);
    CHECK_FALSE(catalogue.at("rd_expenditure").upper_bound);
    CHECK(catalogue.find("no_such_indicator") == nullptr);
    const auto missing = thrown<ontrack::value_error>([&] { (void)catalogue.at("no_such_indicator"); });
    REQUIRE(missing);
    CHECK(mentions(missing->what(), {"no_such_indicator"}));
}

TEST_CASE("a name, a phrase or an id finds one indicator; the longest phrase in a clause comes first") {
    const auto catalogue = ontrack::read_indicator_catalogue_file(data_dir + "/indicators.csv");
    REQUIRE(catalogue.lookup("研发投入强度") != nullptr);
    CHECK(catalogue.lookup("研发投入强度")->id == "rd_intensity");
    CHECK(catalogue.lookup("  R&D Intensity ")->id == "rd_intensity");  // case and blanks folded
    CHECK(catalogue.lookup("rd_expenditure")->id == "rd_expenditure");
    CHECK(catalogue.lookup("研发") == nullptr);
    const auto found = catalogue.match_phrase("到2025年，全社会研发经费投入强度达到2.5%以上");
    REQUIRE(found.size() >= 2);
    CHECK(found[0]->id == "rd_intensity");  // "全社会研发经费投入强度" is longer than "研发经费"
    CHECK(found[1]->id == "rd_expenditure");
    CHECK(catalogue.match_phrase("粮食产量稳定在1000万吨").empty());
    const auto firms = catalogue.match_phrase("高新技术企业数量达到1000家");
    REQUIRE_FALSE(firms.empty());
    CHECK(firms[0]->id == "high_tech_enterprises_valid");
}

TEST_CASE("the catalogue writes what it reads") {
    const auto catalogue = ontrack::read_indicator_catalogue_file(data_dir + "/indicators.csv");
    const auto again = ontrack::read_indicator_catalogue(ontrack::write_indicator_catalogue(catalogue), "written");
    REQUIRE(again.size() == catalogue.size());
    CHECK(ontrack::write_indicator_catalogue(again) == ontrack::write_indicator_catalogue(catalogue));
}

TEST_CASE("bad catalogue rows are refused naming line, column and field") {
    const auto error_of = [](const std::string& rows) {
        return thrown<ontrack::parse_error>([&] { (void)ontrack::read_indicator_catalogue(header + rows, "cat.csv"); });
    };
    const auto duplicate = error_of("a,,,,,%,share,,0,100,,\na,,,,,%,share,,0,100,,\n");
    REQUIRE(duplicate);
    CHECK(duplicate->line() == 3);
    CHECK(mentions(duplicate->what(), {"cat.csv", "duplicate", "line 2"}));
    const auto clash = error_of("a,甲,,研发|强度,,,,,,,,\nb,乙,,强度,,,,,,,,\n");
    REQUIRE(clash);
    CHECK(clash->field() == "phrases_zh");
    CHECK(mentions(clash->what(), {"强度", "'a'", "line 2"}));
    const auto bounds = error_of("a,,,,,%,share,,100,0,,\n");
    REQUIRE(bounds);
    CHECK(bounds->field() == "upper_bound");
    const auto lag = error_of("a,,,,,,,,,,2.5,\n");
    REQUIRE(lag);
    CHECK(lag->field() == "publication_lag_months");
    const auto negative = error_of("a,,,,,,,,,,-1,\n");
    REQUIRE(negative);
    const auto not_number = error_of("a,,,,,,,,zero,,,\n");
    REQUIRE(not_number);
    CHECK(not_number->field() == "lower_bound");
    CHECK(not_number->column() == 9);
    const auto kind = error_of("a,,,,,,stok,,,,,\n");
    REQUIRE(kind);
    CHECK(kind->field() == "kind");
    const auto unknown_column = thrown<ontrack::parse_error>([] { (void)ontrack::read_indicator_catalogue("id,colour\na,red\n", "cat.csv"); });
    REQUIRE(unknown_column);
    CHECK(unknown_column->field() == "colour");
}
