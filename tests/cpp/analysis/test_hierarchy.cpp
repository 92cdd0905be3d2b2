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

TEST_CASE("hierarchy: the territory at a level for every unit, through areas and containment") {
    OrgGraph g = test::tiny_province();
    g.add_unit(test::territory("10945-v1", "Thôn 1", UnitKind::village));
    g.add_tie("10945", "10945-v1", TieKind::contains);
    const auto district = territories_at(g, Level::district);
    REQUIRE(district.size() == g.unit_capacity());
    auto at = [&](const std::vector<UnitIndex>& v, const char* id) -> std::string {
        const UnitIndex u = v[g.index_of(id).value];
        return u == UnitIndex{} ? "" : g.unit(u).id;
    };
    CHECK(at(district, "10945-v1") == "296");
    CHECK(at(district, "10945.police") == "296");
    CHECK(at(district, "296.pc") == "296");
    CHECK(at(district, "288") == "288");
    CHECK(at(district, "30") == "");          // above the level
    CHECK(at(district, "30.pc.head") == "");  // a post of the province
    const auto commune = territories_at(g, Level::commune);
    CHECK(at(commune, "10945-v1") == "10945");
    CHECK(at(commune, "296") == "");
    // In the two-tier structure a commune lies in no district.
    OrgGraph two(AdministrativeStructure::two_tier());
    two.add_unit(test::territory("01", "Hà Nội", UnitKind::province));
    two.add_unit(test::territory("00004", "Ba Đình", UnitKind::commune));
    two.add_tie("01", "00004", TieKind::contains);
    CHECK(territories_at(two, Level::district)[two.index_of("00004").value] == UnitIndex{});
    CHECK(territories_at(two, Level::province)[two.index_of("00004").value] == two.index_of("01"));
    // The frozen view gives the same answer for every unit, after a removal left a hole.
    g.remove_unit(g.index_of("10987"));
    for (Level level : {Level::province, Level::district, Level::commune, Level::village})
        CHECK(territories_at(*g.freeze(), level) == territories_at(g, level));
    CHECK(territories_at(*two.freeze(), Level::district) == territories_at(two, Level::district));
}
