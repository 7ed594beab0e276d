// project_many must give, row by row, exactly what project gives for each series alone.
#include <ontrack/batch.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

using ontrack::method;
using ontrack::period;

namespace {

constexpr double gap = std::numeric_limits<double>::quiet_NaN();

// Random trending panels with a share of gaps, including leading and trailing ones.
ontrack::panel random_panel(Eigen::Index rows, Eigen::Index columns, std::uint64_t seed, double gap_share) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    ontrack::panel values(rows, columns);
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double level = 50.0 + 40.0 * unit(rng);
        const double slope = 4.0 * unit(rng) - 1.0;
        for (Eigen::Index c = 0; c < columns; ++c) {
            values(r, c) = unit(rng) < gap_share ? gap : level + slope * static_cast<double>(c) + noise(rng);
        }
    }
    return values;
}

void check_row_matches_single(const ontrack::batch_projection& batch, const ontrack::panel& values, Eigen::Index r, const period& first,
                              method m, const period& to, double level) {
    std::vector<double> row(values.row(r).data(), values.row(r).data() + values.cols());
    const ontrack::series s(first, row);
    try {
        const auto single = ontrack::project(s, m, to, level);
        REQUIRE(batch.errors[static_cast<std::size_t>(r)].empty());
        for (std::size_t k = 0; k < batch.periods.size(); ++k) {
            const auto& point = single.at(batch.periods[k]);
            const auto c = static_cast<Eigen::Index>(k);
            CHECK(batch.mean(r, c) == point.mean);
            CHECK(batch.lower(r, c) == point.lower);
            CHECK(batch.upper(r, c) == point.upper);
        }
    } catch (const ontrack::error& e) {
        CHECK(batch.errors[static_cast<std::size_t>(r)] == std::string(e.what()));
        CHECK(std::isnan(batch.mean(r, 0)));
    }
}

}  // namespace

TEST_CASE("project_many equals project on 10,000 random series with gaps") {
    const auto values = random_panel(10000, 12, 20251122, 0.15);
    const period first = period::year(2010);
    const period to = period::year(2025);
    const auto batch = ontrack::project_many(values, first, method::linear, to, 0.95, 2);
    REQUIRE(batch.periods.size() == 4);  // 2022 … 2025 after the last column 2021
    for (Eigen::Index r = 0; r < values.rows(); ++r) check_row_matches_single(batch, values, r, first, method::linear, to, 0.95);
}

TEST_CASE("project_many equals project for every method, and threads do not change results") {
    auto values = random_panel(300, 10, 7, 0.0);
    const period first = period::year(2012);
    const period to = period::year(2024);
    for (const method m : {method::linear, method::loglinear, method::cagr, method::weighted_linear, method::holt, method::holt_damped,
                           method::automatic}) {
        INFO(ontrack::to_string(m));
        const auto serial = ontrack::project_many(values, first, m, to, 0.9, 1);
        const auto parallel = ontrack::project_many(values, first, m, to, 0.9, 2);
        CHECK(serial.mean == parallel.mean);
        CHECK(serial.upper == parallel.upper);
        for (Eigen::Index r = 0; r < values.rows(); r += 37) check_row_matches_single(serial, values, r, first, m, to, 0.9);
    }
}

