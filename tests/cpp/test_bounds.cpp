// Bounded and non-negative indicators: censoring at the bounds, logit distributions, and projections
// of shares and counts that never leave their range (literacy to 2050, small counts, random series).
#include <ontrack/assessment.hpp>
#include <ontrack/batch_assessment.hpp>
#include <ontrack/bounds.hpp>
#include <ontrack/calibration.hpp>
#include <ontrack/default_calibration.hpp>
#include <ontrack/indicator_catalogue.hpp>
#include <ontrack/targets_file.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using ontrack::comparator;
using ontrack::method;
using ontrack::period;
using ontrack::predictive;

TEST_CASE("parse_bounds reads the written forms and rejects the rest") {
    CHECK(ontrack::parse_bounds("0..100").lower == 0.0);
    CHECK(ontrack::parse_bounds("0..100").upper == 100.0);
    CHECK(ontrack::parse_bounds("[0, 1]").upper == 1.0);
    CHECK(ontrack::parse_bounds(">=0").lower == 0.0);
    CHECK_FALSE(ontrack::parse_bounds(">=0").upper);
    CHECK(ontrack::parse_bounds("..100").upper == 100.0);
    CHECK(ontrack::parse_bounds("none").empty());
    CHECK(ontrack::parse_bounds("").empty());
    const auto e = ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::parse_bounds("zero to 100"); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"bounds", "zero to 100", "0..100"}));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::parse_bounds("100..0"); }));
}

TEST_CASE("natural bounds from the unit and the observations") {
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("%"), {10.0, 12.0}).upper == 100.0);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("% of GDP"), {2.1}).lower == 0.0);
    // A growth rate in % that went negative is not a share.
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("%"), {3.0, -1.0}).empty());
    const auto counts = ontrack::natural_bounds(ontrack::parse_unit("家"), {3.0, 5.0});
    CHECK(counts.lower == 0.0);
    CHECK_FALSE(counts.upper);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("亿元"), {3.0}).lower == 0.0);
    CHECK(ontrack::natural_bounds(ontrack::parse_unit("tonnes CO2"), {3.0}).empty());
}

TEST_CASE("a censored t puts the tail mass on the limit") {
    // N(1, 2²) censored at 0: P(value < 0) = 0, P(value <= 0) = Φ(−0.5) = 0.3085375387 (normal table).
    const auto d = predictive::normal(1.0, 2.0).censored_at(0.0, std::numeric_limits<double>::infinity());
    CHECK(d.censored());
    CHECK(d.cdf(-0.1) == 0.0);
    CHECK(d.cdf(0.0) == doctest::Approx(0.3085375387).epsilon(1e-9));
    CHECK(d.probability(comparator::at_least, 0.0) == 1.0);
    CHECK(d.probability(comparator::greater, 0.0) == doctest::Approx(1.0 - 0.3085375387).epsilon(1e-9));
    CHECK(d.quantile(0.1) == 0.0);
    CHECK(d.quantile(0.9) == doctest::Approx(1.0 + 2.0 * 1.2815515655).epsilon(1e-8));
    CHECK(d.median() == 1.0);
    // E[max(0, X)] for X ~ N(μ, σ²) = μΦ(μ/σ) + σφ(μ/σ) = 1·0.6914624613 + 2·0.3520653268 = 1.3955931149.
    CHECK(d.mean() == doctest::Approx(1.3955931149).epsilon(2e-4));
    CHECK(d.probability_between(0.0, 1.0) == doctest::Approx(0.5).epsilon(1e-12));
}

TEST_CASE("a logit distribution stays inside its bounds and inverts its own quantiles") {
    const auto d = predictive::logit_student_t(0.3, 0.8, 5.0, 0.0, 100.0);
    CHECK(d.on_logit_scale());
    for (const double p : {1e-3, 0.01, 0.3, 0.5, 0.9, 0.999}) {
        const double q = d.quantile(p);
        CHECK(q > 0.0);
        CHECK(q < 100.0);
        CHECK(d.cdf(q) == doctest::Approx(p).epsilon(1e-9));
    }
    // Far in the tails the back-transform rounds onto the bound, never beyond it.
    CHECK(d.quantile(1e-12) >= 0.0);
    CHECK(d.quantile(1.0 - 1e-12) <= 100.0);
    // median = 100·logistic(0.3) = 100/(1 + e^−0.3) = 57.4442516812.
    CHECK(d.median() == doctest::Approx(57.4442516812).epsilon(1e-10));
    CHECK(d.probability(comparator::at_least, 100.0) == 0.0);
    CHECK(d.probability(comparator::at_least, 0.0) == 1.0);
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)predictive::logit_normal(0.0, 1.0, 1.0, 1.0); }));
}

