// Components, articulation points, bridges and what cuts whom from a source, on a small digraph worked by hand:
// b0 -> b1 -> b2 -> b3 -> b4 -> b2 (a tail into a cycle). NetworkX and graph-tool agree on random graphs
// (tests/python/measures).

#include "support_measures.hpp"

using namespace antq;
using antq::test::forwarding_digraph;
using antq::test::ids;

namespace {

const TieView forwards = TieView::of({TieKind::forwards});

OrgGraph tail_into_cycle() { return forwarding_digraph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}}); }

}  // namespace

TEST_CASE("components: weak and strong") {
    const OrgGraph g = tail_into_cycle();
    const ComponentsResult weak = components(g, forwards);
    CHECK(weak.count == 1);
    CHECK(weak.units.size() == 5);
    const ComponentsResult strong = components(g, forwards, Connection::strong);
    CHECK(strong.count == 3);
    CHECK(strong.component == std::vector<std::uint32_t>{0, 1, 2, 2, 2});
    // Read undirected, strong is weak.
    CHECK(components(g, TieView::undirected({TieKind::forwards}), Connection::strong).count == 1);
    const ComponentsResult pairs = components(forwarding_digraph(5, {{0, 1}, {3, 2}}), forwards);
    CHECK(pairs.count == 2);  // b4 has no tie: not in the view
    CHECK(pairs.component == std::vector<std::uint32_t>{0, 0, 1, 1});
}

TEST_CASE("cuts: articulation points and bridges, read both ways") {
    const OrgGraph g = tail_into_cycle();
    const CutResult c = cuts(g, forwards);
    REQUIRE(c.articulation_points.size() == 2);
    CHECK(c.articulation_points[0].unit == g.index_of("b1"));
    CHECK(c.articulation_points[0].pieces == 2);
    CHECK(c.articulation_points[1].unit == g.index_of("b2"));
    CHECK(c.articulation_points[1].pieces == 2);
    REQUIRE(c.bridges.size() == 2);
    CHECK(c.bridges[0].source == g.index_of("b0"));
    CHECK(c.bridges[0].target == g.index_of("b1"));
    CHECK(c.bridges[0].ties == 1);
    CHECK(c.bridges[0].separated == 1);
    CHECK(c.bridges[1].source == g.index_of("b1"));
    CHECK(c.bridges[1].separated == 2);  // {b0, b1} from {b2, b3, b4}
    // A tie both ways is still one link, but two ties: losing one cuts nothing.
    const CutResult twice = cuts(forwarding_digraph(3, {{0, 1}, {1, 0}, {1, 2}}), forwards);
    REQUIRE(twice.bridges.size() == 2);
    CHECK(twice.bridges[0].ties == 2);
    CHECK(twice.bridges[1].ties == 1);
    CHECK(twice.articulation_points.size() == 1);
    // A star's centre cuts it into as many pieces as it has leaves.
    const CutResult star = cuts(forwarding_digraph(4, {{0, 1}, {0, 2}, {3, 0}}), forwards);
    REQUIRE(star.articulation_points.size() == 1);
    CHECK(star.articulation_points[0].pieces == 3);
}

TEST_CASE("cuts_from: units and ties every path from the source runs through") {
    const OrgGraph g = tail_into_cycle();
    const SourceCutResult c = cuts_from(g, g.index_of("b0"), forwards);
    CHECK(c.reached == 5);
    REQUIRE(c.units.size() == 3);
    CHECK(ids(g, {c.units[0].unit, c.units[1].unit, c.units[2].unit}) == std::vector<std::string>{"b1", "b2", "b3"});
    CHECK(c.units[0].cut_off == 3);
    CHECK(c.units[1].cut_off == 2);
    CHECK(c.units[2].cut_off == 1);
    REQUIRE(c.ties.size() == 4);  // b4 -> b2 cuts nothing: b2 is reached before it
    CHECK(c.ties[0].unit == g.index_of("b0"));
    CHECK(c.ties[0].target == g.index_of("b1"));
    CHECK(c.ties[0].cut_off == 4);
    CHECK(c.ties[0].tie == g.out_ties(g.index_of("b0"), TieKind::forwards).front());
    CHECK(c.ties[3].cut_off == 1);
    // From b2, b3 is the only way to b4.
    const SourceCutResult inner = cuts_from(g, g.index_of("b2"), forwards);
    CHECK(inner.reached == 3);
    REQUIRE(inner.units.size() == 1);
    CHECK(inner.units[0].unit == g.index_of("b3"));
    ANTQ_CHECK_ERROR(cuts_from(g, g.index_of("b0"), TieView::of({TieKind::directs})), InvalidInput, "not_in_view", "'b0'");
}

TEST_CASE("cuts_from: on the tiny province's subordination, the provincial committee cuts off everything") {
    const OrgGraph g = test::tiny_province();
    const SourceCutResult c = cuts_from(g, g.index_of("30.pc"), TieView::of({TieKind::directs}));
    CHECK(c.reached == 12);
    // 296.pc alone stands between the top and its communes' committees; the police have two lines each.
    REQUIRE_FALSE(c.units.empty());
    CHECK(c.units[0].unit == g.index_of("296.pc"));
    CHECK(c.units[0].cut_off == 2);
    ANTQ_CHECK_ERROR(cuts(g, TieView{}), InvalidInput, "no_tie_kind", "cuts");
}
