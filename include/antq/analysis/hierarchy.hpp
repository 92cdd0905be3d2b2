#pragma once

/**
 * @file
 * Hierarchy queries: ancestors, descendants, subtrees and chains of command.
 *
 * Every query walks the frozen view (antq/graph/frozen_graph.hpp). Each has a form taking the view, for a caller
 * that already holds one, and a form taking the graph, which reads graph.freeze(): the view is built once per state
 * of the graph and shared, so the first query after a change costs O(V + E) to freeze, and the next ones only their
 * walk. A view answers for the graph as it was when frozen.
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
 * Complexity: O(V) for the marks, plus the size of the result and their in-degrees.
 */
std::vector<UnitIndex> ancestors(const FrozenGraph& view, UnitIndex u, TieKind kind = TieKind::contains);
/** ancestors() on graph.freeze(). Complexity: O(V + E) after a change of the graph, then as on the view. */
std::vector<UnitIndex> ancestors(const OrgGraph& graph, UnitIndex u, TieKind kind = TieKind::contains);

/**
 * Every unit below `u` along `kind`, nearest first (breadth-first), each once; `u` excluded.
 * @throws NotFound
 * Complexity: O(V) for the marks, plus the size of the result and their out-degrees.
 */
std::vector<UnitIndex> descendants(const FrozenGraph& view, UnitIndex u, TieKind kind = TieKind::contains);
/** descendants() on graph.freeze(). Complexity: O(V + E) after a change of the graph, then as on the view. */
std::vector<UnitIndex> descendants(const OrgGraph& graph, UnitIndex u, TieKind kind = TieKind::contains);

/**
 * The territorial subtree of territory `root`, in index order: `root`, the territories it contains
 * transitively, the bodies serving them and the posts heading those bodies (FrozenGraph::within()).
 * @throws NotFound; InvalidInput "not_a_territory"
 * Complexity: O(k log k) for a subtree of k units.
 */
std::vector<UnitIndex> subtree(const FrozenGraph& view, UnitIndex root);
/** subtree() on graph.freeze(). Complexity: O(V + E) after a change of the graph, then as on the view. */
std::vector<UnitIndex> subtree(const OrgGraph& graph, UnitIndex root);

/**
 * Every chain of command from `u` to the top: each path starts at `u` and follows `directs` upward
 * until a unit with no superior. Dual subordination gives several paths. Paths are ordered by the
 * superiors' tie order at each step.
 * @param max_paths guard against combinatorial growth in dense hierarchies
 * @throws NotFound; InvalidInput "too_many_paths" if more than `max_paths` paths exist
 * Complexity: O(total length of the paths).
 */
std::vector<std::vector<UnitIndex>> chains_of_command(const FrozenGraph& view, UnitIndex u,
                                                      std::size_t max_paths = 1024);
/** chains_of_command() on graph.freeze(). Complexity: O(V + E) after a change of the graph, then as on the view. */
std::vector<std::vector<UnitIndex>> chains_of_command(const OrgGraph& graph, UnitIndex u,
                                                      std::size_t max_paths = 1024);

/**
 * For every unit index, the territory at `level` it lies in: its area (the territory itself, the one a body serves,
 * the one a post's body serves) or the territory containing that area, at any depth. An invalid UnitIndex where
 * there is none (a unit above `level`, a removed unit, a level the graph's structure lacks). Each territory is
 * resolved once, so a whole graph costs O(V + E).
 */
std::vector<UnitIndex> territories_at(const FrozenGraph& view, Level level);
/** territories_at() on graph.freeze(): the same answer. */
std::vector<UnitIndex> territories_at(const OrgGraph& graph, Level level);

}  // namespace antq
