// The plan-text extractor: reads a Chinese plan document and proposes the targets (and the baseline
// figures) it states, each with its exact quote, for a person to review. Rules, not a model: every
// construct handled is listed in docs/extraction.md with its reading.
#pragma once

#include <ontrack/detail/extraction_grammar.hpp>
#include <ontrack/detail/extraction_text.hpp>
#include <ontrack/detail/text.hpp>
#include <ontrack/detail/zh_numerals.hpp>
#include <ontrack/error.hpp>
#include <ontrack/indicator_catalogue.hpp>
#include <ontrack/period.hpp>
#include <ontrack/target.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ontrack {

/// What an extracted row states: a target to reach, or an observed figure (a baseline such as "截止2020年底
/// …达41家") that a target may be measured from.
enum class row_type { target, baseline };

/// "target" or "baseline".
inline std::string to_string(row_type r) { return r == row_type::target ? "target" : "baseline"; }

/// One catalogue indicator: its id (as used in observation files) and the Chinese phrases that name it.
/// A phrase matches when it occurs in the indicator text with brackets, quotation marks and spaces
/// removed and ASCII letters upper-cased ("R&D(研发)经费投入强度" is read as "R&D经费投入强度").
struct catalogue_entry {
    std::string id;
    std::vector<std::string> synonyms;
};

/// Indicators in the order they are tried: the first entry with a matching phrase wins, so put the
/// specific ones ("R&D经费…占GDP比重") before the general ones ("R&D经费").
using phrase_catalogue = std::vector<catalogue_entry>;

/// The built-in catalogue: the indicator ids of examples/data/observations.csv and seed_targets.csv
/// with the phrases the seed plans and national bulletins use for them.
inline phrase_catalogue default_catalogue() {
    return {
        {"rd_intensity", {"研发经费投入强度", "R&D经费投入强度", "研发投入强度", "研究与试验发展经费投入强度", "经费投入强度", "占GDP比重",
                          "占GDP的比重", "与GDP之比", "占地区生产总值比重"}},
        {"high_tech_enterprise_share_industrial", {"规模以上工业企业中高新技术企业占比", "规上工业企业中高新技术企业占比"}},
        {"high_tech_enterprise_revenue", {"高新技术企业营业收入", "高企营业收入"}},
        {"high_tech_enterprises_valid", {"有效期内的高新技术企业", "有效期内高新技术企业", "有效高新技术企业", "高新技术企业"}},
        {"rd_expenditure", {"R&D经费总额", "R&D经费支出", "研发经费支出", "研究与试验发展经费", "R&D经费", "研发经费", "研发投入"}},
        {"fiscal_sci_tech_expenditure", {"财政科技投入", "财政科技支出", "财政对科技投入", "财政科技经费"}},
        {"tech_based_smes_registered", {"备案科技型中小企业", "科技型中小企业", "入库科技型中小企业"}},
        {"citizens_with_scientific_literacy", {"具备公民科学素质的比例", "公民具备科学素质的比例", "具备科学素质的比例", "公民科学素质"}},
        {"maker_spaces", {"众创空间"}},
        {"incubators_in_statistics", {"科技企业孵化器", "科技孵化器", "孵化器"}},
        {"invention_patents_granted", {"发明专利授权", "授权发明专利"}},
        {"technology_contract_turnover", {"技术合同成交额", "技术合同交易额"}},
        {"rd_personnel", {"研发人员", "R&D人员"}},
    };
}

/// The phrase list of an indicator catalogue (indicators.csv): every name and Chinese phrase with its id,
/// longest phrase first, so that "研发经费投入强度" gives rd_intensity before "研发经费" gives
/// rd_expenditure. Pass it as `extract_options::catalogue` to map indicator text to the catalogue's ids.
inline phrase_catalogue catalogue_phrases(const indicator_catalogue& catalogue) {
    std::vector<std::pair<std::string, std::string>> pairs;  // phrase, id
    for (const auto& info : catalogue.indicators()) {
        if (!info.name_zh.empty()) pairs.emplace_back(info.name_zh, info.id);
        for (const auto& phrase : info.phrases_zh) pairs.emplace_back(phrase, info.id);
    }
    const auto length = [](const std::string& phrase) { return detail::matching_form(detail::from_utf8(phrase)).size(); };
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) { return length(a.first) > length(b.first); });
    phrase_catalogue out;
    for (auto& [phrase, id] : pairs) out.push_back(catalogue_entry{id, {phrase}});
    return out;
}

/// How `extract_targets` reads a text.
struct extract_options {
    /// Written into every row's `document` (a title or file name).
    std::string document;
    /// Written into every row's `region` (the plan's place: "Changji City", "Urumqi").
    std::string default_region;
    /// The plan span a sentence without a deadline refers to. When not given it is read from the text:
    /// the first span (2023—2025年) or five-year plan name (“十四五”) in a title line (one of the first 30
    /// non-empty lines, at most 100 characters); else the document's date (2020年6月21日, 2013-11-18) to
    /// the end of the five-year plan in force the year after it; else none, and a target whose sentence
    /// does not give its year is kept without a deadline, with a note saying so (`extracted_target::note`).
    std::optional<period_span> reference_span;
    /// The year the document was issued: 今年 (this year) is this year, 明年 the next, and a document
    /// without a span in its title runs from it. When not given it is read from the text (its first date).
    std::optional<int> document_year;
    /// Indicators recognised in the text; matched rows get the id as `indicator`, others the text.
    phrase_catalogue catalogue = default_catalogue();
    /// Prefix of the generated ids: "<prefix>-01", "<prefix>-02", … (baselines "<prefix>-b01").
    std::string id_prefix = "x";
    /// Tolerance of "左右" (about) as a fraction of the value.
    double about_tolerance = 0.05;
    /// When true, a row that repeats an earlier one (same type, indicator, kind, comparator, numbers, unit
    /// and periods; a free-text indicator compared by its last two characters) is left out, so a plan
    /// that restates its targets gives one row per target. By default every statement is a row.
    bool merge_repeats = false;
};

/// One candidate row for review.
struct extracted_target {
    /// The row in the targets-file form. For a baseline, `deadline` is the period observed, `value` the
    /// figure and `kind` level.
    ontrack::target target;
    row_type type = row_type::target;
    /// The words naming the indicator, as written (without the deadline phrase before them).
    std::string indicator_text;
    /// The catalogue id when the indicator text matched one, else empty (then `target.indicator` holds
    /// the indicator text).
    std::string indicator_id;
    /// The quote's position in the input: code point offsets [start, end) (Python string indices) and
    /// byte offsets [byte_start, byte_end) of the UTF-8 text.
    std::size_t start = 0;
    std::size_t end = 0;
    std::size_t byte_start = 0;
    std::size_t byte_end = 0;
    /// How much of the row was read from explicit words rather than filled in by a rule, in [0, 1]:
    /// 0.35 to start, +0.25 when the sentence states the deadline or span (and the year is known), +0.15 for an explicit
    /// comparator word (达到, 突破, 以上, 左右, 不低于, 新增, 增长, …), +0.15 when the indicator is in the
    /// catalogue, +0.1 for an Arabic (not Chinese-numeral) number. Rows below 0.6 rest on a default
    /// deadline or an uncatalogued indicator and deserve a closer look.
    double confidence = 0.0;
    /// What the reviewer must add before the row can be used, in words; empty for a complete row. A target
    /// whose time the text does not date (今年, 全年 or no time at all, in a document with no date, no
    /// plan span in its title and none given in `extract_options`) is kept without a deadline: its
    /// `target.deadline` (and `period_start`) are empty and the note says to fill them in.
    std::string note;
};

namespace detail {

/// The note of a target row without a deadline (`extracted_target::note`).
inline std::string undated_note(std::optional<int> year_offset) {
    std::string out = "no deadline: the text does not give the year (no date, no plan span)";
    if (year_offset == 0) out += "; the target is for the document's own year (今年/全年)";
    if (year_offset == 1) out += "; the target is for the year after the document's (明年)";
    return out + "; fill in period (and period_start for a span) from the document's date, or pass reference_span / document_year "
                 "(ontrack extract --span / --year)";
}

/// Checks a target the text gives no deadline for as the target it becomes once dated: `target::validate`
/// with the deadline, and the period_start or base period its kind needs, filled in (every other field must
/// fit its kind). A target with a deadline is checked as it is.
inline void validate_once_dated(const target& t) {
    if (t.deadline) {
        t.validate();
        return;
    }
    target dated = t;
    const period after_base = t.baseline_period ? *t.baseline_period + 1 : period::year(2000);
    dated.deadline = t.period_start && after_base < *t.period_start ? *t.period_start : after_base;
    if (!dated.period_start && (dated.spans_periods() || dated.kind == target_kind::average_growth)) dated.period_start = dated.deadline;
    if (dated.kind == target_kind::relative && !dated.baseline_period && !dated.baseline_value) dated.baseline_period = *dated.deadline - 1;
    dated.validate();
}

/// The state of a sentence at one point, as far as time is concerned.
struct time_context {
    std::optional<period> deadline;      ///< 到2025年, 2023年, 十三五末
    std::optional<period_span> span;     ///< 十四五期间, 2023—2025年
    bool past = false;                   ///< 截至…, 以来, 目前, a year before the plan: a baseline
    bool explicit_time = false;          ///< stated in the sentence (not the document default)
    bool forecast = false;               ///< 预计: an expectation, not a target
    bool carried = false;                ///< the deadline is carried from an earlier sentence or heading
    bool future_marked = false;          ///< the time was stated as one to reach (到2025年, 至2025年)
    bool past_year_heads = false;        ///< a past year opens a clause ("2023年,全省…"): the sentence reports that year
    /// The year relative to the document's (今年, 全年: 0; 明年: 1) of a time stated without its year, in a
    /// document whose year is not known: the row has no deadline, and its note says which year to fill in.
    std::optional<int> year_offset;
};

struct document_context {
    std::optional<period_span> span;
    bool plan_span = false;     ///< the span was read from a title (a plan), not assumed from the date
    std::optional<int> issued;  ///< the year of the document's date
};

/// Reads "YYYY" at s[at] when it is four ASCII digits not part of a longer number.
inline std::optional<int> year_at(const text_run& s, std::size_t at) {
    if (at + 4 > s.size()) return std::nullopt;
    if (at > 0 && (is_ascii_digit(s[at - 1].c) || s[at - 1].c == U'.')) return std::nullopt;
    int y = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        if (!is_ascii_digit(s[at + k].c)) return std::nullopt;
        y = y * 10 + static_cast<int>(s[at + k].c - U'0');
    }
    if (at + 4 < s.size() && is_ascii_digit(s[at + 4].c)) return std::nullopt;
    if (y < 1949 || y > 2100) return std::nullopt;
    return y;
}

inline bool is_dash(char32_t c) noexcept {
    return c == U'—' || c == U'–' || c == U'-' || c == U'~' || c == U'～' || c == U'至' || c == U'－' || c == U'―';
}

/// A five-year plan name at s[at]: 十四五, “十四五” (quotes skipped by the caller). Returns its number and length.
inline std::optional<std::pair<int, std::size_t>> plan_at(const text_run& s, std::size_t at) {
    // The full name in titles: "第十五个五年规划" (the 15th five-year plan) is 十五五.
    if (at + 6 <= s.size() && s[at].c == U'第' && s[at + 1].c == U'十' && s[at + 3].c == U'个' && s[at + 4].c == U'五' && s[at + 5].c == U'年') {
        const int d = chinese_digit(s[at + 2].c);
        if (d >= 1) return std::make_pair(10 + d, std::size_t{6});
    }
    // 十一五 … 十九五 and 二十五 are not plan names people write; plans 11–19 are 十X五.
    if (at + 3 > s.size() || s[at].c != U'十') return std::nullopt;
    const int d = chinese_digit(s[at + 1].c);
    if (d < 1 || s[at + 2].c != U'五') return std::nullopt;
    // "十五五" is the 15th plan: 十 + 五 + 五.
    return std::make_pair(10 + d, std::size_t{3});
}

/// A year span "2023—2025" starting at s[at] (dash variants, 年 after either year allowed).
inline std::optional<std::pair<period_span, std::size_t>> span_at(const text_run& s, std::size_t at) {
    const auto first = year_at(s, at);
    if (!first) return std::nullopt;
    std::size_t k = at + 4;
    if (k < s.size() && s[k].c == U'年') ++k;
    if (k >= s.size() || !is_dash(s[k].c)) return std::nullopt;
    while (k < s.size() && is_dash(s[k].c)) ++k;
    const auto last = year_at(s, k);
    if (!last || *last <= *first || *last - *first > 15) return std::nullopt;
    k += 4;
    if (k < s.size() && s[k].c == U'年') ++k;
    return std::make_pair(period_span{period::year(*first), period::year(*last)}, k - at);
}

