#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <antq/graph/frozen_graph.hpp>
#include <antq/restructure/detail/diff_rows.hpp>
#include <antq/restructure/diff.hpp>


namespace antq {

namespace detail {

namespace {

// The unit's place: the territory containing it (the last such tie), the territory a body serves or the body a post
// heads (the first such tie). A graph allows one of each, so "last" and "first" only keep the rule of the past.
std::optional<UnitIndex> place(const FrozenGraph& view, UnitIndex u, UnitKind kind) {
    if (is_territory(kind)) {
        const std::span<const UnitIndex> containers = view.parents(u, TieKind::contains);
        return containers.empty() ? std::nullopt : std::optional<UnitIndex>(containers.back());
    }
    const std::span<const UnitIndex> served = view.children(u, is_post(kind) ? TieKind::heads : TieKind::serves);
    return served.empty() ? std::nullopt : std::optional<UnitIndex>(served.front());
}

std::string_view type_of(const Unit& unit) {
    const Value* type = unit.attributes.find("type");
    return type && type->type() == Value::Type::string ? std::string_view(type->as_string()) : std::string_view();
}

}  // namespace

DiffRows diff_rows(const OrgGraph& before, const OrgGraph& after, const DiffOptions& options) {
    const OrgGraph::ReadGuard reading_before(before), reading_after(after);
    using Side = DiffText::Side;
    using Source = DiffText::Source;

    // Only with an id map: each id of `before` it names, with its successors' ids.
    std::unordered_map<std::string_view, std::vector<std::string_view>> successors;
    if (options.ids)
        for (const Succession& row : options.ids->rows()) {
            auto& list = successors[row.before];
            if (!row.after.empty()) list.push_back(row.after);
        }
    auto continues = [&](std::string_view id) {
        if (!options.ids) return true;
        const auto it = successors.find(id);
        if (it == successors.end()) return true;
        for (std::string_view s : it->second)
            if (s == id) return true;
        return false;
    };
    // The frozen views (made once per state of a graph, then kept by it) hold ids, kinds, levels and ties packed: a
    // diff reads the units' own records only for their names and types.
    const std::shared_ptr<const FrozenGraph> frozen_before = before.freeze(), frozen_after = after.freeze();
    const FrozenGraph &view_before = *frozen_before, &view_after = *frozen_after;
    const std::span<const UnitKind> kinds_before = view_before.kinds(), kinds_after = view_after.kinds();
    const std::span<const Level> levels_before = view_before.levels(), levels_after = view_after.levels();
    auto wanted = [&](UnitKind kind) { return !options.territories_only || is_territory(kind); };

    // Each unit of `after` with the unit of `before` of its id, all looked up in one batch: a unit of `before` lives on
    // when `after` has its id and the id map does not end it.
    std::vector<UnitIndex> later;
    std::vector<std::string_view> later_ids;
    later.reserve(view_after.unit_count());
    later_ids.reserve(view_after.unit_count());
    for (std::uint32_t i = 0; i < view_after.unit_capacity(); ++i)
        if (view_after.is_alive(UnitIndex{i})) {
            later.push_back(UnitIndex{i});
            later_ids.push_back(view_after.id(UnitIndex{i}));
        }
    const std::vector<std::optional<UnitIndex>> counterpart = view_before.find(later_ids);
    std::vector<std::uint8_t> lives_on(view_before.unit_capacity(), 0);  // by index in `before`
    for (std::size_t i = 0; i < later.size(); ++i)
        if (counterpart[i] && continues(later_ids[i])) lives_on[counterpart[i]->value] = 1;

    // Room for every row there can be (a unit of `before` ends once, one of `after` changes in up to three ways): a
    // national diff fills its table once, never copying it to grow.
    std::size_t most = 0;
    for (std::uint32_t i = 0; i < view_before.unit_capacity(); ++i)
        most += wanted(kinds_before[i]) && view_before.is_alive(UnitIndex{i});
    for (const UnitIndex u : later) most += 3 * wanted(kinds_after[u.value]);
    DiffRows out;
    out.rows.reserve(most);
    std::vector<std::uint8_t> ended(view_before.unit_capacity(), 0);  // by index in `before`
    for (std::uint32_t i = 0; i < view_before.unit_capacity(); ++i) {
        const UnitIndex u{i};
        if (lives_on[i] || !wanted(kinds_before[i]) || !view_before.is_alive(u)) continue;
        ended[i] = 1;
        DiffRow row{DiffChange::abolished, Side::before, kinds_before[i], levels_before[i], u,
                    DiffText{Source::name, Side::before, u.value}, DiffText{}};
        if (options.ids)
            if (const auto it = successors.find(view_before.id(u)); it != successors.end() && !it->second.empty()) {
                std::string joined;
                for (std::size_t k = 0; k < it->second.size(); ++k) (joined += k ? ", " : "") += it->second[k];
                row.change = it->second.size() == 1 ? DiffChange::merged : DiffChange::split;
                row.after = DiffText{Source::successors, Side::after, static_cast<std::uint32_t>(out.successors.size())};
                out.successors.push_back(std::move(joined));
            }
        out.rows.push_back(row);
    }
    // A unit's record, where its attributes are kept, and those members are fetched into cache some units ahead of
    // their turn, each step once the one before has arrived: every record sits alone in memory, and waiting for one
    // after the other is most of a national diff's time when they are not in cache (as after a garbage collection in
    // Python).
    constexpr std::size_t records = 12, members = 8, values = 4;
    auto ahead = [&](std::size_t i, auto fetch) {
        if (i < later.size() && counterpart[i]) {
            fetch(before.unit(*counterpart[i]));
            fetch(after.unit(later[i]));
        }
    };
    for (std::size_t i = 0; i < later.size(); ++i) {
        ahead(i + records, [](const Unit& unit) {
            __builtin_prefetch(&unit.name);
            __builtin_prefetch(&unit.attributes);
        });
        ahead(i + members, [](const Unit& unit) { unit.attributes.prefetch(); });
        ahead(i + values, [](const Unit& unit) { __builtin_prefetch(unit.attributes.begin()); });
        const UnitIndex u = later[i];
        const UnitKind kind = kinds_after[u.value];
        if (!wanted(kind)) continue;
        const Level level = levels_after[u.value];
        const std::optional<UnitIndex> old = counterpart[i];
        if (!old || ended[old->value]) {
            out.rows.push_back(DiffRow{DiffChange::created, Side::after, kind, level, u, DiffText{},
                                       DiffText{Source::name, Side::after, u.value}});
            continue;
        }
        const Unit& was = before.unit(*old);
        const Unit& unit = after.unit(u);
        if (was.name != unit.name)
            out.rows.push_back(DiffRow{DiffChange::renamed, Side::after, kind, level, u,
                                       DiffText{Source::name, Side::before, old->value},
                                       DiffText{Source::name, Side::after, u.value}});
        if (const std::string_view a = type_of(was), b = type_of(unit); a != b) {
            const auto at = static_cast<std::uint32_t>(out.texts.size());
            out.texts.push_back(a);
            out.texts.push_back(b);
            out.rows.push_back(DiffRow{DiffChange::retyped, Side::after, kind, level, u,
                                       DiffText{Source::text, Side::before, at}, DiffText{Source::text, Side::after, at + 1}});
        }
        const std::optional<UnitIndex> p = place(view_before, *old, kinds_before[old->value]);
        const std::optional<UnitIndex> q = place(view_after, u, kind);
        const std::string_view a = p ? view_before.id(*p) : std::string_view();
        const std::string_view b = q ? view_after.id(*q) : std::string_view();
        if (a != b)
            out.rows.push_back(DiffRow{DiffChange::moved, Side::after, kind, level, u,
                                       p ? DiffText{Source::id, Side::before, p->value} : DiffText{},
                                       q ? DiffText{Source::id, Side::after, q->value} : DiffText{}});
    }
    return out;
}

}  // namespace detail

std::vector<UnitChange> diff(const OrgGraph& before, const OrgGraph& after, const DiffOptions& options) {
    const OrgGraph::ReadGuard reading_before(before), reading_after(after);
    const detail::DiffRows rows = detail::diff_rows(before, after, options);
    std::vector<UnitChange> out;
    out.reserve(rows.rows.size());
    for (const detail::DiffRow& row : rows.rows) {
        const OrgGraph& graph = row.side == detail::DiffText::Side::before ? before : after;
        out.push_back(UnitChange{std::string(to_string(row.change)), graph.unit(row.unit).id, row.kind, row.level,
                                 std::string(text_of(rows, before, after, row.before)),
                                 std::string(text_of(rows, before, after, row.after))});
    }
    return out;
}

}  // namespace antq
