#pragma once

/**
 * @file
 * Betweenness centrality on a typed view: exact, or estimated from sampled sources.
 */

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/measures/tie_view.hpp>

namespace antq {

/** Options of betweenness(). */
struct BetweennessOptions {
    /** Divide by the number of pairs a unit could lie between: (N−1)(N−2), halved for an undirected view. */
    bool normalized = false;
    /**
     * Estimate from this many sources drawn uniformly without replacement (seeded), scaled by N / samples as
     * NetworkX's `k` does; std::nullopt: every unit is a source (exact). More samples than units: exact.
     */
    std::optional<std::size_t> samples;
    /** Seed of the source draw (the library's portable generator: the same draw on every machine). */
    std::uint64_t seed = 0;
    /** Explicit sources (units of the view), scaled by N / |sources|; overrides `samples`. */
    std::vector<UnitIndex> sources;
};

/** Betweenness per unit of a view. */
struct BetweennessResult {
    /** The view's units, in index order. */
    std::vector<UnitIndex> units;
    /** Their betweenness, in the same order. */
    std::vector<double> betweenness;
    /** The number of sources the shortest paths were counted from (N when exact). */
    std::size_t sources = 0;
    /** The graph the measure ran on. */
    GraphStamp stamp;
    /** @throws StaleView "stale_result" if `graph` is not the graph measured, or changed since. */
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Shortest-path betweenness (Freeman 1977) of every unit of `view`, by Brandes' algorithm (2001) for unweighted
 * graphs: for unit v, Σ σ_st(v) / σ_st over pairs s ≠ v ≠ t, σ_st the number of shortest s→t paths and σ_st(v)
 * those through v. Ordered pairs on a directed view, unordered pairs on an undirected one (NetworkX's and R's
 * convention). Raw unless options.normalized.
 * @throws InvalidInput "no_tie_kind", "bad_source" (a source outside the view); NotFound for a selector naming an
 *         id the graph lacks
 * Complexity: O(S · (V + E)) time for S sources (S = V when exact), O(V + E) memory, after the view's build
 * (view.hpp: O(V + E_kinds) from the frozen graph, itself built once per state of the graph).
 */
BetweennessResult betweenness(const OrgGraph& graph, const TieView& view, const BetweennessOptions& options = {});
/**
 * betweenness() on a frozen view of the graph (the OrgGraph overload reads graph.freeze() too); the result carries
 * the view's stamp. @throws as above, and InvalidInput "needs_graph" for a view that selects units (a selector is
 * evaluated on the OrgGraph).
 */
BetweennessResult betweenness(const FrozenGraph& graph, const TieView& view, const BetweennessOptions& options = {});

}  // namespace antq