/// True when the plan name at s[at] follows 比/较 (“比“十二五”末增长81.9%”): a base period, not the document's span.
inline bool names_base_plan(const text_run& s, std::size_t at) {
    for (std::size_t back = 1; back <= 2 && back <= at; ++back)
        if (s[at - back].c == U'比' || s[at - back].c == U'较') return true;
    return false;
}

/// The plan span or document date read from the beginning of a text (see `extract_options::reference_span`).
inline document_context read_document_context(std::string_view text, std::optional<int> issued = std::nullopt) {
    document_context out;
    std::size_t i = 0;
    std::size_t lines = 0;
    std::size_t index = 0;
    std::optional<period_span> title_span;
    std::optional<bool> title_is_sentence;
    std::optional<int> iso_date;  // web pages carry their posting date (2021-06-30); the 年月日 date is the document's
    // Title lines: the first 30 non-empty lines of at most 100 characters; the date: the first
    // YYYY年M月D日 or YYYY-MM-DD within the first 64 KiB.
    text_run line;
    const auto finish_line = [&] {
        if (line.empty()) return;
        ++lines;
        for (std::size_t k = 0; k < line.size(); ++k) {
            if (!out.issued) {
                if (const auto y = year_at(line, k)) {
                    const bool chinese = k + 4 < line.size() && line[k + 4].c == U'年' && k + 6 < line.size() &&
                                         is_ascii_digit(line[k + 5].c) && find_word(line, k + 5, std::min(line.size(), k + 9), U"月") != std::u32string_view::npos;
                    const bool iso = k + 10 <= line.size() && line[k + 4].c == U'-' && is_ascii_digit(line[k + 5].c) &&
                                     is_ascii_digit(line[k + 6].c) && line[k + 7].c == U'-' && is_ascii_digit(line[k + 8].c) &&
                                     is_ascii_digit(line[k + 9].c) && line[k + 9].byte + 1 <= text.size() &&
                                     (line[k + 9].byte + 1 == text.size() || !std::isdigit(static_cast<unsigned char>(text[line[k + 9].byte + 1])));
                    if (chinese) out.issued = *y;
                    else if (iso && !iso_date) iso_date = *y;
                }
            }
            if (!title_span && lines <= 30 && line.size() <= 100) {
                if (const auto span = span_at(line, k)) title_span = span->first;
                else if (const auto plan = plan_at(line, k); plan && !names_base_plan(line, k)) title_span = five_year_plan_number(plan->first).years;
                // A title is not a sentence: a span in a line with a full stop ("“十四五”时期,…竞相涌现。") gives the
                // span but does not make the document a plan.
                if (title_span && !title_is_sentence) title_is_sentence = find_word(line, 0, line.size(), U"。") != std::u32string_view::npos;
            }
        }
        // A title naming a plan-like document ("…意见任务分工的通知", "…行动方案(征求意见稿)"): its sentences aim ahead.
        if (lines <= 30 && line.size() <= 100 && !out.plan_span) {
            std::size_t end = line.size();
            while (end > 0) {
                const char32_t c = line[end - 1].c;
                if (c == U')' || c == U'》' || c == U'”' || c == U'"' || c == U'】') {
                    // Drop a trailing bracket with what it holds: "(2023—2025年)", "(征求意见稿)".
                    if (c == U')') {
                        std::size_t open = end - 1;
                        while (open > 0 && line[open - 1].c != U'(') --open;
                        end = open > 0 ? open - 1 : end - 1;
                    } else {
                        --end;
                    }
                    continue;
                }
                break;
            }
            for (const std::u32string_view w : {U"规划", U"计划", U"方案", U"纲要", U"要点", U"意见", U"措施", U"分工", U"通知", U"办法"}) {
                if (end >= w.size() && word_at(line, end - w.size(), w)) out.plan_span = true;
            }
        }
        line.clear();
    };
    while (i < text.size() && i < 65536 && (lines < 30 || !out.issued)) {
        const auto d = decode_utf8(text, i);
        if (d.size == 0) break;
        const char32_t c = normalise_char(d.value);
        if (c == U'\n') finish_line();
        else if (!is_skipped_space(c) && line.size() < 4096) line.push_back(text_char{c, i, index, static_cast<unsigned>(d.size)});
        i += d.size;
        ++index;
    }
    finish_line();
    if (!out.issued) out.issued = iso_date;
    if (issued) out.issued = issued;
    if (title_span) {
        out.span = title_span;
        out.plan_span = out.plan_span || !title_is_sentence.value_or(false);
    }
    else if (out.issued) {
        // A document without a span runs from its date to the end of the plan in force the year after.
        const int y = *out.issued;
        const int plan = (y + 1 - 1966) / 5 + 3;
        out.span = period_span{period::year(y), five_year_plan_number(plan).years.last};
    }
    return out;
}

/// A number with its unit found in a sentence.
struct quantity {
    std::size_t begin = 0;   ///< first character of the number
    std::size_t end = 0;     ///< after the unit
    double value = 0;
    std::optional<double> high;  ///< the upper end of a range "2—3家"
    std::u32string unit;
    bool chinese = false;    ///< written in Chinese numerals
    bool approximate = false;  ///< 余, 多: "20余项"
    bool scale_class = false;  ///< 千亿级: a class of amount, a quantity only at the end of its phrase
    bool rank = false;         ///< 前15位: a rank, lower is better
};


/// Reads a number (Arabic with decimals, or Chinese numerals) at s[at]; returns its value and end.
inline std::optional<std::pair<double, std::size_t>> number_at(const text_run& s, std::size_t at, bool& chinese) {
    if (at >= s.size()) return std::nullopt;
    if (is_ascii_digit(s[at].c)) {
        if (at > 0 && (is_ascii_digit(s[at - 1].c) || s[at - 1].c == U'.')) return std::nullopt;
        std::string digits;
        std::size_t k = at;
        bool point = false;
        while (k < s.size() && (is_ascii_digit(s[k].c) || (s[k].c == U'.' && !point && k + 1 < s.size() && is_ascii_digit(s[k + 1].c)))) {
            if (s[k].c == U'.') point = true;
            digits.push_back(static_cast<char>(s[k].c));
            ++k;
            if (digits.size() > 15) return std::nullopt;
        }
        const auto value = parse_number(digits);
        if (!value) return std::nullopt;
        chinese = false;
        return std::make_pair(*value, k);
    }
    if (!is_chinese_numeral_char(s[at].c) || chinese_multiplier(s[at].c) >= 1e4) return std::nullopt;
    if (at > 0 && is_chinese_numeral_char(s[at - 1].c)) return std::nullopt;
    std::size_t k = at;
    while (k < s.size() && k - at < 12 && is_chinese_numeral_char(s[k].c)) ++k;
    // A trailing 万/亿 belongs to the unit when a unit starting with it follows (五万亩 is 5 万亩).
    for (std::size_t stop = k; stop > at; --stop) {
        const auto value = parse_chinese_numeral(slice(s, at, stop));
        if (!value) continue;
        chinese = true;
        return std::make_pair(*value, stop);
    }
    return std::nullopt;
}

/// The unit at s[at], longest match first; empty when none.
inline std::u32string unit_at(const text_run& s, std::size_t at) {
    for (const auto& u : units()) {
        // "305项目": 项目 is a noun (a project), not the counter 项.
        if (word_at(s, at, u.word) && !(u.word == U"项" && word_at(s, at + 1, U"目"))) return std::u32string(u.word);
    }
    return {};
}

/// A quantity starting at s[at]: number, optional range (—, -, ~, 至, 到), optional 余/多, unit.
inline std::optional<quantity> quantity_at(const text_run& s, std::size_t at) {
    bool chinese = false;
    const auto first = number_at(s, at, chinese);
    if (!first) return std::nullopt;
    quantity q;
    q.begin = at;
    q.value = first->first;
    q.chinese = chinese;
    std::size_t k = first->second;
    // A range: the dash, then a second number of the same script.
    if (k < s.size() && (is_dash(s[k].c) || s[k].c == U'到')) {
        std::size_t j = k;
        while (j < s.size() && (is_dash(s[j].c) || s[j].c == U'到')) ++j;
        bool chinese_high = false;
        if (const auto second = number_at(s, j, chinese_high); second && chinese_high == chinese && second->first > q.value) {
            // "5万亩和15万亩": a scale word after the first number belongs to both ends, "2—3家".
            q.high = second->first;
            k = second->second;
        }
    }
    if (k < s.size() && (s[k].c == U'余' || s[k].c == U'多')) { q.approximate = true; ++k; }
    q.unit = unit_at(s, k);
    if (q.unit.empty() && k < s.size() && (s[k].c == U'万' || s[k].c == U'亿') && k + 1 < s.size() && (s[k + 1].c == U'余' || s[k + 1].c == U'多')) {
        // "20万余人次": the scale word before 余.
        std::u32string scaled(1, s[k].c);
        const auto rest = unit_at(s, k + 2);
        if (!rest.empty()) { q.approximate = true; q.unit = scaled + rest; k += 2; q.end = k + rest.size(); return q; }
    }
    if (q.unit.empty() && q.chinese && !q.high && k > at + 1 && (s[k - 1].c == U'万' || s[k - 1].c == U'亿')) {
        // "十亿元", "千亿级": the scale word after 十/百/千 belongs to the unit (10 亿元, the 1000-亿元 class).
        const auto value = parse_chinese_numeral(slice(s, at, k - 1));
        if (value) {
            if (const auto unit = unit_at(s, k - 1); !unit.empty()) {
                q.value = *value;
                q.unit = unit;
                q.end = k - 1 + unit.size();
                return q;
            }
            if (k < s.size() && s[k].c == U'级' && chinese_multiplier(s[k - 2].c) >= 10.0) {
                q.value = *value;
                q.unit = s[k - 1].c == U'亿' ? U"亿元" : U"万元";
                q.end = k + 1;
                q.scale_class = true;
                return q;
            }
        }
    }
    if (q.unit.empty()) return std::nullopt;
    q.end = k + q.unit.size();
    // "2%—3%": a range with the unit written at both ends.
    if (!q.high && q.end < s.size() && is_dash(s[q.end].c)) {
        bool chinese_high = false;
        if (const auto second = number_at(s, q.end + 1, chinese_high);
            second && chinese_high == q.chinese && second->first > q.value && word_at(s, second->second, q.unit)) {
            q.high = second->first;
            q.end = second->second + q.unit.size();
        }
    }
    return q;
}

/// "增长2倍", "提高1.5倍" at s[at] (the number): the factor of the base reached (N + 1) and the end of 倍.
inline std::optional<std::pair<double, std::size_t>> times_at(const text_run& s, std::size_t at) {
    bool chinese = false;
    const auto number = number_at(s, at, chinese);
    if (!number || number->second >= s.size() || s[number->second].c != U'倍' || number->first <= 0) return std::nullopt;
    for (const std::u32string_view w : {U"增长", U"增加", U"提高", U"提升"}) {
        if (at >= w.size() && word_at(s, at - w.size(), w)) return std::make_pair(number->first + 1.0, number->second + 1);
    }
    return std::nullopt;
}

/// A rank "前N位", "前N名", "前N水平" at s[at] (the number after 前): unit 位.
inline std::optional<quantity> rank_quantity_at(const text_run& s, std::size_t at) {
    if (at == 0 || s[at - 1].c != U'前') return std::nullopt;
    bool chinese = false;
    const auto number = number_at(s, at, chinese);
    if (!number) return std::nullopt;
    const std::size_t k = number->second;
    if (!(word_at(s, k, U"位") || word_at(s, k, U"名") || word_at(s, k, U"水平"))) return std::nullopt;
    quantity q;
    q.begin = at;
    q.end = k + (word_at(s, k, U"水平") ? 2 : 1);
    q.value = number->first;
    q.chinese = chinese;
    q.unit = U"位";
    q.rank = true;
    return q;
}

/// A scale word alone, "突破万亿元": 1 万亿元.
inline std::optional<quantity> bare_scale_at(const text_run& s, std::size_t at) {
    if (!word_at(s, at, U"万亿元") || (at > 0 && (is_chinese_numeral_char(s[at - 1].c) || is_ascii_digit(s[at - 1].c)))) return std::nullopt;
    quantity q;
    q.begin = at;
    q.end = at + 3;
    q.value = 1.0;
    q.unit = U"万亿元";
    q.chinese = true;
    return q;
}

