#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/rules.hpp>

#include "support.hpp"

using namespace antq;
using nlohmann::json;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Unit with(Unit u, const char* key, Value v) {
    u.attributes.set(key, std::move(v));
    return u;
}

void headed(OrgGraph& g, const std::string& body, Level level) {
    g.add_unit(test::body(body + ".head", "Head of " + body, UnitKind::post, level));
    g.add_tie(body + ".head", body, TieKind::heads);
}

/**
 * tiny_province() plus: villages 10945.v1-v3 in Kẻ Sặt and 10987.v1 in Nhân Quyền; in Kẻ Sặt a medium and a
 * small enterprise, a lower-secondary and a primary school, run by the district; a district agency in Bình Giang; an
 * upper-secondary school in Bình Giang run by the provincial department of education; three provincial departments,
 * one of the armed forces; the National Assembly delegation; a steering committee 138 in every territory. Heads on
 * the commune PCs, police and steering, the agency and district PCs.
 */
OrgGraph evaluated_province() {
    OrgGraph g = test::tiny_province();
    for (const char* v : {"10945.v1", "10945.v2", "10945.v3", "10987.v1"}) {
        g.add_unit(test::territory(v, std::string("Thôn ") + v, UnitKind::village));
        g.add_tie(std::string(v).substr(0, 5), v, TieKind::contains);
    }
    auto serve = [&](Unit u, const std::string& territory) {
        const std::string id = u.id;
        g.add_unit(std::move(u));
        g.add_tie(id, territory, TieKind::serves);
    };
    serve(with(test::body("10945.ent", "Công ty A", UnitKind::enterprise, Level::commune), "size", Value("medium")), "10945");
    serve(with(test::body("10945.small", "Hộ kinh doanh B", UnitKind::enterprise, Level::commune), "size", Value("small")), "10945");
    serve(with(test::body("10945.micro", "Cơ sở C", UnitKind::enterprise, Level::commune), "size", Value("micro")), "10945");
    serve(with(test::body("10945.thcs", "THCS Kẻ Sặt", UnitKind::school, Level::commune), "school_level", Value("lower_secondary")), "10945");
    serve(with(test::body("10945.th", "Tiểu học Kẻ Sặt", UnitKind::school, Level::commune), "school_level", Value("primary")), "10945");
    serve(with(test::body("10945.mn", "Mầm non Kẻ Sặt", UnitKind::school, Level::commune), "school_level", Value("preschool")), "10945");
    serve(with(test::body("10945.nt", "Nhà trẻ Kẻ Sặt", UnitKind::school, Level::commune), "school_level", Value("nursery")), "10945");
    serve(test::body("296.agency", "Chi cục Thuế", UnitKind::agency, Level::district), "296");
    serve(test::body("30.dept", "Sở Tư pháp", UnitKind::department, Level::province), "30");
    serve(with(test::body("30.army", "Bộ Chỉ huy Quân sự", UnitKind::department, Level::province), "armed_forces", Value(true)), "30");
    serve(test::body("30.edu", "Sở Giáo dục và Đào tạo", UnitKind::department, Level::province), "30");
    serve(with(test::body("296.thpt", "THPT Bình Giang", UnitKind::school, Level::district), "school_level", Value("upper_secondary")), "296");
    serve(with(test::body("30.na_delegation", "Đoàn ĐBQH tỉnh", UnitKind::agency, Level::province), "national_assembly", Value(true)), "30");
    // Who manages each body (TT 124 Điều 10 decides by it): schools below upper secondary and district agencies
    // by the district, upper-secondary schools by the provincial department, departments by the province.
    for (const char* s : {"10945.thcs", "10945.th", "10945.mn", "10945.nt", "296.agency"}) g.add_tie("296.pc", s, TieKind::directs);
    for (const char* s : {"30.dept", "30.army", "30.edu"}) g.add_tie("30.pc", s, TieKind::directs);
    g.add_tie("30.edu", "296.thpt", TieKind::directs);
    serve(test::body("10945.sc", "BCĐ 138 Kẻ Sặt", UnitKind::steering_committee, Level::commune), "10945");
    for (const char* t : {"30", "296", "288", "10987", "10501"})
        serve(test::body(std::string(t) + ".sc", std::string("BCĐ 138 ") + t, UnitKind::steering_committee,
                         g.unit(std::string_view(t)).level),
              t);
    for (const char* b : {"10945.pc", "10945.police", "10945.sc", "10987.pc"}) headed(g, b, Level::commune);
    for (const char* b : {"296.agency", "296.pc", "288.pc"}) headed(g, b, Level::district);
    headed(g, "30.dept", Level::province);
    return g;
}

const EvaluationRules& rules() {
    static const EvaluationRules r = default_evaluation_rules();
    return r;
}

const Subject& subject_of(const OrgGraph& g, std::string_view unit) {
    for (const Subject& s : rules().subjects)
        for (UnitIndex u : s.units.select(g))
            if (g.unit(u).id == unit) return s;
    FAIL("no subject picks " << unit);
    throw;
}

/** A record that passes everything: all plain criteria, full points, the dossier on the deadline. */
AssessmentRecord perfect(const OrgGraph& g, std::string unit, int year = 2024) {
    const Subject& s = subject_of(g, unit);
    AssessmentRecord r;
    r.unit = std::move(unit);
    r.dossier_date = s.deadline_day(year);
    if (s.title)
        for (const auto& c : s.title->criteria)
            if (!c.share) r.criteria_met.push_back(c.id);
    if (s.classification)
        for (const auto& c : s.classification->criteria) r.scores.emplace_back(c.id, c.max_points);
    return r;
}

/** Records for every unit a subject picks and does not exclude. */
Assessments all_perfect(const OrgGraph& g) {
    Assessments a;
    a.year = 2024;
    for (const Subject& s : rules().subjects) {
        std::vector<bool> excluded(g.unit_capacity(), false);
        for (const auto& e : s.exclusions)
            for (UnitIndex u : e.units.select(g)) excluded[u.value] = true;
        for (UnitIndex u : s.units.select(g))
            if (!excluded[u.value]) a.records.push_back(perfect(g, g.unit(u).id));
    }
    return a;
}

AssessmentRecord& record_of(Assessments& a, std::string_view unit) {
    for (auto& r : a.records)
        if (r.unit == unit) return r;
    FAIL("no record for " << unit);
    throw;
}

void erase_record(Assessments& a, std::string_view unit) {
    std::erase_if(a.records, [&](const AssessmentRecord& r) { return r.unit == unit; });
}

