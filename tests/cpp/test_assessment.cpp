// Tests of ontrack/assessment.hpp: `assess` against the spec in its doc comment and the struct docs,
// methods.md (the published rules and ontrack's probability bands, §7) and docs/targets_csv.md.
//
// How the expected figures were obtained (none is read back from the code under test):
// - Real cases: the values are those of examples/data/observations.csv (vintage first_release where
//   several exist); paces are hand arithmetic on them.
// - Exact cases: four exactly linear points (2017…2020) give an OLS fit with zero residuals, so the
//   linear projection is a point mass on the line (checked first, in "premise"): probabilities are
//   exactly 0 or 1 and every threshold is hand arithmetic.
// - Noisy cases: the predictive distribution of the linear method is recomputed independently with
//   numpy (OLS on centred years, statsmodels' prediction formula) and the probabilities with
//   scipy.stats.t. The helper used in the one-liners below is
//     import numpy as np; from scipy import stats
//     def ols(x, y, x0):  # location, scale, df of a new observation at x0
//         x = np.array(x, float); y = np.array(y, float); n = len(x); xb = x.mean(); Sxx = ((x - xb)**2).sum()
//         b = ((x - xb) * (y - y.mean())).sum() / Sxx; loc = y.mean() + b * (x0 - xb)
//         s2 = ((y - y.mean() - b * (x - xb))**2).sum() / (n - 2)
//         return loc, np.sqrt(s2 * (1 + 1/n + (x0 - xb)**2 / Sxx)), n - 2
//     X = range(2014, 2023); Y = [3.1, 3.5, 3.6, 4.2, 4.3, 4.9, 5.0, 5.6, 5.8]
//     l, s, df = ols(X, Y, 2025)   # l = 6.847777777777776, s = 0.1736987397898602, df = 7
//   run with /work/main/.venv/bin/python (scipy 1.17).
// - Schemes: the worked examples of methods.md, re-derived with the one-liners shown beside them.
//
// Tests whose comment starts "Regression (fixed)" pin defects found by these tests and since fixed.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/indicator_catalogue.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/projection.hpp>
#include <ontrack/targets_file.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {

using ontrack::testing::mentions;
using ontrack::testing::thrown;

using ontrack::assess;
using ontrack::assessment;
using ontrack::assessment_options;
using ontrack::comparator;
using ontrack::method;
using ontrack::period;
using ontrack::scheme;
using ontrack::series;
using ontrack::status;
using ontrack::target;
using ontrack::target_kind;
using ontrack::verdict;
using ontrack::testing::make;
using ontrack::testing::spanning;

period yr(int year) { return period::year(year); }

boost::gregorian::date day(int year, int month, int d) {
    return boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(d));
}

/// A yearly series of indicator "x" from `first` on; NaN marks a gap.
series yearly(int first, std::vector<double> values) { return series(yr(first), std::move(values), "x", "r", ""); }

/// A yearly series observed only in the given years.
series years(const std::vector<int>& at, const std::vector<double>& values) { return series::from_years(at, values, "x", "r", ""); }

/// Exactly linear: 12, 14, 16, 18 in 2017…2020, so x(t) = 18 + 2·(t − 2020) on the fitted line.
series rising() { return yearly(2017, {12, 14, 16, 18}); }
/// Exactly linear: 24, 22, 20, 18 in 2017…2020, so x(t) = 18 − 2·(t − 2020).
series falling() { return yearly(2017, {24, 22, 20, 18}); }
/// Noisy: 2014…2022 (see the header for its OLS prediction).
series noisy() { return yearly(2014, {3.1, 3.5, 3.6, 4.2, 4.3, 4.9, 5.0, 5.6, 5.8}); }

assessment_options linear() {
    assessment_options o;
    o.projection = method::linear;
    return o;
}

assessment_options with_rule(scheme rule) {
    assessment_options o;
    o.rule = rule;
    return o;
}

/// The value of an optional result field; fails the test case when it is empty.
double got(const std::optional<double>& x, const std::string& what) {
    INFO("field: " << what);
    REQUIRE(x.has_value());
    return *x;
}

doctest::Approx near(double expected, double tolerance = 1e-12) { return doctest::Approx(expected).epsilon(tolerance); }

// The bundled data files, read once.
const std::vector<target>& national_targets() {
    static const auto targets = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv");
    return targets;
}
const ontrack::observation_table& observations() {
    static const auto table = ontrack::read_observations_file(ONTRACK_EXAMPLES_DATA_DIR "/observations.csv");
    return table;
}
const target& national(const std::string& id) {
    for (const auto& t : national_targets()) {
        if (t.id == id) return t;
    }
    FAIL("no target " << id << " in national_targets.csv");
    throw std::logic_error("unreachable");
}
series first_release(const std::string& region, const std::string& indicator) {
    return observations().select(region, indicator, std::string("first_release"));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// 1. Real cases (examples/data)

TEST_CASE("real: cn13-01 R&D intensity >= 2.5% by 2020, as of 2021-12-31: missed on the first release 2.40") {
    const target& t = national("cn13-01");
    REQUIRE(t.kind == target_kind::level);
    REQUIRE(t.compare == comparator::at_least);
    REQUIRE(*t.value == 2.5);
    assessment_options o;
    o.as_of = day(2021, 12, 31);
    const auto a = assess(t, first_release("China", "rd_intensity"), o);
    CHECK(a.id == "cn13-01");
    CHECK(a.deadline == yr(2020));
    CHECK(a.unified == status::missed);
    CHECK(a.scheme_status == "missed");
    CHECK(a.method_used == "observed");
    // first_release 2021 (2.44) ends on 2021-12-31, which is not before as_of: the latest is 2020.
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2020));
    CHECK(got(a.latest_value, "latest_value") == 2.40);
    CHECK(got(a.projected, "projected") == 2.40);  // the observed deadline value
    CHECK(got(a.target_value, "target_value") == 2.5);
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK_FALSE(a.nowcast);
    CHECK(a.observed.result == verdict::missed);
    CHECK(a.message == "missed: value 2.4 in 2020, target >= 2.5 as of 2021-12-31");
}

TEST_CASE("real: cn13-01 as of 2020-12-31: 2020 not yet ended, projected and off track") {
    // first_release 2012…2019: 1.98 2.08 2.05 2.07 2.11 2.13 2.19 2.23.
    assessment_options o = linear();
    o.as_of = day(2020, 12, 31);
    const auto a = assess(national("cn13-01"), first_release("China", "rd_intensity"), o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2019));
    CHECK(got(a.latest_value, "latest_value") == 2.23);
    CHECK(a.observed.result == verdict::pending);
    CHECK(a.method_used == "linear");
    // l, s, df = ols(range(2012, 2020), [1.98, 2.08, 2.05, 2.07, 2.11, 2.13, 2.19, 2.23], 2020)
    //   → 2.2432142857142856, 0.03424662950792483, 6; stats.t.sf((2.5 - l) / s, df) = 0.00014548188973414997
    CHECK(got(a.projected, "projected") == near(2.2432142857142856));
    CHECK(got(a.probability, "probability") == near(0.00014548188973414997, 1e-9));
    // Rule base: baseline_period 2015 with the stated baseline_value 2.07.
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2015));
    CHECK(got(a.base_value, "base_value") == 2.07);
    // needs (2.5 − 2.23)/1 = 0.27 per year; achieved (2.23 − 2.07)/(2019 − 2015) = 0.04 per year.
    CHECK(got(a.required_pace, "required_pace") == near(0.27));
    CHECK(got(a.actual_pace, "actual_pace") == near(0.04));
    CHECK(got(a.pace_ratio, "pace_ratio") == near(0.04 / 0.27));
    // P < 0.1 but moving toward the target: off_track, not regressing.
    CHECK(a.unified == status::off_track);
}

TEST_CASE("real: cnlit-01 scientific literacy > 15% by 2025, as of 2025-06-30: already achieved in 2024") {
    const target& t = national("cnlit-01");
    REQUIRE(t.compare == comparator::greater);
    REQUIRE(*t.value == 15);
    const series s = observations().select("China", "citizens_with_scientific_literacy");  // one (empty) vintage
    assessment_options o;
    o.as_of = day(2025, 6, 30);
    const auto a = assess(t, s, o);
    CHECK(a.unified == status::achieved);  // 15.37 > 15 before the deadline
    CHECK(a.scheme_status == "achieved");
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2024));
    CHECK(got(a.latest_value, "latest_value") == 15.37);
    CHECK(a.observed.result == verdict::pending);  // 2025 is not used (and not observed)
    CHECK_FALSE(a.nowcast);                       // 2025 has not ended on 2025-06-30
    CHECK(got(a.target_value, "target_value") == 15);
    CHECK(got(a.gap, "gap") == near(15 - 15.37));
    CHECK(mentions(a.message, {"already achieved", "latest 15.37 (2024)", "as of 2025-06-30"}));

    // After the deadline has ended with no 2025 survey in the file: the 2025 value decides, and it is
    // not out: awaiting data, with a nowcast (no longer "achieved early" for a deadline already over).
    o.as_of = day(2026, 6, 30);
    const auto later = assess(t, s, o);
    CHECK(later.unified == status::awaiting_data);
    CHECK(later.based_on == ontrack::basis::nowcast);
    CHECK(later.nowcast);
    CHECK(later.probability.has_value());
    CHECK(mentions(later.message, {"awaiting data", "the 2025 figure is not yet published", "nowcast", "in 2025"}));
}

TEST_CASE("real: cnlit-01 as of 2024-06-30: the 2023 value 14.14 is below 15, probability decides") {
    assessment_options o = linear();
    o.as_of = day(2024, 6, 30);
    const auto a = assess(national("cnlit-01"), observations().select("China", "citizens_with_scientific_literacy"), o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2023));
    CHECK(got(a.latest_value, "latest_value") == 14.14);
    // l, s, df = ols([2010, 2015, 2020, 2022, 2023], [3.27, 6.20, 10.56, 12.93, 14.14], 2025)
    //   → 15.279830508474575, 0.8677181527916162, 3; stats.t.sf((15 - l) / s, df) = 0.6158754066929684
    CHECK(got(a.projected, "projected") == near(15.279830508474575));
    CHECK(got(a.probability, "probability") == near(0.6158754066929684, 1e-9));
    CHECK(a.unified == status::at_risk);  // 0.5 ≤ P < 0.9
    // Base 2020 (baseline_value 10.56): achieved (14.14 − 10.56)/3 = 1.19333…; needs (15 − 14.14)/2 = 0.43.
    CHECK(got(a.actual_pace, "actual_pace") == near((14.14 - 10.56) / 3));
    CHECK(got(a.required_pace, "required_pace") == near(0.43));
    // (15 / 14.14)**0.5 - 1 = 0.029961342843050964
    CHECK(got(a.required_growth, "required_growth") == near(0.029961342843050964));
}

