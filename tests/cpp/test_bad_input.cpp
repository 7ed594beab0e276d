// The bad-input catalogue of docs/robustness.md through the C++ API: for each entry, both the targets
// file and the observations file where it applies, either accepted (with what is read) or rejected
// with a parse_error / value_error / data_error whose message names the file, line, column, field and
// value. Test names start with the catalogue entry they pin.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/targets_file.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using ontrack::period;
using ontrack::testing::mentions;
using ontrack::testing::obs_error;
using ontrack::testing::obs_header;
using ontrack::testing::tgt_error;
using ontrack::testing::tgt_header_with_base;  // columns 1 id … 7 period, 8 baseline_period
using ontrack::testing::thrown;

// One observations row "China,x,2020,<value>" and one level target with value <value>.
std::string obs_value(const std::string& value) { return obs_header + "China,x,2020," + value + ",,,\n"; }
std::string tgt_value(const std::string& value) { return tgt_header_with_base + "a,China,x,level,>=," + value + ",2025,\n"; }

ontrack::observation_table table_of(const std::string& rows) { return ontrack::read_observations(obs_header + rows, "o.csv"); }

ontrack::target level_target(double value, int deadline) {
    ontrack::target t;
    t.id = "t";
    t.region = "China";
    t.indicator = "x";
    t.kind = ontrack::target_kind::level;
    t.compare = ontrack::comparator::at_least;
    t.value = value;
    t.deadline = period::year(deadline);
    return t;
}

ontrack::series yearly(int first, std::vector<double> values) { return ontrack::series(period::year(first), std::move(values), "x", "China"); }

}  // namespace

TEST_CASE("bad input: empty file") {
    CHECK(mentions(obs_error(""), {"o.csv, line 1", "the file is empty: expected a header line"}));
    CHECK(mentions(tgt_error(""), {"t.csv, line 1", "the file is empty"}));
    CHECK(mentions(obs_error("\r\n\n"), {"the file is empty"}));
    CHECK(mentions(tgt_error("\xEF\xBB\xBF"), {"the file is empty"}));  // a BOM alone
}

TEST_CASE("bad input: a folder or a missing path instead of a file (regression: a folder read as an empty file)") {
    const auto folder = std::filesystem::temp_directory_path().string();
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_observations_file(folder); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {folder, "cannot read the file: it is a folder"}));
    const auto t = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets_file(folder); });
    REQUIRE(t);
    CHECK(mentions(t->what(), {"it is a folder"}));
    const auto missing = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets_file(folder + "/no-such-ontrack-file.csv"); });
    REQUIRE(missing);
    CHECK(mentions(missing->what(), {"no-such-ontrack-file.csv: cannot open the file"}));
}

TEST_CASE("bad input: header only is an empty table that writes back as the header") {
    const auto table = ontrack::read_observations(obs_header, "o.csv");
    CHECK(table.size() == 0u);
    CHECK(ontrack::write_observations(table) == obs_header);
    const auto targets = ontrack::read_targets(tgt_header_with_base, "t.csv");
    CHECK(targets.empty());
    // The optional bounds column is written only when a target declares bounds.
    auto written_columns = ontrack::target_columns();
    written_columns.pop_back();
    CHECK(ontrack::target_columns().back() == "bounds");
    CHECK(ontrack::write_targets(targets) == ontrack::detail::csv_line(written_columns));
}

TEST_CASE("bad input: missing, extra and renamed columns") {
    CHECK(mentions(obs_error("region,indicator,period,unit\nChina,x,2020,%\n"), {"o.csv, line 1", "field 'value'", "required column 'value' is missing"}));
    CHECK(mentions(tgt_error("id,region,indicator,value,period\na,China,x,1,2025\n"), {"t.csv, line 1", "required column 'kind' is missing"}));
    // A column ontrack does not read is kept as an extra column (test_column_names.cpp).
    CHECK(ontrack::read_observations("region,indicator,period,value,colour\nChina,x,2020,1,hi\n", "o.csv").rows().at(0).extra_columns.at(0).second == "hi");
    CHECK(ontrack::read_targets("id,region,indicator,kind,period,owner\n", "t.csv").empty());
    // Misspelt: refused, named with its position and the column meant (capitalised and Chinese headers
    // are read: test_column_names.cpp).
    CHECK(mentions(obs_error("region,indicator,period,Vaule\nChina,x,2020,1\n"), {"line 1, column 4", "field 'Vaule'", "unknown column: did you mean 'value'?"}));
    CHECK(mentions(obs_error("region,indicator,period,value,sourse\nChina,x,2020,1,a\n"),
                   {"o.csv, line 1, column 5", "field 'sourse'", "did you mean 'source'?", "expected columns: region,indicator,period,value,unit,vintage,published,source"}));
    // Renamed beyond recognition: the missing required column is named, with the columns kept aside.
    CHECK(mentions(tgt_error("编码x,region,indicator,kind,period\n"), {"t.csv, line 1", "required column 'id' is missing", "'编码x'", "rename the one that holds id"}));
    // Surrounding blanks in a header name are trimmed, so " value " is the value column.
    CHECK(table_of("").size() == 0u);
    CHECK(ontrack::read_observations("region, indicator ,period,value \nChina,x,2020,1\n", "o.csv").size() == 1u);
}

