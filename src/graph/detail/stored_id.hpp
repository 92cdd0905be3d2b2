#pragma once

// How both graphs read an id they are asked for: ids are stored in NFC, so an id outside ASCII is looked up in that
// form. Internal to the library.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <antq/model/text.hpp>

namespace antq::detail {

inline bool is_ascii(std::string_view text) noexcept {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/** `id` as stored ids are written (NFC); std::nullopt if it cannot be an id at all (not UTF-8). */
inline std::optional<std::string> stored_form(std::string_view id) noexcept {
    try {
        return to_nfc(id, "unit id");
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace antq::detail
