// Tests of ontrack/observations.hpp: the observations CSV (docs/targets_csv.md, "Observations"), reading
// with errors that name line, column and field, writing back as read, and selecting series by vintage.
//
// Reference figures: row counts are lines counted with std::ifstream; values and vintages are read by
// hand from examples/data/observations.csv and its README (e.g. China basic_research_expenditure 2020 =
// 1467.0 亿元; China rd_intensity has the vintages first_release, revised_2026, revised_next_bulletin,
// yearbook).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/observations.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::observation;
using ontrack::observation_table;
using ontrack::period;

const std::string observations_path = ONTRACK_EXAMPLES_DATA_DIR "/observations.csv";
const std::string header = "region,indicator,period,value,unit,vintage,source";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::size_t count_lines(const std::string& text) {
    std::size_t n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

std::string file_of(std::initializer_list<std::string> rows) {
    std::string out = header + "\n";
    for (const auto& r : rows) out += r + "\n";
    return out;
}

void check_rejected(const std::string& text, std::size_t line, std::size_t column, const std::string& field,
                    const std::string& value, std::initializer_list<std::string_view> parts = {}) {
    CAPTURE(text);
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_observations(text, "obs.csv"); });
    REQUIRE(e);
    const std::string what = e->what();
    CAPTURE(what);
    CHECK(e->line() == line);
    CHECK(e->column() == column);
    CHECK(e->field() == field);
    CHECK(e->value() == value);
    std::string where = "obs.csv, line " + std::to_string(line);
    if (column > 0) where += ", column " + std::to_string(column);
    CHECK(mentions(what, {where}));
    if (!field.empty()) CHECK(mentions(what, {"field '" + field + "'"}));
    if (!value.empty()) CHECK(mentions(what, {"'" + value + "'"}));
    for (const auto part : parts) CHECK(mentions(what, {part}));
}

observation make(const std::string& indicator, period at, double value, const std::string& vintage = {}) {
    observation o;
    o.region = "R";
    o.indicator = indicator;
    o.at = at;
    o.value = value;
    o.unit = "家";
    o.vintage = vintage;
    return o;
}

}  // namespace

TEST_CASE("observations: the example file is read whole and written back byte for byte") {
    const std::string text = read_text(observations_path);
    const std::size_t lines = count_lines(text);
    CHECK(lines == 245u);  // the header and the 244 rows the README lists
    const auto table = ontrack::read_observations(text, observations_path);
    CHECK(table.size() == lines - 1);
    // The file keeps trailing zeros as published ("2.40", "1467.0"); the writer keeps them too.
    CHECK(ontrack::write_observations(table) == text);
    CHECK(ontrack::read_observations_file(observations_path).size() == table.size());

    // Spot checks, read by hand from the file.
    const auto& first = table.rows().front();  // Changji City,gdp,2023,620.77,亿元,,"2023年昌吉市…"
    CHECK(first.region == "Changji City");
    CHECK(first.indicator == "gdp");
    CHECK(first.at == period::year(2023));
    CHECK(first.value == 620.77);
    CHECK(first.unit == "亿元");
    CHECK(first.vintage.empty());
    CHECK(first.source.rfind("2023年昌吉市国民经济和社会发展统计公报", 0) == 0);
    // Doubled quotes inside a quoted source come back single.
    CHECK(table.rows()[1].source.find("[\"高新技术企业39家,占昌吉回族自治州的44.3%\"]") != std::string::npos);
}

