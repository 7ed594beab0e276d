// Projecting many series at once: a panel of series × periods (NaN for gaps) in, arrays out, the
// rows shared among threads. Each row gives exactly what `project` gives for that series alone.
#pragma once

#include <ontrack/detail/page_advice.hpp>
#include <ontrack/projection.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <exception>
#include <iterator>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ontrack {

/// Progress of a long batch call, for a watcher on another thread: `done` counts the items finished so
/// far; setting `cancel` makes the workers stop taking new items, and the call then throws
/// `cancelled_error`.
struct batch_progress {
    std::atomic<std::size_t> done{0};
    std::atomic<bool> cancel{false};
};

/// A batch call stopped through `batch_progress::cancel` before it finished.
class cancelled_error : public error {
public:
    cancelled_error() : error("the batch was cancelled before it finished") {}
};

namespace detail {

/// The number of threads to use for `items` items: `threads` (0: one per hardware thread), at most one
/// per item and at least one.
inline unsigned thread_count(unsigned threads, std::size_t items) {
    const unsigned wanted = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, items)));
}

/// Runs `work(begin, end)` over [0, count) in chunks of `grain` items taken in turn by `threads`
/// threads (dynamic scheduling: a thread slowed by other load simply takes fewer chunks). Each item
/// must be independent of the others, so the results do not depend on the number of threads.
/// Exceptions other than the per-item ones `work` handles itself are carried to the caller after
/// every thread has stopped; with `progress`, finished items are counted and `cancel` is honoured.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, std::size_t grain, const Work& work, batch_progress* progress = nullptr) {
    grain = std::max<std::size_t>(1, grain);
    const unsigned workers = thread_count(threads, (count + grain - 1) / grain);
    std::atomic<std::size_t> next{0};
    const auto run = [&] {
        for (;;) {
            if (progress != nullptr && progress->cancel.load(std::memory_order_relaxed)) return;
            const std::size_t begin = next.fetch_add(grain, std::memory_order_relaxed);
            if (begin >= count) return;
            const std::size_t end = std::min(count, begin + grain);
            work(begin, end);
            if (progress != nullptr) progress->done.fetch_add(end - begin, std::memory_order_relaxed);
        }
    };
    if (workers <= 1) {
        run();
    } else {
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> failures(workers);
        pool.reserve(workers);
        for (unsigned t = 0; t < workers; ++t) {
            pool.emplace_back([&, t] {
                try {
                    run();
                } catch (...) {
                    failures[t] = std::current_exception();
                    next.store(count);  // the others stop taking chunks
                }
            });
        }
        for (auto& thread : pool) thread.join();
        for (const auto& failure : failures) {
            if (failure) std::rethrow_exception(failure);
        }
    }
    if (progress != nullptr && progress->cancel.load() && progress->done.load() < count) throw cancelled_error();
}

/// The df-only work of the t distribution (`student_t_df`) for the few df the rows of a batch share,
/// kept by one thread: done once per df, not once per row. The tabulated distributions of `shared`
/// (read by every thread, see `tabulate_shared_df`) come first.
class student_t_cache {
public:
    explicit student_t_cache(const std::vector<student_t_df>* shared = nullptr) : shared_(shared) {
        seen_.reserve(capacity);  // never reallocated: the pointers handed out stay valid
    }
    student_t_cache(const student_t_cache&) = delete;
    student_t_cache& operator=(const student_t_cache&) = delete;
    /// The t distribution of `df`, or null when `capacity` df are already kept (then the caller's
    /// predictive does the work itself: the same numbers, more slowly).
    const student_t_df* of(double df) {
        if (shared_ != nullptr) {
            for (const auto& t : *shared_) {
                if (t.df == df) return &t;
            }
        }
        for (const auto& t : seen_) {
            if (t.df == df) return &t;
        }
        if (seen_.size() >= capacity) return nullptr;
        seen_.emplace_back(df);
        return &seen_.back();
    }
private:
    static constexpr std::size_t capacity = 64;
    const std::vector<student_t_df>* shared_;
    std::vector<student_t_df> seen_;
};

/// The rows a df must be shared by for its t distribution to be tabulated (`student_t_df::tabulate`,
/// about 40 µs, then about 12 ns per probability instead of 30–200): below, the table would not pay.
inline constexpr std::size_t tabulation_rows = 8192;

