#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <utf8proc.h>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>

#include "model/detail/nfc.hpp"

namespace antq {

namespace {

constexpr char32_t invalid = 0xffffffff;

// Decodes one code point strictly (no overlongs, no surrogates, nothing above U+10FFFF) and advances `i`.
char32_t decode(std::string_view text, std::size_t& i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t length = 0;
    char32_t cp = 0, minimum = 0;
    if ((b0 & 0xe0) == 0xc0) length = 2, cp = b0 & 0x1f, minimum = 0x80;
    else if ((b0 & 0xf0) == 0xe0) length = 3, cp = b0 & 0x0f, minimum = 0x800;
    else if ((b0 & 0xf8) == 0xf0) length = 4, cp = b0 & 0x07, minimum = 0x10000;
    else return invalid;
    if (i + length > text.size()) return invalid;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xc0) != 0x80) return invalid;
        cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return invalid;
    i += length;
    return cp;
}

// Code points that are their own NFC form and never compose with a neighbour: Latin up to U+02FF and the
// precomposed Latin Extended Additional block, which hold everything Vietnamese names are written with.
// A string made only of these is already NFC (UAX #15 quick check: all NFC_QC=Yes, canonical class 0).
constexpr bool nfc_stable(char32_t cp) noexcept { return cp < 0x300 || (cp >= 0x1e00 && cp <= 0x1eff); }

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();)
        if (decode(text, i) == invalid) return false;
    return true;
}

bool detail::is_nfc(std::string_view text) noexcept {
    bool stable = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = decode(text, i);
        if (cp == invalid) return false;
        stable = stable && nfc_stable(cp);
    }
    if (stable) return true;
    try {
        return to_nfc(text, std::string_view{}) == text;
    } catch (...) {
        return false;
    }
}

std::string to_nfc(std::string_view text, std::string_view where) {
    bool stable = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = decode(text, i);
        if (cp == invalid) throw InvalidInput("invalid_utf8", std::string(where), "text is not well-formed UTF-8");
        stable = stable && nfc_stable(cp);
    }
    if (stable) return std::string(text);
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &out,
                                            static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    if (n < 0) throw InvalidInput("invalid_utf8", std::string(where), utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace antq

namespace antq {

namespace {

std::string utf8proc_apply(std::string_view text, int options, std::string_view where) {
    if (!is_valid_utf8(text)) throw InvalidInput("invalid_utf8", std::string(where), "text is not well-formed UTF-8");
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &out,
                                            static_cast<utf8proc_option_t>(options));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    if (n < 0) throw InvalidInput("invalid_utf8", std::string(where), utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below).
constexpr bool is_tone_mark(char32_t cp) noexcept {
    return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

void append_utf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buffer[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

}  // namespace

std::string lower_case(std::string_view text) {
    return utf8proc_apply(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, "text");
}

std::string name_key(std::string_view text) {
    const std::string decomposed = utf8proc_apply(text, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, "name");
    std::string out;
    out.reserve(decomposed.size());
    std::string syllable;
    char32_t tone = 0;
    auto flush = [&] {
        out += syllable;
        if (tone) append_utf8(out, tone);
        syllable.clear();
        tone = 0;
    };
    for (std::size_t i = 0; i < decomposed.size();) {
        const char32_t cp = decode(decomposed, i);
        if (is_tone_mark(cp)) {
            tone = cp;
        } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-') {
            flush();
            if (cp == '-') out += '-';
            else if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            append_utf8(syllable, cp);
        }
    }
    flush();
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return utf8proc_apply(out, UTF8PROC_STABLE | UTF8PROC_COMPOSE, "name");
}

}  // namespace antq
