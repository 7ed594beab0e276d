// libFuzzer target for the plan-text extractor: any bytes either give well-formed rows or an
// ontrack::error (invalid UTF-8 is a parse_error); anything else escaping is a bug, and so is a row whose
// quote is not the text at its offsets or a target row that does not validate (a target row without a
// deadline, which an undated text gives, must carry a note and validate once dated).
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -Ilib/include fuzz/fuzz_extraction.cpp
#include <ontrack/extraction.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ontrack::extract_options options;
    // Exercise both the span read from the text and a given one.
    if (size > 0 && (data[0] & 1)) options.reference_span = ontrack::period_span{ontrack::period::year(2021), ontrack::period::year(2025)};
    // And a document year (今年, 明年, past years before it).
    if (size > 0 && (data[0] & 2)) options.document_year = 2024;
    std::vector<ontrack::extracted_target> rows;
    try {
        rows = ontrack::extract_targets(text, options);
    } catch (const ontrack::error&) {
        return 0;  // the documented failure: invalid UTF-8 (parse_error naming the byte offset)
    }
    for (const auto& row : rows) {
        if (row.byte_end < row.byte_start || row.byte_end > text.size()) std::abort();
        if (text.substr(row.byte_start, row.byte_end - row.byte_start) != row.target.quote) std::abort();
        if (row.end < row.start || row.confidence < 0.0 || row.confidence > 1.0) std::abort();
        if (row.type == ontrack::row_type::target) {
            try {
                if (!row.target.deadline && row.note.empty()) std::abort();  // an undated row says so
                ontrack::detail::validate_once_dated(row.target);
            } catch (const ontrack::error&) {
                std::abort();  // target rows are promised to be well-formed
            }
        }
    }
    return 0;
}
