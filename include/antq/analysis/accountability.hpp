#pragma once

/**
 * @file
 * Accountability: who answers for a unit and for a task, up to the issuer's head.
 */

#include <array>
#include <optional>
#include <vector>

#include <antq/directive/compile.hpp>
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
 * Complexity: O(V + E).
 */
UnitAccountability accountability(const OrgGraph& graph, UnitIndex unit, UnitIndex top);

/** For one task: the units leading it and their heads, per level. */
struct TaskAccountability {
    std::uint32_t task = 0;
    /** Per level (indexed by Level): (lead unit, its head post if any), in index order. */
    std::array<std::vector<std::pair<UnitIndex, std::optional<UnitIndex>>>, 5> by_level;
};

/**
 * The heads accountable for task `task` at each level: the head posts of its lead units.
 * @throws StaleView "stale_result" if the graph changed since compile()
 */
TaskAccountability accountability(const Responsibilities& responsibilities, const OrgGraph& graph, std::uint32_t task);

}  // namespace antq
