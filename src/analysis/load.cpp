#include <algorithm>

#include <antq/analysis/load.hpp>

namespace antq {

std::uint32_t LoadResult::Entry::weight() const noexcept {
    return roles[static_cast<std::size_t>(Role::lead)] + roles[static_cast<std::size_t>(Role::coordinate)] +
           roles[static_cast<std::size_t>(Role::monitor)];
}

std::vector<LoadResult::Entry> LoadResult::most_loaded(std::size_t n) const {
    std::vector<Entry> out = units;
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.weight() > b.weight(); });
    if (out.size() > n) out.resize(n);
    return out;
}

LoadResult load(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    responsibilities.check_current(graph);
    std::vector<RoleCounts> per_unit(view.unit_capacity(), RoleCounts{});
    std::vector<bool> holds(view.unit_capacity(), false);
    const auto levels = view.levels();
    LoadResult out;
    for (const Responsibility& r : responsibilities.rows()) {
        ++per_unit[r.unit.value][static_cast<std::size_t>(r.role)];
        holds[r.unit.value] = true;
        ++out.by_level[static_cast<std::size_t>(levels[r.unit.value])][static_cast<std::size_t>(r.role)];
    }
    for (std::uint32_t i = 0; i < holds.size(); ++i)
        if (holds[i]) out.units.push_back(LoadResult::Entry{UnitIndex{i}, per_unit[i]});
    return out;
}

LoadResult load(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);  // a stale table is refused before any view is built
    return load(responsibilities, *graph.freeze(), graph);
}

}  // namespace antq
