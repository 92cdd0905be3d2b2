#pragma once

/**
 * @file
 * Accountability: who answers for a unit and for a task, up to the issuer's head.
 *
 * Both read the frozen view (antq/graph/frozen_graph.hpp): the forms taking the graph read graph.freeze(), built once
 * per state of the graph and shared.
 */

#include <array>
#include <optional>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** A unit's head and its chain of superiors up to the top body. */
struct UnitAccountability {
    UnitIndex unit;
    /** The post heading the unit, if any. */
    std::optional<UnitIndex> head;
    /** The shortest chain of `directs` superiors from the unit (first) to the top body (last); empty if none. */
    std::vector<UnitIndex> chain;
    /** The head post of each unit of `chain`, position for position. */
    std::vector<std::optional<UnitIndex>> chain_heads;
    /** True if `chain` reaches the top body. */
    bool reaches_top() const noexcept { return !chain.empty(); }
};

/**
 * The head of `unit` and its shortest chain of superiors along `directs` up to `top` (for a provincial
 * directive, the provincial People's Committee, headed by its Chairman). An empty chain means the body does not
 * answer to `top` through subordination.
 * @throws NotFound "unknown_unit"; InvalidInput "not_a_body" for a territory (naming the bodies serving it) or a
 *         post (naming the body it heads): subordination runs between bodies
 * Complexity: O(V) for the marks, plus the bodies above `unit` along `directs` and their `directs` in-ties.
 */
UnitAccountability accountability(const FrozenGraph& view, UnitIndex unit, UnitIndex top);
/** accountability() on graph.freeze(). Complexity: O(V + E) after a change of the graph, then as on the view. */
UnitAccountability accountability(const OrgGraph& graph, UnitIndex unit, UnitIndex top);

/** For one task: the units leading it and their heads, per level. */
struct TaskAccountability {
    std::uint32_t task = 0;
    /** Per level (indexed by Level): (lead unit, its head post if any), in index order. */
    std::array<std::vector<std::pair<UnitIndex, std::optional<UnitIndex>>>, 5> by_level;
};

/**
 * The heads accountable for task `task` at each level: the head posts of its lead units, read from `view`, the
 * frozen view of `graph`, the graph the table was compiled on.
 * @throws StaleView "stale_view" if `view` is not a view of `graph` as it is now; "stale_result" if the graph
 *         changed since compile()
 * Complexity: O(lead units of the task).
 */
TaskAccountability accountability(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph,
                                  std::uint32_t task);
/** accountability(responsibilities, view, graph, task) on graph.freeze(), which compile() has already built. */
TaskAccountability accountability(const Responsibilities& responsibilities, const OrgGraph& graph, std::uint32_t task);

}  // namespace antq
