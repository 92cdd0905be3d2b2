#pragma once

/**
 * @file
 * Building a whole graph at once from units and ties named by id, as files and DataFrames give them.
 */

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/model/level.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq {

/** A unit as a bulk build receives it: the level may be left out where it can be derived. */
struct UnitSpec {
    std::string id;
    std::string name;
    UnitKind kind = UnitKind::agency;
    /** Left out: a territory takes its kind's level, a body the level of the territory it serves, a post the level
     *  of the body it heads. */
    std::optional<Level> level;
    Object attributes;
};

/**
 * How errors name the parts of the input: "g.json:/units/3/id" for a JSON document (source "g.json", units
 * "/units/", ties "/ties/", separator "/"), "units row 3 id" for DataFrames (no source, "units row ", "ties row ",
 * " ").
 */
struct InputPlaces {
    std::string source;            ///< the document's name; empty for data that has none
    std::string units = "/units/"; ///< unit i is units + i
    std::string ties = "/ties/";   ///< tie i is ties + i
    std::string separator = "/";   ///< between a unit or tie and one of its fields

    /** Unit i, with the source in front. */
    std::string unit(std::size_t i) const;
    /** Tie i, with the source in front. */
    std::string tie(std::size_t i) const;
};

/**
 * Adds `units`, then `ties`, to the empty `graph` and validates the result, all or nothing (on an error the graph
 * is left empty). Ids must be unique,
 * every tie end must name one of `units`, and every unit's level must be given or derivable (UnitSpec::level).
 * Subordination cycles are checked once at the end, so the build stays linear.
 * @throws InvalidInput "duplicate_id", "dangling_reference", "missing_field" (no level, none derivable), and what
 *         OrgGraph::add_unit, add_ties and validate() throw; where() names the unit or tie by `places`
 * Complexity: O(V + E) expected.
 */
void build(OrgGraph& graph, std::vector<UnitSpec> units, const std::vector<TieSpec>& ties, const InputPlaces& places);

/**
 * Adds one unit together with the tie that places it: a body serving the territory `area`, or a post heading the
 * body `heads`. A level left out comes from the unit's kind (a territory), else from `area` or `heads`. All or
 * nothing: if the tie is refused, the unit is removed again (its index stays a hole).
 * @returns the new unit's index
 * @throws InvalidInput "missing_field" (no level, and nothing to derive it from), "wrong_endpoint" (an area for a
 *         unit that is not a body, a body to head for one that is not a post); NotFound "unknown_unit" (area or
 *         heads); and what OrgGraph::add_unit and add_tie throw. where() is "unit '<id>'" for the first two.
 */
UnitIndex add_placed_unit(OrgGraph& graph, UnitSpec unit, const std::optional<std::string>& area = std::nullopt,
                          const std::optional<std::string>& heads = std::nullopt);

}  // namespace antq
