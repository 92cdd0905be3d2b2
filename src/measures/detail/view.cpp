#include <algorithm>
#include <string>
#include <utility>

#include <antq/errors.hpp>

#include "graph/detail/storage.hpp"
#include "measures/detail/view.hpp"

namespace antq::detail {

namespace {

struct Arc {
    std::uint32_t to;
    std::uint32_t tie;
};

}  // namespace

View make_view(const OrgGraph& graph, const TieView& spec, std::string_view where) {
    if (spec.kinds.empty()) throw InvalidInput("no_tie_kind", std::string(where), "name at least one tie kind");
    std::uint32_t kind_mask = 0;
    for (TieKind k : spec.kinds) kind_mask |= 1u << static_cast<unsigned>(k);

    const std::size_t capacity = graph.unit_capacity();
    std::vector<char> selected;  // empty: every unit with a tie of the view
    if (spec.units) {
        selected.assign(capacity, 0);
        for (UnitIndex u : spec.units->select(graph)) selected[u.value] = 1;
    }
    auto in_selection = [&](std::size_t u) { return selected.empty() || selected[u]; };

    // Arcs grouped by source unit: count, then place (a counting sort, so the build stays linear).
    const BoostGraph& g = storage(graph).graph;
    std::vector<std::uint32_t> start(capacity + 1, 0);
    auto for_each_arc = [&](auto&& add) {
        for (std::size_t u = 0; u < capacity; ++u) {
            if (!graph.is_alive(UnitIndex{static_cast<std::uint32_t>(u)}) || !in_selection(u)) continue;
            for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
                const EdgeData& e = g[*it];
                if (!(kind_mask & (1u << static_cast<unsigned>(e.kind)))) continue;
                const std::size_t v = boost::target(*it, g);
                if (!in_selection(v) || v == u) continue;
                add(u, v, e.tie);
                if (!spec.directed || e.kind == TieKind::coordinates) add(v, u, e.tie);
            }
        }
    };
    for_each_arc([&](std::size_t u, std::size_t, std::uint32_t) { ++start[u + 1]; });
    for (std::size_t u = 0; u < capacity; ++u) start[u + 1] += start[u];
    std::vector<Arc> arcs(start[capacity]);
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for_each_arc([&](std::size_t u, std::size_t v, std::uint32_t tie) {
            arcs[fill[u]++] = Arc{static_cast<std::uint32_t>(v), tie};
        });
    }

    View view;
    view.directed = spec.directed;
    view.vertex.assign(capacity, no_vertex);
    std::vector<char> member(capacity, 0);
    if (!selected.empty()) {
        for (std::size_t u = 0; u < capacity; ++u)
            member[u] = selected[u] && graph.is_alive(UnitIndex{static_cast<std::uint32_t>(u)});
    } else {
        for (std::size_t u = 0; u < capacity; ++u)
            if (start[u + 1] > start[u]) {
                member[u] = 1;
                for (std::uint32_t a = start[u]; a < start[u + 1]; ++a) member[arcs[a].to] = 1;
            }
    }
    for (std::size_t u = 0; u < capacity; ++u)
        if (member[u]) {
            view.vertex[u] = static_cast<std::uint32_t>(view.units.size());
            view.units.push_back(UnitIndex{static_cast<std::uint32_t>(u)});
        }

    // One arc per ordered pair, with the number of ties behind it and the first of them.
    const std::uint32_t n = view.size();
    view.out_start.assign(n + 1, 0);
    view.out_target.reserve(arcs.size());
    view.out_ties.reserve(arcs.size());
    view.out_tie.reserve(arcs.size());
    for (std::uint32_t v = 0; v < n; ++v) {
        const std::uint32_t u = view.units[v].value;
        auto first = arcs.begin() + start[u], last = arcs.begin() + start[u + 1];
        for (auto it = first; it != last; ++it) it->to = view.vertex[it->to];
        std::sort(first, last, [](const Arc& a, const Arc& b) { return a.to != b.to ? a.to < b.to : a.tie < b.tie; });
        for (auto it = first; it != last; ++it) {
            if (it != first && std::prev(it)->to == it->to) {
                ++view.out_ties.back();
                continue;
            }
            view.out_target.push_back(it->to);
            view.out_ties.push_back(1);
            view.out_tie.push_back(TieIndex{it->tie});
        }
        view.out_start[v + 1] = static_cast<std::uint32_t>(view.out_target.size());
    }

    if (view.directed) {  // the transpose, sources in increasing order
        view.in_start.assign(n + 1, 0);
        for (std::uint32_t t : view.out_target) ++view.in_start[t + 1];
        for (std::uint32_t v = 0; v < n; ++v) view.in_start[v + 1] += view.in_start[v];
        view.in_source.resize(view.out_target.size());
        std::vector<std::uint32_t> fill(view.in_start.begin(), view.in_start.end() - 1);
        for (std::uint32_t v = 0; v < n; ++v)
            for (std::uint32_t w : view.successors(v)) view.in_source[fill[w]++] = v;
    }
    return view;
}

}  // namespace antq::detail
