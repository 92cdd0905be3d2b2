#pragma once

/**
 * @file
 * Roles a directive gives its addressees.
 */

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace antq {

/**
 * What an assignment asks of a unit:
 * - lead: chủ trì / chịu trách nhiệm — carries the task and answers for it;
 * - coordinate: phối hợp — works with the lead;
 * - advise: tham mưu — prepares and proposes to a superior (the assignment's target);
 * - monitor: theo dõi, hướng dẫn, đôn đốc, kiểm tra — follows, guides, urges and inspects the target;
 * - inform: nơi nhận — receives the text.
 */
enum class Role : std::uint8_t { lead, coordinate, advise, monitor, inform };

/** Every role, in the order reports list them. */
inline constexpr std::array<Role, 5> all_roles{Role::lead, Role::coordinate, Role::advise, Role::monitor, Role::inform};

/** The role's name: "lead", "coordinate", "advise", "monitor" or "inform". */
constexpr std::string_view to_string(Role role) noexcept {
    constexpr std::array<std::string_view, 5> names{"lead", "coordinate", "advise", "monitor", "inform"};
    return names[static_cast<std::size_t>(role)];
}

/** Parses a role name; std::nullopt if it is not one. */
constexpr std::optional<Role> parse_role(std::string_view name) noexcept {
    for (Role r : all_roles)
        if (to_string(r) == name) return r;
    return std::nullopt;
}

}  // namespace antq
