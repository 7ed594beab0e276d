// The targets CSV (docs/targets_csv.md): reading with errors that name line, column and field, and
// writing in a canonical form that reads back byte for byte.
#pragma once

#include <ontrack/detail/csv.hpp>
#include <ontrack/target.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack {

/// The columns of the targets CSV, in the order the writer uses.
inline const std::vector<std::string>& target_columns() {
    static const std::vector<std::string> columns{
        "id", "region", "indicator", "kind", "comparator", "value", "value_high", "tolerance", "period_start", "period",
        "baseline_period", "baseline_value", "stretch", "commitment", "unit", "lead_unit", "responsible_units", "document", "quote", "bounds"};
    return columns;
}

/// The columns the writer leaves out when no target uses them: `bounds`, so that files of targets
/// without declared bounds keep the columns they always had.
inline const std::vector<std::string>& optional_target_columns() {
    static const std::vector<std::string> columns{"bounds"};
    return columns;
}

namespace detail {

/// Reads one target from a CSV row, rethrowing every problem with the row's line and column.
inline target read_target_row(const csv_row& row, const csv_columns& columns, const std::string& source) {
    std::string current = "id";
    // Every error names the target too (the id as written), so that one bad row among many is found
    // by its id as well as by its line.
    const std::string id_text(trim(columns.get(row, "id")));
    const auto about = [&](const std::string& reason) {
        const std::string prefix = "target '" + visible(id_text, 100) + "': ";
        return id_text.empty() || reason.rfind("target '", 0) == 0 ? reason : prefix + reason;
    };
    const auto cell = [&](std::string_view name) {
        current = std::string(name);
        return std::string(trim(columns.get(row, name)));
    };
    // Key cells: what targets are matched and grouped by (see check_key).
    const auto key = [&](std::string_view name) {
        std::string value = cell(name);
        check_key(value, std::string(name), row.line, columns.column(name), source);
        return value;
    };
    const auto number = [&](std::string_view name) -> std::optional<double> {
        const std::string text = cell(name);
        if (text.empty()) return std::nullopt;
        if (const auto x = parse_number(text)) return x;
        const std::string hint = number_hint(text);
        throw parse_error(std::string(name), text, hint.empty() ? std::string("not a number") : "not a number: " + hint, row.line,
                          columns.column(name), source);
    };
    try {
        target t;
        t.id = key("id");
        if (t.id.empty()) throw parse_error("id", "", "every target needs an id", row.line, columns.column("id"), source);
        t.region = key("region");
        t.indicator = key("indicator");
        current = "kind";
        t.kind = parse_target_kind(cell("kind"));
        current = "comparator";
        const std::string comparator_text = cell("comparator");
        t.compare = comparator_text.empty() ? comparator::at_least : parse_comparator(comparator_text);
        if (t.is_rate()) {
            for (auto [name, field] : {std::pair<const char*, std::optional<double>*>{"value", &t.value}, {"value_high", &t.value_high}, {"stretch", &t.stretch}}) {
                const std::string text = cell(name);
                if (!text.empty()) *field = parse_rate(text, name);
            }
        } else {
            t.value = number("value");
            t.value_high = number("value_high");
            t.stretch = number("stretch");
        }
        if (const std::string text = cell("tolerance"); !text.empty()) {
            const std::string ascii = ascii_digits(text);
            t.tolerance_relative = ends_with(ascii, "%");
            const auto x = parse_number(t.tolerance_relative ? shift_decimal(trim(std::string_view(ascii).substr(0, ascii.size() - 1)), -2) : ascii);
            if (!x || (t.tolerance_relative && !parse_number(trim(std::string_view(ascii).substr(0, ascii.size() - 1))))) {
                throw parse_error("tolerance", text, "not a tolerance: expected a number (1.5) or a percentage of value (5%)", row.line, columns.column("tolerance"), source);
            }
            t.tolerance = x;
        }
        if (const std::string text = cell("period_start"); !text.empty()) t.period_start = parse_period_span(text, "period_start").first;
        if (const std::string text = cell("period"); !text.empty()) t.deadline = parse_period_span(text, "period").last;
        if (const std::string text = cell("baseline_period"); !text.empty()) t.baseline_period = parse_period_span(text, "baseline_period").last;
        t.baseline_value = number("baseline_value");
        current = "commitment";
        t.commit = parse_commitment(cell("commitment"));
        t.unit = key("unit");
        if (const std::string text = cell("bounds"); !text.empty()) t.bounds = parse_bounds(text);
        t.lead_unit = key("lead_unit");
        t.responsible_units = split_list(key("responsible_units"), ';');
        // Document and quote are kept exactly as written: they are evidence, not data.
        t.document = std::string(columns.get(row, "document"));
        t.quote = std::string(columns.get(row, "quote"));
        t.extra_columns = columns.extra_cells(row);
        t.file = source;
        t.line = row.line;
        current = "";
        t.validate();
        return t;
    } catch (const parse_error& e) {
        if (e.line() > 0) throw parse_error(e.field(), e.value(), about(e.reason()), e.line(), e.column(), e.source());
        const std::string field = e.field().empty() ? current : e.field();
        throw parse_error(field, e.value(), about(e.reason()), row.line, columns.column(field), source);
    } catch (const value_error& e) {
        const std::string field = e.field().empty() ? current : e.field();
        throw parse_error(field, std::string(columns.get(row, field)), about(e.reason()), row.line, columns.column(field), source);
    }
}

}  // namespace detail

