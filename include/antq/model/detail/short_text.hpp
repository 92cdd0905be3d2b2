#pragma once

/**
 * @file
 * Short texts (ids, keys) compared and hashed a word at a time, inline: for texts mostly under 24 bytes a call to
 * memcmp or std::hash costs more than the work itself.
 */

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace antq::detail {

/** The 8 bytes at `s`, as one word. */
inline std::uint64_t text_word(const char* s) noexcept {
    std::uint64_t w;
    std::memcpy(&w, s, sizeof w);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);  // byte i in bits 8i to 8i + 7
    return w;
}

/**
 * Equal texts, by word loads in place of a call to memcmp: ids and keys are mostly under 24 bytes, where the call
 * costs more than the comparison.
 */
inline bool equal_text(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n < 8) {
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    for (std::size_t at = 0; at + 8 < n; at += 8)
        if (text_word(a.data() + at) != text_word(b.data() + at)) return false;
    return text_word(a.data() + n - 8) == text_word(b.data() + n - 8);  // the last 8, overlapping the words before
}

/**
 * A hash of an id, a word at a time: each 8-byte word taken in by a multiply and a rotation (after xxHash64's round),
 * the length mixed in and the whole avalanched at the end (MurmurHash3's finaliser), so that the low bits, which
 * pick a slot, depend on every byte. Inline and a few multiplies for the short ids of a graph, where std::hash's
 * byte loop and call cost several times that.
 */
inline std::uint64_t hash_text(std::string_view s) noexcept {
    constexpr std::uint64_t k1 = 0x9e3779b185ebca87ull, k2 = 0xc2b2ae3d27d4eb4full;
    auto mix = [](std::uint64_t h, std::uint64_t word) {
        h ^= word * k2;
        return ((h << 31) | (h >> 33)) * k1;
    };
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = k1 ^ s.size();
    for (; n > 8; p += 8, n -= 8) h = mix(h, text_word(p));
    std::uint64_t last = 0;  // the last 1 to 8 bytes
    if (s.size() >= 8) last = text_word(s.data() + s.size() - 8) >> (8 * (8 - n));  // the top n bytes of the last word
    else
        for (std::size_t i = 0; i < n; ++i) last |= std::uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
    h = mix(h, last);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

}  // namespace antq::detail
