// The long observations table and its CSV.
#include "pybind.hpp"

namespace ontrack::python {

void register_observations(py::module_& m) {
    py::class_<observation>(m, "Observation", "One published figure: region, indicator, period, value, unit, vintage, source, published (day of first publication or None).")
        .def(py::init([](std::string region, std::string indicator, const py::object& at, const py::object& value, std::string unit,
                         std::string vintage, std::string source, const py::object& published,
                         std::vector<std::pair<std::string, std::string>> extra_columns, std::string file, std::size_t line) {
                 observation o;
                 o.region = std::move(region);
                 o.indicator = std::move(indicator);
                 o.at = to_period(at, "period");
                 o.value = to_optional_number(value, "value").value_or(std::numeric_limits<double>::quiet_NaN());
                 o.unit = std::move(unit);
                 o.vintage = std::move(vintage);
                 o.source = std::move(source);
                 o.extra_columns = std::move(extra_columns);
                 o.file = std::move(file);
                 o.line = line;
                 if (!published.is_none()) {
                     const std::string text = py::isinstance<py::str>(published) ? published.cast<std::string>() : py::str(published).cast<std::string>();
                     o.published = parse_iso_date(text, "published");
                     if (!(o.at.last_day() < *o.published)) {
                         throw value_error("published", "published " + text + " is not after the end of its period " + o.at.to_string());
                     }
                 }
                 return o;
             }),
             py::kw_only(), py::arg("region"), py::arg("indicator"), py::arg("period"), py::arg("value"), py::arg("unit") = "",
             py::arg("vintage") = "", py::arg("source") = "", py::arg("published") = py::none(),
             py::arg("extra_columns") = std::vector<std::pair<std::string, std::string>>{}, py::arg("file") = "", py::arg("line") = 0)
        .def_readonly("region", &observation::region)
        .def_readonly("indicator", &observation::indicator)
        .def_readonly("period", &observation::at)
        .def_readonly("value", &observation::value)
        .def_readonly("unit", &observation::unit)
        .def_readonly("vintage", &observation::vintage)
        .def_readonly("source", &observation::source)
        .def_readonly("extra_columns", &observation::extra_columns,
                      "Columns of the file ontrack does not read, as (header, cell) of the observation's row.")
        .def_readonly("file", &observation::file, "The file (or 'book.xlsx, sheet ...') the observation was read from; '' when made in code.")
        .def_readonly("line", &observation::line, "The line (sheet row) of its row; 0 when made in code.")
        .def_property_readonly("published", [](const observation& o) -> py::object {
            if (!o.published) return py::none();
            return py::str(iso_date(*o.published));
        }, "The day of first publication, 'YYYY-MM-DD', or None when not known.")
        .def("__repr__", [](const observation& o) {
            return "Observation('" + o.region + "', '" + o.indicator + "', " + o.at.to_string() + ", " +
                   (std::isnan(o.value) ? std::string("not observed") : detail::format_number(o.value)) + ")";
        });

    py::class_<observation_table>(m, "ObservationTable", R"doc(
Observations in long form with unique (region, indicator, period, vintage). ``select(region,
indicator, vintage=None)`` gives a Series; with several vintages, say which one.
)doc")
        .def(py::init<std::vector<observation>>(), py::arg("rows"))
        .def_property_readonly("rows", &observation_table::rows)
        .def("__len__", &observation_table::size)
        .def("vintages", &observation_table::vintages, py::arg("region"), py::arg("indicator"))
        .def("contains", &observation_table::contains, py::arg("region"), py::arg("indicator"))
        .def("select", [](const observation_table& t, const std::string& region, const std::string& indicator,
                          const std::optional<std::string>& vintage) { return t.select(region, indicator, vintage); },
             py::arg("region"), py::arg("indicator"), py::arg("vintage") = py::none(),
             "The series of one indicator in one region (DataError when there is none).")
        .def("__repr__", [](const observation_table& t) { return "ObservationTable(" + std::to_string(t.size()) + " rows)"; });

    m.attr("OBSERVATION_COLUMNS") = observation_columns();
    m.def("read_observations_text", &read_observations, py::arg("text"), py::arg("source") = "observations");
    m.def("read_observations_file", &read_observations_file, py::arg("path"));
    m.def(
        "_read_observations_text_lenient",
        [](const std::string& text, const std::string& source) {
            auto reading = read_observations_lenient(text, source);
            py::list rejected;
            for (const auto& r : reading.rejected) rejected.append(py::make_tuple(r.line, r.message));
            return py::make_tuple(std::move(reading.table), rejected);
        },
        py::arg("text"), py::arg("source") = "observations", R"doc(
The observations of CSV text that can be read, and the rows that cannot: ``(table, rejected)`` with
``rejected`` a list of ``(line, message)``. A text that is not an observations table at all raises
ParseError as read_observations_text does.
)doc");
    m.def("write_observations_text", &write_observations, py::arg("table"));
    m.def("write_observations_file", &write_observations_file, py::arg("path"), py::arg("table"));
}

}  // namespace ontrack::python
