#pragma once

/**
 * @file
 * The administrative structure as data: the levels a country has, which may contain which, code widths.
 */

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <antq/model/level.hpp>

namespace antq {

/**
 * Which territorial levels exist, which level may directly contain which, and how many digits a GSO code has at
 * each level. Three presets describe Vietnam:
 *
 * | preset       | territory levels, top-down                    | in force                                   |
 * |--------------|-----------------------------------------------|--------------------------------------------|
 * | `three_tier` | nation, province, district, commune, village  | until 30/06/2025                           |
 * | `two_tier`   | nation, province, commune, village            | from 01/07/2025 (Luật 72/2025/QH15)        |
 * | `either`     | both containments allowed                     | a graph of either period, or in transition |
 *
 * A graph follows one structure (OrgGraph::structure()); `either` is the default of a new graph, so that a graph
 * built before its structure is known, or one being restructured, can hold both. The rest of the library asks the
 * structure instead of naming levels: which levels lie between two others, which level contains which.
 * Structures are values; compare them by id().
 */
class AdministrativeStructure {
public:
    /** Province -> district -> commune -> village under the nation: Vietnam until 30 June 2025. */
    static const AdministrativeStructure& three_tier() noexcept;
    /**
     * Province -> commune -> village under the nation: Vietnam from 1 July 2025, when the district level ceased
     * (Nghị quyết 203/2025/QH15 amending the Constitution; Luật Tổ chức chính quyền địa phương 72/2025/QH15).
     */
    static const AdministrativeStructure& two_tier() noexcept;
    /** Both: a province may contain districts and communes. The default of a new graph. */
    static const AdministrativeStructure& either() noexcept;
    /** Every preset, in the order above. */
    static std::span<const AdministrativeStructure* const> presets() noexcept;
    /** The preset named `id`. @throws InvalidInput "unknown_structure", listing the presets */
    static const AdministrativeStructure& preset(std::string_view id);

    /** "three_tier", "two_tier" or "either". */
    const std::string& id() const noexcept { return m_id; }
    /** A one-line description, e.g. "three tiers: province, district, commune (until 30/06/2025)". */
    const std::string& label() const noexcept { return m_label; }
    /** The territorial levels it has, top-down. */
    std::span<const Level> levels() const noexcept { return m_levels; }
    /** True if territories of `level` exist in this structure. */
    bool has_level(Level level) const noexcept;
    /** True if a territory at `outer` may directly contain one at `inner`. */
    bool may_contain(Level outer, Level inner) const noexcept;
    /**
     * The structure left when the `level` ceases: the preset with this structure's levels but `level` (three_tier
     * without districts: two_tier). Throws when this structure has no such level, or no preset has the rest.
     * @throws InvalidInput "wrong_level" (no such level here), "no_structure" (no preset without it)
     */
    const AdministrativeStructure& without(Level level) const;
    /** The levels whose territories may directly contain a territory at `inner`, top-down. */
    std::vector<Level> containers_of(Level inner) const;
    /**
     * Digits of a GSO code at `level` (2 for a province, 3 for a district, 5 for a commune); std::nullopt where
     * codes are not fixed-width (the nation, villages).
     */
    std::optional<std::size_t> code_digits(Level level) const noexcept;

    friend bool operator==(const AdministrativeStructure& a, const AdministrativeStructure& b) noexcept {
        return a.m_id == b.m_id;
    }

private:
    AdministrativeStructure(std::string id, std::string label, std::vector<Level> levels,
                            std::vector<std::pair<Level, Level>> contains);

    std::string m_id;
    std::string m_label;
    std::vector<Level> m_levels;
    std::vector<std::pair<Level, Level>> m_contains;  // (outer, inner)
};

}  // namespace antq
