#include <algorithm>

#include <antq/analysis/reach.hpp>

namespace antq {

bool ReachResult::reached(UnitIndex u) const { return u.value < reached_mask.size() && reached_mask[u.value]; }

std::vector<UnitIndex> ReachResult::path_to(UnitIndex u) const {
    std::vector<UnitIndex> path;
    if (!reached(u)) return path;
    for (UnitIndex at = u;; at = received_from[at.value]) {
        path.push_back(at);
        if (received_from[at.value] == UnitIndex{}) break;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

ReachResult reach(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    responsibilities.check_current(graph);
    ReachResult out;
    out.stamp = GraphStamp::of_result(graph, "reach of directive '" + responsibilities.directive().id + "'", "run it again");
    out.recipients = responsibilities.recipients();
    out.bound = responsibilities.bound_units();
    out.reached_mask.assign(view.unit_capacity(), false);
    out.received_from.assign(view.unit_capacity(), UnitIndex{});
    std::vector<UnitIndex> queue;
    for (UnitIndex r : out.recipients) {
        out.reached_mask[r.value] = true;
        queue.push_back(r);
    }
    for (std::size_t at = 0; at < queue.size(); ++at)
        for (UnitIndex v : view.children(queue[at], TieKind::forwards))
            if (!out.reached_mask[v.value]) {
                out.reached_mask[v.value] = true;
                out.received_from[v.value] = queue[at];
                queue.push_back(v);
            }
    for (UnitIndex b : out.bound)
        if (!out.reached_mask[b.value]) out.unreached.push_back(b);
    return out;
}

ReachResult reach(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);  // a stale table is refused before any view is built
    return reach(responsibilities, *graph.freeze(), graph);
}

}  // namespace antq
