// Text helpers shared by the parsers: trimming, number reading and writing, UTF-8 checks.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>
#include <cstdint>

namespace ontrack::detail {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/// Strips ASCII white space and the UTF-8 ideographic space (U+3000) from both ends.
inline std::string_view trim(std::string_view text) {
    constexpr std::string_view ideographic_space = "\xE3\x80\x80";
    bool changed = true;
    while (changed) {
        changed = false;
        while (!text.empty() && is_space(text.front())) { text.remove_prefix(1); changed = true; }
        while (!text.empty() && is_space(text.back())) { text.remove_suffix(1); changed = true; }
        if (text.substr(0, 3) == ideographic_space) { text.remove_prefix(3); changed = true; }
        if (text.size() >= 3 && text.substr(text.size() - 3) == ideographic_space) { text.remove_suffix(3); changed = true; }
    }
    return text;
}

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
inline bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07; }
        else return false;
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::array<std::uint32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

/// Decodes the UTF-8 character at `text[i]`: its code point and length in bytes. An invalid or
/// truncated sequence decodes as its first byte alone, with code point 0xFFFFFFFF.
inline std::pair<std::uint32_t, std::size_t> next_code_point(std::string_view text, std::size_t i) {
    constexpr std::uint32_t invalid = 0xFFFFFFFFu;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return {c, 1};
    const std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size() || !is_valid_utf8(text.substr(i, length))) return {invalid, 1};
    std::uint32_t code = c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {code, length};
}

/// The name of a character that cannot be seen in a cell but changes what a key means: control
/// characters (NUL, ESC, TAB or a line break inside a key, C1 controls), the no-break space, the soft
/// hyphen, zero-width and direction marks, the word joiner and the byte-order mark (U+FEFF).
/// Empty for every other character.
inline std::string invisible_character_name(std::uint32_t code) {
    if (code == 0) return "NUL";
    if (code == 0x09) return "a tab";
    if (code == 0x0A || code == 0x0D) return "a line break";
    if (code == 0x1B) return "ESC";
    if (code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F)) return "a control character";
    switch (code) {
        case 0x00A0: return "a no-break space";
        case 0x00AD: return "a soft hyphen";
        case 0x180E: return "a Mongolian vowel separator";
        case 0x200B: return "a zero-width space";
        case 0x200C: return "a zero-width non-joiner";
        case 0x200D: return "a zero-width joiner";
        case 0x200E: case 0x200F: case 0x061C: return "a direction mark";
        case 0x2028: case 0x2029: return "a line or paragraph separator";
        case 0x202F: return "a narrow no-break space";
        case 0x2060: return "a word joiner";
        case 0xFEFF: return "a byte-order mark (U+FEFF, zero-width no-break space)";
        default: break;
    }
    if ((code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069)) return "a direction control";
    if (code >= 0x2061 && code <= 0x2064) return "an invisible operator";
    return {};
}

/// What the cap of `visible` counts: bytes of UTF-8 (C++ messages) or characters (Python text).
enum class visible_limit { bytes, characters };