namespace {

// Science literacy (% of citizens), the bundled national series 2010–2024 as in observations.csv.
ontrack::series literacy() {
    return ontrack::series::from_years({2010, 2015, 2018, 2020, 2022, 2023, 2024}, {3.27, 6.20, 8.47, 10.56, 12.93, 14.14, 15.37}, "science_literacy", "China", "%");
}

void check_inside(const ontrack::projection& p, double lo, double hi) {
    for (const auto& point : p.points) {
        CHECK(point.lower >= lo);
        CHECK(point.upper <= hi);
        CHECK(point.mean >= lo);
        CHECK(point.mean <= hi);
        for (const double q : {1e-6, 0.025, 0.5, 0.975, 1.0 - 1e-6}) {
            const double v = point.distribution.quantile(q);
            CHECK(v >= lo);
            CHECK(v <= hi);
        }
    }
}

}  // namespace

TEST_CASE("literacy projected to 2050 stays within [0, 100] % with every method, bounded or calibrated") {
    const auto s = literacy();
    for (const method m : {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::automatic}) {
        CAPTURE(ontrack::to_string(m));
        const auto p = ontrack::project(s, m, period::year(2050), 0.95, ontrack::projection_settings{});
        check_inside(p, 0.0, 100.0);
        // Unbounded, loglinear and cagr do leave: the bounds are what keeps them in.
        if (m == method::cagr) CHECK(ontrack::project(s, m, period::year(2050)).points.back().upper > 100.0);
    }
    auto calibrated = std::make_shared<ontrack::calibration>();
    calibrated->base = method::cagr;
    calibrated->horizons[""] = {ontrack::horizon_errors{1, 100, 0.0, 1.5, 4.0}, ontrack::horizon_errors{2, 100, 0.0, 2.5, 4.0}};
    const auto p = ontrack::project(s, method::automatic, period::year(2050), 0.95, ontrack::projection_settings{calibrated, std::nullopt, true});
    check_inside(p, 0.0, 100.0);
    CHECK(p.points.back().distribution.on_logit_scale());
    CHECK(p.points.back().mean < 100.0);
}

TEST_CASE("small counts never get a negative bound") {
    // A count of 2.5 that a linear trend sends toward zero: censored at 0, not [−2.3, 7.3].
    const auto s = ontrack::series::from_years({2018, 2019, 2020, 2021, 2022}, {9.0, 7.0, 6.0, 4.0, 2.5}, "labs", "X", "个");
    for (const method m : {method::linear, method::weighted_linear, method::automatic}) {
        const auto p = ontrack::project(s, m, period::year(2030), 0.95, ontrack::projection_settings{});
        for (const auto& point : p.points) {
            CHECK(point.lower >= 0.0);
            CHECK(point.distribution.probability(comparator::less, 0.0) == 0.0);
        }
        // Without bounds the same model goes below zero: censoring is what changed.
        CHECK(ontrack::project(s, m, period::year(2030)).points.back().lower < 0.0);
    }
}

TEST_CASE("random series: no quantile outside the natural bounds, by any method") {
    std::mt19937_64 rng(20261201);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const method methods[] = {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::holt, method::holt_damped, method::automatic};
    for (int trial = 0; trial < 60; ++trial) {
        const bool share = trial % 2 == 0;
        std::vector<double> values;
        double v = share ? 1.0 + 98.0 * uniform(rng) : 1.0 + 50.0 * uniform(rng);
        for (int i = 0; i < 8; ++i) {
            v = share ? std::min(99.9, std::max(0.1, v + 20.0 * (uniform(rng) - 0.5))) : std::max(0.1, v * (0.3 + 1.4 * uniform(rng)));
            values.push_back(v);
        }
        const auto s = ontrack::series::from_years({2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018}, values, "x", "r", share ? "%" : "家");
        for (const method m : methods) {
            CAPTURE(trial);
            CAPTURE(ontrack::to_string(m));
            const auto p = ontrack::project(s, m, period::year(2040), 0.9, ontrack::projection_settings{});
            check_inside(p, 0.0, share ? 100.0 : std::numeric_limits<double>::infinity());
        }
    }
}

