// Tests of ontrack/extraction.hpp: the plan-text extractor, one construct per test case.
//
// Every sentence here was written for these tests (none is copied from the seed plans); the expected
// row is read off the sentence by the conventions of docs/targets_csv.md and docs/extraction.md, and
// the comment beside each check says which word gives it.
#include <doctest/doctest.h>

#include <ontrack/extraction.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ontrack::comparator;
using ontrack::extract_options;
using ontrack::extract_targets;
using ontrack::extracted_target;
using ontrack::period;
using ontrack::period_span;
using ontrack::row_type;
using ontrack::target_kind;

/// Options with the 14th five-year plan (2021–2025) as the document's span.
extract_options fourteenth() {
    extract_options o;
    o.reference_span = period_span{period::year(2021), period::year(2025)};
    o.document = "测试规划";
    o.default_region = "Testshire";
    return o;
}

std::vector<extracted_target> targets_of(std::string_view text, const extract_options& options = fourteenth()) {
    std::vector<extracted_target> out;
    for (auto& row : extract_targets(text, options))
        if (row.type == row_type::target) out.push_back(row);
    return out;
}

std::vector<extracted_target> baselines_of(std::string_view text, const extract_options& options = fourteenth()) {
    std::vector<extracted_target> out;
    for (auto& row : extract_targets(text, options))
        if (row.type == row_type::baseline) out.push_back(row);
    return out;
}

/// The only target of a sentence (fails the test when there is not exactly one).
extracted_target only_target(std::string_view text, const extract_options& options = fourteenth()) {
    const auto rows = targets_of(text, options);
    REQUIRE_MESSAGE(rows.size() == 1, std::string(text));
    return rows.front();
}

std::optional<double> opt(double x) { return x; }

/// A row as one line: "kind cmp value unit period" for a target (period "first-last" for a span),
/// "baseline value unit period" for a baseline; the first target of the text, else its first row, else "-".
std::string reading_of(const std::vector<extracted_target>& rows) {
    const extracted_target* pick = nullptr;
    for (const auto& r : rows)
        if (r.type == row_type::target) { pick = &r; break; }
    if (pick == nullptr && !rows.empty()) pick = &rows.front();
    if (pick == nullptr) return "-";
    const auto& t = pick->target;
    std::vector<std::string> parts;
    if (pick->type == row_type::baseline) {
        parts.emplace_back("baseline");
    } else {
        parts.push_back(ontrack::to_string(t.kind));
        parts.push_back(ontrack::to_string(t.compare));
    }
    if (t.value) parts.push_back(ontrack::detail::format_number(*t.value));
    if (!t.unit.empty()) parts.push_back(t.unit);
    std::string when = t.deadline ? t.deadline->to_string() : "";
    if (t.period_start && t.deadline) when = t.period_start->to_string() + "-" + when;
    if (!when.empty()) parts.push_back(when);
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

/// Checks one grammar example: the text, read in a 2021–2025 plan, gives the reading the table states.
void check_example(std::string_view example, std::string_view reading) {
    extract_options o;
    o.reference_span = period_span{period::year(2021), period::year(2025)};
    CHECK_MESSAGE(reading_of(extract_targets(example, o)) == reading, std::string(example));
}

}  // namespace

// The grammar's own corpus: each construct of extraction_grammar.hpp with its example sentence and the
// reading it must give (read off the sentence by hand, by docs/targets_csv.md's conventions).
TEST_CASE("grammar: every predicate's example gives its reading") {
    for (const auto& p : ontrack::detail::predicates()) check_example(p.example, p.reading);
}

TEST_CASE("grammar: every time phrase's example gives its reading") {
    for (const auto& p : ontrack::detail::time_phrases()) check_example(p.example, p.reading);
}

TEST_CASE("grammar: every qualifier's and quantity form's example gives its reading") {
    for (const auto& p : ontrack::detail::qualifiers()) check_example(p.example, p.reading);
    for (const auto& p : ontrack::detail::quantity_forms()) check_example(p.example, p.reading);
}

TEST_CASE("grammar: every table entry has an example, words are unique, units run longest first") {
    std::vector<std::u32string_view> words;
    for (const auto& p : ontrack::detail::predicates()) {
        CHECK(!p.example.empty());
        CHECK(!p.reading.empty());
        words.push_back(p.word);
    }
    std::sort(words.begin(), words.end());
    CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
    // One distinct name per time effect (the bindings and the documentation read them from this table).
    std::vector<std::string_view> effects(std::begin(ontrack::detail::time_effect_names), std::end(ontrack::detail::time_effect_names));
    std::sort(effects.begin(), effects.end());
    CHECK(std::adjacent_find(effects.begin(), effects.end()) == effects.end());
    CHECK(ontrack::detail::name_of(ontrack::detail::time_effect::base_before) == "base_before");
    CHECK(ontrack::detail::name_of(ontrack::detail::time_effect::commitment) == "commitment");
    const auto& units = ontrack::detail::units();
    for (std::size_t i = 0; i < units.size(); ++i)
        for (std::size_t j = i + 1; j < units.size(); ++j)
            // A unit that ends another one ("次" in "场次") must come after it, or the longer is never read.
            CHECK_FALSE((units[j].word.size() > units[i].word.size() && units[j].word.substr(0, units[i].word.size()) == units[i].word));
}

TEST_CASE("grammar: the confidence function adds its named weights and stays in [0, 1]") {
    const ontrack::detail::confidence_weights w;
    CHECK(ontrack::detail::confidence(w, false, false, false, false) == doctest::Approx(w.base));
    CHECK(ontrack::detail::confidence(w, true, true, true, true) ==
          doctest::Approx(std::min(1.0, w.base + w.stated_time + w.comparator_word + w.catalogued + w.arabic_number)));
    ontrack::detail::confidence_weights heavy;
    heavy.base = 0.9;
    CHECK(ontrack::detail::confidence(heavy, true, true, true, true) == 1.0);
}

