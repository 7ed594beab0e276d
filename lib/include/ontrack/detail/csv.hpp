// RFC 4180 CSV reading and writing, strict enough to name the line and column of every problem.
#pragma once

#include <ontrack/column_names.hpp>
#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack::detail {

struct csv_row {
    std::size_t line;  ///< 1-based line where the row starts
    std::vector<std::string> fields;
};

struct csv_table {
    std::vector<std::string> header;
    std::vector<csv_row> rows;
};

/// Parses CSV text. Accepts a UTF-8 byte-order mark, LF or CRLF line ends, quoted fields with commas,
/// doubled quotes and line breaks. Rejects, naming line and column: bytes that are not UTF-8, an
/// unterminated quoted field, text after a closing quote, a row with a different number of fields
/// than the header, an empty header. Blank lines and rows of empty cells are skipped.
inline csv_table parse_csv(std::string_view text, const std::string& source) {
    if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    if (!is_valid_utf8(text)) {
        // Walk the text as CSV to report the line, field number and column name of the first bad byte.
        std::size_t line = 1, field_number = 1, bad = 0;
        bool quoted = false;
        std::vector<std::string> header_names(1);
        bool in_header = true;
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + length > text.size() || !is_valid_utf8(text.substr(i, length))) { bad = i; break; }
            const char ch = text[i];
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { ++field_number; if (in_header) header_names.emplace_back(); }
            else if (ch == '\n') {
                ++line;
                if (!quoted) { field_number = 1; in_header = false; }
            } else if (in_header && ch != '\r') header_names.back().append(text.substr(i, length));
            i += length;
        }
        const std::string field = (!in_header && field_number <= header_names.size()) ? std::string(trim(header_names[field_number - 1])) : std::string();
        throw parse_error(field, "byte 0x" + std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[bad]) >> 4]) +
                                     std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[bad]) & 0xF]),
                          "the file is not valid UTF-8 text (save it as UTF-8)", line, field_number, source);
    }
    csv_table table;
    std::vector<std::string> fields;
    std::string field;
    std::size_t line = 1;
    std::size_t row_line = 1;
    std::size_t column = 1;  // 1-based field number, for messages
    bool in_quotes = false;
    bool after_quote = false;
    bool row_has_content = false;
    std::size_t quote_line = 0;

    const auto end_row = [&]() {
        fields.push_back(std::move(field));
        field.clear();
        // A row of empty cells (",,,,", as spreadsheets export their trailing rows) is blank too.
        bool blank = true;
        for (const auto& f : fields) blank = blank && trim(f).empty();
        if (!blank) {
            if (table.header.empty()) {
                table.header = std::move(fields);
            } else {
                if (fields.size() != table.header.size()) {
                    throw parse_error("", "", "row has " + std::to_string(fields.size()) + " fields but the header has " +
                                                   std::to_string(table.header.size()),
                                      row_line, 0, source);
                }
                table.rows.push_back(csv_row{row_line, std::move(fields)});
            }
        }
        fields.clear();
        column = 1;
        after_quote = false;
        row_has_content = false;
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { field.push_back('"'); ++i; }
                else { in_quotes = false; after_quote = true; }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            ++column;
            after_quote = false;
            row_has_content = true;
            continue;
        }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n') {
            end_row();
            ++line;
            row_line = line;
            continue;
        }
        if (after_quote) {
            throw parse_error(column <= table.header.size() && !table.header.empty() ? table.header[column - 1] : "", std::string(1, c),
                              "unexpected text after a closing quote", line, column, source);
        }
        if (c == '"') {
            if (!field.empty()) {
                throw parse_error(column <= table.header.size() && !table.header.empty() ? table.header[column - 1] : "", field + "\"",
                                  "a quote inside an unquoted field (quote the whole field and double inner quotes)", line, column, source);
            }
            in_quotes = true;
            quote_line = line;
            row_has_content = true;
            continue;
        }
        field.push_back(c);
        row_has_content = true;
    }
    if (in_quotes) {
        throw parse_error(column <= table.header.size() ? table.header[column - 1] : "", "", "a quoted field is never closed", quote_line, column, source);
    }
    if (row_has_content || !fields.empty()) end_row();
    if (table.header.empty()) throw parse_error("", "", "the file is empty: expected a header line", 1, 0, source);
    return table;
}

