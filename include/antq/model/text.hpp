#pragma once

/** @file UTF-8 checks and Unicode NFC normalisation for names and attribute text (ids are compared byte for byte). */

#include <string>
#include <string_view>

namespace antq {

/** True if `text` is well-formed UTF-8. */
bool is_valid_utf8(std::string_view text) noexcept;

/**
 * Returns `text` in Unicode Normalization Form C.
 * @param text  UTF-8 text
 * @param where the place to name in an error (e.g. "/units/3/name")
 * @throws InvalidInput tag "invalid_utf8" if `text` is not well-formed UTF-8
 */
std::string to_nfc(std::string_view text, std::string_view where);

}  // namespace antq
