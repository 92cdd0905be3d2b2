#pragma once

/**
 * @file
 * What a unit is: a territory, a body serving one, or a post heading a body.
 */

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include <antq/model/level.hpp>

namespace antq {

/**
 * The kind of a unit.
 *
 * Territories (nation ... village) have the level of the same name. Bodies serve exactly one territory
 * and take its level. A post is the office that heads one or more bodies (e.g. the Chairman of the
 * provincial People's Committee) and takes their level.
 */
enum class UnitKind : std::uint8_t {
    // territory
    nation,
    province,
    district,
    commune,
    village,
    // bodies
    party_committee,
    peoples_council,
    peoples_committee,
    police,
    steering_committee,
    front_committee,
    mass_organisation,
    department,
    ministry,
    agency,
    enterprise,
    school,
    security_team,
    // heads
    post,
};

namespace detail {
inline constexpr std::array<std::string_view, 19> unit_kind_names{
    "nation",          "province",          "district",           "commune",          "village",
    "party_committee", "peoples_council",   "peoples_committee",  "police",           "steering_committee",
    "front_committee", "mass_organisation", "department",         "ministry",         "agency",
    "enterprise",      "school",            "security_team",      "post"};
}  // namespace detail

/** Number of unit kinds. */
inline constexpr std::size_t unit_kind_count = detail::unit_kind_names.size();

/** The kind's name, e.g. "peoples_committee". */
constexpr std::string_view to_string(UnitKind kind) noexcept {
    return detail::unit_kind_names[static_cast<std::size_t>(kind)];
}

/** Parses a kind name; std::nullopt if it is not one. */
constexpr std::optional<UnitKind> parse_unit_kind(std::string_view name) noexcept {
    for (std::size_t i = 0; i < unit_kind_count; ++i)
        if (detail::unit_kind_names[i] == name) return static_cast<UnitKind>(i);
    return std::nullopt;
}

/** True for nation, province, district, commune and village. */
constexpr bool is_territory(UnitKind kind) noexcept { return kind <= UnitKind::village; }

/** True for a post (the office heading a body). */
constexpr bool is_post(UnitKind kind) noexcept { return kind == UnitKind::post; }

/** True for bodies: everything that is neither a territory nor a post. */
constexpr bool is_body(UnitKind kind) noexcept { return !is_territory(kind) && !is_post(kind); }

/** The level of a territory kind. Precondition: is_territory(kind). */
constexpr Level territory_level(UnitKind kind) noexcept { return static_cast<Level>(static_cast<std::uint8_t>(kind)); }

}  // namespace antq
