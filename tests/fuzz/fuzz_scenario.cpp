// libFuzzer target: parse_scenario on any bytes ("antq.scenario"); a scenario that reads dumps and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/scenario_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_scenario(text, "fuzz.json"); },
        [](const antq::simulation::Scenario& scenario) { return antq::dump_scenario(scenario); });
    return 0;
}