TEST_CASE("real: xj12-01 Xinjiang R&D intensity >= 1.8 by 2015, as of 2014-12-31: pace fallback, off track") {
    const target& t = national("xj12-01");
    REQUIRE(*t.value == 1.8);
    REQUIRE(*t.baseline_period == yr(2010));
    assessment_options o;
    o.as_of = day(2014, 12, 31);
    const auto a = assess(t, first_release("Xinjiang", "rd_intensity"), o);
    // first_release: 2012 0.53, 2013 0.54, 2014 0.53 (2014 ends on as_of itself: not used).
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2013));
    CHECK(got(a.latest_value, "latest_value") == 0.54);
    // Base: no 2010 observation and no baseline_value → the first observation at or after 2010: 2012.
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2012));
    CHECK(got(a.base_value, "base_value") == 0.53);
    // Two points: nothing to project, so the pace decides.
    CHECK(a.method_used == "pace");
    CHECK_FALSE(a.probability);
    CHECK_FALSE(a.projected);
    // required (1.8 − 0.54)/(2015 − 2013) = 0.63; actual (0.54 − 0.53)/(2013 − 2012) = 0.01;
    // ratio 0.01/0.63 = 0.015873015873015872 ∈ [0, 0.5) → off_track (SDSN bands).
    CHECK(got(a.required_pace, "required_pace") == near(0.63));
    CHECK(got(a.actual_pace, "actual_pace") == near(0.01));
    CHECK(got(a.pace_ratio, "pace_ratio") == near(0.015873015873015872));
    CHECK(got(a.gap, "gap") == near(1.26));
    // (1.8 / 0.54)**0.5 - 1 = 0.8257418583505536
    CHECK(got(a.required_growth, "required_growth") == near(0.8257418583505536));
    CHECK(a.unified == status::off_track);
    CHECK(a.scheme_status == "off_track");
    CHECK(mentions(a.message, {"off track", "no projection", "auto needs >= 3 observations, got 2", "status from the pace",
                               "latest 0.54 (2013)", "as of 2014-12-31"}));
}

TEST_CASE("real: xj12-01 as of 2015-01-01: 2014 is used, three points are projected") {
    assessment_options o = linear();
    o.as_of = day(2015, 1, 1);
    const auto a = assess(national("xj12-01"), first_release("Xinjiang", "rd_intensity"), o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == yr(2014));
    CHECK(got(a.latest_value, "latest_value") == 0.53);
    CHECK(a.method_used == "linear");
    // l, s, df = ols([2012, 2013, 2014], [0.53, 0.54, 0.53], 2015) → 0.5333333333333333, 0.01490711984999861, 1
    // stats.t.sf((1.8 - l) / s, 1) = 0.003745945712935813. The stretch is also 1.8: no separate stretch.
    CHECK(got(a.projected, "projected") == near(0.5333333333333333));
    CHECK(got(a.probability, "probability") == near(0.003745945712935813, 1e-9));
    CHECK_FALSE(a.probability_stretch);
    CHECK_FALSE(a.stretch_value);
    // Actual pace (0.53 − 0.53)/2 = 0: pace ratio 0 is not moving away → off_track, not regressing.
    CHECK(got(a.actual_pace, "actual_pace") == 0.0);
    CHECK(got(a.pace_ratio, "pace_ratio") == 0.0);
    CHECK(a.unified == status::off_track);
}

TEST_CASE("real: after publication the deadline value decides (xj12-01, cn13-01)") {
    assessment_options o;
    o.as_of = day(2016, 12, 31);
    const auto xj = assess(national("xj12-01"), first_release("Xinjiang", "rd_intensity"), o);
    CHECK(xj.unified == status::missed);  // 0.56 < 1.8
    CHECK(xj.method_used == "observed");
    REQUIRE(xj.latest_period);
    CHECK(*xj.latest_period == yr(2015));  // 2016 ends on as_of: not used
    CHECK(got(xj.projected, "projected") == 0.56);
    CHECK(got(xj.probability, "probability") == 0.0);
    CHECK_FALSE(xj.probability_stretch);  // the stretch 1.8 equals the target: not a separate stretch
    CHECK(xj.message == "missed: value 0.56 in 2015, target >= 1.8, stretch 1.8 not met as of 2016-12-31");

    // Years later the verdict still comes from the 2020 value, not the latest.
    o.as_of = day(2025, 1, 1);
    const auto cn = assess(national("cn13-01"), first_release("China", "rd_intensity"), o);
    CHECK(cn.unified == status::missed);
    REQUIRE(cn.latest_period);
    CHECK(*cn.latest_period == yr(2024));  // 2024 (2.69) ends 2024-12-31 < 2025-01-01
    CHECK(got(cn.latest_value, "latest_value") == 2.69);
    CHECK(got(cn.projected, "projected") == 2.40);
    REQUIRE(cn.observed.decided_by);
    CHECK(*cn.observed.decided_by == yr(2020));

    // Without as_of every observation is used: the same verdict.
    CHECK(assess(national("cn13-01"), first_release("China", "rd_intensity")).unified == status::missed);
}

// ---------------------------------------------------------------------------------------------------
// 2. as_of and nowcasts

TEST_CASE("as_of: a period is used only once its last day is before as_of") {
    const target t = make(target_kind::level, comparator::at_least, 100, 2030);
    const series s = yearly(2011, {1, 2, 3, 4});  // 2011 … 2014
    const auto latest_on = [&](boost::gregorian::date d) {
        assessment_options o = linear();
        o.as_of = d;
        const auto a = assess(t, s, o);
        REQUIRE(a.latest_period);
        return *a.latest_period;
    };
    CHECK(latest_on(day(2014, 12, 31)) == yr(2013));  // 2014-12-31 is not before 2014-12-31
    CHECK(latest_on(day(2015, 1, 1)) == yr(2014));
    CHECK(latest_on(day(2014, 1, 1)) == yr(2013));
    CHECK(latest_on(day(2030, 1, 1)) == yr(2014));

    // Quarters: 2024-Q3 ends 2024-09-30, 2024-Q4 ends 2024-12-31.
    target q = t;
    q.deadline = period::quarter(2026, 4);
    const series quarterly(period::quarter(2024, 1), {1, 2, 3, 4}, "x", "r", "");
    assessment_options o = linear();
    o.as_of = day(2024, 12, 31);
    auto a = assess(q, quarterly, o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == period::quarter(2024, 3));
    CHECK(got(a.latest_value, "latest_value") == 3);
    o.as_of = day(2025, 1, 1);
    a = assess(q, quarterly, o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == period::quarter(2024, 4));
    o.as_of = day(2024, 10, 1);
    a = assess(q, quarterly, o);
    REQUIRE(a.latest_period);
    CHECK(*a.latest_period == period::quarter(2024, 3));

    // Nothing known yet: not assessable, and the message says as of when.
    o = linear();
    o.as_of = day(2011, 12, 31);
    a = assess(t, s, o);
    CHECK(a.unified == status::not_assessable);
    CHECK(a.scheme_status == "not_assessable");
    CHECK_FALSE(a.latest_period);
    CHECK(a.message == "not assessable: no observations as of 2011-12-31");
}

TEST_CASE("as_of: nowcast when the deadline has ended but is not observed") {
    // rising(): the line gives 20 in 2021.
    const target t = make(target_kind::level, comparator::at_least, 19, 2021);
    assessment_options o = linear();
    auto a = assess(t, rising(), o);
    CHECK_FALSE(a.nowcast);  // no as_of
    CHECK(mentions(a.message, {"projected 20 in 2021"}));
    o.as_of = day(2021, 12, 31);  // 2021 has not ended before as_of
    CHECK_FALSE(assess(t, rising(), o).nowcast);
    o.as_of = day(2022, 1, 1);
    a = assess(t, rising(), o);
    CHECK(a.nowcast);
    CHECK(got(a.projected, "projected") == 20);
    CHECK(got(a.probability, "probability") == 1.0);
    // The deadline has passed and its figure is not out: the verdict waits, the nowcast says how likely.
    CHECK(a.unified == status::awaiting_data);
    CHECK(a.scheme_status == "awaiting_data");
    CHECK(a.based_on == ontrack::basis::nowcast);
    // Expected: the day after 2021 ends plus the default annual lag of 6 months.
    REQUIRE(a.expected_publication);
    CHECK(*a.expected_publication == day(2022, 7, 1));
    CHECK_FALSE(a.required_pace);  // no path to a deadline already over
    CHECK_FALSE(a.pace_ratio);
    CHECK(mentions(a.message, {"awaiting data", "the 2021 figure is not yet published (expected 2022-07-01)", "nowcast 20 in 2021", "as of 2022-01-01"}));

    // Once the deadline is observed it is a fact, not a nowcast.
    a = assess(t, yearly(2017, {12, 14, 16, 18, 20}), o);
    CHECK_FALSE(a.nowcast);
    CHECK(a.unified == status::met);
}

// ---------------------------------------------------------------------------------------------------
// 3. Every kind under the probability scheme: exact data (point-mass projections)

TEST_CASE("premise: four exactly linear points project as a point mass on the line") {
    for (const auto& [s, slope] : {std::pair<series, double>{rising(), 2.0}, {falling(), -2.0}, {yearly(2017, {5, 5, 5, 5}), 0.0}}) {
        const auto p = ontrack::project(s, method::linear, yr(2035));
        REQUIRE(p.points.size() == 15);
        for (const auto& point : p.points) {
            INFO(point.at.to_string());
            CHECK(point.distribution.scale == 0.0);
            const double expected = s.at(yr(2020)) + slope * static_cast<double>(point.at - yr(2020));
            CHECK(point.distribution.location == expected);
            CHECK(point.lower == expected);
            CHECK(point.upper == expected);
        }
    }
}

