// Observations in long form (region, indicator, period, value, unit, vintage, source): the table
// users keep next to their targets, from which series are drawn.
#pragma once

#include <ontrack/detail/csv.hpp>
#include <ontrack/publication.hpp>
#include <ontrack/series.hpp>
#include <ontrack/unit.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ontrack {

/// One published figure.
struct observation {
    std::string region;
    std::string indicator;
    period at = period::year(2000);
    double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN: listed but not observed
    std::string unit;
    std::string vintage;  ///< which release ("first_release", "yearbook", a date); empty when only one
    std::string source;   ///< publication and year the figure was read from
    /// The day the figure was first published, when known: an assessment as of an earlier day does not
    /// use it (see `select_series`). Empty: a dated vintage, or a publication lag, says when.
    std::optional<boost::gregorian::date> published;
    /// The value as it was written ("2.40"), kept so a file is written back as it was read; empty for
    /// values set in code.
    std::string value_text;
    /// Columns of the file ontrack does not read (备注, owner, a data request's 编号 …) as (header as
    /// written, cell as written) of the observation's row. Observations of one wide row share them.
    std::vector<std::pair<std::string, std::string>> extra_columns;
    /// Where the observation was read: the file (or "book.xlsx, sheet 'S'") and the line of its row (a
    /// sheet's row number); empty and 0 when made in code. Unit errors name them.
    std::string file;
    std::size_t line = 0;
};

/// The columns of the observations CSV, in the order the writer uses. `published` (YYYY-MM-DD) is
/// optional: the writer adds it only when a row has a publication date.
inline const std::vector<std::string>& observation_columns() {
    static const std::vector<std::string> columns{"region", "indicator", "period", "value", "unit", "vintage", "published", "source"};
    return columns;
}

namespace detail {

/// `value` in unit `from` expressed in unit `to` (same base): multiplying by a power-of-ten ratio, or
/// dividing by it when the target unit is larger, so 12345 万元 is exactly 1.2345 亿元.
inline double convert_value(double value, const unit& from, const unit& to) {
    if (!from.known() || !to.known() || from.scale == to.scale) return value;
    return from.scale > to.scale ? value * (from.scale / to.scale) : value / (to.scale / from.scale);
}

/// What a line of `file` is called: "row" for a workbook's sheet ("book.xlsx, sheet 'S'"), else "line".
inline const char* line_word(const std::string& file) { return file.find(", sheet '") != std::string::npos ? "row" : "line"; }

/// "obs.csv, line 5" ("book.xlsx, sheet 'S', row 5"); the file alone without a line, "" when made in code.
inline std::string place(const std::string& file, std::size_t line) {
    if (file.empty() || line == 0) return file;
    return file + ", " + line_word(file) + " " + std::to_string(line);
}

/// Where an observation was read ("obs.csv, line 5"); empty when made in code or read without a line.
inline std::string place_of(const observation& r) { return r.line == 0 ? std::string() : place(r.file, r.line); }

/// Puts the values of one series' rows, written in `units`, into one unit, and returns it: the unit of
/// the latest period's row, the others converted to it (万元 and 亿元, ‰ and %). Throws `value_error`
/// naming both units and their periods when two measure different things, or when some rows have a
/// unit and others none.
inline std::string unify_units(std::vector<double>& values, const std::vector<std::string>& units, const std::vector<period>& periods,
                               const std::string& indicator, const std::string& region, const std::vector<std::string>& places = {}) {
    // "obs.csv, line 5" after a period, when the rows say where they were read.
    const auto at = [&](std::size_t i) { return i < places.size() && !places[i].empty() ? ", " + places[i] : std::string(); };
    if (units.empty()) return {};
    std::size_t latest = 0;
    for (std::size_t i = 1; i < periods.size(); ++i) {
        if (periods[i].freq() == periods[latest].freq() && periods[latest] < periods[i]) latest = i;
    }
    const unit target = parse_unit(units[latest]);
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (units[i] == units[latest]) continue;
        const unit from = parse_unit(units[i]);
        if (!from.known() || !target.known() || from.base != target.base) {
            throw value_error("unit", "'" + indicator + "' in '" + region + "' mixes units '" + units[i] + "' (" + periods[i].to_string() + at(i) + ") and '" +
                                          units[latest] + "' (" + periods[latest].to_string() + at(latest) + ")" +
                                          (!from.known() || !target.known() ? ": fill in the unit of every row"
                                                                            : ", which measure different things: correct the unit column"));
        }
        values[i] = convert_value(values[i], from, target);
    }
    return units[latest];
}

}  // namespace detail

