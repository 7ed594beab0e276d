// Text pieces of the plan-text extractor (extraction.hpp): a sentence as normalised code points with
// their positions in the original text, word matching on it, and the reading of
// responsibility blocks (〔牵头单位:…;责任单位:…〕, (…牵头,…参加)).
#pragma once

#include <ontrack/detail/zh_numerals.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack::detail {

/// One code point of a sentence after normalisation, with where it came from: `byte` and `index` are
/// its byte and code point offsets in the whole text, `size` its length in bytes there.
struct text_char {
    char32_t c;
    std::size_t byte;
    std::size_t index;
    unsigned size;
};

using text_run = std::vector<text_char>;

/// Full-width ASCII forms (０-９, ％, （, ）, ，, ；, ：, ．) become ASCII so that one set of patterns reads
/// text typed with either input mode; dash variants stay as they are (they are ranges, handled apart).
inline char32_t normalise_char(char32_t c) noexcept {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
    if (c == U'（') return U'(';
    if (c == U'）') return U')';
    return c;
}

/// White space the extractor skips (and the byte-order mark): plan texts put ASCII and ideographic spaces inside numbers and
/// phrases ("新增 2 家", "到 2025 年").
inline bool is_skipped_space(char32_t c) noexcept {
    return c == U' ' || c == U'\t' || c == U'\r' || c == U'\f' || c == U'\v' || c == 0x3000 || c == 0x00A0 || c == 0xFEFF;
}

/// True when `word` occurs in `s` at `at`.
inline bool word_at(const text_run& s, std::size_t at, std::u32string_view word) noexcept {
    if (at + word.size() > s.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (s[at + k].c != word[k]) return false;
    return true;
}

/// The first of `words` that occurs in `s` at `at` (a list in the order it is to be tried, longer words
/// first where one begins another); empty when none does.
template <class Words>
std::u32string_view first_word_at(const text_run& s, std::size_t at, const Words& words) noexcept {
    for (const std::u32string_view w : words)
        if (word_at(s, at, w)) return w;
    return {};
}

/// Position of the last occurrence of `word` that starts in [from, to) and ends by `to`; npos if none.
inline std::size_t rfind_word(const text_run& s, std::size_t from, std::size_t to, std::u32string_view word) noexcept {
    if (word.empty() || to < from + word.size()) return std::u32string_view::npos;
    for (std::size_t at = to - word.size() + 1; at-- > from;) {
        if (s[at].c == word[0] && word_at(s, at, word)) return at;
    }
    return std::u32string_view::npos;
}

/// Position of the first occurrence of `word` within [from, to); npos if none.
inline std::size_t find_word(const text_run& s, std::size_t from, std::size_t to, std::u32string_view word) noexcept {
    if (word.empty()) return std::u32string_view::npos;
    for (std::size_t at = from; at + word.size() <= to; ++at) {
        if (s[at].c == word[0] && word_at(s, at, word)) return at;
    }
    return std::u32string_view::npos;
}

/// The code points of s[from, to) as a string.
inline std::u32string slice(const text_run& s, std::size_t from, std::size_t to) {
    std::u32string out;
    for (std::size_t k = from; k < to && k < s.size(); ++k) out.push_back(s[k].c);
    return out;
}

inline bool is_ascii_digit(char32_t c) noexcept { return c >= U'0' && c <= U'9'; }

/// Responsible units read from one block: the lead units (牵头) and the others (责任单位, 参加).
struct responsibility {
    std::vector<std::string> lead;
    std::vector<std::string> responsible;
};

/// Drops the "等相关部门", "等参加", "等" tails plan texts end their lists with.
inline std::u32string strip_list_tail(std::u32string item) {
    for (const std::u32string_view tail : {U"等相关部门", U"等有关部门", U"等相关单位", U"等单位", U"等部门", U"等参加", U"参加", U"负责", U"等"}) {
        if (item.size() > tail.size() && item.compare(item.size() - tail.size(), tail.size(), tail) == 0) {
            item.resize(item.size() - tail.size());
        }
    }
    return item;
}

/// Splits a list of units. Comma-separated groups are split on 、, except a group that starts with 各
/// ("各乡(镇)、街道"), which names one collective and stays whole. When the first unit carries a level
/// prefix (区科技局, 市发改委) and later ones do not ("区科技局、发改委(工信局)"), the prefix is shared,
/// as the plan writes it, unless the later unit names its own body (新疆…, …学院, …大学, …集团, …公司).
inline std::vector<std::string> split_units(std::u32string_view list) {
    std::vector<std::u32string> items;
    std::u32string current;
    int depth = 0;
    std::vector<std::u32string> group;
    const auto flush_group = [&] {
        if (!current.empty()) group.push_back(current);
        current.clear();
        if (group.empty()) return;
        if (group.front().rfind(U"各", 0) == 0) {
            std::u32string whole;
            for (std::size_t k = 0; k < group.size(); ++k) whole += (k ? U"、" : U"") + group[k];
            items.push_back(whole);
        } else {
            for (auto& g : group) items.push_back(g);
        }
        group.clear();
    };
    for (const char32_t c : list) {
        if (c == U'(') ++depth;
        if (c == U')' && depth > 0) --depth;
        if (depth == 0 && (c == U',' || c == U';')) { flush_group(); continue; }
        if (depth == 0 && c == U'、') { if (!current.empty()) group.push_back(current); current.clear(); continue; }
        current.push_back(c);
    }
    flush_group();
    std::vector<std::string> out;
    char32_t prefix = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
        std::u32string item = strip_list_tail(items[k]);
        if (item.empty()) continue;
        const char32_t first = item.front();
        const bool levelled = first == U'区' || first == U'市' || first == U'县' || first == U'州';
        if (out.empty()) {
            if (levelled && item.size() > 2) prefix = first;
        } else if (prefix != 0 && !levelled && first != U'各') {
            const bool own_body = item.rfind(U"新疆", 0) == 0 || item.rfind(U"乌鲁木齐", 0) == 0 || item.rfind(U"自治区", 0) == 0 ||
                                  item.rfind(U"国家", 0) == 0 || item.rfind(U"中国", 0) == 0 ||
                                  item.find(U"学院") != std::u32string::npos || item.find(U"大学") != std::u32string::npos ||
                                  item.find(U"集团") != std::u32string::npos || item.find(U"公司") != std::u32string::npos ||
                                  item.find(U"海关") != std::u32string::npos;
            if (!own_body) item.insert(item.begin(), prefix);
        }
        out.push_back(to_utf8(item));
    }
    return out;
}

