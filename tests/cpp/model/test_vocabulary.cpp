#include "support.hpp"

using namespace antq;

TEST_CASE("level: names round trip and order top-down") {
    for (Level l : all_levels) CHECK(parse_level(to_string(l)) == l);
    CHECK_FALSE(parse_level("ward").has_value());
    CHECK(is_above(Level::province, Level::commune));
    CHECK_FALSE(is_above(Level::commune, Level::commune));
}

TEST_CASE("unit_kind: names round trip, territories, bodies and posts are told apart") {
    for (std::size_t i = 0; i < unit_kind_count; ++i) {
        const auto k = static_cast<UnitKind>(i);
        CHECK(parse_unit_kind(to_string(k)) == k);
    }
    CHECK(is_territory(UnitKind::village));
    CHECK(territory_level(UnitKind::district) == Level::district);
    CHECK(is_body(UnitKind::security_team));
    CHECK(is_post(UnitKind::post));
    CHECK_FALSE(is_body(UnitKind::post));
    CHECK_FALSE(parse_unit_kind("People's Committee").has_value());
}

TEST_CASE("tie_kind: names round trip") {
    for (std::size_t i = 0; i < tie_kind_count; ++i) {
        const auto k = static_cast<TieKind>(i);
        CHECK(parse_tie_kind(to_string(k)) == k);
    }
    CHECK_FALSE(parse_tie_kind("contain").has_value());
}

TEST_CASE("ids: indices compare and hash") {
    CHECK(UnitIndex{1} < UnitIndex{2});
    CHECK(std::hash<TieIndex>{}(TieIndex{3}) == std::hash<TieIndex>{}(TieIndex{3}));
    CHECK(UnitIndex{}.value == std::numeric_limits<std::uint32_t>::max());
}

TEST_CASE("unit and tie: value semantics") {
    Unit a{"30", "Hải Dương", UnitKind::province, Level::province, {{"type", "tỉnh"}}};
    Unit b = a;
    CHECK(a == b);
    b.attributes.set("type", "thành phố");
    CHECK_FALSE(a == b);
    Tie t{UnitIndex{0}, UnitIndex{1}, TieKind::contains, {}};
    CHECK(t == Tie{UnitIndex{0}, UnitIndex{1}, TieKind::contains, {}});
}
