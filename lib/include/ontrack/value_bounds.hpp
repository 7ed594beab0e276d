// The range an indicator's values can take (`value_bounds`), as written in a targets or catalogue
// file (`parse_bounds`), and the bounds declared per indicator id (`indicator_bounds`). Which bounds a
// projection uses is decided in bounds.hpp (`bounds_for`).
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ontrack {

/// The range an indicator's values can take; an empty side is unbounded.
struct value_bounds {
    std::optional<double> lower;
    std::optional<double> upper;

    bool empty() const noexcept { return !lower && !upper; }
    /// Both sides finite: a share or a rate with a ceiling.
    bool two_sided() const noexcept { return lower && upper; }
    /// "[0, 100]", "[0, inf)", "(-inf, 1]" or "none".
    std::string to_string() const {
        if (empty()) return "none";
        return (lower ? "[" + detail::format_number(*lower) : std::string("(-inf")) + ", " + (upper ? detail::format_number(*upper) + "]" : std::string("inf)"));
    }
};

/// Reads bounds as written in a targets or catalogue file: "0..100", "0-100" is not accepted (a
/// minus sign is ambiguous), "[0, 100]", "0,100", ">=0", "<=100", "0.." (lower only), "..100",
/// "none", "无" or empty (no bounds); "≥0" and "≤100" as ">=0" and "<=100". Throws `value_error` naming the text otherwise, or when lower >= upper.
inline value_bounds parse_bounds(std::string_view raw) {
    std::string text(detail::trim(raw));
    value_bounds out;
    if (text.empty() || text == "none" || text == "无") return out;
    for (const auto& [wide, ascii] : {std::pair<std::string_view, std::string_view>{"≥", ">="}, {"≤", "<="}}) {
        if (detail::starts_with(text, wide)) text = std::string(ascii) + text.substr(wide.size());
    }
    const auto fail = [&](const std::string& why) -> value_error {
        return value_error("bounds", "cannot read bounds '" + std::string(raw) + "': " + why + " (write e.g. 0..100, [0, 100], >=0 or none)");
    };
    const auto number = [&](std::string_view part) -> std::optional<double> {
        const std::string p(detail::trim(part));
        if (p.empty() || p == "inf" || p == "-inf") return std::nullopt;
        char* end = nullptr;
        const double v = std::strtod(p.c_str(), &end);
        if (end == p.c_str() || *end != '\0' || !std::isfinite(v)) throw fail("'" + p + "' is not a number");
        return v;
    };
    if (detail::starts_with(text, ">=")) {
        out.lower = number(std::string_view(text).substr(2));
        if (!out.lower) throw fail("no number after >=");
        return out;
    }
    if (detail::starts_with(text, "<=")) {
        out.upper = number(std::string_view(text).substr(2));
        if (!out.upper) throw fail("no number after <=");
        return out;
    }
    if ((text.front() == '[' || text.front() == '(') && (text.back() == ']' || text.back() == ')')) text = text.substr(1, text.size() - 2);
    std::size_t cut = text.find("..");
    std::size_t width = 2;
    if (cut == std::string::npos) {
        cut = text.find(',');
        width = 1;
    }
    if (cut == std::string::npos) throw fail("expected two ends separated by '..' or ','");
    out.lower = number(std::string_view(text).substr(0, cut));
    out.upper = number(std::string_view(text).substr(cut + width));
    if (out.lower && out.upper && !(*out.lower < *out.upper)) throw fail("the lower end must be below the upper end");
    return out;
}

/// Bounds declared per indicator id (from the indicator catalogue: `bounds_of`), each with the unit it
/// was declared in (a bound of 100 in % is 1000 in ‰).
struct indicator_bounds {
    struct declared {
        value_bounds bounds;
        std::string unit;  ///< the unit the bounds are written in (empty: the series' own)
    };
    std::map<std::string, declared, std::less<>> by_indicator;

    /// The declaration for `indicator`, or null.
    const declared* find(std::string_view indicator) const {
        const auto found = by_indicator.find(indicator);
        return found == by_indicator.end() ? nullptr : &found->second;
    }
};

}  // namespace ontrack