TEST_CASE("bad input: ragged rows name the line and both field counts") {
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,\nChina,x,2021,1\n"), {"o.csv, line 3", "row has 4 fields but the header has 7"}));
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,,extra\n"), {"o.csv, line 2", "row has 8 fields but the header has 7"}));
    CHECK(mentions(tgt_error(tgt_header_with_base + "a,China,x,level,>=,1,2025\n"), {"t.csv, line 2", "row has 7 fields but the header has 8"}));
    CHECK(mentions(tgt_error(tgt_header_with_base + "a,China,x,level,>=,1,2025,,\n"), {"t.csv, line 2", "row has 9 fields"}));
}

TEST_CASE("bad input: an unterminated quote is reported where it opens, with its field") {
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,\nChina,x,2021,2,,,\"never closed\nChina,x,2022,3,,,\n"),
                   {"o.csv, line 3, column 7", "field 'source'", "a quoted field is never closed"}));
    CHECK(mentions(tgt_error(tgt_header_with_base + "\"a,China,x,level,>=,1,2025,\n"), {"t.csv, line 2, column 1", "field 'id'", "never closed"}));
}

TEST_CASE("bad input: bytes that are not UTF-8 (a GBK-encoded file) name line, column and field") {
    // 中国 in GBK is D6 D0 B9 FA: D6 D0 is not a valid UTF-8 sequence.
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,ok\nChina,x,2021,2,,,\xD6\xD0\xB9\xFA\n"),
                   {"o.csv, line 3, column 7", "field 'source'", "not valid UTF-8", "byte 0xD6"}));
    CHECK(mentions(tgt_error(tgt_header_with_base + "a,\xD6\xD0\xB9\xFA,x,level,>=,1,2025,\n"), {"t.csv, line 2, column 2", "field 'region'", "UTF-8"}));
    // In the header itself.
    CHECK(mentions(obs_error("region,indicator,period,value\xFF\nChina,x,2020,1\n"), {"o.csv, line 1", "UTF-8", "0xFF"}));
}

TEST_CASE("bad input: a byte-order mark and CRLF line ends are accepted; the writer drops both") {
    const std::string crlf = "\xEF\xBB\xBFregion,indicator,period,value,unit,vintage,source\r\nChina,x,2020,1.5,%,,\"a\r\nb\"\r\n";
    const auto table = ontrack::read_observations(crlf, "o.csv");
    REQUIRE(table.size() == 1u);
    CHECK(table.rows()[0].region == "China");
    CHECK(table.rows()[0].value == 1.5);
    CHECK(table.rows()[0].source == "a\r\nb");  // a line break inside quotes is kept as written
    CHECK(ontrack::write_observations(table) == obs_header + "China,x,2020,1.5,%,,\"a\r\nb\"\n");
    const auto targets = ontrack::read_targets("\xEF\xBB\xBF" "id,indicator,kind,value,period\r\na,x,level,1,2025\r\n", "t.csv");
    REQUIRE(targets.size() == 1u);
    CHECK(targets[0].id == "a");
    CHECK(ontrack::write_targets(targets).find('\r') == std::string::npos);
}

TEST_CASE("bad input: thousands separators are rejected with a hint") {
    CHECK(mentions(obs_error(obs_value("\"1,234\"")), {"o.csv, line 2, column 4", "field 'value'", "thousands separators", "(got '1,234')"}));
    CHECK(mentions(tgt_error(tgt_value("\"1,234.5\"")), {"t.csv, line 2, column 6", "field 'value'", "thousands separators"}));
    CHECK(mentions(obs_error(obs_value("1，234")), {"thousands separators"}));  // full-width comma
}

