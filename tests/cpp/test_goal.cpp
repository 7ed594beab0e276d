// The goal (goal.hpp): a target as numbers on its deadline value, one resolution shared by evaluate and
// assess. Expected figures are hand calculations written next to each check; the agreement cases run
// every target of the bundled seed and national plans (examples/data) through both.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/goal.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/series_selection.hpp>
#include <ontrack/targets_file.hpp>

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {

using ontrack::comparator;
using ontrack::period;
using ontrack::resolved_goal;
using ontrack::series;
using ontrack::target;
using ontrack::target_kind;
using ontrack::testing::make;

/// Fields of two goals that must agree exactly (NaN-free optionals compared by value).
void check_same(const resolved_goal& a, const resolved_goal& b) {
    CHECK(a.threshold == b.threshold);
    CHECK(a.threshold_high == b.threshold_high);
    CHECK(a.centre == b.centre);
    CHECK(a.stretch == b.stretch);
    CHECK(a.compare == b.compare);
    CHECK(a.tolerance == b.tolerance);
    CHECK(a.unit_factor == b.unit_factor);
    CHECK(a.base == b.base);
    CHECK(a.base_value == b.base_value);
    CHECK(a.base_projected == b.base_projected);
}

}  // namespace

TEST_CASE("resolve_goal: each kind as a bound on the deadline value (hand arithmetic)") {
    // level: the value itself, × the unit factor (亿元 target against a 万元 series: × 10000).
    auto level = make(target_kind::level, comparator::at_least, 2.5, 2025);
    auto [g, problem] = ontrack::resolve_goal(level, 10000.0, std::nullopt);
    CHECK(problem.empty());
    CHECK(*g.threshold == 25000.0);
    CHECK(*g.centre == 25000.0);
    // relative: factor × x(b): 2 × 40 = 80; stretch 2.5 × 40 = 100.
    auto relative = make(target_kind::relative, comparator::at_least, 2.0, 2025);
    relative.baseline_period = period::year(2020);
    relative.stretch = 2.5;
    std::tie(g, problem) = ontrack::resolve_goal(relative, 1.0, 40.0);
    CHECK(*g.threshold == 80.0);
    CHECK(*g.stretch == 100.0);
    CHECK(g.base == period::year(2020));
    // Without a base there is no number to compare with.
    std::tie(g, problem) = ontrack::resolve_goal(relative, 1.0, std::nullopt);
    CHECK(problem.empty());
    CHECK_FALSE(g.threshold);
    // growth: (1 + g)·x(b) = 1.1 × 50 = 55 (base: the period before the deadline).
    auto growth = make(target_kind::growth, comparator::at_least, 0.1, 2025);
    std::tie(g, problem) = ontrack::resolve_goal(growth, 1.0, 50.0);
    CHECK(g.base == period::year(2024));
    CHECK(*g.threshold == doctest::Approx(55.0).epsilon(1e-15));
    // average growth: (1 + g)^(T − b)·x(b) = 1.1² × 100 = 121 over 2023–2025 (b = 2023).
    auto average = make(target_kind::average_growth, comparator::at_least, 0.1, 2025);
    average.period_start = period::year(2024);
    std::tie(g, problem) = ontrack::resolve_goal(average, 1.0, 100.0);
    CHECK(g.base == period::year(2023));
    CHECK(*g.threshold == doctest::Approx(121.0).epsilon(1e-15));
    // increment: x(b) + value × factor = 7 + 0.5 × 10 = 12.
    auto increment = make(target_kind::increment, comparator::at_least, 0.5, 2025);
    std::tie(g, problem) = ontrack::resolve_goal(increment, 10.0, 7.0);
    CHECK(*g.threshold == 12.0);
    // about: the band value ± tolerance, the centre kept: 28 ± 1 → [27, 29].
    auto about = make(target_kind::level, comparator::about, 28.0, 2025);
    about.tolerance = 1.0;
    std::tie(g, problem) = ontrack::resolve_goal(about, 1.0, std::nullopt);
    CHECK(g.compare == comparator::within);
    CHECK(*g.threshold == 27.0);
    CHECK(*g.threshold_high == 29.0);
    CHECK(*g.centre == 28.0);
    // A stretch equal to the target is no stretch.
    auto same = make(target_kind::level, comparator::at_least, 3.0, 2025);
    same.stretch = 3.0;
    CHECK_FALSE(ontrack::resolve_goal(same, 1.0, std::nullopt).first.stretch);
    // A base that cannot carry a multiple, and a target beyond the range of numbers: the reason.
    CHECK(ontrack::testing::mentions(ontrack::resolve_goal(relative, 1.0, 0.0).second, {"the base 0 (2020) is zero"}));
    auto huge = make(target_kind::relative, comparator::at_most, 1e308, 2025);
    huge.baseline_period = period::year(2020);
    CHECK(ontrack::testing::mentions(ontrack::resolve_goal(huge, 1.0, 10.0).second, {"beyond the range of numbers"}));
    // The unit factor: levels convert; a rate converts only its base value, and only when its unit
    // names the base's unit.
    level.unit = "亿元";
    CHECK(ontrack::goal_unit_factor(level, "万元") == 10000.0);
    growth.unit = "%";
    CHECK(ontrack::goal_unit_factor(growth, "万元") == 1.0);
    growth.unit = "亿元";
    CHECK(ontrack::goal_unit_factor(growth, "万元") == 10000.0);
}