/// A table of observations with unique (region, indicator, period, vintage).
class observation_table {
public:
    observation_table() = default;

    /// Throws `value_error` when two rows share region, indicator, period and vintage, or a value is infinite.
    explicit observation_table(std::vector<observation> rows) : rows_(std::move(rows)) {
        std::set<std::tuple<std::string, std::string, std::int64_t, int, std::string>> seen;
        for (const auto& r : rows_) {
            if (std::isinf(r.value)) throw value_error("value", "infinite value for " + r.region + " / " + r.indicator + " " + r.at.to_string());
            if (!seen.emplace(r.region, r.indicator, r.at.ordinal(), static_cast<int>(r.at.freq()), r.vintage).second) {
                throw value_error("period", "duplicate observation: " + describe(r));
            }
        }
    }

    const std::vector<observation>& rows() const noexcept { return rows_; }
    std::size_t size() const noexcept { return rows_.size(); }

    /// The vintages present for a region and indicator (sorted; "" when rows carry none).
    std::vector<std::string> vintages(const std::string& region, const std::string& indicator) const {
        std::set<std::string> found;
        for (const auto& r : rows_) if (r.region == region && r.indicator == indicator) found.insert(r.vintage);
        return {found.begin(), found.end()};
    }

private:
    static std::string list_vintages(const std::vector<std::string>& vintages) {
        std::vector<std::string> named;
        for (const auto& v : vintages) named.push_back(v.empty() ? "(no vintage)" : v);
        return detail::join(named, ", ");
    }

public:

    /// Whether any row is about this region and indicator.
    bool contains(const std::string& region, const std::string& indicator) const {
        for (const auto& r : rows_) if (r.region == region && r.indicator == indicator) return true;
        return false;
    }

    /// The series of one indicator in one region. With several vintages, `vintage` must say which
    /// (throws `value_error` listing them); with one, it may be omitted. Rows in units of one kind
    /// (万元 and 亿元) are put in the unit of the latest period (`detail::unify_units`). Throws `data_error`
    /// when no row matches, and `value_error` when the rows mix units that measure different things,
    /// or frequencies.
    series select(const std::string& region, const std::string& indicator, const std::optional<std::string>& vintage = std::nullopt) const {
        return select_from(nullptr, region, indicator, vintage);
    }

