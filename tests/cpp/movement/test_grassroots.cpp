#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/movement/grassroots.hpp>

#include "support.hpp"

using namespace antq;
using nlohmann::json;

namespace {

const std::string rule_path = std::string(ANTQ_TEST_DATA_DIR) + "/rules/team_sizing_hai_duong_2024.json";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Hải Dương's thresholds written out, independently of the rule file.
int expected_members(std::int64_t households) { return households < 800 ? 3 : households < 1000 ? 4 : 5; }

Unit village(std::string id, std::string name, std::optional<Value> households) {
    Unit u = test::territory(std::move(id), std::move(name), UnitKind::village);
    if (households) u.attributes.set("households", *households);
    return u;
}

// tiny_province() plus five villages sitting on the band boundaries: 10945 (district 296) holds 799 and 800,
// 10987 (296) holds 999 and 1000, 10501 (288) holds 0.
OrgGraph with_villages() {
    OrgGraph g = test::tiny_province();
    for (auto [id, name, commune, households] :
         {std::tuple{"10945-v1", "Thôn 1", "10945", 799}, {"10945-v2", "Thôn 2", "10945", 800},
          {"10987-v1", "Thôn Đông", "10987", 999}, {"10987-v2", "Thôn Tây", "10987", 1000},
          {"10501-v1", "Tổ dân phố 1", "10501", 0}}) {
        g.add_unit(village(id, name, Value(households)));
        g.add_tie(commune, id, TieKind::contains);
    }
    return g;
}

std::string rule_text(const std::function<void(json&)>& edit) {
    json doc = json::parse(default_team_sizing_rule_json());
    edit(doc);
    return doc.dump();
}

// (kind, other end) of every tie touching `u`, with the direction: "in" or "out".
std::multiset<std::tuple<std::string, std::string, std::string>> ties_of(const OrgGraph& g, UnitIndex u) {
    std::multiset<std::tuple<std::string, std::string, std::string>> out;
    for (TieIndex t : g.in_ties(u)) out.emplace("in", std::string(to_string(g.tie(t).kind)), g.unit(g.tie(t).source).id);
    for (TieIndex t : g.out_ties(u)) out.emplace("out", std::string(to_string(g.tie(t).kind)), g.unit(g.tie(t).target).id);
    return out;
}

}  // namespace

TEST_CASE("grassroots: the default team-sizing rule is Hải Dương's, last band assumed") {
    const TeamSizingRule rule = default_team_sizing_rule();
    CHECK(rule.id == "hai_duong_2024");
    CHECK(rule.in_force == "2024-07-01");
    REQUIRE(rule.bands.size() == 3);
    CHECK(rule.bands[0] == TeamSizeBand{0, 800, 3, ""});
    CHECK(rule.bands[1] == TeamSizeBand{800, 1000, 4, ""});
    CHECK(rule.bands[2].min_households == 1000);
    CHECK_FALSE(rule.bands[2].below_households);
    CHECK(rule.bands[2].members == 5);
    CHECK(rule.bands[2].assumed());
    CHECK_FALSE(rule.bands[0].assumed());
}

TEST_CASE("grassroots: the embedded default rule equals data/rules/team_sizing_hai_duong_2024.json") {
    const std::string file = read_text(rule_path);
    REQUIRE_FALSE(file.empty());
    CHECK(load_team_sizing_rule(rule_path) == default_team_sizing_rule());
    CHECK(parse_team_sizing_rule(file, "file") == default_team_sizing_rule());
    CHECK(json::parse(file) == json::parse(default_team_sizing_rule_json()));
    CHECK(file == std::string(default_team_sizing_rule_json()));
}

