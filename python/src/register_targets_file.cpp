// Reading and writing the targets CSV.
#include "pybind.hpp"

namespace ontrack::python {

void register_targets_file(py::module_& m) {
    m.attr("TARGET_COLUMNS") = target_columns();
    m.def("read_targets_text", &read_targets, py::arg("text"), py::arg("source") = "targets",
          "Targets from CSV text; ParseError names source, line, column and field.");
    m.def("read_targets_file", &read_targets_file, py::arg("path"), "Targets from a CSV file.");
    m.def(
        "_read_targets_file_lenient",
        [](const std::string& path) {
            const auto reading = read_targets_file_lenient(path);
            py::list rejected;
            for (const auto& r : reading.rejected) rejected.append(py::make_tuple(r.line, r.id, r.message));
            return py::make_tuple(reading.targets, rejected);
        },
        py::arg("path"), R"doc(
The targets of a CSV file that can be read, and the rows that cannot: ``(targets, rejected)`` with
``rejected`` a list of ``(line, id, message)``. A file that is not a targets table at all raises
ParseError as read_targets_file does.
)doc");
    m.def(
        "_read_targets_text_lenient",
        [](const std::string& text, const std::string& source) {
            const auto reading = read_targets_lenient(text, source);
            py::list rejected;
            for (const auto& r : reading.rejected) rejected.append(py::make_tuple(r.line, r.id, r.message));
            return py::make_tuple(reading.targets, rejected);
        },
        py::arg("text"), py::arg("source") = "targets", "_read_targets_file_lenient of CSV text (a decoded file, an Excel sheet).");
    m.def("write_targets_text", &write_targets, py::arg("targets"), "Canonical CSV text of targets (reads back byte for byte).");
    m.def("_write_draft_targets_text", &write_draft_targets, py::arg("targets"),
          "CSV text of draft targets for review: the columns of write_targets_text without its checks (a target "
          "missing its period is written with the cell empty). Not a targets file: read_targets refuses such rows.");
    m.def("write_targets_file", &write_targets_file, py::arg("path"), py::arg("targets"),
          "Write targets to a CSV file atomically (no partial file on failure).");
}

}  // namespace ontrack::python
