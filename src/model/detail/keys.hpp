#pragma once

// Object members collected in bulk (from a JSON object, a Python dict, a graph's attributes): two keys that are
// the same text once normalised to NFC would silently become one member. Internal to the library.

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>
#include <vector>

#include <antq/errors.hpp>
#include <antq/model/value.hpp>

namespace antq::detail {

/**
 * Throws InvalidInput "duplicate_key" if two of `members` have the same key, naming `places[i]` of the one given
 * later. O(n log n): sorting indices, not a scan per member.
 */
inline void refuse_equal_keys(const std::vector<Object::member_type>& members, const std::vector<std::string>& places) {
    if (members.size() < 2) return;
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return members[a].first != members[b].first ? members[a].first < members[b].first : a < b;
    });
    for (std::size_t k = 1; k < order.size(); ++k)
        if (members[order[k]].first == members[order[k - 1]].first)
            throw InvalidInput("duplicate_key", places[order[k]],
                               "another member has the same name once normalised to NFC: '" + members[order[k]].first + "'");
}

}  // namespace antq::detail
