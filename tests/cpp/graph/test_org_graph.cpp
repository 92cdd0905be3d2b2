#include <algorithm>

#include "support.hpp"

using namespace antq;
using antq::test::body;
using antq::test::territory;

TEST_CASE("org_graph: units are found by persistent id and keep their index after removals") {
    OrgGraph g = test::tiny_province();
    CHECK(g.unit_count() == 19);
    const UnitIndex kesat = g.index_of("10945");
    g.remove_unit(g.index_of("10987"));
    CHECK(g.index_of("10945") == kesat);
    CHECK_FALSE(g.contains("10987"));
    CHECK(g.unit_count() == 18);
    CHECK(g.unit_capacity() == 19);
    ANTQ_CHECK_ERROR(g.index_of("10987"), NotFound, "unknown_unit", "'10987'");
}

TEST_CASE("org_graph: names are stored in NFC") {
    OrgGraph g;
    // "Hải" written with a combining hook above and a combining dot below (NFD) becomes the precomposed form.
    const std::string decomposed = "Ha\xcc\x89i";
    g.add_unit(territory("30", decomposed, UnitKind::province));
    CHECK(g.unit("30").name == "H\xe1\xba\xa3i");
}

TEST_CASE("org_graph: add_unit refuses duplicates, bad ids, bad names and inconsistent levels") {
    OrgGraph g;
    g.add_unit(territory("30", "Hải Dương", UnitKind::province));
    ANTQ_CHECK_ERROR(g.add_unit(territory("30", "again", UnitKind::province)), InvalidInput, "duplicate_id", "'30'");
    ANTQ_CHECK_ERROR(g.add_unit(territory("", "x", UnitKind::province)), InvalidInput, "bad_id", "empty");
    ANTQ_CHECK_ERROR(g.add_unit(territory("a\tb", "x", UnitKind::village)), InvalidInput, "bad_id", "control");
    ANTQ_CHECK_ERROR(g.add_unit(territory("31", "", UnitKind::province)), InvalidInput, "bad_name", "'31'");
    ANTQ_CHECK_ERROR(g.add_unit(territory("31", "bad \xff byte", UnitKind::province)), InvalidInput, "invalid_utf8",
                     "'31'");
    ANTQ_CHECK_ERROR(g.add_unit(Unit{"32", "x", UnitKind::province, Level::district, {}}), InvalidInput,
                     "level_mismatch", "a province is at level province");
    ANTQ_CHECK_ERROR(g.add_unit(territory("2961", "x", UnitKind::district)), InvalidInput, "bad_gso_code", "3 digits");
    CHECK(g.unit_count() == 1);
}

TEST_CASE("org_graph: containment goes one level down, once") {
    OrgGraph g = test::tiny_province();
    g.add_unit(territory("10999", "Extra", UnitKind::commune));
    ANTQ_CHECK_ERROR(g.add_tie("10945", "10999", TieKind::contains), HierarchyError, "wrong_level",
                     "a commune cannot directly contain a commune");
    ANTQ_CHECK_ERROR(g.add_tie("288", "10945", TieKind::contains), HierarchyError, "second_parent",
                     "already contained in '296'");
    // Two-tier structure after 1 July 2025: a province contains communes directly.
    CHECK_NOTHROW(g.add_tie("30", "10999", TieKind::contains));
    ANTQ_CHECK_ERROR(g.add_tie("30.pc", "296", TieKind::contains), InvalidInput, "wrong_endpoint",
                     "from a territory to a territory");
}

