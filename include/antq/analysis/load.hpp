#pragma once

/**
 * @file
 * Load: how many roles each unit and each level carries.
 */

#include <array>
#include <cstdint>
#include <vector>

#include <antq/directive/compile.hpp>
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
 * Counts the rows of the responsibility table per unit, role and level.
 * @throws StaleView "stale_result" if the graph changed since compile()
 * Complexity: O(rows + V).
 */
LoadResult load(const Responsibilities& responsibilities, const OrgGraph& graph);

}  // namespace antq
