// Tests of ontrack/unit.hpp: the units of plan indicators with the Chinese scale words, and conversion
// between units that measure the same thing.
//
// Reference figures: 万 = 10^4 and 亿 = 10^8 (guide/domain.md, "Units"), so 1 万元 = 10^4 / 10^8 = 10^-4
// 亿元; ‰ is a tenth of a percent. Every such quotient of powers of ten is checked exactly: 1e4, 1e8 are
// exact doubles and the division is correctly rounded to the same double as the literal 1e-4.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/unit.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::parse_unit;

void check_unit(const std::string& text, const std::string& symbol, const std::string& base, double scale) {
    CAPTURE(text);
    const auto u = parse_unit(text);
    CHECK(u.symbol == symbol);
    CHECK(u.base == base);
    CHECK(u.scale == scale);
    CHECK(u.known());
}

}  // namespace

TEST_CASE("parse_unit: money, area and weight with 万 and 亿") {
    check_unit("亿元", "亿元", "元", 1e8);
    check_unit("万元", "万元", "元", 1e4);
    check_unit("元", "元", "元", 1.0);
    check_unit("万亩", "万亩", "亩", 1e4);
    check_unit("亩", "亩", "亩", 1.0);
    check_unit("万吨", "万吨", "吨", 1e4);
    check_unit("千元", "千元", "元", 1e3);
    check_unit("百万元", "百万元", "元", 1e6);
    check_unit(" 亿元 ", "亿元", "元", 1e8);  // trimmed
}

TEST_CASE("parse_unit: percent, per mille and percentage points") {
    check_unit("%", "%", "percent", 1.0);
    check_unit("percent", "percent", "percent", 1.0);
    check_unit("% of GDP", "% of GDP", "percent", 1.0);
    check_unit("% of population aged 18-69", "% of population aged 18-69", "percent", 1.0);
    check_unit("‰", "‰", "percent", 0.1);  // a tenth of a percent
    check_unit("per mille", "per mille", "percent", 0.1);
    // Percentage points share the base of percent, so "+2 个百分点" compares with a series in %.
    check_unit("个百分点", "个百分点", "percent", 1.0);
    check_unit("百分点", "百分点", "percent", 1.0);
    check_unit("percentage points", "percentage points", "percent", 1.0);
    check_unit("pp", "pp", "percent", 1.0);
}

TEST_CASE("parse_unit: counting words are counts") {
    for (const char* word : {"家", "个", "项", "人", "名", "场次", "件", "支", "所", "座", "次", "count"}) {
        check_unit(word, word, "count", 1.0);
    }
    check_unit("万人", "万人", "count", 1e4);
    check_unit("万家", "万家", "count", 1e4);
    check_unit("万户", "万户", "count", 1e4);
    check_unit("万", "万", "count", 1e4);  // a bare 万 counts things
    check_unit("亿人", "亿人", "count", 1e8);
}

TEST_CASE("parse_unit: English forms with the Chinese unit in brackets") {
    check_unit("100m CNY (亿元)", "100m CNY (亿元)", "元", 1e8);
    check_unit("10k CNY (万元)", "10k CNY (万元)", "元", 1e4);
    check_unit("10k persons (万人)", "10k persons (万人)", "count", 1e4);
    check_unit("100m CNY", "100m CNY", "元", 1e8);
    check_unit("CNY", "CNY", "元", 1.0);
    check_unit("yuan", "yuan", "元", 1.0);
    check_unit("万CNY", "万CNY", "元", 1e4);
}

TEST_CASE("parse_unit: a bracketed unit without a scale word is recognised too") {
    // Regression (fixed): unit.hpp parse_unit (line 38) takes the bracketed inner unit only when its base differs from
    // its text (`from_inner.base != inner`). For inner units without a scale word, 元/亩/吨, the base is
    // the text itself, so "mu (亩)" and "CNY (元)" fall through and become opaque symbols that are
    // incompatible with 万亩 / 亿元. Expected base 亩 (resp. 元), scale 1.
    check_unit("mu (亩)", "mu (亩)", "亩", 1.0);
    check_unit("CNY (元)", "CNY (元)", "元", 1.0);
    CHECK_NOTHROW((void)ontrack::conversion_factor(parse_unit("mu (亩)"), parse_unit("万亩")));
}

