#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/graph/breadth_first_search.hpp>

#include "graph/detail/frozen_bgl.hpp"
#include "model/detail/random.hpp"
#include "support.hpp"

using namespace antq;

namespace {

// Every row of the view against the mutable graph's answer, for every unit and tie kind.
void check_same_rows(const OrgGraph& g, const FrozenGraph& f) {
    REQUIRE(f.unit_capacity() == g.unit_capacity());
    CHECK(f.unit_count() == g.unit_count());
    CHECK(f.tie_count() == g.tie_count());
    for (std::uint32_t i = 0; i < g.unit_capacity(); ++i) {
        const UnitIndex u{i};
        REQUIRE(f.is_alive(u) == g.is_alive(u));
        if (!g.is_alive(u)) continue;
        CHECK(f.id(u) == g.unit(u).id);
        CHECK(f.kinds()[i] == g.unit(u).kind);
        CHECK(f.levels()[i] == g.unit(u).level);
        CHECK(f.is_synthetic(u) == g.unit(u).is_synthetic());
        CHECK(f.area(u) == g.area(u));
        for (std::size_t k = 0; k < tie_kind_count; ++k) {
            const auto kind = static_cast<TieKind>(k);
            const auto children = f.children(u, kind);
            const auto parents = f.parents(u, kind);
            CHECK(std::vector<UnitIndex>(children.begin(), children.end()) == g.children(u, kind));
            CHECK(std::vector<UnitIndex>(parents.begin(), parents.end()) == g.parents(u, kind));
            const auto out = f.out_ties(u, kind);
            const auto in = f.in_ties(u, kind);
            CHECK(std::vector<TieIndex>(out.begin(), out.end()) == g.out_ties(u, kind));
            CHECK(std::vector<TieIndex>(in.begin(), in.end()) == g.in_ties(u, kind));
        }
    }
}

}  // namespace

TEST_CASE("frozen_graph: every row, id, kind, level and area as the mutable graph has them") {
    const OrgGraph g = test::tiny_province();
    check_same_rows(g, *g.freeze());
    const OrgGraph hd = datasets::hai_duong_2024();
    const auto frozen = hd.freeze();
    check_same_rows(hd, *frozen);
    // The default marks its made-up units (heads' posts, the bodies of the synthetic example): the flag is seen.
    std::size_t synthetic = 0;
    for (std::uint32_t i = 0; i < hd.unit_capacity(); ++i) synthetic += frozen->is_synthetic(UnitIndex{i});
    CHECK(synthetic > 0);
    CHECK(synthetic < hd.unit_count());
    CHECK_FALSE(frozen->is_synthetic(UnitIndex{999999}));
}

TEST_CASE("frozen_graph: random thinnings of the default graph, holes and re-added ties included") {
    // Seeded: remove a random tenth of the units and of the ties, add some ties back (they take new, higher tie
    // indices, so rows must come out in tie order, not insertion order of the Boost lists), and compare.
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        OrgGraph g = datasets::hai_duong_2024();
        detail::Random random(seed);
        for (UnitIndex u : g.units())
            if (random.chance(0.1) && !is_territory(g.unit(u).kind)) g.remove_unit(u);
        std::vector<Tie> removed;
        for (TieIndex t : g.ties())
            if (random.chance(0.1)) {
                removed.push_back(g.tie(t));
                g.remove_tie(t);
            }
        for (const Tie& tie : removed)
            if (random.chance(0.5)) g.add_tie(tie.source, tie.target, tie.kind);
        const auto f = g.freeze();
        check_same_rows(g, *f);
        for (const char* kind_name : {"forwards", "contains", "directs"}) {
            const TieKind kind = *parse_tie_kind(kind_name);
            const auto source = g.find("30.pc") ? *g.find("30.pc") : *g.find("30");
            const auto hops = f->hops(std::vector<UnitIndex>{source}, kind);
            // The mutable graph's own breadth-first walk, written out here as an independent check.
            std::vector<std::uint32_t> expected(g.unit_capacity(), FrozenGraph::unreached);
            std::vector<UnitIndex> queue{source};
            expected[source.value] = 0;
            for (std::size_t next = 0; next < queue.size(); ++next)
                for (UnitIndex v : g.children(queue[next], kind))
                    if (expected[v.value] == FrozenGraph::unreached) {
                        expected[v.value] = expected[queue[next].value] + 1;
                        queue.push_back(v);
                    }
            CHECK(hops == expected);
        }
    }
}