/// One CSV field, quoted only when it must be (comma, quote, line break, or leading/trailing space).
inline std::string csv_field(std::string_view value) {
    const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (is_space(value.front()) || is_space(value.back())));
    if (!needs_quotes) return std::string(value);
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    out += "\"";
    return out;
}

inline std::string csv_line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out.push_back(',');
        out += csv_field(fields[i]);
    }
    out.push_back('\n');
    return out;
}

inline std::string read_file(const std::string& path) {
    // A folder opens as a stream that reads nothing: without this check it would be "an empty file".
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) throw parse_error("", "", "cannot read the file: it is a folder", 0, 0, path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error("", "", "cannot open the file", 0, 0, path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// Writes `content` to `path` through a temporary file renamed into place, so a failed write never
/// leaves a partial file behind.
inline void write_file_atomically(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".ontrack-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw error("cannot write '" + path + "': the folder does not exist or is not writable");
        out << content;
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            throw error("cannot write '" + path + "': writing failed (disk full?)");
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw error("cannot write '" + path + "': renaming the temporary file failed");
    }
}

/// Maps header names to positions and checks them against the columns a file format knows.
class csv_columns {
public:
    /// `skip`: 0-based positions the caller reads itself (the year columns of a wide table); `aside`:
    /// canonical names accepted and kept aside with the note columns (`extra()`).
    csv_columns(const std::vector<std::string>& header, const std::vector<std::string>& known,
                const std::vector<std::string>& required, const std::string& source, const std::vector<std::size_t>& skip = {},
                const std::vector<std::string>& aside = {}) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
            const std::string written(trim(header[i]));
            if (is_note_column(written)) {
                extra_.emplace_back(written, i);
                continue;
            }
            // Chinese and capitalised headers name the same columns: 地区 is region, Value is value.
            const std::string canonical = canonical_column_name(written);
            if (std::find(aside.begin(), aside.end(), canonical) != aside.end()) {
                extra_.emplace_back(written, i);
                continue;
            }
            bool is_known = false;
            for (const auto& k : known) is_known = is_known || k == canonical;
            const std::string name = is_known ? canonical : written;
            if (!is_known) {
                throw parse_error(name, name, "unknown column (expected columns: " + join(known, ",") +
                                                  "; Chinese headers such as 地区, 指标, 年份, 数值, 单位, 来源 are read too, and a note column named 备注 or note is kept aside)",
                                  1, i + 1, source);
            }
            for (const auto& [seen, at] : positions_) {
                if (seen == name) {
                    throw parse_error(name, written, "the column appears twice" + (written == name ? std::string() : " ('" + written + "' names column '" + name + "')"),
                                      1, i + 1, source);
                }
            }
            positions_.emplace_back(name, i);
        }
        for (const auto& r : required) {
            if (!has(r)) throw parse_error(r, "", "required column '" + r + "' is missing from the header", 1, 0, source);
        }
    }

    bool has(std::string_view name) const {
        for (const auto& [seen, at] : positions_) if (seen == name) return true;
        return false;
    }
    /// The field of `row` in column `name`; empty when the file has no such column.
    std::string_view get(const csv_row& row, std::string_view name) const {
        for (const auto& [seen, at] : positions_) if (seen == name) return row.fields[at];
        return {};
    }
    /// 1-based column number of `name` (0 when absent).
    std::size_t column(std::string_view name) const {
        for (const auto& [seen, at] : positions_) if (seen == name) return at + 1;
        return 0;
    }

    /// Note and aside columns as (header as written, 0-based position): accepted, not read as data.
    const std::vector<std::pair<std::string, std::size_t>>& extra() const noexcept { return extra_; }

private:
    std::vector<std::pair<std::string, std::size_t>> positions_;
    std::vector<std::pair<std::string, std::size_t>> extra_;
};

}  // namespace ontrack::detail
