// Tests of ontrack/column_names.hpp and the readers' tolerance of tables as people keep them: Chinese
// headers, note columns, rows of empty cells, wide tables (a column per year), years written 2020.0,
// comparators typed by Chinese input methods, dates as people write them, and series mixing units
// of one kind. Expected values are the inputs themselves or exact decimal conversions (12345 万元 =
// 1.2345 亿元: 10^4 / 10^8 is a power of ten, and 12345 / 10^4 rounds to the same double as 1.2345).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/column_names.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/period.hpp>
#include <ontrack/targets_file.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

TEST_CASE("every column of both files has a Chinese header that reads back") {
    std::vector<std::string> columns = ontrack::observation_columns();
    for (const auto& c : ontrack::target_columns()) columns.push_back(c);
    for (const auto& c : columns) {
        CAPTURE(c);
        const std::string chinese = ontrack::chinese_column_name(c);
        CHECK(chinese != c);
        CHECK(ontrack::canonical_column_name(chinese) == c);
    }
    CHECK(ontrack::canonical_column_name(" Region ") == "region");
    CHECK(ontrack::canonical_column_name("vaule") == "vaule");
    CHECK(ontrack::is_note_column("备注"));
    CHECK(ontrack::is_note_column("Notes"));
    CHECK_FALSE(ontrack::is_note_column("value"));
}

TEST_CASE("observations with Chinese headers, a note column and trailing empty rows") {
    const auto table = ontrack::read_observations("地区,指标,年份,数值,单位,来源,备注\n中国,rd,2020,2.40,%,公报,初步\n中国,rd,2021.0,2.43,%,公报,\n,,,,,,\n ,,,,,,\n", "o.csv");
    REQUIRE(table.size() == 2);
    CHECK(table.rows()[0].region == "中国");
    CHECK(table.rows()[1].at == ontrack::period::year(2021));
    CHECK(table.rows()[1].value == 2.43);
    CHECK(table.rows()[1].source == "公报");
}

TEST_CASE("a misspelt column is still refused, naming the column meant") {
    const auto e = thrown<ontrack::parse_error>([] { (void)ontrack::read_observations("region,indicator,period,vaule\nA,x,2020,1\n", "o.csv"); });
    REQUIRE(e);
    CHECK(e->line() == 1);
    CHECK(e->column() == 4);
    CHECK(mentions(e->what(), {"unknown column: did you mean 'value'?", "地区", "kept as extra columns"}));
    // One edit from a name or an alias (a letter added, missing, changed or two swapped); two for long names.
    CHECK(ontrack::misspelt_column("Vaule", ontrack::observation_columns()) == "value");
    CHECK(ontrack::misspelt_column("units", ontrack::observation_columns()) == "unit");
    CHECK(ontrack::misspelt_column("编号x", ontrack::target_columns()) == "编号");
    CHECK(ontrack::misspelt_column("responsibel_unit", ontrack::target_columns()) == "responsible_units");
    // Not misspellings: other words, and the names themselves.
    for (const char* name : {"owner", "colour", "责任人", "联系人", "value", "地区", "status", "email", "名称"}) {
        CAPTURE(name);
        CHECK(ontrack::misspelt_column(name, ontrack::target_columns()).empty());
        CHECK(ontrack::misspelt_column(name, ontrack::observation_columns()).empty());
    }
}

TEST_CASE("columns ontrack does not read are kept with each row and written back") {
    // Targets: 备注 (a note), owner and 联系人 (unknown), in the file's order, cells as written.
    const std::string text = "编号,指标,类型,目标值,年份,备注,owner,联系人\nt1,rd,level,2.5,2025, 见附件 ,Li,\"Wang, Zhang\"\nt2,gdp,level,1,2025,,,\n";
    const auto targets = ontrack::read_targets(text, "t.csv");
    REQUIRE(targets.size() == 2);
    using cells = std::vector<std::pair<std::string, std::string>>;
    CHECK(targets[0].extra_columns == cells{{"备注", " 见附件 "}, {"owner", "Li"}, {"联系人", "Wang, Zhang"}});
    CHECK(targets[1].extra_columns == cells{{"备注", ""}, {"owner", ""}, {"联系人", ""}});
    CHECK(targets[0].file == "t.csv");
    CHECK(targets[0].line == 2);
    CHECK(targets[1].line == 3);
    // Written back after ontrack's columns under their own headers, and read back the same.
    const std::string written = ontrack::write_targets(targets);
    // The columns written when no target declares bounds (the optional `bounds` column is left out).
    std::vector<std::string> written_columns;
    for (const auto& c : ontrack::target_columns()) {
        const auto& optional = ontrack::optional_target_columns();
        if (std::find(optional.begin(), optional.end(), c) == optional.end()) written_columns.push_back(c);
    }
    const std::string canonical_header = ontrack::detail::csv_line(written_columns);  // ends in '\n'
    CHECK(written.rfind(canonical_header.substr(0, canonical_header.size() - 1) + ",备注,owner,联系人\n", 0) == 0);
    CHECK(written.find("\" 见附件 \",Li,\"Wang, Zhang\"\n") != std::string::npos);
    const auto again = ontrack::read_targets(written, "t2.csv");
    CHECK(again[0].extra_columns == targets[0].extra_columns);
    CHECK(ontrack::write_targets(again) == written);
    // Targets without extra columns are written exactly as before.
    auto plain = targets;
    for (auto& t : plain) t.extra_columns.clear();
    CHECK(ontrack::write_targets(plain).rfind(canonical_header, 0) == 0);

    // Observations: every observation of a wide row shares the row's extra cells, and knows its line.
    const auto table = ontrack::read_observations("地区,指标,单位,2019,2020,责任人,备注\n中国,gdp,亿元,1,2,Li,初步\n中国,rd,%,,3,Wu,\n", "w.csv");
    REQUIRE(table.size() == 3);
    CHECK(table.rows()[0].extra_columns == cells{{"责任人", "Li"}, {"备注", "初步"}});
    CHECK(table.rows()[1].extra_columns == table.rows()[0].extra_columns);
    CHECK(table.rows()[2].extra_columns == cells{{"责任人", "Wu"}, {"备注", ""}});
    CHECK(table.rows()[2].file == "w.csv");
    CHECK(table.rows()[0].line == 2);
    CHECK(table.rows()[2].line == 3);
    // The same extra header twice cannot be written back under its name: refused.
    CHECK(mentions(thrown<ontrack::parse_error>([] { (void)ontrack::read_targets("id,indicator,kind,period,owner,owner\n", "t.csv"); })->what(),
                   {"t.csv, line 1, column 6", "appears twice"}));
    // A column without a header is refused (an exported index, a stray cell).
    CHECK(mentions(thrown<ontrack::parse_error>([] { (void)ontrack::read_observations(",region,indicator,period,value\n0,A,x,2020,1\n", "o.csv"); })->what(),
                   {"o.csv, line 1, column 1", "a column without a header"}));
}