TEST_CASE("exact: level >= and >") {
    // Projection in 2025: 18 + 2·5 = 28.
    auto a = assess(make(target_kind::level, comparator::at_least, 27, 2025), rising(), linear());
    CHECK(got(a.projected, "projected") == 28);
    CHECK(got(a.lower, "lower") == 28);
    CHECK(got(a.upper, "upper") == 28);
    CHECK(got(a.target_value, "target_value") == 27);
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(got(a.progress, "progress") == 1.0);  // the probability scheme reports P as its progress
    CHECK(a.unified == status::on_track);
    CHECK(a.scheme_status == "on_track");
    CHECK(a.method_used == "linear");
    CHECK(mentions(a.message, {"on track", "latest 18 (2020)", "target 27", "projected 28 in 2025", "P(met) 1"}));

    a = assess(make(target_kind::level, comparator::at_least, 29, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::off_track);  // P < 0.1, but moving toward 29 (pace ratio 2/2.2 > 0)

    // The point mass sits on the bound: >= counts it, > does not.
    CHECK(got(assess(make(target_kind::level, comparator::at_least, 28, 2025), rising(), linear()).probability, "P") == 1.0);
    CHECK(got(assess(make(target_kind::level, comparator::greater, 28, 2025), rising(), linear()).probability, "P") == 0.0);
}

TEST_CASE("exact: level <= (lower is better)") {
    // falling(): 18 − 2·5 = 8 in 2025.
    auto a = assess(make(target_kind::level, comparator::at_most, 9, 2025), falling(), linear());
    CHECK(got(a.projected, "projected") == 8);
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
    a = assess(make(target_kind::level, comparator::at_most, 7, 2025), falling(), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::off_track);  // falling toward 7: not moving away
    a = assess(make(target_kind::level, comparator::less, 8, 2025), falling(), linear());
    CHECK(got(a.probability, "probability") == 0.0);  // 8 < 8 is false on a point mass
    // Rising data against a ceiling of 10: P(28 <= 10) = 0 and moving away → regressing.
    a = assess(make(target_kind::level, comparator::at_most, 10, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::regressing);
    // Already at or below the ceiling before the deadline.
    a = assess(make(target_kind::level, comparator::at_most, 18, 2025), falling(), linear());
    CHECK(a.unified == status::achieved);
}

TEST_CASE("exact: level within and ~ (bands)") {
    target w = make(target_kind::level, comparator::within, 27, 2025);
    w.value_high = 29;
    auto a = assess(w, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 27);
    CHECK(got(a.target_high, "target_high") == 29);
    CHECK(got(a.probability, "probability") == 1.0);  // 28 ∈ [27, 29]
    CHECK(a.unified == status::on_track);
    w.value = 28.5;
    w.value_high = 30;
    CHECK(got(assess(w, rising(), linear()).probability, "P") == 0.0);  // 28 ∉ [28.5, 30]
    w.value = 26;
    w.value_high = 28;
    CHECK(got(assess(w, rising(), linear()).probability, "P") == 1.0);  // upper bound inclusive

    target about = make(target_kind::level, comparator::about, 28, 2025);
    about.tolerance = 0.5;
    a = assess(about, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 28);    // the value the plan names
    CHECK(got(a.target_low, "target_low") == 27.5);      // 28 − 0.5
    CHECK(got(a.target_high, "target_high") == 28.5);    // 28 + 0.5
    CHECK(got(a.probability, "probability") == 1.0);
    about.value = 30;
    about.tolerance = 1;
    CHECK(got(assess(about, rising(), linear()).probability, "P") == 0.0);  // 28 ∉ [29, 31]
    // Relative tolerance: 5% of 28 = 1.4 → [26.6, 29.4].
    about.value = 28;
    about.tolerance = 0.05;
    about.tolerance_relative = true;
    a = assess(about, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 28);
    CHECK(got(a.target_low, "target_low") == near(26.6));
    CHECK(got(a.target_high, "target_high") == near(29.4));
    CHECK(got(a.probability, "probability") == 1.0);
    // Already inside the band before the deadline.
    w.value = 17;
    w.value_high = 19;
    CHECK(assess(w, rising(), linear()).unified == status::achieved);
}

// Regression (fixed): lib/include/ontrack/distribution.hpp, predictive::probability_between (line 153):
// P(low <= X <= high) is computed as cdf(high) − cdf(low), which drops the mass *at* `low`. For a
// point-mass predictive (exact data, scale 0) sitting on the lower bound it returns 0 instead of 1.
// Input: rising() (projection exactly 28 in 2025, scale 0), level target `within` [28, 30] by 2025 (and
// `~` 29 ± 1, the same band). Expected P = 1, on_track; actual P = 0, off_track.
TEST_CASE("exact: a point mass on the lower bound of a band meets it") {
    target w = make(target_kind::level, comparator::within, 28, 2025);
    w.value_high = 30;
    auto a = assess(w, rising(), linear());
    CHECK(got(a.probability, "probability") == 1.0);  // 28 ∈ [28, 30]
    CHECK(a.unified == status::on_track);
    target about = make(target_kind::level, comparator::about, 29, 2025);
    about.tolerance = 1;
    a = assess(about, rising(), linear());
    CHECK(got(a.probability, "probability") == 1.0);  // |28 − 29| <= 1
}

TEST_CASE("exact: relative target, factor × base") {
    target t = make(target_kind::relative, comparator::at_least, 2.5, 2025);
    t.baseline_period = yr(2017);
    auto a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 30);  // 2.5 × 12
    CHECK(got(a.probability, "probability") == 0.0);   // 28 < 30
    t.value = 2;
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 24);  // 2 × 12
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
    // A stated baseline_value replaces the observation: 2.5 × 11 = 27.5 <= 28.
    t.value = 2.5;
    t.baseline_value = 11;
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 27.5);
    CHECK(got(a.probability, "probability") == 1.0);
    // ×1.5 of 12 = 18 is already reached by the 2020 value.
    t.baseline_value.reset();
    t.value = 1.5;
    CHECK(assess(t, rising(), linear()).unified == status::achieved);
}

TEST_CASE("exact: growth target, threshold (1 + g)·x(b)") {
    // Deadline 2021, b = 2020 (the period before the deadline), x(b) = 18; projection 20.
    auto a = assess(make(target_kind::growth, comparator::at_least, 0.1, 2021), rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(19.8));  // 1.1 × 18
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
    a = assess(make(target_kind::growth, comparator::at_least, 0.12, 2021), rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(20.16));  // 1.12 × 18
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::off_track);
    // b from baseline_period: x(2018) = 14; 1.95 × 14 = 27.3 <= 28 in 2025.
    target t = make(target_kind::growth, comparator::at_least, 0.95, 2025);
    t.baseline_period = yr(2018);
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(27.3));
    CHECK(got(a.probability, "probability") == 1.0);
    // The latest value 18 already exceeds 1.1 × 14 = 15.4, yet only level and relative targets are
    // "achieved" early: the growth target stays a projection (P = 1, on_track).
    t.value = 0.1;
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(15.4));
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
}

TEST_CASE("exact: average_growth target, threshold (1 + g)^(T − b)·x(b)") {
    // period_start 2021 → b = 2020, x(b) = 18, T − b = 5; projection 28 in 2025.
    auto a = assess(spanning(target_kind::average_growth, comparator::at_least, 0.09, 2021, 2025), rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(27.695231188200008));  // 18 * 1.09**5
    CHECK(got(a.probability, "probability") == 1.0);
    a = assess(spanning(target_kind::average_growth, comparator::at_least, 0.1, 2021, 2025), rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(28.98918000000001));  // 18 * 1.1**5
    CHECK(got(a.probability, "probability") == 0.0);
    // b from baseline_period 2018 (x = 14), T − b = 7: 14 * 1.1**7 = 27.282039400000016 <= 28
    target t = make(target_kind::average_growth, comparator::at_least, 0.1, 2025);
    t.baseline_period = yr(2018);
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == near(27.282039400000016));
    CHECK(got(a.probability, "probability") == 1.0);
}

TEST_CASE("exact: increment target, threshold x(b) + value") {
    target t = make(target_kind::increment, comparator::at_least, 9.5, 2025);
    t.baseline_period = yr(2020);
    auto a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 27.5);  // 18 + 9.5
    CHECK(got(a.probability, "probability") == 1.0);
    t.value = 10.5;
    a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 28.5);  // 18 + 10.5
    CHECK(got(a.probability, "probability") == 0.0);
    // Default b = the period before the deadline: 2021 → b = 2020 observed; 18 + 1.5 = 19.5 <= 20.
    a = assess(make(target_kind::increment, comparator::at_least, 1.5, 2021), rising(), linear());
    CHECK(got(a.target_value, "target_value") == 19.5);
    CHECK(got(a.probability, "probability") == 1.0);
}