TEST_CASE("observations outside given bounds are refused") {
    const auto s = ontrack::series::from_years({2020, 2021, 2022}, {50.0, 80.0, 120.0}, "x", "r", "%");
    ontrack::projection_settings settings;
    settings.bounds = ontrack::parse_bounds("0..100");
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::project(s, method::linear, period::year(2025), 0.95, settings); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"120", "2022", "[0, 100]"}));
    // Natural bounds: a % series above 100 is not a share, so nothing is refused.
    CHECK_NOTHROW((void)ontrack::project(s, method::linear, period::year(2025), 0.95, ontrack::projection_settings{}));
}

// ---- Bounds from metadata: the target's bounds column, the indicator catalogue, the unit ----

namespace {

ontrack::indicator_bounds catalogue_with(const std::string& id, const std::string& unit, const std::string& lower, const std::string& upper) {
    const std::string text = "id,name_zh,name_en,phrases_zh,phrases_en,unit,kind,direction,lower_bound,upper_bound,publication_lag_months,publication_note\n" + id +
                             ",,,,," + unit + ",share,higher_is_better," + lower + "," + upper + ",,\n";
    return ontrack::bounds_of(ontrack::read_indicator_catalogue(text, "catalogue.csv"));
}

ontrack::target level_target(const std::string& id, const std::string& indicator, double value, int year, const std::string& unit) {
    ontrack::target t;
    t.id = id;
    t.indicator = indicator;
    t.value = value;
    t.deadline = period::year(year);
    t.unit = unit;
    return t;
}

}  // namespace

TEST_CASE("parse_bounds: none and 无 switch bounds off; ≥ and ≤ as >= and <=; to_string reads back") {
    CHECK(ontrack::parse_bounds("无").empty());
    CHECK(ontrack::parse_bounds("≥0").lower == 0.0);
    CHECK(ontrack::parse_bounds("≤100").upper == 100.0);
    for (const char* text : {"[0, 100]", "[0, inf)", "(-inf, 1]"}) {
        CAPTURE(text);
        CHECK(ontrack::parse_bounds(ontrack::parse_bounds(text).to_string()).to_string() == text);
    }
}

TEST_CASE("bounds_of one indicator: the whole table's entry for it, or none") {
    const std::string text =
        "id,name_zh,name_en,phrases_zh,phrases_en,unit,kind,direction,lower_bound,upper_bound,publication_lag_months,publication_note\n"
        "share,,,,,%,share,higher_is_better,0,100,,\n"
        "count,,,,,家,stock,higher_is_better,,,,\n"
        "rate,,,,,%,ratio,higher_is_better,-5,,,\n";
    const auto catalogue = ontrack::read_indicator_catalogue(text, "catalogue.csv");
    const auto whole = ontrack::bounds_of(catalogue);
    REQUIRE(whole.by_indicator.size() == 2);  // "count" declares none
    for (const char* id : {"share", "rate", "count", "unknown", ""}) {
        CAPTURE(id);
        const auto one = ontrack::bounds_of(catalogue, id);
        const auto* expected = whole.find(id);
        REQUIRE(one.by_indicator.size() == (expected != nullptr ? 1u : 0u));
        if (expected != nullptr) {
            CHECK(one.find(id)->bounds.to_string() == expected->bounds.to_string());
            CHECK(one.find(id)->unit == expected->unit);
        }
    }
}

