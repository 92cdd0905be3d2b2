#pragma once

/**
 * @file
 * Reading and writing graphs as JSON (format "antq.orggraph", version 1; docs/data-format.md).
 */

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include <antq/graph/org_graph.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/** Limits the graph reader enforces, so hostile input fails fast instead of exhausting the machine. */
struct JsonLimits {
    /**
     * Deepest nesting of arrays and objects accepted anywhere in a document. The default fits every graph the API
     * can build (document, "units", a unit, "attributes", then max_value_depth levels of attribute values).
     */
    std::size_t max_depth = 64;
    /** The largest file or text accepted, in bytes; larger is refused with IoError "too_large". */
    std::uint64_t max_bytes = default_max_file_bytes;
};

/**
 * Parses a graph document. Field by field: docs/data-format.md.
 * @param text   the document
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput (tags "malformed_json", "too_deep", "wrong_type", "missing_field", "unknown_field",
 *         "unknown_kind", "unknown_level", "duplicate_id", "dangling_reference", "number_out_of_range",
 *         "unsupported_version", "not_a_graph", ...) or HierarchyError. where() starts with the source: then a JSON
 *         pointer ("g.json:/ties/3/target"), a line and column for syntax errors, a pointer followed by the
 *         units involved for structural errors, or the cycle's units for a subordination cycle; IoError "too_large"
 *         for a text longer than limits.max_bytes
 */
OrgGraph parse_graph(std::string_view text, std::string_view source = "<string>", const JsonLimits& limits = {});

/**
 * Reads a graph file.
 * @throws IoError "cannot_read" if it cannot be read or is not a regular file (a directory, a FIFO, a device),
 *         "too_large" if it holds more than limits.max_bytes; otherwise as parse_graph
 */
OrgGraph load_graph(const std::filesystem::path& path, const JsonLimits& limits = {});

/**
 * The graph as a JSON document: units in index order, then ties, one record per line.
 * @throws InvalidInput "non_finite_number" if an attribute holds NaN or infinity
 */
std::string dump_graph(const OrgGraph& graph);

/** Writes dump_graph(graph) to `path`, through a temporary file so a failure never leaves half a file. */
void save_graph(const OrgGraph& graph, const std::filesystem::path& path);

}  // namespace antq
