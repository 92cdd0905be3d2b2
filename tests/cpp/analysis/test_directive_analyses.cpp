// The analyses over a compiled directive — reach, load, coordination, accountability, oversight — on small
// hand-built graphs with known answers, and reach on the embedded directive and graph.

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <set>
#include <string>
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

std::optional<std::string> id_or_none(const OrgGraph& g, const std::optional<UnitIndex>& u) {
    return u ? std::optional<std::string>(g.unit(*u).id) : std::nullopt;
}

Selector pcs() { return Selector::kind(UnitKind::peoples_committee); }
Selector at(Level l) { return Selector::level(l); }
Selector id(const char* s) { return Selector::id(s); }

// The tiny province with the text forwarded down the People's Committees, and from 30.pc and 296.pc to their police.
OrgGraph forwarding_graph() {
    OrgGraph g = test::tiny_province();
    for (auto [from, to] : {std::pair{"30.pc", "296.pc"}, {"30.pc", "288.pc"}, {"296.pc", "10945.pc"},
                            {"296.pc", "10987.pc"}, {"288.pc", "10501.pc"}, {"30.pc", "30.police"},
                            {"296.pc", "296.police"}})
        g.add_tie(from, to, TieKind::forwards);
    return g;
}

Directive reach_directive() {
    return directive({task("1", {assign(Role::lead, pcs()),
                                 assign(Role::coordinate, Selector::kind(UnitKind::police) & at(Level::district))}),
                      task("closing", {assign(Role::monitor, id("30.police"), pcs() & at(Level::district))})});
}

std::optional<TieIndex> tie_between(const OrgGraph& g, const char* from, const char* to, TieKind kind) {
    for (TieIndex t : g.out_ties(g.index_of(from), kind))
        if (g.tie(t).target == g.index_of(to)) return t;
    return std::nullopt;
}

}  // namespace

// --- reach ---------------------------------------------------------------------------------------------------

TEST_CASE("reach: recipients, bound units, the unreached and the forwarding paths") {
    const OrgGraph g = forwarding_graph();
    const Responsibilities r = compile(reach_directive(), g);
    const ReachResult res = reach(r, g);
    CHECK(ids(g, res.recipients) == std::vector<std::string>{"30.pc"});
    CHECK(ids(g, res.bound) == std::vector<std::string>{"30.pc", "30.police", "296.pc", "296.police", "288.pc",
                                                        "288.police", "10945.pc", "10987.pc", "10501.pc"});
    // 288.police is bound (coordinates) but nobody forwards to it.
    CHECK(ids(g, res.unreached) == std::vector<std::string>{"288.police"});
    CHECK(res.reached(g.index_of("30.pc")));
    CHECK(res.reached(g.index_of("10501.pc")));
    CHECK_FALSE(res.reached(g.index_of("288.police")));
    CHECK_FALSE(res.reached(g.index_of("30.pc.head")));
    CHECK_FALSE(res.reached(UnitIndex{100000}));

    CHECK(ids(g, res.path_to(g.index_of("10987.pc"))) == std::vector<std::string>{"30.pc", "296.pc", "10987.pc"});
    CHECK(ids(g, res.path_to(g.index_of("10501.pc"))) == std::vector<std::string>{"30.pc", "288.pc", "10501.pc"});
    CHECK(ids(g, res.path_to(g.index_of("296.police"))) == std::vector<std::string>{"30.pc", "296.pc", "296.police"});
    CHECK(ids(g, res.path_to(g.index_of("30.pc"))) == std::vector<std::string>{"30.pc"});
    CHECK(res.path_to(g.index_of("288.police")).empty());
    CHECK(res.received_from.at(g.index_of("10945.pc").value) == g.index_of("296.pc"));
    CHECK(res.received_from.at(g.index_of("30.pc").value) == UnitIndex{});
    CHECK(res.received_from.at(g.index_of("288.police").value) == UnitIndex{});
}

TEST_CASE("reach: the shortest forwarding path is reported, and several recipients start the search") {
    OrgGraph g = forwarding_graph();
    // A longer way to 10987.pc, added first from the same source, and a second recipient below.
    g.add_tie("30.police", "296.police", TieKind::forwards);
    g.add_tie("296.police", "10987.police", TieKind::forwards);
    g.add_tie("10987.police", "10987.pc", TieKind::forwards);
    const Directive d = directive({task("1", {assign(Role::lead, pcs()), assign(Role::coordinate, id("288.police"))})},
                                  {{"UBND tỉnh", id("30.pc"), ""}, {"Công an huyện", id("288.police"), ""}});
    const Responsibilities r = compile(d, g);
    const ReachResult res = reach(r, g);
    CHECK(res.unreached.empty());
    CHECK(ids(g, res.path_to(g.index_of("10987.pc"))) == std::vector<std::string>{"30.pc", "296.pc", "10987.pc"});
    CHECK(ids(g, res.path_to(g.index_of("288.police"))) == std::vector<std::string>{"288.police"});
    CHECK(ids(g, res.path_to(g.index_of("10987.police"))) ==
          std::vector<std::string>{"30.pc", "296.pc", "296.police", "10987.police"});
}

