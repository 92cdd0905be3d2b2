#pragma once

/**
 * @file
 * Reading and writing directives as JSON (format "antq.directive", version 1; docs/directive-format.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/directive/directive.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses a directive document.
 * @param source how to name the document in errors
 * @throws InvalidInput (tags "malformed_json", "too_deep", "not_a_directive", "unsupported_version", "wrong_type",
 *         "missing_field", "unknown_field", "unknown_role", "bad_date", "duplicate_clause", "bad_selector",
 *         "unknown_kind", "unknown_level"); where() is "<source>:<JSON pointer>"
 */
Directive parse_directive(std::string_view text, std::string_view source = "<string>");

/**
 * Reads a directive file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_directive
 */
Directive load_directive(const std::filesystem::path& path, const ReadLimits& limits = {});

/** The directive as a JSON document (2-space indented). */
std::string dump_directive(const Directive& directive);

/** Writes dump_directive(directive) to `path` through a temporary file. @throws IoError "cannot_write" */
void save_directive(const Directive& directive, const std::filesystem::path& path);

/** True for "" and for a valid calendar date written "YYYY-MM-DD". */
bool is_iso_date_or_empty(std::string_view text) noexcept;

}  // namespace antq
