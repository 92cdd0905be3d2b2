#include <map>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"

using namespace antq;

namespace {

// Province 30 with districts 296 (communes A, B) and 288 (commune C); a People's Committee and police everywhere,
// each directed by the one above and (police) by its own committee; the commune police coordinate with nothing.
OrgGraph small() {
    return parse_graph(R"({"format": "antq.orggraph", "version": 1, "name": "small", "structure": "either",
      "attributes": {"as_of": "2024-01-01"},
      "units": [
        {"id": "vn", "name": "Việt Nam", "kind": "nation"},
        {"id": "30", "name": "Hải Dương", "kind": "province", "attributes": {"type": "tỉnh"}},
        {"id": "296", "name": "Bình Giang", "kind": "district", "attributes": {"type": "huyện"}},
        {"id": "288", "name": "Hải Dương", "kind": "district", "attributes": {"type": "thành phố"}},
        {"id": "10945", "name": "Kẻ Sặt", "kind": "commune", "attributes": {"type": "thị trấn"}},
        {"id": "10987", "name": "Nhân Quyền", "kind": "commune", "attributes": {"type": "xã"}},
        {"id": "10501", "name": "Tân Bình", "kind": "commune", "attributes": {"type": "phường"}},
        {"id": "10945-v1", "name": "Thôn 1", "kind": "village"},
        {"id": "30.pc", "name": "Ủy ban nhân dân tỉnh Hải Dương", "kind": "peoples_committee"},
        {"id": "30.police", "name": "Công an tỉnh Hải Dương", "kind": "police"},
        {"id": "296.pc", "name": "Ủy ban nhân dân huyện Bình Giang", "kind": "peoples_committee"},
        {"id": "296.police", "name": "Công an huyện Bình Giang", "kind": "police"},
        {"id": "288.pc", "name": "Ủy ban nhân dân thành phố Hải Dương", "kind": "peoples_committee"},
        {"id": "10945.pc", "name": "Ủy ban nhân dân thị trấn Kẻ Sặt", "kind": "peoples_committee"},
        {"id": "10945.pc.head", "name": "Chủ tịch UBND thị trấn Kẻ Sặt", "kind": "post"},
        {"id": "10945.police", "name": "Công an thị trấn Kẻ Sặt", "kind": "police"},
        {"id": "10987.pc", "name": "Ủy ban nhân dân xã Nhân Quyền", "kind": "peoples_committee"},
        {"id": "10987.pc.head", "name": "Chủ tịch UBND xã Nhân Quyền", "kind": "post"},
        {"id": "10987.police", "name": "Công an xã Nhân Quyền", "kind": "police"},
        {"id": "10501.pc", "name": "Ủy ban nhân dân phường Tân Bình", "kind": "peoples_committee"}
      ],
      "ties": [
        {"source": "vn", "target": "30", "kind": "contains"},
        {"source": "30", "target": "296", "kind": "contains"},
        {"source": "30", "target": "288", "kind": "contains"},
        {"source": "296", "target": "10945", "kind": "contains"},
        {"source": "296", "target": "10987", "kind": "contains"},
        {"source": "288", "target": "10501", "kind": "contains"},
        {"source": "10945", "target": "10945-v1", "kind": "contains"},
        {"source": "30.pc", "target": "30", "kind": "serves"},
        {"source": "30.police", "target": "30", "kind": "serves"},
        {"source": "296.pc", "target": "296", "kind": "serves"},
        {"source": "296.police", "target": "296", "kind": "serves"},
        {"source": "288.pc", "target": "288", "kind": "serves"},
        {"source": "10945.pc", "target": "10945", "kind": "serves"},
        {"source": "10945.pc.head", "target": "10945.pc", "kind": "heads"},
        {"source": "10945.police", "target": "10945", "kind": "serves"},
        {"source": "10987.pc", "target": "10987", "kind": "serves"},
        {"source": "10987.pc.head", "target": "10987.pc", "kind": "heads"},
        {"source": "10987.police", "target": "10987", "kind": "serves"},
        {"source": "10501.pc", "target": "10501", "kind": "serves"},
        {"source": "30.pc", "target": "296.pc", "kind": "directs"},
        {"source": "30.pc", "target": "288.pc", "kind": "directs"},
        {"source": "30.pc", "target": "30.police", "kind": "directs"},
        {"source": "30.police", "target": "296.police", "kind": "directs"},
        {"source": "296.pc", "target": "296.police", "kind": "directs"},
        {"source": "296.pc", "target": "10945.pc", "kind": "directs"},
        {"source": "296.pc", "target": "10987.pc", "kind": "directs"},
        {"source": "296.pc", "target": "10945.pc", "kind": "forwards"},
        {"source": "296.police", "target": "10945.police", "kind": "directs"},
        {"source": "296.police", "target": "10987.police", "kind": "directs"},
        {"source": "10945.pc", "target": "10945.police", "kind": "directs"},
        {"source": "10987.pc", "target": "10987.police", "kind": "directs"},
        {"source": "296.police", "target": "10987.police", "kind": "coordinates"},
        {"source": "288.pc", "target": "10501.pc", "kind": "directs"}
      ]})",
                       "small.json");
}

