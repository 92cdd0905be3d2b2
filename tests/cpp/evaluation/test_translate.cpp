#include <string>

#include <antq/evaluation/example.hpp>
#include <antq/evaluation/translate.hpp>
#include <antq/io/datasets.hpp>
#include <antq/restructure/what_if.hpp>

#include "support.hpp"

using namespace antq;

// The Hải Dương rules were written for three tiers: their district subject needs a level a two-tier graph lacks.

namespace {

bool has_subject(const EvaluationRules& rules, const std::string& id) { return rules.subject_index(id).has_value(); }

}  // namespace

TEST_CASE("evaluation rules across a change: three-tier rules on the two-tier Hải Dương what-if") {
    const Applied two_tier = remove_level(datasets::hai_duong_2024(), Level::district);
    const EvaluationRules rules = default_evaluation_rules();
    ANTQ_CHECK_ERROR(check_subjects(rules, two_tier.graph), InvalidInput, "unmatched_selector",
                     "1 selector matches no unit: rules 'hai_duong_2024' subject 'district' units: "
                     "kind(district) (needs the level district, which the structure two_tier does not have)");

    SelectorTranslation translation;
    translation.levels = {{Level::district, Level::commune}};
    const TranslatedRules kept = translate(rules, two_tier.graph, translation);
    CHECK(kept.dropped.empty());  // nothing left out without drop_unmatched
    CHECK(has_subject(kept.rules, "district"));

    translation.drop_unmatched = true;
    const TranslatedRules carried = translate(rules, two_tier.graph, translation);
    REQUIRE(carried.dropped.size() == 1);
    CHECK(carried.dropped.front().find("subject 'district' units: kind(district)") != std::string::npos);
    CHECK_FALSE(has_subject(carried.rules, "district"));
    const Subject& agency = carried.rules.subjects[*carried.rules.subject_index("agency")];
    CHECK(agency.units.to_string().find("district") == std::string::npos);
    CHECK_NOTHROW(check_subjects(carried.rules, two_tier.graph));

    // The run: the untranslated rules fail before any record is read; the translated ones say what they left out.
    const Assessments records = example_assessments(two_tier.graph, carried.rules, 2024, 1);
    ANTQ_CHECK_ERROR(evaluate(two_tier.graph, records, rules), InvalidInput, "unmatched_selector", "subject 'district'");
    const Evaluation year = evaluate(two_tier.graph, records, rules, translation);
    CHECK(year.dropped() == carried.dropped);
    CHECK(year.results().size() > 0);
}

TEST_CASE("evaluation rules across a change: the default rule set follows the structure preset") {
    const EvaluationRules written = default_evaluation_rules();
    CHECK(default_evaluation_rules(AdministrativeStructure::three_tier()) == written);
    CHECK(default_evaluation_rules(AdministrativeStructure::either()) == written);
    CHECK(for_structure(written, AdministrativeStructure::three_tier()) == written);

    const EvaluationRules fitted = default_evaluation_rules(AdministrativeStructure::two_tier());
    CHECK_FALSE(has_subject(fitted, "district"));
    CHECK(fitted.subjects.size() == written.subjects.size() - 1);
    CHECK(fitted.title.find("fitted to two_tier") != std::string::npos);
    const Subject& commune = fitted.subjects[*fitted.subject_index("commune")];
    CHECK(commune.decided_at.assumed());
    const Subject& agency = fitted.subjects[*fitted.subject_index("agency")];
    CHECK(agency.units.to_string().find("district") == std::string::npos);
    CHECK(agency.units.to_string().find("commune") != std::string::npos);

    const Applied two_tier = remove_level(datasets::hai_duong_2024(), Level::district);
    CHECK_NOTHROW(check_subjects(fitted, two_tier.graph));
}

TEST_CASE("evaluation rules across a change: a subject that simply picks nothing is no error") {
    // The tiny province has no villages, enterprises or schools, and follows `either`: the rules fit it as written.
    const OrgGraph g = test::tiny_province();
    CHECK_NOTHROW(check_subjects(default_evaluation_rules(), g));
}
