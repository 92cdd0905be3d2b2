#include "support.hpp"

using namespace antq;

namespace {

std::vector<UnitSpec> units() {
    return {UnitSpec{"30", "Hải Dương", UnitKind::province, std::nullopt, {}},
            UnitSpec{"30.pc", "UBND tỉnh", UnitKind::peoples_committee, std::nullopt, {}},
            UnitSpec{"30.pc.head", "Chủ tịch", UnitKind::post, std::nullopt, {}},
            UnitSpec{"296", "Bình Giang", UnitKind::district, Level::district, Object{{"type", Value("huyện")}}}};
}

std::vector<TieSpec> ties() {
    return {TieSpec{"30.pc.head", "30.pc", TieKind::heads, {}}, TieSpec{"30.pc", "30", TieKind::serves, {}},
            TieSpec{"30", "296", TieKind::contains, {}}};
}

const InputPlaces rows{"", "units row ", "ties row ", " "};

}  // namespace

TEST_CASE("builder: levels left out are derived from kinds, served territories and headed bodies") {
    OrgGraph g;
    g.set_name("built");
    build(g, units(), ties(), rows);
    CHECK(g.name() == "built");
    CHECK(g.unit_count() == 4);
    CHECK(g.tie_count() == 3);
    CHECK(g.unit("30.pc").level == Level::province);
    CHECK(g.unit("30.pc.head").level == Level::province);  // through the body it heads, whatever the tie order
    CHECK(g.unit("296").attributes.find("type")->as_string() == "huyện");
}

TEST_CASE("builder: errors name the part by the caller's places, and leave the graph as it was") {
    const InputPlaces json{"g.json", "/units/", "/ties/", "/"};
    {
        OrgGraph g;
        auto u = units();
        u[3].id = "30";
        ANTQ_CHECK_ERROR(build(g, u, ties(), json), InvalidInput, "duplicate_id", "g.json:/units/3/id");
        ANTQ_CHECK_ERROR(build(g, u, ties(), rows), InvalidInput, "duplicate_id", "already used at units row 0");
        CHECK(g.unit_count() == 0);
    }
    {
        OrgGraph g;
        auto t = ties();
        t[2].target = "297";
        ANTQ_CHECK_ERROR(build(g, units(), t, rows), InvalidInput, "dangling_reference", "ties row 2 target");
        CHECK(g.unit_count() == 0);
    }
    {
        OrgGraph g;
        auto t = ties();
        t.erase(t.begin());  // the post heads nothing: no level to derive
        ANTQ_CHECK_ERROR(build(g, units(), t, json), InvalidInput, "missing_field", "g.json:/units/2");
    }
    {
        OrgGraph g;
        auto u = units();
        u[3].id = "2960";  // the unit's own error comes before the ties that name its old id
        ANTQ_CHECK_ERROR(build(g, u, ties(), rows), InvalidInput, "bad_gso_code", "units row 3");
    }
    {
        OrgGraph g;
        auto t = ties();
        t.push_back(TieSpec{"296", "30", TieKind::contains, {}});
        ANTQ_CHECK_ERROR(build(g, units(), t, json), HierarchyError, "wrong_level", "g.json:/ties/3");
        CHECK(g.tie_count() == 0);
    }
    {
        OrgGraph g;
        auto u = units();
        u[1].level = Level::province;
        auto t = ties();
        t.erase(t.begin() + 1);  // the People's Committee serves nothing
        ANTQ_CHECK_ERROR(build(g, u, t, json), InvalidInput, "body_serves_nothing", "g.json: unit '30.pc'");
        CHECK(g.unit_count() == 0);
    }
}

TEST_CASE("builder: only into an empty graph, following its structure") {
    OrgGraph g(AdministrativeStructure::two_tier());
    ANTQ_CHECK_ERROR(build(g, units(), ties(), rows), HierarchyError, "wrong_level", "units row 3");
    CHECK(g.structure() == AdministrativeStructure::two_tier());
    OrgGraph full = test::tiny_province();
    ANTQ_CHECK_ERROR(build(full, units(), ties(), rows), InvalidInput, "not_empty", "empty graph");
}

TEST_CASE("builder: ids match across NFC and NFD spellings, for duplicates and for levels derived through ties") {
    const std::string nfc = "x\xc3\xa3", nfd = "xa\xcc\x83";  // "xã", precomposed and with a combining tilde
    {
        OrgGraph g;
        auto u = units();
        u[3].id = nfc;
        u.push_back(UnitSpec{nfd, "Xã", UnitKind::district, Level::district, {}});
        ANTQ_CHECK_ERROR(build(g, u, ties(), rows), InvalidInput, "duplicate_id", "units row 4 id");
        CHECK(g.unit_count() == 0);
    }
    OrgGraph g;
    auto u = units();
    u[0].id = nfd;  // the province spelled NFD in its row, NFC in the ties that reach it
    auto t = ties();
    t[1].target = nfc;
    t[2].source = nfc;
    build(g, u, t, rows);
    CHECK(g.unit("30.pc").level == Level::province);
    CHECK(g.find(nfd) == g.find(nfc));
    CHECK(g.unit(nfc).id == nfc);
}
