// Plan targets: every kind of numeric commitment that plan texts make, in one value type.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>
#include <ontrack/period.hpp>
#include <ontrack/value_bounds.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// What a target constrains. The base period `b` used by growth, average growth and increments is
/// `baseline_period` when given, else the period before `period_start`, else the period before the
/// deadline (see `target::base_period`).
enum class target_kind {
    level,           ///< x(deadline) against value: "R&D intensity reaches 1.5% by 2025"
    relative,        ///< x(deadline) against value × x(baseline): "double the 2020 level" (value = 2)
    growth,          ///< x(deadline) / x(b) − 1 against a rate: "grow 5% in 2023"
    average_growth,  ///< (x(deadline) / x(b))^(1/(deadline − b)) − 1 against a rate: "7% a year on average"
    increment,       ///< x(deadline) − x(b) against value: "+2 firms in 2023", "+2 percentage points"
    cumulative,      ///< Σ x(t) over period_start … deadline against value (a flow): "100 events in 2021–2025"
    per_period,      ///< every x(t) over period_start … deadline against value: "stable above 5万亩 every year"
    non_decreasing,  ///< every step x(t) − x(t−1) over period_start … deadline against 0: "只增不减"
    trend,           ///< no number: move in the desired direction (comparator), optional natural limit (value)
};

/// How the observed quantity is compared with the target value.
enum class comparator {
    at_least,      ///< >=
    greater,       ///< >
    at_most,       ///< <=
    less,          ///< <
    about,         ///< ~ : |x − value| <= tolerance
    within,        ///< within: value <= x <= value_high
};

/// 约束性 (binding) or 预期性 (expected) target; `unspecified` when the plan does not say.
enum class commitment { unspecified, binding, expected };

inline std::string to_string(target_kind k) {
    switch (k) {
        case target_kind::level: return "level";
        case target_kind::relative: return "relative";
        case target_kind::growth: return "growth";
        case target_kind::average_growth: return "average_growth";
        case target_kind::increment: return "increment";
        case target_kind::cumulative: return "cumulative";
        case target_kind::per_period: return "per_period";
        case target_kind::non_decreasing: return "non_decreasing";
        case target_kind::trend: return "trend";
    }
    return "level";
}

/// The CSV spelling: ">=", ">", "<=", "<", "~", "within".
inline std::string to_string(comparator c) {
    switch (c) {
        case comparator::at_least: return ">=";
        case comparator::greater: return ">";
        case comparator::at_most: return "<=";
        case comparator::less: return "<";
        case comparator::about: return "~";
        case comparator::within: return "within";
    }
    return ">=";
}

/// "binding", "expected" or "" (unspecified).
inline std::string to_string(commitment c) {
    return c == commitment::binding ? "binding" : c == commitment::expected ? "expected" : "";
}

/// Reads a target kind; throws `parse_error` naming the field and listing the kinds.
inline target_kind parse_target_kind(std::string_view raw, std::string_view field = "kind") {
    const auto text = detail::trim(raw);
    for (const auto k : {target_kind::level, target_kind::relative, target_kind::growth, target_kind::average_growth,
                         target_kind::increment, target_kind::cumulative, target_kind::per_period,
                         target_kind::non_decreasing, target_kind::trend}) {
        if (text == to_string(k)) return k;
    }
    throw parse_error(std::string(field), std::string(raw),
                      "unknown target kind: expected level, relative, growth, average_growth, increment, cumulative, "
                      "per_period, non_decreasing or trend");
}

/// Reads ">=", ">", "<=", "<", "~" or "within" (also "≥", "≤", "about"); throws `parse_error` otherwise.
inline comparator parse_comparator(std::string_view raw, std::string_view field = "comparator") {
    const auto text = detail::trim(raw);
    // The full-width and Japanese-style forms (≧ ＞＝) are what Chinese input methods type.
    if (text == ">=" || text == "≥" || text == "≧" || text == "＞＝" || text == "＞=" || text == "=>") return comparator::at_least;
    if (text == ">" || text == "＞") return comparator::greater;
    if (text == "<=" || text == "≤" || text == "≦" || text == "＜＝" || text == "＜=" || text == "=<") return comparator::at_most;
    if (text == "<" || text == "＜") return comparator::less;
    if (text == "~" || text == "about" || text == "≈") return comparator::about;
    if (text == "within") return comparator::within;
    throw parse_error(std::string(field), std::string(raw), "unknown comparator: expected >= (≥ ≧ ＞＝), >, <= (≤ ≦ ＜＝), <, ~ or within");
}

/// Reads "binding", "expected" (also 约束性, 预期性) or an empty field.
inline commitment parse_commitment(std::string_view raw, std::string_view field = "commitment") {
    const auto text = detail::trim(raw);
    if (text.empty()) return commitment::unspecified;
    if (text == "binding" || text == "约束性") return commitment::binding;
    if (text == "expected" || text == "预期性") return commitment::expected;
    throw parse_error(std::string(field), std::string(raw), "unknown commitment: expected binding, expected or an empty field");
}

