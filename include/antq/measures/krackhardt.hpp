#pragma once

/**
 * @file
 * Krackhardt's graph-theoretical dimensions of an organisation: connectedness, hierarchy, efficiency, LUB.
 */

#include <cstddef>
#include <cstdint>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/measures/tie_view.hpp>

namespace antq {

/**
 * Which pairs count as having a least upper bound in krackhardt()'s `lubness`.
 *
 * An upper bound of units i and j is a unit that reaches both along the view (each unit reaches itself).
 * - `krackhardt`: some upper bound is reached by every other upper bound: the least one, as Krackhardt (1994)
 *   states the axiom and as sna's help page for lubness words it. Two bosses sharing two subordinates (dual
 *   subordination) leave that pair without one.
 * - `sna`: some upper bound reaches every other upper bound, which is what the C routine of R's sna 2.7
 *   (lubness_con_R, src/gli.c) counts; on a view with one top unit above everything every pair has one.
 * Both give 1 on an out-tree and agree wherever the upper bounds of every pair form a chain.
 */
enum class LubReading : std::uint8_t { krackhardt, sna };

/** Options of krackhardt(). */
struct KrackhardtOptions {
    LubReading lub = LubReading::krackhardt;
    /**
     * Refuse a view whose largest weak component has more units than this: hierarchy and LUB need the
     * reachability of every pair in a component (memory c²/8 bytes, time up to c³/64 word operations).
     */
    std::size_t max_component = 20'000;
};

/**
 * Krackhardt's four dimensions of a view (Krackhardt 1994, in Carley & Prietula (eds.), Computational
 * Organization Theory, pp. 89-111; formulas as R's sna 2.7 computes them,
 * docs/measures.md). Each is 1 for an out-tree and lower as the view departs from one; NaN where the measure
 * is undefined (sna returns NaN there too).
 */
struct KrackhardtScores {
    /** Share of unordered pairs joined by a path, ties read both ways: Σ Nᵢ(Nᵢ−1) / N(N−1) over weak
     *  components of Nᵢ units; 1 for fewer than two units. */
    double connectedness = 0;
    /** Share of the pairs linked in the reachability graph that are linked one way only: A / (A + M) for A
     *  asymmetric and M mutual pairs; NaN if no unit reaches another. */
    double hierarchy = 0;
    /** 1 − (|E| − Σ(Nᵢ−1)) / Σ(Nᵢ−1)²: how few arcs beyond those needed to hold each weak component together;
     *  NaN if every component is a single unit. */
    double efficiency = 0;
    /** 1 − (pairs without a least upper bound) / Σ(Nᵢ−1)(Nᵢ−2)/2, pairs and sums within weak components of
     *  three units or more; NaN if there is none. Which pairs have one: see LubReading. */
    double lubness = 0;
    /** Units in the view (N). */
    std::size_t units = 0;
    /** Arcs in the view (|E|; an undirected edge counts twice, as in a symmetric sociomatrix). */
    std::size_t arcs = 0;
};

/**
 * Krackhardt's connectedness, hierarchy, efficiency and least upper boundedness of `view`.
 * @throws InvalidInput "no_tie_kind" (empty view.kinds), "component_too_large" (see KrackhardtOptions);
 *         NotFound for a selector naming an id the graph lacks
 * Complexity: O(V + E) for connectedness and efficiency; per weak component of c units and k strongly
 * connected components, O(k²/64 · c) words for reachability and O(k³/64) for LUB in the worst case.
 */
KrackhardtScores krackhardt(const OrgGraph& graph, const TieView& view, const KrackhardtOptions& options = {});
/** krackhardt() on a frozen view. @throws as above, and InvalidInput "needs_graph" for a view that selects units. */
KrackhardtScores krackhardt(const FrozenGraph& graph, const TieView& view, const KrackhardtOptions& options = {});

}  // namespace antq
