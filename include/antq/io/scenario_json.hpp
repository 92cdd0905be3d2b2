#pragma once

/**
 * @file
 * Reading and writing simulation scenarios as JSON (format "antq.scenario", version 1; docs/simulation.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/io/read_limits.hpp>
#include <antq/simulation/scenario.hpp>

namespace antq {

/**
 * Parses a scenario (format "antq.scenario", version 1; docs/simulation.md). Every value is checked as the run
 * checks it (a negative rate, a distribution without its parameters, c = 0, a horizon beyond a century are refused
 * here, naming the field); selectors are read but not resolved, as no graph is at hand until the run.
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "duplicate_key", "not_a_scenario_file",
 *         "unsupported_version", "wrong_type", "missing_field", "unknown_field", "empty_value", "unknown_level",
 *         "unknown_model", "bad_value", "bad_selector", "unknown_kind"; where() is "<source>:<JSON pointer>"
 */
simulation::Scenario parse_scenario(std::string_view text, std::string_view source = "<string>");

/**
 * Reads a scenario file.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than limits.max_bytes);
 *         otherwise as parse_scenario
 */
simulation::Scenario load_scenario(const std::filesystem::path& path, const ReadLimits& limits = {});

/** The scenario as a JSON document (2-space indented); parse_scenario gives it back equal. */
std::string dump_scenario(const simulation::Scenario& scenario);

/** Writes dump_scenario(scenario) to `path` through a temporary file. @throws IoError "cannot_write" */
void save_scenario(const simulation::Scenario& scenario, const std::filesystem::path& path);

}  // namespace antq
