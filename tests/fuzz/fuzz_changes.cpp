// libFuzzer target: parse_changes on any bytes ("antq.changes"); a change set that reads dumps and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/changes_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_changes(text, "fuzz.json"); },
        [](const antq::ChangeSet& changes) { return antq::dump_changes(changes); });
    return 0;
}
