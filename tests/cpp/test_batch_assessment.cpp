// Tests of ontrack/batch_assessment.hpp: assess_many and assess_observations must give, target by
// target, exactly what `assess` gives for each target alone (the reference here is `assess` itself,
// whose numbers tests/cpp/test_assessment.cpp checks against independent computations), whatever the
// number of threads; failures are recorded per target, in order, with the exception assess throws.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <ontrack/batch_assessment.hpp>
#include <ontrack/targets_file.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace {

using ontrack::assessment;
using ontrack::assessment_options;
using ontrack::method;
using ontrack::period;

bool same_number(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    return (std::isnan(*a) && std::isnan(*b)) || *a == *b;
}

void check_same(const assessment& a, const assessment& b) {
    CHECK(a.id == b.id);
    CHECK(a.latest_period == b.latest_period);
    CHECK(same_number(a.latest_value, b.latest_value));
    CHECK(same_number(a.target_value, b.target_value));
    CHECK(same_number(a.projected, b.projected));
    CHECK(same_number(a.lower, b.lower));
    CHECK(same_number(a.upper, b.upper));
    CHECK(same_number(a.probability, b.probability));
    CHECK(same_number(a.required_pace, b.required_pace));
    CHECK(same_number(a.actual_pace, b.actual_pace));
    CHECK(same_number(a.progress, b.progress));
    CHECK(same_number(a.score, b.score));
    CHECK(a.expected_period == b.expected_period);
    CHECK(a.unified == b.unified);
    CHECK(a.scheme_status == b.scheme_status);
    CHECK(a.method_used == b.method_used);
    CHECK(a.message == b.message);
}

// Random trending series (some short, some with gaps, some non-positive) and level targets on them.
void random_pairs(std::size_t count, std::vector<ontrack::target>& targets, std::vector<ontrack::series>& series) {
    std::mt19937_64 rng(20251122);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::size_t i = 0; i < count; ++i) {
        const int length = 2 + static_cast<int>(i % 12);
        std::vector<double> values;
        const double level = 20.0 + 80.0 * unit(rng);
        const double slope = 4.0 * unit(rng) - 1.5;
        for (int k = 0; k < length; ++k) values.push_back(unit(rng) < 0.08 ? std::nan("") : level + slope * k + 2.0 * noise(rng));
        if (i % 17 == 0) values.back() = -3.0;
        series.emplace_back(period::year(2024 - length + 1), values, "x", "r" + std::to_string(i));
        ontrack::target t;
        t.id = "t" + std::to_string(i);
        t.region = "r" + std::to_string(i);
        t.indicator = "x";
        t.value = level + slope * (length + 2) * (0.5 + unit(rng));
        t.deadline = period::year(2025 + static_cast<int>(i % 5));
        if (i % 7 == 0) t.compare = ontrack::comparator::at_most;
        targets.push_back(t);
    }
}

}  // namespace

TEST_CASE("assess_many equals assess target by target, for any number of threads") {
    std::vector<ontrack::target> targets;
    std::vector<ontrack::series> series;
    random_pairs(240, targets, series);
    for (const method m : {method::automatic, method::linear, method::holt}) {
        assessment_options options;
        options.projection = m;
        const auto one = ontrack::assess_many(targets, series, options, 1);
        const auto two = ontrack::assess_many(targets, series, options, 2);
        const auto many = ontrack::assess_many(targets, series, options, 7);
        REQUIRE(one.size() == targets.size());
        std::size_t projected = 0;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const auto single = ontrack::assess(targets[i], series[i], options);
            check_same(one.results[i], single);
            check_same(two.results[i], single);
            check_same(many.results[i], single);
            CHECK(one.errors[i].empty());
            CHECK(!one.failures[i]);
            if (single.probability && single.method_used != "observed") ++projected;
        }
        CHECK(projected > targets.size() / 4);  // many pairs were really projected, not short-circuited
    }
}

TEST_CASE("assess_many records a malformed target in place and assesses the others") {
    std::vector<ontrack::target> targets;
    std::vector<ontrack::series> series;
    random_pairs(20, targets, series);
    targets[4].deadline.reset();  // assess throws value_error: no deadline
    const auto out = ontrack::assess_many(targets, series, {}, 2);
    CHECK(out.failures[4]);
    CHECK(!out.data_failure(4));
    CHECK(ontrack::testing::mentions(out.errors[4], {"t4", "deadline"}));
    const auto e = ontrack::testing::thrown<ontrack::value_error>([&] { std::rethrow_exception(out.failures[4]); });
    REQUIRE(e);
    CHECK(std::string(e->what()) == out.errors[4]);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (i == 4) continue;
        CHECK(out.errors[i].empty());
        check_same(out.results[i], ontrack::assess(targets[i], series[i]));
    }
    // Options are checked once, up front.
    assessment_options bad;
    bad.level = 1.5;
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)ontrack::assess_many(targets, series, bad); }));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] {
        (void)ontrack::assess_many(targets, std::vector<ontrack::series>(series.begin(), series.begin() + 3));
    }));
}

