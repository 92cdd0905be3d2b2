// Titles and levels: each result judged on its record, share criteria on the roll-ups of the subjects they name.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_kind.hpp>

#include "evaluation/detail/run.hpp"
#include "model/detail/dates.hpp"
#include "model/detail/numbers.hpp"

namespace antq::detail {

// Title and level of every unit of subject s, then its counts in the territories above.
void EvaluationRun::decide(std::size_t s) {
    const Subject& subject = subjects[s];
    // The subject each share criterion reads, found once rather than per unit.
    std::vector<std::size_t> share_of;
    if (subject.title)
        for (const TitleCriterion& c : subject.title->criteria)
            share_of.push_back(c.share ? *out.m_rules.subject_index(c.share->subject) : 0);
    for (std::uint32_t idx : of_subject[s]) {
        UnitResult& r = out.m_results[idx];
        if (r.exclusion || !r.record) continue;
        if (subject.title) {
            const auto& criteria = subject.title->criteria;
            for (std::size_t c = 0; c < criteria.size(); ++c) {
                const bool passed = criteria[c].share ? share_met(r.unit, share_of[c], criteria[c].share->min_share)
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

// Whether enough of subject `target`'s units inside u's territory hold the title (none eligible: met).
bool EvaluationRun::share_met(UnitIndex u, std::size_t target, double min_share) {
    const std::uint32_t territory = is_territory(g.kinds()[u.value]) ? u.value : served[u.value];
    if (territory == none) return true;
    const std::uint32_t slot = slot_of(territory, target);
    const std::optional<double> have = slot == 0 ? std::nullopt : out.m_roll_ups[slot - 1].title_share();
    return !have || *have + 1e-12 >= min_share;
}

}  // namespace antq::detail
