// Exceptions thrown by ontrack. Every error says what was rejected: the field, the value and, for
// files, the line and column, so that a user can find the cell to fix without a debugger.
#pragma once

#include <ontrack/detail/text.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace ontrack {

/// Base of every exception ontrack throws. Catch this to handle all ontrack failures.
/// `what()` is a complete sentence naming what is wrong. Characters from the input that a terminal
/// would not show as themselves (ESC, NUL, line breaks, a no-break space, U+FEFF) appear as visible
/// escapes (\x1b, \x00, \n, \u00a0, \ufeff), and a message longer than `max_message_bytes` is cut
/// with "… (N more bytes)": a crafted cell can neither drive the terminal nor flood the screen.
class error : public std::runtime_error {
public:
    static constexpr std::size_t max_message_bytes = 2000;
    explicit error(const std::string& message) : std::runtime_error(detail::visible(message, max_message_bytes)) {}
};

/// Text that cannot be read as what it should be: a period string, a number, a CSV cell, a file.
/// `line` and `column` are 1-based positions in the file (0 when not from a file).
class parse_error : public error {
public:
    parse_error(std::string field, std::string value, const std::string& reason, std::size_t line = 0,
                std::size_t column = 0, std::string source = {})
        : error(compose(field, value, reason, line, column, source)),
          field_(std::move(field)),
          value_(std::move(value)),
          reason_(reason),
          source_(std::move(source)),
          line_(line),
          column_(column) {}

    /// The field (column name, argument name) whose content was rejected.
    const std::string& field() const noexcept { return field_; }
    /// The rejected text as it was given.
    const std::string& value() const noexcept { return value_; }
    /// Why it was rejected, without the position and field.
    const std::string& reason() const noexcept { return reason_; }
    /// The file or document name, when the text came from one.
    const std::string& source() const noexcept { return source_; }
    std::size_t line() const noexcept { return line_; }
    std::size_t column() const noexcept { return column_; }

private:
    static std::string compose(const std::string& field, const std::string& value, const std::string& reason,
                               std::size_t line, std::size_t column, const std::string& source) {
        std::string where;
        if (!source.empty()) where += source;
        if (line > 0) {
            where += (where.empty() ? "line " : ", line ") + std::to_string(line);
            if (column > 0) where += ", column " + std::to_string(column);
        }
        std::string message = where.empty() ? std::string() : where + ": ";
        if (!field.empty()) message += "field '" + field + "': ";
        message += reason;
        // The value is cut shorter than the message: the field and reason around it must stay readable.
        if (!value.empty()) message += " (got '" + detail::visible(value, 200) + "')";
        return message;
    }

    std::string field_;
    std::string value_;
    std::string reason_;
    std::string source_;
    std::size_t line_;
    std::size_t column_;
};

/// A well-formed value that is not allowed where it was given: a rate of 5 for a growth target,
/// duplicate periods in a series, a relative target without a baseline.
class value_error : public error {
public:
    value_error(std::string field, const std::string& message)
        : error(field.empty() ? message : "field '" + field + "': " + message), field_(std::move(field)), reason_(message) {}

    /// The field or argument at fault.
    const std::string& field() const noexcept { return field_; }
    /// Why it was rejected, without the field.
    const std::string& reason() const noexcept { return reason_; }

private:
    std::string field_;
    std::string reason_;
};

/// The data cannot support the request: too few observations for a method, no observation where one
/// is needed.
class data_error : public error {
public:
    explicit data_error(const std::string& message) : error(message) {}
};

}  // namespace ontrack
