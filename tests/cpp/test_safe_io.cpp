// Reliability and security of reading and writing (docs/robustness.md, "Invisible characters",
// "Error messages", "Safe writes", "Input size limits", "One bad target"): keys with invisible
// characters are refused by name, messages escape control characters and are capped, writes go
// through a unique temporary file that keeps the replaced file's mode, writers refuse what readers
// reject, oversized input stops with a clear error, one bad target row does not hide the others.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/batch.hpp>
#include <ontrack/batch_assessment.hpp>
#include <ontrack/distribution.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/ratio.hpp>
#include <ontrack/targets_file.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using ontrack::period;
using ontrack::testing::mentions;
using ontrack::testing::obs_error;
using ontrack::testing::obs_header;
using ontrack::testing::tgt_error;
using ontrack::testing::tgt_header;
using ontrack::testing::thrown;

namespace fs = std::filesystem;

fs::path scratch_folder(const std::string& name) {
    const fs::path folder = fs::temp_directory_path() / ("ontrack-safe-io-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

// ---------------------------------------------------------------------------------- invisible characters

TEST_CASE("invisible characters: the issue's examples in a region, an indicator and a vintage are refused by name") {
    // A no-break space inside a region (issue example) would split the series of "Bei jing".
    CHECK(mentions(obs_error(obs_header + "Bei\xC2\xA0jing,x,2020,1,,,\n"),
                   {"o.csv, line 2, column 1", "field 'region'", "a no-break space (U+00A0), at character 4", "Bei\\u00a0jing"}));
    // U+FEFF inside an indicator (two files pasted together) made "no observations".
    CHECK(mentions(obs_error(obs_header + "China,\xEF\xBB\xBFx,2020,1,,,\n"), {"field 'indicator'", "U+FEFF", "at character 1"}));
    // NUL inside a vintage.
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,first\"\"\n"), {"quote inside an unquoted field"}));
    CHECK(mentions(obs_error(obs_header + std::string("China,x,2020,1,,first") + '\0' + "release,\n"), {"field 'vintage'", "NUL (U+0000)", "first\\x00release"}));
}

TEST_CASE("invisible characters: zero-width, direction marks, tabs and ESC in target keys; visible text is kept") {
    CHECK(mentions(tgt_error(tgt_header + "a\xE2\x80\x8B,China,x,level,>=,1,2025\n"), {"t.csv, line 2, column 1", "field 'id'", "a zero-width space (U+200B)"}));
    CHECK(mentions(tgt_error(tgt_header + "a,Chi\xE2\x80\x8Fna,x,level,>=,1,2025\n"), {"field 'region'", "a direction mark (U+200F)"}));
    CHECK(mentions(tgt_error(tgt_header + "a,China,\"x\ty\",level,>=,1,2025\n"), {"field 'indicator'", "a tab", "x\\ty"}));
    CHECK(mentions(tgt_error(tgt_header + "a,China,\x1b[31mx,level,>=,1,2025\n"), {"field 'indicator'", "ESC", "\\x1b[31mx"}));
    CHECK(mentions(tgt_error("id,indicator,kind,period,unit\na,x,level,2025,\xE4\xB8\x87\xC2\xA0\xE5\x85\x83\n"), {"field 'unit'", "U+00A0"}));
    // Chinese text, full-width letters and the ideographic space around a key are all visible: accepted.
    const auto targets = ontrack::read_targets("id,region,indicator,kind,value,period\n\xE3\x80\x80" "a1,\xE5\x8C\x97\xE4\xBA\xAC,R&D \xE7\xBB\x8F\xE8\xB4\xB9,level,1,2025\n", "t.csv");
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].id == "a1");
    // Document and quote are evidence, kept byte for byte even with invisible characters.
    const auto quoted = ontrack::read_targets("id,indicator,kind,value,period,quote\na,x,level,1,2025,\"x\xC2\xA0y\"\n", "t.csv");
    CHECK(quoted[0].quote == "x\xC2\xA0y");
}

TEST_CASE("invisible characters: writers refuse keys the reader would refuse") {
    ontrack::target t;
    t.id = "a";
    t.indicator = "x\xC2\xA0y";
    t.value = 1.0;
    t.deadline = period::year(2025);
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::write_targets({t}); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"target 'a'", "field 'indicator'", "U+00A0"}));
    ontrack::observation o;
    o.region = "China";
    o.indicator = "x";
    o.vintage = "v\xEF\xBB\xBF";
    o.at = period::year(2020);
    o.value = 1.0;
    CHECK(thrown<ontrack::parse_error>([&] { (void)ontrack::write_observations(ontrack::observation_table({o})); }));
}

