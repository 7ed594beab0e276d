// _assess_table: a whole plan assessed against an observation table in one call, without the GIL, on
// several threads, with progress reported to a Python callable; the columns of ontrack.assess_table out.
#include "pybind.hpp"

#include <ontrack/batch_assessment.hpp>

#include <chrono>
#include <future>

namespace ontrack::python {

void set_projection_choice(assessment_options& o, const std::string& method_name, const py::object& cal);  // register_calibration.cpp
assessment_options assessment_options_from(const std::string& method_name, const std::string& scheme_name, const py::object& as_of, double level,
                                           const py::object& thresholds, const py::object& publication_lag);
std::optional<boost::gregorian::date> to_date(const py::object& value);  // register_assessment.cpp
publication_lags publication_lags_from(const py::object& indicators);  // register_assessment.cpp

namespace {

/// Runs `work(progress)` on its own thread while this thread, without the GIL, wakes every 0.1 s to
/// report `progress.done` to `report` (when not None) and to check for Ctrl-C; an interrupt cancels
/// the work and is raised once the work has stopped.
template <class Work>
auto run_watched(const Work& work, const py::object& report) {
    batch_progress progress;
    py::gil_scoped_release release;
    auto future = std::async(std::launch::async, [&] { return work(progress); });
    bool interrupted = false;
    while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        py::gil_scoped_acquire acquire;
        if (!interrupted && PyErr_CheckSignals() != 0) {
            interrupted = true;
            progress.cancel = true;
            continue;
        }
        if (!interrupted && !report.is_none()) {
            try {
                report(progress.done.load());
            } catch (...) {
                progress.cancel = true;
                try { future.wait(); } catch (...) {}
                throw;
            }
        }
    }
    if (interrupted) {
        try { (void)future.get(); } catch (const cancelled_error&) {}
        py::gil_scoped_acquire acquire;
        throw py::error_already_set();
    }
    auto result = future.get();
    if (!report.is_none()) {
        py::gil_scoped_acquire acquire;
        report(progress.done.load());
    }
    return result;
}

py::object number_or_nan(const std::optional<double>& x) { return py::float_(x ? *x : std::numeric_limits<double>::quiet_NaN()); }

}  // namespace