/// An index without a unit ("创新指数达到120以上"): an Arabic number after a noun ending in 指数 in its clause.
inline std::optional<quantity> index_quantity_at(const text_run& s, std::size_t at, std::size_t clause_begin) {
    if (!is_ascii_digit(s[at].c)) return std::nullopt;
    const std::size_t from = std::max(clause_begin, at > 16 ? at - 16 : 0);
    if (find_word(s, from, at, U"指数") == std::u32string_view::npos) return std::nullopt;
    bool chinese = false;
    const auto number = number_at(s, at, chinese);
    if (!number) return std::nullopt;
    const std::size_t k = number->second;
    // The number must end its phrase: a qualifier or punctuation follows (not a unit, a year or a word).
    if (k < s.size() && !(word_at(s, k, U"以上") || word_at(s, k, U"左右") || s[k].c == U',' || s[k].c == U'。' || s[k].c == U';' || s[k].c == U'、'))
        return std::nullopt;
    quantity q;
    q.begin = at;
    q.end = k;
    q.value = number->first;
    return q;
}

/// True when `text` is one of the predicate words (a verb of a list, not a subject).
inline bool is_verb(std::u32string_view text) {
    for (const auto& v : predicates())
        if (v.word == text) return true;
    return false;
}

/// Words a subject starts with that are not part of the indicator's name.
inline std::u32string strip_subject(std::u32string text) {
    static const std::vector<std::u32string_view> leading{
        U"——", U"—", U"其中", U"同时", U"并且", U"并", U"力争", U"争取", U"确保", U"全市", U"全区", U"全县", U"全州", U"全疆", U"我市", U"我区",
        U"全社会", U"规划期间", U"期间", U"时期", U"末", U"底", U"年", U"以来", U"每年", U"年均", U"使", U"要", U"在", U"的", U",", U":", U";", U"、"};
    // The subject keeps 全社会 when it names the indicator (全社会R&D经费): only dropped when alone.
    bool changed = true;
    while (changed && !text.empty()) {
        changed = false;
        for (const auto w : leading) {
            if (text.size() > w.size() && text.compare(0, w.size(), w) == 0) {
                if (w == U"全社会") continue;
                text.erase(0, w.size());
                changed = true;
            }
        }
    }
    bool trimmed = true;
    while (trimmed && !text.empty()) {
        trimmed = false;
        while (!text.empty() && (text.back() == U'的' || text.back() == U'、' || text.back() == U',' || text.back() == U'。' || text.back() == U';' ||
                                  text.back() == U':')) { text.pop_back(); trimmed = true; }
        for (const std::u32string_view w : {U"分别", U"力争", U"争取", U"确保", U"年均", U"每年"}) {
            if (text.size() > w.size() && text.compare(text.size() - w.size(), w.size(), w) == 0) { text.resize(text.size() - w.size()); trimmed = true; }
        }
    }
    return text;
}

struct raw_row {
    extracted_target row;
    std::size_t sentence = 0;   ///< which sentence (for merging 力争 into the target before it)
    bool aspirational = false;
    bool explicit_year = false; ///< baselines: the period was stated
    bool default_span = false;  ///< a per_period row whose span is the document's, not stated in the sentence
    std::optional<int> year_offset;  ///< `time_context::year_offset` of an undated row
    std::size_t at = 0;         ///< where its number starts and ends in the sentence
    std::size_t until = 0;
};

/// The extractor's working state over one document.
class extractor {
public:
    extractor(std::string_view text, const extract_options& options) : text_(text), options_(options) {
        const auto doc = read_document_context(text, options.document_year);
        span_ = options.reference_span ? options.reference_span : doc.span;
        plan_document_ = options.reference_span.has_value() || doc.plan_span;
        issued_ = doc.issued;
        for (const auto& entry : options.catalogue) {
            std::vector<std::u32string> forms;
            for (const auto& synonym : entry.synonyms) {
                auto form = matching_form(from_utf8(synonym));
                if (!form.empty()) forms.push_back(std::move(form));
            }
            catalogue_.emplace_back(entry.id, std::move(forms));
        }
    }

    std::vector<extracted_target> run() {
        text_run chunk;
        std::size_t index = 0;
        std::size_t i = 0;
        std::vector<std::size_t> parens;  // positions of unmatched '(' in the chunk
        std::size_t bracket = npos;       // position of an open 〔 or 【
        std::size_t line_chars = 0;       // characters on the current line so far (headings are short)
        bool line_start = true;
        while (i < text_.size()) {
            const auto d = decode_utf8(text_, i);
            const char32_t c = normalise_char(d.value);
            const text_char tc{c, i, index, static_cast<unsigned>(d.size)};
            i += d.size;
            ++index;
            if (c == U'\n') {
                flush(chunk, line_start, line_chars);
                paragraph_past_ = false;
                paragraph_year_.reset();
                pending_.clear();  // a responsibility block closes measures on its own line only
                parens.clear();
                bracket = npos;
                line_start = true;
                line_chars = 0;
                continue;
            }
            ++line_chars;
            if (is_skipped_space(c)) continue;
            chunk.push_back(tc);
            const std::size_t at = chunk.size() - 1;
            if (c == U'(') parens.push_back(at);
            if (c == U'〔' || c == U'【' || c == U'[') bracket = at;
            if (c == U')' && !parens.empty()) {
                const std::size_t open = parens.back();
                parens.pop_back();
                if (find_word(chunk, open + 1, at, U"牵头") != npos && (parens.empty())) {
                    take_block(chunk, open, at, line_start, line_chars);
                    parens.clear();
                    bracket = npos;
                    continue;
                }
            }
            if ((c == U'〕' || c == U'】' || c == U']') && bracket != npos) {
                if (word_at(chunk, bracket + 1, U"牵头单位") || word_at(chunk, bracket + 1, U"责任单位")) {
                    take_block(chunk, bracket, at, line_start, line_chars);
                    parens.clear();
                    bracket = npos;
                    continue;
                }
                bracket = npos;
            }
            const bool terminator = c == U'。' || c == U'!' || c == U'?' || c == U'！' || c == U'？';
            // Very long runs without a full stop are not plan sentences; cut them so work stays linear.
            if ((terminator && parens.empty() && bracket == npos) || chunk.size() >= 4096) {
                flush(chunk, line_start, line_chars);
                parens.clear();
                bracket = npos;
            }
        }
        flush(chunk, line_start, line_chars);
        return finish();
    }

private:
    static constexpr std::size_t npos = std::u32string_view::npos;
    /// How far a rule looks from a number or word within its clause. Plan clauses are short; the bound
    /// keeps the work per number constant, so a run-on text ("1家1家1家…" for megabytes) stays linear.
    static constexpr std::size_t reach = 64;
    /// Quotations up to this many characters are names; longer ones are read as text.
    static constexpr std::size_t name_quote_length = 16;
    static std::size_t near_before(std::size_t clause_begin, std::size_t at) { return std::max(clause_begin, at > reach ? at - reach : 0); }
    static std::size_t near_after(std::size_t clause_end, std::size_t at) { return std::min(clause_end, at + reach); }

    void take_block(text_run& chunk, std::size_t open, std::size_t close, bool& line_start, std::size_t line_chars) {
        text_run before(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(open));
        flush(before, line_start, line_chars);
        const auto inside = slice(chunk, open + 1, close);
        const auto who = parse_responsibility(inside);
        if (!who.lead.empty() || !who.responsible.empty()) {
            for (const std::size_t k : pending_) {
                auto& t = rows_[k].row.target;
                t.lead_unit = join(who.lead, ";");
                t.responsible_units = who.responsible;
            }
        }
        pending_.clear();
        chunk.clear();
    }

    void flush(text_run& chunk, bool& line_start, std::size_t line_chars) {
        if (chunk.empty()) return;
        if (line_start) {
            heading(chunk, line_chars);
            line_start = false;
        }
        sentence(chunk);
        ++sentence_count_;
        chunk.clear();
    }

    /// A top-level heading ("一、“十三五”时期科技发展回顾") sets whether the section reports the past.
    void heading(const text_run& s, std::size_t line_chars) {
        std::size_t k = 0;
        while (k < s.size() && k < 4 && is_chinese_numeral_char(s[k].c)) ++k;
        if (k == 0 || k >= s.size() || s[k].c != U'、' || line_chars > 60) return;
        past_section_ = false;
        past_section_period_.reset();
        carried_deadline_.reset();
        carried_undated_ = false;
        for (std::size_t j = 0; j + 4 < s.size(); ++j) {
            // "二、2025年主要目标任务": the section's deadline.
            if (const auto y = year_at(s, j); y && s[j + 4].c == U'年' && !is_past_year(*y)) { carried_deadline_ = period::year(*y); break; }
        }
        for (const std::u32string_view w : {U"回顾", U"成效", U"成就", U"现状", U"进展", U"基础", U"总结"}) {
            if (find_word(s, 0, s.size(), w) != npos) past_section_ = true;
        }
        for (std::size_t j = 0; j < s.size(); ++j) {
            if (const auto plan = plan_at(s, j)) {
                const auto years = five_year_plan_number(plan->first).years;
                if (span_ && years.last < span_->first) {
                    past_section_ = true;
                    past_section_period_ = years.last;
                }
            }
        }
    }

    /// True when the year at s[at] ("YYYY年") names a base period: a word of the time-phrase table with
    /// effect base_before right before it (较, 比, 从, 由, 与, 同, 在) and, for the words that need one, a closing
    /// word after it (在…基础上, 与…相比).
    static bool names_base_period(const text_run& s, std::size_t at) {
        std::size_t after = at + 5;  // after "YYYY年"
        for (const std::u32string_view w : {U"底", U"末"})
            if (word_at(s, after, w)) after += w.size();
        if (after < s.size() && s[after].c == U'的') ++after;
        bool closed = false;
        for (const auto& p : time_phrases())
            if (p.effect == time_effect::base_after && word_at(s, after, p.word)) closed = true;
        for (const auto& p : time_phrases()) {
            if (p.effect != time_effect::base_before || at < p.word.size() || !word_at(s, at - p.word.size(), p.word)) continue;
            if (!p.needs_closing || closed) return true;
        }
        return false;
    }

    /// True when the words at s[at] (up to the next punctuation, at most 16 characters) name a document:
    /// "2021—2035年中长期科技发展规划", "2023年工作要点" (a time in a title is not a deadline).
    /// With `programme_allowed`, 计划 is not a document ("实施…倍增计划" is a programme carried out).
    static bool names_document(const text_run& s, std::size_t at, bool programme_allowed = false) {
        for (std::size_t k = at; k < s.size() && k < at + 16; ++k) {
            const char32_t c = s[k].c;
            if (c == U',' || c == U'。' || c == U';' || c == U':' || c == U'、' || (!programme_allowed && (c == U'”' || c == U'》'))) return false;
            for (const std::u32string_view w : {U"规划", U"计划", U"纲要", U"方案", U"要点", U"意见"}) {
                if (programme_allowed && w == U"计划") continue;
                if (word_at(s, k, w)) return true;
            }
        }
        return false;
    }

    /// A CJK ideograph other than the particles and conjunctions that end a quantity's phrase.
    static bool is_ideograph(char32_t c) {
        if (c < 0x4E00 || c > 0x9FFF) return false;
        return std::u32string_view(U"和及与等的或并且").find(c) == std::u32string_view::npos;
    }

    /// True when the sentence states an observed rank: a word of `observed_rank_words` within the 8 characters
    /// of its clause before 第 + a number ("在全国增速排列第二", "居全国第16位").
    static bool states_observed_rank(const text_run& s) {
        for (std::size_t k = 0; k + 1 < s.size(); ++k) {
            if (s[k].c != U'第' || !(is_ascii_digit(s[k + 1].c) || is_chinese_numeral_char(s[k + 1].c))) continue;
            for (std::size_t j = k; j > 0 && k - j < 8;) {
                --j;
                const char32_t c = s[j].c;
                if (c == U',' || c == U';' || c == U'。' || c == U':') break;
                if (!first_word_at(s, j, observed_rank_words()).empty()) return true;
            }
        }
        return false;
    }

    /// True when a predicate word starts at s[at] ("100亿元实现…" is not a count before a noun).
    static bool starts_predicate(const text_run& s, std::size_t at) {
        for (const auto& p : predicates())
            if (word_at(s, at, p.word)) return true;
        for (const auto& w : qualifiers())
            if (word_at(s, at, w.word)) return true;
        return false;
    }

    /// A year before the plan's span, or before the document's own year (a document reports those).
    bool is_past_year(int y) const { return (span_ && y < span_->first.year()) || (issued_ && y < *issued_); }

