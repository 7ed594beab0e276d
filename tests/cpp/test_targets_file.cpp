// Tests of ontrack/targets_file.hpp (and the CSV layer in detail/csv.hpp): reading the targets CSV of
// docs/targets_csv.md with errors that name line, column, field and value, and writing the canonical
// form that reads back byte for byte.
//
// Reference figures: row counts are the number of lines of each file counted with std::ifstream
// (neither example targets file has a quoted line break: every line after the header starts with the
// id of its target, checked below); the encodings of seed rows are read by hand from the quoted plan
// sentences following the conventions of docs/targets_csv.md (翻一番 → relative ×2; 力争 → stretch;
// 新增 → increment; 只增不减 → non_decreasing; 左右 → ~).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/targets_file.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
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

using ontrack::comparator;
using ontrack::period;
using ontrack::target;
using ontrack::target_kind;

const std::string seed_path = ONTRACK_EXAMPLES_DATA_DIR "/seed_targets.csv";
const std::string national_path = ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv";

const std::string header =
    "id,region,indicator,kind,comparator,value,value_high,tolerance,period_start,period,baseline_period,"
    "baseline_value,stretch,commitment,unit,lead_unit,responsible_units,document,quote";

const std::vector<std::string> columns{"id", "region", "indicator", "kind", "comparator", "value", "value_high",
                                       "tolerance", "period_start", "period", "baseline_period", "baseline_value",
                                       "stretch", "commitment", "unit", "lead_unit", "responsible_units", "document",
                                       "quote"};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// One CSV line (no line end): the cells of `cells` in column order, empty where not given. Cells are
/// raw CSV text: quote them in the argument when they need it.
std::string row(const std::map<std::string, std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += ",";
        const auto it = cells.find(columns[i]);
        if (it != cells.end()) out += it->second;
    }
    for (const auto& cell : cells) {
        bool known = false;
        for (const auto& c : columns) known = known || c == cell.first;
        REQUIRE_MESSAGE(known, "test bug: no column " << cell.first);
    }
    return out;
}

/// A valid level row with `changes` applied (a column mapped to a new raw cell).
std::string level_row(std::map<std::string, std::string> changes = {}) {
    std::map<std::string, std::string> cells{{"id", "t1"},      {"region", "China"}, {"indicator", "rd_intensity"},
                                             {"kind", "level"}, {"comparator", ">="}, {"value", "1.5"},
                                             {"period", "2025"}, {"unit", "%"},      {"document", "doc"},
                                             {"quote", "q"}};
    for (auto& [k, v] : changes) cells[k] = v;
    return row(cells);
}

/// Header plus the given lines, each ended by LF.
std::string file_of(std::initializer_list<std::string> rows) {
    std::string out = header + "\n";
    for (const auto& r : rows) out += r + "\n";
    return out;
}

/// Reads `text`, expecting a parse_error at `line` and `column` naming `field`, with `value` and every
/// part in what().
ontrack::parse_error check_rejected(const std::string& text, std::size_t line, std::size_t column, const std::string& field,
                                    const std::string& value, std::initializer_list<std::string_view> parts = {}) {
    CAPTURE(text);
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets(text, "t.csv"); });
    REQUIRE(e);
    const std::string what = e->what();
    CAPTURE(what);
    CHECK(e->line() == line);
    CHECK(e->column() == column);
    CHECK(e->field() == field);
    CHECK(e->value() == value);
    CHECK(e->source() == "t.csv");
    std::string where = "t.csv, line " + std::to_string(line);
    if (column > 0) where += ", column " + std::to_string(column);
    CHECK(mentions(what, {where}));
    if (!field.empty()) CHECK(mentions(what, {"field '" + field + "'"}));
    if (!value.empty()) CHECK(mentions(what, {"'" + value + "'"}));
    for (const auto part : parts) CHECK(mentions(what, {part}));
    return *e;
}

/// The unique target whose quote contains `fragment`.
const target& by_quote(const std::vector<target>& targets, std::string_view fragment) {
    const target* found = nullptr;
    int hits = 0;
    for (const auto& t : targets) {
        if (t.quote.find(fragment) != std::string::npos) {
            found = &t;
            ++hits;
        }
    }
    CAPTURE(fragment);
    REQUIRE(hits == 1);
    return *found;
}

