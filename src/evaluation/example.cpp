#include <algorithm>
#include <cmath>
#include <string>

#include <antq/evaluation/example.hpp>
#include <antq/graph/selector.hpp>

#include "evaluation/detail/year_days.hpp"
#include "model/detail/dates.hpp"
#include "model/detail/random.hpp"

namespace antq {

Assessments example_assessments(const OrgGraph& graph, const EvaluationRules& rules, int year, std::uint64_t seed) {
    const OrgGraph::ReadGuard reading(graph);
    detail::check_year(year, "year");
    detail::Random random(seed);
    Assessments out;
    out.year = year;
    for (const Subject& subject : rules.subjects) {
        std::vector<bool> excluded(graph.unit_capacity(), false);
        for (const Exclusion& e : subject.exclusions)
            for (UnitIndex u : e.units.select(graph)) excluded[u.value] = true;
        const detail::YearDays days = detail::year_days(subject, year);
        const std::int64_t first = days.first_day, last = days.last_day, deadline = days.deadline_day;
        std::vector<std::size_t> plain;  // the criteria a record can list or an incident can break
        if (subject.title)
            for (std::size_t c = 0; c < subject.title->criteria.size(); ++c)
                if (!subject.title->criteria[c].share) plain.push_back(c);
        for (UnitIndex u : subject.units.select(graph)) {
            if (excluded[u.value] || random.chance(0.02)) continue;  // about 2% send no dossier
            AssessmentRecord rec;
            rec.unit = graph.unit(u).id;
            const bool late = random.chance(0.08);
            const std::int64_t day = late ? deadline + 1 + std::int64_t(random.below(20)) : deadline - std::int64_t(random.below(15));
            rec.dossier_date = detail::iso_date(std::max(day, first));
            std::size_t broken = plain.size(), unmet = plain.size();
            if (!plain.empty() && random.chance(0.04)) broken = random.below(plain.size());
            if (!plain.empty() && random.chance(0.03)) unmet = random.below(plain.size());
            for (std::size_t i = 0; i < plain.size(); ++i)
                if (i != broken && i != unmet) rec.criteria_met.push_back(subject.title->criteria[plain[i]].id);
            if (broken < plain.size())
                rec.incidents.push_back({subject.title->criteria[plain[broken]].id,
                                         detail::iso_date(first + std::int64_t(random.below(std::uint64_t(last - first + 1)))),
                                         "synthetic incident"});
            if (subject.classification) {
                const auto& c = *subject.classification;
                double total = 0;
                // Each unit has its own standing around 80%; incidents and unmet criteria pull it down.
                const double standing = 0.62 + 0.36 * (random.unit() + random.unit()) / 2 -
                                        (broken < plain.size() ? 0.15 : 0) - (unmet < plain.size() ? 0.08 : 0);
                for (const ScoredCriterion& crit : c.criteria) {
                    const double share = std::clamp(standing + 0.16 * (random.unit() - 0.5), 0.0, 1.0);
                    // Half points, never above the maximum (a maximum below 0.5 gives 0).
                    const double points = std::floor(share * crit.max_points * 2) / 2;
                    rec.scores.emplace_back(crit.id, points);
                    total += points;
                }
                std::size_t honest = c.levels.size() - 1;
                for (std::size_t l = 0; l < c.levels.size(); ++l)
                    if (total >= c.levels[l].min_points) {
                        honest = l;
                        break;
                    }
                std::sort(rec.scores.begin(), rec.scores.end());  // the order parse_assessments gives
                // About one unit in ten rates itself a level higher than its points give.
                rec.proposed_level = c.levels[honest > 0 && random.chance(0.1) ? honest - 1 : honest].id;
            }
            out.records.push_back(std::move(rec));
        }
    }
    return out;
}

}  // namespace antq
