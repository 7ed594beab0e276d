// ontrack::error and its kinds become Python exceptions deriving from ValueError, carrying the
// field, value, line and column the C++ error names.
#include "pybind.hpp"

namespace ontrack::python {

void register_error(py::module_& m) {
    // Exception types must outlive every call; pybind11 keeps them in the module and in these
    // function-local handles, which the translator below reads.
    static py::handle base_type;
    static py::handle parse_type;
    static py::handle value_type;
    static py::handle data_type;
    const auto make = [&](const char* name, py::handle base, const char* doc) {
        py::object type = py::reinterpret_steal<py::object>(
            PyErr_NewExceptionWithDoc((std::string("ontrack._core.") + name).c_str(), doc, base.ptr(), nullptr));
        m.attr(name) = type;
        return type.release();
    };
    base_type = make("OntrackError", PyExc_ValueError, "Base of every error ontrack raises (a ValueError).");
    parse_type = make("ParseError", base_type,
                      "Text that cannot be read: a period, a number, a CSV cell or file. Attributes: field, value, line, column, source.");
    value_type = make("InvalidValueError", base_type,
                      "A well-formed value that is not allowed where it was given (duplicate periods, a rate of 5). Attribute: field.");
    data_type = make("DataError", base_type, "The data cannot support the request (too few observations, none where one is needed).");

    py::register_exception_translator([](std::exception_ptr thrown) {
        if (!thrown) return;
        const auto raise = [](py::handle type, const std::string& message, auto&& set_attributes) {
            py::object instance = type(message);
            set_attributes(instance);
            PyErr_SetObject(type.ptr(), instance.ptr());
        };
        try {
            std::rethrow_exception(thrown);
        } catch (const parse_error& e) {
            raise(parse_type, e.what(), [&](py::object& x) {
                x.attr("field") = e.field();
                x.attr("value") = e.value();
                x.attr("reason") = e.reason();
                x.attr("line") = e.line();
                x.attr("column") = e.column();
                x.attr("source") = e.source();
            });
        } catch (const value_error& e) {
            raise(value_type, e.what(), [&](py::object& x) {
                x.attr("field") = e.field();
                x.attr("reason") = e.reason();
            });
        } catch (const data_error& e) {
            raise(data_type, e.what(), [](py::object&) {});
        } catch (const error& e) {
            raise(base_type, e.what(), [](py::object&) {});
        } catch (const py::cast_error& e) {
            // pybind11 would raise RuntimeError('Unable to cast …'): an argument of the wrong type is a
            // TypeError. Functions check their arguments by name first; this is the net below them.
            PyErr_SetString(PyExc_TypeError, (std::string("an argument has the wrong type: ") + e.what()).c_str());
        }
    });

    m.def(
        "_visible",
        [](const py::str& text, std::size_t limit) {
            // Text that is not UTF-8 reaches Python as lone surrogates (surrogateescape): give the C++
            // rule its bytes back, so such a byte shows as \xNN exactly as in a C++ message.
            py::bytes raw;
            try {
                raw = text.attr("encode")("utf-8", "surrogateescape");
            } catch (const py::error_already_set&) {
                raw = text.attr("encode")("utf-8", "surrogatepass");
            }
            return detail::visible(std::string(raw), limit, detail::visible_limit::characters);
        },
        py::arg("text"), py::arg("limit") = 2000, R"doc(
``text`` safe to print on a terminal, on one line, by the rule of the compiled core's messages: line
breaks and tabs as \n, \r, \t; other control characters (ESC, NUL, C1) and bytes that are not UTF-8
as \xNN; invisible characters (no-break space, zero-width and direction marks, U+FEFF) as \uNNNN; cut
after ``limit`` characters with "… (N more characters)".
)doc");
}

}  // namespace ontrack::python
