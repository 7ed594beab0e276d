// project_many: a 2-D NumPy panel in, arrays out, computed without the GIL on several threads.
#include "pybind.hpp"

#include <ontrack/batch.hpp>

#include <pybind11/eigen.h>

namespace ontrack::python {

void register_batch_assessment(py::module_& m);  // register_batch_assessment.cpp

namespace {

comparator probability_comparator(const std::string& text) {
    const comparator c = parse_comparator(text);
    if (c == comparator::about || c == comparator::within) throw value_error("comparator", "a probability needs one of >=, >, <=, <");
    return c;
}

/// The first period of the panel: one period, or a sequence of consecutive periods (one per column).
period first_column(const py::object& periods, Eigen::Index columns) {
    if (py::isinstance<py::str>(periods) || !py::isinstance<py::sequence>(periods)) return to_period(periods, "periods");
    const auto sequence = periods.cast<py::sequence>();
    if (static_cast<Eigen::Index>(sequence.size()) != columns) {
        throw value_error("periods", std::to_string(sequence.size()) + " periods for " + std::to_string(columns) + " columns");
    }
    if (sequence.size() == 0) throw value_error("periods", "the panel has no columns");
    const period first = to_period(sequence[0], "periods");
    for (std::size_t k = 1; k < sequence.size(); ++k) {
        const period p = to_period(sequence[k], "periods");
        if (p.freq() != first.freq() || p - first != static_cast<std::int64_t>(k)) {
            throw value_error("periods", "the columns must be consecutive periods: " + p.to_string() + " follows " + (first + static_cast<std::int64_t>(k) - 1).to_string());
        }
    }
    return first;
}

}  // namespace

void register_batch(py::module_& m) {
    py::class_<batch_projection>(m, "BatchProjection", R"doc(
Projections of a panel: arrays of shape (series, projected periods). Rows that could not be projected
are NaN and say why in ``errors`` (empty string where the row was projected).
)doc")
        .def_readonly("periods", &batch_projection::periods)
        .def_readonly("mean", &batch_projection::mean)
        .def_readonly("lower", &batch_projection::lower)
        .def_readonly("upper", &batch_projection::upper)
        .def_readonly("location", &batch_projection::location)
        .def_readonly("scale", &batch_projection::scale)
        .def_readonly("df", &batch_projection::df)
        .def_property_readonly("family", [](const batch_projection& b) {
            std::vector<std::string> out;
            for (const auto f : b.family) out.push_back(to_string(f));
            return out;
        })
        .def_property_readonly("methods", [](const batch_projection& b) {
            std::vector<std::string> out;
            for (const auto u : b.used) out.push_back(to_string(u));
            return out;
        }, "The model of each row (what auto chose).")
        .def_property_readonly("errors", [](const batch_projection& b) { return b.errors.dense(); },
                               "Why each row was not projected: one message per row, empty where it was (a new list at each access).")
        .def_property_readonly("failures", [](const batch_projection& b) { return b.errors.failures(); },
                               "The rows that were not projected and why, as (row, message) pairs in row order.")
        .def_readonly("level", &batch_projection::level)
        .def(
            "probability",
            [](const batch_projection& b, const std::string& c, const py::object& thresholds, const py::object& at, unsigned threads) {
                const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(thresholds);
                if (!array) throw py::type_error("thresholds: expected numbers");
                const comparator compare = probability_comparator(c);
                const period when = to_period(at, "period");
                if (array.ndim() == 0 || array.size() == 1) {
                    const Eigen::VectorXd same = Eigen::VectorXd::Constant(b.mean.rows(), *array.data());
                    py::gil_scoped_release release;
                    return b.probability(compare, same, when, threads);
                }
                if (array.size() != b.mean.rows()) throw value_error("thresholds", std::to_string(array.size()) + " thresholds for " + std::to_string(b.mean.rows()) + " series");
                // One threshold per row: read in place (the array is held by `array` while the GIL is released).
                const Eigen::Map<const Eigen::VectorXd> per_row(array.data(), array.size());
                py::gil_scoped_release release;
                return b.probability(compare, per_row, when, threads);
            },
            py::arg("comparator"), py::arg("thresholds"), py::arg("period"), py::arg("threads") = 0,
            "P(value ⋈ threshold) per row in one period (one threshold for all rows, or one per row), on ``threads`` threads (0: all cores) without the GIL. "
            "Each row's number is its own distribution's, bit for bit, except where 8,192 or more rows share a t distribution's integer df "
            "(1-100): those take a table of it (the pass over a million rows 2.5 times faster) and agree to within 1e-13 relative.");

    m.def(
        "project_many",
        [](const py::object& values, const py::object& periods, const std::string& method_name, const py::object& to, double level,
           unsigned threads) {
            // A C-contiguous float64 array is read in place; anything else is converted once.
            const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
            if (!array) throw py::type_error("values: expected a 2-D array of numbers");
            if (array.ndim() != 2) throw value_error("values", "expected a 2-D array (series × periods), got " + std::to_string(array.ndim()) + " dimensions");
            const Eigen::Map<const panel> matrix(array.data(), array.shape(0), array.shape(1));
            const period first = first_column(periods, array.shape(1));
            const method m_ = parse_method(method_name);
            const period end = to_period(to, "to");
            py::gil_scoped_release release;
            return project_many(matrix, first, m_, end, level, threads);
        },
        py::arg("values"), py::arg("periods"), py::arg("method") = "linear", py::kw_only(), py::arg("to"), py::arg("level") = 0.95,
        py::arg("threads") = 0, R"doc(
Project every row of ``values`` (series × periods, NaN for gaps) to ``to``. ``periods`` is the first
column's period or one period per column. Each row gives exactly what ``project`` gives for it alone;
the work runs without the GIL on ``threads`` threads (0: all cores).
)doc");

    register_batch_assessment(m);
}

}  // namespace ontrack::python
