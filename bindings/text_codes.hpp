#pragma once

// Text -> a small dense code, for the categorical columns handed to pandas.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace antq::python {

/**
 * Text -> dense code (0, 1, 2, ... in order of first sight), by open addressing over (hash, code) slots: no
 * allocation per entry, unlike a node-based map. The texts themselves live with the caller (`known`).
 */
class TextCodes {
public:
    /** The code of `text`; a new text gets the next code and is handed to `add`, which must append it to `known`. */
    template <class Add>
    std::int32_t code(std::string_view text, const std::vector<std::string_view>& known, Add&& add) {
        if ((known.size() + 1) * 2 > m_slots.size()) grow(known);
        const std::uint32_t h = static_cast<std::uint32_t>(std::hash<std::string_view>{}(text));
        for (std::size_t i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            Slot& slot = m_slots[i];
            if (slot.code < 0) {
                slot = {h, static_cast<std::int32_t>(known.size())};
                add(text);
                return slot.code;
            }
            if (slot.hash == h && known[static_cast<std::size_t>(slot.code)] == text) return slot.code;
        }
    }

private:
    struct Slot {
        std::uint32_t hash;
        std::int32_t code;
    };
    void grow(const std::vector<std::string_view>& known) {
        std::vector<Slot> slots(std::max<std::size_t>(16, m_slots.size() * 2), Slot{0, -1});
        for (std::size_t c = 0; c < known.size(); ++c) {
            const std::uint32_t h = static_cast<std::uint32_t>(std::hash<std::string_view>{}(known[c]));
            std::size_t i = h & (slots.size() - 1);
            while (slots[i].code >= 0) i = (i + 1) & (slots.size() - 1);
            slots[i] = {h, static_cast<std::int32_t>(c)};
        }
        m_slots.swap(slots);
    }
    std::vector<Slot> m_slots;
};

}  // namespace antq::python