/// Reads targets from CSV text. `source` names the file in error messages. Throws `parse_error`
/// (with line, column and field) for malformed text, unknown columns, unknown kinds or comparators,
/// unreadable numbers or periods, targets that do not fit their kind, and duplicate ids.
inline std::vector<target> read_targets(std::string_view text, const std::string& source = "targets") {
    const auto table = detail::parse_csv(text, source);
    const detail::csv_columns columns(table.header, target_columns(), {"id", "indicator", "kind", "period"}, source, {}, {}, true);
    std::vector<target> out;
    out.reserve(table.rows.size());
    std::set<std::string> ids;
    for (const auto& row : table.rows) {
        out.push_back(detail::read_target_row(row, columns, source));
        if (!ids.insert(out.back().id).second) {
            throw parse_error("id", out.back().id, "duplicate target id", row.line, columns.column("id"), source);
        }
    }
    return out;
}

/// Reads a targets CSV file.
inline std::vector<target> read_targets_file(const std::string& path) {
    return read_targets(detail::read_file(path), path);
}

/// A row of a targets file that could not be read as a target.
struct rejected_target {
    std::size_t line = 0;  ///< where the row starts
    std::string id;        ///< the id cell as written (trimmed; may be empty)
    std::string message;   ///< the complete error: file, line, column, field, target and reason
};

/// The targets of a file that could be read, and the rows that could not.
struct targets_reading {
    std::vector<target> targets;
    std::vector<rejected_target> rejected;
};

/// Reads targets as `read_targets` does, but keeps going past a bad row: a row that is not a valid
/// target (a deadline of 10009, an unknown kind, a duplicate id — the later row) is listed in
/// `rejected` with the error `read_targets` would have thrown, and the other rows are read. A file
/// that is not a CSV table with the targets columns (bad UTF-8, a ragged row, an unknown column) still
/// throws `parse_error`: no row of it can be trusted.
inline targets_reading read_targets_lenient(std::string_view text, const std::string& source = "targets") {
    const auto table = detail::parse_csv(text, source);
    const detail::csv_columns columns(table.header, target_columns(), {"id", "indicator", "kind", "period"}, source, {}, {}, true);
    targets_reading out;
    std::set<std::string> ids;
    for (const auto& row : table.rows) {
        const std::string id(detail::trim(columns.get(row, "id")));
        try {
            target t = detail::read_target_row(row, columns, source);
            if (!ids.insert(t.id).second) {
                throw parse_error("id", t.id, "duplicate target id", row.line, columns.column("id"), source);
            }
            out.targets.push_back(std::move(t));
        } catch (const parse_error& e) {
            out.rejected.push_back({row.line, id, e.what()});
        }
    }
    return out;
}

/// `read_targets_lenient` of a file.
inline targets_reading read_targets_file_lenient(const std::string& path) {
    return read_targets_lenient(detail::read_file(path), path);
}

