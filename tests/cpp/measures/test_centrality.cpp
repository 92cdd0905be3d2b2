// Betweenness on the tail-into-cycle digraph b0 -> b1 -> b2 -> b3 -> b4 -> b2, counted by hand: b1 lies on the
// shortest paths from b0 to b2, b3, b4 (3); b2 on b0->b3, b0->b4, b1->b3, b1->b4, b4->b3 (5); b3 on b0->b4, b1->b4,
// b2->b4 (3); b4 on b3->b2 (1). NetworkX and graph-tool agree on random graphs (tests/python/measures).

#include "support_measures.hpp"

using namespace antq;
using antq::test::forwarding_digraph;

namespace {

const TieView forwards = TieView::of({TieKind::forwards});

OrgGraph tail_into_cycle() { return forwarding_digraph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}}); }

}  // namespace

TEST_CASE("betweenness: exact, directed and undirected, raw and normalised") {
    const OrgGraph g = tail_into_cycle();
    const BetweennessResult b = betweenness(g, forwards);
    CHECK(b.sources == 5);
    CHECK(b.betweenness == std::vector<double>{0, 3, 5, 3, 1});
    BetweennessOptions normalized;
    normalized.normalized = true;
    const BetweennessResult n = betweenness(g, forwards, normalized);
    CHECK(n.betweenness[2] == doctest::Approx(5.0 / 12.0));  // (5-1)(5-2) ordered pairs
    // Undirected: b0-b1-b2 and the triangle b2, b3, b4. b1: {b0,b2}, {b0,b3}, {b0,b4}; b2 those from b0, b1 to b3, b4.
    const BetweennessResult u = betweenness(g, TieView::undirected({TieKind::forwards}));
    CHECK(u.betweenness == std::vector<double>{0, 3, 4, 0, 0});
    const BetweennessResult un = betweenness(g, TieView::undirected({TieKind::forwards}), normalized);
    CHECK(un.betweenness[2] == doctest::Approx(4.0 / 6.0));  // (5-1)(5-2)/2 unordered pairs
}

TEST_CASE("betweenness: shortest paths split evenly") {
    // b0 -> {b1, b2} -> b3: two shortest paths, each middle unit carries half.
    const BetweennessResult b = betweenness(forwarding_digraph(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}}), forwards);
    CHECK(b.betweenness == std::vector<double>{0, 0.5, 0.5, 0});
}

TEST_CASE("betweenness: sampled sources, scaled to the whole") {
    const OrgGraph g = tail_into_cycle();
    BetweennessOptions one;
    one.sources = {g.index_of("b0")};
    const BetweennessResult b = betweenness(g, forwards, one);
    CHECK(b.sources == 1);
    CHECK(b.betweenness == std::vector<double>{0, 15, 10, 5, 0});  // b0's dependencies (3, 2, 1) × 5/1
    BetweennessOptions all;
    all.samples = 50;  // more than the units: exact
    CHECK(betweenness(g, forwards, all).betweenness == betweenness(g, forwards).betweenness);
    BetweennessOptions some;
    some.samples = 3;
    some.seed = 7;
    const BetweennessResult s1 = betweenness(g, forwards, some), s2 = betweenness(g, forwards, some);
    CHECK(s1.sources == 3);
    CHECK(s1.betweenness == s2.betweenness);  // seeded: the same draw every time
    BetweennessOptions none;
    none.samples = 0;
    ANTQ_CHECK_ERROR(betweenness(g, forwards, none), InvalidInput, "bad_samples", "at least 1");
    BetweennessOptions outside;
    outside.sources = {g.index_of("b0")};
    const OrgGraph p = test::tiny_province();
    outside.sources = {p.index_of("30")};
    ANTQ_CHECK_ERROR(betweenness(p, TieView::of({TieKind::directs}), outside), InvalidInput, "bad_source", "'30'");
}

TEST_CASE("betweenness: the view picks units and kinds") {
    const OrgGraph g = tail_into_cycle();
    TieView some = forwards;
    some.units = Selector::ids({"b0", "b1", "b2"});
    const BetweennessResult b = betweenness(g, some);
    REQUIRE(b.units.size() == 3);
    CHECK(b.betweenness == std::vector<double>{0, 1, 0});
    CHECK(betweenness(g, TieView::of({TieKind::directs})).units.empty());
}

TEST_CASE("betweenness: a frozen graph gives the graph's answers, and a selector needs the graph") {
    OrgGraph g = forwarding_digraph(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}, {5, 0}, {1, 5}});
    const auto frozen = g.freeze();
    for (const TieView& view : {forwards, TieView::undirected({TieKind::forwards})}) {
        CHECK(betweenness(*frozen, view).betweenness == betweenness(g, view).betweenness);
        BetweennessOptions sampled;
        sampled.samples = 3;
        sampled.seed = 11;
        CHECK(betweenness(*frozen, view, sampled).betweenness == betweenness(g, view, sampled).betweenness);
    }
    BetweennessOptions outside;
    outside.sources = {g.index_of("b0")};
    ANTQ_CHECK_ERROR(betweenness(*frozen, TieView::of({TieKind::directs}), outside), InvalidInput, "bad_source", "'b0'");
    TieView some = forwards;
    some.units = Selector::ids({"b0", "b1", "b2"});
    ANTQ_CHECK_ERROR(betweenness(*frozen, some), InvalidInput, "needs_graph", "betweenness");
    const BetweennessResult r = betweenness(*frozen, forwards);
    CHECK_NOTHROW(r.check_current(g));
    g.add_tie("b3", "b5", TieKind::forwards);
    ANTQ_CHECK_ERROR(r.check_current(g), StaleView, "stale_view", "");
}