TEST_CASE("evaluate and assess resolve the same goal for every bundled target") {
    auto targets = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv");
    for (auto& t : ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/seed_targets.csv")) targets.push_back(t);
    const auto table = ontrack::read_observations_file(ONTRACK_EXAMPLES_DATA_DIR "/observations.csv");
    std::set<target_kind> kinds_compared;
    int compared = 0, with_bundled_data = 0;
    for (const auto& t : targets) {
        // The bundled series (the one selection policy, first release) where the data have the indicator; else a made-up rising series in
        // the target's unit from three periods before its base through the deadline, and the same
        // without the deadline (evaluate pending, assess projecting).
        std::vector<series> cases;
        try {
            cases.push_back(ontrack::select_series(table, t.region, t.indicator, ontrack::selection_options{}).values);
            ++with_bundled_data;
        } catch (const ontrack::error&) {
            const period deadline = t.due();
            const period first = std::min(t.base_period(), t.period_start.value_or(deadline)) - 3;
            std::vector<double> values;
            for (period p = first; p <= deadline; p = p + 1) values.push_back(100.0 + 7.0 * static_cast<double>(values.size()));
            cases.emplace_back(first, values, t.indicator, t.region, t.unit);
            values.pop_back();
            cases.emplace_back(first, values, t.indicator, t.region, t.unit);
        }
        for (const auto& s : cases) {
            INFO("target " << t.id << " (" << ontrack::to_string(t.kind) << "), series to " << s.end().to_string());
            std::optional<ontrack::evaluation> e;
            try {
                e = ontrack::evaluate(t, s);
            } catch (const ontrack::value_error&) {
                // Units that measure different things: assess refuses the same way.
                CHECK_THROWS_AS(ontrack::assess(t, s), ontrack::value_error);
                continue;
            }
            ontrack::assessment_options o;
            o.projection = ontrack::method::linear;
            const auto a = ontrack::assess(t, s, o);
            if (!e->goal) continue;  // no stated or observed base: assess may project one, evaluate cannot
            check_same(*e->goal, a.goal);
            // What evaluate compares a level target with is the goal's number.
            if ((t.kind == target_kind::level || t.kind == target_kind::relative) && e->required) CHECK(*e->required == *e->goal->centre);
            kinds_compared.insert(t.kind);
            ++compared;
        }
    }
    MESSAGE("targets with bundled data: " << with_bundled_data << ", goals compared: " << compared);
    CHECK(with_bundled_data >= 10);
    CHECK(compared >= 140);
    // Every kind of target the plans hold was compared.
    CHECK(kinds_compared == std::set<target_kind>{target_kind::level, target_kind::relative, target_kind::growth, target_kind::average_growth,
                                                  target_kind::increment, target_kind::cumulative, target_kind::per_period,
                                                  target_kind::non_decreasing, target_kind::trend});
}

TEST_CASE("evaluate: a growth target's tolerance is a rate, not scaled by the base value's unit") {
    // Growth of about 5% ± 1% from a base stated in 亿元 against a series in 万元: the unit factor
    // (× 10000) converts the base value, never the tolerance. Observed growth 2024→2025: 1200000 /
    // 1000000 − 1 = 20%, far outside 4%–6% (before: the tolerance became 100, i.e. ± 10000%).
    auto t = make(target_kind::growth, comparator::about, 0.05, 2025);
    t.tolerance = 0.01;
    t.unit = "亿元";
    t.baseline_value = 100.0;  // 100 亿元 = 1000000 万元
    t.baseline_period = period::year(2024);
    const series s(period::year(2023), {900000.0, 1000000.0, 1200000.0}, "x", "", "万元");
    const auto e = ontrack::evaluate(t, s);
    CHECK(e.result == ontrack::verdict::missed);
    CHECK(*e.observed == doctest::Approx(0.2).epsilon(1e-12));
    CHECK(*e.baseline == 1000000.0);
}
