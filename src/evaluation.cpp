// The evaluation run: records checked against graph and rules, titles, levels, roll-ups, heads, commendation.

#include <antq/evaluation/evaluation.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_kind.hpp>

#include "dates.hpp"
#include "numbers.hpp"

namespace antq {

namespace {

std::string unit_place(const OrgGraph& graph, UnitIndex u) { return "unit '" + graph.unit(u).id + "'"; }


// Finds a criterion by id among a subject's few criteria: a 32-bit key (length, first and last byte) is compared
// first, the whole id only when the key matches, so a record's hundreds of thousands of ids cost no hashing.
class CriterionKeys {
public:
    CriterionKeys() = default;
    template <class Criteria>
    explicit CriterionKeys(const Criteria& criteria) {
        for (const auto& c : criteria) m_keys.push_back(key(c.id));
    }
    /** The index of `id`, or criteria.size(). */
    template <class Criteria>
    std::size_t find(const Criteria& criteria, std::string_view id) const noexcept {
        const std::uint32_t k = key(id);
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] == k && criteria[i].id == id) return i;
        return criteria.size();
    }

private:
    static std::uint32_t key(std::string_view id) noexcept {
        if (id.empty()) return 0;
        return std::uint32_t(std::min<std::size_t>(id.size(), 0xffff)) << 16 |
               std::uint32_t(static_cast<unsigned char>(id.front())) << 8 | static_cast<unsigned char>(id.back());
    }
    std::vector<std::uint32_t> m_keys;
};

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
        for (const Subject& subject : subjects) {
            days.push_back({subject.window.first_day(a.year), subject.window.last_day(a.year), subject.deadline_day(a.year)});
            title_keys.push_back(subject.title ? CriterionKeys(subject.title->criteria) : CriterionKeys());
            score_keys.push_back(subject.classification ? CriterionKeys(subject.classification->criteria) : CriterionKeys());
        }
        read_graph();
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

    // A subject's selector on the graph; its errors (a `within` naming no unit) say which subject and selector.
    std::vector<UnitIndex> select(const Selector& selector, std::size_t s, const std::string& field,
                                  const std::vector<UnitIndex>* among = nullptr) const {
        try {
            return among ? selector.select(g, *among) : selector.select(g);
        } catch (const Error&) {
            rethrow_at("subject '" + subjects[s].id + "' " + field);
        }
    }

    // Which subject picks each unit, and which are excluded.
    void pick_units() {
        const std::size_t capacity = g.unit_capacity();
        std::vector<std::uint32_t> subject_of(capacity, 0);  // 1 + subject index
        std::vector<std::uint32_t> exclusion_of(capacity, 0);
        std::size_t total = 0;
        for (std::size_t s = 0; s < subjects.size(); ++s) {
            const std::vector<UnitIndex> picked = select(subjects[s].units, s, "units");
            total += picked.size();
            for (UnitIndex u : picked) {
                if (is_post(g.kinds()[u.value]))
                    throw InvalidInput("not_evaluable", unit_place(g, u),
                                       "subject '" + subjects[s].id + "' picks a post; territories and bodies are evaluated, "
                                       "and a post's holder through the body it heads");
                if (subject_of[u.value] != 0)
                    throw InvalidInput("several_subjects", unit_place(g, u),
                                       "picked by subjects '" + subjects[subject_of[u.value] - 1].id + "' and '" +
                                           subjects[s].id + "': make the subjects' selectors disjoint");
                subject_of[u.value] = std::uint32_t(s + 1);
            }
            for (std::size_t e = subjects[s].exclusions.size(); e-- > 0;)  // the first matching exclusion wins
                for (UnitIndex u : select(subjects[s].exclusions[e].units, s, "exclusions/" + std::to_string(e), &picked))
                    exclusion_of[u.value] = std::uint32_t(e + 1);
        }
        out.m_results.reserve(total);
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
        of_subject.assign(subjects.size(), {});
        for (std::uint32_t idx = 0; idx < out.m_results.size(); ++idx) of_subject[out.m_results[idx].subject].push_back(idx);
    }

    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::uint32_t several = none - 1;

    // The graph as the run needs it, from one pass over the tie table and one over the packed kinds: the
    // territory containing each territory, the territory each body serves, the head of each body, the People's
    // Committee of each territory, and the heads of the bodies answering for a territory.
    void read_graph() {
        const std::size_t n = g.unit_capacity();
        above.assign(n, none);
        served.assign(n, none);
        head_of.assign(n, none);
        for (std::uint32_t i = 0; i < g.tie_capacity(); ++i) {
            if (!g.is_alive(TieIndex{i})) continue;
            const Tie& tie = g.tie(TieIndex{i});
            // The graph allows one container per territory, one served territory and one head per body.
            if (tie.kind == TieKind::contains) above[tie.target.value] = tie.source.value;
            else if (tie.kind == TieKind::serves) served[tie.source.value] = tie.target.value;
            else if (tie.kind == TieKind::heads) head_of[tie.target.value] = tie.source.value;
        }
        const auto kinds = g.kinds();
        const auto& answering = out.m_rules.heads.territory_bodies;
        pc_of.assign(n, none);
        for (std::uint32_t i = 0; i < n; ++i) {
            if (served[i] == none || !g.is_alive(UnitIndex{i})) continue;
            const std::uint32_t t = served[i];
            if (kinds[i] == UnitKind::peoples_committee) pc_of[t] = pc_of[t] == none ? i : several;
            if (head_of[i] != none && std::find(answering.begin(), answering.end(), kinds[i]) != answering.end())
                territory_heads.push_back({t, i, head_of[i]});
        }
    }

    // The territory a unit's result counts in first: the one above a territory, the one a body serves.
    std::uint32_t home(UnitIndex u) const { return is_territory(g.kinds()[u.value]) ? above[u.value] : served[u.value]; }

    // TT 124 Điều 10: the People's Committee of the territory above a territory, of the territory a body serves.
    void find_authorities() {
        home_of.assign(out.m_results.size(), none);
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            UnitResult& r = out.m_results[idx];
            const std::uint32_t territory_index = home(r.unit);
            home_of[idx] = territory_index;
            if (r.exclusion) continue;
            if (territory_index == none)
                throw InvalidInput("no_authority", unit_place(g, r.unit),
                                   is_territory(g.unit(r.unit).kind) ? "no territory contains it, so no level above decides"
                                                                    : "it serves no territory, so no People's Committee decides");
            const UnitIndex territory{territory_index};
            const std::uint32_t pc = pc_of[territory_index];
            if (pc == none)
                throw InvalidInput("no_authority", unit_place(g, r.unit),
                                   "no People's Committee serves '" + g.unit(territory).id + "', the territory that decides");
            if (pc == several)
                throw InvalidInput("several_authorities", unit_place(g, r.unit),
                                   "several People's Committees serve '" + g.unit(territory).id + "', the territory that decides");
            r.authority = UnitIndex{pc};
        }
    }

    void read_records() {
        met.assign(out.m_results.size(), 0);
        broken.assign(out.m_results.size(), 0);
        std::vector<std::string_view> ids;
        ids.reserve(a.records.size());
        for (const AssessmentRecord& rec : a.records) ids.push_back(rec.unit);
        const std::vector<std::optional<UnitIndex>> units = g.find(ids);
        for (std::size_t i = 0; i < a.records.size(); ++i) read_record(i, units[i]);
    }

    // Ids are compared byte for byte: an id typed in another Unicode form looks the same and is not found.
    std::string nfc_hint(const std::string& id) const {
        try {
            const std::string nfc = to_nfc(id, "");
            if (nfc != id && g.find(nfc)) return " (a unit has this id in NFC form: write ids in Unicode NFC)";
        } catch (const Error&) {
        }
        return "";
    }

    [[noreturn]] void fail(const std::string& tag, std::size_t i, const std::string& field, const std::string& what) const {
        throw InvalidInput(tag, a.place_of(i) + field, what);
    }

    static std::string item(const char* list, std::size_t k) { return std::string("/") + list + "/" + std::to_string(k); }

    void read_record(std::size_t i, std::optional<UnitIndex> u) {
        const AssessmentRecord& rec = a.records[i];
        if (!u) throw NotFound("unknown_unit", a.place_of(i) + "/unit", "no unit '" + rec.unit + "' in the graph" + nfc_hint(rec.unit));
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

        const std::size_t idx = out.m_result_of[u->value] - 1;
        const auto& [first, last, deadline] = days[r.subject];
        if (!detail::iso_days(rec.dossier_date))
            fail("bad_date", i, "/dossier_date", "'" + rec.dossier_date + "' is not a date written YYYY-MM-DD");
        if (rec.dossier_date < first)
            fail("date_outside_window", i, "/dossier_date",
                 rec.dossier_date + " is before the " + std::to_string(a.year) + " window of '" + subject.id + "' opens (" +
                     first + ")");
        r.dossier_date = rec.dossier_date;
        r.dossier = rec.dossier_date <= deadline ? DossierStatus::on_time : DossierStatus::late;

        // Title: plain criteria met, minus those an incident breaks (bit c of met / broken: criterion c).
        std::uint64_t& ok = met[idx];
        for (std::size_t k = 0; k < rec.criteria_met.size(); ++k) {
            const std::size_t c = plain_criterion(subject, rec.criteria_met[k], i, [k] { return item("criteria_met", k); });
            if (ok >> c & 1)
                fail("duplicate_criterion", i, item("criteria_met", k), "criterion '" + rec.criteria_met[k] + "' is listed twice");
            ok |= std::uint64_t{1} << c;
        }
        for (std::size_t k = 0; k < rec.incidents.size(); ++k) {
            const Incident& inc = rec.incidents[k];
            const std::size_t c = plain_criterion(subject, inc.criterion, i, [k] { return item("incidents", k) + "/criterion"; });
            if (!detail::iso_days(inc.date))
                fail("bad_date", i, item("incidents", k) + "/date", "'" + inc.date + "' is not a date written YYYY-MM-DD");
            if (inc.date < first || inc.date > last)
                fail("date_outside_window", i, item("incidents", k) + "/date",
                     inc.date + " lies outside the " + std::to_string(a.year) + " window of '" + subject.id + "' (" + first +
                         " to " + last + ")");
            if (ok >> c & 1)
                fail("conflicting_record", i, item("incidents", k) + "/criterion",
                     "criterion '" + inc.criterion + "' is listed as met and broken by this incident");
            broken[idx] |= std::uint64_t{1} << c;
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
        std::uint64_t scored = 0;
        double total = 0;
        for (const auto& [id, points] : rec.scores) {
            const std::size_t k = score_keys[r.subject].find(c.criteria, id);
            if (k == c.criteria.size())
                fail("unknown_criterion", i, "/scores/" + id, "subject '" + subject.id + "' has no scored criterion '" + id + "'");
            if (scored >> k & 1) fail("duplicate_criterion", i, "/scores/" + id, "criterion '" + id + "' is scored twice");
            if (!std::isfinite(points) || points < 0 || points > c.criteria[k].max_points)
                fail("score_out_of_range", i, "/scores/" + id,
                     detail::number_text(points) + " points, but '" + id + "' gives 0 to " + detail::number_text(c.criteria[k].max_points));
            scored |= std::uint64_t{1} << k;
            total += points;
        }
        for (std::size_t k = 0; k < c.criteria.size(); ++k)
            if (!(scored >> k & 1)) fail("missing_score", i, "/scores", "no score for criterion '" + c.criteria[k].id + "'");
        r.points = detail::clean_sum(total);
        if (!rec.proposed_level.empty()) {
            const auto level = c.level_index(rec.proposed_level);
            if (!level)
                fail("unknown_level", i, "/proposed_level", "subject '" + subject.id + "' has no level '" + rec.proposed_level + "'");
            r.proposed_level = std::uint32_t(*level);
        }
    }

    // The index of plain title criterion `id`; `field` names the place, built only for an error.
    template <class Field>
    std::size_t plain_criterion(const Subject& subject, const std::string& id, std::size_t i, Field&& field) const {
        if (!subject.title) fail("unknown_criterion", i, field(), "subject '" + subject.id + "' has no title criteria");
        const auto& criteria = subject.title->criteria;
        const std::size_t c = title_keys[&subject - subjects.data()].find(criteria, id);
        if (c == criteria.size())
            fail("unknown_criterion", i, field(), "subject '" + subject.id + "' has no title criterion '" + id + "'");
        if (criteria[c].share)
            fail("unknown_criterion", i, field(), "criterion '" + id + "' is computed from the units inside, not recorded");
        return c;
    }

    // Title and level of every unit of subject s, then its counts in the territories above.
    // Title and level of every unit of subject s, then its counts in the territories above.
    void decide(std::size_t s) {
        const Subject& subject = subjects[s];
        for (std::uint32_t idx : of_subject[s]) {
            UnitResult& r = out.m_results[idx];
            if (r.exclusion || !r.record) continue;
            if (subject.title) {
                const auto& criteria = subject.title->criteria;
                for (std::size_t c = 0; c < criteria.size(); ++c) {
                    const bool passed = criteria[c].share ? share_met(r.unit, *criteria[c].share)
                                                          : (met[idx] & ~broken[idx]) >> c & 1;
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
        count(s);
    }

    // Whether enough of share.subject's units inside u's territory hold the title (none eligible: met).
    bool share_met(UnitIndex u, const ShareCondition& share) {
        const std::uint32_t territory = is_territory(g.kinds()[u.value]) ? u.value : served[u.value];
        if (territory == none) return true;
        const std::size_t target = *out.m_rules.subject_index(share.subject);
        const std::uint32_t slot = roll_up_slot[std::size_t(territory) * subjects.size() + target];
        const double have = slot == 0 ? 1.0 : out.m_roll_ups[slot - 1].title_share();
        return have + 1e-12 >= share.min_share;
    }

    // The roll-up of subject s at territory t, made on first use.
    RollUp& roll_up_at(std::uint32_t t, std::size_t s) {
        std::uint32_t& slot = roll_up_slot[std::size_t(t) * subjects.size() + s];
        if (slot == 0) {
            RollUp fresh;
            fresh.territory = UnitIndex{t};
            fresh.subject = std::uint32_t(s);
            out.m_roll_ups.push_back(std::move(fresh));
            slot = std::uint32_t(out.m_roll_ups.size());
        }
        return out.m_roll_ups[slot - 1];
    }

    static void add(RollUp& into, const RollUp& from) {
        into.units += from.units;
        into.excluded += from.excluded;
        into.on_time += from.on_time;
        into.late += from.late;
        into.missing += from.missing;
        into.passed += from.passed;
        into.failed += from.failed;
        for (std::size_t l = 0; l < into.levels.size(); ++l) into.levels[l] += from.levels[l];  // max_class_levels adds
    }

    // Counts subject s: each unit in the territory it counts in first, then those counts up the containment
    // chain (a few thousand additions instead of a walk up per unit).
    void count(std::size_t s) {
        if (roll_up_slot.empty()) roll_up_slot.assign(g.unit_capacity() * subjects.size(), 0);
        const std::size_t first_new = out.m_roll_ups.size();
        for (std::uint32_t idx : of_subject[s]) {
            const UnitResult& r = out.m_results[idx];
            if (home_of[idx] == none) continue;
            RollUp& u = roll_up_at(home_of[idx], s);
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
        // Up one level at a time, deepest first, so every count climbs each step once.
        std::array<std::vector<std::uint32_t>, all_levels.size()> at_level;
        for (std::size_t i = first_new; i < out.m_roll_ups.size(); ++i)
            at_level[std::size_t(g.levels()[out.m_roll_ups[i].territory.value])].push_back(std::uint32_t(i));
        for (std::size_t level = at_level.size(); level-- > 0;)
            for (std::size_t k = 0; k < at_level[level].size(); ++k) {
                const std::uint32_t i = at_level[level][k];
                const std::uint32_t up = above[out.m_roll_ups[i].territory.value];
                if (up == none) continue;
                const std::size_t before = out.m_roll_ups.size();
                RollUp& parent = roll_up_at(up, s);
                if (out.m_roll_ups.size() != before) at_level[std::size_t(g.levels()[up])].push_back(std::uint32_t(before));
                add(parent, out.m_roll_ups[i]);
            }
    }

    // Roll-ups in territory index order, subjects in rule order, with a start index per territory.
    void index_roll_ups() {
        auto& rolls = out.m_roll_ups;
        // Sorting small keys, then gathering, moves each roll-up once.
        std::vector<std::pair<std::uint64_t, std::size_t>> order(rolls.size());  // ((territory, subject), position)
        for (std::size_t i = 0; i < rolls.size(); ++i)
            order[i] = {(std::uint64_t(rolls[i].territory.value) << 32) | rolls[i].subject, i};
        std::sort(order.begin(), order.end());
        std::vector<RollUp> sorted;
        sorted.reserve(rolls.size());
        for (const auto& entry : order) sorted.push_back(rolls[entry.second]);
        rolls = std::move(sorted);
        out.m_roll_up_start.assign(g.unit_capacity(), 0);
        for (std::size_t i = rolls.size(); i-- > 0;) out.m_roll_up_start[rolls[i].territory.value] = std::uint32_t(i + 1);
    }

    // Whether r's level is at least the level at `position` of its subject (see level_positions); a subject
    // without classification has nothing to rate, so the condition does not apply.
    bool at_least(const UnitResult& r, std::uint32_t position) const {
        if (!subjects[r.subject].classification) return true;
        return r.level && *r.level <= position;
    }

    // Per subject, the index of level `id` (rules checked every classified subject has it).
    std::vector<std::uint32_t> level_positions(const std::string& id) const {
        std::vector<std::uint32_t> positions;
        for (const Subject& s : subjects)
            positions.push_back(s.classification ? std::uint32_t(*s.classification->level_index(id)) : 0);
        return positions;
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
            if (h.min_level && !at_least(r, grade_levels[k][r.subject])) continue;
            if (h.requires_title && !holds_title(r)) continue;
            if (h.on_time && r.dossier != DossierStatus::on_time) continue;
            return std::uint32_t(k);
        }
        return std::uint32_t(grades.size() - 1);
    }

    // Territories answer through the heads of their bodies (read_graph found them); bodies through their own head.
    void grade_heads() {
        for (const HeadGrade& h : out.m_rules.heads.grades)
            grade_levels.push_back(h.min_level ? level_positions(*h.min_level) : std::vector<std::uint32_t>(subjects.size(), 0));
        std::vector<std::uint32_t> grade_of(out.m_results.size(), none);
        auto graded = [&](std::size_t idx) {
            if (grade_of[idx] == none) grade_of[idx] = grade(out.m_results[idx]);
            return grade_of[idx];
        };
        for (const auto& [territory, body, post] : territory_heads) {
            const std::uint32_t idx = out.m_result_of[territory];
            if (idx == 0 || out.m_results[idx - 1].exclusion) continue;
            out.m_heads.push_back({UnitIndex{post}, UnitIndex{body}, idx - 1u, graded(idx - 1)});
        }
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            const UnitResult& r = out.m_results[idx];
            if (r.exclusion || is_territory(g.kinds()[r.unit.value])) continue;
            if (head_of[r.unit.value] != none) out.m_heads.push_back({UnitIndex{head_of[r.unit.value]}, r.unit, idx, graded(idx)});
        }
        // A post heading two bodies that answer for one territory (a People's Committee chair who also heads the
        // steering committee) is graded once, through the first of them.
        auto& heads = out.m_heads;
        std::sort(heads.begin(), heads.end(), [](const HeadAssessment& x, const HeadAssessment& y) {
            return std::tie(x.result, x.post.value, x.body.value) < std::tie(y.result, y.post.value, y.body.value);
        });
        heads.erase(std::unique(heads.begin(), heads.end(),
                                [](const HeadAssessment& x, const HeadAssessment& y) { return x.result == y.result && x.post == y.post; }),
                    heads.end());
        // In result order, then body order.
        std::sort(heads.begin(), heads.end(), [](const HeadAssessment& x, const HeadAssessment& y) {
            return std::tie(x.result, x.body.value) < std::tie(y.result, y.body.value);
        });
    }

    void propose_commendations() {
        const CommendationRule& rule = out.m_rules.commendation;
        const std::vector<std::uint32_t> min_level = level_positions(rule.min_level);
        for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
            const UnitResult& r = out.m_results[idx];
            if (r.exclusion || !r.record || !at_least(r, min_level[r.subject])) continue;
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
    struct Days {
        std::string first, last, deadline;  // the window and the deadline of a subject for the year
    };
    std::vector<Days> days;                    // per subject
    std::vector<std::uint64_t> met, broken;    // per result: bit c for title criterion c listed met / broken
    std::vector<std::uint32_t> home_of;        // per result: the territory it counts in first, or none
    std::vector<std::uint32_t> roll_up_slot;   // territory * subjects + subject -> 1 + roll-up index
    std::vector<std::uint32_t> above;          // territory -> the territory containing it, or none
    std::vector<std::uint32_t> served;         // body -> the territory it serves, or none
    std::vector<std::uint32_t> head_of;        // body -> the post heading it, or none
    std::vector<std::uint32_t> pc_of;          // territory -> the People's Committee serving it, none or several
    struct TerritoryHead {
        std::uint32_t territory, body, post;
    };
    std::vector<TerritoryHead> territory_heads;  // heads of the bodies answering for a territory
    std::vector<std::vector<std::uint32_t>> of_subject;  // result indices per subject, in unit order
    std::vector<CriterionKeys> title_keys, score_keys;   // per subject
    std::vector<std::vector<std::uint32_t>> grade_levels;  // per head grade, per subject: its min_level's index
};

Evaluation evaluate(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments) {
    detail::check_year(assessments.year, assessments.source.empty() ? "assessments" : assessments.source + ":/year");
    return EvaluationRun(graph, std::move(rules), assessments).run();
}

}  // namespace antq
