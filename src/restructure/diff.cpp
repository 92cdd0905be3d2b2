#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <antq/restructure/detail/diff_rows.hpp>
#include <antq/restructure/diff.hpp>

#include "graph/detail/storage.hpp"

namespace antq {

namespace detail {

namespace {

// The unit's place: the territory containing it (the last such tie), the territory a body serves or the body a post
// heads (the first such tie).
std::optional<UnitIndex> place(const OrgGraph& graph, UnitIndex u, UnitKind kind) {
    std::optional<UnitIndex> found;
    if (is_territory(kind)) {
        for_each_in(graph, u, TieKind::contains, [&](UnitIndex p) { found = p; });
    } else {
        for_each_out(graph, u, is_post(kind) ? TieKind::heads : TieKind::serves, [&](UnitIndex p) {
            if (!found) found = p;
        });
    }
    return found;
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
    const std::span<const UnitKind> kinds_before = before.kinds(), kinds_after = after.kinds();
    const std::span<const Level> levels_before = before.levels(), levels_after = after.levels();
    auto wanted = [&](UnitKind kind) { return !options.territories_only || is_territory(kind); };

    // Each unit of `after` with the unit of `before` of its id, all looked up in one batch: a unit of `before` lives on
    // when `after` has its id and the id map does not end it.
    std::vector<UnitIndex> later;
    std::vector<std::string_view> later_ids;
    later.reserve(after.unit_count());
    later_ids.reserve(after.unit_count());
    for (std::uint32_t i = 0; i < after.unit_capacity(); ++i)
        if (after.is_alive(UnitIndex{i})) {
            later.push_back(UnitIndex{i});
            later_ids.push_back(after.unit(UnitIndex{i}).id);
        }
    const std::vector<std::optional<UnitIndex>> counterpart = before.find(later_ids);
    std::vector<std::uint8_t> lives_on(before.unit_capacity(), 0);  // by index in `before`
    for (std::size_t i = 0; i < later.size(); ++i)
        if (counterpart[i] && continues(later_ids[i])) lives_on[counterpart[i]->value] = 1;

    DiffRows out;
    std::vector<std::uint8_t> ended(before.unit_capacity(), 0);  // by index in `before`
    for (std::uint32_t i = 0; i < before.unit_capacity(); ++i) {
        const UnitIndex u{i};
        if (lives_on[i] || !wanted(kinds_before[i]) || !before.is_alive(u)) continue;
        ended[i] = 1;
        DiffRow row{DiffChange::abolished, Side::before, kinds_before[i], levels_before[i], u,
                    DiffText{Source::name, Side::before, u, {}}, DiffText{}};
        if (options.ids)
            if (const auto it = successors.find(before.unit(u).id); it != successors.end() && !it->second.empty()) {
                std::string joined;
                for (std::size_t k = 0; k < it->second.size(); ++k) (joined += k ? ", " : "") += it->second[k];
                row.change = it->second.size() == 1 ? DiffChange::merged : DiffChange::split;
                row.after = DiffText{Source::successors, Side::after,
                                     UnitIndex{static_cast<std::uint32_t>(out.successors.size())}, {}};
                out.successors.push_back(std::move(joined));
            }
        out.rows.push_back(row);
    }
    for (std::size_t i = 0; i < later.size(); ++i) {
        const UnitIndex u = later[i];
        const UnitKind kind = kinds_after[u.value];
        if (!wanted(kind)) continue;
        const Level level = levels_after[u.value];
        const std::optional<UnitIndex> old = counterpart[i];
        if (!old || ended[old->value]) {
            out.rows.push_back(DiffRow{DiffChange::created, Side::after, kind, level, u, DiffText{},
                                       DiffText{Source::name, Side::after, u, {}}});
            continue;
        }
        const Unit& was = before.unit(*old);
        const Unit& unit = after.unit(u);
        if (was.name != unit.name)
            out.rows.push_back(DiffRow{DiffChange::renamed, Side::after, kind, level, u,
                                       DiffText{Source::name, Side::before, *old, {}},
                                       DiffText{Source::name, Side::after, u, {}}});
        if (const std::string_view a = type_of(was), b = type_of(unit); a != b)
            out.rows.push_back(DiffRow{DiffChange::retyped, Side::after, kind, level, u,
                                       DiffText{Source::text, Side::before, *old, a},
                                       DiffText{Source::text, Side::after, u, b}});
        const std::optional<UnitIndex> p = place(before, *old, kinds_before[old->value]);
        const std::optional<UnitIndex> q = place(after, u, kind);
        const std::string_view a = p ? std::string_view(before.unit(*p).id) : std::string_view();
        const std::string_view b = q ? std::string_view(after.unit(*q).id) : std::string_view();
        if (a != b)
            out.rows.push_back(DiffRow{DiffChange::moved, Side::after, kind, level, u,
                                       p ? DiffText{Source::id, Side::before, *p, {}} : DiffText{},
                                       q ? DiffText{Source::id, Side::after, *q, {}} : DiffText{}});
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
