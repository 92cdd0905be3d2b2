#pragma once

/**
 * @file
 * Reading and writing self-managed models registries as JSON (format "antq.models", version 1; docs/models.md).
 */

#include <filesystem>
#include <string>
#include <string_view>

#include <antq/graph/org_graph.hpp>
#include <antq/movement/models.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/**
 * Parses a registry (format "antq.models", version 1; docs/models.md) and checks it against `graph`.
 * Besides each field, the reader checks that the history agrees with the model: it starts with one "created"
 * event, dates never go backwards, the points are the units of "created" then "replicated" events in order, and
 * a model is dissolved exactly when its last event is "eliminated".
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "not_a_models_file",
 *         "unsupported_version", "wrong_type", "missing_field", "unknown_field", "empty_value", "unknown_status",
 *         "unknown_action", "duplicate_model", "duplicate_point", "bad_teams", "bad_date", "bad_history",
 *         "not_a_territory", "no_area", "origin_not_a_point"; NotFound "unknown_unit"; where() is "<source>:<JSON pointer>"
 */
ModelRegistry parse_models(std::string_view text, const OrgGraph& graph, std::string_view source = "<string>");

/**
 * Reads a registry file and checks it against `graph`.
 * @throws IoError "cannot_read" (also for what is not a regular file), "too_large" (more than
 *         limits.max_bytes); otherwise as parse_models
 */
ModelRegistry load_models(const std::filesystem::path& path, const OrgGraph& graph, const ReadLimits& limits = {});

/** The registry as a JSON document (2-space indented); parse_models gives it back equal. */
std::string dump_models(const ModelRegistry& registry);

/** Writes dump_models(registry) to `path` through a temporary file. @throws IoError "cannot_write" */
void save_models(const ModelRegistry& registry, const std::filesystem::path& path);

}  // namespace antq