TEST_CASE("deadline 到YYYY年: the year is the deadline of a level target") {
    const auto row = only_target("到2024年,全县科技型企业研发机构覆盖率达到40%。");
    CHECK(row.target.deadline == period::year(2024));          // 到2024年
    CHECK(row.target.kind == target_kind::level);
    CHECK(row.target.compare == comparator::at_least);          // 达到
    CHECK(row.target.value == opt(40));
    CHECK(row.target.unit == "%");
    CHECK(row.target.region == "Testshire");                    // default_region
    CHECK(row.target.document == "测试规划");
    CHECK(row.target.quote == "到2024年,全县科技型企业研发机构覆盖率达到40%");
}

TEST_CASE("deadline 至YYYY年 and YYYY年底") {
    CHECK(only_target("至2023年,企业发明专利授权量达到300件。").target.deadline == period::year(2023));
    const auto row = only_target("到2024年底,孵化器在孵企业达到80家。");
    CHECK(row.target.deadline == period::year(2024));           // 2024年底 is the year 2024
    CHECK(row.target.value == opt(80));
    CHECK(row.target.unit == "家");
}

TEST_CASE("deadline carried to the later clauses of the sentence") {
    const auto rows = targets_of("到2024年,技术经纪人达到60名,科技特派员达到300人。");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].target.deadline == period::year(2024));
    CHECK(rows[1].target.deadline == period::year(2024));       // no year in its own clause
    CHECK(rows[1].target.quote == "科技特派员达到300人");
}

TEST_CASE("“十四五”期间: a count of events over the plan is cumulative over 2021–2025") {
    const auto row = only_target("“十四五”期间,举办各类技术交流对接会50场次。", extract_options{});
    CHECK(row.target.kind == target_kind::cumulative);
    CHECK(row.target.period_start == period::year(2021));       // 十四五 = 2021–2025
    CHECK(row.target.deadline == period::year(2025));
    CHECK(row.target.value == opt(50));
    CHECK(row.target.unit == "场次");
}

TEST_CASE("“十三五”末 as a base period (较…翻两番) and as a stated year (a baseline)") {
    const auto row = only_target("到2025年,全县技术合同成交额较“十三五”末翻两番。");
    CHECK(row.target.kind == target_kind::relative);
    CHECK(row.target.value == opt(4));                          // 翻两番 = ×4
    CHECK(row.target.baseline_period == period::year(2020));    // 十三五末 = 2020
    CHECK(row.target.deadline == period::year(2025));
    CHECK(row.indicator_id == "technology_contract_turnover");

    const auto base = baselines_of("“十三五”末,全县众创空间达到4家。");
    REQUIRE(base.size() == 1);
    CHECK(base[0].target.deadline == period::year(2020));
    CHECK(base[0].target.value == opt(4));
    CHECK(base[0].indicator_id == "maker_spaces");
    CHECK(targets_of("“十三五”末,全县众创空间达到4家。").empty());
}

TEST_CASE("每年: the same number every year of the span (per_period)") {
    const auto row = only_target("每年举办科普讲座20场次。");
    CHECK(row.target.kind == target_kind::per_period);
    CHECK(row.target.period_start == period::year(2021));       // the document span
    CHECK(row.target.deadline == period::year(2025));
    CHECK(row.target.value == opt(20));
}

TEST_CASE("年均增长: average growth over the span, as a rate") {
    const auto row = only_target("“十四五”期间,全县研发经费年均增长10%以上。");
    CHECK(row.target.kind == target_kind::average_growth);
    CHECK(row.target.value == opt(0.1));                        // 10% as a fraction
    CHECK(row.target.compare == comparator::at_least);          // 以上
    CHECK(row.target.period_start == period::year(2021));
    CHECK(row.target.deadline == period::year(2025));
    CHECK(row.target.unit.empty());                             // rates carry no unit
    CHECK(row.indicator_id == "rd_expenditure");
}

TEST_CASE("action-plan span in the title: (2024—2026年) is the span of sentences without a year") {
    const std::string text = "某县中小企业培育三年行动方案(2024—2026年)\n每年遴选重点培育企业10家。\n建成省级技术创新中心2家。\n";
    const auto rows = targets_of(text, extract_options{});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].target.kind == target_kind::per_period);
    CHECK(rows[0].target.period_start == period::year(2024));
    CHECK(rows[0].target.deadline == period::year(2026));
    CHECK(rows[1].target.kind == target_kind::level);           // 建成: a stock at the end of the span
    CHECK(rows[1].target.deadline == period::year(2026));
    CHECK(rows[1].confidence < rows[0].confidence + 1e-12);     // no deadline word in its sentence
}

TEST_CASE("five-year plan name in the title, and the document date when no span is stated") {
    CHECK(only_target("关于印发某县“十五五”科技创新规划的通知\n建成科普教育基地12个。\n", extract_options{}).target.deadline ==
          period::year(2030));                                   // 十五五 = 2026–2030
    // Dated 2019: the span runs to the end of the plan in force in 2020, the 13th (2016–2020).
    const auto row = only_target("某县关于加快科技创新的若干措施\n2019年4月8日\n每年确定5项关键技术攻关任务。\n", extract_options{});
    CHECK(row.target.period_start == period::year(2019));
    CHECK(row.target.deadline == period::year(2020));
    // Dated 2020, the last year of the 13th plan: the span runs to the end of the 14th.
    CHECK(only_target("某县若干措施\n2020年9月1日\n每年确定5项关键技术攻关任务。\n", extract_options{}).target.deadline == period::year(2025));
}