// -------------------------------------------------------------------------------------------- messages

TEST_CASE("error messages: control characters are escaped visibly and long values are cut") {
    // ESC sequences from a cell would recolour or clear the terminal that prints the message.
    const std::string esc = obs_error(obs_header + "China,x,2020,\x1b[2J\x1b[31m,,,\n");
    CHECK(esc.find('\x1b') == std::string::npos);
    CHECK(mentions(esc, {"field 'value'", "\\x1b[2J\\x1b[31m"}));
    // A CR and an LF inside a quoted value: one line, with \r and \n written out.
    const std::string breaks = obs_error(obs_header + "China,x,2020,\"1\r\n2\",,,\n");
    CHECK(breaks.find('\n') == std::string::npos);
    CHECK(breaks.find('\r') == std::string::npos);
    CHECK(mentions(breaks, {"1\\r\\n2"}));
    // A BOM and a no-break space in a value are named, not silently part of the text.
    CHECK(mentions(obs_error(obs_header + "China,x,2020,\xEF\xBB\xBF" "1,,,\n"), {"\\ufeff1"}));
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1\xC2\xA0,,,\n"), {"1\\u00a0"}));
    // A 50,000-byte value is cut to 200 bytes in the message.
    const std::string long_value(50000, '7');
    const std::string cut = obs_error(obs_header + "China,x,2020,1." + long_value + "x,,,\n");
    CHECK(cut.size() < 600);
    CHECK(mentions(cut, {"more bytes)"}));
    // The value itself is kept whole for a program to inspect.
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_observations(obs_header + "China,x,2020,1." + long_value + "x,,,\n", "o.csv"); });
    REQUIRE(e);
    CHECK(e->value().size() == long_value.size() + 3);
    // Any message is capped.
    CHECK(std::string(ontrack::error(std::string(100000, 'a')).what()).size() < ontrack::error::max_message_bytes + 40);
}