TEST_CASE("bounds_for: the target's bounds, then the catalogue's, then the natural ones; none switches off") {
    // A share in % whose unit the natural rule knows: [0, 100] by nature.
    const auto share = ontrack::series::from_years({2020, 2021, 2022}, {40.0, 42.0, 45.0}, "coverage", "X", "%");
    const ontrack::indicator_bounds no_catalogue;
    auto t = level_target("t", "coverage", 60.0, 2025, "%");
    CHECK(ontrack::bounds_for(t, no_catalogue, share).origin == "natural");
    CHECK(ontrack::bounds_for(t, no_catalogue, share).bounds.upper == 100.0);
    // The catalogue's entry, written in ‰ (1000 ‰ = 100 %), converted to the series' %.
    const auto catalogue = catalogue_with("coverage", "‰", "0", "800");
    const auto from_catalogue = ontrack::bounds_for(t, catalogue, share);
    CHECK(from_catalogue.origin == "catalogue");
    CHECK(from_catalogue.bounds.lower == 0.0);
    CHECK(from_catalogue.bounds.upper == doctest::Approx(80.0));
    // The target's own bounds come first.
    t.bounds = ontrack::parse_bounds("0..90");
    CHECK(ontrack::bounds_for(t, catalogue, share).origin == "target");
    CHECK(ontrack::bounds_for(t, catalogue, share).bounds.upper == 90.0);
    // Declared none: no bounds at all, neither the catalogue's nor the natural ones.
    t.bounds = ontrack::value_bounds{};
    CHECK(ontrack::bounds_for(t, catalogue, share).bounds.empty());
    CHECK(ontrack::bounds_for(t, catalogue, share).origin == "none");
    // A series with no known unit gets no natural bounds; the catalogue still gives them.
    const auto bare = ontrack::series::from_years({2020, 2021, 2022}, {40.0, 42.0, 45.0});
    auto u = level_target("u", "coverage", 60.0, 2025, "");
    CHECK(ontrack::bounds_for(u, no_catalogue, bare).bounds.empty());
    CHECK(ontrack::bounds_for(u, catalogue_with("coverage", "%", "0", "100"), bare).bounds.upper == 100.0);
    // A catalogue entry in a unit that measures something else does not apply: the natural bounds do.
    const auto counts = ontrack::series::from_years({2020, 2021, 2022}, {4.0, 5.0, 6.0}, "coverage", "X", "家");
    auto c = level_target("c", "coverage", 10.0, 2025, "家");
    CHECK(ontrack::bounds_for(c, catalogue, counts).origin == "natural");
    CHECK_FALSE(ontrack::bounds_for(c, catalogue, counts).bounds.upper);
}

TEST_CASE("the targets file reads and writes the bounds column; a bad one names line, column and value") {
    const std::string text =
        "id,indicator,kind,value,period,unit,bounds\n"
        "a,coverage,level,60,2025,%,0..100\n"
        "b,labs,level,10,2025,个,>=0\n"
        "c,balance,level,10,2025,亿元,none\n"
        "d,coverage,level,60,2025,%,\n";
    const auto targets = ontrack::read_targets(text, "t.csv");
    REQUIRE(targets.size() == 4u);
    REQUIRE(targets[0].bounds);
    CHECK(targets[0].bounds->upper == 100.0);
    CHECK(targets[1].bounds->lower == 0.0);
    CHECK_FALSE(targets[1].bounds->upper);
    REQUIRE(targets[2].bounds);
    CHECK(targets[2].bounds->empty());
    CHECK_FALSE(targets[3].bounds);
    // Written back: the column holds what parse_bounds reads; read again, the same targets.
    const auto written = ontrack::write_targets(targets);
    CHECK(written.substr(0, written.find('\n')).find(",bounds") != std::string::npos);
    CHECK(ontrack::write_targets(ontrack::read_targets(written, "again.csv")) == written);
    // Files without declared bounds keep their columns.
    CHECK(ontrack::write_targets({targets[3]}).find("bounds") == std::string::npos);
    // The Chinese header.
    const auto chinese = ontrack::read_targets("编号,指标,类型,数值,年份,取值范围\na,x,level,1,2025,0..100\n", "zh.csv");
    CHECK(chinese.front().bounds->upper == 100.0);
    const auto e = ontrack::testing::thrown<ontrack::parse_error>([] {
        (void)ontrack::read_targets("id,indicator,kind,value,period,bounds\na,x,level,1,2025,0 to 100\n", "t.csv");
    });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"t.csv", "line 2", "bounds", "0 to 100", "0..100"}));
}

