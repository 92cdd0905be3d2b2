#include <algorithm>
#include <deque>

#include <string>

#include <antq/analysis/accountability.hpp>
#include <antq/errors.hpp>

namespace antq {

namespace {

// Ids of `units`, quoted, the first few of them.
std::string some_ids(const OrgGraph& graph, const std::vector<UnitIndex>& units) {
    std::string out;
    for (std::size_t i = 0; i < units.size() && i < 8; ++i) out += (out.empty() ? "'" : ", '") + graph.unit(units[i]).id + "'";
    if (units.size() > 8) out += ", ...";
    return out.empty() ? "none" : out;
}

// Subordination runs between bodies: a territory or a post has no chain of its own, and an empty one would read
// as "answers to nobody".
void refuse_non_body(const OrgGraph& graph, UnitIndex unit) {
    const Unit& u = graph.unit(unit);
    if (is_body(u.kind)) return;
    if (is_territory(u.kind))
        throw InvalidInput("not_a_body", "'" + u.id + "'",
                           "'" + u.id + "' is a " + std::string(to_string(u.kind)) +
                               ", a territory; accountability follows the bodies serving it: " +
                               some_ids(graph, graph.parents(unit, TieKind::serves)));
    throw InvalidInput("not_a_body", "'" + u.id + "'",
                       "'" + u.id + "' is a post; accountability follows the body it heads: " +
                           some_ids(graph, graph.children(unit, TieKind::heads)));
}

}  // namespace

UnitAccountability accountability(const OrgGraph& graph, UnitIndex unit, UnitIndex top) {
    const OrgGraph::ReadGuard reading(graph);
    graph.unit(top);
    refuse_non_body(graph, unit);
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
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);
    TaskAccountability out;
    out.task = task;
    for (UnitIndex u : responsibilities.units_of(task, Role::lead))
        out.by_level[static_cast<std::size_t>(graph.unit(u).level)].emplace_back(u, graph.head(u));
    return out;
}

}  // namespace antq
