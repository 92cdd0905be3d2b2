// libFuzzer target: parse_models on any bytes, checked against the embedded Hải Dương graph (so real unit ids
// reach the history checks); a registry that reads dumps and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/datasets.hpp>
#include <antq/io/models_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_models(text, graph, "fuzz.json"); },
        [](const antq::ModelRegistry& registry) { return antq::dump_models(registry); });
    return 0;
}
