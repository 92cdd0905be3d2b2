// libFuzzer target: parse_assessments on any bytes; assessments that read dump and read back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/assessments_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_assessments(text, "fuzz.json"); },
        [](const antq::Assessments& records) { return antq::dump_assessments(records); });
    return 0;
}