TEST_CASE("reach: removing one forwarding tie leaves exactly the units below it unreached") {
    OrgGraph g = forwarding_graph();
    const auto cut = tie_between(g, "30.pc", "296.pc", TieKind::forwards);
    REQUIRE(cut.has_value());
    g.remove_tie(*cut);
    const Responsibilities r = compile(reach_directive(), g);
    const ReachResult res = reach(r, g);
    CHECK(ids(g, res.unreached) ==
          std::vector<std::string>{"296.pc", "296.police", "288.police", "10945.pc", "10987.pc"});
    CHECK(res.path_to(g.index_of("10987.pc")).empty());
    CHECK(ids(g, res.path_to(g.index_of("10501.pc"))) == std::vector<std::string>{"30.pc", "288.pc", "10501.pc"});
}

TEST_CASE("reach: a stale table is refused") {
    OrgGraph g = forwarding_graph();
    const Responsibilities r = compile(reach_directive(), g);
    g.add_tie("288.pc", "288.police", TieKind::forwards);
    ANTQ_CHECK_ERROR(reach(r, g), StaleView, "stale_result", "");
    CHECK_NOTHROW(reach(compile(reach_directive(), g), g));
}

// --- load ----------------------------------------------------------------------------------------------------

TEST_CASE("load: role counts per unit and per level, and the most loaded units") {
    const OrgGraph g = test::tiny_province();
    const Directive d = directive(
        {task("1", {assign(Role::lead, pcs() & Selector::levels({Level::province, Level::district})),
                    assign(Role::coordinate, Selector::kind(UnitKind::police) & at(Level::district))}),
         task("2", {assign(Role::lead, id("296.pc")), assign(Role::advise, id("30.police"), id("30.pc.head")),
                    assign(Role::monitor, id("30.police"), pcs() & at(Level::district)),
                    assign(Role::inform, id("296.police"))}),
         task("3", {assign(Role::lead, id("288.police")), assign(Role::monitor, id("288.police"), id("10501.pc"))})});
    const Responsibilities r = compile(d, g);
    const LoadResult res = load(r, g);
    auto roles_of = [&](const char* unit) -> RoleCounts {
        for (const auto& e : res.units)
            if (g.unit(e.unit).id == unit) return e.roles;
        FAIL("no load entry for ", unit);
        return {};
    };
    // lead, coordinate, advise, monitor, inform
    CHECK(ids(g, [&] {
              std::vector<UnitIndex> us;
              for (const auto& e : res.units) us.push_back(e.unit);
              return us;
          }()) == std::vector<std::string>{"30.pc", "30.police", "296.pc", "296.police", "288.pc", "288.police"});
    CHECK(roles_of("30.pc") == RoleCounts{1, 0, 0, 0, 3});  // the recipient: informed of each of the 3 tasks
    CHECK(roles_of("30.police") == RoleCounts{0, 0, 1, 1, 0});
    CHECK(roles_of("296.pc") == RoleCounts{2, 0, 0, 0, 0});
    CHECK(roles_of("296.police") == RoleCounts{0, 1, 0, 0, 1});
    CHECK(roles_of("288.pc") == RoleCounts{1, 0, 0, 0, 0});
    CHECK(roles_of("288.police") == RoleCounts{1, 1, 0, 1, 0});

    CHECK(res.by_level[static_cast<std::size_t>(Level::province)] == RoleCounts{1, 0, 1, 1, 3});
    CHECK(res.by_level[static_cast<std::size_t>(Level::district)] == RoleCounts{4, 2, 0, 1, 1});
    CHECK(res.by_level[static_cast<std::size_t>(Level::commune)] == RoleCounts{0, 0, 0, 0, 0});
    CHECK(res.by_level[static_cast<std::size_t>(Level::nation)] == RoleCounts{0, 0, 0, 0, 0});

    // weight = lead + coordinate + monitor; advise and inform do not count; ties broken by index.
    const auto top = res.most_loaded(4);
    std::vector<UnitIndex> top_units;
    std::vector<std::uint32_t> weights;
    for (const auto& e : top) {
        top_units.push_back(e.unit);
        weights.push_back(e.weight());
    }
    CHECK(ids(g, top_units) == std::vector<std::string>{"288.police", "296.pc", "30.pc", "30.police"});
    CHECK(weights == std::vector<std::uint32_t>{3, 2, 1, 1});
    CHECK(res.most_loaded(100).size() == 6);
    CHECK(ids(g, {res.most_loaded(100).back().unit}) == std::vector<std::string>{"288.pc"});
    CHECK(res.most_loaded(0).empty());
}

