#include <algorithm>
#include <deque>

#include <antq/analysis/accountability.hpp>

namespace antq {

UnitAccountability accountability(const OrgGraph& graph, UnitIndex unit, UnitIndex top) {
    graph.unit(top);
    UnitAccountability out{unit, graph.head(unit), {}, {}};
    // Breadth-first upward along `directs`: the first time `top` is met, the path is a shortest one.
    std::vector<UnitIndex> via(graph.unit_capacity(), UnitIndex{});
    std::vector<bool> seen(graph.unit_capacity(), false);
    std::deque<UnitIndex> queue{unit};
    seen[unit.value] = true;
    bool found = unit == top;
    while (!queue.empty() && !found) {
        const UnitIndex u = queue.front();
        queue.pop_front();
        for (UnitIndex p : graph.parents(u, TieKind::directs)) {
            if (seen[p.value]) continue;
            seen[p.value] = true;
            via[p.value] = u;
            if (p == top) {
                found = true;
                break;
            }
            queue.push_back(p);
        }
    }
    if (!found) return out;
    for (UnitIndex at = top;; at = via[at.value]) {
        out.chain.push_back(at);
        if (at == unit) break;
    }
    std::reverse(out.chain.begin(), out.chain.end());
    for (UnitIndex u : out.chain) out.chain_heads.push_back(graph.head(u));
    return out;
}

TaskAccountability accountability(const Responsibilities& responsibilities, const OrgGraph& graph, std::uint32_t task) {
    responsibilities.check_current(graph);
    TaskAccountability out;
    out.task = task;
    for (UnitIndex u : responsibilities.units_of(task, Role::lead))
        out.by_level[static_cast<std::size_t>(graph.unit(u).level)].emplace_back(u, graph.head(u));
    return out;
}

}  // namespace antq
