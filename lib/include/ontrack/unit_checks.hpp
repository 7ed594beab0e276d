// Unit safety checks over a plan's targets and their observations: figures that are probably in the
// wrong scale while their unit looks right (a spreadsheet's 1.3% arriving as 0.013), series without a
// unit against a percent target, and observations in a unit that measures something else than their
// target's (亿元 against %). The assessment converts compatible units and refuses incompatible ones;
// these checks say, before it runs, which rows to fix and where they were read.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/target.hpp>
#include <ontrack/unit.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ontrack {

/// What a unit warning is about: a figure about 100 times off (`scale`: a percentage stored as a
/// fraction, or the reverse), or a series without a unit against a percent target (`missing_unit`).
enum class unit_warning_kind { scale, missing_unit };

/// One warning of `unit_warnings`: its kind and a message naming the series, the target and the fix.
struct unit_warning {
    unit_warning_kind kind = unit_warning_kind::scale;
    std::string message;
};

/// One finding of `unit_mismatches`: the file the offending observation rows come from (empty when
/// made in code) and a message naming the target, where it and the rows were read, and the fix.
struct unit_mismatch {
    std::string file;
    std::string message;
};

/// Where observation rows made in code came from: (region, indicator, period text, vintage) → file.
using observation_origins = std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string>;

namespace detail {

// How close to 100 a ratio must be to look like a percentage stored as a fraction (or the reverse).
inline constexpr double factor_low = 30.0, factor_high = 300.0;

inline bool looks_100x(double ratio) { return factor_low <= ratio && ratio <= factor_high; }

inline bool is_percent_unit(const std::string& text) { return parse_unit(text).base == "percent"; }

// printf's %g (six significant digits) and %.0f: the forms the messages print numbers in.
inline std::string format_general(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
}
inline std::string format_whole(double x) {
    char buffer[400];  // %.0f of the largest double has 309 digits
    std::snprintf(buffer, sizeof buffer, "%.0f", x);
    return buffer;
}

// The median of `values` (the mean of the middle two for an even count); `values` is reordered.
inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// The first file `found` comes from, and its files and lines in one phrase ("obs.csv, lines 3, 4").
inline std::pair<std::string, std::string> rows_phrase(const std::vector<const observation*>& found, const observation_origins& origins) {
    std::vector<std::pair<std::string, std::vector<std::size_t>>> by_file;  // in order of first appearance
    for (const observation* o : found) {
        std::string file = o->file;
        if (file.empty()) {
            const auto origin = origins.find({o->region, o->indicator, o->at.to_string(), o->vintage});
            if (origin != origins.end()) file = origin->second;
        }
        if (file.empty()) continue;
        auto entry = std::find_if(by_file.begin(), by_file.end(), [&](const auto& e) { return e.first == file; });
        if (entry == by_file.end()) entry = by_file.insert(by_file.end(), {file, {}});
        entry->second.push_back(o->line);
    }
    std::vector<std::string> parts;
    for (const auto& [file, numbers] : by_file) {
        std::set<std::size_t> lines(numbers.begin(), numbers.end());
        lines.erase(0);
        if (lines.empty()) {
            parts.push_back(file);
            continue;
        }
        std::string shown;
        std::size_t count = 0;
        for (const std::size_t n : lines) {
            if (count == 3) break;
            shown += (count++ == 0 ? "" : ", ") + std::to_string(n);
        }
        if (lines.size() > 3) shown += " … (" + std::to_string(lines.size()) + " rows)";
        parts.push_back(file + ", " + line_word(file) + (lines.size() > 1 ? "s " : " ") + shown);
    }
    return {by_file.empty() ? std::string() : by_file.front().first, join(parts, "; ")};
}

// "2021" for one period, "2019–2021" for several (the texts sorted as text).
inline std::string period_span(const std::vector<const observation*>& found) {
    std::set<std::string> texts;
    for (const observation* o : found) texts.insert(o->at.to_string());
    return texts.size() == 1 ? *texts.begin() : *texts.begin() + "–" + *texts.rbegin();
}

// Rows by (region, indicator), in table order; `observed_only` leaves out rows without a value.
inline std::map<std::pair<std::string, std::string>, std::vector<const observation*>> rows_by_series(const observation_table& observations,
                                                                                                      bool observed_only) {
    std::map<std::pair<std::string, std::string>, std::vector<const observation*>> out;
    for (const auto& o : observations.rows()) {
        if (!observed_only || !std::isnan(o.value)) out[{o.region, o.indicator}].push_back(&o);
    }
    return out;
}

// Within one series of positive levels: a value about 100 times smaller (or larger) than the two periods
// next to it — one on each side, or the two after the first, before the last — rather than the whole
// series, so that a level drifting down is not flagged.
inline void scale_jumps(const std::string& region, const std::string& indicator, std::vector<const observation*> rows,
                        std::vector<unit_warning>& out) {
    // Levels only: a rate series may cross zero, where ratios mean nothing.
    if (rows.size() < 3 || std::any_of(rows.begin(), rows.end(), [](const observation* r) { return r->value <= 0.0; })) return;
    std::stable_sort(rows.begin(), rows.end(), [](const observation* a, const observation* b) { return a->at < b->at; });
    const std::size_t n = rows.size();
    for (std::size_t k = 0; k < n; ++k) {
        const observation& o = *rows[k];
        const std::pair<std::size_t, std::size_t> near = (k > 0 && k + 1 < n) ? std::make_pair(k - 1, k + 1)
                                                         : k == 0                ? std::make_pair(std::size_t{1}, std::size_t{2})
                                                                                 : std::make_pair(k - 1, k - 2);
        const double first = rows[near.first]->value, second = rows[near.second]->value;
        const double ratios[2] = {first / o.value, second / o.value};
        for (const bool smaller : {true, false}) {
            const double factors[2] = {smaller ? ratios[0] : 1.0 / ratios[0], smaller ? ratios[1] : 1.0 / ratios[1]};
            if (!looks_100x(factors[0]) || !looks_100x(factors[1])) continue;
            out.push_back({unit_warning_kind::scale,
                           "'" + indicator + "' in '" + region + "': " + o.at.to_string() + " is " + format_general(o.value) + ", about " +
                               format_whole(median({factors[0], factors[1]})) + " times " + (smaller ? "smaller" : "larger") +
                               " than the periods next to it (" + format_general(median({first, second})) +
                               "): a percentage stored as a fraction? Check the cell and its unit."});
        }
    }
}

}  // namespace detail

