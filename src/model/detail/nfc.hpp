#pragma once

// Whether a text is already in stored form (NFC), asked without making its NFC form where that can be seen at once.
// Internal to the library.

#include <string_view>

namespace antq::detail {

/**
 * True if `text` is well-formed UTF-8 already in NFC: to_nfc() would give it back unchanged. Text made only of code
 * points that are their own NFC form (ASCII, Latin, the precomposed Vietnamese letters) is answered without
 * allocating. Complexity: O(size).
 */
bool is_nfc(std::string_view text) noexcept;

}  // namespace antq::detail
