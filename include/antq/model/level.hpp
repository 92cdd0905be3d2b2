#pragma once

/**
 * @file
 * Administrative levels, from the nation down to the village.
 */

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace antq {

/** The administrative level a unit belongs to. Order is top-down: a smaller value is higher. */
enum class Level : std::uint8_t { nation, province, district, commune, village };

/** Every level, top-down. */
inline constexpr std::array<Level, 5> all_levels{Level::nation, Level::province, Level::district, Level::commune,
                                                 Level::village};

/** The level's name: "nation", "province", "district", "commune" or "village". */
constexpr std::string_view to_string(Level level) noexcept {
    constexpr std::array<std::string_view, 5> names{"nation", "province", "district", "commune", "village"};
    return names[static_cast<std::size_t>(level)];
}

/** Parses a level name; std::nullopt if it is not one. */
constexpr std::optional<Level> parse_level(std::string_view name) noexcept {
    for (Level level : all_levels)
        if (to_string(level) == name) return level;
    return std::nullopt;
}

/** True if `upper` is strictly above `lower`. */
constexpr bool is_above(Level upper, Level lower) noexcept {
    return static_cast<std::uint8_t>(upper) < static_cast<std::uint8_t>(lower);
}

}  // namespace antq
