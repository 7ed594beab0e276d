// The grammar of the plan-text extractor (extraction.hpp) as data: the predicate words, the time
// phrases, the quantity forms and the confidence weights. The extractor reads these tables; so do the
// tests (every entry carries an example sentence and the reading it must give, checked in
// tests/cpp/test_extraction.cpp) and docs/extraction.md (its construct list is generated from them,
// checked in tests/python/test_extraction.py). Adding a construct means adding a row with its example.
#pragma once

#include <ontrack/target.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack::detail {

/// What a predicate word says, as bits: several can hold (培养 takes an object and is an activity).
struct mark {
    static constexpr std::uint32_t takes_object = 1u << 0;  ///< the indicator is its object, between it and the number: 建成…基地15个
    static constexpr std::uint32_t activity = 1u << 1;      ///< counted over a span the numbers add up (cumulative): 开展, 举办
    static constexpr std::uint32_t change = 1u << 2;        ///< a change: N% is growth, N units an increment: 增长, 提高
    static constexpr std::uint32_t fall = 1u << 3;          ///< a change downwards: 下降, 降低, 减少
    static constexpr std::uint32_t increment = 1u << 4;     ///< the number is an addition: 新增, 净增
    static constexpr std::uint32_t cumulative = 1u << 5;    ///< the number is a sum over the span: 累计
    static constexpr std::uint32_t per_period = 1u << 6;    ///< the number holds every year of the span: 稳定在, 保持在
    static constexpr std::uint32_t band = 1u << 7;          ///< a range after it is a band (within), one number a ceiling: 控制在
    static constexpr std::uint32_t level_to = 1u << 8;      ///< the number is the level reached, not the change: 提高到, 增长到
    /// The names of the bits, for the generated documentation.
    static constexpr std::string_view names[] = {"object", "activity", "change", "fall", "increment", "cumulative", "per_period", "band", "level_to"};
};

/// One predicate word: its comparator (none: the word commits without saying which), its marks, and an
/// invented sentence with the reading it gives (see `reading_of` in the tests: "kind cmp value unit
/// period", "baseline value unit period", or "-" for no row).
struct predicate {
    std::u32string_view word;
    std::optional<comparator> compare;
    std::uint32_t marks;
    std::string_view example;
    std::string_view reading;
    /// Characters that, right after the word, make it part of a noun (增加值, 增长率): not the predicate.
    std::u32string_view noun_after = {};
};

