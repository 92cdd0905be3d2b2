#pragma once

// The Boost.Graph storage behind OrgGraph, and the traversals the library's sources run on it directly. Only
// src/ includes this: public headers see OrgGraph's facade, never Boost.Graph.

#include <cstdint>
#include <memory>
#include <mutex>

#include <boost/graph/adjacency_list.hpp>

#include <antq/graph/org_graph.hpp>
#include <antq/model/tie_kind.hpp>

namespace antq::detail {

/** What each Boost edge carries: the tie's index into OrgGraph's tie table, and its kind for fast filtering. */
struct EdgeData {
    std::uint32_t tie = 0;
    TieKind kind = TieKind::coordinates;
};

/** Vertex i is unit i; removed units stay as isolated vertices so indices never shift. */
using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData>;

struct Storage {
    Storage() = default;
    explicit Storage(BoostGraph g) : graph(std::move(g)) {}
    /** A copy holds the same ties, not the frozen view: that belongs to the state of the original. */
    Storage(const Storage& other) : graph(other.graph) {}
    Storage& operator=(const Storage&) = delete;

    BoostGraph graph;
    std::mutex frozen_mutex;                    // guards `frozen` against concurrent freeze() calls
    std::shared_ptr<const FrozenGraph> frozen;  // OrgGraph::freeze()'s view of the current state, or empty
};

/** Calls `f(UnitIndex)` for every target of a `kind` tie starting at `u`: inlined, for hot loops. */
template <class F>
void for_each_out(const OrgGraph& graph, UnitIndex u, TieKind kind, F&& f) {
    const BoostGraph& g = storage(graph).graph;
    for (auto [it, end] = boost::out_edges(u.value, g); it != end; ++it)
        if (g[*it].kind == kind) f(UnitIndex{static_cast<std::uint32_t>(boost::target(*it, g))});
}

/** Calls `f(UnitIndex)` for every source of a `kind` tie ending at `u`: inlined, for hot loops. */
template <class F>
void for_each_in(const OrgGraph& graph, UnitIndex u, TieKind kind, F&& f) {
    const BoostGraph& g = storage(graph).graph;
    for (auto [it, end] = boost::in_edges(u.value, g); it != end; ++it)
        if (g[*it].kind == kind) f(UnitIndex{static_cast<std::uint32_t>(boost::source(*it, g))});
}

}  // namespace antq::detail
