#include <algorithm>
#include <map>

#include <antq/analysis/oversight.hpp>

namespace antq {

OversightResult oversight(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);
    std::map<std::uint32_t, std::vector<UnitIndex>> watches;
    std::vector<bool> watched(graph.unit_capacity(), false), monitor(graph.unit_capacity(), false);
    // Walk the assignments, not the rows: a unit monitoring under two assignments of one task has one row.
    const auto& tasks = responsibilities.directive().tasks;
    for (std::uint32_t t = 0; t < tasks.size(); ++t)
        for (std::uint32_t a = 0; a < tasks[t].assignments.size(); ++a) {
            if (tasks[t].assignments[a].role != Role::monitor) continue;
            for (UnitIndex m : responsibilities.assignees(t, a)) {
                monitor[m.value] = true;
                auto& list = watches[m.value];
                for (UnitIndex target : responsibilities.targets(t, a, m)) {
                    list.push_back(target);
                    watched[target.value] = true;
                }
            }
        }
    OversightResult out;
    for (auto& [unit, list] : watches) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        out.monitors.push_back({UnitIndex{unit}, std::move(list)});
    }
    for (UnitIndex u : responsibilities.bound_units())
        if (!watched[u.value] && !monitor[u.value]) out.unmonitored.push_back(u);
    return out;
}

}  // namespace antq
