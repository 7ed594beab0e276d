// Observations in long form (region, indicator, period, value, unit, vintage, source): the table
// users keep next to their targets, from which series are drawn.
#pragma once

#include <ontrack/detail/csv.hpp>
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
    /// The value as it was written ("2.40"), kept so a file is written back as it was read; empty for
    /// values set in code.
    std::string value_text;
};

/// The columns of the observations CSV, in the order the writer uses.
inline const std::vector<std::string>& observation_columns() {
    static const std::vector<std::string> columns{"region", "indicator", "period", "value", "unit", "vintage", "source"};
    return columns;
}

namespace detail {

/// `value` in unit `from` expressed in unit `to` (same base): multiplying by a power-of-ten ratio, or
/// dividing by it when the target unit is larger, so 12345 万元 is exactly 1.2345 亿元.
inline double convert_value(double value, const unit& from, const unit& to) {
    if (!from.known() || !to.known() || from.scale == to.scale) return value;
    return from.scale > to.scale ? value * (from.scale / to.scale) : value / (to.scale / from.scale);
}

/// Puts the values of one series' rows, written in `units`, into one unit, and returns it: the unit of
/// the latest period's row, the others converted to it (万元 and 亿元, ‰ and %). Throws `value_error`
/// naming both units and their periods when two measure different things, or when some rows have a
/// unit and others none.
inline std::string unify_units(std::vector<double>& values, const std::vector<std::string>& units, const std::vector<period>& periods,
                               const std::string& indicator, const std::string& region) {
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
            throw value_error("unit", "'" + indicator + "' in '" + region + "' mixes units '" + units[i] + "' (" + periods[i].to_string() + ") and '" +
                                          units[latest] + "' (" + periods[latest].to_string() + ")" +
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
        const auto available = vintages(region, indicator);
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
        for (const auto& r : rows_) {
            if (r.region != region || r.indicator != indicator || r.vintage != chosen) continue;
            periods.push_back(r.at);
            values.push_back(r.value);
            units.push_back(r.unit);
        }
        const std::string unit = detail::unify_units(values, units, periods, indicator, region);
        return series::from_pairs(periods, values, indicator, region, unit);
    }

private:
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

/// Reads observations from CSV text; `source` names the file in errors. Values are numbers or empty
/// (not observed). Headers may be Chinese (地区, 指标, 年份, 数值, 单位, 版本, 来源; `column_names.hpp`); a
/// note column (备注) and the descriptive columns of a data-request sheet (`observation_aside_columns`)
/// are accepted and not read; and rows of empty cells are skipped. A wide table, with
/// a column per period (2019, 2020 … or 2020年) instead of `period` and `value`, gives one observation
/// per non-empty cell of those columns. Throws `parse_error` naming line, column and field for
/// anything else, including duplicate rows.
inline observation_table read_observations(std::string_view text, const std::string& source = "observations") {
    const auto table = detail::parse_csv(text, source);
    const auto wide = detail::period_columns(table.header);
    std::vector<std::size_t> skip;
    for (const auto& [at, p] : wide) skip.push_back(at);
    const detail::csv_columns columns(table.header, observation_columns(),
                                      wide.empty() ? std::vector<std::string>{"region", "indicator", "period", "value"}
                                                   : std::vector<std::string>{"region", "indicator"},
                                      source, skip, observation_aside_columns());
    if (!wide.empty() && (columns.has("period") || columns.has("value"))) {
        const std::string both = columns.has("period") ? "period" : "value";
        throw parse_error(both, std::string(detail::trim(table.header[wide.front().first])),
                          "the header has both a '" + both + "' column and period columns such as '" + std::string(detail::trim(table.header[wide.front().first])) +
                              "': write a long table (period, value) or a wide one (a column per period), not both",
                          1, wide.front().first + 1, source);
    }
    std::vector<observation> rows;
    rows.reserve(table.rows.size() * std::max<std::size_t>(1, wide.size()));
    std::map<std::tuple<std::string, std::string, std::int64_t, int, std::string>, std::size_t> first_line;
    const auto add = [&](const detail::csv_row& row, const period& at, std::string_view value_text, std::size_t value_column) {
        observation o;
        o.region = std::string(detail::trim(columns.get(row, "region")));
        o.indicator = std::string(detail::trim(columns.get(row, "indicator")));
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
        o.unit = std::string(detail::trim(columns.get(row, "unit")));
        o.vintage = std::string(detail::trim(columns.get(row, "vintage")));
        o.source = std::string(columns.get(row, "source"));
        const auto key = std::make_tuple(o.region, o.indicator, o.at.ordinal(), static_cast<int>(o.at.freq()), o.vintage);
        if (const auto [it, inserted] = first_line.emplace(key, row.line); !inserted) {
            throw parse_error(wide.empty() ? std::string("period") : value_field, o.at.to_string(),
                              "duplicate observation of " + o.region + " / " + o.indicator +
                                  (o.vintage.empty() ? std::string() : " / vintage " + o.vintage) + " (first on line " + std::to_string(it->second) + ")",
                              row.line, wide.empty() ? columns.column("period") : value_column, source);
        }
        rows.push_back(std::move(o));
    };
    for (const auto& row : table.rows) {
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
    }
    return observation_table(std::move(rows));
}

/// Reads an observations CSV file.
inline observation_table read_observations_file(const std::string& path) {
    return read_observations(detail::read_file(path), path);
}

/// CSV text of the table: values as they were read when unchanged, otherwise in shortest exact form.
inline std::string write_observations(const observation_table& table) {
    std::string out = detail::csv_line(observation_columns());
    for (const auto& r : table.rows()) {
        std::string value = detail::format_number(r.value);
        if (!r.value_text.empty()) {
            const auto original = detail::parse_number(r.value_text);
            if (original && *original == r.value) value = r.value_text;
        }
        out += detail::csv_line({r.region, r.indicator, r.at.to_string(), value, r.unit, r.vintage, r.source});
    }
    return out;
}

/// Writes the table to `path` atomically.
inline void write_observations_file(const std::string& path, const observation_table& table) {
    detail::write_file_atomically(path, write_observations(table));
}

}  // namespace ontrack
