// compile(): a directive's selectors expanded on small hand-built graphs, and on the embedded graph.

#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "support.hpp"

using namespace antq;
using antq::test::assign;
using antq::test::directive;
using antq::test::ids;
using antq::test::task;
using antq::test::body;
using antq::test::territory;

namespace {

// The tiny province plus a provincial department, a village in Kẻ Sặt, a commune school and a district head post.
OrgGraph small_graph() {
    OrgGraph g = test::tiny_province();
    g.add_unit(body("30.dept", "Sở Tư pháp", UnitKind::department, Level::province));
    g.add_tie("30.dept", "30", TieKind::serves);
    g.add_unit(territory("10945-v01", "Tổ dân phố 1", UnitKind::village));
    g.add_tie("10945", "10945-v01", TieKind::contains);
    g.add_unit(body("10945.school", "Trường THCS Kẻ Sặt", UnitKind::school, Level::commune));
    g.add_tie("10945.school", "10945", TieKind::serves);
    g.add_unit(body("296.pc.head", "Chủ tịch UBND huyện", UnitKind::post, Level::district));
    g.add_tie("296.pc.head", "296.pc", TieKind::heads);
    return g;
}

using Row = std::tuple<std::uint32_t, std::uint32_t, std::string, Role>;

std::vector<Row> rows(const OrgGraph& g, const std::vector<Responsibility>& rs) {
    std::vector<Row> out;
    for (const auto& r : rs) out.emplace_back(r.task, r.assignment, g.unit(r.unit).id, r.role);
    return out;
}

Selector pc_at(Level l) { return Selector::kind(UnitKind::peoples_committee) & Selector::level(l); }

}  // namespace

TEST_CASE("compile: one row per unit and role, ordered by task, assignment and unit index") {
    const OrgGraph g = small_graph();
    const Directive d = directive(
        {task("1", {assign(Role::lead, Selector::kind(UnitKind::peoples_committee)),
                    assign(Role::coordinate, Selector::kind(UnitKind::police) & Selector::level(Level::district)),
                    assign(Role::advise, Selector::id("30.police"), Selector::id("30.pc.head")),
                    assign(Role::monitor, Selector::id("30.police"), pc_at(Level::district)),
                    assign(Role::inform, Selector::kind(UnitKind::department))}),
         task("closing", {assign(Role::lead, Selector::id("10945.police"))})});
    const Responsibilities r = compile(d, g);
    CHECK(r.directive() == d);
    CHECK(r.graph_generation() == g.generation());
    CHECK(rows(g, r.rows()) == std::vector<Row>{
                                   {0, 0, "30.pc", Role::lead},
                                   {0, 0, "296.pc", Role::lead},
                                   {0, 0, "288.pc", Role::lead},
                                   {0, 0, "10945.pc", Role::lead},
                                   {0, 0, "10987.pc", Role::lead},
                                   {0, 0, "10501.pc", Role::lead},
                                   {0, 1, "296.police", Role::coordinate},
                                   {0, 1, "288.police", Role::coordinate},
                                   {0, 2, "30.police", Role::advise},
                                   {0, 3, "30.police", Role::monitor},
                                   {0, 4, "30.dept", Role::inform},
                                   {0, Responsibility::none, "30.pc", Role::inform},  // the recipients list
                                   {1, 0, "10945.police", Role::lead},
                                   {1, Responsibility::none, "30.pc", Role::inform},
                               });
    CHECK(r.rows()[11].recipient == 0);
    CHECK(r.rows()[10].recipient == Responsibility::none);
    CHECK(r.flags().empty());

    CHECK(ids(g, r.units_of(0, Role::lead)) ==
          std::vector<std::string>{"30.pc", "296.pc", "288.pc", "10945.pc", "10987.pc", "10501.pc"});
    CHECK(ids(g, r.units_of(0, Role::coordinate)) == std::vector<std::string>{"296.police", "288.police"});
    CHECK(ids(g, r.units_of(0, Role::advise)) == std::vector<std::string>{"30.police"});
    CHECK(ids(g, r.units_of(0, Role::monitor)) == std::vector<std::string>{"30.police"});
    CHECK(ids(g, r.units_of(0, Role::inform)) == std::vector<std::string>{"30.pc", "30.dept"});
    CHECK(ids(g, r.units_of(1, Role::lead)) == std::vector<std::string>{"10945.police"});
    CHECK(r.units_of(1, Role::coordinate).empty());
    CHECK(r.units_of(7, Role::lead).empty());

    CHECK(rows(g, r.duties_of(g.index_of("30.police"))) ==
          std::vector<Row>{{0, 2, "30.police", Role::advise}, {0, 3, "30.police", Role::monitor}});
    CHECK(rows(g, r.duties_of(g.index_of("296.pc"))) == std::vector<Row>{{0, 0, "296.pc", Role::lead}});
    CHECK(rows(g, r.duties_of(g.index_of("30.pc"))) == std::vector<Row>{{0, 0, "30.pc", Role::lead},
                                                                         {0, Responsibility::none, "30.pc", Role::inform},
                                                                         {1, Responsibility::none, "30.pc", Role::inform}});
    CHECK(r.duties_of(g.index_of("30.pc.head")).empty());

    // Bound: every role but inform; each unit once, in index order.
    CHECK(ids(g, r.bound_units()) ==
          std::vector<std::string>{"30.pc", "30.police", "296.pc", "296.police", "288.pc", "288.police", "10945.pc",
                                   "10945.police", "10987.pc", "10501.pc"});
    CHECK(ids(g, r.recipients()) == std::vector<std::string>{"30.pc"});

    CHECK(r.targets(0, 0).empty());
    CHECK(ids(g, r.targets(0, 2)) == std::vector<std::string>{"30.pc.head"});
    CHECK(ids(g, r.targets(0, 3)) == std::vector<std::string>{"296.pc", "288.pc"});
    ANTQ_CHECK_ERROR(r.targets(0, 5), NotFound, "unknown_assignment", "");
    ANTQ_CHECK_ERROR(r.targets(2, 0), NotFound, "unknown_assignment", "");

    CHECK(r.task_index("1") == 0);
    CHECK(r.task_index("closing") == 1);
    ANTQ_CHECK_ERROR(r.task_index("7"), NotFound, "unknown_clause", "'7'");
}

