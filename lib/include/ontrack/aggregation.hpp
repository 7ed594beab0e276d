// Totals of a region from its parts, by indicator kind: stocks and flows add up; a ratio is the ratio of
// the summed numerator and denominator (never the mean of the parts' ratios); a share is the mean of the
// parts' shares weighted by their denominators. A missing part makes the total missing unless told
// otherwise, and the result always says which part was missing in which period.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/region.hpp>
#include <ontrack/series.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// What to do when a part has no value in a period.
enum class missing_policy {
    propagate,  ///< the total is missing in that period (default: a partial sum is not the total)
    skip,       ///< the total is over the parts that have values (a ratio leaves the part out of both sums)
    zero,       ///< a missing value counts as 0
};

/// "propagate", "skip" or "zero".
inline std::string to_string(missing_policy p) {
    switch (p) {
        case missing_policy::propagate: return "propagate";
        case missing_policy::skip: return "skip";
        case missing_policy::zero: return "zero";
    }
    return "propagate";
}

/// Reads "propagate", "skip" or "zero"; throws `value_error` otherwise.
inline missing_policy parse_missing_policy(std::string_view raw) {
    const auto text = detail::trim(raw);
    for (const auto p : {missing_policy::propagate, missing_policy::skip, missing_policy::zero}) {
        if (text == to_string(p)) return p;
    }
    throw value_error("missing", "unknown missing-value policy '" + std::string(raw) + "': expected propagate, skip or zero");
}

/// A part without a value in a period.
struct missing_value {
    std::string region;     ///< the part (its series' region, or its id in a region tree)
    std::string indicator;  ///< the indicator that is missing (for a ratio: the numerator or the denominator)
    period at;
};

/// The total of a region from its parts.
struct aggregation {
    /// The total per period. A period is a gap only when `missing` explains it (propagate, or no part
    /// with a value at all).
    series total;
    std::vector<std::string> parts;      ///< the parts aggregated, in the order given
    std::vector<missing_value> missing;  ///< every (part, indicator, period) without a value, under every policy
    missing_policy policy = missing_policy::propagate;

    /// The parts without a value in `p` (each once, in the order of `parts`).
    std::vector<std::string> missing_in(const period& p) const {
        std::vector<std::string> out;
        for (const auto& name : parts) {
            for (const auto& m : missing) {
                if (m.region == name && m.at == p) { out.push_back(name); break; }
            }
        }
        return out;
    }
};

namespace detail {

// The common frequency and span of a set of series; nothing when all are empty.
inline std::optional<std::pair<period, period>> common_span(const std::vector<const series*>& all) {
    std::optional<std::pair<period, period>> span;
    for (const auto* s : all) {
        if (s->empty()) continue;
        if (span && span->first.freq() != s->freq()) {
            throw value_error("periods", "the parts mix frequencies: " + to_string(span->first.freq()) + " and " + to_string(s->freq()) +
                                             " ('" + s->region() + "')");
        }
        if (!span) span = std::make_pair(s->start(), s->end());
        else span = std::make_pair(std::min(span->first, s->start()), std::max(span->second, s->end()));
    }
    return span;
}

// The unit shared by non-empty series; throws `value_error` when they differ (no silent rescaling).
inline std::string common_unit(const std::vector<series>& parts, const std::string& what) {
    std::optional<std::string> unit;
    std::string first_region;
    for (const auto& s : parts) {
        if (s.empty()) continue;
        if (!unit) { unit = s.unit(); first_region = s.region(); continue; }
        if (*unit != s.unit()) {
            throw value_error("unit", what + " of '" + first_region + "' is in '" + *unit + "' but that of '" + s.region() + "' in '" + s.unit() +
                                          "': convert to one unit before aggregating");
        }
    }
    return unit.value_or(std::string());
}

inline void require_regions(const std::vector<series>& parts, const std::string& what) {
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].region().empty()) throw value_error("region", what + " #" + std::to_string(i + 1) + " has no region name");
        for (std::size_t k = 0; k < i; ++k) {
            if (parts[k].region() == parts[i].region()) throw value_error("region", "the part '" + parts[i].region() + "' is given twice in " + what);
        }
    }
}

