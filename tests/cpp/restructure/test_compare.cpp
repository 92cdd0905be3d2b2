#include <string>

#include <antq/io/datasets.hpp>
#include <antq/restructure/compare.hpp>
#include <antq/restructure/what_if.hpp>

#include "support.hpp"

using namespace antq;
using namespace antq::test;

namespace {

const ComparedMeasure& row(const Comparison& c, const std::string& measure) {
    for (const ComparedMeasure& m : c.measures)
        if (m.measure == measure) return m;
    FAIL("no measure " << measure);
    throw;
}

bool has_row(const Comparison& c, const std::string& measure) {
    for (const ComparedMeasure& m : c.measures)
        if (m.measure == measure) return true;
    return false;
}

// The commune police lead and the commune People's Committees coordinate.
Directive commune_duty() {
    return directive({task("1", {assign(Role::lead, Selector::kind(UnitKind::police) & Selector::level(Level::commune)),
                                 assign(Role::coordinate,
                                        Selector::kind(UnitKind::peoples_committee) & Selector::level(Level::commune))})});
}

}  // namespace

TEST_CASE("compare: the same table on the same graph changes nothing") {
    const OrgGraph g = tiny_province();
    const Responsibilities r = compile(commune_duty(), g);
    const Comparison c = compare(r, g, r, g);
    for (const ComparedMeasure& m : c.measures) CHECK(m.change() == 0.0);
    CHECK(c.pairs.empty());
    CHECK(c.dropped.empty());
    CHECK(row(c, "load commune lead").before == 3);
    CHECK(row(c, "load commune coordinate").before == 3);
    CHECK_FALSE(has_row(c, "load district lead"));  // zero on both sides
    // Commune police answer to their committee and to the district police (dual subordination): 3 steps to the top.
    CHECK(row(c, "bound bodies commune").before == 6);
    CHECK(row(c, "several chains commune").before == 3);
    CHECK(row(c, "chain steps commune").before == doctest::Approx(15.0 / 6));
    CHECK(row(c, "coordination pairs").before == 3);
    CHECK_FALSE(has_row(c, "coordination gaps"));
}

TEST_CASE("compare: district bodies taken out shorten the chains and open a coordination gap") {
    const OrgGraph before = tiny_province();
    OrgGraph after = before;
    after.remove_unit(after.index_of("296.police"));
    after.remove_unit(after.index_of("296.pc"));
    for (const char* commune : {"10945", "10987"}) {
        after.add_tie("30.police", std::string(commune) + ".police", TieKind::directs);
        after.add_tie("30.pc", std::string(commune) + ".pc", TieKind::directs);
    }
    after.remove_tie(*after.find_tie(after.index_of("10987.pc"), after.index_of("10987.police"), TieKind::directs));
    after.set_unit_attribute(after.index_of("10501.police"), "synthetic", Value(true));

    const Comparison c = compare(compile(commune_duty(), before), before, compile(commune_duty(), after), after);
    const ComparedMeasure& steps = row(c, "chain steps commune");
    CHECK(steps.before == doctest::Approx(15.0 / 6));
    CHECK(steps.after == doctest::Approx(11.0 / 6));  // each commune police now 2 steps below the provincial committee
    CHECK(steps.change() == doctest::Approx(-4.0 / 6));
    CHECK(row(c, "several chains commune").after == 2);
    // The synthetic police of 10501 is counted, and said to be.
    CHECK(steps.before_synthetic == 0);
    CHECK(steps.after_synthetic == 1);
    CHECK(row(c, "load commune lead").after_synthetic == 1);
    CHECK(row(c, "coordination gaps").before == 0);
    CHECK(row(c, "coordination gaps").after == 1);
    REQUIRE(c.pairs.size() == 1);
    CHECK(c.pairs[0].lead == "10987.police");
    CHECK(c.pairs[0].partner == "10987.pc");
    CHECK((c.pairs[0].before && c.pairs[0].after && !c.pairs[0].gap_before && c.pairs[0].gap_after));
}

TEST_CASE("compare: a table read against another graph is stale") {
    const OrgGraph g = tiny_province();
    const OrgGraph other = tiny_province();
    const Responsibilities r = compile(commune_duty(), g);
    CHECK_THROWS_AS(compare(r, g, r, other), StaleView);
}

TEST_CASE("compare: the 2024 directive on Hải Dương before and after the district level is removed") {
    const OrgGraph before = datasets::hai_duong_2024();
    const Directive directive = datasets::directive_2024();
    const Applied after = remove_level(before, Level::district);
    SelectorTranslation translation;
    translation.levels = {{Level::district, Level::commune}};
    translation.drop_unmatched = true;
    const Comparison c = compare(compile(directive, before), before, compile(directive, after.graph, translation), after.graph);
    CHECK(row(c, "load district lead").before > 0);
    CHECK(row(c, "load district lead").after == 0);
    CHECK(row(c, "chain steps commune").after < row(c, "chain steps commune").before);
    CHECK(c.dropped.size() == 13);
    // The default graph's synthetic units are behind some figures, and each says how many.
    bool any_synthetic = false;
    for (const ComparedMeasure& m : c.measures) any_synthetic = any_synthetic || m.before_synthetic > 0;
    CHECK(any_synthetic);
}
