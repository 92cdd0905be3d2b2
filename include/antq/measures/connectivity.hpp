#pragma once

/**
 * @file
 * Connectivity of a typed view: components, articulation points and bridges, and what cuts whom from a source.
 */

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/measures/tie_view.hpp>

namespace antq {

/** How components of a directed view are read. */
enum class Connection : std::uint8_t {
    weak,   ///< joined by a path when ties are read both ways (the only reading of an undirected view)
    strong  ///< each reaches the other along the ties' direction
};

/** The components of a view. */
struct ComponentsResult {
    /** The view's units, in index order. */
    std::vector<UnitIndex> units;
    /** Component of each unit: 0, 1, ... numbered in the order of their first unit. */
    std::vector<std::uint32_t> component;
    /** Number of components. */
    std::uint32_t count = 0;
    GraphStamp stamp;
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Connected components of `view`: a breadth-first search per component (weak), Tarjan's algorithm (1972) for
 * Connection::strong on a directed view.
 * @throws InvalidInput "no_tie_kind"; NotFound for a selector naming an id the graph lacks
 * Complexity: O(V + E).
 */
ComponentsResult components(const OrgGraph& graph, const TieView& view, Connection connection = Connection::weak);
/** components() on a frozen view (the result carries its stamp). @throws as above, and InvalidInput "needs_graph" for
 *  a view that selects units. */
ComponentsResult components(const FrozenGraph& graph, const TieView& view, Connection connection = Connection::weak);

/** A unit whose removal disconnects its component, ties read both ways. */
struct ArticulationPoint {
    UnitIndex unit;
    /** Pieces its component falls into without it: the biconnected components it belongs to (≥ 2). */
    std::uint32_t pieces = 0;
};

/** A pair of units whose link is the only path between two parts of a component, ties read both ways. */
struct Bridge {
    UnitIndex source;  ///< the end with the smaller index
    UnitIndex target;
    /** Ties of the view joining the pair, either way: with more than one, no single tie's loss cuts anything. */
    std::uint32_t ties = 0;
    /** Units on the smaller side of the cut. */
    std::uint32_t separated = 0;
};

/** Articulation points and bridges of a view, read undirected. */
struct CutResult {
    /** In unit index order. */
    std::vector<ArticulationPoint> articulation_points;
    /** Ordered by (source, target). */
    std::vector<Bridge> bridges;
    GraphStamp stamp;
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Articulation points and bridges of `view` with every tie read both ways (view.directed is ignored), by one
 * depth-first search (Hopcroft & Tarjan 1973): a bridge is a biconnected component of one edge.
 * @throws InvalidInput "no_tie_kind"; NotFound for a selector naming an id the graph lacks
 * Complexity: O(V + E).
 */
CutResult cuts(const OrgGraph& graph, const TieView& view);
/** cuts() on a frozen view (the result carries its stamp). @throws as above, and InvalidInput "needs_graph" for a view
 *  that selects units. */
CutResult cuts(const FrozenGraph& graph, const TieView& view);

/** A unit or a tie every path from the source to some units runs through. */
struct SourceCut {
    /** The unit (for a unit cut) or the tie's source. */
    UnitIndex unit;
    /** The tie's target; invalid for a unit cut. */
    UnitIndex target;
    /** The tie (the only one of the view from unit to target); invalid for a unit cut. */
    TieIndex tie;
    /** Units the source no longer reaches without it (the unit itself not counted). */
    std::uint32_t cut_off = 0;
};

/** What a directed view's source depends on: dominators (Lengauer & Tarjan 1979). */
struct SourceCutResult {
    UnitIndex source;
    /** Units of the view the source reaches (itself included). */
    std::uint32_t reached = 0;
    /** Per reached unit (index order): the nearest unit every path from the source to it runs through (its
     *  immediate dominator); the source's own entry is invalid. */
    std::vector<std::pair<UnitIndex, UnitIndex>> immediate;
    /** Units other than the source that cut off at least one unit, by cut_off descending then index. */
    std::vector<SourceCut> units;
    /** Ties that alone cut off at least one unit, by cut_off descending then (source, target). */
    std::vector<SourceCut> ties;
    GraphStamp stamp;
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Which single unit or tie of `view` cuts whom from `source`, along the ties' direction (both ways on an
 * undirected view), e.g. the forwarding network from a directive's issuer: unit u cuts off v when every path from the source to v passes through u
 * (u dominates v); a tie cuts off v when every path uses it. Lengauer and Tarjan's dominator tree (1979, simple
 * version), read in place from the view with each arc taken as a vertex of its own.
 * @throws InvalidInput "no_tie_kind", "not_in_view" (the source has no tie of the view or is not selected);
 *         NotFound for a selector naming an id the graph lacks
 * Complexity: O((V + E) log(V + E)).
 */
SourceCutResult cuts_from(const OrgGraph& graph, UnitIndex source, const TieView& view);
/** cuts_from() on a frozen view (the result carries its stamp). @throws as above, and InvalidInput "needs_graph" for a
 *  view that selects units. */
SourceCutResult cuts_from(const FrozenGraph& graph, UnitIndex source, const TieView& view);

}  // namespace antq
