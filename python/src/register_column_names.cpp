// Header names of the targets and observations files: Chinese and other aliases, note columns.
#include "pybind.hpp"

namespace ontrack::python {

void register_column_names(py::module_& m) {
    m.def(
        "column_aliases",
        [] {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& a : column_aliases()) out.emplace_back(std::string(a.column), std::string(a.alias));
            return out;
        },
        "Every (column, alias) pair the readers accept, e.g. ('region', '地区'); a column's first alias is its Chinese header.");
    m.def("canonical_column_name", &canonical_column_name, py::arg("header"),
          "The column a header names: 'region' for '地区' or 'Region'; the trimmed header when unknown.");
    m.def("chinese_column_name", &chinese_column_name, py::arg("column"), "The Chinese header of a column ('region' → '地区').");
    m.def("is_note_column", &is_note_column, py::arg("header"), "Whether a header names a note column (备注, note …), kept aside by the readers.");
}

}  // namespace ontrack::python