const target& by_id(const std::vector<target>& targets, std::string_view id) {
    for (const auto& t : targets)
        if (t.id == id) return t;
    FAIL("no target " << id);
    return targets.front();
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// The example files

TEST_CASE("targets_file: the example files are read whole and written back byte for byte") {
    for (const auto& file : {std::pair<std::string, std::size_t>{seed_path, 58}, {national_path, 22}}) {
        const std::string& path = file.first;
        const std::size_t rows = file.second;
        // Hand count of seed_targets.csv: urumqi2020 4 + urumqi2019 1 + xinjiang2013 8 + dabancheng 15 +
        // changji 30 = 58 rows; national_targets.csv: cn14 4 + cnlit 2 + cn13 6 + cn12 1 + xj12 5 + xj22 1 +
        // xj24 2 + urumqihtz13 1 = 22.
        CAPTURE(path);
        const std::string text = read_text(path);
        const auto lines = lines_of(text);
        REQUIRE(lines.size() == rows + 1);  // the header and one line per target
        CHECK(lines.front() == header);
        CHECK(text.back() == '\n');

        const auto targets = ontrack::read_targets(text, path);
        REQUIRE(targets.size() == rows);
        for (std::size_t i = 0; i < rows; ++i) {
            CAPTURE(lines[i + 1]);
            CHECK(lines[i + 1].rfind(targets[i].id + ",", 0) == 0);  // same order, one line each
        }
        CHECK(ontrack::write_targets(targets) == text);
        CHECK(ontrack::read_targets_file(path).size() == rows);
    }
}

TEST_CASE("targets_file: seed encodings checked by hand against their quotes") {
    const auto seeds = ontrack::read_targets_file(seed_path);

    // 较“十三五”末翻一番: relative ×2 on the 2020 level, by 2025.
    const auto& doubling = by_quote(seeds, "翻一番");
    CHECK(doubling.id == "dabancheng-07");
    CHECK(doubling.kind == target_kind::relative);
    CHECK(doubling.compare == comparator::at_least);
    CHECK(doubling.value == 2.0);
    CHECK(doubling.baseline_period == period::year(2020));
    CHECK(doubling.deadline == period::year(2025));
    CHECK(doubling.indicator == "rd_intensity");
    CHECK_FALSE(doubling.baseline_value);

    // 达到13%以上,力争实现14%: >= 13, stretch 14, in %.
    const auto& literacy = by_quote(seeds, "力争实现14%");
    CHECK(literacy.kind == target_kind::level);
    CHECK(literacy.compare == comparator::at_least);
    CHECK(literacy.value == 13.0);
    CHECK(literacy.stretch == 14.0);
    CHECK(literacy.unit == "%");
    CHECK(literacy.deadline == period::year(2025));
    CHECK(literacy.region == "Changji City");
    CHECK(literacy.document == "昌吉市科技创新“十四五”规划");

    // 2023年,全社会 R&D经费总额增长5%: growth 0.05 in 2023, over 2022.
    const auto& growth = by_quote(seeds, "经费总额增长5%");
    CHECK(growth.kind == target_kind::growth);
    CHECK(growth.value == 0.05);
    CHECK(growth.deadline == period::year(2023));
    CHECK(growth.base_period() == period::year(2022));
    CHECK(growth.unit.empty());

    // 高新技术企业新增 2 家: an increment of 2 家 in 2023.
    const auto& added = by_quote(seeds, "高新技术企业新增 2 家");
    CHECK(added.kind == target_kind::increment);
    CHECK(added.value == 2.0);
    CHECK(added.unit == "家");
    CHECK(added.deadline == period::year(2023));

    // 确保财政科技投入只增不减: non_decreasing (>=) over 2021–2025, no value.
    const auto& never_less = by_quote(seeds, "只增不减");
    CHECK(never_less.kind == target_kind::non_decreasing);
    CHECK(never_less.compare == comparator::at_least);
    CHECK_FALSE(never_less.value);
    CHECK(never_less.period_start == period::year(2021));
    CHECK(never_less.deadline == period::year(2025));
    // 逐年增长: strictly rising.
    CHECK(by_quote(seeds, "逐年增长的机制").compare == comparator::greater);

    // 28万亩左右: ~ 28 with a tolerance of 5% of the value.
    const auto& cotton = by_quote(seeds, "28万亩左右");
    CHECK(cotton.compare == comparator::about);
    CHECK(cotton.value == 28.0);
    CHECK(cotton.tolerance == 0.05);
    CHECK(cotton.tolerance_relative);
    CHECK(cotton.unit == "万亩");

    // 营业收入突破2 亿元: strictly above 2 亿元.
    const auto& revenue = by_quote(seeds, "突破2 亿元");
    CHECK(revenue.compare == comparator::greater);
    CHECK(revenue.value == 2.0);
    CHECK(revenue.unit == "亿元");

    // “五下乡”等科普活动100场次 during 十四五: cumulative >= 100 over 2021–2025.
    const auto& events = by_quote(seeds, "五下乡");
    CHECK(events.kind == target_kind::cumulative);
    CHECK(events.value == 100.0);
    CHECK(events.period_start == period::year(2021));
    CHECK(events.deadline == period::year(2025));
    CHECK(events.unit == "场次");

    // 每年遴选 2—3 名: per_period >= 2, stretch 3, 2023–2025, six responsible units.
    const auto& yearly = by_quote(seeds, "每年遴选 2—3 名");
    CHECK(yearly.kind == target_kind::per_period);
    CHECK(yearly.value == 2.0);
    CHECK(yearly.stretch == 3.0);
    CHECK(yearly.period_start == period::year(2023));
    CHECK(yearly.responsible_units ==
          std::vector<std::string>{"区委组织部", "区科技局", "区教育局", "区人社局", "区科协", "新疆能源技术学院"});

    // 每年确定10项: per_period >= 10 over 2020–2025; the lead units stay one text.
    const auto& problems = by_quote(seeds, "每年确定10项");
    CHECK(problems.kind == target_kind::per_period);
    CHECK(problems.period_start == period::year(2020));
    CHECK(problems.lead_unit == "市科技局;市工信局(市大数据发展局);市发改委");
    CHECK(problems.responsible_units.size() == 6u);
    CHECK(problems.responsible_units.front() == "市国资委");
    CHECK(problems.responsible_units.back() == "各区(县)");

    // 淘汰60万吨以下矿井: at most 0 mines; 消除“零专利”: trend down to the natural limit 0.
    const auto& mines = by_quote(seeds, "淘汰60万吨以下矿井");
    CHECK(mines.compare == comparator::at_most);
    CHECK(mines.value == 0.0);
    const auto& zero = by_quote(seeds, "零专利");
    CHECK(zero.kind == target_kind::trend);
    CHECK(zero.compare == comparator::at_most);
    CHECK(zero.value == 0.0);

    // The wheat and maize floors share one sentence: two rows quote it.
    int floors = 0;
    for (const auto& t : seeds) floors += t.quote.find("5万亩和15万亩以上") != std::string::npos ? 1 : 0;
    CHECK(floors == 2);

    for (const auto& t : seeds) CHECK(t.commit == ontrack::commitment::unspecified);  // no seed says 约束性/预期性
}

TEST_CASE("targets_file: national encodings") {
    const auto national = ontrack::read_targets_file(national_path);
    const auto& cn14 = by_id(national, "cn14-01");
    CHECK(cn14.kind == target_kind::average_growth);
    CHECK(cn14.compare == comparator::greater);
    CHECK(cn14.value == 0.07);
    CHECK(cn14.period_start == period::year(2021));
    CHECK(cn14.baseline_period == period::year(2020));
    const auto& literacy = by_id(national, "cnlit-01");
    CHECK(literacy.baseline_value == 10.56);
    CHECK(literacy.value == 15.0);
    const auto& firms = by_id(national, "xj24-01");
    CHECK(firms.kind == target_kind::increment);
    CHECK(firms.value == 550.0);
    CHECK(firms.baseline_value == 1911.0);
    CHECK(firms.baseline_period == period::year(2023));
    CHECK(firms.deadline == period::year(2024));
}

// ---------------------------------------------------------------------------------------------------
// Reading: accepted forms

TEST_CASE("targets_file: plan words in period columns are read, and written back as numbers") {
    const std::string text = file_of({row({{"id", "a"}, {"indicator", "rd_expenditure"}, {"kind", "average_growth"},
                                            {"comparator", ">"}, {"value", "7%"}, {"period_start", "十四五"},
                                            {"period", "“十四五”末"}, {"baseline_period", "十三五末"}}),
                                       row({{"id", "b"}, {"indicator", "x"}, {"kind", "cumulative"}, {"value", "100"},
                                            {"period_start", "2023—2025年"}, {"period", "2023—2025年"}}),
                                       row({{"id", "c"}, {"indicator", "x"}, {"kind", "level"}, {"value", "1"},
                                            {"period", "2025年底"}}),
                                       row({{"id", "d"}, {"indicator", "x"}, {"kind", "level"}, {"value", "1"},
                                            {"period", "2025-Q3"}, {"baseline_period", "2024年第四季度"}})});
    const auto targets = ontrack::read_targets(text);
    REQUIRE(targets.size() == 4u);
    CHECK(targets[0].period_start == period::year(2021));    // 十四五 = 2021–2025, first year as a start
    CHECK(targets[0].deadline == period::year(2025));
    CHECK(targets[0].baseline_period == period::year(2020)); // 十三五末
    CHECK(targets[0].value == 0.07);
    CHECK(targets[1].period_start == period::year(2023));    // a range: its first year as a start …
    CHECK(targets[1].deadline == period::year(2025));        // … and its last year as the deadline
    CHECK(targets[2].deadline == period::year(2025));
    CHECK(targets[3].deadline == period::quarter(2025, 3));
    CHECK(targets[3].baseline_period == period::quarter(2024, 4));

    const auto written = lines_of(ontrack::write_targets(targets));
    REQUIRE(written.size() == 5u);
    CHECK(written[1] == row({{"id", "a"}, {"indicator", "rd_expenditure"}, {"kind", "average_growth"}, {"comparator", ">"},
                             {"value", "0.07"}, {"period_start", "2021"}, {"period", "2025"}, {"baseline_period", "2020"}}));
    CHECK(written[2] == row({{"id", "b"}, {"indicator", "x"}, {"kind", "cumulative"}, {"comparator", ">="}, {"value", "100"},
                             {"period_start", "2023"}, {"period", "2025"}}));
    CHECK(written[4] == row({{"id", "d"}, {"indicator", "x"}, {"kind", "level"}, {"comparator", ">="}, {"value", "1"},
                             {"period", "2025-Q3"}, {"baseline_period", "2024-Q4"}}));
}

TEST_CASE("targets_file: growth rates 5% and 0.05 are the same; they are written as fractions") {
    const std::string text = file_of({row({{"id", "pct"}, {"indicator", "x"}, {"kind", "growth"}, {"value", "5%"},
                                           {"stretch", "７％"}, {"period", "2023"}}),
                                      row({{"id", "frac"}, {"indicator", "x"}, {"kind", "growth"}, {"value", "0.05"},
                                           {"stretch", "0.07"}, {"period", "2023"}}),
                                      row({{"id", "big"}, {"indicator", "x"}, {"kind", "average_growth"}, {"value", "150%"},
                                           {"period_start", "2021"}, {"period", "2025"}})});
    const auto targets = ontrack::read_targets(text);
    REQUIRE(targets.size() == 3u);
    CHECK(targets[0].value == 0.05);          // 5 / 100
    CHECK(targets[1].value == 0.05);
    CHECK(targets[0].value == targets[1].value);
    CHECK(targets[0].stretch == 0.07);        // full-width ７％
    CHECK(targets[1].stretch == 0.07);
    CHECK(targets[2].value == 1.5);           // 150 / 100

    const auto written = lines_of(ontrack::write_targets(targets));
    REQUIRE(written.size() == 4u);
    CHECK(written[1] == row({{"id", "pct"}, {"indicator", "x"}, {"kind", "growth"}, {"comparator", ">="}, {"value", "0.05"},
                             {"stretch", "0.07"}, {"period", "2023"}}));
    CHECK(written[3] == row({{"id", "big"}, {"indicator", "x"}, {"kind", "average_growth"}, {"comparator", ">="},
                             {"value", "150%"}, {"period_start", "2021"}, {"period", "2025"}}));
}

TEST_CASE("targets_file: a byte-order mark and CRLF line ends are accepted; the writer drops both") {
    const std::string canonical = file_of({level_row(), level_row({{"id", "t2"}, {"value", "2"}})});
    const auto plain = ontrack::read_targets(canonical);
    REQUIRE(plain.size() == 2u);

    const auto with_bom = ontrack::read_targets("\xEF\xBB\xBF" + canonical);
    REQUIRE(with_bom.size() == 2u);
    CHECK(with_bom[0].id == "t1");  // not "\xEF\xBB\xBFt1": the header's first column is found
    CHECK(ontrack::write_targets(with_bom) == canonical);

    std::string crlf;
    for (const char c : canonical) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const auto from_crlf = ontrack::read_targets(crlf);
    REQUIRE(from_crlf.size() == 2u);
    CHECK(from_crlf[1].value == 2.0);
    CHECK(from_crlf[1].quote == "q");  // no stray '\r' at the end of the last field
    CHECK(ontrack::write_targets(from_crlf) == canonical);

    // No line end after the last row.
    CHECK(ontrack::read_targets(canonical.substr(0, canonical.size() - 1)).size() == 2u);
}

TEST_CASE("targets_file: quoted fields with commas, quotes, line breaks and Chinese round trip") {
    const std::string quote_cell = "\"到2025年,全市“双创”载体达6家 \"\"力争\"\"\n第二行\"";
    const std::string text = file_of({level_row({{"quote", quote_cell}, {"document", "\"a, b\""},
                                                 {"lead_unit", "市科技局(市知识产权局)"}, {"responsible_units", "甲;乙"}}),
                                      level_row({{"id", "t2"}, {"quote", "\" leading space\""}})});
    const auto targets = ontrack::read_targets(text);
    REQUIRE(targets.size() == 2u);
    CHECK(targets[0].quote == "到2025年,全市“双创”载体达6家 \"力争\"\n第二行");
    CHECK(targets[0].document == "a, b");
    CHECK(targets[0].responsible_units == std::vector<std::string>{"甲", "乙"});
    CHECK(targets[1].quote == " leading space");  // quote and document are kept exactly, spaces included
    CHECK(ontrack::write_targets(targets) == text);

    // After a two-line row, line numbers still count the file's lines: the bad kind is on line 4.
    const std::string bad = file_of({level_row({{"quote", quote_cell}}), level_row({{"id", "t2"}, {"kind", "bogus"}})});
    check_rejected(bad, 4, 4, "kind", "bogus");
    // Blank lines are skipped but counted.
    check_rejected(header + "\n" + level_row() + "\n\n" + level_row({{"id", "t2"}, {"kind", "bogus"}}) + "\n", 4, 4, "kind", "bogus");
}

// ---------------------------------------------------------------------------------------------------
// Reading: rejected files, each with line, column, field and value

TEST_CASE("targets_file: unknown kind and comparator") {
    check_rejected(file_of({level_row({{"kind", "doubling"}})}), 2, 4, "kind", "doubling", {"unknown target kind"});
    check_rejected(file_of({level_row(), level_row({{"id", "t2"}, {"comparator", "=<>"}})}), 3, 5, "comparator", "=<>",
                   {"unknown comparator"});
}

TEST_CASE("targets_file: unparsable periods") {
    check_rejected(file_of({level_row({{"period", "2025-13"}})}), 2, 10, "period", "2025-13", {"month"});
    check_rejected(file_of({level_row({{"period_start", "soon"}})}), 2, 9, "period_start", "soon");
    check_rejected(file_of({level_row({{"baseline_period", "去年"}})}), 2, 11, "baseline_period", "去年");
    check_rejected(file_of({level_row({{"period", "2025-02-30"}})}), 2, 10, "period", "2025-02-30");
    // Required: the error names the row and says what to fill in.
    check_rejected(file_of({level_row({{"period", ""}})}), 2, 10, "period", "", {"deadline", "fill in the period", "2025"});
}

TEST_CASE("targets_file: a bare rate above 1 for a growth target is rejected") {
    const auto e = check_rejected(
        file_of({row({{"id", "g"}, {"indicator", "x"}, {"kind", "growth"}, {"value", "5"}, {"period", "2023"}})}), 2, 6,
        "value", "5", {"ambiguous", "5%", "0.05"});
    CHECK(mentions(e.reason(), {"ambiguous"}));
    check_rejected(file_of({row({{"id", "g"}, {"indicator", "x"}, {"kind", "average_growth"}, {"value", "0.07"},
                                 {"stretch", "7"}, {"period_start", "2021"}, {"period", "2025"}})}),
                   2, 13, "stretch", "7", {"ambiguous"});
    check_rejected(file_of({row({{"id", "g"}, {"indicator", "x"}, {"kind", "growth"}, {"value", "N/A"}, {"period", "2023"}})}),
                   2, 6, "value", "N/A", {"not a rate"});
}

TEST_CASE("targets_file: targets that do not fit their kind") {
    // A relative target without a baseline: the baseline_period cell (empty) is at fault.
    check_rejected(file_of({level_row({{"kind", "relative"}, {"value", "2"}})}), 2, 11, "baseline_period", "",
                   {"relative target needs a baseline_period"});
    check_rejected(file_of({level_row({{"value_high", "3"}})}), 2, 7, "value_high", "3", {"within"});
    check_rejected(file_of({level_row({{"comparator", "~"}})}), 2, 8, "tolerance", "", {"needs a tolerance"});
    check_rejected(file_of({level_row({{"stretch", "1"}})}), 2, 13, "stretch", "1", {"less ambitious"});
    check_rejected(file_of({level_row({{"period_start", "2026"}})}), 2, 9, "period_start", "2026", {"after the deadline"});
    check_rejected(file_of({level_row({{"baseline_period", "2026"}})}), 2, 11, "baseline_period", "2026", {"not before"});
    check_rejected(file_of({level_row({{"kind", "non_decreasing"}, {"period_start", "2021"}})}), 2, 6, "value", "1.5",
                   {"takes no value"});
    check_rejected(file_of({level_row({{"value", ""}})}), 2, 6, "value", "", {"needs a value"});
}

TEST_CASE("targets_file: numbers that are not numbers") {
    check_rejected(file_of({level_row({{"value", "N/A"}})}), 2, 6, "value", "N/A", {"not a number"});
    check_rejected(file_of({level_row({{"value", "\"1,234\""}})}), 2, 6, "value", "1,234", {"not a number"});
    check_rejected(file_of({level_row({{"value", "—"}})}), 2, 6, "value", "—", {"not a number"});
    check_rejected(file_of({level_row({{"baseline_value", "nan"}})}), 2, 12, "baseline_value", "nan", {"not a number"});
    check_rejected(file_of({level_row({{"stretch", "1.5%"}})}), 2, 13, "stretch", "1.5%", {"not a number"});
    check_rejected(file_of({level_row({{"comparator", "~"}, {"tolerance", "abc"}})}), 2, 8, "tolerance", "abc", {"not a tolerance"});
    check_rejected(file_of({level_row({{"comparator", "~"}, {"tolerance", "%"}})}), 2, 8, "tolerance", "%", {"not a tolerance"});
}

TEST_CASE("targets_file: other cells") {
    check_rejected(file_of({level_row({{"id", ""}})}), 2, 1, "id", "", {"needs an id"});
    check_rejected(file_of({level_row({{"commitment", "mandatory"}})}), 2, 14, "commitment", "mandatory",
                   {"unknown commitment"});
    check_rejected(file_of({level_row(), level_row({{"value", "2"}})}), 3, 1, "id", "t1", {"duplicate target id"});
}

TEST_CASE("targets_file: malformed CSV") {
    // A row with one field fewer than the header.
    const std::string short_row = level_row().substr(0, level_row().rfind(','));  // drop the last field
    check_rejected(file_of({level_row(), short_row}), 3, 0, "", "", {"row has 18 fields but the header has 19"});
    check_rejected(file_of({level_row() + ",extra"}), 2, 0, "", "", {"row has 20 fields"});

    // A quoted field that never closes: reported where it opens (line 2, field 19).
    const auto open = thrown<ontrack::parse_error>([] {
        (void)ontrack::read_targets(header + "\n" + level_row({{"quote", "\"never closed"}}) + "\nmore\n", "t.csv");
    });
    REQUIRE(open);
    CHECK(open->line() == 2u);
    CHECK(open->column() == 19u);
    CHECK(mentions(open->what(), {"t.csv, line 2, column 19", "never closed"}));
    // Regression (fixed): detail/csv.hpp parse_csv (line 121) reports an unclosed quote with an empty field although
    // the column (19) and so the header name are known; every other cell error names its field
    // (docs/targets_csv.md: "Errors name the file, the line, the column and the field"). Expected "quote".
    CHECK(open->field() == "quote");

    check_rejected(file_of({level_row({{"id", "\"t1\"x"}})}), 2, 1, "id", "x", {"after a closing quote"});
    check_rejected(file_of({level_row({{"quote", "say \"hi\""}})}), 2, 19, "quote", "say \"", {"quote inside an unquoted field"});
}

TEST_CASE("targets_file: header problems") {
    check_rejected(header + ",lead_units\n" + level_row() + ",me\n", 1, 20, "lead_units", "lead_units", {"did you mean 'lead_unit'?"});
    check_rejected("id,region,indicator,kind,period,region\n", 1, 6, "region", "region", {"appears twice"});
    // Without kind: the required column is named; it has no position.
    check_rejected("id,region,indicator,period\nt1,China,x,2025\n", 1, 0, "kind", "", {"required column 'kind'"});
    check_rejected("", 1, 0, "", "", {"empty"});
    check_rejected("\n\n", 1, 0, "", "", {"empty"});
}

TEST_CASE("targets_file: bytes that are not UTF-8") {
    // 0xFF never occurs in UTF-8; it starts line 3 (the second data row).
    const std::string text = file_of({level_row(), "\xFF" + level_row({{"id", "t2"}})});
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets(text, "t.csv"); });
    REQUIRE(e);
    CHECK(e->line() == 3u);
    CHECK(e->column() == 1u);
    CHECK(mentions(e->what(), {"t.csv, line 3", "UTF-8"}));
    // Regression (fixed): detail/csv.hpp parse_csv (line 42) reports the column of a bad byte as a byte offset within
    // the line, while every other CSV error uses the 1-based field number, and leaves field() empty.
    // Here the bad byte is in the 19th field (quote) after "t2,China,…": expected column 19 and field
    // "quote"; actual column = number of bytes before it on the line + 1, field "".
    const std::string in_quote = file_of({level_row(), level_row({{"id", "t2"}, {"quote", "昌吉\xFF"}})});
    const auto b = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets(in_quote, "t.csv"); });
    REQUIRE(b);
    CHECK(b->line() == 3u);
    CHECK(b->column() == 19u);
    CHECK(b->field() == "quote");
    // A truncated multi-byte character (the first two bytes of 元, E5 85 83) is not UTF-8 either.
    CHECK_THROWS_AS((void)ontrack::read_targets(file_of({level_row({{"unit", "\xE5\x85"}})})), ontrack::parse_error);
}

