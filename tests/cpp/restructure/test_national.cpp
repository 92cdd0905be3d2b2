#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "support.hpp"

using namespace antq;

namespace {

std::map<Level, int> count_levels(const OrgGraph& g) {
    std::map<Level, int> out;
    for (UnitIndex u : g.units())
        if (is_territory(g.unit(u).kind)) ++out[g.unit(u).level];
    return out;
}

}  // namespace

TEST_CASE("national: the lists of 2025-03-01 and 2025-07-01 have the official counts") {
    const OrgGraph three = datasets::vietnam("2025-03-01");
    CHECK(three.structure().id() == "three_tier");
    CHECK(count_levels(three) == std::map<Level, int>{{Level::nation, 1}, {Level::province, 63}, {Level::district, 696},
                                                     {Level::commune, 10035}});
    const OrgGraph two = datasets::vietnam("2025-07-01");
    CHECK(two.structure().id() == "two_tier");
    CHECK(count_levels(two) == std::map<Level, int>{{Level::nation, 1}, {Level::province, 34}, {Level::commune, 3321}});
    CHECK(datasets::vietnam("2025-06-30").unit_count() == three.unit_count());
    CHECK(two.unit("31").name == "Hải Phòng");
    CHECK(two.unit("31").attributes.find("type")->as_string() == "thành phố trực thuộc trung ương");
    CHECK(three.unit("30").name == "Hải Dương");
    ANTQ_CHECK_ERROR(datasets::vietnam("2024-12-31"), InvalidInput, "no_list", "2025-03-01");
}

TEST_CASE("national: with_bodies adds the bodies every territory has by law, without district police in 2025") {
    const OrgGraph g = datasets::vietnam("2025-03-01", true);
    CHECK(g.unit("296.pc").name == "Ủy ban nhân dân huyện Bình Giang");
    CHECK_FALSE(g.contains("296.police"));
    const UnitIndex commune_police = g.index_of("10987.police");
    std::set<std::string> superiors;
    for (UnitIndex p : g.parents(commune_police, TieKind::directs)) superiors.insert(g.unit(p).id);
    CHECK(superiors == std::set<std::string>{"30.police", "10987.pc"});
    CHECK(g.unit(*g.head(g.index_of("30.police"))).name == "Giám đốc Công an tỉnh Hải Dương");
}

TEST_CASE("national: the 2025 reform replayed gives the post-reform list, code for code") {
    const OrgGraph before = datasets::vietnam("2025-03-01");
    const OrgGraph expected = datasets::vietnam("2025-07-01");
    const Applied a = apply(before, datasets::reform_2025());
    const OrgGraph& g = a.graph;
    CHECK(g.structure().id() == "two_tier");
    CHECK(count_levels(g) == count_levels(expected));
    int missing = 0, names = 0, parents = 0;
    for (UnitIndex u : expected.units()) {
        const Unit& want = expected.unit(u);
        const auto got = g.find(want.id);
        if (!got) {
            ++missing;
            continue;
        }
        if (name_key(g.unit(*got).name) != name_key(want.name)) ++names;
        if (g.unit(*g.parent(*got)).id != expected.unit(*expected.parent(u)).id) ++parents;
    }
    CHECK(missing == 0);
    CHECK(parents == 0);
    CHECK(names <= 1);  // 00745: "Phố Bảng" in the crosswalk, "Phó Bảng" in the list (docs/restructure.md)
    // Thị trấn Kẻ Sặt lives on as xã Kẻ Sặt of Hải Phòng (the crosswalk's splits.json says so too).
    CHECK(a.ids.successors("10945") == std::vector<std::string>{"10945"});
    CHECK(g.unit("10945").attributes.find("type")->as_string() == "xã");
    CHECK(g.unit(*g.parent(g.index_of("10945"))).id == "31");
    CHECK(a.ids.successors("30") == std::vector<std::string>{"31"});
}

TEST_CASE("national: the graph after the replay is the one a full build of its units and ties makes") {
    // apply() checks again only what the operations brought in; a load of the saved graph checks everything.
    for (const bool with_bodies : {false, true}) {
        const Applied a = apply(datasets::vietnam("2025-03-01", with_bodies), datasets::reform_2025());
        const OrgGraph rebuilt = parse_graph(dump_graph(a.graph), "after.json");
        CHECK(rebuilt.same_content(a.graph));
        CHECK(rebuilt.unit_count() == a.graph.unit_count());
        CHECK(rebuilt.tie_count() == a.graph.tie_count());
    }
}

TEST_CASE("national: the list loaders name the row and both codes of a bad parent") {
    const std::string header = "code,name,level,parent_code,type\n";
    ANTQ_CHECK_ERROR(parse_admin_table(header + "30,Hải Dương,province,,tỉnh\n10987,Nhân Quyền,commune,296,xã\n", "l.csv"),
                     InvalidInput, "dangling_reference", "l.csv:row 3: commune '10987' names parent '296'");
    ANTQ_CHECK_ERROR(parse_admin_table(header + "30,Hải Dương,province,,tỉnh\n30,X,province,,tỉnh\n", "l.csv"), InvalidInput,
                     "duplicate_id", "l.csv:row 2");
    ANTQ_CHECK_ERROR(parse_admin_table(header + "30,Hải Dương,province,,quận\n", "l.csv"), InvalidInput, "unknown_type", "row 2");
    ANTQ_CHECK_ERROR(parse_admin_table(header + "3,Hải Dương,province,,tỉnh\n", "l.csv"), InvalidInput, "bad_gso_code", "row 2");
    ANTQ_CHECK_ERROR(parse_admin_table(header + "30,\"Hải Dương,province,,tỉnh\n", "l.csv"), InvalidInput, "malformed_csv", "l.csv");
    ANTQ_CHECK_ERROR(parse_admin_table("code,name\n", "l.csv"), InvalidInput, "missing_field", "no column 'level'");
    ANTQ_CHECK_ERROR(parse_admin_table("code,name,level,parent_code,type,code\n", "l.csv"), InvalidInput, "duplicate_field",
                     "column 'code' appears twice (fields 1 and 6)");
    const AdminList ok = parse_admin_table(header + "30,\"Hải, Dương\",province,,Tỉnh\n", "l.csv");
    CHECK(ok.rows.front().name == "Hải, Dương");
    CHECK(ok.rows.front().type == "tỉnh");
}

