#include <algorithm>
#include <string>

#include <antq/errors.hpp>
#include <antq/measures/connectivity.hpp>

#include "measures/detail/view.hpp"

namespace antq {

namespace {

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
        detail::strong_components(view, out.component);
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
    ComponentsResult out = components_of(*detail::make_view(graph, spec, "components"), connection);
    out.stamp = GraphStamp::of_result(graph, "components", "compute them again");
    return out;
}

ComponentsResult components(const FrozenGraph& graph, const TieView& spec, Connection connection) {
    ComponentsResult out = components_of(*detail::make_view(graph, spec, "components"), connection);
    out.stamp = graph.stamp();
    return out;
}

CutResult cuts(const OrgGraph& graph, const TieView& spec) {
    const OrgGraph::ReadGuard reading(graph);
    TieView both_ways = spec;
    both_ways.directed = false;
    CutResult out = cuts_of(*detail::make_view(graph, both_ways, "cuts"));
    out.stamp = GraphStamp::of_result(graph, "cuts", "compute them again");
    return out;
}

CutResult cuts(const FrozenGraph& graph, const TieView& spec) {
    TieView both_ways = spec;
    both_ways.directed = false;
    CutResult out = cuts_of(*detail::make_view(graph, both_ways, "cuts"));
    out.stamp = graph.stamp();
    return out;
}

namespace {

// Immediate dominators from `s` on the view with every arc split by a vertex of its own (n + arc), so that one
// dominator tree answers for units and arcs. The split graph is read in place: a unit's successors are its arcs,
// an arc's the arc's target; a unit's predecessors are the arcs into it, found in each predecessor's sorted row.
// Lengauer & Tarjan (1979), the simple version (path compression), with an iterative search and compression.
// idom[v] is no_vertex for the source and for what it does not reach.
std::vector<std::uint32_t> dominators(const detail::View& view, std::uint32_t s) {
    constexpr std::uint32_t none = detail::no_vertex;
    const std::uint32_t n = view.size();
    const auto total = static_cast<std::uint32_t>(n + view.arc_count());
    auto arc_into = [&](std::uint32_t from, std::uint32_t to) {  // the arc from -> to (it exists: rows are sorted)
        const auto row = view.successors(from);
        return n + view.out_start[from] + static_cast<std::uint32_t>(std::lower_bound(row.begin(), row.end(), to) - row.begin());
    };
    std::vector<std::uint32_t> arc_source(view.arc_count());
    for (std::uint32_t u = 0; u < n; ++u)
        std::fill(arc_source.begin() + view.out_start[u], arc_source.begin() + view.out_start[u + 1], u);

    // Depth-first numbering (semi[v] starts as v's number), parents in the search tree.
    std::vector<std::uint32_t> number(total, none), vertex, parent(total, none), semi(total, none);
    std::vector<std::uint32_t> next(total, 0);  // a unit's next arc to follow; an arc's: 1 once followed
    std::vector<std::uint32_t> path{s};
    auto visit = [&](std::uint32_t v, std::uint32_t from) {
        number[v] = semi[v] = static_cast<std::uint32_t>(vertex.size());
        vertex.push_back(v);
        parent[v] = from;
        if (v < n) next[v] = view.out_start[v];
    };
    visit(s, none);
    while (!path.empty()) {
        const std::uint32_t v = path.back();
        std::uint32_t w = none;
        if (v < n) {
            if (next[v] < view.out_start[v + 1]) w = n + next[v]++;
        } else if (next[v] == 0) {
            next[v] = 1;
            w = view.out_target[v - n];
        }
        if (w == none) path.pop_back();
        else if (number[w] == none) {
            visit(w, v);
            path.push_back(w);
        }
    }

    // Semidominators in reverse order, evaluated over a forest linked as vertices are done (ancestor, label).
    std::vector<std::uint32_t> ancestor(total, none), label(total), idom(total, none);
    std::vector<std::uint32_t> bucket(total, none), bucket_next(total, none);  // vertices by semidominator
    for (std::uint32_t v = 0; v < total; ++v) label[v] = v;
    std::vector<std::uint32_t> chain;
    auto eval = [&](std::uint32_t v) {
        if (ancestor[v] == none) return v;
        chain.clear();
        for (std::uint32_t x = v; ancestor[ancestor[x]] != none; x = ancestor[x]) chain.push_back(x);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {  // from the top down, as the recursion returns
            const std::uint32_t x = *it, a = ancestor[x];
            if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
            ancestor[x] = ancestor[a];
        }
        return label[v];
    };
    auto take = [&](std::uint32_t w, std::uint32_t v) {  // v a predecessor of w
        if (number[v] == none) return;  // not reached from the source
        const std::uint32_t u = eval(v);
        semi[w] = std::min(semi[w], semi[u]);
    };
    for (std::size_t i = vertex.size(); i-- > 1;) {
        const std::uint32_t w = vertex[i], p = parent[w];
        if (w >= n) take(w, arc_source[w - n]);
        else
            for (std::uint32_t v : view.predecessors(w)) take(w, arc_into(v, w));
        const std::uint32_t by = vertex[semi[w]];
        bucket_next[w] = bucket[by];
        bucket[by] = w;
        ancestor[w] = p;
        for (std::uint32_t v = bucket[p]; v != none; v = bucket_next[v]) {
            const std::uint32_t u = eval(v);
            idom[v] = semi[u] < semi[v] ? u : p;
        }
        bucket[p] = none;
    }
    for (std::size_t i = 1; i < vertex.size(); ++i) {
        const std::uint32_t w = vertex[i];
        if (idom[w] != vertex[semi[w]]) idom[w] = idom[idom[w]];
    }
    return idom;
}

// `id` names the source (empty: not a unit).
SourceCutResult cuts_from_of(const detail::View& view, UnitIndex source, const std::string& id, const TieView& spec) {
    const std::uint32_t s = view.vertex_of(source);
    if (s == detail::no_vertex)
        throw InvalidInput("not_in_view", id.empty() ? "cuts_from" : "'" + id + "'",
                           "the source has no tie of the view " + spec.to_string() + " (or is not selected)");
    const std::uint32_t n = view.size();
    const std::size_t arcs = view.arc_count();
    const std::vector<std::uint32_t> idom = dominators(view, s);
    constexpr std::uint32_t none = detail::no_vertex;

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
    SourceCutResult out = cuts_from_of(*detail::make_view(graph, spec, "cuts_from"), source, id, spec);
    out.stamp = GraphStamp::of_result(graph, "cuts from '" + id + "'", "compute them again");
    return out;
}

SourceCutResult cuts_from(const FrozenGraph& graph, UnitIndex source, const TieView& spec) {
    const std::string id = graph.is_alive(source) ? std::string(graph.id(source)) : std::string();
    SourceCutResult out = cuts_from_of(*detail::make_view(graph, spec, "cuts_from"), source, id, spec);
    out.stamp = graph.stamp();
    return out;
}

}  // namespace antq
