// Period, five-year plans and spans.
#include "pybind.hpp"

#include <pybind11/operators.h>

namespace ontrack::python {

namespace {

py::object to_date(const boost::gregorian::date& d) {
    return py::module_::import("datetime").attr("date")(static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()));
}

frequency parse_frequency(const std::string& text) {
    if (text == "annual" || text == "A" || text == "Y") return frequency::annual;
    if (text == "quarterly" || text == "Q") return frequency::quarterly;
    if (text == "monthly" || text == "M") return frequency::monthly;
    throw parse_error("frequency", text, "unknown frequency: expected annual, quarterly or monthly");
}

}  // namespace

void register_period(py::module_& m) {
    py::class_<period>(m, "Period", R"doc(
A reporting period: a year, a quarter or a month.

``Period(2025)`` (a year), ``Period.quarter(2025, 3)``, ``Period.month(2025, 3)``, ``Period("2025-Q3")``, ``Period("2025-03")``, ``Period("十三五末")`` (2020),
``Period("2025-12-31")`` (the year containing the date). Periods of one frequency are ordered; ``p + 1``
is the next period and ``q - p`` the number of periods between them. Mixing frequencies raises
InvalidValueError. Bad text raises ParseError naming it.
)doc")
        .def(py::init([](const py::object& value) { return to_period(value, "period"); }), py::arg("value"))
        .def_static("quarter", &period::quarter, py::arg("year"), py::arg("quarter"), "Quarter 1..4 of a year.")
        .def_static("month", &period::month, py::arg("year"), py::arg("month"), "Month 1..12 of a year.")
        .def_static(
            "parse",
            [](const std::string& text, const std::string& date_frequency) {
                return period::parse(text, "period", parse_frequency(date_frequency));
            },
            py::arg("text"), py::arg("date_frequency") = "annual",
            "Read a period; an ISO date gives the period of ``date_frequency`` containing it.")
        .def_property_readonly("freq", [](const period& p) { return to_string(p.freq()); }, "'annual', 'quarterly' or 'monthly'.")
        .def_property_readonly("year", [](const period& p) { return p.year(); })
        .def_property_readonly("sub", &period::sub, "Quarter or month within the year (1 for a year).")
        .def_property_readonly("ordinal", &period::ordinal, "Periods since year 0 at this frequency.")
        .def_property_readonly("decimal_year", &period::decimal_year, "Middle of the period in years (2025.5 for 2025).")
        .def_property_readonly("first_day", [](const period& p) { return to_date(p.first_day()); }, "First day (datetime.date).")
        .def_property_readonly("last_day", [](const period& p) { return to_date(p.last_day()); }, "Last day (datetime.date).")
        .def("__add__", [](const period& p, std::int64_t n) { return p + n; }, py::is_operator())
        .def("__radd__", [](const period& p, std::int64_t n) { return p + n; }, py::is_operator())
        .def("__sub__", [](const period& p, std::int64_t n) { return p - n; }, py::is_operator())
        .def("__sub__", [](const period& p, const period& q) { return p - q; }, py::is_operator())
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def(py::self < py::self)
        .def(py::self <= py::self)
        .def(py::self > py::self)
        .def(py::self >= py::self)
        .def("__hash__", [](const period& p) { return std::hash<period>()(p); })
        .def("__str__", &period::to_string)
        .def("__repr__", [](const period& p) { return "Period('" + p.to_string() + "')"; })
        .def(py::pickle([](const period& p) { return p.to_string(); },
                        [](const std::string& text) { return period::parse(text); }));

    py::class_<five_year_plan>(m, "FiveYearPlan", "A Chinese five-year plan: number, first and last year, names.")
        .def_readonly("number", &five_year_plan::number)
        .def_property_readonly("first", [](const five_year_plan& f) { return f.years.first; })
        .def_property_readonly("last", [](const five_year_plan& f) { return f.years.last; })
        .def_readonly("name_zh", &five_year_plan::name_zh)
        .def_readonly("name_en", &five_year_plan::name_en)
        .def("__repr__", [](const five_year_plan& f) {
            return "FiveYearPlan(" + std::to_string(f.number) + ", '" + f.name_zh + "', " + f.years.first.to_string() + "–" + f.years.last.to_string() + ")";
        });

    m.def("five_year_plan", &five_year_plan_number, py::arg("number"), "The n-th five-year plan (14 → 十四五, 2021–2025).");
    m.def("find_five_year_plan", &find_five_year_plan, py::arg("text"),
          "The plan named in text ('十四五', '“十四五”期间', '14th FYP'), or None.");
    m.def(
        "parse_date", [](const std::string& text, const std::string& field) { return to_date(parse_date(text, field)); }, py::arg("text"),
        py::arg("field") = "as_of",
        "A datetime.date from '2026-12-01', '2026/12/01', '2026年12月1日', or the last day of a month ('2026-12') or year ('2026').");
    m.def(
        "parse_period_span",
        [](const std::string& text) {
            const auto span = parse_period_span(text);
            return py::make_tuple(span.first, span.last);
        },
        py::arg("text"), "First and last period of a span: '十四五', '2023—2025年', '2021-2025', or one period.");
}

}  // namespace ontrack::python
