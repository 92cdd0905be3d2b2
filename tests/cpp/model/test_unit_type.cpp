#include <string>

#include "support.hpp"

using namespace antq;

TEST_CASE("unit types: every GSO type at its level, with the title names use") {
    CHECK(administrative_unit_types().size() == 11);
    const auto municipality = find_unit_type("Thành phố trực thuộc trung ương", Level::province);
    REQUIRE(municipality);
    CHECK(municipality->title == "thành phố");
    CHECK(find_unit_type("đặc khu tại hải đảo", Level::commune)->name == "đặc khu");
    CHECK(find_unit_type("thành phố", Level::district)->name == "thành phố thuộc tỉnh");
    CHECK_FALSE(find_unit_type("quận", Level::commune));
    CHECK_FALSE(find_unit_type("xã", Level::province));
}

TEST_CASE("unit types: territory_title puts the type's title before the name") {
    Unit commune{"10987", "Nhân Quyền", UnitKind::commune, Level::commune, Object{{"type", Value("xã")}}};
    CHECK(territory_title(commune) == "xã Nhân Quyền");
    Unit city{"31", "Hải Phòng", UnitKind::province, Level::province,
              Object{{"type", Value("thành phố trực thuộc trung ương")}}};
    CHECK(territory_title(city) == "thành phố Hải Phòng");
    Unit untyped{"30", "Hải Dương", UnitKind::province, Level::province, {}};
    CHECK(territory_title(untyped) == "Hải Dương");
}

TEST_CASE("text: lower_case folds case after NFC, name_key ignores the tone mark's place") {
    CHECK(lower_case("Xã Bắc Sơn") == "xã bắc sơn");
    CHECK(name_key("Khánh Hòa") == name_key("Khánh Hoà"));
    CHECK(name_key("Hòa") != name_key("Hoa"));
    ANTQ_CHECK_ERROR(name_key("\xff"), InvalidInput, "invalid_utf8", "name");
}
