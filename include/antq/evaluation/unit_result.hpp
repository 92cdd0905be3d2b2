#pragma once

/**
 * @file
 * What the evaluation decides for one unit: dossier, title, points, level and deciding authority.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/model/ids.hpp>

namespace antq {

/** What became of a unit's title. */
enum class TitleOutcome : std::uint8_t {
    passed,          ///< every criterion met: recognised "An toàn về ANTT"
    failed,          ///< a criterion not met
    no_dossier,      ///< no record: cannot be recognised
    excluded,        ///< left out by the rules (TT 124 Điều 1(2)b)
    not_applicable,  ///< the subject has no title (the district level)
};

/** Every outcome, in report order. */
inline constexpr std::array<TitleOutcome, 5> all_title_outcomes{TitleOutcome::passed, TitleOutcome::failed,
                                                                TitleOutcome::no_dossier, TitleOutcome::excluded,
                                                                TitleOutcome::not_applicable};

/** "passed", "failed", "no_dossier", "excluded" or "not_applicable". */
std::string_view to_string(TitleOutcome outcome) noexcept;

/** When the dossier came. */
enum class DossierStatus : std::uint8_t { on_time, late, missing, excluded };

/** Every status, in report order. */
inline constexpr std::array<DossierStatus, 4> all_dossier_statuses{DossierStatus::on_time, DossierStatus::late,
                                                                   DossierStatus::missing, DossierStatus::excluded};

/** "on_time", "late", "missing" or "excluded". */
std::string_view to_string(DossierStatus status) noexcept;

/** The result for one evaluated unit. */
struct UnitResult {
    UnitIndex unit;
    std::uint32_t subject = 0;  ///< index into EvaluationRules::subjects
    /**
     * The body that recognises the title (EvaluationRules::title_decider, the People's Committee) in the territory
     * that decides on the unit (TT 124 Điều 10); none for an excluded unit.
     */
    std::optional<UnitIndex> authority;
    /**
     * The body that classifies the movement (EvaluationRules::classification_decider: the steering committee 138 in
     * the default rules, clause 6 of the 2024 directive) in the same territory; none for an excluded unit or a
     * subject without classification.
     */
    std::optional<UnitIndex> classifier;
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

}  // namespace antq
