#include <string>
#include <vector>

#include <antq/directive/follow_up.hpp>

#include "support.hpp"

using namespace antq;

namespace {

const Selector commune_pcs = Selector::kind(UnitKind::peoples_committee) & Selector::level(Level::commune);
const Selector commune_police = Selector::kind(UnitKind::police) & Selector::level(Level::commune);

/**
 * Clause "a": commune PCs lead by 2024-07-01, commune police coordinate (no date). Clause "b": district PCs lead
 * within 2024-01-01..2024-09-30. Closing: the provincial police monitor the district and commune PCs.
 */
Directive follow_up_directive() {
    Assignment a_lead = test::assign(Role::lead, commune_pcs);
    a_lead.deadline = "2024-07-01";
    Assignment b_lead = test::assign(Role::lead, Selector::kind(UnitKind::peoples_committee) & Selector::level(Level::district));
    b_lead.window = DateWindow{"2024-01-01", "2024-09-30"};
    return test::directive({test::task("a", {a_lead, test::assign(Role::coordinate, commune_police)}),
                            test::task("b", {b_lead}),
                            test::task("closing", {test::assign(Role::monitor, Selector::id("30.police"),
                                                                Selector::kind(UnitKind::peoples_committee) &
                                                                    ~Selector::level(Level::province))})});
}

ProgressReports reports(std::vector<ProgressReport> list) { return ProgressReports{"test", std::move(list), "p.json"}; }

const Duty& duty(const FollowUp& f, const OrgGraph& g, std::string_view unit, std::uint32_t task) {
    for (const Duty& d : f.duties())
        if (g.unit(d.unit).id == unit && d.task == task) return d;
    FAIL("no duty for " << unit);
    throw;
}

}  // namespace

TEST_CASE("duties are due on the deadline, at the window's end, or on the undated day, state follows the latest report") {
    const OrgGraph g = test::tiny_province();
    const Responsibilities table = compile(follow_up_directive(), g);
    const ProgressReports r = reports({
        {"10945.pc", "a", ProgressStatus::in_progress, "2024-03-01", "plan"},
        {"10945.pc", "a", ProgressStatus::done, "2024-07-01", "done on the day"},
        {"10987.pc", "a", ProgressStatus::done, "2024-07-02", "a day late"},
        {"10501.pc", "a", ProgressStatus::in_progress, "2024-06-01", ""},
        {"296.pc", "b", ProgressStatus::done, "2024-09-30", ""},
        {"288.pc", "b", ProgressStatus::done, "2024-08-01", ""},
        {"288.pc", "b", ProgressStatus::in_progress, "2024-08-15", "reopened"},
    });
    const FollowUp f = follow_up(g, table, r, "2024-10-01");
    CHECK(f.duties().size() == 3 + 3 + 2);  // 3 commune PCs + 3 commune police in "a", 2 district PCs in "b"
    CHECK(duty(f, g, "10945.pc", 0).due == "2024-07-01");
    CHECK(duty(f, g, "10945.pc", 0).state == DutyState::done);
    CHECK(duty(f, g, "10945.pc", 0).done_on == "2024-07-01");
    CHECK(duty(f, g, "10987.pc", 0).state == DutyState::done_late);
    CHECK(duty(f, g, "10501.pc", 0).state == DutyState::overdue);
    CHECK(duty(f, g, "296.pc", 1).due == "2024-09-30");
    CHECK(duty(f, g, "296.pc", 1).state == DutyState::done);
    CHECK(duty(f, g, "288.pc", 1).state == DutyState::overdue);  // the latest report reopened it
    CHECK(*duty(f, g, "288.pc", 1).latest == 6);
    CHECK(duty(f, g, "10987.police", 0).due.empty());
    CHECK(duty(f, g, "10987.police", 0).state == DutyState::open);  // no date: never overdue
    // An undated due day makes the coordinating police overdue once it passes.
    const FollowUp undated = follow_up(g, table, reports({}), "2024-10-01", "2024-09-01");
    CHECK(duty(undated, g, "10987.police", 0).due == "2024-09-01");
    CHECK(duty(undated, g, "10987.police", 0).due_assumed);       // the undated day, not the text's
    CHECK_FALSE(duty(undated, g, "10945.pc", 0).due_assumed);     // its assignment's own deadline
    CHECK_FALSE(duty(f, g, "10987.police", 0).due_assumed);       // no undated day: never due
    CHECK(duty(undated, g, "10987.police", 0).state == DutyState::overdue);
    CHECK(duty(undated, g, "10987.pc", 0).state == DutyState::overdue);
    CHECK(undated.overdue().size() == 8);
}