// Sets the points so that they total `total` (the first criterion takes what the others do not).
void set_total(const OrgGraph& g, AssessmentRecord& r, double total) {
    const auto& criteria = subject_of(g, r.unit).classification->criteria;
    r.scores.clear();
    double rest = total;
    for (std::size_t i = criteria.size(); i-- > 1;) {
        const double p = std::min(criteria[i].max_points, rest);
        r.scores.emplace_back(criteria[i].id, p);
        rest -= p;
    }
    REQUIRE(rest <= criteria[0].max_points);
    r.scores.emplace_back(criteria[0].id, rest);
}

const UnitResult& result(const Evaluation& e, const OrgGraph& g, std::string_view unit) {
    const UnitResult* r = e.result_of(g.index_of(unit));
    REQUIRE_MESSAGE(r != nullptr, "no result for ", unit);
    return *r;
}

std::string level_of(const Evaluation& e, const OrgGraph& g, std::string_view unit) {
    const UnitResult& r = result(e, g, unit);
    return r.level ? e.rules().subjects[r.subject].classification->levels[*r.level].id : std::string("-");
}

std::vector<std::string> failed_of(const Evaluation& e, const OrgGraph& g, std::string_view unit) {
    const UnitResult& r = result(e, g, unit);
    std::vector<std::string> out;
    for (auto c : r.failed_criteria) out.push_back(e.rules().subjects[r.subject].title->criteria[c].id);
    return out;
}

EvaluationRules rules_with(const std::function<void(json&)>& edit) {
    json doc = json::parse(default_evaluation_rules_json());
    edit(doc);
    return parse_evaluation_rules(doc.dump(), "custom.json");
}

json& subject_json(json& doc, std::string_view id) {
    for (auto& s : doc["subjects"])
        if (s["id"] == id) return s;
    throw std::runtime_error("no subject");
}

}  // namespace

TEST_CASE("the default rule set loads, equals its data file and marks its assumptions") {
    const std::string file = read_text(std::string(ANTQ_TEST_DATA_DIR) + "/rules/evaluation_hai_duong_2024.json");
    CHECK(file == std::string(default_evaluation_rules_json()));
    const EvaluationRules& r = rules();
    std::vector<std::string> ids;
    for (const auto& s : r.subjects) ids.push_back(s.id);
    // residential areas come before communes: the communes' share criterion reads their titles.
    CHECK(ids == std::vector<std::string>{"residential_area", "commune", "agency", "enterprise", "school", "district"});
    const Subject& village = r.subjects[0];
    CHECK(village.title->criteria.size() == 5);
    CHECK(village.window.first_day(2024) == "2023-11-01");
    CHECK(village.window.last_day(2024) == "2024-10-31");
    CHECK(village.deadline_day(2024) == "2024-11-20");
    CHECK(r.subjects[1].window.first_day(2024) == "2023-11-16");
    CHECK(r.subjects[1].deadline_day(2024) == "2024-11-30");
    CHECK(r.subjects[5].deadline_day(2024) == "2024-12-15");
    CHECK_FALSE(r.subjects[5].title.has_value());
    // TT 124 criteria 4-5 for residential areas are unconfirmed: they carry an assumption, 1-3 do not.
    for (std::size_t c = 0; c < 5; ++c) CHECK(village.title->criteria[c].assumed() == (c >= 3));
    const auto& levels = village.classification->levels;
    REQUIRE(levels.size() == 4);
    CHECK(levels[0].min_points == 90);
    CHECK(levels[1].min_points == 70);
    CHECK(levels[2].min_points == 50);
    CHECK(levels[3].min_points == 0);
    for (const auto& l : levels) CHECK(l.assumed());
    CHECK(r.subjects[1].title->criteria.back().share->min_share == doctest::Approx(0.7));
    CHECK(r.subjects[2].classification->criteria[0].max_points == 3);  // QĐ 510 Art. 7 item 1, sourced
    CHECK_FALSE(r.subjects[2].classification->criteria[0].assumed());
    CHECK(load_evaluation_rules(std::string(ANTQ_TEST_DATA_DIR) + "/rules/evaluation_hai_duong_2024.json") == r);
    // The district window and reading "before 20/11" as "by 20/11" are assumptions, and marked so.
    CHECK(r.subjects[5].window.assumed());
    CHECK_FALSE(r.subjects[0].window.assumed());
    for (const Subject& s : r.subjects) CHECK_FALSE(s.deadline_assumption.empty());
    // TT 124 Điều 10: agencies and schools are decided where their manager serves; the provincial level is inferred.
    CHECK(r.subjects[2].decided_at.at == DecidedAt::manager);
    CHECK(r.subjects[4].decided_at.at == DecidedAt::manager);
    CHECK(r.subjects[4].decided_at.assumed());
    CHECK(r.subjects[3].decided_at.at == DecidedAt::territory);
    CHECK(r.subjects[3].decided_at.assumed());  // private enterprises: nobody manages them
    CHECK(r.title_decider.kind == UnitKind::peoples_committee);
    CHECK(r.classification_decider.kind == UnitKind::steering_committee);  // clause 6 of the directive
    CHECK(r.classification_decider.source.find("clause 6") != std::string::npos);
}

TEST_CASE("every plain title criterion of every subject fails the title when it is not met") {
    const OrgGraph g = evaluated_province();
    const Assessments base = all_perfect(g);
    {
        const Evaluation e = evaluate(g, base, rules());
        for (const auto& r : e.results())
            if (!r.exclusion && e.rules().subjects[r.subject].title) CHECK_MESSAGE(r.title == TitleOutcome::passed, g.unit(r.unit).id);
    }
    for (const char* unit : {"10945.v1", "10945", "296.agency", "10945.ent", "10945.thcs"}) {
        const Subject& s = subject_of(g, unit);
        for (const auto& c : s.title->criteria) {
            if (c.share) continue;
            Assessments a = base;
            auto& met = record_of(a, unit).criteria_met;
            std::erase(met, c.id);
            const Evaluation e = evaluate(g, a, rules());
            CHECK_MESSAGE(result(e, g, unit).title == TitleOutcome::failed, unit, " / ", c.id);
            CHECK(failed_of(e, g, unit) == std::vector<std::string>{c.id});
        }
    }
}

TEST_CASE("an incident inside the window breaks its criterion") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    auto& r = record_of(a, "10945.thcs");
    std::erase(r.criteria_met, "no_school_violence");
    r.incidents.push_back({"no_school_violence", "2024-03-04", "a fight at the gate"});
    const Evaluation e = evaluate(g, a, rules());
    CHECK(failed_of(e, g, "10945.thcs") == std::vector<std::string>{"no_school_violence"});
    CHECK(result(e, g, "10945.thcs").incidents == 1);
}

