#include <algorithm>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>

#include <antq/errors.hpp>
#include <antq/measures/connectivity.hpp>

#include "measures/detail/view.hpp"

namespace antq {

namespace {

namespace bg = boost;

using BidirectionalGraph = bg::adjacency_list<bg::vecS, bg::vecS, bg::bidirectionalS>;

// Weak components: a breadth-first search from each vertex not yet labelled, in vertex order, so components are
// numbered in the order of their first vertex.
std::uint32_t weak_components(const detail::View& view, std::vector<std::uint32_t>& label) {
    std::uint32_t count = 0;
    std::vector<std::uint32_t> queue;
    queue.reserve(view.size());
    for (std::uint32_t root = 0; root < view.size(); ++root) {
        if (label[root] != detail::no_vertex) continue;
        label[root] = count;
        queue.assign(1, root);
        for (std::size_t i = 0; i < queue.size(); ++i) {
            const std::uint32_t u = queue[i];
            auto visit = [&](std::uint32_t w) {
                if (label[w] == detail::no_vertex) {
                    label[w] = count;
                    queue.push_back(w);
                }
            };
            for (std::uint32_t w : view.successors(u)) visit(w);
            if (view.directed)
                for (std::uint32_t w : view.predecessors(u)) visit(w);
        }
        ++count;
    }
    return count;
}

// Strong components by Tarjan's algorithm (1972), iterative; labels then renumbered by first vertex.
std::uint32_t strong_components(const detail::View& view, std::vector<std::uint32_t>& label) {
    const std::uint32_t n = view.size();
    std::vector<std::uint32_t> index(n, detail::no_vertex), low(n), next(n), path, stack;
    std::vector<char> on_stack(n, 0);
    std::uint32_t timer = 0, count = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != detail::no_vertex) continue;
        auto enter = [&](std::uint32_t v) {
            index[v] = low[v] = timer++;
            next[v] = view.out_start[v];
            path.push_back(v);
            stack.push_back(v);
            on_stack[v] = 1;
        };
        enter(root);
        while (!path.empty()) {
            const std::uint32_t v = path.back();
            if (next[v] < view.out_start[v + 1]) {
                const std::uint32_t w = view.out_target[next[v]++];
                if (index[w] == detail::no_vertex) enter(w);
                else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
                continue;
            }
            path.pop_back();
            if (!path.empty()) low[path.back()] = std::min(low[path.back()], low[v]);
            if (low[v] != index[v]) continue;
            std::uint32_t w;
            do {
                w = stack.back();
                stack.pop_back();
                on_stack[w] = 0;
                label[w] = count;
            } while (w != v);
            ++count;
        }
    }
    return count;
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

ComponentsResult components_of(const detail::View& view, Connection connection) {
    ComponentsResult out;
    out.units = view.units;
    out.component.assign(view.size(), detail::no_vertex);
    if (connection == Connection::strong && view.directed) {
        strong_components(view, out.component);
        out.count = renumber(out.component);
    } else {
        out.count = weak_components(view, out.component);
    }
    return out;
}

// Articulation points and bridges of an undirected view by one depth-first search (Hopcroft & Tarjan 1973), on
// an explicit stack: low[v] is the earliest discovery a back edge from v's subtree reaches. A child c of p with
// low[c] ≥ disc[p] hangs a block of its own on p; with low[c] > disc[p] the edge p–c is a bridge, cutting off c's
// subtree. The view is simple, so the one edge back to the parent is the tree edge.
CutResult cuts_of(const detail::View& view) {
    const std::uint32_t n = view.size();
    std::vector<std::uint32_t> disc(n, detail::no_vertex), low(n), parent(n, detail::no_vertex), next(n), below(n, 1),
        blocks(n, 0), path;
    struct Cut {
        std::uint32_t upper, lower;  // the tree edge's ends
    };
    std::vector<Cut> cut_edges;
    CutResult out;
    std::uint32_t timer = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (disc[root] != detail::no_vertex) continue;
        const std::uint32_t first = timer;
        disc[root] = low[root] = timer++;
        next[root] = view.out_start[root];
        path.assign(1, root);
        while (!path.empty()) {
            const std::uint32_t v = path.back();
            if (next[v] < view.out_start[v + 1]) {
                const std::uint32_t w = view.out_target[next[v]++];
                if (disc[w] == detail::no_vertex) {
                    parent[w] = v;
                    disc[w] = low[w] = timer++;
                    next[w] = view.out_start[w];
                    path.push_back(w);
                } else if (w != parent[v]) {
                    low[v] = std::min(low[v], disc[w]);
                }
                continue;
            }
            path.pop_back();
            const std::uint32_t p = parent[v];
            if (p == detail::no_vertex) continue;
            low[p] = std::min(low[p], low[v]);
            below[p] += below[v];
            if (low[v] >= disc[p]) ++blocks[p];
            if (low[v] > disc[p]) cut_edges.push_back({p, v});
        }
        // The component is complete: the side a bridge cuts off is the smaller of the subtree and the rest.
        const std::uint32_t size = timer - first;
        for (const Cut& c : cut_edges) {
            const std::uint32_t u = std::min(c.upper, c.lower), v = std::max(c.upper, c.lower);
            const auto arcs = view.successors(u);
            const auto at = std::lower_bound(arcs.begin(), arcs.end(), v) - arcs.begin();
            out.bridges.push_back({view.units[u], view.units[v], view.out_ties[view.out_start[u] + at],
                                   std::min(below[c.lower], size - below[c.lower])});
        }
        cut_edges.clear();
    }
    // Blocks a vertex belongs to: one per child that hangs a block on it, and the block towards its parent.
    for (std::uint32_t v = 0; v < n; ++v) {
        const std::uint32_t pieces = blocks[v] + (parent[v] != detail::no_vertex && blocks[v] > 0 ? 1 : 0);
        if (pieces >= 2) out.articulation_points.push_back({view.units[v], pieces});
    }
    std::sort(out.bridges.begin(), out.bridges.end(),
              [](const Bridge& a, const Bridge& b) { return std::pair(a.source, a.target) < std::pair(b.source, b.target); });
    return out;
}

}  // namespace