TEST_CASE("compile: a unit selected twice for the same task and role gets one row") {
    const OrgGraph g = small_graph();
    const Directive d = directive(
        {task("1", {assign(Role::lead, Selector::id("296.pc")),
                    assign(Role::lead, pc_at(Level::district)),                        // 296.pc again, and 288.pc
                    assign(Role::coordinate, Selector::ids({"296.pc", "296.pc"})),     // another role: kept
                    assign(Role::lead, Selector::within("296") & pc_at(Level::district))}),  // nothing new
         task("2", {assign(Role::lead, Selector::id("296.pc"))})},                     // another task: kept
        {{"UBND tỉnh", Selector::id("30.pc"), ""}, {"Lãnh đạo UBND tỉnh", Selector::id("30.pc"), ""},
         {"UBND huyện", pc_at(Level::district), ""}});
    const Responsibilities r = compile(d, g);
    // 30.pc is informed once per task, by the first entry naming it.
    const auto none = Responsibility::none;
    CHECK(rows(g, r.rows()) == std::vector<Row>{{0, 0, "296.pc", Role::lead},
                                                {0, 1, "288.pc", Role::lead},
                                                {0, 2, "296.pc", Role::coordinate},
                                                {0, none, "30.pc", Role::inform},
                                                {0, none, "296.pc", Role::inform},
                                                {0, none, "288.pc", Role::inform},
                                                {1, 0, "296.pc", Role::lead},
                                                {1, none, "30.pc", Role::inform},
                                                {1, none, "296.pc", Role::inform},
                                                {1, none, "288.pc", Role::inform}});
    CHECK(r.rows()[3].recipient == 0);
    CHECK(r.rows()[4].recipient == 2);
    CHECK(ids(g, r.units_of(0, Role::lead)) == std::vector<std::string>{"296.pc", "288.pc"});
    CHECK(ids(g, r.recipients()) == std::vector<std::string>{"30.pc", "296.pc", "288.pc"});
    CHECK(ids(g, r.bound_units()) == std::vector<std::string>{"296.pc", "288.pc"});
    CHECK(r.duties_of(g.index_of("296.pc")).size() == 5);
    CHECK(r.recipients_outside().empty());

    // The one row of 296.pc's lead in task 0 carries the three assignments behind it, the row's own first.
    auto behind = [&](std::size_t row) {
        const auto a = r.assignments_of(row);
        return std::vector<std::uint32_t>(a.begin(), a.end());
    };
    CHECK(behind(0) == std::vector<std::uint32_t>{0, 1, 3});
    CHECK(behind(1) == std::vector<std::uint32_t>{1});
    CHECK(behind(2) == std::vector<std::uint32_t>{2});  // the selector names 296.pc twice: one assignment
    CHECK(behind(3).empty());                            // from the recipients list
    CHECK(behind(6) == std::vector<std::uint32_t>{0});
    CHECK(behind(9).empty());
    ANTQ_CHECK_ERROR(r.assignments_of(10), NotFound, "unknown_row", "row 10");

    // 30.pc's inform rows name the first entry designating it, and list both.
    auto entries = [&](std::size_t row) {
        const auto e = r.recipients_of(row);
        return std::vector<std::uint32_t>(e.begin(), e.end());
    };
    CHECK(entries(3) == std::vector<std::uint32_t>{0, 1});
    CHECK(entries(7) == std::vector<std::uint32_t>{0, 1});
    CHECK(entries(4) == std::vector<std::uint32_t>{2});
    CHECK(entries(0).empty());  // a lead row
    ANTQ_CHECK_ERROR(r.recipients_of(10), NotFound, "unknown_row", "row 10");
}

