#pragma once

/**
 * @file
 * Batched queries on a FrozenGraph: many units in, one answer per unit out, into the caller's buffer.
 */

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/tie_kind.hpp>

/**
 * The queries Python's FrozenGraph answers for a whole NumPy array at once. Each reads the view only (any number of
 * threads may run them at once), writes `out[i]` for `units[i]` and allocates nothing but its result; `out` must be
 * as long as `units`. Units come from checked_units() (or are known to be alive): the answers do not check them again.
 */
namespace antq::batch {

/**
 * `raw` (e.g. a NumPy array of int64) as unit indices of `view`, in order.
 * @param what the argument's name in errors: the first value naming no unit is reported at `what[i]`
 * @throws NotFound "unknown_unit" at `what[i]` for the first value that is negative, beyond the view or a removed unit
 * Complexity: O(|raw|).
 */
std::vector<UnitIndex> checked_units(const FrozenGraph& view, std::span<const std::int64_t> raw, std::string_view what);

/** Every unit of the view, in index order. Complexity: O(unit_capacity()). */
std::vector<UnitIndex> all_units(const FrozenGraph& view);

/** The kind of each unit as its code (its position in the list of unit kinds). Complexity: O(|units|). */
void kinds(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int8_t> out);

/** The level of each unit as its code (its position in all_levels). Complexity: O(|units|). */
void levels(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int8_t> out);

/**
 * The single parent of each unit along `kind` (FrozenGraph::parent), -1 for a root.
 * @throws HierarchyError "several_parents" naming the first unit with more than one
 * Complexity: O(|units|).
 */
void parents(const FrozenGraph& view, std::span<const UnitIndex> units, TieKind kind, std::span<std::int64_t> out);

/** The territory of each unit (FrozenGraph::area), -1 for none. Complexity: O(|units|). */
void areas(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int64_t> out);

/**
 * Whether each unit lies within territory `root` (FrozenGraph::territory_mask's meaning).
 * @throws NotFound; InvalidInput "not_a_territory"
 * Complexity: O(V) for the flags, O(size of the subtree + |units|) for the walk and the answers.
 */
void within(const FrozenGraph& view, UnitIndex root, std::span<const UnitIndex> units, std::span<bool> out);

}  // namespace antq::batch