TEST_CASE("follow-up roll-ups per territory and clause, and the provincial police's view") {
    const OrgGraph g = test::tiny_province();
    const Responsibilities table = compile(follow_up_directive(), g);
    const FollowUp f = follow_up(g, table,
                                 reports({{"10945.pc", "a", ProgressStatus::done, "2024-06-01", ""},
                                          {"10987.pc", "a", ProgressStatus::done, "2024-07-09", ""},
                                          {"296.pc", "b", ProgressStatus::in_progress, "2024-05-01", ""}}),
                                 "2024-10-01");
    auto roll = [&](std::string_view territory, std::uint32_t task) -> const DutyRollUp& {
        for (const DutyRollUp& r : f.roll_ups())
            if (g.unit(r.territory).id == territory && r.task == task) return r;
        FAIL("no roll-up " << territory);
        throw;
    };
    const DutyRollUp& bg = roll("296", 0);
    CHECK(bg.duties == 4);  // two commune PCs, two commune police
    CHECK(bg.done == 1);
    CHECK(bg.done_late == 1);
    CHECK(bg.open == 2);
    CHECK(bg.unreported == 2);
    const DutyRollUp& province = roll("30", 0);
    CHECK(province.duties == 6);
    CHECK(province.overdue == 1);  // 10501.pc
    CHECK(roll("30", 1).overdue == 2);
    CHECK(roll("296", 1).duties == 1);
    REQUIRE(f.monitoring().size() == 1);
    const MonitorView& police = f.monitoring()[0];
    CHECK(g.unit(police.monitor).id == "30.police");
    CHECK(police.targets == 5);  // 2 district and 3 commune PCs
    CHECK(police.duties == 5);
    CHECK(police.overdue == 3);
    CHECK(police.done == 1);
    CHECK(police.done_late == 1);
    std::vector<std::string> late;
    for (std::size_t i : police.overdue_duties) late.push_back(g.unit(f.duties()[i].unit).id);
    CHECK(late == std::vector<std::string>{"10501.pc", "296.pc", "288.pc"});  // by due day, then unit index
}

TEST_CASE("bad progress reports name their place") {
    const OrgGraph g = test::tiny_province();
    const Responsibilities table = compile(follow_up_directive(), g);
    auto run = [&](ProgressReport rep) { return follow_up(g, table, reports({rep}), "2024-10-01"); };
    ANTQ_CHECK_ERROR(run({"nowhere", "a", ProgressStatus::done, "2024-05-01", ""}), NotFound, "unknown_unit", "p.json:/reports/0/unit");
    ANTQ_CHECK_ERROR(run({"10945.pc", "z", ProgressStatus::done, "2024-05-01", ""}), NotFound, "unknown_clause", "/reports/0/clause");
    ANTQ_CHECK_ERROR(run({"296.pc", "a", ProgressStatus::done, "2024-05-01", ""}), InvalidInput, "not_assigned",
                     "neither leads nor coordinates clause a");
    ANTQ_CHECK_ERROR(run({"30.police", "closing", ProgressStatus::done, "2024-05-01", ""}), InvalidInput, "not_assigned", "closing");
    ANTQ_CHECK_ERROR(run({"10945.pc", "a", ProgressStatus::done, "2024-10-02", ""}), InvalidInput, "date_after_as_of", "/reports/0/date");
    ANTQ_CHECK_ERROR(run({"10945.pc", "a", ProgressStatus::done, "2024-02-30", ""}), InvalidInput, "bad_date", "/reports/0/date");
    ANTQ_CHECK_ERROR(follow_up(g, table,
                               reports({{"10945.pc", "a", ProgressStatus::done, "2024-05-01", ""},
                                        {"10945.pc", "a", ProgressStatus::in_progress, "2024-05-01", ""}}),
                               "2024-10-01"),
                     InvalidInput, "duplicate_report", "at p.json:/reports/0");
    ANTQ_CHECK_ERROR(follow_up(g, table, ProgressReports{"other", {}, ""}, "2024-10-01"), InvalidInput, "wrong_directive", "'other'");
    ANTQ_CHECK_ERROR(follow_up(g, table, reports({}), "2024-13-01"), InvalidInput, "bad_date", "as_of");
    OrgGraph h = test::tiny_province();
    const Responsibilities stale = compile(follow_up_directive(), h);
    h.set_unit_attribute(h.index_of("30"), "x", Value(1));
    ANTQ_CHECK_ERROR(follow_up(h, stale, reports({}), "2024-10-01"), StaleView, "stale_result", "");
    ANTQ_CHECK_ERROR(parse_progress(R"({"format": "antq.progress", "version": 1, "directive": "d",
        "reports": [{"unit": "1", "clause": "a", "status": "finished", "date": "2024-01-01"}]})", "p.json"),
                     InvalidInput, "bad_status", "p.json:/reports/0/status");
}

