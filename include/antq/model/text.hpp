#pragma once

/**
 * @file
 * UTF-8 checks and Unicode NFC normalisation for names and attribute text (ids are compared byte for byte).
 */

#include <concepts>
#include <string>
#include <string_view>

#include <antq/errors.hpp>

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

/**
 * to_nfc(), naming the place `where()` returns, called only for an error: for paths that check many thousands of
 * strings (a graph's units, a document's strings), where making each place up front would cost more than the check.
 * @throws InvalidInput tag "invalid_utf8" if `text` is not well-formed UTF-8
 */
template <std::invocable Where>
std::string to_nfc(std::string_view text, const Where& where) {
    try {
        return to_nfc(text, std::string_view{});
    } catch (const InvalidInput& e) {
        throw InvalidInput(e.tag(), where(), e.message());
    }
}

}  // namespace antq

namespace antq {

/**
 * `text` in lower case (Unicode case folding, then NFC): "Xã Bắc Sơn" -> "xã bắc sơn".
 * @throws InvalidInput "invalid_utf8"
 */
std::string lower_case(std::string_view text);

/**
 * A key under which two spellings of a Vietnamese name compare equal when they differ only in where the tone mark
 * sits ("Hòa" / "Hoà", "Thủy" / "Thuỷ"), in case, or in runs of white space: each syllable's tone mark is moved to
 * the syllable's end, then the text is case-folded. The national lists write the same names both ways.
 * @throws InvalidInput "invalid_utf8"
 * Complexity: O(length).
 */
std::string name_key(std::string_view text);

}  // namespace antq
