#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/detail/id_index.hpp>

using antq::detail::equal_text;
using antq::detail::hash_text;

namespace {
std::string text_of_length(std::size_t length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += static_cast<char>('a' + i % 26);
    return s;
}
}  // namespace

TEST_CASE("equal_text tells apart texts one byte off anywhere, at every length around the word size") {
    for (std::size_t length = 0; length <= 40; ++length) {
        const std::string s = text_of_length(length);
        CHECK(equal_text(s, std::string(s)));
        CHECK_FALSE(equal_text(s, s + "x"));
        for (std::size_t at = 0; at < length; ++at) {
            std::string near = s;
            near[at] = '_';
            CAPTURE(near);
            CHECK_FALSE(equal_text(s, near));
        }
    }
}

TEST_CASE("hash_text depends on every byte and on the length") {
    std::set<std::uint64_t> seen;
    std::size_t texts = 0;
    for (std::size_t length = 0; length <= 40; ++length) {
        const std::string s = text_of_length(length);
        seen.insert(hash_text(s));
        ++texts;
        for (std::size_t at = 0; at < length; ++at) {
            std::string near = s;
            near[at] = '_';
            seen.insert(hash_text(near));
            ++texts;
        }
    }
    CHECK(seen.size() == texts);  // 861 texts, no two alike: a byte left out of the hash would collide here
    CHECK(hash_text(std::string(9, '\0')) != hash_text(std::string(8, '\0')));  // zero bytes count through the length
}

TEST_CASE("hash_text spreads ids of one pattern evenly over the slots its low bits pick") {
    // Ids as graphs have them: a prefix and a counter. 2^20 ids over 2^16 slots: about 16 each.
    constexpr std::size_t slots = 1 << 16, ids = 1 << 20;
    for (const char* prefix : {"v", "10945.pc.", "vn.hai-duong.commune."}) {
        std::vector<std::uint32_t> count(slots, 0);
        for (std::size_t i = 0; i < ids; ++i) ++count[hash_text(prefix + std::to_string(i)) & (slots - 1)];
        const std::uint32_t most = *std::max_element(count.begin(), count.end());
        const std::uint32_t fewest = *std::min_element(count.begin(), count.end());
        CAPTURE(prefix);
        // Poisson(16): the largest of 65,536 slots is about 35 and the smallest about 2; far outside means clustering.
        CHECK(most < 50);
        CHECK(fewest >= 1);
    }
}

TEST_CASE("an id index finds every id after erasures between ids that share slots, and reuses the freed slots") {
    // Ids stored in a vector, as the unit table holds them; 12 ids in a small table collide often under linear probing.
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) ids.push_back("u" + std::to_string(i));
    auto id_of = [&](std::uint32_t i) { return std::string_view(ids[i]); };
    antq::detail::IdIndex index;
    for (std::uint32_t i = 0; i < ids.size(); ++i) index.insert(ids[i], i, id_of);
    REQUIRE(index.size() == ids.size());
    for (std::uint32_t erased : {3u, 7u, 0u}) {
        index.erase(ids[erased], id_of);
        CHECK_FALSE(index.find(ids[erased], id_of));
    }
    for (std::uint32_t i = 0; i < ids.size(); ++i)
        if (i != 3 && i != 7 && i != 0) CHECK(index.find(ids[i], id_of) == i);
    const std::size_t slots = index.memory_bytes();
    for (int round = 0; round < 100; ++round) {  // erase and insert again, many times: the table does not grow
        index.erase(ids[5], id_of);
        index.insert(ids[5], 5, id_of);
    }
    CHECK(index.memory_bytes() == slots);
    CHECK(index.find(ids[5], id_of) == 5u);
    CHECK(index.size() == ids.size() - 3);
    std::vector<std::string_view> asked{ids[1], "nope", ids[7], ids[11]};
    std::vector<std::optional<std::uint32_t>> found(asked.size());
    index.find_many(asked, found.data(), id_of, [](std::uint32_t) {});
    CHECK(found == std::vector<std::optional<std::uint32_t>>{1u, std::nullopt, std::nullopt, 11u});
}