TEST_CASE("targets_file: a rate target's upper bound reads like its value") {
    // Regression (fixed): targets_file.hpp read_target_row (line 58) reads value_high with parse_number even for growth
    // and average_growth, while value and stretch go through parse_rate. A band "控制在3%—5%之间" for a
    // growth target, value "3%" value_high "5%", is rejected ("not a number", column 7); expected
    // value_high 0.05. Worse, value_high "5" is silently read as 500% — exactly the ambiguity parse_rate
    // exists to reject.
    const std::string band = file_of({row({{"id", "g"}, {"indicator", "x"}, {"kind", "growth"}, {"comparator", "within"},
                                           {"value", "3%"}, {"value_high", "5%"}, {"period", "2023"}})});
    std::vector<target> targets;
    CHECK_NOTHROW(targets = ontrack::read_targets(band));
    if (!targets.empty()) CHECK(targets.front().value_high == 0.05);
    CHECK_THROWS_AS((void)ontrack::read_targets(file_of({row({{"id", "g"}, {"indicator", "x"}, {"kind", "growth"},
                                                             {"comparator", "within"}, {"value", "0.03"},
                                                             {"value_high", "5"}, {"period", "2023"}})})),
                    ontrack::parse_error);
}

// ---------------------------------------------------------------------------------------------------
// Writing