TEST_CASE("comparator words: 达到, 突破, 超过, 不低于, 以上, 左右") {
    CHECK(only_target("到2025年,全县专利授权量达到500件。").target.compare == comparator::at_least);
    CHECK(only_target("到2025年,高新区技工贸总收入突破30亿元。").target.compare == comparator::greater);
    CHECK(only_target("到2025年,技术合同登记额超过8亿元。").target.compare == comparator::greater);
    CHECK(only_target("到2025年,企业研发投入占营业收入比重不低于3%。").target.compare == comparator::at_least);
    CHECK(only_target("到2025年,入驻企业120家以上。").target.compare == comparator::at_least);
    const auto about = only_target("到2025年,全县小麦单产提高到0.6吨左右,油料种植面积调整到4万亩左右。");
    CHECK(about.target.compare == comparator::about);           // 左右
    CHECK(about.target.value == opt(4));
    CHECK(about.target.tolerance == opt(0.05));                 // 5% of the value, the documented default
    CHECK(about.target.tolerance_relative);
}

TEST_CASE("力争: a stretch value after a floor, or the only value") {
    const auto row = only_target("到2025年,新型研发机构达到8家,力争达到10家。");
    CHECK(row.target.value == opt(8));
    CHECK(row.target.stretch == opt(10));                       // 力争 10 after the floor 8 in 家
    CHECK(row.target.quote == "到2025年,新型研发机构达到8家,力争达到10家");
    const auto alone = only_target("到2025年,科技服务业营业收入力争突破3亿元。");
    CHECK(alone.target.compare == comparator::greater);        // 突破
    CHECK(alone.target.value == opt(3));
    CHECK(alone.target.stretch == opt(3));                      // aspirational only: stretch = value
}

TEST_CASE("淘汰N以下: what remains is at least N") {
    const auto row = only_target("到2025年,淘汰30万吨以下落后产能。");
    CHECK(row.target.compare == comparator::at_least);
    CHECK(row.target.value == opt(30));
    CHECK(row.target.unit == "万吨");
}

TEST_CASE("倍增: doubling, like 翻一番") {
    const auto row = only_target("到2025年,实施农业科技成果倍增计划。");
    CHECK(row.target.kind == target_kind::relative);
    CHECK(row.target.value == opt(2));
    CHECK(row.target.baseline_period == period::year(2020));    // the year before the span 2021–2025
}

TEST_CASE("翻一番 against a stated year") {
    const auto row = only_target("到2025年,全县科技型中小企业数量比2022年翻一番。");
    CHECK(row.target.kind == target_kind::relative);
    CHECK(row.target.value == opt(2));
    CHECK(row.target.baseline_period == period::year(2022));
    CHECK(row.indicator_id == "tech_based_smes_registered");
}

TEST_CASE("增长N%: growth in the stated year") {
    const auto row = only_target("2024年,全县技术合同成交额增长8%。", extract_options{});
    CHECK(row.target.kind == target_kind::growth);
    CHECK(row.target.value == opt(0.08));
    CHECK(row.target.deadline == period::year(2024));
    CHECK(!row.target.period_start);                           // base = 2023, the year before
}

TEST_CASE("新增N家: an increment; 提高N个百分点: an increment in points") {
    const auto row = only_target("2024年,新增省级工程技术研究中心3家。", extract_options{});
    CHECK(row.target.kind == target_kind::increment);
    CHECK(row.target.value == opt(3));
    CHECK(row.target.unit == "家");
    CHECK(row.indicator_text == "省级工程技术研究中心");
    const auto points = only_target("到2025年,全县公民科学素质比例提高2个百分点。");
    CHECK(points.target.kind == target_kind::increment);
    CHECK(points.target.value == opt(2));
    CHECK(points.target.unit == "个百分点");
}

TEST_CASE("累计: a sum over the span") {
    const auto row = only_target("到2025年,累计培训新型职业农民1200人。");
    CHECK(row.target.kind == target_kind::cumulative);
    CHECK(row.target.value == opt(1200));
    CHECK(row.target.period_start == period::year(2021));
    CHECK(row.target.deadline == period::year(2025));
}

TEST_CASE("占比 and 比重: a share in percent, the indicator text keeps the words") {
    const auto row = only_target("到2025年,高新技术产业产值占工业总产值比重达到30%。");
    CHECK(row.target.value == opt(30));
    CHECK(row.target.unit == "%");
    CHECK(row.indicator_text == "高新技术产业产值占工业总产值比重");
    const auto share = only_target("到2025年,规模以上工业企业中高新技术企业占比达到18%。");
    CHECK(share.indicator_id == "high_tech_enterprise_share_industrial");
}

TEST_CASE("只增不减: never decrease over the span") {
    const auto row = only_target("确保县级财政科技投入只增不减。");
    CHECK(row.target.kind == target_kind::non_decreasing);
    CHECK(row.target.compare == comparator::at_least);
    CHECK(!row.target.value);
    CHECK(row.target.period_start == period::year(2021));
    CHECK(row.target.deadline == period::year(2025));
    CHECK(row.indicator_id == "fiscal_sci_tech_expenditure");
    // 逐年增长: strictly rising.
    CHECK(only_target("建立财政科技投入逐年增长的机制。").target.compare == comparator::greater);
}

TEST_CASE("稳定在…以上: a floor every year (per_period)") {
    const auto row = only_target("到2025年,粮食播种面积稳定在40万亩以上。");
    CHECK(row.target.kind == target_kind::per_period);
    CHECK(row.target.value == opt(40));
    CHECK(row.target.unit == "万亩");
    CHECK(row.target.period_start == period::year(2021));
}

TEST_CASE("调整到…左右: about, with a tolerance") {
    const auto row = only_target("到2025年,甜菜种植面积调整到6万亩左右。");
    CHECK(row.target.kind == target_kind::level);
    CHECK(row.target.compare == comparator::about);
    CHECK(row.target.value == opt(6));
    CHECK(row.target.tolerance == opt(0.05));
}

