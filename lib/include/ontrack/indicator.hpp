// Indicators: what a series measures, in which unit, and which direction is progress.
#pragma once

#include <ontrack/error.hpp>
#include <ontrack/unit.hpp>

#include <string>
#include <string_view>

namespace ontrack {

/// Which way is better for an indicator.
enum class direction { higher_is_better, lower_is_better };

/// How an indicator's values add up over time and across regions.
enum class indicator_kind {
    stock,  ///< a level at the end of the period (valid high-tech enterprises); do not sum over time
    flow,   ///< an amount during the period (R&D spending, new firms); sums over time
    ratio,  ///< numerator / denominator × scale, two different quantities (R&D intensity = R&D / GDP × 100)
    share,  ///< part / whole × scale of the same quantity (high-tech firms among industrial firms, %)
};

inline std::string to_string(direction d) { return d == direction::higher_is_better ? "higher_is_better" : "lower_is_better"; }

inline std::string to_string(indicator_kind k) {
    switch (k) {
        case indicator_kind::stock: return "stock";
        case indicator_kind::flow: return "flow";
        case indicator_kind::ratio: return "ratio";
        case indicator_kind::share: return "share";
    }
    return "stock";
}

/// Reads "stock", "flow", "ratio" or "share"; throws `parse_error` naming the field otherwise.
inline indicator_kind parse_indicator_kind(std::string_view text, std::string_view field = "kind") {
    if (text == "stock") return indicator_kind::stock;
    if (text == "flow") return indicator_kind::flow;
    if (text == "ratio") return indicator_kind::ratio;
    if (text == "share") return indicator_kind::share;
    throw parse_error(std::string(field), std::string(text), "unknown indicator kind: expected stock, flow, ratio or share");
}

/// Reads "higher_is_better"/"+1"/">=" or "lower_is_better"/"-1"/"<="; throws `parse_error` otherwise.
inline direction parse_direction(std::string_view text, std::string_view field = "direction") {
    if (text == "higher_is_better" || text == "+1" || text == "1" || text == ">=" || text == "higher") return direction::higher_is_better;
    if (text == "lower_is_better" || text == "-1" || text == "<=" || text == "lower") return direction::lower_is_better;
    throw parse_error(std::string(field), std::string(text), "unknown direction: expected higher_is_better or lower_is_better");
}

/// What a series measures.
struct indicator {
    std::string id;         ///< "rd_intensity"
    std::string name_zh;    ///< "R&D经费投入强度"
    std::string name_en;    ///< "R&D intensity"
    unit measure;           ///< unit of the values
    direction better = direction::higher_is_better;
    indicator_kind kind = indicator_kind::stock;
    std::string numerator;    ///< for ratio and share: id of the numerator indicator
    std::string denominator;  ///< for ratio and share: id of the denominator indicator
    double scale = 1.0;       ///< for ratio and share: value = numerator / denominator × scale (100 for %)
};

}  // namespace ontrack
