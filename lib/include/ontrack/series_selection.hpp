// Series selection: which observations a target is assessed with. One policy, used by the batch
// assessment, by `ontrack.select_series`, `assess_table` and `evaluate_table`: the vintage to read, and
// as of a day only the figures published by then.
#pragma once

#include <ontrack/observations.hpp>
#include <ontrack/publication.hpp>
#include <ontrack/series.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ontrack {

/// How a series is drawn from an observation table.
struct selection_options {
    /// The release to read where an indicator has several (named) vintages.
    std::string vintage = "first_release";
    /// Only figures published by this day (inclusive); none: everything in the table.
    std::optional<boost::gregorian::date> as_of;
    /// Months from the end of a period to the release of its figure, for rows without a publication
    /// date (neither a dated vintage nor a `published` day), for every indicator; none: `default_lags`
    /// (the indicator's own lag, else by frequency).
    std::optional<int> publication_lag_months;
    /// Lags by indicator (`publication_lags_of(catalogue)`) and by frequency.
    publication_lags default_lags;

    /// The lag used for periods of frequency `f` of `indicator`: `publication_lag_months` when given,
    /// else the indicator's lag, else the frequency default.
    int lag_months(frequency f, std::string_view indicator) const {
        return publication_lag_months ? *publication_lag_months : default_lags.months(f, indicator);
    }
};

/// A selected series and what the table holds beyond it: figures that exist but were not yet published
/// on `as_of`, with the day each becomes known (so an assessment can say when a deadline's figure is due).
struct selection {
    series values;
    std::vector<std::pair<period, boost::gregorian::date>> unpublished;

    /// The day the figure of `p` is published, when the table holds it but it was withheld as unpublished.
    std::optional<boost::gregorian::date> published_on(const period& p) const {
        for (const auto& [at, day] : unpublished) if (at == p) return day;
        return std::nullopt;
    }
};

namespace detail {

/// The series as known on `as_of` when each period's figure appears `lag_months` after the period ends
/// (0: the day after). Without `as_of`, all of it.
inline series known_on(const series& s, const std::optional<boost::gregorian::date>& as_of, int lag_months = 0) {
    if (!as_of || s.empty()) return s;
    if (available_from(s.end(), lag_months) <= *as_of) return s;
    if (!(available_from(s.start(), lag_months) <= *as_of)) return series().renamed(s.indicator(), s.region(), s.unit());
    period last = s.end();
    while (!(available_from(last, lag_months) <= *as_of)) last = last - 1;
    return s.slice(s.start(), last).renamed(s.indicator(), s.region(), s.unit());
}

}  // namespace detail

/// The rows of an observation table grouped by (region, indicator) in one pass, so that the series of
/// thousands of targets are selected without scanning the table once per target. The table must
/// outlive the index.
class observation_index {
public:
    explicit observation_index(const observation_table& table) : table_(&table) {
        const auto& rows = table.rows();
        for (std::size_t i = 0; i < rows.size(); ++i) groups_[key{rows[i].region, rows[i].indicator}].push_back(i);
    }

    /// The indexed table.
    const observation_table& table() const noexcept { return *table_; }

    /// Row numbers of one region and indicator, in table order (empty when there are none).
    const std::vector<std::size_t>& rows_of(const std::string& region, const std::string& indicator) const {
        static const std::vector<std::size_t> none;
        const auto found = groups_.find(key{region, indicator});
        return found == groups_.end() ? none : found->second;
    }

    /// The vintages present for a region and indicator, sorted ("" when rows carry none), as
    /// `observation_table::vintages`.
    std::vector<std::string> vintages(const std::string& region, const std::string& indicator) const {
        std::set<std::string> found;
        for (const auto i : rows_of(region, indicator)) found.insert(table_->rows()[i].vintage);
        return {found.begin(), found.end()};
    }