TEST_CASE("rows that cannot be projected are explained, not silently NaN") {
    ontrack::panel values(3, 5);
    values << 1, 2, 3, 4, 5,        //
        gap, gap, gap, gap, 1,      // one observation: too few for linear
        1, -2, 3, 4, 5;             // a negative value: loglinear cannot take it
    const auto linear = ontrack::project_many(values, period::year(2020), method::linear, period::year(2026));
    CHECK(linear.errors[0].empty());
    CHECK(linear.errors[1].find("linear needs >= 3 observations, got 1") != std::string::npos);
    CHECK(std::isnan(linear.mean(1, 0)));
    const auto loglinear = ontrack::project_many(values, period::year(2020), method::loglinear, period::year(2026));
    CHECK(loglinear.errors[2].find("2021") != std::string::npos);  // names the period of the bad value
    // Every cell of a row not projected is NaN (the outputs are not filled in advance: the row writes
    // them), its df too, and so is its probability.
    const auto row_not_projected = [](const auto& cells) {
        CHECK(cells.row(1).array().isNaN().all());
        CHECK(!cells.row(0).array().isNaN().any());
    };
    for (const auto* cells : {&linear.mean, &linear.lower, &linear.upper}) row_not_projected(*cells);
    row_not_projected(linear.location);  // stored period by period
    row_not_projected(linear.scale);
    CHECK(std::isnan(linear.df(1)));
    CHECK(loglinear.upper.row(2).array().isNaN().all());
    CHECK(std::isnan(loglinear.df(2)));
    const auto p = linear.probability(ontrack::comparator::at_least, Eigen::VectorXd::Constant(3, 5.0), period::year(2026));
    CHECK(std::isnan(p(1)));
    CHECK(p(0) >= 0.0);
    // The line through 1..5 continues exactly: 2025 → 6, 2026 → 7 (columns 2025 and 2026).
    CHECK(linear.mean(0, 0) == doctest::Approx(6.0).epsilon(1e-12));
    CHECK(linear.mean(0, 1) == doctest::Approx(7.0).epsilon(1e-12));
}

TEST_CASE("the failures of rows shared among threads are each reported at their row, and only there") {
    // 40,000 rows (several chunks per thread): every third row has one observation, every seventh a
    // negative value (loglinear refuses it), the rest are fine.
    const Eigen::Index rows = 40000;
    ontrack::panel values(rows, 4);
    for (Eigen::Index r = 0; r < rows; ++r) {
        values.row(r) << 1.0 + static_cast<double>(r % 5), 2.0, 3.0, 4.5;
        if (r % 3 == 0) values.row(r) << gap, gap, gap, 2.0;
        else if (r % 7 == 0) values(r, 1) = -1.0;
    }
    for (const unsigned threads : {1u, 2u, 3u}) {
        CAPTURE(threads);
        const auto batch = ontrack::project_many(values, period::year(2020), method::loglinear, period::year(2025), 0.95, threads);
        REQUIRE(batch.errors.size() == static_cast<std::size_t>(rows));
        std::size_t expected = 0;
        for (Eigen::Index r = 0; r < rows; ++r) {
            const std::string& why = batch.errors[static_cast<std::size_t>(r)];
            if (r % 3 == 0) {
                CHECK(why.find("needs >= 3 observations, got 1") != std::string::npos);
            } else if (r % 7 == 0) {
                CHECK(why.find("2021") != std::string::npos);
            } else {
                CHECK(why.empty());
            }
            expected += (r % 3 == 0 || r % 7 == 0) ? 1 : 0;
        }
        CHECK(batch.errors.failures().size() == expected);
        CHECK(std::is_sorted(batch.errors.failures().begin(), batch.errors.failures().end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
        const auto dense = batch.errors.dense();
        REQUIRE(dense.size() == static_cast<std::size_t>(rows));
        CHECK(dense[3] == batch.errors[3]);
        CHECK(dense[1].empty());
    }
    const auto batch = ontrack::project_many(values, period::year(2020), method::loglinear, period::year(2025));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([&] { (void)batch.errors[static_cast<std::size_t>(rows)]; }));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::row_errors(2, {{2, "row 2 of 2"}}); }));
    CHECK(ontrack::testing::thrown<ontrack::value_error>([] { (void)ontrack::row_errors(3, {{1, "first"}, {0, "other"}, {1, "again"}}); }));
}

TEST_CASE("batch probabilities use each row's predictive distribution") {
    const auto values = random_panel(50, 8, 3, 0.0);
    const auto batch = ontrack::project_many(values, period::year(2015), method::linear, period::year(2025));
    const Eigen::VectorXd thresholds = batch.mean.col(batch.column_of(period::year(2025)));
    // At its own median a symmetric predictive gives exactly one half.
    const auto p = batch.probability(ontrack::comparator::at_least, thresholds, period::year(2025));
    for (Eigen::Index r = 0; r < p.size(); ++r) CHECK(p(r) == doctest::Approx(0.5).epsilon(1e-12));
    CHECK_THROWS_AS(batch.probability(ontrack::comparator::at_least, Eigen::VectorXd::Zero(3), period::year(2025)), ontrack::value_error);
    CHECK_THROWS_AS((void)batch.column_of(period::year(2030)), ontrack::value_error);
}

