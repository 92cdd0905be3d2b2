#include "support.hpp"

using namespace antq;

TEST_CASE("text: UTF-8 validity") {
    CHECK(is_valid_utf8("Hải Dương"));
    CHECK(is_valid_utf8(""));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xe1\xba"));          // truncated sequence
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong encoding
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
}

TEST_CASE("text: NFC composes Vietnamese diacritics and names the place on error") {
    CHECK(to_nfc("Ha\xcc\x89i Du\xcc\x9bo\xcc\x9bng", "x") == "Hải Dương");
    CHECK(to_nfc("ascii stays", "x") == "ascii stays");
    ANTQ_CHECK_ERROR(to_nfc("bad\xff", "/units/3/name"), InvalidInput, "invalid_utf8", "/units/3/name");
}

namespace {
std::string utf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
    return out;
}
}  // namespace

TEST_CASE("text: the NFC fast path agrees with full normalisation") {
    // The fast path trusts U+0000..U+02FF and U+1E00..U+1EFF to be NFC on their own and never to compose
    // with a neighbour. Check every such pair against a full normalisation ("x" forces the slow path).
    std::vector<char32_t> stable;
    for (char32_t cp = 1; cp < 0x300; ++cp) stable.push_back(cp);
    for (char32_t cp = 0x1e00; cp <= 0x1eff; ++cp) stable.push_back(cp);
    const std::string force_slow = utf8(0x0301);  // a combining mark, normalised on its own as itself
    std::size_t mismatches = 0;
    for (char32_t a : stable) {
        for (char32_t b : stable) {
            const std::string pair = utf8(a) + utf8(b);
            const std::string slow = to_nfc(pair + "|" + force_slow, "t");
            if (slow.substr(0, slow.size() - 1 - force_slow.size()) != pair) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
}
