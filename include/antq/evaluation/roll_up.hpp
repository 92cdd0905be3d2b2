#pragma once

/**
 * @file
 * Counts of evaluated units: per territory and subject (roll-ups), and per subject over the whole graph.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include <antq/evaluation/rules.hpp>
#include <antq/model/ids.hpp>

namespace antq {

/** How one subject's units fared: what a roll-up and a subject's totals hold. */
struct EvaluationCounts {
    std::size_t units = 0;     ///< picked by the subject, excluded ones included
    std::size_t excluded = 0;  ///< left out by the rules
    std::size_t on_time = 0, late = 0, missing = 0;
    std::size_t passed = 0, failed = 0;  ///< title outcomes (missing dossiers fail to pass, counted in `missing`)
    /** Units per classification level, in the subject's level order (0 past the subject's last level). */
    std::array<std::size_t, max_class_levels> levels{};
    /** Whether the subject has a title at all (the district level has none). */
    bool titled = true;

    /** Units that count: units - excluded. */
    std::size_t eligible() const noexcept { return units - excluded; }
    /**
     * passed / eligible: the share of eligible units holding the title; std::nullopt when the subject has no title
     * or nothing is eligible (a share criterion counts that as met).
     */
    std::optional<double> title_share() const noexcept {
        if (!titled || eligible() == 0) return std::nullopt;
        return double(passed) / double(eligible());
    }
    /** Adds `other`'s counts to these. */
    void add(const EvaluationCounts& other) noexcept;
};

/** Counts for one subject inside one territory. */
struct RollUp : EvaluationCounts {
    UnitIndex territory;
    std::uint32_t subject = 0;  ///< index into EvaluationRules::subjects
};

/** Counts for one subject over the whole graph. */
struct SubjectTotals : EvaluationCounts {
    std::uint32_t subject = 0;  ///< index into EvaluationRules::subjects
};

}  // namespace antq
