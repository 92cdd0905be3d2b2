// Commendation proposals for collectives and individuals (directive clause 6).

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

void EvaluationRun::propose_commendations() {
    // Who proposes: the classification decider of the deciding territory (clause 6 gives the proposals to the
    // steering committees 138, which classify). A classified subject's result already names it; for another
    // subject it is looked up (find_authorities() listed them), and a territory without one (or with several) leaves
    // it unknown.
    auto proposer = [&](std::size_t idx) -> std::optional<UnitIndex> {
        const UnitResult& r = out.m_results[idx];
        if (r.classifier) return r.classifier;
        const std::uint32_t body = classifiers[deciding_territory(idx)];
        return body == none || body == several ? std::nullopt : std::optional<UnitIndex>(UnitIndex{body});
    };
    const CommendationRule& rule = out.m_rules.commendation;
    const std::vector<std::uint32_t> min_level = level_positions(rule.min_level);
    for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
        const UnitResult& r = out.m_results[idx];
        if (r.exclusion || !r.record || !at_least(r, min_level[r.subject])) continue;
        if (rule.requires_title && !holds_title(r)) continue;
        if (rule.on_time && r.dossier != DossierStatus::on_time) continue;
        out.m_commendations.push_back({r.unit, false, idx, r.authority, proposer(idx)});
    }
    const auto& contributions = out.m_rules.heads.contributions;
    std::uint32_t wanted = 0;
    while (contributions[wanted].id != rule.head_contribution) ++wanted;
    for (const HeadInput& h : out.m_heads)
        if (h.contribution == wanted)
            out.m_commendations.push_back({h.post, true, h.result, out.m_results[h.result].authority, proposer(h.result)});
}

}  // namespace antq::detail
