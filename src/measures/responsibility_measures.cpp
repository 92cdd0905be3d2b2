#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <span>
#include <utility>

#include <antq/analysis/coordination.hpp>
#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/measures/responsibility_measures.hpp>


namespace antq {

namespace {

bool is_working(Role role) noexcept { return role != Role::inform; }

UnitIndex issuer_of(const Responsibilities& responsibilities, const OrgGraph& graph) {
    try {
        return graph.index_of(responsibilities.directive().issuer);
    } catch (const Error&) {
        rethrow_at("issuer of directive '" + responsibilities.directive().id + "'");
    }
}

}  // namespace

ResponsibilityMeasures responsibility_measures(const Responsibilities& responsibilities, const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);
    ResponsibilityMeasures out;
    out.issuer = issuer_of(responsibilities, graph);
    out.stamp = GraphStamp::of_result(graph, "responsibility measures of directive '" + responsibilities.directive().id + "'",
                                      "compute them again");
    const std::size_t capacity = graph.unit_capacity();
    // The walks read the frozen view (built once per state of the graph and shared), as the analyses do.
    const std::shared_ptr<const FrozenGraph> view = graph.freeze();

    // Who the issuer reaches along `forwards`.
    const std::vector<std::uint32_t> hops = view->hops(std::span<const UnitIndex>(&out.issuer, 1), TieKind::forwards);
    auto reached = [&hops](std::uint32_t u) { return hops[u] != FrozenGraph::unreached; };

    // Distinct (task, unit) pairs per role and for any working role: the table may hold a unit twice in a task
    // (two assignments naming it), and its rows need not be grouped by task.
    const auto& rows = responsibilities.rows();
    const std::size_t task_count = responsibilities.directive().tasks.size();
    using Key = std::pair<std::uint32_t, std::uint32_t>;  // (task, unit)
    std::vector<Key> working;
    std::array<std::vector<Key>, 5> by_role;
    for (const Responsibility& row : rows) {
        by_role[static_cast<std::size_t>(row.role)].emplace_back(row.task, row.unit.value);
        if (is_working(row.role)) working.emplace_back(row.task, row.unit.value);
    }
    auto distinct = [](std::vector<Key>& keys) {
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    };
    distinct(working);
    for (auto& keys : by_role) distinct(keys);

    std::vector<UnitIndex> holders;
    for (const Responsibility& row : rows) holders.push_back(row.unit);
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    std::vector<std::uint32_t> row_of_unit(capacity, std::numeric_limits<std::uint32_t>::max());
    out.units.reserve(holders.size());
    for (UnitIndex u : holders) {
        row_of_unit[u.value] = static_cast<std::uint32_t>(out.units.size());
        out.units.push_back({u, 0, {}, 0.0, 0.0});
    }

    out.tasks.resize(task_count);
    for (std::uint32_t t = 0; t < task_count; ++t) out.tasks[t].task = t;
    for (auto [t, u] : working) ++out.tasks[t].units;
    for (auto [t, u] : working) {
        auto& unit = out.units[row_of_unit[u]];
        ++unit.tasks;
        unit.exclusivity += std::exp(1.0 - double(out.tasks[t].units));
    }
    for (std::size_t role = 0; role < by_role.size(); ++role)
        for (auto [t, u] : by_role[role]) {
            ++out.units[row_of_unit[u]].roles[role];
            ++out.tasks[t].roles[role];
        }
    std::vector<std::vector<std::uint32_t>> lead_areas(task_count);
    for (auto [t, u] : by_role[static_cast<std::size_t>(Role::lead)]) {
        if (reached(u)) ++out.tasks[t].leads_reached;
        if (auto area = view->area(UnitIndex{u})) lead_areas[t].push_back(area->value);
    }
    double redundancy_sum = 0;
    for (std::uint32_t t = 0; t < task_count; ++t) {
        auto& task = out.tasks[t];
        auto& areas = lead_areas[t];
        std::sort(areas.begin(), areas.end());
        const auto territories = static_cast<std::uint32_t>(std::unique(areas.begin(), areas.end()) - areas.begin());
        task.lead_territories = territories;
        task.duplicate_leads = static_cast<std::uint32_t>(areas.size()) - territories;
        task.redundancy = task.units > 0 ? task.units - 1 : 0;
        task.orphan = task.roles[static_cast<std::size_t>(Role::lead)] == 1 && task.leads_reached == 0;
        redundancy_sum += task.redundancy;
    }
    for (auto& unit : out.units) unit.share = task_count ? double(unit.tasks) / double(task_count) : 0.0;
    out.redundancy = task_count ? redundancy_sum / double(task_count) : 0.0;
    return out;
}

Congruence congruence(const Responsibilities& responsibilities, const OrgGraph& graph, const std::vector<TieKind>& kinds) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);
    std::uint32_t kind_mask = 0;
    for (TieKind k : kinds) kind_mask |= 1u << static_cast<unsigned>(k);
    if (kinds.empty()) kind_mask = ~0u;

    const std::vector<UnitIndex> bound = responsibilities.bound_units();
    std::vector<char> is_bound(graph.unit_capacity(), 0);
    for (UnitIndex u : bound) is_bound[u.value] = 1;

    using Pair = std::pair<std::uint32_t, std::uint32_t>;
    auto pair_of = [](UnitIndex a, UnitIndex b) { return Pair{std::min(a.value, b.value), std::max(a.value, b.value)}; };
    std::vector<Pair> required, tied;
    for (const CoordinationPair& p : coordination(responsibilities, graph).pairs) required.push_back(pair_of(p.lead, p.partner));
    const std::shared_ptr<const FrozenGraph> view = graph.freeze();
    for (std::size_t k = 0; k < tie_kind_count; ++k) {
        if (!(kind_mask & (1u << k))) continue;
        for (UnitIndex u : bound)
            for (UnitIndex v : view->children(u, static_cast<TieKind>(k)))
                if (is_bound[v.value] && v != u) tied.push_back(pair_of(u, v));
    }
    for (auto* pairs : {&required, &tied}) {
        std::sort(pairs->begin(), pairs->end());
        pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
    }
    std::vector<Pair> both;
    std::set_intersection(required.begin(), required.end(), tied.begin(), tied.end(), std::back_inserter(both));

    Congruence out;
    out.units = static_cast<std::uint32_t>(bound.size());
    out.required = required.size();
    out.tied = tied.size();
    out.covered = both.size();
    out.gaps = out.required - out.covered;
    out.unrequired = out.tied - out.covered;
    const double pairs = double(out.units) * double(out.units - 1) / 2;
    out.congruence = out.units >= 2 ? 1.0 - double(out.gaps + out.unrequired) / pairs : std::nan("");
    out.coverage = out.required ? double(out.covered) / double(out.required) : std::nan("");
    return out;
}

}  // namespace antq
