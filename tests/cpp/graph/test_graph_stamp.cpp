#include "support.hpp"

using namespace antq;

TEST_CASE("graph_stamp: a result refuses its graph once changed, and any other graph") {
    OrgGraph g = test::tiny_province();
    const GraphStamp stamp = GraphStamp::of_result(g, "directive 'x'", "compile it again");
    CHECK(stamp.matches(g));
    CHECK(stamp.generation() == g.generation());
    CHECK_NOTHROW(stamp.check(g));
    const OrgGraph copy = g;  // the same content, another graph
    CHECK_FALSE(stamp.matches(copy));
    ANTQ_CHECK_ERROR(stamp.check(copy), StaleView, "stale_result", "directive 'x'");
    g.rename_unit(g.index_of("30"), "Hải Dương (renamed)");
    CHECK_FALSE(stamp.matches(g));
    ANTQ_CHECK_ERROR(stamp.check(g), StaleView, "stale_result", "compile it again");
}

TEST_CASE("graph_stamp: views say stale_view, with no place") {
    OrgGraph g = test::tiny_province();
    const GraphStamp stamp = GraphStamp::of_view(g);
    g.set_unit_attribute(g.index_of("30"), "note", Value("x"));
    try {
        stamp.check(g);
        FAIL("expected StaleView");
    } catch (const StaleView& e) {
        CHECK(e.tag() == "stale_view");
        CHECK(e.where().empty());
    }
}

TEST_CASE("graph_stamp: an empty stamp matches no graph") {
    const OrgGraph g;
    CHECK_FALSE(GraphStamp().matches(g));
}

TEST_CASE("graph_stamp: every graph-bound result uses it") {
    OrgGraph g = test::tiny_province();
    const Responsibilities table =
        compile(test::directive({test::task("1", {test::assign(Role::lead, Selector::kind(UnitKind::police))})}), g);
    const ReachResult reached = reach(table, g);
    const FollowUp followed = follow_up(g, table, ProgressReports{"test", {}, ""}, "2024-06-01");
    CHECK_NOTHROW(reached.check_current(g));
    CHECK_NOTHROW(followed.check_current(g));
    g.erase_unit_attribute(g.index_of("30"), "nothing");  // no change: still current
    CHECK_NOTHROW(table.check_current(g));
    g.set_unit_attribute(g.index_of("30"), "note", Value(1));
    ANTQ_CHECK_ERROR(table.check_current(g), StaleView, "stale_result", "directive 'test'");
    ANTQ_CHECK_ERROR(reached.check_current(g), StaleView, "stale_result", "reach of directive 'test'");
    ANTQ_CHECK_ERROR(followed.check_current(g), StaleView, "stale_result", "follow-up of directive 'test'");
}
