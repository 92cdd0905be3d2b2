#pragma once

/**
 * @file
 * Reading evaluation rule sets as JSON (format "antq.evaluation_rules", version 1; docs/evaluation.md).
 */

#include <filesystem>
#include <string_view>

#include <antq/evaluation/rules.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses a rule set.
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field" (also a decided_at, decider or contribution with neither source nor assumption),
 *         "unknown_field", "empty_value", "unsupported_version", "bad_rule" (wrong format name, a date that is not
 *         MM-DD or is 02-29, no title nor classification, levels not falling or not ending at 0,
 *         points not positive, a share outside [0, 1], requires_title without a title rule, a decided_at rule other than
 *         "territory" or "manager", a decider that is not a kind of body, a last head contribution
 *         with conditions, more than max_criteria criteria or max_class_levels levels, a deadline before the window
 *         ends), "duplicate_id" (subject, criterion, level or contribution), "unknown_criterion" (a share naming an unknown
 *         subject or one without a title rule), "unknown_level", "unknown_contribution", "unknown_kind", "cyclic_rule" (share
 *         criteria naming each other); the selectors' own errors. where() is the source and a JSON pointer, e.g.
 *         "rules.json:/subjects/1/classification/levels/2/min_points".
 */
EvaluationRules parse_evaluation_rules(std::string_view text, std::string_view source = "<string>");

/**
 * Reads a rule file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_evaluation_rules
 */
EvaluationRules load_evaluation_rules(const std::filesystem::path& path, const ReadLimits& limits = {});

}  // namespace antq
