#pragma once

/**
 * @file
 * Coordination: the pairs a directive makes work together, against the ties that exist.
 */

#include <cstdint>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** Two units that must coordinate: a lead and a coordinator of one task serving the same territory. */
struct CoordinationPair {
    UnitIndex lead;
    UnitIndex partner;
    /** The tasks that require the pair, as indices into Directive::tasks. */
    std::vector<std::uint32_t> tasks;
    /** Kinds of the ties that already join the two, either way (empty: a gap). */
    std::vector<TieKind> ties;
    bool is_gap() const noexcept { return ties.empty(); }
};

/** Every required pair, ordered by (lead, partner) index. */
struct CoordinationResult {
    std::vector<CoordinationPair> pairs;
    /** The pairs with no tie between them. */
    std::vector<CoordinationPair> gaps() const;
};

/**
 * For each task, pairs every lead with every coordinator that serves the same territory (the same
 * area()), and looks for a tie of any kind between them, either way: both read from `view`, the frozen view of
 * `graph`, the graph the table was compiled on.
 * @throws StaleView "stale_view" if `view` is not a view of `graph` as it is now; "stale_result" if the graph
 *         changed since compile()
 * Complexity: O(tasks × rows + pairs × degree).
 */
CoordinationResult coordination(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph);
/** coordination(responsibilities, view, graph) on graph.freeze(), which compile() has already built. */
CoordinationResult coordination(const Responsibilities& responsibilities, const OrgGraph& graph);

}  // namespace antq
