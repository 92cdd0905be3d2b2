#pragma once

/** @file Graphviz DOT export, written by Boost.Graph's write_graphviz. */

#include <filesystem>
#include <iosfwd>
#include <optional>

#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>

namespace antq {

/** What to draw. */
struct DotOptions {
    /** Only units this selector picks (ties between two picked units are drawn); all units if empty. */
    std::optional<Selector> units;
    /** Draw ties of these kinds only; every kind if empty. */
    std::vector<TieKind> tie_kinds;
};

/**
 * Writes the graph in Graphviz DOT, top-down: territories as boxes, bodies as rounded boxes, posts as
 * ellipses, one colour per level, tie kind as the edge label and style.
 */
void write_dot(std::ostream& out, const OrgGraph& graph, const DotOptions& options = {});

/** As above, to a file. @throws IoError "cannot_write" */
void save_dot(const OrgGraph& graph, const std::filesystem::path& path, const DotOptions& options = {});

}  // namespace antq
