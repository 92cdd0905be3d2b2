// Krackhardt's four dimensions. Expected values: an out-tree scores 1 on all four, since the four axioms hold
// together exactly for an out-tree (Krackhardt 1994, "Graph theoretical dimensions of informal organizations", in
// Carley & Prietula (eds.), Computational Organization Theory, pp. 89-111). The other values are worked by hand from
// the definitions in docs/measures.md, and each was also checked with R's sna 2.7 (connectedness,
// hierarchy(measure = "krackhardt"), efficiency, lubness); tests/python/measures compares with sna on random digraphs.

#include <cmath>

#include "support_measures.hpp"

using namespace antq;
using antq::test::forwarding_digraph;

namespace {

const TieView forwards = TieView::of({TieKind::forwards});

KrackhardtScores sna_scores(const OrgGraph& g) {
    KrackhardtOptions options;
    options.lub = LubReading::sna;
    return krackhardt(g, forwards, options);
}

}  // namespace

TEST_CASE("krackhardt: an out-tree scores 1 on all four (Krackhardt 1994)") {
    const OrgGraph g = forwarding_digraph(7, {{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 5}, {2, 6}});
    for (const KrackhardtScores& s : {krackhardt(g, forwards), sna_scores(g)}) {
        CHECK(s.connectedness == 1.0);
        CHECK(s.hierarchy == 1.0);
        CHECK(s.efficiency == 1.0);
        CHECK(s.lubness == 1.0);
        CHECK(s.units == 7);
        CHECK(s.arcs == 6);
    }
    // A chain is an out-tree too.
    const KrackhardtScores chain = krackhardt(forwarding_digraph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}), forwards);
    CHECK(chain.hierarchy == 1.0);
    CHECK(chain.lubness == 1.0);
}

TEST_CASE("krackhardt: a cycle breaks hierarchy and efficiency, not connectedness or LUB") {
    // b0 -> b1 -> b2 -> b0: every pair reaches each other (hierarchy 0); 3 arcs where 2 connect (1 spare of
    // (3-1)^2 = 4 possible: efficiency 0.75); every unit is an upper bound of every pair and all reach each other.
    const KrackhardtScores s = krackhardt(forwarding_digraph(3, {{0, 1}, {1, 2}, {2, 0}}), forwards);
    CHECK(s.connectedness == 1.0);
    CHECK(s.hierarchy == 0.0);
    CHECK(s.efficiency == doctest::Approx(0.75));
    CHECK(s.lubness == 1.0);
    // One mutual pair (b0, b1) and two one-way pairs (b0, b2), (b1, b2): hierarchy 2/3.
    const KrackhardtScores m = krackhardt(forwarding_digraph(3, {{0, 1}, {1, 0}, {1, 2}}), forwards);
    CHECK(m.hierarchy == doctest::Approx(2.0 / 3.0));
    CHECK(m.efficiency == doctest::Approx(0.75));
}

TEST_CASE("krackhardt: two separate pairs are a third connected, LUB undefined without a component of three") {
    const KrackhardtScores s = krackhardt(forwarding_digraph(4, {{0, 1}, {2, 3}}), forwards);
    CHECK(s.connectedness == doctest::Approx(1.0 / 3.0));  // (2·1 + 2·1) / (4·3)
    CHECK(s.hierarchy == 1.0);
    CHECK(s.efficiency == 1.0);
    CHECK(std::isnan(s.lubness));
}

TEST_CASE("krackhardt: dual subordination leaves pairs without a least upper bound") {
    // b0 and b1 both over b2 and b3: (b0, b1) has no upper bound, (b2, b3) two incomparable ones. 2 of the
    // (4-1)(4-2)/2 = 3 possible violations: LUB 1/3 in both readings. 4 arcs, 3 needed, 9 possible extra: 8/9.
    const OrgGraph g = forwarding_digraph(4, {{0, 2}, {0, 3}, {1, 2}, {1, 3}});
    for (const KrackhardtScores& s : {krackhardt(g, forwards), sna_scores(g)}) {
        CHECK(s.hierarchy == 1.0);
        CHECK(s.efficiency == doctest::Approx(8.0 / 9.0));
        CHECK(s.lubness == doctest::Approx(1.0 / 3.0));
    }
}

TEST_CASE("krackhardt: the two readings of LUB differ under a common top") {
    // b4 over b0 and b1, both over b2 and b3. (b2, b3) has upper bounds b0, b1, b4 and none of them is reached
    // by the others: Krackhardt's least upper bound fails (1 of 6 pairs: 5/6). sna counts a pair as bounded
    // when one top unit reaches both: b4 does, so sna's lubness is 1 (checked with sna 2.7).
    const OrgGraph g = forwarding_digraph(5, {{4, 0}, {4, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}});
    CHECK(krackhardt(g, forwards).lubness == doctest::Approx(5.0 / 6.0));
    CHECK(sna_scores(g).lubness == 1.0);
    CHECK(krackhardt(g, forwards).efficiency == doctest::Approx(0.875));
}

TEST_CASE("krackhardt: the tiny province's subordination is connected, strictly hierarchical, not a tree") {
    const OrgGraph g = test::tiny_province();
    const KrackhardtScores s = krackhardt(g, TieView::of({TieKind::directs}));
    CHECK(s.units == 12);
    CHECK(s.arcs == 16);  // 6 People's Committees over their police, 5 + 5 down the two lines
    CHECK(s.connectedness == 1.0);
    CHECK(s.hierarchy == 1.0);
    CHECK(s.efficiency == doctest::Approx(1.0 - 5.0 / 121.0));  // 16 - 11 extra of (12-1)^2
    // Dual subordination, yet every pair has a least upper bound: the police line and the committee line meet
    // at each territory's committee, which the higher committees reach (e.g. 296.police under 296.pc and 30.police).
    CHECK(s.lubness == 1.0);
}

TEST_CASE("krackhardt: bad views are refused with the reason") {
    const OrgGraph g = test::tiny_province();
    ANTQ_CHECK_ERROR(krackhardt(g, TieView{}), InvalidInput, "no_tie_kind", "krackhardt");
    KrackhardtOptions small;
    small.max_component = 4;
    ANTQ_CHECK_ERROR(krackhardt(g, TieView::of({TieKind::directs}), small), InvalidInput, "component_too_large",
                     "12 units");
    // A view without a tie: no unit, every measure but connectedness undefined.
    const KrackhardtScores empty = krackhardt(g, forwards);
    CHECK(empty.units == 0);
    CHECK(empty.connectedness == 1.0);
    CHECK(std::isnan(empty.hierarchy));
    CHECK(std::isnan(empty.efficiency));
    CHECK(std::isnan(empty.lubness));
}

TEST_CASE("krackhardt: a frozen graph gives the graph's scores, and a selector needs the graph") {
    const OrgGraph g = test::tiny_province();
    const auto frozen = g.freeze();
    const TieView directs = TieView::of({TieKind::directs});
    const KrackhardtScores a = krackhardt(*frozen, directs), b = krackhardt(g, directs);
    CHECK(a.connectedness == b.connectedness);
    CHECK(a.hierarchy == b.hierarchy);
    CHECK(a.efficiency == b.efficiency);
    CHECK(a.lubness == b.lubness);
    CHECK(a.arcs == b.arcs);
    TieView some = directs;
    some.units = Selector::ids({"30.pc"});
    ANTQ_CHECK_ERROR(krackhardt(*frozen, some), InvalidInput, "needs_graph", "krackhardt");
}
