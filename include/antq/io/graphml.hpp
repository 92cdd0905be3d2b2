#pragma once

/**
 * @file
 * GraphML export, written by Boost.Graph's write_graphml.
 */

#include <filesystem>
#include <iosfwd>

#include <antq/graph/org_graph.hpp>

namespace antq {

/**
 * Writes the graph as GraphML (directed). Node data: `id` (persistent id), `name`, `kind`, `level`,
 * `attributes` (a JSON text); edge data: `kind`, `attributes`. Nodes are numbered n0, n1, ... in
 * unit index order with removed units skipped.
 */
void write_graphml(std::ostream& out, const OrgGraph& graph);

/** As above, to a file. @throws IoError "cannot_write" */
void save_graphml(const OrgGraph& graph, const std::filesystem::path& path);

}  // namespace antq
