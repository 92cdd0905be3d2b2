// libFuzzer target: parse_upstream_csv on any bytes (upstream's units_flat.csv); a list that reads is made into a
// graph.

#include <cstddef>
#include <cstdint>

#include <antq/io/admin_list.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::read_only(antq::fuzz::text_of(data, size), [](std::string_view text) {
        return antq::admin_graph(antq::parse_upstream_csv(text, "fuzz.csv"), {.name = "fuzz"});
    });
    return 0;
}
