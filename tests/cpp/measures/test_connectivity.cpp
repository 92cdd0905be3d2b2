// Components, articulation points, bridges and what cuts whom from a source, on a small digraph worked by hand:
// b0 -> b1 -> b2 -> b3 -> b4 -> b2 (a tail into a cycle). NetworkX and graph-tool agree on random graphs
// (tests/python/measures).

#include <map>
#include <numeric>
#include <random>
#include <set>

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

TEST_CASE("components: the view holds the units with a tie of its kinds, in unit index order, past removed units") {
    OrgGraph g = forwarding_digraph(6, {{3, 0}, {1, 5}, {5, 3}});
    g.add_tie("b2", "b4", TieKind::coordinates);  // another kind: b2 and b4 stay out of a forwards view
    g.remove_unit(g.index_of("b1"));              // a hole in the unit indices, and its tie gone with it
    const ComponentsResult view = components(g, forwards);
    CHECK(ids(g, view.units) == std::vector<std::string>{"b0", "b3", "b5"});
    CHECK(view.component == std::vector<std::uint32_t>{0, 0, 0});
    CHECK(components(*g.freeze(), forwards).units == view.units);
    // Selected units without a tie of the view stay, as isolates; a unit named twice is one vertex.
    TieView some = forwards;
    some.units = Selector::ids({"b4", "b0", "b4"});
    const ComponentsResult selected = components(g, some);
    CHECK(ids(g, selected.units) == std::vector<std::string>{"b0", "b4"});
    CHECK(selected.component == std::vector<std::uint32_t>{0, 1});
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

namespace {

// A seeded random digraph on n bodies, some pairs tied both ways (the kind refuses a tie to itself or a second one).
OrgGraph random_digraph(int n, int arcs, unsigned seed) {
    std::mt19937 draw(seed);
    std::uniform_int_distribution<int> pick(0, n - 1);
    std::set<std::pair<int, int>> drawn;
    for (int i = 0; i < arcs; ++i) {
        const int a = pick(draw), b = pick(draw);
        if (a != b) drawn.emplace(a, b);
    }
    return forwarding_digraph(static_cast<std::size_t>(n), {drawn.begin(), drawn.end()});
}

// The forwarding view read both ways, without unit `skip` and without the link between `cut`'s ends, split into
// components by union-find: the number of components, and the size of the one holding each unit.
struct Split {
    std::size_t count = 0;
    std::vector<std::uint32_t> size_with;
};

Split split(const OrgGraph& g, UnitIndex skip, std::pair<UnitIndex, UnitIndex> cut = {}) {
    std::vector<std::uint32_t> up(g.unit_capacity());
    std::iota(up.begin(), up.end(), 0u);
    auto find = [&](std::uint32_t x) {
        while (up[x] != x) x = up[x] = up[up[x]];
        return x;
    };
    std::vector<char> in_view(g.unit_capacity(), 0);
    for (UnitIndex u : g.units())
        for (UnitIndex v : g.children(u, TieKind::forwards)) {
            in_view[u.value] = in_view[v.value] = 1;
            if (u == skip || v == skip || std::pair<UnitIndex, UnitIndex>(std::minmax(u, v)) == cut) continue;
            up[find(u.value)] = find(v.value);
        }
    Split out;
    std::vector<std::uint32_t> size(g.unit_capacity(), 0);
    for (std::uint32_t u = 0; u < g.unit_capacity(); ++u)
        if (in_view[u] && u != skip.value) {
            out.count += find(u) == u;
            ++size[find(u)];
        }
    out.size_with.resize(g.unit_capacity());
    for (std::uint32_t u = 0; u < g.unit_capacity(); ++u) out.size_with[u] = size[find(u)];
    return out;
}

}  // namespace

TEST_CASE("cuts: on random digraphs, articulation points and bridges are what removing them does") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const OrgGraph g = random_digraph(10 + int(seed % 9), 8 + int(seed % 15), seed);
        const CutResult c = cuts(g, forwards);
        const std::size_t whole = split(g, UnitIndex{}).count;

        // Without unit u its component falls into k pieces (k = 0 for a unit alone); u cuts when k ≥ 2.
        std::vector<ArticulationPoint> expected_points;
        for (UnitIndex u : components(g, forwards).units) {
            const std::size_t k = split(g, u).count + 1 - whole;
            if (k >= 2) expected_points.push_back({u, static_cast<std::uint32_t>(k)});
        }
        REQUIRE(c.articulation_points.size() == expected_points.size());
        for (std::size_t i = 0; i < expected_points.size(); ++i) {
            CHECK(c.articulation_points[i].unit == expected_points[i].unit);
            CHECK(c.articulation_points[i].pieces == expected_points[i].pieces);
        }

        // Without a linked pair's ties, the count grows exactly for a bridge; the smaller side is what it separates.
        std::map<std::pair<UnitIndex, UnitIndex>, std::uint32_t> ties;
        for (UnitIndex u : g.units())
            for (UnitIndex v : g.children(u, TieKind::forwards)) ++ties[std::minmax(u, v)];
        std::vector<Bridge> expected_bridges;
        for (const auto& [pair, count] : ties) {
            const Split without = split(g, UnitIndex{}, pair);
            if (without.count == whole) continue;
            const std::uint32_t a = without.size_with[pair.first.value], b = without.size_with[pair.second.value];
            expected_bridges.push_back({pair.first, pair.second, count, std::min(a, b)});
        }
        REQUIRE(c.bridges.size() == expected_bridges.size());
        for (std::size_t i = 0; i < expected_bridges.size(); ++i) {
            CHECK(c.bridges[i].source == expected_bridges[i].source);
            CHECK(c.bridges[i].target == expected_bridges[i].target);
            CHECK(c.bridges[i].ties == expected_bridges[i].ties);
            CHECK(c.bridges[i].separated == expected_bridges[i].separated);
        }
    }
}