/// The predicates, in no particular order: the one closest before a number in its clause governs it (the
/// longer on a tie). A sentence in the examples runs in a plan whose span is 2021–2025.
inline const std::vector<predicate>& predicates() {
    using c = comparator;
    using m = mark;
    static const std::vector<predicate> table{
        {U"达到", c::at_least, 0, "到2025年,高新技术企业达到60家。", "level >= 60 家 2025"},
        {U"达", c::at_least, 0, "到2025年,科技型中小企业达300家。", "level >= 300 家 2025"},
        {U"突破", c::greater, 0, "到2025年,技术合同成交额突破20亿元。", "level > 20 亿元 2025"},
        {U"超过", c::greater, 0, "到2025年,研发人员超过5000人。", "level > 5000 人 2025"},
        {U"超", c::greater, 0, "到2025年,技术合同成交额超50亿元。", "level > 50 亿元 2025"},
        {U"高于", c::greater, 0, "到2025年,研发经费投入强度高于2.5%。", "level > 2.5 % 2025"},
        {U"不低于", c::at_least, 0, "到2025年,研发经费投入强度不低于2%。", "level >= 2 % 2025"},
        {U"不少于", c::at_least, 0, "到2025年,众创空间不少于12家。", "level >= 12 家 2025"},
        {U"不超过", c::at_most, 0, "到2025年,财政科技支出占比不超过5%。", "level <= 5 % 2025"},
        {U"不高于", c::at_most, 0, "到2025年,不良率不高于3%。", "level <= 3 % 2025"},
        {U"控制在", c::at_most, m::band, "到2025年,不良率控制在2%—3%之间。", "level within 2 % 2025"},
        {U"稳定在", c::at_least, m::per_period, "全市粮食种植面积稳定在5万亩以上。", "per_period >= 5 万亩 2021-2025"},
        {U"保持在", c::at_least, m::per_period, "研发经费投入强度保持在2%以上。", "per_period >= 2 % 2021-2025"},
        {U"调整到", std::nullopt, 0, "到2025年,种植面积调整到28万亩左右。", "level ~ 28 万亩 2025"},
        {U"调整为", std::nullopt, 0, "到2025年,种植面积调整为20万亩。", "level >= 20 万亩 2025"},
        // 新增投资, 新增固定资产投资, 新增贷款, 新增利税, 新增销售收入, 新增税收, 新增融资 name a flow (the new money of the
        // period), not an addition to a stock: its amount is the level of that flow.
        {U"新增", c::at_least, m::increment | m::takes_object, "到2025年,新增高新技术企业20家。", "increment >= 20 家 2025", U"投固贷利销税融"},
        {U"净增", c::at_least, m::increment | m::takes_object, "到2025年,高新技术企业净增500家。", "increment >= 500 家 2025"},
        {U"增长", c::at_least, m::change, "2023年研发经费增长10%。", "growth >= 0.1 2023", U"率极点"},
        {U"提高", c::at_least, m::change, "到2025年,科学素质比例提高2个百分点。", "increment >= 2 个百分点 2025"},
        {U"提升", c::at_least, m::change, "到2025年,技术合同成交额提升15%。", "growth >= 0.15 2025"},
        {U"增加", c::at_least, m::change, "到2025年,研发人员增加500人。", "increment >= 500 人 2025", U"值"},
        {U"提高到", c::at_least, m::level_to, "到2025年,研发投入强度提高到2.9%。", "level >= 2.9 % 2025"},
        {U"提升到", c::at_least, m::level_to, "到2025年,公民科学素质比例提升到15%。", "level >= 15 % 2025"},
        {U"提高至", c::at_least, m::level_to, "到2025年,研发投入强度提高至2.5%。", "level >= 2.5 % 2025"},
        {U"提升至", c::at_least, m::level_to, "到2025年,科学素质比例提升至14%。", "level >= 14 % 2025"},
        {U"增长到", c::at_least, m::level_to, "到2025年,研发人员增长到8000人。", "level >= 8000 人 2025"},
        {U"增加到", c::at_least, m::level_to, "到2025年,众创空间增加到30家。", "level >= 30 家 2025"},
        {U"增至", c::at_least, m::level_to, "到2025年,众创空间增至30家。", "level >= 30 家 2025"},
        {U"累计", c::at_least, m::cumulative, "“十四五”期间,累计培育科技型企业150家。", "cumulative >= 150 家 2021-2025"},
        {U"建成", std::nullopt, m::takes_object, "到2025年,建成科普教育基地15个。", "level >= 15 个 2025"},
        {U"建立", std::nullopt, m::takes_object, "到2025年,建立院士工作站3个。", "level >= 3 个 2025"},
        {U"成立", std::nullopt, m::takes_object, "到2025年,成立产业技术联盟4个。", "level >= 4 个 2025"},
        {U"组建", std::nullopt, m::takes_object, "到2025年,组建创新联合体5个。", "level >= 5 个 2025"},
        {U"培育", std::nullopt, m::takes_object, "到2025年,培育瞪羚企业10家。", "level >= 10 家 2025"},
        {U"开展", std::nullopt, m::takes_object | m::activity, "开展科普活动100场次。", "cumulative >= 100 场次 2021-2025"},
        {U"举办", std::nullopt, m::takes_object | m::activity, "举办科技活动周活动20场次。", "cumulative >= 20 场次 2021-2025"},
        {U"遴选", std::nullopt, m::takes_object | m::activity, "遴选科技特派员200名。", "cumulative >= 200 名 2021-2025"},
        {U"确定", std::nullopt, m::takes_object | m::activity, "每年确定重点攻关项目10项。", "per_period >= 10 项 2021-2025"},
        {U"引进", std::nullopt, m::takes_object | m::activity, "引进高层次人才50名。", "cumulative >= 50 名 2021-2025"},
        {U"培养", std::nullopt, m::takes_object | m::activity, "培养青年科技人才300名。", "cumulative >= 300 名 2021-2025"},
        {U"选派", std::nullopt, m::takes_object | m::activity, "选派科技特派员50名以上。", "cumulative >= 50 名 2021-2025"},
        {U"鼓励", std::nullopt, m::takes_object | m::activity, "鼓励高校院所转化科技成果100项。", "cumulative >= 100 项 2021-2025"},
        {U"争创", std::nullopt, m::takes_object, "到2025年,争创3-5个领军型冠军产业。", "level >= 3 个 2025"},
        {U"储备", std::nullopt, m::takes_object, "到2025年,储备25-30个特色产业。", "level >= 25 个 2025"},
        {U"组成", std::nullopt, m::takes_object, "到2025年,组成17个科技特派团。", "level >= 17 个 2025"},
        {U"共建", std::nullopt, m::takes_object, "到2025年,共建20个新型研发平台。", "level >= 20 个 2025"},
        {U"攻关", std::nullopt, m::takes_object, "到2025年,攻关100项以上关键技术。", "level >= 100 项 2025"},
        {U"实施", std::nullopt, m::takes_object | m::activity, "到2025年,实施30项以上重大科技成果转化项目。", "cumulative >= 30 项 2021-2025"},
        {U"对接", std::nullopt, m::takes_object | m::activity, "到2025年,实现对接项目1000项以上。", "cumulative >= 1000 项 2021-2025"},
        {U"提供", std::nullopt, m::takes_object | m::activity, "到2025年,为科技企业提供不少于100亿元融资支持。", "cumulative >= 100 亿元 2021-2025"},
        {U"获得", std::nullopt, m::takes_object | m::activity, "到2025年,获得省科技进步奖10项以上。", "cumulative >= 10 项 2021-2025"},
        {U"注册", std::nullopt, m::takes_object, "到2025年,注册科技型中小企业200家。", "level >= 200 家 2025"},
        {U"拥有", std::nullopt, m::takes_object, "到2025年,拥有国家级孵化器3家。", "level >= 3 家 2025"},
        {U"实现", std::nullopt, 0, "到2025年,高新技术产业产值实现800亿元。", "level >= 800 亿元 2025"},
        {U"力争", std::nullopt, 0, "到2025年,力争高新技术企业60家。", "level >= 60 家 2025"},
        {U"争取", std::nullopt, 0, "到2025年,争取众创空间20家。", "level >= 20 家 2025"},
        {U"减少", c::at_least, m::fall, "到2025年,落后产能企业减少20家。", "increment <= -20 家 2025"},
        {U"降低", c::at_least, m::fall, "到2025年,单位能耗降低13.5%。", "growth <= -0.135 2025"},
        {U"压减", c::at_least, m::fall, "一般性支出压减5%以上。", "growth <= -0.05 2025"},
        {U"下降", c::at_least, m::fall, "到2025年,单位能耗下降10%。", "growth <= -0.1 2025"},
        {U"降至", c::at_most, 0, "到2025年,不良率降至2%。", "level <= 2 % 2025"},
        {U"接近", c::about, 0, "到2025年,产业规模接近1万亿元。", "level ~ 1 万亿元 2025"},
        {U"至少", c::at_least, 0, "到2025年,各县至少建成科普馆1座。", "level >= 1 座 2025"},
        {U"建设", std::nullopt, m::takes_object, "到2025年,建设大学科技园3家。", "level >= 3 家 2025"},
        {U"打造", std::nullopt, m::takes_object, "到2025年,打造10家科普场馆。", "level >= 10 家 2025"},
        {U"新建", std::nullopt, m::takes_object | m::increment, "到2025年,新建省级研发中心10家。", "increment >= 10 家 2025"},
        {U"认定", std::nullopt, m::takes_object | m::activity, "到2025年,认定科技型中小企业2000家。", "cumulative >= 2000 家 2021-2025"},
        {U"立项", std::nullopt, m::activity, "到2025年,重点项目立项7项以上。", "cumulative >= 7 项 2021-2025"},
        {U"落地", std::nullopt, m::takes_object | m::activity, "到2025年,落地领军企业项目30个。", "cumulative >= 30 个 2021-2025"},
        {U"创作", std::nullopt, m::takes_object | m::activity, "到2025年,创作优秀科普作品100部。", "cumulative >= 100 部 2021-2025"},
        {U"创制", std::nullopt, m::takes_object | m::activity, "到2025年,创制科普影视作品50部。", "cumulative >= 50 部 2021-2025"},
        {U"举行", std::nullopt, m::takes_object | m::activity, "举行成果推介活动10场次以上。", "cumulative >= 10 场次 2021-2025"},
    };
    return table;
}

