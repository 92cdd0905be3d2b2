#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "evaluation/detail/run.hpp"

using antq::detail::CriterionKeys;

namespace {
struct Criterion {
    std::string id;
};
}  // namespace

TEST_CASE("criterion keys find an id of any length, and no id one byte off anywhere in it") {
    // Ids one byte apart share their length, first and last byte (the key) when the byte is inside: those reach the
    // comparison of the whole text, whose word loads treat lengths below, at and across multiples of 8 differently.
    for (std::size_t length = 0; length <= 40; ++length) {
        std::string id;
        for (std::size_t i = 0; i < length; ++i) id += static_cast<char>('a' + i % 26);
        const std::vector<Criterion> criteria{{"other"}, {id}};
        const CriterionKeys keys(criteria);
        CHECK(keys.find(criteria, id) == 1);
        for (std::size_t at = 0; at < length; ++at) {
            std::string near = id;
            near[at] = '_';
            CAPTURE(near);
            CHECK(keys.find(criteria, near) == criteria.size());
        }
        CHECK(keys.find(criteria, id + "x") == criteria.size());
        if (length > 0) CHECK(keys.find(criteria, id.substr(0, length - 1)) == criteria.size());
    }
}
