#include <algorithm>
#include <map>
#include <unordered_map>

#include <antq/analysis/coordination.hpp>

namespace antq {

std::vector<CoordinationPair> CoordinationResult::gaps() const {
    std::vector<CoordinationPair> out;
    for (const auto& p : pairs)
        if (p.is_gap()) out.push_back(p);
    return out;
}

CoordinationResult coordination(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> required;
    const auto& tasks = responsibilities.directive().tasks;
    for (std::uint32_t t = 0; t < tasks.size(); ++t) {
        // Group the task's coordinators by territory, then pair each lead with those sharing its territory.
        std::unordered_map<std::uint32_t, std::vector<UnitIndex>> partners_by_area;
        for (UnitIndex c : responsibilities.units_of(t, Role::coordinate))
            if (auto area = graph.area(c)) partners_by_area[area->value].push_back(c);
        for (UnitIndex l : responsibilities.units_of(t, Role::lead)) {
            const auto area = graph.area(l);
            if (!area) continue;
            auto it = partners_by_area.find(area->value);
            if (it == partners_by_area.end()) continue;
            for (UnitIndex c : it->second) {
                if (c == l) continue;
                auto& list = required[{l.value, c.value}];
                if (list.empty() || list.back() != t) list.push_back(t);
            }
        }
    }
    CoordinationResult out;
    for (auto& [key, task_list] : required) {
        CoordinationPair pair{UnitIndex{key.first}, UnitIndex{key.second}, std::move(task_list), {}};
        for (TieIndex t : graph.out_ties(pair.lead))
            if (graph.tie(t).target == pair.partner) pair.ties.push_back(graph.tie(t).kind);
        for (TieIndex t : graph.in_ties(pair.lead))
            if (graph.tie(t).source == pair.partner) pair.ties.push_back(graph.tie(t).kind);
        std::sort(pair.ties.begin(), pair.ties.end());
        pair.ties.erase(std::unique(pair.ties.begin(), pair.ties.end()), pair.ties.end());
        out.pairs.push_back(std::move(pair));
    }
    return out;
}

}  // namespace antq
