// libFuzzer target: parse_team_sizing_rule on any bytes (the grassroots security teams sizing rule).

#include <cstddef>
#include <cstdint>

#include <antq/io/team_sizing_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::read_only(antq::fuzz::text_of(data, size),
                          [](std::string_view text) { return antq::parse_team_sizing_rule(text, "fuzz.json"); });
    return 0;
}