// One general rule covers all kinds: total = Σ a_i / Σ b_i × scale, or Σ a_i when there is no b.
// For a share, a_i = share_i × weight_i and b_i = weight_i (a weighted mean); for a ratio, a_i and b_i
// are the numerator and the denominator; for a sum there is no b.
inline aggregation aggregate_parts(const std::vector<series>& tops, const std::vector<series>* bottoms, bool weighted, double scale,
                                   missing_policy policy, std::string indicator, std::string region, std::string unit) {
    aggregation out;
    out.policy = policy;
    std::vector<const series*> all;
    for (const auto& s : tops) { out.parts.push_back(s.region()); all.push_back(&s); }
    if (bottoms) for (const auto& s : *bottoms) all.push_back(&s);
    const auto span = common_span(all);
    if (!span) {
        out.total = series::from_pairs({}, {}, std::move(indicator), std::move(region), std::move(unit));
        return out;
    }
    std::vector<period> periods;
    std::vector<double> values;
    for (period p = span->first; p <= span->second; p = p + 1) {
        double a = 0.0, b = 0.0;
        bool any = false, incomplete = false;
        for (std::size_t i = 0; i < tops.size(); ++i) {
            double x = tops[i].at(p);
            double w = bottoms ? (*bottoms)[i].at(p) : 1.0;
            const bool x_missing = std::isnan(x), w_missing = std::isnan(w);
            if (x_missing) out.missing.push_back({tops[i].region(), tops[i].indicator(), p});
            if (w_missing) out.missing.push_back({(*bottoms)[i].region(), (*bottoms)[i].indicator(), p});
            if (!x_missing && !w_missing) {
                any = true;
            } else {
                incomplete = true;
                if (policy == missing_policy::skip) continue;
                if (policy == missing_policy::propagate) continue;
                if (x_missing) x = 0.0;
                if (w_missing) w = 0.0;
                any = any || !x_missing || !w_missing;
            }
            a += weighted ? x * w : x;
            b += w;
        }
        double total = std::numeric_limits<double>::quiet_NaN();
        if (any && !(incomplete && policy == missing_policy::propagate)) {
            if (!bottoms) {
                total = a;
            } else if (b == 0.0) {
                throw data_error("the summed " + std::string(weighted ? "weights" : "denominators") + " of '" + region + "' are 0 in " + p.to_string() +
                                 ": the " + (weighted ? "share" : "ratio") + " of the total is undefined");
            } else {
                total = weighted ? a / b : a / b * scale;
            }
        }
        periods.push_back(p);
        values.push_back(total);
    }
    out.total = series::from_pairs(periods, values, std::move(indicator), std::move(region), std::move(unit));
    return out;
}

// Pairs each top series with the bottom series of the same region; throws when one has no partner.
inline std::vector<series> matched(const std::vector<series>& tops, const std::vector<series>& bottoms, const std::string& what) {
    std::vector<series> out;
    for (const auto& t : tops) {
        const series* found = nullptr;
        for (const auto& b : bottoms) if (b.region() == t.region()) found = &b;
        if (!found) throw value_error(what, "no " + what + " series for the part '" + t.region() + "'");
        out.push_back(*found);
    }
    if (bottoms.size() != tops.size()) throw value_error(what, std::to_string(bottoms.size()) + " " + what + " series for " + std::to_string(tops.size()) + " parts");
    return out;
}

}  // namespace detail

/// The sum of stocks or flows over parts (each series' `region()` names its part; names must be unique
/// and units equal). Throws `value_error` on unnamed or repeated parts, mixed units or frequencies.
inline aggregation aggregate_sum(const std::vector<series>& parts, missing_policy policy = missing_policy::propagate, std::string indicator = {},
                                 std::string region = {}) {
    detail::require_regions(parts, "the parts");
    const auto unit = detail::common_unit(parts, "the value");
    if (indicator.empty() && !parts.empty()) indicator = parts.front().indicator();
    return detail::aggregate_parts(parts, nullptr, false, 1.0, policy, std::move(indicator), std::move(region), unit);
}

