#pragma once

/**
 * @file
 * The evaluation run for a year: assessment records (antq/evaluation/records.hpp) in, and out per unit the title
 * "An toàn về ANTT", the movement classification, the dossier's timeliness and the deciding authority
 * (unit_result.hpp); counts per territory and per subject (roll_up.hpp); contributions for the heads of what was evaluated
 * (heads.hpp); commendation proposals (commendation.hpp). The rules are data (rules.hpp). Guide: docs/evaluation.md.
 */

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <antq/evaluation/commendation.hpp>
#include <antq/evaluation/heads.hpp>
#include <antq/evaluation/records.hpp>
#include <antq/evaluation/roll_up.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/evaluation/unit_result.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/ids.hpp>

namespace antq {

namespace detail {
struct EvaluationRun;
}  // namespace detail

struct SelectorTranslation;
class Evaluation;
Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, const EvaluationRules& rules,
                    const SelectorTranslation& translation);

/**
 * A year's evaluation of a graph under a rule set: a plain result object, valid for the graph generation it was
 * computed on (check_current()).
 */
class Evaluation {
public:
    const EvaluationRules& rules() const noexcept { return m_rules; }
    int year() const noexcept { return m_year; }
    /** One per unit some subject picks, in unit index order. */
    const std::vector<UnitResult>& results() const noexcept { return m_results; }
    /** The result of unit `u`, or nullptr when no subject picks it. */
    const UnitResult* result_of(UnitIndex u) const noexcept;
    /**
     * Per territory holding evaluated units, per subject with units there. A territory subject's unit counts in
     * the territories above it; a body counts in the territory it serves and those above. Territories in index
     * order, subjects in rule order.
     */
    const std::vector<RollUp>& roll_ups() const noexcept { return m_roll_ups; }
    /** The roll-up for `territory` and subject `subject`, or nullptr. */
    const RollUp* roll_up(UnitIndex territory, std::size_t subject) const noexcept;
    /** One per subject, in rule order: its units over the whole graph (a subject picking nothing counts zeros). */
    const std::vector<SubjectTotals>& totals() const noexcept { return m_totals; }
    const std::vector<HeadInput>& heads() const noexcept { return m_heads; }
    /** Collectives first (in result order), then individuals (in head order). */
    const std::vector<Commendation>& commendations() const noexcept { return m_commendations; }
    /**
     * What a translation of the rules left out (evaluate() with SelectorTranslation::drop_unmatched,
     * antq/evaluation/translate.hpp): one line per subject, exclusion or share criterion.
     */
    const std::vector<std::string>& dropped() const noexcept { return m_dropped; }

    /** The graph generation the evaluation was computed on. */
    std::uint64_t graph_generation() const noexcept { return m_stamp.generation(); }
    /** @throws StaleView "stale_result" if `graph` is not the graph (and generation) evaluated */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }

private:
    friend struct detail::EvaluationRun;
    friend Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, const EvaluationRules& rules,
                               const SelectorTranslation& translation);
    EvaluationRules m_rules;
    int m_year = 0;
    std::vector<UnitResult> m_results;
    std::vector<std::uint32_t> m_result_of;  // unit index -> 1 + result index, 0 for none
    std::vector<RollUp> m_roll_ups;
    std::vector<std::uint32_t> m_roll_up_start;  // unit index -> 1 + first roll-up of that territory
    std::vector<SubjectTotals> m_totals;
    std::vector<HeadInput> m_heads;
    std::vector<Commendation> m_commendations;
    std::vector<std::string> m_dropped;
    GraphStamp m_stamp;
};

/**
 * Evaluates a year. Every unit a subject picks gets a result: excluded, missing its dossier, or judged on its
 * record. The title passes when every criterion is met (share criteria are computed from the subjects they name,
 * which come first); the level is the highest whose threshold the total reaches, and whose title requirement
 * holds. Nothing is dropped: a record the run cannot use is an error.
 * @throws NotFound "unknown_unit"; InvalidInput "not_evaluated" (no subject picks the unit), "several_subjects",
 *         "not_evaluable" (a subject picks a post), "several_authorities" (two bodies of a decider's kind serve the
 *         deciding territory), "no_manager" / "several_managers" (a subject decided where the unit's manager serves,
 *         and no body, or bodies of different territories, direct the unit),
 *         "excluded_unit" (a record for an excluded unit), "duplicate_record", "unknown_criterion" (in criteria_met,
 *         scores or incidents; or a share criterion listed as met), "duplicate_criterion", "missing_score", "score_out_of_range", "unexpected_scores" (a
 *         subject without classification), "unknown_level" (proposed_level), "date_outside_window" (an incident
 *         outside the unit's window, or a dossier dated before it opens), "conflicting_record" (a criterion both
 *         met and broken by an incident), "no_authority" (no body of a decider's kind serves the deciding territory).
 *         where() is Assessments::place_of(i) plus the field, e.g. "year.json:/records/4/scores/models";
 *         for errors about a unit rather than a record, "unit '<id>'".
 *         "unmatched_selector" (a subject needing a level the graph's structure lacks, check_subjects()),
 *         "bad_rule" (a subject's window or deadline that is no day of the year, as rules built in code may give;
 *         where() names the subject and the field).
 * Arguments come in the order the Python call takes them: the graph, the year's records, then the rules they are
 * judged by. Holds a ReadGuard on `graph` while it runs (GraphInUse if the graph is being changed). Walks the graph
 * through its frozen view, OrgGraph::freeze(): built on the first run after a change, then shared by later runs
 * (and by every other reader of the view).
 * Complexity: O(V + E) to freeze the graph when it changed; then O(V) per selector, O(size of the records), and for
 * the roll-ups O(depth) per territory and subject with evaluated units.
 */
Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, EvaluationRules rules);

}  // namespace antq
