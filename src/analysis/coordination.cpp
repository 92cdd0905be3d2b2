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

CoordinationResult coordination(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    responsibilities.check_current(graph);
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> required;
    const auto& tasks = responsibilities.directive().tasks;
    for (std::uint32_t t = 0; t < tasks.size(); ++t) {
        // Group the task's coordinators by territory, then pair each lead with those sharing its territory.
        std::unordered_map<std::uint32_t, std::vector<UnitIndex>> partners_by_area;
        for (UnitIndex c : responsibilities.units_of(t, Role::coordinate))
            if (auto area = view.area(c)) partners_by_area[area->value].push_back(c);
        for (UnitIndex l : responsibilities.units_of(t, Role::lead)) {
            const auto area = view.area(l);
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
        // Kind by kind, so the kinds come out in order and each once.
        for (std::size_t k = 0; k < tie_kind_count; ++k) {
            const auto kind = static_cast<TieKind>(k);
            const auto out_row = view.children(pair.lead, kind);
            const auto in_row = view.parents(pair.lead, kind);
            if (std::find(out_row.begin(), out_row.end(), pair.partner) != out_row.end() ||
                std::find(in_row.begin(), in_row.end(), pair.partner) != in_row.end())
                pair.ties.push_back(kind);
        }
        out.pairs.push_back(std::move(pair));
    }
    return out;
}

CoordinationResult coordination(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);  // a stale table is refused before any view is built
    return coordination(responsibilities, *graph.freeze(), graph);
}

}  // namespace antq