TEST_CASE("communes need 70% of their residential areas titled (share criterion, boundary included)") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    std::erase(record_of(a, "10945.v1").criteria_met, "registration");  // 2 of 3 titled: 66.7% < 70%
    Evaluation e = evaluate(g, a, rules());
    CHECK(failed_of(e, g, "10945") == std::vector<std::string>{"residential_areas_safe"});
    CHECK(result(e, g, "10987").title == TitleOutcome::passed);
    // A user rule at 2/3 exactly: the same communes pass at the boundary.
    const EvaluationRules two_thirds = rules_with([](json& doc) {
        subject_json(doc, "commune")["title"]["criteria"][3]["share"]["min_share"] = 2.0 / 3.0;
    });
    e = evaluate(g, a, two_thirds);
    CHECK(result(e, g, "10945").title == TitleOutcome::passed);
    // A village without a dossier counts as not titled.
    Assessments b = all_perfect(g);
    erase_record(b, "10945.v2");
    e = evaluate(g, b, rules());
    CHECK(result(e, g, "10945.v2").title == TitleOutcome::no_dossier);
    CHECK(failed_of(e, g, "10945") == std::vector<std::string>{"residential_areas_safe"});
    // Listing a computed criterion is refused.
    Assessments c = all_perfect(g);
    record_of(c, "10945").criteria_met.push_back("residential_areas_safe");
    ANTQ_CHECK_ERROR(evaluate(g, c, rules()), InvalidInput, "unknown_criterion", "computed from the units inside");
}

TEST_CASE("exclusions of TT 124 Điều 1(2)b: small and micro enterprises, primary schools, preschools, nurseries, armed forces") {
    const OrgGraph g = evaluated_province();
    const Evaluation e = evaluate(g, all_perfect(g), rules());
    for (const char* unit : {"10945.small", "10945.micro", "10945.th", "10945.mn", "10945.nt", "30.army"}) {
        const UnitResult& r = result(e, g, unit);
        CHECK_MESSAGE(r.title == TitleOutcome::excluded, unit);
        CHECK(r.dossier == DossierStatus::excluded);
        CHECK_FALSE(r.authority.has_value());
        CHECK(r.exclusion > 0);
    }
    CHECK(e.rules().subjects[*e.rules().subject_index("enterprise")].exclusions[result(e, g, "10945.small").exclusion - 1].reason.find("nhỏ") !=
          std::string::npos);
    for (const char* unit : {"10945.ent", "10945.thcs", "30.dept"}) CHECK(result(e, g, unit).title == TitleOutcome::passed);
    Assessments a = all_perfect(g);
    AssessmentRecord extra = perfect(g, "10945.ent");
    extra.unit = "10945.th";
    a.records.push_back(extra);
    ANTQ_CHECK_ERROR(evaluate(g, a, rules()), InvalidInput, "excluded_unit", "tiểu học");
}

TEST_CASE("classification level boundaries, with and without the title") {
    const OrgGraph g = evaluated_province();
    struct Case {
        double points;
        bool titled;
        const char* level;
    };
    for (Case c : {Case{100, true, "xuat_sac"}, {90, true, "xuat_sac"}, {89.5, true, "kha"}, {90, false, "kha"},
                   {70, true, "kha"}, {69.5, true, "trung_binh"}, {50, true, "trung_binh"}, {49.5, true, "yeu"}, {0, true, "yeu"}}) {
        Assessments a = all_perfect(g);
        auto& r = record_of(a, "10945.v1");
        set_total(g, r, c.points);
        if (!c.titled) std::erase(r.criteria_met, "policy_compliance");
        const Evaluation e = evaluate(g, a, rules());
        CHECK_MESSAGE(level_of(e, g, "10945.v1") == c.level, c.points, c.titled ? " titled" : " untitled");
        CHECK(result(e, g, "10945.v1").points == doctest::Approx(c.points));
    }
    // Districts have no title: 90 points is enough.
    Assessments a = all_perfect(g);
    set_total(g, record_of(a, "296"), 90);
    CHECK(level_of(evaluate(g, a, rules()), g, "296") == "xuat_sac");
    set_total(g, record_of(a, "296"), 89);
    CHECK(level_of(evaluate(g, a, rules()), g, "296") == "kha");
}

TEST_CASE("a user rule file overriding a threshold changes the outcome") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    set_total(g, record_of(a, "10945.v1"), 87);
    CHECK(level_of(evaluate(g, a, rules()), g, "10945.v1") == "kha");
    const EvaluationRules lower = rules_with([](json& doc) {
        subject_json(doc, "residential_area")["classification"]["levels"][0]["min_points"] = 85;
    });
    CHECK(level_of(evaluate(g, a, lower), g, "10945.v1") == "xuat_sac");
    // A rule set without "Yếu": the lowest level is Trung bình from 0 points.
    const EvaluationRules three = rules_with([](json& doc) {
        auto& levels = subject_json(doc, "residential_area")["classification"]["levels"];
        levels.erase(3);
        levels[2]["min_points"] = 0;
    });
    set_total(g, record_of(a, "10945.v1"), 20);
    CHECK(level_of(evaluate(g, a, three), g, "10945.v1") == "trung_binh");
}

TEST_CASE("authority: the level above a territory, the level managing a body, the territory an enterprise serves") {
    const OrgGraph g = evaluated_province();
    const Evaluation e = evaluate(g, all_perfect(g), rules());
    auto authority = [&](const char* unit) { return g.unit(*result(e, g, unit).authority).id; };
    auto classifier = [&](const char* unit) { return g.unit(*result(e, g, unit).classifier).id; };
    CHECK(authority("10945.v1") == "10945.pc");
    CHECK(authority("10987.v1") == "10987.pc");
    CHECK(authority("10945") == "296.pc");
    CHECK(authority("10501") == "288.pc");
    CHECK(authority("10945.ent") == "10945.pc");
    // A lower-secondary school in a commune, run by the district: the district decides, not the commune.
    CHECK(authority("10945.thcs") == "296.pc");
    // An upper-secondary school in a district, run by the provincial department: the province decides.
    CHECK(authority("296.thpt") == "30.pc");
    CHECK(authority("296.agency") == "296.pc");
    CHECK(authority("30.dept") == "30.pc");
    CHECK(authority("296") == "30.pc");
    // Clause 6: the steering committee 138 of the same territory classifies.
    CHECK(classifier("10945.v1") == "10945.sc");
    CHECK(classifier("10945.thcs") == "296.sc");
    CHECK(classifier("296.thpt") == "30.sc");
    CHECK(classifier("296") == "30.sc");
    // The National Assembly delegation is picked by the agency subject and left out, with the reason.
    const UnitResult& na = result(e, g, "30.na_delegation");
    REQUIRE(na.exclusion != 0);
    CHECK(rules().subjects[na.subject].exclusions[na.exclusion - 1].reason.find("TT 124 Điều 2(2)") != std::string::npos);
    CHECK_FALSE(na.authority.has_value());
    // A commune whose district has no People's Committee has nobody to decide.
    OrgGraph h = evaluated_province();
    h.remove_unit(h.index_of("296.pc"));
    ANTQ_CHECK_ERROR(evaluate(h, Assessments{2024, {}, {}}, rules()), InvalidInput, "no_authority", "'296'");
}