TEST_CASE("a wide table gives one observation per non-empty year cell") {
    const auto table = ontrack::read_observations("地区,指标,单位,2019,2020年,2021\n中国,gdp,亿元,986515,1013567,\n", "w.csv");
    REQUIRE(table.size() == 2);
    CHECK(table.rows()[0].at == ontrack::period::year(2019));
    CHECK(table.rows()[0].value == 986515.0);
    CHECK(table.rows()[1].at == ontrack::period::year(2020));
    CHECK(table.rows()[1].unit == "亿元");
    const auto bad = thrown<ontrack::parse_error>([] { (void)ontrack::read_observations("region,indicator,2019,2020\nA,x,1,n/a\n", "w.csv"); });
    REQUIRE(bad);
    CHECK(bad->line() == 2);
    CHECK(bad->column() == 4);
    CHECK(bad->field() == "2020");
    const auto both = thrown<ontrack::parse_error>([] { (void)ontrack::read_observations("region,indicator,period,2019\nA,x,2019,1\n", "w.csv"); });
    REQUIRE(both);
    CHECK(mentions(both->what(), {"not both"}));
}

TEST_CASE("a data-request sheet's descriptive columns are accepted by the observations reader") {
    const auto table = ontrack::read_observations("地区,指标,指标中文名,指标英文名,年份,数值,单位,来源,牵头单位,编号\nA,x,研发,R&D,2020,1,%,s,科技厅,t1;t2\n", "n.csv");
    REQUIRE(table.size() == 1);
    CHECK(table.rows()[0].value == 1.0);
}

TEST_CASE("targets with Chinese headers, full-width comparators and a year written 2025.0") {
    const auto targets = ontrack::read_targets("编号,地区,指标,类型,比较,目标值,年份,单位\nt1,中国,rd,level,≧,2.5,2025.0,%\nt2,中国,x,level,＜＝,3,2025,%\n", "t.csv");
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].compare == ontrack::comparator::at_least);
    CHECK(targets[0].deadline == ontrack::period::year(2025));
    CHECK(targets[1].compare == ontrack::comparator::at_most);
}

TEST_CASE("dates as people write them") {
    const boost::gregorian::date first(2026, 12, 1);
    for (const char* text : {"2026-12-01", "2026/12/01", "2026.12.01", "2026年12月1日", "２０２６－１２－０１"}) {
        CAPTURE(text);
        CHECK(ontrack::parse_date(text) == first);
    }
    CHECK(ontrack::parse_date("2026-12") == boost::gregorian::date(2026, 12, 31));
    CHECK(ontrack::parse_date("2024年2月") == boost::gregorian::date(2024, 2, 29));
    CHECK(ontrack::parse_date("2026") == boost::gregorian::date(2026, 12, 31));
    for (const char* text : {"2026-13-01", "2026-02-30", "12/01/2026", "soon", ""}) {
        CAPTURE(text);
        const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::parse_date(text); });
        REQUIRE(e);
        CHECK(e->field() == "as_of");
    }
}

TEST_CASE("a series mixing units of one kind is put in the latest row's unit") {
    const auto table = ontrack::read_observations("region,indicator,period,value,unit\nA,x,2019,12345,万元\nA,x,2020,1.5,亿元\nB,r,2020,25,‰\nB,r,2021,2.6,%\n", "o.csv");
    const auto a = table.select("A", "x");
    CHECK(a.unit() == "亿元");
    CHECK(a.at(ontrack::period::year(2019)) == 1.2345);
    const auto b = table.select("B", "r");
    CHECK(b.unit() == "%");
    CHECK(b.at(ontrack::period::year(2020)) == 2.5);
    const auto mixed = ontrack::read_observations("region,indicator,period,value,unit\nA,x,2019,1,亿元\nA,x,2020,2,%\nA,y,2019,1,\nA,y,2020,2,%\n", "o.csv");
    const auto e = thrown<ontrack::value_error>([&] { (void)mixed.select("A", "x"); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"'亿元' (2019, o.csv, line 2)", "'%' (2020, o.csv, line 3)", "measure different things"}));
    const auto empty = thrown<ontrack::value_error>([&] { (void)mixed.select("A", "y"); });
    REQUIRE(empty);
    CHECK(mentions(empty->what(), {"fill in the unit"}));
}

}  // namespace
