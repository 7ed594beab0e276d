// Unit checks: a value 100 times off its neighbours, a percent target against fractions or a series
// without a unit, and observations in a unit measuring something else, with the words and places the
// messages give. Every expected figure below is worked out by hand in its comment.
#include <ontrack/unit_checks.hpp>

#include <doctest/doctest.h>

using ontrack::period;

namespace {

ontrack::observation row(const std::string& indicator, int year, double value, const std::string& unit, const std::string& file = "",
                         std::size_t line = 0) {
    ontrack::observation o;
    o.region = "甲市";
    o.indicator = indicator;
    o.at = period::year(year);
    o.value = value;
    o.unit = unit;
    o.file = file;
    o.line = line;
    return o;
}

ontrack::target percent_target(const std::string& id, const std::string& indicator, double value) {
    ontrack::target t;
    t.id = id;
    t.region = "甲市";
    t.indicator = indicator;
    t.value = value;
    t.deadline = period::year(2025);
    t.unit = "%";
    return t;
}

}  // namespace

TEST_CASE("a value about 100 times smaller than the periods next to it is named with both") {
    // 1.2, 0.013, 1.4: factors 1.2 / 0.013 = 92.3 and 1.4 / 0.013 = 107.7, median (92.31 + 107.69) / 2 =
    // 100.0; the neighbours' median (1.2 + 1.4) / 2 = 1.3.
    const ontrack::observation_table table({row("rd", 2020, 1.2, "%"), row("rd", 2021, 0.013, "%"), row("rd", 2022, 1.4, "%")});
    const auto found = ontrack::unit_warnings({}, table);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == ontrack::unit_warning_kind::scale);
    CHECK(found[0].message ==
          "'rd' in '甲市': 2021 is 0.013, about 100 times smaller than the periods next to it (1.3): a percentage stored as a fraction? "
          "Check the cell and its unit.");
    // A level drifting down by a factor 2 a year is no jump (factors 2 and 0.5 around the middle value).
    const ontrack::observation_table drifting({row("rd", 2020, 4.0, "%"), row("rd", 2021, 2.0, "%"), row("rd", 2022, 1.0, "%")});
    CHECK(ontrack::unit_warnings({}, drifting).empty());
    // A series crossing zero has no ratios: nothing is said.
    const ontrack::observation_table crossing({row("g", 2020, 1.2, "%"), row("g", 2021, 0.013, "%"), row("g", 2022, -1.4, "%")});
    CHECK(ontrack::unit_warnings({}, crossing).empty());
}

TEST_CASE("a percent target against fractions, and against a series without a unit") {
    // Target 1.5% against 0.012 and 0.013: median 0.0125, ratio 1.5 / 0.0125 = 120.
    const ontrack::observation_table fractions({row("rd", 2021, 0.012, "%"), row("rd", 2022, 0.013, "%")});
    const auto found = ontrack::unit_warnings({percent_target("t1", "rd", 1.5)}, fractions);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "target 't1' is 1.5% but the observations of 'rd' in '甲市' are about 120 times smaller (median 0.0125): percentages stored as "
          "fractions (0.013 for 1.3%)? Write them as percent values, or read the workbook with ontrack (it honours percent formats).");
    // No unit: said once per series, however many targets use it.
    const ontrack::observation_table bare({row("rd", 2021, 1.2, ""), row("rd", 2022, 1.3, "")});
    const auto once = ontrack::unit_warnings({percent_target("t1", "rd", 1.5), percent_target("t2", "rd", 1.8)}, bare);
    REQUIRE(once.size() == 1);
    CHECK(once[0].kind == ontrack::unit_warning_kind::missing_unit);
    CHECK(once[0].message.find("target 't1' is in % but the observations of 'rd' in '甲市' have no unit") == 0);
}

TEST_CASE("observations in a unit measuring something else name the target, the rows and the periods") {
    auto target = percent_target("t1", "rd", 1.5);
    target.file = "targets.csv";
    target.line = 2;
    const ontrack::observation_table table({row("rd", 2019, 1.2, "%", "obs.csv", 2), row("rd", 2020, 3.0, "亿元", "obs.csv", 7),
                                            row("rd", 2021, 3.1, "亿元", "book.xlsx, sheet '数据'", 4)});
    const auto found = ontrack::unit_mismatches({target}, table);
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == "obs.csv");
    CHECK(found[0].message ==
          "target 't1' (targets.csv, line 2) is in '%' but the observations of 'rd' in '甲市' are in '亿元' (obs.csv, line 7; book.xlsx, "
          "sheet '数据', row 4; 2020–2021): they measure different things; correct the unit column of those rows, or the target's unit");
    // Rows made in code: their file comes from `origins`; four lines are shown as three and a count.
    const ontrack::observation_table made({row("rd", 2018, 3.0, "亿元"), row("rd", 2019, 3.0, "亿元", "a.csv", 5), row("rd", 2020, 3.0, "亿元", "a.csv", 3),
                                           row("rd", 2021, 3.0, "亿元", "a.csv", 9), row("rd", 2022, 3.0, "亿元", "a.csv", 4)});
    const ontrack::observation_origins origins{{{"甲市", "rd", "2018", ""}, "made.csv"}};
    const auto listed = ontrack::unit_mismatches({percent_target("t2", "rd", 1.5)}, made, origins);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].file == "made.csv");
    CHECK(listed[0].message.find("are in '亿元' (made.csv; a.csv, lines 3, 4, 5 … (4 rows); 2018–2022)") != std::string::npos);
    // A growth target's unit may describe its base value: not checked.
    auto growth = percent_target("g", "rd", 1.5);
    growth.kind = ontrack::target_kind::growth;
    CHECK(ontrack::unit_mismatches({growth}, table).empty());
}