TEST_CASE("example progress on the default is seeded, parses back and follows up without error") {
    const OrgGraph g = datasets::hai_duong_2024();
    const Responsibilities table = compile(datasets::directive_2024(), g);
    const ProgressReports r = example_progress(g, table, "2024-12-31", 3);
    CHECK(r == example_progress(g, table, "2024-12-31", 3));
    CHECK(parse_progress(dump_progress(r), "x") == r);
    const FollowUp f = follow_up(g, table, r, "2024-12-31");
    std::size_t overdue = 0, done = 0;
    for (const Duty& d : f.duties()) {
        overdue += d.state == DutyState::overdue;
        done += d.state == DutyState::done;
        if (d.state == DutyState::overdue) CHECK_FALSE(d.due.empty());
    }
    CHECK(overdue > 0);
    CHECK(done > f.duties().size() / 2);
    // The closing clause's provincial police, clause 6's steering committees 138 of every level, and clause 4's
    // Party committees, People's Committees and steering committees 138 of every level (the Ngày hội).
    REQUIRE(f.monitoring().size() == 1 + 248 + 3 * 248);
    bool police = false;
    for (const auto& m : f.monitoring())
        if (g.unit(m.monitor).id == "30.police") {
            police = true;
            CHECK(m.targets == 265);
        }
    CHECK(police);
}

TEST_CASE("a clause reopened and done again counts from its last completion") {
    const OrgGraph g = test::tiny_province();
    const Responsibilities table = compile(follow_up_directive(), g);
    const FollowUp f = follow_up(g, table,
                                 reports({{"10945.pc", "a", ProgressStatus::done, "2024-03-01", ""},
                                          {"10945.pc", "a", ProgressStatus::in_progress, "2024-05-01", "reopened"},
                                          {"10945.pc", "a", ProgressStatus::done, "2024-08-01", ""},
                                          {"10987.pc", "a", ProgressStatus::done, "2024-06-01", ""},
                                          {"10987.pc", "a", ProgressStatus::done, "2024-09-01", "again"}}),
                                 "2024-10-01");
    CHECK(duty(f, g, "10945.pc", 0).state == DutyState::done_late);
    CHECK(duty(f, g, "10945.pc", 0).done_on == "2024-08-01");
    CHECK(duty(f, g, "10987.pc", 0).state == DutyState::done);  // done twice, never reopened: the first counts
    CHECK(duty(f, g, "10987.pc", 0).done_on == "2024-06-01");
}

TEST_CASE("a directive whose dates are not ISO, or an as_of before its year, is refused") {
    const OrgGraph g = test::tiny_province();
    Directive d = follow_up_directive();
    d.tasks[0].assignments[0].deadline = "2024/07/01";
    const Responsibilities bad = compile(d, g);
    ANTQ_CHECK_ERROR(follow_up(g, bad, reports({}), "2024-10-01"), InvalidInput, "bad_date", "clause a, assignment 0");
    ANTQ_CHECK_ERROR(example_progress(g, bad, "2024-10-01", 1), InvalidInput, "bad_date", "2024/07/01");
    const Responsibilities table = compile(follow_up_directive(), g);
    ANTQ_CHECK_ERROR(example_progress(g, table, "2023-06-01", 1), InvalidInput, "bad_date", "before the directive's year");
    Directive no_year = follow_up_directive();
    no_year.year = 0;
    ANTQ_CHECK_ERROR(example_progress(g, compile(no_year, g), "2024-10-01", 1), InvalidInput, "bad_year", "not 0");
}