TEST_CASE("assess keeps the projection inside the bounds its metadata declare") {
    // A bare series (no unit): no natural bounds, so a linear trend of a rising share leaves 100.
    const auto s = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022}, {70.0, 76.0, 81.0, 86.0, 90.0, 94.0, 97.0});
    auto t = level_target("cov", "coverage", 99.0, 2030, "");
    ontrack::assessment_options o;
    o.projection = method::linear;
    const auto free = ontrack::assess(t, s, o);
    REQUIRE(free.path);
    CHECK(free.path->points.back().upper > 100.0);
    CHECK(free.bounds.origin == "none");
    // The catalogue says [0, 100]: censored at 100.
    o.projection_layers.catalogue_bounds = catalogue_with("coverage", "%", "0", "100");
    const auto from_catalogue = ontrack::assess(t, s, o);
    CHECK(from_catalogue.bounds.origin == "catalogue");
    check_inside(*from_catalogue.path, 0.0, 100.0);
    // The target's bounds come before the catalogue's; none gives the free projection back.
    t.bounds = ontrack::value_bounds{};
    const auto declared_none = ontrack::assess(t, s, o);
    CHECK(declared_none.path->points.back().upper == free.path->points.back().upper);
    // The calibrated default, bounded by the catalogue, projects the share on the logit scale.
    t.bounds.reset();
    const auto choice = ontrack::choose_projection("default");
    o.projection = choice.projection;
    o.projection_layers.calibration = choice.calibration;
    const auto calibrated = ontrack::assess(t, s, o);
    REQUIRE(calibrated.path);
    check_inside(*calibrated.path, 0.0, 100.0);
    CHECK(calibrated.path->points.back().distribution.on_logit_scale());
}

TEST_CASE("an observation outside declared bounds: an error naming target, series, period, value and the fix") {
    const auto s = ontrack::series::from_years({2020, 2021, 2022}, {50.0, 80.0, 120.0}, "coverage", "Hami", "%");
    auto t = level_target("hami-07", "coverage", 99.0, 2025, "%");
    t.bounds = ontrack::parse_bounds("0..100");
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::assess(t, s); });
    REQUIRE(e);
    CHECK(ontrack::testing::mentions(e->what(), {"hami-07", "coverage", "Hami", "2022", "120", "[0, 100]", "the target's bounds", "bounds column", "none"}));
    // From the catalogue: said so.
    t.bounds.reset();
    ontrack::assessment_options o;
    o.projection_layers.catalogue_bounds = catalogue_with("coverage", "%", "0", "100");
    const auto c = ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::assess(t, s, o); });
    REQUIRE(c);
    CHECK(ontrack::testing::mentions(c->what(), {"hami-07", "120", "catalogue"}));
    // In a table: that target's row fails with the message, the others are assessed.
    const std::string observations =
        "region,indicator,period,value,unit\nHami,coverage,2020,50,%\nHami,coverage,2021,80,%\nHami,coverage,2022,120,%\n"
        "Hami,labs,2020,3,个\nHami,labs,2021,4,个\nHami,labs,2022,5,个\n";
    const auto table = ontrack::read_observations(observations, "o.csv");
    auto other = level_target("hami-08", "labs", 8.0, 2025, "个");
    other.region = "Hami";
    t.region = "Hami";
    const auto batch = ontrack::assess_observations({&t, &other}, table, o);
    CHECK(ontrack::testing::mentions(batch.errors[0], {"hami-07", "120", "2022"}));
    CHECK(batch.errors[1].empty());
    CHECK(batch.results[1].unified != ontrack::status::not_assessable);
}

// ---- Named methods censored at the bounds; targets on a bound; the natural limit of trends ----

