#pragma once

// Building a graph from parts that the library's own code has already checked: restructure's apply() makes its graph
// after this way rather than through build(), which would check again every id, name and tie that the graph before
// guarantees. Only src/ includes this.

#include <cstdint>
#include <vector>

#include <antq/graph/builder.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit.hpp>
#include <antq/model/value.hpp>

namespace antq::detail {

/** A unit for assemble(). */
struct AssembledUnit {
    Unit unit;
    /**
     * True when its id, name and attributes are those of a unit of a valid graph, unchanged (so well formed and in
     * stored form): only its level, its kind and its code are checked again. False: checked as add_unit() checks.
     */
    bool texts_kept = false;
};

/** A tie for assemble(), its ends given by position in the units. */
struct AssembledTie {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    TieKind kind = TieKind::coordinates;
    Object attributes;
    /**
     * True for a tie of a valid graph whose ends kept their kinds and levels there, given (with the others of that
     * graph) before any tie that is not: it breaks no rule of add_tie() that it kept in that graph, and is not checked
     * again; containment against another structure is the caller's to check. False: checked as add_tie() checks it,
     * against the ties before it.
     */
    bool kept = false;
};

/** Builds graphs from parts already checked; the one class besides OrgGraph that writes its members. */
class Assembly {
public:
    /**
     * Fills the empty `into` with `units` (unit i gets index i) and `ties`, in order, then validates it, all or
     * nothing, answering as build() would for the same units and ties named by id: ids unique ("duplicate_id"), and
     * every unit and tie not marked kept checked as add_unit() and add_ties() check them, errors placed by `places`.
     * The ends of every tie must be positions in `units`.
     * Complexity: O(V + E) expected.
     */
    static void assemble(OrgGraph& into, std::vector<AssembledUnit> units, std::vector<AssembledTie> ties,
                         const InputPlaces& places);
};

/** The last step of build() and Assembly::assemble(): `graph` validated whole (its errors placed under the source of
 *  `places`), then swapped into `into`. */
void validate_into(OrgGraph& graph, OrgGraph& into, const InputPlaces& places);

}  // namespace antq::detail