TEST_CASE("frozen_graph: removed units stay holes, their ids are gone, indices do not shift") {
    OrgGraph g = test::tiny_province();
    const UnitIndex removed = g.index_of("10987");
    g.remove_unit(removed);
    g.remove_tie(*g.find_tie(g.index_of("30.pc"), g.index_of("296.pc"), TieKind::directs));
    const auto f = g.freeze();
    check_same_rows(g, *f);
    CHECK_FALSE(f->is_alive(removed));
    CHECK_FALSE(f->find("10987"));
    CHECK(f->find("10945") == g.find("10945"));
    ANTQ_CHECK_ERROR(f->id(removed), NotFound, "unknown_unit", "no unit has this index");
    ANTQ_CHECK_ERROR(f->index_of("10987"), NotFound, "unknown_unit", "'10987'");
    CHECK(f->children(UnitIndex{999999}, TieKind::contains).empty());
    const std::vector<std::string_view> ids{"30", "nope", "10501"};
    const auto found = f->find(ids);
    CHECK(found == std::vector<std::optional<UnitIndex>>{g.find("30"), std::nullopt, g.find("10501")});
}

TEST_CASE("frozen_graph: ids given in NFD are found in their stored form (NFC), as the mutable graph finds them") {
    OrgGraph g;
    const std::string nfd = "tho\xcc\x82n", nfc = "th\xc3\xb4n";  // "thôn"
    g.add_unit(test::territory(nfc, "Thôn", UnitKind::province));
    const auto f = g.freeze();
    CHECK(f->find(nfd) == g.find(nfc));
    CHECK(f->index_of(nfd) == g.index_of(nfc));
    CHECK_FALSE(f->find("th\xff"));  // not UTF-8: no id at all
    const std::vector<std::string_view> ids{nfd, "th\xff", nfc, "nope"};
    CHECK(f->find(ids) == std::vector<std::optional<UnitIndex>>{g.find(nfc), std::nullopt, g.find(nfc), std::nullopt});
}

TEST_CASE("frozen_graph: freeze() shares one view per state, a change drops it and the old view goes stale") {
    OrgGraph g = test::tiny_province();
    const auto first = g.freeze();
    CHECK(g.freeze() == first);
    CHECK(first->matches(g));
    CHECK_NOTHROW(first->check_current(g));
    g.rename_unit(g.index_of("30"), "Hải Dương (renamed)");
    CHECK_FALSE(first->matches(g));
    ANTQ_CHECK_ERROR(first->check_current(g), StaleView, "stale_view", "changed");
    const auto second = g.freeze();
    CHECK(second != first);
    CHECK(second->matches(g));
    CHECK(first->find("30"));  // the old view still answers: it is a snapshot
    const OrgGraph copy = g;
    CHECK_FALSE(second->matches(copy));
    CHECK(copy.freeze() != second);
}

TEST_CASE("frozen_graph: threads freezing at once get the same view") {
    const OrgGraph g = datasets::hai_duong_2024();
    std::vector<std::shared_ptr<const FrozenGraph>> views(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < views.size(); ++i) threads.emplace_back([&, i] { views[i] = g.freeze(); });
    for (auto& t : threads) t.join();
    for (const auto& v : views) CHECK(v == views.front());
}

TEST_CASE("frozen_graph: within() is Selector::within's set, in index order") {
    const OrgGraph g = datasets::hai_duong_2024();
    const auto f = g.freeze();
    for (const char* territory : {"30", "296", "10987"}) {
        const auto units = f->within(g.index_of(territory));
        CHECK(units == Selector::within(territory).select(g));
        CHECK(std::is_sorted(units.begin(), units.end()));
        const auto mask = f->territory_mask(g.index_of(territory));
        CHECK(static_cast<std::size_t>(std::count(mask.begin(), mask.end(), 1)) == units.size());
    }
    ANTQ_CHECK_ERROR(f->within(g.index_of("30.pc")), InvalidInput, "not_a_territory", "'30.pc'");
}

TEST_CASE("frozen_graph: parent() refuses a unit with two superiors, as OrgGraph::parent does") {
    const OrgGraph g = test::tiny_province();
    const auto f = g.freeze();
    CHECK(f->parent(g.index_of("10987")) == g.index_of("296"));
    CHECK_FALSE(f->parent(g.index_of("30")));
    ANTQ_CHECK_ERROR(f->parent(g.index_of("296.police"), TieKind::directs), HierarchyError, "several_parents",
                     "'296.police'");
}

TEST_CASE("frozen_graph: hops() equals Boost's breadth-first search over the view") {
    const OrgGraph g = datasets::hai_duong_2024();
    const auto f = g.freeze();
    const std::vector<UnitIndex> sources{g.index_of("30.pc"), g.index_of("30.police")};
    const auto hops = f->hops(sources, TieKind::forwards);

    const detail::FrozenKind forwards{f.get(), TieKind::forwards};
    std::vector<std::uint32_t> distance(f->unit_capacity(), FrozenGraph::unreached);
    for (UnitIndex s : sources) distance[s.value] = 0;
    std::vector<boost::default_color_type> colours(f->unit_capacity(), boost::white_color);
    std::vector<std::uint32_t> roots;
    for (UnitIndex s : sources) roots.push_back(s.value);
    boost::queue<std::uint32_t> queue;
    boost::breadth_first_search(
        forwards, roots.begin(), roots.end(), queue,
        boost::make_bfs_visitor(boost::record_distances(distance.data(), boost::on_tree_edge())), colours.data());
    CHECK(hops == distance);
    CHECK(std::count_if(hops.begin(), hops.end(), [](std::uint32_t h) { return h != FrozenGraph::unreached; }) > 100);
    ANTQ_CHECK_ERROR(f->hops(std::vector<UnitIndex>{UnitIndex{99999999}}, TieKind::forwards), NotFound, "unknown_unit", "index");
}

