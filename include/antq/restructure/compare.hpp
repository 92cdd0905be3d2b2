#pragma once

/**
 * @file
 * A directive compiled on two graphs (before and after a change, or a what-if), measure by measure.
 */

#include <cstdint>
#include <string>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** One figure of a directive compiled on two graphs. */
struct ComparedMeasure {
    std::string section;  ///< "reach", "load", "chains" or "coordination"
    std::string measure;  ///< e.g. "units bound", "load district lead", "chain steps commune"
    double before = 0.0;  ///< the figure on the graph before
    double after = 0.0;   ///< the figure on the graph after
    /** How many of the units behind each figure are synthetic ("synthetic": true): the figure rests on made-up units. */
    std::uint32_t before_synthetic = 0;
    std::uint32_t after_synthetic = 0;  ///< see before_synthetic
    /** after - before. */
    double change() const noexcept { return after - before; }
};

/** A coordination pair (lead and partner, by id) whose requirement or tie differs between the two graphs. */
struct ComparedPair {
    std::string lead;     ///< the lead's id
    std::string partner;  ///< the coordinator's id
    bool before = false;      ///< required on the graph before
    bool after = false;       ///< required on the graph after
    bool gap_before = false;  ///< required before with no tie between the two
    bool gap_after = false;   ///< required after with no tie between the two
    bool synthetic = false;   ///< either unit is synthetic on a graph that has it
};

/** The two compiled tables side by side. */
struct Comparison {
    /** Reach, load per level and role, chains of command per level, coordination; rows zero on both sides left out. */
    std::vector<ComparedMeasure> measures;
    /** Pairs required on one side only, or a gap on one side only, ordered by lead then partner id. */
    std::vector<ComparedPair> pairs;
    /** What the translation onto the graph after left out (Responsibilities::dropped() of `after`). */
    std::vector<std::string> dropped;
};

/**
 * Sets `before` (compiled on `before_graph`) and `after` (on `after_graph`) side by side:
 * - reach: units bound, recipients, bound units no forwarding path reaches (reach());
 * - load: the roles held per level (`load <level> <role>`, load());
 * - chains: per level of the bound bodies, their number, the mean steps of their longest chain of command
 *   (`chain steps <level>`) and how many answer to more than one chain (`several chains <level>`, dual
 *   subordination), from chains_of_command();
 * - coordination: the pairs required and the gaps among them (coordination()), and the pairs that differ, matched by
 *   unit id (ids persist across apply(), so a pair of units that live on is the same pair).
 * @throws StaleView "stale_result" if a graph is not the one its table was compiled on, or changed since;
 *         InvalidInput "too_many_paths" from chains_of_command()
 * Complexity: O(rows + V + E) per side, plus the total length of the bound bodies' chains of command.
 */
Comparison compare(const Responsibilities& before, const OrgGraph& before_graph, const Responsibilities& after,
                   const OrgGraph& after_graph);

}  // namespace antq
