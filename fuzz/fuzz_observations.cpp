// libFuzzer target: arbitrary bytes as an observations CSV. Reading must either succeed or throw an
// ontrack::error; a table that reads must write back to text that reads to the same rows, and
// selecting each series must succeed or throw an ontrack::error.
#include <ontrack/observations.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto table = ontrack::read_observations(text, "fuzz.csv");
        const std::string written = ontrack::write_observations(table);
        const auto again = ontrack::read_observations(written, "written.csv");
        if (again.size() != table.size()) std::abort();
        for (std::size_t i = 0; i < table.size(); ++i) {
            const auto& a = table.rows()[i];
            const auto& b = again.rows()[i];
            const bool same_value = (std::isnan(a.value) && std::isnan(b.value)) || a.value == b.value;
            if (a.region != b.region || a.indicator != b.indicator || a.at != b.at || !same_value || a.unit != b.unit ||
                a.vintage != b.vintage || a.source != b.source) {
                std::abort();  // lossless round trip
            }
        }
        if (ontrack::write_observations(again) != written) std::abort();
        for (const auto& r : table.rows()) {
            try {
                (void)table.select(r.region, r.indicator, r.vintage);
            } catch (const ontrack::error&) {
            }
        }
    } catch (const ontrack::error&) {
    }
    return 0;
}
