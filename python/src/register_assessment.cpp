// assess(): will a target be met — projection, probability, paces and a scheme's status.
#include "pybind.hpp"

#include <ontrack/assessment.hpp>
#include <ontrack/indicator_catalogue.hpp>

namespace ontrack::python {

std::optional<boost::gregorian::date> to_date(const py::object& value);

namespace {

std::optional<boost::gregorian::date> to_date_impl(const py::object& value) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(value)) return parse_iso_date(value.cast<std::string>(), "as_of");
    if (py::hasattr(value, "year") && py::hasattr(value, "month") && py::hasattr(value, "day")) {
        // A Python date may be any year 1..9999; the calendar here covers 1400..9999.
        const std::string text = py::str(value);
        int y = 0;
        try {
            y = value.attr("year").cast<int>();
        } catch (const py::cast_error&) {
            throw py::type_error("as_of: expected a date, a 'YYYY-MM-DD' string or None");
        }
        if (y < 1400 || y > 9999) throw parse_error("as_of", text, "not a date ontrack can use (years 1400..9999)");
        try {
            return boost::gregorian::date(static_cast<unsigned short>(y), value.attr("month").cast<unsigned short>(),
                                          value.attr("day").cast<unsigned short>());
        } catch (const std::out_of_range&) {
            throw parse_error("as_of", text, "not a date ontrack can use (years 1400..9999)");
        } catch (const py::cast_error&) {
            throw py::type_error("as_of: expected a date, a 'YYYY-MM-DD' string or None");
        }
    }
    throw py::type_error("as_of: expected a date, a 'YYYY-MM-DD' string or None");
}

std::optional<int> to_lag(const py::object& value) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::bool_>(value) || !py::isinstance<py::int_>(value)) throw py::type_error("publication_lag: expected a whole number of months or None");
    const long long months = value.cast<long long>();
    if (months < 0 || months > 120) throw value_error("publication_lag", "a publication lag is 0 to 120 months, got " + std::to_string(months));
    return static_cast<int>(months);
}

// The names of a (value, name) vocabulary table, in its order.
template <typename Table>
std::vector<std::string> names_of(const Table& table) {
    std::vector<std::string> out;
    for (const auto& entry : table) out.emplace_back(entry.second);
    return out;
}

}  // namespace

/// The publication lags of an assessment: each catalogue indicator's own lag (None: by frequency only).
publication_lags publication_lags_from(const py::object& indicators) {
    if (indicators.is_none()) return {};
    if (!py::isinstance<indicator_catalogue>(indicators)) throw py::type_error("indicators: expected an IndicatorCatalogue or None");
    return publication_lags_of(indicators.cast<const indicator_catalogue&>());
}

/// The bounds the catalogue declares per indicator (None: none declared; the natural bounds apply).
indicator_bounds indicator_bounds_from(const py::object& indicators) {
    if (indicators.is_none()) return {};
    if (!py::isinstance<indicator_catalogue>(indicators)) throw py::type_error("indicators: expected an IndicatorCatalogue or None");
    return bounds_of(indicators.cast<const indicator_catalogue&>());
}

indicator_bounds indicator_bounds_from(const py::object& indicators, std::string_view indicator) {
    if (indicators.is_none()) return {};
    if (!py::isinstance<indicator_catalogue>(indicators)) throw py::type_error("indicators: expected an IndicatorCatalogue or None");
    return bounds_of(indicators.cast<const indicator_catalogue&>(), indicator);
}

namespace {

py::object date_or_none(const std::optional<boost::gregorian::date>& day) {
    if (!day) return py::none();
    return py::module_::import("datetime").attr("date")(static_cast<int>(day->year()), static_cast<int>(day->month()), static_cast<int>(day->day()));
}

}  // namespace

/// A date from None, a datetime.date or a 'YYYY-MM-DD' string, for `as_of` arguments.
std::optional<boost::gregorian::date> to_date(const py::object& value) { return to_date_impl(value); }