TEST_CASE("components: strong components on random digraphs are the mutual reach classes") {
    for (unsigned seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        const OrgGraph g = random_digraph(9 + int(seed % 6), 10 + int(seed % 17), seed);
        const ComponentsResult strong = components(g, forwards, Connection::strong);
        const std::size_t n = strong.units.size();
        // Reach by repeated relaxation (Warshall) over the view's vertices.
        std::vector<std::vector<char>> reach(n, std::vector<char>(n, 0));
        std::map<UnitIndex, std::size_t> at;
        for (std::size_t i = 0; i < n; ++i) at[strong.units[i]] = i;
        for (std::size_t i = 0; i < n; ++i) {
            reach[i][i] = 1;
            for (UnitIndex v : g.children(strong.units[i], TieKind::forwards)) reach[i][at[v]] = 1;
        }
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < n; ++j) reach[i][j] |= reach[i][k] && reach[k][j];
        std::uint32_t next = 0;  // numbered in the order of each component's first unit
        for (std::size_t i = 0; i < n; ++i) {
            bool first = true;
            for (std::size_t j = 0; j < i; ++j) {
                CHECK((strong.component[i] == strong.component[j]) == (reach[i][j] && reach[j][i]));
                first = first && !(reach[i][j] && reach[j][i]);
            }
            if (first) CHECK(strong.component[i] == next++);
        }
        CHECK(strong.count == next);
    }
}

TEST_CASE("connectivity: a frozen graph gives the graph's answers, and a selector needs the graph") {
    OrgGraph g = random_digraph(30, 45, 7);
    g.add_tie("b0", "b1", TieKind::coordinates);  // one tie read both ways in a directed view
    const auto frozen = g.freeze();
    const TieView both = TieView::of({TieKind::forwards, TieKind::coordinates});
    CHECK(components(*frozen, both, Connection::strong).component == components(g, both, Connection::strong).component);
    CHECK(components(*frozen, both).component == components(g, both).component);
    const CutResult a = cuts(*frozen, both), b = cuts(g, both);
    REQUIRE(a.articulation_points.size() == b.articulation_points.size());
    REQUIRE(a.bridges.size() == b.bridges.size());
    for (std::size_t i = 0; i < a.bridges.size(); ++i) CHECK(a.bridges[i].separated == b.bridges[i].separated);
    const SourceCutResult from = cuts_from(*frozen, g.index_of("b0"), both);
    CHECK(from.units.size() == cuts_from(g, g.index_of("b0"), both).units.size());
    CHECK_NOTHROW(from.check_current(g));
    TieView some = both;
    some.units = Selector::ids({"b0", "b1"});
    ANTQ_CHECK_ERROR(cuts(*frozen, some), InvalidInput, "needs_graph", "cuts");
    CHECK(components(g, some).units.size() == 2);
    g.add_tie("b2", "b3", TieKind::forwards);
    ANTQ_CHECK_ERROR(from.check_current(g), StaleView, "stale_view", "");
}

namespace {

// The units reached from `from` along the forwarding ties, without unit `skip` and without the arc `cut`.
std::set<UnitIndex> reached(const OrgGraph& g, UnitIndex from, UnitIndex skip, std::pair<UnitIndex, UnitIndex> cut = {}) {
    std::set<UnitIndex> seen{from};
    std::vector<UnitIndex> queue{from};
    for (std::size_t i = 0; i < queue.size(); ++i)
        for (UnitIndex v : g.children(queue[i], TieKind::forwards))
            if (v != skip && std::pair(queue[i], v) != cut && seen.insert(v).second) queue.push_back(v);
    return seen;
}

}  // namespace

TEST_CASE("cuts_from: on random digraphs, a unit or tie cuts off what removing it leaves unreached") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const OrgGraph g = random_digraph(8 + int(seed % 11), 10 + int(seed % 19), seed);
        const UnitIndex source = g.index_of("b" + std::to_string(seed % 5));
        if (g.children(source, TieKind::forwards).empty() && g.parents(source, TieKind::forwards).empty()) continue;
        const SourceCutResult r = cuts_from(g, source, forwards);
        const std::set<UnitIndex> all = reached(g, source, UnitIndex{});
        CHECK(r.reached == all.size());

        std::map<UnitIndex, std::uint32_t> units;
        for (const SourceCut& c : r.units) units[c.unit] = c.cut_off;
        for (UnitIndex u : all) {
            if (u == source) continue;
            CAPTURE(g.unit(u).id);
            const auto lost = static_cast<std::uint32_t>(all.size() - 1 - reached(g, source, u).size());
            CHECK((units.count(u) ? units[u] : 0u) == lost);
        }

        std::map<std::pair<UnitIndex, UnitIndex>, std::uint32_t> ties;
        for (const SourceCut& c : r.ties) ties[{c.unit, c.target}] = c.cut_off;
        for (UnitIndex u : all)
            for (UnitIndex v : g.children(u, TieKind::forwards)) {
                INFO(g.unit(u).id, " -> ", g.unit(v).id);
                const auto lost = static_cast<std::uint32_t>(all.size() - reached(g, source, UnitIndex{}, {u, v}).size());
                CHECK((ties.count({u, v}) ? ties[{u, v}] : 0u) == lost);
            }

        // Each unit's immediate dominator is the last unit every path to it passes through.
        for (auto [v, up] : r.immediate) {
            if (v == source || up == source) continue;
            CAPTURE(g.unit(v).id);
            CHECK(reached(g, source, up).count(v) == 0);
        }
    }
}
