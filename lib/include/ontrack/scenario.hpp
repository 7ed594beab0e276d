// Scenarios for composite indicators: the growth one component needs, given an assumed path of the
// other, to meet a target ("with GDP +5%/yr, R&D spending must grow 62.3%/yr for 1.5% intensity by
// 2025"); the target's status under named scenarios of both components; and how the required pace
// compares with the paces observed in the data.
#pragma once

#include <ontrack/composite.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/status.hpp>
#include <ontrack/target.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ontrack {

/// Where a scenario starts: the composite's value in a period and, when known, the denominator's level
/// (the numerator's level then follows).
struct scenario_base {
    period at = period::year(2020);
    double ratio = 0.0;                 ///< the composite's value in `at`; must be positive
    std::optional<double> denominator;  ///< e.g. GDP in `at`; positive when given
};

/// The growth a component needs for a composite to reach a value by a deadline.
struct requirement {
    std::string component;           ///< the component solved for (numerator or denominator id)
    double growth = 0.0;             ///< its required growth per period, a fraction (0.623 = 62.3%)
    double ratio_growth = 0.0;       ///< the composite's required growth per period: (target / base)^(1/n) − 1
    std::string assumed_component;   ///< the component whose path is assumed
    double assumed_growth = 0.0;     ///< its assumed growth per period
    period from = period::year(2020);
    period to = period::year(2025);
    double base = 0.0;
    double target = 0.0;
    std::string message;
};

namespace detail {

inline std::string percent(double fraction) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", fraction * 100.0);
    return buffer;
}

inline void require_growth(double g, const std::string& field) {
    if (!std::isfinite(g) || !(g > -1.0)) throw value_error(field, "a growth rate must be finite and above −100%, got " + describe_number(g));
}

inline std::int64_t periods_between(const period& from, const period& to) {
    const auto n = to - from;
    if (n <= 0) throw value_error("period", "the deadline " + to.to_string() + " must come after the base period " + from.to_string());
    return n;
}

// The base of a level target of a composite: its baseline period and value.
inline scenario_base base_of(const target& t) {
    if (!t.baseline_value) throw value_error("baseline_value", "target '" + t.id + "' states no baseline value: give the base explicitly");
    return scenario_base{t.base_period(), *t.baseline_value, std::nullopt};
}

inline double level_value(const target& t) {
    if (t.kind != target_kind::level) throw value_error("kind", "target '" + t.id + "' is a " + to_string(t.kind) + " target; scenarios need a level target");
    if (!t.value) throw value_error("value", "target '" + t.id + "' has no value");
    if (t.compare == comparator::about || t.compare == comparator::within) {
        throw value_error("comparator", "target '" + t.id + "': scenarios compare with >=, >, <= or <, got '" + to_string(t.compare) + "'");
    }
    return *t.value;
}

}  // namespace detail

/// The per-period growth that the other component of `c` needs for the composite to go from
/// `base.ratio` in `base.at` to `target_value` in `deadline`, when `assumed_component` (the numerator
/// or the denominator id) grows by `assumed_growth` per period. With r the composite's required growth,
/// (1 + r) = (target / base)^(1/n); the numerator then needs (1 + r)(1 + g_den) − 1 and the denominator
/// (1 + g_num) / (1 + r) − 1. Throws `value_error` when the component is neither, the values are not
/// positive, the deadline is not after the base, or a rate is not above −100%.
inline requirement required_growth(const composite& c, const scenario_base& base, double target_value, const period& deadline,
                                   const std::string& assumed_component, double assumed_growth) {
    c.validate();
    if (assumed_component != c.numerator && assumed_component != c.denominator) {
        throw value_error("assumed", "'" + assumed_component + "' is not a component of " + c.to_string());
    }
    detail::require_growth(assumed_growth, "assumed_growth");
    if (!(base.ratio > 0.0) || !std::isfinite(base.ratio)) throw value_error("base", "the base value must be positive, got " + detail::describe_number(base.ratio));
    if (!(target_value > 0.0) || !std::isfinite(target_value)) throw value_error("target", "the target value must be positive, got " + detail::describe_number(target_value));
    const auto n = detail::periods_between(base.at, deadline);
    requirement out;
    out.from = base.at;
    out.to = deadline;
    out.base = base.ratio;
    out.target = target_value;
    out.assumed_component = assumed_component;
    out.assumed_growth = assumed_growth;
    out.ratio_growth = std::pow(target_value / base.ratio, 1.0 / static_cast<double>(n)) - 1.0;
    if (assumed_component == c.denominator) {
        out.component = c.numerator;
        out.growth = (1.0 + out.ratio_growth) * (1.0 + assumed_growth) - 1.0;
    } else {
        out.component = c.denominator;
        out.growth = (1.0 + assumed_growth) / (1.0 + out.ratio_growth) - 1.0;
    }
    out.message = c.id + " must grow " + detail::percent(out.ratio_growth) + " a period from " + detail::fmt(base.ratio) + " (" + base.at.to_string() +
                  ") to " + detail::fmt(target_value) + " (" + deadline.to_string() + "); with " + assumed_component + " " +
                  (assumed_growth >= 0 ? "+" : "") + detail::percent(assumed_growth) + " a period, " + out.component + " must grow " +
                  detail::percent(out.growth) + " a period";
    return out;
}