// Regression (fixed): lib/include/ontrack/assessment.hpp, assess (the early return `if (a.observed.result ==
// verdict::not_evaluable)`, line 206) together with lib/include/ontrack/evaluation.hpp, evaluate
// (`base_value` returns nothing for an unobserved base, so growth/average_growth/increment/trend give
// `not_evaluable`, lines 141, 177–181 and 329–333). The spec of `assess` says the threshold is x(b) + value etc.
// with "x(b) projected when not yet observed" (and the code even has a "(base … projected)" message),
// and that trend targets need no threshold at all; but a base period after the latest observation makes
// the target not_assessable before any projection.
// Input: rising() (data to 2020, line 18 + 2·(t − 2020)); growth 5% in 2025 (b = 2024, projected 26):
// expected threshold 27.3, P(28 >= 27.3) = 1, on_track; increment +1.5 in 2025: expected threshold 27.5,
// P = 1; trend >= by 2025 (no period_start): expected P(28 >= 18) = 1. Actual: all not_assessable with
// "not evaluable: no observation for the base period 2024".
TEST_CASE("exact: a base period not yet observed is projected (growth, increment, trend)") {
    auto a = assess(make(target_kind::growth, comparator::at_least, 0.05, 2025), rising(), linear());
    CHECK(a.unified == status::on_track);
    CHECK(got(a.target_value, "target_value") == near(27.3));  // 1.05 × 26
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(mentions(a.message, {"base 2024 projected"}));
    a = assess(make(target_kind::increment, comparator::at_least, 1.5, 2025), rising(), linear());
    CHECK(got(a.target_value, "target_value") == 27.5);  // 26 + 1.5
    CHECK(got(a.probability, "probability") == 1.0);
    a = assess(make(target_kind::trend, comparator::at_least, std::nullopt, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
}

TEST_CASE("exact: cumulative target, observed sum plus projected flows") {
    // 2019–2023: observed 16 + 18, projected 20 + 22 + 24 → 100 exactly.
    auto a = assess(spanning(target_kind::cumulative, comparator::at_least, 99, 2019, 2023), rising(), linear());
    CHECK(a.observed.result == verdict::pending);
    CHECK(got(a.projected, "projected") == 100);
    CHECK(got(a.lower, "lower") == 100);  // a sum of point masses is a point mass
    CHECK(got(a.upper, "upper") == 100);
    CHECK(got(a.target_value, "target_value") == 99);
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
    CHECK_FALSE(a.required_pace);  // no pace for span targets
    CHECK_FALSE(a.gap);
    a = assess(spanning(target_kind::cumulative, comparator::at_least, 101, 2019, 2023), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::off_track);  // the flow rises (actual pace +2): not moving away
    // Lower is better: a cap of 101 holds, a cap of 99 does not and the flow moves away from it.
    a = assess(spanning(target_kind::cumulative, comparator::at_most, 101, 2019, 2023), rising(), linear());
    CHECK(got(a.probability, "probability") == 1.0);
    a = assess(spanning(target_kind::cumulative, comparator::at_most, 99, 2019, 2023), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified == status::regressing);
    // ~ 100 ± 2 → [98, 102].
    target about = spanning(target_kind::cumulative, comparator::about, 100, 2019, 2023);
    about.tolerance = 2;
    CHECK(got(assess(about, rising(), linear()).probability, "P") == 1.0);
    about.value = 104;  // [102, 106]
    CHECK(got(assess(about, rising(), linear()).probability, "P") == 0.0);
}

TEST_CASE("exact: per_period target, product of the periods' probabilities") {
    // 2021–2025 projected 20, 22, 24, 26, 28.
    auto a = assess(spanning(target_kind::per_period, comparator::at_least, 19, 2021, 2025), rising(), linear());
    CHECK(got(a.target_value, "target_value") == 19);
    CHECK(got(a.probability, "probability") == 1.0);
    CHECK(a.unified == status::on_track);
    a = assess(spanning(target_kind::per_period, comparator::at_least, 21, 2021, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);  // 2021: 20 < 21, every later year passes: 0·1·1·1·1
    // Observed periods that pass count as passed: 2019 (16), 2020 (18) observed, 2021… projected.
    a = assess(spanning(target_kind::per_period, comparator::at_least, 15, 2019, 2023), rising(), linear());
    CHECK(a.observed.result == verdict::pending);
    CHECK(got(a.probability, "probability") == 1.0);
    // Ceiling every year: 2021: 20 ≤ 25 and 2022: 22 ≤ 25 but 2023: 24, 2024: 26 > 25.
    CHECK(got(assess(spanning(target_kind::per_period, comparator::at_most, 25, 2021, 2023), rising(), linear()).probability, "P") == 1.0);
    CHECK(got(assess(spanning(target_kind::per_period, comparator::at_most, 25, 2021, 2024), rising(), linear()).probability, "P") == 0.0);
    // A band every year.
    target w = spanning(target_kind::per_period, comparator::within, 19, 2021, 2022);
    w.value_high = 25;
    CHECK(got(assess(w, rising(), linear()).probability, "P") == 1.0);
}

// Regression (fixed): lib/include/ontrack/assessment.hpp, assess, per-period block (line 362): for a per_period
// target with comparator `~` the local `compare` is still `about` (it is turned into `within` only
// when there is a deadline threshold, which per_period targets do not have), so the code calls
// `fd.probability(about, …)`, which throws value_error("comparator", "a probability needs one of >=,
// >, <=, <; got '~'"). The branch that handles `t.compare == about` inside the `within` case is dead.
// Input: rising(), per_period ~ 22 ± 3 over 2021–2022 (projected 20 and 22, both in [19, 25]).
// Expected: P = 1, on_track; actual: value_error thrown from assess.
TEST_CASE("exact: per_period target with ~ (tolerance band every period)") {
    target about = spanning(target_kind::per_period, comparator::about, 22, 2021, 2022);
    about.tolerance = 3;
    std::optional<assessment> a;
    CHECK_NOTHROW(a = assess(about, rising(), linear()));
    REQUIRE(a);
    CHECK(got(a->probability, "probability") == 1.0);
    CHECK(a->unified == status::on_track);
}

TEST_CASE("exact: non_decreasing target, P(deadline value on the desired side of the latest)") {
    // Span 2021–2025: steps from 2020 on, none observed yet (pending).
    auto a = assess(spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2021, 2025), rising(), linear());
    CHECK(a.observed.result == verdict::pending);
    CHECK(got(a.probability, "probability") == 1.0);  // P(28 >= 18)
    CHECK_FALSE(a.target_value);
    CHECK(a.unified == status::on_track);
    a = assess(spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2021, 2025), falling(), linear());
    CHECK(got(a.probability, "probability") == 0.0);  // P(8 >= 18)
    CHECK(a.unified == status::regressing);            // actual pace −2 against "higher is better"
    // Never increasing: the falling series keeps it.
    a = assess(spanning(target_kind::non_decreasing, comparator::at_most, std::nullopt, 2021, 2025), falling(), linear());
    CHECK(got(a.probability, "probability") == 1.0);
}

// Regression (fixed): lib/include/ontrack/assessment.hpp, assess, non_decreasing/trend
// block (line 371): `>` ("rises every period") is mapped to `>=` before asking the predictive, so on
// a point mass equal to the latest value (flat exact data) P(x_T > latest) is reported as 1. The
// predictive's own `probability(greater, …)` returns 0 there, as the distribution docs require.
// Input: yearly(2017, {5, 5, 5, 5}) (projection exactly 5, scale 0), non_decreasing `>` over 2021–2025.
// Expected P = 0 (5 > 5 is false); actual P = 1, on_track.
TEST_CASE("exact: strictly rising on a flat point mass has probability 0") {
    const auto a = assess(spanning(target_kind::non_decreasing, comparator::greater, std::nullopt, 2021, 2025), yearly(2017, {5, 5, 5, 5}), linear());
    CHECK(got(a.probability, "probability") == 0.0);
    CHECK(a.unified != status::on_track);
}

TEST_CASE("exact: trend target") {
    // period_start 2021 → base 2020 observed; P(x2025 on the desired side of 18).
    auto a = assess(spanning(target_kind::trend, comparator::at_least, std::nullopt, 2021, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 1.0);  // 28 >= 18
    CHECK(a.unified == status::on_track);
    a = assess(spanning(target_kind::trend, comparator::at_most, std::nullopt, 2021, 2025), rising(), linear());
    CHECK(got(a.probability, "probability") == 0.0);  // 28 <= 18 is false
    CHECK(a.unified == status::regressing);            // rising against "lower is better"
    // A natural limit is reported as the target value.
    a = assess(spanning(target_kind::trend, comparator::at_least, 100, 2021, 2025), rising(), linear());
    CHECK(got(a.target_value, "target_value") == 100);
    CHECK(got(a.probability, "probability") == 1.0);
}

// ---------------------------------------------------------------------------------------------------
// 3. Every kind under the probability scheme: a noisy series, probabilities from scipy.stats.t

TEST_CASE("noisy: the linear predictive is the OLS prediction of a new observation") {
    const auto p = ontrack::project(noisy(), method::linear, yr(2025));
    // [ols(X, Y, t) for t in (2023, 2024, 2025)]
    const double location[] = {6.16111111111111, 6.504444444444443, 6.847777777777776};
    const double scale[] = {0.1546316097836018, 0.16364671372679707, 0.1736987397898602};
    REQUIRE(p.points.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& d = p.points[i].distribution;
        CHECK(d.family == ontrack::distribution_family::student_t);
        CHECK(d.location == near(location[i], 1e-12));
        CHECK(d.scale == near(scale[i], 1e-10));
        CHECK(d.df == 7);
    }
}

TEST_CASE("noisy: level targets") {
    // P(x2025 >= 7): stats.t.sf((7 - l) / s, 7) = 0.20494972631263236
    auto a = assess(make(target_kind::level, comparator::at_least, 7, 2025), noisy(), linear());
    CHECK(got(a.projected, "projected") == near(6.847777777777776));
    CHECK(got(a.probability, "probability") == near(0.20494972631263236, 1e-9));
    // 95% interval: l ∓ stats.t.ppf(0.975, 7)·s = 6.437045525199569, 7.258510030355984
    CHECK(got(a.lower, "lower") == near(6.437045525199569, 1e-10));
    CHECK(got(a.upper, "upper") == near(7.258510030355984, 1e-10));
    CHECK(a.unified == status::off_track);  // 0.1 ≤ P < 0.5
    // Median crosses 7 in 2026: l + slope = 6.847777… + 0.343333… = 7.191111… ≥ 7 (2025: 6.8478 < 7).
    REQUIRE(a.expected_period);
    CHECK(*a.expected_period == yr(2026));
    // The interval level is an option: 80% → l ∓ stats.t.ppf(0.9, 7)·s = 6.602007274646364, 7.0935482809091885
    assessment_options o = linear();
    o.level = 0.8;
    a = assess(make(target_kind::level, comparator::at_least, 7, 2025), noisy(), o);
    CHECK(got(a.lower, "lower") == near(6.602007274646364, 1e-10));
    CHECK(got(a.upper, "upper") == near(7.0935482809091885, 1e-10));
    CHECK(got(a.probability, "probability") == near(0.20494972631263236, 1e-9));  // P does not depend on the level

    // Lower is better: P(x2025 <= 5.5) = stats.t.cdf((5.5 - l) / s, 7) = 5.5362496029768566e-05
    a = assess(make(target_kind::level, comparator::at_most, 5.5, 2025), noisy(), linear());
    CHECK(got(a.probability, "probability") == near(5.5362496029768566e-05, 1e-9));
    CHECK(a.unified == status::regressing);  // P < 0.1 and rising away from a ceiling

    // Band: stats.t.cdf((7.5 - l) / s, 7) - stats.t.cdf((6.5 - l) / s, 7) = 0.9537672241419919
    target w = make(target_kind::level, comparator::within, 6.5, 2025);
    w.value_high = 7.5;
    a = assess(w, noisy(), linear());
    CHECK(got(a.probability, "probability") == near(0.9537672241419919, 1e-9));
    CHECK(a.unified == status::on_track);
    // ~ 7 ± 0.3: stats.t.cdf((7.3 - l) / s, 7) - stats.t.cdf((6.7 - l) / s, 7) = 0.7708566455940198
    target about = make(target_kind::level, comparator::about, 7, 2025);
    about.tolerance = 0.3;
    a = assess(about, noisy(), linear());
    CHECK(got(a.probability, "probability") == near(0.7708566455940198, 1e-9));
    CHECK(a.unified == status::at_risk);
}

TEST_CASE("noisy: relative, growth, average_growth and increment thresholds") {
    // relative ×1.9 of x(2015) = 3.5 → 6.6499999999999995; stats.t.sf((1.9*3.5 - l) / s, 7) = 0.8538386770916968
    target rel = make(target_kind::relative, comparator::at_least, 1.9, 2025);
    rel.baseline_period = yr(2015);
    auto a = assess(rel, noisy(), linear());
    CHECK(got(a.target_value, "target_value") == near(6.65));
    CHECK(got(a.probability, "probability") == near(0.8538386770916968, 1e-9));
    CHECK(a.unified == status::at_risk);

    // growth 5% in 2023 over x(2022) = 5.8 → 6.09; with l23, s23 = ols(X, Y, 2023)[:2]:
    // stats.t.sf((1.05*5.8 - l23) / s23, 7) = 0.6702255353415222
    a = assess(make(target_kind::growth, comparator::at_least, 0.05, 2023), noisy(), linear());
    CHECK(got(a.target_value, "target_value") == near(6.09));
    CHECK(got(a.probability, "probability") == near(0.6702255353415222, 1e-9));
    CHECK(a.unified == status::at_risk);

    // average growth 7% a year over 2021–2025 from x(2020) = 5.0: 5 * 1.07**5 = 7.012758653500002
    // stats.t.sf((5*1.07**5 - l) / s, 7) = 0.18692016845036524
    a = assess(spanning(target_kind::average_growth, comparator::at_least, 0.07, 2021, 2025), noisy(), linear());
    CHECK(got(a.target_value, "target_value") == near(7.012758653500002));
    CHECK(got(a.probability, "probability") == near(0.18692016845036524, 1e-9));

    // increment +1.9 from x(2020) = 5.0 → 6.9; stats.t.sf((6.9 - l) / s, 7) = 0.38620791324916814
    target inc = make(target_kind::increment, comparator::at_least, 1.9, 2025);
    inc.baseline_period = yr(2020);
    a = assess(inc, noisy(), linear());
    CHECK(got(a.target_value, "target_value") == near(6.9));
    CHECK(got(a.probability, "probability") == near(0.38620791324916814, 1e-9));
}

TEST_CASE("noisy: cumulative spread is the sum of the periods' scales") {
    // 2021–2025: observed 5.6 + 5.8, projected 2023…2025. Σ = 5.6 + 5.8 + Σ ols(X, Y, t)[0] = 30.913333333333327;
    // spread S = Σ ols(X, Y, t)[1] = 0.49197706330025903 (not the root of the sum of squares);
    // stats.t.sf((30 - Σ) / S, 7) = 0.9471198024293432; 95%: Σ ∓ stats.t.ppf(0.975, 7)·S = 29.749992438226137, 32.07667422844052
    const auto a = assess(spanning(target_kind::cumulative, comparator::at_least, 30, 2021, 2025), noisy(), linear());
    CHECK(got(a.projected, "projected") == near(30.913333333333327));
    CHECK(got(a.probability, "probability") == near(0.9471198024293432, 1e-9));
    CHECK(got(a.lower, "lower") == near(29.749992438226137, 1e-10));
    CHECK(got(a.upper, "upper") == near(32.07667422844052, 1e-10));
    CHECK(a.unified == status::on_track);
}

TEST_CASE("noisy: per_period probability is the product over the projected periods") {
    // Span 2023–2025, floor 6, all three periods projected:
    // np.prod([stats.t.sf((6 - ols(X, Y, t)[0]) / ols(X, Y, t)[1], 7) for t in (2023, 2024, 2025)]) = 0.8258077546615257
    const auto a = assess(spanning(target_kind::per_period, comparator::at_least, 6, 2023, 2025), noisy(), linear());
    CHECK(got(a.target_value, "target_value") == 6);
    CHECK(got(a.probability, "probability") == near(0.8258077546615257, 1e-9));
    CHECK(a.unified == status::at_risk);
    // Span 2021–2025, floor 5.5: the observed 2021 (5.6) and 2022 (5.8) pass and drop out of the product:
    // np.prod([stats.t.sf((5.5 - ols(X, Y, t)[0]) / ols(X, Y, t)[1], 7) for t in (2023, 2024, 2025)]) = 0.9978705417155671
    const auto b = assess(spanning(target_kind::per_period, comparator::at_least, 5.5, 2021, 2025), noisy(), linear());
    CHECK(b.observed.result == verdict::pending);
    CHECK(got(b.probability, "probability") == near(0.9978705417155671, 1e-9));
}

TEST_CASE("noisy: non_decreasing and trend") {
    // P(x2025 >= 5.8) = stats.t.sf((5.8 - l) / s, 7) = 0.9997374108817827
    auto a = assess(spanning(target_kind::non_decreasing, comparator::at_least, std::nullopt, 2023, 2025), noisy(), linear());
    CHECK(got(a.probability, "probability") == near(0.9997374108817827, 1e-9));
    CHECK(a.unified == status::on_track);
    // trend "lower is better" from 2021: P(x2025 <= 5.8) = stats.t.cdf((5.8 - l) / s, 7) = 0.00026258911821731227
    a = assess(spanning(target_kind::trend, comparator::at_most, std::nullopt, 2021, 2025), noisy(), linear());
    CHECK(got(a.probability, "probability") == near(0.00026258911821731227, 1e-9));
    // No number, so no pace ratio; the actual pace (5.8 − 3.1)/8 = 0.3375 rises against "lower is better".
    CHECK_FALSE(a.pace_ratio);
    CHECK(got(a.actual_pace, "actual_pace") == near(0.3375));
    CHECK(a.unified == status::regressing);
}

// ---------------------------------------------------------------------------------------------------
// 4. Probability bands (methods.md §7): lower bounds inclusive, configurable

TEST_CASE("bands: each lower bound is inclusive, checked at P itself and the next double above") {
    // growth 5% in 2023 on noisy(): P = 0.6702255353415222 (scipy, above); pace toward the target
    // (needs 6.09 − 5.8 = 0.29, achieved (5.8 − 3.1)/8 = 0.3375).
    const target t = make(target_kind::growth, comparator::at_least, 0.05, 2023);
    const double p = got(assess(t, noisy(), linear()).probability, "probability");
    REQUIRE(p == near(0.6702255353415222, 1e-9));
    const double above = std::nextafter(p, 1.0);
    const auto status_with = [&](double on_track, double at_risk, double off_track) {
        assessment_options o = linear();
        o.probability_bands.on_track = on_track;
        o.probability_bands.at_risk = at_risk;
        o.probability_bands.off_track = off_track;
        return assess(t, noisy(), o).unified;
    };
    CHECK(status_with(0.9, 0.5, 0.1) == status::at_risk);  // defaults
    CHECK(status_with(p, 0.5, 0.1) == status::on_track);   // P ≥ on_track
    CHECK(status_with(above, 0.5, 0.1) == status::at_risk);
    CHECK(status_with(0.9, p, 0.1) == status::at_risk);    // P ≥ at_risk
    CHECK(status_with(0.9, above, 0.1) == status::off_track);
    CHECK(status_with(0.9, 0.8, p) == status::off_track);  // P ≥ off_track
    CHECK(status_with(0.9, 0.8, above) == status::off_track);  // below every band, but moving toward: off_track
}

TEST_CASE("bands: below the off_track bound, regressing only when the pace moves away") {
    // level <= 5.5 in 2025 on noisy(): P = 5.5362496029768566e-05; needs (5.5 − 5.8)/3 = −0.1 a year,
    // achieved +0.3375 → pace ratio −0.3375/0.1 = −3.375 (moving away).
    const target away = make(target_kind::level, comparator::at_most, 5.5, 2025);
    auto a = assess(away, noisy(), linear());
    const double p = got(a.probability, "probability");
    CHECK(p == near(5.5362496029768566e-05, 1e-9));
    CHECK(got(a.pace_ratio, "pace_ratio") == near(-3.375, 1e-12));
    assessment_options o = linear();
    o.probability_bands.off_track = p;
    CHECK(assess(away, noisy(), o).unified == status::off_track);  // P ≥ off_track bound
    o.probability_bands.off_track = std::nextafter(p, 1.0);
    CHECK(assess(away, noisy(), o).unified == status::regressing);

    // level >= 7: P = 0.20494972631263236 with the pace toward 7 (needs (7 − 5.8)/3 = 0.4, achieved 0.3375,
    // ratio 0.84375): off_track on both sides of the bound.
    const target toward = make(target_kind::level, comparator::at_least, 7, 2025);
    a = assess(toward, noisy(), linear());
    const double q = got(a.probability, "probability");
    CHECK(got(a.pace_ratio, "pace_ratio") == near(0.3375 / 0.4, 1e-12));
    o.probability_bands.off_track = q;
    CHECK(assess(toward, noisy(), o).unified == status::off_track);
    o.probability_bands.off_track = std::nextafter(q, 1.0);
    o.probability_bands.at_risk = 0.5;
    CHECK(assess(toward, noisy(), o).unified == status::off_track);
}

// Regression (fixed): lib/include/ontrack/assessment.hpp, assess (line 175 validates only `level`): the
// doc comment says "Throws value_error for a malformed target or options", and the rules reject
// thresholds out of order (rules::detail::require_descending), but `options.probability_bands` is
// never checked. Input: bands on_track 0.2 < at_risk 0.8 (the at_risk band becomes empty). Expected:
// value_error; actual: an assessment is returned.
TEST_CASE("bands: probability bands out of order are malformed options") {
    assessment_options o = linear();
    o.probability_bands.on_track = 0.2;
    o.probability_bands.at_risk = 0.8;
    const auto e = thrown<ontrack::value_error>([&] { (void)assess(make(target_kind::level, comparator::at_least, 30, 2025), rising(), o); });
    CHECK(e);
}

// ---------------------------------------------------------------------------------------------------
// 5. Schemes through assess (worked examples of methods.md, base and current observed only)

TEST_CASE("scheme unsd: 2015: 60 → 2021: 63, target 100 in 2030 → Cr 0.235695, limited progress") {
    target t = make(target_kind::level, comparator::at_least, 100, 2030);
    t.baseline_period = yr(2015);
    const auto a = assess(t, years({2015, 2021}, {60, 63}), with_rule(scheme::unsd));
    // ((63/60)**(1/6) - 1) / ((100/60)**(1/15) - 1) = 0.23569514740936695
    CHECK(got(a.progress, "progress") == near(0.23569514740936695));
    CHECK(a.scheme_status == "limited_progress");
    CHECK(a.unified == status::off_track);
    CHECK_FALSE(a.score);
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2015));
    CHECK(mentions(a.message, {"off track", "latest 63 (2021)", "target 100"}));
}