TEST_CASE("ranges N—M, N-M, N至M: floor and stretch; 控制在…之间: a band (within)") {
    const auto dash = only_target("每年引进2—4名博士研究生。");
    CHECK(dash.target.value == opt(2));
    CHECK(dash.target.stretch == opt(4));
    const auto hyphen = only_target("到2025年,培育3-5家瞪羚企业。");
    CHECK(hyphen.target.value == opt(3));
    CHECK(hyphen.target.stretch == opt(5));
    const auto zhi = only_target("到2025年,培育5至8家专精特新企业。");
    CHECK(zhi.target.value == opt(5));
    CHECK(zhi.target.stretch == opt(8));
    const auto band = only_target("到2025年,城镇调查失业率控制在3—4%之间。");
    CHECK(band.target.compare == comparator::within);
    CHECK(band.target.value == opt(3));
    CHECK(band.target.value_high == opt(4));
    CHECK(!band.target.stretch);
}

TEST_CASE("分别: several values in one sentence, one row each with its own indicator") {
    const auto rows = targets_of("到2025年,油菜、向日葵种植面积分别稳定在3万亩和2万亩以上。");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].indicator_text == "油菜种植面积");
    CHECK(rows[0].target.value == opt(3));
    CHECK(rows[1].indicator_text == "向日葵种植面积");
    CHECK(rows[1].target.value == opt(2));
    CHECK(rows[0].target.kind == target_kind::per_period);     // 稳定在
    CHECK(rows[0].target.quote == rows[1].target.quote);
}

TEST_CASE("units after the number") {
    for (const std::string unit : {"%", "个百分点", "亿元", "万元", "万亩", "万吨", "家", "个", "项", "人", "名", "场次", "件", "支"}) {
        const auto rows = targets_of("到2025年,某项指标达到7" + unit + "。");
        REQUIRE_MESSAGE(rows.size() == 1, unit);
        CHECK_MESSAGE(rows[0].target.unit == unit, unit);
        CHECK(rows[0].target.value == opt(7));
    }
}

TEST_CASE("Chinese numerals") {
    using ontrack::detail::parse_chinese_numeral;
    CHECK(parse_chinese_numeral(U"一") == opt(1));
    CHECK(parse_chinese_numeral(U"两") == opt(2));
    CHECK(parse_chinese_numeral(U"十") == opt(10));
    CHECK(parse_chinese_numeral(U"十二") == opt(12));
    CHECK(parse_chinese_numeral(U"二十三") == opt(23));
    CHECK(parse_chinese_numeral(U"一百零五") == opt(105));
    CHECK(parse_chinese_numeral(U"两千") == opt(2000));
    CHECK(parse_chinese_numeral(U"三万五千") == opt(35000));
    CHECK(parse_chinese_numeral(U"一亿二千万") == opt(120000000));   // 1×10^8 + 2000×10^4
    CHECK(!parse_chinese_numeral(U"二三"));
    CHECK(!parse_chinese_numeral(U"十十"));
    CHECK(!parse_chinese_numeral(U""));
    CHECK(only_target("2024年,新增两家省级重点实验室。", extract_options{}).target.value == opt(2));
    CHECK(only_target("到2025年,建成二十三个乡镇科普站。").target.value == opt(23));
    // 一 alone is an article ("一项重要举措"), not a count.
    CHECK(targets_of("到2025年,把科普工作作为一项重要举措。").empty());
}

TEST_CASE("responsibility blocks close the measures before them on their line") {
    const std::string text =
        "1.推动技术转移。到2025年,建成技术转移服务机构5家。〔牵头单位:县科技局、县发改委;责任单位:县财政局、县统计局等相关部门,各乡(镇)、街道〕\n"
        "2.加强人才培养。每年培养技术经纪人10名。(县人社局牵头,县科技局、县教育局等参加)\n"
        "3.完善服务体系。到2025年,建成科技服务站8个。\n"
        "4.强化企业主体。每年认定创新型企业6家。〔责任单位:区科技局、财政局、新疆某某学院〕\n";
    const auto rows = targets_of(text);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].target.lead_unit == "县科技局;县发改委");
    CHECK(rows[0].target.responsible_units == std::vector<std::string>{"县财政局", "县统计局", "各乡(镇)、街道"});
    CHECK(rows[1].target.lead_unit == "县人社局");
    CHECK(rows[1].target.responsible_units == std::vector<std::string>{"县科技局", "县教育局"});
    CHECK(rows[2].target.lead_unit.empty());                     // no block on its line
    CHECK(rows[2].target.responsible_units.empty());
    // 区科技局、财政局: the 区 prefix is shared; a college names its own body.
    CHECK(rows[3].target.responsible_units == std::vector<std::string>{"区科技局", "区财政局", "新疆某某学院"});
    CHECK(rows[3].target.lead_unit.empty());
}

TEST_CASE("baseline statements: a stated past year, 截止…年底") {
    const std::string text =
        "某县科技创新“十四五”规划\n"
        "2020年,全县研发经费投入强度达到0.9%。截止2020年底,全县有效期内的高新技术企业达18家。\n"
        "到2025年,全县研发经费投入强度达到1.6%,全县有效期内的高新技术企业达到40家。\n";
    const auto rows = extract_targets(text, extract_options{});
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].type == row_type::baseline);
    CHECK(rows[0].target.deadline == period::year(2020));
    CHECK(rows[0].target.value == opt(0.9));
    CHECK(rows[0].indicator_id == "rd_intensity");
    CHECK(rows[1].type == row_type::baseline);
    CHECK(rows[1].target.value == opt(18));
    CHECK(rows[1].indicator_id == "high_tech_enterprises_valid");
    // The targets measure from the stated figures.
    CHECK(rows[2].type == row_type::target);
    CHECK(rows[2].target.baseline_period == period::year(2020));
    CHECK(rows[2].target.baseline_value == opt(0.9));
    CHECK(rows[3].target.baseline_value == opt(18));
    CHECK(rows[0].target.id == "x-b01");
    CHECK(rows[2].target.id == "x-01");
}

