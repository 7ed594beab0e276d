// Tests of ontrack/plan.hpp: a plan's targets must have unique ids and be well-formed; a plan can be cut
// out of a shared targets file by its document.
//
// Reference figures: the number of rows per document in examples/data/seed_targets.csv, counted by hand
// from the ids (changji-01 … changji-30, dabancheng-01 … -15, xinjiang2013-01 … -08, urumqi2020-01 … -04,
// urumqi2019-01) and checked again by counting the file's lines that carry the document's title.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/plan.hpp>
#include <ontrack/targets_file.hpp>

#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::period;
using ontrack::plan;
using ontrack::target;
using ontrack::target_kind;

const std::string seed_path = ONTRACK_EXAMPLES_DATA_DIR "/seed_targets.csv";

target level(const std::string& id, double value) {
    target t;
    t.id = id;
    t.region = "Changji City";
    t.indicator = "x";
    t.kind = target_kind::level;
    t.value = value;
    t.deadline = period::year(2025);
    t.document = "plan";
    return t;
}

/// Lines of the file at `path` that contain `needle` (each seed row is one line).
int lines_containing(const std::string& path, const std::string& needle) {
    std::ifstream in(path);
    REQUIRE(in);
    int n = 0;
    for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("plan::validate: a well-formed plan passes") {
    plan p;
    p.name = "昌吉市科技创新“十四五”规划";
    p.region = "Changji City";
    p.span = ontrack::parse_period_span("十四五");
    p.base = period::year(2020);
    p.targets = {level("a", 1), level("b", 2)};
    CHECK_NOTHROW(p.validate());
    REQUIRE(p.find("b"));
    CHECK(p.find("b")->value == 2.0);
    CHECK(p.find("c") == nullptr);
    CHECK_NOTHROW(plan{}.validate());  // an empty plan has nothing wrong
}

TEST_CASE("plan::validate: duplicate target ids are a value_error naming the id and the plan") {
    plan p;
    p.name = "Dabancheng HTE plan";
    p.targets = {level("d-01", 1), level("d-02", 2), level("d-01", 3)};
    const auto e = thrown<ontrack::value_error>([&] { p.validate(); });
    REQUIRE(e);
    CHECK(e->field() == "id");
    CHECK(mentions(e->what(), {"'d-01'", "'Dabancheng HTE plan'", "twice"}));
}

TEST_CASE("plan::validate: a malformed target or a base inside the span is a value_error") {
    plan p;
    p.name = "p";
    target bad = level("a", 1);
    bad.value.reset();
    p.targets = {bad};
    auto e = thrown<ontrack::value_error>([&] { p.validate(); });
    REQUIRE(e);
    CHECK(e->field() == "value");
    CHECK(mentions(e->what(), {"'a'"}));

    plan q;
    q.name = "q";
    q.span = ontrack::period_span{period::year(2021), period::year(2025)};
    q.base = period::year(2021);  // the base must come before the first year
    e = thrown<ontrack::value_error>([&] { q.validate(); });
    REQUIRE(e);
    CHECK(e->field() == "base");
    CHECK(mentions(e->what(), {"2021", "'q'"}));
    q.base = period::year(2020);
    CHECK_NOTHROW(q.validate());
}

TEST_CASE("plan::from_document picks one document's targets from a shared file") {
    const auto all = ontrack::read_targets_file(seed_path);
    struct expected {
        const char* document;
        int rows;
        const char* region;
        const char* first_id;
    };
    for (const auto& x : {expected{"昌吉市科技创新“十四五”规划", 30, "Changji City", "changji-01"},
                          expected{"达坂城区高新技术企业发展三年行动方案(2023—2025年)", 15, "Dabancheng", "dabancheng-01"},
                          expected{"创新型新疆建设意见任务分工(新政办发〔2013〕118号)", 8, "Xinjiang", "xinjiang2013-01"},
                          expected{"乌鲁木齐市“搭平台、聚人才、兴产业”创新工程若干措施", 4, "Urumqi", "urumqi2020-01"},
                          expected{"乌鲁木齐市打造“双创”升级版若干意见", 1, "Urumqi", "urumqi2019-01"}}) {
        CAPTURE(x.document);
        const auto p = plan::from_document(all, x.document);
        CHECK(p.name == x.document);
        CHECK(p.region == x.region);
        REQUIRE(p.targets.size() == static_cast<std::size_t>(x.rows));
        CHECK(lines_containing(seed_path, std::string(",") + x.document + ",") == x.rows);
        CHECK(p.targets.front().id == x.first_id);
        for (const auto& t : p.targets) CHECK(t.document == x.document);
        CHECK_NOTHROW(p.validate());
    }
    // 30 + 15 + 8 + 4 + 1 = 58: every seed row belongs to one of the five documents.
    CHECK(all.size() == 58u);

    const auto none = plan::from_document(all, "no such plan");
    CHECK(none.targets.empty());
    CHECK(none.region.empty());
    CHECK(none.name == "no such plan");
}