    /// The series of `region` and `indicator` to assess with (the selection policy).
    ///
    /// Vintage: when every vintage is a publication date (YYYY-MM-DD), each period takes the latest
    /// vintage published by `as_of` (all of them without `as_of`), and the unit is the rows' common
    /// unit ("" when they differ). Otherwise a single vintage is used as is, and with several
    /// `options.vintage` chooses (`observation_table::select`).
    ///
    /// Publication: as of a day, a figure counts only if it was published by then: its dated vintage,
    /// else its `published` day, else the end of its period plus the publication lag
    /// (`selection_options::lag_months`: the override, else the indicator's lag, else by frequency). Figures withheld so are listed in `selection::unpublished`.
    ///
    /// Throws `data_error` when nothing matches, `value_error` as `select` does.
    selection select(const std::string& region, const std::string& indicator, const selection_options& options) const {
        const auto& rows = rows_of(region, indicator);
        const auto available = vintages(region, indicator);
        if (available.empty()) throw data_error("no observations of '" + indicator + "' in '" + region + "'");
        const std::string as_of_text = options.as_of ? iso_date(*options.as_of) : std::string();
        bool dated = true;
        for (const auto& v : available) dated = dated && is_iso_date(v);
        selection out;
        if (dated) {
            // Per period (first appearance order), the latest vintage published by as_of.
            std::vector<period> periods;
            std::vector<std::pair<std::string, std::size_t>> best;  // (vintage, row)
            std::map<std::pair<int, std::int64_t>, std::size_t> slot;
            for (const auto i : rows) {
                const auto& o = table_->rows()[i];
                if (options.as_of && parse_iso_date(o.vintage) > *options.as_of) continue;
                const auto [it, inserted] = slot.emplace(std::make_pair(static_cast<int>(o.at.freq()), o.at.ordinal()), periods.size());
                if (inserted) {
                    periods.push_back(o.at);
                    best.emplace_back(o.vintage, i);
                } else if (o.vintage > best[it->second].first) {
                    best[it->second] = {o.vintage, i};
                }
            }
            if (options.as_of) {
                // Periods first released after as_of: the earliest such release is when they become known.
                std::map<std::pair<int, std::int64_t>, std::pair<period, boost::gregorian::date>> later;
                for (const auto i : rows) {
                    const auto& o = table_->rows()[i];
                    const auto k = std::make_pair(static_cast<int>(o.at.freq()), o.at.ordinal());
                    if (slot.count(k)) continue;
                    const auto day = parse_iso_date(o.vintage);
                    const auto [it, inserted] = later.emplace(k, std::make_pair(o.at, day));
                    if (!inserted && day < it->second.second) it->second.second = day;
                }
                for (const auto& [k, entry] : later) out.unpublished.push_back(entry);
            }
            if (periods.empty()) {
                throw data_error("no vintage of '" + indicator + "' in '" + region + "' was published by " + as_of_text);
            }
            std::vector<double> values;
            std::vector<std::string> units;
            std::vector<std::string> places;
            for (const auto& [v, i] : best) {
                values.push_back(table_->rows()[i].value);
                units.push_back(table_->rows()[i].unit);
                places.push_back(detail::place_of(table_->rows()[i]));
            }
            // Units of one kind across releases (万元, then 亿元) are put in one, as for a named vintage;
            // units that measure different things are refused naming both rows (`detail::unify_units`).
            const std::string unit = detail::unify_units(values, units, periods, indicator, region, places);
            out.values = series::from_pairs(periods, values, indicator, region, unit);
            return out;
        }
        const std::string chosen = available.size() == 1 ? available.front() : options.vintage;
        if (std::find(available.begin(), available.end(), chosen) == available.end()) {
            // The table's own message, which lists the vintages.
            out.values = table_->select(region, indicator, chosen);
            return out;
        }
        std::vector<period> periods;
        std::vector<double> values;
        std::vector<std::string> units;
        std::vector<std::string> places;
        for (const auto i : rows) {
            const auto& r = table_->rows()[i];
            if (r.vintage != chosen) continue;
            if (options.as_of && !published_by(r.at, r.published, options.lag_months(r.at.freq(), indicator), *options.as_of)) {
                out.unpublished.emplace_back(r.at, r.published ? *r.published : available_from(r.at, options.lag_months(r.at.freq(), indicator)));
                continue;
            }
            periods.push_back(r.at);
            values.push_back(r.value);
            units.push_back(r.unit);
            places.push_back(detail::place_of(r));
        }
        // Units of one kind (万元 and 亿元) in the unit of the latest period; others refused naming both rows.
        const std::string unit = detail::unify_units(values, units, periods, indicator, region, places);
        out.values = series::from_pairs(periods, values, indicator, region, unit);
        return out;
    }

private:
    struct key {
        std::string_view region;
        std::string_view indicator;
        bool operator==(const key& other) const { return region == other.region && indicator == other.indicator; }
    };
    struct key_hash {
        std::size_t operator()(const key& k) const {
            const std::size_t a = std::hash<std::string_view>{}(k.region);
            return a ^ (std::hash<std::string_view>{}(k.indicator) + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
        }
    };

    const observation_table* table_;
    std::unordered_map<key, std::vector<std::size_t>, key_hash> groups_;
};

/// The series of `region` and `indicator` in `table` by the selection policy (`observation_index::select`).
inline selection select_series(const observation_table& table, const std::string& region, const std::string& indicator, const selection_options& options = {}) {
    return observation_index(table).select(region, indicator, options);
}

}  // namespace ontrack
