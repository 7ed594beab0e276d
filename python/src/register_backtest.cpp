// backtest: rolling-origin forecasts, errors and interval coverage.
#include "pybind.hpp"

#include <ontrack/backtest.hpp>

namespace ontrack::python {

void register_backtest(py::module_& m) {
    py::class_<backtest_forecast>(m, "BacktestForecast", "One backtest forecast: origin, period, horizon, actual, mean, bounds, error, covered.")
        .def_readonly("origin", &backtest_forecast::origin)
        .def_readonly("period", &backtest_forecast::at)
        .def_readonly("horizon", &backtest_forecast::horizon)
        .def_readonly("actual", &backtest_forecast::actual)
        .def_readonly("mean", &backtest_forecast::mean)
        .def_readonly("lower", &backtest_forecast::lower)
        .def_readonly("upper", &backtest_forecast::upper)
        .def_readonly("error", &backtest_forecast::error)
        .def_readonly("covered", &backtest_forecast::covered);

    py::class_<accuracy>(m, "Accuracy", "MAE, MAPE (percent), RMSE and interval coverage of a set of forecasts.")
        .def_readonly("count", &accuracy::count)
        .def_readonly("mae", &accuracy::mae)
        .def_readonly("mape", &accuracy::mape)
        .def_readonly("rmse", &accuracy::rmse)
        .def_readonly("coverage", &accuracy::coverage)
        .def("__repr__", [](const accuracy& a) {
            return "Accuracy(n=" + std::to_string(a.count) + ", mae=" + detail::fmt(a.mae) + ", mape=" + detail::fmt(a.mape) +
                   "%, coverage=" + detail::fmt(a.coverage) + ")";
        });

    py::class_<backtest_result>(m, "Backtest", R"doc(
A rolling-origin backtest: every forecast, the overall accuracy and the accuracy by horizon; origins
that could not be used are listed in ``skipped`` with the reason.
)doc")
        .def_property_readonly("method", [](const backtest_result& b) { return to_string(b.requested); })
        .def_readonly("horizon", &backtest_result::horizon)
        .def_readonly("level", &backtest_result::level)
        .def_readonly("forecasts", &backtest_result::forecasts)
        .def_readonly("overall", &backtest_result::overall)
        .def_readonly("by_horizon", &backtest_result::by_horizon)
        .def_readonly("skipped", &backtest_result::skipped)
        .def("__repr__", [](const backtest_result& b) {
            return "Backtest(" + to_string(b.requested) + ", horizon " + std::to_string(b.horizon) + ", " + std::to_string(b.forecasts.size()) +
                   " forecasts, coverage " + detail::fmt(b.overall.coverage) + ")";
        });

    m.def(
        "backtest",
        [](const series& s, const std::string& method_name, int horizon, double level) {
            return backtest(s, parse_method(method_name), horizon, level);
        },
        py::arg("series"), py::arg("method") = "linear", py::arg("horizon") = 1, py::arg("level") = 0.95, R"doc(
Rolling-origin backtest: from each origin with enough data, forecast up to ``horizon`` periods and
compare with what was observed. Raises DataError when nothing can be forecast.
)doc");
}

}  // namespace ontrack::python