TEST_CASE("authority: a body decided where its manager serves needs one managing level, and a classifier") {
    const Assessments none{2024, {}, {}};
    OrgGraph unmanaged = evaluated_province();
    unmanaged.remove_tie(*unmanaged.find_tie(unmanaged.index_of("30.edu"), unmanaged.index_of("296.thpt"), TieKind::directs));
    ANTQ_CHECK_ERROR(evaluate(unmanaged, none, rules()), InvalidInput, "no_manager", "unit '296.thpt'");
    OrgGraph twice = evaluated_province();
    twice.add_tie("296.pc", "296.thpt", TieKind::directs);
    ANTQ_CHECK_ERROR(evaluate(twice, none, rules()), InvalidInput, "several_managers", "unit '296.thpt'");
    // Two directing bodies of one territory are one managing level.
    OrgGraph same = evaluated_province();
    same.add_tie("30.pc", "296.thpt", TieKind::directs);
    CHECK(same.unit(*result(evaluate(same, all_perfect(same), rules()), same, "296.thpt").authority).id == "30.pc");
    OrgGraph no_committee = evaluated_province();
    no_committee.remove_unit(no_committee.index_of("30.sc"));
    ANTQ_CHECK_ERROR(evaluate(no_committee, none, rules()), InvalidInput, "no_authority", "steering_committee serves '30'");
    // A rule set that leaves the deciders and places out decides as before: the People's Committee, where the unit is.
    json doc = json::parse(default_evaluation_rules_json());
    doc.erase("deciders");
    for (json& s : doc["subjects"]) s.erase("decided_at");
    const OrgGraph g = evaluated_province();
    const Evaluation plain = evaluate(g, all_perfect(g), parse_evaluation_rules(doc.dump()));
    CHECK(g.unit(*result(plain, g, "10945.thcs").authority).id == "10945.pc");
    CHECK(g.unit(*result(plain, g, "10945.thcs").classifier).id == "10945.pc");
}

TEST_CASE("deadlines of QĐ 510: 20/11, 30/11, 15/12, the day itself is on time, no record is a missing dossier") {
    const OrgGraph g = evaluated_province();
    struct Case {
        const char* unit;
        const char* date;
        DossierStatus status;
    };
    for (Case c : {Case{"10945.v1", "2024-11-20", DossierStatus::on_time}, {"10945.v1", "2024-11-21", DossierStatus::late},
                   {"10945", "2024-11-30", DossierStatus::on_time}, {"10945", "2024-12-01", DossierStatus::late},
                   {"10945.thcs", "2024-11-30", DossierStatus::on_time}, {"296.agency", "2024-12-01", DossierStatus::late},
                   {"296", "2024-12-15", DossierStatus::on_time}, {"296", "2024-12-16", DossierStatus::late},
                   {"10945.v1", "2023-11-01", DossierStatus::on_time}, {"10945.v1", "2025-02-01", DossierStatus::late}}) {
        Assessments a = all_perfect(g);
        record_of(a, c.unit).dossier_date = c.date;
        const Evaluation e = evaluate(g, a, rules());
        CHECK_MESSAGE(result(e, g, c.unit).dossier == c.status, c.unit, " ", c.date);
    }
    Assessments a = all_perfect(g);
    erase_record(a, "10945.thcs");
    const Evaluation e = evaluate(g, a, rules());
    const UnitResult& r = result(e, g, "10945.thcs");
    CHECK(r.dossier == DossierStatus::missing);
    CHECK(r.title == TitleOutcome::no_dossier);
    CHECK_FALSE(r.level.has_value());
    CHECK_FALSE(r.record.has_value());
}

TEST_CASE("roll-ups count each subject in the territories above, bodies in the territory they serve") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    std::erase(record_of(a, "10945.v1").criteria_met, "registration");  // failed, level still from points
    set_total(g, record_of(a, "10945.v2"), 60);                            // trung bình
    record_of(a, "10945.v3").dossier_date = "2024-11-25";                  // late
    erase_record(a, "10987.v1");                                           // missing
    const Evaluation e = evaluate(g, a, rules());
    const std::size_t village = *e.rules().subject_index("residential_area");
    const RollUp* ks = e.roll_up(g.index_of("10945"), village);
    REQUIRE(ks != nullptr);
    CHECK(ks->units == 3);
    CHECK(ks->passed == 2);
    CHECK(ks->failed == 1);
    CHECK(ks->on_time == 2);
    CHECK(ks->late == 1);
    CHECK(ks->missing == 0);
    CHECK(ks->levels == std::array<std::size_t, max_class_levels>{1, 1, 1, 0});  // v3 xuất sắc, v1 khá (no title), v2 trung bình
    CHECK(*ks->title_share() == doctest::Approx(2.0 / 3.0));
    const RollUp* bg = e.roll_up(g.index_of("296"), village);
    REQUIRE(bg != nullptr);
    CHECK(bg->units == 4);
    CHECK(bg->missing == 1);
    CHECK(bg->passed == 2);
    CHECK(e.roll_up(g.index_of("30"), village)->units == 4);
    CHECK(e.roll_up(g.index_of("288"), village) == nullptr);
    // A commune counts in its district, not in itself; an enterprise in the commune it serves.
    const std::size_t commune = *e.rules().subject_index("commune");
    CHECK(e.roll_up(g.index_of("10945"), commune) == nullptr);
    const RollUp* communes = e.roll_up(g.index_of("296"), commune);
    REQUIRE(communes != nullptr);
    CHECK(communes->units == 2);
    CHECK(communes->passed == 0);  // Kẻ Sặt has 2 of 3 villages titled, Nhân Quyền 0 of 1 (its dossier is missing)
    const std::size_t enterprise = *e.rules().subject_index("enterprise");
    const RollUp* ents = e.roll_up(g.index_of("10945"), enterprise);
    REQUIRE(ents != nullptr);
    CHECK(ents->units == 3);
    CHECK(ents->excluded == 2);
    CHECK(ents->eligible() == 1);
    CHECK(e.roll_up(g.index_of("30"), enterprise)->units == 3);
    // Roll-ups come in territory index order, then subject order.
    for (std::size_t i = 1; i < e.roll_ups().size(); ++i) {
        const auto& x = e.roll_ups()[i - 1];
        const auto& y = e.roll_ups()[i];
        CHECK((x.territory.value < y.territory.value || (x.territory == y.territory && x.subject < y.subject)));
    }
}