TEST_CASE("scheme unsd2023: 2015: 40 → 2022: 30, target 20 in 2030 → P 0.920297, acceleration needed") {
    target t = make(target_kind::level, comparator::at_most, 20, 2030);  // lower is better
    t.baseline_period = yr(2015);
    const auto a = assess(t, years({2015, 2022}, {40, 30}), with_rule(scheme::unsd2023));
    // g = (30/40)**(1/7) - 1; ve = 30*(1+g)**8 = 21.594051220245817; -(ve - 40)/abs(20 - 40) = 0.9202974389877092
    CHECK(got(a.progress, "progress") == near(0.9202974389877092));
    CHECK(a.scheme_status == "acceleration_needed");
    CHECK(a.unified == status::at_risk);
}

TEST_CASE("scheme eurostat: 2015: 70 → 2022: 73, target 78 in 2030 → RR 0.8305, moderate progress") {
    target t = make(target_kind::level, comparator::at_least, 78, 2030);
    t.baseline_period = yr(2015);
    const auto a = assess(t, years({2015, 2022}, {70, 73}), with_rule(scheme::eurostat));
    // ((73/70)**(1/7) - 1) / ((78/70)**(1/15) - 1) = 0.8304725913077718
    CHECK(got(a.progress, "progress") == near(0.8304725913077718));
    CHECK(a.scheme_status == "moderate_progress");
    CHECK(a.unified == status::at_risk);
}