TEST_CASE("a df many rows share takes a table of the t distribution: the same probabilities to 1e-13") {
    // 12,000 complete rows (df 13, more than detail::tabulation_rows) and 40 with two gaps (df 11, too
    // few to tabulate): the former agree with each row's own predictive to the table's accuracy, the
    // latter exactly; and the numbers do not depend on the thread count.
    auto values = random_panel(12040, 15, 20261202, 0.0);
    for (Eigen::Index r = 12000; r < values.rows(); ++r) {
        values(r, 3) = gap;
        values(r, 9) = gap;
    }
    const period first = period::year(2010);
    const period to = period::year(2027);
    const auto batch = ontrack::project_many(values, first, method::linear, to, 0.95, 2);
    REQUIRE(batch.df(0) == 13.0);
    REQUIRE(batch.df(12000) == 11.0);
    // Thresholds on both sides of the medians, out to the far tail.
    Eigen::VectorXd thresholds(values.rows());
    for (Eigen::Index r = 0; r < values.rows(); ++r) thresholds(r) = batch.mean(r, 2) + batch.scale(r, 2) * (static_cast<double>(r % 41) - 20.0) * 0.6;
    const auto p = batch.probability(ontrack::comparator::at_least, thresholds, to, 2);
    const auto q = batch.probability(ontrack::comparator::less, thresholds, to, 1);
    CHECK(p == batch.probability(ontrack::comparator::at_least, thresholds, to, 1));
    double worst = 0.0;
    int inexact = 0;  // tabulated rows whose number differs in the last bits: the table was taken
    for (Eigen::Index r = 0; r < values.rows(); r += (r < 12000 ? 7 : 1)) {
        CAPTURE(r);
        const auto d = batch.distribution(r, 2);
        const double expected_p = d.probability(ontrack::comparator::at_least, thresholds(r));
        const double expected_q = d.probability(ontrack::comparator::less, thresholds(r));
        if (r < 12000) {
            CHECK(std::fabs(p(r) - expected_p) <= 1e-13 * expected_p);
            CHECK(std::fabs(q(r) - expected_q) <= 1e-13 * expected_q);
            worst = std::max(worst, std::fabs(p(r) - expected_p) / expected_p);
            if (p(r) != expected_p) ++inexact;
        } else {
            CHECK(p(r) == expected_p);
            CHECK(q(r) == expected_q);
        }
    }
    CHECK(inexact > 0);
    MESSAGE("worst relative difference of a tabulated probability: " << worst << " (" << inexact << " of 1715 not bit for bit)");
}

TEST_CASE("the df tabulated for a batch: integers 1-100 of t rows that 8,192 rows share, wherever they come") {
    using ontrack::distribution_family;
    // 30 distinct df first (one row each), then many rows of df 13 (t), 2.5 (not an integer), 40 (log-t,
    // one short of the count), infinity (normal) and 7 (t, but NaN rows between them).
    std::vector<double> df;
    std::vector<distribution_family> family;
    const auto add = [&](double d, distribution_family f, std::size_t rows) {
        for (std::size_t i = 0; i < rows; ++i) {
            df.push_back(d);
            family.push_back(f);
        }
    };
    for (int d = 1; d <= 30; ++d) add(d + 50.0, distribution_family::student_t, 1);
    add(13.0, distribution_family::student_t, ontrack::detail::tabulation_rows);
    add(2.5, distribution_family::student_t, 10000);
    add(40.0, distribution_family::log_student_t, ontrack::detail::tabulation_rows - 1);
    add(std::numeric_limits<double>::infinity(), distribution_family::normal, 10000);
    for (std::size_t i = 0; i < ontrack::detail::tabulation_rows; ++i) {
        add(7.0, distribution_family::log_student_t, 1);
        add(gap, distribution_family::normal, 1);
    }
    const Eigen::Map<const Eigen::VectorXd> column(df.data(), static_cast<Eigen::Index>(df.size()));
    const auto tables = ontrack::detail::tabulate_shared_df(column, family);
    REQUIRE(tables.size() == 2);
    CHECK(tables[0].df == 7.0);
    CHECK(tables[1].df == 13.0);
    for (const auto& t : tables) CHECK(!t.taylor.empty());
}

