// The indicator catalogue: indicators with their phrasings, bounds and publication lags, read from CSV.
#include "pybind.hpp"

#include <ontrack/indicator_catalogue.hpp>

namespace ontrack::python {

void register_indicator_catalogue(py::module_& m) {
    py::class_<indicator_info>(m, "IndicatorInfo", R"doc(
One catalogue row: id, Chinese and English names, other phrasings (``phrases_zh``, ``phrases_en``), unit,
kind ('stock', 'flow', 'ratio', 'share'), direction, natural ``lower_bound``/``upper_bound`` (None when
unbounded), ``publication_lag_months`` (months after the end of a period until its first release, None
when unknown) and ``publication_note`` (which publication, when).
)doc")
        .def_readonly("id", &indicator_info::id)
        .def_readonly("name_zh", &indicator_info::name_zh)
        .def_readonly("name_en", &indicator_info::name_en)
        .def_readonly("phrases_zh", &indicator_info::phrases_zh)
        .def_readonly("phrases_en", &indicator_info::phrases_en)
        .def_readonly("unit", &indicator_info::measure)
        .def_property_readonly("kind", [](const indicator_info& i) { return to_string(i.kind); })
        .def_property_readonly("direction", [](const indicator_info& i) { return to_string(i.better); })
        .def_readonly("lower_bound", &indicator_info::lower_bound)
        .def_readonly("upper_bound", &indicator_info::upper_bound)
        .def_readonly("publication_lag_months", &indicator_info::publication_lag_months)
        .def_readonly("publication_note", &indicator_info::publication_note)
        .def("names", &indicator_info::names, "Every name and phrasing, Chinese and English, the id first.")
        .def("__repr__", [](const indicator_info& i) { return "IndicatorInfo('" + i.id + "', '" + i.name_en + "')"; });

    py::class_<indicator_catalogue>(m, "IndicatorCatalogue", R"doc(
The indicators a project knows (``examples/data/indicators.csv``, bundled as ``ot.datasets.indicators()``):
ids, names, phrasings, units, kinds, natural bounds and publication lags. ``find(id)`` and
``lookup(name)`` return one indicator or None; ``match_phrase(text)`` every indicator named in a clause,
longest phrase first.
)doc")
        .def_property_readonly("indicators", &indicator_catalogue::indicators)
        .def("__len__", &indicator_catalogue::size)
        .def("__contains__", [](const indicator_catalogue& c, const std::string& id) { return c.contains(id); }, py::arg("id"))
        .def("find", [](const indicator_catalogue& c, const std::string& id) -> std::optional<indicator_info> {
                 if (const auto* info = c.find(id)) return *info;
                 return std::nullopt;
             }, py::arg("id"), "The indicator with this id, or None.")
        .def("at", [](const indicator_catalogue& c, const std::string& id) { return c.at(id); }, py::arg("id"),
             "The indicator with this id; InvalidValueError naming the id when none.")
        .def("lookup", [](const indicator_catalogue& c, const std::string& name) -> std::optional<indicator_info> {
                 if (const auto* info = c.lookup(name)) return *info;
                 return std::nullopt;
             }, py::arg("name"), "The indicator an id, a name or a phrase means exactly (case and blanks folded), or None.")
        .def("match_phrase", [](const indicator_catalogue& c, const std::string& text) {
                 std::vector<indicator_info> out;
                 for (const auto* info : c.match_phrase(text)) out.push_back(*info);
                 return out;
             }, py::arg("text"), "Every indicator whose name or phrase occurs in `text`, longest phrase first.")
        .def("__repr__", [](const indicator_catalogue& c) { return "IndicatorCatalogue(" + std::to_string(c.size()) + " indicators)"; });

    m.attr("INDICATOR_CATALOGUE_COLUMNS") = indicator_catalogue_columns();
    m.def("read_indicator_catalogue_text", &read_indicator_catalogue, py::arg("text"), py::arg("source") = "indicators",
          "An indicator catalogue from CSV text; ParseError names line, column and field.");
    m.def("read_indicator_catalogue_file", &read_indicator_catalogue_file, py::arg("path"));
    m.def("write_indicator_catalogue_text", &write_indicator_catalogue, py::arg("catalogue"));
}

}  // namespace ontrack::python
