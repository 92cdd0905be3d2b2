// libFuzzer target: parse_directive on any bytes ("antq.directive"); a directive that reads dumps and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/directive_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_directive(text, "fuzz.json"); },
        [](const antq::Directive& directive) { return antq::dump_directive(directive); });
    return 0;
}
