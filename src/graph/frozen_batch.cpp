#include <cassert>
#include <string>

#include <antq/errors.hpp>
#include <antq/graph/frozen_batch.hpp>

namespace antq::batch {

std::vector<UnitIndex> checked_units(const FrozenGraph& view, std::span<const std::int64_t> raw, std::string_view what) {
    std::vector<UnitIndex> out(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::int64_t v = raw[i];
        const bool known = v >= 0 && static_cast<std::uint64_t>(v) < view.unit_capacity() &&
                           view.is_alive(UnitIndex{static_cast<std::uint32_t>(v)});
        if (!known)
            throw NotFound("unknown_unit", std::string(what) + "[" + std::to_string(i) + "]",
                           "no unit has index " + std::to_string(v));
        out[i] = UnitIndex{static_cast<std::uint32_t>(v)};
    }
    return out;
}

std::vector<UnitIndex> all_units(const FrozenGraph& view) {
    std::vector<UnitIndex> out;
    out.reserve(view.unit_count());
    for (std::uint32_t i = 0; i < view.unit_capacity(); ++i)
        if (view.is_alive(UnitIndex{i})) out.push_back(UnitIndex{i});
    return out;
}

void kinds(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int8_t> out) {
    assert(out.size() == units.size());
    const auto all = view.kinds();
    for (std::size_t i = 0; i < units.size(); ++i) out[i] = static_cast<std::int8_t>(all[units[i].value]);
}

void levels(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int8_t> out) {
    assert(out.size() == units.size());
    const auto all = view.levels();
    for (std::size_t i = 0; i < units.size(); ++i) out[i] = static_cast<std::int8_t>(all[units[i].value]);
}

void parents(const FrozenGraph& view, std::span<const UnitIndex> units, TieKind kind, std::span<std::int64_t> out) {
    assert(out.size() == units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto p = view.parent(units[i], kind);
        out[i] = p ? static_cast<std::int64_t>(p->value) : -1;
    }
}

void areas(const FrozenGraph& view, std::span<const UnitIndex> units, std::span<std::int64_t> out) {
    assert(out.size() == units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto a = view.area(units[i]);
        out[i] = a ? static_cast<std::int64_t>(a->value) : -1;
    }
}

void within(const FrozenGraph& view, UnitIndex root, std::span<const UnitIndex> units, std::span<bool> out) {
    assert(out.size() == units.size());
    const auto mask = view.territory_mask(root);
    for (std::size_t i = 0; i < units.size(); ++i) out[i] = mask[units[i].value] != 0;
}

}  // namespace antq::batch
