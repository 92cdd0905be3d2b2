#pragma once

/**
 * @file
 * Reading team-sizing rules as JSON (format "antq.team_sizing", version 1; docs/grassroots.md).
 */

#include <filesystem>
#include <string_view>

#include <antq/movement/grassroots.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses a sizing rule (format "antq.team_sizing", version 1; docs/grassroots.md).
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput tags "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field",
 *         "unknown_field", "unsupported_version", "bad_date" (`in_force` not a date YYYY-MM-DD), "bad_rule" (wrong
 *         format name, empty text, bands not contiguous from 0, overlapping, empty, a closed last band, members
 *         outside 1..50). where() is the source
 *         and a JSON pointer, e.g. "rule.json:/bands/1/min_households".
 */
TeamSizingRule parse_team_sizing_rule(std::string_view text, std::string_view source = "<string>");

/**
 * Reads a sizing rule file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_team_sizing_rule
 */
TeamSizingRule load_team_sizing_rule(const std::filesystem::path& path, const ReadLimits& limits = {});

}  // namespace antq
