#include <algorithm>
#include <array>
#include <string>

#include <antq/errors.hpp>
#include <antq/model/structure.hpp>

namespace antq {

AdministrativeStructure::AdministrativeStructure(std::string id, std::string label, std::vector<Level> levels,
                                                 std::vector<std::pair<Level, Level>> contains)
    : m_id(std::move(id)), m_label(std::move(label)), m_levels(std::move(levels)), m_contains(std::move(contains)) {}

const AdministrativeStructure& AdministrativeStructure::three_tier() noexcept {
    static const AdministrativeStructure s(
        "three_tier", "three tiers: province, district, commune (until 30/06/2025)",
        {Level::nation, Level::province, Level::district, Level::commune, Level::village},
        {{Level::nation, Level::province}, {Level::province, Level::district}, {Level::district, Level::commune},
         {Level::commune, Level::village}});
    return s;
}

const AdministrativeStructure& AdministrativeStructure::two_tier() noexcept {
    static const AdministrativeStructure s(
        "two_tier", "two tiers: province, commune (from 01/07/2025)",
        {Level::nation, Level::province, Level::commune, Level::village},
        {{Level::nation, Level::province}, {Level::province, Level::commune}, {Level::commune, Level::village}});
    return s;
}

const AdministrativeStructure& AdministrativeStructure::either() noexcept {
    static const AdministrativeStructure s(
        "either", "either structure: a province may contain districts and communes",
        {Level::nation, Level::province, Level::district, Level::commune, Level::village},
        {{Level::nation, Level::province}, {Level::province, Level::district}, {Level::province, Level::commune},
         {Level::district, Level::commune}, {Level::commune, Level::village}});
    return s;
}

std::span<const AdministrativeStructure* const> AdministrativeStructure::presets() noexcept {
    static const std::array<const AdministrativeStructure*, 3> all{&three_tier(), &two_tier(), &either()};
    return all;
}

const AdministrativeStructure& AdministrativeStructure::preset(std::string_view id) {
    std::string names;
    for (const AdministrativeStructure* s : presets()) {
        if (s->id() == id) return *s;
        names += (names.empty() ? "" : ", ") + s->id();
    }
    throw InvalidInput("unknown_structure", "'" + std::string(id) + "'",
                       "'" + std::string(id) + "' is not an administrative structure (known: " + names + ")");
}

bool AdministrativeStructure::has_level(Level level) const noexcept {
    return std::find(m_levels.begin(), m_levels.end(), level) != m_levels.end();
}

bool AdministrativeStructure::may_contain(Level outer, Level inner) const noexcept {
    return std::find(m_contains.begin(), m_contains.end(), std::pair{outer, inner}) != m_contains.end();
}

const AdministrativeStructure& AdministrativeStructure::without(Level level) const {
    const std::string name(to_string(level));
    if (!has_level(level))
        throw InvalidInput("wrong_level", name, "the structure " + m_id + " has no " + name + " level: nothing to remove");
    for (const AdministrativeStructure* preset : presets()) {
        if (preset->has_level(level)) continue;
        bool same = true;
        for (Level l : m_levels) same = same && (l == level || preset->has_level(l));
        for (Level l : preset->levels()) same = same && has_level(l);
        if (same) return *preset;
    }
    throw InvalidInput("no_structure", name,
                       "no preset structure has the levels of '" + m_id + "' without the " + name + " level");
}

std::vector<Level> AdministrativeStructure::containers_of(Level inner) const {
    std::vector<Level> out;
    for (Level l : m_levels)
        if (may_contain(l, inner)) out.push_back(l);
    return out;
}

std::optional<std::size_t> AdministrativeStructure::code_digits(Level level) const noexcept {
    if (!has_level(level)) return std::nullopt;
    switch (level) {
        case Level::province: return 2;
        case Level::district: return 3;
        case Level::commune: return 5;
        default: return std::nullopt;
    }
}

}  // namespace antq
