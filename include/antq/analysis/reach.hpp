#pragma once

/**
 * @file
 * Reach: does the directive get to every unit it binds, through the forwarding ties?
 */

#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** Which bound units the recipients reach along `forwards` ties, and by which path. */
struct ReachResult {
    /** Units the recipients list designates. */
    std::vector<UnitIndex> recipients;
    /** Units holding lead, coordinate, advise or monitor. */
    std::vector<UnitIndex> bound;
    /** Bound units no forwarding path reaches, in index order. */
    std::vector<UnitIndex> unreached;
    /** Per unit index: the unit it received the text from, or an invalid index for recipients and unreached units. */
    std::vector<UnitIndex> received_from;

    /** True if `u` is a recipient or reachable from one. */
    bool reached(UnitIndex u) const;
    /** The forwarding path from a recipient to `u` (both included); empty if `u` is not reached. */
    std::vector<UnitIndex> path_to(UnitIndex u) const;

    /** Per unit index: reached through forwarding (recipients included). */
    std::vector<bool> reached_mask;
    /** The graph the analysis ran on: path_to() by unit index means nothing on another one. */
    GraphStamp stamp;
    /** @throws StaleView "stale_result" if `graph` is not the graph analysed, or changed since. */
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Follows `forwards` ties breadth-first from every recipient, along the rows of `view`, the frozen view of `graph`,
 * the graph the table was compiled on. Commune People's Committees are not on the recipients list of the 2024
 * directive; they are reached through the district People's Committees. The result is stamped with `graph`.
 * @throws StaleView "stale_view" if `view` is not a view of `graph` as it is now; "stale_result" if the graph
 *         changed since compile()
 * Complexity: O(V) for the marks, plus the reached units and their `forwards` ties.
 */
ReachResult reach(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph);
/** reach(responsibilities, view, graph) on graph.freeze(), which compile() has already built. */
ReachResult reach(const Responsibilities& responsibilities, const OrgGraph& graph);

}  // namespace antq
