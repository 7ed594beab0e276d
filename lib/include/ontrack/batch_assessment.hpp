// Assessing many targets at once: (target, series) pairs, or a whole plan against a table of
// observations, shared among threads. Each target gets exactly what `assess` gives for it alone.
#pragma once

#include <ontrack/assessment.hpp>
#include <ontrack/batch.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/series_selection.hpp>

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

/// The selection options of an assessment: its `as_of` and publication lag, and `vintage`.
inline selection_options selection_options_of(const assessment_options& options, const std::string& vintage = "first_release") {
    selection_options out;
    out.vintage = vintage;
    out.as_of = options.as_of;
    out.publication_lag_months = options.publication_lag_months;
    out.default_lags = options.default_publication_lags;
    return out;
}

/// Assesses every target against the observations: each target's series is selected by the selection
/// policy (`observation_index::select`, with `vintage`, `options.as_of` and the publication lags), then
/// assessed as `assess(target, selection, options)` does; targets that share a region and indicator
/// share one selection. Work is shared among `threads` threads. A failed selection is recorded like a
/// failed assessment (see `batch_assessment`).
inline batch_assessment assess_observations(const std::vector<const target*>& targets, const observation_table& table,
                                            const assessment_options& options = {}, const std::string& vintage = "first_release",
                                            unsigned threads = 0, batch_progress* progress = nullptr) {
    detail::validate(options);
    const observation_index index(table);
    const selection_options how = selection_options_of(options, vintage);
    // The distinct (region, indicator) pairs, each selected once.
    std::map<std::pair<std::string, std::string>, std::size_t> slot_of;
    std::vector<std::size_t> slot(targets.size());
    std::vector<std::pair<std::string, std::string>> keys;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto [it, inserted] = slot_of.emplace(std::make_pair(targets[i]->region, targets[i]->indicator), keys.size());
        if (inserted) keys.push_back(it->first);
        slot[i] = it->second;
    }
    std::vector<std::optional<selection>> selected(keys.size());
    std::vector<std::exception_ptr> selection_failures(keys.size());
    std::vector<std::string> selection_errors(keys.size());
    detail::parallel_for(keys.size(), threads, 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            try {
                selected[k] = index.select(keys[k].first, keys[k].second, how);
            } catch (const error& e) {
                selection_errors[k] = e.what();
                selection_failures[k] = std::current_exception();
            }
        }
    });
    auto out = detail::empty_batch_assessment(targets.size());
    detail::parallel_for(targets.size(), threads, detail::assessment_grain, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (selection_failures[slot[i]]) {
                out.errors[i] = selection_errors[slot[i]];
                out.failures[i] = selection_failures[slot[i]];
                continue;
            }
            try {
                out.results[i] = assess(*targets[i], *selected[slot[i]], options);
            } catch (const error& e) {
                out.errors[i] = e.what();
                out.failures[i] = std::current_exception();
            }
        }
    }, progress);
    return out;
}

}  // namespace ontrack