TEST_CASE("write_targets: the canonical form of a target built in code") {
    target t;
    t.id = "changji-21";
    t.region = "Changji City";
    t.indicator = "cotton_sown_area";
    t.kind = target_kind::level;
    t.compare = comparator::about;
    t.value = 28;
    t.tolerance = 0.05;
    t.tolerance_relative = true;
    t.deadline = period::year(2025);
    t.commit = ontrack::commitment::binding;
    t.unit = "万亩";
    t.responsible_units = {"甲", "乙"};
    t.document = "plan";
    t.quote = "调整到28万亩左右";

    target small;
    small.id = "s";
    small.indicator = "x";
    small.value = 1e-7;  // shortest exact decimal: "1e-07"
    small.baseline_value = 100;
    small.deadline = period::month(2025, 3);
    small.quote = "a,b";

    // Relative tolerance 0.05 is written as 5%; numbers in shortest form; the quote with a comma quoted.
    const std::string expected = header + "\n" +
                                 "changji-21,Changji City,cotton_sown_area,level,~,28,,5%,,2025,,,,binding,万亩,,甲;乙,plan,"
                                 "调整到28万亩左右\n"
                                 "s,,x,level,>=,1e-07,,,,2025-03,,100,,,,,,,\"a,b\"\n";
    CHECK(ontrack::write_targets({t, small}) == expected);
    const auto back = ontrack::read_targets(expected);
    REQUIRE(back.size() == 2u);
    CHECK(back[0].tolerance == 0.05);
    CHECK(back[0].tolerance_relative);
    CHECK(back[0].commit == ontrack::commitment::binding);
    CHECK(back[1].value == 1e-7);
    CHECK(back[1].deadline == period::month(2025, 3));
    CHECK(ontrack::write_targets(back) == expected);
    CHECK(ontrack::write_targets({}) == header + "\n");
}