TEST_CASE("scheme statcan: case O2 (+1, 91.3 in 2018 → 94.5 in 2022, target 100 in 2030) and O1 (−1)") {
    target t = make(target_kind::level, comparator::at_least, 100, 2030);
    t.baseline_period = yr(2018);
    auto a = assess(t, years({2018, 2022}, {91.3, 94.5}), with_rule(scheme::statcan));
    // methods.md §1 (published): progress 1.1360249872573844, score 3.8288128814807703;
    // ((94.5/91.3)**(1/4) - 1) / abs((100/91.3)**(1/12) - 1) and min(7.1429*R - 4.2857, 5) give the same.
    CHECK(got(a.progress, "progress") == near(1.1360249872573844));
    CHECK(got(a.score, "score") == near(3.8288128814807703));
    CHECK(a.scheme_status == "substantial_progress");
    CHECK(a.unified == status::on_track);

    // O1: −1, 14.5 (2015) → 10.2 (2023), target 7.25 (2030): 0.9525901792032172, 2.5185563910306596.
    target lower = make(target_kind::level, comparator::at_most, 7.25, 2030);
    lower.baseline_period = yr(2015);
    a = assess(lower, years({2015, 2023}, {14.5, 10.2}), with_rule(scheme::statcan));
    CHECK(got(a.progress, "progress") == near(0.9525901792032172));
    CHECK(got(a.score, "score") == near(2.5185563910306596));
    CHECK(a.scheme_status == "substantial_progress");

    // Already beyond the target before the deadline: target_achieved, score 5.
    a = assess(t, years({2018, 2022}, {91.3, 100.5}), with_rule(scheme::statcan));
    CHECK(a.scheme_status == "target_achieved");
    CHECK(a.unified == status::achieved);
    CHECK(got(a.score, "score") == 5.0);
}

TEST_CASE("schemes: a level target already met before the deadline is achieved under every scheme") {
    // Spec: "achieved when a level or relative target's latest value already meets it; else by the scheme".
    // Eurostat has no achieved label: 2015: 70 → 2022: 80 against 78 in 2030 gives
    // RR = ((80/70)**(1/7) - 1) / ((78/70)**(1/15) - 1) = 2.6599666201201857, significant_progress, but the status is achieved.
    target t = make(target_kind::level, comparator::at_least, 78, 2030);
    t.baseline_period = yr(2015);
    const auto a = assess(t, years({2015, 2022}, {70, 80}), with_rule(scheme::eurostat));
    CHECK(a.scheme_status == "significant_progress");
    CHECK(a.unified == status::achieved);
    CHECK(got(a.progress, "progress") == near(2.6599666201201857));
}

TEST_CASE("scheme sdsn: linear pace, boundaries inclusive") {
    target t = make(target_kind::level, comparator::at_least, 80, 2030);
    t.baseline_period = yr(2015);
    // required (80 − 50)/(2030 − 2015) = 2; observed (60 − 50)/(2020 − 2015) = 2 → exactly 1 → on_track.
    auto a = assess(t, years({2015, 2020}, {50, 60}), with_rule(scheme::sdsn));
    CHECK(got(a.progress, "progress") == 1.0);
    CHECK(a.scheme_status == "on_track");
    CHECK(a.unified == status::on_track);
    // observed (59 − 50)/5 = 1.8 → 0.9 → moderately_improving.
    a = assess(t, years({2015, 2020}, {50, 59}), with_rule(scheme::sdsn));
    CHECK(got(a.progress, "progress") == near(0.9));
    CHECK(a.scheme_status == "moderately_improving");
    CHECK(a.unified == status::at_risk);
    // observed (55 − 50)/5 = 1 → exactly 0.5 → moderately_improving (inclusive).
    a = assess(t, years({2015, 2020}, {50, 55}), with_rule(scheme::sdsn));
    CHECK(got(a.progress, "progress") == 0.5);
    CHECK(a.scheme_status == "moderately_improving");
    // observed (48 − 50)/5 = −0.4 → −0.2 → decreasing.
    a = assess(t, years({2015, 2020}, {50, 48}), with_rule(scheme::sdsn));
    CHECK(got(a.progress, "progress") == near(-0.2));
    CHECK(a.scheme_status == "decreasing");
    CHECK(a.unified == status::regressing);
}

TEST_CASE("scheme escap: x0 50, xt 60, target 80, projected 72 → CS 0.3333, AP 0.7333, accelerate") {
    // ESCAP needs a projection, so the series has four exact points 54, 56, 58, 60 (2017–2020) on the line
    // x = 60 + 2·(t − 2020) → 72 in 2026; the base is the stated baseline_value 50 in 2015.
    target t = make(target_kind::level, comparator::at_least, 80, 2026);
    t.baseline_period = yr(2015);
    t.baseline_value = 50;
    assessment_options o = linear();
    o.rule = scheme::escap;
    auto a = assess(t, yearly(2017, {54, 56, 58, 60}), o);
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2015));
    CHECK(got(a.base_value, "base_value") == 50);
    CHECK(got(a.projected, "projected") == near(72));
    CHECK(got(a.progress, "progress") == near(22.0 / 30.0));  // (72 − 50)/(80 − 50) = 0.7333…
    CHECK(a.scheme_status == "accelerate_progress");
    CHECK(a.unified == status::at_risk);

    // With only the base and the current value there is nothing to project: not assessable, and why.
    a = assess(t, years({2015, 2020}, {50, 60}), with_rule(scheme::escap));
    CHECK(a.unified == status::not_assessable);
    CHECK(a.scheme_status == "not_assessable");
    CHECK(mentions(a.message, {"not assessable", "escap needs a projection of the deadline value", "needs >= 3 observations, got 2"}));
}

TEST_CASE("scheme escap: anticipated progress uses the point projection, not an interval bound") {
    // noisy(), >= 8 by 2025; base = first observation 3.1 (2014), projection l = 6.847777777777776 (header).
    // AP = (l - 3.1) / (8 - 3.1) = 0.7648526077097502 → accelerate_progress.
    assessment_options o = linear();
    o.rule = scheme::escap;
    const auto a = assess(make(target_kind::level, comparator::at_least, 8, 2025), noisy(), o);
    CHECK(got(a.progress, "progress") == near(0.7648526077097502, 1e-10));
    CHECK(a.scheme_status == "accelerate_progress");
    CHECK(a.unified == status::at_risk);
}

TEST_CASE("schemes: a band target is measured against its midpoint") {
    // within [27, 29] by 2030 → midpoint 28; 2015: 20 → 2020: 24.
    // SDSN: required (28 − 20)/15 = 0.5333…, observed (24 − 20)/5 = 0.8 → 0.8 / (8/15) = 1.5.
    target w = make(target_kind::level, comparator::within, 27, 2030);
    w.value_high = 29;
    w.baseline_period = yr(2015);
    const auto a = assess(w, years({2015, 2020}, {20, 24}), with_rule(scheme::sdsn));
    CHECK(got(a.progress, "progress") == near(1.5));
    CHECK(a.scheme_status == "on_track");
}

TEST_CASE("schemes: one observation, or none, gives no verdict") {
    target t = make(target_kind::level, comparator::at_least, 100, 2030);
    auto a = assess(t, years({2020}, {60}), with_rule(scheme::unsd));
    CHECK(a.scheme_status == "insufficient_data");
    CHECK(a.unified == status::not_assessable);
    a = assess(t, years({2020}, {60}), with_rule(scheme::statcan));
    CHECK(a.scheme_status == "not_available");
    CHECK(a.unified == status::not_assessable);
}

TEST_CASE("schemes: names") {
    CHECK(ontrack::parse_scheme(" unsd2023 ") == scheme::unsd2023);
    for (const auto s : {scheme::probability, scheme::statcan, scheme::unsd, scheme::unsd2023, scheme::eurostat, scheme::escap, scheme::sdsn}) {
        CHECK(ontrack::parse_scheme(ontrack::to_string(s)) == s);
    }
    const auto e = thrown<ontrack::value_error>([] { (void)ontrack::parse_scheme("oecd"); });
    REQUIRE(e);
    CHECK(e->field() == "scheme");
    CHECK(mentions(e->what(), {"unknown scheme 'oecd'", "statcan", "sdsn"}));
}

// Regression (fixed): lib/include/ontrack/assessment.hpp, assess (the `catch (const error& e)` around the rule call,
// line 457): a value_error thrown by a rule for malformed thresholds in the options (e.g.
// statcan_bands.med > statcan_bands.high) is caught and turned into status not_assessable with the
// error text as the message. The spec says "Throws value_error for a malformed target or options".
// Input: rising(), level >= 30 by 2025, scheme statcan, statcan_bands high 0.5, med 0.9. Expected:
// value_error (field 'med'); actual: an assessment with unified not_assessable.
TEST_CASE("schemes: thresholds out of order are malformed options") {
    assessment_options o = with_rule(scheme::statcan);
    o.statcan_bands.high = 0.5;
    o.statcan_bands.med = 0.9;
    const auto e = thrown<ontrack::value_error>([&] { (void)assess(make(target_kind::level, comparator::at_least, 30, 2025), rising(), o); });
    REQUIRE(e);
    CHECK(e->field() == "med");
}

// ---------------------------------------------------------------------------------------------------
// 6. Paces, expected period and gap (exact data)

TEST_CASE("paces: required from the latest value, actual from the rule base") {
    // rising(), >= 30 by 2025; latest 18 in 2020, base = first observation 12 in 2017.
    auto a = assess(make(target_kind::level, comparator::at_least, 30, 2025), rising(), linear());
    CHECK(got(a.gap, "gap") == 12);                            // 30 − 18
    CHECK(got(a.required_pace, "required_pace") == near(2.4));  // 12 / 5
    CHECK(got(a.required_growth, "required_growth") == near(0.10756634324829006));  // (30/18)**(1/5) - 1
    CHECK(got(a.actual_pace, "actual_pace") == 2);              // (18 − 12) / 3
    CHECK(got(a.actual_growth, "actual_growth") == near(0.14471424255333187));  // (18/12)**(1/3) - 1
    CHECK(got(a.pace_ratio, "pace_ratio") == near(2.0 / 2.4));  // 0.8333…
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2017));
    CHECK(got(a.base_value, "base_value") == 12);
    // Medians 20, 22, …: 30 first reached in 2026.
    REQUIRE(a.expected_period);
    CHECK(*a.expected_period == yr(2026));
    CHECK(mentions(a.message, {"needs 2.4/period, achieved 2/period"}));
    // Later crossings: 40 = 18 + 2·11 in 2031; 48 = 18 + 2·15 in 2035, the last period looked at
    // (ten years past the deadline); 50 would be 2036, beyond it.
    auto later = assess(make(target_kind::level, comparator::at_least, 40, 2025), rising(), linear());
    REQUIRE(later.expected_period);
    CHECK(*later.expected_period == yr(2031));
    later = assess(make(target_kind::level, comparator::at_least, 48, 2025), rising(), linear());
    REQUIRE(later.expected_period);
    CHECK(*later.expected_period == yr(2035));
    CHECK_FALSE(assess(make(target_kind::level, comparator::at_least, 50, 2025), rising(), linear()).expected_period);
}

