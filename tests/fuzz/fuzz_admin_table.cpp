// libFuzzer target: parse_admin_table on any bytes (the generic CSV table of a national list); a list that reads
// is made into a graph, with the bodies every territory has by law.

#include <cstddef>
#include <cstdint>

#include <antq/io/admin_list.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::read_only(antq::fuzz::text_of(data, size), [](std::string_view text) {
        return antq::admin_graph(antq::parse_admin_table(text, "fuzz.csv"), {.name = "fuzz", .with_bodies = true});
    });
    return 0;
}