    /// Reads one sentence: time words, quantities, and the rows they make.
    void sentence(const text_run& s) {
        const std::size_t n = s.size();
        // Clause bounds: commas, semicolons and colons end a clause.
        std::vector<std::size_t> clause_of(n + 1, 0);
        std::vector<std::size_t> clause_begin{0};
        for (std::size_t k = 0; k < n; ++k) {
            clause_of[k] = clause_begin.size() - 1;
            const char32_t c = s[k].c;
            if (c == U',' || c == U';' || c == U':' || c == U'，' || c == U'；' || c == U'：') clause_begin.push_back(k + 1);
        }
        clause_of[n] = clause_begin.size() - 1;
        const auto clause_start = [&](std::size_t k) { return clause_begin[clause_of[std::min(k, n)]]; };
        const auto clause_end = [&](std::size_t k) {
            const std::size_t c = clause_of[std::min(k, n)];
            return c + 1 < clause_begin.size() ? clause_begin[c + 1] - 1 : n;
        };

        time_context now;
        sentence_verb_ = nullptr;
        sentence_base_year_.reset();
        if (past_section_ || paragraph_past_) now.past = true;
        const bool started_past = paragraph_past_ && !past_section_;
        bool this_year_seen = false;
        verb_consumed_until_ = 0;
        sentence_committed_ = false;
        for (std::size_t j = 0; j < n && !sentence_committed_; ++j) {
            for (const auto& p : time_phrases()) {
                if ((p.effect == time_effect::commitment || p.effect == time_effect::aspiration || p.effect == time_effect::every_year ||
                     p.effect == time_effect::average) && s[j].c == p.word[0] && word_at(s, j, p.word)) {
                    sentence_committed_ = true;
                    break;
                }
            }
        }
        if (sentence_committed_ || carried_deadline_ || carried_undated_) goal_stated_ = true;
        const bool ends_preamble = find_word(s, 0, n, U"本规划") != npos;
        if ((carried_deadline_ || carried_undated_) && !now.past) {
            now.deadline = carried_deadline_;
            if (!carried_deadline_) now.year_offset = carried_undated_offset_;
            now.carried = true;
        }
        bool every_year = false, average = false;
        std::size_t aspiration_at = npos;
        std::size_t last_time_end = 0;  // where the last time phrase ended (subjects start after it)
        std::size_t previous_quantity_end = 0;
        bool distributive = false;      // 分别: one row per value, one subject each
        bool in_quotes = false;
        bool in_title = false;          // inside 《…》: the words are a document's title
        std::vector<std::size_t> sentence_rows;

        std::size_t first_break = npos;  // the first ';' of the sentence: items of a list follow
        std::size_t k = 0;
        while (k < n) {
            const char32_t c = s[k].c;
            if (c == U';') {
                // 每年 holds within its item of a list; 力争 heading the sentence governs every item, one inside an
                // item ("四是…争取新建…1家,新建…10家;五是…") that item only.
                every_year = false;
                if (aspiration_at != npos && first_break != npos && aspiration_at > first_break) aspiration_at = npos;
                if (first_break == npos) first_break = k;
            }
            // Time words.
            const time_phrase* phrase = nullptr;
            for (const auto& p : time_phrases()) {
                if (s[k].c == p.word[0] && word_at(s, k, p.word) && (!phrase || p.word.size() > phrase->word.size())) phrase = &p;
            }
            if (phrase && phrase->effect == time_effect::commitment) phrase = nullptr;  // read before the loop
            if (phrase && phrase->effect == time_effect::past && k > 0 && (s[k - 1].c == U'从' || s[k - 1].c == U'由')) {
                k += phrase->word.size();  // "从目前的45万人提升到42万人": where a target starts from
                continue;
            }
            if ((phrase && phrase->effect == time_effect::past) ||
                (c == U'已' && k + 1 < n && std::u32string_view(U"建经有达完形累实获通引培成拥").find(s[k + 1].c) != npos)) {
                if (now.carried) {
                    now.deadline.reset();
                    now.carried = false;
                }
                now.past = true;
                now.explicit_time = true;
                if (phrase && phrase->word == U"至今") {
                    // "2021年至今": until the document's date.
                    now.deadline.reset();
                    now.span.reset();
                }
                if (!now.deadline && issued_) now.deadline = period::year(*issued_);
                k += phrase ? phrase->word.size() : 2;
                continue;
            }
            if (phrase && phrase->effect == time_effect::statistic) {
                // "同比增长24.9%": a change observed, unless the sentence aims at a future year ("力争2009年…同比增长33.3%").
                if (!(now.explicit_time && !now.past) && aspiration_at == npos) {
                    now.past = true;
                    if (now.carried) { now.deadline.reset(); now.carried = false; }
                    if (!now.deadline && issued_) now.deadline = period::year(*issued_);
                }
                k += phrase->word.size();
                continue;
            }
            if (phrase && phrase->effect == time_effect::forecast) {
                now.forecast = true;
                k += phrase->word.size();
                continue;
            }
            if (word_at(s, k, U"逐年增长") || word_at(s, k, U"逐年增加")) {
                wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::non_decreasing, 1.0, sentence_rows);
                k += 4;
                continue;
            }
            // 每年 and 年均 sit inside the clause ("研发经费年均增长"): the subject does not start after them.
            if (phrase && phrase->effect == time_effect::every_year) { every_year = true; k += phrase->word.size(); continue; }
            if (phrase && phrase->effect == time_effect::average) { average = true; k += phrase->word.size(); continue; }
            if (phrase && phrase->effect == time_effect::aspiration) {
                aspiration_at = k;
                if (paragraph_past_ && !past_section_) now.past = false;  // 力争 looks ahead, also after a review
                k += phrase->word.size();
                continue;
            }
            if (phrase && phrase->effect == time_effect::distributive) { distributive = true; k += phrase->word.size(); continue; }
            if (phrase && phrase->effect == time_effect::this_year &&
                (word_at(s, k + phrase->word.size(), U"上半年") || word_at(s, k + phrase->word.size(), U"前三季度") ||
                 word_at(s, k + phrase->word.size(), U"一季度") ||
                 (k + phrase->word.size() < n && is_ascii_digit(s[k + phrase->word.size()].c)))) {
                // "今年1—7月份", "今年上半年": a part of the year already observed (a baseline only when the year is known).
                now.past = true;
                now.explicit_time = true;
                now.deadline = issued_ ? std::optional<period>(period::year(*issued_)) : std::nullopt;
                now.carried = false;
                k += phrase->word.size();
                continue;
            }
            if (phrase && phrase->word == U"全年" && now.deadline && !now.carried && !this_year_seen) {
                k += phrase->word.size();  // "2009年全年": the year already stated
                continue;
            }
            if (phrase && (phrase->effect == time_effect::this_year || phrase->effect == time_effect::next_year)) {
                // 今年, 明年, 今年年底: the document's year, or the one after it. In a document whose year is not known
                // (a report whose date the text lost) the time is stated but not its year: the row has no deadline.
                now.deadline = issued_ ? std::optional<period>(period::year(*issued_ + (phrase->effect == time_effect::next_year ? 1 : 0))) : std::nullopt;
                if (phrase->word == U"全年" && started_past && !this_year_seen && paragraph_year_) now.deadline = paragraph_year_;
                now.year_offset = now.deadline ? std::optional<int>() : std::optional<int>(phrase->effect == time_effect::next_year ? 1 : 0);
                now.carried = false;
                now.span.reset();
                now.explicit_time = true;
                // 全年 in a paragraph that reports a past year ("2024年…成果丰硕。全年技术合同成交额超800亿元") is
                // that year; after 今年 in the sentence, or on its own, the year ahead.
                now.past = past_section_ || (phrase->word == U"全年" && started_past && !this_year_seen);
                if (phrase->word != U"全年") this_year_seen = true;
                std::size_t j = k + phrase->word.size();
                for (const std::u32string_view w : {U"年底", U"年末", U"底", U"末"}) {
                    if (word_at(s, j, w)) { j += w.size(); break; }
                }
                k = j;
                last_time_end = k;
                continue;
            }
            if (const auto span = span_at(s, k); span && names_document(s, k + span->second)) {
                k += span->second;  // "2021—2035年中长期科技发展规划": the name of a document
                continue;
            }
            if (const auto span = span_at(s, k)) {
                now.carried = false;
                now.span = span->first;
                now.deadline = span->first.last;
                now.explicit_time = true;
                now.past = past_section_ || is_past_year(span->first.last.year());
                k += span->second;
                last_time_end = k;
                continue;
            }
            std::size_t plan_begin = k;
            if (c == U'“' || c == U'"' || c == U'”') plan_begin = k + 1;
            if (const auto plan = plan_at(s, plan_begin)) {
                const auto years = five_year_plan_number(plan->first).years;
                std::size_t j = plan_begin + plan->second;
                if (j < n && (s[j].c == U'”' || s[j].c == U'"' || s[j].c == U'“')) ++j;
                if (!word_at(s, j, U"规划期") && !word_at(s, j, U"末") && !word_at(s, j, U"期") && !word_at(s, j, U"时期") && names_document(s, j)) {
                    k = j;  // "四川省“十四五”科技创新规划": the name of a document
                    continue;
                }
                bool names_base = false;
                if (word_at(s, j, U"末")) {
                    // 较“十三五”末, 在“十三五”末的基础上 name a base period, not the deadline: handled with 翻一番.
                    const bool base = plan_begin >= 1 && (s[plan_begin - 1].c == U'较' || s[plan_begin - 1].c == U'比');
                    const bool base2 = plan_begin >= 2 && (s[plan_begin - 2].c == U'较' || s[plan_begin - 2].c == U'比');
                    const bool on_base = plan_begin >= 1 && (s[plan_begin - 1].c == U'在' || (plan_begin >= 2 && s[plan_begin - 2].c == U'在')) &&
                                         (word_at(s, j + 1, U"的基础上") || word_at(s, j + 1, U"基础上"));
                    names_base = base || base2 || on_base;
                    if (names_base) sentence_base_year_ = years.last.year();
                    if (!names_base) {
                        now.carried = false;
                        now.deadline = years.last;
                        now.span.reset();
                        now.explicit_time = true;
                        now.past = past_section_ || is_past_year(years.last.year());
                    }
                    j += 1;
                } else if (word_at(s, j, U"初")) {
                    j += 1;
                } else if (plan_begin >= 1 && (s[plan_begin - 1].c == U'较' || s[plan_begin - 1].c == U'比' ||
                                               (plan_begin >= 2 && (s[plan_begin - 2].c == U'较' || s[plan_begin - 2].c == U'比')))) {
                    // "比“十二五”提高3个百分点": the plan named after 比/较 is the base period (its last year).
                    names_base = true;
                    sentence_base_year_ = years.last.year();
                } else {
                    const bool is_past = span_ ? years.last < span_->first : false;
                    now.carried = false;
                    now.span = years;
                    now.deadline = years.last;
                    now.explicit_time = true;
                    now.past = past_section_ || is_past;
                    for (const std::u32string_view w : {U"规划期间", U"期间", U"时期", U"以来"}) {
                        if (word_at(s, j, w)) { j += w.size(); break; }
                    }
                }
                k = j;
                if (!names_base) last_time_end = k;
                continue;
            }
            if (const auto y = year_at(s, k); y && k + 4 < n && s[k + 4].c == U'年') {
                std::size_t j = k + 4;
                if (names_base_period(s, k)) {
                    // 比2022年翻一番, 在2020年基础上, 与2020年相比, 从2020年的…: a base period, not a deadline.
                    sentence_base_year_ = *y;
                    k = j + 1;
                    continue;
                }
                if (j < n && s[j].c == U'年') {
                    ++j;
                    if (j + 1 < n && is_ascii_digit(s[j].c) && (s[j + 1].c == U'月' || (j + 2 < n && is_ascii_digit(s[j + 1].c) && s[j + 2].c == U'月'))) {
                        // A date (2020年6月21日): not a deadline ("2009年81家" is a year and a count).
                        while (j < n && (is_ascii_digit(s[j].c) || s[j].c == U'月' || s[j].c == U'日')) ++j;
                        k = j;
                        continue;
                    }
                    if (word_at(s, j, U"底") || word_at(s, j, U"末")) ++j;
                    if (names_document(s, j)) {
                        k = j;  // "2021年工作要点", "2023年行动计划": the name of a document
                        continue;
                    }
                    now.carried = false;
                    every_year = false;  // "每年新增600家,2023年底达到3900家": the year ends the yearly clause
                    const bool as_of = (k >= 2 && (word_at(s, k - 2, U"截至") || word_at(s, k - 2, U"截止"))) ||
                                       (k >= 3 && (word_at(s, k - 3, U"截止到") || word_at(s, k - 3, U"截至到")));
                    now.deadline = period::year(*y);
                    now.span.reset();
                    now.explicit_time = true;
                    now.future_marked = k >= 1 && (s[k - 1].c == U'到' || s[k - 1].c == U'至');
                    if (now.future_marked && !now.past) goal_stated_ = true;
                    now.past = past_section_ || as_of || is_past_year(*y);
                    if (is_past_year(*y) && clause_start(k) == k) now.past_year_heads = true;
                    if (word_at(s, j, U"以来")) { now.past = true; j += 2; }
                    // "2026年、2027年": a list of consecutive years is a span ending at the last.
                    for (int last = *y; j + 5 < n && s[j].c == U'、';) {
                        const auto next = year_at(s, j + 1);
                        if (!next || *next != last + 1 || s[j + 5].c != U'年') break;
                        last = *next;
                        now.span = period_span{period::year(*y), period::year(last)};
                        now.deadline = period::year(last);
                        now.past = past_section_ || is_past_year(last);
                        j += 6;
                    }
                    k = j;
                    last_time_end = k;
                    continue;
                }
            }
            // A short quotation is a name (“五下乡”, “1+4+N”); a long one is speech or a cited target
            // (提出“到2028年工业产值突破500亿元”), read as text.
            if (c == U'“') in_quotes = find_word(s, k + 1, std::min(n, k + 1 + name_quote_length), U"”") != npos;
            if (c == U'”') in_quotes = false;
            if (c == U'《') in_title = true;
            if (c == U'》') in_title = false;
            // Quantities; numbers inside quotation marks are names (“五下乡”, “1+4+N”).
            if ((is_ascii_digit(c) || is_chinese_numeral_char(c)) && in_quotes) { ++k; continue; }
            if (is_ascii_digit(c) || is_chinese_numeral_char(c)) {
                // "比2020年增长2倍": N倍 after a verb of change is N + 1 times the base (增长一倍 is a doubling).
                if (const auto times = times_at(s, k)) {
                    wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::relative, times->first, sentence_rows);
                    k = times->second;
                    continue;
                }
                auto q = quantity_at(s, k);
                if (!q) q = index_quantity_at(s, k, clause_start(k));
                if (!q) q = rank_quantity_at(s, k);
                if (!q) q = bare_scale_at(s, k);
                if (!q) {
                    // Skip the whole number so its tail digits are not read as another one.
                    std::size_t j = k + 1;
                    while (j < n && (is_ascii_digit(s[j].c) || s[j].c == U'.')) ++j;
                    k = is_ascii_digit(c) ? j : k + 1;
                    continue;
                }
                quantity_row(s, *q, now, every_year, average, aspiration_at, std::max({last_time_end, previous_quantity_end, clause_start(q->begin)}),
                             clause_start(q->begin), clause_end(q->begin), distributive, sentence_rows);
                previous_quantity_end = q->end;
                k = q->end;
                continue;
            }
            // Relative targets (翻一番, 翻两番) and never-decrease commitments have no number.
            for (const std::u32string_view w : {U"增加一倍", U"增长一倍", U"提高一倍"}) {
                if (word_at(s, k, w)) {
                    wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::relative, 2.0, sentence_rows);
                    k += w.size();
                    break;
                }
            }
            if (k < n && s[k].c != c) continue;
            // "六个倍增、六个突破": a count of doublings is the slogan of a list, not a target.
            if ((word_at(s, k, U"倍增") || word_at(s, k, U"翻番")) && k >= 2 && s[k - 1].c == U'个' && is_chinese_numeral_char(s[k - 2].c)) {
                k += 2;
                continue;
            }
            if ((word_at(s, k, U"倍增") || word_at(s, k, U"翻番")) && (names_document(s, k + 2, true) || in_title)) {
                k += 2;  // "“双倍增”行动计划工作方案", "《倍增计划》": the name of a document
                continue;
            }
            if (word_at(s, k, U"翻一番") || word_at(s, k, U"翻两番") || word_at(s, k, U"翻二番") || word_at(s, k, U"翻番") || word_at(s, k, U"倍增")) {
                const double factor = word_at(s, k, U"翻两番") || word_at(s, k, U"翻二番") ? 4.0 : 2.0;
                wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::relative, factor, sentence_rows);
                k += word_at(s, k, U"翻番") || word_at(s, k, U"倍增") ? 2 : 3;
                continue;
            }
            if (word_at(s, k, U"只增不减")) {
                wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::non_decreasing, 0.0, sentence_rows);
                k += 4;
                continue;
            }
            // 稳定增长 is a commitment only when the plan ensures it or builds a mechanism for it (确保…, 建立…机制),
            // not in a description of what a measure promotes (促进粮食生产稳定增长).
            if ((word_at(s, k, U"稳定增长") || word_at(s, k, U"法定增长")) &&
                (rfind_word(s, near_before(clause_start(k), k), k, U"确保") != npos || rfind_word(s, near_before(clause_start(k), k), k, U"建立") != npos)) {
                wordless_row(s, k, now, clause_start(k), clause_end(k), last_time_end, target_kind::non_decreasing, 1.0, sentence_rows);
                k += 4;
                continue;
            }
            if (const std::size_t used = direction_row(s, k, now, clause_start(k), clause_end(k), sentence_rows); used > 0) {
                k += used;
                continue;
            }
            ++k;
        }
        // "2022年全省高新技术企业净增523户,在全国增速排列第二": a sentence ranking its figures among peers, without an
        // aim of its own (到2025年, a carried deadline, 将, 力争 …), reports them.
        if (!now.future_marked && !now.carried && !sentence_committed_ && aspiration_at == npos && states_observed_rank(s)) {
            for (const std::size_t r : sentence_rows)
                if (rows_[r].row.type == row_type::target) rows_[r].row.confidence = -1.0;
        }
        if (ends_preamble) preamble_seen_ = true;
        // What the next sentences inherit: the past of a paragraph that reports it, a stated future deadline.
        paragraph_past_ = now.past && !past_section_;
        if (!paragraph_past_) paragraph_year_.reset();
        else if (now.deadline && now.explicit_time) paragraph_year_ = now.deadline;
        // An expectation (预计, 有望) does not set the deadline the next sentences aim at.
        // In a document that is not a plan, only a sentence that aims (a target row, 到2025年, a commitment word) sets it:
        // "2025年“活力中国调研行”…举行" dates an event.
        bool aimed = sentence_committed_;
        // (A target row dropped as a report, "…净增523户,在全国增速排列第二", is not an aim.)
        for (const std::size_t r : sentence_rows) aimed = aimed || (rows_[r].row.type == row_type::target && rows_[r].row.confidence >= 0);
        if (!now.past && !now.forecast && now.deadline && !now.carried && now.explicit_time && (aimed || now.future_marked)) {
            carried_deadline_ = now.deadline;
            carried_undated_ = false;
        }
        // A time stated without its year (全年 in an undated report) carries as a dated one does, still without a year.
        if (!now.past && !now.forecast && !now.deadline && !now.carried && now.explicit_time && aimed && !issued_ && !span_) {
            carried_undated_ = true;
            carried_undated_offset_ = now.year_offset;
        }
        // In a report that is not a plan, a passage on a past year ("2023年,全省…。…新认定6家领军企业") ends the
        // aims stated before it: what follows without a time of its own reports results, until a time is stated again.
        if (!plan_document_ && now.past && now.past_year_heads) {
            carried_deadline_.reset();
            carried_undated_ = false;
        }
        // "力争每年新增600家以上,2023年底达到3900家": a yearly value without a stated span runs to the year the sentence states.
        if (!now.past && !now.carried && now.explicit_time && now.deadline) {
            for (const std::size_t r : sentence_rows) {
                auto& t = rows_[r].row.target;
                if (rows_[r].default_span && t.period_start && *t.period_start <= *now.deadline && t.deadline && *now.deadline < *t.deadline) t.deadline = now.deadline;
            }
        }
        // A 力争 value after a target of the same unit in the same sentence is that target's stretch:
        // "达到13%以上,力争实现14%", "新增50家,努力实现新增100家", "确保超过6000万元、争取7000万元".
        for (std::size_t r = 1; r < sentence_rows.size(); ++r) {
            auto& later = rows_[sentence_rows[r]];
            auto& earlier = rows_[sentence_rows[r - 1]];
            if (later.row.type != row_type::target || earlier.row.type != row_type::target) continue;
            if (!(later.aspirational && !earlier.aspirational) && !stretch_word_between(s, earlier.until, later.at)) continue;
            auto& a = earlier.row.target;
            const auto& b = later.row.target;
            const bool blanket_stretch = a.stretch && a.value && *a.stretch == *a.value;  // 力争 heading the whole sentence
            if (a.unit != b.unit || (a.stretch && !blanket_stretch) || !a.value || !b.value || *b.value < *a.value || a.kind != b.kind) continue;
            if (a.compare != comparator::at_least && a.compare != comparator::greater) continue;
            a.stretch = b.value;
            earlier.row.end = later.row.end;
            earlier.row.byte_end = later.row.byte_end;
            earlier.row.target.quote = std::string(text_.substr(earlier.row.byte_start, earlier.row.byte_end - earlier.row.byte_start));
            later.row.confidence = -1.0;  // merged: dropped in finish()
        }
    }

    /// True when a stretch word (力争, 争取, 努力) lies between two values, followed only by predicate words
    /// before the second ("新增50家,努力实现新增100家": the second value is the first one's stretch).
    static bool stretch_word_between(const text_run& s, std::size_t from, std::size_t to) {
        if (from >= to || to > s.size() || to - from > 16) return false;
        for (std::size_t j = from; j < to; ++j) {
            for (const auto& p : time_phrases()) {
                if (!(p.effect == time_effect::aspiration || p.marks_stretch) || !word_at(s, j, p.word)) continue;
                std::size_t k = j + p.word.size();
                for (bool more = true; more && k < to;) {
                    more = false;
                    for (const auto& v : predicates())
                        if (word_at(s, k, v.word)) { k += v.word.size(); more = true; break; }
                }
                if (k == to) return true;
            }
        }
        return false;
    }

    /// The quote of a clause: from its start (or the deadline clause just before it, "到2025年,") to its end.
    void set_quote(extracted_target& row, const text_run& s, std::size_t from, std::size_t to) {
        // Include a preceding clause that is only a time phrase.
        if (from >= 2) {
            const std::size_t prev_end = from - 1;
            std::size_t prev_begin = prev_end;
            while (prev_begin > 0 && prev_end - prev_begin <= 11 && s[prev_begin - 1].c != U',' && s[prev_begin - 1].c != U';' && s[prev_begin - 1].c != U':') --prev_begin;
            if (prev_begin > 0 && s[prev_begin - 1].c != U',' && s[prev_begin - 1].c != U';' && s[prev_begin - 1].c != U':') prev_begin = prev_end;  // too long to be a time phrase
            if (prev_end > prev_begin && prev_end - prev_begin <= 10) {
                const auto words = slice(s, prev_begin, prev_end);
                const bool time_only = (words.find(U"年") != std::u32string::npos || words.find(U"五") != std::u32string::npos) &&
                                       words.find_first_of(U"%家个项人名") == std::u32string::npos;
                if (time_only) from = prev_begin;
            }
        }
        while (to > from && (s[to - 1].c == U'。' || s[to - 1].c == U',' || s[to - 1].c == U';')) --to;
        if (to <= from) to = std::min(from + 1, s.size());
        row.start = s[from].index;
        row.end = s[to - 1].index + 1;
        row.byte_start = s[from].byte;
        row.byte_end = s[to - 1].byte + s[to - 1].size;
        row.target.quote = std::string(text_.substr(row.byte_start, row.byte_end - row.byte_start));
    }

    /// The catalogue id for an indicator text, or empty.
    std::string match(std::u32string_view indicator_text) const {
        const auto form = matching_form(indicator_text);
        for (const auto& [id, forms] : catalogue_) {
            for (const auto& f : forms) {
                if (form.find(f) != std::u32string::npos) return id;
            }
        }
        return {};
    }

    void set_indicator(raw_row& r, const std::u32string& text) {
        r.row.indicator_text = to_utf8(text);
        r.row.indicator_id = match(text);
        r.row.target.indicator = r.row.indicator_id.empty() ? to_utf8(matching_form(text)) : r.row.indicator_id;
    }

    /// In a plan every sentence aims at its span. A document that is not a plan (a news report, a work
    /// report: its span is assumed from its date) states targets with a time (到2025年, 今年, 每年), a
    /// deadline carried from an earlier sentence, or a commitment word (将, 确保, 目标, 力争); a figure
    /// with none of them ("新增科技企业10000多家" in a headline) reports a fact.
    /// A five-year plan opens with its preamble ("…,编制本规划。"), then reviews its base, then states its aims:
    /// after the preamble, figures before the first aim (到2030年, 力争, 目标, a dated heading) that have no time of
    /// their own report the base ("自主创新能力明显增强。…立项18项" in a review whose heading is lost).
    bool stated_or_committed(const time_context& now, bool yearly_or_aspired) const {
        return (plan_document_ && (goal_stated_ || !preamble_seen_)) || now.explicit_time || now.carried || yearly_or_aspired || sentence_committed_;
    }

    /// The span a span-kind target covers: the sentence's, else the document's, else its deadline alone;
    /// none when neither the sentence nor the document gives a time (an undated report).
    std::optional<period_span> span_for(const time_context& now) const {
        if (now.span) return *now.span;
        if (now.deadline && span_ && span_->contains(*now.deadline) && span_->first <= *now.deadline) return period_span{span_->first, *now.deadline};
        // "到2028年,累计…" in a document dated 2026 whose default span ends in 2030 or 2025: the stated deadline ends it.
        if (now.deadline && span_ && now.deadline->freq() == span_->first.freq() && span_->first <= *now.deadline) return period_span{span_->first, *now.deadline};
        if (now.deadline) return period_span{*now.deadline, *now.deadline};
        return span_;
    }

    /// The deadline of a row: the sentence's, else the end of the document's span; none when neither is known.
    std::optional<period> deadline_for(const time_context& now) const {
        if (now.deadline) return now.deadline;
        if (span_) return span_->last;
        return std::nullopt;
    }

    /// Sets a span-kind row's period_start and deadline from `span_for` (left empty when it gives none).
    void set_span(target& t, const time_context& now) const {
        if (const auto span = span_for(now)) {
            t.period_start = span->first;
            t.deadline = span->last;
        }
    }

    void quantity_row(const text_run& s, const quantity& q, const time_context& now, bool every_year, bool average,
                      std::size_t aspiration_at, std::size_t subject_from, std::size_t clause_begin, std::size_t clause_end,
                      bool distributive, std::vector<std::size_t>& sentence_rows) {
        const std::size_t n = s.size();
        clause_begin = near_before(clause_begin, q.begin);
        clause_end = near_after(clause_end, q.end);
        subject_from = std::max(subject_from, clause_begin);
        // "作为拥有四个GDP过万亿元城市的…": a clause introduced by 作为 describes what something is.
        if (word_at(s, clause_begin, U"作为")) return;
        // Ordinals (第3), ages (35岁以下) and attributes ("60万吨以下矿井": a qualifier followed by a noun)
        // describe things, they are not quantities to reach.
        if (q.begin > 0 && (s[q.begin - 1].c == U'第' || (s[q.begin - 1].c == U'前' && !q.rank))) return;
        std::size_t after = q.end;
        std::optional<comparator> qualifier;
        bool about = false, band = false;
        for (const auto& w : qualifiers()) {
            if (word_at(s, after, w.word)) {
                qualifier = w.compare;
                after += w.word.size();
                break;
            }
        }
        if (qualifier == comparator::about) about = true;
        if (qualifier == comparator::within) band = true;
        bool eliminate = false, attribute = false;
        if (qualifier && qualifier != comparator::about && after < n) {
            const char32_t next = s[after].c;
            const bool ends = next == U',' || next == U';' || next == U'。' || next == U':' || next == U')' || next == U'、' ||
                              next == U'和' || next == U',' || next == U'!' || next == U'?';
            // "淘汰60万吨以下矿井": once everything below the threshold is closed, what remains is at least it.
            eliminate = qualifier == comparator::at_most && rfind_word(s, clause_begin, q.begin, U"淘汰") != npos;
            attribute = !ends && !eliminate;
        }
        // "打造千亿级产业集群": a class used as an attribute.
        if (q.scale_class && !qualifier && after < n && !(s[after].c == U',' || s[after].c == U'。' || s[after].c == U';')) return;
        // A single Chinese 一 ("一项重要举措", "一个平台") is an article, not a count.
        if (q.chinese && q.value == 1.0 && !q.high && q.end - q.begin <= 2) return;
        // 预计…可达: an expectation; but "有望完成新增500家的目标任务" names the target whose completion it expects.
        if (now.forecast && !(word_at(s, after, U"的目标") || word_at(s, after, U"目标"))) return;
        // "提前3个月": a duration.
        if (q.unit == U"个" && after < n && (s[after].c == U'月' || word_at(s, after, U"工作日"))) return;
        // "从41.2%提高到48%", "由2020年的10%提高到15%": the first number is where the target starts from.
        if (const std::size_t from_at = std::max(clause_begin, q.begin > 12 ? q.begin - 12 : 0);
            rfind_word(s, from_at, q.begin, U"从") != npos || rfind_word(s, from_at, q.begin, U"由") != npos) {
            // The level_to word follows the number, or the rest of its phrase ("从目前的平均每45万人拥有一个…场馆提升到42万人").
            const predicate* next = nullptr;
            for (std::size_t j = after; j < clause_end && j < after + 24 && next == nullptr; ++j) {
                if (is_ascii_digit(s[j].c)) break;  // another number: its own phrase
                for (const auto& p : predicates()) {
                    if (word_at(s, j, p.word) && (p.marks & mark::level_to) != 0 && (!next || p.word.size() > next->word.size())) next = &p;
                }
            }
            if (next != nullptr) {
                const std::optional<period> when = sentence_base_year_ ? std::optional<period>(period::year(*sentence_base_year_))
                                                   : span_ ? std::optional<period>(span_->first - 1) : std::nullopt;
                if (!when) return;
                raw_row r;
                auto& row = r.row;
                r.year_offset = now.year_offset;
                auto& t = row.target;
                t.region = options_.default_region;
                t.document = options_.document;
                t.unit = to_utf8(q.unit);
                set_quote(row, s, clause_begin, clause_end);
                std::size_t subject_at = rfind_word(s, from_at, q.begin, U"从");
                if (subject_at == npos) subject_at = rfind_word(s, from_at, q.begin, U"由");
                set_indicator(r, strip_subject(slice(s, std::max(subject_from, clause_begin), subject_at)));
                row.type = row_type::baseline;
                t.kind = target_kind::level;
                t.deadline = when;
                t.value = q.value;
                r.explicit_year = sentence_base_year_.has_value();
                row.confidence = confidence(confidence_weights{}, r.explicit_year, true, !row.indicator_id.empty(), !q.chinese);
                push(std::move(r), sentence_rows);
                return;
            }
        }

        // The verb closest before the number in its clause.
        std::size_t verb_at = npos;
        const predicate* verb = nullptr;
        bool activity_in_clause = false;  // "提供不少于100亿元融资支持": the activity is the comparator's verb
        bool object_verb_in_clause = false;
        for (const auto& v : predicates()) {
            auto at = rfind_word(s, clause_begin, q.begin, v.word);
            if (at != npos && at >= verb_consumed_until_ && (v.marks & mark::activity) != 0) activity_in_clause = true;
            if (at != npos && at >= verb_consumed_until_ && (v.marks & mark::takes_object) != 0) object_verb_in_clause = true;
            // "增加值", "增长率": the word is part of a noun there.
            while (at != npos && !v.noun_after.empty() && at + v.word.size() < n && v.noun_after.find(s[at + v.word.size()].c) != std::u32string_view::npos)
                at = rfind_word(s, clause_begin, at + v.word.size() - 1, v.word);
            // The one ending last; on a tie the longer (不超过 over 超过).
            if (at != npos && at < verb_consumed_until_) at = npos;
            if (at != npos && (verb_at == npos || at + v.word.size() > verb_at + verb->word.size() ||
                               (at + v.word.size() == verb_at + verb->word.size() && v.word.size() > verb->word.size()))) {
                verb_at = at;
                verb = &v;
            }
        }
        // "N以上 X" is an attribute of X ("30万吨以下企业"), except right after a verb taking an object:
        // "选派50名以上科技特派员" counts the objects.
        // "90%以上的研发机构设立在企业": a share of the things named after it.
        const bool share_of = q.unit == U"%" && qualifier == comparator::at_least && after < n && s[after].c == U'的';
        // "推动250家以上传统企业转变为高新企业": the count of things made into others (a conversion word after the
        // noun, before any other number) is a flow, whatever verb of causing comes before it.
        bool conversion = false;
        if (q.unit != U"%" && !q.rank) {
            for (std::size_t j = after; j < clause_end && j < after + 24 && !conversion; ++j) {
                if (is_ascii_digit(s[j].c)) break;
                conversion = !first_word_at(s, j, conversion_words()).empty();
            }
        }
        if (attribute && !share_of && !conversion && !(verb != nullptr && (verb->marks & mark::takes_object) != 0 && qualifier == comparator::at_least)) {
            return;
        }
        // "营业收入超1亿元的高新技术企业487家": an amount followed by 的 is a class threshold.
        // Its predicate (超) belongs to the threshold, not to the count after the noun.
        if (!qualifier && after < n && s[after].c == U'的' && (q.unit == U"亿元" || q.unit == U"万元" || q.unit == U"万亿元")) {
            verb_consumed_until_ = after;
            return;
        }
        // "实施五项重点工程", "十个方面的目标": counts of a document's own parts.
        if (!qualifier && !every_year && (q.unit == U"项" || q.unit == U"个" || q.unit == U"条")) {
            std::size_t j = q.end;
            while (j < n && j < q.end + 8 && s[j].c != U',' && s[j].c != U'。' && s[j].c != U';' && s[j].c != U'、' && s[j].c != U'和') ++j;
            for (const std::u32string_view w : {U"方面", U"行动", U"工程", U"措施", U"任务", U"举措", U"工作", U"领域", U"板块", U"专项"}) {
                if (find_word(s, q.end, j, w) != npos) return;
            }
        }
        // A clause without a verb continues the list of the clause before ("建成…基地15个,微型科技馆5家").
        bool inherited = false;
        if (verb == nullptr && sentence_verb_ != nullptr) {
            verb = sentence_verb_;
            inherited = true;
        }
        // "81家中小型示范企业新增…", "3个省实验室高效运行": a count before its noun, with no verb taking it as
        // an object, is part of a subject.
        if (!now.past && !qualifier && !q.rank && !conversion && q.unit != U"%" && after < n && is_ideograph(s[after].c) && !starts_predicate(s, after) &&
            !(verb != nullptr && !inherited && ((verb->marks & mark::takes_object) != 0 || object_verb_in_clause))) {
            return;
        }
        // "增长了56.7%", "提出了18项": a verb with 了 reports what was done.
        // (In a sentence already in the past the figure stays a baseline.)
        if (!now.past && verb != nullptr && !inherited && verb_at + verb->word.size() < n && s[verb_at + verb->word.size()].c == U'了') return;
        for (std::size_t j = std::max(clause_begin, q.begin > 6 ? q.begin - 6 : 0); j < q.begin && !now.past; ++j) {
            // "提出了18项措施" (not 为了, 了解).
            if (s[j].c == U'了' && !(j > 0 && s[j - 1].c == U'为') && !(j + 1 < n && s[j + 1].c == U'解')) return;
        }
        const bool has_time = now.explicit_time || every_year || average;
        const bool committed = verb != nullptr || qualifier.has_value();
        raw_row r;
        auto& row = r.row;
        r.year_offset = now.year_offset;
        auto& t = row.target;
        t.region = options_.default_region;
        t.document = options_.document;
        t.unit = to_utf8(q.unit);
        set_quote(row, s, clause_begin, clause_end);

        // Indicator: for a verb of state (达到, 突破, 增长) the words before it ("高新技术企业达到6家"); for a
        // verb that takes an object (建成, 开展, 培育) the words between it and the number ("建成…基地15个");
        // else the noun phrase after the unit ("培育2—3家成长性较好的高新技术企业").
        const bool has_verb_here = verb != nullptr && !inherited && verb_at != npos && verb_at >= subject_from;
        const std::size_t subject_end = has_verb_here ? verb_at : q.begin;
        const std::u32string raw_subject = slice(s, subject_from, subject_end);
        std::u32string before = strip_subject(raw_subject);
        // "培养、引进1—3名": the words before are another verb of a list, not a subject.
        if (!raw_subject.empty() && (raw_subject.back() == U'、' || is_verb(before))) before.clear();
        std::u32string object;
        if (has_verb_here && verb_at + verb->word.size() < q.begin) object = strip_subject(slice(s, verb_at + verb->word.size(), q.begin));
        const bool takes_object = has_verb_here && (verb->marks & mark::takes_object) != 0;
        std::u32string subject = takes_object ? (object.size() >= 2 ? object : before) : (before.size() >= 2 ? before : object);
        if (subject.size() < 2) {
            std::size_t j = after;
            while (j < n && j < clause_end && s[j].c != U'和') ++j;
            subject = strip_subject(slice(s, after, j));
        }
        if (distributive) {
            // "小麦、玉米(含制种玉米)种植面积分别稳定在5万亩和15万亩以上": item i of the list with the shared tail.
            const std::u32string whole = strip_subject(slice(s, clause_begin, rfind_word(s, clause_begin, q.begin, U"分别") == npos ? q.begin : rfind_word(s, clause_begin, q.begin, U"分别")));
            std::vector<std::u32string> items;
            std::u32string cur;
            int depth = 0;
            for (const char32_t ch : whole) {
                if (ch == U'(') ++depth;
                if (ch == U')' && depth > 0) --depth;
                if (ch == U'、' && depth == 0) { items.push_back(cur); cur.clear(); continue; }
                cur.push_back(ch);
            }
            items.push_back(cur);
            std::size_t ordinal = 0;
            for (auto k = sentence_rows.rbegin(); k != sentence_rows.rend() && rows_[*k].row.start == row.start; ++k) ++ordinal;
            if (items.size() >= 2 && ordinal < items.size()) {
                // The shared tail: from the first attribute word of the last item ("向日葵种植面积" → "种植面积"),
                // else the part beyond the first item's length (names of equal length: "小麦、玉米种植面积").
                const auto last_plain = matching_form(items.back());
                const auto first_plain = matching_form(items.front());
                std::size_t tail_at = last_plain.size() > first_plain.size() ? first_plain.size() : last_plain.size();
                for (const std::u32string_view w : {U"种植面积", U"播种面积", U"面积", U"产量", U"数量", U"比例", U"比重", U"占比", U"产值", U"收入",
                                                    U"规模", U"覆盖率", U"率"}) {
                    const auto p = last_plain.find(w);
                    if (p != std::u32string::npos && p > 0) { tail_at = p; break; }
                }
                const std::u32string tail = last_plain.substr(tail_at);
                subject = ordinal + 1 < items.size() ? items[ordinal] + tail : items.back();
            }
        }
        set_indicator(r, subject);

        if (now.past) {
            // A figure reached: a baseline, when the sentence or section says when.
            std::optional<period> when = now.deadline ? now.deadline : past_section_period_;
            if (!when || q.high) return;
            if (!now.deadline && !past_section_period_) return;
            row.type = row_type::baseline;
            t.kind = target_kind::level;
            t.deadline = when;
            t.value = q.value;
            r.explicit_year = now.explicit_time;
            row.confidence = confidence(confidence_weights{}, now.explicit_time, verb != nullptr, !row.indicator_id.empty(), !q.chinese);
            push(std::move(r), sentence_rows);
            return;
        }
        if (!has_time && !committed) return;
        // Structure counts ("提出6项主要目标") carry no verb of their own: keep only what a verb commits.
        if (!has_time && verb == nullptr) return;
        if (!stated_or_committed(now, every_year || average || aspiration_at != npos)) return;

        // Kind.
        const bool percent = q.unit == U"%";
        const bool points = q.unit == U"个百分点" || q.unit == U"百分点";
        std::uint32_t marks = verb ? verb->marks : 0;
        // Verbs listed with 、 share their object ("引进、培育100家以上高新企业"): the marks of both hold.
        // (Only for a verb of this clause: an inherited verb has no position here, verb_at == npos.)
        if (verb && !inherited && verb_at != npos && verb_at >= 2 && s[verb_at - 1].c == U'、') {
            for (const auto& v : predicates())
                if (verb_at - 1 >= v.word.size() && word_at(s, verb_at - 1 - v.word.size(), v.word)) marks |= v.marks & mark::activity;
        }
        // A comparator (不少于, 达到) after an activity verb in the clause counts what the activity does.
        if (verb && verb->compare && verb->marks == 0 && activity_in_clause) marks |= mark::activity;
        // An item continuing a list ("…,同比增长33.3%;销售收入470亿元") takes the verb's commitment, not its change.
        if (inherited) marks &= ~(mark::change | mark::fall | mark::increment);
        if (conversion) marks = (marks & ~(mark::change | mark::fall | mark::increment | mark::level_to)) | mark::activity;
        // "新认定…50个", "新落地1个": what is new is an addition.
        if (verb && !inherited && verb_at != npos && verb_at > 0 && s[verb_at - 1].c == U'新') marks |= mark::increment;
        // "新建项目100%开工": a percentage after the object of a verb of adding is a share of the things added (a
        // level), not an addition.
        if (q.unit == U"%" && takes_object && object.size() >= 2) marks &= ~mark::increment;
        // "年均增速高于9%", "增长率达到10%": a rate named by its noun, compared by a verb of state.
        // "年均增长不低于15%": 增长 before the comparator.
        const bool rate_noun = percent && (rfind_word(s, clause_begin, q.begin, U"增速") != npos || rfind_word(s, clause_begin, q.begin, U"增长率") != npos ||
                                           rfind_word(s, clause_begin, q.begin, U"增幅") != npos || rfind_word(s, clause_begin, q.begin, U"增长") != npos);
        const bool growth_verb = (marks & mark::change) != 0 || ((marks & mark::level_to) == 0 && rate_noun);
        const bool fall_verb = (marks & mark::fall) != 0;
        t.deadline = deadline_for(now);
        if (average && (percent && (growth_verb || fall_verb))) {
            t.kind = target_kind::average_growth;
            set_span(t, now);
        } else if (percent && (growth_verb || fall_verb)) {
            t.kind = target_kind::growth;
            if (now.span) t.period_start = now.span->first;
        } else if ((every_year && !points) || (marks & mark::per_period) != 0) {
            t.kind = target_kind::per_period;
            set_span(t, now);
        } else if (points || (growth_verb && !percent) || (marks & mark::increment) != 0 || fall_verb) {
            t.kind = target_kind::increment;
            if (now.span) t.period_start = now.span->first;
        } else if ((marks & mark::cumulative) != 0 || rfind_word(s, clause_begin, q.begin, U"累计") != npos) {
            t.kind = target_kind::cumulative;
            set_span(t, now);
        } else if (is_event_unit(q.unit) || (marks & mark::activity) != 0) {
            // Activities add up over their span: the plan's, or the one year a work report states.
            t.kind = target_kind::cumulative;
            set_span(t, now);
        } else {
            t.kind = target_kind::level;
        }
        const bool rate = t.kind == target_kind::growth || t.kind == target_kind::average_growth;
        const double scale = rate ? 0.01 : 1.0;
        // "下降5%", "减少20家": the change is at most −5%, −20.
        const bool downwards = fall_verb && (rate || t.kind == target_kind::increment);
        const double sign = downwards ? -1.0 : 1.0;
        t.value = sign * q.value * scale;
        if (rate) t.unit.clear();

        // Comparator.
        if (q.rank) {
            t.compare = comparator::at_most;
        } else if (about || (verb && verb->compare == comparator::about && !q.high)) {
            t.compare = comparator::about;
            t.tolerance = options_.about_tolerance;
            t.tolerance_relative = true;
        } else if (q.high && (band || (marks & mark::band) != 0)) {
            t.compare = comparator::within;
            t.value_high = *q.high * scale;
        } else if (q.high) {
            // "培育2—3家": reach the lower end, the upper end is the aspiration.
            t.compare = comparator::at_least;
            t.stretch = *q.high * scale;
        } else if (eliminate) {
            t.compare = comparator::at_least;
        } else if (qualifier == comparator::at_most || (verb && verb->compare == comparator::at_most)) {
            t.compare = comparator::at_most;
        } else if (verb && verb->compare == comparator::greater && qualifier != comparator::at_least) {
            t.compare = comparator::greater;
        } else {
            t.compare = comparator::at_least;
        }
        if (downwards) t.compare = comparator::at_most;
        r.aspirational = aspiration_at != npos && aspiration_at < q.begin;
        r.at = q.begin;
        r.until = q.end;
        r.default_span = t.kind == target_kind::per_period && !now.span && !now.explicit_time && !now.carried;
        if (r.aspirational && !t.stretch && (t.compare == comparator::at_least || t.compare == comparator::greater)) t.stretch = t.value;
        row.confidence = confidence(confidence_weights{}, (now.explicit_time || every_year || average) && t.deadline.has_value(), committed, !row.indicator_id.empty(), !q.chinese);
        if (!inherited) sentence_verb_ = verb;
        if (rate && !distributive) push_each(std::move(r), sentence_rows);
        else push(std::move(r), sentence_rows);
    }

    /// Rows without a number of their own: 翻一番 (relative, `value` the factor) and 只增不减/逐年增长
    /// (non_decreasing; `value` 1 means strictly rising).
    void wordless_row(const text_run& s, std::size_t at, const time_context& now, std::size_t clause_begin,
                      std::size_t clause_end, std::size_t last_time_end, target_kind kind, double value, std::vector<std::size_t>& sentence_rows) {
        if (now.past || now.forecast) return;
        if (!stated_or_committed(now, false)) return;
        clause_begin = near_before(clause_begin, at);
        clause_end = near_after(clause_end, at);
        raw_row r;
        auto& row = r.row;
        r.year_offset = now.year_offset;
        auto& t = row.target;
        t.region = options_.default_region;
        t.document = options_.document;
        t.kind = kind;
        set_quote(row, s, clause_begin, clause_end);
        std::size_t subject_from = std::max(clause_begin, last_time_end);
        std::size_t subject_end = at;
        if (kind == target_kind::relative) {
            // "较“十三五”末翻一番", "比2020年翻一番": the base period.
            std::size_t base_at = rfind_word(s, clause_begin, at, U"较");
            if (base_at == npos) base_at = rfind_word(s, clause_begin, at, U"比");
            if (base_at != npos) {
                subject_end = base_at;
                for (std::size_t j = base_at + 1; j < at; ++j) {
                    std::size_t p = j;
                    if (s[p].c == U'“' || s[p].c == U'"') ++p;
                    if (const auto plan = plan_at(s, p)) {
                        t.baseline_period = five_year_plan_number(plan->first).years.last;
                        break;
                    }
                    if (const auto y = year_at(s, j)) {
                        t.baseline_period = period::year(*y);
                        break;
                    }
                }
            }
            t.value = value;
            t.deadline = deadline_for(now);
            if (!t.baseline_period && sentence_base_year_) t.baseline_period = period::year(*sentence_base_year_);
            if (!t.baseline_period && (now.span || span_ || t.deadline)) t.baseline_period = (now.span ? now.span->first : span_ ? span_->first : *t.deadline) - 1;
        } else {
            // "确保财政科技投入只增不减", "建立财政科技投入逐年增长的机制", "确保…投入实现法定增长".
            for (const std::u32string_view w : {U"确保", U"建立"}) {
                const auto p = rfind_word(s, subject_from, at, w);
                if (p != npos) subject_from = std::max(subject_from, p + w.size());
            }
            for (const std::u32string_view w : {U"实现", U"保持", U"的"}) {
                if (subject_end >= subject_from + w.size() && word_at(s, subject_end - w.size(), w)) subject_end -= w.size();
            }
            t.compare = value > 0.5 ? comparator::greater : comparator::at_least;
            set_span(t, now);
        }
        set_indicator(r, strip_subject(slice(s, subject_from, subject_end)));
        row.confidence = confidence(confidence_weights{}, now.explicit_time && t.deadline.has_value(), true, !row.indicator_id.empty(), true);
        push_each(std::move(r), sentence_rows);
    }

    /// Pushes one row per item when its indicator is a list sharing the predicate ("甲、乙实现翻番",
    /// "A和B数量稳步增长", "利用外资、引进内资增长15%"): items split at 、, 和, 及 outside brackets and quotes.
    /// A direction (trend) row splits at 、 only ("我国技术和技术产品出口" is one thing); a subject holding a
    /// verb names actors, not indicators ("支持科研院所、高等学校开展…行动"), and is not split.
    void push_each(raw_row&& r, std::vector<std::size_t>& sentence_rows) {
        const auto whole = from_utf8(r.row.indicator_text);
        const bool trend = r.row.target.kind == target_kind::trend;
        bool has_verb = false;
        for (const std::u32string_view w : {U"开展", U"支持", U"引导", U"鼓励", U"落实", U"实施", U"推动", U"加大"})
            has_verb = has_verb || whole.find(w) != std::u32string::npos;
        std::vector<std::u32string> items;
        std::u32string current;
        int depth = 0;
        bool quoted = false;
        for (const char32_t ch : whole) {
            if (ch == U'(' || ch == U'《') ++depth;
            if ((ch == U')' || ch == U'》') && depth > 0) --depth;
            if (ch == U'“') quoted = true;
            if (ch == U'”') quoted = false;
            if (depth == 0 && !quoted && (ch == U'、' || (!trend && (ch == U'和' || ch == U'及')))) {
                items.push_back(current);
                current.clear();
                continue;
            }
            current.push_back(ch);
        }
        items.push_back(current);
        bool all_named = items.size() >= 2 && items.size() <= 8 && !has_verb;
        for (const auto& item : items) all_named = all_named && item.size() >= 2;
        if (!all_named) {
            push(std::move(r), sentence_rows);
            return;
        }
        for (const auto& item : items) {
            raw_row copy = r;
            set_indicator(copy, strip_subject(item));
            push(std::move(copy), sentence_rows);
        }
    }

    /// A direction target without a number (kind trend): a direction word applied to a named measurable
    /// quantity — 逐步增加…, 加大/增加 financial input (财政…, …经费, …资金), 扩大/拓展…规模, 壮大…群体/队伍,
    /// 提高…比例, …快速增长/稳步增长, 消除… (downwards). Returns the length of the word read, 0 when none.
    /// Encouragement of others (鼓励/引导/支持/指导 before the word), qualitative aims (能力, 水平, 素质, 环境,
    /// 质量, 意识, 效率, 范围), the intensity of an activity (…力度 other than 投入力度), measure titles
    /// ("(五)壮大…") and the past are not direction targets.
    std::size_t direction_row(const text_run& s, std::size_t k, const time_context& now, std::size_t clause_begin, std::size_t clause_end,
                              std::vector<std::size_t>& sentence_rows) {
        static const std::u32string_view words[] = {U"逐步增加", U"大幅度增加", U"快速增长", U"稳步增长", U"稳步提高", U"稳步提升", U"持续提升", U"全覆盖",
                                                    U"提升", U"增加", U"加大", U"扩大", U"拓展",
                                                    U"壮大", U"提高", U"消除"};
        const std::u32string_view word = first_word_at(s, k, words);
        if (word.empty()) return 0;
        const std::size_t used = word.size();
        if (now.past || now.forecast || !stated_or_committed(now, false)) return used;
        clause_begin = near_before(clause_begin, k);
        clause_end = near_after(clause_end, k + used);
        if (!s.empty() && s[0].c == U'(' && s.size() > 1 && is_chinese_numeral_char(s[1].c)) return used;  // a measure title
        for (const std::u32string_view w : {U"鼓励", U"引导", U"支持", U"指导"}) {
            if (rfind_word(s, clause_begin, k, w) != npos) return used;
        }
        // Words after their subject: "…投入规模稳步提高", "…拥有量持续提升", "…实现研发机构全覆盖"; 提升/提高 of a
        // share at the end of its clause ("企业研发经费支出占比提升").
        const bool at_clause_end = k + used >= clause_end || s[k + used].c == U',' || s[k + used].c == U'。' || s[k + used].c == U';';
        const bool share_word = (word == U"提升" || word == U"提高") && at_clause_end && k >= 2 &&
                                (word_at(s, k - 2, U"占比") || word_at(s, k - 2, U"比重") || word_at(s, k - 2, U"比例"));
        if (word == U"提升" && !share_word) return used;
        const bool rising_word = word == U"快速增长" || word == U"稳步增长" || word == U"稳步提高" || word == U"稳步提升" || word == U"持续提升" ||
                                 word == U"全覆盖" || share_word;
        std::u32string object;
        if (rising_word) {
            std::size_t from = clause_begin;
            for (const std::u32string_view w : {U"实现", U"促进", U"推动", U"保持"}) {
                const auto p = rfind_word(s, clause_begin, k, w);
                if (p != npos) from = std::max(from, p + w.size());
            }
            object = strip_subject(slice(s, from, k));
        } else {
            object = strip_subject(slice(s, k + used, clause_end));
        }
        if (object.size() < 2) return used;
        for (const char32_t ch : object)
            if (is_ascii_digit(ch)) return used;  // a number: read as a quantity
        for (const std::u32string_view w : {U"能力", U"水平", U"素质", U"环境", U"质量", U"意识", U"效率", U"范围", U"实力", U"活力", U"竞争力", U"影响力", U"动力", U"效能", U"效益", U"生态",
                                            U"体系", U"机制", U"氛围", U"成效", U"地位"}) {
            if (object.find(w) != std::u32string::npos) return used;
        }
        const auto ends = [&](std::u32string_view w) { return object.size() >= w.size() && object.compare(object.size() - w.size(), w.size(), w) == 0; };
        const auto has = [&](std::u32string_view w) { return object.find(w) != std::u32string::npos; };
        if (ends(U"力度") && !ends(U"投入力度")) return used;
        bool accept = false;
        if (word == U"逐步增加" || rising_word || word == U"消除") accept = true;
        if (word == U"提高" && share_word) accept = true;
        else if (word == U"增加" || word == U"加大" || word == U"大幅度增加") accept = has(U"财政") || has(U"经费") || ends(U"资金") || ends(U"基金");
        else if (word == U"扩大" || word == U"拓展") accept = ends(U"规模");
        else if (word == U"壮大") accept = ends(U"群体") || ends(U"队伍");
        else if (word == U"提高") accept = has(U"比例") || has(U"比重") || has(U"占比");
        if (!accept) return used;
        raw_row r;
        auto& row = r.row;
        r.year_offset = now.year_offset;
        auto& t = row.target;
        t.region = options_.default_region;
        t.document = options_.document;
        t.kind = target_kind::trend;
        t.compare = word == U"消除" ? comparator::at_most : comparator::at_least;
        set_span(t, now);
        set_quote(row, s, clause_begin, clause_end);
        set_indicator(r, object);
        row.confidence = confidence(confidence_weights{}, now.explicit_time && t.deadline.has_value(), false, !row.indicator_id.empty(), false);
        push_each(std::move(r), sentence_rows);
        return used;
    }

    void push(raw_row&& r, std::vector<std::size_t>& sentence_rows) {
        r.sentence = sentence_count_;
        rows_.push_back(std::move(r));
        sentence_rows.push_back(rows_.size() - 1);
        pending_.push_back(rows_.size() - 1);
    }

    /// Drops merged and invalid rows and repeats, links baselines to targets, numbers the rows.
    std::vector<extracted_target> finish() {
        std::vector<extracted_target> out;
        std::unordered_map<std::string, std::size_t> seen;
        // Baselines by indicator id: the last one with a stated year wins over one read from a section.
        struct base_figure {
            period at;
            double value;
            std::string unit;
            bool explicit_year;
        };
        std::unordered_map<std::string, base_figure> baselines;
        for (const auto& r : rows_) {
            const auto& t = r.row.target;
            // Only figures whose sentence states the year: a section's default year is too loose to measure from.
            if (r.row.type != row_type::baseline || r.row.indicator_id.empty() || r.row.confidence < 0 || !t.deadline || !t.value || !r.explicit_year) continue;
            const auto found = baselines.find(r.row.indicator_id);
            if (found == baselines.end() || r.explicit_year || !found->second.explicit_year) {
                baselines.insert_or_assign(r.row.indicator_id, base_figure{*t.deadline, *t.value, t.unit, r.explicit_year});
            }
        }
        std::size_t targets = 0, observed = 0;
        for (auto& r : rows_) {
            if (r.row.confidence < 0) continue;
            auto& t = r.row.target;
            if (r.row.type == row_type::target) {
                const auto found = r.row.indicator_id.empty() ? baselines.end() : baselines.find(r.row.indicator_id);
                if (found != baselines.end() && found->second.unit == t.unit && t.deadline && !t.baseline_period) {
                    const auto& base = found->second;
                    const bool level = t.kind == target_kind::level;
                    if (base.at.freq() == t.deadline->freq() && base.at < *t.deadline && (level || t.base_period() == base.at) &&
                        (!t.period_start || base.at < *t.period_start)) {
                        t.baseline_period = base.at;
                        t.baseline_value = base.value;
                    }
                }
                try {
                    validate_once_dated(t);
                } catch (const error&) {
                    continue;  // a reading that does not make a well-formed target is not proposed
                }
                if (!t.deadline) r.row.note = undated_note(r.year_offset);
            }
            // One row per statement: a plan that repeats a target gets the first statement only.
            // A free-text indicator is compared by its last two characters, the head noun ("…科技创新人才" and
            // "…高水平的科技人才" are both 人才): restatements word the modifiers differently.
            std::string head = t.indicator;
            if (r.row.indicator_id.empty()) {
                const auto form = from_utf8(t.indicator);
                head = to_utf8(form.size() > 2 ? form.substr(form.size() - 2) : form);
            }
            const std::string key = to_string(r.row.type) + "|" + head + "|" + to_string(t.kind) + "|" + to_string(t.compare) + "|" +
                                    (t.value ? format_number(*t.value) : "") + "|" + (t.value_high ? format_number(*t.value_high) : "") + "|" +
                                    t.unit + "|" +
                                    // An undated row: its year relative to the document's (今年 and 明年 are two targets).
                                    (t.deadline ? t.deadline->to_string() : r.year_offset ? "+" + std::to_string(*r.year_offset) : std::string("?")) + "|" +
                                    (t.period_start ? t.period_start->to_string() : "");
            if (!seen.emplace(key, out.size()).second && options_.merge_repeats) continue;
            char number[16];
            if (r.row.type == row_type::target) {
                std::snprintf(number, sizeof number, "%02zu", ++targets);
                t.id = options_.id_prefix + "-" + number;
            } else {
                std::snprintf(number, sizeof number, "b%02zu", ++observed);
                t.id = options_.id_prefix + "-" + number;
            }
            out.push_back(std::move(r.row));
        }
        return out;
    }

    std::string_view text_;
    const extract_options& options_;
    std::optional<period_span> span_;
    std::optional<int> issued_;
    std::vector<std::pair<std::string, std::vector<std::u32string>>> catalogue_;
    std::vector<raw_row> rows_;
    std::vector<std::size_t> pending_;  ///< rows on the current line not yet closed by a responsibility block
    bool past_section_ = false;
    std::optional<period> past_section_period_;
    const predicate* sentence_verb_ = nullptr;
    std::optional<period> paragraph_year_;   ///< the year a paragraph reporting the past is about (2024年…成果丰硕)
    bool preamble_seen_ = false;             ///< a plan's preamble ended (…编制本规划): its review comes before its aims
    bool goal_stated_ = false;               ///< the text has stated an aim (see stated_or_committed)
    bool plan_document_ = false;             ///< the span is the plan's (given, or from a title), not assumed from a date
    bool sentence_committed_ = false;        ///< the sentence holds a commitment word (将, 确保, 目标, 力争 …)
    std::size_t verb_consumed_until_ = 0;    ///< predicates ending before this point governed a class threshold (超1亿元的)
    std::optional<int> sentence_base_year_;  ///< the base year the current sentence names (在2020年基础上)
    std::optional<period> carried_deadline_;  ///< the last future deadline stated, for the sentences after it
    bool carried_undated_ = false;            ///< instead, a time stated without its year (全年 in an undated report)
    std::optional<int> carried_undated_offset_;  ///< its year relative to the document's, when stated (全年 0, 明年 1)
    bool paragraph_past_ = false;             ///< the paragraph so far reports the past (去年…, 过去五年…)  ///< the verb of the sentence's last target row
    std::size_t sentence_count_ = 0;
};