TEST_CASE("load: a stale table is refused") {
    OrgGraph g = test::tiny_province();
    const Responsibilities r = compile(directive({task("1", {assign(Role::lead, pcs())})}), g);
    CHECK(load(r, g).units.size() == 6);
    g.rename_unit(g.index_of("296"), "Bình Giang (huyện)");
    ANTQ_CHECK_ERROR(load(r, g), StaleView, "stale_result", "");
}

// --- coordination --------------------------------------------------------------------------------------------

namespace {

OrgGraph coordination_graph() {
    OrgGraph g = test::tiny_province();
    g.add_unit(body("288.front", "UBMTTQ thành phố", UnitKind::front_committee, Level::district));
    g.add_tie("288.front", "288", TieKind::serves);
    // A tie from partner to lead, of another kind than the existing 296.pc -> 296.police directs.
    g.add_tie("296.police", "296.pc", TieKind::coordinates);
    return g;
}

}  // namespace

TEST_CASE("coordination: leads paired with coordinators of their territory, with the ties between them") {
    const OrgGraph g = coordination_graph();
    const Directive d = directive(
        {task("1", {assign(Role::lead, pcs() & at(Level::district)),
                    assign(Role::coordinate, (Selector::kind(UnitKind::police) & at(Level::district)) | id("288.front"))}),
         task("2", {assign(Role::lead, id("296.pc")), assign(Role::coordinate, Selector::ids({"296.police", "296.pc"}))}),
         task("3", {assign(Role::lead, id("10945.pc")), assign(Role::coordinate, id("10987.police"))})});
    const Responsibilities r = compile(d, g);
    const CoordinationResult res = coordination(r, g);
    REQUIRE(res.pairs.size() == 3);
    // Ordered by (lead, partner) index; no pair across territories (296.pc with 288.police, 10945.pc with
    // 10987.police) and no unit paired with itself.
    CHECK(g.unit(res.pairs[0].lead).id == "296.pc");
    CHECK(g.unit(res.pairs[0].partner).id == "296.police");
    CHECK(res.pairs[0].tasks == std::vector<std::uint32_t>{0, 1});
    CHECK(res.pairs[0].ties == std::vector<TieKind>{TieKind::directs, TieKind::coordinates});
    CHECK_FALSE(res.pairs[0].is_gap());

    CHECK(g.unit(res.pairs[1].lead).id == "288.pc");
    CHECK(g.unit(res.pairs[1].partner).id == "288.police");
    CHECK(res.pairs[1].tasks == std::vector<std::uint32_t>{0});
    CHECK(res.pairs[1].ties == std::vector<TieKind>{TieKind::directs});

    CHECK(g.unit(res.pairs[2].lead).id == "288.pc");
    CHECK(g.unit(res.pairs[2].partner).id == "288.front");
    CHECK(res.pairs[2].ties.empty());
    CHECK(res.pairs[2].is_gap());

    const auto gaps = res.gaps();
    REQUIRE(gaps.size() == 1);
    CHECK(g.unit(gaps[0].partner).id == "288.front");
}

TEST_CASE("coordination: a tie in either direction closes the gap, a stale table is refused") {
    OrgGraph g = coordination_graph();
    const Directive d = directive({task("1", {assign(Role::lead, id("288.pc")), assign(Role::coordinate, id("288.front"))})});
    CHECK(coordination(compile(d, g), g).gaps().size() == 1);
    g.add_tie("288.front", "288.pc", TieKind::guides);  // partner -> lead
    auto res = coordination(compile(d, g), g);
    REQUIRE(res.pairs.size() == 1);
    CHECK(res.pairs[0].ties == std::vector<TieKind>{TieKind::guides});
    CHECK(res.gaps().empty());
    const Responsibilities r = compile(d, g);
    g.add_tie("288.pc", "288.front", TieKind::forwards);  // lead -> partner
    ANTQ_CHECK_ERROR(coordination(r, g), StaleView, "stale_result", "");
    res = coordination(compile(d, g), g);
    CHECK(res.pairs[0].ties == std::vector<TieKind>{TieKind::guides, TieKind::forwards});
}

// --- accountability ------------------------------------------------------------------------------------------