/// The tabulated t distributions of the df that at least `tabulation_rows` rows of a t family (`df` and
/// `family` one per row; NaN df for a row not projected) share, among the df a table is made for
/// (`student_t_df::tabulable`: the integers 1–100, which regressions give). Rows of other df take
/// `student_t_cache`'s untabulated distributions.
inline std::vector<student_t_df> tabulate_shared_df(const Eigen::VectorXd& df, const std::vector<distribution_family>& family) {
    constexpr auto largest = static_cast<std::size_t>(student_t_df::tabulated_largest_df);
    std::array<std::size_t, largest + 1> rows{};  // by df
    for (Eigen::Index r = 0; r < df.size(); ++r) {
        const auto f = family[static_cast<std::size_t>(r)];
        if ((f == distribution_family::student_t || f == distribution_family::log_student_t) && student_t_df::tabulable(df(r))) {
            ++rows[static_cast<std::size_t>(df(r))];
        }
    }
    std::vector<student_t_df> out;
    for (std::size_t d = 1; d <= largest; ++d) {
        if (rows[d] < tabulation_rows) continue;
        out.emplace_back(static_cast<double>(d));
        out.back().tabulate();
    }
    return out;
}

/// Checks a request for P(value ⋈ threshold) per row of a batch of `rows` rows: a comparator a
/// probability has, one threshold per row, none NaN (as `predictive::probability`: a NaN threshold is
/// an error, not a probability of 0).
inline void check_probability_request(comparator c, const Eigen::Ref<const Eigen::VectorXd>& thresholds, Eigen::Index rows) {
    if (thresholds.size() != rows) {
        throw value_error("thresholds", std::to_string(thresholds.size()) + " thresholds for " + std::to_string(rows) + " series");
    }
    if (c == comparator::about || c == comparator::within) {
        throw value_error("comparator", "a probability needs one of >=, >, <=, <; got '" + to_string(c) + "' (use probability_between)");
    }
    for (Eigen::Index r = 0; r < thresholds.size(); ++r) {
        if (std::isnan(thresholds(r))) {
            throw value_error("thresholds", "cannot evaluate a probability at NaN" + (thresholds.size() > 1 ? " (row " + std::to_string(r) + ")" : std::string()));
        }
    }
}

}  // namespace detail

/// Why rows of a batch were not projected, read like a vector of one message per row (empty where the
/// row was projected) but stored sparsely: a batch of a million rows that all succeed holds no string.
class row_errors {
public:
    row_errors() = default;
    /// No failures among `rows` rows.
    explicit row_errors(std::size_t rows) : rows_(rows) {}
    /// `failures` (row, message) among `rows` rows, in any order; each row at most once. Throws
    /// `value_error` for a row past the last.
    row_errors(std::size_t rows, std::vector<std::pair<std::size_t, std::string>> failures) : rows_(rows), failures_(std::move(failures)) {
        std::sort(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        if (!failures_.empty() && failures_.back().first >= rows_) {
            throw value_error("row", "a failure of row " + std::to_string(failures_.back().first) + " in a batch of " + std::to_string(rows_) + " rows");
        }
        const auto twice = std::adjacent_find(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) { return a.first == b.first; });
        if (twice != failures_.end()) throw value_error("row", "two failures of row " + std::to_string(twice->first) + ": a row fails once");
    }

    /// The number of rows (not of failures).
    std::size_t size() const noexcept { return rows_; }
    /// The message of row `row`: empty when it was projected. Throws `value_error` past the last row.
    const std::string& operator[](std::size_t row) const {
        static const std::string projected;  // immutable: the message of every row that succeeded
        if (row >= rows_) throw value_error("row", "row " + std::to_string(row) + " of a batch of " + std::to_string(rows_) + " rows");
        const auto found = std::lower_bound(failures_.begin(), failures_.end(), row, [](const auto& f, std::size_t r) { return f.first < r; });
        return found != failures_.end() && found->first == row ? found->second : projected;
    }
    /// The failed rows and their messages, in row order.
    const std::vector<std::pair<std::size_t, std::string>>& failures() const noexcept { return failures_; }
    /// One message per row, empty where the row was projected.
    std::vector<std::string> dense() const {
        std::vector<std::string> out(rows_);
        for (const auto& [row, message] : failures_) out[row] = message;
        return out;
    }
private:
    std::size_t rows_ = 0;
    std::vector<std::pair<std::size_t, std::string>> failures_;
};

