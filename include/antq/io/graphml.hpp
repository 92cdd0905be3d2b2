#pragma once

/**
 * @file
 * GraphML: written for the graph tools (NetworkX, igraph, graph-tool, Gephi, yEd) and read back.
 */

#include <filesystem>
#include <iosfwd>
#include <string_view>

#include <antq/graph/org_graph.hpp>
#include <antq/io/read_limits.hpp>

namespace antq {

/** The version of antq's GraphML conventions, written as the graph's `antq_version` (docs/data-format.md). */
inline constexpr int graphml_version = 1;

/**
 * Writes the graph as directed GraphML (docs/data-format.md, "GraphML"). Node ids are unit ids, edge ids `e0`, `e1`,
 * ... in tie order. Typed keys: `name`, `kind`, `level` on nodes, `kind` on edges, `name`, `structure`,
 * `antq_format`, `antq_version` on the graph, and one key per free attribute, typed `int`, `long`, `double`,
 * `boolean` or `string` when all its values share that type. An attribute with nested, null or mixed values (or
 * a string XML cannot hold, or an empty one) is written as JSON text under the name `<attribute>.json`, and so is
 * one named like a fixed key or ending in `.json`. Output is deterministic: keys sorted by name.
 * @throws InvalidInput "not_representable" for a graph name or attribute name holding characters XML 1.0 cannot
 *         hold (control characters other than tab and line breaks, U+FFFE, U+FFFF); "non_finite_number"
 */
void write_graphml(std::ostream& out, const OrgGraph& graph);

/** As above, to a file, through a temporary file so a failure never leaves half a file. @throws IoError "cannot_write" */
void save_graphml(const OrgGraph& graph, const std::filesystem::path& path);

/**
 * Parses GraphML: antq's own, and GraphML another tool (NetworkX) wrote from an antq graph. Nodes need data `name`
 * and `kind` (and `level` where it cannot be derived, as in the JSON format); edges need `kind`. Typed keys give
 * typed attributes; with the graph's `antq_format` present, `<attribute>.json` keys are decoded and `structure`
 * is applied.
 * @param text   the document
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput tags "malformed_xml", "dtd_not_allowed", "unknown_entity", "too_deep" (where: the source and
 *         a line), "not_graphml", "unsupported_graphml" (hyperedges, ports, nested graphs, an undirected graph),
 *         "unknown_key", "duplicate_key", "duplicate_data", "wrong_type", "missing_field", "unknown_kind",
 *         "unknown_level", "unknown_structure", "unsupported_version", "number_out_of_range",
 *         "non_finite_number", "malformed_json" (a `.json` value; where: source, line, element and key),
 *         and what building the graph throws, where() naming "node <i>" or "edge <i>" (from 0, in file order);
 *         IoError "too_large" for a text longer than limits.max_bytes
 * Complexity: linear in the text.
 */
OrgGraph parse_graphml(std::string_view text, std::string_view source = "<string>", const ReadLimits& limits = {});

/**
 * Reads a GraphML file, as parse_graphml.
 * @throws IoError "cannot_read" if it cannot be read or is not a regular file (a directory, a FIFO, a device),
 *         "too_large" if it holds more than limits.max_bytes; otherwise as parse_graphml
 */
OrgGraph read_graphml(const std::filesystem::path& path, const ReadLimits& limits = {});

/**
 * Undoes antq's GraphML conventions on a graph built from what another tool read from antq's GraphML (NetworkX's
 * read_graphml, then OrgGraph.from_networkx): if the graph's attributes hold `antq_format`, they are checked and
 * dropped with `antq_version` (and the empty `node_default` and `edge_default` NetworkX adds), `structure` is applied,
 * and every `<attribute>.json` string attribute of the graph,
 * its units and its ties becomes `<attribute>` with the value decoded. Without `antq_format` nothing changes.
 * @throws InvalidInput "unsupported_version", "unknown_structure", "malformed_json" (naming the unit or tie and
 *         attribute), "duplicate_key" (both `a` and `a.json`); HierarchyError as OrgGraph::set_structure
 * Complexity: O(V + E + attributes).
 */
void restore_graphml_attributes(OrgGraph& graph);

}  // namespace antq