TEST_CASE("bad input: full-width digits are accepted; the observation keeps its text") {
    const auto table = table_of("China,x,２０２５,１２３４．５,,,\n");
    REQUIRE(table.size() == 1u);
    CHECK(table.rows()[0].at == period::year(2025));
    CHECK(table.rows()[0].value == 1234.5);
    CHECK(ontrack::write_observations(table) == obs_header + "China,x,2025,１２３４．５,,,\n");
    const auto targets = ontrack::read_targets(tgt_header_with_base + "a,China,x,level,>=,１．５,２０２５年,\n", "t.csv");
    CHECK(*targets[0].value == 1.5);
    CHECK(targets[0].due() == period::year(2025));
}

TEST_CASE("bad input: the Chinese full stop as a decimal point is rejected with a hint") {
    CHECK(mentions(obs_error(obs_value("1。5")), {"column 4", "field 'value'", "Chinese full stop", "write 1.5", "(got '1。5')"}));
    CHECK(mentions(tgt_error(tgt_value("1。5")), {"column 6", "Chinese full stop"}));
}

TEST_CASE("bad input: placeholders N/A, —, - are rejected: an empty cell means not observed") {
    for (const std::string placeholder : {"N/A", "—", "-", "NA", "…", "——"}) {
        CAPTURE(placeholder);
        CHECK(mentions(obs_error(obs_value(placeholder)), {"field 'value'", "a placeholder is not a value", "leave the cell empty", "(got '" + placeholder + "')"}));
        CHECK(mentions(tgt_error(tgt_value(placeholder)), {"field 'value'", "placeholder"}));
    }
    // The empty cell is the way to list a period without a value.
    const auto table = table_of("China,x,2020,,,,\n");
    CHECK(std::isnan(table.rows()[0].value));
}

TEST_CASE("bad input: NaN and infinity are rejected, and so are numbers beyond a double") {
    for (const std::string word : {"NaN", "nan", "inf", "-inf", "Infinity"}) {
        CAPTURE(word);
        CHECK(mentions(obs_error(obs_value(word)), {"field 'value'", "NaN and infinity are not values"}));
        CHECK(mentions(tgt_error(tgt_value(word)), {"NaN and infinity"}));
    }
    CHECK(mentions(obs_error(obs_value("1e400")), {"out of the range of a double", "(got '1e400')"}));
    CHECK(mentions(tgt_error(tgt_value("-1e999")), {"out of the range of a double"}));
    // In code, an infinite value is a value_error naming the row.
    ontrack::observation o;
    o.region = "China";
    o.indicator = "x";
    o.value = HUGE_VAL;
    const auto e = thrown<ontrack::value_error>([&] { (void)ontrack::observation_table({o}); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"field 'value'", "infinite value for China / x 2000"}));
}

TEST_CASE("bad input: negative values are accepted (a file does not know what its indicator counts)") {
    const auto table = table_of("China,enterprises,2020,-3,家,,\n");
    CHECK(table.rows()[0].value == -3.0);
    const auto targets = ontrack::read_targets(tgt_header_with_base + "a,China,x,increment,>=,-2,2025,2020\n", "t.csv");
    CHECK(*targets[0].value == -2.0);
}

TEST_CASE("bad input: zero and negative values with the log methods") {
    const auto s = yearly(2018, {1.0, 0.0, 2.0, 3.0, 4.0, 5.0});
    for (const auto m : {ontrack::method::loglinear, ontrack::method::cagr}) {
        CAPTURE(ontrack::to_string(m));
        const auto e = thrown<ontrack::value_error>([&] { (void)ontrack::project(s, m, period::year(2026)); });
        REQUIRE(e);
        CHECK(mentions(e->what(), {"needs positive values, got 0 in 2019"}));
        // assess does not fail: without a projection it falls back on the pace and says why.
        ontrack::assessment_options options;
        options.projection = m;
        const auto a = ontrack::assess(level_target(10.0, 2026), s, options);
        CHECK(a.method_used == "pace");
        CHECK(!a.probability);
        CHECK(mentions(a.message, {"no projection", "needs positive values, got 0 in 2019"}));
    }
}

TEST_CASE("bad input: duplicate periods and duplicate target ids") {
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,\nChina,x,2021,2,,,\nChina,x,2020,3,,,\n"),
                   {"o.csv, line 4, column 3", "field 'period'", "duplicate observation of China / x (first on line 2)", "(got '2020')"}));
    // 2020 and 2020年底 are the same period.
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,\nChina,x,2020年底,3,,,\n"), {"line 3", "duplicate observation"}));
    // The same period in two vintages is two observations.
    CHECK(table_of("China,x,2020,1,,first_release,\nChina,x,2020,2,,yearbook,\n").size() == 2u);
    CHECK(mentions(tgt_error(tgt_header_with_base + "a,China,x,level,>=,1,2025,\na,China,x,level,>=,2,2025,\n"), {"t.csv, line 3, column 1", "duplicate target id", "(got 'a')"}));
    const auto e = thrown<ontrack::value_error>([] { (void)ontrack::series::from_years({2020, 2021, 2020}, {1, 2, 3}, "x"); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"duplicate period 2020 in series 'x'"}));
}

