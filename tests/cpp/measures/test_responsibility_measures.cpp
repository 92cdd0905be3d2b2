// Workload, exclusivity, redundancy, orphans and congruence on a directive of the tiny province, worked by hand.
// The text is forwarded 30.pc -> 296.pc -> 10945.pc only.
//   task 1: lead the district committees (296.pc, 288.pc), coordinate the district police
//   task 2: lead 10501.pc alone (nobody forwards to it: an orphan), 30.police monitors it
//   task 3: lead 10945.pc (reached), 30.police is informed (not a working role)

#include <cmath>

#include "../support.hpp"

using namespace antq;
using antq::test::assign;
using antq::test::directive;
using antq::test::task;

namespace {

OrgGraph forwarding_province() {
    OrgGraph g = test::tiny_province();
    g.add_tie("30.pc", "296.pc", TieKind::forwards);
    g.add_tie("296.pc", "10945.pc", TieKind::forwards);
    return g;
}

Directive three_tasks() {
    const Selector pcs = Selector::kind(UnitKind::peoples_committee), police = Selector::kind(UnitKind::police);
    const Selector district = Selector::level(Level::district);
    return directive({task("1", {assign(Role::lead, pcs & district), assign(Role::coordinate, police & district)}),
                      task("2", {assign(Role::lead, Selector::id("10501.pc")),
                                 assign(Role::monitor, Selector::id("30.police"), Selector::id("10501.pc"))}),
                      task("3", {assign(Role::lead, Selector::id("10945.pc")), assign(Role::inform, Selector::id("30.police"))})});
}

const ResponsibilityMeasures::Unit& unit_of(const OrgGraph& g, const ResponsibilityMeasures& m, const char* id) {
    for (const auto& u : m.units)
        if (u.unit == g.index_of(id)) return u;
    FAIL("no unit " << id);
    throw;
}

}  // namespace

TEST_CASE("responsibility measures: redundancy and orphans per task") {
    const OrgGraph g = forwarding_province();
    const Responsibilities r = compile(three_tasks(), g);
    const ResponsibilityMeasures m = responsibility_measures(r, g);
    CHECK(m.issuer == g.index_of("30.pc"));
    REQUIRE(m.tasks.size() == 3);
    CHECK(m.tasks[0].units == 4);
    CHECK(m.tasks[0].redundancy == 3);
    CHECK(m.tasks[0].roles[static_cast<std::size_t>(Role::lead)] == 2);
    CHECK(m.tasks[0].lead_territories == 2);
    CHECK(m.tasks[0].duplicate_leads == 0);
    CHECK(m.tasks[0].leads_reached == 1);  // 296.pc; 288.pc gets no text, but the task has another lead
    CHECK_FALSE(m.tasks[0].orphan);
    CHECK(m.tasks[1].units == 2);
    CHECK(m.tasks[1].redundancy == 1);
    CHECK(m.tasks[1].orphan);
    CHECK(m.tasks[2].units == 1);
    CHECK(m.tasks[2].redundancy == 0);
    CHECK(m.tasks[2].roles[static_cast<std::size_t>(Role::inform)] == 2);  // its inform assignment, and the recipient
    CHECK_FALSE(m.tasks[2].orphan);
    CHECK(m.redundancy == doctest::Approx(4.0 / 3.0));
}

TEST_CASE("responsibility measures: workload and exclusivity per unit") {
    const OrgGraph g = forwarding_province();
    const ResponsibilityMeasures m = responsibility_measures(compile(three_tasks(), g), g);
    CHECK(m.units.size() == 8);  // with the recipient 30.pc, informed of every task
    const auto& district_pc = unit_of(g, m, "296.pc");
    CHECK(district_pc.tasks == 1);
    CHECK(district_pc.share == doctest::Approx(1.0 / 3.0));
    CHECK(district_pc.exclusivity == doctest::Approx(std::exp(-3.0)));  // shares task 1 with three others
    const auto& police = unit_of(g, m, "30.police");
    CHECK(police.tasks == 1);  // informed in task 3: no work
    CHECK(police.roles[static_cast<std::size_t>(Role::monitor)] == 1);
    CHECK(police.roles[static_cast<std::size_t>(Role::inform)] == 1);
    CHECK(police.exclusivity == doctest::Approx(std::exp(-1.0)));
    CHECK(unit_of(g, m, "10945.pc").exclusivity == doctest::Approx(1.0));  // alone on task 3
}

TEST_CASE("congruence: required coordination against existing ties") {
    const OrgGraph g = forwarding_province();
    const Responsibilities r = compile(three_tasks(), g);
    // 7 working units, 21 pairs. Required: (296.pc, 296.police), (288.pc, 288.police). Tied by any kind: those two,
    // 30.police over both district police, 296.pc over 10945.pc, 288.pc over 10501.pc.
    const Congruence all = congruence(r, g);
    CHECK(all.units == 7);
    CHECK(all.required == 2);
    CHECK(all.tied == 6);
    CHECK(all.covered == 2);
    CHECK(all.gaps == 0);
    CHECK(all.unrequired == 4);
    CHECK(all.congruence == doctest::Approx(17.0 / 21.0));
    CHECK(all.coverage == 1.0);
    const Congruence forwarding = congruence(r, g, {TieKind::forwards});  // only 296.pc -> 10945.pc
    CHECK(forwarding.tied == 1);
    CHECK(forwarding.gaps == 2);
    CHECK(forwarding.congruence == doctest::Approx(18.0 / 21.0));
    CHECK(forwarding.coverage == 0.0);
}

TEST_CASE("responsibility measures: a changed graph is refused") {
    OrgGraph g = forwarding_province();
    const Responsibilities r = compile(three_tasks(), g);
    g.add_tie("288.pc", "10501.pc", TieKind::forwards);
    ANTQ_CHECK_ERROR(responsibility_measures(r, g), StaleView, "stale_result", "");
    ANTQ_CHECK_ERROR(congruence(r, g), StaleView, "stale_result", "");
}

TEST_CASE("responsibility measures: exclusivity underflows to 0 for a task shared by 747 units or more") {
    // exp(1 − n) is below the smallest double (4.9e-324) from n = 747: a unit whose every task is shared that widely
    // scores 0 exactly, as one with no task; its `tasks` tells the two apart (docs/measures.md).
    auto shared_by = [](std::size_t extra) {
        OrgGraph g = forwarding_province();
        for (std::size_t i = 0; i < extra; ++i)
            g.add_unit(test::body("p" + std::to_string(i), "Police " + std::to_string(i), UnitKind::police, Level::province));
        const ResponsibilityMeasures m = responsibility_measures(
            compile(directive({task("1", {assign(Role::lead, Selector::kind(UnitKind::police))})}), g), g);
        REQUIRE(m.tasks.size() == 1);
        return std::pair(m.tasks[0].units, unit_of(g, m, "p0"));
    };
    const auto [wide, below] = shared_by(739);
    REQUIRE(wide == 745);  // with the tiny province's own six police
    CHECK(below.exclusivity > 0.0);
    CHECK(below.exclusivity == std::exp(-744.0));
    const auto [wider, lost] = shared_by(741);
    REQUIRE(wider == 747);
    CHECK(lost.tasks == 1);
    CHECK(lost.exclusivity == 0.0);
}
