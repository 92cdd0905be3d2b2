// libFuzzer target: parse_selector on any bytes (the JSON form of a selector); a selector that reads dumps and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/selector_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_selector(text, "fuzz.json"); },
        [](const antq::Selector& selector) { return antq::dump_selector(selector); });
    return 0;
}
