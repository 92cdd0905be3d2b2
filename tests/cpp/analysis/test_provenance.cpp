// provenance(): what a graph says of its own records, on a tiny graph and on the embedded one.

#include <string>
#include <utility>
#include <vector>

#include <antq/analysis/provenance.hpp>
#include <antq/io/datasets.hpp>

#include "support.hpp"

using namespace antq;

TEST_CASE("provenance: a graph with no flags is all real and assumes nothing") {
    const OrgGraph g = test::tiny_province();
    const Provenance p = provenance(g);
    CHECK(p.units == g.unit_count());
    CHECK(p.synthetic == 0);
    CHECK(p.code_unknown == 0);
    CHECK(p.assumed.empty());
    CHECK(p.ties_assumed == 0);
    CHECK(p.assumptions.empty());
    CHECK_FALSE(p.any());
}

TEST_CASE("provenance: synthetic units, unknown codes, assumed figures and the graph's own words are counted") {
    OrgGraph g = test::tiny_province();
    auto set = [&](const char* id, const char* key, Value value) { g.set_unit_attribute(g.index_of(id), key, std::move(value)); };
    using std::string;
    set("10945", "synthetic", true);
    set("10945.pc", "synthetic", true);
    set("10987", "synthetic", false);  // only true counts
    set("10987", "code_known", false);
    set("10501", "members_assumed", true);
    set("288", "members_assumed", true);
    set("296", "members_assumed", string("yes"));  // not a boolean: not counted
    set("30", "_assumed", true);                   // no name before the suffix
    g.add_tie("296.pc", "288.pc", TieKind::coordinates, Object{{"assumption", Value(string("a guess"))}});
    g.set_attributes(Object{{"synthetic", Value(string("the communes"))},
                            {"assumptions", Value(Array{Value(string("3.58")), Value(std::int64_t{1})})}});
    const Provenance p = provenance(g);
    CHECK(p.synthetic == 2);
    CHECK(p.code_unknown == 1);
    CHECK(p.assumed == std::vector<std::pair<std::string, std::uint32_t>>{{"members_assumed", 2}});
    CHECK(p.ties_assumed == 1);
    CHECK(p.synthetic_note == "the communes");
    CHECK(p.assumptions == std::vector<std::string>{"3.58"});
    CHECK(p.any());
    bool communes = false;
    for (const auto& c : p.by_kind)
        if (c.kind == UnitKind::commune) {
            communes = true;
            CHECK(c.units == 3);
            CHECK(c.synthetic == 1);
        }
    CHECK(communes);
}

TEST_CASE("provenance: the embedded graph says which of its units are made up and what it assumes") {
    const OrgGraph g = datasets::hai_duong_2024();
    const Provenance p = provenance(g);
    CHECK(p.units == g.unit_count());
    CHECK(p.synthetic == Selector::attribute_equals("synthetic", true).select(g).size());
    CHECK(p.synthetic > 0);
    CHECK(p.code_unknown == 1);  // An Lâm
    for (const auto& c : p.by_kind) {
        if (c.kind == UnitKind::village) CHECK(c.synthetic == c.units);
        if (c.kind == UnitKind::commune) CHECK(c.synthetic == 47);
    }
    REQUIRE(p.assumed.size() == 1);
    CHECK(p.assumed[0].first == "members_assumed");
    CHECK(p.assumptions.size() == 3);
    CHECK(p.assumptions[0].find("3.58") != std::string::npos);
}
