#include "support.hpp"

using namespace antq;

namespace {
std::vector<std::string> ids(const OrgGraph& g, const std::vector<UnitIndex>& us) {
    std::vector<std::string> out;
    for (auto u : us) out.push_back(g.unit(u).id);
    return out;
}
}  // namespace

TEST_CASE("hierarchy: ancestors and descendants, nearest first") {
    const OrgGraph g = test::tiny_province();
    CHECK(ids(g, ancestors(g, g.index_of("10987"))) == std::vector<std::string>{"296", "30"});
    CHECK(ids(g, descendants(g, g.index_of("30"))) ==
          std::vector<std::string>{"296", "288", "10945", "10987", "10501"});
    // Along subordination, both lines of the dual subordination are followed, each unit once.
    CHECK(ids(g, ancestors(g, g.index_of("10987.police"), TieKind::directs)) ==
          std::vector<std::string>{"10987.pc", "296.police", "296.pc", "30.police", "30.pc"});
    CHECK(ancestors(g, g.index_of("30")).empty());
}

TEST_CASE("hierarchy: subtree of a territory") {
    const OrgGraph g = test::tiny_province();
    CHECK(subtree(g, g.index_of("288")).size() == 6);  // 288, 10501 and their People's Committees and police
    ANTQ_CHECK_ERROR(subtree(g, g.index_of("288.pc")), InvalidInput, "not_a_territory", "");
}

TEST_CASE("hierarchy: chains of command follow dual subordination to the top") {
    const OrgGraph g = test::tiny_province();
    const auto chains = chains_of_command(g, g.index_of("296.police"));
    REQUIRE(chains.size() == 2);
    CHECK(ids(g, chains[0]) == std::vector<std::string>{"296.police", "296.pc", "30.pc"});
    CHECK(ids(g, chains[1]) == std::vector<std::string>{"296.police", "30.police", "30.pc"});
    CHECK(chains_of_command(g, g.index_of("30.pc")).size() == 1);
    ANTQ_CHECK_ERROR(chains_of_command(g, g.index_of("10987.police"), 2), InvalidInput, "too_many_paths", "more than 2");
}
