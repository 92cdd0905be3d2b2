#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <utf8proc.h>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>

namespace antq {

bool is_valid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0 || cp < 0) return false;
        p += n;
        left -= n;
    }
    return true;
}

std::string to_nfc(std::string_view text, std::string_view where) {
    if (!is_valid_utf8(text))
        throw InvalidInput("invalid_utf8", std::string(where), "text is not well-formed UTF-8");
    bool ascii = true;
    for (unsigned char c : text) ascii = ascii && c < 0x80;
    if (ascii) return std::string(text);  // ASCII is already NFC; skip the allocation dance
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &out,
                                            static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    if (n < 0) throw InvalidInput("invalid_utf8", std::string(where), utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace antq