TEST_CASE("error messages: visible() escapes exactly the invisible characters") {
    using ontrack::detail::visible;
    CHECK(visible("plain \xE5\x8C\x97\xE4\xBA\xAC 1.5%") == "plain \xE5\x8C\x97\xE4\xBA\xAC 1.5%");
    CHECK(visible(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(visible("\xC2\x85") == "\\x85");                    // C1 control NEL
    CHECK(visible("\xE2\x80\xAE" "evil") == "\\u202eevil");   // right-to-left override
    CHECK(visible("\xFF") == "\\xff");                        // not UTF-8
    CHECK(visible("a\\nb") == "a\\nb");                       // a written backslash stays: escaping is idempotent
    CHECK(visible(std::string(10, 'x'), 4) == "xxxx\xE2\x80\xA6 (6 more bytes)");
    // Counted in characters (Python's text, `_core._visible`): 北京 is two characters, six bytes; a
    // byte that is not UTF-8 counts as one.
    using ontrack::detail::visible_limit;
    const std::string beijing = "\xE5\x8C\x97\xE4\xBA\xAC";
    CHECK(visible(beijing + beijing + beijing, 4, visible_limit::characters) == beijing + beijing + "\xE2\x80\xA6 (2 more characters)");
    CHECK(visible(beijing + beijing, 4, visible_limit::characters) == beijing + beijing);
    CHECK(visible("a\xFF\x1b" "bc", 3, visible_limit::characters) == "a\\xff\\x1b\xE2\x80\xA6 (2 more characters)");
}

// ---------------------------------------------------------------------------------------------- writes

TEST_CASE("safe writes: a unique temporary file, the replaced file's mode, no symlink followed") {
    const fs::path folder = scratch_folder("writes");
    const fs::path path = folder / "targets.csv";
    ontrack::target t;
    t.id = "a";
    t.indicator = "x";
    t.value = 1.0;
    t.deadline = period::year(2025);
    // A symlink planted at the old fixed temporary name must not be followed.
    const fs::path victim = folder / "victim.txt";
    std::ofstream(victim) << "keep me";
    fs::create_symlink(victim, folder / "targets.csv.ontrack-tmp");
    ontrack::write_targets_file(path.string(), {t});
    CHECK(slurp(victim) == "keep me");
    CHECK(ontrack::read_targets_file(path.string()).size() == 1);
    // A 0600 file stays 0600 when replaced; a new file gets 0666 less the umask.
    ::chmod(path.c_str(), 0600);
    ontrack::write_targets_file(path.string(), {t});
    struct ::stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const mode_t mask = ::umask(022);
    ::umask(mask);
    const fs::path fresh = folder / "fresh.csv";
    ontrack::write_targets_file(fresh.string(), {t});
    REQUIRE(::stat(fresh.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == (0666 & ~mask));
    // No temporary file is left behind.
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(folder)) files += entry.path().filename().string().find(".ontrack-") == std::string::npos ? 0 : 1;
    CHECK(files == 1);  // the planted symlink only
    // A folder in the way and a missing folder are errors naming the path.
    CHECK(thrown<ontrack::error>([&] { ontrack::write_targets_file(folder.string(), {t}); }));
    CHECK(thrown<ontrack::error>([&] { ontrack::write_targets_file((folder / "no" / "such.csv").string(), {t}); }));
    fs::remove_all(folder);
}

TEST_CASE("safe writes: concurrent writers of one file never corrupt it") {
    const fs::path folder = scratch_folder("concurrent");
    const fs::path path = folder / "observations.csv";
    std::vector<std::string> texts;
    std::vector<ontrack::observation_table> tables;
    for (int w = 0; w < 8; ++w) {
        std::string text = obs_header;
        for (int y = 0; y < 2000; ++y) text += "R" + std::to_string(w) + ",x," + std::to_string(1500 + y) + "," + std::to_string(w) + ",,,\n";
        tables.push_back(ontrack::read_observations(text, "w"));
        texts.push_back(ontrack::write_observations(tables.back()));
    }
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
        writers.emplace_back([&, w] {
            for (int k = 0; k < 10; ++k) ontrack::write_observations_file(path.string(), tables[static_cast<std::size_t>(w)]);
        });
    }
    for (auto& t : writers) t.join();
    const std::string final_text = slurp(path);
    bool one_of_them = false;
    for (const auto& t : texts) one_of_them = one_of_them || final_text == t;
    CHECK(one_of_them);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
    CHECK(entries == 1);
    fs::remove_all(folder);
}

TEST_CASE("writers refuse what the reader rejects: empty id, duplicate ids, empty indicator") {
    ontrack::target a;
    a.id = "a";
    a.indicator = "x";
    a.value = 1.0;
    a.deadline = period::year(2025);
    ontrack::target empty = a;
    empty.id = "";
    const auto e1 = thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({empty}); });
    REQUIRE(e1);
    CHECK(mentions(e1->what(), {"field 'id'", "every target needs an id"}));
    const auto e2 = thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({a, a}); });
    REQUIRE(e2);
    CHECK(mentions(e2->what(), {"duplicate target id 'a'"}));
    ontrack::target spaced = a;
    spaced.id = " a ";  // the reader trims: the same id
    CHECK(thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({a, spaced}); }));
    ontrack::target blank = a;
    blank.id = "\xE3\x80\x80";  // an ideographic space alone is an empty id once trimmed
    CHECK(thrown<ontrack::value_error>([&] { (void)ontrack::write_targets({blank}); }));
    // Nothing reaches the file.
    const fs::path folder = scratch_folder("refuse");
    CHECK(thrown<ontrack::value_error>([&] { ontrack::write_targets_file((folder / "t.csv").string(), {a, a}); }));
    CHECK_FALSE(fs::exists(folder / "t.csv"));
    fs::remove_all(folder);
    ontrack::observation o;
    o.region = "China";
    o.at = period::year(2020);
    o.value = 1.0;
    const auto e3 = thrown<ontrack::value_error>([&] { (void)ontrack::write_observations(ontrack::observation_table({o})); });
    REQUIRE(e3);
    CHECK(mentions(e3->what(), {"every observation needs an indicator"}));
}

// ------------------------------------------------------------------------------------------------ limits

