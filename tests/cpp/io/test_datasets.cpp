#include <map>
#include <set>

#include "support.hpp"

using namespace antq;

TEST_CASE("datasets: hai_duong_2024 has the 2024 territory of the GSO list of 01/05/2024") {
    const OrgGraph g = datasets::hai_duong_2024();
    std::map<UnitKind, int> by_kind;
    for (UnitIndex u : g.units()) ++by_kind[g.unit(u).kind];
    CHECK(by_kind[UnitKind::nation] == 1);
    CHECK(by_kind[UnitKind::province] == 1);
    CHECK(by_kind[UnitKind::district] == 12);
    CHECK(by_kind[UnitKind::commune] == 235);

    // Per-district commune counts, GSO list of 01/05/2024.
    const std::map<std::string, std::size_t> communes{{"288", 25}, {"290", 19}, {"291", 19}, {"292", 23},
                                                      {"293", 18}, {"294", 20}, {"295", 17}, {"296", 16},
                                                      {"297", 18}, {"298", 23}, {"299", 20}, {"300", 17}};
    for (const auto& [district, count] : communes)
        CHECK_MESSAGE(g.children(g.index_of(district), TieKind::contains).size() == count, district);

    std::map<std::string, int> types;
    for (UnitIndex u : g.units())
        if (g.unit(u).kind == UnitKind::commune) ++types[g.unit(u).attributes.find("type")->as_string()];
    CHECK(types["phường"] == 47);
    CHECK(types["thị trấn"] == 10);
    CHECK(types["xã"] == 178);

    // Real GSO codes where the GSO list gives them; the holder from the vnanet.vn province page.
    CHECK(g.unit("10945").name == "Kẻ Sặt");
    CHECK(g.unit("10987").name == "Nhân Quyền");
    CHECK(g.unit(*g.parent(g.index_of("10987"))).id == "296");
    CHECK(g.unit(*g.head(g.index_of("30.pc"))).attributes.find("holder")->as_string() == "Triệu Thế Hùng");
}

TEST_CASE("datasets: every body kind of the movement is present at its levels") {
    const OrgGraph g = datasets::hai_duong_2024();
    std::set<std::pair<UnitKind, Level>> present;
    for (UnitIndex u : g.units()) present.emplace(g.unit(u).kind, g.unit(u).level);
    for (Level level : {Level::province, Level::district, Level::commune})
        for (UnitKind kind : {UnitKind::party_committee, UnitKind::peoples_council, UnitKind::peoples_committee,
                              UnitKind::police, UnitKind::steering_committee, UnitKind::front_committee,
                              UnitKind::mass_organisation, UnitKind::post})
            CHECK_MESSAGE(present.count({kind, level}) == 1, to_string(kind), " at ", to_string(level));
    CHECK(present.count({UnitKind::department, Level::province}) == 1);
    CHECK(present.count({UnitKind::school, Level::district}) == 1);
    CHECK(present.count({UnitKind::school, Level::commune}) == 1);
    CHECK(present.count({UnitKind::ministry, Level::nation}) == 1);
    CHECK(present.count({UnitKind::agency, Level::nation}) == 1);
    CHECK(present.count({UnitKind::enterprise, Level::district}) == 1);
    CHECK(present.count({UnitKind::security_team, Level::village}) == 1);
    CHECK(g.unit("vn.mps").kind == UnitKind::ministry);
    CHECK(g.unit("vn.gov_office").kind == UnitKind::agency);
}

TEST_CASE("datasets: synthetic units are flagged") {
    const OrgGraph g = datasets::hai_duong_2024();
    int villages = 0;
    for (UnitIndex u : g.units()) {
        const Unit& unit = g.unit(u);
        if (unit.kind != UnitKind::village) continue;
        ++villages;
        const Value* flag = unit.attributes.find("synthetic");
        CHECK((flag != nullptr && flag->as_bool()));
    }
    CHECK(villages > 235 * 4 - 1);
    CHECK(g.unit("10945").attributes.find("synthetic") == nullptr);
}