TEST_CASE("grassroots: members_for at the band boundaries") {
    const TeamSizingRule rule = default_team_sizing_rule();
    CHECK(members_for(rule, 0) == 3);
    CHECK(members_for(rule, 799) == 3);
    CHECK(members_for(rule, 800) == 4);
    CHECK(members_for(rule, 999) == 4);
    CHECK(members_for(rule, 1000) == 5);
    CHECK(members_for(rule, 1'000'000'000) == 5);
    CHECK_FALSE(band_for(rule, 999).assumed());
    CHECK(band_for(rule, 1000).assumed());
    ANTQ_CHECK_ERROR(members_for(rule, -1), InvalidInput, "bad_households", "-1");
}

TEST_CASE("grassroots: a user rule overrides a threshold") {
    const TeamSizingRule rule = parse_team_sizing_rule(rule_text([](json& d) {
        d["bands"][0]["below_households"] = 700;
        d["bands"][1]["min_households"] = 700;
    }));
    CHECK(members_for(rule, 699) == 3);
    CHECK(members_for(rule, 700) == 4);
    CHECK(members_for(rule, 799) == 4);
    // One band for everyone is a valid rule.
    const TeamSizingRule flat = parse_team_sizing_rule(
        R"({"format": "antq.team_sizing", "version": 1, "id": "flat", "title": "t", "source": "s",
            "in_force": "2024-02-29", "bands": [{"min_households": 0, "members": 4}]})");
    CHECK(members_for(flat, 0) == 4);
    CHECK(members_for(flat, 5000) == 4);
}

TEST_CASE("grassroots: team-sizing rule errors name the source and the JSON pointer") {
    struct Case {
        const char* what;
        std::function<void(json&)> edit;
        const char* tag;
        const char* where;
    };
    const std::vector<Case> cases{
        {"wrong format", [](json& d) { d["format"] = "antq.orggraph"; }, "bad_rule", "rule.json:/format"},
        {"format not a string", [](json& d) { d["format"] = 1; }, "wrong_type", "rule.json:/format"},
        {"version", [](json& d) { d["version"] = 2; }, "unsupported_version", "rule.json:/version"},
        {"version type", [](json& d) { d["version"] = "1"; }, "wrong_type", "rule.json:/version"},
        {"unknown top field", [](json& d) { d["note"] = "x"; }, "unknown_field", "rule.json:/note"},
        {"missing id", [](json& d) { d.erase("id"); }, "missing_field", "rule.json:/: required field 'id'"},
        {"empty title", [](json& d) { d["title"] = " "; }, "bad_rule", "rule.json:/title"},
        {"bad date", [](json& d) { d["in_force"] = "2024-02-30"; }, "bad_date", "rule.json:/in_force"},
        {"date format", [](json& d) { d["in_force"] = "01/07/2024"; }, "bad_date", "rule.json:/in_force"},
        {"bands not an array", [](json& d) { d["bands"] = json::object(); }, "wrong_type", "rule.json:/bands"},
        {"no band", [](json& d) { d["bands"] = json::array(); }, "bad_rule", "rule.json:/bands"},
        {"band not an object", [](json& d) { d["bands"][1] = 3; }, "wrong_type", "rule.json:/bands/1"},
        {"unknown band field", [](json& d) { d["bands"][0]["max"] = 3; }, "unknown_field", "rule.json:/bands/0/max"},
        {"missing members", [](json& d) { d["bands"][1].erase("members"); }, "missing_field",
         "rule.json:/bands/1: required field 'members'"},
        {"members a string", [](json& d) { d["bands"][0]["members"] = "3"; }, "wrong_type", "rule.json:/bands/0/members"},
        {"members a float", [](json& d) { d["bands"][0]["members"] = 3.0; }, "wrong_type", "rule.json:/bands/0/members"},
        {"members 0", [](json& d) { d["bands"][0]["members"] = 0; }, "bad_rule", "rule.json:/bands/0/members"},
        {"members 51", [](json& d) { d["bands"][2]["members"] = 51; }, "bad_rule", "rule.json:/bands/2/members"},
        {"first band not from 0", [](json& d) { d["bands"][0]["min_households"] = 1; }, "bad_rule",
         "rule.json:/bands/0/min_households"},
        {"gap", [](json& d) { d["bands"][1]["min_households"] = 801; }, "bad_rule", "rule.json:/bands/1/min_households"},
        {"overlap", [](json& d) { d["bands"][1]["min_households"] = 700; }, "bad_rule",
         "rule.json:/bands/1/min_households"},
        {"empty band", [](json& d) { d["bands"][1]["below_households"] = 800; }, "bad_rule",
         "rule.json:/bands/1/below_households"},
        {"closed last band", [](json& d) { d["bands"][2]["below_households"] = 5000; }, "bad_rule",
         "rule.json:/bands/2/below_households"},
        {"open band before the last", [](json& d) { d["bands"][0].erase("below_households"); }, "missing_field",
         "rule.json:/bands/0: required field 'below_households'"},
        {"negative threshold", [](json& d) { d["bands"][0]["below_households"] = -5; }, "bad_rule",
         "rule.json:/bands/0/below_households"},
        {"huge threshold", [](json& d) { d["bands"][0]["below_households"] = std::uint64_t{1} << 63; },
         "number_out_of_range", "rule.json:/bands/0/below_households"},
        {"empty assumption", [](json& d) { d["bands"][2]["assumption"] = ""; }, "bad_rule",
         "rule.json:/bands/2/assumption"},
        {"assumption not a string", [](json& d) { d["bands"][2]["assumption"] = true; }, "wrong_type",
         "rule.json:/bands/2/assumption"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        ANTQ_CHECK_ERROR(parse_team_sizing_rule(rule_text(c.edit), "rule.json"), InvalidInput, c.tag, c.where);
    }
    ANTQ_CHECK_ERROR(parse_team_sizing_rule("{\"format\": ", "rule.json"), InvalidInput, "malformed_json", "rule.json:line 1");
    ANTQ_CHECK_ERROR(parse_team_sizing_rule("[]", "rule.json"), InvalidInput, "wrong_type", "rule.json:/");
    ANTQ_CHECK_ERROR(parse_team_sizing_rule(std::string(100, '['), "rule.json"), InvalidInput, "too_deep", "rule.json");
}

TEST_CASE("grassroots: loading a team-sizing rule file") {
    const test::TempDir dir;
    const auto path = dir / "bad.json";
    std::ofstream(path) << rule_text([](json& d) { d["bands"][1]["members"] = 99; });
    ANTQ_CHECK_ERROR(load_team_sizing_rule(path), InvalidInput, "bad_rule", path.string() + ":/bands/1/members");
    ANTQ_CHECK_ERROR(load_team_sizing_rule(dir / "absent.json"), IoError, "cannot_read", "absent.json");
}

TEST_CASE("grassroots: a plan gives one team per village, sized at the band boundaries, with totals") {
    const OrgGraph g = with_villages();
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    REQUIRE(plan.villages.size() == 5);
    // Unit index order.
    const std::vector<std::tuple<std::string, std::string, std::string, std::int64_t, int, bool>> expected{
        {"10945-v1", "10945", "296", 799, 3, false}, {"10945-v2", "10945", "296", 800, 4, false},
        {"10987-v1", "10987", "296", 999, 4, false}, {"10987-v2", "10987", "296", 1000, 5, true},
        {"10501-v1", "10501", "288", 0, 3, false}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const VillageTeamPlan& v = plan.villages[i];
        const auto& [id, commune, district, households, members, assumed] = expected[i];
        CAPTURE(id);
        CHECK(v.village == id);
        CHECK(v.commune == commune);
        CHECK(v.district == district);
        CHECK(v.province == "30");
        CHECK(v.households == households);
        CHECK(v.members == members);
        CHECK(v.assumed == assumed);
        CHECK_FALSE(v.existing_team);
        CHECK_FALSE(v.existing_members);
        CHECK_FALSE(v.disagrees());
    }
    CHECK(plan.villages[1].village_name == "Thôn 2");
    CHECK(plan.missing().size() == 5);
    CHECK(plan.disagreements().empty());

    // Territories in unit index order: 296 before 288, 10945, 10987, 10501.
    REQUIRE(plan.communes.size() == 3);
    CHECK(plan.communes[0] == TeamTotals{"10945", "Kẻ Sặt", Level::commune, 2, 7, 0, 0});
    CHECK(plan.communes[1] == TeamTotals{"10987", "Nhân Quyền", Level::commune, 2, 9, 1, 5});
    CHECK(plan.communes[2] == TeamTotals{"10501", "Tân Bình", Level::commune, 1, 3, 0, 0});
    REQUIRE(plan.districts.size() == 2);
    CHECK(plan.districts[0] == TeamTotals{"296", "Bình Giang", Level::district, 4, 16, 1, 5});
    CHECK(plan.districts[1] == TeamTotals{"288", "Hải Dương city", Level::district, 1, 3, 0, 0});
    REQUIRE(plan.provinces.size() == 1);
    CHECK(plan.provinces[0] == TeamTotals{"30", "Hải Dương", Level::province, 5, 19, 1, 5});
    CHECK(plan.total.teams == 5);
    CHECK(plan.total.members == 19);
    CHECK(&plan.totals(Level::district) == &plan.districts);
    ANTQ_CHECK_ERROR(plan.totals(Level::village), InvalidInput, "bad_level", "village");
}

TEST_CASE("grassroots: a two-tier graph (province -> commune) plans without districts") {
    OrgGraph g;
    g.add_unit(test::territory("30", "Hải Dương", UnitKind::province));
    g.add_unit(test::territory("c1", "Xã Một", UnitKind::commune));
    g.add_tie("30", "c1", TieKind::contains);
    g.add_unit(village("c1-v1", "Thôn 1", Value(850)));
    g.add_tie("c1", "c1-v1", TieKind::contains);
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    REQUIRE(plan.villages.size() == 1);
    CHECK_FALSE(plan.villages[0].district);
    CHECK(plan.villages[0].province == "30");
    CHECK(plan.districts.empty());
    CHECK(plan.provinces.size() == 1);
    CHECK(plan.provinces[0].members == 4);
}

TEST_CASE("grassroots: a village without usable households is an error naming it, never skipped") {
    const TeamSizingRule rule = default_team_sizing_rule();
    {
        OrgGraph g = with_villages();
        g.erase_unit_attribute(g.index_of("10987-v1"), "households");
        ANTQ_CHECK_ERROR(plan_teams(g, rule), InvalidInput, "missing_households", "10987-v1");
    }
    for (const Value& bad : {Value("800"), Value(800.0), Value(true), Value(std::int64_t{-1}), Value(nullptr)}) {
        OrgGraph g = with_villages();
        g.set_unit_attribute(g.index_of("10945-v2"), "households", bad);
        ANTQ_CHECK_ERROR(plan_teams(g, rule), InvalidInput, "bad_households", "10945-v2");
    }
    {
        OrgGraph g = with_villages();
        g.add_unit(village("orphan", "Thôn lẻ", Value(10)));
        ANTQ_CHECK_ERROR(plan_teams(g, rule), InvalidInput, "no_commune", "orphan");
    }
    {
        OrgGraph g = with_villages();
        g.add_unit(test::body("t1", "Tổ 1", UnitKind::security_team, Level::village));
        g.add_unit(test::body("t2", "Tổ 2", UnitKind::security_team, Level::village));
        g.add_tie("t1", "10945-v1", TieKind::serves);
        g.add_tie("t2", "10945-v1", TieKind::serves);
        ANTQ_CHECK_ERROR(plan_teams(g, rule), InvalidInput, "several_teams", "10945-v1");
    }
}

TEST_CASE("grassroots: add_teams adds a team per village with exactly the ties of Law 30/2023") {
    OrgGraph g = with_villages();
    const std::size_t units = g.unit_count(), ties = g.tie_count();
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    CHECK(add_teams(g, plan) == 5);
    CHECK(g.unit_count() == units + 5);
    CHECK(g.tie_count() == ties + 25);
    g.validate();

    const std::map<std::string, std::tuple<std::string, std::string, int, bool>> expected{
        {"10945-v1", {"10945", "Thôn 1", 3, false}},      {"10945-v2", {"10945", "Thôn 2", 4, false}},
        {"10987-v1", {"10987", "Thôn Đông", 4, false}},  {"10987-v2", {"10987", "Thôn Tây", 5, true}},
        {"10501-v1", {"10501", "Tổ dân phố 1", 3, false}}};
    for (const auto& [vid, e] : expected) {
        const auto& [commune, name, members, assumed] = e;
        CAPTURE(vid);
        const UnitIndex t = g.index_of(vid + ".team");
        const Unit& team = g.unit(t);
        CHECK(team.kind == UnitKind::security_team);
        CHECK(team.level == Level::village);
        CHECK(team.name == "Tổ bảo vệ ANTT " + name);
        CHECK(*team.attributes.find("members") == Value(members));
        CHECK(*team.attributes.find("since") == Value("2024-07-01"));
        if (assumed) {
            CHECK(*team.attributes.find("members_assumed") == Value(true));
        } else {
            CHECK(team.attributes.find("members_assumed") == nullptr);
        }
        CHECK(team.attributes.size() == (assumed ? 3u : 2u));
        const std::multiset<std::tuple<std::string, std::string, std::string>> want{
            {"out", "serves", vid},
            {"in", "directs", commune + ".pc"},
            {"in", "forwards", commune + ".pc"},
            {"in", "guides", commune + ".police"},
            {"in", "inspects", commune + ".police"}};
        CHECK(ties_of(g, t) == want);
        CHECK(g.area(t) == g.find(vid));
    }

    // The plan made again agrees everywhere; applying it again changes nothing.
    const TeamPlan again = plan_teams(g, default_team_sizing_rule());
    CHECK(again.missing().empty());
    CHECK(again.disagreements().empty());
    CHECK(again.villages[3].existing_team == "10987-v2.team");
    CHECK(again.villages[3].existing_members == 5);
    const auto generation = g.generation();
    CHECK(add_teams(g, again) == 0);
    CHECK(g.generation() == generation);
}

TEST_CASE("grassroots: add_teams updates existing teams whose size differs from the rule") {
    OrgGraph g = with_villages();
    // 10945-v1 (799 -> 3) has a team of 4; 10987-v2 (1000 -> 5, assumed) a team of 5 without the flag;
    // 10945-v2 (800 -> 4) a team of 4 wrongly flagged as assumed; 10987-v1 (999 -> 4) a team without members.
    for (auto [vid, members, flagged] : {std::tuple{"10945-v1", 4, false}, {"10987-v2", 5, false},
                                         {"10945-v2", 4, true}, {"10987-v1", 0, false}}) {
        Unit team = test::body(std::string(vid) + ".t", "Tổ cũ", UnitKind::security_team, Level::village);
        if (members) team.attributes.set("members", Value(members));
        if (flagged) team.attributes.set("members_assumed", Value(true));
        team.attributes.set("note", Value("kept"));
        g.add_unit(team);
        g.add_tie(std::string(vid) + ".t", vid, TieKind::serves);
    }
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    CHECK(plan.villages[0].existing_team == "10945-v1.t");
    CHECK(plan.villages[0].existing_members == 4);
    CHECK(plan.villages[0].disagrees());
    CHECK(plan.villages[2].disagrees());  // no members attribute
    CHECK_FALSE(plan.villages[2].existing_members);
    REQUIRE(plan.disagreements().size() == 2);
    CHECK(plan.disagreements()[0]->village == "10945-v1");
    CHECK(plan.disagreements()[1]->village == "10987-v1");
    REQUIRE(plan.missing().size() == 1);
    CHECK(plan.missing()[0]->village == "10501-v1");

    const std::size_t units = g.unit_count();
    CHECK(add_teams(g, plan) == 1);
    CHECK(g.unit_count() == units + 1);
    CHECK(*g.unit("10945-v1.t").attributes.find("members") == Value(3));
    CHECK(*g.unit("10987-v1.t").attributes.find("members") == Value(4));
    CHECK(*g.unit("10987-v2.t").attributes.find("members_assumed") == Value(true));
    CHECK(g.unit("10945-v2.t").attributes.find("members_assumed") == nullptr);
    CHECK(*g.unit("10945-v1.t").attributes.find("note") == Value("kept"));
    CHECK_FALSE(g.contains("10945-v1.team"));
    CHECK(g.contains("10501-v1.team"));
    CHECK(plan_teams(g, default_team_sizing_rule()).disagreements().empty());
}

TEST_CASE("grassroots: add_teams is all or nothing") {
    const TeamSizingRule rule = default_team_sizing_rule();
    {
        // The last commune (in plan order) has no police: nothing is added anywhere.
        OrgGraph g = with_villages();
        const TeamPlan plan = plan_teams(g, rule);
        g.remove_unit(g.index_of("10501.police"));
        const OrgGraph before = g;
        const auto generation = g.generation();
        ANTQ_CHECK_ERROR(add_teams(g, plan), InvalidInput, "missing_commune_body", "10501");
        CHECK(g.same_content(before));
        CHECK(g.generation() == generation);
    }
    {
        OrgGraph g = with_villages();
        g.remove_unit(g.index_of("10987.pc"));
        const OrgGraph before = g;
        ANTQ_CHECK_ERROR(add_teams(g, plan_teams(g, rule)), InvalidInput, "missing_commune_body", "10987");
        CHECK(g.same_content(before));
    }
    {
        // An update planned before the failing addition is not applied either.
        OrgGraph g = with_villages();
        g.add_unit(test::body("old", "Tổ cũ", UnitKind::security_team, Level::village));
        g.add_tie("old", "10945-v1", TieKind::serves);
        g.set_unit_attribute(g.index_of("old"), "members", Value(9));
        g.add_unit(test::body("10501-v1.team", "Something else", UnitKind::agency, Level::commune));
        g.add_tie("10501-v1.team", "10501", TieKind::serves);
        const OrgGraph before = g;
        ANTQ_CHECK_ERROR(add_teams(g, plan_teams(g, rule)), InvalidInput, "duplicate_id", "10501-v1.team");
        CHECK(g.same_content(before));
        CHECK(*g.unit("old").attributes.find("members") == Value(9));
    }
    {
        // A plan naming a village the graph lacks.
        OrgGraph g = with_villages();
        TeamPlan plan = plan_teams(g, rule);
        plan.villages.back().village = "nowhere";
        const OrgGraph before = g;
        ANTQ_CHECK_ERROR(add_teams(g, plan), NotFound, "unknown_unit", "nowhere");
        CHECK(g.same_content(before));
        plan.villages.back().village = "10501";
        ANTQ_CHECK_ERROR(add_teams(g, plan), InvalidInput, "not_a_village", "10501");
        CHECK(g.same_content(before));
    }
}

TEST_CASE("grassroots: the plan for hai_duong_2024 matches a hand computation from households") {
    const OrgGraph g = datasets::hai_duong_2024();
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());

    // Independent computation: villages' households, thresholds written out, territories by containment.
    std::map<std::string, std::pair<std::size_t, std::int64_t>> by_commune, by_district, by_province;
    std::map<int, int> by_size;
    std::size_t villages = 0;
    for (UnitIndex u : g.units()) {
        if (g.unit(u).kind != UnitKind::village) continue;
        ++villages;
        const int m = expected_members(g.unit(u).attributes.find("households")->as_integer());
        ++by_size[m];
        const UnitIndex commune = *g.parent(u);
        const UnitIndex district = *g.parent(commune);
        const UnitIndex province = *g.parent(district);
        for (auto [totals, t] : {std::pair{&by_commune, commune}, {&by_district, district}, {&by_province, province}}) {
            auto& [teams, members] = (*totals)[g.unit(t).id];
            ++teams;
            members += m;
        }
    }
    CHECK(villages == 1176);
    CHECK(plan.villages.size() == villages);
    CHECK(by_size == std::map<int, int>{{3, 959}, {4, 181}, {5, 36}});  // data/README.md

    auto as_map = [](const std::vector<TeamTotals>& totals) {
        std::map<std::string, std::pair<std::size_t, std::int64_t>> out;
        for (const auto& t : totals) out[t.territory] = {t.teams, t.members};
        return out;
    };
    CHECK(as_map(plan.communes) == by_commune);
    CHECK(as_map(plan.districts) == by_district);
    CHECK(as_map(plan.provinces) == by_province);
    CHECK(plan.communes.size() == 235);
    CHECK(plan.districts.size() == 12);
    REQUIRE(plan.provinces.size() == 1);
    CHECK(plan.provinces[0].teams == 1176);
    CHECK(plan.provinces[0].members == 959 * 3 + 181 * 4 + 36 * 5);
    CHECK(plan.provinces[0].assumed_teams == 36);
    CHECK(plan.total == TeamTotals{"", "", Level::nation, 1176, 959 * 3 + 181 * 4 + 36 * 5, 36, 36 * 5});
    for (std::size_t i = 1; i < plan.villages.size(); ++i)
        CHECK(g.index_of(plan.villages[i - 1].village) < g.index_of(plan.villages[i].village));
}

TEST_CASE("grassroots: every security team of hai_duong_2024 has the size the rule gives") {
    const OrgGraph g = datasets::hai_duong_2024();
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    CHECK(plan.missing().empty());
    for (const VillageTeamPlan* v : plan.disagreements())
        FAIL_CHECK("team ", *v->existing_team, " has ", v->existing_members.value_or(-1), " members; the rule gives ",
                   v->members, " for ", v->households, " households");
    for (const VillageTeamPlan& v : plan.villages) {
        REQUIRE(v.existing_team);
        CHECK(*v.existing_team == v.village + ".team");
        const Value* flag = g.unit(*v.existing_team).attributes.find("members_assumed");
        CHECK_MESSAGE((flag != nullptr && *flag == Value(true)) == v.assumed, *v.existing_team);
    }
    // Already in line with the rule: nothing to add or update.
    OrgGraph copy = g;
    const auto generation = copy.generation();
    CHECK(add_teams(copy, plan) == 0);
    CHECK(copy.generation() == generation);
}

TEST_CASE("grassroots: teams rebuilt by add_teams have the dataset's ties and sizes") {
    const OrgGraph original = datasets::hai_duong_2024();
    OrgGraph g = original;
    for (UnitIndex u : g.units())
        if (g.unit(u).kind == UnitKind::security_team) g.remove_unit(u);
    const TeamPlan plan = plan_teams(g, default_team_sizing_rule());
    CHECK(plan.missing().size() == 1176);
    CHECK(add_teams(g, plan) == 1176);
    g.validate();
    CHECK(g.tie_count() == original.tie_count());
    for (UnitIndex u : original.units()) {
        const Unit& old_team = original.unit(u);
        if (old_team.kind != UnitKind::security_team) continue;
        const UnitIndex t = g.index_of(old_team.id);
        CHECK_MESSAGE(ties_of(g, t) == ties_of(original, u), old_team.id);
        for (const char* key : {"members", "since", "members_assumed"}) {
            const Value* a = g.unit(t).attributes.find(key);
            const Value* b = old_team.attributes.find(key);
            CHECK_MESSAGE(((a == nullptr && b == nullptr) || (a && b && *a == *b)), old_team.id, " ", key);
        }
    }
}