TEST_CASE("input size limits: a field, a key, rows and draws") {
    using limits = ontrack::detail::input_limits;
    // A 10 MB field stops at the field limit, quickly and with the column named.
    const std::string huge(10u << 20, 'a');
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,," + huge + "\n"), {"line 2, column 7", "field 'source'", "longer than 64 KiB"}));
    CHECK(mentions(obs_error(obs_header + "China,x,2020,1,,,\"" + huge + "\"\n"), {"field 'source'", "longer than 64 KiB"}));
    CHECK(mentions(tgt_error(tgt_header + "a," + huge + ",x,level,>=,1,2025\n"), {"field 'region'", "longer than 64 KiB"}));
    // A field just under the limit is fine; a key is limited to 1000 bytes.
    const std::string quote(limits::max_field_bytes, 'q');
    CHECK(ontrack::read_observations(obs_header + "China,x,2020,1,,," + quote + "\n", "o.csv").rows()[0].source.size() == quote.size());
    CHECK(mentions(obs_error(obs_header + std::string(1001, 'r') + ",x,2020,1,,,\n"), {"field 'region'", "longer than 1000 bytes"}));
    CHECK(ontrack::read_observations(obs_header + std::string(1000, 'r') + ",x,2020,1,,,\n", "o.csv").size() == 1);
    // draws in project_ratio.
    const ontrack::series n(period::year(2010), {1, 2, 3, 4, 5, 6}, "n", "r");
    const ontrack::series d(period::year(2010), {10, 11, 12, 13, 14, 15}, "d", "r");
    const auto e = thrown<ontrack::value_error>([&] {
        (void)ontrack::project_ratio(n, d, ontrack::method::linear, period::year(2020), 100.0, 0.95, ontrack::max_ratio_draws + 1);
    });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"field 'draws'", "at most 10000000 draws"}));
}

TEST_CASE("input size limits: the row limit and the file size limit are checked while reading") {
    using limits = ontrack::detail::input_limits;
    static_assert(limits::max_rows == 10'000'000);
    static_assert(limits::max_file_bytes == std::size_t{512} << 20);
    // The file limit is checked on a stream that never ends (no size to ask for first): /dev/zero.
    if (fs::exists("/dev/zero")) {
        const auto e = thrown<ontrack::parse_error>([] { (void)ontrack::read_observations_file("/dev/zero"); });
        REQUIRE(e);
        CHECK(mentions(e->what(), {"/dev/zero", "larger than 512 MiB"}));
    }
}

// ------------------------------------------------------------------------------------ one bad target row

TEST_CASE("one bad target: the error names the target, and a lenient read keeps the others") {
    const std::string text = tgt_header + "good,China,x,level,>=,1,2025\n"
                                          "far,China,x,level,>=,1,10009\n"
                                          "mixed,China,x,kind?,>=,1,2025\n"
                                          "good,China,x,level,>=,2,2026\n"
                                          "also_good,China,x,level,>=,3,2025\n";
    CHECK(mentions(tgt_error(tgt_header + "far,China,x,level,>=,1,10009\n"), {"t.csv, line 2, column 7", "field 'period'", "target 'far'"}));
    const auto reading = ontrack::read_targets_lenient(text, "t.csv");
    REQUIRE(reading.targets.size() == 2);
    CHECK(reading.targets[0].id == "good");
    CHECK(reading.targets[1].id == "also_good");
    REQUIRE(reading.rejected.size() == 3);
    CHECK(reading.rejected[0].line == 3);
    CHECK(reading.rejected[0].id == "far");
    CHECK(mentions(reading.rejected[0].message, {"t.csv, line 3", "target 'far'"}));
    CHECK(mentions(reading.rejected[1].message, {"line 4", "field 'kind'", "target 'mixed'"}));
    CHECK(mentions(reading.rejected[2].message, {"line 5", "duplicate target id"}));
    // A file that is not a targets table still fails as a whole.
    CHECK(thrown<ontrack::parse_error>([] { (void)ontrack::read_targets_lenient("id,indicator,kind,period\na,x,level\n", "t.csv"); }));
}

// ----------------------------------------------------------------------------- units across dated vintages