TEST_CASE("write_targets validates; files are written and read back") {
    target bad;
    bad.id = "bad";
    bad.indicator = "x";
    bad.deadline = period::year(2025);  // a level target without a value
    const auto e = thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({bad}); });
    REQUIRE(e);
    CHECK(e->field() == "value");
    CHECK(mentions(e->what(), {"'bad'"}));

    const auto seeds = ontrack::read_targets_file(seed_path);
    const auto path = (std::filesystem::temp_directory_path() / "ontrack_test_targets_file.csv").string();
    ontrack::write_targets_file(path, seeds);
    CHECK(read_text(path) == read_text(seed_path));
    CHECK(ontrack::read_targets_file(path).size() == seeds.size());
    std::remove(path.c_str());

    const auto missing = thrown<ontrack::parse_error>([] { (void)ontrack::read_targets_file("/nonexistent/targets.csv"); });
    REQUIRE(missing);
    CHECK(missing->source() == "/nonexistent/targets.csv");
    CHECK(mentions(missing->what(), {"/nonexistent/targets.csv", "cannot open"}));
    CHECK_THROWS_AS(ontrack::write_targets_file("/nonexistent/dir/targets.csv", seeds), ontrack::error);
}

TEST_CASE("write_draft_targets writes a target still missing its deadline; the reader refuses the row, naming it") {
    target draft;  // an extracted row whose year the text does not give
    draft.id = "x-01";
    draft.indicator = "利用外资";
    draft.kind = target_kind::growth;
    draft.value = 0.15;
    draft.quote = "全年利用外资增长15%以上";
    const auto refused = thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({draft}); });
    REQUIRE(refused);
    CHECK(refused->field() == "period");
    const std::string text = ontrack::write_draft_targets({draft});
    // The same columns as write_targets, with the period cell empty.
    target dated = draft;
    dated.deadline = period::year(2024);
    const std::string complete = ontrack::write_targets({dated});
    CHECK(text.substr(0, text.find('\n')) == complete.substr(0, complete.find('\n')));
    // The row is the complete one's with the period cell (the only 2024 in it) emptied.
    std::string expected = complete;
    expected.replace(expected.find(",2024,"), 6, ",,");
    CHECK(text == expected);
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets(text, "review.csv"); });
    REQUIRE(e);
    CHECK(e->line() == 2);
    CHECK(e->field() == "period");
    CHECK(mentions(e->what(), {"review.csv", "line 2", "'x-01'", "deadline", "fill in the period"}));
    // Once its period is filled in, the row reads.
    CHECK(ontrack::read_targets(complete, "targets.csv").at(0).deadline == period::year(2024));
}