TEST_CASE("the title share has one definition: none where the subject has no title or nothing is eligible") {
    const OrgGraph g = evaluated_province();
    const Evaluation e = evaluate(g, all_perfect(g), rules());
    const std::size_t district = *e.rules().subject_index("district");
    const std::size_t enterprise = *e.rules().subject_index("enterprise");
    const std::size_t village = *e.rules().subject_index("residential_area");
    const RollUp* districts = e.roll_up(g.index_of("30"), district);
    REQUIRE(districts != nullptr);
    CHECK_FALSE(districts->titled);
    CHECK_FALSE(districts->title_share());  // the district level has no title
    CHECK(*e.roll_up(g.index_of("30"), village)->title_share() == doctest::Approx(1.0));
    RollUp nothing_eligible;
    nothing_eligible.units = nothing_eligible.excluded = 2;
    CHECK_FALSE(nothing_eligible.title_share());
    CHECK(e.roll_up(g.index_of("10945"), enterprise)->eligible() == 1);
}

TEST_CASE("totals per subject count every result once, and agree with the top roll-up") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    erase_record(a, "10987.v1");
    const Evaluation e = evaluate(g, a, rules());
    REQUIRE(e.totals().size() == e.rules().subjects.size());
    std::size_t results = 0;
    for (const SubjectTotals& t : e.totals()) {
        CHECK(t.subject == std::size_t(&t - e.totals().data()));
        results += t.units;
        const RollUp* top = e.roll_up(g.index_of("30"), t.subject);
        if (top == nullptr) continue;  // a subject with nothing under the province
        CHECK(top->units == t.units);
        CHECK(top->passed == t.passed);
        CHECK(top->missing == t.missing);
        CHECK(top->levels == t.levels);
        CHECK(top->title_share() == t.title_share());
    }
    CHECK(results == e.results().size());
    const SubjectTotals& villages = e.totals()[*e.rules().subject_index("residential_area")];
    CHECK(villages.missing == 1);
}

TEST_CASE("level ids and labels of a rule set come from its subjects, each once, in rule order") {
    const EvaluationRules& r = rules();
    CHECK(r.level_ids() == std::vector<std::string>{"xuat_sac", "kha", "trung_binh", "yeu"});
    CHECK(r.level_label("xuat_sac") == "Xuất sắc");
    ANTQ_CHECK_ERROR(r.level_label("gioi"), NotFound, "unknown_level", "'gioi'");
    const EvaluationRules custom = rules_with([](json& doc) {
        auto& levels = subject_json(doc, "commune")["classification"]["levels"];
        levels[1]["id"] = "tot";
        levels[1]["label"] = "Tốt";
    });
    const auto ids = custom.level_ids();
    CHECK(std::find(ids.begin(), ids.end(), "tot") != ids.end());
    CHECK(custom.level_label("tot") == "Tốt");
}

TEST_CASE("heads are graded on what they head, commendation goes to the top units and heads") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    set_total(g, record_of(a, "296.agency"), 75);              // khá -> completed
    record_of(a, "30.dept").dossier_date = "2024-12-02";        // late: top level but not on time
    std::erase(record_of(a, "10987").criteria_met, "police_no_discipline");  // no title -> not completed
    const Evaluation e = evaluate(g, a, rules());
    auto grade_of = [&](const char* post) {
        for (const HeadInput& h : e.heads())
            if (g.unit(h.post).id == post) return e.rules().heads.contributions[h.contribution].id;
        return std::string("-");
    };
    CHECK(grade_of("10945.pc.head") == "completed_well");
    CHECK(grade_of("10945.police.head") == "completed_well");
    CHECK(grade_of("10945.sc.head") == "completed_well");
    CHECK(grade_of("296.agency.head") == "completed");
    CHECK(grade_of("30.dept.head") == "completed");
    CHECK(grade_of("10987.pc.head") == "not_completed");
    CHECK(grade_of("296.pc.head") == "completed_well");  // heads the People's Committee serving district 296
    CHECK(grade_of("30.pc.head") == "-");                // the province is not evaluated
    for (const HeadInput& h : e.heads()) {
        const UnitResult& r = e.results()[h.result];
        CHECK(g.head(h.body) == h.post);
        CHECK((r.unit == h.body || g.area(h.body) == r.unit));
    }
    // A missing dossier leaves only the last grade.
    Assessments b = a;
    erase_record(b, "10945");
    const Evaluation f = evaluate(g, b, rules());
    for (const HeadInput& h : f.heads())
        if (g.unit(h.post).id == "10945.pc.head") CHECK(f.rules().heads.contributions[h.contribution].id == "not_completed");

    std::vector<std::string> collectives, individuals;
    auto id = [&](std::optional<UnitIndex> u) { return u ? g.unit(*u).id : std::string("-"); };
    for (const Commendation& c : e.commendations()) {
        (c.individual ? individuals : collectives).push_back(g.unit(c.unit).id);
        CHECK(c.proposed_to == e.results()[c.result].authority);
        // Clause 6: the steering committee 138 of the territory that decides proposes, to its People's Committee.
        CHECK(id(c.proposed_by) == id(c.proposed_to).substr(0, id(c.proposed_to).find('.')) + ".sc");
        if (g.unit(c.unit).id == "10945") CHECK(id(c.proposed_by) == "296.sc");
        if (g.unit(c.unit).id == "10945.pc.head") CHECK(id(c.proposed_by) == "296.sc");
    }
    CHECK(std::find(collectives.begin(), collectives.end(), "10945") != collectives.end());
    CHECK(std::find(collectives.begin(), collectives.end(), "296.agency") == collectives.end());  // khá
    CHECK(std::find(collectives.begin(), collectives.end(), "30.dept") == collectives.end());     // late
    CHECK(std::find(collectives.begin(), collectives.end(), "10987") == collectives.end());       // no title
    CHECK(std::find(collectives.begin(), collectives.end(), "10945.small") == collectives.end());  // excluded
    CHECK(std::find(individuals.begin(), individuals.end(), "10945.pc.head") != individuals.end());
    CHECK(std::find(individuals.begin(), individuals.end(), "296.agency.head") == individuals.end());
    // Collectives come first.
    bool seen_individual = false;
    for (const Commendation& c : e.commendations()) {
        CHECK_FALSE((seen_individual && !c.individual));
        seen_individual = seen_individual || c.individual;
    }
}

