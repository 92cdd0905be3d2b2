#pragma once

/**
 * @file
 * Load: how many roles each unit and each level carries.
 */

#include <array>
#include <cstdint>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** Role counts, indexed by Role. */
using RoleCounts = std::array<std::uint32_t, 5>;

/** The roles each unit holds, and their totals per level. */
struct LoadResult {
    struct Entry {
        UnitIndex unit;
        RoleCounts roles{};
        /** lead + coordinate + monitor: the work, as opposed to advising and being informed. */
        std::uint32_t weight() const noexcept;
    };
    /** Every unit holding at least one role, in index order. */
    std::vector<Entry> units;
    /** Role counts per level, indexed by Level. */
    std::array<RoleCounts, 5> by_level{};

    /** The `n` heaviest units by weight(), ties broken by index. */
    std::vector<Entry> most_loaded(std::size_t n) const;
};

/**
 * Counts the rows of the responsibility table per unit, role and level, the levels read from `view`, the frozen view
 * of `graph`, the graph the table was compiled on.
 * @throws StaleView "stale_view" if `view` is not a view of `graph` as it is now; "stale_result" if the graph
 *         changed since compile()
 * Complexity: O(rows + V).
 */
LoadResult load(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph);
/** load(responsibilities, view, graph) on graph.freeze(), which compile() has already built. */
LoadResult load(const Responsibilities& responsibilities, const OrgGraph& graph);

}  // namespace antq