/// `text` with every character a terminal or a reader would not see as itself written as an escape:
/// \n, \r, \t, \xNN for other control characters and bytes that are not UTF-8, \uNNNN for the
/// invisible characters of `invisible_character_name`. Beyond `limit` bytes (or characters, with
/// `visible_limit::characters`; a byte that is not UTF-8 counts as one) of input the rest is replaced
/// by "… (N more bytes)" (or "characters"), so that a huge cell cannot flood a message. The one
/// escaping rule of ontrack: Python's messages call it too (`_core._visible`).
inline std::string visible(std::string_view text, std::size_t limit = 200, visible_limit counted = visible_limit::bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    const bool by_characters = counted == visible_limit::characters;
    std::string out;
    std::size_t i = 0;
    std::size_t characters = 0;
    while (i < text.size()) {
        if ((by_characters ? characters : i) >= limit) {
            std::size_t rest = text.size() - i;
            if (by_characters) {
                rest = 0;
                for (std::size_t k = i; k < text.size(); k += next_code_point(text, k).second) ++rest;
            }
            out += "\xE2\x80\xA6 (" + std::to_string(rest) + (by_characters ? " more characters)" : " more bytes)");
            break;
        }
        const auto [code, length] = next_code_point(text, i);
        if (code == '\n') out += "\\n";
        else if (code == '\r') out += "\\r";
        else if (code == '\t') out += "\\t";
        else if (code == 0xFFFFFFFFu || code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F)) {
            const auto byte = code == 0xFFFFFFFFu ? static_cast<unsigned char>(text[i]) : static_cast<unsigned char>(code);
            out += "\\x";
            out.push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0xF]);
        } else if (!invisible_character_name(code).empty()) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out.push_back(hex[(code >> shift) & 0xF]);
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
        ++characters;
    }
    return out;
}

/// The first invisible character (see `invisible_character_name`) in `text`: its 1-based character
/// position, code point and name; nothing when there is none.
struct invisible_character {
    std::size_t position;
    std::uint32_t code;
    std::string name;
};
inline std::optional<invisible_character> find_invisible_character(std::string_view text) {
    std::size_t position = 1;
    for (std::size_t i = 0; i < text.size(); ++position) {
        const auto [code, length] = next_code_point(text, i);
        if (auto name = invisible_character_name(code); !name.empty()) return invisible_character{position, code, std::move(name)};
        i += length;
    }
    return std::nullopt;
}

/// "U+00A0" for a code point.
inline std::string code_point_name(std::uint32_t code) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "U+";
    for (int shift = code > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) out.push_back(hex[(code >> shift) & 0xF]);
    return out;
}

/// Replaces full-width digits, signs and points (２０２５, ．, －, ＋, ％) by their ASCII forms; Excel
/// sheets typed with a Chinese input method carry them.
inline std::string ascii_digits(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c0 = static_cast<unsigned char>(text[i]);
        if (c0 == 0xEF && i + 2 < text.size()) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            const auto c2 = static_cast<unsigned char>(text[i + 2]);
            // U+FF01..U+FF5E map to U+0021..U+007E: EF BC 81..EF BD 9E.
            if (c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
                const char ascii = static_cast<char>(c2 - 0x81 + 0x21);
                if ((ascii >= '0' && ascii <= '9') || ascii == '.' || ascii == '-' || ascii == '+' || ascii == '%') {
                    out.push_back(ascii);
                    i += 2;
                    continue;
                }
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

/// Reads a whole decimal number ("1.5", "-2", "1e-7"); full-width digits are accepted.
/// Returns nothing when the text is not exactly one finite number. Thousands separators, "N/A",
/// "—", "nan" and "inf" are not numbers here: callers name the field in their error.
inline std::optional<double> parse_number(std::string_view raw) {
    const std::string text = ascii_digits(trim(raw));
    if (text.empty()) return std::nullopt;
    // from_chars rejects a leading '+', which people do write.
    std::string_view digits = text;
    if (digits.front() == '+') digits.remove_prefix(1);
    if (digits.empty() || digits.front() == '+' || (digits.front() == '-' && digits.size() == 1)) return std::nullopt;
    for (const char c : digits) {
        const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        if (!allowed) return std::nullopt;  // excludes "nan", "inf", hex
    }
    double value = 0.0;
    const auto* first = digits.data();
    const auto* last = digits.data() + digits.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last || !std::isfinite(value)) return std::nullopt;
    return value;
}

/// Why `raw`, which `parse_number` rejected, is not a number, for the common cases of spreadsheets
/// typed by hand: thousands separators ("1,234"), the Chinese full stop as a decimal point ("1。5"),
/// placeholders for a missing value ("N/A", "—", "-", "..."), NaN and infinity, a percent sign, and
/// numbers beyond the range of a double. Empty when none applies.
inline std::string number_hint(std::string_view raw) {
    const std::string text = ascii_digits(trim(raw));
    std::string lower;
    for (const char c : text) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    const auto has_digit = text.find_first_of("0123456789") != std::string::npos;
    if (has_digit && (text.find(',') != std::string::npos || text.find("\xEF\xBC\x8C") != std::string::npos)) {
        return "thousands separators are not read (a comma may also be a decimal comma): write 1234.5";
    }
    if (has_digit && text.find("\xE3\x80\x82") != std::string::npos) return "the Chinese full stop 。 is not a decimal point: write 1.5";
    for (const std::string_view placeholder : {"n/a", "na", "n.a.", "null", "none", "-", "--", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94",
                                               "\xE2\x80\x93", "...", "\xE2\x80\xA6", "x", "\xE6\x97\xA0"}) {
        if (lower == placeholder) return "a placeholder is not a value: leave the cell empty when the value is not observed";
    }
    for (const std::string_view word : {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}) {
        if (lower == word) return "NaN and infinity are not values: leave the cell empty when the value is not observed";
    }
    if (has_digit && ends_with(text, "%")) return "a percent sign is not read here: write the number in the column's unit";
    if (has_digit && lower.find('e') != std::string::npos) {
        const std::string digits = text.front() == '+' ? text.substr(1) : text;
        double value = 0.0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc::result_out_of_range && end == digits.data() + digits.size()) {
            return "out of the range of a double (about 1e-308 to 1e308)";
        }
    }
    return {};
}