/// What a time phrase does to the rest of its sentence.
enum class time_effect {
    past,         ///< what follows reports the past: a baseline, not a target
    forecast,     ///< what follows is expected, not committed
    every_year,   ///< per_period over the span
    average,      ///< average growth over the span
    aspiration,   ///< 力争: a stretch value
    distributive, ///< 分别: one row per value, one list item each
    this_year,    ///< the document's year (its date): 今年, 今年年底
    next_year,    ///< the year after the document's: 明年
    base_before,  ///< before "YYYY年": the year names a base period, not a deadline (较2020年, 在2020年基础上)
    base_after,   ///< after "YYYY年" (or 年底/年末, 年的): closes a base_before word that needs one (基础上, 相比)
    statistic,    ///< an observed change (同比), unless the sentence aims at a future year before it
    commitment,   ///< the sentence commits to what it states (将, 确保, 目标): needed in a document that is not a plan
                  ///< (a news report, a work report), where a figure without a time or a commitment reports a fact
};

/// The names of the time effects, in the order of `time_effect` (for the generated documentation and the bindings).
inline constexpr std::string_view time_effect_names[] = {"past",        "forecast",    "every_year", "average",   "aspiration", "distributive",
                                                         "this_year",   "next_year",   "base_before", "base_after", "statistic",  "commitment"};
