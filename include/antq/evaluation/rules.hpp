#pragma once

/**
 * @file
 * The rules of the yearly evaluation cycle as data (JSON format "antq.evaluation_rules"): per evaluated
 * unit type ("subject": residential area, commune, agency, enterprise, school, district) the units it covers and
 * those excluded, the evaluation window and dossier deadline, the pass/fail criteria of the "An toàn về ANTT"
 * title (Thông tư 124/2021/TT-BCA) and the point-scored criteria and levels of the movement classification
 * (Quyết định 510/QĐ-BCA-V05); what the results contribute to heads' assessments and who is proposed for commendation (clauses 1 and 6
 * of the 2024 directive). Every value the sources leave open carries its assumption. Read and written by
 * antq/io/rules_json.hpp; the Hải Dương 2024 rule set is antq::default_evaluation_rules() (antq/io/datasets.hpp).
 * Guide: docs/evaluation.md.
 */

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/selector.hpp>
#include <antq/model/unit_kind.hpp>

namespace antq {

/** A derived criterion: at least `min_share` of the `subject` units inside the unit's territory hold the title. */
struct ShareCondition {
    std::string subject;
    double min_share = 0.0;  ///< in [0, 1]
    friend bool operator==(const ShareCondition&, const ShareCondition&) = default;
};

/** One pass/fail criterion of the title. A plain criterion is met when a record says so; a share one is computed. */
struct TitleCriterion {
    std::string id;
    std::string title;
    std::string source;      ///< where it comes from; may be empty when `assumption` says why
    std::string assumption;  ///< why it is assumed rather than sourced; empty for a sourced criterion
    std::optional<ShareCondition> share;
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const TitleCriterion&, const TitleCriterion&) = default;
};

/** The title "An toàn về ANTT" for one subject: pass when every criterion is met (TT 124 Điều 8(1)). */
struct TitleRule {
    std::string source;
    std::vector<TitleCriterion> criteria;
    friend bool operator==(const TitleRule&, const TitleRule&) = default;
};

/** One point-scored criterion of the classification. */
struct ScoredCriterion {
    std::string id;
    std::string title;
    double max_points = 0.0;  ///< > 0
    std::string source;
    std::string assumption;
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const ScoredCriterion&, const ScoredCriterion&) = default;
};

/** A classification level: reached with at least `min_points` (and the title, where required). */
struct ClassLevel {
    std::string id;     ///< e.g. "xuat_sac"
    std::string label;  ///< e.g. "Xuất sắc"
    double min_points = 0.0;
    bool requires_title = false;
    std::string source;
    std::string assumption;
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const ClassLevel&, const ClassLevel&) = default;
};

/** The most levels a classification may have (QĐ 510 has three or four). */
inline constexpr std::size_t max_class_levels = 8;

/** The most criteria a title or a classification may have. */
inline constexpr std::size_t max_criteria = 64;

/**
 * The most subjects a rule set may have, exclusions a subject, and contributions the heads' rule (TT 124 and QĐ 510 need
 * about ten subjects and four contributions): the run keeps a table per territory and subject, so the bound keeps a hostile
 * rule file from costing territories x subjects.
 */
inline constexpr std::size_t max_subjects = 64;
/** See max_subjects. */
inline constexpr std::size_t max_exclusions = 64;
/** See max_subjects. */
inline constexpr std::size_t max_head_contributions = 16;

/** The movement classification for one subject (QĐ 510): the total of the scores picks the level. */
struct ClassificationRule {
    std::string source;
    std::vector<ScoredCriterion> criteria;
    /** Highest first, thresholds strictly falling; the last level starts at 0 points; at most max_class_levels. */
    std::vector<ClassLevel> levels;
    /** Index of the level `id`, or std::nullopt. */
    std::optional<std::size_t> level_index(std::string_view id) const noexcept;
    friend bool operator==(const ClassificationRule&, const ClassificationRule&) = default;
};

/** Units a subject's selector picks but the rules leave out (TT 124 Điều 1(2)b), with the reason. */
struct Exclusion {
    std::string reason;
    Selector units;
    friend bool operator==(const Exclusion&, const Exclusion&) = default;
};

/**
 * A yearly period given as month-day bounds. When `from` falls after `to` in the calendar (11-16 .. 11-15) the
 * period starts in the previous year: for 2024, 2023-11-16 .. 2024-11-15.
 */
struct YearWindow {
    std::string from;  ///< "MM-DD"
    std::string to;    ///< "MM-DD"
    std::string source;
    std::string assumption;  ///< why the window is assumed; empty when sourced
    bool assumed() const noexcept { return !assumption.empty(); }
    /** The first day for `year`, "YYYY-MM-DD". */
    std::string first_day(int year) const;
    /** The last day for `year`, "YYYY-MM-DD". */
    std::string last_day(int year) const;
    friend bool operator==(const YearWindow&, const YearWindow&) = default;
};