TEST_CASE("bad records name their place and stop the run") {
    const OrgGraph g = evaluated_province();
    auto bad = [&](const std::function<void(Assessments&)>& edit) {
        Assessments a = all_perfect(g);
        a.source = "year.json";
        edit(a);
        return a;
    };
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { a.records[2].unit = "nowhere"; }), rules()), NotFound,
                     "unknown_unit", "year.json:/records/2/unit");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { a.records.push_back(a.records[0]); }), rules()), InvalidInput,
                     "duplicate_record", "already has a record at year.json:/records/0");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").scores[0].second = 10.5; }), rules()),
                     InvalidInput, "score_out_of_range", "0 to 10");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").scores[0].second = -1; }), rules()),
                     InvalidInput, "score_out_of_range", "/scores/");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").scores.pop_back(); }), rules()),
                     InvalidInput, "missing_score", "no score for criterion");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").scores.emplace_back("charm", 1); }), rules()),
                     InvalidInput, "unknown_criterion", "/scores/charm");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").criteria_met.push_back("luck"); }), rules()),
                     InvalidInput, "unknown_criterion", "no title criterion 'luck'");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").criteria_met.push_back("registration_and_model"); }), rules()),
                     InvalidInput, "duplicate_criterion", "listed twice");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) {
                         record_of(a, "10945.v1").incidents.push_back({"no_security_incident", "2024-11-01", ""});
                         std::erase(record_of(a, "10945.v1").criteria_met, "no_security_incident");
                     }), rules()),
                     InvalidInput, "date_outside_window", "2023-11-01 to 2024-10-31");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945.v1").dossier_date = "2023-10-31"; }), rules()),
                     InvalidInput, "date_outside_window", "/dossier_date");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945.v1").dossier_date = "2024-02-30"; }), rules()),
                     InvalidInput, "bad_date", "/dossier_date");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) {
                         record_of(a, "10945.v1").incidents.push_back({"no_security_incident", "2024-05-01", ""});
                     }), rules()),
                     InvalidInput, "conflicting_record", "/incidents/0/criterion");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { a.records[0].unit = "10945.pc"; }), rules()), InvalidInput,
                     "not_evaluated", "peoples_committee");
    ANTQ_CHECK_ERROR(evaluate(g, bad([](Assessments& a) { record_of(a, "10945").proposed_level = "gold"; }), rules()),
                     InvalidInput, "unknown_level", "/proposed_level");
    // Overlapping subjects are refused rather than decided silently.
    const EvaluationRules overlapping = rules_with([](json& doc) { subject_json(doc, "agency")["units"] = {{"kind", json::array({"agency", "department", "enterprise"})}}; });
    ANTQ_CHECK_ERROR(evaluate(g, all_perfect(g), overlapping), InvalidInput, "several_subjects", "'agency' and 'enterprise'");
}

TEST_CASE("bad rule files name their place") {
    auto bad = [](const std::function<void(json&)>& edit) { return [edit] { return rules_with(edit); }; };
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["title"]["criteria"][3]["share"]["subject"] = "hamlet"; })(),
                     InvalidInput, "unknown_criterion", "custom.json:/subjects/1/title/criteria/3/share/subject");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["heads"]["contributions"][0]["min_level"] = "gold"; })(), InvalidInput, "unknown_level",
                     "/heads/contributions/0/min_level");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["commendation"]["head_contribution"] = "hero"; })(), InvalidInput, "unknown_contribution", "/commendation/head_contribution");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["classification"]["levels"][1]["min_points"] = 95; })(),
                     InvalidInput, "bad_rule", "/subjects/1/classification/levels/1/min_points");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["classification"]["levels"][3]["min_points"] = 10; })(),
                     InvalidInput, "bad_rule", "must start at 0 points");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["classification"]["levels"][0]["min_points"] = 101; })(),
                     InvalidInput, "bad_rule", "most points there are (100)");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["deadline"] = "02-29"; })(), InvalidInput, "bad_rule",
                     "/subjects/1/deadline");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "district")["classification"]["levels"][0]["requires_title"] = true; })(),
                     InvalidInput, "bad_rule", "no title rule to require");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "commune")["title"]["criteria"][1]["id"] = "registration_and_model"; })(),
                     InvalidInput, "duplicate_id", "/subjects/1/title/criteria/1/id");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "school")["classification"]["criteria"][0]["max_points"] = 0; })(),
                     InvalidInput, "bad_rule", "points must be positive");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "school")["units"] = {{"kind", "castle"}}; })(), InvalidInput,
                     "unknown_kind", "custom.json:/subjects/4/units");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "school")["colour"] = "red"; })(), InvalidInput, "unknown_field", "colour");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["heads"]["contributions"][2]["on_time"] = true; })(), InvalidInput, "bad_rule", "takes no condition");
    ANTQ_CHECK_ERROR(bad([](json& d) {
                         auto& village = subject_json(d, "residential_area");
                         village["title"]["criteria"].push_back(
                             {{"id", "communes_safe"}, {"title", "x"}, {"share", {{"subject", "commune"}, {"min_share", 0.5}}}});
                     })(),
                     InvalidInput, "cyclic_rule", "depend on themselves");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["version"] = 2; })(), InvalidInput, "unsupported_version", "/version");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "residential_area")["deadline"] = "10-15"; })(), InvalidInput, "bad_rule",
                     "falls before the window ends (10-31)");
    ANTQ_CHECK_ERROR(parse_evaluation_rules("{\"format\": ", "cut.json"), InvalidInput, "malformed_json", "cut.json:line 1");
    // Who decides: a place is 'territory' or 'manager', a decider a kind of body, each sourced or assumed.
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "school")["decided_at"]["rule"] = "owner"; })(), InvalidInput, "bad_rule",
                     "custom.json:/subjects/4/decided_at/rule");
    ANTQ_CHECK_ERROR(bad([](json& d) { subject_json(d, "school")["decided_at"] = {{"rule", "manager"}}; })(), InvalidInput,
                     "missing_field", "/subjects/4/decided_at/source");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["deciders"]["classification"]["kind"] = "castle"; })(), InvalidInput, "unknown_kind",
                     "custom.json:/deciders/classification/kind");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["deciders"]["title"]["kind"] = "commune"; })(), InvalidInput, "bad_rule",
                     "/deciders/title/kind");
    ANTQ_CHECK_ERROR(bad([](json& d) { d["deciders"]["judge"] = d["deciders"]["title"]; })(), InvalidInput, "unknown_field", "judge");
}