TEST_CASE("frozen_graph: out_rows() and in_rows() are the compressed rows children() and parents() read") {
    const OrgGraph g = test::tiny_province();
    const auto f = g.freeze();
    const auto rows = f->out_rows(TieKind::contains);
    REQUIRE(rows.offsets.size() == g.unit_capacity() + 1);
    CHECK(rows.offsets.back() == f->tie_count(TieKind::contains));
    for (UnitIndex u : g.units()) {
        const std::vector<UnitIndex> row(rows.units.begin() + rows.offsets[u.value],
                                         rows.units.begin() + rows.offsets[u.value + 1]);
        CHECK(row == g.children(u, TieKind::contains));
    }
    CHECK(f->in_rows(TieKind::inspects).offsets.empty());  // no inspects tie in the tiny province
}

TEST_CASE("frozen_graph: memory_bytes() counts the rows of the kinds present, the ids and their index") {
    // Each tie: its neighbour and its index, out and in (16 bytes); each present kind: two offset arrays; each unit:
    // kind, level, id offset; the id index: 8-byte slots, at most half full.
    auto check_bounds = [](const OrgGraph& g) {
        const auto f = g.freeze();
        std::size_t kinds_present = 0, id_bytes = 0;
        for (std::size_t k = 0; k < tie_kind_count; ++k) kinds_present += f->tie_count(static_cast<TieKind>(k)) > 0;
        for (UnitIndex u : g.units()) id_bytes += g.unit(u).id.size();
        const std::size_t v = g.unit_capacity(), e = g.tie_count();
        const std::size_t least = 16 * e + 8 * (v + 1) * kinds_present + 6 * v + id_bytes + 16 * g.unit_count();
        CHECK(f->memory_bytes() >= least);
        CHECK(f->memory_bytes() <= least + 32 * g.unit_count() + 4096);
        return kinds_present;
    };
    CHECK(check_bounds(datasets::hai_duong_2024()) == tie_kind_count);
    CHECK(check_bounds(test::tiny_province()) < tie_kind_count);  // absent kinds cost nothing
}

TEST_CASE("frozen_graph: derived() makes a value once per key, keeps the latest used derived_limit, goes with the view") {
    OrgGraph g = test::tiny_province();
    const auto f = g.freeze();
    int made = 0;
    auto make = [&made](int value) {
        return [&made, value] {
            ++made;
            return std::make_shared<const int>(value);
        };
    };
    const auto a = f->derived<int>("test.a", make(1));
    CHECK(f->derived<int>("test.a", make(2)) == a);  // the first value, not made again
    CHECK(*a == 1);
    CHECK(made == 1);
    // Another type under the same key is refused, not cast.
    ANTQ_CHECK_ERROR(f->derived<double>("test.a", [] { return std::make_shared<const double>(1.0); }), InvalidInput,
                     "wrong_type", "test.a");
    // A value whose make() throws is not kept: the next call makes it.
    CHECK_THROWS_AS(f->derived<int>("test.b", []() -> std::shared_ptr<const int> { throw InvalidInput("x", "y", "z"); }),
                    InvalidInput);
    CHECK(*f->derived<int>("test.b", make(3)) == 3);
    // Past the limit, the least recently used goes first (and lives on with its holder): "test.a", used again here,
    // stays while "test.b" goes.
    for (std::size_t i = 0; i + 2 < FrozenGraph::derived_limit; ++i) f->derived<int>("test.fill" + std::to_string(i), make(0));
    CHECK(f->derived<int>("test.a", make(4)) == a);
    const auto b = f->derived<int>("test.b", make(5));
    f->derived<int>("test.one_more", make(0));
    f->derived<int>("test.and_another", make(0));
    CHECK(f->derived<int>("test.a", make(6)) == a);
    const auto again = f->derived<int>("test.fill0", make(7));
    CHECK(*again == 7);  // dropped, so made again
    CHECK(*b == 3);
    // A change of the graph gives a new view, with nothing derived yet.
    g.rename_unit(g.index_of("30"), "Hải Dương (renamed)");
    CHECK(*g.freeze()->derived<int>("test.a", make(8)) == 8);
}

TEST_CASE("frozen_graph: threads asking derived() for one key at once get one value, made once") {
    const OrgGraph g = test::tiny_province();
    const auto f = g.freeze();
    std::atomic<int> made = 0;
    std::vector<std::shared_ptr<const int>> values(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < values.size(); ++i)
        threads.emplace_back([&, i] {
            values[i] = f->derived<int>("test.shared", [&made] {
                ++made;
                return std::make_shared<const int>(7);
            });
        });
    for (auto& t : threads) t.join();
    CHECK(made == 1);
    for (const auto& v : values) CHECK(v == values.front());
}
