// Composite indicators declared from their components: `rd_intensity = rd_expenditure / gdp * 100`.
// From any two of ratio, numerator and denominator the third follows; projections go through the
// components (project_ratio).
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/ratio.hpp>
#include <ontrack/series.hpp>

#include <cctype>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack {

/// A ratio indicator defined by its components: value = numerator / denominator × scale.
struct composite {
    std::string id;           ///< "rd_intensity"
    std::string numerator;    ///< "rd_expenditure"
    std::string denominator;  ///< "gdp"
    double scale = 1.0;       ///< 100 for a percentage

    /// The declaration as `parse_composite` reads it: "rd_intensity = rd_expenditure / gdp * 100"
    /// (without "* scale" when the scale is 1).
    std::string to_string() const {
        return id + " = " + numerator + " / " + denominator + (scale == 1.0 ? std::string() : " * " + detail::format_number(scale));
    }

    /// Throws `value_error` naming the field when an id is empty or not an identifier, two ids are the
    /// same, or the scale is not positive and finite.
    void validate() const {
        for (const auto& [field, name] : {std::pair<const char*, const std::string*>{"id", &id}, {"numerator", &numerator}, {"denominator", &denominator}}) {
            if (!is_identifier(*name)) throw value_error(field, "'" + *name + "' is not an indicator id (letters, digits and _, not starting with a digit)");
        }
        if (numerator == denominator || id == numerator || id == denominator) {
            throw value_error("denominator", "the composite '" + to_string() + "' uses one id twice");
        }
        if (!(scale > 0.0) || !std::isfinite(scale)) throw value_error("scale", "the scale must be positive and finite");
    }

    /// The indicator this declares: a ratio with these components and scale.
    indicator as_indicator() const {
        indicator out;
        out.id = id;
        out.kind = indicator_kind::ratio;
        out.numerator = numerator;
        out.denominator = denominator;
        out.scale = scale;
        return out;
    }

    static bool is_identifier(std::string_view text) {
        if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
        for (const char c : text) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
        }
        return true;
    }
};

/// Reads `id = numerator / denominator` optionally followed by `* scale` (also `× scale`), blanks
/// anywhere between the parts: "rd_intensity = rd_expenditure / gdp * 100". Throws `parse_error` with
/// the 1-based column of the offending character in `column`, field `composite`.
inline composite parse_composite(std::string_view text) {
    const std::string whole(text);
    std::size_t i = 0;
    const auto fail = [&](const std::string& why) -> void {
        throw parse_error("composite", whole, why + " at column " + std::to_string(i + 1) + " (expected e.g. 'rd_intensity = rd_expenditure / gdp * 100')",
                          0, i + 1);
    };
    const auto blanks = [&]() { while (i < text.size() && detail::is_space(text[i])) ++i; };
    const auto name = [&](const char* what) {
        blanks();
        const std::size_t from = i;
        while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
        if (i == from) fail(std::string("expected the ") + what);
        return std::string(text.substr(from, i - from));
    };
    const auto expect = [&](std::string_view symbol, const char* what) {
        blanks();
        if (text.substr(i, symbol.size()) != symbol) fail(std::string("expected ") + what);
        i += symbol.size();
    };
    composite c;
    c.id = name("indicator id");
    expect("=", "'='");
    c.numerator = name("numerator id");
    expect("/", "'/'");
    c.denominator = name("denominator id");
    blanks();
    if (i < text.size()) {
        if (text.substr(i, 1) == "*") i += 1;
        else if (text.substr(i, 2) == "\xC3\x97") i += 2;  // ×
        else fail("expected '* scale' or the end");
        blanks();
        const std::size_t from = i;
        while (i < text.size() && !detail::is_space(text[i])) ++i;
        const auto scale = detail::parse_number(text.substr(from, i - from));
        if (!scale) { i = from; fail("expected the scale, a number"); }
        c.scale = *scale;
        blanks();
        if (i < text.size()) fail("unexpected text after the scale");
    }
    try {
        c.validate();
    } catch (const value_error& e) {
        throw parse_error("composite", whole, e.reason());
    }
    return c;
}

namespace detail {

// Element-wise combination over the periods where both inputs are observed.
template <class Op>
series combine(const series& a, const series& b, Op op, const std::string& indicator, const std::string& unit) {
    if (!a.empty() && !b.empty() && a.freq() != b.freq()) {
        throw value_error("periods", "'" + a.indicator() + "' is " + to_string(a.freq()) + " but '" + b.indicator() + "' is " + to_string(b.freq()));
    }
    std::vector<period> periods;
    std::vector<double> values;
    for (const auto& p : a.observed().first) {
        if (!b.has(p)) continue;
        periods.push_back(p);
        values.push_back(op(a.at(p), b.at(p), p));
    }
    return series::from_pairs(periods, values, indicator, a.region().empty() ? b.region() : a.region(), unit);
}

}  // namespace detail

/// The composite's series, numerator / denominator × scale, in the periods where both are observed
/// (other periods are gaps). Throws `data_error` when a denominator is 0 where the numerator is
/// observed, `value_error` on mixed frequencies or an invalid composite.
inline series derive(const composite& c, const series& numerator, const series& denominator, const std::string& unit = {}) {
    c.validate();
    return detail::combine(numerator, denominator, [&](double n, double d, const period& p) {
        if (d == 0.0) throw data_error("'" + c.denominator + "' is 0 in " + p.to_string() + ": '" + c.id + "' is undefined there");
        return n / d * c.scale;
    }, c.id, unit);
}

/// The numerator from the composite and the denominator: ratio × denominator / scale (R&D spending
/// from intensity and GDP), in the periods where both are observed.
inline series derive_numerator(const composite& c, const series& ratio, const series& denominator) {
    c.validate();
    return detail::combine(ratio, denominator, [&](double r, double d, const period&) { return r * d / c.scale; }, c.numerator, denominator.unit());
}

/// The denominator from the composite and the numerator: numerator / ratio × scale, in the periods
/// where both are observed. Throws `data_error` when the ratio is 0 where the numerator is observed.
inline series derive_denominator(const composite& c, const series& ratio, const series& numerator) {
    c.validate();
    return detail::combine(numerator, ratio, [&](double n, double r, const period& p) {
        if (r == 0.0) throw data_error("'" + c.id + "' is 0 in " + p.to_string() + ": '" + c.denominator + "' cannot be derived there");
        return n / r * c.scale;
    }, c.denominator, numerator.unit());
}

/// The composite of `region` from the table's component series (`vintage` as in
/// `observation_table::select`, applied to both). Throws what `select` and `derive` throw.
inline series derive(const composite& c, const observation_table& table, const std::string& region,
                     const std::optional<std::string>& vintage = std::nullopt, const std::string& unit = {}) {
    return derive(c, table.select(region, c.numerator, vintage), table.select(region, c.denominator, vintage), unit);
}

/// Projects the composite through its components with `project_ratio` (same arguments, the scale is the
/// composite's).
inline ratio_projection project_composite(const composite& c, const series& numerator, const series& denominator, method m, const period& to,
                                          double level = 0.95, std::size_t draws = 100000, std::uint64_t seed = 20251122) {
    c.validate();
    return project_ratio(numerator, denominator, m, to, c.scale, level, draws, seed);
}

}  // namespace ontrack