TEST_CASE("bad input: unsorted periods are accepted and sorted; gaps stay gaps") {
    const auto table = table_of("China,x,2023,4,,,\nChina,x,2020,1,,,\nChina,x,2022,3,,,\n");
    const auto s = table.select("China", "x");
    CHECK(s.start() == period::year(2020));
    CHECK(s.end() == period::year(2023));
    CHECK(s.at(period::year(2022)) == 3.0);
    CHECK(std::isnan(s.at(period::year(2021))));
    // The file is written back in its own order.
    CHECK(ontrack::write_observations(table) == obs_header + "China,x,2023,4,,,\nChina,x,2020,1,,,\nChina,x,2022,3,,,\n");
}

TEST_CASE("bad input: a single observation cannot be projected; assess says so") {
    const auto s = yearly(2022, {5.0});
    for (const auto m : {ontrack::method::linear, ontrack::method::automatic, ontrack::method::holt}) {
        const auto e = thrown<ontrack::data_error>([&] { (void)ontrack::project(s, m, period::year(2025)); });
        REQUIRE(e);
        CHECK(mentions(e->what(), {"needs >=", "observations, got 1"}));
    }
    const auto a = ontrack::assess(level_target(10.0, 2025), s);
    CHECK(a.unified == ontrack::status::not_assessable);
    CHECK(mentions(a.message, {"got 1"}));
    // evaluate needs no projection: the deadline is simply not observed yet.
    CHECK(ontrack::evaluate(level_target(10.0, 2025), s).result == ontrack::verdict::pending);
}

TEST_CASE("bad input: all values equal project flat; assess is finite") {
    const auto s = yearly(2015, std::vector<double>(8, 3.0));
    const auto p = ontrack::project(s, ontrack::method::linear, period::year(2025));
    CHECK(p.points.back().mean == doctest::Approx(3.0));
    CHECK(std::isfinite(p.points.back().upper));
    for (const double goal : {2.0, 3.0, 4.0}) {
        CAPTURE(goal);
        const auto a = ontrack::assess(level_target(goal, 2025), s);
        CHECK(!a.message.empty());
        if (a.probability) CHECK(std::isfinite(*a.probability));
        if (a.projected) CHECK(*a.projected == doctest::Approx(3.0));
    }
}

TEST_CASE("bad input: a deadline before the data is not evaluable (regression: was pending / achieved)") {
    const auto s = yearly(2018, {1.0, 2.0, 3.0, 4.0, 5.0});
    // 2015 lies before the first observation: waiting will not observe it. Before the fix evaluate said
    // "pending: no observation for 2015; no observation yet" and assess "already achieved" (value 2)
    // or "the rule has no verdict" (value 20) for a deadline long past.
    for (const double goal : {2.0, 20.0}) {
        CAPTURE(goal);
        const auto early = ontrack::evaluate(level_target(goal, 2015), s);
        CHECK(early.result == ontrack::verdict::not_evaluable);
        CHECK(early.message == "not evaluable: the deadline 2015 is before the first observation (2018)");
        const auto a = ontrack::assess(level_target(goal, 2015), s);
        CHECK(a.unified == ontrack::status::not_assessable);
        CHECK(a.message == early.message);
    }
}

TEST_CASE("bad input: a baseline after the deadline is rejected naming the field") {
    CHECK(mentions(tgt_error(tgt_header_with_base + "a,China,x,relative,>=,2,2020,2025\n"), {"t.csv, line 2, column 8", "field 'baseline_period'", "baseline_period 2025 is not before the deadline 2020"}));
}

