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

TEST_CASE("selector: a tree starting with a kind or level test picks, on every unit, what it picks among all of them") {
    // On every unit such a tree starts from the units passing its first test; among given units it does not, so
    // the two must agree, removed units and errors of later operands included.
    OrgGraph g = datasets::hai_duong_2024();
    g.set_unit_attribute(g.index_of("10987"), "pilot", true);
    g.remove_unit(g.index_of("10945.police"));
    const std::vector<UnitIndex> every = g.units();
    using S = Selector;
    const std::vector<Selector> shapes{
        S::kind(UnitKind::police),
        S::levels({Level::commune, Level::district}),
        S::kinds({UnitKind::police, UnitKind::commune}) & S::level(Level::commune),
        S::level(Level::commune) & ~S::kind(UnitKind::commune),
        S::all_of({S::all_of({S::kind(UnitKind::commune), S::level(Level::commune)}), S::has_attribute("pilot")}),
        S::kind(UnitKind::commune) & S::all_of({S::level(Level::commune), S::id("99")}),
    };
    for (const Selector& s : shapes) {
        CAPTURE(s.to_string());
        const auto view = g.freeze();
        if (s == shapes.back()) {
            ANTQ_CHECK_ERROR(s.select(g), NotFound, "unknown_unit", "'99'");
            ANTQ_CHECK_ERROR(s.select(*view, g), NotFound, "unknown_unit", "'99'");
            continue;
        }
        const std::vector<UnitIndex> all = s.select(g, every);
        CHECK(!all.empty());
        CHECK(s.select(g) == all);
        CHECK(s.select(*view, g) == all);
        CHECK(s.select(*view, g, every) == all);
    }
    const auto police = test::ids(g, S::kind(UnitKind::police).select(g));
    CHECK(std::find(police.begin(), police.end(), "10945.police") == police.end());
    CHECK(std::find(police.begin(), police.end(), "10987.police") != police.end());
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

namespace {

// What a selection gives: the units picked, or the error's type and message (which starts with its tag), so two
// ways of selecting can be compared on success and on failure alike.
template <class Select>
std::string outcome(Select&& select) {
    try {
        std::string out;
        for (UnitIndex u : select()) out += std::to_string(u.value) + " ";
        return out;
    } catch (const NotFound& e) {
        return std::string("NotFound ") + e.what();
    } catch (const InvalidInput& e) {
        return std::string("InvalidInput ") + e.what();
    } catch (const Error& e) {
        return std::string("Error ") + e.what();
    }
}

bool failed(const std::string& outcome) {
    return outcome.starts_with("NotFound") || outcome.starts_with("InvalidInput") || outcome.starts_with("Error");
}

bool tests_attributes(const Selector& s) {
    const auto op = s.node().op;
    if (op == Selector::Op::attribute_equals || op == Selector::Op::has_attribute) return true;
    return std::any_of(s.node().operands.begin(), s.node().operands.end(), tests_attributes);
}

// Every shape of tree, on ids of the Hải Dương graph: each op alone, combined, and failing.
std::vector<Selector> shapes() {
    using S = Selector;
    const S commune_police = S::kind(UnitKind::police) & S::level(Level::commune);
    return {S::all(),
            S::kind(UnitKind::commune),
            S::kinds({UnitKind::police, UnitKind::peoples_committee}),
            S::level(Level::district),
            S::levels({Level::province, Level::commune}),
            S::within("30"),
            S::within("296"),
            S::within("10987"),
            S::id("30"),
            S::ids({"296", "10987", "30.pc", "296"}),
            S::attribute_equals("pilot", true),
            S::attribute_equals("pilot", false),
            S::has_attribute("type"),
            commune_police,
            commune_police & S::within("296"),
            S::kind(UnitKind::commune) & ~S::within("296"),
            S::id("30") | S::within("10987") | S::level(Level::district),
            ~S::all(),
            ~(S::kind(UnitKind::post) | S::has_attribute("pilot")),
            S::all_of({S::within("30"), S::within("296"), S::kind(UnitKind::police)}),
            S::any_of({S::within("10987"), S::attribute_equals("type", "thị trấn") & S::level(Level::commune)}),
            S::within("30.pc"),
            S::within("99"),
            S::id("99"),
            S::kind(UnitKind::commune) & S::id("99"),
            ~S::within("30.pc.head"),
            S::ids({"30", "99"}) | S::all()};
}

// Selecting on `g` and on its frozen view give the same answer or the same error, for every shape, with and without
// a list of units to choose among.
void check_view_agrees(const OrgGraph& g) {
    const auto view = g.freeze();
    std::vector<UnitIndex> among;
    for (UnitIndex u : g.units())
        if (u.value % 3 != 1) among.push_back(u);
    std::reverse(among.begin(), among.end());  // order and repeats do not matter
    among.push_back(among.back());
    for (const Selector& s : shapes()) {
        CAPTURE(s.to_string());
        const std::string on_graph = outcome([&] { return s.select(g); });
        CHECK(outcome([&] { return s.select(*view, g); }) == on_graph);
        const std::string among_graph = outcome([&] { return s.select(g, among); });
        CHECK(outcome([&] { return s.select(*view, g, among); }) == among_graph);
        if (tests_attributes(s)) {
            // Without the graph the attribute test fails, unless another node of the tree failed first, as it does
            // on the graph.
            const std::string needs_graph = "InvalidInput needs_graph: attribute '";
            const std::string alone = outcome([&] { return s.select(*view); });
            CHECK((alone.starts_with(needs_graph) || (alone == on_graph && failed(on_graph))));
            const std::string among_alone = outcome([&] { return s.select(*view, among); });
            CHECK((among_alone.starts_with(needs_graph) || (among_alone == among_graph && failed(among_graph))));
        } else {
            CHECK(outcome([&] { return s.select(*view); }) == on_graph);
            CHECK(outcome([&] { return s.select(*view, among); }) == among_graph);
        }
    }
}

OrgGraph hai_duong_with_attributes() {
    OrgGraph g = datasets::hai_duong_2024();
    g.set_unit_attribute(g.index_of("10987"), "pilot", true);
    g.set_unit_attribute(g.index_of("296.police"), "pilot", false);
    g.set_unit_attribute(g.index_of("10945"), "type", "thị trấn");
    return g;
}

}  // namespace

TEST_CASE("selector: the frozen view selects as the graph does, every op, combination and error") {
    const OrgGraph g = hai_duong_with_attributes();
    // The shapes do pick something and do fail, so agreement is not agreement on nothing.
    CHECK(Selector::within("296").select(g).size() > 10);
    CHECK(Selector::attribute_equals("pilot", true).select(g).size() == 1);
    check_view_agrees(g);
    ANTQ_CHECK_ERROR(Selector::within("99").select(*g.freeze()), NotFound, "unknown_unit", "'99'");
    ANTQ_CHECK_ERROR((Selector::kind(UnitKind::commune) & Selector::has_attribute("type")).select(*g.freeze()),
                     InvalidInput, "needs_graph", "attribute 'type': the frozen view holds no attributes");
    ANTQ_CHECK_ERROR(Selector::within("30.pc").select(*g.freeze()), InvalidInput, "not_a_territory", "'30.pc'");
}

TEST_CASE("selector: the frozen view after removals and changes: a fresh view agrees, an old one stays a snapshot") {
    OrgGraph g = hai_duong_with_attributes();
    const auto before = g.freeze();
    const auto communes_before = Selector::kind(UnitKind::commune).select(*before);
    // Remove a commune with its bodies, a district's police, and a containment tie; move an attribute.
    const UnitIndex commune = g.index_of("10987");
    for (UnitIndex body : g.parents(commune, TieKind::serves)) g.remove_unit(body);
    g.remove_unit(commune);
    g.remove_unit(g.index_of("296.police"));
    g.remove_tie(g.in_ties(g.index_of("10945"), TieKind::contains).front());
    g.set_unit_attribute(g.index_of("10945"), "pilot", true);
    check_view_agrees(g);
    CHECK(Selector::kind(UnitKind::commune).select(*g.freeze()).size() == communes_before.size() - 1);
    // The old view still answers as the graph was; with the changed graph for its attributes it refuses.
    CHECK(Selector::kind(UnitKind::commune).select(*before) == communes_before);
    CHECK(Selector::within("10987").select(*before).size() > 1);
    ANTQ_CHECK_ERROR(Selector::all().select(*before, g), StaleView, "stale_view", "changed");
    ANTQ_CHECK_ERROR(Selector::has_attribute("pilot").select(*before, g, communes_before), StaleView, "stale_view", "");
    const OrgGraph copy = g;
    ANTQ_CHECK_ERROR(Selector::all().select(*g.freeze(), copy), StaleView, "stale_view", "");
}
