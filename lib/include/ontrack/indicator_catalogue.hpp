// The indicator catalogue: what each indicator id means, how plans and bulletins phrase it, its unit,
// kind, natural bounds and how long after its period it is first published. One table that the
// extractor (phrases → ids), the report (names), name suggestions, projections (bounds) and the as-of
// filter (publication lag) all read.
#pragma once

#include <ontrack/detail/csv.hpp>
#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/publication.hpp>
#include <ontrack/unit.hpp>
#include <ontrack/value_bounds.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

namespace detail {

/// The key a name is looked up by: trimmed, ASCII letters lower-cased, full-width parentheses and
/// blanks inside folded so that "R&D经费（亿元）" and "r&d经费(亿元)" meet.
inline std::string catalogue_key(std::string_view raw) {
    const auto text = trim(raw);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (starts_with(text.substr(i), "（")) { out += '('; i += 2; continue; }
        if (starts_with(text.substr(i), "）")) { out += ')'; i += 2; continue; }
        if (c == ' ' || c == '\t') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

/// An optional number field of the catalogue; throws `parse_error` naming line and column when the
/// field is neither empty nor a number.
inline std::optional<double> catalogue_number(const csv_columns& columns, const csv_row& row, std::string_view field,
                                              const std::string& source) {
    const auto text = trim(columns.get(row, field));
    if (text.empty()) return std::nullopt;
    const auto value = parse_number(text);
    if (!value || !std::isfinite(*value)) {
        throw parse_error(std::string(field), std::string(text), "not a number (leave it empty when there is none)", row.line, columns.column(field), source);
    }
    return value;
}

}  // namespace detail

/// One catalogue row: an indicator with its phrasings, natural bounds and publication lag.
struct indicator_info {
    std::string id;                        ///< "rd_intensity"
    std::string name_zh;                   ///< "研究与试验发展经费投入强度"
    std::string name_en;                   ///< "R&D intensity"
    std::vector<std::string> phrases_zh;   ///< other ways plans and bulletins write it ("研发投入强度", …)
    std::vector<std::string> phrases_en;   ///< English phrasings
    unit measure;                          ///< the unit its values are usually given in
    indicator_kind kind = indicator_kind::stock;
    direction better = direction::higher_is_better;
    std::optional<double> lower_bound;     ///< natural lower limit of any value (0 for counts, money, shares)
    std::optional<double> upper_bound;     ///< natural upper limit (100 for a share in %), none when unbounded
    std::optional<int> publication_lag_months;  ///< months after the end of a period until its first release
    std::string publication_note;          ///< which publication, and when it usually appears

    /// Every name and phrasing, Chinese and English, the id first.
    std::vector<std::string> names() const {
        std::vector<std::string> out{id};
        for (const auto* s : {&name_zh, &name_en}) if (!s->empty()) out.push_back(*s);
        out.insert(out.end(), phrases_zh.begin(), phrases_zh.end());
        out.insert(out.end(), phrases_en.begin(), phrases_en.end());
        return out;
    }
};

/// The columns of the catalogue CSV, in the order the writer uses.
inline const std::vector<std::string>& indicator_catalogue_columns() {
    static const std::vector<std::string> columns{"id",   "name_zh", "name_en",   "phrases_zh",  "phrases_en",             "unit",
                                                  "kind", "direction", "lower_bound", "upper_bound", "publication_lag_months", "publication_note"};
    return columns;
}

/// A set of indicators with unique ids and unique names: an id, a name or a phrase means one indicator.
/// An immutable value; lookups ignore surrounding blanks and, for Latin letters, case.
class indicator_catalogue {
public:
    indicator_catalogue() = default;