TEST_CASE("observations: selecting series from the example file") {
    const auto table = ontrack::read_observations_file(observations_path);

    // One vintage (empty): no need to name it. 13 rows, 2012–2024, no gaps.
    const auto basic = table.select("China", "basic_research_expenditure");
    CHECK(basic.start() == period::year(2012));
    CHECK(basic.end() == period::year(2024));
    CHECK(basic.size() == 13u);
    CHECK(basic.count() == 13u);
    CHECK(basic.at(period::year(2020)) == 1467.0);
    CHECK(basic.unit() == "亿元");
    CHECK(basic.indicator() == "basic_research_expenditure");
    CHECK(basic.region() == "China");

    // Several vintages: each must be named.
    CHECK(table.vintages("China", "rd_intensity") ==
          std::vector<std::string>{"first_release", "revised_2026", "revised_next_bulletin", "yearbook"});
    auto e = thrown<ontrack::value_error>([&] { (void)table.select("China", "rd_intensity"); });
    REQUIRE(e);
    CHECK(e->field() == "vintage");
    CHECK(mentions(e->what(), {"several vintages", "first_release, revised_2026, revised_next_bulletin, yearbook", "'rd_intensity'",
                               "'China'"}));
    const auto first_release = table.select("China", "rd_intensity", std::string("first_release"));
    CHECK(first_release.at(period::year(2020)) == 2.4);  // written "2.40"
    CHECK(first_release.size() == 14u);                   // 2012–2025
    const auto yearbook = table.select("China", "rd_intensity", std::string("yearbook"));
    CHECK(yearbook.at(period::year(2020)) == 2.41);

    // China gdp, preliminary: 2020, 2024, 2025 only: six periods, three observed.
    const auto gdp = table.select("China", "gdp", std::string("preliminary"));
    CHECK(gdp.size() == 6u);
    CHECK(gdp.count() == 3u);

    e = thrown<ontrack::value_error>([&] { (void)table.select("China", "rd_intensity", std::string("final")); });
    REQUIRE(e);
    CHECK(e->field() == "vintage");
    CHECK(mentions(e->what(), {"'final'", "available: first_release"}));

    const auto missing = thrown<ontrack::data_error>([&] { (void)table.select("Changji City", "rd_intensity"); });
    REQUIRE(missing);
    CHECK(mentions(missing->what(), {"'rd_intensity'", "'Changji City'"}));
    CHECK_FALSE(table.contains("Changji City", "rd_intensity"));
    CHECK(table.contains("Changji City", "gdp"));
    CHECK(table.vintages("Changji City", "rd_intensity").empty());
}

TEST_CASE("observations: duplicate rows are a parse_error naming both lines") {
    const std::string text = file_of({"R,x,2021,1,家,,a", "R,x,2022,2,家,,b", "R,x,2021,1,家,,c"});
    check_rejected(text, 4, 3, "period", "2021", {"duplicate observation", "R / x", "first on line 2"});
    // The same with a vintage; and the key is compared after reading the period ("2021年" is 2021).
    check_rejected(file_of({"R,x,2021,1,家,yearbook,a", "R,x,2021年,1,家,yearbook,b"}), 3, 3, "period", "2021",
                   {"vintage yearbook", "first on line 2"});
    // Different vintages, regions or indicators are not duplicates.
    CHECK(ontrack::read_observations(file_of({"R,x,2021,1,家,,a", "R,x,2021,1.1,家,yearbook,a", "S,x,2021,1,家,,a",
                                              "R,y,2021,1,家,,a"}))
              .size() == 4u);
}

TEST_CASE("observations: an empty value is a period listed but not observed") {
    const auto table = ontrack::read_observations(file_of({"R,x,2020,10,家,,a", "R,x,2021,,家,,not yet published", "R,x,2022,12,家,,a"}));
    REQUIRE(table.size() == 3u);
    CHECK(std::isnan(table.rows()[1].value));
    CHECK(table.rows()[1].value_text.empty());
    const auto s = table.select("R", "x");
    CHECK(s.size() == 3u);
    CHECK(s.count() == 2u);
    CHECK_FALSE(s.has(period::year(2021)));
    CHECK(ontrack::write_observations(table) == file_of({"R,x,2020,10,家,,a", "R,x,2021,,家,,not yet published", "R,x,2022,12,家,,a"}));
    // Nothing observed at all: an empty series, not an error.
    CHECK(ontrack::read_observations(file_of({"R,x,2020,,家,,a"})).select("R", "x").empty());
}