static_assert(std::size(time_effect_names) == static_cast<std::size_t>(time_effect::commitment) + 1, "one name per time effect");

/// The name of a time effect ("past", "base_before" …).
inline std::string_view name_of(time_effect e) noexcept { return time_effect_names[static_cast<std::size_t>(e)]; }

/// One time word, with an example and its reading (a plan of 2021–2025; a dated document where needed).
struct time_phrase {
    std::u32string_view word;
    time_effect effect;
    std::string_view example;
    std::string_view reading;
    bool needs_closing = false;  ///< base_before: only with a base_after word after the year (在…基础上)
    /// Before a second value of the same target, the word makes it the stretch (aspiration words always do):
    /// "新增50家,努力实现新增100家".
    bool marks_stretch = false;
};

inline const std::vector<time_phrase>& time_phrases() {
    using e = time_effect;
    static const std::vector<time_phrase> table{
        {U"截至", e::past, "截至2020年底,全市高新技术企业达41家。", "baseline 41 家 2020"},
        {U"截止", e::past, "截止2020年底,全市众创空间达12家。", "baseline 12 家 2020"},
        {U"以来", e::past, "2016年以来,累计引进人才300名。", "baseline 300 名 2016"},
        {U"去年", e::past, "去年,全省新增高新技术企业超过1500家。", "-"},
        {U"过去", e::past, "过去5年,全社会研发投入占比达2.82%。", "-"},
        {U"目前", e::past, "目前全市已有孵化器20家。", "-"},
        {U"至今", e::past, "2021年至今,累计建成众创空间8家。", "-"},
        {U"先后", e::past, "先后建成重点实验室6家。", "-"},
        {U"已经", e::past, "全市已经建成院士工作站3个。", "-"},
        {U"同比", e::statistic, "全市高新技术产业投资同比增长21.1%。", "-"},
        {U"预计", e::forecast, "预计2025年技术合同成交额可达30亿元。", "-"},
        {U"每年", e::every_year, "每年举办科普活动20场次。", "per_period >= 20 场次 2021-2025"},
        {U"逐年", e::every_year, "研发投入逐年增长。", "non_decreasing > 2021-2025"},
        {U"年均", e::average, "研发经费年均增长12%。", "average_growth >= 0.12 2021-2025"},
        {U"力争", e::aspiration, "到2025年,研发投入强度达到2%以上,力争达到2.2%。", "level >= 2 % 2025"},
        {U"争取", e::aspiration, "到2025年,争取突破5亿元。", "level > 5 亿元 2025"},
        {U"分别", e::distributive, "小麦、玉米种植面积分别稳定在5万亩和15万亩以上。", "per_period >= 5 万亩 2021-2025"},
        {U"今年", e::this_year, "2024年1月10日\n今年,新增高新技术企业100家。", "increment >= 100 家 2024"},
        {U"全年", e::this_year, "2024年1月10日\n全年新增高新技术企业100家。", "increment >= 100 家 2024"},
        {U"有望", e::forecast, "到2025年,技术合同成交额有望突破2800亿元。", "-"},
        {U"明年", e::next_year, "2024年1月10日\n明年,新增科技型中小企业200家。", "increment >= 200 家 2025"},
        {U"较", e::base_before, "到2025年,高新技术企业数量较2020年翻一番。", "relative >= 2 2025"},
        {U"比", e::base_before, "到2025年,技术合同成交额比2020年翻一番。", "relative >= 2 2025"},
        {U"从", e::base_before, "到2025年,研发投入强度从2020年的1.2%提高到2%。", "level >= 2 % 2025"},
        {U"由", e::base_before, "到2025年,科学素质比例由2020年的10%提高到15%。", "level >= 15 % 2025"},
        {U"在", e::base_before, "到2025年,在2020年基础上,研发人员增加500人。", "increment >= 500 人 2025", true},
        {U"与", e::base_before, "与2020年相比,到2025年高新技术企业数量翻一番。", "relative >= 2 2025", true},
        {U"同", e::base_before, "同2020年相比,到2025年研发人员增加500人。", "increment >= 500 人 2025", true},
        {U"将", e::commitment, "2024年1月10日\n全市将新增高新技术企业100家。", "increment >= 100 家 2025"},
        {U"确保", e::commitment, "2024年1月10日\n确保技术合同成交额突破20亿元。", "level > 20 亿元 2025"},
        {U"目标", e::commitment, "2024年1月10日\n完成新增高新技术企业100家的目标。", "increment >= 100 家 2025"},
        {U"努力", e::commitment, "到2025年,新增高新技术企业50家,努力实现新增100家。", "increment >= 50 家 2025", false, true},
        {U"基础上", e::base_after, "在2020年的基础上,到2025年新增众创空间10家。", "increment >= 10 家 2025"},
        {U"相比", e::base_after, "与2020年底相比,到2025年新增孵化器5家。", "increment >= 5 家 2025"},
    };
    return table;
}

