// The measures' compact views (src/measures/detail/view.hpp): one per tie-kind set and direction, kept on the frozen
// view and equal to a view built afresh; a view that picks its units is built on each call.

#include "measures/detail/view.hpp"
#include "support_measures.hpp"

using namespace antq;
using antq::test::forwarding_digraph;

namespace {

OrgGraph mixed() {
    OrgGraph g = forwarding_digraph(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}, {5, 0}, {1, 5}});
    g.add_tie("b2", "b5", TieKind::directs);
    g.add_tie("b3", "b0", TieKind::directs);
    return g;
}

void check_same(const detail::View& a, const detail::View& b) {
    CHECK(a.directed == b.directed);
    CHECK(a.units == b.units);
    CHECK(a.vertex == b.vertex);
    CHECK(a.out_start == b.out_start);
    CHECK(a.out_target == b.out_target);
    CHECK(a.out_ties == b.out_ties);
    CHECK(a.out_tie == b.out_tie);
    CHECK(a.in_start == b.in_start);
    CHECK(a.in_source == b.in_source);
}

}  // namespace

TEST_CASE("measures view: kept per kind set and direction on the frozen view, the same as one built afresh") {
    OrgGraph g = mixed();
    const auto both = detail::make_view(g, TieView::of({TieKind::forwards, TieKind::directs}), "test");
    // The kinds as a set: their order and repeats name the same view.
    CHECK(detail::make_view(g, TieView::of({TieKind::directs, TieKind::forwards, TieKind::directs}), "test") == both);
    CHECK(detail::make_view(*g.freeze(), TieView::of({TieKind::forwards, TieKind::directs}), "test") == both);
    // Another direction or kind set is another view.
    const auto undirected = detail::make_view(g, TieView::undirected({TieKind::forwards, TieKind::directs}), "test");
    CHECK(undirected != both);
    CHECK_FALSE(undirected->directed);
    CHECK(detail::make_view(g, TieView::of({TieKind::forwards}), "test") != both);
    // A copy of the graph freezes on its own, so its view is built afresh: the kept ones answer as it does.
    const OrgGraph copy = g;
    check_same(*both, *detail::make_view(copy, TieView::of({TieKind::forwards, TieKind::directs}), "test"));
    check_same(*undirected, *detail::make_view(copy, TieView::undirected({TieKind::forwards, TieKind::directs}), "test"));
    // A view that picks its units is built on each call, from the selection of that call.
    TieView some = TieView::of({TieKind::forwards});
    some.units = Selector::ids({"b0", "b1", "b2"});
    const auto picked = detail::make_view(g, some, "test");
    CHECK(picked->size() == 3);
    CHECK(detail::make_view(g, some, "test") != picked);
    // A change gives a new frozen view, and a new kept view that sees the change.
    g.add_tie("b0", "b3", TieKind::forwards);
    const auto after = detail::make_view(g, TieView::of({TieKind::forwards, TieKind::directs}), "test");
    CHECK(after != both);
    CHECK(after->arc_count() == both->arc_count() + 1);
}
