// libFuzzer target: arbitrary bytes as a period and as a period span. Parsing must either succeed or
// throw an ontrack::error; a parsed period must print to text that parses back to itself.
#include <ontrack/period.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto f : {ontrack::frequency::annual, ontrack::frequency::quarterly, ontrack::frequency::monthly}) {
        try {
            const auto p = ontrack::period::parse(text, "period", f);
            if (ontrack::period::parse(p.to_string()) != p) std::abort();
            (void)p.first_day();
            (void)p.last_day();
        } catch (const ontrack::error&) {
        }
    }
    try {
        const auto span = ontrack::parse_period_span(text, "period");
        if (span.length() < 1) std::abort();
    } catch (const ontrack::error&) {
    }
    try {
        (void)ontrack::find_five_year_plan(text);
    } catch (const ontrack::error&) {
    }
    return 0;
}
