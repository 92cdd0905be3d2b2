#pragma once

/**
 * @file
 * Reading and writing assessment records as JSON (format "antq.assessments", version 1; docs/evaluation.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/evaluation/records.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses records. Scores come out ordered by criterion id, as JSON objects are unordered. Only the form is checked
 * here; evaluate() checks the records against a graph and rules, naming the same JSON pointers.
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field",
 *         "unknown_field", "empty_value", "unsupported_version", "not_an_assessments_file", "bad_date", "bad_year",
 *         "non_finite_number"; where() is "<source>:<JSON pointer>"
 */
Assessments parse_assessments(std::string_view text, std::string_view source = "<string>");

/**
 * Reads a records file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_assessments
 */
Assessments load_assessments(const std::filesystem::path& path, const ReadLimits& limits = {});

/** The records as a JSON document; parse_assessments gives them back equal. */
std::string dump_assessments(const Assessments& assessments);

/** Writes dump_assessments(assessments) to `path` through a temporary file. @throws IoError "cannot_write" */
void save_assessments(const Assessments& assessments, const std::filesystem::path& path);

}  // namespace antq