TEST_CASE("censoring puts on the bound exactly the model's mass beyond it: P(share >= 100%) is the model's tail") {
    // A share rising fast toward 100: a linear trend puts part of its predictive above 100.
    const auto s = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022}, {70.0, 76.0, 81.0, 86.5, 90.0, 94.5, 97.0}, "coverage", "X", "%");
    for (const method m : {method::linear, method::holt, method::weighted_linear}) {
        CAPTURE(ontrack::to_string(m));
        const auto free = ontrack::project(s, m, period::year(2025), 0.95);  // the named method alone (statsmodels parity)
        const auto bounded = ontrack::project(s, m, period::year(2025), 0.95, ontrack::projection_settings{});
        const auto& f = free.points.back().distribution;
        const auto& b = bounded.points.back().distribution;
        const double tail = f.probability(comparator::at_least, 100.0);
        REQUIRE(tail > 0.01);
        // The mass on 100 is the model's P(X >= 100), no more; nothing lies beyond.
        CHECK(b.probability(comparator::at_least, 100.0) == doctest::Approx(tail).epsilon(1e-12));
        CHECK(b.probability(comparator::greater, 100.0) == 0.0);
        // Inside the bounds the model is unchanged.
        CHECK(b.probability(comparator::at_least, 95.0) == doctest::Approx(f.probability(comparator::at_least, 95.0)).epsilon(1e-12));
        // assess: "reach 100%" (全程…达到100%) is met when the published figure (one decimal here)
        // reaches 100.0: the value from 99.95 up, the model's mass there (on the bound and just below).
        auto t = level_target("full", "coverage", 100.0, 2025, "%");
        ontrack::assessment_options o;
        o.projection = m;
        const auto a = ontrack::assess(t, s, o);
        REQUIRE(a.probability);
        CHECK(*a.probability == doctest::Approx(f.probability(comparator::at_least, 99.95)).epsilon(1e-12));
        CHECK(*a.probability >= tail);
        CHECK(*a.upper <= 100.0);
    }
}

TEST_CASE("the calibrated default gives a target on the bound the probability that the published figure reaches it") {
    const auto s = ontrack::series::from_years({2016, 2017, 2018, 2019, 2020, 2021, 2022}, {70.0, 76.0, 81.0, 86.5, 90.0, 94.5, 97.0}, "coverage", "X", "%");
    const auto choice = ontrack::choose_projection("default");
    ontrack::assessment_options o;
    o.projection = choice.projection;
    o.projection_layers.calibration = choice.calibration;
    const auto full = ontrack::assess(level_target("full", "coverage", 100.0, 2025, "%"), s, o);
    const auto near = ontrack::assess(level_target("near", "coverage", 99.0, 2025, "%"), s, o);
    REQUIRE(full.probability);
    REQUIRE(near.probability);
    const auto* at_deadline = ontrack::detail::point_at(full.path, period::year(2025));
    REQUIRE(at_deadline);
    const auto& d = at_deadline->distribution;
    REQUIRE(d.on_logit_scale());
    // On the logit scale P(value >= 100) is 0 whatever the data; the published figure (one decimal)
    // reads 100.0 from 99.95: P = 1 − T_df((logit(0.9995) − location)/scale), by hand from the
    // predictive's parameters.
    CHECK(d.probability(comparator::at_least, 100.0) == 0.0);
    const double z = (std::log(0.9995 / 0.0005) - d.location) / d.scale;
    CHECK(*full.probability == doctest::Approx(1.0 - ontrack::detail::student_t_cdf(z, d.df)).epsilon(1e-9));
    CHECK(*full.probability > 0.0);
    // Coherent with the lower goal: reaching 100 is no likelier than reaching 99.
    CHECK(*full.probability <= *near.probability);
    check_inside(*full.path, 0.0, 100.0);
}