TEST_CASE("compile: two inform assignments behind one row are both listed, and the recipients list adds no row") {
    const OrgGraph g = small_graph();
    const Directive d = directive({task("1", {assign(Role::lead, Selector::id("296.pc")),
                                              assign(Role::inform, Selector::id("30.pc")),
                                              assign(Role::inform, Selector::kind(UnitKind::peoples_committee))})},
                                  {{"UBND tỉnh", Selector::id("30.pc"), ""}});
    const Responsibilities r = compile(d, g);
    CHECK(rows(g, r.rows())[1] == Row{0, 1, "30.pc", Role::inform});
    const auto behind = r.assignments_of(1);
    CHECK(std::vector<std::uint32_t>(behind.begin(), behind.end()) == std::vector<std::uint32_t>{1, 2});
    // The row an assignment gives still lists the entry that also designates its unit.
    const auto listed = r.recipients_of(1);
    CHECK(std::vector<std::uint32_t>(listed.begin(), listed.end()) == std::vector<std::uint32_t>{0});
    CHECK(r.recipients_of(2).empty());  // 296.pc: informed by an assignment only
    CHECK(r.rows().size() == 7);  // 296.pc lead; 30.pc, 296.pc, 288.pc, 10945.pc, 10987.pc, 10501.pc inform
}

TEST_CASE("compile: an inform assignment and the recipients list give a unit one inform row per task") {
    const OrgGraph g = small_graph();
    const Directive d = directive({task("1", {assign(Role::inform, Selector::id("30.pc"))})});
    const Responsibilities r = compile(d, g);
    CHECK(rows(g, r.rows()) == std::vector<Row>{{0, 0, "30.pc", Role::inform}});
}

TEST_CASE("compile: a recipient outside the graph informs no unit and is listed, not dropped") {
    const OrgGraph g = small_graph();
    Recipient archive{"Lưu: VT", std::nullopt, "the archive"};
    const Directive d = directive({task("1", {assign(Role::lead, Selector::id("296.pc"))})},
                                  {archive, {"UBND huyện", pc_at(Level::district), ""}});
    const Responsibilities r = compile(d, g);
    CHECK(r.recipients_outside() == std::vector<std::uint32_t>{0});
    CHECK(ids(g, r.recipients()) == std::vector<std::string>{"296.pc", "288.pc"});
    CHECK(rows(g, r.rows()) == std::vector<Row>{{0, 0, "296.pc", Role::lead},
                                                {0, Responsibility::none, "296.pc", Role::inform},
                                                {0, Responsibility::none, "288.pc", Role::inform}});
    CHECK(r.rows()[1].recipient == 1);
}

