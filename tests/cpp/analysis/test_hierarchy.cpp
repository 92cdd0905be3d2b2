#include "support.hpp"

using namespace antq;

namespace {
std::vector<std::string> ids(const OrgGraph& g, const std::vector<UnitIndex>& us) {
    std::vector<std::string> out;
    for (auto u : us) out.push_back(g.unit(u).id);
    return out;
}

// Breadth-first along the mutable graph's own adjacency (parents() or children(), in tie order), `start` excluded:
// the reference the walks on the frozen view are held to.
std::vector<UnitIndex> walk_by_hand(const OrgGraph& g, UnitIndex start, TieKind kind, bool upward) {
    std::vector<bool> seen(g.unit_capacity(), false);
    seen[start.value] = true;
    std::vector<UnitIndex> queue{start};
    for (std::size_t at = 0; at < queue.size(); ++at)
        for (UnitIndex v : upward ? g.parents(queue[at], kind) : g.children(queue[at], kind))
            if (!seen[v.value]) {
                seen[v.value] = true;
                queue.push_back(v);
            }
    return {queue.begin() + 1, queue.end()};
}

// Every chain of command from the last unit of `path` up, depth-first over the mutable graph's parents().
void chains_by_hand(const OrgGraph& g, std::vector<UnitIndex>& path, std::vector<std::vector<UnitIndex>>& out) {
    const auto superiors = g.parents(path.back(), TieKind::directs);
    if (superiors.empty()) out.push_back(path);
    for (UnitIndex s : superiors) {
        path.push_back(s);
        chains_by_hand(g, path, out);
        path.pop_back();
    }
}

// Each hierarchy query of every `step`-th unit, on the frozen view and on the graph, against the references above
// (and Selector::within on the graph for subtrees).
void check_view_against_graph(const OrgGraph& g, std::size_t step) {
    const auto view = g.freeze();
    const auto units = g.units();
    for (std::size_t i = 0; i < units.size(); i += step) {
        const UnitIndex u = units[i];
        const Unit& unit = g.unit(u);
        CAPTURE(unit.id);
        for (TieKind kind : {TieKind::contains, TieKind::serves, TieKind::directs, TieKind::heads, TieKind::forwards}) {
            CAPTURE(to_string(kind));
            const auto up = walk_by_hand(g, u, kind, true);
            CHECK(ancestors(*view, u, kind) == up);
            CHECK(ancestors(g, u, kind) == up);
            const auto down = walk_by_hand(g, u, kind, false);
            CHECK(descendants(*view, u, kind) == down);
            CHECK(descendants(g, u, kind) == down);
        }
        if (is_territory(unit.kind)) {
            const auto within = Selector::within(unit.id).select(g);
            CHECK(subtree(*view, u) == within);
            CHECK(subtree(g, u) == within);
        }
        if (is_body(unit.kind)) {
            std::vector<UnitIndex> path{u};
            std::vector<std::vector<UnitIndex>> chains;
            chains_by_hand(g, path, chains);
            CHECK(chains_of_command(*view, u) == chains);
            CHECK(chains_of_command(g, u) == chains);
        }
    }
    for (Level level : all_levels) CHECK(territories_at(*view, level) == territories_at(g, level));
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

TEST_CASE("hierarchy: the frozen view and the graph give the same answers, and the graph's own walks") {
    OrgGraph g = test::tiny_province();
    for (auto [from, to] : {std::pair{"30.pc", "296.pc"}, {"296.pc", "10987.pc"}, {"30.pc", "30.police"}})
        g.add_tie(from, to, TieKind::forwards);
    check_view_against_graph(g, 1);
    // Holes and a changed tie order: a removed commune, and a superior's tie removed and added back last.
    g.remove_unit(g.index_of("10945"));
    const auto directs = g.in_ties(g.index_of("296.police"), TieKind::directs);
    REQUIRE(directs.size() == 2);
    const Tie first = g.tie(directs.front());
    g.remove_tie(directs.front());
    g.add_tie(g.unit(first.source).id, g.unit(first.target).id, TieKind::directs);
    REQUIRE(ids(g, g.parents(g.index_of("296.police"), TieKind::directs)) ==
            std::vector<std::string>{"30.police", "296.pc"});
    check_view_against_graph(g, 1);
    CHECK(ids(g, chains_of_command(*g.freeze(), g.index_of("296.police"))[0]) ==
          std::vector<std::string>{"296.police", "30.police", "30.pc"});
    // The embedded graph, every fifth unit.
    check_view_against_graph(datasets::hai_duong_2024(), 5);
}

TEST_CASE("hierarchy: a view answers for the graph as it was frozen, and refuses what the graph refuses") {
    OrgGraph g = test::tiny_province();
    const auto before = g.freeze();
    g.add_unit(test::territory("10945-v1", "Thôn 1", UnitKind::village));
    g.add_tie("10945", "10945-v1", TieKind::contains);
    CHECK(ids(g, descendants(g, g.index_of("296"))) == std::vector<std::string>{"10945", "10987", "10945-v1"});
    CHECK(ids(g, descendants(*before, g.index_of("296"))) == std::vector<std::string>{"10945", "10987"});
    ANTQ_CHECK_ERROR(ancestors(*before, g.index_of("10945-v1")), NotFound, "unknown_unit", "");
    ANTQ_CHECK_ERROR(subtree(*g.freeze(), g.index_of("288.pc")), InvalidInput, "not_a_territory", "'288.pc'");
    ANTQ_CHECK_ERROR(chains_of_command(*g.freeze(), g.index_of("10987.police"), 2), InvalidInput, "too_many_paths",
                     "'10987.police'");
    ANTQ_CHECK_ERROR(descendants(*g.freeze(), UnitIndex{9999}), NotFound, "unknown_unit", "");
}