TEST_CASE("a section that reviews the past gives baselines, not targets") {
    const std::string text =
        "某县科技创新“十四五”规划\n"
        "一、“十三五”时期发展回顾\n"
        "累计建成众创空间6家,培育科技型中小企业45家。\n"
        "二、发展目标\n"
        "到2025年,众创空间达到10家。\n";
    const auto rows = extract_targets(text, extract_options{});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].type == row_type::baseline);
    CHECK(rows[0].target.deadline == period::year(2020));       // the reviewed plan's last year
    CHECK(rows[1].type == row_type::baseline);
    CHECK(rows[2].type == row_type::target);
    CHECK(!rows[2].target.baseline_value);                      // the section's year is not stated: not linked
}

TEST_CASE("a target stated twice: two rows, or one with merge_repeats") {
    const std::string text = "到2025年,全县专利授权量达到500件。\n四、重点任务\n到2025年,全县专利授权量达到500件。\n";
    CHECK(targets_of(text).size() == 2);                         // every statement by default
    auto options = fourteenth();
    options.merge_repeats = true;
    const auto rows = targets_of(text, options);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].start == 0);                                   // the first statement is kept
}

TEST_CASE("numbers that are not targets: structure counts, ordinals, ages, attributes, dates") {
    CHECK(extract_targets("近日,我县出台若干意见,提出6项主要目标、8项重点任务和31条具体措施。", fourteenth()).empty());
    CHECK(targets_of("到2025年,举办第3届科技创新大赛。").empty());
    CHECK(targets_of("支持35岁以下的青年科技人才主持项目。").empty());
    CHECK(targets_of("到2025年,扶持年产30万吨以下企业技术改造。").empty());   // 以下 + noun: an attribute
    CHECK(targets_of("到2025年,开展“三下乡”“1+3”活动。").empty());            // numbers inside quotation marks are names
    CHECK(extract_targets("某县人民政府\n2023年5月6日\n", extract_options{}).empty());
}

TEST_CASE("offsets: code points for Python slicing, bytes for C++") {
    const std::string text = "ab。到2025年,全县专利授权量达到500件。";
    const auto row = only_target(text);
    CHECK(text.substr(row.byte_start, row.byte_end - row.byte_start) == row.target.quote);
    // "ab。" is 3 code points and 5 bytes (。 takes 3); the quote starts at 到, with its deadline clause.
    CHECK(row.start == 3);
    CHECK(row.byte_start == 5);
    // Quote: 到 + 2025 + 年 + , + 全县专利授权量 + 达到 + 500 + 件 = 1 + 4 + 1 + 1 + 7 + 2 + 3 + 1 = 20 code points.
    CHECK(row.end - row.start == 20);
    CHECK(row.confidence >= 0.0);
    CHECK(row.confidence <= 1.0);
}

TEST_CASE("text that is not a plan gives no rows") {
    CHECK(extract_targets("", extract_options{}).empty());
    CHECK(extract_targets("The committee met on 3 May 2024 and agreed 5 items; 12% of members were absent.", extract_options{}).empty());
    CHECK(extract_targets("春天来了,河边的柳树发了新芽。小明和两个朋友去公园放风筝,一直玩到傍晚才回家。", extract_options{}).empty());
    CHECK(extract_targets("\xEF\xBB\xBF", extract_options{}).empty());  // a byte-order mark alone
}

TEST_CASE("invalid UTF-8 is rejected with a parse_error naming the byte offset") {
    const std::string bad = std::string("到2025年") + "\xFF" + "达到5家";
    try {
        extract_targets(bad);
        FAIL("no exception");
    } catch (const ontrack::parse_error& e) {
        CHECK(e.field() == "text");
        // 到 (3 bytes) + 2025 (4) + 年 (3) = 10 bytes before the bad byte.
        CHECK(std::string(e.what()).find("byte offset 10") != std::string::npos);
    }
    CHECK_THROWS_AS(extract_targets(std::string("\xE5\x88", 2)), ontrack::parse_error);  // truncated 到
}

TEST_CASE("10 MB of text: every row is well-formed and its quote is where the offsets say") {
    // A deterministic mix of plan words, digits, units, punctuation and line breaks.
    static const char* pieces[] = {"到2025年", "每年", "达到", "突破", "新增", "12", "3.5", "—", "家", "%", "亿元", ",", "。", "\n",
                                   "〔牵头单位:", "责任单位:", "〕", "(", "牵头", ")", "企业", "十四五", "期间", "力争", "以上",
                                   "左右", "分别", "和", "翻一番", "只增不减", "较", "二十", "两", "截止", "年底", "a", " "};
    std::string text;
    std::uint32_t state = 12345;
    while (text.size() < 10u * 1024 * 1024) {
        state = state * 1664525u + 1013904223u;  // a linear congruential generator: the same text on every run
        text += pieces[(state >> 16) % (sizeof pieces / sizeof pieces[0])];
    }
    const auto rows = extract_targets(text, fourteenth());
    std::size_t checked = 0;
    for (const auto& row : rows) {
        CHECK(text.substr(row.byte_start, row.byte_end - row.byte_start) == row.target.quote);
        if (row.type == row_type::target) CHECK_NOTHROW(row.target.validate());
        if (++checked == 200) break;
    }
    CHECK(rows.size() < text.size());
}