void register_batch_assessment(py::module_& m) {
    m.def(
        "_assess_table",
        [](const py::sequence& targets, const observation_table& observations, const std::string& method_name, const std::string& scheme_name,
           const py::object& as_of, const std::string& vintage, double level, const py::object& thresholds, const py::object& publication_lag,
           unsigned threads, const py::object& report, const py::object& cal, const py::object& indicators) {
            assessment_options options = assessment_options_from(method_name, scheme_name, as_of, level, thresholds, publication_lag);
            options.default_publication_lags = publication_lags_from(indicators);
            options.projection_layers.catalogue_bounds = indicator_bounds_from(indicators);
            if (!cal.is_none()) set_projection_choice(options, method_name, cal);
            // The targets are read in place: the sequence keeps them alive for the call.
            std::vector<const target*> pointers;
            pointers.reserve(targets.size());
            for (const auto& item : targets) {
                if (!py::isinstance<target>(item)) {
                    throw py::type_error("targets[" + std::to_string(pointers.size()) + "]: expected a Target, got " +
                                         std::string(py::str(py::type::of(item).attr("__name__"))));
                }
                pointers.push_back(&item.cast<const target&>());
            }
            batch_assessment batch = run_watched(
                [&](batch_progress& progress) {
                    return assess_observations(pointers, observations, options, vintage, threads, &progress);
                },
                report);
            // One target that cannot be assessed (no data, mixed units or frequencies, a value its method
            // cannot use) is a 'not_assessable' row saying why; the others proceed. A vintage name that
            // an indicator does not have is the run's option, not the target's: raised as select_series
            // raises it (the first in target order).
            for (std::size_t i = 0; i < batch.size(); ++i) {
                if (!batch.failures[i]) continue;
                try {
                    std::rethrow_exception(batch.failures[i]);
                } catch (const value_error& e) {
                    if (e.field() == "vintage") throw;
                } catch (const error&) {
                }
            }
            const std::size_t n = batch.size();
            py::list latest_period(n), status(n), scheme_status(n), expected_period(n), method_used(n), message(n), basis_name(n), expected_publication(n),
                results(n);
            py::array_t<double> latest_value(n), projected(n), lower(n), upper(n), probability(n), required_pace(n), actual_pace(n),
                progress_value(n), score(n);
            const double nan = std::numeric_limits<double>::quiet_NaN();
            for (std::size_t k = 0; k < n; ++k) {
                const auto i = static_cast<py::ssize_t>(k);
                const auto& a = batch.results[k];
                if (batch.failures[k]) {
                    latest_period[k] = "";
                    for (auto* column : {&latest_value, &projected, &lower, &upper, &probability, &required_pace, &actual_pace, &progress_value, &score}) {
                        column->mutable_at(i) = nan;
                    }
                    status[k] = "not_assessable";
                    scheme_status[k] = batch.data_failure(k) && options.rule == scheme::statcan ? "not_available" : "not_assessable";
                    basis_name[k] = "none";
                    expected_publication[k] = "";
                    results[k] = py::none();
                    expected_period[k] = "";
                    method_used[k] = "";
                    message[k] = "not assessable: " + (batch.data_failure(k) ? std::string() : "target '" + pointers[k]->id + "': ") + batch.errors[k];
                    continue;
                }
                latest_period[k] = a.latest_period ? a.latest_period->to_string() : std::string();
                latest_value.mutable_at(i) = a.latest_value.value_or(nan);
                projected.mutable_at(i) = a.projected.value_or(nan);
                lower.mutable_at(i) = a.lower.value_or(nan);
                upper.mutable_at(i) = a.upper.value_or(nan);
                probability.mutable_at(i) = a.probability.value_or(nan);
                required_pace.mutable_at(i) = a.required_pace.value_or(nan);
                actual_pace.mutable_at(i) = a.actual_pace.value_or(nan);
                progress_value.mutable_at(i) = a.progress.value_or(nan);
                score.mutable_at(i) = a.score.value_or(nan);
                status[k] = to_string(a.unified);
                scheme_status[k] = a.scheme_status;
                expected_period[k] = a.expected_period ? a.expected_period->to_string() : std::string();
                method_used[k] = a.method_used;
                message[k] = a.message;
                basis_name[k] = to_string(a.based_on);
                expected_publication[k] = a.expected_publication ? iso_date(*a.expected_publication) : std::string();
                // Moved, not copied: an assessment holds its series and projection (under the GIL, serial).
                results[k] = py::cast(std::move(batch.results[k]));
            }
            py::dict out;
            out["latest_period"] = latest_period;
            out["latest_value"] = latest_value;
            out["projected"] = projected;
            out["lower"] = lower;
            out["upper"] = upper;
            out["probability"] = probability;
            out["required_pace"] = required_pace;
            out["actual_pace"] = actual_pace;
            out["progress"] = progress_value;
            out["score"] = score;
            out["status"] = status;
            out["scheme_status"] = scheme_status;
            out["expected_period"] = expected_period;
            out["method"] = method_used;
            out["message"] = message;
            out["basis"] = basis_name;
            out["expected_publication"] = expected_publication;
            out["_results"] = results;
            return out;
        },
        py::arg("targets"), py::arg("observations"), py::arg("method"), py::arg("scheme"), py::arg("as_of"),
        py::arg("vintage"), py::arg("level"), py::arg("thresholds"), py::arg("publication_lag"), py::arg("threads"), py::arg("progress"),
        py::arg("calibration") = py::none(), py::arg("indicators") = py::none(), R"doc(
The columns of ontrack.assess_table (from latest_period to message, basis, expected_publication) for
every target, in target order, and under "_results" the Assessment objects (None where a target had no
data): each target's series selected as select_series does, assessed as assess does, on ``threads``
threads (0: all cores) without the GIL. ``progress`` (None or a callable) receives the number of
targets done about ten times a second. Targets that cannot be assessed (no data, mixed units, a series
their method cannot use) are 'not_assessable' rows naming the reason; a ``vintage`` an indicator does
not have is raised as select_series raises it.
)doc");

    py::class_<observation_index>(m, "ObservationIndex", R"doc(
The rows of an observation table grouped by (region, indicator) once, so that selecting the series of
many targets does not scan the whole table for each (ontrack.select_series and evaluate_table accept
one in place of the table). The table is kept alive by the index.
)doc")
        .def(py::init<const observation_table&>(), py::arg("observations"), py::keep_alive<1, 2>())
        .def("contains", [](const observation_index& index, const std::string& region, const std::string& indicator) {
            return !index.rows_of(region, indicator).empty();
        }, py::arg("region"), py::arg("indicator"), "Whether any row is about this region and indicator.")
        .def("vintages", &observation_index::vintages, py::arg("region"), py::arg("indicator"),
             "The vintages present for a region and indicator (sorted; '' when rows carry none).")
        .def("select_vintage", [](const observation_index& index, const std::string& region, const std::string& indicator,
                                  const std::optional<std::string>& vintage) {
            return index.table().select(region, indicator, vintage, index.rows_of(region, indicator));
        }, py::arg("region"), py::arg("indicator"), py::arg("vintage") = py::none(),
             "ObservationTable.select(region, indicator, vintage) of the indexed table, without scanning it.")
        .def("select", [](const observation_index& index, const std::string& region, const std::string& indicator, const std::string& vintage,
                          const py::object& as_of, const std::optional<int>& publication_lag, const py::object& indicators) {
            selection_options how;
            how.vintage = vintage;
            how.as_of = to_date(as_of);
            how.default_lags = publication_lags_from(indicators);
            if (publication_lag && (*publication_lag < 0 || *publication_lag > 120)) {
                throw value_error("publication_lag", "a publication lag is 0 to 120 months, got " + std::to_string(*publication_lag));
            }
            how.publication_lag_months = publication_lag;
            return index.select(region, indicator, how).values;
        }, py::arg("region"), py::arg("indicator"), py::arg("vintage") = "first_release", py::arg("as_of") = py::none(), py::arg("publication_lag") = py::none(),
             py::arg("indicators") = py::none(),
             "The series ontrack.select_series chooses (the one selection policy: vintage, and as of a day only what was published by then).");
}

}  // namespace ontrack::python
