#pragma once

/**
 * @file The evaluation run for a year: assessment records (format "antq.assessments") in, and out per unit the
 * title "An toàn về ANTT", the movement classification, the dossier's timeliness and the deciding authority;
 * roll-ups per territory; grades for the heads of what was evaluated; commendation proposals. The rules are
 * data (antq/evaluation/rules.hpp). Guide: docs/evaluation.md.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <antq/evaluation/rules.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/ids.hpp>

namespace antq {

/** A dated event that breaks a title criterion (a crime, a complicated dispute, school violence ...). */
struct Incident {
    std::string criterion;  ///< a plain title criterion of the unit's subject
    std::string date;       ///< "YYYY-MM-DD", inside the unit's evaluation window
    std::string note;
    friend bool operator==(const Incident&, const Incident&) = default;
};

/** One unit's self-assessment dossier for a year, as the level above receives it. */
struct AssessmentRecord {
    std::string unit;          ///< persistent unit id
    std::string dossier_date;  ///< "YYYY-MM-DD" the dossier reached the deciding level
    /** The plain title criteria the unit meets; any other is failed (share criteria are computed). */
    std::vector<std::string> criteria_met;
    /** Points per scored criterion, one for each criterion of the subject's classification. */
    std::vector<std::pair<std::string, double>> scores;
    /** The level the unit proposes for itself (a level id), or empty. */
    std::string proposed_level;
    std::vector<Incident> incidents;
    friend bool operator==(const AssessmentRecord&, const AssessmentRecord&) = default;
};

/** A year's records. */
struct Assessments {
    int year = 0;
    std::vector<AssessmentRecord> records;
    /** How errors name the records: "<source>:/records/<i>" (a file name), or "records/<i>" when empty. */
    std::string source;
    /** Where record `i` is, as errors name it. */
    std::string place_of(std::size_t i) const;
    /** Same year and records (the source is only a name). */
    friend bool operator==(const Assessments& a, const Assessments& b) { return a.year == b.year && a.records == b.records; }
};

/**
 * Parses records (format "antq.assessments", version 1; docs/evaluation.md). Scores come out ordered by
 * criterion id, as JSON objects are unordered. Only the form is checked here;
 * evaluate() checks the records against a graph and rules, naming the same JSON pointers.
 * @throws InvalidInput "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field",
 *         "unknown_field", "empty_value", "unsupported_version", "not_an_assessments_file", "bad_date", "bad_year",
 *         "non_finite_number"; where() is "<source>:<JSON pointer>"
 */
Assessments parse_assessments(std::string_view text, std::string_view source = "<string>");

/** Reads a records file. @throws IoError "cannot_read"; otherwise as parse_assessments */
Assessments load_assessments(const std::filesystem::path& path);

/** The records as a JSON document; parse_assessments gives them back equal. */
std::string dump_assessments(const Assessments& assessments);

/** Writes dump_assessments(assessments) to `path` through a temporary file. @throws IoError "cannot_write" */
void save_assessments(const Assessments& assessments, const std::filesystem::path& path);

/** What became of a unit's title. */
enum class TitleOutcome : std::uint8_t {
    passed,          ///< every criterion met: recognised "An toàn về ANTT"
    failed,          ///< a criterion not met
    no_dossier,      ///< no record: cannot be recognised
    excluded,        ///< left out by the rules (TT 124 Điều 1(2)b)
    not_applicable,  ///< the subject has no title (the district level)
};

/** "passed", "failed", "no_dossier", "excluded" or "not_applicable". */
std::string_view to_string(TitleOutcome outcome) noexcept;

/** When the dossier came. */
enum class DossierStatus : std::uint8_t { on_time, late, missing, excluded };

/** "on_time", "late", "missing" or "excluded". */
std::string_view to_string(DossierStatus status) noexcept;

/** The result for one evaluated unit. */
struct UnitResult {
    UnitIndex unit;
    std::uint32_t subject = 0;  ///< index into EvaluationRules::subjects
    /** The People's Committee that recognises the title and decides the level; none for an excluded unit. */
    std::optional<UnitIndex> authority;
    std::uint32_t exclusion = 0;  ///< 1 + index into the subject's exclusions; 0 when not excluded
    DossierStatus dossier = DossierStatus::missing;
    std::string dossier_date;
    TitleOutcome title = TitleOutcome::no_dossier;
    /** Indices into the subject's title criteria the unit failed, ascending. */
    std::vector<std::uint32_t> failed_criteria;
    std::uint32_t incidents = 0;
    double points = 0.0;  ///< total score; 0 without a dossier
    /** Index into the subject's classification levels; std::nullopt when not classified. */
    std::optional<std::uint32_t> level;
    /** The level the unit proposed for itself, when it gave one. */
    std::optional<std::uint32_t> proposed_level;
    /** Index of the record this result comes from, if any. */
    std::optional<std::size_t> record;
};

