// libFuzzer target: arbitrary bytes as a targets CSV. Reading must either succeed or throw an
// ontrack::error; a file that reads must write back and read again to the same canonical text.
#include <ontrack/targets_file.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto targets = ontrack::read_targets(text, "fuzz.csv");
        const std::string canonical = ontrack::write_targets(targets);
        const auto again = ontrack::read_targets(canonical, "canonical.csv");
        if (ontrack::write_targets(again) != canonical) std::abort();  // the canonical form must be a fixed point
    } catch (const ontrack::error&) {
    }
    return 0;
}
