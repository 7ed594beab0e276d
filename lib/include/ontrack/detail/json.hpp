// A small JSON reader and writer for ontrack's own files (calibrations): objects, arrays, strings,
// numbers, booleans and null. Numbers are written with 17 significant digits so that a file read back
// gives the same doubles.
#pragma once

#include <ontrack/error.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack::detail {

struct json_value {
    enum class kind { null, boolean, number, string, array, object };
    kind type = kind::null;
    bool flag = false;
    double number = 0.0;
    std::string text;
    std::vector<json_value> items;
    std::map<std::string, json_value> members;

    bool has(const std::string& key) const { return type == kind::object && members.count(key) > 0; }
};

class json_reader {
public:
    json_reader(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

    json_value read() {
        json_value v = value();
        blanks();
        if (at_ < text_.size()) fail("unexpected text after the end of the document");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        std::size_t line = 1;
        for (std::size_t i = 0; i < at_ && i < text_.size(); ++i) line += text_[i] == '\n' ? 1 : 0;
        throw parse_error("json", "", "invalid JSON: " + why, line, 0, source_);
    }
    void blanks() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) ++at_;
    }
    bool take(char c) {
        blanks();
        if (at_ < text_.size() && text_[at_] == c) { ++at_; return true; }
        return false;
    }
    void expect(char c) {
        if (!take(c)) fail(std::string("expected '") + c + "'");
    }
    json_value value() {
        blanks();
        if (at_ >= text_.size()) fail("unexpected end of the document");
        const char c = text_[at_];
        json_value v;
        if (c == '{') {
            ++at_;
            v.type = json_value::kind::object;
            if (take('}')) return v;
            do {
                blanks();
                const std::string key = string_literal();
                expect(':');
                v.members[key] = value();
            } while (take(','));
            expect('}');
        } else if (c == '[') {
            ++at_;
            v.type = json_value::kind::array;
            if (take(']')) return v;
            do v.items.push_back(value()); while (take(','));
            expect(']');
        } else if (c == '"') {
            v.type = json_value::kind::string;
            v.text = string_literal();
        } else if (text_.substr(at_, 4) == "true" || text_.substr(at_, 5) == "false") {
            v.type = json_value::kind::boolean;
            v.flag = c == 't';
            at_ += v.flag ? 4 : 5;
        } else if (text_.substr(at_, 4) == "null") {
            at_ += 4;
        } else {
            const std::string rest(text_.substr(at_, std::min<std::size_t>(64, text_.size() - at_)));
            char* end = nullptr;
            v.number = std::strtod(rest.c_str(), &end);
            if (end == rest.c_str()) fail("expected a value");
            v.type = json_value::kind::number;
            at_ += static_cast<std::size_t>(end - rest.c_str());
        }
        return v;
    }
    std::string string_literal() {
        if (at_ >= text_.size() || text_[at_] != '"') fail("expected a string");
        ++at_;
        std::string out;
        while (at_ < text_.size() && text_[at_] != '"') {
            char c = text_[at_++];
            if (c == '\\') {
                if (at_ >= text_.size()) break;
                const char e = text_[at_++];
                switch (e) {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case 'r': c = '\r'; break;
                    case 'b': c = '\b'; break;
                    case 'f': c = '\f'; break;
                    case 'u': {
                        if (at_ + 4 > text_.size()) fail("short \\u escape");
                        const unsigned code = static_cast<unsigned>(std::strtoul(std::string(text_.substr(at_, 4)).c_str(), nullptr, 16));
                        at_ += 4;
                        // Basic multilingual plane only (ontrack writes UTF-8 directly, never \u).
                        if (code < 0x80) out += static_cast<char>(code);
                        else if (code < 0x800) { out += static_cast<char>(0xC0 | (code >> 6)); out += static_cast<char>(0x80 | (code & 0x3F)); }
                        else { out += static_cast<char>(0xE0 | (code >> 12)); out += static_cast<char>(0x80 | ((code >> 6) & 0x3F)); out += static_cast<char>(0x80 | (code & 0x3F)); }
                        continue;
                    }
                    default: c = e; break;
                }
            }
            out += c;
        }
        if (at_ >= text_.size()) fail("unterminated string");
        ++at_;
        return out;
    }

    std::string_view text_;
    std::string source_;
    std::size_t at_ = 0;
};

inline std::string json_quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

inline std::string json_number(double v) {
    if (std::isinf(v)) return v > 0 ? "1e999" : "-1e999";  // read back as ±infinity by strtod
    if (std::isnan(v)) return "null";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

}  // namespace ontrack::detail