TEST_CASE("compile: a selector that matches nothing names the clause, the assignment and the selector") {
    const OrgGraph g = small_graph();
    const Selector none = Selector::kind(UnitKind::village) & Selector::within("288");
    const Directive units_unmatched =
        directive({task("1", {assign(Role::lead, Selector::id("30.pc"))}),
                   task("3", {assign(Role::lead, Selector::id("30.pc")), assign(Role::coordinate, none)})});
    ANTQ_CHECK_ERROR(compile(units_unmatched, g), InvalidInput, "unmatched_selector", "clause 3, assignment 1 units");
    ANTQ_CHECK_ERROR(compile(units_unmatched, g), InvalidInput, "unmatched_selector", none.to_string());
    try {
        (void)compile(units_unmatched, g);
    } catch (const InvalidInput& e) {
        CHECK(e.where() == "clause 3, assignment 1 units");
    }

    const Directive target_unmatched = directive({task("2", {assign(Role::monitor, Selector::id("30.police"), none)})});
    ANTQ_CHECK_ERROR(compile(target_unmatched, g), InvalidInput, "unmatched_selector", "clause 2, assignment 0 target");

    const Directive recipient_unmatched =
        directive({task("1", {assign(Role::lead, Selector::id("30.pc"))})},
                  {{"UBND tỉnh", Selector::id("30.pc"), ""}, {"Thôn", none, ""}});
    ANTQ_CHECK_ERROR(compile(recipient_unmatched, g), InvalidInput, "unmatched_selector", "recipient 1 'Thôn'");
}

TEST_CASE("compile: a selector naming a unit the graph lacks is NotFound at the clause") {
    const OrgGraph g = small_graph();
    const Directive d = directive({task("1", {assign(Role::lead, Selector::id("30.pc"))}),
                                   task("2", {assign(Role::lead, Selector::id("30.pc")),
                                              assign(Role::coordinate, Selector::ids({"296.police", "999.police"}))})});
    ANTQ_CHECK_ERROR(compile(d, g), NotFound, "unknown_unit", "clause 2, assignment 1 units");
    ANTQ_CHECK_ERROR(compile(d, g), NotFound, "unknown_unit", "'999.police'");
    const Directive within = directive({task("5", {assign(Role::lead, Selector::within("297") & pc_at(Level::district))})});
    ANTQ_CHECK_ERROR(compile(within, g), NotFound, "unknown_unit", "clause 5, assignment 0 units");
    const Directive not_territory = directive({task("6", {assign(Role::lead, Selector::within("296.pc"))})});
    ANTQ_CHECK_ERROR(compile(not_territory, g), InvalidInput, "not_a_territory", "clause 6, assignment 0 units");
    const Directive in_target =
        directive({task("closing", {assign(Role::advise, Selector::id("30.police"), Selector::id("30.pc.chair"))})});
    ANTQ_CHECK_ERROR(compile(in_target, g), NotFound, "unknown_unit", "clause closing, assignment 0 target");
    const Directive in_recipient = directive({task("1", {assign(Role::lead, Selector::id("30.pc"))})},
                                             {{"Bộ Công an", Selector::id("vn.mps"), ""}});
    ANTQ_CHECK_ERROR(compile(in_recipient, g), NotFound, "unknown_unit", "'vn.mps'");
}

TEST_CASE("compile: two tasks with the same clause are refused") {
    const OrgGraph g = small_graph();
    const Directive d = directive({task("1", {assign(Role::lead, Selector::id("30.pc"))}),
                                   task("2", {assign(Role::lead, Selector::id("30.pc"))}),
                                   task("1", {assign(Role::lead, Selector::id("296.pc"))})});
    ANTQ_CHECK_ERROR(compile(d, g), InvalidInput, "duplicate_clause", "clause 1");
    // Refused even when a later selector would fail too: the clause check comes first.
    Directive both = d;
    both.tasks[2].assignments[0].units = Selector::id("nowhere");
    ANTQ_CHECK_ERROR(compile(both, g), InvalidInput, "duplicate_clause", "clause 1");
}

