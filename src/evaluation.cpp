// The evaluation run: records checked against graph and rules, titles, levels, roll-ups, heads, commendation.

#include <antq/evaluation/evaluation.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <antq/errors.hpp>
#include <antq/model/unit_kind.hpp>

#include "dates.hpp"

namespace antq {

namespace {

std::string unit_place(const OrgGraph& graph, UnitIndex u) { return "unit '" + graph.unit(u).id + "'"; }

std::string points_text(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::string_view to_string(TitleOutcome outcome) noexcept {
    constexpr std::string_view names[] = {"passed", "failed", "no_dossier", "excluded", "not_applicable"};
    return names[static_cast<std::size_t>(outcome)];
}

std::string_view to_string(DossierStatus status) noexcept {
    constexpr std::string_view names[] = {"on_time", "late", "missing", "excluded"};
    return names[static_cast<std::size_t>(status)];
}

const UnitResult* Evaluation::result_of(UnitIndex u) const noexcept {
    if (u.value >= m_result_of.size() || m_result_of[u.value] == 0) return nullptr;
    return &m_results[m_result_of[u.value] - 1];
}

const RollUp* Evaluation::roll_up(UnitIndex territory, std::size_t subject) const noexcept {
    if (territory.value >= m_roll_up_start.size() || m_roll_up_start[territory.value] == 0) return nullptr;
    for (std::size_t i = m_roll_up_start[territory.value] - 1; i < m_roll_ups.size() && m_roll_ups[i].territory == territory; ++i)
        if (m_roll_ups[i].subject == subject) return &m_roll_ups[i];
    return nullptr;
}

void Evaluation::check_current(const OrgGraph& graph) const {
    if (graph.generation() != m_generation)
        throw StaleView("stale_result", "evaluation",
                        "the evaluation was computed on another graph, or before this graph changed; evaluate again");
}

// One run of evaluate(): the state shared by its steps.
class EvaluationRun {
public:
    EvaluationRun(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments)
        : g(graph), a(assessments), out(start(graph, std::move(rules), assessments.year)), subjects(out.m_rules.subjects) {}

    Evaluation run() {
        pick_units();
        find_authorities();
        read_records();
        for (std::size_t s = 0; s < subjects.size(); ++s) decide(s);
        index_roll_ups();
        grade_heads();
        propose_commendations();
        return std::move(out);
    }

private:
    static Evaluation start(const OrgGraph& graph, EvaluationRules rules, int year) {
        Evaluation e;
        e.m_rules = std::move(rules);
        e.m_year = year;
        e.m_generation = graph.generation();
        return e;
    }

    // Which subject picks each unit, and which are excluded.
    void pick_units() {
        const std::size_t capacity = g.unit_capacity();
        std::vector<std::uint32_t> subject_of(capacity, 0);  // 1 + subject index
        std::vector<std::uint32_t> exclusion_of(capacity, 0);
        for (std::size_t s = 0; s < subjects.size(); ++s) {
            for (UnitIndex u : subjects[s].units.select(g)) {
                if (subject_of[u.value] != 0)
                    throw InvalidInput("several_subjects", unit_place(g, u),
                                       "picked by subjects '" + subjects[subject_of[u.value] - 1].id + "' and '" +
                                           subjects[s].id + "': make the subjects' selectors disjoint");
                subject_of[u.value] = std::uint32_t(s + 1);
            }
            for (std::size_t e = subjects[s].exclusions.size(); e-- > 0;)  // the first matching exclusion wins
                for (UnitIndex u : subjects[s].exclusions[e].units.select(g))
                    if (subject_of[u.value] == s + 1) exclusion_of[u.value] = std::uint32_t(e + 1);
        }
        out.m_result_of.assign(capacity, 0);
        for (std::uint32_t u = 0; u < capacity; ++u) {
            if (subject_of[u] == 0) continue;
            UnitResult r;
            r.unit = UnitIndex{u};
            r.subject = subject_of[u] - 1;
            r.exclusion = exclusion_of[u];
            if (r.exclusion) {
                r.dossier = DossierStatus::excluded;
                r.title = TitleOutcome::excluded;
            } else if (!subjects[r.subject].title) {
                r.title = TitleOutcome::not_applicable;
            }
            out.m_results.push_back(std::move(r));
            out.m_result_of[u] = std::uint32_t(out.m_results.size());
        }
    }

    // The territory a unit's result counts in first: the one above a territory, the one served by a body.
    std::optional<UnitIndex> home(UnitIndex u) const {
        return is_territory(g.unit(u).kind) ? g.parent(u, TieKind::contains) : g.area(u);
    }

    std::optional<UnitIndex> peoples_committee(UnitIndex territory) {
        if (pc_of.empty()) pc_of.assign(g.unit_capacity(), 0);
        std::uint32_t& cached = pc_of[territory.value];  // 1 + index; max() for none
        if (cached == 0) {
            cached = std::numeric_limits<std::uint32_t>::max();
            g.for_each_parent(territory, TieKind::serves, [&](UnitIndex b) {
                if (g.unit(b).kind == UnitKind::peoples_committee && cached == std::numeric_limits<std::uint32_t>::max())
                    cached = b.value + 1;
            });
        }
        if (cached == std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
        return UnitIndex{cached - 1};
    }

    // TT 124 Điều 10: the People's Committee of the territory above a territory, of the territory a body serves.
    void find_authorities() {
        for (UnitResult& r : out.m_results) {
            if (r.exclusion) continue;
            const std::optional<UnitIndex> territory = home(r.unit);
            if (!territory)
                throw InvalidInput("no_authority", unit_place(g, r.unit),
                                   is_territory(g.unit(r.unit).kind) ? "no territory contains it, so no level above decides"
                                                                    : "it serves no territory, so no People's Committee decides");
            r.authority = peoples_committee(*territory);
            if (!r.authority)
                throw InvalidInput("no_authority", unit_place(g, r.unit),
                                   "no People's Committee serves '" + g.unit(*territory).id + "', the territory that decides");
        }
    }

    void read_records() {
        met.assign(out.m_results.size(), {});
        for (std::size_t i = 0; i < a.records.size(); ++i) read_record(i);
    }

    [[noreturn]] void fail(const std::string& tag, std::size_t i, const std::string& field, const std::string& what) const {
        throw InvalidInput(tag, a.place_of(i) + field, what);
    }

    void read_record(std::size_t i) {
        const AssessmentRecord& rec = a.records[i];
        const std::optional<UnitIndex> u = g.find(rec.unit);
        if (!u) throw NotFound("unknown_unit", a.place_of(i) + "/unit", "no unit '" + rec.unit + "' in the graph");
        if (out.m_result_of[u->value] == 0)
            fail("not_evaluated", i, "/unit",
                 "'" + rec.unit + "' (" + std::string(to_string(g.unit(*u).kind)) + ") is picked by no subject of the rules");
        UnitResult& r = out.m_results[out.m_result_of[u->value] - 1];
        const Subject& subject = subjects[r.subject];
        if (r.exclusion)
            fail("excluded_unit", i, "/unit",
                 "'" + rec.unit + "' is excluded from evaluation: " + subject.exclusions[r.exclusion - 1].reason);
        if (r.record) fail("duplicate_record", i, "/unit", "'" + rec.unit + "' already has a record at " + a.place_of(*r.record));
        r.record = i;

        const std::string first = subject.window.first_day(a.year), last = subject.window.last_day(a.year);
        if (!detail::iso_days(rec.dossier_date))
            fail("bad_date", i, "/dossier_date", "'" + rec.dossier_date + "' is not a date written YYYY-MM-DD");
        if (rec.dossier_date < first)
            fail("date_outside_window", i, "/dossier_date",
                 rec.dossier_date + " is before the " + std::to_string(a.year) + " window of '" + subject.id + "' opens (" +
                     first + ")");
        r.dossier_date = rec.dossier_date;
        r.dossier = rec.dossier_date <= subject.deadline_day(a.year) ? DossierStatus::on_time : DossierStatus::late;

        // Title: plain criteria met, minus those an incident breaks.
        std::vector<char>& ok = met[out.m_result_of[u->value] - 1];
        if (subject.title) ok.assign(subject.title->criteria.size(), 0);
        for (std::size_t k = 0; k < rec.criteria_met.size(); ++k) {
            const std::string field = "/criteria_met/" + std::to_string(k);
            const std::size_t c = plain_criterion(subject, rec.criteria_met[k], i, field);
            if (ok[c]) fail("duplicate_criterion", i, field, "criterion '" + rec.criteria_met[k] + "' is listed twice");
            ok[c] = 1;
        }
        for (std::size_t k = 0; k < rec.incidents.size(); ++k) {
            const Incident& inc = rec.incidents[k];
            const std::string field = "/incidents/" + std::to_string(k);
            const std::size_t c = plain_criterion(subject, inc.criterion, i, field + "/criterion");
            if (!detail::iso_days(inc.date)) fail("bad_date", i, field + "/date", "'" + inc.date + "' is not a date written YYYY-MM-DD");
            if (inc.date < first || inc.date > last)
                fail("date_outside_window", i, field + "/date",
                     inc.date + " lies outside the " + std::to_string(a.year) + " window of '" + subject.id + "' (" + first +
                         " to " + last + ")");
            if (ok[c] == 1)
                fail("conflicting_record", i, field + "/criterion",
                     "criterion '" + inc.criterion + "' is listed as met and broken by this incident");
            ok[c] = 2;
            ++r.incidents;
        }

        // Classification: a score for every criterion, within its range.
        if (!subject.classification) {
            if (!rec.scores.empty())
                fail("unexpected_scores", i, "/scores", "subject '" + subject.id + "' has no classification to score");
            if (!rec.proposed_level.empty())
                fail("unknown_level", i, "/proposed_level", "subject '" + subject.id + "' has no classification levels");
            return;
        }
        const ClassificationRule& c = *subject.classification;
        std::vector<char> scored(c.criteria.size(), 0);
        double total = 0;
        for (const auto& [id, points] : rec.scores) {
            const std::string field = "/scores/" + id;
            std::size_t k = 0;
            while (k < c.criteria.size() && c.criteria[k].id != id) ++k;
            if (k == c.criteria.size())
                fail("unknown_criterion", i, field, "subject '" + subject.id + "' has no scored criterion '" + id + "'");
            if (scored[k]) fail("duplicate_criterion", i, field, "criterion '" + id + "' is scored twice");
            if (!std::isfinite(points) || points < 0 || points > c.criteria[k].max_points)
                fail("score_out_of_range", i, field,
                     points_text(points) + " points, but '" + id + "' gives 0 to " + points_text(c.criteria[k].max_points));
            scored[k] = 1;
            total += points;
        }
        for (std::size_t k = 0; k < c.criteria.size(); ++k)
            if (!scored[k]) fail("missing_score", i, "/scores", "no score for criterion '" + c.criteria[k].id + "'");
        r.points = total;
        if (!rec.proposed_level.empty()) {
            const auto level = c.level_index(rec.proposed_level);
            if (!level)
                fail("unknown_level", i, "/proposed_level", "subject '" + subject.id + "' has no level '" + rec.proposed_level + "'");
            r.proposed_level = std::uint32_t(*level);
        }
    }

    std::size_t plain_criterion(const Subject& subject, const std::string& id, std::size_t i, const std::string& field) const {
        if (!subject.title) fail("unknown_criterion", i, field, "subject '" + subject.id + "' has no title criteria");
        const auto& criteria = subject.title->criteria;
        for (std::size_t c = 0; c < criteria.size(); ++c)
            if (criteria[c].id == id) {
                if (criteria[c].share)
                    fail("unknown_criterion", i, field, "criterion '" + id + "' is computed from the units inside, not recorded");
                return c;
            }
        fail("unknown_criterion", i, field, "subject '" + subject.id + "' has no title criterion '" + id + "'");
    }

    // Title and level of every unit of subject s, then its counts in the territories above.
    void decide(std::size_t s) {
        const Subject& subject = subjects[s];
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            UnitResult& r = out.m_results[idx];
            if (r.subject != s) continue;
            if (!r.exclusion && r.record) {
                if (subject.title) {
                    const auto& criteria = subject.title->criteria;
                    for (std::size_t c = 0; c < criteria.size(); ++c) {
                        const bool passed = criteria[c].share ? share_met(r.unit, *criteria[c].share) : met[idx][c] == 1;
                        if (!passed) r.failed_criteria.push_back(std::uint32_t(c));
                    }
                    r.title = r.failed_criteria.empty() ? TitleOutcome::passed : TitleOutcome::failed;
                }
                if (subject.classification) {
                    const auto& levels = subject.classification->levels;
                    for (std::size_t l = 0; l < levels.size(); ++l)
                        if (r.points >= levels[l].min_points && (!levels[l].requires_title || r.title == TitleOutcome::passed)) {
                            r.level = std::uint32_t(l);
                            break;
                        }
                }
            }
            count(r);
        }
    }

    bool share_met(UnitIndex u, const ShareCondition& share) {
        const std::optional<UnitIndex> territory = is_territory(g.unit(u).kind) ? std::optional<UnitIndex>(u) : g.area(u);
        if (!territory) return true;
        const std::size_t target = *out.m_rules.subject_index(share.subject);
        const std::uint32_t slot = roll_up_slot[std::size_t(territory->value) * subjects.size() + target];
        const double have = slot == 0 ? 1.0 : out.m_roll_ups[slot - 1].title_share();
        return have + 1e-12 >= share.min_share;
    }

    std::optional<UnitIndex> territory_above(UnitIndex t) {
        if (up.empty()) up.assign(g.unit_capacity(), 0);
        std::uint32_t& cached = up[t.value];
        if (cached == 0) {
            const auto p = g.parent(t, TieKind::contains);
            cached = p ? p->value + 1 : std::numeric_limits<std::uint32_t>::max();
        }
        if (cached == std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
        return UnitIndex{cached - 1};
    }

    void count(const UnitResult& r) {
        if (roll_up_slot.empty()) roll_up_slot.assign(g.unit_capacity() * subjects.size(), 0);
        const std::size_t n_levels = subjects[r.subject].classification ? subjects[r.subject].classification->levels.size() : 0;
        for (std::optional<UnitIndex> t = home(r.unit); t; t = territory_above(*t)) {
            std::uint32_t& slot = roll_up_slot[std::size_t(t->value) * subjects.size() + r.subject];
            if (slot == 0) {
                RollUp fresh;
                fresh.territory = *t;
                fresh.subject = r.subject;
                fresh.levels.assign(n_levels, 0);
                out.m_roll_ups.push_back(std::move(fresh));
                slot = std::uint32_t(out.m_roll_ups.size());
            }
            RollUp& u = out.m_roll_ups[slot - 1];
            ++u.units;
            switch (r.dossier) {
                case DossierStatus::excluded: ++u.excluded; break;
                case DossierStatus::on_time: ++u.on_time; break;
                case DossierStatus::late: ++u.late; break;
                case DossierStatus::missing: ++u.missing; break;
            }
            if (r.title == TitleOutcome::passed) ++u.passed;
            if (r.title == TitleOutcome::failed) ++u.failed;
            if (r.level) ++u.levels[*r.level];
        }
    }

    // Roll-ups in territory index order, subjects in rule order, with a start index per territory.
    void index_roll_ups() {
        auto& rolls = out.m_roll_ups;
        std::sort(rolls.begin(), rolls.end(), [](const RollUp& x, const RollUp& y) {
            return x.territory.value != y.territory.value ? x.territory.value < y.territory.value : x.subject < y.subject;
        });
        out.m_roll_up_start.assign(g.unit_capacity(), 0);
        for (std::size_t i = rolls.size(); i-- > 0;) out.m_roll_up_start[rolls[i].territory.value] = std::uint32_t(i + 1);
    }

    bool at_least(const UnitResult& r, const std::string& level_id) const {
        const auto& c = subjects[r.subject].classification;
        if (!c) return true;  // nothing to rate: the level condition does not apply
        return r.level && *r.level <= *c->level_index(level_id);
    }

    bool holds_title(const UnitResult& r) const {
        return r.title == TitleOutcome::passed || r.title == TitleOutcome::not_applicable;
    }

    std::uint32_t grade(const UnitResult& r) const {
        const auto& grades = out.m_rules.heads.grades;
        // A unit without a dossier has neither level nor title: only the last grade is left for it.
        if (!r.record) return std::uint32_t(grades.size() - 1);
        for (std::size_t k = 0; k + 1 < grades.size(); ++k) {
            const HeadGrade& h = grades[k];
            if (h.min_level && !at_least(r, *h.min_level)) continue;
            if (h.requires_title && !holds_title(r)) continue;
            if (h.on_time && r.dossier != DossierStatus::on_time) continue;
            return std::uint32_t(k);
        }
        return std::uint32_t(grades.size() - 1);
    }

    void grade_heads() {
        const auto& bodies = out.m_rules.heads.territory_bodies;
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            const UnitResult& r = out.m_results[idx];
            if (r.exclusion) continue;
            const std::uint32_t grade_index = grade(r);
            auto add = [&](UnitIndex body) {
                if (auto post = g.head(body)) out.m_heads.push_back({*post, body, idx, grade_index});
            };
            if (is_territory(g.unit(r.unit).kind)) {
                g.for_each_parent(r.unit, TieKind::serves, [&](UnitIndex b) {
                    if (std::find(bodies.begin(), bodies.end(), g.unit(b).kind) != bodies.end()) add(b);
                });
            } else {
                add(r.unit);
            }
        }
    }

    void propose_commendations() {
        const CommendationRule& rule = out.m_rules.commendation;
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            const UnitResult& r = out.m_results[idx];
            if (r.exclusion || !r.record || !at_least(r, rule.min_level)) continue;
            if (rule.requires_title && !holds_title(r)) continue;
            if (rule.on_time && r.dossier != DossierStatus::on_time) continue;
            out.m_commendations.push_back({r.unit, false, idx, r.authority});
        }
        const auto& grades = out.m_rules.heads.grades;
        std::uint32_t wanted = 0;
        while (grades[wanted].id != rule.head_grade) ++wanted;
        for (const HeadAssessment& h : out.m_heads)
            if (h.grade == wanted) out.m_commendations.push_back({h.post, true, h.result, out.m_results[h.result].authority});
    }

    const OrgGraph& g;
    const Assessments& a;
    Evaluation out;
    const std::vector<Subject>& subjects;  // out.m_rules.subjects
    std::vector<std::vector<char>> met;        // per result: 0 unmet, 1 met, 2 broken by an incident
    std::vector<std::uint32_t> roll_up_slot;   // territory * subjects + subject -> 1 + roll-up index
    std::vector<std::uint32_t> pc_of;          // territory -> its People's Committee (cache)
    std::vector<std::uint32_t> up;             // territory -> 1 + the territory containing it (cache)
};

Evaluation evaluate(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments) {
    return EvaluationRun(graph, std::move(rules), assessments).run();
}

}  // namespace antq