/// `required_growth` for a level target of the composite, from its baseline period and value.
/// Throws `value_error` when the target is not a level target or states no baseline value.
inline requirement required_growth(const composite& c, const target& t, const std::string& assumed_component, double assumed_growth) {
    return required_growth(c, detail::base_of(t), detail::level_value(t), t.due(), assumed_component, assumed_growth);
}

/// Named assumptions: a constant growth per period for each component of a composite.
struct scenario {
    std::string name;                    ///< "R&D +10%/yr, GDP +6%/yr"
    std::map<std::string, double> growth;  ///< component id → growth per period (0.1 = +10%)
};

/// The composite (and its components, when the base gives levels) in one period of a scenario.
struct scenario_point {
    period at = period::year(2020);
    double ratio = 0.0;
    std::optional<double> numerator;
    std::optional<double> denominator;
};

/// A scenario played out to a target's deadline.
struct scenario_outcome {
    std::string name;
    double numerator_growth = 0.0;
    double denominator_growth = 0.0;
    double ratio_growth = 0.0;          ///< (1 + g_num) / (1 + g_den) − 1 per period
    std::vector<scenario_point> path;   ///< from the base period to the deadline
    double projected = 0.0;             ///< the composite at the deadline
    double target = 0.0;
    comparator compare = comparator::at_least;
    bool meets = false;                 ///< projected ⋈ target
    status verdict = status::off_track; ///< on_track when it meets the target, else off_track
    double gap = 0.0;                   ///< projected − target
    std::optional<period> reached;      ///< the first period of the path meeting the target
    std::string message;
};

/// Plays `s` out from `base` to the deadline of the level target `t`: each component grows at its
/// scenario rate, so the composite is base × ((1 + g_num) / (1 + g_den))^k after k periods. The
/// scenario must give a rate for both components and no other. Throws `value_error` otherwise, for a
/// target that is not a level target with >=, >, <= or <, a non-positive base, or a deadline not after
/// the base.
inline scenario_outcome project_scenario(const composite& c, const scenario_base& base, const target& t, const scenario& s) {
    c.validate();
    const double goal = detail::level_value(t);
    const period deadline = t.due();
    const auto n = detail::periods_between(base.at, deadline);
    if (!(base.ratio > 0.0) || !std::isfinite(base.ratio)) throw value_error("base", "the base value must be positive, got " + detail::describe_number(base.ratio));
    if (base.denominator && (!(*base.denominator > 0.0) || !std::isfinite(*base.denominator))) {
        throw value_error("denominator", "the base denominator must be positive, got " + detail::describe_number(*base.denominator));
    }
    for (const auto& [component, rate] : s.growth) {
        if (component != c.numerator && component != c.denominator) {
            throw value_error("growth", "scenario '" + s.name + "': '" + component + "' is not a component of " + c.to_string());
        }
        detail::require_growth(rate, "growth");
    }
    for (const auto& component : {c.numerator, c.denominator}) {
        if (s.growth.count(component) == 0) throw value_error("growth", "scenario '" + s.name + "' gives no growth for '" + component + "'");
    }
    scenario_outcome out;
    out.name = s.name;
    out.numerator_growth = s.growth.at(c.numerator);
    out.denominator_growth = s.growth.at(c.denominator);
    out.ratio_growth = (1.0 + out.numerator_growth) / (1.0 + out.denominator_growth) - 1.0;
    out.target = goal;
    out.compare = t.compare;
    const auto meets = [&](double x) {
        switch (t.compare) {
            case comparator::at_least: return x >= goal;
            case comparator::greater: return x > goal;
            case comparator::at_most: return x <= goal;
            case comparator::less: return x < goal;
            default: return false;
        }
    };
    for (std::int64_t k = 0; k <= n; ++k) {
        scenario_point point;
        point.at = base.at + k;
        const double kd = static_cast<double>(k);
        point.ratio = base.ratio * std::pow(1.0 + out.ratio_growth, kd);
        if (base.denominator) {
            point.denominator = *base.denominator * std::pow(1.0 + out.denominator_growth, kd);
            point.numerator = base.ratio * *base.denominator / c.scale * std::pow(1.0 + out.numerator_growth, kd);
        }
        if (!out.reached && meets(point.ratio)) out.reached = point.at;
        out.path.push_back(point);
    }
    out.projected = out.path.back().ratio;
    out.meets = meets(out.projected);
    out.verdict = out.meets ? status::on_track : status::off_track;
    out.gap = out.projected - goal;
    out.message = s.name + ": " + c.id + " " + detail::fmt(out.projected) + " in " + deadline.to_string() + " against " + to_string(t.compare) + " " +
                  detail::fmt(goal) + (out.meets ? " — met" : " — not met") +
                  (out.reached && out.meets ? " (from " + out.reached->to_string() + ")" : std::string());
    return out;
}

