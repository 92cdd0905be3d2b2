// libFuzzer target: parse_progress on any bytes; progress reports that read dump and read back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/progress_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_progress(text, "fuzz.json"); },
        [](const antq::ProgressReports& reports) { return antq::dump_progress(reports); });
    return 0;
}
