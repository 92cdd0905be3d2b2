#include "support.hpp"

using namespace antq;

TEST_CASE("structure: the presets say which level may contain which") {
    const auto& three = AdministrativeStructure::three_tier();
    const auto& two = AdministrativeStructure::two_tier();
    const auto& either = AdministrativeStructure::either();
    CHECK(three.may_contain(Level::province, Level::district));
    CHECK(three.may_contain(Level::district, Level::commune));
    CHECK_FALSE(three.may_contain(Level::province, Level::commune));
    CHECK(two.may_contain(Level::province, Level::commune));
    CHECK_FALSE(two.may_contain(Level::province, Level::district));
    CHECK_FALSE(two.has_level(Level::district));
    CHECK(either.may_contain(Level::province, Level::district));
    CHECK(either.may_contain(Level::province, Level::commune));
    for (const AdministrativeStructure* s : AdministrativeStructure::presets()) {
        CHECK_FALSE(s->may_contain(Level::commune, Level::commune));
        CHECK_FALSE(s->may_contain(Level::district, Level::province));
        CHECK(s->may_contain(Level::commune, Level::village));
    }
    CHECK(std::vector<Level>(two.levels().begin(), two.levels().end()) ==
          std::vector<Level>{Level::nation, Level::province, Level::commune, Level::village});
    CHECK(either.containers_of(Level::commune) == std::vector<Level>{Level::province, Level::district});
    CHECK(three.containers_of(Level::commune) == std::vector<Level>{Level::district});
}

TEST_CASE("structure: GSO code widths per level, only where the level exists") {
    CHECK(AdministrativeStructure::three_tier().code_digits(Level::province) == 2u);
    CHECK(AdministrativeStructure::three_tier().code_digits(Level::district) == 3u);
    CHECK(AdministrativeStructure::three_tier().code_digits(Level::commune) == 5u);
    CHECK_FALSE(AdministrativeStructure::three_tier().code_digits(Level::village));
    CHECK_FALSE(AdministrativeStructure::two_tier().code_digits(Level::district));
}

TEST_CASE("structure: presets by id, and a clear error listing them") {
    CHECK(&AdministrativeStructure::preset("two_tier") == &AdministrativeStructure::two_tier());
    CHECK(AdministrativeStructure::preset("either") == AdministrativeStructure::either());
    CHECK_FALSE(AdministrativeStructure::three_tier() == AdministrativeStructure::two_tier());
    ANTQ_CHECK_ERROR(AdministrativeStructure::preset("four_tier"), InvalidInput, "unknown_structure",
                     "known: three_tier, two_tier, either");
}

TEST_CASE("structure: a graph follows its structure in every mutation") {
    OrgGraph g(AdministrativeStructure::two_tier());
    g.add_unit(test::territory("30", "Hải Dương", UnitKind::province));
    g.add_unit(test::territory("10945", "Kẻ Sặt", UnitKind::commune));
    CHECK_NOTHROW(g.add_tie("30", "10945", TieKind::contains));
    ANTQ_CHECK_ERROR(g.add_unit(test::territory("296", "Bình Giang", UnitKind::district)), HierarchyError, "wrong_level",
                     "the two_tier structure has no district level");
    ANTQ_CHECK_ERROR(g.add_unit(test::body("296.pc", "UBND", UnitKind::peoples_committee, Level::district)),
                     HierarchyError, "wrong_level", "no district level");

    OrgGraph three(AdministrativeStructure::three_tier());
    three.add_unit(test::territory("30", "Hải Dương", UnitKind::province));
    three.add_unit(test::territory("10945", "Kẻ Sặt", UnitKind::commune));
    ANTQ_CHECK_ERROR(three.add_tie("30", "10945", TieKind::contains), HierarchyError, "wrong_level",
                     "a province cannot directly contain a commune (structure 'three_tier')");
}

TEST_CASE("structure: set_structure checks the whole graph and changes nothing on refusal") {
    OrgGraph g = test::tiny_province();
    CHECK(g.structure() == AdministrativeStructure::either());
    const auto before = g.generation();
    CHECK_NOTHROW(g.set_structure(AdministrativeStructure::three_tier()));
    CHECK(g.structure() == AdministrativeStructure::three_tier());
    CHECK(g.generation() != before);
    ANTQ_CHECK_ERROR(g.set_structure(AdministrativeStructure::two_tier()), HierarchyError, "wrong_level",
                     "no district level");
    CHECK(g.structure() == AdministrativeStructure::three_tier());

    // A graph mixing both containments fits only `either`.
    OrgGraph mixed = test::tiny_province();
    mixed.add_unit(test::territory("10999", "Extra", UnitKind::commune));
    mixed.add_tie("30", "10999", TieKind::contains);
    ANTQ_CHECK_ERROR(mixed.set_structure(AdministrativeStructure::three_tier()), HierarchyError, "wrong_level",
                     "'30' -contains-> '10999'");
    CHECK(mixed.structure() == AdministrativeStructure::either());
}

TEST_CASE("structure: copies, moves and comparisons keep it") {
    OrgGraph g = test::tiny_province();
    g.set_structure(AdministrativeStructure::three_tier());
    const OrgGraph copy = g;
    CHECK(copy.structure() == AdministrativeStructure::three_tier());
    CHECK(copy.same_content(g));
    OrgGraph other = test::tiny_province();
    CHECK_FALSE(other.same_content(g));
    const OrgGraph moved = std::move(g);
    CHECK(moved.structure() == AdministrativeStructure::three_tier());
}

TEST_CASE("structure: the graph format states a chosen structure and reads it back") {
    OrgGraph g = test::tiny_province();
    CHECK(dump_graph(g).find("\"structure\"") == std::string::npos);  // the default goes unsaid
    g.set_structure(AdministrativeStructure::three_tier());
    const std::string text = dump_graph(g);
    CHECK(text.find("\"structure\":\"three_tier\"") != std::string::npos);
    const OrgGraph back = parse_graph(text, "g.json");
    CHECK(back.structure() == AdministrativeStructure::three_tier());
    CHECK(back.same_content(g));
    std::string wrong = text;
    wrong.replace(wrong.find("three_tier"), 10, "two_tier");
    ANTQ_CHECK_ERROR(parse_graph(wrong, "g.json"), HierarchyError, "wrong_level", "g.json:/units/");
    std::string unknown = text;
    unknown.replace(unknown.find("three_tier"), 10, "4-tier");
    ANTQ_CHECK_ERROR(parse_graph(unknown, "g.json"), InvalidInput, "unknown_structure", "g.json:/structure");
}
