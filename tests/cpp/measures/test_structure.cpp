// Span of control, depth, chains, dual subordination, bodies per territory and heads' reach on the tiny province,
// worked by hand: each territory has a People's Committee (pc) over its police, and both lines run down the
// territories (support.hpp).

#include "../support.hpp"

using namespace antq;

namespace {

const StructureMeasures::Body& body_of(const OrgGraph& g, const StructureMeasures& s, const char* id) {
    for (const auto& b : s.bodies)
        if (b.unit == g.index_of(id)) return b;
    FAIL("no body " << id);
    throw;
}

}  // namespace

TEST_CASE("structure: span, superiors, depth and chains per body") {
    const OrgGraph g = test::tiny_province();
    const StructureMeasures s = structure(g);
    CHECK(s.bodies.size() == 12);
    auto check = [&](const char* id, std::uint32_t span, std::uint32_t superiors, std::uint32_t depth, std::uint64_t chains) {
        CAPTURE(id);
        const auto& b = body_of(g, s, id);
        CHECK(b.subordinates == span);
        CHECK(b.superiors == superiors);
        CHECK(b.depth == depth);
        CHECK(b.chains == chains);
    };
    check("30.pc", 3, 0, 0, 1);          // over 30.police, 296.pc, 288.pc
    check("30.police", 2, 1, 1, 1);
    check("296.pc", 3, 1, 1, 1);         // 296.police, 10945.pc, 10987.pc
    check("296.police", 2, 2, 2, 2);     // under 296.pc and 30.police
    check("288.police", 1, 2, 2, 2);
    check("10945.pc", 1, 1, 2, 1);
    check("10945.police", 0, 2, 3, 3);   // via 10945.pc (1 chain) or 296.police (2)
    CHECK(s.max_depth == 3);
    CHECK(s.dual_share == doctest::Approx(5.0 / 11.0));  // every police but the province's, of 11 subordinates
}

TEST_CASE("structure: figures per level") {
    const OrgGraph g = test::tiny_province();
    const StructureMeasures s = structure(g);
    const auto& province = s.levels[static_cast<std::size_t>(Level::province)];
    CHECK(province.bodies == 2);
    CHECK(province.directing == 2);
    CHECK(province.mean_span == doctest::Approx(2.5));
    CHECK(province.max_span == 3);
    CHECK(province.subordinate == 1);
    CHECK(province.dual == 0);
    CHECK(province.mean_depth == doctest::Approx(0.5));
    CHECK(province.territories == 1);
    CHECK(province.mean_bodies_per_territory == doctest::Approx(2.0));
    CHECK(province.heads == 1);
    CHECK(province.mean_answers_for == doctest::Approx(12.0));  // the provincial pc and everything under it
    const auto& district = s.levels[static_cast<std::size_t>(Level::district)];
    CHECK(district.bodies == 4);
    CHECK(district.mean_span == doctest::Approx(2.0));  // 3, 2, 2, 1
    CHECK(district.dual == 2);
    CHECK(district.dual_share == doctest::Approx(0.5));
    CHECK(district.mean_depth == doctest::Approx(1.5));
    CHECK(district.max_depth == 2);
    const auto& commune = s.levels[static_cast<std::size_t>(Level::commune)];
    CHECK(commune.bodies == 6);
    CHECK(commune.directing == 3);
    CHECK(commune.mean_span == doctest::Approx(1.0));
    CHECK(commune.dual_share == doctest::Approx(0.5));
    CHECK(commune.mean_depth == doctest::Approx(2.5));
    CHECK(commune.territories == 3);
    CHECK(s.levels[static_cast<std::size_t>(Level::village)].bodies == 0);
}

TEST_CASE("structure: territories, head posts, and a result that goes stale") {
    OrgGraph g = test::tiny_province();
    const StructureMeasures s = structure(g);
    REQUIRE(s.territories.size() == 6);
    for (const auto& t : s.territories) CHECK(t.bodies == 2);
    REQUIRE(s.heads.size() == 1);
    CHECK(s.heads[0].unit == g.index_of("30.pc.head"));
    CHECK(s.heads[0].bodies == 1);
    CHECK(s.heads[0].answers_for == 12);
    // A district head answers for its district's bodies: 296.pc, 296.police and the two communes' pc and police.
    g.add_unit(test::body("296.pc.head", "Chủ tịch UBND huyện", UnitKind::post, Level::district));
    g.add_tie("296.pc.head", "296.pc", TieKind::heads);
    ANTQ_CHECK_ERROR(s.check_current(g), StaleView, "stale_result", "structure");
    const StructureMeasures again = structure(g);
    REQUIRE(again.heads.size() == 2);
    CHECK(again.heads[1].answers_for == 6);
    CHECK(again.levels[static_cast<std::size_t>(Level::district)].mean_answers_for == doctest::Approx(6.0));
}

TEST_CASE("structure: a frozen graph gives the graph's measures, with the frozen view's stamp") {
    OrgGraph g = test::tiny_province();
    g.add_unit(test::body("296.pc.head", "Chủ tịch UBND huyện", UnitKind::post, Level::district));
    g.add_tie("296.pc.head", "296.pc", TieKind::heads);
    const auto frozen = g.freeze();
    const StructureMeasures a = structure(*frozen), b = structure(g);
    REQUIRE(a.bodies.size() == b.bodies.size());
    for (std::size_t i = 0; i < a.bodies.size(); ++i) {
        CAPTURE(g.unit(b.bodies[i].unit).id);
        CHECK(a.bodies[i].unit == b.bodies[i].unit);
        CHECK(a.bodies[i].subordinates == b.bodies[i].subordinates);
        CHECK(a.bodies[i].superiors == b.bodies[i].superiors);
        CHECK(a.bodies[i].depth == b.bodies[i].depth);
        CHECK(a.bodies[i].chains == b.bodies[i].chains);
    }
    REQUIRE(a.territories.size() == b.territories.size());
    for (std::size_t i = 0; i < a.territories.size(); ++i) CHECK(a.territories[i].bodies == b.territories[i].bodies);
    REQUIRE(a.heads.size() == 2);
    CHECK(a.heads[1].answers_for == 6);
    for (std::size_t l = 0; l < a.levels.size(); ++l) {
        CHECK(a.levels[l].mean_span == b.levels[l].mean_span);
        CHECK(a.levels[l].dual == b.levels[l].dual);
        CHECK(a.levels[l].mean_answers_for == b.levels[l].mean_answers_for);
    }
    CHECK(a.max_depth == 3);
    CHECK(a.dual_share == b.dual_share);
    CHECK_NOTHROW(a.check_current(g));
    g.add_tie("296.pc.head", "288.pc", TieKind::heads);
    ANTQ_CHECK_ERROR(a.check_current(g), StaleView, "stale_view", "");
}
