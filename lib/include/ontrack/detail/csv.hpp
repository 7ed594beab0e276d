// RFC 4180 CSV reading and writing, strict enough to name the line and column of every problem.
#pragma once

#include <ontrack/column_names.hpp>
#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#if !defined(_WIN32)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ontrack::detail {

/// Size limits of the files ontrack reads (docs/robustness.md, "Input size limits"). They are far above
/// any plan or statistics table (the bundled observations are under 1 MB; 10^6 rows take about 60 MB)
/// and stop a runaway input (an endless stream, a cell of megabytes) with a clear error before it
/// takes minutes or gigabytes.
struct input_limits {
    static constexpr std::size_t max_file_bytes = std::size_t{512} << 20;  ///< 512 MiB
    static constexpr std::size_t max_field_bytes = std::size_t{64} << 10;  ///< 64 KiB (a long quote of a plan fits)
    static constexpr std::size_t max_key_bytes = 1000;                      ///< an id, region, indicator, unit, vintage
    static constexpr std::size_t max_rows = 10'000'000;
};

inline std::string byte_size(std::size_t bytes) {
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= (std::size_t{1} << 10) && bytes % (std::size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

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

    const auto header_name = [&](std::size_t at) { return at >= 1 && at <= table.header.size() ? std::string(trim(table.header[at - 1])) : std::string(); };
    const auto too_long = [&]() {
        throw parse_error(header_name(column), field.substr(0, 60),
                          "the field is longer than " + byte_size(input_limits::max_field_bytes) + " (the limit of a cell)", row_line, column, source);
    };
    const auto end_row = [&]() {
        if (field.size() > input_limits::max_field_bytes) too_long();
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
                if (table.rows.size() == input_limits::max_rows) {
                    throw parse_error("", "", "the file has more than " + std::to_string(input_limits::max_rows) + " rows (the limit of a file)", row_line, 0, source);
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
                if (field.size() > input_limits::max_field_bytes) too_long();
            }
            continue;
        }
        if (c == ',') {
            if (field.size() > input_limits::max_field_bytes) too_long();
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
        if (field.size() > input_limits::max_field_bytes) too_long();
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
    // Read in blocks up to the limit: a pipe or device (an endless stream) has no size to check first.
    std::string content;
    std::array<char, 1 << 16> block{};
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        content.append(block.data(), static_cast<std::size_t>(in.gcount()));
        if (content.size() > input_limits::max_file_bytes) {
            throw parse_error("", "", "the file is larger than " + byte_size(input_limits::max_file_bytes) + " (the limit of a file ontrack reads)", 0, 0, path);
        }
    }
    if (in.bad()) throw parse_error("", "", "reading the file failed", 0, 0, path);
    return content;
}

/// Writes `content` to `path` through a temporary file renamed into place, so that a failed write
/// never leaves a partial file and readers see either the old file or the new one. The temporary file
/// is created next to `path` under a fresh name with O_CREAT | O_EXCL | O_NOFOLLOW (a file or symlink
/// planted under a predictable name is never followed or overwritten, and concurrent writers never
/// share one), gets the permissions of the file it replaces (those of a new file otherwise: 0666 less
/// the umask), and is flushed to disk (fsync) before the rename.
inline void write_file_atomically(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const auto fail = [&](const std::string& why) { throw error("cannot write '" + path + "': " + why); };
    std::error_code status;
    if (fs::is_directory(target, status)) fail("it is a folder");
#if defined(_WIN32)
    // No O_NOFOLLOW or fsync here: a unique name in the same folder, then a rename.
    static std::atomic<unsigned long long> counter{0};
    const std::string temporary = (folder / ("." + target.filename().string() + ".ontrack-" +
                                             std::to_string(std::random_device{}()) + "-" + std::to_string(++counter) + ".tmp")).string();
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) fail("the folder does not exist or is not writable");
        out << content;
        out.flush();
        if (!out) { out.close(); std::remove(temporary.c_str()); fail("writing failed (disk full?)"); }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) { std::remove(temporary.c_str()); fail("renaming the temporary file failed"); }
#else
    static std::atomic<unsigned long long> counter{0};
    std::random_device entropy;
    std::string temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        const unsigned long long salt = (static_cast<unsigned long long>(entropy()) << 32) ^ entropy();
        temporary = (folder / ("." + target.filename().string() + ".ontrack-" + std::to_string(::getpid()) + "-" +
                               std::to_string(++counter) + "-" + std::to_string(salt) + ".tmp")).string();
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) fail(std::string("cannot create a temporary file in its folder (") + std::strerror(errno) + ")");
    }
    if (fd < 0) fail("cannot create a unique temporary file in its folder");
    const auto abandon = [&](const std::string& why) {
        const int saved = errno;
        ::close(fd);
        ::unlink(temporary.c_str());
        fail(why + " (" + std::strerror(saved) + ")");
    };
    // Keep the mode of the file being replaced (stat follows a symlink at `path`: the rename replaces
    // the link itself, as any editor's save does).
    struct ::stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0) abandon("cannot set the permissions");
    for (std::size_t done = 0; done < content.size();) {
        const auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            abandon("writing failed (disk full?)");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) abandon("flushing to disk failed");
    if (::close(fd) != 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        fail(std::string("writing failed (") + std::strerror(saved) + ")");
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        fail(std::string("renaming the temporary file failed (") + std::strerror(saved) + ")");
    }
    // Make the rename itself durable; a folder that cannot be opened for this is not an error.
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
#endif
}

