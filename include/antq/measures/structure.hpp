#pragma once

/** @file
 *  The formal structure's shape: span of control, depth of the chains of command, dual subordination,
 *  bodies per territory and what each head post answers for. */

#include <array>
#include <cstdint>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/level.hpp>

namespace antq {

/** The structure measures of a graph (docs/measures.md, "Structure"). */
struct StructureMeasures {
    /** One body's place in subordination (`directs`). */
    struct Body {
        UnitIndex unit;
        /** Span of control: the bodies it directs (its `directs` out-degree). */
        std::uint32_t subordinates = 0;
        /** The bodies directing it (2 or more: dual subordination). */
        std::uint32_t superiors = 0;
        /** Ties on its longest chain of command up to a body with no superior (0 for such a body). */
        std::uint32_t depth = 0;
        /** Its chains of command up to a top (1 for a top), saturating at 2⁶⁴ − 1. */
        std::uint64_t chains = 0;
    };
    /** One territory and the bodies serving it. */
    struct Territory {
        UnitIndex unit;
        std::uint32_t bodies = 0;
    };
    /** One head post and what it answers for. */
    struct Head {
        UnitIndex unit;
        /** The bodies it heads. */
        std::uint32_t bodies = 0;
        /** Those bodies and every body below them along `directs`, each once. */
        std::uint32_t answers_for = 0;
    };
    /** Figures per level (of the bodies, territories and posts at that level). */
    struct LevelFigures {
        std::uint32_t bodies = 0;
        /** Bodies directing at least one body. */
        std::uint32_t directing = 0;
        /** Mean span of control of the directing bodies (0 if none). */
        double mean_span = 0;
        std::uint32_t max_span = 0;
        /** Bodies with at least one superior, and with two or more. */
        std::uint32_t subordinate = 0;
        std::uint32_t dual = 0;
        /** dual / subordinate (0 if no body is subordinate). */
        double dual_share = 0;
        /** Mean and largest depth of the bodies. */
        double mean_depth = 0;
        std::uint32_t max_depth = 0;
        std::uint32_t territories = 0;
        /** Mean bodies serving a territory of the level (0 if none). */
        double mean_bodies_per_territory = 0;
        std::uint32_t heads = 0;
        /** Mean answers_for of the level's head posts (0 if none). */
        double mean_answers_for = 0;
    };

    /** Every body, in index order. */
    std::vector<Body> bodies;
    /** Every territory, in index order. */
    std::vector<Territory> territories;
    /** Every post heading at least one body, in index order. */
    std::vector<Head> heads;
    /** Indexed by Level. */
    std::array<LevelFigures, 5> levels{};
    /** Over all bodies: the longest chain of command, and dual / subordinate bodies. */
    std::uint32_t max_depth = 0;
    double dual_share = 0;
    GraphStamp stamp;
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Span of control, depth and number of chains of command, dual subordination, bodies per territory and the
 * bodies each head post answers for, per unit and per level.
 * Complexity: O(V + E) plus, for answers_for, the sum over head posts of the bodies below them.
 */
StructureMeasures structure(const OrgGraph& graph);

/** structure() on a frozen view: the same measures, stamped with the view's generation. */
StructureMeasures structure(const FrozenGraph& graph);

}  // namespace antq