TEST_CASE("assess_observations equals select + assess on the bundled plans") {
    const auto table = ontrack::read_observations_file(ONTRACK_EXAMPLES_DATA_DIR "/observations.csv");
    auto targets = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/national_targets.csv");
    const auto seed = ontrack::read_targets_file(ONTRACK_EXAMPLES_DATA_DIR "/seed_targets.csv");
    targets.insert(targets.end(), seed.begin(), seed.end());
    std::vector<const ontrack::target*> pointers;
    for (const auto& t : targets) pointers.push_back(&t);
    for (const auto& as_of : {std::optional<boost::gregorian::date>(), std::optional<boost::gregorian::date>(boost::gregorian::date(2021, 12, 31))}) {
        assessment_options options;
        options.as_of = as_of;
        const auto batch = ontrack::assess_observations(pointers, table, options, "first_release", "2021-12-31", 2);
        REQUIRE(batch.size() == targets.size());
        std::size_t missing = 0;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const auto& t = targets[i];
            const auto available = table.vintages(t.region, t.indicator);
            if (available.empty()) {
                // As select: no rows, a data_error naming indicator and region.
                CHECK(batch.data_failure(i));
                CHECK(batch.errors[i] == "no observations of '" + t.indicator + "' in '" + t.region + "'");
                ++missing;
                continue;
            }
            // The bundled vintages are release names, not dates: one is used as is, several by name.
            const auto s = table.select(t.region, t.indicator, available.size() == 1 ? available.front() : std::string("first_release"));
            CHECK(batch.errors[i].empty());
            check_same(batch.results[i], ontrack::assess(t, s, options));
        }
        CHECK(missing > 0);
        CHECK(missing < targets.size());
    }
}

TEST_CASE("observation_index: dated vintages take the latest release published by as_of") {
    using ontrack::observation;
    const auto row = [](const std::string& indicator, int year, double value, const std::string& vintage, const std::string& unit = "%") {
        observation o;
        o.region = "China";
        o.indicator = indicator;
        o.at = period::year(year);
        o.value = value;
        o.unit = unit;
        o.vintage = vintage;
        return o;
    };
    const ontrack::observation_table table({row("a", 2020, 2.40, "2021-09-22"), row("a", 2020, 2.41, "2022-08-31"), row("a", 2021, 2.44, "2022-08-31"),
                                            row("b", 2020, 1.0, "first_release"), row("b", 2020, 1.1, "yearbook"),
                                            row("c", 2020, 5.0, "2021-01-01", "%"), row("c", 2021, 6.0, "2022-01-01", "万")});
    const ontrack::observation_index index(table);
    // Without as_of: the latest release of each period.
    auto s = index.select("China", "a", "first_release", std::nullopt, "None");
    CHECK(s.at(period::year(2020)) == 2.41);
    CHECK(s.at(period::year(2021)) == 2.44);
    CHECK(s.unit() == "%");
    // As of 2022-01-01 only the first release of 2020 was out.
    s = index.select("China", "a", "first_release", boost::gregorian::date(2022, 1, 1), "2022-01-01");
    CHECK(s.size() == 1);
    CHECK(s.at(period::year(2020)) == 2.40);
    const auto none = ontrack::testing::thrown<ontrack::data_error>(
        [&] { (void)index.select("China", "a", "first_release", boost::gregorian::date(2021, 1, 1), "2021-01-01"); });
    REQUIRE(none);
    CHECK(std::string(none->what()) == "no vintage of 'a' in 'China' was published by 2021-01-01");
    // Named vintages: chosen by name, an unknown name is the table's own error.
    CHECK(index.select("China", "b", "yearbook", std::nullopt, "None").at(period::year(2020)) == 1.1);
    const auto unknown = ontrack::testing::thrown<ontrack::value_error>([&] { (void)index.select("China", "b", "bogus", std::nullopt, "None"); });
    REQUIRE(unknown);
    CHECK(ontrack::testing::mentions(unknown->what(), {"no vintage 'bogus'", "first_release, yearbook"}));
    // Mixed units across dated releases: refused as for one vintage (it was one series without a unit).
    const auto mixed = ontrack::testing::thrown<ontrack::value_error>([&] { (void)index.select("China", "c", "first_release", std::nullopt, "None"); });
    REQUIRE(mixed);
    CHECK(ontrack::testing::mentions(mixed->what(), {"field 'unit'", "mixes units '%'", "vintage 2022-01-01"}));
    CHECK(index.vintages("China", "b") == std::vector<std::string>{"first_release", "yearbook"});
    CHECK(index.rows_of("Nowhere", "a").empty());
}

TEST_CASE("a cancelled batch stops and says so") {
    std::vector<ontrack::target> targets;
    std::vector<ontrack::series> series;
    random_pairs(50, targets, series);
    ontrack::batch_progress progress;
    progress.cancel = true;
    CHECK(ontrack::testing::thrown<ontrack::cancelled_error>([&] { (void)ontrack::assess_many(targets, series, {}, 2, &progress); }));
    ontrack::batch_progress counted;
    (void)ontrack::assess_many(targets, series, {}, 2, &counted);
    CHECK(counted.done.load() == targets.size());
}