ChangeSet changes(const std::string& operations, const std::string& head = R"("date": "2024-12-01")") {
    return parse_changes(R"({"format": "antq.changes", "version": 1, "name": "t", )" + head + R"(, "operations": [)" +
                             operations + "]}",
                         "t.json");
}

std::set<std::string> parents_of(const OrgGraph& g, const std::string& id, TieKind kind) {
    std::set<std::string> out;
    for (UnitIndex p : g.parents(g.index_of(id), kind)) out.insert(g.unit(p).id);
    return out;
}

}  // namespace

TEST_CASE("restructure: a merge into a surviving commune keeps its id, takes the villages and merges the bodies") {
    const OrgGraph before = small();
    const auto generation = before.generation();
    const Applied a = apply(before, changes(R"({"op": "merge", "into": "10987", "sources": ["10945"], "name": "Kẻ Sặt",
                                                "type": "xã", "basis": "Nghị quyết 1318/NQ-UBTVQH15"})"));
    CHECK(before.generation() == generation);  // the input is untouched
    CHECK(before.contains("10945"));
    const OrgGraph& g = a.graph;
    CHECK_FALSE(g.contains("10945"));
    CHECK(g.unit("10987").name == "Kẻ Sặt");
    CHECK(g.unit(*g.parent(g.index_of("10945-v1"))).id == "10987");
    // The merged commune's police merge into the survivor's; their bodies are renamed after the new title.
    CHECK_FALSE(g.contains("10945.police"));
    CHECK(g.unit("10987.police").name == "Công an xã Kẻ Sặt");
    CHECK(g.unit("10987.pc.head").name == "Chủ tịch UBND xã Kẻ Sặt");
    CHECK_FALSE(g.contains("10945.pc.head"));
    // What pointed at the merged body points at the survivor's (once).
    CHECK(parents_of(g, "10987.pc", TieKind::forwards) == std::set<std::string>{"296.pc"});
    CHECK(a.ids.successors("10945") == std::vector<std::string>{"10987"});
    CHECK(a.ids.successors("10945.police") == std::vector<std::string>{"10987.police"});
    CHECK(a.ids.successors("10987") == std::vector<std::string>{"10987"});
    CHECK(g.attributes().find("as_of")->as_string() == "2024-12-01");
}

TEST_CASE("restructure: a merge into a new commune creates it and its bodies by role") {
    const Applied a = apply(small(), changes(R"({"op": "merge", "sources": ["10945", "10987"],
        "into": {"id": "10999", "name": "Bình Giang", "kind": "commune", "attributes": {"type": "xã"}}})"));
    const OrgGraph& g = a.graph;
    CHECK(g.unit(*g.parent(g.index_of("10999"))).id == "296");
    CHECK(g.unit("10999.pc").name == "Ủy ban nhân dân xã Bình Giang");
    CHECK(g.unit("10999.pc.head").name == "Chủ tịch UBND xã Bình Giang");
    CHECK(g.unit("10999.police").level == Level::commune);
    CHECK(parents_of(g, "10999.police", TieKind::directs) == std::set<std::string>{"296.police", "10999.pc"});
    CHECK(a.ids.predecessors("10999") == std::vector<std::string>{"10945", "10987"});
}