/// A panel of series, one per row, all starting at the same period; NaN marks a gap.
using panel = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Cells stored period by period (column-major): a batch's predictive parameters are read one projected
/// period at a time (`batch_projection::probability` for every series in one period), and a column of
/// this layout is contiguous — at five periods ahead that pass reads a fifth of the memory it would
/// read from rows. Indexing `(series, period)` is the same as a `panel`'s.
using period_major = Eigen::MatrixXd;

/// The projections of a panel: one row per series, one column per projected period.
///
/// Rows that cannot be projected (too few observations, non-positive values for a log method) hold
/// NaN and say why in `errors` — a batch does not stop at its first bad series, and a NaN here never
/// goes unexplained.
struct batch_projection {
    std::vector<period> periods;                 ///< the projected periods (columns), after the panel's last column up to `to`
    panel mean, lower, upper;                    ///< point forecasts and interval bounds
    period_major location, scale;                ///< predictive distribution parameters per cell (stored period by period)
    std::vector<distribution_family> family;     ///< predictive family per row
    Eigen::VectorXd df;                          ///< Student t degrees of freedom per row (infinity for normal families, NaN for rows not projected)
    std::vector<method> used;                    ///< model per row (the choice of `auto`)
    row_errors errors;                           ///< per row: empty when the row was projected, otherwise why not
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
    /// that were not projected (see `errors`). Rows are shared among `threads` threads (0: one per
    /// hardware thread; 1 by default); each row's number is the same whatever the count. Each row's
    /// number is `distribution(row, column).probability(...)`'s, bit for bit, except for the rows of a
    /// t distribution whose integer df (1–100) at least `detail::tabulation_rows` rows share: those take
    /// a table of the t distribution (`detail::student_t_df::tabulate`, about three times faster) and
    /// agree with it to within 1e-13 relative. Throws `value_error` when `at` is not projected or the thresholds do not
    /// match the rows.
    Eigen::VectorXd probability(comparator c, const Eigen::Ref<const Eigen::VectorXd>& thresholds, const period& at, unsigned threads = 1) const {
        detail::check_probability_request(c, thresholds, mean.rows());
        const auto column = column_of(at);
        Eigen::VectorXd out(mean.rows());
        const std::vector<detail::student_t_df> shared = detail::tabulate_shared_df(df, family);
        detail::parallel_for(static_cast<std::size_t>(mean.rows()), threads, 4096, [&](std::size_t begin, std::size_t end) {
            detail::student_t_cache t_of(&shared);
            for (auto r = static_cast<Eigen::Index>(begin); r < static_cast<Eigen::Index>(end); ++r) out(r) = row_probability(r, column, c, thresholds(r), t_of);
        });
        return out;
    }

    /// The column of period `at`; throws `value_error` when it is not projected.
    Eigen::Index column_of(const period& at) const {
        for (std::size_t k = 0; k < periods.size(); ++k) {
            if (periods[k].freq() == at.freq() && periods[k] == at) return static_cast<Eigen::Index>(k);
        }
        throw value_error("period", at.to_string() + " is not a projected period of the batch");
    }

private:
    // P(value ⋈ threshold) in row `row`, column `column`: NaN for a row not projected (NaN df; its
    // reason is in `errors`, not read here: a NaN is cheaper to test than a string in another array).
    // `t_of` keeps the t distribution's df-only work across the rows of one thread.
    double row_probability(Eigen::Index row, Eigen::Index column, comparator c, double threshold, detail::student_t_cache& t_of) const {
        if (std::isnan(df(row))) return std::numeric_limits<double>::quiet_NaN();
        const predictive d = distribution(row, column);
        const bool t = d.family == distribution_family::student_t || d.family == distribution_family::log_student_t;
        return d.probability(c, threshold, t ? t_of.of(d.df) : nullptr);
    }
};

