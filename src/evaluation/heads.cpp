// What the result of what a head answers for contributes to the head's assessment (directive clause 1).

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

#include "evaluation/detail/run.hpp"
#include "model/detail/dates.hpp"
#include "model/detail/numbers.hpp"

namespace antq::detail {

// Whether r's level is at least the level at `position` of its subject (see level_positions); a subject
// without classification has nothing to rate, so the condition does not apply.
bool EvaluationRun::at_least(const UnitResult& r, std::uint32_t position) const {
    if (!subjects[r.subject].classification) return true;
    return r.level && *r.level <= position;
}

// Per subject, the index of level `id` (rules checked every classified subject has it).
std::vector<std::uint32_t> EvaluationRun::level_positions(const std::string& id) const {
    std::vector<std::uint32_t> positions;
    for (const Subject& s : subjects)
        positions.push_back(s.classification ? std::uint32_t(*s.classification->level_index(id)) : 0);
    return positions;
}

bool EvaluationRun::holds_title(const UnitResult& r) const {
    return r.title == TitleOutcome::passed || r.title == TitleOutcome::not_applicable;
}

std::uint32_t EvaluationRun::contribution_of(const UnitResult& r) const {
    const auto& contributions = out.m_rules.heads.contributions;
    // A unit without a dossier has neither level nor title: only the last contribution is left for it.
    if (!r.record) return std::uint32_t(contributions.size() - 1);
    for (std::size_t k = 0; k + 1 < contributions.size(); ++k) {
        const HeadContribution& h = contributions[k];
        if (h.min_level && !at_least(r, contribution_levels[k][r.subject])) continue;
        if (h.requires_title && !holds_title(r)) continue;
        if (h.on_time && r.dossier != DossierStatus::on_time) continue;
        return std::uint32_t(k);
    }
    return std::uint32_t(contributions.size() - 1);
}

// Territories answer through the heads of their bodies (read_graph found them); bodies through their own head.
void EvaluationRun::weigh_heads() {
    for (const HeadContribution& h : out.m_rules.heads.contributions)
        contribution_levels.push_back(h.min_level ? level_positions(*h.min_level) : std::vector<std::uint32_t>(subjects.size(), 0));
    std::vector<std::uint32_t> contribution(out.m_results.size(), none);
    auto weighed = [&](std::size_t idx) {
        if (contribution[idx] == none) contribution[idx] = contribution_of(out.m_results[idx]);
        return contribution[idx];
    };
    for (const auto& [territory, body, post] : territory_heads) {
        const std::uint32_t idx = out.m_result_of[territory];
        if (idx == 0 || out.m_results[idx - 1].exclusion) continue;
        out.m_heads.push_back({UnitIndex{post}, UnitIndex{body}, idx - 1u, weighed(idx - 1), view.is_synthetic(UnitIndex{post})});
    }
    for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
        const UnitResult& r = out.m_results[idx];
        if (r.exclusion || is_territory(g.kinds()[r.unit.value])) continue;
        // Every evaluated body with a head: agencies, departments, enterprises and schools alike (clause 1).
        if (const std::uint32_t post = head_of[r.unit.value]; post != none)
            out.m_heads.push_back({UnitIndex{post}, r.unit, idx, weighed(idx), view.is_synthetic(UnitIndex{post})});
    }
    // A post heading two bodies that answer for one territory (a People's Committee chair who also heads the
    // steering committee) gets one input, through the first of them.
    auto& heads = out.m_heads;
    std::sort(heads.begin(), heads.end(), [](const HeadInput& x, const HeadInput& y) {
        return std::tie(x.result, x.post.value, x.body.value) < std::tie(y.result, y.post.value, y.body.value);
    });
    heads.erase(std::unique(heads.begin(), heads.end(),
                            [](const HeadInput& x, const HeadInput& y) { return x.result == y.result && x.post == y.post; }),
                heads.end());
    // In result order, then body order.
    std::sort(heads.begin(), heads.end(), [](const HeadInput& x, const HeadInput& y) {
        return std::tie(x.result, x.body.value) < std::tie(y.result, y.body.value);
    });
}

}  // namespace antq::detail