TEST_CASE("paces: the rule base follows baseline_period and a stated baseline_value") {
    target t = make(target_kind::level, comparator::at_least, 30, 2025);
    t.baseline_period = yr(2019);  // observed 16 → (18 − 16)/1 = 2
    auto a = assess(t, rising(), linear());
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2019));
    CHECK(got(a.actual_pace, "actual_pace") == 2);
    t.baseline_value = 17;  // stated value for 2019 → (18 − 17)/1 = 1
    a = assess(t, rising(), linear());
    CHECK(got(a.base_value, "base_value") == 17);
    CHECK(got(a.actual_pace, "actual_pace") == 1);
    CHECK(got(a.pace_ratio, "pace_ratio") == near(1 / 2.4));
    t.baseline_period = yr(2015);  // before the series, with a stated value 8 → (18 − 8)/5 = 2
    t.baseline_value = 8;
    a = assess(t, rising(), linear());
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2015));
    CHECK(got(a.actual_pace, "actual_pace") == 2);
    t.baseline_value.reset();  // before the series, no value → first observation at or after: 2017 (12)
    a = assess(t, rising(), linear());
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2017));
    CHECK(got(a.base_value, "base_value") == 12);
}

TEST_CASE("paces: lower is better, pace ratio sign") {
    // falling(), <= 10 by 2025: needs (10 − 18)/5 = −1.6, achieved (18 − 24)/3 = −2 → ratio +1.25 (toward).
    auto a = assess(make(target_kind::level, comparator::at_most, 10, 2025), falling(), linear());
    CHECK(got(a.gap, "gap") == -8);
    CHECK(got(a.required_pace, "required_pace") == near(-1.6));
    CHECK(got(a.required_growth, "required_growth") == near(-0.11091046386780001));  // (10/18)**0.2 - 1
    CHECK(got(a.actual_pace, "actual_pace") == -2);
    CHECK(got(a.actual_growth, "actual_growth") == near(-0.09143970358393017));  // (18/24)**(1/3) - 1
    CHECK(got(a.pace_ratio, "pace_ratio") == near(1.25));
    // Medians 16, 14, 12, 10: 10 is first reached in 2024.
    REQUIRE(a.expected_period);
    CHECK(*a.expected_period == yr(2024));
    CHECK(a.unified == status::on_track);  // 8 <= 10
    // rising() against the same ceiling: ratio −2/1.6 = −1.25 (away).
    a = assess(make(target_kind::level, comparator::at_most, 10, 2025), rising(), linear());
    CHECK(got(a.pace_ratio, "pace_ratio") == near(-1.25));
    CHECK_FALSE(a.expected_period);  // rising medians never fall to 10
}

TEST_CASE("paces: with two observations the pace ratio decides, with the SDSN bands") {
    // 10 (2019) → 12 (2020): achieved 2 a year.
    const series two = years({2019, 2020}, {10, 12});
    const auto check = [&](double goal, double ratio, status expected) {
        INFO("target " << goal);
        const auto a = assess(make(target_kind::level, comparator::at_least, goal, 2025), two, {});
        CHECK(a.method_used == "pace");
        CHECK(got(a.pace_ratio, "pace_ratio") == near(ratio));
        CHECK(a.unified == expected);
        CHECK_FALSE(a.probability);
    };
    check(22, 1.0, status::on_track);    // needs (22 − 12)/5 = 2 → 2/2 = 1 (inclusive)
    check(32, 0.5, status::at_risk);     // needs 4 → 0.5 (inclusive)
    check(52, 0.25, status::off_track);  // needs 8 → 0.25
    // 12 (2019) → 10 (2020) against the same floor: −2/2.4 < 0.
    const auto a = assess(make(target_kind::level, comparator::at_least, 22, 2025), years({2019, 2020}, {12, 10}), {});
    CHECK(got(a.pace_ratio, "pace_ratio") == near(-2.0 / 2.4));
    CHECK(a.unified == status::regressing);
    CHECK(a.method_used == "pace");
}

// ---------------------------------------------------------------------------------------------------
// 7. Not assessable, and malformed input

TEST_CASE("not assessable: no data, one observation, no base for a relative target") {
    const target t = make(target_kind::level, comparator::at_least, 30, 2025);
    auto a = assess(t, series(), {});
    CHECK(a.unified == status::not_assessable);
    CHECK(a.scheme_status == "not_assessable");
    CHECK(a.message == "not assessable: no observations");
    CHECK_FALSE(a.latest_period);
    CHECK_FALSE(a.probability);

    // One observation: nothing to project and no pace achieved.
    a = assess(t, years({2020}, {18}), {});
    CHECK(a.unified == status::not_assessable);
    CHECK(a.scheme_status == "not_assessable");
    CHECK_FALSE(a.actual_pace);
    CHECK_FALSE(a.pace_ratio);
    CHECK(got(a.required_pace, "required_pace") == near(2.4));  // still reported: (30 − 18)/5
    CHECK(a.message == "not assessable: auto needs >= 3 observations, got 1 in series 'x'");

    // Relative target whose baseline period is not observed and has no stated value.
    target rel = make(target_kind::relative, comparator::at_least, 2, 2025);
    rel.baseline_period = yr(2015);
    a = assess(rel, rising(), linear());
    CHECK(a.unified == status::not_assessable);
    CHECK(a.observed.result == verdict::not_evaluable);
    CHECK(a.message == "not evaluable: no observation for the baseline period 2015 and no baseline_value");
    CHECK_FALSE(a.target_value);
}

TEST_CASE("malformed: target and options throw value_error") {
    const target t = make(target_kind::level, comparator::at_least, 30, 2025);
    for (const double level : {1.5, 0.0, 1.0, -0.5, std::numeric_limits<double>::quiet_NaN()}) {
        assessment_options o;
        o.level = level;
        INFO("level " << level);
        const auto e = thrown<ontrack::value_error>([&] { (void)assess(t, rising(), o); });
        REQUIRE(e);
        CHECK(e->field() == "level");
        CHECK(mentions(e->what(), {"strictly between 0 and 1"}));
    }
    assessment_options o;
    o.level = 1.5;
    const auto e = thrown<ontrack::value_error>([&] { (void)assess(t, rising(), o); });
    REQUIRE(e);
    CHECK(std::string(e->what()) == "field 'level': the interval level must lie strictly between 0 and 1, got 1.5");

    // A relative target without any baseline.
    const auto rel = thrown<ontrack::value_error>([&] { (void)assess(make(target_kind::relative, comparator::at_least, 2, 2025), rising(), {}); });
    REQUIRE(rel);
    CHECK(rel->field() == "baseline_period");
    CHECK(mentions(rel->what(), {"target 't'", "needs a baseline_period"}));
    // A level target without a value.
    const auto value = thrown<ontrack::value_error>([&] { (void)assess(make(target_kind::level, comparator::at_least, std::nullopt, 2025), rising(), {}); });
    REQUIRE(value);
    CHECK(value->field() == "value");
    // A series of another indicator.
    target other = t;
    other.indicator = "y";
    const auto indicator = thrown<ontrack::value_error>([&] { (void)assess(other, rising(), {}); });
    REQUIRE(indicator);
    CHECK(indicator->field() == "indicator");
}

// ---------------------------------------------------------------------------------------------------
// Publication, deadlines awaiting data, and verdicts the data cannot support.
// Expected figures: exact point-mass projections (rising(), falling()) and hand arithmetic.

TEST_CASE("awaiting_data: a bare series finds its indicator's lag in the catalogue") {
    // The R&D bulletin's lag in the bundled catalogue (rd_expenditure: 9 months): the 2021 figure is
    // expected 2022-01-01 + 9 months = 2022-10-01; by frequency alone, + 6 months = 2022-07-01.
    const auto catalogue = ontrack::read_indicator_catalogue_file(ONTRACK_EXAMPLES_DATA_DIR "/indicators.csv");
    REQUIRE(catalogue.find("rd_expenditure"));
    REQUIRE(catalogue.find("rd_expenditure")->publication_lag_months == 9);
    const series rd(yr(2017), {12, 14, 16, 18}, "rd_expenditure", "China", "");
    target t = make(target_kind::level, comparator::at_least, 19, 2021);
    assessment_options o = linear();
    o.as_of = day(2022, 3, 1);
    o.default_publication_lags = ontrack::publication_lags_of(catalogue);
    for (const std::string indicator : {"rd_expenditure", ""}) {
        // The target's indicator, or the series' id when the target names none.
        INFO("target indicator '" << indicator << "'");
        t.indicator = indicator;
        const auto a = assess(t, rd, o);
        CHECK(a.unified == status::awaiting_data);
        REQUIRE(a.expected_publication);
        CHECK(*a.expected_publication == day(2022, 10, 1));
    }
    // An indicator the catalogue does not hold: the annual default.
    const auto other = assess(make(target_kind::level, comparator::at_least, 19, 2021), rising(), o);
    REQUIRE(other.expected_publication);
    CHECK(*other.expected_publication == day(2022, 7, 1));
    // A lag given for all comes first.
    o.publication_lag_months = 3;
    const auto given = assess(t, rd, o);
    REQUIRE(given.expected_publication);
    CHECK(*given.expected_publication == day(2022, 4, 1));
}

TEST_CASE("awaiting_data: a passed deadline with no published figure, under every scheme") {
    const target t = make(target_kind::level, comparator::at_least, 19, 2021);
    for (const auto rule : {scheme::probability, scheme::statcan, scheme::unsd, scheme::unsd2023, scheme::eurostat, scheme::escap, scheme::sdsn}) {
        INFO(ontrack::to_string(rule));
        assessment_options o = with_rule(rule);
        o.projection = method::linear;
        o.as_of = day(2022, 3, 1);
        o.publication_lag_months = 9;
        const auto a = assess(t, rising(), o);
        CHECK(a.unified == status::awaiting_data);
        CHECK(a.scheme_status == "awaiting_data");
        CHECK(a.based_on == ontrack::basis::nowcast);
        CHECK(got(a.probability, "probability") == 1.0);  // the line gives 20 ≥ 19 in 2021
        REQUIRE(a.expected_publication);
        CHECK(*a.expected_publication == day(2022, 10, 1));  // 2022-01-01 + 9 months
        CHECK_FALSE(a.required_pace);
    }
    // Before the deadline ends it is an ordinary projection.
    assessment_options o = linear();
    o.as_of = day(2021, 6, 30);
    const auto before = assess(t, rising(), o);
    CHECK(before.unified == status::on_track);
    CHECK(before.based_on == ontrack::basis::projected);
    // Already reached before a passed deadline is not "achieved": the deadline value decides.
    const target low = make(target_kind::level, comparator::at_least, 17, 2021);
    o.as_of = day(2022, 6, 30);
    CHECK(assess(low, rising(), o).unified == status::awaiting_data);
}