TEST_CASE("org_graph: serves, heads and directs check their endpoints") {
    OrgGraph g = test::tiny_province();
    ANTQ_CHECK_ERROR(g.add_tie("296.pc", "288", TieKind::serves), InvalidInput, "serves_twice", "already serves '296'");
    g.add_unit(body("x.police", "Công an X", UnitKind::police, Level::district));
    ANTQ_CHECK_ERROR(g.add_tie("x.police", "30", TieKind::serves), InvalidInput, "level_mismatch", "district and province");
    g.add_unit(body("30.pc.head2", "Another chair", UnitKind::post, Level::province));
    ANTQ_CHECK_ERROR(g.add_tie("30.pc.head2", "30.pc", TieKind::heads), InvalidInput, "second_head",
                     "already headed by '30.pc.head'");
    ANTQ_CHECK_ERROR(g.add_tie("296.police", "30.police", TieKind::directs), HierarchyError, "superior_below",
                     "a district body cannot direct a province body");
    ANTQ_CHECK_ERROR(g.add_tie("30.pc", "30.pc", TieKind::coordinates), InvalidInput, "self_tie", "itself");
    ANTQ_CHECK_ERROR(g.add_tie("30.pc", "296.pc", TieKind::directs), InvalidInput, "duplicate_tie", "already exists");
    g.add_tie("30.police", "30.pc", TieKind::coordinates);
    ANTQ_CHECK_ERROR(g.add_tie("30.pc", "30.police", TieKind::coordinates), InvalidInput, "duplicate_tie", "");
}

TEST_CASE("org_graph: a subordination cycle is refused and the graph is unchanged") {
    OrgGraph g = test::tiny_province();
    // Same-level bodies can direct each other, so only the cycle check stops this one.
    g.add_unit(body("296.sc", "BCĐ 138 Bình Giang", UnitKind::steering_committee, Level::district));
    g.add_tie("296.sc", "296", TieKind::serves);
    g.add_tie("296.pc", "296.sc", TieKind::directs);
    const auto ties_before = g.tie_count();
    ANTQ_CHECK_ERROR(g.add_tie("296.police", "296.pc", TieKind::directs), HierarchyError, "cycle", "circular");
    ANTQ_CHECK_ERROR(g.add_tie("296.sc", "296.pc", TieKind::directs), HierarchyError, "cycle", "'296.sc'");
    CHECK(g.tie_count() == ties_before);
}

TEST_CASE("org_graph: add_ties is all or nothing and names the offending tie") {
    OrgGraph g = test::tiny_province();
    g.add_unit(body("296.sc", "BCĐ 138", UnitKind::steering_committee, Level::district));
    g.add_tie("296.sc", "296", TieKind::serves);
    const auto before = g.tie_count();
    std::vector<TieSpec> specs{{"296.pc", "296.sc", TieKind::directs, {}}, {"296.sc", "296.pc", TieKind::directs, {}}};
    ANTQ_CHECK_ERROR(g.add_ties(specs), HierarchyError, "cycle", "'296.pc'");
    CHECK(g.tie_count() == before);
    std::vector<TieSpec> dangling{{"296.pc", "296.sc", TieKind::coordinates, {}}, {"296.pc", "nope", TieKind::guides, {}}};
    ANTQ_CHECK_ERROR(g.add_ties(dangling), NotFound, "unknown_unit", "ties[1]");
    CHECK(g.tie_count() == before);
}

TEST_CASE("org_graph: navigation along one tie kind") {
    const OrgGraph g = test::tiny_province();
    const UnitIndex bg = g.index_of("296");
    auto ids = [&](const std::vector<UnitIndex>& us) {
        std::vector<std::string> out;
        for (auto u : us) out.push_back(g.unit(u).id);
        return out;
    };
    CHECK(ids(g.children(bg, TieKind::contains)) == std::vector<std::string>{"10945", "10987"});
    CHECK(g.unit(*g.parent(bg)).id == "30");
    CHECK_FALSE(g.parent(g.index_of("30")).has_value());
    // Dual subordination: the district police answer to the provincial police and the district People's Committee.
    CHECK(ids(g.parents(g.index_of("296.police"), TieKind::directs)) == std::vector<std::string>{"296.pc", "30.police"});
    ANTQ_CHECK_ERROR(g.parent(g.index_of("296.police"), TieKind::directs), HierarchyError, "several_parents", "parents()");
    CHECK(g.unit(*g.area(g.index_of("296.police"))).id == "296");
    CHECK(g.unit(*g.area(g.index_of("30.pc.head"))).id == "30");
    CHECK(g.unit(*g.head(g.index_of("30.pc"))).id == "30.pc.head");
    CHECK_FALSE(g.head(g.index_of("296.pc")).has_value());
}

