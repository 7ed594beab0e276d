// A time series of one indicator in one region, on a regular grid of periods with explicit gaps.
#pragma once

#include <ontrack/error.hpp>
#include <ontrack/period.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ontrack {

/// Observed values of one indicator in one region, one value per period from `start()` to `end()`.
///
/// Periods are consecutive and of one frequency; a period without an observation holds NaN and is a
/// gap: ontrack never fills gaps. Every stored value is finite or NaN. A series is an immutable value:
/// operations return new series.
class series {
public:
    /// An empty series (no periods).
    series() = default;

    /// A series starting at `start` with one value per consecutive period; NaN marks a gap.
    /// Throws `value_error` when a value is infinite.
    series(period start, std::vector<double> values, std::string indicator = {}, std::string region = {},
           std::string unit = {})
        : start_(start), values_(std::move(values)), indicator_(std::move(indicator)), region_(std::move(region)),
          unit_(std::move(unit)) {
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (std::isinf(values_[i])) {
                throw value_error("value", "infinite value in period " + (start + static_cast<std::int64_t>(i)).to_string());
            }
        }
        trim_gaps();
    }

    /// A series from (period, value) pairs in any order. Periods must share one frequency and be
    /// unique (a duplicate is an error, never a silent merge); missing periods between them become gaps.
    /// NaN values are allowed and mean "not observed".
    static series from_pairs(const std::vector<period>& periods, const std::vector<double>& values,
                             std::string indicator = {}, std::string region = {}, std::string unit = {}) {
        if (periods.size() != values.size()) {
            throw value_error("values", std::to_string(values.size()) + " values for " + std::to_string(periods.size()) + " periods");
        }
        if (periods.empty()) return series({}, {}, std::move(indicator), std::move(region), std::move(unit), nullptr);
        std::vector<std::size_t> order(periods.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (const auto& p : periods) {
            if (p.freq() != periods.front().freq()) {
                throw value_error("periods", "mixed frequencies: " + periods.front().to_string() + " and " + p.to_string());
            }
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return periods[a] < periods[b]; });
        for (std::size_t k = 1; k < order.size(); ++k) {
            if (periods[order[k]] == periods[order[k - 1]]) {
                throw value_error("periods", "duplicate period " + periods[order[k]].to_string() + " in series" +
                                                 (indicator.empty() ? std::string() : " '" + indicator + "'"));
            }
        }
        const period first = periods[order.front()];
        const auto length = static_cast<std::size_t>(periods[order.back()] - first + 1);
        constexpr std::size_t max_length = 10'000'000;
        if (length > max_length) throw value_error("periods", "the periods span " + std::to_string(length) + " periods; at most 10,000,000 are supported");
        std::vector<double> grid(length, std::numeric_limits<double>::quiet_NaN());
        for (const auto k : order) grid[static_cast<std::size_t>(periods[k] - first)] = values[k];
        return series(first, std::move(grid), std::move(indicator), std::move(region), std::move(unit));
    }

    /// A yearly series from calendar years and values (any order).
    static series from_years(const std::vector<int>& years, const std::vector<double>& values, std::string indicator = {},
                             std::string region = {}, std::string unit = {}) {
        std::vector<period> periods;
        periods.reserve(years.size());
        for (const int y : years) periods.push_back(period::year(y));
        return from_pairs(periods, values, std::move(indicator), std::move(region), std::move(unit));
    }

    const std::string& indicator() const noexcept { return indicator_; }
    const std::string& region() const noexcept { return region_; }
    const std::string& unit() const noexcept { return unit_; }

    bool empty() const noexcept { return values_.empty(); }
    /// Number of periods from start to end, gaps included.
    std::size_t size() const noexcept { return values_.size(); }
    /// Number of observed (non-NaN) values.
    std::size_t count() const noexcept {
        return static_cast<std::size_t>(std::count_if(values_.begin(), values_.end(), [](double v) { return !std::isnan(v); }));
    }
    frequency freq() const { return require_start().freq(); }
    /// First period (always observed). Throws `data_error` on an empty series.
    period start() const { return require_start(); }
    /// Last period (always observed). Throws `data_error` on an empty series.
    period end() const { return require_start() + (static_cast<std::int64_t>(values_.size()) - 1); }  // never one past: 9999 is the last year

    /// Values from start to end; NaN for gaps.
    const std::vector<double>& values() const noexcept { return values_; }
    /// Every period from start to end.
    std::vector<period> periods() const {
        std::vector<period> out;
        out.reserve(values_.size());
        for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(*start_ + static_cast<std::int64_t>(i));
        return out;
    }

    /// True when `p` has an observation.
    bool has(const period& p) const { return !std::isnan(at(p)); }
    /// The value at `p`; NaN when `p` is a gap or outside the series. Throws `value_error` when `p` has
    /// another frequency than the series.
    double at(const period& p) const {
        if (!start_) return std::numeric_limits<double>::quiet_NaN();
        const auto offset = p - *start_;
        if (offset < 0 || offset >= static_cast<std::int64_t>(values_.size())) return std::numeric_limits<double>::quiet_NaN();
        return values_[static_cast<std::size_t>(offset)];
    }

    /// The latest observed period at or before `p` (nothing when none).
    std::optional<period> last_observed_at_or_before(const period& p) const {
        if (!start_ || p < *start_) return std::nullopt;
        const period stop = std::min(p, end());
        for (period q = stop; q >= *start_; q = q - 1) {
            if (has(q)) return q;
            if (q == *start_) break;
        }
        return std::nullopt;
    }

    /// The periods from `first` to `last` (both included), clipped to the series; leading and trailing
    /// gaps are dropped so the result starts and ends on observations (or is empty).
    series slice(const period& first, const period& last) const {
        if (!start_ || last < first || last < *start_ || first > end()) return with_values({}, {});
        const period from = std::max(first, *start_);
        const period to = std::min(last, end());
        const auto offset = static_cast<std::size_t>(from - *start_);
        const auto length = static_cast<std::size_t>(to - from + 1);
        return with_values(from, std::vector<double>(values_.begin() + static_cast<std::ptrdiff_t>(offset),
                                                     values_.begin() + static_cast<std::ptrdiff_t>(offset + length)));
    }

    /// Growth on the previous period, x(t) / x(t−1) − 1, as a fraction. Undefined (NaN) where either
    /// value is missing or x(t−1) is 0; the first period is dropped.
    series growth() const { return consecutive([](double previous, double current) { return previous == 0.0 ? std::numeric_limits<double>::quiet_NaN() : current / previous - 1.0; }); }

    /// Change on the previous period, x(t) − x(t−1); NaN where either is missing.
    series difference() const { return consecutive([](double previous, double current) { return current - previous; }); }

    /// Compound average growth per period from `from` to `to`: (x(to) / x(from))^(1/(to − from)) − 1.
    /// Throws `data_error` when either value is missing and `value_error` when the periods are not in
    /// order or the values are not both positive (growth of a sign change is undefined).
    double cagr(const period& from, const period& to) const {
        if (!(from < to)) throw value_error("periods", "CAGR needs an earlier and a later period, got " + from.to_string() + " and " + to.to_string());
        const double a = at(from);
        const double b = at(to);
        if (std::isnan(a)) throw data_error("no observation in " + from.to_string() + " for the CAGR");
        if (std::isnan(b)) throw data_error("no observation in " + to.to_string() + " for the CAGR");
        if (!(a > 0.0) || !(b > 0.0)) {
            throw value_error("values", "CAGR needs positive values, got " + format(a) + " in " + from.to_string() + " and " + format(b) + " in " + to.to_string());
        }
        return std::pow(b / a, 1.0 / static_cast<double>(to - from)) - 1.0;
    }

    /// Only the observed periods and values, in order.
    std::pair<std::vector<period>, std::vector<double>> observed() const {
        std::pair<std::vector<period>, std::vector<double>> out;
        out.first.reserve(values_.size());
        out.second.reserve(values_.size());
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (!std::isnan(values_[i])) {
                out.first.push_back(*start_ + static_cast<std::int64_t>(i));
                out.second.push_back(values_[i]);
            }
        }
        return out;
    }

    /// The same values with other metadata.
    series renamed(std::string indicator, std::string region, std::string unit) const {
        series out = *this;
        out.indicator_ = std::move(indicator);
        out.region_ = std::move(region);
        out.unit_ = std::move(unit);
        return out;
    }

    bool operator==(const series& other) const {
        if (start_ != other.start_ || values_.size() != other.values_.size()) return false;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            const bool both_missing = std::isnan(values_[i]) && std::isnan(other.values_[i]);
            if (!both_missing && values_[i] != other.values_[i]) return false;
        }
        return indicator_ == other.indicator_ && region_ == other.region_ && unit_ == other.unit_;
    }