TEST_CASE("restructure: remove_level reattaches every subordinate to the removed body's superiors of its kind") {
    const OrgGraph before = small();
    const Applied a = remove_level(before, Level::district, "2025-07-01");
    const OrgGraph& g = a.graph;
    CHECK(g.structure().id() == "two_tier");
    CHECK_FALSE(g.contains("296"));
    CHECK_FALSE(g.contains("296.police"));
    CHECK(g.unit(*g.parent(g.index_of("10945"))).id == "30");
    // Each commune committee the district's committee directed is directed by the province's; police by police.
    for (UnitIndex c : before.children(before.index_of("296.pc"), TieKind::directs)) {
        const std::string id = before.unit(c).id;
        if (before.unit(c).kind == UnitKind::peoples_committee) CHECK(parents_of(g, id, TieKind::directs).count("30.pc"));
    }
    CHECK(parents_of(g, "10987.police", TieKind::directs) == std::set<std::string>{"30.police", "10987.pc"});
    CHECK(parents_of(g, "10945.pc", TieKind::forwards) == std::set<std::string>{"30.pc"});
    CHECK(a.ties_dropped >= 1);  // the district police's coordination
    CHECK(a.ids.successors("296").empty());
}

TEST_CASE("restructure: hostile change sets fail whole, naming the operation") {
    const OrgGraph before = small();
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "rename", "unit": "99999", "name": "X"})")), NotFound, "unknown_unit",
                     "t.json:/operations/0/unit");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "10945", "sources": ["10945"]})")), InvalidInput,
                     "merge_into_itself", "t.json:/operations/0/sources");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "10945", "sources": ["10987", "10987"]})")),
                     InvalidInput, "duplicate_source", "/operations/0/sources/1");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "rename", "unit": "10945", "name": "A", "date": "2024-12-05"},
                                               {"op": "rename", "unit": "10987", "name": "B", "date": "2024-12-02"})")),
                     InvalidInput, "date_out_of_order", "/operations/1/date");
    ANTQ_CHECK_ERROR(apply(before, changes("", R"("date": "2023-01-01")")), InvalidInput, "date_out_of_order", "as_of 2024-01-01");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "move", "unit": "296", "parent": "288"},
                                               {"op": "move", "unit": "288", "parent": "296"})")),
                     HierarchyError, "wrong_level", "/operations/0/parent");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "move", "unit": "30", "parent": "296"})")), HierarchyError,
                     "cycle", "'296' lies within '30'");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "10945", "parts": [{"unit": "10987", "share": 0.7}]},
                                               {"op": "merge", "into": "10501", "parts": [{"unit": "10987", "share": 0.4}]})")),
                     InvalidInput, "share_above_whole", "/operations/1/parts/0/share");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "abolish", "unit": "296"})")), InvalidInput, "has_children", "10945");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "retype", "unit": "10945", "type": "quận"})")), InvalidInput,
                     "unknown_type", "phường");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "remove_level", "level": "district"})", R"("date": "2025-07-01", "structure": "three_tier")")),
                     HierarchyError, "wrong_level", "three_tier");
}

TEST_CASE("restructure: merges and splits hand a territory to its own level, or down when it contains none") {
    const OrgGraph before = small();
    // A commune merged into a district would hand its police to the district police.
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "296", "sources": ["10945"]})")), InvalidInput,
                     "wrong_level", "t.json:/operations/0/sources/0");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "30", "parts": [{"unit": "10987", "share": 0.5}]})")),
                     InvalidInput, "wrong_level", "/operations/0/parts/0");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "split", "unit": "10987", "into": [{"unit": "10945", "share": 0.5},
                                               {"unit": "288", "share": 0.5}]})")),
                     InvalidInput, "wrong_level", "/operations/0/into/1");
    CHECK_NOTHROW(apply(before, changes(R"({"op": "merge", "into": "10945", "sources": ["10987"]})")));
    // Down a level only without territories inside: 296 holds two communes; emptied first, it may go.
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "10501", "sources": ["296"]})")), InvalidInput,
                     "wrong_level", "'296' (district) cannot go into '10501' (commune)");
    const Applied a = apply(before, changes(R"({"op": "move", "unit": "10945", "parent": "288"},
                                               {"op": "move", "unit": "10987", "parent": "288"},
                                               {"op": "merge", "into": "10501", "sources": ["296"]})"));
    CHECK(a.ids.successors("296") == std::vector<std::string>{"10501"});
    CHECK(a.graph.contains("10501.police"));  // the district police went to the commune, which had none
}