/// A word right after a quantity that qualifies it.
struct qualifier_word {
    std::u32string_view word;
    comparator compare;
    std::string_view example;
    std::string_view reading;
};

inline const std::vector<qualifier_word>& qualifiers() {
    using c = comparator;
    static const std::vector<qualifier_word> table{
        {U"以上", c::at_least, "到2025年,高新技术企业100家以上。", "level >= 100 家 2025"},
        {U"以下", c::at_most, "到2025年,万元产值能耗0.5吨标准煤以下。", "-"},
        {U"以内", c::at_most, "到2025年,不良率控制在3%以内。", "level <= 3 % 2025"},
        {U"左右", c::about, "到2025年,研发投入强度达到1.8%左右。", "level ~ 1.8 % 2025"},
        {U"之间", c::within, "到2025年,增速控制在5%—7%之间。", "growth within 0.05 2025"},
    };
    return table;
}

/// Units read after a number, longest first so that 万亩 wins over 万 and 场次 over 次. Scale words (万,
/// 亿) stay part of the unit as in the targets file ("5万亩" is 5 in 万亩). `event` units count events
/// rather than things that persist: a number of them over a span is a sum.
struct unit_word {
    std::u32string_view word;
    bool event;
};

inline const std::vector<unit_word>& units() {
    static const std::vector<unit_word> table{
        {U"个百分点", false}, {U"万平方米", false}, {U"万人次", true}, {U"百分点", false}, {U"平方米", false}, {U"亿元", false},
        {U"万元", false}, {U"万亩", false}, {U"万吨", false}, {U"万人", false}, {U"万户", false}, {U"万家", false}, {U"万个", false},
        {U"万件", false}, {U"人次", true}, {U"场次", true}, {U"%", false}, {U"份", false}, {U"册", false}, {U"‰", false}, {U"万亿元", false}, {U"亿美元", false}, {U"项次", false}, {U"人年", false}, {U"户", false}, {U"家", false},
        {U"个", false}, {U"项", false}, {U"人", false}, {U"名", false}, {U"件", false}, {U"支", false}, {U"所", false}, {U"座", false},
        {U"场", true}, {U"部", false}};
    return table;
}