TEST_CASE("project_many rejects a horizon that does not extend the panel") {
    const auto values = random_panel(2, 5, 1, 0.0);
    CHECK_THROWS_AS(ontrack::project_many(values, period::year(2020), method::linear, period::year(2024)), ontrack::value_error);
    CHECK_THROWS_AS(ontrack::project_many(values, period::year(2020), method::linear, period::year(2030), 1.5), ontrack::value_error);
}

TEST_CASE("complete rows (the no-gap kernel) give bit for bit what project gives, probabilities included") {
    // 2,000 rows without gaps, plus rows the kernel must hand on: a constant row (a point mass), huge
    // and tiny magnitudes (rescaled by project), an infinity, a non-positive value for loglinear.
    auto values = random_panel(2000, 15, 20251201, 0.0);
    values.row(0).setConstant(42.0);
    values.row(1) *= 1e120;
    values.row(2) *= 1e-120;
    values(3, 7) = std::numeric_limits<double>::infinity();
    values(4, 2) = -1.0;
    values(5, 0) = gap;  // one gap: the general path
    // The kernel tests its sums, not each value: a gap or an infinity anywhere must still send the row on.
    values(6, 14) = -std::numeric_limits<double>::infinity();
    values(7, 14) = gap;
    values(8, 3) = std::numeric_limits<double>::infinity();
    values(8, 9) = -std::numeric_limits<double>::infinity();  // +inf and -inf: a NaN sum
    values(9, 0) = std::numeric_limits<double>::infinity();
    values(9, 14) = gap;
    const period first = period::year(2010);
    const period to = period::year(2029);
    for (const method m : {method::linear, method::loglinear}) {
        INFO(ontrack::to_string(m));
        const auto batch = ontrack::project_many(values, first, m, to, 0.95, 2);
        Eigen::VectorXd thresholds = values.col(14) * 1.3;
        for (Eigen::Index r = 0; r < thresholds.size(); ++r) {
            if (!std::isfinite(thresholds(r))) thresholds(r) = 100.0;  // the rows whose last value is no number
        }
        const auto p = batch.probability(ontrack::comparator::at_least, thresholds, to, 2);
        const auto q = batch.probability(ontrack::comparator::less, thresholds, period::year(2026), 1);
        for (Eigen::Index r = 0; r < values.rows(); ++r) {
            CAPTURE(r);
            std::vector<double> row(values.row(r).data(), values.row(r).data() + values.cols());
            try {
                const ontrack::series s(first, row);  // an infinity is refused here, as in the batch
                const auto single = ontrack::project(s, m, to, 0.95);
                REQUIRE(batch.errors[static_cast<std::size_t>(r)].empty());
                CHECK(batch.df(r) == single.points[0].distribution.df);
                for (std::size_t k = 0; k < batch.periods.size(); ++k) {
                    const auto c = static_cast<Eigen::Index>(k);
                    const auto& point = single.at(batch.periods[k]);  // a row ending in a gap projects from its last value
                    CHECK(batch.mean(r, c) == point.mean);
                    CHECK(batch.lower(r, c) == point.lower);
                    CHECK(batch.upper(r, c) == point.upper);
                    CHECK(batch.location(r, c) == point.distribution.location);
                    CHECK(batch.scale(r, c) == point.distribution.scale);
                }
                const double expected_p = single.probability(ontrack::comparator::at_least, thresholds(r), to);
                const double expected_q = single.probability(ontrack::comparator::less, thresholds(r), period::year(2026));
                CHECK(p(r) == expected_p);
                CHECK(q(r) == expected_q);
            } catch (const ontrack::error& e) {
                CHECK(batch.errors[static_cast<std::size_t>(r)] == std::string(e.what()));
                CHECK(std::isnan(p(r)));
            }
        }
    }
}