namespace {

/// Band thresholds by name for the chosen scheme; unknown names are an error naming them.
void set_thresholds(assessment_options& o, const py::dict& thresholds) {
    for (const auto& [key, value] : thresholds) {
        const std::string name = py::str(key);
        if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::float_>(value) || py::isinstance<py::int_>(value) || py::hasattr(value, "__float__"))) {
            throw py::type_error("thresholds['" + name + "']: expected a number, got " + std::string(py::str(py::type::of(value).attr("__name__"))));
        }
        const double x = value.cast<double>();
        bool known = true;
        switch (o.rule) {
            case scheme::probability:
                if (name == "on_track") o.probability_bands.on_track = x;
                else if (name == "at_risk") o.probability_bands.at_risk = x;
                else if (name == "off_track") o.probability_bands.off_track = x;
                else known = false;
                break;
            case scheme::statcan:
                if (name == "high") o.statcan_bands.high = x;
                else if (name == "med") o.statcan_bands.med = x;
                else if (name == "low") o.statcan_bands.low = x;
                else known = false;
                break;
            case scheme::unsd:
                if (name == "substantial") o.unsd_bands.substantial = x;
                else if (name == "fair") o.unsd_bands.fair = x;
                else if (name == "limited") o.unsd_bands.limited = x;
                else known = false;
                break;
            case scheme::unsd2023:
                if (name == "on_track") o.unsd2023_bands.on_track = x;
                else if (name == "acceleration_needed") o.unsd2023_bands.acceleration_needed = x;
                else known = false;
                break;
            case scheme::eurostat:
                if (name == "significant") o.eurostat_bands.significant = x;
                else if (name == "moderate") o.eurostat_bands.moderate = x;
                else if (name == "insufficient") o.eurostat_bands.insufficient = x;
                else known = false;
                break;
            case scheme::escap:
                if (name == "maintain") o.escap_bands.maintain = x;
                else if (name == "reverse") o.escap_bands.reverse = x;
                else known = false;
                break;
            case scheme::sdsn:
                if (name == "on_track") o.sdsn_bands.on_track = x;
                else if (name == "moderate") o.sdsn_bands.moderate = x;
                else if (name == "stagnating") o.sdsn_bands.stagnating = x;
                else known = false;
                break;
        }
        if (!known) throw value_error("thresholds", "'" + name + "' is not a threshold of the " + to_string(o.rule) + " scheme");
    }
    const auto& p = o.probability_bands;
    if (!(p.off_track <= p.at_risk && p.at_risk <= p.on_track)) throw value_error("thresholds", "probability bands must satisfy off_track <= at_risk <= on_track");
}

}  // namespace

/// The options of `assess` from its Python arguments (shared with the batch binding, register_batch_assessment.cpp).
void set_projection_choice(assessment_options& o, const std::string& method_name, const py::object& cal);  // register_calibration.cpp

assessment_options assessment_options_from(const std::string& method_name, const std::string& scheme_name, const py::object& as_of, double level,
                                           const py::object& thresholds, const py::object& publication_lag) {
    assessment_options o;
    set_projection_choice(o, method_name, py::none());
    o.rule = parse_scheme(scheme_name);
    o.as_of = to_date(as_of);
    o.level = level;
    o.publication_lag_months = to_lag(publication_lag);
    if (!thresholds.is_none()) {
        if (!py::isinstance<py::dict>(thresholds)) throw py::type_error("thresholds: expected a dict of band names to numbers, or None");
        set_thresholds(o, thresholds.cast<py::dict>());
    }
    return o;
}

