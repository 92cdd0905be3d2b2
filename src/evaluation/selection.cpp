// Which subject picks each unit, what the run reads of the graph, and who decides on each unit.

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

// A subject's selector on the graph; its errors (a `within` naming no unit) say which subject and selector.
std::vector<UnitIndex> EvaluationRun::select(const Selector& selector, std::size_t s, const std::string& field,
                                             const std::vector<UnitIndex>* among) const {
    try {
        return among ? selector.select(g, *among) : selector.select(g);
    } catch (const Error&) {
        rethrow_at("subject '" + subjects[s].id + "' " + field);
    }
}

// Which subject picks each unit, and which are excluded.
void EvaluationRun::pick_units() {
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

// The graph as the run needs it, from one pass over the tie table and one over the packed kinds: the
// territory containing each territory, the territory each body serves, the head of each body, the People's
// Committee of each territory, and the heads of the bodies answering for a territory.
void EvaluationRun::read_graph() {
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

// TT 124 Điều 10: the People's Committee of the territory above a territory, of the territory a body serves.
void EvaluationRun::find_authorities() {
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

}  // namespace antq::detail