/// Reads a growth rate: "5%" or "0.05" both mean five percent. A bare number above 1 in absolute value
/// is rejected (is "5" five percent or 500%?); write "500%" for a rate that large.
inline double parse_rate(std::string_view raw, std::string_view field) {
    const std::string text = detail::ascii_digits(detail::trim(raw));
    if (detail::ends_with(text, "%")) {
        const std::string number(detail::trim(std::string_view(text).substr(0, text.size() - 1)));
        if (!detail::parse_number(number)) throw parse_error(std::string(field), std::string(raw), "not a rate");
        // Shift the decimal point in the text so "5.5%" is exactly the double nearest 0.055.
        return *detail::parse_number(detail::shift_decimal(number, -2));
    }
    const auto value = detail::parse_number(text);
    if (!value) throw parse_error(std::string(field), std::string(raw), "not a rate: expected e.g. 5% or 0.05");
    if (std::fabs(*value) > 1.0) {
        throw value_error(std::string(field), "the rate " + std::string(raw) +
                                                  " is ambiguous: write 5% or 0.05 for five percent (a bare rate above 1 is not read as a percentage)");
    }
    return *value;
}

/// Writes a rate as a fraction ("0.05"), or with a percent sign when its size exceeds 1 ("150%"), so
/// that `parse_rate` reads it back exactly.
inline std::string format_rate(double rate) {
    if (std::fabs(rate) <= 1.0) return detail::format_number(rate);
    return detail::shift_decimal(detail::format_number(rate), 2) + "%";
}

/// One plan target. Fields mirror the columns of the targets CSV (docs/targets_csv.md).
///
/// A `target` is a plain value: build it field by field and call `validate()` (the CSV reader and
/// `evaluate` do), which throws `value_error` naming the first field that does not fit the kind.
struct target {
    std::string id;
    std::string region;
    std::string indicator;
    target_kind kind = target_kind::level;
    comparator compare = comparator::at_least;
    /// The number compared with (a rate for growth kinds, a factor for `relative`, a natural limit for `trend`).
    std::optional<double> value;
    /// Upper bound, `within` only.
    std::optional<double> value_high;
    /// Half-width for `~`: absolute in the target's unit, or a fraction of `value` when `tolerance_relative`.
    std::optional<double> tolerance;
    bool tolerance_relative = false;
    /// First period of a span (cumulative, per-period, non-decreasing, average growth, trend).
    std::optional<period> period_start;
    /// The deadline, or the last period of the span. Required.
    std::optional<period> deadline;
    std::optional<period> baseline_period;
    /// The base value when the plan states it; used instead of the observation at `baseline_period`.
    std::optional<double> baseline_value;
    /// The aspirational value (力争), same meaning and unit as `value`.
    std::optional<double> stretch;
    commitment commit = commitment::unspecified;
    std::string unit;
    /// The range the indicator's values can take, as the targets file declares it (`bounds` column):
    /// empty when not declared (the catalogue's or the natural bounds apply, `bounds_for`); declared
    /// "none" (`value_bounds{}`) switches bounds off. In the target's unit, converted to the series' as
    /// `value` is (for growth targets, whose unit is a rate: in the series' unit).
    std::optional<value_bounds> bounds;
    std::string lead_unit;
    std::vector<std::string> responsible_units;
    std::string document;
    std::string quote;
    /// Columns of the file ontrack does not read (备注, owner …) as (header as written, cell as written),
    /// in the file's order: kept so that the outputs per target write them back. Empty when made in code.
    std::vector<std::pair<std::string, std::string>> extra_columns;
    /// Where the target was read: the file (or "book.xlsx, sheet 'S'") and the line its row starts on
    /// (a sheet's row number); empty and 0 for a target made in code. Errors about it name them.
    std::string file;
    std::size_t line = 0;

    /// True for growth and average_growth, whose values are rates.
    bool is_rate() const noexcept { return kind == target_kind::growth || kind == target_kind::average_growth; }

    /// True for kinds that constrain every period of a span rather than the deadline alone.
    bool spans_periods() const noexcept {
        return kind == target_kind::cumulative || kind == target_kind::per_period || kind == target_kind::non_decreasing;
    }

    /// The deadline; throws `value_error` when it is not set.
    period due() const {
        if (!deadline) throw value_error("period", "target '" + id + "' has no deadline");
        return *deadline;
    }

    /// The base period b: `baseline_period`, else the period before `period_start`, else the period
    /// before the deadline.
    period base_period() const {
        if (baseline_period) return *baseline_period;
        if (period_start) return *period_start - 1;
        return due() - 1;
    }

