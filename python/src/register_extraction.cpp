// Extraction: candidate targets and baselines read from Chinese plan text (ontrack/extraction.hpp).
#include "pybind.hpp"

#include <ontrack/extraction.hpp>

#include <iterator>
#include <optional>

namespace ontrack::python {

namespace {

/// The catalogue from Python: None (the built-in one) or a mapping id → sequence of phrases, tried in
/// the mapping's order.
phrase_catalogue to_catalogue(const py::handle& value) {
    if (value.is_none()) return default_catalogue();
    if (py::isinstance<indicator_catalogue>(value)) return catalogue_phrases(value.cast<const indicator_catalogue&>());
    if (!py::isinstance<py::dict>(value)) {
        throw py::type_error("catalogue: expected an IndicatorCatalogue or a dict of indicator id -> list of phrases, got " +
                             std::string(py::str(py::type::of(value).attr("__name__"))));
    }
    phrase_catalogue out;
    for (const auto& [key, phrases] : value.cast<py::dict>()) {
        if (!py::isinstance<py::str>(key)) throw py::type_error("catalogue: indicator ids must be strings");
        if (py::isinstance<py::str>(phrases) || !py::isinstance<py::sequence>(phrases)) {
            throw py::type_error("catalogue: the phrases of '" + key.cast<std::string>() + "' must be a list of strings");
        }
        catalogue_entry entry{key.cast<std::string>(), {}};
        for (const auto& phrase : phrases.cast<py::sequence>()) {
            if (!py::isinstance<py::str>(phrase)) throw py::type_error("catalogue: the phrases of '" + entry.id + "' must be strings");
            entry.synonyms.push_back(phrase.cast<std::string>());
        }
        out.push_back(std::move(entry));
    }
    return out;
}

/// The reference span from Python: None, a string ("2021—2025", "十四五") or a (first, last) pair of periods.
std::optional<period_span> to_reference_span(const py::handle& value) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(value)) return parse_period_span(value.cast<std::string>(), "reference_span");
    if (py::isinstance<py::tuple>(value) || py::isinstance<py::list>(value)) {
        const auto items = value.cast<py::sequence>();
        if (items.size() != 2) throw py::type_error("reference_span: expected (first, last)");
        const period first = to_period(items[0], "reference_span");
        const period last = to_period(items[1], "reference_span");
        if (first.freq() != last.freq() || last < first) throw value_error("reference_span", "the span ends before it starts");
        return period_span{first, last};
    }
    throw py::type_error("reference_span: expected None, a string such as '2021—2025' or '十四五', or a (first, last) pair");
}

}  // namespace

