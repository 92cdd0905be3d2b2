#pragma once

// What every fuzz target shares: a reader's answer to any input is a value or an antq::Error. Any other exception
// escapes LLVMFuzzerTestOneInput and aborts, so libFuzzer reports it like a crash or a sanitizer finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <antq/errors.hpp>

namespace antq::fuzz {

/** The fuzzer's bytes as text: the readers take any bytes (their UTF-8 check is part of what is fuzzed). */
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/** Stops the run with a finding when a property every input must keep does not hold. */
inline void require(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "antq fuzz: property broken: %s\n", what);
    std::abort();
}

/** An error a user can act on names its reason and its place. */
inline void placed(const antq::Error& e) {
    require(!e.tag().empty(), "an antq::Error has a tag");
    require(!e.where().empty(), "an antq::Error names where");
}

/**
 * Parses `text` with `parse`, and when it reads, checks the round trip: the dump reads back, and dumps the same.
 * `dump` and `parse` are the format's own writer and reader, so a graph that saves always loads.
 */
template <class Parse, class Dump>
void round_trip(std::string_view text, Parse&& parse, Dump&& dump) {
    std::string first;
    try {
        first = dump(parse(text));
    } catch (const antq::Error& e) {
        placed(e);
        return;  // bad input, refused with a tagged, placed error: the reader's normal answer
    }
    std::string second;
    try {
        second = dump(parse(first));
    } catch (const antq::Error& e) {
        std::fprintf(stderr, "antq fuzz: the dump of a document that reads does not read back: %s\n", e.what());
        std::abort();
    }
    require(first == second, "dump(parse(dump(parse(text)))) == dump(parse(text))");
}

/** Parses `text` with `parse`; an antq::Error is a normal answer. */
template <class Parse>
void read_only(std::string_view text, Parse&& parse) {
    try {
        (void)parse(text);
    } catch (const antq::Error& e) {
        placed(e);
    }
}

}  // namespace antq::fuzz