TEST_CASE("compile: capability flags for territories, posts and monitors above their level") {
    const OrgGraph g = small_graph();
    const Directive d = directive(
        {task("1", {assign(Role::lead, Selector::id("10945-v01")),                         // a village leads
                    assign(Role::lead, Selector::id("296.pc.head")),                       // a post leads
                    assign(Role::coordinate, Selector::id("296")),                         // a district coordinates
                    assign(Role::lead, Selector::id("10945.school"))}),                    // a school: fine
         task("2", {assign(Role::monitor, Selector::id("10945.police"), Selector::id("30.pc")),  // commune watches province
                    assign(Role::monitor, Selector::id("30.police"), pc_at(Level::district)),   // fine
                    assign(Role::monitor, Selector::id("10987.police"), Selector::id("10987.pc")),  // same level: fine
                    assign(Role::inform, Selector::id("10501")),                        // a territory cannot read
                    assign(Role::inform, Selector::id("30.pc.head"))})});               // a post may be informed
    const Responsibilities r = compile(d, g);
    // The table keeps every row: 9 from the assignments, and the recipient 30.pc informed of both tasks.
    CHECK(r.rows().size() == 9 + 2);
    const auto& flags = r.flags();
    REQUIRE(flags.size() == 5);
    std::map<std::string, const CapabilityFlag*> by_unit;
    for (const auto& f : flags) by_unit[g.unit(f.unit).id] = &f;
    CHECK(by_unit.size() == 5);
    REQUIRE(by_unit.count("10945-v01"));
    CHECK(by_unit["10945-v01"]->task == 0);
    CHECK(by_unit["10945-v01"]->assignment == 0);
    CHECK(by_unit["10945-v01"]->reason.find("village is a territory") != std::string::npos);
    REQUIRE(by_unit.count("296.pc.head"));
    CHECK(by_unit["296.pc.head"]->assignment == 1);
    CHECK(by_unit["296.pc.head"]->reason.find("a post cannot lead") != std::string::npos);
    REQUIRE(by_unit.count("296"));
    CHECK(by_unit["296"]->reason.find("cannot coordinate") != std::string::npos);
    REQUIRE(by_unit.count("10945.police"));
    CHECK(by_unit["10945.police"]->task == 1);
    CHECK(by_unit["10945.police"]->assignment == 0);
    CHECK(by_unit["10945.police"]->reason.find("commune body cannot monitor a province unit ('30.pc')") !=
          std::string::npos);
    REQUIRE(by_unit.count("10501"));
    CHECK(by_unit["10501"]->assignment == 3);
    CHECK(by_unit["10501"]->reason.find("cannot receive") != std::string::npos);
    CHECK_FALSE(by_unit.count("10945.school"));
    CHECK_FALSE(by_unit.count("30.police"));
    CHECK_FALSE(by_unit.count("10987.police"));
    CHECK_FALSE(by_unit.count("30.pc.head"));
}

namespace {

// Two communes of Bình Giang with a steering committee each (Kẻ Sặt's with a village, a school and a team), and
// a body that serves no territory.
OrgGraph two_communes() {
    OrgGraph g = small_graph();
    for (const char* c : {"10945", "10987"}) {
        g.add_unit(body(std::string(c) + ".sc138", "BCĐ 138", UnitKind::steering_committee, Level::commune));
        g.add_tie(std::string(c) + ".sc138", c, TieKind::serves);
    }
    g.add_unit(body("10945-v01.team", "Tổ bảo vệ ANTT", UnitKind::security_team, Level::village));
    g.add_tie("10945-v01.team", "10945-v01", TieKind::serves);
    return g;
}

Assignment within_assignee(Assignment a) {
    a.target_within = TargetWithin::assignee;
    return a;
}

std::vector<std::string> ids(const OrgGraph& g, std::span<const UnitIndex> units) {
    return test::ids(g, std::vector<UnitIndex>(units.begin(), units.end()));
}

}  // namespace

TEST_CASE("compile: a target within the assignee is each assignee's target selector in its own territory") {
    const OrgGraph g = two_communes();
    // The movement's units of the commune and its villages, but not the committee itself or its People's Committee.
    const Selector movement = Selector::kind(UnitKind::police) | Selector::kind(UnitKind::school) |
                              Selector::kind(UnitKind::security_team);
    const Selector committees = Selector::kind(UnitKind::steering_committee) & Selector::level(Level::commune);
    const Directive d = directive({task("6", {within_assignee(assign(Role::monitor, committees, movement)),
                                              assign(Role::monitor, Selector::id("30.police"), movement),
                                              within_assignee(assign(Role::monitor, Selector::id("296.police"),
                                                                     Selector::kind(UnitKind::police)))})});
    const Responsibilities r = compile(d, g);
    CHECK(r.flags().empty());
    const UnitIndex ke_sat = g.index_of("10945.sc138"), nhan_quyen = g.index_of("10987.sc138");
    CHECK(ids(g, r.targets(0, 0, ke_sat)) == std::vector<std::string>{"10945.police", "10945.school", "10945-v01.team"});
    CHECK(ids(g, r.targets(0, 0, nhan_quyen)) == std::vector<std::string>{"10987.police"});
    // The assignment's own list is the union: every unit some assignee watches, in index order.
    CHECK(ids(g, r.targets(0, 0)) ==
          std::vector<std::string>{"10945.police", "10987.police", "10945.school", "10945-v01.team"});
    // An absolute target is the same for every assignee.
    const auto everywhere = r.targets(0, 1);
    CHECK(everywhere.size() == 8);  // the six police, the school and the team
    CHECK(ids(g, r.targets(0, 1, g.index_of("30.police"))) == ids(g, everywhere));
    // A district body's territory holds its communes, not the province or the other district.
    CHECK(ids(g, r.targets(0, 2, g.index_of("296.police"))) ==
          std::vector<std::string>{"296.police", "10945.police", "10987.police"});
    ANTQ_CHECK_ERROR(r.targets(0, 0, g.index_of("30.police")), NotFound, "not_an_assignee", "");
    ANTQ_CHECK_ERROR(r.targets(0, 3, ke_sat), NotFound, "unknown_assignment", "");

    const OversightResult o = oversight(r, g);
    std::map<std::string, std::vector<std::string>> watches;
    for (const auto& m : o.monitors) watches[g.unit(m.unit).id] = test::ids(g, m.watches);
    CHECK(watches["10945.sc138"] == std::vector<std::string>{"10945.police", "10945.school", "10945-v01.team"});
    CHECK(watches["10987.sc138"] == std::vector<std::string>{"10987.police"});
}