TEST_CASE("records read from JSON, back and forth, the example year is seeded and passes its own rules") {
    const OrgGraph g = datasets::hai_duong_2024();
    const Assessments a = example_assessments(g, rules(), 2024, 7);
    CHECK(a == example_assessments(g, rules(), 2024, 7));
    CHECK_FALSE(a == example_assessments(g, rules(), 2024, 8));
    const Assessments back = parse_assessments(dump_assessments(a), "year.json");
    CHECK(back == a);
    CHECK(back.place_of(3) == "year.json:/records/3");
    const Evaluation e = evaluate(g, a, rules());
    std::size_t missing = 0, late = 0, records = 0;
    for (const UnitResult& r : e.results()) {
        missing += r.dossier == DossierStatus::missing;
        late += r.dossier == DossierStatus::late;
        records += r.record.has_value();
    }
    CHECK(records == a.records.size());
    CHECK(missing + records + 2 == e.results().size());  // excluded: the armed-forces department, the NA delegation
    CHECK(missing > 0);
    CHECK(late > 0);
    CHECK(missing < e.results().size() / 20);
    ANTQ_CHECK_ERROR(parse_assessments(R"({"format": "antq.assessments", "version": 1, "year": 2024,
        "records": [{"unit": "1", "dossier_date": "2024-13-01"}]})", "y.json"),
                     InvalidInput, "bad_date", "y.json:/records/0/dossier_date");
    ANTQ_CHECK_ERROR(parse_assessments(R"({"format": "antq.assessments", "version": 1, "year": 2024,
        "records": [{"unit": "1", "dossier_date": "2024-11-01", "scores": {"a": "ten"}}]})", "y.json"),
                     InvalidInput, "wrong_type", "y.json:/records/0/scores/a");
    ANTQ_CHECK_ERROR(parse_assessments(R"({"format": "antq.graph", "version": 1})", "y.json"), InvalidInput,
                     "not_an_assessments_file", "y.json:/format");
}

TEST_CASE("an evaluation refuses a graph that changed") {
    OrgGraph g = evaluated_province();
    const Evaluation e = evaluate(g, all_perfect(g), rules());
    CHECK_NOTHROW(e.check_current(g));
    g.set_unit_attribute(g.index_of("10945"), "note", Value("x"));
    ANTQ_CHECK_ERROR(e.check_current(g), StaleView, "stale_result", "evaluate again");
}

TEST_CASE("the two-tier structure after 1 July 2025: communes are decided by the province") {
    OrgGraph g;
    g.add_unit(test::territory("01", "Thành phố Hà Nội", UnitKind::province));
    g.add_unit(test::territory("00004", "Phường Ba Đình", UnitKind::commune));
    g.add_unit(test::territory("00004-v1", "Tổ dân phố 1", UnitKind::village));
    g.add_tie("01", "00004", TieKind::contains);
    g.add_tie("00004", "00004-v1", TieKind::contains);
    for (const char* t : {"01", "00004"}) {
        const Unit area = g.unit(std::string_view(t));
        g.add_unit(test::body(std::string(t) + ".pc", "UBND " + area.name, UnitKind::peoples_committee, area.level));
        g.add_tie(std::string(t) + ".pc", t, TieKind::serves);
        g.add_unit(test::body(std::string(t) + ".sc", "BCĐ 138 " + area.name, UnitKind::steering_committee, area.level));
        g.add_tie(std::string(t) + ".sc", t, TieKind::serves);
    }
    Assessments a;
    a.year = 2026;
    a.records = {perfect(g, "00004-v1", 2026), perfect(g, "00004", 2026)};
    const Evaluation e = evaluate(g, a, rules());
    CHECK(g.unit(*result(e, g, "00004").authority).id == "01.pc");
    CHECK(g.unit(*result(e, g, "00004-v1").authority).id == "00004.pc");
    CHECK(g.unit(*result(e, g, "00004").classifier).id == "01.sc");
    CHECK(result(e, g, "00004").title == TitleOutcome::passed);
    const RollUp* communes = e.roll_up(g.index_of("01"), *e.rules().subject_index("commune"));
    REQUIRE(communes != nullptr);
    CHECK(communes->passed == 1);
    CHECK(e.roll_up(g.index_of("01"), *e.rules().subject_index("residential_area"))->units == 1);
}

TEST_CASE("a rule set limited to one district with a `within` selector evaluates only that district") {
    const OrgGraph g = evaluated_province();
    const EvaluationRules only_296 = rules_with([](json& doc) {
        for (auto& s : doc["subjects"]) s["units"] = {{"all", json::array({s["units"], {{"within", "296"}}})}};
    });
    Assessments a = all_perfect(g);
    std::erase_if(a.records, [&](const AssessmentRecord& r) {
        return r.unit == "10501" || r.unit == "288" || r.unit == "30.dept" || r.unit == "30.edu";
    });
    const Evaluation e = evaluate(g, a, only_296);
    CHECK(e.result_of(g.index_of("10501")) == nullptr);
    CHECK(e.result_of(g.index_of("10945")) != nullptr);
    CHECK(e.result_of(g.index_of("296")) != nullptr);
    Assessments outside = all_perfect(g);
    ANTQ_CHECK_ERROR(evaluate(g, outside, only_296), InvalidInput, "not_evaluated", "picked by no subject");
}

TEST_CASE("subjects cannot pick posts, a territory served by two People's Committees has no single authority") {
    const OrgGraph g = evaluated_province();
    const EvaluationRules posts = rules_with([](json& doc) { subject_json(doc, "agency")["units"] = {{"id", "10945.pc.head"}}; });
    ANTQ_CHECK_ERROR(evaluate(g, Assessments{2024, {}, {}}, posts), InvalidInput, "not_evaluable", "'10945.pc.head'");
    OrgGraph h = evaluated_province();
    h.add_unit(test::body("10945.pc2", "UBND thị trấn (2)", UnitKind::peoples_committee, Level::commune));
    h.add_tie("10945.pc2", "10945", TieKind::serves);
    ANTQ_CHECK_ERROR(evaluate(h, Assessments{2024, {}, {}}, rules()), InvalidInput, "several_authorities", "'10945'");
}

