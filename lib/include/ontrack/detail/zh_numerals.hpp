// Chinese numerals (一, 两, 十, 二十三, 一百零五, 三千万) and the UTF-8 decoding the plan-text extractor
// works on. Plan texts mix Arabic and Chinese digits ("新增两家", "培育2—3家"), so both are read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ontrack::detail {

/// The value of a Chinese numeral digit (零/〇 0 … 九 9, 两 2), or -1.
inline int chinese_digit(char32_t c) noexcept {
    switch (c) {
        case U'零': case U'〇': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

/// The multiplier of a Chinese numeral unit (十 10, 百 100, 千 1000, 万 1e4, 亿 1e8), or 0.
inline double chinese_multiplier(char32_t c) noexcept {
    switch (c) {
        case U'十': return 10.0;
        case U'百': return 100.0;
        case U'千': return 1000.0;
        case U'万': return 1e4;
        case U'亿': return 1e8;
        default: return 0.0;
    }
}

/// True for every character a Chinese numeral is made of.
inline bool is_chinese_numeral_char(char32_t c) noexcept { return chinese_digit(c) >= 0 || chinese_multiplier(c) > 0; }

/// Reads a whole Chinese numeral: 一 1, 十 10, 十二 12, 二十三 23, 一百零五 105, 两千 2000, 三万五千 35000,
/// 一亿二千万 120000000. Nothing when `text` is empty or not a well-formed numeral (二三, 十十, 零 alone is 0).
inline std::optional<double> parse_chinese_numeral(std::u32string_view text) {
    if (text.empty()) return std::nullopt;
    double total = 0.0;    // everything closed by 万 or 亿
    double section = 0.0;  // below 万: closed by 十, 百, 千
    int digit = -1;        // a digit waiting for its unit
    bool previous_was_digit = false;
    double last_small_unit = 1e9;  // 十/百/千 must fall within a section: 二百三十, not 二十三百
    for (const char32_t c : text) {
        if (const int d = chinese_digit(c); d >= 0) {
            // Two digits in a row are only allowed after 零 (一百零五): 二三 is not a number.
            if (previous_was_digit && digit != 0) return std::nullopt;
            digit = d;
            previous_was_digit = true;
            continue;
        }
        const double m = chinese_multiplier(c);
        if (m <= 0) return std::nullopt;
        previous_was_digit = false;
        if (m < 1e4) {
            if (m >= last_small_unit) return std::nullopt;
            // 十 alone at the start of a section means 一十 (十二 = 12).
            section += (digit < 0 ? 1.0 : digit) * m;
            last_small_unit = m;
        } else if (m == 1e4) {
            const double part = section + (digit < 0 ? 0.0 : digit);
            if (part == 0.0) return std::nullopt;
            total += part * 1e4;
            section = 0.0;
            last_small_unit = 1e9;
        } else {
            const double part = total + section + (digit < 0 ? 0.0 : digit);
            if (part == 0.0) return std::nullopt;
            total = part * 1e8;
            section = 0.0;
            last_small_unit = 1e9;
        }
        digit = -1;
    }
    return total + section + (digit < 0 ? 0.0 : digit);
}

/// One code point decoded from UTF-8, with the number of bytes it took. `size` is 0 when the bytes at
/// `at` are not well-formed UTF-8 (truncated, overlong, surrogate, above U+10FFFF).
struct decoded_char {
    char32_t value = 0;
    std::size_t size = 0;
};

inline decoded_char decode_utf8(std::string_view text, std::size_t at) noexcept {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) return {c, 1};
    std::size_t length = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07; }
    else return {};
    if (at + length > text.size()) return {};
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xC0) != 0x80) return {};
        code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
    return {static_cast<char32_t>(code), length};
}

/// Appends `c` to `out` as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
    const auto u = static_cast<std::uint32_t>(c);
    if (u < 0x80) {
        out.push_back(static_cast<char>(u));
    } else if (u < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (u >> 6)));
        out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (u >> 12)));
        out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (u >> 18)));
        out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    }
}

/// UTF-8 text of a run of code points.
inline std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (const char32_t c : text) append_utf8(out, c);
    return out;
}

/// Code points of UTF-8 text that is known to be valid (literals, already checked input).
inline std::u32string from_utf8(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto d = decode_utf8(text, i);
        if (d.size == 0) { ++i; continue; }
        out.push_back(d.value);
        i += d.size;
    }
    return out;
}

}  // namespace ontrack::detail