    /// Throws `value_error` on an empty or duplicate id, a lower bound above the upper bound, a negative
    /// publication lag, or a name or phrase that already means another indicator.
    explicit indicator_catalogue(std::vector<indicator_info> indicators) : indicators_(std::move(indicators)) {
        for (std::size_t i = 0; i < indicators_.size(); ++i) {
            const auto& info = indicators_[i];
            if (info.id.empty()) throw value_error("id", "an indicator needs an id");
            if (!ids_.emplace(info.id, i).second) throw value_error("id", "duplicate indicator id '" + info.id + "'");
            if (info.lower_bound && info.upper_bound && !(*info.lower_bound < *info.upper_bound)) {
                throw value_error("upper_bound", "indicator '" + info.id + "': the upper bound must exceed the lower bound");
            }
            if (info.publication_lag_months && *info.publication_lag_months < 0) {
                throw value_error("publication_lag_months", "indicator '" + info.id + "': a publication lag cannot be negative");
            }
            for (const auto& name : info.names()) {
                const std::string key = detail::catalogue_key(name);
                if (key.empty()) continue;
                const auto [it, inserted] = names_.emplace(key, i);
                if (!inserted && it->second != i) {
                    throw value_error("phrases_zh", "the name '" + name + "' means both '" + indicators_[it->second].id + "' and '" + info.id + "'");
                }
            }
        }
        phrases_by_length_.reserve(names_.size());
        for (const auto& [key, index] : names_) phrases_by_length_.emplace_back(key, index);
        std::stable_sort(phrases_by_length_.begin(), phrases_by_length_.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    }

    /// Every indicator, in file order.
    const std::vector<indicator_info>& indicators() const noexcept { return indicators_; }
    std::size_t size() const noexcept { return indicators_.size(); }
    bool contains(std::string_view id) const { return ids_.count(std::string(id)) > 0; }

    /// The indicator with this id, or nullptr.
    const indicator_info* find(std::string_view id) const {
        const auto it = ids_.find(std::string(detail::trim(id)));
        return it == ids_.end() ? nullptr : &indicators_[it->second];
    }

    /// The indicator with this id; throws `value_error` naming the id when there is none.
    const indicator_info& at(std::string_view id) const {
        if (const auto* info = find(id)) return *info;
        throw value_error("indicator", "no indicator with id '" + std::string(id) + "' in the catalogue");
    }

    /// The indicator that `name` means exactly — an id, a Chinese or English name or a phrase — or nullptr.
    const indicator_info* lookup(std::string_view name) const {
        const auto it = names_.find(detail::catalogue_key(name));
        return it == names_.end() ? nullptr : &indicators_[it->second];
    }

    /// The indicators whose names or phrases occur in `text`, longest phrase first, each once: a plan
    /// clause "研发经费投入强度达到2.5%" gives rd_intensity before rd_expenditure (whose phrase "研发经费"
    /// is shorter). Empty when none occurs.
    std::vector<const indicator_info*> match_phrase(std::string_view text) const {
        const std::string haystack = detail::catalogue_key(text);
        std::vector<const indicator_info*> out;
        for (const auto& [phrase, index] : phrases_by_length_) {
            if (haystack.find(phrase) == std::string::npos) continue;
            const auto* info = &indicators_[index];
            if (std::find(out.begin(), out.end(), info) == out.end()) out.push_back(info);
        }
        return out;
    }

private:
    std::vector<indicator_info> indicators_;
    std::map<std::string, std::size_t> ids_;
    std::map<std::string, std::size_t> names_;
    std::vector<std::pair<std::string, std::size_t>> phrases_by_length_;
};


/// Reads a catalogue from CSV text (columns of `indicator_catalogue_columns()`; `id` required, the rest
/// optional; phrases separated by '|'); `source` names the file in errors. Throws `parse_error` naming
/// line, column and field for: an empty or duplicate id, an unknown kind or direction, a bound or lag
/// that is not a number, a lower bound not below the upper bound, a negative or fractional lag, a
/// phrase that already means another indicator.
inline indicator_catalogue read_indicator_catalogue(std::string_view text, const std::string& source = "indicators") {
    const auto table = detail::parse_csv(text, source);
    const detail::csv_columns columns(table.header, indicator_catalogue_columns(), {"id"}, source);
    std::vector<indicator_info> indicators;
    std::map<std::string, std::size_t> line_of_id;
    std::map<std::string, std::pair<std::string, std::size_t>> owner_of_name;  // key → (id, line)
    for (const auto& row : table.rows) {
        const auto fail = [&](std::string_view field, std::string_view value, const std::string& reason) {
            return parse_error(std::string(field), std::string(value), reason, row.line, columns.column(field), source);
        };
        indicator_info info;
        info.id = std::string(detail::trim(columns.get(row, "id")));
        if (info.id.empty()) throw fail("id", "", "every indicator needs an id");
        if (const auto [it, inserted] = line_of_id.emplace(info.id, row.line); !inserted) {
            throw fail("id", info.id, "duplicate indicator id (first on line " + std::to_string(it->second) + ")");
        }
        info.name_zh = std::string(detail::trim(columns.get(row, "name_zh")));
        info.name_en = std::string(detail::trim(columns.get(row, "name_en")));
        info.phrases_zh = detail::split_list(columns.get(row, "phrases_zh"), '|');
        info.phrases_en = detail::split_list(columns.get(row, "phrases_en"), '|');
        info.measure = parse_unit(columns.get(row, "unit"));
        try {
            if (const auto kind = detail::trim(columns.get(row, "kind")); !kind.empty()) info.kind = parse_indicator_kind(kind);
        } catch (const parse_error& e) {
            throw fail("kind", e.value(), e.reason());
        }
        try {
            if (const auto better = detail::trim(columns.get(row, "direction")); !better.empty()) info.better = parse_direction(better);
        } catch (const parse_error& e) {
            throw fail("direction", e.value(), e.reason());
        }
        info.lower_bound = detail::catalogue_number(columns, row, "lower_bound", source);
        info.upper_bound = detail::catalogue_number(columns, row, "upper_bound", source);
        if (info.lower_bound && info.upper_bound && !(*info.lower_bound < *info.upper_bound)) {
            throw fail("upper_bound", detail::trim(columns.get(row, "upper_bound")), "the upper bound must exceed the lower bound");
        }
        if (const auto lag = detail::catalogue_number(columns, row, "publication_lag_months", source)) {
            if (*lag < 0 || *lag != std::floor(*lag) || *lag > 240) {
                throw fail("publication_lag_months", detail::trim(columns.get(row, "publication_lag_months")),
                           "a publication lag is a whole number of months from 0 to 240");
            }
            info.publication_lag_months = static_cast<int>(*lag);
        }
        info.publication_note = std::string(detail::trim(columns.get(row, "publication_note")));
        for (const auto& name : info.names()) {
            const std::string key = detail::catalogue_key(name);
            if (key.empty()) continue;
            const auto [it, inserted] = owner_of_name.emplace(key, std::make_pair(info.id, row.line));
            if (!inserted && it->second.first != info.id) {
                const bool is_en = std::find(info.phrases_en.begin(), info.phrases_en.end(), name) != info.phrases_en.end() || name == info.name_en;
                throw fail(is_en ? "phrases_en" : "phrases_zh", name,
                           "this name already means indicator '" + it->second.first + "' (line " + std::to_string(it->second.second) + ")");
            }
        }
        indicators.push_back(std::move(info));
    }
    return indicator_catalogue(std::move(indicators));
}

/// Reads a catalogue CSV file.
inline indicator_catalogue read_indicator_catalogue_file(const std::string& path) {
    return read_indicator_catalogue(detail::read_file(path), path);
}

/// CSV text of the catalogue, readable by `read_indicator_catalogue`.
inline std::string write_indicator_catalogue(const indicator_catalogue& catalogue) {
    const auto number = [](const std::optional<double>& v) { return v ? detail::format_number(*v) : std::string(); };
    std::string out = detail::csv_line(indicator_catalogue_columns());
    for (const auto& i : catalogue.indicators()) {
        out += detail::csv_line({i.id, i.name_zh, i.name_en, detail::join(i.phrases_zh, "|"), detail::join(i.phrases_en, "|"), i.measure.symbol,
                                 to_string(i.kind), to_string(i.better), number(i.lower_bound), number(i.upper_bound),
                                 i.publication_lag_months ? std::to_string(*i.publication_lag_months) : std::string(), i.publication_note});
    }
    return out;
}

/// The publication lags of an assessment with the catalogue's usual lag of each indicator
/// (`publication_lag_months`; indicators without one keep `defaults`' frequency lag).
inline publication_lags publication_lags_of(const indicator_catalogue& catalogue, publication_lags defaults = {}) {
    for (const auto& i : catalogue.indicators()) {
        if (i.publication_lag_months) defaults.by_indicator[i.id] = *i.publication_lag_months;
    }
    return defaults;
}

namespace detail {

/// Adds the bounds `i` declares (`lower_bound`, `upper_bound`, in its `unit`) to `out`; nothing when it
/// declares neither, so that its natural bounds apply.
inline void add_declared_bounds(indicator_bounds& out, const indicator_info& i) {
    if (!i.lower_bound && !i.upper_bound) return;
    out.by_indicator[i.id] = indicator_bounds::declared{value_bounds{i.lower_bound, i.upper_bound}, i.measure.symbol};
}

}  // namespace detail

/// The bounds the catalogue declares for each indicator (`lower_bound`, `upper_bound`, in the
/// indicator's `unit`); indicators with neither are left out, so that their natural bounds apply.
inline indicator_bounds bounds_of(const indicator_catalogue& catalogue) {
    indicator_bounds out;
    for (const auto& i : catalogue.indicators()) detail::add_declared_bounds(out, i);
    return out;
}

/// What `bounds_of(catalogue)` declares for indicator `id` alone (an empty table when the catalogue
/// does not know it or declares no bounds for it): for projecting one series, without copying the
/// whole catalogue's table at every call.
inline indicator_bounds bounds_of(const indicator_catalogue& catalogue, std::string_view id) {
    indicator_bounds out;
    if (const auto* i = catalogue.find(id)) detail::add_declared_bounds(out, *i);
    return out;
}

}  // namespace ontrack
