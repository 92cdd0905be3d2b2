// libFuzzer target: parse_evaluation_rules on any bytes (the evaluation rules: titles, classification, commendation).

#include <cstddef>
#include <cstdint>

#include <antq/io/rules_json.hpp>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    antq::fuzz::read_only(antq::fuzz::text_of(data, size),
                          [](std::string_view text) { return antq::parse_evaluation_rules(text, "fuzz.json"); });
    return 0;
}