/** Counts for one subject inside one territory. */
struct RollUp {
    UnitIndex territory;
    std::uint32_t subject = 0;
    std::size_t units = 0;     ///< picked by the subject, excluded ones included
    std::size_t excluded = 0;  ///< left out by the rules
    std::size_t on_time = 0, late = 0, missing = 0;
    std::size_t passed = 0, failed = 0;  ///< title outcomes (missing dossiers fail to pass, counted in `missing`)
    /** Units per classification level, in the subject's level order (0 past the subject's last level). */
    std::array<std::size_t, max_class_levels> levels{};
    /** Units that count: units - excluded. */
    std::size_t eligible() const noexcept { return units - excluded; }
    /** passed / eligible; 1 when nothing is eligible. */
    double title_share() const noexcept { return eligible() == 0 ? 1.0 : double(passed) / double(eligible()); }
};

/**
 * A head's grade, derived from the result of the unit whose body he or she heads (clause 1). A post heading
 * several bodies that answer for one territory is graded once for it, through the first such body.
 */
struct HeadAssessment {
    UnitIndex post;
    UnitIndex body;       ///< the body headed
    std::size_t result;   ///< index into Evaluation::results() of the unit answered for
    std::uint32_t grade;  ///< index into the head rule's grades
};

/** A proposal for commendation (clause 6), addressed to the authority of the unit concerned. */
struct Commendation {
    UnitIndex unit;        ///< the unit (collective) or the post (individual)
    bool individual = false;
    std::size_t result;    ///< index into Evaluation::results() of the unit whose result earns it
    std::optional<UnitIndex> proposed_to;
};

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
    const std::vector<HeadAssessment>& heads() const noexcept { return m_heads; }
    /** Collectives first (in result order), then individuals (in head order). */
    const std::vector<Commendation>& commendations() const noexcept { return m_commendations; }

    /** The graph generation the evaluation was computed on. */
    std::uint64_t graph_generation() const noexcept { return m_generation; }
    /** @throws StaleView "stale_result" if `graph` is not the graph (and generation) evaluated */
    void check_current(const OrgGraph& graph) const;

private:
    friend class EvaluationRun;
    EvaluationRules m_rules;
    int m_year = 0;
    std::vector<UnitResult> m_results;
    std::vector<std::uint32_t> m_result_of;  // unit index -> 1 + result index, 0 for none
    std::vector<RollUp> m_roll_ups;
    std::vector<std::uint32_t> m_roll_up_start;  // unit index -> 1 + first roll-up of that territory
    std::vector<HeadAssessment> m_heads;
    std::vector<Commendation> m_commendations;
    std::uint64_t m_generation = 0;
};

/**
 * Evaluates a year. Every unit a subject picks gets a result: excluded, missing its dossier, or judged on its
 * record. The title passes when every criterion is met (share criteria are computed from the subjects they name,
 * which come first); the level is the highest whose threshold the total reaches, and whose title requirement
 * holds. Nothing is dropped: a record the run cannot use is an error.
 * @throws NotFound "unknown_unit"; InvalidInput "not_evaluated" (no subject picks the unit), "several_subjects",
 *         "not_evaluable" (a subject picks a post), "several_authorities" (two People's Committees serve the deciding
 *         territory),
 *         "excluded_unit" (a record for an excluded unit), "duplicate_record", "unknown_criterion" (in criteria_met,
 *         scores or incidents; or a share criterion listed as met), "duplicate_criterion", "missing_score", "score_out_of_range", "unexpected_scores" (a
 *         subject without classification), "unknown_level" (proposed_level), "date_outside_window" (an incident
 *         outside the unit's window, or a dossier dated before it opens), "conflicting_record" (a criterion both
 *         met and broken by an incident), "no_authority" (no People's Committee serves the deciding territory).
 *         where() is Assessments::place_of(i) plus the field, e.g. "year.json:/records/4/scores/models";
 *         for errors about a unit rather than a record, "unit '<id>'".
 * Complexity: O(V + E + size of the records) for the selectors and the run, plus O(depth) per unit for roll-ups.
 */
Evaluation evaluate(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments);

/**
 * A clearly synthetic year of records for `graph`: every unit a subject picks and does not exclude gets a record,
 * except about 2% left without a dossier; about 8% of dossiers are late; about 4% of units break one plain title
 * criterion with an incident and 3% leave one unmet; scores are drawn around 80% of each maximum, in half points;
 * one unit in ten proposes itself a level above its points. The same seed gives the same records
 * on every platform (own generator, no std distributions).
 * @throws InvalidInput "bad_year" (outside 1900-2200); as Selector::select for the subjects' selectors
 */
Assessments example_assessments(const OrgGraph& graph, const EvaluationRules& rules, int year, std::uint64_t seed);

}  // namespace antq
