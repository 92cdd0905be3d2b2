// libFuzzer target: parse_graph on any bytes ("antq.orggraph"); a graph that reads saves and reads back the same.

#include <cstddef>
#include <cstdint>

#include <antq/io/graph_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_graph(text, "fuzz.json"); },
        [](const antq::OrgGraph& graph) { return antq::dump_graph(graph); });
    return 0;
}
