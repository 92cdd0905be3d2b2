#pragma once

/**
 * @file
 * Hierarchy queries: ancestors, descendants, subtrees and chains of command.
 */

#include <cstddef>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/level.hpp>
#include <antq/model/tie_kind.hpp>

namespace antq {

/**
 * Every unit above `u` along `kind` (parents, their parents, ...), nearest first (breadth-first), each once.
 * With `directs` this follows both lines of a dual subordination.
 * @throws NotFound
 * Complexity: O(size of the result + their in-degrees).
 */
std::vector<UnitIndex> ancestors(const OrgGraph& graph, UnitIndex u, TieKind kind = TieKind::contains);

/**
 * Every unit below `u` along `kind`, nearest first (breadth-first), each once; `u` excluded.
 * @throws NotFound
 * Complexity: O(size of the result + their out-degrees).
 */
std::vector<UnitIndex> descendants(const OrgGraph& graph, UnitIndex u, TieKind kind = TieKind::contains);

/**
 * The territorial subtree of territory `root`, in index order: `root`, the territories it contains
 * transitively, the bodies serving them and the posts heading those bodies.
 * @throws NotFound; InvalidInput "not_a_territory"
 * Complexity: O(V + E).
 */
std::vector<UnitIndex> subtree(const OrgGraph& graph, UnitIndex root);

/**
 * Every chain of command from `u` to the top: each path starts at `u` and follows `directs` upward
 * until a unit with no superior. Dual subordination gives several paths. Paths are ordered by the
 * superiors' tie order at each step.
 * @param max_paths guard against combinatorial growth in dense hierarchies
 * @throws NotFound; InvalidInput "too_many_paths" if more than `max_paths` paths exist
 * Complexity: O(total length of the paths).
 */
std::vector<std::vector<UnitIndex>> chains_of_command(const OrgGraph& graph, UnitIndex u,
                                                      std::size_t max_paths = 1024);

/**
 * For every unit index, the territory at `level` it lies in: its area (the territory itself, the one a body serves,
 * the one a post's body serves) or the territory containing that area, at any depth. An invalid UnitIndex where
 * there is none (a unit above `level`, a removed unit, a level the graph's structure lacks). Each territory is
 * resolved once, so a whole graph costs O(V + E).
 */
std::vector<UnitIndex> territories_at(const OrgGraph& graph, Level level);
/** territories_at() on the frozen view: the same answer, read from its compact rows. */
std::vector<UnitIndex> territories_at(const FrozenGraph& graph, Level level);

}  // namespace antq