/// Figures probably in the wrong unit, in this order: within each series of positive levels (series in
/// order of region and indicator), a value about 100 times smaller or larger than the two periods next
/// to it (`scale`); then for each target in percent that is not a growth rate, its series without a
/// unit (`missing_unit`, once per series) and a series about 100 times below or above it (`scale`,
/// by the median of the absolute values; series in other units than percent are left to
/// `unit_mismatches`). Rows without a value are not read. "About 100 times" is a factor in 30..300.
inline std::vector<unit_warning> unit_warnings(const std::vector<target>& targets, const observation_table& observations) {
    const auto series = detail::rows_by_series(observations, true);
    std::vector<unit_warning> out;
    for (const auto& [key, rows] : series) detail::scale_jumps(key.first, key.second, rows, out);
    std::set<std::pair<std::string, std::string>> warned_empty;
    for (const auto& t : targets) {
        const auto held = series.find({t.region, t.indicator});
        if (held == series.end() || held->second.empty() || !detail::is_percent_unit(t.unit) || t.is_rate()) continue;
        std::set<std::string> units;
        for (const observation* r : held->second) units.insert(r->unit);
        if (units == std::set<std::string>{""} && warned_empty.emplace(t.region, t.indicator).second) {
            out.push_back({unit_warning_kind::missing_unit, "target '" + t.id + "' is in " + t.unit + " but the observations of '" + t.indicator +
                                                                "' in '" + t.region +
                                                                "' have no unit: they are compared as percentages; write % in their unit column."});
        }
        if (!t.value || *t.value == 0.0) continue;
        if (!std::all_of(units.begin(), units.end(), [](const std::string& u) { return u.empty() || detail::is_percent_unit(u); })) continue;
        std::vector<double> magnitudes;
        for (const observation* r : held->second) magnitudes.push_back(std::fabs(r->value));
        const double middle = detail::median(std::move(magnitudes));
        if (middle == 0.0) continue;
        const double ratio = std::fabs(*t.value) / middle;
        if (!detail::looks_100x(ratio)) continue;
        out.push_back({unit_warning_kind::scale,
                       "target '" + t.id + "' is " + detail::format_general(*t.value) + t.unit + " but the observations of '" + t.indicator +
                           "' in '" + t.region + "' are about " + detail::format_whole(ratio) + " times smaller (median " +
                           detail::format_general(middle) +
                           "): percentages stored as fractions (0.013 for 1.3%)? Write them as percent values, or read the workbook with "
                           "ontrack (it honours percent formats)."});
    }
    return out;
}

/// Every target whose observations are in a unit that measures something else than the target's (亿元
/// against %; both units known, their bases differ): what the assessment would refuse, one finding per
/// target and unit, in target order. The message names the target id and where the target was read
/// (file and line), the file and lines of the observation rows (a sheet's name and rows for a
/// workbook; `origins` for rows made in code), the periods concerned and the fix. Growth targets are
/// left out (their unit may describe the base value).
inline std::vector<unit_mismatch> unit_mismatches(const std::vector<target>& targets, const observation_table& observations,
                                                  const observation_origins& origins = {}) {
    const auto series = detail::rows_by_series(observations, false);
    std::vector<unit_mismatch> out;
    for (const auto& t : targets) {
        const auto held = series.find({t.region, t.indicator});
        if (held == series.end() || held->second.empty() || t.is_rate()) continue;
        const unit wanted = parse_unit(t.unit);
        std::vector<std::pair<std::string, std::vector<const observation*>>> by_unit;  // in order of first appearance
        for (const observation* o : held->second) {
            auto entry = std::find_if(by_unit.begin(), by_unit.end(), [&](const auto& e) { return e.first == o->unit; });
            if (entry == by_unit.end()) entry = by_unit.insert(by_unit.end(), {o->unit, {}});
            entry->second.push_back(o);
        }
        for (const auto& [written, found] : by_unit) {
            const unit have = parse_unit(written);
            if (wanted.symbol.empty() || have.symbol.empty() || wanted.base == have.base) continue;
            const auto [file, where] = detail::rows_phrase(found, origins);
            const std::string target_place = detail::place(t.file, t.line);
            out.push_back({file, "target '" + t.id + "'" + (target_place.empty() ? "" : " (" + target_place + ")") + " is in '" + t.unit +
                                     "' but the observations of '" + t.indicator + "' in '" + t.region + "' are in '" + written + "' (" +
                                     (where.empty() ? "" : where + "; ") + detail::period_span(found) +
                                     "): they measure different things; correct the unit column of those rows, or the target's unit"});
        }
    }
    return out;
}

}  // namespace ontrack
