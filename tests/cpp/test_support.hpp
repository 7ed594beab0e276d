// Helpers shared by the C++ test suites: catching an expected exception to inspect it, checking that
// a message names what it should, and printing periods in doctest's failure reports.
#pragma once

#include <ontrack/period.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace doctest {
template <>
struct StringMaker<ontrack::period> {
    static String convert(const ontrack::period& p) { return p.to_string().c_str(); }
};
}  // namespace doctest

namespace ontrack::testing {

/// The exception of type `Error` that `fn` throws, or nothing when it throws nothing or another type.
template <class Error, class Fn>
std::optional<Error> thrown(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    } catch (...) {
        return std::nullopt;
    }
    return std::nullopt;
}

/// True when `text` contains every one of `parts`.
inline bool mentions(const std::string& text, std::initializer_list<std::string_view> parts) {
    for (const auto part : parts) {
        if (text.find(part) == std::string::npos) return false;
    }
    return true;
}

}  // namespace ontrack::testing
