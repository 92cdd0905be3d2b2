#pragma once

/**
 * @file
 * Reading and writing change sets as JSON (format "antq.changes", version 1; docs/restructure.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/io/read_limits.hpp>
#include <antq/restructure/change_set.hpp>

namespace antq {

/**
 * Parses a change set. Only the form is checked here; what the operations mean for a graph is checked by apply().
 * @param source how to name the document in errors; kept in ChangeSet::source
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "duplicate_key", "wrong_type",
 *         "missing_field", "unknown_field", "empty_value", "unsupported_version", "not_a_change_set",
 *         "unknown_operation", "unknown_kind", "unknown_level", "unknown_structure", "bad_date", "bad_share";
 *         where() is the source and a JSON pointer ("reform.json:/operations/3/sources/1")
 */
ChangeSet parse_changes(std::string_view text, std::string_view source = "<string>");
/** Reads a change-set file (regular files only, at most `limits.max_bytes`). @throws IoError "cannot_read",
 *  "too_large"; otherwise as parse_changes */
ChangeSet load_changes(const std::filesystem::path& path, const ReadLimits& limits = {});
/** The change set as JSON, one operation per line; parse_changes gives it back equal. */
std::string dump_changes(const ChangeSet& changes);
/** Writes dump_changes(changes) through a temporary file. @throws IoError "cannot_write" */
void save_changes(const ChangeSet& changes, const std::filesystem::path& path);

}  // namespace antq
