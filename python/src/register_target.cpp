// Target: every kind of plan commitment, built with keyword arguments that mirror the CSV columns.
#include "pybind.hpp"

namespace ontrack::python {

namespace {

/// Value, stretch: for growth kinds a rate ("5%" or 0.05; a bare number above 1 is ambiguous and rejected).
std::optional<double> to_target_number(const py::handle& value, const char* field, bool is_rate) {
    if (value.is_none()) return std::nullopt;
    if (is_rate && py::isinstance<py::str>(value)) return parse_rate(value.cast<std::string>(), field);
    const auto x = to_optional_number(value, field);
    if (is_rate && x && std::fabs(*x) > 1.0) {
        throw value_error(field, "the rate " + detail::format_number(*x) +
                                     " is ambiguous: write 0.05 or '5%' for five percent (a bare rate above 1 is not read as a percentage)");
    }
    return x;
}

py::object period_or_none(const std::optional<period>& p) { return p ? py::cast(*p) : py::object(py::none()); }

}  // namespace

void register_target(py::module_& m) {
    py::class_<target>(m, "Target", R"doc(
One plan target; the keyword arguments mirror the targets CSV columns (docs/targets_csv.md).

kind: 'level', 'relative', 'growth', 'average_growth', 'increment', 'cumulative', 'per_period',
'non_decreasing', 'trend'. comparator: '>=', '>', '<=', '<', '~' (with tolerance), 'within' (with
value_high). For growth kinds value and stretch are rates: 0.05 or '5%'. For 'relative', value is the
factor (2 = double) of the value at baseline_period. tolerance: absolute, or '5%' of value. Periods take
a Period, an int year or text ('2025', '十三五末'). bounds: the range of the indicator's values
('0..100', '>=0', 'none'), before the catalogue's and the natural ones (docs/calibration.md). Raises
InvalidValueError naming the field when the target does not fit its kind.
)doc")
        .def(py::init([](std::string id, std::string indicator, const std::string& kind, const std::string& comparator_text,
                         const py::object& value, const py::object& value_high, const py::object& tolerance,
                         const py::object& period_start, const py::object& deadline, const py::object& baseline_period,
                         const py::object& baseline_value, const py::object& stretch, const std::string& commitment_text,
                         std::string unit, std::string region, std::string lead_unit, const py::object& responsible_units,
                         std::string document, std::string quote, const py::object& bounds) {
                 target t;
                 t.id = std::move(id);
                 t.indicator = std::move(indicator);
                 t.region = std::move(region);
                 t.kind = parse_target_kind(kind);
                 t.compare = parse_comparator(comparator_text);
                 t.value = to_target_number(value, "value", t.is_rate());
                 t.stretch = to_target_number(stretch, "stretch", t.is_rate());
                 t.value_high = to_target_number(value_high, "value_high", t.is_rate());
                 if (py::isinstance<py::str>(tolerance) && detail::ends_with(detail::trim(tolerance.cast<std::string>()), "%")) {
                     const std::string text(detail::trim(tolerance.cast<std::string>()));
                     const auto x = detail::parse_number(detail::shift_decimal(detail::trim(std::string_view(text).substr(0, text.size() - 1)), -2));
                     if (!x || !detail::parse_number(std::string_view(text).substr(0, text.size() - 1))) throw parse_error("tolerance", text, "not a tolerance");
                     t.tolerance = x;
                     t.tolerance_relative = true;
                 } else {
                     t.tolerance = to_optional_number(tolerance, "tolerance");
                 }
                 t.period_start = period_start.is_none() ? std::nullopt
                                  : py::isinstance<py::str>(period_start) ? std::optional<period>(parse_period_span(period_start.cast<std::string>(), "period_start").first)
                                                                           : to_optional_period(period_start, "period_start");
                 t.deadline = deadline.is_none() ? std::nullopt
                              : py::isinstance<py::str>(deadline) ? std::optional<period>(parse_period_span(deadline.cast<std::string>(), "period").last)
                                                                  : to_optional_period(deadline, "period");
                 t.baseline_period = to_optional_period(baseline_period, "baseline_period");
                 t.baseline_value = to_optional_number(baseline_value, "baseline_value");
                 t.commit = parse_commitment(commitment_text);
                 t.unit = std::move(unit);
                 t.lead_unit = std::move(lead_unit);
                 if (py::isinstance<py::str>(responsible_units)) t.responsible_units = detail::split_list(responsible_units.cast<std::string>(), ';');
                 else if (!responsible_units.is_none()) {
                     try {
                         t.responsible_units = responsible_units.cast<std::vector<std::string>>();
                     } catch (const py::cast_error&) {
                         throw py::type_error("responsible_units: expected a list of strings or one string separated by ';'");
                     }
                 }
                 t.document = std::move(document);
                 t.quote = std::move(quote);
                 if (!bounds.is_none()) {
                     if (!py::isinstance<py::str>(bounds)) throw py::type_error("bounds: expected text such as '0..100', '>=0' or 'none', or None");
                     t.bounds = parse_bounds(bounds.cast<std::string>());
                 }
                 t.validate();
                 return t;
             }),
             py::kw_only(), py::arg("id"), py::arg("indicator") = "", py::arg("kind") = "level", py::arg("comparator") = ">=",
             py::arg("value") = py::none(), py::arg("value_high") = py::none(), py::arg("tolerance") = py::none(),
             py::arg("period_start") = py::none(), py::arg("period") = py::none(), py::arg("baseline_period") = py::none(),
             py::arg("baseline_value") = py::none(), py::arg("stretch") = py::none(), py::arg("commitment") = "",
             py::arg("unit") = "", py::arg("region") = "", py::arg("lead_unit") = "", py::arg("responsible_units") = py::none(),
             py::arg("document") = "", py::arg("quote") = "", py::arg("bounds") = py::none())
        .def_readonly("id", &target::id)
        .def_readonly("indicator", &target::indicator)
        .def_readonly("region", &target::region)
        .def_property_readonly("kind", [](const target& t) { return to_string(t.kind); })
        .def_property_readonly("comparator", [](const target& t) { return to_string(t.compare); })
        .def_readonly("value", &target::value)
        .def_readonly("value_high", &target::value_high)
        .def_readonly("tolerance", &target::tolerance)
        .def_readonly("tolerance_relative", &target::tolerance_relative, "True when tolerance is a fraction of value.")
        .def_property_readonly("period_start", [](const target& t) { return period_or_none(t.period_start); })
        .def_property_readonly("period", [](const target& t) { return period_or_none(t.deadline); }, "The deadline (end of the span).")
        .def_property_readonly("baseline_period", [](const target& t) { return period_or_none(t.baseline_period); })
        .def_readonly("baseline_value", &target::baseline_value)
        .def_readonly("stretch", &target::stretch)
        .def_property_readonly("commitment", [](const target& t) { return to_string(t.commit); })
        .def_readonly("unit", &target::unit)
        .def_readonly("lead_unit", &target::lead_unit)
        .def_readonly("responsible_units", &target::responsible_units)
        .def_readonly("document", &target::document)
        .def_readonly("quote", &target::quote)
        .def_readonly("extra_columns", &target::extra_columns,
                      "Columns of the file ontrack does not read (备注, owner …), as (header, cell) in the file's order.")
        .def_readonly("file", &target::file, "The file (or 'book.xlsx, sheet ...') the target was read from; '' when made in code.")
        .def_readonly("line", &target::line, "The line (sheet row) of its row; 0 when made in code.")
        .def_property_readonly(
            "bounds", [](const target& t) -> py::object { return t.bounds ? py::object(py::str(t.bounds->to_string())) : py::object(py::none()); },
            "The range of the indicator's values the target declares ('[0, 100]', '[0, inf)', 'none'), None when not declared.")
        .def_property_readonly("is_rate", &target::is_rate, "True for growth kinds, whose values are rates.")
        .def("base_period", &target::base_period, "Where growth and increments are measured from.")
        .def("__eq__", [](const target& a, const target& b) { return write_targets({a}) == write_targets({b}); }, py::is_operator())
        .def("__repr__", [](const target& t) {
            std::string out = "Target('" + t.id + "', " + to_string(t.kind) + ", " + (t.indicator.empty() ? "" : t.indicator + " ") + to_string(t.compare);
            if (t.value) out += " " + (t.is_rate() ? format_rate(*t.value) : detail::format_number(*t.value));
            if (t.compare == comparator::within && t.value_high) out += ".." + detail::format_number(*t.value_high);
            if (!t.unit.empty()) out += " " + t.unit;
            if (t.deadline) out += " by " + t.deadline->to_string();
            return out + ")";
        })
        // State: the target's CSV text (extra columns included) and where it was read.
        .def(py::pickle([](const target& t) { return py::make_tuple(write_targets({t}), t.file, t.line); },
                        [](const py::object& state) {
                            if (py::isinstance<py::str>(state)) return read_targets(state.cast<std::string>(), "pickle").front();
                            const auto items = state.cast<py::tuple>();
                            target t = read_targets(items[0].cast<std::string>(), "pickle").front();
                            t.file = items[1].cast<std::string>();
                            t.line = items[2].cast<std::size_t>();
                            return t;
                        }));
}

}  // namespace ontrack::python