TEST_CASE("a total that is a threshold in decimal reaches it despite binary fractions") {
    const OrgGraph g = evaluated_province();
    Assessments a = all_perfect(g);
    auto& r = record_of(a, "10945.v1");
    r.scores = {{"leadership", 9.78}, {"propaganda", 16.99}, {"models", 18.49}, {"security_results", 24.74}};  // 70
    const Evaluation e = evaluate(g, a, rules());
    CHECK(result(e, g, "10945.v1").points == 70.0);
    CHECK(level_of(e, g, "10945.v1") == "kha");
    record_of(a, "10945").scores[0].second = 1e300;
    ANTQ_CHECK_ERROR(evaluate(g, a, rules()), InvalidInput, "score_out_of_range", "1e+300 points, but 'leadership' gives 0 to 10");
}

TEST_CASE("heads of enterprises and schools get their unit's results, and a made-up head says so") {
    // Clause 1: "Người đứng đầu cơ quan, đơn vị, địa phương", the enterprises and schools read as units (đơn vị).
    OrgGraph g = evaluated_province();
    g.add_unit(with(test::body("10945.ent.head", "Giám đốc Công ty A", UnitKind::post, Level::commune), "synthetic",
                    Value(true)));
    g.add_tie("10945.ent.head", "10945.ent", TieKind::heads);
    headed(g, "10945.thcs", Level::commune);
    headed(g, "10945.small", Level::commune);  // a small enterprise is outside TT 124: no result, no input
    Assessments a = all_perfect(g);
    set_total(g, record_of(a, "10945.thcs"), 75);  // khá -> completed
    const Evaluation e = evaluate(g, a, rules());
    std::map<std::string, std::pair<std::string, bool>> inputs;  // post -> (contribution, synthetic)
    for (const HeadInput& h : e.heads())
        inputs[g.unit(h.post).id] = {e.rules().heads.contributions[h.contribution].id, h.synthetic};
    CHECK(inputs.at("10945.ent.head") == std::pair<std::string, bool>{"completed_well", true});
    CHECK(inputs.at("10945.thcs.head") == std::pair<std::string, bool>{"completed", false});
    CHECK(inputs.count("10945.small.head") == 0);
    CHECK_FALSE(inputs.at("10945.pc.head").second);
}

TEST_CASE("a chair heading both the People's Committee and the steering committee is graded and proposed once") {
    OrgGraph g = evaluated_province();
    g.remove_unit(g.index_of("10945.sc.head"));
    g.add_tie("10945.pc.head", "10945.sc", TieKind::heads);
    const Evaluation e = evaluate(g, all_perfect(g), rules());
    std::size_t graded = 0, proposed = 0;
    for (const HeadInput& h : e.heads())
        if (g.unit(h.post).id == "10945.pc.head") {
            ++graded;
            CHECK(g.unit(h.body).id == "10945.pc");
        }
    for (const Commendation& c : e.commendations()) proposed += c.individual && g.unit(c.unit).id == "10945.pc.head";
    CHECK(graded == 1);
    CHECK(proposed == 1);
}

TEST_CASE("years and dates outside what the cycle reads are refused, not formatted into nonsense") {
    const OrgGraph g = evaluated_province();
    ANTQ_CHECK_ERROR(evaluate(g, Assessments{0, {}, {}}, rules()), InvalidInput, "bad_year", "not 0");
    ANTQ_CHECK_ERROR(example_assessments(g, rules(), 10000, 1), InvalidInput, "bad_year", "not 10000");
    ANTQ_CHECK_ERROR(rules().subjects[0].window.first_day(-1), InvalidInput, "bad_year", "four digits");
    // Rules built in code are not read from JSON: a day no year has is named, with its subject and field.
    EvaluationRules leap = rules();
    leap.subjects[0].deadline = "02-30";
    const std::string where = "subject '" + leap.subjects[0].id + "': deadline";
    ANTQ_CHECK_ERROR(evaluate(g, Assessments{2024, {}, {}}, leap), InvalidInput, "bad_rule", where + ": '2024-02-30'");
    ANTQ_CHECK_ERROR(example_assessments(g, leap, 2024, 1), InvalidInput, "bad_rule", where);
}

TEST_CASE("in 1900, a window opening the year before opens on 1900-01-01, the first day the cycle reads") {
    const OrgGraph g = evaluated_province();
    REQUIRE(rules().subjects[0].window.first_day(1900) == "1899-11-01");
    const Assessments year = example_assessments(g, rules(), 1900, 7);
    REQUIRE_FALSE(year.records.empty());
    for (const AssessmentRecord& rec : year.records) {
        CHECK(rec.dossier_date.substr(0, 5) == "1900-");
        for (const Incident& i : rec.incidents) CHECK(i.date.substr(0, 5) == "1900-");
    }
    const Evaluation e = evaluate(g, year, rules());
    CHECK(e.results().size() > 0);
    CHECK(evaluate(g, Assessments{1900, {}, {}}, rules()).results().size() == e.results().size());
}

TEST_CASE("a subject's selector naming a unit the graph lacks names the subject") {
    const OrgGraph g = evaluated_province();
    const EvaluationRules elsewhere = rules_with([](json& doc) { subject_json(doc, "school")["units"] = {{"within", "999"}}; });
    ANTQ_CHECK_ERROR(evaluate(g, Assessments{2024, {}, {}}, elsewhere), NotFound, "unknown_unit", "subject 'school' units");
}

TEST_CASE("a record naming a unit in another Unicode form finds the unit: ids are NFC") {
    OrgGraph g = evaluated_province();
    g.add_unit(test::territory("10945-Đông", "Thôn Đông", UnitKind::village));
    g.add_tie("10945", "10945-Đông", TieKind::contains);
    Assessments a = all_perfect(g);
    record_of(a, "10945-Đông").unit = "10945-Đo\xcc\x82ng";  // "ô" as o + combining circumflex (NFD)
    const Evaluation e = evaluate(g, a, rules());
    CHECK(result(e, g, "10945-Đông").record.has_value());
    // The same unit named twice, once in each form, is one unit with two records.
    Assessments twice = a;
    twice.records.push_back(record_of(a, "10945-Đo\xcc\x82ng"));
    twice.records.back().unit = "10945-Đông";
    ANTQ_CHECK_ERROR(evaluate(g, twice, rules()), InvalidInput, "duplicate_record", "/unit");
}