/// Reads the inside of a responsibility block: "牵头单位:A、B;责任单位:C、D等相关部门,各区(县)",
/// "责任单位:A、B", or "A、B牵头,C、D等参加". Nothing recognised gives an empty result.
inline responsibility parse_responsibility(std::u32string_view inside) {
    responsibility out;
    const auto after = [&](std::u32string_view label) -> std::size_t {
        const auto at = inside.find(label);
        if (at == std::u32string_view::npos) return at;
        std::size_t from = at + label.size();
        if (from < inside.size() && (inside[from] == U':' || inside[from] == U'：')) ++from;
        return from;
    };
    const auto lead_at = after(U"牵头单位");
    const auto resp_at = after(U"责任单位");
    if (lead_at != std::u32string_view::npos || resp_at != std::u32string_view::npos) {
        if (lead_at != std::u32string_view::npos) {
            // The lead list ends where the next label starts (after a ';').
            auto stop = inside.find(U';', lead_at);
            if (resp_at != std::u32string_view::npos && resp_at > lead_at) stop = std::min(stop, inside.rfind(U"责任单位", resp_at));
            out.lead = split_units(inside.substr(lead_at, stop == std::u32string_view::npos ? std::u32string_view::npos : stop - lead_at));
        }
        if (resp_at != std::u32string_view::npos) {
            auto stop = std::u32string_view::npos;
            if (lead_at != std::u32string_view::npos && lead_at > resp_at) stop = inside.rfind(U"牵头单位", lead_at) - resp_at;
            out.responsible = split_units(inside.substr(resp_at, stop));
        }
        return out;
    }
    const auto qiantou = inside.find(U"牵头");
    if (qiantou == std::u32string_view::npos) return out;
    out.lead = split_units(inside.substr(0, qiantou));
    std::size_t rest = qiantou + 2;
    while (rest < inside.size() && (inside[rest] == U',' || inside[rest] == U'、' || inside[rest] == U';')) ++rest;
    if (rest < inside.size()) out.responsible = split_units(inside.substr(rest));
    return out;
}

/// The text used to match an indicator against the catalogue: brackets and their contents, quotation
/// marks and spaces removed, ASCII letters upper-cased ("R&D(研发)经费投入强度" → "R&D经费投入强度").
inline std::u32string matching_form(std::u32string_view text) {
    std::u32string out;
    int depth = 0;
    for (char32_t c : text) {
        c = normalise_char(c);
        if (c == U'(' || c == U'〔' || c == U'【') { ++depth; continue; }
        if ((c == U')' || c == U'〕' || c == U'】') && depth > 0) { --depth; continue; }
        if (depth > 0 || is_skipped_space(c)) continue;
        if (c == U'“' || c == U'”' || c == U'"' || c == U'\'' || c == U'‘' || c == U'’' || c == U'《' || c == U'》') continue;
        if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
        out.push_back(c);
    }
    return out;
}

}  // namespace ontrack::detail