void register_extraction(py::module_& m) {
    py::class_<extracted_target>(m, "ExtractedTarget", R"doc(
One candidate row read from a plan text: a Target (for a baseline, `period` is the period observed and
`value` the figure), the row type ('target' or 'baseline'), the indicator as written and its catalogue id
('' when not in the catalogue), the quote's position (`start`/`end` index the Python string,
`byte_start`/`byte_end` its UTF-8 bytes), a confidence in [0, 1] and a note for the reviewer ('' unless a
field is missing: a target whose year the text does not give has `target.period` None) (docs/extraction.md).
)doc")
        .def_readonly("target", &extracted_target::target)
        .def_property_readonly("row_type", [](const extracted_target& r) { return to_string(r.type); })
        .def_readonly("indicator_text", &extracted_target::indicator_text)
        .def_readonly("indicator_id", &extracted_target::indicator_id)
        .def_readonly("start", &extracted_target::start)
        .def_readonly("end", &extracted_target::end)
        .def_readonly("byte_start", &extracted_target::byte_start)
        .def_readonly("byte_end", &extracted_target::byte_end)
        .def_readonly("confidence", &extracted_target::confidence)
        .def_readonly("note", &extracted_target::note, "What the reviewer must add before the row can be used ('' for a complete row): "
                      "a target whose year the text does not give has no period and says so here.")
        .def("__repr__", [](const extracted_target& r) {
            const auto& t = r.target;
            std::string out = "ExtractedTarget(" + to_string(r.type) + " " + t.id + ": " + t.indicator + " " + to_string(t.kind) + " " +
                              to_string(t.compare);
            if (t.value) out += " " + (t.is_rate() ? format_rate(*t.value) : detail::format_number(*t.value));
            if (!t.unit.empty()) out += " " + t.unit;
            if (t.deadline) out += " " + t.deadline->to_string();
            return out + ", confidence " + detail::format_number(r.confidence) + ")";
        });

    m.def(
        "extraction_grammar",
        [] {
            // The grammar tables (ontrack/detail/extraction_grammar.hpp) for documentation and tests.
            const auto text = [](std::u32string_view w) { return detail::to_utf8(std::u32string(w)); };
            py::list predicates;
            for (const auto& p : detail::predicates()) {
                py::list marks;
                for (std::size_t bit = 0; bit < std::size(detail::mark::names); ++bit)
                    if ((p.marks >> bit) & 1u) marks.append(std::string(detail::mark::names[bit]));
                predicates.append(py::dict(py::arg("word") = text(p.word), py::arg("comparator") = p.compare ? to_string(*p.compare) : std::string(),
                                           py::arg("marks") = marks, py::arg("example") = std::string(p.example),
                                           py::arg("reading") = std::string(p.reading)));
            }
            py::list times;
            for (const auto& p : detail::time_phrases()) {
                times.append(py::dict(py::arg("word") = text(p.word), py::arg("effect") = std::string(detail::name_of(p.effect)),
                                      py::arg("example") = std::string(p.example), py::arg("reading") = std::string(p.reading)));
            }
            py::list qualifiers;
            for (const auto& p : detail::qualifiers()) {
                qualifiers.append(py::dict(py::arg("word") = text(p.word), py::arg("comparator") = to_string(p.compare),
                                           py::arg("example") = std::string(p.example), py::arg("reading") = std::string(p.reading)));
            }
            py::list units;
            for (const auto& u : detail::units()) units.append(py::dict(py::arg("word") = text(u.word), py::arg("event") = u.event));
            py::list forms;
            for (const auto& f : detail::quantity_forms()) {
                forms.append(py::dict(py::arg("name") = std::string(f.name), py::arg("description") = std::string(f.description),
                                      py::arg("example") = std::string(f.example), py::arg("reading") = std::string(f.reading)));
            }
            const detail::confidence_weights w;
            py::dict weights(py::arg("base") = w.base, py::arg("stated_time") = w.stated_time, py::arg("comparator_word") = w.comparator_word,
                             py::arg("catalogued") = w.catalogued, py::arg("arabic_number") = w.arabic_number);
            return py::dict(py::arg("predicates") = predicates, py::arg("time_phrases") = times, py::arg("qualifiers") = qualifiers,
                            py::arg("units") = units, py::arg("quantity_forms") = forms, py::arg("confidence_weights") = weights);
        },
        "The extractor's grammar as data: predicates, time phrases, qualifiers, units, quantity forms (each with an "
        "example sentence and its reading) and the confidence weights (docs/extraction.md is generated from it).");

    m.def(
        "default_catalogue",
        [] {
            py::dict out;
            for (const auto& entry : default_catalogue()) out[py::str(entry.id)] = entry.synonyms;
            return out;
        },
        "The built-in indicator catalogue: a dict of indicator id -> phrases, in the order they are tried.");

    m.def(
        "extract_targets",
        [](const py::object& text, const std::string& document, const std::string& default_region, const py::object& reference_span,
           const py::object& catalogue, const std::string& id_prefix, double about_tolerance, bool merge_repeats,
           std::optional<int> document_year) {
            if (!py::isinstance<py::str>(text)) {
                throw py::type_error("text: expected a str (decode bytes first, e.g. data.decode('utf-8')), got " +
                                     std::string(py::str(py::type::of(text).attr("__name__"))));
            }
            if (!std::isfinite(about_tolerance) || about_tolerance < 0) throw value_error("about_tolerance", "must be a finite number >= 0");
            extract_options options;
            options.document = document;
            options.default_region = default_region;
            options.reference_span = to_reference_span(reference_span);
            options.catalogue = to_catalogue(catalogue);
            options.id_prefix = id_prefix;
            options.about_tolerance = about_tolerance;
            options.merge_repeats = merge_repeats;
            if (document_year && (*document_year < 1900 || *document_year > 2200)) {
                throw value_error("document_year", "must be a year between 1900 and 2200, got " + std::to_string(*document_year));
            }
            options.document_year = document_year;
            const std::string utf8 = text.cast<std::string>();
            py::gil_scoped_release release;
            return extract_targets(utf8, options);
        },
        py::arg("text"), py::kw_only(), py::arg("document") = "", py::arg("default_region") = "", py::arg("reference_span") = py::none(),
        py::arg("catalogue") = py::none(), py::arg("id_prefix") = "x", py::arg("about_tolerance") = 0.05, py::arg("merge_repeats") = false,
        py::arg("document_year") = py::none(),
        R"doc(
Candidate targets and baselines stated in a Chinese plan text, in text order (see docs/extraction.md).

text must be a str. reference_span: the plan span for sentences without a deadline ('2021—2025',
'十四五' or a (first, last) pair); by default read from the title or the document's date. catalogue: dict
of indicator id -> phrases, or an IndicatorCatalogue (ot.datasets.indicators(): its names and phrases,
longest first) (default: default_catalogue()). document_year: the year the document was
issued, for 今年/明年 (default: read from the text). Raises TypeError for a non-str text.
)doc");
}

}  // namespace ontrack::python