/// True for a unit that counts events (场次, 人次).
inline bool is_event_unit(std::u32string_view unit) noexcept {
    for (const auto& u : units())
        if (u.word == unit) return u.event;
    return false;
}

/// Words that, after a count and its noun, say the things counted are made into others ("推动100家企业成长为高新技术
///企业"): the count is of conversions, a flow that adds up over the span. See the quantity form "conversion".
inline const std::vector<std::u32string_view>& conversion_words() {
    static const std::vector<std::u32string_view> words{U"成长为", U"转变为", U"升级为", U"转型为", U"发展为", U"发展成为", U"转化为", U"晋升为", U"培育成为", U"培育为"};
    return words;
}

/// Words that, a few characters before 第N, state a rank among peers as observed ("增速排列第二", "居全国第16位"):
/// a target of rank is worded as one to reach (进入全国前10位, 力争…第一). See the quantity form "observed_rank".
inline const std::vector<std::u32string_view>& observed_rank_words() {
    static const std::vector<std::u32string_view> words{U"位居", U"位列", U"排列", U"排名", U"居", U"列"};
    return words;
}

/// Quantity forms beyond "number + unit", each with an example and its reading.
struct quantity_form {
    std::string_view name;
    std::string_view description;
    std::string_view example;
    std::string_view reading;
};

