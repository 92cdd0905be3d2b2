#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support.hpp"

using namespace antq;

namespace {

// Every alive unit three times over, in a scrambled order (a prime stride, coprime to the count).
std::vector<UnitIndex> scrambled(const FrozenGraph& f) {
    const auto all = batch::all_units(f);
    REQUIRE(all.size() % 7919 != 0);
    std::vector<UnitIndex> out;
    for (std::size_t k = 0; k < 3 * all.size(); ++k) out.push_back(all[(k * 7919) % all.size()]);
    return out;
}

}  // namespace

TEST_CASE("frozen_batch: every batched answer is the per-unit answer, on the default graph") {
    const OrgGraph g = datasets::hai_duong_2024();
    const auto f = g.freeze();
    const auto units = scrambled(*f);
    const auto n = units.size();
    std::vector<std::int8_t> kinds(n), levels(n);
    std::vector<std::int64_t> parents(n), areas(n);
    auto within = std::make_unique<bool[]>(n);
    const UnitIndex district = g.index_of("296");
    batch::kinds(*f, units, kinds);
    batch::levels(*f, units, levels);
    batch::parents(*f, units, TieKind::contains, parents);
    batch::areas(*f, units, areas);
    batch::within(*f, district, units, {within.get(), n});
    const auto picked = Selector::within("296").select(g);
    for (std::size_t i = 0; i < n; ++i) {
        const UnitIndex u = units[i];
        CHECK(kinds[i] == static_cast<std::int8_t>(g.unit(u).kind));
        CHECK(levels[i] == static_cast<std::int8_t>(g.unit(u).level));
        const auto p = g.parent(u);
        CHECK(parents[i] == (p ? static_cast<std::int64_t>(p->value) : -1));
        const auto a = g.area(u);
        CHECK(areas[i] == (a ? static_cast<std::int64_t>(a->value) : -1));
        CHECK(within[i] == std::binary_search(picked.begin(), picked.end(), u));
    }
    CHECK(std::count(within.get(), within.get() + n, true) == 3 * static_cast<std::ptrdiff_t>(picked.size()));
}

TEST_CASE("frozen_batch: checked_units names the first index that is no unit, and its position") {
    OrgGraph g = test::tiny_province();
    const UnitIndex removed = g.index_of("288.police");
    g.remove_unit(removed);
    const auto f = g.freeze();
    const auto beyond = static_cast<std::int64_t>(f->unit_capacity());
    const auto units = batch::checked_units(*f, std::vector<std::int64_t>{0, 2, 2, 1}, "indices");
    CHECK(units == std::vector<UnitIndex>{UnitIndex{0}, UnitIndex{2}, UnitIndex{2}, UnitIndex{1}});
    CHECK(batch::checked_units(*f, {}, "indices").empty());
    ANTQ_CHECK_ERROR(batch::checked_units(*f, std::vector<std::int64_t>{0, -1, beyond}, "indices"), NotFound,
                     "unknown_unit", "indices[1]");
    ANTQ_CHECK_ERROR(batch::checked_units(*f, std::vector<std::int64_t>{0, 1, beyond}, "sources"), NotFound,
                     "unknown_unit", "sources[2]");
    // A removed unit's index is a hole: no unit, though below the capacity.
    const std::vector<std::int64_t> hole{removed.value};
    ANTQ_CHECK_ERROR(batch::checked_units(*f, hole, "indices"), NotFound, "unknown_unit",
                     "no unit has index " + std::to_string(removed.value));
    const auto all = batch::all_units(*f);
    CHECK(all.size() == f->unit_count());
    CHECK(std::find(all.begin(), all.end(), removed) == all.end());
}

TEST_CASE("frozen_batch: parents refuses a unit with two superiors and within a body, naming them") {
    const OrgGraph g = test::tiny_province();
    const auto f = g.freeze();
    const std::vector<UnitIndex> units{g.index_of("30"), g.index_of("296.police")};
    std::vector<std::int64_t> out(units.size());
    ANTQ_CHECK_ERROR(batch::parents(*f, units, TieKind::directs, out), HierarchyError, "several_parents",
                     "'296.police'");
    bool flags[2];
    ANTQ_CHECK_ERROR(batch::within(*f, g.index_of("30.pc"), units, flags), InvalidInput, "not_a_territory", "'30.pc'");
}