namespace detail {

// The cells of row `r` for the predictives of `location[k]` and `scale[k]`, k < count: Student t (or,
// with `log`, log-t), the interval from the standard quantiles `z` — what `make_point` and
// `predictive::interval_from` give (z = 0 for a point mass, location + scale·z, exp on the log
// scale). The row's five outputs are addressed once, not per cell.
inline void write_cells(batch_projection& out, Eigen::Index r, const double* location, const double* scale, std::size_t count,
                        const std::pair<double, double>& z, bool log) {
    double* const mean = out.mean.row(r).data();
    double* const lower = out.lower.row(r).data();
    double* const upper = out.upper.row(r).data();
    const auto interval = [&](std::size_t k) {
        const bool spread = scale[k] > 0.0;  // a point mass has no interval: z taken as 0, as make_point does
        return std::make_pair(location[k] + scale[k] * (spread ? z.first : 0.0), location[k] + scale[k] * (spread ? z.second : 0.0));
    };
    if (log) {
        for (std::size_t k = 0; k < count; ++k) {
            const auto [low, high] = interval(k);
            mean[k] = std::exp(location[k]);
            lower[k] = std::exp(low);
            upper[k] = std::exp(high);
        }
    } else {
        for (std::size_t k = 0; k < count; ++k) {
            const auto [low, high] = interval(k);
            mean[k] = location[k];
            lower[k] = low;
            upper[k] = high;
        }
    }
    const auto stride = static_cast<std::size_t>(out.location.rows());  // period-major: one column per period
    double* const cell_location = out.location.data() + r;
    double* const cell_scale = out.scale.data() + r;
    for (std::size_t k = 0; k < count; ++k) {
        cell_location[k * stride] = location[k];
        cell_scale[k * stride] = scale[k];
    }
}

// The regression methods (linear, loglinear, weighted_linear) on one panel row without building a
// series or a projection: the same fit (`model::fit_linear_trend`), the same predictive and the same
// interval arithmetic as `project`, with the Student t quantiles of the interval computed once per
// degrees of freedom instead of once per cell. Returns false, having written nothing, for any row that
// is not plain (too few points, a value the method rejects, a degenerate fit): the caller then runs
// `project` on it, which gives the exact numbers or the exact error message.
struct regression_rows {
    method m = method::linear;
    double level = 0.95;
    std::vector<double> column_time;   // time coordinate of each panel column
    std::vector<double> horizon_time;  // time coordinate of each projected period
    // per thread
    std::vector<double> time, response, weights;
    std::vector<double> cell_location, cell_scale;  // the row's cells, checked before any is written
    std::vector<std::pair<double, std::pair<double, double>>> quantiles;  // df → (z low, z high)

    std::pair<double, double> quantiles_for(double df) {
        for (const auto& q : quantiles) {
            if (q.first == df) return q.second;
        }
        const std::pair<double, double> z = student_t_central_quantiles(level, df);
        quantiles.emplace_back(df, z);
        return z;
    }

    // For rows without gaps (every column observed), `fit_linear_trend` on the columns' times repeats
    // the same time-only sums for every row: they are computed once (`complete_fit`), and such a row
    // takes one pass for its two data sums and one for its residuals. Every operation is the one
    // `fit_linear_trend`, `mean_at` and `obs_se` do, in the same order (unit weights multiply
    // exactly), so the numbers are bit for bit those of `project`.
    struct complete_fit {
        bool usable = false;
        double x_center = 0.0, s0 = 0.0, s1 = 0.0, s2 = 0.0, det = 0.0;
        std::vector<double> d;                // x − x̄ per column
        std::vector<double> horizon_d;        // x − x̄ per projected period
        std::vector<double> horizon_factor;   // var_level + d²·var_slope + 2d·cov per projected period
        double var_level = 0.0, var_slope = 0.0, cov = 0.0;
    };
    complete_fit complete;

