#pragma once

/**
 * @file
 * What differs between two graphs of the same country at two dates.
 */

#include <string>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/restructure/apply.hpp>

namespace antq {

/** One difference between two graphs, about one unit. */
struct UnitChange {
    /** "created", "abolished", "merged" (into one unit), "split" (into several), "renamed", "retyped" or "moved". */
    std::string change;
    std::string id;      ///< the unit's id (before, for abolished, merged and split; after otherwise)
    UnitKind kind = UnitKind::commune;
    Level level = Level::commune;
    std::string before;  ///< the old name, type or container; empty for "created"
    std::string after;   ///< the new name, type or container; the successors' ids, comma-separated, for merged and split
    friend bool operator==(const UnitChange&, const UnitChange&) = default;
};

/** Which units diff() compares. */
struct DiffOptions {
    /** The id map of the apply() that led from `before` to `after`: without it, units are matched by id alone. */
    const IdMap* ids = nullptr;
    /** Only territories (provinces, districts, communes ...), not bodies and posts. */
    bool territories_only = false;
};

/**
 * The differences from `before` to `after`: abolished, merged and split units in `before`'s index order, then
 * created, renamed, retyped and moved ones in `after`'s. A unit's container is the territory containing it (a
 * territory) or served (a body) or the body headed (a post). With an id map, a unit whose id lives on but that
 * the map says merged into another (a GSO code reused for a new unit) counts as ended, and the new unit as created.
 * Reads ids, kinds and ties from both graphs' frozen views (OrgGraph::freeze(), made once per state of a graph).
 * Complexity: O(V + E) of both graphs, plus the id map's rows.
 */
std::vector<UnitChange> diff(const OrgGraph& before, const OrgGraph& after, const DiffOptions& options = {});

}  // namespace antq
