// Micro-benchmarks of the kernels behind bench/run.py, timed with std::chrono (best of `repeats`):
//   1. linear trend + 95% interval + P(target) over a panel (project_many + probability)
//   2. Holt and damped Holt ETS fits with intervals (project_many)
//   3. assess_many over (target, series) pairs, 1 thread and all threads
//   4. one project() call
// Usage: bench_kernels [--quick] [--repeats N]
#include <ontrack/batch.hpp>
#include <ontrack/batch_assessment.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using ontrack::method;
using ontrack::period;

namespace {

using clock_type = std::chrono::steady_clock;

double best_seconds(int repeats, const std::function<void()>& work) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto start = clock_type::now();
        work();
        best = std::min(best, std::chrono::duration<double>(clock_type::now() - start).count());
    }
    return best;
}

// Growing series with noise: level · exp(g·t + ε), g ~ N(0.05, 0.03), ε ~ N(0, 0.05).
ontrack::panel synthetic_panel(Eigen::Index rows, Eigen::Index columns, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> growth(0.05, 0.03);
    std::normal_distribution<double> noise(0.0, 0.05);
    std::uniform_real_distribution<double> level(10.0, 1000.0);
    ontrack::panel values(rows, columns);
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double l = level(rng);
        const double g = growth(rng);
        for (Eigen::Index c = 0; c < columns; ++c) values(r, c) = l * std::exp(g * static_cast<double>(c) + noise(rng));
    }
    return values;
}

volatile double sink = 0.0;

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    int repeats = 3;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) repeats = std::atoi(argv[++i]);
    }
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const Eigen::Index columns = 15;
    const period first = period::year(2010);
    const period to = period::year(2029);  // five projected years after 2024
    std::printf("%-46s %14s %14s\n", "case", "total", "per item");

    // 1. Linear trend + interval + P(target).
    {
        const Eigen::Index rows = quick ? 100000 : 1000000;
        const auto values = synthetic_panel(rows, columns, 1);
        Eigen::VectorXd thresholds = values.col(columns - 1) * 1.25;
        for (const unsigned threads : {1u, cores}) {
            ontrack::batch_projection batch;
            const double fit = best_seconds(repeats, [&] { batch = ontrack::project_many(values, first, method::linear, to, 0.95, threads); });
            Eigen::VectorXd p;
            const double prob = best_seconds(repeats, [&] { p = batch.probability(ontrack::comparator::at_least, thresholds, to, threads); });
            sink = sink + p.sum();
            std::printf("%-46s %12.1f ms %11.3f us\n", ("1 linear project_many, threads=" + std::to_string(threads)).c_str(), fit * 1e3, fit / static_cast<double>(rows) * 1e6);
            std::printf("%-46s %12.1f ms %11.3f us\n", ("1 linear probability, threads=" + std::to_string(threads)).c_str(), prob * 1e3, prob / static_cast<double>(rows) * 1e6);
        }
        const double floor = best_seconds(repeats, [&] { sink = sink + values.rowwise().sum().sum(); });
        std::printf("%-46s %12.1f ms %11.3f us\n", "1 floor: one pass (row sums)", floor * 1e3, floor / static_cast<double>(rows) * 1e6);
    }

    // 2. ETS fits.
    {
        const Eigen::Index rows = quick ? 100 : 1000;
        const auto values = synthetic_panel(rows, columns, 2);
        for (const method m : {method::holt, method::holt_damped}) {
            const double t = best_seconds(std::min(repeats, 2), [&] {
                const auto batch = ontrack::project_many(values, first, m, to, 0.95, 1);
                sink = sink + batch.mean(0, 0);
            });
            std::printf("%-46s %12.1f ms %11.3f us\n", ("2 " + ontrack::to_string(m) + " project_many, threads=1").c_str(), t * 1e3, t / static_cast<double>(rows) * 1e6);
        }
    }

    // 3. assess_many over (target, series) pairs with the default options (auto, probability).
    {
        const std::size_t count = quick ? 2000 : 10000;
        const auto values = synthetic_panel(static_cast<Eigen::Index>(count), columns, 3);
        std::vector<ontrack::target> targets(count);
        std::vector<ontrack::series> series(count);
        for (std::size_t i = 0; i < count; ++i) {
            const auto r = static_cast<Eigen::Index>(i);
            std::vector<double> row(values.row(r).data(), values.row(r).data() + columns);
            series[i] = ontrack::series(first, row, "indicator", "region " + std::to_string(i), "");
            auto& t = targets[i];
            t.id = "t" + std::to_string(i);
            t.region = series[i].region();
            t.indicator = "indicator";
            t.value = row.back() * 1.3;
            t.deadline = period::year(2027 + static_cast<int>(i % 4));
        }
        ontrack::assessment_options options;
        for (const unsigned threads : {1u, cores}) {
            const double t = best_seconds(1, [&] {
                const auto out = ontrack::assess_many(targets, series, options, threads);
                sink = sink + static_cast<double>(out.results.size());
            });
            std::printf("%-46s %12.1f ms %11.3f us\n", ("3 assess_many auto, threads=" + std::to_string(threads)).c_str(), t * 1e3, t / static_cast<double>(count) * 1e6);
        }
    }

    // 4. One project() call.
    {
        const auto values = synthetic_panel(1, columns, 4);
        const ontrack::series s(first, std::vector<double>(values.data(), values.data() + columns));
        const int calls = quick ? 20000 : 100000;
        const double t = best_seconds(repeats, [&] {
            for (int i = 0; i < calls; ++i) sink = sink + ontrack::project(s, method::linear, to).points.back().upper;
        });
        std::printf("%-46s %12.1f ms %11.3f us\n", "4 project(linear) single call", t * 1e3, t / calls * 1e6);
    }
    return sink == 12345.0 ? 1 : 0;
}
