#include <string>

#include "support.hpp"

using namespace antq;

// The 2024 directive was written for three tiers. Once the district level is removed from the Hải Dương default, its
// selectors that need a district match nothing: compile() names each one; a translation carries the directive over.

TEST_CASE("directives across a change: compiled on Hải Dương before and after remove_level") {
    const OrgGraph before = datasets::hai_duong_2024();
    const Directive directive = datasets::directive_2024();
    const Responsibilities on_three_tiers = compile(directive, before);
    CHECK(on_three_tiers.rows().size() > 0);

    const Applied after = remove_level(before, Level::district);
    CHECK(after.graph.structure().id() == "two_tier");
    CHECK_FALSE(after.graph.contains("296.police"));
    try {
        (void)compile(directive, after.graph);
        FAIL("expected unmatched_selector");
    } catch (const InvalidInput& e) {
        const std::string what = e.what();
        CHECK(e.tag() == "unmatched_selector");
        // The district recipients and the Bình Giang district police pilot are both named, with their places.
        CHECK(what.find("recipient 7") != std::string::npos);
        CHECK(what.find("level(district)") != std::string::npos);
        CHECK(what.find("clause 3, assignment 2 target: id('296.police') (names an id the graph lacks)") != std::string::npos);
        CHECK(what.find("selectors match no unit") != std::string::npos);
    }

    // Carried over: district duties go to the commune, and what still matches nothing is left out and listed.
    SelectorTranslation translation;
    translation.levels = {{Level::district, Level::commune}};
    translation.drop_unmatched = true;
    for (const Succession& s : after.ids.rows())
        if (s.before == "296.police") translation.ids.push_back({s.before, s.after.empty() ? std::vector<std::string>{}
                                                                                         : std::vector<std::string>{s.after}});
    const Responsibilities on_two_tiers = compile(directive, after.graph, translation);
    CHECK(on_two_tiers.rows().size() > 0);
    // The pilot of clause 3, and clause 6's twelve district steering committees 138, abolished with their level.
    REQUIRE(on_two_tiers.dropped().size() == 13);
    CHECK(on_two_tiers.dropped().front().find("clause 3") != std::string::npos);
    CHECK(on_two_tiers.dropped().front().find("296.police") == std::string::npos);  // translated away to "no unit"
    for (std::size_t i = 1; i < on_two_tiers.dropped().size(); ++i) {
        CHECK(on_two_tiers.dropped()[i].find("clause 6") == 0);
        CHECK(on_two_tiers.dropped()[i].find(".sc138") != std::string::npos);
    }
    // Without drop_unmatched, the translated directive still fails on exactly those: the pilot's builders (296.pc is
    // gone) and its target, and the units and the target of each committee's assignment (2 + 12 × 2 selectors).
    translation.drop_unmatched = false;
    ANTQ_CHECK_ERROR(compile(directive, after.graph, translation), InvalidInput, "unmatched_selector", "26 selectors match");
}
