// libFuzzer target: parse_graphml on any bytes (GraphML); a graph that reads writes GraphML that reads back the same.

#include <cstddef>
#include <cstdint>
#include <sstream>

#include <antq/io/graphml.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::round_trip(
        antq::fuzz::text_of(data, size), [](std::string_view text) { return antq::parse_graphml(text, "fuzz.graphml"); },
        [](const antq::OrgGraph& graph) {
            std::ostringstream out;
            antq::write_graphml(out, graph);
            return out.str();
        });
    return 0;
}