namespace {

OrgGraph accountability_graph() {
    OrgGraph g = test::tiny_province();
    g.add_unit(body("296.pc.head", "Chủ tịch UBND huyện Bình Giang", UnitKind::post, Level::district));
    g.add_tie("296.pc.head", "296.pc", TieKind::heads);
    g.add_unit(body("10987.police.head", "Trưởng Công an xã", UnitKind::post, Level::commune));
    g.add_tie("10987.police.head", "10987.police", TieKind::heads);
    g.add_unit(body("30.dept", "Sở Tư pháp", UnitKind::department, Level::province));
    g.add_tie("30.dept", "30", TieKind::serves);
    return g;
}

bool is_directs_chain(const OrgGraph& g, const std::vector<UnitIndex>& chain) {
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        const auto ps = g.parents(chain[i], TieKind::directs);
        if (std::find(ps.begin(), ps.end(), chain[i + 1]) == ps.end()) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("accountability: a shortest chain of directs superiors to the top and the heads along it") {
    const OrgGraph g = accountability_graph();
    const UnitIndex top = g.index_of("30.pc");
    const UnitAccountability a = accountability(g, g.index_of("10987.police"), top);
    CHECK(g.unit(a.unit).id == "10987.police");
    CHECK(id_or_none(g, a.head) == std::optional<std::string>("10987.police.head"));
    REQUIRE(a.reaches_top());
    // Dual subordination: three routes of four units (via 10987.pc, or via 296.police and 296.pc or 30.police).
    CHECK(a.chain.size() == 4);
    CHECK(a.chain.front() == g.index_of("10987.police"));
    CHECK(a.chain.back() == top);
    CHECK(is_directs_chain(g, a.chain));
    REQUIRE(a.chain_heads.size() == a.chain.size());
    for (std::size_t i = 0; i < a.chain.size(); ++i) CHECK(a.chain_heads[i] == g.head(a.chain[i]));
    CHECK(id_or_none(g, a.chain_heads.front()) == std::optional<std::string>("10987.police.head"));
    CHECK(id_or_none(g, a.chain_heads.back()) == std::optional<std::string>("30.pc.head"));

    // The top itself.
    const UnitAccountability self = accountability(g, top, top);
    CHECK(ids(g, self.chain) == std::vector<std::string>{"30.pc"});
    REQUIRE(self.chain_heads.size() == 1);
    CHECK(id_or_none(g, self.chain_heads[0]) == std::optional<std::string>("30.pc.head"));

    // A district body: one step.
    const UnitAccountability district = accountability(g, g.index_of("296.pc"), top);
    CHECK(ids(g, district.chain) == std::vector<std::string>{"296.pc", "30.pc"});
    CHECK(id_or_none(g, district.chain_heads[0]) == std::optional<std::string>("296.pc.head"));
}

TEST_CASE("accountability: a shortcut superior gives the shorter chain, whatever the tie order") {
    OrgGraph g = accountability_graph();
    // The province directs the commune People's Committee directly; this tie comes after 296.pc -> 10987.pc.
    g.add_tie("30.pc", "10987.pc", TieKind::directs);
    const UnitAccountability a = accountability(g, g.index_of("10987.police"), g.index_of("30.pc"));
    CHECK(ids(g, a.chain) == std::vector<std::string>{"10987.police", "10987.pc", "30.pc"});
    REQUIRE(a.chain_heads.size() == 3);
    CHECK(id_or_none(g, a.chain_heads[0]) == std::optional<std::string>("10987.police.head"));
    CHECK_FALSE(a.chain_heads[1].has_value());
    CHECK(id_or_none(g, a.chain_heads[2]) == std::optional<std::string>("30.pc.head"));

    // Towards another top along the police line only.
    const UnitAccountability police = accountability(g, g.index_of("10945.police"), g.index_of("30.police"));
    CHECK(ids(g, police.chain) == std::vector<std::string>{"10945.police", "296.police", "30.police"});
}

TEST_CASE("accountability: no directs path gives an empty chain, posts are not bodies, unknown units are NotFound") {
    const OrgGraph g = accountability_graph();
    const UnitIndex top = g.index_of("30.pc");
    const UnitAccountability dept = accountability(g, g.index_of("30.dept"), top);
    CHECK_FALSE(dept.reaches_top());
    CHECK(dept.chain.empty());
    CHECK(dept.chain_heads.empty());
    CHECK_FALSE(dept.head.has_value());
    // Upwards only: the top's superior-less peers and units above the top are not reachable.
    CHECK(accountability(g, g.index_of("30.police"), g.index_of("296.pc")).chain.empty());
    // A post answers through the body it heads: asking about the post is an error that names that body.
    ANTQ_CHECK_ERROR(accountability(g, g.index_of("30.pc.head"), top), InvalidInput, "not_a_body", "'30.pc'");
    ANTQ_CHECK_ERROR(accountability(g, g.index_of("30.pc"), UnitIndex{9999}), NotFound, "unknown_unit", "");
    ANTQ_CHECK_ERROR(accountability(g, UnitIndex{9999}, top), NotFound, "unknown_unit", "");
}

TEST_CASE("accountability: task accountability lists the leads and their heads per level") {
    OrgGraph g = accountability_graph();
    const Directive d = directive({task("1", {assign(Role::lead, pcs()), assign(Role::coordinate, id("30.police"))}),
                                   task("2", {assign(Role::lead, id("10987.police"))})});
    const Responsibilities r = compile(d, g);
    const TaskAccountability t = accountability(r, g, 0);
    CHECK(t.task == 0);
    using Pair = std::pair<std::string, std::optional<std::string>>;
    auto level = [&](Level l) {
        std::vector<Pair> out;
        for (const auto& [u, h] : t.by_level[static_cast<std::size_t>(l)]) out.emplace_back(g.unit(u).id, id_or_none(g, h));
        return out;
    };
    CHECK(level(Level::nation).empty());
    CHECK(level(Level::province) == std::vector<Pair>{{"30.pc", "30.pc.head"}});
    CHECK(level(Level::district) == std::vector<Pair>{{"296.pc", "296.pc.head"}, {"288.pc", std::nullopt}});
    CHECK(level(Level::commune) ==
          std::vector<Pair>{{"10945.pc", std::nullopt}, {"10987.pc", std::nullopt}, {"10501.pc", std::nullopt}});
    CHECK(level(Level::village).empty());

    const TaskAccountability t2 = accountability(r, g, 1);
    REQUIRE(t2.by_level[static_cast<std::size_t>(Level::commune)].size() == 1);
    CHECK(t2.by_level[static_cast<std::size_t>(Level::commune)][0].second == g.index_of("10987.police.head"));

    g.add_tie("30.pc", "10987.pc", TieKind::directs);
    ANTQ_CHECK_ERROR(accountability(r, g, 0), StaleView, "stale_result", "");
}

// --- oversight -----------------------------------------------------------------------------------------------

TEST_CASE("oversight: what each monitor watches, and the bound units nobody watches") {
    const OrgGraph g = test::tiny_province();
    const Directive d = directive(
        {task("1", {assign(Role::lead, Selector::ids({"296.pc", "288.pc", "10987.pc"})),
                    assign(Role::coordinate, Selector::kind(UnitKind::police) & at(Level::district)),
                    assign(Role::advise, id("10945.pc"), id("30.pc.head"))}),
         task("2", {assign(Role::monitor, id("30.police"), Selector::ids({"296.pc", "288.pc"})),
                    assign(Role::monitor, id("288.police"), id("10945.pc"))}),
         task("3", {assign(Role::monitor, id("30.police"), id("296.police"))})});
    const Responsibilities r = compile(d, g);
    const OversightResult res = oversight(r, g);
    REQUIRE(res.monitors.size() == 2);
    CHECK(g.unit(res.monitors[0].unit).id == "30.police");
    CHECK(ids(g, res.monitors[0].watches) == std::vector<std::string>{"296.pc", "296.police", "288.pc"});
    CHECK(g.unit(res.monitors[1].unit).id == "288.police");
    CHECK(ids(g, res.monitors[1].watches) == std::vector<std::string>{"10945.pc"});
    // 288.police coordinates and nobody watches it, but it is a monitor itself; 30.police is a monitor too.
    CHECK(ids(g, res.unmonitored) == std::vector<std::string>{"10987.pc"});
}

TEST_CASE("oversight: a directive without monitors leaves every bound unit unmonitored, stale tables are refused") {
    OrgGraph g = test::tiny_province();
    const Directive d = directive({task("1", {assign(Role::lead, pcs() & at(Level::district)),
                                              assign(Role::inform, id("30.police"))})});
    const Responsibilities r = compile(d, g);
    const OversightResult res = oversight(r, g);
    CHECK(res.monitors.empty());
    CHECK(ids(g, res.unmonitored) == std::vector<std::string>{"296.pc", "288.pc"});  // inform is not bound
    g.remove_unit(g.index_of("10501.police"));
    ANTQ_CHECK_ERROR(oversight(r, g), StaleView, "stale_result", "");
}

// A monitor given two monitor assignments in one task watches the targets of both.
TEST_CASE("oversight: a monitor watches the targets of all its monitor assignments in one task") {
    const OrgGraph g = test::tiny_province();
    const Directive d = directive(
        {task("1", {assign(Role::lead, pcs() & at(Level::district)), assign(Role::lead, id("30.pc"))}),
         task("closing", {assign(Role::monitor, id("30.police"), id("30.pc")),
                          assign(Role::monitor, id("30.police"), pcs() & at(Level::district))})});
    const Responsibilities r = compile(d, g);
    const OversightResult res = oversight(r, g);
    REQUIRE(res.monitors.size() == 1);
    CHECK(ids(g, res.monitors[0].watches) == std::vector<std::string>{"30.pc", "296.pc", "288.pc"});
    CHECK(res.unmonitored.empty());
}

// --- the embedded directive on the embedded graph ------------------------------------------------------------

namespace {

const OrgGraph& hai_duong() {
    static const OrgGraph g = datasets::hai_duong_2024();
    return g;
}

// Bound units that no forwarding path from a recipient reaches, computed here independently.
std::set<UnitIndex> unreached_by_hand(const OrgGraph& g, const Responsibilities& r) {
    std::vector<bool> seen(g.unit_capacity(), false);
    std::deque<UnitIndex> queue;
    for (UnitIndex u : r.recipients()) {
        seen[u.value] = true;
        queue.push_back(u);
    }
    while (!queue.empty()) {
        const UnitIndex u = queue.front();
        queue.pop_front();
        for (TieIndex t : g.out_ties(u, TieKind::forwards)) {
            const UnitIndex v = g.tie(t).target;
            if (!seen[v.value]) {
                seen[v.value] = true;
                queue.push_back(v);
            }
        }
    }
    std::set<UnitIndex> out;
    for (UnitIndex b : r.bound_units())
        if (!seen[b.value]) out.insert(b);
    return out;
}

}  // namespace

TEST_CASE("reach: the 2024 directive reaches every bound unit of the embedded graph") {
    const OrgGraph& g = hai_duong();
    const Responsibilities r = compile(datasets::directive_2024(), g);
    const ReachResult res = reach(r, g);
    CHECK(res.unreached.empty());
    CHECK(res.bound == r.bound_units());
    CHECK(res.recipients == r.recipients());
    for (UnitIndex b : res.bound) {
        const auto path = res.path_to(b);
        REQUIRE_FALSE(path.empty());
        CHECK(std::binary_search(res.recipients.begin(), res.recipients.end(), path.front()));
        CHECK(path.back() == b);
    }
    // Commune People's Committees are reached through their district People's Committee.
    CHECK(ids(g, res.path_to(g.index_of("10987.pc"))) == std::vector<std::string>{"296.pc", "10987.pc"});
    CHECK(ids(g, res.path_to(g.index_of("296.police"))).size() == 2);
}

TEST_CASE("reach: without 296.pc's forwarding ties, exactly the units only it reached are unreached") {
    OrgGraph g = hai_duong();  // a copy: this test changes it
    const UnitIndex bg_pc = g.index_of("296.pc");
    const auto forwards = g.out_ties(bg_pc, TieKind::forwards);
    REQUIRE(forwards.size() == 44);
    std::set<UnitIndex> forwarded_to;
    for (TieIndex t : forwards) forwarded_to.insert(g.tie(t).target);
    for (TieIndex t : forwards) g.remove_tie(t);

    const Responsibilities r = compile(datasets::directive_2024(), g);
    const ReachResult res = reach(r, g);
    const std::set<UnitIndex> unreached(res.unreached.begin(), res.unreached.end());
    CHECK(unreached.size() == res.unreached.size());
    CHECK(unreached == unreached_by_hand(g, r));

    // All 16 commune People's Committees of Bình Giang are among them.
    const auto bg_commune_pcs =
        (Selector::kind(UnitKind::peoples_committee) & Selector::level(Level::commune) & Selector::within("296")).select(g);
    CHECK(bg_commune_pcs.size() == 16);
    for (UnitIndex pc : bg_commune_pcs) CHECK_MESSAGE(unreached.count(pc) == 1, g.unit(pc).id);
    // Everything unreached lies in Bình Giang; nothing outside it is.
    const auto in_bg = Selector::within("296").mask(g);
    for (UnitIndex u : res.unreached) CHECK_MESSAGE(in_bg[u.value], g.unit(u).id);
    // Units 296.pc forwarded to that have another forwarder (296.police from 30.police, ...) stay reached.
    for (const char* still : {"296.police", "296.sc138", "296.front", "296.mo.women"})
        CHECK_MESSAGE(res.reached(g.index_of(still)), still);
    // 296.pc itself is a recipient.
    CHECK(res.reached(bg_pc));
    // Each unreached unit got the text from 296.pc before, directly or through units only it reached.
    for (UnitIndex u : res.unreached) {
        const bool direct = forwarded_to.count(u) == 1;
        bool via_unreached = false;
        for (UnitIndex p : g.parents(u, TieKind::forwards)) via_unreached = via_unreached || unreached.count(p) == 1;
        CHECK_MESSAGE((direct || via_unreached || g.parents(u, TieKind::forwards).empty()), g.unit(u).id);
    }
}

TEST_CASE("analyses: the 2024 directive's load, oversight and accountability on the embedded graph") {
    const OrgGraph& g = hai_duong();
    const Responsibilities r = compile(datasets::directive_2024(), g);
    const OversightResult o = oversight(r, g);
    // The closing clause's provincial police, clause 6's steering committees 138 of every level, and clause 4's Party
    // committees, People's Committees and steering committees 138 of every level, who attend the Ngày hội.
    REQUIRE(o.monitors.size() == 1 + 3 * (1 + 12 + 235));
    const auto police = std::find_if(o.monitors.begin(), o.monitors.end(),
                                     [&](const auto& m) { return g.unit(m.unit).id == "30.police"; });
    REQUIRE(police != o.monitors.end());
    CHECK(police->watches == r.targets(r.task_index("closing"), 0));
    // No bound unit is both watched by no one and a monitor of no one: the issuer and the Party committees, which no
    // one watches, monitor the grassroots at the Ngày hội (clause 4).
    CHECK(o.unmonitored.empty());
    const UnitAccountability a = accountability(g, g.index_of("10987.police"), g.index_of("30.pc"));
    CHECK(a.chain.size() == 4);
    CHECK(g.unit(a.chain.back()).id == "30.pc");
    CHECK(g.unit(*a.chain_heads.back()).id == "30.pc.head");
    const LoadResult l = load(r, g);
    std::uint32_t total = 0;
    for (const auto& level : l.by_level)
        for (auto n : level) total += n;
    CHECK(total == r.rows().size());
    // Clause 6's commune committees 138; clause 4's commune Party committees, People's Committees and committees 138.
    CHECK(l.by_level[static_cast<std::size_t>(Level::commune)][static_cast<std::size_t>(Role::monitor)] == 235 + 3 * 235);
}

// --- on the frozen view ----------------------------------------------------------------------------------------

namespace {

// Kinds of the ties joining `a` and `b` either way, from the mutable graph's tie lists: the reference for coordination.
std::vector<TieKind> ties_by_hand(const OrgGraph& g, UnitIndex a, UnitIndex b) {
    std::set<TieKind> kinds;
    for (TieIndex t : g.out_ties(a))
        if (g.tie(t).target == b) kinds.insert(g.tie(t).kind);
    for (TieIndex t : g.in_ties(a))
        if (g.tie(t).source == b) kinds.insert(g.tie(t).kind);
    return {kinds.begin(), kinds.end()};
}

// Forwarding distances from the recipients by breadth-first search over the mutable graph's children().
std::vector<int> distances_by_hand(const OrgGraph& g, const Responsibilities& r) {
    std::vector<int> distance(g.unit_capacity(), -1);
    std::deque<UnitIndex> queue;
    for (UnitIndex u : r.recipients()) {
        distance[u.value] = 0;
        queue.push_back(u);
    }
    while (!queue.empty()) {
        const UnitIndex u = queue.front();
        queue.pop_front();
        for (UnitIndex v : g.children(u, TieKind::forwards))
            if (distance[v.value] < 0) {
                distance[v.value] = distance[u.value] + 1;
                queue.push_back(v);
            }
    }
    return distance;
}

// Every analysis of `d` on `g`, through the graph and through its frozen view: the same results, and the answers the
// mutable graph's own adjacency gives.
void check_view_against_graph(const OrgGraph& g, const Directive& d) {
    const Responsibilities r = compile(d, g);
    const auto view = g.freeze();

    const ReachResult by_graph = reach(r, g);
    const ReachResult by_view = reach(r, *view, g);
    CHECK(by_view.recipients == by_graph.recipients);
    CHECK(by_view.bound == by_graph.bound);
    CHECK(by_view.unreached == by_graph.unreached);
    CHECK(by_view.received_from == by_graph.received_from);
    CHECK(by_view.reached_mask == by_graph.reached_mask);
    CHECK(by_view.stamp.generation() == by_graph.stamp.generation());
    CHECK_NOTHROW(by_view.check_current(g));
    const auto distance = distances_by_hand(g, r);
    for (UnitIndex u : g.units()) {
        CAPTURE(g.unit(u).id);
        CHECK(by_view.reached(u) == (distance[u.value] >= 0));
        const auto path = by_view.path_to(u);
        if (path.empty()) continue;
        CHECK(static_cast<int>(path.size()) == distance[u.value] + 1);  // a shortest path
        for (std::size_t i = 0; i + 1 < path.size(); ++i) CHECK(g.has_tie(path[i], path[i + 1], TieKind::forwards));
    }

    const LoadResult load_graph = load(r, g);
    const LoadResult load_view = load(r, *view, g);
    REQUIRE(load_view.units.size() == load_graph.units.size());
    for (std::size_t i = 0; i < load_view.units.size(); ++i) {
        CHECK(load_view.units[i].unit == load_graph.units[i].unit);
        CHECK(load_view.units[i].roles == load_graph.units[i].roles);
    }
    std::array<RoleCounts, 5> by_level{};
    for (const Responsibility& row : r.rows())
        ++by_level[static_cast<std::size_t>(g.unit(row.unit).level)][static_cast<std::size_t>(row.role)];
    CHECK(load_view.by_level == by_level);
    CHECK(load_graph.by_level == by_level);

    const CoordinationResult pairs_graph = coordination(r, g);
    const CoordinationResult pairs_view = coordination(r, *view, g);
    REQUIRE(pairs_view.pairs.size() == pairs_graph.pairs.size());
    for (std::size_t i = 0; i < pairs_view.pairs.size(); ++i) {
        const CoordinationPair& p = pairs_view.pairs[i];
        CHECK(p.lead == pairs_graph.pairs[i].lead);
        CHECK(p.partner == pairs_graph.pairs[i].partner);
        CHECK(p.tasks == pairs_graph.pairs[i].tasks);
        CHECK(p.ties == pairs_graph.pairs[i].ties);
        CHECK(p.ties == ties_by_hand(g, p.lead, p.partner));
        CHECK(g.area(p.lead) == g.area(p.partner));
    }

    for (std::uint32_t t = 0; t < d.tasks.size(); ++t) {
        const TaskAccountability task_view = accountability(r, *view, g, t);
        const TaskAccountability task_graph = accountability(r, g, t);
        CHECK(task_view.by_level == task_graph.by_level);
        for (const auto& level : task_view.by_level)
            for (const auto& [u, head] : level) CHECK(head == g.head(u));
    }

    const UnitIndex issuer = g.index_of(d.issuer);
    for (UnitIndex u : r.bound_units()) {
        if (!is_body(g.unit(u).kind)) continue;
        CAPTURE(g.unit(u).id);
        const UnitAccountability a_view = accountability(*view, u, issuer);
        const UnitAccountability a_graph = accountability(g, u, issuer);
        CHECK(a_view.head == g.head(u));
        CHECK(a_view.head == a_graph.head);
        CHECK(a_view.chain == a_graph.chain);
        CHECK(a_view.chain_heads == a_graph.chain_heads);
        CHECK(is_directs_chain(g, a_view.chain));
        for (std::size_t i = 0; i < a_view.chain.size(); ++i) CHECK(a_view.chain_heads[i] == g.head(a_view.chain[i]));
    }
}

}  // namespace

TEST_CASE("analyses: on the frozen view, the graph's answers for the 2024 directive and the hand-made graphs") {
    check_view_against_graph(hai_duong(), datasets::directive_2024());
    check_view_against_graph(forwarding_graph(), reach_directive());
    const Directive coordinate = directive(
        {task("1", {assign(Role::lead, pcs() & at(Level::district)),
                    assign(Role::coordinate, (Selector::kind(UnitKind::police) & at(Level::district)) | id("288.front"))}),
         task("2", {assign(Role::lead, id("296.pc")), assign(Role::coordinate, Selector::ids({"296.police", "296.pc"}))})});
    check_view_against_graph(coordination_graph(), coordinate);
    const Directive accountable = directive({task("1", {assign(Role::lead, pcs()), assign(Role::coordinate, id("30.police"))}),
                                       task("2", {assign(Role::lead, id("10987.police"))})});
    OrgGraph shortcut = accountability_graph();
    shortcut.add_tie("30.pc", "10987.pc", TieKind::directs);
    check_view_against_graph(shortcut, accountable);
}

TEST_CASE("analyses: a frozen view of another state of the graph is refused") {
    OrgGraph g = forwarding_graph();
    const auto before = g.freeze();
    const Responsibilities old_table = compile(reach_directive(), g);
    g.add_tie("288.pc", "288.police", TieKind::forwards);
    const Responsibilities r = compile(reach_directive(), g);
    // The view of the graph before the change, with a table of the graph as it is: the view is stale.
    ANTQ_CHECK_ERROR(reach(r, *before, g), StaleView, "stale_view", "the graph changed after this view");
    ANTQ_CHECK_ERROR(load(r, *before, g), StaleView, "stale_view", "");
    ANTQ_CHECK_ERROR(coordination(r, *before, g), StaleView, "stale_view", "");
    ANTQ_CHECK_ERROR(accountability(r, *before, g, 0), StaleView, "stale_view", "");
    // A view of another graph, even one with the same content (a copy).
    const OrgGraph copy = g;
    ANTQ_CHECK_ERROR(reach(r, *copy.freeze(), g), StaleView, "stale_view", "");
    // The current view with a table compiled before the change: the table is stale.
    ANTQ_CHECK_ERROR(reach(old_table, *g.freeze(), g), StaleView, "stale_result", "directive");
    ANTQ_CHECK_ERROR(load(old_table, *g.freeze(), g), StaleView, "stale_result", "");
    // The current view and table: the change is seen.
    CHECK(reach(r, *g.freeze(), g).unreached.empty());
}
