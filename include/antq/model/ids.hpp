#pragma once

/**
 * @file
 * Strong index types. Indices are dense and never shift: a removed unit leaves a hole.
 */

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace antq {

/** Dense internal index of a unit. Stable for the life of the graph; the persistent id is a string. */
struct UnitIndex {
    std::uint32_t value = std::numeric_limits<std::uint32_t>::max();
    constexpr auto operator<=>(const UnitIndex&) const = default;
};

/** Dense internal index of a tie. Stable for the life of the graph. */
struct TieIndex {
    std::uint32_t value = std::numeric_limits<std::uint32_t>::max();
    constexpr auto operator<=>(const TieIndex&) const = default;
};

}  // namespace antq

template <>
struct std::hash<antq::UnitIndex> {
    std::size_t operator()(antq::UnitIndex i) const noexcept { return std::hash<std::uint32_t>{}(i.value); }
};
template <>
struct std::hash<antq::TieIndex> {
    std::size_t operator()(antq::TieIndex i) const noexcept { return std::hash<std::uint32_t>{}(i.value); }
};
