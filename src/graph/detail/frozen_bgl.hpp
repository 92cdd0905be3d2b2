#pragma once

// One tie kind of a FrozenGraph seen as a Boost.Graph, so Boost's algorithms (breadth_first_search,
// dijkstra_shortest_paths, ...) run on the compressed rows without a copy. Models VertexListGraph, IncidenceGraph and
// BidirectionalGraph, with vertex_index the unit index. Only src/ and the tests include this: public headers never
// see Boost.Graph.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/property_map/property_map.hpp>

#include <antq/graph/frozen_graph.hpp>

namespace antq::detail {

/** The ties of one kind of a frozen graph, as a Boost graph. Cheap to copy; the FrozenGraph must outlive it. */
struct FrozenKind {
    const FrozenGraph* graph;
    TieKind kind;
};

/** An edge: its ends and the tie it stands for. */
struct FrozenEdge {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    std::uint32_t tie = 0;
    friend bool operator==(const FrozenEdge& a, const FrozenEdge& b) { return a.tie == b.tie; }
    friend bool operator!=(const FrozenEdge& a, const FrozenEdge& b) { return a.tie != b.tie; }
};

/** Walks one row of a frozen graph as edges; `out` says whether the row's units are targets or sources. */
class FrozenEdgeIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = FrozenEdge;
    using difference_type = std::ptrdiff_t;
    using pointer = const FrozenEdge*;
    using reference = FrozenEdge;

    FrozenEdgeIterator() = default;
    FrozenEdgeIterator(std::uint32_t at, const UnitIndex* unit, const TieIndex* tie, bool out)
        : m_at(at), m_unit(unit), m_tie(tie), m_out(out) {}

    FrozenEdge operator*() const {
        return m_out ? FrozenEdge{m_at, m_unit->value, m_tie->value} : FrozenEdge{m_unit->value, m_at, m_tie->value};
    }
    FrozenEdgeIterator& operator++() {
        ++m_unit;
        ++m_tie;
        return *this;
    }
    FrozenEdgeIterator operator++(int) {
        FrozenEdgeIterator before = *this;
        ++*this;
        return before;
    }
    friend bool operator==(const FrozenEdgeIterator& a, const FrozenEdgeIterator& b) { return a.m_unit == b.m_unit; }
    friend bool operator!=(const FrozenEdgeIterator& a, const FrozenEdgeIterator& b) { return a.m_unit != b.m_unit; }

private:
    std::uint32_t m_at = 0;  // the unit whose row this is
    const UnitIndex* m_unit = nullptr;
    const TieIndex* m_tie = nullptr;
    bool m_out = true;
};

}  // namespace antq::detail

namespace boost {

template <>
struct graph_traits<antq::detail::FrozenKind> {
    using vertex_descriptor = std::uint32_t;
    using edge_descriptor = antq::detail::FrozenEdge;
    using directed_category = bidirectional_tag;
    using edge_parallel_category = disallow_parallel_edge_tag;  // OrgGraph refuses a duplicate tie of one kind
    struct traversal_category : vertex_list_graph_tag, bidirectional_graph_tag {};  // bidirectional implies incidence
    using vertex_iterator = counting_iterator<std::uint32_t>;
    using out_edge_iterator = antq::detail::FrozenEdgeIterator;
    using in_edge_iterator = antq::detail::FrozenEdgeIterator;
    using vertices_size_type = std::size_t;
    using edges_size_type = std::size_t;
    using degree_size_type = std::size_t;
    static vertex_descriptor null_vertex() { return 0xffffffffu; }
};

template <>
struct property_map<antq::detail::FrozenKind, vertex_index_t> {
    using type = typed_identity_property_map<std::uint32_t>;
    using const_type = type;
};

}  // namespace boost

namespace antq::detail {

using FrozenTraits = boost::graph_traits<FrozenKind>;

inline std::pair<FrozenTraits::vertex_iterator, FrozenTraits::vertex_iterator> vertices(const FrozenKind& g) {
    return {FrozenTraits::vertex_iterator(0),
            FrozenTraits::vertex_iterator(static_cast<std::uint32_t>(g.graph->unit_capacity()))};
}
inline std::size_t num_vertices(const FrozenKind& g) { return g.graph->unit_capacity(); }

inline std::pair<FrozenEdgeIterator, FrozenEdgeIterator> out_edges(std::uint32_t u, const FrozenKind& g) {
    const auto units = g.graph->children(UnitIndex{u}, g.kind);
    const auto ties = g.graph->out_ties(UnitIndex{u}, g.kind);
    return {FrozenEdgeIterator(u, units.data(), ties.data(), true),
            FrozenEdgeIterator(u, units.data() + units.size(), ties.data() + ties.size(), true)};
}
inline std::size_t out_degree(std::uint32_t u, const FrozenKind& g) { return g.graph->children(UnitIndex{u}, g.kind).size(); }

inline std::pair<FrozenEdgeIterator, FrozenEdgeIterator> in_edges(std::uint32_t u, const FrozenKind& g) {
    const auto units = g.graph->parents(UnitIndex{u}, g.kind);
    const auto ties = g.graph->in_ties(UnitIndex{u}, g.kind);
    return {FrozenEdgeIterator(u, units.data(), ties.data(), false),
            FrozenEdgeIterator(u, units.data() + units.size(), ties.data() + ties.size(), false)};
}
inline std::size_t in_degree(std::uint32_t u, const FrozenKind& g) { return g.graph->parents(UnitIndex{u}, g.kind).size(); }
inline std::size_t degree(std::uint32_t u, const FrozenKind& g) { return in_degree(u, g) + out_degree(u, g); }

inline std::uint32_t source(const FrozenEdge& e, const FrozenKind&) { return e.source; }
inline std::uint32_t target(const FrozenEdge& e, const FrozenKind&) { return e.target; }

inline boost::typed_identity_property_map<std::uint32_t> get(boost::vertex_index_t, const FrozenKind&) { return {}; }

}  // namespace antq::detail
