// Region trees: the bundled Xinjiang tree, name lookup, and the errors of the regions CSV.
#include <ontrack/observations.hpp>
#include <ontrack/region.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using ontrack::region_level;
using ontrack::testing::mentions;
using ontrack::testing::thrown;

namespace {
const std::string data_dir = ONTRACK_EXAMPLES_DATA_DIR;
const std::string header = "id,parent,name_zh,name_en,level\n";
}  // namespace

TEST_CASE("the bundled tree nests Dabancheng under Urumqi under Xinjiang under China") {
    const auto tree = ontrack::read_regions_file(data_dir + "/regions.csv");
    CHECK(tree.roots() == std::vector<std::string>{"china"});
    CHECK(tree.ancestors("dabancheng") == std::vector<std::string>{"urumqi", "xinjiang", "china"});
    CHECK(tree.depth("dabancheng") == 3);
    CHECK(tree.at("changji_city").parent == "changji_prefecture");
    CHECK(tree.at("changji_prefecture").level == region_level::prefecture);
    CHECK(tree.at("changji_htz").level == region_level::zone);
    // Urumqi: 7 districts and 1 county (天山 沙依巴克 新市 水磨沟 头屯河 达坂城 米东, 乌鲁木齐县).
    CHECK(tree.parts("urumqi").size() == 8);
    // Changji prefecture: 2 county-level cities and 5 counties.
    CHECK(tree.parts("changji_prefecture").size() == 7);
    // The national high-tech zone is a child of Changji City but overlaps it: not one of its parts.
    CHECK(tree.children("changji_city") == std::vector<std::string>{"changji_htz"});
    CHECK(tree.parts("changji_city").empty());
    CHECK(tree.descendants("changji_prefecture").size() == 8);
}

TEST_CASE("every region name of the bundled observations but 'Western China' finds its region") {
    const auto tree = ontrack::read_regions_file(data_dir + "/regions.csv");
    const auto table = ontrack::read_observations_file(data_dir + "/observations.csv");
    std::vector<std::string> unmatched;
    for (const auto& row : table.rows()) {
        if (!tree.find(row.region) && std::find(unmatched.begin(), unmatched.end(), row.region) == unmatched.end()) unmatched.push_back(row.region);
    }
    // "Western China" is a statistical grouping of provinces, not a node of the administrative tree.
    CHECK(unmatched == std::vector<std::string>{"Western China"});
    CHECK(*tree.find("Urumqi HTZ (Xinshi District)") == "xinshi");
    CHECK(*tree.find("新市区") == "xinshi");
    CHECK(*tree.find(" Changji City ") == "changji_city");
    CHECK(*tree.find("昌吉回族自治州") == "changji_prefecture");
    CHECK(*tree.find("Changji National HTZ") == "changji_htz");
    CHECK(*tree.find("达坂城区") == "dabancheng");
    CHECK_FALSE(tree.find("Changji").has_value());
    const auto e = thrown<ontrack::value_error>([&] { tree.lookup("Kashgar"); });
    REQUIRE(e);
    CHECK(mentions(e->what(), {"Kashgar"}));
}

TEST_CASE("the regions CSV round-trips") {
    const auto tree = ontrack::read_regions_file(data_dir + "/regions.csv");
    const auto text = ontrack::write_regions(tree);
    const auto again = ontrack::read_regions(text);
    CHECK(ontrack::write_regions(again) == text);
    CHECK(again.at("xinshi").aliases == tree.at("xinshi").aliases);
}

TEST_CASE("errors in the regions CSV name line, column and field") {
    SUBCASE("duplicate id") {
        const auto e = thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + "a,,甲,A,country\nb,a,乙,B,province\na,,丙,C,country\n", "r.csv"); });
        REQUIRE(e);
        CHECK(e->line() == 4);
        CHECK(e->column() == 1);
        CHECK(e->field() == "id");
        CHECK(mentions(e->what(), {"r.csv", "duplicate", "line 2"}));
    }
    SUBCASE("unknown parent") {
        const auto e = thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + "a,,甲,A,country\nb,x,乙,B,province\n"); });
        REQUIRE(e);
        CHECK(e->line() == 3);
        CHECK(e->column() == 2);
        CHECK(e->field() == "parent");
        CHECK(e->value() == "x");
    }
    SUBCASE("cycle") {
        // a → b → c → b: the cycle is b, c; the first of its rows is line 3.
        const auto e = thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + "a,,甲,A,country\nb,c,乙,B,province\nc,b,丙,C,city\n"); });
        REQUIRE(e);
        CHECK(e->line() == 3);
        CHECK(e->field() == "parent");
        CHECK(mentions(e->what(), {"cycle", "b → c → b"}));
    }
    SUBCASE("self parent") {
        const auto e = thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + "a,a,甲,A,country\n"); });
        REQUIRE(e);
        CHECK(e->line() == 2);
        CHECK(mentions(e->what(), {"a → a"}));
    }
    SUBCASE("unknown level") {
        const auto e = thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + "a,,甲,A,state\n"); });
        REQUIRE(e);
        CHECK(e->line() == 2);
        CHECK(e->column() == 5);
        CHECK(e->field() == "level");
        CHECK(e->value() == "state");
    }
    SUBCASE("a name of two regions") {
        const auto e = thrown<ontrack::parse_error>([&] {
            ontrack::read_regions("id,parent,name_zh,name_en,level,aliases\na,,甲,A,country,\nb,a,乙,B,province,A\n");
        });
        REQUIRE(e);
        CHECK(e->line() == 3);
        CHECK(e->field() == "aliases");
        CHECK(e->column() == 6);
        CHECK(mentions(e->what(), {"'a'", "line 2"}));
    }
    SUBCASE("empty id and unknown column") {
        CHECK(thrown<ontrack::parse_error>([&] { ontrack::read_regions(header + ",,甲,A,country\n"); })->column() == 1);
        CHECK(thrown<ontrack::parse_error>([&] { ontrack::read_regions("id,parent,name_zh,name_en,level,area\n"); })->field() == "area");
    }
}

TEST_CASE("a tree built in code checks the same rules") {
    using ontrack::region;
    CHECK(thrown<ontrack::value_error>([] { ontrack::region_tree({region{"a", "", "", "", region_level::country, {}}, region{"a", "", "", "", region_level::country, {}}}); }));
    CHECK(thrown<ontrack::value_error>([] { ontrack::region_tree({region{"a", "z", "", "", region_level::country, {}}}); }));
    CHECK(thrown<ontrack::value_error>([] { ontrack::region_tree({region{"a", "b", "", "", region_level::city, {}}, region{"b", "a", "", "", region_level::city, {}}}); }));
    const ontrack::region_tree ok({region{"a", "", "甲", "A", region_level::country, {}}, region{"b", "a", "乙", "B", region_level::province, {}}});
    CHECK(ok.children("a") == std::vector<std::string>{"b"});
    CHECK(thrown<ontrack::value_error>([&] { ok.children("q"); }));
}