TEST_CASE("compile: a target within the assignee needs a target, and a body serving no territory is flagged") {
    OrgGraph g = two_communes();
    Assignment bare = within_assignee(assign(Role::monitor, Selector::id("10945.sc138")));
    ANTQ_CHECK_ERROR(compile(directive({task("6", {bare})}), g), InvalidInput, "missing_target",
                     "clause 6, assignment 0 target");
    g.add_unit(body("loose.sc138", "BCĐ 138", UnitKind::steering_committee, Level::commune));  // serves nothing
    const Selector committees = Selector::kind(UnitKind::steering_committee) & Selector::level(Level::commune);
    const Responsibilities r =
        compile(directive({task("6", {within_assignee(assign(Role::monitor, committees, Selector::kind(UnitKind::police)))})}), g);
    CHECK(r.targets(0, 0, g.index_of("loose.sc138")).empty());
    REQUIRE(r.flags().size() == 1);
    CHECK(g.unit(r.flags()[0].unit).id == "loose.sc138");
    CHECK(r.flags()[0].reason.find("serves no territory") != std::string::npos);
}

TEST_CASE("compile: an assignee none of whose targets lies in its own territory is flagged") {
    const OrgGraph g = two_communes();  // only Kẻ Sặt has a school
    const Selector committees = Selector::kind(UnitKind::steering_committee) & Selector::level(Level::commune);
    const Responsibilities r =
        compile(directive({task("6", {within_assignee(assign(Role::monitor, committees, Selector::kind(UnitKind::school)))})}), g);
    CHECK(ids(g, r.targets(0, 0, g.index_of("10945.sc138"))) == std::vector<std::string>{"10945.school"});
    CHECK(r.targets(0, 0, g.index_of("10987.sc138")).empty());
    REQUIRE(r.flags().size() == 1);
    CHECK(g.unit(r.flags()[0].unit).id == "10987.sc138");
    CHECK(r.flags()[0].reason == "no unit its target picks lies within the territory it serves");
}

TEST_CASE("compile: a monitor within its territory is not flagged for units above it elsewhere") {
    const OrgGraph g = two_communes();
    // Anywhere, a commune committee watching every police force watches the province's; within itself, only its own.
    const Selector police = Selector::kind(UnitKind::police);
    const Responsibilities anywhere = compile(directive({task("6", {assign(Role::monitor, Selector::id("10987.sc138"), police)})}), g);
    REQUIRE(anywhere.flags().size() == 1);
    CHECK(anywhere.flags()[0].reason.find("cannot monitor a province unit") != std::string::npos);
    const Responsibilities own =
        compile(directive({task("6", {within_assignee(assign(Role::monitor, Selector::id("10987.sc138"), police))})}), g);
    CHECK(own.flags().empty());
}

TEST_CASE("compile: check_current refuses a graph that changed since compile") {
    OrgGraph g = small_graph();
    const Directive d = directive({task("1", {assign(Role::lead, pc_at(Level::district))})});
    const Responsibilities r = compile(d, g);
    CHECK_NOTHROW(r.check_current(g));
    g.add_unit(body("30.front", "UBMTTQ tỉnh", UnitKind::front_committee, Level::province));
    ANTQ_CHECK_ERROR(r.check_current(g), StaleView, "stale_result", "'test'");
    // Compiling again gives a current table.
    const Responsibilities again = compile(d, g);
    CHECK_NOTHROW(again.check_current(g));
    g.set_unit_attribute(g.index_of("296"), "type", "huyện");
    ANTQ_CHECK_ERROR(again.check_current(g), StaleView, "stale_result", "");
    // Removing a tie counts as a change too.
    const Responsibilities third = compile(d, g);
    g.remove_tie(g.out_ties(g.index_of("296.pc"), TieKind::directs).front());
    ANTQ_CHECK_ERROR(third.check_current(g), StaleView, "stale_result", "");
}

