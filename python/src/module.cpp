// ontrack._core: creates the module and lets each concept register itself.
#include "pybind.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "ontrack's compiled core: periods, series, targets and their evaluation (see the ontrack package).";
    m.attr("__version__") = ontrack::version_string;
    ontrack::python::register_error(m);
    ontrack::python::register_period(m);
    ontrack::python::register_unit(m);
    ontrack::python::register_indicator(m);
    ontrack::python::register_indicator_catalogue(m);
    ontrack::python::register_series(m);
    ontrack::python::register_projection(m);
    ontrack::python::register_batch(m);
    ontrack::python::register_backtest(m);
    ontrack::python::register_ratio(m);
    ontrack::python::register_target(m);
    ontrack::python::register_evaluation(m);
    ontrack::python::register_targets_file(m);
    ontrack::python::register_observations(m);
    ontrack::python::register_plan(m);
    ontrack::python::register_assessment(m);
    ontrack::python::register_region(m);
    ontrack::python::register_aggregation(m);
    ontrack::python::register_composite(m);
    ontrack::python::register_scenario(m);
    ontrack::python::register_extraction(m);
    ontrack::python::register_calibration(m);
    ontrack::python::register_column_names(m);
}