TEST_CASE("org_graph: validate finds bodies serving nothing and posts heading nothing") {
    OrgGraph g = test::tiny_province();
    CHECK_NOTHROW(g.validate());
    g.add_unit(body("lonely", "Sở X", UnitKind::department, Level::province));
    ANTQ_CHECK_ERROR(g.validate(), InvalidInput, "body_serves_nothing", "'lonely'");
    g.add_tie("lonely", "30", TieKind::serves);
    g.add_unit(body("p", "Giám đốc", UnitKind::post, Level::province));
    ANTQ_CHECK_ERROR(g.validate(), InvalidInput, "post_heads_nothing", "'p'");
}

TEST_CASE("org_graph: removing a unit removes its ties and bumps the generation") {
    OrgGraph g = test::tiny_province();
    const auto gen = g.generation();
    const auto ties = g.tie_count();
    const auto touching = g.in_ties(g.index_of("296.police")).size() + g.out_ties(g.index_of("296.police")).size();
    g.remove_unit(g.index_of("296.police"));
    CHECK(g.tie_count() == ties - touching);
    CHECK(g.generation() > gen);
    CHECK(g.children(g.index_of("30.police"), TieKind::directs).size() == 1);
}

TEST_CASE("org_graph: same_content ignores order") {
    OrgGraph a = test::tiny_province();
    OrgGraph b;
    b.set_name("tiny");
    // Same units and ties, added in reverse order.
    auto units = a.units();
    std::reverse(units.begin(), units.end());
    for (UnitIndex u : units) b.add_unit(a.unit(u));
    auto ties = a.ties();
    std::reverse(ties.begin(), ties.end());
    std::vector<TieSpec> specs;
    for (TieIndex t : ties)
        specs.push_back({a.unit(a.tie(t).source).id, a.unit(a.tie(t).target).id, a.tie(t).kind, a.tie(t).attributes});
    b.add_ties(specs);
    CHECK(a.same_content(b));
    b.set_unit_attribute(b.index_of("30"), "type", "tỉnh");
    CHECK_FALSE(a.same_content(b));
}

TEST_CASE("org_graph: copies are independent, moves leave an empty usable graph") {
    OrgGraph a = test::tiny_province();
    OrgGraph copy = a;
    copy.remove_unit(copy.index_of("10987"));
    CHECK(a.contains("10987"));
    CHECK_FALSE(copy.contains("10987"));

    const auto before = a.generation();
    OrgGraph moved = std::move(a);
    CHECK(moved.unit_count() == 19);
    CHECK(moved.unit(*moved.head(moved.index_of("30.pc"))).id == "30.pc.head");
    CHECK(a.unit_count() == 0);  // NOLINT(bugprone-use-after-move): a moved-from graph is empty and usable
    CHECK(a.generation() > before);
    a.add_unit(test::territory("31", "Hải Phòng", UnitKind::province));
    CHECK(a.unit_count() == 1);
    moved = std::move(a);
    CHECK(moved.unit_count() == 1);
    CHECK(moved.contains("31"));
}

