// Assessing many targets at once: (target, series) pairs, or a whole plan against a table of
// observations, shared among threads. Each target gets exactly what `assess` gives for it alone.
#pragma once

#include <ontrack/assessment.hpp>
#include <ontrack/batch.hpp>
#include <ontrack/observations.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <exception>
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

/// The assessments of many targets, in the order of the targets.
///
/// A target that could not be assessed at all (its series could not be selected, or `assess` threw)
/// has a default `assessment` in `results`, the exception's message in `errors` and the exception
/// itself in `failures`, so that a caller can treat data errors as "not assessable" rows and rethrow
/// anything else exactly as `assess` would have thrown it.
struct batch_assessment {
    std::vector<assessment> results;
    std::vector<std::string> errors;              ///< empty when assessed, otherwise `what()` of the failure
    std::vector<std::exception_ptr> failures;     ///< null when assessed

    std::size_t size() const noexcept { return results.size(); }
    /// Whether target `i` failed with a `data_error` (no data, too little data).
    bool data_failure(std::size_t i) const {
        if (!failures[i]) return false;
        try {
            std::rethrow_exception(failures[i]);
        } catch (const data_error&) {
            return true;
        } catch (...) {
            return false;
        }
    }
};

namespace detail {

inline batch_assessment empty_batch_assessment(std::size_t count) {
    batch_assessment out;
    out.results.resize(count);
    out.errors.resize(count);
    out.failures.resize(count);
    return out;
}

// Assessments are much costlier than scheduling: small chunks keep both threads busy to the end.
inline constexpr std::size_t assessment_grain = 8;

}  // namespace detail

/// Assesses `targets[i]` against `*series[i]` for every i, as `assess(targets[i], *series[i], options)`
/// would, sharing the pairs among `threads` threads (0: one per hardware thread). A null series
/// pointer leaves its target unassessed (default result, empty error): the caller decided it has no
/// series. The options are checked once up front (`value_error`); errors of single targets are recorded,
/// not thrown (see `batch_assessment`). `progress` counts finished targets and can cancel the call.
inline batch_assessment assess_many(const std::vector<const target*>& targets, const std::vector<const series*>& series,
                                    const assessment_options& options = {}, unsigned threads = 0, batch_progress* progress = nullptr) {
    if (targets.size() != series.size()) {
        throw value_error("series", std::to_string(series.size()) + " series for " + std::to_string(targets.size()) + " targets");
    }
    detail::validate(options);
    auto out = detail::empty_batch_assessment(targets.size());
    detail::parallel_for(targets.size(), threads, detail::assessment_grain, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (series[i] == nullptr) continue;
            try {
                out.results[i] = assess(*targets[i], *series[i], options);
            } catch (const error& e) {
                out.errors[i] = e.what();
                out.failures[i] = std::current_exception();
            }
        }
    }, progress);
    return out;
}

/// `assess_many` over pairs held by value: `targets[i]` against `series[i]`.
inline batch_assessment assess_many(const std::vector<target>& targets, const std::vector<series>& series,
                                    const assessment_options& options = {}, unsigned threads = 0, batch_progress* progress = nullptr) {
    if (targets.size() != series.size()) {
        throw value_error("series", std::to_string(series.size()) + " series for " + std::to_string(targets.size()) + " targets");
    }
    std::vector<const target*> t;
    std::vector<const ontrack::series*> s;
    t.reserve(targets.size());
    s.reserve(series.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        t.push_back(&targets[i]);
        s.push_back(&series[i]);
    }
    return assess_many(t, s, options, threads, progress);
}

/// The rows of an observation table grouped by (region, indicator) in one pass, so that the series of
/// thousands of targets are selected without scanning the table once per target. The table must
/// outlive the index.
class observation_index {
public:
    explicit observation_index(const observation_table& table) : table_(&table) {
        const auto& rows = table.rows();
        for (std::size_t i = 0; i < rows.size(); ++i) groups_[key{rows[i].region, rows[i].indicator}].push_back(i);
    }

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