/// A ratio over parts as the ratio of sums: Σ numerator / Σ denominator × `scale` (R&D intensity of a
/// prefecture = its counties' summed R&D over their summed GDP × 100), never the mean of the parts'
/// ratios. Numerator and denominator series are matched by region; a part missing either is missing.
/// Throws `value_error` as `aggregate_sum` does, when a part lacks a partner series or `scale` is not
/// positive, and `data_error` when the summed denominators are 0 in a period.
inline aggregation aggregate_ratio(const std::vector<series>& numerators, const std::vector<series>& denominators, double scale = 100.0,
                                   missing_policy policy = missing_policy::propagate, std::string indicator = {}, std::string region = {},
                                   std::string unit = {}) {
    if (!(scale > 0.0) || !std::isfinite(scale)) throw value_error("scale", "the ratio scale must be positive and finite");
    detail::require_regions(numerators, "the numerators");
    detail::require_regions(denominators, "the denominators");
    const auto bottoms = detail::matched(numerators, denominators, "denominator");
    detail::common_unit(numerators, "the numerator");
    detail::common_unit(bottoms, "the denominator");
    return detail::aggregate_parts(numerators, &bottoms, false, scale, policy, std::move(indicator), std::move(region), std::move(unit));
}

/// A share over parts as the mean of the parts' shares weighted by their denominators (the share of
/// high-tech firms among industrial firms, weighted by the number of industrial firms):
/// Σ share_i × weight_i / Σ weight_i — the same as the summed counts' share. Matching, missing values
/// and errors as in `aggregate_ratio`.
inline aggregation aggregate_share(const std::vector<series>& shares, const std::vector<series>& weights,
                                   missing_policy policy = missing_policy::propagate, std::string indicator = {}, std::string region = {}) {
    detail::require_regions(shares, "the shares");
    detail::require_regions(weights, "the weights");
    const auto bottoms = detail::matched(shares, weights, "weight");
    const auto unit = detail::common_unit(shares, "the share");
    detail::common_unit(bottoms, "the weight");
    if (indicator.empty() && !shares.empty()) indicator = shares.front().indicator();
    return detail::aggregate_parts(shares, &bottoms, true, 1.0, policy, std::move(indicator), std::move(region), unit);
}

/// Where to read parts from an observation table.
struct aggregation_options {
    missing_policy missing = missing_policy::propagate;
    /// The vintage to read for every region; empty: each region's only vintage (an error when several).
    std::optional<std::string> vintage;
};

namespace detail {

// The table's region names that mean each tree id (throws when two names of the table mean one region).
inline std::map<std::string, std::string> table_names(const region_tree& tree, const observation_table& table) {
    std::map<std::string, std::string> name_of;  // tree id → name used in the table
    for (const auto& r : table.rows()) {
        const auto id = tree.find(r.region);
        if (!id) continue;
        const auto [it, inserted] = name_of.emplace(*id, r.region);
        if (!inserted && it->second != r.region) {
            throw value_error("region", "the table calls region '" + *id + "' both '" + it->second + "' and '" + r.region + "'");
        }
    }
    return name_of;
}

// The series of `indicator` in tree region `id`, renamed to the id; empty when the table has none.
inline series part_series(const std::map<std::string, std::string>& name_of, const observation_table& table, const std::string& id,
                          const std::string& indicator, const std::optional<std::string>& vintage) {
    const auto it = name_of.find(id);
    if (it == name_of.end() || !table.contains(it->second, indicator)) return series::from_pairs({}, {}, indicator, id);
    const auto s = table.select(it->second, indicator, vintage);
    return s.renamed(indicator, id, s.unit());
}

}  // namespace detail