private:
    series(std::optional<period> start, std::vector<double> values, std::string indicator, std::string region,
           std::string unit, std::nullptr_t)
        : start_(start), values_(std::move(values)), indicator_(std::move(indicator)), region_(std::move(region)), unit_(std::move(unit)) {}

    static std::string format(double v) { return std::isnan(v) ? "nothing" : detail::format_number(v); }

    period require_start() const {
        if (!start_) throw data_error("the series" + (indicator_.empty() ? std::string() : " '" + indicator_ + "'") + " has no observations");
        return *start_;
    }

    series with_values(std::optional<period> start, std::vector<double> values) const {
        series out(start, std::move(values), indicator_, region_, unit_, nullptr);
        out.trim_gaps();
        return out;
    }

    template <class Op>
    series consecutive(Op op) const {
        if (values_.size() < 2) return with_values({}, {});
        std::vector<double> out(values_.size() - 1);
        for (std::size_t i = 1; i < values_.size(); ++i) {
            const double previous = values_[i - 1];
            const double current = values_[i];
            out[i - 1] = (std::isnan(previous) || std::isnan(current)) ? std::numeric_limits<double>::quiet_NaN() : op(previous, current);
        }
        return with_values(*start_ + 1, std::move(out));
    }

    // Leading and trailing gaps carry no information; dropping them keeps start() and end() observed.
    void trim_gaps() {
        if (!start_) { values_.clear(); return; }
        std::size_t first = 0;
        while (first < values_.size() && std::isnan(values_[first])) ++first;
        std::size_t last = values_.size();
        while (last > first && std::isnan(values_[last - 1])) --last;
        if (first == last) { start_.reset(); values_.clear(); return; }
        start_ = *start_ + static_cast<std::int64_t>(first);
        values_ = std::vector<double>(values_.begin() + static_cast<std::ptrdiff_t>(first), values_.begin() + static_cast<std::ptrdiff_t>(last));
    }

    std::optional<period> start_;
    std::vector<double> values_;
    std::string indicator_;
    std::string region_;
    std::string unit_;
};

}  // namespace ontrack
