#include <algorithm>
#include <limits>

#include <antq/measures/structure.hpp>

#include "graph/detail/storage.hpp"

namespace antq {

namespace {

// The ties of one kind at a unit, read from the mutable graph's storage or a frozen view's rows.
struct Storage {
    const OrgGraph& graph;
    template <class F>
    void out(UnitIndex u, TieKind kind, F&& f) const { detail::for_each_out(graph, u, kind, f); }
    template <class F>
    void in(UnitIndex u, TieKind kind, F&& f) const { detail::for_each_in(graph, u, kind, f); }
};

struct Rows {
    const FrozenGraph& graph;
    template <class F>
    void out(UnitIndex u, TieKind kind, F&& f) const {
        for (UnitIndex v : graph.children(u, kind)) f(v);
    }
    template <class F>
    void in(UnitIndex u, TieKind kind, F&& f) const {
        for (UnitIndex v : graph.parents(u, kind)) f(v);
    }
};

template <class Graph, class Ties>
StructureMeasures structure_of(const Graph& graph, const Ties& ties) {
    const std::size_t capacity = graph.unit_capacity();
    const auto kinds = graph.kinds();
    const auto levels = graph.levels();
    auto alive = [&](std::size_t u) { return graph.is_alive(UnitIndex{static_cast<std::uint32_t>(u)}); };

    // Subordination is acyclic (OrgGraph keeps it so): depth and chains follow a topological order (Kahn).
    std::vector<std::uint32_t> superiors(capacity, 0), subordinates(capacity, 0), depth(capacity, 0);
    std::vector<std::uint64_t> chains(capacity, 0);
    std::vector<UnitIndex> order;
    for (std::size_t u = 0; u < capacity; ++u) {
        if (!alive(u)) continue;
        const UnitIndex unit{static_cast<std::uint32_t>(u)};
        ties.out(unit, TieKind::directs, [&](UnitIndex v) {
            ++subordinates[u];
            ++superiors[v.value];
        });
    }
    std::vector<std::uint32_t> waiting(superiors);
    for (std::size_t u = 0; u < capacity; ++u)
        if (alive(u) && superiors[u] == 0) {
            order.push_back(UnitIndex{static_cast<std::uint32_t>(u)});
            chains[u] = 1;
        }
    for (std::size_t i = 0; i < order.size(); ++i) {
        const UnitIndex u = order[i];
        ties.out(u, TieKind::directs, [&](UnitIndex v) {
            depth[v.value] = std::max(depth[v.value], depth[u.value] + 1);
            const std::uint64_t sum = chains[v.value] + chains[u.value];
            chains[v.value] = sum < chains[v.value] ? std::numeric_limits<std::uint64_t>::max() : sum;
            if (--waiting[v.value] == 0) order.push_back(v);
        });
    }

    StructureMeasures out;
    std::array<double, 5> span_sum{}, depth_sum{}, bodies_sum{}, answers_sum{};
    std::uint32_t subordinate_total = 0, dual_total = 0;
    for (std::size_t u = 0; u < capacity; ++u) {
        if (!alive(u)) continue;
        const UnitIndex unit{static_cast<std::uint32_t>(u)};
        const auto level = static_cast<std::size_t>(levels[u]);
        auto& figures = out.levels[level];
        if (is_body(kinds[u])) {
            out.bodies.push_back({unit, subordinates[u], superiors[u], depth[u], chains[u]});
            ++figures.bodies;
            if (subordinates[u] > 0) {
                ++figures.directing;
                span_sum[level] += subordinates[u];
                figures.max_span = std::max(figures.max_span, subordinates[u]);
            }
            if (superiors[u] > 0) ++figures.subordinate;
            if (superiors[u] > 1) ++figures.dual;
            depth_sum[level] += depth[u];
            figures.max_depth = std::max(figures.max_depth, depth[u]);
            out.max_depth = std::max(out.max_depth, depth[u]);
        } else if (is_territory(kinds[u])) {
            std::uint32_t bodies = 0;
            ties.in(unit, TieKind::serves, [&](UnitIndex) { ++bodies; });
            out.territories.push_back({unit, bodies});
            ++figures.territories;
            bodies_sum[level] += bodies;
        }
    }

    // What each head post answers for: the bodies it heads and everything below them, each counted once (a mark
    // per post instead of clearing a set).
    std::vector<std::uint32_t> mark(capacity, std::numeric_limits<std::uint32_t>::max());
    std::vector<UnitIndex> queue;
    for (std::size_t p = 0; p < capacity; ++p) {
        if (!alive(p) || !is_post(kinds[p])) continue;
        const UnitIndex post{static_cast<std::uint32_t>(p)};
        const auto stamp = static_cast<std::uint32_t>(p);
        queue.clear();
        std::uint32_t headed = 0;
        ties.out(post, TieKind::heads, [&](UnitIndex b) {
            ++headed;
            if (mark[b.value] != stamp) {
                mark[b.value] = stamp;
                queue.push_back(b);
            }
        });
        if (headed == 0) continue;
        for (std::size_t i = 0; i < queue.size(); ++i)
            ties.out(queue[i], TieKind::directs, [&](UnitIndex v) {
                if (mark[v.value] != stamp) {
                    mark[v.value] = stamp;
                    queue.push_back(v);
                }
            });
        const auto answers = static_cast<std::uint32_t>(queue.size());
        out.heads.push_back({post, headed, answers});
        const auto level = static_cast<std::size_t>(levels[p]);
        ++out.levels[level].heads;
        answers_sum[level] += answers;
    }

    for (std::size_t l = 0; l < out.levels.size(); ++l) {
        auto& f = out.levels[l];
        f.mean_span = f.directing ? span_sum[l] / f.directing : 0.0;
        f.dual_share = f.subordinate ? double(f.dual) / f.subordinate : 0.0;
        f.mean_depth = f.bodies ? depth_sum[l] / f.bodies : 0.0;
        f.mean_bodies_per_territory = f.territories ? bodies_sum[l] / f.territories : 0.0;
        f.mean_answers_for = f.heads ? answers_sum[l] / f.heads : 0.0;
        subordinate_total += f.subordinate;
        dual_total += f.dual;
    }
    out.dual_share = subordinate_total ? double(dual_total) / subordinate_total : 0.0;
    return out;
}

}  // namespace

StructureMeasures structure(const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    StructureMeasures out = structure_of(graph, Storage{graph});
    out.stamp = GraphStamp::of_result(graph, "structure measures", "compute them again");
    return out;
}

StructureMeasures structure(const FrozenGraph& graph) {
    StructureMeasures out = structure_of(graph, Rows{graph});
    out.stamp = graph.stamp();
    return out;
}

}  // namespace antq
