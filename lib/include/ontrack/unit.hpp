// Units of plan indicators, with the Chinese scale words (万, 亿) that plan texts and bulletins use.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>

#include <string>
#include <string_view>

namespace ontrack {

/// A unit: what is counted (`base`) and how many of it one unit is (`scale`).
///
/// `亿元` is {base "元", scale 1e8}; `万亩` is {"亩", 1e4}; `%` is {"percent", 1}, `‰` is {"percent", 0.1}
/// and `个百分点` (percentage points) is {"percent", 1}, so a +2-point increment compares with a series in
/// percent. Counting words — 家, 个, 项, 人, 名, 场次, 件, 支, count — all have base "count": a target in
/// 家 is checked against a series in 个. Anything else is kept as written, with scale 1, and is
/// compatible only with itself.
struct unit {
    std::string symbol;  ///< as written ("亿元"); empty = unknown
    std::string base;    ///< what is counted ("元", "percent", "count")
    double scale = 1.0;  ///< how many `base` one `symbol` is

    bool known() const noexcept { return !symbol.empty(); }
};

/// Reads a unit as written in a plan or a statistics file: 亿元, 万元, 元, 万亩, 亩, 万吨, 吨, %, ‰,
/// 个百分点, counting words, and the English forms used in ontrack's data ("100m CNY (亿元)", "% of GDP",
/// "count"). Never throws: unknown units are kept as opaque symbols.
inline unit parse_unit(std::string_view raw) {
    const std::string symbol(detail::trim(raw));
    std::string_view text = symbol;
    if (text.empty()) return unit{};
    // English forms carrying the Chinese unit in brackets: "100m CNY (亿元)".
    if (const auto open = text.find('('); open != std::string_view::npos && detail::ends_with(text, ")")) {
        const auto inner = detail::trim(text.substr(open + 1, text.size() - open - 2));
        // Only a unit ontrack knows inside the brackets decides; "foo (bar)" stays opaque.
        const unit from_inner = parse_unit(inner);
        const bool recognised = from_inner.base != inner || inner == "元" || inner == "亩" || inner == "吨";
        if (!inner.empty() && recognised) return unit{symbol, from_inner.base, from_inner.scale};
    }
    if (text == "%" || detail::starts_with(text, "% ") || text == "percent" || text == "个百分点" ||
        text == "百分点" || text == "percentage points" || text == "pp") {
        return unit{symbol, "percent", 1.0};
    }
    if (text == "‰" || text == "per mille") return unit{symbol, "percent", 0.1};
    for (const std::string_view word : {"家", "个", "项", "人", "名", "场次", "件", "支", "所", "座", "次", "count"}) {
        if (text == word) return unit{symbol, "count", 1.0};
    }
    double scale = 1.0;
    std::string_view base = text;
    if (detail::starts_with(base, "万")) { scale = 1e4; base.remove_prefix(3); }
    else if (detail::starts_with(base, "亿")) { scale = 1e8; base.remove_prefix(3); }
    else if (detail::starts_with(base, "千")) { scale = 1e3; base.remove_prefix(3); }
    else if (detail::starts_with(base, "百万")) { scale = 1e6; base.remove_prefix(6); }
    if (base.empty()) return unit{symbol, "count", scale};  // a bare 万 counts things
    for (const std::string_view word : {"家", "个", "项", "人", "名", "场次", "件", "支", "户"}) {
        if (base == word) return unit{symbol, "count", scale};
    }
    if (base == "100m CNY") return unit{symbol, "元", 1e8};
    if (base == "CNY" || base == "yuan") return unit{symbol, "元", scale};
    return unit{symbol, std::string(base), scale};
}

/// True when values in `a` can be converted to `b` (same base), or when either is unknown.
inline bool compatible(const unit& a, const unit& b) noexcept {
    return !a.known() || !b.known() || a.base == b.base;
}

/// The factor that turns a value in `from` into a value in `to` (1 when either is unknown).
/// Throws `value_error` when the units measure different things.
inline double conversion_factor(const unit& from, const unit& to) {
    if (!from.known() || !to.known()) return 1.0;
    if (from.base != to.base) {
        throw value_error("unit", "cannot convert '" + from.symbol + "' to '" + to.symbol + "': they measure different things");
    }
    return from.scale / to.scale;
}

}  // namespace ontrack