TEST_CASE("observations: malformed files") {
    check_rejected(file_of({"R,x,2021,N/A,家,,a"}), 2, 4, "value", "N/A", {"not a number"});
    check_rejected(file_of({"R,x,2021,\"1,234\",家,,a"}), 2, 4, "value", "1,234", {"not a number"});
    check_rejected(file_of({"R,x,2021,1,家,,a", "R,x,2021-13,1,家,,a"}), 3, 3, "period", "2021-13", {"month"});
    check_rejected(file_of({"R,x,十四五,1,家,,a"}), 2, 3, "period", "十四五", {"span"});
    check_rejected(file_of({"R,,2021,1,家,,a"}), 2, 2, "indicator", "", {"needs an indicator"});
    check_rejected("region,indicator,period\nR,x,2021\n", 1, 0, "value", "", {"required column 'value'"});
    check_rejected(header + ",sourse\nR,x,2021,1,家,,a,n\n", 1, 8, "sourse", "sourse", {"did you mean 'source'?"});
    check_rejected(file_of({"R,x,2021,1,家,a"}), 2, 0, "", "", {"row has 6 fields but the header has 7"});
}

TEST_CASE("observations: the lenient reader leaves out a bad row and says why") {
    // Row 3 is not a number, row 5 repeats row 2: both are left out, the others are read.
    const std::string text = file_of({"R,x,2020,1,家,,a", "R,x,2021,N/A,家,,a", "R,x,2022,3,家,,a", "R,x,2020,9,家,,b"});
    const auto reading = ontrack::read_observations_lenient(text, "o.csv");
    REQUIRE(reading.table.size() == 2);
    CHECK(reading.table.rows()[0].value == 1.0);
    CHECK(reading.table.rows()[1].value == 3.0);
    REQUIRE(reading.rejected.size() == 2);
    CHECK(reading.rejected[0].line == 3);
    CHECK(mentions(reading.rejected[0].message, {"o.csv, line 3, column 4", "field 'value'", "N/A", "leave the cell empty"}));
    CHECK(reading.rejected[1].line == 5);
    CHECK(mentions(reading.rejected[1].message, {"o.csv, line 5", "duplicate observation", "first on line 2"}));
    // The strict reader stops at the first of them, with the same message.
    CHECK(thrown<ontrack::parse_error>([&] { (void)ontrack::read_observations(text, "o.csv"); })->what() == reading.rejected[0].message);
    // A wide row is one row: a bad cell leaves out the whole row, and a later row may repeat none of it.
    const auto wide = ontrack::read_observations_lenient("region,indicator,2020,2021\nR,x,1,oops\nR,x,5,6\n", "w.csv");
    REQUIRE(wide.table.size() == 2);
    CHECK(wide.table.rows()[0].line == 3);
    REQUIRE(wide.rejected.size() == 1);
    CHECK(mentions(wide.rejected[0].message, {"w.csv, line 2, column 4", "field '2021'"}));
    // A file that is not an observations table still fails whole.
    CHECK(thrown<ontrack::parse_error>([] { (void)ontrack::read_observations_lenient("region,indicator,period\nR,x,2020\n", "o.csv"); }).has_value());
    CHECK(thrown<ontrack::parse_error>([] { (void)ontrack::read_observations_lenient("region,indicator,period,value\nR,x,2020\n", "o.csv"); }).has_value());
}

TEST_CASE("observations: a series mixing units that measure different things names the rows' lines") {
    const auto table = ontrack::read_observations(file_of({"R,x,2020,1,亿元,,a", "R,x,2021,2,%,,a"}), "o.csv");
    const auto e = thrown<ontrack::value_error>([&] { (void)table.select("R", "x"); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"mixes units '亿元' (2020, o.csv, line 2) and '%' (2021, o.csv, line 3)", "correct the unit column"}));
}

TEST_CASE("observations: optional columns, full-width digits, quarters, BOM and CRLF") {
    const auto minimal = ontrack::read_observations("region,indicator,period,value\nR,x,2021,5\n");
    REQUIRE(minimal.size() == 1u);
    CHECK(minimal.rows()[0].unit.empty());
    CHECK(minimal.rows()[0].vintage.empty());
    CHECK(ontrack::write_observations(minimal) == header + "\nR,x,2021,5,,,\n");  // every column is written

    const auto wide = ontrack::read_observations(file_of({"R,x,2021,１２３,家,,a"}));
    CHECK(wide.rows()[0].value == 123.0);
    CHECK(ontrack::write_observations(wide) == file_of({"R,x,2021,１２３,家,,a"}));  // kept as written

    const auto quarters = ontrack::read_observations(file_of({"R,x,2025-Q2,2,家,,a", "R,x,2025年第一季度,1,家,,a"}));
    const auto s = quarters.select("R", "x");
    CHECK(s.start() == period::quarter(2025, 1));
    CHECK(s.values() == std::vector<double>{1.0, 2.0});
    // Periods are written canonically.
    CHECK(ontrack::write_observations(quarters) == file_of({"R,x,2025-Q2,2,家,,a", "R,x,2025-Q1,1,家,,a"}));

    const std::string canonical = file_of({"R,x,2021,1.50,家,,\"a, b\""});
    std::string crlf;
    for (const char c : canonical) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(ontrack::write_observations(ontrack::read_observations("\xEF\xBB\xBF" + crlf)) == canonical);
}