// --- The embedded directive on the embedded graph --------------------------------------------------------

namespace {

const OrgGraph& hai_duong() {
    static const OrgGraph g = datasets::hai_duong_2024();
    return g;
}

const Responsibilities& compiled_2024() {
    static const Responsibilities r = compile(datasets::directive_2024(), hai_duong());
    return r;
}

// (kind, level) -> count of `units`.
std::map<std::pair<UnitKind, Level>, int> census(const OrgGraph& g, const std::vector<UnitIndex>& units) {
    std::map<std::pair<UnitKind, Level>, int> out;
    for (UnitIndex u : units) ++out[{g.unit(u).kind, g.unit(u).level}];
    return out;
}

}  // namespace

TEST_CASE("compile: the 2024 directive compiles on the embedded graph without unmatched selectors or flags") {
    const OrgGraph& g = hai_duong();
    Responsibilities r;
    REQUIRE_NOTHROW(r = compile(datasets::directive_2024(), g));
    CHECK(r.flags().empty());
    CHECK(r.directive().tasks.size() == 7);
    for (std::uint32_t t = 0; t < r.directive().tasks.size(); ++t) {
        CAPTURE(t);
        for (std::uint32_t a = 0; a < r.directive().tasks[t].assignments.size(); ++a) {
            bool has_row = false;
            for (const auto& row : r.rows()) has_row = has_row || (row.task == t && row.assignment == a);
            // Every assignment either gave rows or only repeated units an earlier one of its role gave.
            const Role role = r.directive().tasks[t].assignments[a].role;
            CHECK((has_row || !r.units_of(t, role).empty()));
        }
    }
    // Commune People's Committees are not on the recipients list.
    for (UnitIndex u : r.recipients())
        CHECK_FALSE((g.unit(u).kind == UnitKind::peoples_committee && g.unit(u).level == Level::commune));
    CHECK(ids(g, r.recipients()).size() == 1 + 1 + 1 + 1 + 1 + 1 + (18 + 1 + 1 + 1 + 5) + 12);
    // Every recipient unit is informed of every clause; the archive line is the one entry outside the graph.
    for (std::uint32_t t = 0; t < r.directive().tasks.size(); ++t) CHECK(r.units_of(t, Role::inform) == r.recipients());
    REQUIRE(r.recipients_outside().size() == 1);
    CHECK(r.directive().recipients[r.recipients_outside()[0]].label == "Lưu: VT, NC-KSTTHC");
}

TEST_CASE("compile: clause 1 leads are the People's Committees of the province, its districts and communes") {
    const OrgGraph& g = hai_duong();
    const Responsibilities& r = compiled_2024();
    const auto leads = r.units_of(r.task_index("1"), Role::lead);
    auto c = census(g, leads);
    CHECK(c[{UnitKind::peoples_committee, Level::province}] == 1);
    CHECK(c[{UnitKind::peoples_committee, Level::district}] == 12);
    CHECK(c[{UnitKind::peoples_committee, Level::commune}] == 235);
    CHECK(c[{UnitKind::steering_committee, Level::commune}] == 235);
    CHECK(c[{UnitKind::department, Level::province}] == 18);
    CHECK(c[{UnitKind::agency, Level::province}] == 0);  // the NA delegation is left out
    CHECK(c[{UnitKind::agency, Level::district}] == 12);
    CHECK(c[{UnitKind::party_committee, Level::province}] == 1);  // "các cấp ủy đảng": a reading, not addressed
    // Every People's Committee of the graph is a lead, each once.
    const auto pcs = Selector::kind(UnitKind::peoples_committee).select(g);
    std::set<UnitIndex> lead_set(leads.begin(), leads.end());
    CHECK(lead_set.size() == leads.size());
    for (UnitIndex pc : pcs) CHECK(lead_set.count(pc) == 1);
    CHECK(pcs.size() == 248);
}

