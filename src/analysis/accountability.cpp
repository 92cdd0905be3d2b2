#include <algorithm>
#include <span>
#include <string>

#include <antq/analysis/accountability.hpp>
#include <antq/errors.hpp>

namespace antq {

namespace {

// Ids of `units`, quoted, the first few of them.
std::string some_ids(const FrozenGraph& view, std::span<const UnitIndex> units) {
    std::string out;
    for (std::size_t i = 0; i < units.size() && i < 8; ++i)
        out += (out.empty() ? "'" : ", '") + std::string(view.id(units[i])) + "'";
    if (units.size() > 8) out += ", ...";
    return out.empty() ? "none" : out;
}

// Subordination runs between bodies: a territory or a post has no chain of its own, and an empty one would read
// as "answers to nobody".
void refuse_non_body(const FrozenGraph& view, UnitIndex unit) {
    const std::string id(view.id(unit));  // throws NotFound for a bad index
    const UnitKind kind = view.kinds()[unit.value];
    if (is_body(kind)) return;
    if (is_territory(kind))
        throw InvalidInput("not_a_body", "'" + id + "'",
                           "'" + id + "' is a " + std::string(to_string(kind)) +
                               ", a territory; accountability follows the bodies serving it: " +
                               some_ids(view, view.parents(unit, TieKind::serves)));
    throw InvalidInput("not_a_body", "'" + id + "'",
                       "'" + id + "' is a post; accountability follows the body it heads: " +
                           some_ids(view, view.children(unit, TieKind::heads)));
}

// The post heading `body`, if any (the graph lets a body have one).
std::optional<UnitIndex> head_of(const FrozenGraph& view, UnitIndex body) {
    const auto heads = view.parents(body, TieKind::heads);
    return heads.empty() ? std::nullopt : std::optional<UnitIndex>(heads.front());
}

}  // namespace

UnitAccountability accountability(const FrozenGraph& view, UnitIndex unit, UnitIndex top) {
    view.id(top);  // throws NotFound for a bad index
    refuse_non_body(view, unit);
    UnitAccountability out{unit, head_of(view, unit), {}, {}};
    // Breadth-first upward along `directs`: the first time `top` is met, the path is a shortest one.
    std::vector<UnitIndex> via(view.unit_capacity(), UnitIndex{});
    std::vector<bool> seen(view.unit_capacity(), false);
    std::vector<UnitIndex> queue{unit};
    seen[unit.value] = true;
    bool found = unit == top;
    for (std::size_t at = 0; at < queue.size() && !found; ++at)
        for (UnitIndex p : view.parents(queue[at], TieKind::directs)) {
            if (seen[p.value]) continue;
            seen[p.value] = true;
            via[p.value] = queue[at];
            if (p == top) {
                found = true;
                break;
            }
            queue.push_back(p);
        }
    if (!found) return out;
    for (UnitIndex at = top;; at = via[at.value]) {
        out.chain.push_back(at);
        if (at == unit) break;
    }
    std::reverse(out.chain.begin(), out.chain.end());
    for (UnitIndex u : out.chain) out.chain_heads.push_back(head_of(view, u));
    return out;
}

UnitAccountability accountability(const OrgGraph& graph, UnitIndex unit, UnitIndex top) {
    return accountability(*graph.freeze(), unit, top);
}

TaskAccountability accountability(const Responsibilities& responsibilities, const FrozenGraph& view, const OrgGraph& graph,
                                  std::uint32_t task) {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    responsibilities.check_current(graph);
    TaskAccountability out;
    out.task = task;
    for (UnitIndex u : responsibilities.units_of(task, Role::lead))
        out.by_level[static_cast<std::size_t>(view.levels()[u.value])].emplace_back(u, head_of(view, u));
    return out;
}

TaskAccountability accountability(const Responsibilities& responsibilities, const OrgGraph& graph, std::uint32_t task) {
    const OrgGraph::ReadGuard reading(graph);
    responsibilities.check_current(graph);  // a stale table is refused before any view is built
    return accountability(responsibilities, *graph.freeze(), graph, task);
}

}  // namespace antq