TEST_CASE("bad input: a target whose region or indicator has no observations") {
    const auto table = table_of("China,x,2020,1,,,\n");
    const auto unknown_region = thrown<ontrack::data_error>([&] { (void)table.select("Atlantis", "x"); });
    REQUIRE(unknown_region);
    CHECK(mentions(unknown_region->what(), {"no observations of 'x' in 'Atlantis'"}));
    const auto unknown_indicator = thrown<ontrack::data_error>([&] { (void)table.select("China", "gdp"); });
    REQUIRE(unknown_indicator);
    CHECK(mentions(unknown_indicator->what(), {"no observations of 'gdp' in 'China'"}));
    // Listed but never observed: an empty series, which assess reports as not assessable.
    const auto empty = table_of("China,y,2020,,,,\nChina,y,2021,,,,\n").select("China", "y");
    CHECK(empty.empty());
    auto on_y = level_target(1.0, 2025);
    on_y.indicator = "y";
    const auto a = ontrack::assess(on_y, empty);
    CHECK(a.unified == ontrack::status::not_assessable);
    CHECK(!a.message.empty());
}

TEST_CASE("bad input: extreme magnitudes are read and written back exactly") {
    const auto table = table_of("China,x,2020,1e300,,,\nChina,x,2021,1e-300,,,\nChina,x,2022,-1.7976931348623157e308,,,\nChina,x,2023,5e-324,,,\n");
    CHECK(table.rows()[0].value == 1e300);
    CHECK(table.rows()[1].value == 1e-300);
    CHECK(table.rows()[2].value == -1.7976931348623157e308);
    CHECK(table.rows()[3].value == 5e-324);
    const auto again = ontrack::read_observations(ontrack::write_observations(table), "again.csv");
    for (std::size_t i = 0; i < table.size(); ++i) CHECK(again.rows()[i].value == table.rows()[i].value);
    auto t = level_target(1e-300, 2025);
    t.stretch = 1e300;
    const auto targets = ontrack::read_targets(ontrack::write_targets({t}), "t.csv");
    CHECK(*targets[0].value == 1e-300);
    CHECK(*targets[0].stretch == 1e300);
}

TEST_CASE("bad input: 10^6 observations are read, written and read back") {
    constexpr std::size_t n = 1'000'000;
    std::string text = obs_header;
    text.reserve(n * 48);
    // 1,000 regions × 1,000 months (1950-01 … 2033-04), values with up to 3 decimals.
    for (std::size_t r = 0; r < 1000; ++r) {
        const std::string region = "R" + std::to_string(r);
        for (std::size_t k = 0; k < 1000; ++k) {
            const auto p = period::month(1950, 1) + static_cast<std::int64_t>(k);
            text += region + ",x," + p.to_string() + "," + std::to_string(r) + "." + std::to_string(k) + ",万元,,\"src, " + std::to_string(k % 7) + "\"\n";
        }
    }
    const auto path = (std::filesystem::temp_directory_path() / "ontrack_bad_input_million.csv").string();
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f);
        REQUIRE(std::fwrite(text.data(), 1, text.size(), f) == text.size());
        std::fclose(f);
    }
    const auto table = ontrack::read_observations_file(path);
    CHECK(table.size() == n);
    CHECK(table.rows()[n - 1].region == "R999");
    CHECK(table.rows()[n - 1].at == period::month(2033, 4));
    CHECK(table.rows()[n - 1].value == 999.999);
    CHECK(table.rows()[n - 1].source == "src, 5");
    ontrack::write_observations_file(path, table);
    const auto again = ontrack::read_observations_file(path);
    CHECK(again.size() == n);
    CHECK(ontrack::write_observations(again) == text);  // the generated file is already canonical
    std::remove(path.c_str());
}

TEST_CASE("bad input: quoted Chinese text, commas, quotes and line breaks round trip in both files") {
    const std::string tricky = "“十四五”期间, 研发投入\"翻一番\"\n第二行,\r\n第三行";
    ontrack::observation o;
    o.region = "昌吉, 州";
    o.indicator = "r&d \"intensity\"";
    o.at = period::quarter(2024, 3);
    o.value = 2.5;
    o.unit = "%";
    o.vintage = "2025-01-01";
    o.source = tricky;
    const ontrack::observation_table table({o});
    const auto again = ontrack::read_observations(ontrack::write_observations(table), "o.csv");
    REQUIRE(again.size() == 1u);
    CHECK(again.rows()[0].region == o.region);
    CHECK(again.rows()[0].indicator == o.indicator);
    CHECK(again.rows()[0].source == tricky);
    auto t = level_target(1.5, 2025);
    t.quote = tricky;
    t.document = "《昌吉市“十四五”科技创新规划》, 2021";
    t.responsible_units = {"市科技局", "市财政局, 发改委"};
    const auto back = ontrack::read_targets(ontrack::write_targets({t}), "t.csv");
    REQUIRE(back.size() == 1u);
    CHECK(back[0].quote == tricky);
    CHECK(back[0].document == t.document);
    CHECK(ontrack::write_targets(back) == ontrack::write_targets({t}));
}