/// `project_scenario` from the target's baseline period and value.
inline scenario_outcome project_scenario(const composite& c, const target& t, const scenario& s) {
    return project_scenario(c, detail::base_of(t), t, s);
}

/// Several scenarios side by side, in the order given.
inline std::vector<scenario_outcome> compare_scenarios(const composite& c, const scenario_base& base, const target& t, const std::vector<scenario>& scenarios) {
    std::vector<scenario_outcome> out;
    for (const auto& s : scenarios) out.push_back(project_scenario(c, base, t, s));
    return out;
}

/// One observed pace: the compound growth per period of an indicator in a region over a window.
struct pace {
    std::string region;
    std::string indicator;
    std::string vintage;
    period from = period::year(2000);
    period to = period::year(2000);
    double rate = 0.0;  ///< (x(to) / x(from))^(1/(to − from)) − 1
};

/// The vintages `historical_paces` prefers, best first: revised figures over first releases over
/// estimates; `unverified_db` is never used (examples/data/README.md).
inline std::vector<std::string> default_vintage_preference() {
    return {"yearbook", "revised_next_bulletin", "first_release", "", "revised_2026", "preliminary", "estimate"};
}

/// Every pace of `indicator` over `window` periods in the table: for each region, the first vintage of
/// `preference` it has, and every pair of observed, positive values `window` periods apart. Sorted
/// fastest first. Throws `value_error` when `window` is 0.
inline std::vector<pace> historical_paces(const observation_table& table, const std::string& indicator, std::size_t window = 5,
                                          const std::vector<std::string>& preference = default_vintage_preference()) {
    if (window == 0) throw value_error("window", "the window must be at least 1 period");
    std::vector<std::string> regions;
    for (const auto& r : table.rows()) {
        if (r.indicator == indicator && std::find(regions.begin(), regions.end(), r.region) == regions.end()) regions.push_back(r.region);
    }
    std::vector<pace> out;
    for (const auto& region : regions) {
        const auto available = table.vintages(region, indicator);
        const auto chosen = std::find_if(preference.begin(), preference.end(),
                                         [&](const std::string& v) { return std::find(available.begin(), available.end(), v) != available.end(); });
        if (chosen == preference.end()) continue;
        const auto s = table.select(region, indicator, *chosen);
        const auto w = static_cast<std::int64_t>(window);
        for (const auto& p : s.observed().first) {
            const double a = s.at(p), b = s.at(p + w);
            if (std::isnan(b) || !(a > 0.0) || !(b > 0.0)) continue;
            out.push_back({region, indicator, *chosen, p, p + w, std::pow(b / a, 1.0 / static_cast<double>(window)) - 1.0});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const pace& x, const pace& y) { return x.rate > y.rate; });
    return out;
}

/// A required pace against the paces observed.
struct feasibility {
    double required = 0.0;
    std::string indicator;
    std::size_t window = 5;
    std::vector<pace> paces;      ///< fastest first
    std::optional<pace> fastest;  ///< empty when the data have no window of that length
    std::size_t reaching = 0;     ///< how many observed paces are at least the required one
    std::string message;
};

/// Compares `required` (growth per period) with `historical_paces(table, indicator, window, preference)`.
inline feasibility assess_feasibility(double required, const observation_table& table, const std::string& indicator, std::size_t window = 5,
                                      const std::vector<std::string>& preference = default_vintage_preference()) {
    if (!std::isfinite(required)) throw value_error("required", "the required pace must be finite");
    feasibility out;
    out.required = required;
    out.indicator = indicator;
    out.window = window;
    out.paces = historical_paces(table, indicator, window, preference);
    std::vector<std::string> regions;
    for (const auto& p : out.paces) {
        if (p.rate >= required) ++out.reaching;
        if (std::find(regions.begin(), regions.end(), p.region) == regions.end()) regions.push_back(p.region);
    }
    out.message = "needs " + detail::percent(required) + " a year";
    if (out.paces.empty()) {
        out.message += "; the data hold no " + std::to_string(window) + "-year pace of " + indicator + " to compare with";
        return out;
    }
    out.fastest = out.paces.front();
    out.message += "; the fastest observed " + std::to_string(window) + "-year pace of " + indicator + " among the " + std::to_string(regions.size()) +
                   " regions with data is " + detail::percent(out.fastest->rate) + " a year (" + out.fastest->region + " " +
                   out.fastest->from.to_string() + "–" + out.fastest->to.to_string() + "); " + std::to_string(out.reaching) + " of " +
                   std::to_string(out.paces.size()) + " observed paces reach the required one";
    return out;
}

}  // namespace ontrack
