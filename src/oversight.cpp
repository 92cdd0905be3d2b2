#include <algorithm>
#include <map>

#include <antq/analysis/oversight.hpp>

namespace antq {

OversightResult oversight(const Responsibilities& responsibilities, const OrgGraph& graph) {
    responsibilities.check_current(graph);
    std::map<std::uint32_t, std::vector<UnitIndex>> watches;
    std::vector<bool> watched(graph.unit_capacity(), false), monitor(graph.unit_capacity(), false);
    for (const Responsibility& r : responsibilities.rows()) {
        if (r.role != Role::monitor) continue;
        monitor[r.unit.value] = true;
        auto& list = watches[r.unit.value];
        for (UnitIndex t : responsibilities.targets(r.task, r.assignment)) {
            list.push_back(t);
            watched[t.value] = true;
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