void register_assessment(py::module_& m) {
    py::class_<assessment>(m, "Assessment", R"doc(
Will a target be met: latest observation, the target as a number at the deadline, projection and
interval, P(target) and P(stretch), pace needed vs achieved, expected period of attainment, the
scheme's progress/score, the unified ``status`` and the scheme's own ``scheme_status``, and a sentence.
)doc")
        .def_readonly("id", &assessment::id)
        .def_readonly("deadline", &assessment::deadline)
        .def_readonly("latest_period", &assessment::latest_period)
        .def_readonly("latest_value", &assessment::latest_value)
        .def_readonly("base_period", &assessment::base_period)
        .def_readonly("base_value", &assessment::base_value)
        .def_readonly("target_value", &assessment::target_value)
        .def_readonly("target_high", &assessment::target_high)
        .def_readonly("stretch_value", &assessment::stretch_value)
        .def_readonly("projected", &assessment::projected)
        .def_readonly("lower", &assessment::lower)
        .def_readonly("upper", &assessment::upper)
        .def_readonly("probability", &assessment::probability)
        .def_readonly("probability_stretch", &assessment::probability_stretch)
        .def_readonly("required_pace", &assessment::required_pace)
        .def_readonly("required_growth", &assessment::required_growth)
        .def_readonly("actual_pace", &assessment::actual_pace)
        .def_readonly("actual_growth", &assessment::actual_growth)
        .def_readonly("pace_ratio", &assessment::pace_ratio)
        .def_readonly("expected_period", &assessment::expected_period)
        .def_readonly("gap", &assessment::gap)
        .def_readonly("progress", &assessment::progress)
        .def_readonly("score", &assessment::score)
        .def_property_readonly("status", [](const assessment& a) { return to_string(a.unified); })
        .def_readonly("scheme_status", &assessment::scheme_status)
        .def_readonly("method", &assessment::method_used)
        .def_readonly("nowcast", &assessment::nowcast)
        .def_property_readonly("basis", [](const assessment& a) { return to_string(a.based_on); })
        .def_readonly("target_low", &assessment::target_low)
        .def_property_readonly("expected_publication", [](const assessment& a) { return date_or_none(a.expected_publication); })
        .def_readonly("overdue", &assessment::overdue, "For 'awaiting_data': the expected publication day is past on as_of and the figure is still not in the data.")
        .def_readonly("projection", &assessment::path)
        .def_property_readonly(
            "bounds", [](const assessment& a) { return py::make_tuple(optional_to_python(a.bounds.bounds.lower), optional_to_python(a.bounds.bounds.upper)); },
            "(lower, upper) the projection kept to (None where unbounded).")
        .def_property_readonly("bounds_origin", [](const assessment& a) { return a.bounds.origin; },
                               "Where the bounds come from: 'target', 'given', 'catalogue', 'natural' or 'none'.")
        .def_property_readonly("as_of", [](const assessment& a) { return date_or_none(a.options.as_of); })
        .def_property_readonly("scheme", [](const assessment& a) { return to_string(a.options.rule); })
        .def_property_readonly("level", [](const assessment& a) { return a.options.level; })
        .def_property_readonly("base", [](const assessment& a) { return a.goal.base; })
        .def_readonly("observed", &assessment::observed)
        .def_readonly("message", &assessment::message)
        .def("__repr__", [](const assessment& a) { return "Assessment('" + a.id + "', " + to_string(a.unified) + ": " + a.message + ")"; });

    m.def(
        "assess",
        [](const target& t, const series& s, const std::string& method_name, const std::string& scheme_name, const py::object& as_of,
           double level, const py::object& thresholds, const py::object& publication_lag, const py::object& cal, const py::object& indicators) {
            assessment_options o = assessment_options_from(method_name, scheme_name, as_of, level, thresholds, publication_lag);
            set_projection_choice(o, method_name, cal);
            o.default_publication_lags = publication_lags_from(indicators);
            o.projection_layers.catalogue_bounds = indicator_bounds_from(indicators);
            py::gil_scoped_release release;
            return assess(t, s, o);
        },
        py::arg("target"), py::arg("series"), py::arg("method") = "auto", py::arg("scheme") = "probability", py::arg("as_of") = py::none(),
        py::arg("level") = 0.95, py::arg("thresholds") = py::none(), py::arg("publication_lag") = py::none(), py::arg("calibration") = py::none(),
        py::arg("indicators") = py::none(), R"doc(
Assess one target against its series. ``method`` 'default' is the calibrated default (the bundled
calibration, or ``calibration`` when given); a named method is calibrated by ``calibration`` when given. ``scheme``: 'probability' (default), 'statcan', 'unsd',
'unsd2023', 'eurostat', 'escap', 'sdsn'; ``thresholds`` overrides the scheme's bands by name
(probability: on_track, at_risk, off_track). ``as_of`` (date or 'YYYY-MM-DD') keeps only periods whose
figure was out by then: ``publication_lag`` months after the period ends (None: 0, the day after; a
Series has no publication dates, select_series reads them from an observation table). A deadline
before ``as_of`` whose figure is not out is 'awaiting_data' with a nowcast P(met); its figure is
expected ``publication_lag`` months after the deadline ends, else after the lag of the target's
indicator (or the series', when the target names none) in the ``indicators`` catalogue, else after the
default lag of its frequency (DEFAULT_PUBLICATION_LAGS). The projection keeps to the target's ``bounds``, else those the ``indicators`` catalogue declares for its indicator,
else the natural bounds of the series' unit (shares in [0, 100] %, counts and money >= 0).
)doc");

    m.def(
        "select_series",
        [](const observation_table& observations, const std::string& region, const std::string& indicator, const std::string& vintage,
           const py::object& as_of, const py::object& publication_lag, const py::object& indicators) {
            selection_options how;
            how.vintage = vintage;
            how.as_of = to_date(as_of);
            how.publication_lag_months = to_lag(publication_lag);
            how.default_lags = publication_lags_from(indicators);
            return select_series(observations, region, indicator, how).values;
        },
        py::arg("observations"), py::arg("region"), py::arg("indicator"), py::arg("vintage") = "first_release", py::arg("as_of") = py::none(),
        py::arg("publication_lag") = py::none(), py::arg("indicators") = py::none(), R"doc(
The series a target of ``region`` and ``indicator`` is assessed with (the one selection policy).
Vintage: where every vintage is a publication date (YYYY-MM-DD), each period takes the latest one
published by ``as_of``; otherwise a single vintage is used as is, and with several ``vintage`` chooses.
Publication: as of a day, a figure counts only if published by then: its dated vintage, else its
``published`` day, else the end of its period plus ``publication_lag`` months (None: the lag of the
indicator in the ``indicators`` catalogue, else the default lag of its frequency,
DEFAULT_PUBLICATION_LAGS). Raises DataError when nothing matches.
)doc");
    // The vocabularies of an assessment, read from their C++ tables (one declaration each).
    m.def("scheme_names", [] { return names_of(detail::scheme_names); },
          "The scheme names ``assess`` accepts, in the order of the C++ table (probability first).");
    m.def("basis_names", [] { return names_of(detail::basis_names); },
          "What a verdict rests on (``Assessment.basis``): observed, nowcast, projected, pace, none.");
    m.def("status_names", [] { return names_of(detail::status_names); },
          "The unified status names (``Assessment.status``), in the order of the C++ enumeration.");

    const publication_lags lags;
    py::dict defaults;
    defaults["annual"] = lags.annual;
    defaults["quarterly"] = lags.quarterly;
    defaults["monthly"] = lags.monthly;
    m.attr("DEFAULT_PUBLICATION_LAGS") = defaults;
}

}  // namespace ontrack::python