    /// Throws `value_error` naming the field when the target is not well-formed for its kind.
    void validate() const {
        const auto fail = [&](const std::string& field, const std::string& why) {
            throw value_error(field, (id.empty() ? std::string("target: ") : "target '" + id + "': ") + why);
        };
        if (!deadline) fail("period", "the deadline (period) is missing: fill in the period the target is due (a year such as 2025, a quarter 2025-Q3 or a month 2025-03)");
        const frequency f = deadline->freq();
        for (const auto& [name, p] : {std::pair<const char*, const std::optional<period>*>{"period_start", &period_start}, {"baseline_period", &baseline_period}}) {
            if (*p && (*p)->freq() != f) fail(name, std::string(name) + " " + (*p)->to_string() + " has another frequency than the deadline " + deadline->to_string());
        }
        for (const auto& [name, x] : {std::pair<const char*, const std::optional<double>*>{"value", &value}, {"value_high", &value_high},
                                      {"tolerance", &tolerance}, {"baseline_value", &baseline_value}, {"stretch", &stretch}}) {
            if (*x && !std::isfinite(**x)) fail(name, std::string(name) + " must be a finite number");
        }
        const bool needs_value = kind != target_kind::trend && kind != target_kind::non_decreasing;
        if (needs_value && !value) fail("value", "a " + to_string(kind) + " target needs a value");
        if (kind == target_kind::non_decreasing && value) fail("value", "a non_decreasing target takes no value (the comparator gives the direction)");
        if (kind == target_kind::non_decreasing || kind == target_kind::trend) {
            if (compare == comparator::about || compare == comparator::within) {
                fail("comparator", "a " + to_string(kind) + " target needs a direction: >=, >, <= or <");
            }
        }
        if (compare == comparator::within) {
            if (!value_high) fail("value_high", "comparator 'within' needs value_high");
            if (*value_high < *value) fail("value_high", "value_high " + detail::format_number(*value_high) + " is below value " + detail::format_number(*value));
        } else if (value_high) {
            fail("value_high", "value_high is only used with comparator 'within'");
        }
        if (compare == comparator::about) {
            if (!tolerance) fail("tolerance", "comparator '~' needs a tolerance (absolute, or relative such as 5%)");
            if (*tolerance < 0) fail("tolerance", "the tolerance must not be negative");
        } else if (tolerance) {
            fail("tolerance", "a tolerance is only used with comparator '~'");
        }
        if (is_rate()) {
            for (const auto& [name, x] : {std::pair<const char*, const std::optional<double>*>{"value", &value}, {"stretch", &stretch}}) {
                if (*x && **x <= -1.0) fail(name, std::string(name) + " " + format_rate(**x) + " is a fall of 100% or more");
            }
        }
        if (kind == target_kind::relative) {
            if (!baseline_period && !baseline_value) fail("baseline_period", "a relative target needs a baseline_period (or a baseline_value)");
            if (*value <= 0) fail("value", "the factor of a relative target must be positive (2 = double)");
        }
        if (kind == target_kind::average_growth && !period_start && !baseline_period) {
            fail("period_start", "an average_growth target needs period_start or baseline_period to say over which periods");
        }
        if (spans_periods() && !period_start) fail("period_start", "a " + to_string(kind) + " target needs period_start");
        if (period_start && *period_start > *deadline) {
            fail("period_start", "period_start " + period_start->to_string() + " is after the deadline " + deadline->to_string());
        }
        if (baseline_period && !(*baseline_period < *deadline)) {
            fail("baseline_period", "baseline_period " + baseline_period->to_string() + " is not before the deadline " + deadline->to_string());
        }
        if (stretch) {
            if (kind == target_kind::trend || kind == target_kind::non_decreasing) fail("stretch", "a " + to_string(kind) + " target has no number to stretch");
            if (compare == comparator::about || compare == comparator::within) fail("stretch", "a stretch value needs a direction (>=, >, <=, <), not '" + to_string(compare) + "'");
            if (value) {
                const bool upward = compare == comparator::at_least || compare == comparator::greater;
                if (upward ? *stretch < *value : *stretch > *value) {
                    fail("stretch", "stretch " + detail::format_number(*stretch) + " is less ambitious than value " + detail::format_number(*value));
                }
            }
        }
    }
};

namespace detail {

/// Compares an observed `x` with `bound` under `c`. Values within 1e-12 of each other (relative to
/// their size, or absolute for rates near 0) count as equal, so that a growth of exactly 5% computed
/// from published figures is not lost to binary rounding.
inline bool satisfies(double x, comparator c, double bound, double bound_high = 0.0, double tolerance = 0.0) {
    const auto close = [](double a, double b) {
        return std::fabs(a - b) <= 1e-12 * std::max({1.0, std::fabs(a), std::fabs(b)});
    };
    switch (c) {
        case comparator::at_least: return x >= bound || close(x, bound);
        case comparator::greater: return x > bound && !close(x, bound);
        case comparator::at_most: return x <= bound || close(x, bound);
        case comparator::less: return x < bound && !close(x, bound);
        case comparator::about: return std::fabs(x - bound) <= tolerance || close(std::fabs(x - bound), tolerance);
        case comparator::within: return (x >= bound || close(x, bound)) && (x <= bound_high || close(x, bound_high));
    }
    return false;
}

}  // namespace detail

}  // namespace ontrack
