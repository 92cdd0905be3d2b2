#pragma once

/**
 * @file
 * An open-addressing index from persistent id to unit index that stores no copy of the ids.
 */

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <antq/model/detail/short_text.hpp>

namespace antq::detail {

/**
 * Maps id -> unit index with linear probing over 8-byte slots (index and hash), reading the ids
 * themselves from the unit table through `IdOf`. Half the size of a node-based map with string keys,
 * and no allocation per insert.
 */
class IdIndex {
public:
    /** The index stored for `id`, or std::nullopt. `id_of(i)` returns unit i's id. */
    template <class IdOf>
    std::optional<std::uint32_t> find(std::string_view id, const IdOf& id_of) const {
        if (m_slots.empty()) return std::nullopt;
        const std::uint32_t h = hash(id);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            const Slot& s = m_slots[i];
            if (s.index == empty) return std::nullopt;
            if (s.index != removed && s.hash == h && equal_text(id_of(s.index), id)) return s.index;
        }
    }

    /**
     * find() for many ids, with their memory accesses overlapped: the slots of a block of ids are fetched
     * together, then the units the slots name, then the ids are compared. `touch(i)` prefetches unit i.
     * Writes one result per id into `out` (same size as `ids`).
     */
    template <class Ids, class IdOf, class Touch>
    void find_many(const Ids& ids, std::optional<std::uint32_t>* out, const IdOf& id_of, const Touch& touch) const {
        constexpr std::size_t block = 16;
        const std::size_t n = ids.size();
        if (m_slots.empty()) {
            for (std::size_t i = 0; i < n; ++i) out[i] = std::nullopt;
            return;
        }
        std::uint32_t hashes[block];
        std::size_t first[block];  // the first slot whose hash matches, or a slot that ends the probe
        for (std::size_t start = 0; start < n; start += block) {
            const std::size_t count = std::min(block, n - start);
            for (std::size_t k = 0; k < count; ++k) {
                hashes[k] = hash(std::string_view(ids[start + k]));
                __builtin_prefetch(&m_slots[hashes[k] & mask()]);
            }
            for (std::size_t k = 0; k < count; ++k) {
                std::size_t i = hashes[k] & mask();
                while (m_slots[i].index != empty && (m_slots[i].index == removed || m_slots[i].hash != hashes[k]))
                    i = (i + 1) & mask();
                first[k] = i;
                if (m_slots[i].index != empty) touch(m_slots[i].index);
            }
            for (std::size_t k = 0; k < count; ++k) {
                const std::string_view id(ids[start + k]);
                for (std::size_t i = first[k];; i = (i + 1) & mask()) {
                    const Slot& s = m_slots[i];
                    if (s.index == empty) {
                        out[start + k] = std::nullopt;
                        break;
                    }
                    if (s.index != removed && s.hash == hashes[k] && equal_text(id_of(s.index), id)) {
                        out[start + k] = s.index;
                        break;
                    }
                }
            }
        }
    }

    /** Adds id -> index. Precondition: `id` is not present. */
    template <class IdOf>
    void insert(std::string_view id, std::uint32_t index, const IdOf& id_of) {
        if ((m_used + 1) * 2 > m_slots.size()) rehash(std::max<std::size_t>(16, (m_size + 1) * 4), id_of);
        place(Slot{index, hash(id)});
        ++m_size;
        ++m_used;
    }

    /** Removes `id` if present. */
    template <class IdOf>
    void erase(std::string_view id, const IdOf& id_of) {
        if (m_slots.empty()) return;
        const std::uint32_t h = hash(id);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            Slot& s = m_slots[i];
            if (s.index == empty) return;
            if (s.index != removed && s.hash == h && equal_text(id_of(s.index), id)) {
                s.index = removed;
                --m_size;
                return;
            }
        }
    }

    /** Makes room for `count` ids without rehashing. */
    template <class IdOf>
    void reserve(std::size_t count, const IdOf& id_of) {
        if (count * 2 > m_slots.size()) rehash(count * 2, id_of);
    }

    std::size_t size() const noexcept { return m_size; }
    /** Bytes held by the slots. */
    std::size_t memory_bytes() const noexcept { return m_slots.capacity() * sizeof(Slot); }

private:
    struct Slot {
        std::uint32_t index;
        std::uint32_t hash;
    };
    static constexpr std::uint32_t empty = 0xffffffffu;
    static constexpr std::uint32_t removed = 0xfffffffeu;

    static std::uint32_t hash(std::string_view id) noexcept { return static_cast<std::uint32_t>(hash_text(id)); }
    std::size_t mask() const noexcept { return m_slots.size() - 1; }

    void place(Slot slot) {
        for (std::size_t i = slot.hash & mask();; i = (i + 1) & mask())
            if (m_slots[i].index == empty || m_slots[i].index == removed) {
                m_slots[i] = slot;
                return;
            }
    }

    template <class IdOf>
    void rehash(std::size_t at_least, const IdOf&) {
        std::size_t capacity = 16;
        while (capacity < at_least) capacity *= 2;
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(capacity, Slot{empty, 0});
        m_used = 0;
        for (const Slot& s : old)
            if (s.index != empty && s.index != removed) {
                place(s);
                ++m_used;
            }
    }

    std::vector<Slot> m_slots;  // capacity is a power of two, at most half full (tombstones included)
    std::size_t m_size = 0;
    std::size_t m_used = 0;  // live entries plus tombstones
};

}  // namespace antq::detail