TEST_CASE("parse_unit: other text is an opaque unit; empty text is unknown") {
    check_unit("人年", "人年", "人年", 1.0);  // person-years: not a count of persons
    check_unit("km", "km", "km", 1.0);
    check_unit("foo (bar)", "foo (bar)", "foo (bar)", 1.0);  // an unknown bracketed unit keeps the whole text

    const auto empty = parse_unit("");
    CHECK_FALSE(empty.known());
    CHECK(empty.symbol.empty());
    CHECK(empty.scale == 1.0);
    CHECK_FALSE(parse_unit("   ").known());
}

TEST_CASE("conversion_factor between units of the same base") {
    using ontrack::conversion_factor;
    CHECK(conversion_factor(parse_unit("万元"), parse_unit("亿元")) == 1e-4);   // 10^4 / 10^8
    CHECK(conversion_factor(parse_unit("亿元"), parse_unit("万元")) == 1e4);    // 10^8 / 10^4
    CHECK(conversion_factor(parse_unit("亿元"), parse_unit("元")) == 1e8);
    CHECK(conversion_factor(parse_unit("100m CNY (亿元)"), parse_unit("亿元")) == 1.0);
    CHECK(conversion_factor(parse_unit("万亩"), parse_unit("亩")) == 1e4);
    CHECK(conversion_factor(parse_unit("家"), parse_unit("个")) == 1.0);      // both counts
    CHECK(conversion_factor(parse_unit("万人"), parse_unit("人")) == 1e4);
    CHECK(conversion_factor(parse_unit("‰"), parse_unit("%")) == 0.1);       // 0.1 / 1
    CHECK(conversion_factor(parse_unit("%"), parse_unit("‰")) == 10.0);      // 1 / 0.1 = 10 (correctly rounded)
    CHECK(conversion_factor(parse_unit("个百分点"), parse_unit("%")) == 1.0);
    CHECK(conversion_factor(parse_unit("人年"), parse_unit("人年")) == 1.0);
    // An unknown unit on either side converts nothing.
    CHECK(conversion_factor(parse_unit(""), parse_unit("亿元")) == 1.0);
    CHECK(conversion_factor(parse_unit("万元"), ontrack::unit{}) == 1.0);
}

TEST_CASE("conversion_factor: incompatible units are a value_error naming both") {
    const auto e = thrown<ontrack::value_error>(
        [] { (void)ontrack::conversion_factor(parse_unit("亿元"), parse_unit("万亩")); });
    REQUIRE(e);
    CHECK(e->field() == "unit");
    CHECK(mentions(e->what(), {"'亿元'", "'万亩'", "different things"}));

    CHECK_THROWS_AS((void)ontrack::conversion_factor(parse_unit("家"), parse_unit("%")), ontrack::value_error);
    CHECK_THROWS_AS((void)ontrack::conversion_factor(parse_unit("人年"), parse_unit("人")), ontrack::value_error);
    CHECK_THROWS_AS((void)ontrack::conversion_factor(parse_unit("km"), parse_unit("人年")), ontrack::value_error);
}

TEST_CASE("compatible") {
    CHECK(ontrack::compatible(parse_unit("家"), parse_unit("个")));
    CHECK(ontrack::compatible(parse_unit("万元"), parse_unit("亿元")));
    CHECK(ontrack::compatible(parse_unit(""), parse_unit("亿元")));  // unknown is compatible with anything
    CHECK(ontrack::compatible(parse_unit("亿元"), ontrack::unit{}));
    CHECK_FALSE(ontrack::compatible(parse_unit("亿元"), parse_unit("%")));
    CHECK_FALSE(ontrack::compatible(parse_unit("万亩"), parse_unit("万吨")));
}