    /// `select` looking only at the rows numbered `candidates` (in table order; e.g. an index's group of
    /// this region and indicator), so that selecting many series does not scan the table each time.
    /// The same result as `select` when `candidates` holds every row of the region and indicator.
    series select(const std::string& region, const std::string& indicator, const std::optional<std::string>& vintage,
                  const std::vector<std::size_t>& candidates) const {
        return select_from(&candidates, region, indicator, vintage);
    }

private:
    series select_from(const std::vector<std::size_t>* candidates, const std::string& region, const std::string& indicator,
                       const std::optional<std::string>& vintage) const {
        const auto each = [&](const auto& visit) {
            if (candidates == nullptr) {
                for (const auto& r : rows_) if (r.region == region && r.indicator == indicator) visit(r);
            } else {
                for (const auto i : *candidates) if (rows_.at(i).region == region && rows_[i].indicator == indicator) visit(rows_[i]);
            }
        };
        std::set<std::string> found;
        each([&](const observation& r) { found.insert(r.vintage); });
        const std::vector<std::string> available(found.begin(), found.end());
        if (available.empty()) throw data_error("no observations of '" + indicator + "' in '" + region + "'");
        std::string chosen;
        if (vintage) {
            chosen = *vintage;
            if (std::find(available.begin(), available.end(), chosen) == available.end()) {
                throw value_error("vintage", "no vintage '" + chosen + "' of '" + indicator + "' in '" + region + "' (available: " + list_vintages(available) + ")");
            }
        } else if (available.size() == 1) {
            chosen = available.front();
        } else {
            throw value_error("vintage", "'" + indicator + "' in '" + region + "' has several vintages (" + list_vintages(available) + "): say which one");
        }
        std::vector<period> periods;
        std::vector<double> values;
        std::vector<std::string> units;
        std::vector<std::string> places;
        each([&](const observation& r) {
            if (r.vintage != chosen) return;
            periods.push_back(r.at);
            values.push_back(r.value);
            units.push_back(r.unit);
            places.push_back(detail::place_of(r));
        });
        const std::string unit = detail::unify_units(values, units, periods, indicator, region, places);
        return series::from_pairs(periods, values, indicator, region, unit);
    }

    static std::string describe(const observation& r) {
        return r.region + " / " + r.indicator + " / " + r.at.to_string() + (r.vintage.empty() ? std::string() : " / vintage " + r.vintage);
    }

    std::vector<observation> rows_;
};

namespace detail {

/// The 0-based positions and periods of header cells that are periods (2019, 2020年, 2021-Q1) rather
/// than column names: the year columns of a wide table.
inline std::vector<std::pair<std::size_t, period>> period_columns(const std::vector<std::string>& header) {
    std::vector<std::pair<std::size_t, period>> out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name(trim(header[i]));
        if (name.empty() || is_note_column(name)) continue;
        const std::string canonical = canonical_column_name(name);
        bool known = false;
        for (const auto& c : observation_columns()) known = known || c == canonical;
        for (const auto& c : observation_aside_columns()) known = known || c == canonical;
        if (known) continue;
        try {
            out.emplace_back(i, period::parse(name, "period"));
        } catch (const parse_error&) {
        }
    }
    return out;
}

}  // namespace detail

/// A row of an observations file that could not be read (`read_observations_lenient`).
struct rejected_observation_row {
    std::size_t line = 0;  ///< where the row starts
    std::string message;   ///< the complete error: file, line, column, field, value and the fix
};

/// The observations of a file that could be read, and the rows that could not.
struct observations_reading {
    observation_table table;
    std::vector<rejected_observation_row> rejected;
};