TEST_CASE("restructure: a set that removes a level without naming a structure gets the graph's less that level") {
    const OrgGraph before = small();  // structure "either"
    const Applied a = apply(before, changes(R"({"op": "remove_level", "level": "district"})", R"("date": "2025-07-01")"));
    CHECK(a.graph.structure().id() == "two_tier");
    CHECK(a.graph.unit(*a.graph.parent(a.graph.index_of("10945"))).id == "30");
    // A level the structure does not have: nothing to remove is an error, in a set and in the what-if alike.
    ANTQ_CHECK_ERROR(apply(a.graph, changes(R"({"op": "rename", "unit": "10945", "name": "A"},
                                               {"op": "remove_level", "level": "district"})", R"("date": "2025-07-02")")),
                     InvalidInput, "wrong_level", "t.json:/operations/1/level");
    ANTQ_CHECK_ERROR(remove_level(a.graph, Level::district, "2025-07-02"), InvalidInput, "wrong_level",
                     "has no district level");
    // The same whether the set names the structure after or not.
    ANTQ_CHECK_ERROR(apply(a.graph, changes(R"({"op": "remove_level", "level": "district"})",
                                            R"("date": "2025-07-02", "structure": "two_tier")")),
                     InvalidInput, "wrong_level", "t.json:/operations/0/level");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "remove_level", "level": "district"},
                                              {"op": "remove_level", "level": "district"})",
                                           R"("date": "2025-07-01", "structure": "two_tier")")),
                     InvalidInput, "wrong_level", "t.json:/operations/1/level");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "remove_level", "level": "village"})", R"("date": "2025-07-01")")),
                     InvalidInput, "wrong_level", "between the nation and the village");
    CHECK(AdministrativeStructure::three_tier().without(Level::district).id() == "two_tier");
    CHECK_THROWS_AS(AdministrativeStructure::two_tier().without(Level::commune), InvalidInput);
}

TEST_CASE("restructure: a containment the structure after refuses is placed at the operation that made it") {
    OrgGraph before = small();
    before.set_structure(AdministrativeStructure::three_tier());
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "rename", "unit": "10945", "name": "A"},
                                               {"op": "create", "unit": {"id": "10999", "name": "X", "kind": "commune",
                                               "attributes": {"type": "xã"}}, "parent": "30"})")),
                     HierarchyError, "wrong_level", "t.json:/operations/1 (the graph after the changes)");
}

TEST_CASE("restructure: what the operations bring in is checked as a build checks it, naming the graph after") {
    // The graph after is not checked again where the graph before vouches for it; what an operation set is.
    const OrgGraph before = small();
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "rename", "unit": "10945", "name": "K\u0001S"})")), InvalidInput,
                     "bad_name", "t.json (the graph after the changes):/units/4: unit '10945'");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "merge", "into": "10987", "sources": ["10945"], "name": "A\u0002"})")),
                     InvalidInput, "bad_name", "unit '10987'");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "create", "unit": {"id": "10999 ", "name": "X", "kind": "commune",
                                               "attributes": {"type": "xã"}}, "parent": "296"})")),
                     InvalidInput, "bad_id", "(the graph after the changes):/units/20");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "create", "unit": {"id": "1099", "name": "X", "kind": "commune",
                                               "attributes": {"type": "xã"}}, "parent": "296"})")),
                     InvalidInput, "bad_gso_code", "unit '1099'");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "create", "unit": {"id": "10945.pc.deputy", "name": "Phó", "kind": "post"},
                                               "parent": "10945.pc"})")),
                     InvalidInput, "second_head", "(the graph after the changes):/ties/");
    ANTQ_CHECK_ERROR(apply(before, changes(R"({"op": "create", "unit": {"id": "x.police", "name": "X", "kind": "police"},
                                               "parent": "10945.pc.head"})")),
                     InvalidInput, "wrong_endpoint", "'x.police' -serves-> '10945.pc.head'");
    // A name given in another normal form is stored in NFC, as a build stores it.
    const Applied a = apply(before, changes(R"({"op": "rename", "unit": "10945", "name": "Ke\u0301 Sa\u0323\u0306t"})"));
    CHECK(a.graph.unit("10945").name == "Ké Sặt");
    CHECK(a.graph.same_content(parse_graph(dump_graph(a.graph), "after.json")));
}

