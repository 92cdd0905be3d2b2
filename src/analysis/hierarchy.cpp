#include <cstdint>
#include <deque>
#include <string>

#include <antq/analysis/hierarchy.hpp>
#include <antq/errors.hpp>
#include <antq/graph/selector.hpp>

namespace antq {

namespace {

template <class Next>
std::vector<UnitIndex> breadth_first(const OrgGraph& graph, UnitIndex start, Next&& next) {
    graph.unit(start);  // throws NotFound for a bad index
    std::vector<bool> seen(graph.unit_capacity(), false);
    seen[start.value] = true;
    std::vector<UnitIndex> out;
    std::deque<UnitIndex> queue{start};
    while (!queue.empty()) {
        const UnitIndex u = queue.front();
        queue.pop_front();
        for (UnitIndex v : next(u))
            if (!seen[v.value]) {
                seen[v.value] = true;
                out.push_back(v);
                queue.push_back(v);
            }
    }
    return out;
}

}  // namespace

std::vector<UnitIndex> ancestors(const OrgGraph& graph, UnitIndex u, TieKind kind) {
    return breadth_first(graph, u, [&](UnitIndex v) { return graph.parents(v, kind); });
}

std::vector<UnitIndex> descendants(const OrgGraph& graph, UnitIndex u, TieKind kind) {
    return breadth_first(graph, u, [&](UnitIndex v) { return graph.children(v, kind); });
}

std::vector<UnitIndex> subtree(const OrgGraph& graph, UnitIndex root) {
    const auto mask = territory_mask(graph, root);
    std::vector<UnitIndex> out;
    for (std::uint32_t i = 0; i < mask.size(); ++i)
        if (mask[i]) out.push_back(UnitIndex{i});
    return out;
}

std::vector<std::vector<UnitIndex>> chains_of_command(const OrgGraph& graph, UnitIndex u, std::size_t max_paths) {
    graph.unit(u);
    std::vector<std::vector<UnitIndex>> done;
    std::vector<std::vector<UnitIndex>> open{{u}};
    while (!open.empty()) {
        std::vector<UnitIndex> path = std::move(open.back());
        open.pop_back();
        const auto superiors = graph.parents(path.back(), TieKind::directs);
        if (superiors.empty()) {
            done.push_back(std::move(path));
            if (done.size() > max_paths)
                throw InvalidInput("too_many_paths", "'" + graph.unit(u).id + "'",
                                   "more than " + std::to_string(max_paths) + " chains of command");
            continue;
        }
        // Push in reverse so the first superior's chain comes out first.
        for (auto it = superiors.rbegin(); it != superiors.rend(); ++it) {
            auto next = path;
            next.push_back(*it);
            open.push_back(std::move(next));
        }
        if (open.size() / 64 > max_paths)  // open paths bound the finished ones; no overflow for a huge max_paths
            throw InvalidInput("too_many_paths", "'" + graph.unit(u).id + "'",
                               "more than " + std::to_string(max_paths) + " chains of command");
    }
    return done;
}

namespace {

// territories_at() on either graph: both answer levels(), parent() and area() alike, the frozen view from its rows.
template <class Graph>
std::vector<UnitIndex> territories_at_of(const Graph& graph, Level level) {
    constexpr std::uint32_t unknown = 0xffffffffu;
    std::vector<UnitIndex> out(graph.unit_capacity());
    std::vector<std::uint32_t> of_territory(graph.unit_capacity(), unknown);  // memo: territory -> answer
    const auto levels = graph.levels();
    std::vector<std::uint32_t> chain;
    // The answer for territory t: itself at `level`, else its container's; each territory is walked through once.
    auto resolve = [&](std::uint32_t t) {
        chain.clear();
        std::uint32_t found = UnitIndex{}.value;
        for (std::uint32_t at = t;;) {
            if (of_territory[at] != unknown) {
                found = of_territory[at];
                break;
            }
            chain.push_back(at);
            if (levels[at] == level) {
                found = at;
                break;
            }
            const auto up = graph.parent(UnitIndex{at}, TieKind::contains);
            if (!up) break;
            at = up->value;
        }
        for (std::uint32_t c : chain) of_territory[c] = found;
        return found;
    };
    for (std::uint32_t i = 0; i < graph.unit_capacity(); ++i)
        if (graph.is_alive(UnitIndex{i}))
            if (const auto area = graph.area(UnitIndex{i})) out[i] = UnitIndex{resolve(area->value)};
    return out;
}

}  // namespace

std::vector<UnitIndex> territories_at(const OrgGraph& graph, Level level) { return territories_at_of(graph, level); }

std::vector<UnitIndex> territories_at(const FrozenGraph& graph, Level level) { return territories_at_of(graph, level); }

}  // namespace antq
