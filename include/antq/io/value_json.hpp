#pragma once

/**
 * @file
 * Free attribute values as JSON, the form every antq file format stores them in.
 */

#include <string>

#include <nlohmann/json.hpp>

#include <antq/model/value.hpp>

namespace antq {

/** Converts an attribute value to JSON. @throws InvalidInput "non_finite_number" */
nlohmann::json to_json(const Value& value);

/**
 * Converts JSON to an attribute value.
 * @param where JSON pointer used in errors
 * @throws InvalidInput "number_out_of_range" for an unsigned integer above 2^63 - 1; "too_deep" for a value nesting
 *         deeper than max_value_depth; "invalid_utf8"; "duplicate_key" for two keys equal once in NFC
 */
Value value_from_json(const nlohmann::json& json, const std::string& where = "");

}  // namespace antq