    void prepare_complete() {
        const std::size_t n = column_time.size();
        complete = complete_fit{};
        if (m == method::weighted_linear || n < minimum_observations(m)) return;
        double sw = 0.0, swx = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sw += 1.0;
            swx += 1.0 * column_time[i];
        }
        complete.x_center = swx / sw;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = column_time[i] - complete.x_center;
            complete.d.push_back(d);
            complete.s1 += 1.0 * d;
            complete.s2 += 1.0 * d * d;
        }
        complete.s0 = sw;
        complete.det = complete.s0 * complete.s2 - complete.s1 * complete.s1;
        if (!(complete.det > 1e-24 * complete.s0 * complete.s0)) return;
        complete.var_level = complete.s2 / complete.det;
        complete.var_slope = complete.s0 / complete.det;
        complete.cov = -complete.s1 / complete.det;
        for (const double x : horizon_time) {
            const double d = x - complete.x_center;
            complete.horizon_d.push_back(d);
            complete.horizon_factor.push_back(complete.var_level + d * d * complete.var_slope + 2.0 * d * complete.cov);
        }
        complete.usable = true;
    }

    // A row without gaps (checked here); false, having written nothing, when the row is not one.
    // The values are not tested one by one: a NaN (gap) or an infinity makes the sum t0 non-finite,
    // tested once after the loop (finite values cannot overflow it: magnitudes above 1e100 are
    // refused). For linear rows the response is the row itself, read in place.
    bool complete_row(const double* values, Eigen::Index columns, Eigen::Index r, batch_projection& out) {
        if (!complete.usable) return false;
        const bool log = m == method::loglinear;
        const auto n = static_cast<std::size_t>(columns);
        const double* const d = complete.d.data();
        double t0 = 0.0, t1 = 0.0, largest = 0.0;
        if (log) {
            response.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                const double v = values[i];
                if (!(v > 0.0)) return false;  // a gap or a value the log refuses: the general path
                const double y = std::log(v);
                response[i] = y;
                t0 += 1.0 * y;
                t1 += 1.0 * d[i] * y;
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const double y = values[i];
                largest = std::max(largest, std::fabs(y));
                t0 += 1.0 * y;
                t1 += 1.0 * d[i] * y;
            }
        }
        if (!std::isfinite(t0)) return false;  // a gap or an infinity: the general path
        if (!log && !(largest == 0.0 || (largest <= 1e100 && largest >= 1e-100))) return false;
        const double* const y = log ? response.data() : values;
        const double level_fit = (complete.s2 * t0 - complete.s1 * t1) / complete.det;
        const double slope = (complete.s0 * t1 - complete.s1 * t0) / complete.det;
        double ssr = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            // d[i] is column_time[i] − x_center, the same operation fit_linear_trend does.
            const double e = y[i] - (level_fit + slope * d[i]);
            ssr += 1.0 * e * e;
        }
        const double df = static_cast<double>(n) - 2.0;
        const double scale_fit = ssr / df;
        const std::size_t columns_out = horizon_time.size();
        const double* const horizon_d = complete.horizon_d.data();
        const double* const horizon_factor = complete.horizon_factor.data();
        for (std::size_t k = 0; k < columns_out; ++k) {
            // mean_at and obs_se (unit weight: scale / 1 is scale exactly).
            cell_location[k] = level_fit + slope * horizon_d[k];
            const double mean_se = std::sqrt(scale_fit * horizon_factor[k]);
            cell_scale[k] = std::sqrt(mean_se * mean_se + scale_fit);
        }
        return write_row(r, df, out);
    }

    // Writes row `r` from the cells in cell_location / cell_scale (Student t, or log-t for loglinear,
    // with `df` degrees of freedom), or nothing and false when a cell is not a valid predictive.
    bool write_row(Eigen::Index r, double df, batch_projection& out) {
        const std::size_t columns_out = horizon_time.size();
        for (std::size_t k = 0; k < columns_out; ++k) {
            if (!std::isfinite(cell_location[k]) || !(cell_scale[k] >= 0.0) || !std::isfinite(cell_scale[k])) return false;
        }
        if (!(df > 0.0)) return false;
        const auto z = quantiles_for(df);
        const bool log = m == method::loglinear;
        write_cells(out, r, cell_location.data(), cell_scale.data(), columns_out, z, log);
        const auto index = static_cast<std::size_t>(r);
        out.family[index] = log ? distribution_family::log_student_t : distribution_family::student_t;
        out.df(r) = df;
        out.used[index] = m;
        return true;
    }

    bool row(const double* values, Eigen::Index columns, Eigen::Index r, batch_projection& out) {
        if (complete_row(values, columns, r, out)) return true;
        time.clear();
        response.clear();
        weights.clear();
        for (Eigen::Index c = 0; c < columns; ++c) {
            const double v = values[c];
            if (std::isnan(v)) continue;
            if (!std::isfinite(v)) return false;
            if (m == method::loglinear && !(v > 0.0)) return false;
            time.push_back(column_time[static_cast<std::size_t>(c)]);
            response.push_back(m == method::loglinear ? std::log(v) : v);
            if (m == method::weighted_linear) weights.push_back(static_cast<double>(weights.size() + 1));
        }
        if (time.size() < minimum_observations(m)) return false;
        // Magnitudes outside 1e-100 … 1e100 are refitted rescaled by `project`: leave them to it.
        if (m != method::loglinear) {
            double largest = 0.0;
            for (const double v : response) largest = std::max(largest, std::fabs(v));
            if (!(largest == 0.0 || (largest <= 1e100 && largest >= 1e-100))) return false;
        }
        model::linear_trend fit;
        try {
            fit = model::fit_linear_trend(time.data(), response.data(), weights.empty() ? nullptr : weights.data(), time.size());
        } catch (const error&) {
            return false;
        }
        for (std::size_t k = 0; k < horizon_time.size(); ++k) {
            cell_location[k] = fit.mean_at(horizon_time[k]);
            cell_scale[k] = fit.obs_se(horizon_time[k]);
        }
        return write_row(r, fit.df_resid(), out);
    }
};

}  // namespace detail