ComponentsResult components(const OrgGraph& graph, const TieView& spec, Connection connection) {
    const OrgGraph::ReadGuard reading(graph);
    ComponentsResult out = components_of(detail::make_view(graph, spec, "components"), connection);
    out.stamp = GraphStamp::of_result(graph, "components", "compute them again");
    return out;
}

ComponentsResult components(const FrozenGraph& graph, const TieView& spec, Connection connection) {
    ComponentsResult out = components_of(detail::make_view(graph, spec, "components"), connection);
    out.stamp = graph.stamp();
    return out;
}

CutResult cuts(const OrgGraph& graph, const TieView& spec) {
    const OrgGraph::ReadGuard reading(graph);
    TieView both_ways = spec;
    both_ways.directed = false;
    CutResult out = cuts_of(detail::make_view(graph, both_ways, "cuts"));
    out.stamp = GraphStamp::of_result(graph, "cuts", "compute them again");
    return out;
}

CutResult cuts(const FrozenGraph& graph, const TieView& spec) {
    TieView both_ways = spec;
    both_ways.directed = false;
    CutResult out = cuts_of(detail::make_view(graph, both_ways, "cuts"));
    out.stamp = graph.stamp();
    return out;
}

namespace {

// `id` names the source (empty: not a unit).
SourceCutResult cuts_from_of(const detail::View& view, UnitIndex source, const std::string& id, const TieView& spec) {
    const std::uint32_t s = view.vertex_of(source);
    if (s == detail::no_vertex)
        throw InvalidInput("not_in_view", id.empty() ? "cuts_from" : "'" + id + "'",
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

}  // namespace

SourceCutResult cuts_from(const OrgGraph& graph, UnitIndex source, const TieView& spec) {
    const OrgGraph::ReadGuard reading(graph);
    const std::string id = graph.is_alive(source) ? graph.unit(source).id : std::string();
    SourceCutResult out = cuts_from_of(detail::make_view(graph, spec, "cuts_from"), source, id, spec);
    out.stamp = GraphStamp::of_result(graph, "cuts from '" + id + "'", "compute them again");
    return out;
}

SourceCutResult cuts_from(const FrozenGraph& graph, UnitIndex source, const TieView& spec) {
    const std::string id = graph.is_alive(source) ? std::string(graph.id(source)) : std::string();
    SourceCutResult out = cuts_from_of(detail::make_view(graph, spec, "cuts_from"), source, id, spec);
    out.stamp = graph.stamp();
    return out;
}

}  // namespace antq