TEST_CASE("compile: clause 4 coordinators are the police of every level") {
    const OrgGraph& g = hai_duong();
    const Responsibilities& r = compiled_2024();
    const auto coordinators = r.units_of(r.task_index("4"), Role::coordinate);
    auto c = census(g, coordinators);
    CHECK(c.size() == 3);
    CHECK(c[{UnitKind::police, Level::province}] == 1);
    CHECK(c[{UnitKind::police, Level::district}] == 12);
    CHECK(c[{UnitKind::police, Level::commune}] == 235);
    CHECK(coordinators == Selector::kind(UnitKind::police).select(g));
    // Clause 4 repeats the Front and mass organisations as leads (the Ngày hội): one row each.
    const auto leads = r.units_of(r.task_index("4"), Role::lead);
    std::size_t lead_rows = 0;
    for (const auto& row : r.rows()) lead_rows += row.task == r.task_index("4") && row.role == Role::lead;
    CHECK(lead_rows == leads.size());
    CHECK(leads.size() == 248 + 1005 + 12 + 235);  // + the district and commune PCs holding the Ngày hội
}

TEST_CASE("compile: the closing clause — provincial police monitor departments and People's Committees, advise the Chairman") {
    const OrgGraph& g = hai_duong();
    const Responsibilities& r = compiled_2024();
    const std::uint32_t closing = r.task_index("closing");
    const UnitIndex police = g.index_of("30.police");
    CHECK(r.units_of(closing, Role::monitor) == std::vector<UnitIndex>{police});
    CHECK(r.units_of(closing, Role::advise) == std::vector<UnitIndex>{police});
    const auto watched = r.targets(closing, 0);
    auto c = census(g, watched);
    CHECK(c.size() == 3);  // not the provincial People's Committee, which issued the directive
    CHECK(c[{UnitKind::department, Level::province}] == 18);
    CHECK(c[{UnitKind::peoples_committee, Level::district}] == 12);
    CHECK(c[{UnitKind::peoples_committee, Level::commune}] == 235);
    CHECK(watched.size() == 265);
    CHECK(ids(g, r.targets(closing, 1)) == std::vector<std::string>{"30.pc.head"});
    const auto duties = rows(g, r.duties_of(police));
    REQUIRE(duties.size() >= 2);
    CHECK(duties[duties.size() - 2] == Row{closing, 1, "30.police", Role::advise});
    CHECK(duties.back() == Row{closing, Responsibility::none, "30.police", Role::inform});  // a provincial sector
}

TEST_CASE("compile: results refuse a copy of their graph, even an identical one") {
    OrgGraph g = test::tiny_province();
    Directive d;
    d.id = "d";
    d.issuer = "30.pc";
    d.signer = "30.pc.head";
    d.tasks.push_back(Task{"1", "t", "", {}, {Assignment{Role::lead, Selector::kind(UnitKind::police), {}, "", {}, ""}}});
    const Responsibilities r = compile(d, g);
    const OrgGraph copy = g;
    CHECK_NOTHROW(r.check_current(g));
    ANTQ_CHECK_ERROR(r.check_current(copy), StaleView, "stale_result", "compile it again");
    ANTQ_CHECK_ERROR(reach(r, copy), StaleView, "stale_result", "");
}

TEST_CASE("compile: the issuer is a body of the graph and the signer the post heading it") {
    const OrgGraph g = small_graph();
    const auto with = [](std::string issuer, std::string signer) {
        Directive d = directive({task("1", {assign(Role::lead, Selector::id("30.pc"))})});
        d.issuer = std::move(issuer);
        d.signer = std::move(signer);
        d.source = "d.json";
        return d;
    };
    CHECK(compile(with("30.pc", "30.pc.head"), g).rows().size() == 2);  // its lead row and its inform row
    ANTQ_CHECK_ERROR(compile(with("30", "30.pc.head"), g), InvalidInput, "bad_issuer", "not a territory");
    ANTQ_CHECK_ERROR(compile(with("30.pc.head", "30.pc.head"), g), InvalidInput, "bad_issuer", "not a post");
    ANTQ_CHECK_ERROR(compile(with("99.pc", "30.pc.head"), g), NotFound, "unknown_unit", "'99.pc'");
    ANTQ_CHECK_ERROR(compile(with("296.pc", "30.pc.head"), g), InvalidInput, "bad_signer", "'296.pc.head'");
    try {
        compile(with("30.police", "30.pc.head"), g);
        FAIL("expected bad_signer");
    } catch (const InvalidInput& e) {
        CHECK(e.where() == "d.json:/signer");
    }
}
