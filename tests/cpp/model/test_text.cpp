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