/// Projects every row of `values` (series × periods, the first column in period `first`) to `to`,
/// as `project(series(first, row), m, to, level)` would, sharing rows among `threads` threads (0: one
/// per hardware thread). The projected periods are those after the panel's last column; a row whose
/// last observation is earlier still gets exactly the single-series values for those periods.
///
/// The regression methods take a direct path per row (no series or projection objects, the interval's
/// t quantiles computed once per degrees of freedom) that gives bit for bit the numbers of `project`;
/// every other method, and any row that path does not take, goes through `project` itself.
///
/// Throws `value_error` when `to` is not after the panel's last column or `level` is not in (0, 1).
/// Errors of single rows are recorded in `errors`, not thrown.
inline batch_projection project_many(const Eigen::Ref<const panel>& values, const period& first, method m, const period& to,
                                     double level = 0.95, unsigned threads = 0, batch_progress* progress = nullptr) {
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
    // Not filled here: every row writes all its cells, values or NaN (one pass over the outputs, not two).
    const auto allocate = [&](auto& matrix) {
        matrix.resize(rows, columns);
        detail::advise_huge_pages(matrix.data(), static_cast<std::size_t>(matrix.size()) * sizeof(double));
    };
    allocate(out.mean);
    allocate(out.lower);
    allocate(out.upper);
    allocate(out.location);
    allocate(out.scale);
    out.df.resize(rows);
    out.family.assign(static_cast<std::size_t>(rows), distribution_family::normal);
    out.used.assign(static_cast<std::size_t>(rows), m);
    // Rows fail rarely: each chunk hands its failures over once, at its end.
    std::vector<std::pair<std::size_t, std::string>> failed;
    std::mutex failed_lock;

    // The direct path needs the same frequency throughout and a horizon `project` accepts from any row.
    const bool direct = (m == method::linear || m == method::loglinear || m == method::weighted_linear) && to.freq() == first.freq() &&
                        (to - first) <= 1000;
    detail::regression_rows prototype;
    prototype.m = m;
    prototype.level = level;
    if (direct) {
        for (Eigen::Index c = 0; c < values.cols(); ++c) prototype.column_time.push_back(detail::time_coordinate(first + c));
        for (const auto& p : out.periods) prototype.horizon_time.push_back(detail::time_coordinate(p));
        prototype.cell_location.resize(out.periods.size());
        prototype.cell_scale.resize(out.periods.size());
        prototype.prepare_complete();
    }

    const auto generic = [&](Eigen::Index r, std::vector<double>& row_values, std::vector<std::pair<std::size_t, std::string>>& failures) {
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
            failures.emplace_back(index, e.what());
            for (auto* matrix : {&out.mean, &out.lower, &out.upper}) matrix->row(r).setConstant(nan);
            out.location.row(r).setConstant(nan);
            out.scale.row(r).setConstant(nan);
            out.df(r) = nan;
        }
    };
    const auto work = [&](std::size_t begin, std::size_t end) {
        std::vector<double> row_values(static_cast<std::size_t>(values.cols()));
        detail::regression_rows fast = prototype;
        std::vector<double> contiguous(static_cast<std::size_t>(values.cols()));
        std::vector<std::pair<std::size_t, std::string>> failures;
        for (auto r = static_cast<Eigen::Index>(begin); r < static_cast<Eigen::Index>(end); ++r) {
            if (direct) {
                const double* row = values.row(r).data();
                if (values.innerStride() != 1) {
                    for (Eigen::Index c = 0; c < values.cols(); ++c) contiguous[static_cast<std::size_t>(c)] = values(r, c);
                    row = contiguous.data();
                }
                if (fast.row(row, values.cols(), r, out)) continue;
            }
            generic(r, row_values, failures);
        }
        if (!failures.empty()) {
            const std::lock_guard<std::mutex> hold(failed_lock);
            failed.insert(failed.end(), std::make_move_iterator(failures.begin()), std::make_move_iterator(failures.end()));
        }
    };
    // Rows are independent and each writes only its own cells; only the rare failures are handed over
    // under a lock.
    detail::parallel_for(static_cast<std::size_t>(rows), threads, direct ? 8192 : 16, work, progress);
    out.errors = row_errors(static_cast<std::size_t>(rows), std::move(failed));
    return out;
}

}  // namespace ontrack