TEST_CASE("packed kinds and levels, and batched lookups, agree with the unit table") {
    OrgGraph g = test::tiny_province();
    REQUIRE(g.kinds().size() == g.unit_capacity());
    REQUIRE(g.levels().size() == g.unit_capacity());
    for (UnitIndex u : g.units()) {
        CHECK(g.kinds()[u.value] == g.unit(u).kind);
        CHECK(g.levels()[u.value] == g.unit(u).level);
    }
    std::vector<std::string> names;
    for (UnitIndex u : g.units()) names.push_back(g.unit(u).id);
    names.push_back("nowhere");
    names.push_back("");
    std::vector<std::string_view> ids(names.begin(), names.end());
    for (int copy = 0; copy < 5; ++copy) ids.insert(ids.end(), names.begin(), names.end());  // more than one block
    const auto found = g.find(ids);
    REQUIRE(found.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(found[i] == g.find(ids[i]));
    g.remove_unit(g.index_of("296.pc"));
    const std::string_view removed[] = {"296.pc", "30.pc"};
    const auto after = g.find(removed);
    CHECK_FALSE(after[0].has_value());
    CHECK(after[1] == g.find("30.pc"));
    CHECK(OrgGraph().find(removed) == std::vector<std::optional<UnitIndex>>{std::nullopt, std::nullopt});
}

TEST_CASE("org_graph: a mutation while a ReadGuard is held throws GraphInUse and changes nothing") {
    OrgGraph g = test::tiny_province();
    const std::string before = g.unit("296").name;
    {
        const OrgGraph::ReadGuard reading(g);
        const OrgGraph::ReadGuard again(g);  // guards nest
        CHECK(g.in_use());
        ANTQ_CHECK_ERROR(g.rename_unit(g.index_of("296"), "x"), GraphInUse, "graph_in_use", "another thread is reading");
        ANTQ_CHECK_ERROR(g.set_unit_attribute(g.index_of("296"), "k", Value(1)), GraphInUse, "graph_in_use", "");
        ANTQ_CHECK_ERROR(g.remove_unit(g.index_of("10987")), GraphInUse, "graph_in_use", "");
        ANTQ_CHECK_ERROR(g.set_name("y"), GraphInUse, "graph_in_use", "");
        const OrgGraph copy(g);  // copying is reading
        CHECK(copy.same_content(g));
    }
    CHECK_FALSE(g.in_use());
    CHECK(g.unit("296").name == before);
    g.rename_unit(g.index_of("296"), "Bình Giang mới");  // free again once the guards are gone
    CHECK(g.unit("296").name == "Bình Giang mới");
}

TEST_CASE("org_graph: a failed mutation releases the graph") {
    OrgGraph g = test::tiny_province();
    ANTQ_CHECK_ERROR(g.add_unit(territory("296", "again", UnitKind::district)), InvalidInput, "duplicate_id", "");
    const OrgGraph::ReadGuard reading(g);  // would throw if the failed mutation had left its mark
    CHECK(g.in_use());
}

TEST_CASE("org_graph: ids given in NFD are stored and found in NFC") {
    OrgGraph g;
    const std::string nfd = "tho\xcc\x82n", nfc = "th\xc3\xb4n";  // "thôn"
    g.add_unit(territory(nfd, "Thôn", UnitKind::province));
    CHECK(g.unit(g.index_of(nfc)).id == nfc);
    CHECK(g.find(nfd) == g.find(nfc));
    ANTQ_CHECK_ERROR(g.add_unit(territory(nfc, "Thôn", UnitKind::province)), InvalidInput, "duplicate_id", "");
}

TEST_CASE("org_graph: tie attributes are set and erased with the unit attributes' rules") {
    OrgGraph g = test::tiny_province();
    const auto tie = *g.find_tie(g.index_of("30.pc"), g.index_of("30.police"), TieKind::directs);
    g.set_tie_attribute(tie, "since", Value(2021));
    CHECK(g.tie(tie).attributes.find("since")->as_integer() == 2021);
    Value deep(1);
    for (std::size_t i = 0; i < max_value_depth; ++i) deep = Value(Array{deep});
    ANTQ_CHECK_ERROR(g.set_tie_attribute(tie, "deep", deep), InvalidInput, "too_deep", "");
    CHECK(g.erase_tie_attribute(tie, "since"));
    CHECK_FALSE(g.erase_tie_attribute(tie, "since"));
}