namespace detail {

/// The CSV text of `targets` in the file's columns; with `checked`, the checks of `write_targets`.
inline std::string targets_text(const std::vector<target>& targets, bool checked) {
    // Declared bounds as parse_bounds reads them back; "none" switches them off, empty declares none.
    const auto bounds_text = [](const std::optional<value_bounds>& b) { return b ? b->to_string() : std::string(); };
    const bool with_bounds = std::any_of(targets.begin(), targets.end(), [](const target& t) { return t.bounds.has_value(); });
    // Extra columns (备注, owner …) after ontrack's, in the order first met; a target without one has an empty cell.
    std::vector<std::string> extra;
    for (const auto& t : targets) {
        for (const auto& [header, cell] : t.extra_columns) {
            if (std::find(extra.begin(), extra.end(), header) == extra.end()) extra.push_back(header);
        }
    }
    std::vector<std::string> header = target_columns();
    if (!with_bounds) header.pop_back();
    header.insert(header.end(), extra.begin(), extra.end());
    std::string out = detail::csv_line(header);
    const auto number = [](const std::optional<double>& x) { return x ? detail::format_number(*x) : std::string(); };
    const auto period_text = [](const std::optional<period>& p) { return p ? p->to_string() : std::string(); };
    std::set<std::string> ids;
    for (const auto& t : targets) {
        if (checked) t.validate();
        // Never write a file the reader rejects.
        if (checked && detail::trim(t.id).empty()) throw value_error("id", "every target needs an id (a target of '" + t.indicator + "' has none)");
        if (checked && !ids.insert(std::string(detail::trim(t.id))).second) throw value_error("id", "duplicate target id '" + t.id + "'");
        for (const auto& [name, key] : {std::pair<const char*, const std::string*>{"id", &t.id}, {"region", &t.region}, {"indicator", &t.indicator},
                                        {"unit", &t.unit}, {"lead_unit", &t.lead_unit}}) {
            detail::check_key(detail::trim(*key), name, 0, 0, "target '" + t.id + "'");
        }
        for (const auto& unit : t.responsible_units) {
            detail::check_key(detail::trim(unit), "responsible_units", 0, 0, "target '" + t.id + "'");
            if (unit.find(';') != std::string::npos) throw value_error("responsible_units", "target '" + t.id + "': a responsible unit cannot contain ';' (the list separator): '" + unit + "'");
        }
        const auto rate_or_number = [&](const std::optional<double>& x) {
            return x ? (t.is_rate() ? format_rate(*x) : detail::format_number(*x)) : std::string();
        };
        std::string tolerance;
        if (t.tolerance) tolerance = t.tolerance_relative ? detail::shift_decimal(detail::format_number(*t.tolerance), 2) + "%" : detail::format_number(*t.tolerance);
        std::vector<std::string> cells{t.id, t.region, t.indicator, to_string(t.kind), to_string(t.compare), rate_or_number(t.value),
                                       rate_or_number(t.value_high), tolerance, period_text(t.period_start), period_text(t.deadline),
                                       period_text(t.baseline_period), number(t.baseline_value), rate_or_number(t.stretch),
                                       to_string(t.commit), t.unit, t.lead_unit, detail::join(t.responsible_units, ";"), t.document, t.quote};
        if (with_bounds) cells.push_back(bounds_text(t.bounds));
        for (const auto& name : extra) {
            std::string cell;
            for (const auto& [h, c] : t.extra_columns) if (h == name) cell = c;
            cells.push_back(std::move(cell));
        }
        out += detail::csv_line(cells);
    }
    return out;
}

}  // namespace detail

/// The canonical CSV text of `targets` (header included; the `bounds` column only when a target
/// declares bounds). Throws `value_error` if a target is malformed,
/// has an empty or duplicate id, and `parse_error` for an invisible character in a key (the errors the
/// reader would raise on the file).
inline std::string write_targets(const std::vector<target>& targets) { return detail::targets_text(targets, true); }

/// The CSV text of draft targets for review, in the columns of `write_targets` but without its checks of
/// the targets themselves: a target still missing a field (an extracted row whose year the text does not
/// give has no deadline) is written with the cell empty. Not a targets file: `read_targets` refuses such a
/// row, naming it. Throws `parse_error` for an invisible character in a key, as `write_targets` does.
inline std::string write_draft_targets(const std::vector<target>& targets) { return detail::targets_text(targets, false); }

/// Writes `targets` to `path` in canonical form, atomically (no partial file on failure).
inline void write_targets_file(const std::string& path, const std::vector<target>& targets) {
    detail::write_file_atomically(path, write_targets(targets));
}

}  // namespace ontrack