namespace detail {

/// `read_observations`, and with `rejected` given, `read_observations_lenient`.
inline observation_table read_observation_rows(std::string_view text, const std::string& source, std::vector<rejected_observation_row>* rejected) {
    const auto table = detail::parse_csv(text, source);
    const auto wide = detail::period_columns(table.header);
    std::vector<std::size_t> skip;
    for (const auto& [at, p] : wide) skip.push_back(at);
    const detail::csv_columns columns(table.header, observation_columns(),
                                      wide.empty() ? std::vector<std::string>{"region", "indicator", "period", "value"}
                                                   : std::vector<std::string>{"region", "indicator"},
                                      source, skip, observation_aside_columns(), true);
    if (!wide.empty() && (columns.has("period") || columns.has("value"))) {
        const std::string both = columns.has("period") ? "period" : "value";
        throw parse_error(both, std::string(detail::trim(table.header[wide.front().first])),
                          "the header has both a '" + both + "' column and period columns such as '" + std::string(detail::trim(table.header[wide.front().first])) +
                              "': write a long table (period, value) or a wide one (a column per period), not both",
                          1, wide.front().first + 1, source);
    }
    std::vector<observation> rows;
    rows.reserve(table.rows.size() * std::max<std::size_t>(1, wide.size()));
    using row_key_type = std::tuple<std::string, std::string, std::int64_t, int, std::string>;
    std::map<row_key_type, std::size_t> first_line;
    // The observations of the row being read and their keys: kept only when the whole row reads.
    std::vector<observation> found;
    std::vector<row_key_type> found_keys;
    const auto add = [&](const detail::csv_row& row, const period& at, std::string_view value_text, std::size_t value_column) {
        observation o;
        const auto key = [&](const char* name) {
            std::string value(detail::trim(columns.get(row, name)));
            detail::check_key(value, name, row.line, columns.column(name), source);
            return value;
        };
        o.region = key("region");
        o.indicator = key("indicator");
        if (o.indicator.empty()) throw parse_error("indicator", "", "every observation needs an indicator", row.line, columns.column("indicator"), source);
        o.at = at;
        o.value_text = std::string(detail::trim(value_text));
        const std::string value_field = wide.empty() ? std::string("value") : at.to_string();
        if (!o.value_text.empty()) {
            const auto x = detail::parse_number(o.value_text);
            if (!x) {
                const std::string hint = detail::number_hint(o.value_text);
                throw parse_error(value_field, o.value_text,
                                  hint.empty() ? "not a number (write plain digits such as 1234.5, or leave the cell empty when not observed)"
                                               : "not a number: " + hint,
                                  row.line, value_column, source);
            }
            o.value = *x;
        }
        o.unit = key("unit");
        o.vintage = key("vintage");
        o.source = std::string(columns.get(row, "source"));
        if (const auto published = detail::trim(columns.get(row, "published")); !published.empty()) {
            if (!is_iso_date(published)) {
                throw parse_error("published", std::string(published), "not an ISO date (write the day of first publication as YYYY-MM-DD, or leave the cell empty)",
                                  row.line, columns.column("published"), source);
            }
            o.published = parse_iso_date(published, "published");
            if (!(o.at.last_day() < *o.published)) {
                throw parse_error("published", std::string(published), "published on or before the last day of its period " + o.at.to_string() + " (the day of first publication comes after the period ends)",
                                  row.line, columns.column("published"), source);
            }
        }
        auto row_key = std::make_tuple(o.region, o.indicator, o.at.ordinal(), static_cast<int>(o.at.freq()), o.vintage);
        const auto it = first_line.find(row_key);
        const bool in_row = std::find(found_keys.begin(), found_keys.end(), row_key) != found_keys.end();
        if (it != first_line.end() || in_row) {
            throw parse_error(wide.empty() ? std::string("period") : value_field, o.at.to_string(),
                              "duplicate observation of " + o.region + " / " + o.indicator +
                                  (o.vintage.empty() ? std::string() : " / vintage " + o.vintage) + " (first on line " +
                                  std::to_string(in_row ? row.line : it->second) + ")",
                              row.line, wide.empty() ? columns.column("period") : value_column, source);
        }
        o.extra_columns = columns.extra_cells(row);
        o.file = source;
        o.line = row.line;
        found.push_back(std::move(o));
        found_keys.push_back(std::move(row_key));
    };
    for (const auto& row : table.rows) {
        found.clear();
        found_keys.clear();
        try {
            if (wide.empty()) {
                period at = period::year(2000);
                try {
                    at = period::parse(columns.get(row, "period"), "period");
                } catch (const parse_error& e) {
                    throw parse_error("period", e.value(), e.reason(), row.line, columns.column("period"), source);
                }
                add(row, at, columns.get(row, "value"), columns.column("value"));
            } else {
                for (const auto& [position, at] : wide) {
                    if (!detail::trim(row.fields[position]).empty()) add(row, at, row.fields[position], position + 1);
                }
            }
        } catch (const parse_error& e) {
            if (rejected == nullptr) throw;
            rejected->push_back({row.line, e.what()});
            continue;
        }
        for (auto& key : found_keys) first_line.emplace(std::move(key), row.line);
        for (auto& o : found) rows.push_back(std::move(o));
    }
    return observation_table(std::move(rows));
}

}  // namespace detail

