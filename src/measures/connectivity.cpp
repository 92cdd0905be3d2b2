#include <algorithm>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <boost/graph/strong_components.hpp>

#include <antq/errors.hpp>
#include <antq/measures/connectivity.hpp>

#include "measures/detail/view.hpp"

namespace antq {

namespace {

namespace bg = boost;

using UndirectedGraph = bg::adjacency_list<bg::vecS, bg::vecS, bg::undirectedS, bg::no_property,
                                           bg::property<bg::edge_index_t, std::size_t>>;
using DirectedGraph = bg::adjacency_list<bg::vecS, bg::vecS, bg::directedS>;
using BidirectionalGraph = bg::adjacency_list<bg::vecS, bg::vecS, bg::bidirectionalS>;

// The view with every pair once (u < v): an undirected view holds each edge as an arc both ways.
UndirectedGraph undirected_graph(const detail::View& view) {
    UndirectedGraph g(view.size());
    for (std::uint32_t u = 0; u < view.size(); ++u)
        for (std::uint32_t v : view.successors(u))
            if (u < v || (view.directed && !std::binary_search(view.successors(v).begin(), view.successors(v).end(), u)))
                bg::add_edge(u, v, bg::num_edges(g), g);  // numbered: biconnected_components labels edges by index
    return g;
}

// Component labels renumbered 0, 1, ... in the order of each component's first vertex.
std::uint32_t renumber(std::vector<std::uint32_t>& label) {
    std::vector<std::uint32_t> renamed(label.size() + 1, detail::no_vertex);
    std::uint32_t next = 0;
    for (std::uint32_t& l : label) {
        if (renamed[l] == detail::no_vertex) renamed[l] = next++;
        l = renamed[l];
    }
    return next;
}

}  // namespace

ComponentsResult components(const OrgGraph& graph, const TieView& spec, Connection connection) {
    const OrgGraph::ReadGuard reading(graph);
    const detail::View view = detail::make_view(graph, spec, "components");
    ComponentsResult out;
    out.units = view.units;
    out.component.assign(view.size(), 0);
    if (connection == Connection::strong && view.directed) {
        DirectedGraph g(view.size());
        for (std::uint32_t u = 0; u < view.size(); ++u)
            for (std::uint32_t v : view.successors(u)) bg::add_edge(u, v, g);
        bg::strong_components(g, out.component.data());
    } else {
        bg::connected_components(undirected_graph(view), out.component.data());
    }
    out.count = renumber(out.component);
    out.stamp = GraphStamp::of_result(graph, "components", "compute them again");
    return out;
}

CutResult cuts(const OrgGraph& graph, const TieView& spec) {
    const OrgGraph::ReadGuard reading(graph);
    TieView both_ways = spec;
    both_ways.directed = false;
    const detail::View view = detail::make_view(graph, both_ways, "cuts");
    UndirectedGraph g = undirected_graph(view);
    std::vector<UndirectedGraph::vertex_descriptor> points;
    std::vector<std::size_t> block_of_edge(bg::num_edges(g));
    const auto block = bg::make_iterator_property_map(block_of_edge.begin(), bg::get(bg::edge_index, g));
    const std::size_t blocks = bg::biconnected_components(g, block, std::back_inserter(points)).first;

    CutResult out;
    out.stamp = GraphStamp::of_result(graph, "cuts", "compute them again");
    // Pieces of an articulation point: the distinct blocks among its edges.
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    for (auto p : points) {
        std::vector<std::size_t> seen;
        for (auto [it, end] = bg::out_edges(p, g); it != end; ++it) seen.push_back(block[*it]);
        std::sort(seen.begin(), seen.end());
        const auto pieces = std::unique(seen.begin(), seen.end()) - seen.begin();
        out.articulation_points.push_back({view.units[p], static_cast<std::uint32_t>(pieces)});
    }

    // Bridges: blocks of a single edge. The side each one cuts off: contract the graph without its bridges into
    // its 2-edge-connected pieces, which the bridges join as a forest; a bridge separates a subtree of that forest.
    std::vector<std::uint32_t> edges_in_block(blocks, 0);
    for (auto [it, end] = bg::edges(g); it != end; ++it) ++edges_in_block[block[*it]];
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bridge_ends;
    UndirectedGraph without_bridges(view.size());
    for (auto [it, end] = bg::edges(g); it != end; ++it) {
        const auto u = static_cast<std::uint32_t>(bg::source(*it, g)), v = static_cast<std::uint32_t>(bg::target(*it, g));
        if (edges_in_block[block[*it]] == 1) bridge_ends.emplace_back(std::min(u, v), std::max(u, v));
        else bg::add_edge(u, v, bg::num_edges(without_bridges), without_bridges);
    }
    if (bridge_ends.empty()) return out;
    std::vector<std::uint32_t> piece(view.size());
    const std::size_t pieces = bg::connected_components(without_bridges, piece.data());
    std::vector<std::uint32_t> weight(pieces, 0), component(view.size());
    for (std::uint32_t p : piece) ++weight[p];
    bg::connected_components(g, component.data());
    // The bridge forest, rooted anywhere in each tree: subtree weights by a breadth-first order taken backwards.
    std::vector<std::vector<std::pair<std::uint32_t, std::size_t>>> forest(pieces);
    for (std::size_t b = 0; b < bridge_ends.size(); ++b) {
        forest[piece[bridge_ends[b].first]].emplace_back(piece[bridge_ends[b].second], b);
        forest[piece[bridge_ends[b].second]].emplace_back(piece[bridge_ends[b].first], b);
    }
    std::vector<std::uint32_t> parent_bridge(pieces, detail::no_vertex), order, subtree(weight), tree_total(pieces, 0);
    std::vector<std::uint32_t> root_of(pieces, detail::no_vertex);
    for (std::uint32_t root = 0; root < pieces; ++root) {
        if (root_of[root] != detail::no_vertex) continue;
        const std::size_t first = order.size();
        root_of[root] = root;
        order.push_back(root);
        for (std::size_t i = first; i < order.size(); ++i)
            for (auto [next, b] : forest[order[i]])
                if (root_of[next] == detail::no_vertex) {
                    root_of[next] = root;
                    parent_bridge[next] = static_cast<std::uint32_t>(b);
                    order.push_back(next);
                }
        for (std::size_t i = first; i < order.size(); ++i) tree_total[root] += weight[order[i]];
    }
    std::vector<std::uint32_t> below(bridge_ends.size(), 0);
    for (std::size_t i = order.size(); i-- > 0;) {
        const std::uint32_t p = order[i];
        if (parent_bridge[p] == detail::no_vertex) continue;
        below[parent_bridge[p]] = subtree[p];
        const auto [a, b] = bridge_ends[parent_bridge[p]];
        const std::uint32_t up = piece[a] == p ? piece[b] : piece[a];
        subtree[up] += subtree[p];
    }
    for (std::size_t b = 0; b < bridge_ends.size(); ++b) {
        const auto [u, v] = bridge_ends[b];
        const auto arcs = view.successors(u);
        const auto at = std::lower_bound(arcs.begin(), arcs.end(), v) - arcs.begin();
        const std::uint32_t total = tree_total[root_of[piece[u]]];
        out.bridges.push_back({view.units[u], view.units[v], view.out_ties[view.out_start[u] + at],
                               std::min(below[b], total - below[b])});
    }
    std::sort(out.bridges.begin(), out.bridges.end(),
              [](const Bridge& a, const Bridge& b) { return std::pair(a.source, a.target) < std::pair(b.source, b.target); });
    return out;
}

SourceCutResult cuts_from(const OrgGraph& graph, UnitIndex source, const TieView& spec) {
    const OrgGraph::ReadGuard reading(graph);
    const detail::View view = detail::make_view(graph, spec, "cuts_from");
    const std::uint32_t s = view.vertex_of(source);
    if (s == detail::no_vertex)
        throw InvalidInput("not_in_view", graph.is_alive(source) ? "'" + graph.unit(source).id + "'" : "cuts_from",
                           "the source has no tie of the view " + spec.to_string() + " (or is not selected)");
    // Every arc split by a vertex of its own (n + arc), so that one dominator tree answers for units and arcs.
    const std::uint32_t n = view.size();
    const std::size_t arcs = view.arc_count();
    BidirectionalGraph g(n + arcs);
    for (std::uint32_t u = 0; u < n; ++u)
        for (std::uint32_t a = view.out_start[u]; a < view.out_start[u + 1]; ++a) {
            bg::add_edge(u, n + a, g);
            bg::add_edge(n + a, view.out_target[a], g);
        }
    const auto none = bg::graph_traits<BidirectionalGraph>::null_vertex();
    std::vector<BidirectionalGraph::vertex_descriptor> idom(n + arcs, none);
    bg::lengauer_tarjan_dominator_tree(
        g, s, bg::make_iterator_property_map(idom.begin(), bg::get(bg::vertex_index, g)));

    // Units below each vertex of the dominator tree: children after parents in a breadth-first order.
    std::vector<std::vector<std::uint32_t>> children(n + arcs);
    for (std::size_t v = 0; v < n + arcs; ++v)
        if (idom[v] != none) children[idom[v]].push_back(static_cast<std::uint32_t>(v));
    std::vector<std::uint32_t> order{s};
    for (std::size_t i = 0; i < order.size(); ++i)
        for (std::uint32_t c : children[order[i]]) order.push_back(c);
    std::vector<std::uint32_t> below(n + arcs, 0);
    for (std::size_t i = order.size(); i-- > 0;) {
        const std::uint32_t v = order[i];
        if (v < n) ++below[v];
        if (idom[v] != none) below[idom[v]] += below[v];
    }

    SourceCutResult out;
    out.source = source;
    out.stamp = GraphStamp::of_result(graph, "cuts from '" + graph.unit(source).id + "'", "compute them again");
    for (std::uint32_t v = 0; v < n; ++v) {
        if (v != s && idom[v] == none) continue;
        ++out.reached;
        auto up = idom[v];
        while (up != none && up >= n) up = idom[up];  // past the split arcs to the nearest unit
        out.immediate.emplace_back(view.units[v], up == none ? UnitIndex{} : view.units[up]);
        if (v != s && below[v] > 1) out.units.push_back({view.units[v], UnitIndex{}, TieIndex{}, below[v] - 1});
    }
    for (std::uint32_t u = 0; u < n; ++u)
        for (std::uint32_t a = view.out_start[u]; a < view.out_start[u + 1]; ++a)
            if (below[n + a] > 0 && view.out_ties[a] == 1)
                out.ties.push_back({view.units[u], view.units[view.out_target[a]], view.out_tie[a], below[n + a]});
    auto by_cut = [](const SourceCut& a, const SourceCut& b) {
        if (a.cut_off != b.cut_off) return a.cut_off > b.cut_off;
        return std::pair(a.unit, a.target) < std::pair(b.unit, b.target);
    };
    std::sort(out.units.begin(), out.units.end(), by_cut);
    std::sort(out.ties.begin(), out.ties.end(), by_cut);
    return out;
}

}  // namespace antq