TEST_CASE("national: upstream files read the same units as the embedded lists") {
    const std::filesystem::path shared = ANTQ_TEST_SHARED_DIR "/data/vn-admin";
    if (!std::filesystem::exists(shared)) return;  // the shared folder travels with the repository's CI only
    const OrgGraph from_json = admin_graph(load_admin_list(shared / "pre2025_3tier/mongo_data_vn_unit.json", AdminListFormat::upstream_json));
    const OrgGraph from_csv = admin_graph(load_admin_list(shared / "post2025_2tier/units_flat.csv", AdminListFormat::upstream_csv));
    const OrgGraph three = datasets::vietnam("2025-03-01"), two = datasets::vietnam("2025-07-01");
    CHECK(from_json.unit_count() == three.unit_count());
    CHECK(from_csv.unit_count() == two.unit_count());
    for (UnitIndex u : three.units()) CHECK(from_json.unit(three.unit(u).id).name == three.unit(u).name);
}

TEST_CASE("national: names compare equal whatever the tone mark's place") {
    CHECK(name_key("Thanh Hóa") == name_key("Thanh Hoá"));
    CHECK(name_key("Thủy") == name_key("Thuỷ"));
    CHECK(name_key("xã  Bắc Sơn") == name_key("Xã Bắc Sơn"));
    CHECK(name_key("Phó Bảng") != name_key("Phố Bảng"));
}

TEST_CASE("datasets: the licence notice of every embedded third-party list travels with it, as its file says") {
    std::set<std::string> covered;
    for (const datasets::DataNotice& notice : datasets::notices()) {
        covered.emplace(notice.dataset);
        const std::filesystem::path data(ANTQ_TEST_DATA_DIR);
        const std::filesystem::path file = std::filesystem::exists(data / notice.file) ? data / notice.file
                                                                                       : data / "vn" / notice.file;
        std::ifstream in(file, std::ios::binary);
        REQUIRE_MESSAGE(in, file.string());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(notice.text == text);
        CHECK(notice.text.find("MIT License") != std::string_view::npos);
    }
    CHECK(covered == std::set<std::string>{"hai_duong_2024", "vietnam", "reform_2025"});
}

TEST_CASE("national: the diff of the two lists, and of the replay with its id map, names every change and its texts") {
    const OrgGraph before = datasets::vietnam("2025-03-01");
    const OrgGraph after = datasets::vietnam("2025-07-01");
    const auto found = diff(before, after, DiffOptions{nullptr, true});
    std::map<std::string, int> counts;
    for (const UnitChange& c : found) ++counts[c.change];
    CHECK(counts == std::map<std::string, int>{{"abolished", 7445}, {"created", 6}, {"moved", 3315}, {"renamed", 1849},
                                               {"retyped", 634}});
    CHECK(found.front() == UnitChange{"abolished", "001", UnitKind::district, Level::district, "Ba Đình", ""});
    const auto moved = std::find_if(found.begin(), found.end(), [](const UnitChange& c) { return c.id == "10945" && c.change == "moved"; });
    REQUIRE(moved != found.end());
    CHECK((moved->before == "296" && moved->after == "31"));

    // With the reform's id map, on the replayed list: merged and split units name their successors.
    const Applied a = apply(before, datasets::reform_2025());
    const auto mapped = diff(before, a.graph, DiffOptions{&a.ids, false});
    std::map<std::string, int> seen;
    for (const UnitChange& c : mapped) {
        ++seen[c.change];
        if (c.change == "merged" || c.change == "split") {
            const auto next = a.ids.successors(c.id);
            std::string joined;
            for (std::size_t k = 0; k < next.size(); ++k) joined += (k ? ", " : "") + next[k];
            CHECK(c.after == joined);
            CHECK(c.before == before.unit(c.id).name);
            CHECK((c.change == "merged") == (next.size() == 1));
        } else if (c.change == "renamed") {
            CHECK(c.before == before.unit(c.id).name);
            CHECK(c.after == a.graph.unit(c.id).name);
        } else if (c.change == "moved") {
            CHECK(c.before == before.unit(*before.parent(before.index_of(c.id))).id);
            CHECK(c.after == a.graph.unit(*a.graph.parent(a.graph.index_of(c.id))).id);
        }
    }
    CHECK(seen.size() >= 4);
    CHECK(seen["merged"] > 1000);
    const auto hai_duong = std::find_if(mapped.begin(), mapped.end(), [](const UnitChange& c) { return c.id == "30"; });
    REQUIRE(hai_duong != mapped.end());
    CHECK(*hai_duong == UnitChange{"merged", "30", UnitKind::province, Level::province, "Hải Dương", "31"});
}