    /// The series to assess a target of `region` and `indicator` with, as ontrack.select_series does in
    /// Python: when every vintage is a publication date (YYYY-MM-DD), each period takes the latest
    /// vintage published by `as_of` (all of them without `as_of`), in one unit as `observation_table::select`
    /// puts them; otherwise a single vintage is used as is, and with several `vintage`
    /// chooses (`observation_table::select`). Throws `data_error` when nothing matches (`as_of_text`
    /// is how the message writes the date), `value_error` as `select` does.
    series select(const std::string& region, const std::string& indicator, const std::string& vintage,
                  const std::optional<boost::gregorian::date>& as_of, const std::string& as_of_text) const {
        const auto& rows = rows_of(region, indicator);
        const auto available = vintages(region, indicator);
        if (available.empty()) throw data_error("no observations of '" + indicator + "' in '" + region + "'");
        bool dated = true;
        for (const auto& v : available) dated = dated && is_date(v);
        if (dated) {
            // Per period (first appearance order), the latest vintage published by as_of.
            std::vector<period> periods;
            std::vector<std::pair<std::string, std::size_t>> best;  // (vintage, row)
            std::map<std::pair<int, std::int64_t>, std::size_t> slot;
            for (const auto i : rows) {
                const auto& o = table_->rows()[i];
                if (as_of && date_of(o.vintage) > *as_of) continue;
                const auto [it, inserted] = slot.emplace(std::make_pair(static_cast<int>(o.at.freq()), o.at.ordinal()), periods.size());
                if (inserted) {
                    periods.push_back(o.at);
                    best.emplace_back(o.vintage, i);
                } else if (o.vintage > best[it->second].first) {
                    best[it->second] = {o.vintage, i};
                }
            }
            if (periods.empty()) {
                throw data_error("no vintage of '" + indicator + "' in '" + region + "' was published by " + as_of_text);
            }
            std::vector<double> values;
            std::vector<std::string> units;
            for (const auto& [v, i] : best) {
                values.push_back(table_->rows()[i].value);
                units.push_back(table_->rows()[i].unit);
            }
            const std::string unit = detail::unify_units(values, units, periods, indicator, region);
            return series::from_pairs(periods, values, indicator, region, unit);
        }
        const std::string chosen = available.size() == 1 ? available.front() : vintage;
        if (std::find(available.begin(), available.end(), chosen) == available.end()) {
            // The table's own message, which lists the vintages.
            return table_->select(region, indicator, chosen);
        }
        std::vector<period> periods;
        std::vector<double> values;
        std::vector<std::string> units;
        for (const auto i : rows) {
            const auto& r = table_->rows()[i];
            if (r.vintage != chosen) continue;
            periods.push_back(r.at);
            values.push_back(r.value);
            units.push_back(r.unit);
        }
        const std::string unit = detail::unify_units(values, units, periods, indicator, region);
        return series::from_pairs(periods, values, indicator, region, unit);
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

    // YYYY-MM-DD with ASCII digits naming a real day.
    static bool is_date(const std::string& text) {
        if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
        for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (text[i] < '0' || text[i] > '9') return false;
        }
        try {
            (void)date_of(text);
        } catch (const std::exception&) {
            return false;
        }
        return true;
    }
    static boost::gregorian::date date_of(const std::string& text) {
        const auto number = [&](std::size_t from, std::size_t length) {
            int value = 0;
            for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
            return value;
        };
        return boost::gregorian::date(static_cast<unsigned short>(number(0, 4)), static_cast<unsigned short>(number(5, 2)),
                                      static_cast<unsigned short>(number(8, 2)));
    }

    const observation_table* table_;
    std::unordered_map<key, std::vector<std::size_t>, key_hash> groups_;
};

/// Assesses every target against the observations: each target's series is selected as
/// `observation_index::select` does (with `vintage`, `options.as_of` and `as_of_text`), then assessed
/// as `assess` does; targets that share a region and indicator share one selection. Work is shared
/// among `threads` threads. A failed selection is recorded like a failed assessment (see
/// `batch_assessment`).
inline batch_assessment assess_observations(const std::vector<const target*>& targets, const observation_table& table,
                                            const assessment_options& options = {}, const std::string& vintage = "first_release",
                                            const std::string& as_of_text = "", unsigned threads = 0,
                                            batch_progress* progress = nullptr) {
    detail::validate(options);
    const observation_index index(table);
    // The distinct (region, indicator) pairs, each selected once.
    std::map<std::pair<std::string, std::string>, std::size_t> slot_of;
    std::vector<std::size_t> slot(targets.size());
    std::vector<std::pair<std::string, std::string>> keys;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto [it, inserted] = slot_of.emplace(std::make_pair(targets[i]->region, targets[i]->indicator), keys.size());
        if (inserted) keys.push_back(it->first);
        slot[i] = it->second;
    }
    std::vector<std::optional<series>> selected(keys.size());
    std::vector<std::exception_ptr> selection_failures(keys.size());
    std::vector<std::string> selection_errors(keys.size());
    detail::parallel_for(keys.size(), threads, 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            try {
                selected[k] = index.select(keys[k].first, keys[k].second, vintage, options.as_of, as_of_text);
            } catch (const error& e) {
                selection_errors[k] = e.what();
                selection_failures[k] = std::current_exception();
            }
        }
    });
    std::vector<const series*> pairs(targets.size(), nullptr);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (selected[slot[i]]) pairs[i] = &*selected[slot[i]];
    }
    auto out = assess_many(targets, pairs, options, threads, progress);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (selection_failures[slot[i]]) {
            out.errors[i] = selection_errors[slot[i]];
            out.failures[i] = selection_failures[slot[i]];
        }
    }
    return out;
}

}  // namespace ontrack
