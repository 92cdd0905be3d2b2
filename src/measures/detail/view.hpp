#pragma once

// The compact view the measures' kernels read: one typed view (TieView) as a simple graph in compressed sparse rows,
// vertices numbered 0..n-1 in unit index order. Filled from a FrozenGraph's per-kind rows, so a build reads only
// the ties of the chosen kinds and the n units they join: O(E_kinds + n log n + Σ d log d) for the sorts of the
// vertices and of each row, plus one word per unit index filled for the unit -> vertex map. A view of every unit
// with a tie of its kinds is kept on the FrozenGraph (FrozenGraph::derived()), so the measures after the first on
// one state of the graph build nothing.

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/measures/tie_view.hpp>

namespace antq::detail {

inline constexpr std::uint32_t no_vertex = std::numeric_limits<std::uint32_t>::max();

struct View {
    bool directed = true;
    /** Vertex -> unit, in unit index order. */
    std::vector<UnitIndex> units;
    /** Unit index -> vertex, no_vertex where the unit is not in the view (size: the graph's unit capacity). */
    std::vector<std::uint32_t> vertex;
    /** Out-arcs in CSR, targets sorted, one per ordered pair; an undirected edge is an arc each way. */
    std::vector<std::uint32_t> out_start;
    std::vector<std::uint32_t> out_target;
    /** Per out-arc: the ties behind it, and the first of them (by index). */
    std::vector<std::uint32_t> out_ties;
    std::vector<TieIndex> out_tie;
    /** In-arcs in CSR, sources sorted (directed views only: an undirected view reads out-arcs both ways). */
    std::vector<std::uint32_t> in_start;
    std::vector<std::uint32_t> in_source;

    std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(units.size()); }
    std::size_t arc_count() const noexcept { return out_target.size(); }
    std::span<const std::uint32_t> successors(std::uint32_t v) const noexcept {
        return {out_target.data() + out_start[v], out_target.data() + out_start[v + 1]};
    }
    std::span<const std::uint32_t> predecessors(std::uint32_t v) const noexcept {
        if (!directed) return successors(v);
        return {in_source.data() + in_start[v], in_source.data() + in_start[v + 1]};
    }
    /** The vertex of unit `u`, or no_vertex. */
    std::uint32_t vertex_of(UnitIndex u) const noexcept {
        return u.value < vertex.size() ? vertex[u.value] : no_vertex;
    }
};

/**
 * `spec` over `frozen`, on the units of `selected` when it is given (spec.units evaluated by the caller): built once
 * per view and kept on `frozen` when it picks no units, built afresh otherwise.
 * @throws InvalidInput "no_tie_kind" naming `where` when spec.kinds is empty; "needs_graph" when spec.units is set
 *         but `selected` is not (a selector is evaluated on the OrgGraph)
 */
std::shared_ptr<const View> make_view(const FrozenGraph& frozen, const TieView& spec, std::string_view where,
                                      const std::vector<UnitIndex>* selected = nullptr);

/** make_view() on graph.freeze() (built once per state of the graph), with spec.units evaluated on `graph`. */
std::shared_ptr<const View> make_view(const OrgGraph& graph, const TieView& spec, std::string_view where);

/**
 * Strongly connected components by Tarjan's algorithm (1972), iterative (no recursion depth to run out of):
 * label[v] numbers v's component, in the order components are completed; returns their count.
 * `label` must hold view.size() entries. Complexity: O(V + E).
 */
std::uint32_t strong_components(const View& view, std::vector<std::uint32_t>& label);

}  // namespace antq::detail