inline const std::vector<quantity_form>& quantity_forms() {
    static const std::vector<quantity_form> table{
        {"number_unit", "Arabic or Chinese number, then a unit", "到2025年,高新技术企业达到六十家。", "level >= 60 家 2025"},
        {"range", "N—M, N-M, N至M, N~M: floor N, stretch M", "到2025年,培育2—3家领军企业。", "level >= 2 家 2025"},
        {"approximate", "N余 / N多 + unit: more than N", "到2025年,建成众创空间20余家。", "level >= 20 家 2025"},
        {"scale_in_unit", "十亿元, 五万亩: the scale word belongs to the unit", "到2025年,技术合同成交额突破十亿元。", "level > 10 亿元 2025"},
        {"scale_class", "千亿级, 百亿级: a scale word without digits, read as 1000/100 亿元", "到2025年,打造千亿级产业集群。", "-"},
        {"scale_class_amount", "达到千亿级: an amount of the class", "到2025年,高新技术产业产值达到千亿级。", "level >= 1000 亿元 2025"},
        {"unitless_index", "an index (…指数) with no unit", "到2025年,区域创新指数达到120以上。", "level >= 120 2025"},
        {"number_before_noun", "N + unit + 以上 + noun after a verb with an object", "选派50名以上科技特派员。", "cumulative >= 50 名 2021-2025"},
        {"share_of", "N%以上的 + noun: the share of those things", "到2025年,90%以上的研发机构设立在企业。", "level >= 90 % 2025"},
        {"rank", "前N位, 前N名, 前N水平: a rank, lower is better (unit 位)", "到2025年,区域创新能力进入全国前15位。", "level <= 15 位 2025"},
        {"bare_scale", "万亿元 without a digit: 1 万亿元", "到2025年,高新区工业总产值突破万亿元。", "level > 1 万亿元 2025"},
        {"times_growth", "增长N倍, 提高N倍: N + 1 times the base (增长一倍 is a doubling)", "到2025年,高新技术企业数量比2020年增长2倍。", "relative >= 3 2025"},
        {"flow_noun", "新增 + 投资/固定资产投资/贷款/利税/销售收入/税收/融资: the name of a flow, its amount a level", "2024年1月10日\n力争2024年新增固定资产投资100亿元。", "level >= 100 亿元 2024"},
        {"observed_rank", "居/位居/排列/排名/位列 + 第N: a rank among peers is observed, so a sentence stating one without an aim (到, 将, 力争 …) reports results", "全省高新技术企业净增523户,在全国增速排列第二。", "-"},
        {"conversion", "N + noun + 成长为/转变为/升级为/转型为/发展为/转化为 …: the count of things made into others, a flow over the span", "到2025年,推动100家以上中小企业成长为高新技术企业。", "cumulative >= 100 家 2021-2025"},
        {"threshold_verb", "超N亿元的 + noun + count: the predicate belongs to the class threshold, the count has none", "到2025年,营业收入超1亿元的企业50家。", "level >= 50 家 2025"},
        {"named_target", "N + 的目标(任务): a target, also where 有望/预计 forecasts its completion", "2021年8月1日\n全年有望完成新增500家的目标任务。", "increment >= 500 家 2021"},
        {"year_list", "YYYY年、YYYY年: the years of a span, the last one its deadline", "2026年、2027年科技专项资金年均增长不低于15%。", "average_growth >= 0.15 2026-2027"},
        {"attribute", "N以下 + noun: an attribute, not a quantity", "关闭30万吨以下煤矿。", "-"},
        {"verb_le", "了 after a verb reports the past", "六个方面研究提出了18项措施。", "-"},
        {"duration", "提前半年, 提前3个月: a duration, not a quantity", "到2025年,提前3个月完成建设任务。", "-"},
        {"structure", "a count of the document's own parts", "提出6项主要目标和12项重点任务。", "-"},
        {"structure_parts", "N项/个/条 + …方面/行动/工程/措施/任务/工作: parts of a programme", "“十四五”时期实施五项重点工程。", "-"},
    };
    return table;
}

/// The weights of the confidence of a row (`extracted_target::confidence`): how much of it was read
/// from explicit words rather than filled in by a rule.
struct confidence_weights {
    double base = 0.35;          ///< any row
    double stated_time = 0.25;   ///< the sentence states its deadline or span (or 每年, 年均), and its year is known
    double comparator_word = 0.15; ///< an explicit comparator word or predicate (达到, 以上, 新增 …)
    double catalogued = 0.15;    ///< the indicator is in the catalogue
    double arabic_number = 0.1;  ///< an Arabic, not a Chinese-numeral, number
};

/// The confidence of a row from what it rests on, clamped to [0, 1].
inline double confidence(const confidence_weights& w, bool stated_time, bool comparator_word, bool catalogued, bool arabic_number) {
    const double c = w.base + (stated_time ? w.stated_time : 0.0) + (comparator_word ? w.comparator_word : 0.0) +
                     (catalogued ? w.catalogued : 0.0) + (arabic_number ? w.arabic_number : 0.0);
    return c < 0.0 ? 0.0 : (c > 1.0 ? 1.0 : c);
}

}  // namespace ontrack::detail