/// Reads observations from CSV text; `source` names the file in errors. Values are numbers or empty
/// (not observed). Headers may be Chinese (地区, 指标, 年份, 数值, 单位, 版本, 来源; `column_names.hpp`); a
/// note column (备注) and the descriptive columns of a data-request sheet (`observation_aside_columns`)
/// are accepted and not read; and rows of empty cells are skipped. A wide table, with
/// a column per period (2019, 2020 … or 2020年) instead of `period` and `value`, gives one observation
/// per non-empty cell of those columns. Throws `parse_error` naming line, column and field for
/// anything else, including duplicate rows.
inline observation_table read_observations(std::string_view text, const std::string& source = "observations") {
    return detail::read_observation_rows(text, source, nullptr);
}

/// Reads observations as `read_observations` does, but keeps going past a bad row: a row with a value
/// that is not a number, a bad period or day, a missing indicator, or a duplicate of an earlier row is
/// listed in `rejected` with the error `read_observations` would have thrown (all of the row's
/// observations are left out: a wide row is one row), and the other rows are read. A file that is not
/// a CSV table with the observations columns (bad UTF-8, a ragged row, a missing or misspelt column)
/// still throws `parse_error`: no row of it can be trusted.
inline observations_reading read_observations_lenient(std::string_view text, const std::string& source = "observations") {
    observations_reading out;
    out.table = detail::read_observation_rows(text, source, &out.rejected);
    return out;
}

/// `read_observations_lenient` of a file.
inline observations_reading read_observations_file_lenient(const std::string& path) {
    return read_observations_lenient(detail::read_file(path), path);
}

/// Reads an observations CSV file.
inline observation_table read_observations_file(const std::string& path) {
    return read_observations(detail::read_file(path), path);
}

/// CSV text of the table: values as they were read when unchanged, otherwise in shortest exact form.
/// Throws `value_error` for an empty indicator and `parse_error` for an invisible character in a key
/// (what the reader would reject).
inline std::string write_observations(const observation_table& table) {
    bool dated = false;
    for (const auto& r : table.rows()) dated = dated || r.published.has_value();
    std::vector<std::string> header;
    for (const auto& c : observation_columns()) if (dated || c != "published") header.push_back(c);
    std::string out = detail::csv_line(header);
    for (const auto& r : table.rows()) {
        // Never write a file the reader rejects.
        if (detail::trim(r.indicator).empty()) throw value_error("indicator", "every observation needs an indicator (" + r.region + " " + r.at.to_string() + ")");
        for (const auto& [name, key] : {std::pair<const char*, const std::string*>{"region", &r.region}, {"indicator", &r.indicator},
                                        {"unit", &r.unit}, {"vintage", &r.vintage}}) {
            detail::check_key(detail::trim(*key), name, 0, 0, r.region + " / " + r.indicator + " " + r.at.to_string());
        }
        std::string value = detail::format_number(r.value);
        if (!r.value_text.empty()) {
            const auto original = detail::parse_number(r.value_text);
            if (original && *original == r.value) value = r.value_text;
        }
        if (dated) out += detail::csv_line({r.region, r.indicator, r.at.to_string(), value, r.unit, r.vintage, r.published ? iso_date(*r.published) : std::string(), r.source});
        else out += detail::csv_line({r.region, r.indicator, r.at.to_string(), value, r.unit, r.vintage, r.source});
    }
    return out;
}

/// Writes the table to `path` atomically.
inline void write_observations_file(const std::string& path, const observation_table& table) {
    detail::write_file_atomically(path, write_observations(table));
}

}  // namespace ontrack