/// The total of `ind` for region `parent` from its parts in `tree` (`region_tree::parts`: children
/// other than zones), read from `table` (region names in the table are matched through the tree's
/// names and aliases). By `ind.kind`: stock and flow sum the indicator; ratio aggregates
/// `ind.numerator` / `ind.denominator` × `ind.scale` as a ratio of sums; share weights the parts'
/// shares by `ind.denominator`. A part with no rows at all is missing in every period.
/// Throws `value_error` when `parent` has no parts, a ratio or share lacks its component ids, or for
/// what the `aggregate_*` functions and `observation_table::select` throw.
inline aggregation aggregate_region(const region_tree& tree, const std::string& parent, const observation_table& table, const indicator& ind,
                                    const aggregation_options& options = {}) {
    const auto ids = tree.parts(parent);
    if (ids.empty()) throw value_error("region", "region '" + parent + "' has no parts in the region tree to aggregate");
    const auto name_of = detail::table_names(tree, table);
    const auto read = [&](const std::string& indicator_id) {
        std::vector<series> out;
        for (const auto& id : ids) out.push_back(detail::part_series(name_of, table, id, indicator_id, options.vintage));
        return out;
    };
    switch (ind.kind) {
        case indicator_kind::stock:
        case indicator_kind::flow:
            return aggregate_sum(read(ind.id), options.missing, ind.id, parent);
        case indicator_kind::ratio:
            if (ind.numerator.empty() || ind.denominator.empty()) {
                throw value_error("indicator", "the ratio '" + ind.id + "' needs numerator and denominator ids to be aggregated (a ratio of sums)");
            }
            return aggregate_ratio(read(ind.numerator), read(ind.denominator), ind.scale, options.missing, ind.id, parent, ind.measure.symbol);
        case indicator_kind::share:
            if (ind.denominator.empty()) throw value_error("indicator", "the share '" + ind.id + "' needs its denominator id to weight the parts");
            return aggregate_share(read(ind.id), read(ind.denominator), options.missing, ind.id, parent);
    }
    throw value_error("kind", "unknown indicator kind");
}

/// A region whose reported value differs from the total of its parts.
struct aggregate_mismatch {
    std::string region;     ///< the parent's id in the tree
    std::string indicator;
    period at;
    double reported = 0.0;    ///< the parent's own value
    double aggregated = 0.0;  ///< the total of its parts
    double difference = 0.0;  ///< reported − aggregated
};

/// A period that could not be checked, and why.
struct unchecked_period {
    std::string region;
    std::string indicator;
    period at;
    std::string reason;  ///< "parts missing: urumqi_county, midong"
};

/// The result of `check_aggregate`.
struct consistency_report {
    std::vector<aggregate_mismatch> mismatches;
    std::vector<unchecked_period> unchecked;
    std::size_t checked = 0;  ///< (region, period) pairs compared
};

/// Tolerances of `check_aggregate`: a value passes when |reported − aggregated| ≤ absolute + relative ×
/// |aggregated| (the rule of numpy.isclose, which pyam's check_aggregate uses, with its defaults).
struct consistency_options {
    double absolute = 1e-8;
    double relative = 1e-5;
    aggregation_options aggregation;
};

/// Compares, for every region of `tree` that has parts and a reported value of `ind.id` in `table`,
/// the reported value with the total of its parts (`aggregate_region`) in every period where both
/// exist, like pyam's check_aggregate. Periods where the parent reports a value but the total is
/// missing are listed in `unchecked` with the missing parts. Throws `value_error` on negative or
/// non-finite tolerances, and what `aggregate_region` throws.
inline consistency_report check_aggregate(const region_tree& tree, const observation_table& table, const indicator& ind,
                                          const consistency_options& options = {}) {
    if (!(options.absolute >= 0.0) || !std::isfinite(options.absolute)) throw value_error("absolute", "the absolute tolerance must be finite and ≥ 0");
    if (!(options.relative >= 0.0) || !std::isfinite(options.relative)) throw value_error("relative", "the relative tolerance must be finite and ≥ 0");
    consistency_report report;
    const auto name_of = detail::table_names(tree, table);
    for (const auto& r : tree.regions()) {
        if (tree.parts(r.id).empty()) continue;
        const auto reported = detail::part_series(name_of, table, r.id, ind.id, options.aggregation.vintage);
        if (reported.empty()) continue;
        const auto total = aggregate_region(tree, r.id, table, ind, options.aggregation);
        for (const auto& p : reported.observed().first) {
            const double x = reported.at(p);
            const double y = total.total.at(p);
            if (std::isnan(y)) {
                const auto gone = total.missing_in(p);
                report.unchecked.push_back({r.id, ind.id, p, gone.empty() ? std::string("no part has a value") : "parts missing: " + detail::join(gone, ", ")});
                continue;
            }
            ++report.checked;
            if (std::fabs(x - y) > options.absolute + options.relative * std::fabs(y)) {
                report.mismatches.push_back({r.id, ind.id, p, x, y, x - y});
            }
        }
    }
    return report;
}

}  // namespace ontrack