TEST_CASE("direction targets without a number: a direction word on a named measurable quantity") {
    const auto more = only_target("逐步增加科技特派员服务的乡镇。");
    CHECK(more.target.kind == target_kind::trend);
    CHECK(more.target.compare == comparator::at_least);
    CHECK(!more.target.value);
    CHECK(more.target.period_start == period::year(2021));     // the document span
    CHECK(more.target.deadline == period::year(2025));
    CHECK(only_target("持续加大县级财政科技投入。").indicator_id == "fiscal_sci_tech_expenditure");
    CHECK(only_target("扩大科技成果转化基金规模。").target.kind == target_kind::trend);
    CHECK(only_target("不断壮大科技型企业群体。").target.kind == target_kind::trend);
    CHECK(only_target("科技特派员数量稳步增长。").target.kind == target_kind::trend);
    CHECK(only_target("提高财政支出中科技支出的比例。").target.kind == target_kind::trend);
    CHECK(only_target("开展消除“零发明”企业行动。").target.compare == comparator::at_most);   // 消除: downwards
    // Not direction targets: encouragement of others, the intensity of an activity, qualitative aims,
    // a scope, a measure title, the past.
    CHECK(targets_of("鼓励企业加大研发投入。").empty());
    CHECK(targets_of("加大宣传力度。").empty());
    CHECK(targets_of("提高企业自主创新能力。").empty());
    CHECK(targets_of("扩大政策覆盖范围。").empty());
    CHECK(targets_of("(三)壮大科技型企业群体。").empty());
    CHECK(targets_of("“十三五”期间,不断加大财政科技投入。").empty());
}

TEST_CASE("已 marks a figure reached: a baseline at the document's date") {
    const auto rows = extract_targets("某县通报\n2022年3月1日\n已建成众创空间12家。\n", extract_options{});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].type == row_type::baseline);
    CHECK(rows[0].target.deadline == period::year(2022));
    CHECK(rows[0].target.value == opt(12));
}

TEST_CASE("an indicator catalogue as the phrase list: the longest phrase wins, unknown text stays text") {
    // Two indicators whose phrases nest (研发经费 within 研发经费投入强度), as in examples/data/indicators.csv.
    const auto catalogue = ontrack::read_indicator_catalogue(
        "id,name_zh,phrases_zh\n"
        "rd_expenditure,研究与试验发展经费,研发经费|R&D经费\n"
        "rd_intensity,研究与试验发展经费投入强度,研发经费投入强度|R&D经费投入强度\n",
        "test");
    auto o = fourteenth();
    o.catalogue = ontrack::catalogue_phrases(catalogue);
    const auto rows = targets_of("到2025年,研发经费投入强度达到2.5%,研发经费达到100亿元,研发机构覆盖率达到50%。", o);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].indicator_id == "rd_intensity");  // the longer phrase, although its entry comes second
    CHECK(rows[1].indicator_id == "rd_expenditure");
    CHECK(rows[2].indicator_id.empty());
    CHECK(rows[2].target.indicator == "研发机构覆盖率");
}

TEST_CASE("a document that is not a plan: a figure needs a time or a commitment to be a target") {
    // A news report (no plan title, no span): its date gives the year, but an unmarked figure is a fact.
    CHECK(reading_of(extract_targets("黑龙江实施创新驱动战略\n2020年1月13日\n全省新增科技企业10000多家。\n")) == "-");
    // The same figure with a commitment word (将) is a target, by the end of the plan in force the year after the date.
    CHECK(reading_of(extract_targets("黑龙江实施创新驱动战略\n2020年1月13日\n全省将新增科技企业10000家。\n")) == "increment >= 10000 家 2025");
    // A title naming a plan-like document (…方案, …的通知) makes every sentence aim ahead.
    CHECK(reading_of(extract_targets("某县科技创新工作方案\n2020年1月13日\n全县新增科技企业100家。\n")) == "increment >= 100 家 2025");
}

TEST_CASE("document context: 第十五个五年规划 in a title, 全年 of a past paragraph, a named target under 有望") {
    CHECK(reading_of(extract_targets("某区科技创新第十五个五年规划\n研发投入强度达到3%。\n")) == "level >= 3 % 2030");
    // 全年 in a paragraph reporting 2024 (in a document of 2025) is 2024, reported.
    CHECK(reading_of(extract_targets("2025年2月8日\n2024年科技成果丰硕。全年技术合同成交额超800亿元。\n")) == "baseline 800 亿元 2024");
    // After 今年…截至7月底 (observed), 全年 is the year ahead; 有望 expects a target the sentence names.
    const auto rows = extract_targets("2021年8月1日\n今年截至7月底,全市已申报高企超900家,全年有望完成新增500家的目标任务。\n");
    CHECK(reading_of(rows) == "increment >= 500 家 2021");
    // A forecast figure that is not named a target stays out.
    CHECK(reading_of(extract_targets("2021年8月1日\n全年技术合同成交额有望突破2800亿元。\n")) == "-");
}

TEST_CASE("a report that is not a plan: a passage on a past year ends the aims carried before it") {
    // The aims of 2024 carry to the next sentence; after "2023年,…" (a past year heading its clause) an unmarked
    // figure reports a result.
    const std::string report = "某省科技工作会议召开\n2024年3月1日\n会议明确,今年新增高新技术企业100家。\n"
                               "2023年,全省科技工作成效显著。\n新认定领军企业6家。\n";
    std::vector<double> values;
    for (const auto& r : extract_targets(report))
        if (r.type == row_type::target) values.push_back(*r.target.value);
    CHECK(values == std::vector<double>{100});
    // A past year that is the object of a verb ("总结2023年…工作") does not end them.
    const std::string meeting = "某省科技工作会议召开\n2024年3月1日\n会议明确,今年新增高新技术企业100家。\n"
                                "会议总结2023年全省科技工作。\n新增领军企业6家。\n";
    values.clear();
    for (const auto& r : extract_targets(meeting))
        if (r.type == row_type::target) values.push_back(*r.target.value);
    CHECK(values == std::vector<double>{100, 6});
}