TEST_CASE("trend targets: a share at its ceiling that stays there keeps the trend") {
    ontrack::target rising;
    rising.id = "rise";
    rising.indicator = "coverage";
    rising.kind = ontrack::target_kind::trend;
    rising.compare = comparator::greater;  // 稳步提高: strictly rising
    rising.period_start = period::year(2023);
    rising.deadline = period::year(2025);
    rising.unit = "%";
    // Reached 100% and stayed: it cannot rise further; staying on the bound keeps the trend.
    const auto at_ceiling = ontrack::series::from_years({2017, 2018, 2019, 2020, 2021, 2022}, {92.0, 95.0, 97.5, 99.0, 100.0, 100.0}, "coverage", "X", "%");
    const auto choice = ontrack::choose_projection("default");
    for (const bool calibrated : {false, true}) {
        CAPTURE(calibrated);
        ontrack::assessment_options o;
        o.projection = calibrated ? choice.projection : method::linear;
        if (calibrated) o.projection_layers.calibration = choice.calibration;
        const auto a = ontrack::assess(rising, at_ceiling, o);
        REQUIRE(a.probability);
        const auto* point = ontrack::detail::point_at(a.path, period::year(2025));
        REQUIRE(point);
        // P(met) = P(the published figure, one decimal, stays at 100.0) = P(value >= 99.95): the mass on
        // the bound and just below it. A strictly rising target would otherwise get P(value > 100) = 0.
        CHECK(point->distribution.probability(comparator::greater, 100.0) == 0.0);
        CHECK(*a.probability == doctest::Approx(point->distribution.probability(comparator::at_least, 99.95)).epsilon(1e-12));
        CHECK(*a.probability >= point->distribution.probability(comparator::at_least, 100.0));
        CHECK(*a.probability > 0.5);
        CHECK(a.unified != ontrack::status::regressing);
        CHECK(a.unified != ontrack::status::off_track);
    }
    // Near the ceiling and still rising (99.8% coverage): kept with high probability, by every method.
    const auto near_ceiling = ontrack::series::from_years({2017, 2018, 2019, 2020, 2021, 2022}, {97.0, 98.2, 98.9, 99.3, 99.6, 99.8}, "coverage", "X", "%");
    auto never_down = rising;
    never_down.compare = comparator::at_least;  // 只增不减 as a direction
    for (const method m : {method::linear, method::loglinear, method::holt, method::automatic}) {
        CAPTURE(ontrack::to_string(m));
        ontrack::assessment_options o;
        o.projection = m;
        const auto a = ontrack::assess(never_down, near_ceiling, o);
        REQUIRE(a.probability);
        CHECK(*a.probability > 0.5);
        CHECK(a.unified != ontrack::status::regressing);
    }
    // Downward to a floor: zero-patent enterprises at 0 stay at 0 (trend <= with the natural limit 0).
    ontrack::target falling = rising;
    falling.indicator = "zero_patent_firms";
    falling.compare = comparator::at_most;
    falling.value = 0.0;
    falling.unit = "家";
    const auto at_floor = ontrack::series::from_years({2018, 2019, 2020, 2021, 2022}, {9.0, 6.0, 3.0, 1.0, 0.0}, "zero_patent_firms", "X", "家");
    ontrack::assessment_options o;
    o.projection = method::linear;
    const auto a = ontrack::assess(falling, at_floor, o);
    REQUIRE(a.probability);
    CHECK(*a.probability > 0.5);
}

TEST_CASE("the calibrated default keeps literacy, small counts and random series inside their bounds at every quantile") {
    ontrack::projection_settings settings;
    settings.calibration = ontrack::default_calibration();
    const method m = settings.calibration->base;
    // Literacy (a % share, the bundled national series) to 2050.
    check_inside(ontrack::project(literacy(), m, period::year(2050), 0.95, settings), 0.0, 100.0);
    // Small counts: interval lower ends >= 0.
    const auto counts = ontrack::series::from_years({2018, 2019, 2020, 2021, 2022}, {9.0, 7.0, 6.0, 4.0, 2.5}, "labs", "X", "个");
    for (const auto& point : ontrack::project(counts, m, period::year(2030), 0.95, settings).points) CHECK(point.lower >= 0.0);
    // Random positive and share series, some touching 0 or 100 (the logit then cannot be used).
    std::mt19937_64 rng(20261202);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (int trial = 0; trial < 200; ++trial) {
        const bool share = trial % 2 == 0;
        std::vector<double> values;
        double v = share ? 100.0 * uniform(rng) : 0.5 + 50.0 * uniform(rng);
        for (int i = 0; i < 8; ++i) {
            v = share ? std::min(100.0, std::max(0.0, v + 25.0 * (uniform(rng) - 0.4))) : std::max(0.0, v * (0.3 + 1.6 * uniform(rng)) - (trial % 5 == 1 ? 1.0 : 0.0));
            values.push_back(v);
        }
        CAPTURE(trial);
        const auto s = ontrack::series::from_years({2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018}, values, "x", "r", share ? "%" : "家");
        check_inside(ontrack::project(s, m, period::year(2040), 0.9, settings), 0.0, share ? 100.0 : std::numeric_limits<double>::infinity());
        for (const method named : {method::linear, method::holt, method::automatic}) {
            CAPTURE(ontrack::to_string(named));
            check_inside(ontrack::project(s, named, period::year(2040), 0.9, ontrack::projection_settings{}), 0.0, share ? 100.0 : std::numeric_limits<double>::infinity());
        }
    }
}
