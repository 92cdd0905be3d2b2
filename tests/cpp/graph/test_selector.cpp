#include "support.hpp"

using namespace antq;

namespace {
std::vector<std::string> picked(const OrgGraph& g, const Selector& s) {
    std::vector<std::string> out;
    for (UnitIndex u : s.select(g)) out.push_back(g.unit(u).id);
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("selector: primitives") {
    const OrgGraph g = test::tiny_province();
    CHECK(picked(g, Selector::kind(UnitKind::district)) == std::vector<std::string>{"288", "296"});
    CHECK(picked(g, Selector::level(Level::commune) & Selector::kind(UnitKind::police)) ==
          std::vector<std::string>{"10501.police", "10945.police", "10987.police"});
    CHECK(picked(g, Selector::id("30")) == std::vector<std::string>{"30"});
    CHECK(Selector::all().select(g).size() == g.unit_count());
}

TEST_CASE("selector: within takes territories, the bodies serving them and their heads") {
    const OrgGraph g = test::tiny_province();
    CHECK(picked(g, Selector::within("296")) ==
          std::vector<std::string>{"10945", "10945.pc", "10945.police", "10987", "10987.pc", "10987.police", "296",
                                   "296.pc", "296.police"});
    // The head post of the provincial People's Committee comes with the province.
    CHECK(picked(g, Selector::within("30") & Selector::kind(UnitKind::post)) == std::vector<std::string>{"30.pc.head"});
    ANTQ_CHECK_ERROR(Selector::within("30.pc").select(g), InvalidInput, "not_a_territory", "'30.pc'");
    ANTQ_CHECK_ERROR(Selector::within("99").select(g), NotFound, "unknown_unit", "'99'");
}

TEST_CASE("selector: and, or, not, attributes") {
    OrgGraph g = test::tiny_province();
    g.set_unit_attribute(g.index_of("10987"), "pilot", true);
    g.set_unit_attribute(g.index_of("10945"), "type", "thị trấn");
    CHECK(picked(g, Selector::attribute_equals("pilot", true)) == std::vector<std::string>{"10987"});
    CHECK(picked(g, Selector::has_attribute("type")) == std::vector<std::string>{"10945"});
    CHECK(picked(g, Selector::kind(UnitKind::commune) & ~Selector::within("296")) == std::vector<std::string>{"10501"});
    CHECK(picked(g, Selector::id("30") | Selector::id("288")) == std::vector<std::string>{"288", "30"});
    CHECK((Selector::kind(UnitKind::police) & ~Selector::level(Level::commune)).to_string() ==
          "kind(police) & ~(level(commune))");
}

TEST_CASE("selector: removed units are never selected") {
    OrgGraph g = test::tiny_province();
    g.remove_unit(g.index_of("10501"));
    CHECK(picked(g, Selector::kind(UnitKind::commune)) == std::vector<std::string>{"10945", "10987"});
    CHECK(picked(g, ~Selector::kind(UnitKind::commune)).size() == g.unit_count() - 2);
}

TEST_CASE("select among given units tests only those, in index order, once each") {
    const OrgGraph g = test::tiny_province();
    const std::vector<UnitIndex> among{g.index_of("10945.police"), g.index_of("30.pc"), g.index_of("10945.police"),
                                       g.index_of("296.police")};
    const auto police = Selector::kind(UnitKind::police).select(g, among);
    CHECK(test::ids(g, police) == std::vector<std::string>{"296.police", "10945.police"});
    CHECK(Selector::kind(UnitKind::police).select(g, std::vector<UnitIndex>{}).empty());
    OrgGraph h = test::tiny_province();
    const UnitIndex gone = h.index_of("10945.police");
    h.remove_unit(gone);
    CHECK(Selector::all().select(h, std::vector<UnitIndex>{gone}).empty());
}

TEST_CASE("selector: trees built in code nest at most max_depth levels, like the JSON form") {
    Selector s = Selector::kind(UnitKind::police);
    for (std::size_t i = 1; i < Selector::max_depth; ++i) s = ~s;
    CHECK(s.node().depth == Selector::max_depth);
    ANTQ_CHECK_ERROR(~s, InvalidInput, "too_deep", "not a chain of & or |");
    ANTQ_CHECK_ERROR(s & Selector::all(), InvalidInput, "too_deep", "");
    ANTQ_CHECK_ERROR(Selector::any_of({Selector::all(), s}), InvalidInput, "too_deep", "");
    const OrgGraph g = test::tiny_province();
    CHECK(s.select(g).size() == (Selector::max_depth % 2 == 1 ? Selector::kind(UnitKind::police).select(g).size()
                                                              : g.unit_count() - Selector::kind(UnitKind::police).select(g).size()));
}