TEST_CASE("dated vintages: a series mixing units of one kind across vintages is converted as without vintages") {
    // The issue's example: 万元 in the older vintages, 亿元 in the newest; the latest vintage of each
    // period would have joined 1.2e6 (万元) and 130 (亿元) into one series. Now every path puts them in
    // the unit of the latest period: 1,200,000 万元 = 1.2e6 × 1e4 / 1e8 = 120 亿元 (hand arithmetic).
    const std::string wan = "\xE4\xB8\x87\xE5\x85\x83", yi = "\xE4\xBA\xBF\xE5\x85\x83";
    const auto table = ontrack::read_observations(obs_header + "China,x,2019,1200000," + wan + ",2020-03-01,\n" + "China,x,2020,1250000," + wan +
                                                      ",2021-03-01,\n" + "China,x,2021,130," + yi + ",2022-03-01,\n" + "China,x,2022,135," + yi +
                                                      ",2023-03-01,\n",
                                                  "o.csv");
    const ontrack::observation_index index(table);
    const auto all = index.select("China", "x", ontrack::selection_options{}).values;
    CHECK(all.unit() == yi);
    CHECK(all.values() == std::vector<double>{120.0, 125.0, 130.0, 135.0});
    // Known only up to 2021-06-30, the series is all 万元: kept as written.
    ontrack::selection_options by_mid_2021;
    by_mid_2021.as_of = boost::gregorian::date(2021, 6, 30);
    const auto early = index.select("China", "x", by_mid_2021).values;
    CHECK(early.unit() == wan);
    CHECK(early.size() == 2);
    // The batch assessment projects the converted series (a level near 135, not −47,659).
    ontrack::target t;
    t.id = "t";
    t.region = "China";
    t.indicator = "x";
    t.value = 200.0;
    t.deadline = period::year(2025);
    const auto batch = ontrack::assess_observations({&t}, table);
    REQUIRE_FALSE(batch.failures[0]);
    REQUIRE(batch.results[0].latest_value);
    CHECK(*batch.results[0].latest_value == 135.0);
    // The same data without vintages: the same conversion.
    const auto plain = ontrack::read_observations(obs_header + "China,x,2019,1200000," + wan + ",,\nChina,x,2021,130," + yi + ",,\n", "o.csv");
    const auto converted = plain.select("China", "x");
    CHECK(converted.unit() == yi);
    CHECK(converted.at(period::year(2019)) == 120.0);
    CHECK(converted.at(period::year(2021)) == 130.0);
    // Units that measure different things are refused on every path, naming both.
    const auto odd = ontrack::read_observations(obs_header + "China,y,2019,1,%,2020-03-01,\nChina,y,2020,2," + wan + ",2021-03-01,\n", "o.csv");
    const auto refused = thrown<ontrack::value_error>([&] { (void)ontrack::observation_index(odd).select("China", "y", ontrack::selection_options{}); });
    REQUIRE(refused);
    CHECK(mentions(refused->what(), {"field 'unit'", "mixes units", "%", wan}));
}

TEST_CASE("indexed selection gives what the table's select gives") {
    const auto table = ontrack::read_observations(obs_header + "A,x,2019,1,,v1,\nA,x,2020,2,,v1,\nA,x,2020,3,,v2,\nB,x,2020,4,,,\nA,y,2020,5,,,\n", "o.csv");
    const ontrack::observation_index index(table);
    for (const std::string region : {"A", "B"}) {
        for (const std::string vintage : {"v1", "v2"}) {
            const auto rows = index.rows_of(region, "x");
            if (region == "B") continue;
            const auto a = table.select(region, "x", vintage);
            const auto b = table.select(region, "x", vintage, rows);
            CHECK(a.values() == b.values());
        }
    }
    CHECK(thrown<ontrack::value_error>([&] { (void)table.select("A", "x", std::nullopt, index.rows_of("A", "x")); }));
    CHECK(thrown<ontrack::data_error>([&] { (void)table.select("C", "x", std::nullopt, index.rows_of("C", "x")); }));
}

// --------------------------------------------------------------------------------- NaN probabilities

TEST_CASE("probability at NaN raises for one distribution and for a panel, point masses included") {
    ontrack::predictive point;  // scale 0: a point mass
    point.location = 1.0;
    CHECK(thrown<ontrack::value_error>([&] { (void)point.probability(ontrack::comparator::at_least, std::nan("")); }));
    ontrack::panel values(2, 6);
    values << 1, 2, 3, 4, 5, 6, 2, 2, 2, 2, 2, 2;  // the second row is constant: a point mass
    const auto b = ontrack::project_many(values, period::year(2010), ontrack::method::linear, period::year(2018));
    Eigen::VectorXd thresholds(2);
    thresholds << std::nan(""), 1.0;
    const auto e = thrown<ontrack::value_error>([&] { (void)b.probability(ontrack::comparator::at_least, thresholds, period::year(2018)); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"NaN", "row 0"}));
    thresholds << 1.0, std::nan("");
    CHECK(thrown<ontrack::value_error>([&] { (void)b.probability(ontrack::comparator::less, thresholds, period::year(2018)); }));
    thresholds << 1.0, 1.0;
    CHECK(b.probability(ontrack::comparator::at_least, thresholds, period::year(2018))(1) == 1.0);
}
