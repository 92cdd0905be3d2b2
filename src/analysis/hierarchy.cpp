#include <algorithm>
#include <cstdint>
#include <string>

#include <antq/analysis/hierarchy.hpp>
#include <antq/errors.hpp>

namespace antq {

namespace {

// Breadth-first from `start` along the rows `next(u)` gives, `start` excluded. A unit already seen is looked for in
// the queue while it is short (a walk up stays within a few units) and in marks over every unit once it grows, so a
// walk costs O(result + their rows), not O(units) for marks it does not need.
template <class Next>
std::vector<UnitIndex> breadth_first(const FrozenGraph& view, UnitIndex start, Next&& next) {
    view.id(start);  // throws NotFound for a bad index
    constexpr std::size_t searched_while_below = 64;
    std::vector<UnitIndex> queue{start};
    std::vector<bool> seen;  // empty while the queue is searched
    auto first_sight = [&](UnitIndex v) {
        if (seen.empty()) {
            if (std::find(queue.begin(), queue.end(), v) != queue.end()) return false;
            if (queue.size() < searched_while_below) return true;
            seen.assign(view.unit_capacity(), false);
            for (UnitIndex q : queue) seen[q.value] = true;
        }
        if (seen[v.value]) return false;
        seen[v.value] = true;
        return true;
    };
    for (std::size_t at = 0; at < queue.size(); ++at)
        for (UnitIndex v : next(queue[at]))
            if (first_sight(v)) queue.push_back(v);
    queue.erase(queue.begin());
    return queue;
}

InvalidInput too_many_paths(const FrozenGraph& view, UnitIndex u, std::size_t max_paths) {
    return InvalidInput("too_many_paths", "'" + std::string(view.id(u)) + "'",
                        "more than " + std::to_string(max_paths) + " chains of command");
}

}  // namespace

std::vector<UnitIndex> ancestors(const FrozenGraph& view, UnitIndex u, TieKind kind) {
    return breadth_first(view, u, [&](UnitIndex v) { return view.parents(v, kind); });
}

std::vector<UnitIndex> ancestors(const OrgGraph& graph, UnitIndex u, TieKind kind) {
    return ancestors(*graph.freeze(), u, kind);
}

std::vector<UnitIndex> descendants(const FrozenGraph& view, UnitIndex u, TieKind kind) {
    return breadth_first(view, u, [&](UnitIndex v) { return view.children(v, kind); });
}

std::vector<UnitIndex> descendants(const OrgGraph& graph, UnitIndex u, TieKind kind) {
    return descendants(*graph.freeze(), u, kind);
}

std::vector<UnitIndex> subtree(const FrozenGraph& view, UnitIndex root) { return view.within(root); }

std::vector<UnitIndex> subtree(const OrgGraph& graph, UnitIndex root) { return subtree(*graph.freeze(), root); }

std::vector<std::vector<UnitIndex>> chains_of_command(const FrozenGraph& view, UnitIndex u, std::size_t max_paths) {
    view.id(u);  // throws NotFound for a bad index
    std::vector<std::vector<UnitIndex>> done;
    std::vector<std::vector<UnitIndex>> open{{u}};
    while (!open.empty()) {
        std::vector<UnitIndex> path = std::move(open.back());
        open.pop_back();
        const auto superiors = view.parents(path.back(), TieKind::directs);
        if (superiors.empty()) {
            done.push_back(std::move(path));
            if (done.size() > max_paths) throw too_many_paths(view, u, max_paths);
            continue;
        }
        // Push in reverse so the first superior's chain comes out first.
        for (auto it = superiors.rbegin(); it != superiors.rend(); ++it) {
            auto next = path;
            next.push_back(*it);
            open.push_back(std::move(next));
        }
        if (open.size() / 64 > max_paths)  // open paths bound the finished ones; no overflow for a huge max_paths
            throw too_many_paths(view, u, max_paths);
    }
    return done;
}

std::vector<std::vector<UnitIndex>> chains_of_command(const OrgGraph& graph, UnitIndex u, std::size_t max_paths) {
    return chains_of_command(*graph.freeze(), u, max_paths);
}

std::vector<UnitIndex> territories_at(const FrozenGraph& view, Level level) {
    constexpr std::uint32_t unknown = 0xffffffffu;
    std::vector<UnitIndex> out(view.unit_capacity());
    std::vector<std::uint32_t> of_territory(view.unit_capacity(), unknown);  // memo: territory -> answer
    const auto levels = view.levels();
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
            const auto up = view.parent(UnitIndex{at}, TieKind::contains);
            if (!up) break;
            at = up->value;
        }
        for (std::uint32_t c : chain) of_territory[c] = found;
        return found;
    };
    for (std::uint32_t i = 0; i < view.unit_capacity(); ++i)
        if (view.is_alive(UnitIndex{i}))
            if (const auto area = view.area(UnitIndex{i})) out[i] = UnitIndex{resolve(area->value)};
    return out;
}

std::vector<UnitIndex> territories_at(const OrgGraph& graph, Level level) { return territories_at(*graph.freeze(), level); }

}  // namespace antq