/// Refuses a key cell (an id, region, indicator, unit, vintage) holding an invisible character: a
/// no-break space or a zero-width space inside "Beijing" would silently make a second region, and a
/// NUL or U+FEFF would make "no observations" of an indicator that is there. The error names the
/// character, its code point and position. Keys are never normalised: the fix belongs in the file.
inline void check_key(std::string_view value, const std::string& field, std::size_t line, std::size_t column, const std::string& source) {
    if (value.size() > input_limits::max_key_bytes) {
        throw parse_error(field, std::string(value.substr(0, 60)),
                          "a key is longer than " + byte_size(input_limits::max_key_bytes) + " (ids, regions, indicators, units and vintages are names, not text)",
                          line, column, source);
    }
    if (const auto found = find_invisible_character(value)) {
        throw parse_error(field, std::string(value),
                          "an invisible character, " + found->name + " (" + code_point_name(found->code) + "), at character " +
                              std::to_string(found->position) + ": keys must hold visible text only (delete it and retype the cell)",
                          line, column, source);
    }
}

/// Maps header names to positions and checks them against the columns a file format knows.
class csv_columns {
public:
    /// `skip`: 0-based positions the caller reads itself (the year columns of a wide table); `aside`:
    /// canonical names accepted and kept aside with the note columns (`extra()`); `keep_unknown`: other
    /// columns are kept aside too (the targets and observations files), unless their header looks
    /// like a misspelt known column, rather than refused (the catalogue and region files).
    csv_columns(const std::vector<std::string>& header, const std::vector<std::string>& known,
                const std::vector<std::string>& required, const std::string& source, const std::vector<std::size_t>& skip = {},
                const std::vector<std::string>& aside = {}, bool keep_unknown = false) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
            const std::string written(trim(header[i]));
            if (is_note_column(written)) {
                add_extra(written, i, source);
                continue;
            }
            // Chinese and capitalised headers name the same columns: 地区 is region, Value is value.
            const std::string canonical = canonical_column_name(written);
            if (std::find(aside.begin(), aside.end(), canonical) != aside.end()) {
                add_extra(written, i, source);
                continue;
            }
            bool is_known = false;
            for (const auto& k : known) is_known = is_known || k == canonical;
            const std::string name = is_known ? canonical : written;
            if (!is_known) {
                // A column ontrack does not read (owner, 责任人) is kept as an extra column, written back after
                // ontrack's own; a header without a name, or one that looks like a misspelt column, is refused.
                if (!keep_unknown) {
                    throw parse_error(name, name, "unknown column (expected columns: " + join(known, ",") +
                                                      "; Chinese headers such as 地区, 指标, 年份, 数值, 单位, 来源 are read too, and a note column named 备注 or note is kept aside)",
                                      1, i + 1, source);
                }
                const std::string meant = misspelt_column(written, known);
                if (written.empty() || !meant.empty()) {
                    throw parse_error(name, name,
                                      (written.empty() ? std::string("a column without a header: name it (it is then kept as an extra column) or delete it")
                                                       : "unknown column: did you mean '" + meant + "'? (rename the header; expected columns: " + join(known, ",") +
                                                             "; Chinese headers such as 地区, 指标, 年份, 数值, 单位, 来源 are read too, and other columns are kept as extra columns)"),
                                      1, i + 1, source);
                }
                add_extra(written, i, source);
                continue;
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
            if (has(r)) continue;
            // A renamed column is read as an extra one: name those, as one of them may be the missing column.
            std::vector<std::string> others;
            for (const auto& [written, at] : extra_) {
                if (!is_note_column(written)) others.push_back("'" + written + "'");
            }
            throw parse_error(r, "", "required column '" + r + "' is missing from the header" +
                                         (others.empty() ? std::string() : " (columns ontrack does not read: " + join(others, ", ") + "; rename the one that holds " + r + ")"),
                              1, 0, source);
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

    /// Note, aside and unknown columns as (header as written, 0-based position): accepted, not read as
    /// data, kept with each row (`extra_cells`) and written back after ontrack's columns.
    const std::vector<std::pair<std::string, std::size_t>>& extra() const noexcept { return extra_; }

    /// The extra cells of `row` as (header as written, cell as written), in the file's order.
    std::vector<std::pair<std::string, std::string>> extra_cells(const csv_row& row) const {
        std::vector<std::pair<std::string, std::string>> out;
        out.reserve(extra_.size());
        for (const auto& [header, at] : extra_) out.emplace_back(header, row.fields[at]);
        return out;
    }

private:
    void add_extra(const std::string& written, std::size_t at, const std::string& source) {
        for (const auto& [seen, where] : extra_) {
            if (seen == written) throw parse_error(written, written, "the column appears twice (columns " + std::to_string(where + 1) + " and " + std::to_string(at + 1) + "): rename one", 1, at + 1, source);
        }
        extra_.emplace_back(written, at);
    }

    std::vector<std::pair<std::string, std::size_t>> positions_;
    std::vector<std::pair<std::string, std::size_t>> extra_;
};

}  // namespace ontrack::detail
