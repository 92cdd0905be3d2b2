#pragma once

/**
 * @file
 * Typed ties between units, and which direction each one points.
 */

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace antq {

/**
 * The kind of a tie. Every tie is directed, source -> target:
 *
 * | kind        | source            | target                 | meaning                                              |
 * |-------------|-------------------|------------------------|------------------------------------------------------|
 * | contains    | territory         | territory one step down| containment (province contains district); province ->  |
 * |             |                   | (or province->commune) | commune too, for the two-tier structure after 7/2025   |
 * | serves      | body              | territory, same level  | the body serves that territory (exactly one)         |
 * | directs     | body              | body                   | subordination: superior directs subordinate; acyclic,|
 * |             |                   |                        | and never from a lower level to a higher one         |
 * | membership  | body              | body or post           | the target is a member of the source organisation    |
 * | heads       | post              | body, same level       | the post heads the body (a body has at most one)     |
 * | coordinates | body              | body                   | coordination, one tie per pair, read both ways       |
 * | guides      | body              | body                   | professional guidance                                |
 * | inspects    | body              | body                   | inspection                                           |
 * | forwards    | body              | body                   | documents are forwarded from source to target        |
 */
enum class TieKind : std::uint8_t { contains, serves, directs, membership, heads, coordinates, guides, inspects, forwards };

namespace detail {
inline constexpr std::array<std::string_view, 9> tie_kind_names{
    "contains", "serves", "directs", "membership", "heads", "coordinates", "guides", "inspects", "forwards"};
}  // namespace detail

/** Number of tie kinds. */
inline constexpr std::size_t tie_kind_count = detail::tie_kind_names.size();

/** The kind's name, e.g. "directs". */
constexpr std::string_view to_string(TieKind kind) noexcept {
    return detail::tie_kind_names[static_cast<std::size_t>(kind)];
}

/** Parses a tie kind name; std::nullopt if it is not one. */
constexpr std::optional<TieKind> parse_tie_kind(std::string_view name) noexcept {
    for (std::size_t i = 0; i < tie_kind_count; ++i)
        if (detail::tie_kind_names[i] == name) return static_cast<TieKind>(i);
    return std::nullopt;
}

}  // namespace antq
