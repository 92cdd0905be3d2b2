#pragma once

/**
 * @file
 * Reading and writing progress reports as JSON (format "antq.progress", version 1; docs/evaluation.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/directive/progress.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses reports (format "antq.progress", version 1; docs/evaluation.md). Only the form is checked here.
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field",
 *         "unknown_field", "empty_value", "unsupported_version", "not_a_progress_file", "bad_date", "bad_status"
 */
ProgressReports parse_progress(std::string_view text, std::string_view source = "<string>");
/**
 * Reads a reports file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_progress
 */
ProgressReports load_progress(const std::filesystem::path& path, const ReadLimits& limits = {});
/** The reports as JSON; parse_progress gives them back equal. */
std::string dump_progress(const ProgressReports& reports);
/** Writes dump_progress(reports) through a temporary file. @throws IoError "cannot_write" */
void save_progress(const ProgressReports& reports, const std::filesystem::path& path);

}  // namespace antq