/**
 * Which territory's bodies decide on a subject's units (TT 124/2021 Điều 10: the People's Committee of the level
 * that manages the unit).
 */
enum class DecidedAt : std::uint8_t {
    territory,  ///< the territory containing an evaluated territory; the territory an evaluated body serves
    manager,    ///< the territory served by the body's manager: the source of a `directs` tie into it
};

/** "territory" or "manager". */
std::string_view to_string(DecidedAt where) noexcept;

/** Where a subject's units are decided, and why. */
struct DecisionPlace {
    DecidedAt at = DecidedAt::territory;
    std::string source;
    std::string assumption;  ///< why the place is assumed; empty when sourced
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const DecisionPlace&, const DecisionPlace&) = default;
};

/** The kind of body that decides, in the deciding territory, and why. */
struct Decider {
    UnitKind kind = UnitKind::peoples_committee;
    std::string source;
    std::string assumption;
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const Decider&, const Decider&) = default;
};

/** One type of evaluated unit, with its title and/or classification rule. */
struct Subject {
    std::string id;     ///< e.g. "residential_area"
    std::string label;  ///< e.g. "Khu dân cư"
    Selector units;
    std::vector<Exclusion> exclusions;
    YearWindow window;
    std::string deadline;  ///< "MM-DD" in the evaluation year: a dossier dated on it is on time
    std::string deadline_source;
    std::string deadline_assumption;  ///< why the deadline (or reading it) is assumed; empty when sourced
    /** Whose bodies decide on its units; by default the territory's (rule files may leave it out). */
    DecisionPlace decided_at;
    std::optional<TitleRule> title;
    std::optional<ClassificationRule> classification;
    /** The deadline for `year`, "YYYY-MM-DD". */
    std::string deadline_day(int year) const;
    friend bool operator==(const Subject&, const Subject&) = default;
};

/**
 * What a unit's results can contribute to its head's assessment (clause 1 of the 2024 directive uses the results as
 * an input to it): a recommendation, not the assessment. The first contribution of the list whose conditions the
 * headed unit meets applies; the last has no condition. A condition on the level fails for a unit without a level
 * (no dossier). Each says its source or, for thresholds the sources do not give, its assumption.
 */
struct HeadContribution {
    std::string id;
    std::string label;
    std::optional<std::string> min_level;  ///< a level id every classified subject has
    bool requires_title = false;           ///< the unit holds the title (ignored for subjects without one)
    bool on_time = false;                  ///< the dossier came by the deadline
    std::string source;
    std::string assumption;  ///< why its conditions are assumed; empty when sourced
    bool assumed() const noexcept { return !assumption.empty(); }
    friend bool operator==(const HeadContribution&, const HeadContribution&) = default;
};

/** How heads are assessed on the results of what they head (directive clause 1). */
struct HeadRule {
    std::string source;
    std::string assumption;
    /** The bodies serving an evaluated territory whose heads answer for its result, e.g. its People's Committee. */
    std::vector<UnitKind> territory_bodies;
    std::vector<HeadContribution> contributions;
    friend bool operator==(const HeadRule&, const HeadRule&) = default;
};

/** Who is proposed for commendation (directive clause 6). */
struct CommendationRule {
    std::string source;
    std::string assumption;
    std::string min_level;  ///< collectives: a level id every classified subject has
    bool requires_title = true;
    bool on_time = true;
    std::string head_contribution;  ///< individuals: heads whose unit's results give this contribution id
    friend bool operator==(const CommendationRule&, const CommendationRule&) = default;
};

/** A complete rule set for one province and year. */
struct EvaluationRules {
    std::string id;
    std::string title;
    std::string source;
    /** In dependency order: a subject comes after every subject its share criteria name. */
    std::vector<Subject> subjects;
    /** The body that recognises the title (TT 124 Điều 10: the People's Committee) in the deciding territory. */
    Decider title_decider;
    /** The body that classifies the movement in the deciding territory (by default the People's Committee). */
    Decider classification_decider;
    HeadRule heads;
    CommendationRule commendation;

    /** Index of the subject `id`, or std::nullopt. */
    std::optional<std::size_t> subject_index(std::string_view subject_id) const noexcept;
    /**
     * The classification level ids of every subject, each once, in the order the subjects list them (subjects in
     * rule order): the level columns of roll-ups and summaries.
     */
    std::vector<std::string> level_ids() const;
    /** The label of level `id`, as the first subject that has it gives it. @throws NotFound "unknown_level" */
    const std::string& level_label(std::string_view level_id) const;
    friend bool operator==(const EvaluationRules&, const EvaluationRules&) = default;
};

}  // namespace antq
