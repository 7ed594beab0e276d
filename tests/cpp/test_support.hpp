// Helpers shared by the C++ test suites: catching an expected exception to inspect it, checking that
// a message names what it should, printing periods in doctest's failure reports, and the smallest
// observations and targets files the file-reading suites write rows under, and the yearly targets the
// goal, evaluation and assessment suites build.
#pragma once

#include <ontrack/observations.hpp>
#include <ontrack/period.hpp>
#include <ontrack/target.hpp>
#include <ontrack/targets_file.hpp>

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

/// The header of the smallest observations file (columns 1 region … 7 source).
inline const std::string obs_header = "region,indicator,period,value,unit,vintage,source\n";
/// The header of the smallest targets file: columns 1 id, 2 region, 3 indicator, 4 kind, 5 comparator,
/// 6 value, 7 period.
inline const std::string tgt_header = "id,region,indicator,kind,comparator,value,period\n";
/// The same with column 8 baseline_period.
inline const std::string tgt_header_with_base = "id,region,indicator,kind,comparator,value,period,baseline_period\n";

/// The message of the parse_error that reading `text` as the observations file "o.csv" raises; fails
/// the test when the text is accepted.
inline std::string obs_error(const std::string& text) {
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_observations(text, "o.csv"); });
    REQUIRE_MESSAGE(e, "accepted: " << text);
    return e->what();
}

/// The message of the parse_error that reading `text` as the targets file "t.csv" raises; fails the
/// test when the text is accepted.
inline std::string tgt_error(const std::string& text) {
    const auto e = thrown<ontrack::parse_error>([&] { (void)ontrack::read_targets(text, "t.csv"); });
    REQUIRE_MESSAGE(e, "accepted: " << text);
    return e->what();
}

/// A target "t" of `kind` on indicator "x" with comparator `c`, `value` and a yearly `deadline`.
inline target make(target_kind kind, comparator c, std::optional<double> value, int deadline) {
    target t;
    t.id = "t";
    t.indicator = "x";
    t.kind = kind;
    t.compare = c;
    t.value = value;
    t.deadline = period::year(deadline);
    return t;
}

/// `make` over the years `first` … `last` (a cumulative or per-period target's span).
inline target spanning(target_kind kind, comparator c, std::optional<double> value, int first, int last) {
    target t = make(kind, c, value, last);
    t.period_start = period::year(first);
    return t;
}

}  // namespace ontrack::testing
