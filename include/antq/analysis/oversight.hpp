#pragma once

/**
 * @file
 * Oversight: who watches whom under a directive, and which bound units no one watches.
 */

#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** The monitors of a directive and what they cover. */
struct OversightResult {
    struct Monitor {
        UnitIndex unit;
        /** The units this monitor watches, from its own targets under each monitor assignment, in index order. */
        std::vector<UnitIndex> watches;
    };
    /** Every unit holding the monitor role, in index order. */
    std::vector<Monitor> monitors;
    /** Bound units (lead, coordinate, advise) that no monitor watches, monitors themselves excluded. */
    std::vector<UnitIndex> unmonitored;
};

/**
 * Collects each monitor's targets under every monitor assignment (Responsibilities::targets(task, assignment, unit):
 * within its own territory where the assignment says so), and the bound units left outside all of them. Everything
 * it reads is in the table (compile() resolved the targets); of the graph it reads only the size, so it walks no
 * ties and has no form taking the frozen view.
 * @throws StaleView "stale_result" if the graph changed since compile()
 * Complexity: O(rows + V + sum over monitor assignments and their assignees of each one's targets): each monitor's list is
 * materialised, so N units monitoring each other cost N² entries.
 */
OversightResult oversight(const Responsibilities& responsibilities, const OrgGraph& graph);

}  // namespace antq