TEST_CASE("basis: observed, projected, pace, none") {
    assessment_options o = linear();
    CHECK(assess(make(target_kind::level, comparator::at_least, 17, 2020), rising(), o).based_on == ontrack::basis::observed);
    CHECK(assess(make(target_kind::level, comparator::at_least, 30, 2025), rising(), o).based_on == ontrack::basis::projected);
    CHECK(assess(make(target_kind::level, comparator::at_least, 15, 2025), rising(), o).based_on == ontrack::basis::observed);  // achieved
    CHECK(assess(make(target_kind::level, comparator::at_least, 30, 2025), rising(), with_rule(scheme::statcan)).based_on == ontrack::basis::pace);
    // Two points cannot be projected by the linear method with a spread: the pace decides.
    const auto short_series = assess(make(target_kind::level, comparator::at_least, 30, 2025), yearly(2019, {10, 12}), o);
    CHECK(short_series.based_on == ontrack::basis::pace);
    CHECK(short_series.method_used == "pace");
    CHECK(assess(make(target_kind::level, comparator::at_least, 30, 2025), yearly(2019, {}), o).based_on == ontrack::basis::none);
    CHECK(ontrack::parse_basis("nowcast") == ontrack::basis::nowcast);
    CHECK(thrown<ontrack::parse_error>([] { (void)ontrack::parse_basis("guess"); }));
}

TEST_CASE("statcan: a series with no data is open-sdg's not_available") {
    assessment_options o = with_rule(scheme::statcan);
    const auto a = assess(make(target_kind::level, comparator::at_least, 30, 2025), yearly(2019, {}), o);
    CHECK(a.unified == status::not_assessable);
    CHECK(a.scheme_status == "not_available");
    o.rule = scheme::unsd;
    CHECK(assess(make(target_kind::level, comparator::at_least, 30, 2025), yearly(2019, {}), o).scheme_status == "not_assessable");
}

TEST_CASE("Regression (fixed): a missing deadline observation is never replaced by a later value") {
    // Target >= 2.5 by 2020, 2020 empty, 2021 = 2.44, 2022 = 2.6: was `achieved` under three schemes.
    const target t = make(target_kind::level, comparator::at_least, 2.5, 2020);
    const series s = yearly(2018, {2.2, 2.3, std::nan(""), 2.44, 2.6});
    for (const auto rule : {scheme::probability, scheme::statcan, scheme::unsd, scheme::unsd2023, scheme::eurostat, scheme::escap, scheme::sdsn}) {
        INFO(ontrack::to_string(rule));
        const auto a = assess(t, s, with_rule(rule));
        CHECK(a.unified == status::not_assessable);
        CHECK(mentions(a.message, {"2020 has no observation although later periods have"}));
    }
    CHECK(ontrack::evaluate(t, s).result == verdict::pending);
}

TEST_CASE("Regression (fixed): missing observations inside the data, further cases") {
    // Quarterly deadline missing, later quarters observed.
    target q = make(target_kind::level, comparator::at_least, 3.5, 2020);
    q.deadline = period::quarter(2024, 3);
    const series quarterly(period::quarter(2024, 1), {1, 2, std::nan(""), 4, 5}, "x", "r", "");
    CHECK(assess(q, quarterly, linear()).unified == status::not_assessable);
    // Increment target: the deadline gap with a later value that would meet it.
    target inc = make(target_kind::increment, comparator::at_least, 5, 2021);
    inc.baseline_period = yr(2018);
    CHECK(assess(inc, yearly(2018, {10, 12, 13, std::nan(""), 20}), linear()).unified == status::not_assessable);
    // Cumulative target: a period inside the span is missing while later ones are observed.
    const target sum = spanning(target_kind::cumulative, comparator::at_least, 40, 2019, 2023);
    const auto a = assess(sum, yearly(2019, {8, std::nan(""), 9, 10}), linear());
    CHECK(a.unified == status::not_assessable);
    CHECK(mentions(a.message, {"2020 has no observation"}));
    // A gap before the span does not matter.
    CHECK(assess(sum, yearly(2016, {1, std::nan(""), 7, 8, 9, 10}), linear()).unified != status::not_assessable);
}

TEST_CASE("Regression (fixed): zero, negative and overflowing bases are not assessable") {
    // ×2 of a zero base: was achieved (0 ≥ 2 × 0).
    target twice = make(target_kind::relative, comparator::at_least, 2, 2022);
    twice.baseline_period = yr(2018);
    auto a = assess(twice, yearly(2018, {0, 0, 0, 0}), linear());
    CHECK(a.unified == status::not_assessable);
    CHECK(mentions(a.message, {"zero", "the base must be positive"}));
    // 5% a year from a negative base: was on track with P = 1.
    target avg = make(target_kind::average_growth, comparator::at_least, 0.05, 2025);
    avg.baseline_period = yr(2020);
    a = assess(avg, yearly(2018, {-12, -11, -10, -9, -8}), linear());
    CHECK(a.unified == status::not_assessable);
    CHECK(mentions(a.message, {"negative"}));
    // Growth on a count that is 0 every year: was on track.
    target grow = make(target_kind::growth, comparator::at_least, 0.1, 2025);
    grow.baseline_period = yr(2020);
    CHECK(assess(grow, yearly(2018, {0, 0, 0, 0, 0}), linear()).unified == status::not_assessable);
    // A factor so large the target is infinite: was "already achieved" under at_most.
    target huge = make(target_kind::relative, comparator::at_most, 1e308, 2025);
    huge.baseline_period = yr(2020);
    a = assess(huge, yearly(2018, {10, 11, 12}), linear());
    CHECK(a.unified == status::not_assessable);
    CHECK(mentions(a.message, {"beyond the range of numbers"}));
}

TEST_CASE("Regression (fixed): degenerate bases, further cases") {
    // A stated zero baseline value for an average growth target.
    target avg = make(target_kind::average_growth, comparator::at_least, 0.05, 2025);
    avg.baseline_period = yr(2015);
    avg.baseline_value = 0.0;
    CHECK(assess(avg, yearly(2018, {1, 2, 3}), linear()).unified == status::not_assessable);
    // A projected base that falls below zero (base 2024 after the last observation, 2020).
    target grow = make(target_kind::growth, comparator::at_least, 0.05, 2025);
    const auto a = assess(grow, falling().renamed("x", "r", ""), [] {
        assessment_options o = linear();
        return o;
    }());
    // falling(): 18 − 2·(t − 2020) → the base 2024 is projected at 10 (positive): assessable.
    CHECK(a.unified != status::not_assessable);
    grow.deadline = yr(2031);  // base 2030 projected at −2
    const auto b = assess(grow, falling(), linear());
    CHECK(b.unified == status::not_assessable);
    CHECK(mentions(b.message, {"negative", "base projected"}));
    // An increment so large the target overflows.
    target inc = make(target_kind::increment, comparator::at_least, 1.7e308, 2025);
    inc.baseline_period = yr(2020);
    inc.baseline_value = 1.7e308;
    CHECK(assess(inc, rising(), linear()).unified == status::not_assessable);
    // evaluate agrees: ×2 of a zero base observed at the deadline is not evaluable, not met.
    target twice = make(target_kind::relative, comparator::at_least, 2, 2020);
    twice.baseline_period = yr(2018);
    CHECK(ontrack::evaluate(twice, yearly(2018, {0, 0, 0})).result == verdict::not_evaluable);
}

TEST_CASE("Regression (fixed): an about target is a band around its value") {
    // about 28 ± 1 by 2025 on rising() (x = 18 + 2·(t − 2020) → 28 in 2025): was reported as 27.
    target t = make(target_kind::level, comparator::about, 28, 2025);
    t.tolerance = 1.0;
    const auto a = assess(t, rising(), linear());
    CHECK(got(a.target_value, "target_value") == 28);
    CHECK(got(a.target_low, "target_low") == 27);
    CHECK(got(a.target_high, "target_high") == 29);
    CHECK(got(a.probability, "probability") == 1.0);
    // The pace needed is towards 28: (28 − 18) / 5 = 2 per year, exactly the pace achieved.
    CHECK(got(a.required_pace, "required_pace") == 2.0);
    CHECK(mentions(a.message, {"target 28 ± 1"}));
}

TEST_CASE("Regression (fixed): expected_period searches ten years, whatever the frequency") {
    // Quarterly, rising by 1 a quarter from 1 (2020-Q1): 41 is reached in 2030-Q1, 21 quarters after
    // the 2024-Q4 deadline (more than 10 periods, within 10 years).
    target t = make(target_kind::level, comparator::at_least, 41, 2024);
    t.deadline = period::quarter(2024, 4);
    std::vector<double> values;
    for (int k = 0; k < 8; ++k) values.push_back(1.0 + k);
    const series s(period::quarter(2020, 1), values, "x", "r", "");
    const auto a = assess(t, s, linear());
    REQUIRE(a.expected_period);
    CHECK(*a.expected_period == period::quarter(2030, 1));
}

TEST_CASE("Regression (fixed): a stretch equal to the target is no separate stretch") {
    target t = make(target_kind::level, comparator::at_least, 24, 2025);
    t.stretch = 24;
    const auto a = assess(t, rising(), linear());
    CHECK_FALSE(a.stretch_value);
    CHECK_FALSE(a.probability_stretch);
    t.stretch = 26;
    CHECK(got(assess(t, rising(), linear()).stretch_value, "stretch") == 26);
}

TEST_CASE("Regression (fixed): growth targets state their paces as growth rates") {
    // 10% a year from 2020 (18) to 2025; rising() reached 18 from 12 in 2017: (18/12)^(1/3) − 1.
    target t = make(target_kind::average_growth, comparator::at_least, 0.10, 2025);
    t.baseline_period = yr(2017);
    const auto a = assess(t, rising(), linear());
    CHECK(got(a.actual_growth, "actual_growth") == near(std::pow(18.0 / 12.0, 1.0 / 3.0) - 1.0));
    // Needed: from 18 in 2020 to 12·1.1^8 in 2025.
    CHECK(got(a.required_growth, "required_growth") == near(std::pow(12.0 * std::pow(1.1, 8) / 18.0, 1.0 / 5.0) - 1.0));
    CHECK(mentions(a.message, {"%/period"}));
    // One base period: the rule base is the target's base (2017 here), not the first observation.
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2017));
    target later = t;
    later.baseline_period.reset();
    later.period_start = yr(2019);  // base 2018
    const auto b = assess(later, rising(), linear());
    REQUIRE(b.base_period);
    CHECK(*b.base_period == yr(2018));
    CHECK(got(b.base_value, "base_value") == 14);
}

TEST_CASE("Regression (fixed): decided increment and growth targets keep their target as a level") {
    // +5 from 12 (2017) by 2020 on rising(): observed 18, met; the target as a level is 17.
    target inc = make(target_kind::increment, comparator::at_least, 5, 2020);
    inc.baseline_period = yr(2017);
    auto a = assess(inc, rising(), linear());
    CHECK(a.unified == status::met);
    CHECK(got(a.target_value, "target_value") == 17);
    REQUIRE(a.base_period);
    CHECK(*a.base_period == yr(2017));
    // 50% growth from 12 (2017) by 2020: 12 × 1.5 = 18.
    target grow = make(target_kind::growth, comparator::at_least, 0.5, 2020);
    grow.baseline_period = yr(2017);
    a = assess(grow, rising(), linear());
    CHECK(a.unified == status::met);
    CHECK(got(a.target_value, "target_value") == 18);
}