TEST_CASE("restructure: a cycle of moves is refused") {
    OrgGraph g = small();
    g.set_structure(AdministrativeStructure::either());
    // A commune moved under its own village.
    ANTQ_CHECK_ERROR(apply(g, changes(R"({"op": "move", "unit": "10945", "parent": "10945-v1"})")), HierarchyError, "cycle",
                     "'10945-v1' lies within '10945'");
    // A new province takes a district, then is moved under that district: the second move closes the cycle.
    ANTQ_CHECK_ERROR(apply(g, changes(R"({"op": "create", "unit": {"id": "31", "name": "Hải Phòng", "kind": "province"}, "parent": "vn"},
                                       {"op": "move", "unit": "296", "parent": "31"},
                                       {"op": "move", "unit": "31", "parent": "296"})")),
                     HierarchyError, "cycle", "/operations/2/parent");
    // Moves that form no cycle but break the levels are refused by level.
    ANTQ_CHECK_ERROR(apply(g, changes(R"({"op": "move", "unit": "296", "parent": "288"})")), HierarchyError, "wrong_level",
                     "cannot contain");
    // Nothing was half applied: the input graph still has its own shape.
    CHECK(g.unit(*g.parent(g.index_of("296"))).id == "30");
}

TEST_CASE("restructure: split divides a commune between new ones with shares") {
    const Applied a = apply(small(), changes(R"({"op": "split", "unit": "10945", "into": [
        {"id": "20001", "name": "Bắc", "kind": "commune", "attributes": {"type": "xã"}, "share": 0.6},
        {"unit": "10987", "share": 0.4}]})"));
    const auto& rows = a.ids.rows();
    std::map<std::string, double> share;
    for (const auto& r : rows)
        if (r.before == "10945") share[r.after] = r.share.value_or(-1);
    CHECK(share.size() == 2);
    CHECK(share["20001"] == doctest::Approx(0.6));
    CHECK(share["10987"] == doctest::Approx(0.4));
    CHECK(a.graph.unit(*a.graph.parent(a.graph.index_of("10945-v1"))).id == "20001");
}

