#pragma once

/**
 * @file
 * TieView: which ties of a graph a measure reads, in which direction, over which units.
 */

#include <optional>
#include <string>
#include <vector>

#include <antq/graph/selector.hpp>
#include <antq/model/tie_kind.hpp>

namespace antq {

/**
 * A typed view of an OrgGraph, as the graph measures read it: the ties of some kinds, seen as a simple graph.
 *
 * - Vertices: the units `units` picks (units without a tie of the view stay in it, as isolates); by default
 *   every unit with at least one tie of `kinds`. Ties with an end outside the vertices are left out.
 * - Edges: directed (`directed`, the default), one arc per ordered pair however many ties of the chosen kinds
 *   run that way; a `coordinates` tie is one tie per pair read both ways (model/tie_kind.hpp), so it gives
 *   both arcs. Undirected: one edge per pair of units joined by any tie of the chosen kinds, either way.
 *
 * A measure builds the view from the graph's frozen view (OrgGraph::freeze(), cached until the graph changes),
 * reading only the ties of `kinds`: O(V + E_kinds). Without `units`, the view is built once per state of the graph
 * and kept on the frozen view (FrozenGraph::derived()) for the measures after.
 */
struct TieView {
    /** The tie kinds read; at least one. */
    std::vector<TieKind> kinds;
    /** False: every tie is read both ways, and the view is an undirected graph. */
    bool directed = true;
    /** The vertex set; std::nullopt: every unit with a tie of `kinds`. */
    std::optional<Selector> units;

    /** The ties of `kinds`, directed, over every unit that has one. */
    static TieView of(std::vector<TieKind> kinds) { return TieView{std::move(kinds), true, std::nullopt}; }
    /** The ties of `kinds`, read both ways, over every unit that has one. */
    static TieView undirected(std::vector<TieKind> kinds) { return TieView{std::move(kinds), false, std::nullopt}; }
    /** "directs+forwards (directed)", for messages. */
    std::string to_string() const;
};

}  // namespace antq
