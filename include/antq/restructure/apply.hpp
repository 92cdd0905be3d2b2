#pragma once

/**
 * @file
 * Applying a change set to a graph: a new graph, and which unit became which.
 */

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/restructure/change_set.hpp>

namespace antq {

/** What became of one unit of the graph before: one row per successor (a unit divided in parts has several). */
struct Succession {
    std::string before;  ///< the unit's id in the graph before
    /** Its successor's id in the graph after; empty if it was abolished with nothing to take it over. */
    std::string after;
    /** The fraction of `before` that went to `after`, where the change set gives it. */
    std::optional<double> share;
    /** How: "kept", or the operation that ended the unit ("merge", "split", "abolish", "remove_level"). */
    std::string how;
    friend bool operator==(const Succession&, const Succession&) = default;
};

/**
 * The id map of an apply(): old id -> new ids, for every unit of the graph before, in its index order. A unit that
 * lives on keeps its id ("kept", share empty), even when renamed, retyped or moved; one merged into another maps to
 * it; one divided maps to each receiver with its share; a unit given only in part lives on and maps to itself too.
 */
class IdMap {
public:
    IdMap() = default;
    explicit IdMap(std::vector<Succession> rows) : m_rows(std::move(rows)) {}
    /** Every row. */
    const std::vector<Succession>& rows() const noexcept { return m_rows; }
    /** The ids `before` became (empty if abolished without successor). @throws NotFound "unknown_unit". Complexity: O(rows). */
    std::vector<std::string> successors(std::string_view before) const;
    /** The ids of the graph before that became (all or part of) `after`. Complexity: O(rows). */
    std::vector<std::string> predecessors(std::string_view after) const;
    /**
     * Old id -> the ids that took it over, for each unit that did not live on and has a successor, in index order:
     * the `ids` of a SelectorTranslation carrying a directive or rules across this change. A unit that lives on
     * (even one that gave a part away) keeps its id and is not listed. Complexity: O(rows).
     */
    std::vector<std::pair<std::string, std::vector<std::string>>> replacements() const;

private:
    std::vector<Succession> m_rows;
};

/** The result of apply(): the graph after, and what became of every unit. */
struct Applied {
    OrgGraph graph;
    IdMap ids;
    std::size_t ties_reattached = 0;  ///< ties moved to a successor or to a removed body's superior
    std::size_t ties_dropped = 0;     ///< ties of removed units with nowhere to go (coordination, membership ...)
};

/**
 * Applies `changes` to `graph`, operation by operation, and builds the graph after with the checks and errors of
 * build() (placed under "<source> (the graph after the changes)"), checking again only what the operations set: all
 * or nothing, `graph` is never changed. Bodies follow their territory (docs/restructure.md, "Bodies"): a unit merged or abolished
 * into a successor hands its children to it, and each of its bodies merges into the successor's body of the same
 * role (its id's suffix after the territory's id, e.g. ".police"), or moves over and is renamed if the successor has
 * none; a body removed with nothing to merge into (abolish without successor, remove_level) has its subordinates
 * (directs, forwards, guides, inspects) reattached to its own superiors of its kind, or else to all of them; its
 * coordination and membership ties are dropped and counted. The graph after follows the set's structure, if named,
 * or else the graph's less each level the set removes (AdministrativeStructure::without()); its attribute "as_of" is
 * the set's date. A merge or a split hands a territory to one of its own level, or to a lower one when it contains
 * no territories (an island district without communes made a commune-level special zone, as in 2025).
 * @throws InvalidInput or NotFound naming the operation ("reform.json:/operations/17/sources/2"): "bad_date",
 *         "date_out_of_order" (an operation dated before the previous one, or a set dated before the graph's
 *         "as_of"), "unknown_unit", "duplicate_id", "duplicate_source", "merge_into_itself", "bad_share",
 *         "share_above_whole" (the parts of one unit above 100%), "has_children", "not_a_territory",
 *         "unknown_type", "missing_field", "wrong_level" (a merge or split up a level; a level to remove that the
 *         structure lacks), "no_structure"; HierarchyError "cycle" (a move under its own descendant), "wrong_level"
 *         (a containment the structure does not allow, named by its units, placed at the operation that made it)
 * Complexity: O(V + E) plus, per operation, the degrees of the units it touches.
 */
Applied apply(const OrgGraph& graph, const ChangeSet& changes);

}  // namespace antq