TEST_CASE("observations: select converts units of one kind, rejects others; the unnamed vintage can be chosen") {
    // 1 亿元 = 10^8 / 10^4 = 10000 万元 (exact); the series takes the unit of its latest row.
    const auto convertible = ontrack::read_observations(file_of({"R,x,2020,1,亿元,,a", "R,x,2021,2,万元,,a"}));
    const auto converted = convertible.select("R", "x");
    CHECK(converted.unit() == "万元");
    CHECK(converted.values() == std::vector<double>{10000.0, 2.0});
    const auto mixed = ontrack::read_observations(file_of({"R,x,2020,1,亿元,,a", "R,x,2021,2,%,,a"}));
    const auto e = thrown<ontrack::value_error>([&] { (void)mixed.select("R", "x"); });
    REQUIRE(e);
    CHECK(e->field() == "unit");
    CHECK(mentions(e->what(), {"'亿元'", "'%'"}));

    const auto table = ontrack::read_observations(file_of({"R,x,2020,1,家,,a", "R,x,2020,2,家,yearbook,a"}));
    CHECK(table.vintages("R", "x") == std::vector<std::string>{"", "yearbook"});
    CHECK_THROWS_AS((void)table.select("R", "x"), ontrack::value_error);
    CHECK(table.select("R", "x", std::string()).at(period::year(2020)) == 1.0);
    CHECK(table.select("R", "x", std::string("yearbook")).at(period::year(2020)) == 2.0);
}

TEST_CASE("observation_table built in code") {
    const observation_table table({make("x", period::year(2020), 2.5), make("x", period::year(2021), 3.0, "v1")});
    CHECK(table.size() == 2u);
    CHECK(ontrack::write_observations(table) == file_of({"R,x,2020,2.5,家,,", "R,x,2021,3,家,v1,"}));

    // A value changed after reading is written in shortest form; an unchanged one as it was read.
    observation changed = make("x", period::year(2020), 2.5);
    changed.value_text = "2.40";
    observation same = make("y", period::year(2020), 2.4);
    same.value_text = "2.40";
    CHECK(ontrack::write_observations(observation_table({changed, same})) == file_of({"R,x,2020,2.5,家,,", "R,y,2020,2.40,家,,"}));

    auto e = thrown<ontrack::value_error>(
        [] { (void)observation_table({make("x", period::year(2020), 1), make("x", period::year(2020), 2)}); });
    REQUIRE(e);
    CHECK(e->field() == "period");
    CHECK(mentions(e->what(), {"duplicate observation", "R / x / 2020"}));
    // The same year as a year and as a quarter is no duplicate.
    CHECK(observation_table({make("x", period::year(2020), 1), make("x", period::quarter(2020, 1), 2)}).size() == 2u);

    e = thrown<ontrack::value_error>(
        [] { (void)observation_table({make("x", period::year(2020), std::numeric_limits<double>::infinity())}); });
    REQUIRE(e);
    CHECK(e->field() == "value");
    CHECK(mentions(e->what(), {"infinite", "2020"}));
}

TEST_CASE("observations: files are written and read back") {
    const auto table = ontrack::read_observations_file(observations_path);
    const auto path = (std::filesystem::temp_directory_path() / "ontrack_test_observations.csv").string();
    ontrack::write_observations_file(path, table);
    CHECK(read_text(path) == read_text(observations_path));
    std::remove(path.c_str());
    const auto e = thrown<ontrack::parse_error>([] { (void)ontrack::read_observations_file("/nonexistent/obs.csv"); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"/nonexistent/obs.csv"}));
}
