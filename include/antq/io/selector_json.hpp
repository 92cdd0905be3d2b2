#pragma once

/**
 * @file
 * Selectors as JSON (docs/selectors.md): the form directives, rule sets and Python's dict syntax share.
 */

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <antq/graph/selector.hpp>

namespace antq {

/** A selector as JSON (docs/selectors.md). */
nlohmann::json to_json(const Selector& selector);

/**
 * Reads a selector from JSON (docs/selectors.md).
 * @param where JSON pointer used in errors
 * @throws InvalidInput "bad_selector", "unknown_kind", "unknown_level", "too_deep"
 */
Selector selector_from_json(const nlohmann::json& json, const std::string& where = "");

/**
 * Reads a selector from JSON text, with the same guards as a graph file (nesting, integer range).
 * @throws InvalidInput as selector_from_json, plus "malformed_json", "too_deep", "number_out_of_range"
 */
Selector parse_selector(std::string_view text, std::string_view source = "selector");

/** The selector as JSON text; parse_selector() gives it back equal. */
std::string dump_selector(const Selector& selector);

}  // namespace antq