/// Moves the decimal point of a plain or scientific decimal string by `shift` places (negative: to the
/// left) without going through binary floating point, so "5.5" shifted by -2 is exactly "0.055".
inline std::string shift_decimal(std::string_view text, int shift) {
    std::string sign;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        if (text.front() == '-') sign = "-";
        text.remove_prefix(1);
    }
    int exponent = 0;
    if (const auto e = text.find_first_of("eE"); e != std::string_view::npos) {
        exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
        text = text.substr(0, e);
    }
    std::string digits;
    int point = static_cast<int>(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '.') point = static_cast<int>(digits.size());
        else digits.push_back(text[i]);
    }
    if (text.find('.') == std::string_view::npos) point = static_cast<int>(digits.size());
    point += exponent + shift;
    while (point <= 0) { digits.insert(digits.begin(), '0'); ++point; }
    while (point > static_cast<int>(digits.size())) digits.push_back('0');
    std::string whole = digits.substr(0, static_cast<std::size_t>(point));
    std::string fraction = digits.substr(static_cast<std::size_t>(point));
    while (whole.size() > 1 && whole.front() == '0') whole.erase(whole.begin());
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (whole.empty()) whole = "0";
    std::string out = sign + whole;
    if (!fraction.empty()) out += "." + fraction;
    if (out == "-0") out = "0";
    return out;
}

/// The shortest decimal text that reads back as exactly `value` ("1.5", "100", "0.05", "1e-07").
/// NaN is written as the empty string: in ontrack's files an empty cell means "not observed".
inline std::string format_number(double value) {
    if (std::isnan(value)) return {};
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec != std::errc()) return {};
    return std::string(buffer.data(), end);
}

/// A number for an error message: like `format_number`, but NaN and infinities are spelled out.
inline std::string describe_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    return format_number(value);
}

/// Splits on a single-byte separator, trimming each piece and dropping empty ones.
inline std::vector<std::string> split_list(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto stop = text.find(separator, start);
        const auto piece = trim(text.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start));
        if (!piece.empty()) out.emplace_back(piece);
        if (stop == std::string_view::npos) break;
        start = stop + 1;
    }
    return out;
}

inline std::string join(const std::vector<std::string>& pieces, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i > 0) out += separator;
        out += pieces[i];
    }
    return out;
}

}  // namespace ontrack::detail
