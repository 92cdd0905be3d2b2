#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include <antq/errors.hpp>

#include "measures/detail/view.hpp"

namespace antq::detail {

namespace {

struct Arc {
    std::uint32_t to;
    std::uint32_t tie;
};

// The rows a vertex's arcs come from: per chosen kind its out-rows, and its in-rows where a tie is read both ways
// (every kind on an undirected view; `coordinates`, one tie per pair, on a directed one).
std::vector<FrozenGraph::RowArrays> rows_of(const FrozenGraph& frozen, const TieView& spec) {
    std::array<bool, tie_kind_count> chosen{};
    for (TieKind k : spec.kinds) chosen[static_cast<std::size_t>(k)] = true;
    std::vector<FrozenGraph::RowArrays> rows;
    for (std::size_t k = 0; k < tie_kind_count; ++k) {
        if (!chosen[k]) continue;
        const auto kind = static_cast<TieKind>(k);
        rows.push_back(frozen.out_rows(kind));
        if (!spec.directed || kind == TieKind::coordinates) rows.push_back(frozen.in_rows(kind));
    }
    std::erase_if(rows, [](const FrozenGraph::RowArrays& r) { return r.offsets.empty(); });  // kinds without ties
    return rows;
}

View build(const FrozenGraph& frozen, const TieView& spec, const std::vector<UnitIndex>* selected) {
    const std::vector<FrozenGraph::RowArrays> rows = rows_of(frozen, spec);
    const std::size_t capacity = frozen.unit_capacity();

    View view;
    view.directed = spec.directed;
    // The vertices: the selection (units alive), or every unit with a tie of the view, found in the kinds' neighbour
    // arrays (targets in the out-rows, sources in the in-rows) rather than by a pass over every unit of the graph.
    // The graph refuses self-ties, so every unit found has a tie to another. vertex[] marks a unit once found.
    view.vertex.assign(capacity, no_vertex);
    auto add = [&view](UnitIndex u) {
        if (view.vertex[u.value] == no_vertex) {
            view.vertex[u.value] = 0;
            view.units.push_back(u);
        }
    };
    if (selected) {
        for (UnitIndex u : *selected)
            if (frozen.is_alive(u)) add(u);
    } else {
        for (TieKind k : spec.kinds) {
            for (UnitIndex u : frozen.out_rows(k).units) add(u);
            for (UnitIndex u : frozen.in_rows(k).units) add(u);
        }
    }
    std::sort(view.units.begin(), view.units.end());  // vertices in unit index order
    for (std::uint32_t v = 0; v < view.size(); ++v) view.vertex[view.units[v].value] = v;

    // One arc per ordered pair, with the number of ties behind it and the first of them (by index).
    const std::uint32_t n = view.size();
    view.out_start.assign(n + 1, 0);
    std::size_t most = 0;  // every tie of the rows read: room for all arcs, so the arrays never grow and copy
    for (const auto& r : rows) most += r.units.size();
    view.out_target.reserve(most);
    view.out_ties.reserve(most);
    view.out_tie.reserve(most);
    std::vector<Arc> arcs;
    for (std::uint32_t v = 0; v < n; ++v) {
        const std::uint32_t u = view.units[v].value;
        arcs.clear();
        for (const auto& r : rows)
            for (std::uint32_t a = r.offsets[u]; a < r.offsets[u + 1]; ++a) {
                const std::uint32_t w = view.vertex[r.units[a].value];
                if (w != no_vertex && w != v) arcs.push_back(Arc{w, r.ties[a].value});
            }
        std::sort(arcs.begin(), arcs.end(), [](const Arc& a, const Arc& b) { return a.to != b.to ? a.to < b.to : a.tie < b.tie; });
        for (auto it = arcs.begin(); it != arcs.end(); ++it) {
            if (it != arcs.begin() && std::prev(it)->to == it->to) {
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

// The key a view of every unit with a tie of `spec`'s kinds is kept under: its kinds (as a set) and its direction.
std::string key_of(const TieView& spec) {
    unsigned kinds = 0;
    for (TieKind k : spec.kinds) kinds |= 1u << static_cast<unsigned>(k);
    return "measures.view/" + std::to_string(kinds) + (spec.directed ? "/directed" : "/undirected");
}

}  // namespace

std::shared_ptr<const View> make_view(const FrozenGraph& frozen, const TieView& spec, std::string_view where,
                                      const std::vector<UnitIndex>* selected) {
    if (spec.kinds.empty()) throw InvalidInput("no_tie_kind", std::string(where), "name at least one tie kind");
    if (spec.units && !selected)
        throw InvalidInput("needs_graph", std::string(where),
                           "a view that selects units is evaluated on the OrgGraph, not on a frozen view");
    if (selected) return std::make_shared<const View>(build(frozen, spec, selected));
    return frozen.derived<View>(key_of(spec), [&] { return std::make_shared<const View>(build(frozen, spec, nullptr)); });
}

std::shared_ptr<const View> make_view(const OrgGraph& graph, const TieView& spec, std::string_view where) {
    if (spec.kinds.empty()) throw InvalidInput("no_tie_kind", std::string(where), "name at least one tie kind");
    const std::shared_ptr<const FrozenGraph> frozen = graph.freeze();
    if (!spec.units) return make_view(*frozen, spec, where);
    const std::vector<UnitIndex> selected = spec.units->select(graph);
    return make_view(*frozen, spec, where, &selected);
}

std::uint32_t strong_components(const View& view, std::vector<std::uint32_t>& label) {
    const std::uint32_t n = view.size();
    std::vector<std::uint32_t> index(n, no_vertex), low(n), next(n), path, stack;
    std::vector<char> on_stack(n, 0);
    std::uint32_t timer = 0, count = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != no_vertex) continue;
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
                if (index[w] == no_vertex) enter(w);
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

}  // namespace antq::detail
