#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <antq/restructure/diff.hpp>

namespace antq {

namespace {

// The unit's place: the territory containing it, the territory a body serves, the body a post heads.
const std::string* place(const OrgGraph& graph, UnitIndex u) {
    const Unit& unit = graph.unit(u);
    const TieKind along = is_territory(unit.kind) ? TieKind::contains : is_post(unit.kind) ? TieKind::heads : TieKind::serves;
    std::optional<UnitIndex> found;
    if (along == TieKind::contains) {
        graph.for_each_parent(u, along, [&](UnitIndex p) { found = p; });
    } else {
        graph.for_each_child(u, along, [&](UnitIndex p) {
            if (!found) found = p;
        });
    }
    return found ? &graph.unit(*found).id : nullptr;
}

const std::string& id_or_empty(const std::string* id) {
    static const std::string none;
    return id ? *id : none;
}

const std::string& type_of(const Unit& unit) {
    static const std::string none;
    const Value* type = unit.attributes.find("type");
    return type && type->type() == Value::Type::string ? type->as_string() : none;
}

}  // namespace

std::vector<UnitChange> diff(const OrgGraph& before, const OrgGraph& after, const DiffOptions& options) {
    const OrgGraph::ReadGuard reading_before(before), reading_after(after);
    std::unordered_map<std::string, std::vector<std::string>> successors;
    if (options.ids)
        for (const Succession& row : options.ids->rows()) {
            auto& list = successors[row.before];
            if (!row.after.empty()) list.push_back(row.after);
        }
    auto continues = [&](const std::string& id) {
        if (!options.ids) return true;
        const auto it = successors.find(id);
        if (it == successors.end()) return true;
        for (const auto& s : it->second)
            if (s == id) return true;
        return false;
    };
    auto wanted = [&](const Unit& u) { return !options.territories_only || is_territory(u.kind); };

    // Each unit of `after` with the unit of `before` of its id, looked up once: a unit of `before` lives on when
    // `after` has its id and the id map does not end it. One lookup per unit of `after`, not one per unit of each.
    const std::vector<UnitIndex> later = after.units();
    std::vector<std::optional<UnitIndex>> counterpart(later.size());
    std::vector<bool> lives_on(before.unit_capacity(), false);  // by index in `before`
    for (std::size_t i = 0; i < later.size(); ++i) {
        const std::string& id = after.unit(later[i]).id;
        counterpart[i] = before.find(id);
        if (counterpart[i] && continues(id)) lives_on[counterpart[i]->value] = true;
    }

    std::vector<UnitChange> out;
    std::vector<bool> ended(before.unit_capacity(), false);  // by index in `before`
    for (UnitIndex u : before.units()) {
        const Unit& unit = before.unit(u);
        if (!wanted(unit) || lives_on[u.value]) continue;
        ended[u.value] = true;
        const auto it = successors.find(unit.id);
        const std::size_t next = it == successors.end() ? 0 : it->second.size();
        std::string joined;
        for (std::size_t i = 0; i < next; ++i) joined += (i ? ", " : "") + it->second[i];
        out.push_back(UnitChange{next == 0 ? "abolished" : next == 1 ? "merged" : "split", unit.id, unit.kind,
                                 unit.level, unit.name, std::move(joined)});
    }
    for (std::size_t i = 0; i < later.size(); ++i) {
        const UnitIndex u = later[i];
        const Unit& unit = after.unit(u);
        if (!wanted(unit)) continue;
        const std::optional<UnitIndex> old = counterpart[i];
        if (!old || ended[old->value]) {
            out.push_back(UnitChange{"created", unit.id, unit.kind, unit.level, "", unit.name});
            continue;
        }
        const Unit& was = before.unit(*old);
        if (was.name != unit.name) out.push_back(UnitChange{"renamed", unit.id, unit.kind, unit.level, was.name, unit.name});
        if (const std::string &a = type_of(was), &b = type_of(unit); a != b)
            out.push_back(UnitChange{"retyped", unit.id, unit.kind, unit.level, a, b});
        if (const std::string &a = id_or_empty(place(before, *old)), &b = id_or_empty(place(after, u)); a != b)
            out.push_back(UnitChange{"moved", unit.id, unit.kind, unit.level, a, b});
    }
    return out;
}

}  // namespace antq
