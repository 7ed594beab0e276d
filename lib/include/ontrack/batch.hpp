// Projecting many series at once: a panel of series × periods (NaN for gaps) in, arrays out, the
// rows shared among threads. Each row gives exactly what `project` gives for that series alone.
#pragma once

#include <ontrack/projection.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace ontrack {

/// A panel of series, one per row, all starting at the same period; NaN marks a gap.
using panel = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The projections of a panel: one row per series, one column per projected period.
///
/// Rows that cannot be projected (too few observations, non-positive values for a log method) hold
/// NaN and say why in `errors` — a batch does not stop at its first bad series, and a NaN here never
/// goes unexplained.
struct batch_projection {
    std::vector<period> periods;                 ///< the projected periods (columns), after the panel's last column up to `to`
    panel mean, lower, upper;                    ///< point forecasts and interval bounds
    panel location, scale;                       ///< predictive distribution parameters per cell
    std::vector<distribution_family> family;     ///< predictive family per row
    Eigen::VectorXd df;                          ///< Student t degrees of freedom per row (infinity for normal families)
    std::vector<method> used;                    ///< model per row (the choice of `auto`)
    std::vector<std::string> errors;             ///< empty when the row was projected, otherwise why not
    double level = 0.95;

    /// The predictive distribution of row `row` in column `column`.
    predictive distribution(Eigen::Index row, Eigen::Index column) const {
        predictive d;
        d.family = family[static_cast<std::size_t>(row)];
        d.location = location(row, column);
        d.scale = scale(row, column);
        d.df = df(row);
        return d;
    }

    /// P(value ⋈ threshold) in period `at` for every row, with one threshold per row; NaN for rows
    /// that were not projected (see `errors`). Throws `value_error` when `at` is not projected or the
    /// thresholds do not match the rows.
    Eigen::VectorXd probability(comparator c, const Eigen::VectorXd& thresholds, const period& at) const {
        if (thresholds.size() != mean.rows()) {
            throw value_error("thresholds", std::to_string(thresholds.size()) + " thresholds for " + std::to_string(mean.rows()) + " series");
        }
        const auto column = column_of(at);
        Eigen::VectorXd out(mean.rows());
        for (Eigen::Index r = 0; r < mean.rows(); ++r) {
            out(r) = errors[static_cast<std::size_t>(r)].empty() ? distribution(r, column).probability(c, thresholds(r))
                                                                 : std::numeric_limits<double>::quiet_NaN();
        }
        return out;
    }

    /// The column of period `at`; throws `value_error` when it is not projected.
    Eigen::Index column_of(const period& at) const {
        for (std::size_t k = 0; k < periods.size(); ++k) {
            if (periods[k].freq() == at.freq() && periods[k] == at) return static_cast<Eigen::Index>(k);
        }
        throw value_error("period", at.to_string() + " is not a projected period of the batch");
    }
};

/// Projects every row of `values` (series × periods, the first column in period `first`) to `to`,
/// as `project(series(first, row), m, to, level)` would, sharing rows among `threads` threads (0: one
/// per hardware thread). The projected periods are those after the panel's last column; a row whose
/// last observation is earlier still gets exactly the single-series values for those periods.
///
/// Throws `value_error` when `to` is not after the panel's last column or `level` is not in (0, 1).
/// Errors of single rows are recorded in `errors`, not thrown.
inline batch_projection project_many(const Eigen::Ref<const panel>& values, const period& first, method m, const period& to,
                                     double level = 0.95, unsigned threads = 0) {
    if (!(level > 0.0 && level < 1.0)) {
        throw value_error("level", "the interval level must lie strictly between 0 and 1, got " + detail::describe_number(level));
    }
    const period last_column = first + (values.cols() - 1);
    if (values.cols() == 0 || !(last_column < to)) {
        throw value_error("to", "the projection end " + to.to_string() + " must come after the panel's last period " +
                                    (values.cols() == 0 ? std::string("(the panel has no columns)") : last_column.to_string()));
    }
    batch_projection out;
    out.level = level;
    for (period p = last_column + 1; p <= to; p = p + 1) out.periods.push_back(p);
    const auto rows = values.rows();
    const auto columns = static_cast<Eigen::Index>(out.periods.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (auto* matrix : {&out.mean, &out.lower, &out.upper, &out.location, &out.scale}) matrix->setConstant(rows, columns, nan);
    out.df = Eigen::VectorXd::Constant(rows, nan);
    out.family.assign(static_cast<std::size_t>(rows), distribution_family::normal);
    out.used.assign(static_cast<std::size_t>(rows), m);
    out.errors.assign(static_cast<std::size_t>(rows), std::string());

    const auto work = [&](Eigen::Index begin, Eigen::Index end) {
        std::vector<double> row_values(static_cast<std::size_t>(values.cols()));
        for (Eigen::Index r = begin; r < end; ++r) {
            const auto index = static_cast<std::size_t>(r);
            try {
                for (Eigen::Index c = 0; c < values.cols(); ++c) row_values[static_cast<std::size_t>(c)] = values(r, c);
                const series s(first, row_values);
                if (s.empty()) throw data_error(to_string(m) + " needs >= " + std::to_string(minimum_observations(m)) + " observations, got 0");
                const projection p = project(s, m, to, level);
                out.used[index] = p.used;
                for (Eigen::Index c = 0; c < columns; ++c) {
                    const auto& point = p.at(out.periods[static_cast<std::size_t>(c)]);
                    out.mean(r, c) = point.mean;
                    out.lower(r, c) = point.lower;
                    out.upper(r, c) = point.upper;
                    out.location(r, c) = point.distribution.location;
                    out.scale(r, c) = point.distribution.scale;
                    out.family[index] = point.distribution.family;
                    out.df(r) = point.distribution.df;
                }
            } catch (const error& e) {
                out.errors[index] = e.what();
            }
        }
    };

    unsigned count = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
    count = static_cast<unsigned>(std::min<Eigen::Index>(count, std::max<Eigen::Index>(rows, 1)));
    if (count <= 1) {
        work(0, rows);
        return out;
    }
    // Each thread writes only its own rows, so no locking is needed; an unexpected exception (memory)
    // is carried to the caller after every thread has stopped.
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> failures(count);
    const Eigen::Index chunk = (rows + count - 1) / count;
    for (unsigned t = 0; t < count; ++t) {
        const Eigen::Index begin = std::min<Eigen::Index>(rows, t * chunk);
        const Eigen::Index end = std::min<Eigen::Index>(rows, begin + chunk);
        pool.emplace_back([&, begin, end, t] {
            try {
                work(begin, end);
            } catch (...) {
                failures[t] = std::current_exception();
            }
        });
    }
    for (auto& thread : pool) thread.join();
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    return out;
}

}  // namespace ontrack