TEST_CASE("a rank among peers stated as observed makes the sentence a report, unless it aims") {
    // No date, no span: the rank (排列第二, 居全国第16位) says the figure is a result.
    CHECK(reading_of(extract_targets("2022年全省高新技术企业净增523户,在全国增速排列第二。")) == "-");
    CHECK(reading_of(extract_targets("2022年全省技术合同成交额达到300亿元,居全国第16位。")) == "-");
    // Without the rank the year alone does not say it is past; an aim (到, 力争) keeps the figure a target.
    CHECK(reading_of(extract_targets("2022年全省高新技术企业净增523户。")) == "increment >= 523 户 2022");
    CHECK(reading_of(extract_targets("到2025年,技术合同成交额达到500亿元,居全国第10位。")) == "level >= 500 亿元 2025");
    CHECK(reading_of(extract_targets("力争2025年技术合同成交额达到500亿元,位居全国第10位。")) == "level >= 500 亿元 2025");
}

TEST_CASE("a count of things made into others (成长为, 转变为) is a flow over the span") {
    auto o = fourteenth();
    // Without 以上 the count before its noun is still the count converted; a verb of change before it (提升) does not
    // make it an increment.
    CHECK(reading_of(extract_targets("到2025年,推动200家中小企业成长为高新技术企业。", o)) == "cumulative >= 200 家 2021-2025");
    CHECK(reading_of(extract_targets("到2025年,推动提升250家以上传统企业转变为高新技术企业。", o)) == "cumulative >= 250 家 2021-2025");
    // Without the conversion word, "N家以上 + noun" after a verb of change is an attribute, not a count.
    CHECK(reading_of(extract_targets("到2025年,推动提升250家以上传统企业。", o)) == "-");
}

TEST_CASE("a plan's review after its preamble and before its first aim gives no targets") {
    const std::string plan = "某区科技创新第十五个五年规划\n为深入实施创新驱动发展战略,编制本规划。\n"
                             "自主创新能力明显增强。全区技术合同成交额突破400亿元,天津市科技项目立项18项。\n"
                             "到2030年,全区技术合同成交额突破600亿元。\n";
    const auto rows = extract_targets(plan);
    std::vector<double> values;
    for (const auto& r : rows)
        if (r.type == row_type::target) values.push_back(*r.target.value);
    CHECK(values == std::vector<double>{600});
    // Without the preamble (an excerpt of the aims) an unmarked figure of a plan is a target by the plan's end.
    CHECK(reading_of(extract_targets("某区科技创新第十五个五年规划\n全区技术合同成交额突破400亿元。\n")) == "level > 400 亿元 2030");
}

TEST_CASE("direction words after their subject, verb lists and base plans in titles") {
    auto o = fourteenth();
    CHECK(reading_of(extract_targets("到2025年,科技创新投入规模稳步提高。", o)) == "trend >= 2021-2025");
    CHECK(reading_of(extract_targets("到2025年,企业研发经费支出占比提升。", o)) == "trend >= 2021-2025");
    CHECK(reading_of(extract_targets("到2025年,力争规上高新技术企业实现研发机构全覆盖。", o)) == "trend >= 2021-2025");
    CHECK(reading_of(extract_targets("到2025年,创新生态持续提升。", o)) == "-");  // a qualitative aim
    // 引进、培育: the verbs share the object; 引进 is an activity, so the count adds up over the plan.
    CHECK(reading_of(extract_targets("到2025年,引进、培育100家以上高新企业。", o)) == "cumulative >= 100 家 2021-2025");
    // "作为拥有四个…城市的…" describes; it states no target.
    CHECK(reading_of(extract_targets("到2025年,作为拥有四个GDP过万亿元城市的省份。", o)) == "-");
    // A plan name after 比 in a headline is a base period, not the document's span.
    const auto doc = ontrack::detail::read_document_context("原标题:科学素质比例大幅攀升 比“十二五”末增长81.9%\n2021年1月28日\n");
    REQUIRE(doc.span);
    CHECK(doc.span->first == period::year(2021));
}

TEST_CASE("a target whose year the text does not give is kept without a deadline, with a note and a lower confidence") {
    // A report without a date, a plan span or a reference span: 全年 states a time but not its year.
    const std::string undated = "某县政府工作报告\n全年利用外资、引进内资增长15%以上。\n";
    const auto rows = targets_of(undated, extract_options{});
    // Two indicators share one predicate (、): one row each, with the shared quote.
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].target.indicator == "利用外资");
    CHECK(rows[1].target.indicator == "引进内资");
    const ontrack::detail::confidence_weights w;
    for (const auto& r : rows) {
        CHECK(r.target.kind == target_kind::growth);
        CHECK(r.target.compare == comparator::at_least);          // 以上
        CHECK(r.target.value == opt(0.15));                       // 15% as a fraction
        CHECK(!r.target.deadline);
        CHECK(!r.target.period_start);
        CHECK(r.target.quote == "全年利用外资、引进内资增长15%以上");
        CHECK(r.note.find("no deadline") != std::string::npos);
        CHECK(r.note.find("period") != std::string::npos);
        // The weights of the documented function: base, comparator word (增长, 以上), Arabic number; no stated deadline.
        CHECK(r.confidence == doctest::Approx(w.base + w.comparator_word + w.arabic_number));
        CHECK_THROWS_AS(r.target.validate(), ontrack::value_error);  // not a target yet: the period is missing
        CHECK_NOTHROW(ontrack::detail::validate_once_dated(r.target));
    }
    // The same report with its date: the rows are the same, dated, complete, and more confident by the stated time.
    const auto dated = targets_of("某县政府工作报告\n2024年1月10日\n全年利用外资、引进内资增长15%以上。\n", extract_options{});
    REQUIRE(dated.size() == 2);
    for (const auto& r : dated) {
        CHECK(r.target.deadline == period::year(2024));
        CHECK(r.note.empty());
        CHECK(r.confidence == doctest::Approx(w.base + w.stated_time + w.comparator_word + w.arabic_number));
        CHECK_NOTHROW(r.target.validate());
    }
    CHECK(dated[1].target.indicator == "引进内资");
    // ... or given its year by the caller.
    extract_options year;
    year.document_year = 2024;
    for (const auto& r : targets_of(undated, year)) CHECK(r.target.deadline == period::year(2024));
}