TEST_CASE("restructure: the id map follows chains of operations, in the order of the units before") {
    // 10501 gives 30% to 10987 and lives on; 10945 is split (60% to a new 20001, 40% to 10987); 20001 then merges
    // into 10501, so 10945's 60% ends up there.
    const OrgGraph before = small();
    const Applied a = apply(before, changes(R"({"op": "merge", "into": "10987", "parts": [{"unit": "10501", "share": 0.3}]},
        {"op": "split", "unit": "10945", "into": [
            {"id": "20001", "name": "Bắc", "kind": "commune", "attributes": {"type": "xã"}, "share": 0.6},
            {"unit": "10987", "share": 0.4}]},
        {"op": "merge", "into": "10501", "sources": ["20001"]})"));
    std::vector<std::string> order;
    for (const Succession& r : a.ids.rows())
        if (order.empty() || order.back() != r.before) order.push_back(r.before);
    std::vector<std::string> units;
    for (UnitIndex u : before.units()) units.push_back(before.unit(u).id);
    CHECK(order == units);  // one block of rows per unit before, in its index order
    std::vector<Succession> of_10945, of_10501;
    for (const Succession& r : a.ids.rows()) {
        if (r.before == "10945") of_10945.push_back(r);
        if (r.before == "10501") of_10501.push_back(r);
    }
    REQUIRE(of_10945.size() == 2);
    CHECK(of_10945[0].after == "10501");
    CHECK(of_10945[0].share.value_or(-1) == doctest::Approx(0.6));
    CHECK(of_10945[0].how == "split");
    CHECK(of_10945[1] == Succession{"10945", "10987", 0.4, "merge"});  // the part, after the unit's own row
    CHECK(of_10501 == std::vector<Succession>{{"10501", "10501", std::nullopt, "kept"}, {"10501", "10987", 0.3, "merge"}});
    CHECK_THROWS_AS(a.ids.successors("20001"), NotFound);  // made and ended along the way: no unit before
    // What a translation replaces: the units that did not live on, with all their takers; 10501 gave a part away
    // and lives on, so it keeps its id.
    std::map<std::string, std::vector<std::string>> replaced;
    for (auto& [old_id, takers] : a.ids.replacements()) replaced[old_id] = takers;
    CHECK(replaced.at("10945") == std::vector<std::string>{"10501", "10987"});
    CHECK_FALSE(replaced.contains("10501"));
    CHECK_FALSE(replaced.contains("10987"));
    for (const auto& [old_id, takers] : replaced) {
        CHECK_FALSE(takers.empty());
        CHECK(a.ids.successors(old_id) == takers);
    }
}

TEST_CASE("restructure: diff names what was created, merged, renamed and moved") {
    const OrgGraph before = small();
    const Applied a = apply(before, changes(R"({"op": "merge", "into": "10987", "sources": ["10945"], "name": "Kẻ Sặt"},
                                              {"op": "move", "unit": "10501", "parent": "296"})"));
    const auto changes_found = diff(before, a.graph, DiffOptions{&a.ids, true});
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& c : changes_found) seen.emplace(c.change, c.id);
    CHECK(seen.count({"merged", "10945"}));
    CHECK(seen.count({"renamed", "10987"}));
    CHECK(seen.count({"moved", "10501"}));
    CHECK(seen.count({"moved", "10945-v1"}));  // the merged commune's village, now in 10987
    CHECK(seen.size() == 4);
}

TEST_CASE("restructure: a timeline gives the graph on each date") {
    ChangeSet later = changes(R"({"op": "rename", "unit": "10945", "name": "Later"})", R"("date": "2025-01-01")");
    ChangeSet earlier = changes(R"({"op": "rename", "unit": "10945", "name": "Earlier"})", R"("date": "2024-06-01")");
    Timeline t(small(), {later, earlier});
    CHECK(t.at("2024-03-01").unit("10945").name == "Kẻ Sặt");
    CHECK(t.at("2024-06-01").unit("10945").name == "Earlier");
    CHECK(t.at("2030-01-01").unit("10945").name == "Later");
    ANTQ_CHECK_ERROR(t.at("2020-01-01"), InvalidInput, "date_out_of_order", "before the base");
    ANTQ_CHECK_ERROR(Timeline(small(), {changes("", R"("date": "2020-01-01")")}), InvalidInput, "date_out_of_order", "t.json");
}

TEST_CASE("restructure: the change-set format round-trips and refuses bad documents") {
    const ChangeSet set = datasets::reform_2025();
    const ChangeSet again = parse_changes(dump_changes(set), "again");
    CHECK(dump_changes(again) == dump_changes(set));
    CHECK(set.operations.size() > 3000);
    ANTQ_CHECK_ERROR(parse_changes(R"({"format": "antq.changes", "version": 1, "name": "x", "date": "2025-02-30", "operations": []})", "x.json"),
                     InvalidInput, "bad_date", "x.json:/date");
    ANTQ_CHECK_ERROR(changes(R"({"op": "explode", "unit": "1"})"), InvalidInput, "unknown_operation", "/operations/0/op");
    ANTQ_CHECK_ERROR(changes(R"({"op": "merge", "into": "1", "parts": [{"unit": "2", "share": 1.5}]})"), InvalidInput, "bad_share",
                     "/operations/0/parts/0/share");
    ANTQ_CHECK_ERROR(changes(R"({"op": "rename", "unit": "1", "name": "x", "parent": "2"})"), InvalidInput, "unknown_field",
                     "/operations/0/parent");
    ANTQ_CHECK_ERROR(changes(R"({"op": "merge", "into": "1"})"), InvalidInput, "missing_field", "/operations/0");
    // A new unit given as an array or a scalar is a wrong type, not a field check on a non-object.
    ANTQ_CHECK_ERROR(changes(R"({"op": "create", "unit": [1], "parent": "1"})"), InvalidInput, "wrong_type",
                     "/operations/0/unit");
    ANTQ_CHECK_ERROR(changes(R"({"op": "create", "unit": 7, "parent": "1"})"), InvalidInput, "wrong_type", "/operations/0/unit");
    // Empty lists read as absent (the writer leaves them out, and a merge that reads must read back).
    ANTQ_CHECK_ERROR(changes(R"({"op": "merge", "into": "1", "sources": [], "parts": []})"), InvalidInput, "missing_field",
                     "/operations/0");
}