/// The byte offset of the first byte that is not well-formed UTF-8, or npos.
inline std::size_t first_invalid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto d = decode_utf8(text, i);
        if (d.size == 0) return i;
        i += d.size;
    }
    return std::string_view::npos;
}

}  // namespace detail

/// Proposes the targets and baseline figures a Chinese plan text states, in text order, for review.
///
/// Each row carries a well-formed `target` (targets rows pass `target::validate()`), its quote and
/// where it is, and a confidence (see `extracted_target::confidence`). A target whose year the text does
/// not give (no date, no plan span, none in `options`) is kept for review without a deadline: it passes
/// `validate()` once its period is filled in, and its `note` says what to fill in. Text that states no targets
/// (prose, English, an empty string) gives no rows. Runs in time linear in the text's length.
///
/// Throws `parse_error` (field "text", naming the byte offset) when `text` is not well-formed UTF-8:
/// offsets into a text that cannot be decoded would mean nothing, so the text is rejected, not skipped.
inline std::vector<extracted_target> extract_targets(std::string_view text, const extract_options& options = {}) {
    if (const auto bad = detail::first_invalid_utf8(text); bad != std::string_view::npos) {
        throw parse_error("text", "", "not valid UTF-8 at byte offset " + std::to_string(bad));
    }
    // Skip a byte-order mark: it is not part of the text's first sentence.
    return detail::extractor(text, options).run();
}

}  // namespace ontrack