TEST_CASE("undated targets keep their year relative to the document's: 今年 and 明年 are two targets, and the note says which") {
    // The same target this year and next, in a report whose year the text does not give.
    const std::string text = "某县政府工作报告\n今年全市地区生产总值增长6%左右。明年全市地区生产总值增长6%左右。城镇新增就业5万人。\n";
    extract_options merge;
    merge.merge_repeats = true;
    for (const auto& options : {extract_options{}, merge}) {
        CAPTURE(options.merge_repeats);
        const auto rows = targets_of(text, options);
        // Not merged as a restatement: two years, two targets (the third row is carried from 明年).
        REQUIRE(rows.size() == 3);
        CHECK(!rows[0].target.deadline);
        CHECK(!rows[1].target.deadline);
        CHECK(rows[0].note.find("document's own year (今年/全年)") != std::string::npos);
        CHECK(rows[1].note.find("the year after the document's (明年)") != std::string::npos);
        CHECK(rows[2].target.indicator.find("就业") != std::string::npos);
        CHECK(rows[2].note.find("the year after the document's (明年)") != std::string::npos);
    }
    // Dated, the same rows get 2024, 2025 and 2025: what the notes told the reviewer to fill in.
    extract_options dated = merge;
    dated.document_year = 2024;
    const auto rows = targets_of(text, dated);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].target.deadline == period::year(2024));
    CHECK(rows[1].target.deadline == period::year(2025));
    CHECK(rows[2].target.deadline == period::year(2025));
    // Without any time word the note names no year.
    const auto bare = targets_of("某省财政改革工作方案\n一般性支出压减5%以上。\n", extract_options{});
    REQUIRE(bare.size() == 1);
    CHECK(bare[0].note.find("the target is for") == std::string::npos);
}

TEST_CASE("undated targets: a fall, a carried time, a span kind; a figure without time or commitment stays a fact") {
    // A plan-like title (…方案) without a span: every sentence aims, none gives its year. 压减 is a fall.
    const auto cut = targets_of("某省财政改革工作方案\n一般性支出压减5%以上。\n", extract_options{});
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].target.kind == target_kind::growth);
    CHECK(cut[0].target.compare == comparator::at_most);
    CHECK(cut[0].target.value == opt(-0.05));
    CHECK(!cut[0].target.deadline);
    CHECK(!cut[0].note.empty());
    // In a report, the time 全年 states carries to the next sentence as a dated one does (still without a year).
    const auto carried = targets_of("某县政府工作报告\n全年新增高新技术企业100家。一般性支出压减5%以上。\n", extract_options{});
    REQUIRE(carried.size() == 2);
    CHECK(carried[1].target.value == opt(-0.05));
    CHECK(!carried[1].target.deadline);
    const auto carried_dated = targets_of("某县政府工作报告\n2024年1月10日\n全年新增高新技术企业100家。一般性支出压减5%以上。\n", extract_options{});
    REQUIRE(carried_dated.size() == 2);
    CHECK(carried_dated[1].target.deadline == period::year(2024));
    // A span kind (活动 counted in 场次 add up) has neither period_start nor deadline.
    const auto events = targets_of("某县政府工作报告\n全年举办科普活动20场次。\n", extract_options{});
    REQUIRE(events.size() == 1);
    CHECK(events[0].target.kind == target_kind::cumulative);
    CHECK(!events[0].target.period_start);
    CHECK(!events[0].target.deadline);
    // Unchanged: in a report, a figure with no time and no commitment word is a fact, dated or not.
    CHECK(targets_of("某县政府工作报告\n全县新增科技企业100家。\n", extract_options{}).empty());
    // A part of the year observed (今年上半年) without the year gives no baseline: an observation needs its period.
    CHECK(extract_targets("某县政府工作报告\n今年上半年,技术合同成交额达到20亿元。\n", extract_options{}).empty());
}

TEST_CASE("a percentage after the object of a verb of adding is a share of what is added, not an addition") {
    // 新建 + 项目 + 100%开工: the share of the new projects started (level), as 续建项目100%复工 is.
    CHECK(reading_of(extract_targets("到2025年,新建项目100%开工。", fourteenth())) == "level >= 100 % 2025");
    // A count after the object of 新建 is still an addition.
    CHECK(reading_of(extract_targets("到2025年,新建省级研发中心10家。", fourteenth())) == "increment >= 10 家 2025");
}

TEST_CASE("a doubling inside a book title 《…》 names a document") {
    CHECK(reading_of(extract_targets("到2025年,《倍增计划》分为三个部分。", fourteenth())) == "-");
    CHECK(reading_of(extract_targets("到2025年,高新技术企业数量倍增。", fourteenth())) == "relative >= 2 2025");
}

TEST_CASE("a sentence ranking its figures among peers does not set the deadline later sentences aim at") {
    // Undated: 2022 is not known to be past; the rank makes the first sentence a report, so its year is not carried.
    const std::string text = "2022年全省高新技术企业净增523户,在全国增速排列第二。全省遴选科技特派员100名。\n";
    CHECK(targets_of(text, extract_options{}).empty());
    // Stated as an aim, the year carries.
    const auto aimed = targets_of("到2022年,全省高新技术企业净增523户。全省遴选科技特派员100名。\n", extract_options{});
    REQUIRE(aimed.size() == 2);
    CHECK(aimed[1].target.deadline == period::year(2022));
}
