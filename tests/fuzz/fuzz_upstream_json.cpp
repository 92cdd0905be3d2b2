// libFuzzer target: parse_upstream_json on any bytes. The input is the units file, then a NUL byte, then the unit
// types file (administrative_units.json); without a NUL, the unit types are empty.

#include <cstddef>
#include <cstdint>

#include <antq/io/admin_list.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::read_only(antq::fuzz::text_of(data, size), [](std::string_view text) {
        const std::size_t cut = text.find('\0');
        const std::string_view units = text.substr(0, cut);
        const std::string_view types = cut == std::string_view::npos ? std::string_view{} : text.substr(cut + 1);
        return antq::admin_graph(antq::parse_upstream_json(units, types, "fuzz.json"), {.name = "fuzz"});
    });
    return 0;
}
