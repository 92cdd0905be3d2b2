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

// A subject's selector on the frozen view (attribute tests read the graph); its errors (a `within` naming no unit)
// say which subject and selector.
std::vector<UnitIndex> EvaluationRun::select(const Selector& selector, std::size_t s, const std::string& field,
                                             const std::vector<UnitIndex>* among) const {
    try {
        return among ? selector.select(view, g, *among) : selector.select(view, g);
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
        UnitResult& r = out.m_results.emplace_back();  // made in place: reserved above
        r.unit = UnitIndex{u};
        r.subject = subject_of[u] - 1;
        r.exclusion = exclusion_of[u];
        if (r.exclusion) {
            r.dossier = DossierStatus::excluded;
            r.title = TitleOutcome::excluded;
        } else if (!subjects[r.subject].title) {
            r.title = TitleOutcome::not_applicable;
        }
        out.m_result_of[u] = std::uint32_t(out.m_results.size());
    }
    of_subject.assign(subjects.size(), {});
    std::vector<std::size_t> sizes(subjects.size(), 0);
    for (const UnitResult& r : out.m_results) ++sizes[r.subject];
    for (std::size_t s = 0; s < subjects.size(); ++s) of_subject[s].reserve(sizes[s]);
    for (std::uint32_t idx = 0; idx < out.m_results.size(); ++idx) of_subject[out.m_results[idx].subject].push_back(idx);
}

// The graph as the run needs it, read from the frozen view's rows: the territory containing each territory, the
// territory each body serves, the head of each body, the territory its managers serve, and the heads of the bodies
// answering for a territory. Every unit-sized array is one pass over one tie kind's rows.
void EvaluationRun::read_graph() {
    const std::size_t n = view.unit_capacity();
    // The graph allows one container per territory, one served territory and one head per body; should a row hold
    // more, the last tie counts, as a walk over the tie table in index order would have it.
    auto last_of = [n](const FrozenGraph::RowArrays& rows, std::vector<std::uint32_t>& of) {
        of.assign(n, none);
        if (rows.offsets.empty()) return;
        for (std::size_t u = 0; u < n; ++u)
            if (rows.offsets[u + 1] != rows.offsets[u]) of[u] = rows.units[rows.offsets[u + 1] - 1].value;
    };
    last_of(view.in_rows(TieKind::contains), above);
    last_of(view.out_rows(TieKind::serves), served);
    last_of(view.in_rows(TieKind::heads), head_of);
    // A body directed from two territories (a commune police under its commune and the district police) has no one
    // managing level; that matters only for a subject decided where its manager serves, so without one the directs
    // ties are not read. Managers in tie order.
    managed_at.assign(n, none);
    const FrozenGraph::RowArrays directs = view.in_rows(TieKind::directs);
    const bool by_manager = std::any_of(subjects.begin(), subjects.end(),
                                        [](const Subject& s) { return s.decided_at.at == DecidedAt::manager; });
    if (by_manager && !directs.offsets.empty())
        for (std::size_t managed = 0; managed < n; ++managed) {
            std::uint32_t& at = managed_at[managed];
            for (std::uint32_t k = directs.offsets[managed]; k < directs.offsets[managed + 1]; ++k) {
                const std::uint32_t t = served[directs.units[k].value];
                at = at == none || at == t ? t : several;
            }
        }
    const auto kinds = view.kinds();
    const auto& answering = out.m_rules.heads.territory_bodies;
    for (std::uint32_t i = 0; i < n; ++i) {
        if (served[i] == none || !view.is_alive(UnitIndex{i})) continue;
        if (head_of[i] != none && std::find(answering.begin(), answering.end(), kinds[i]) != answering.end())
            territory_heads.push_back({served[i], i, head_of[i]});
    }
}

// Per territory, the body of `kind` serving it: none, or several.
std::vector<std::uint32_t> EvaluationRun::bodies_of(UnitKind kind) const {
    std::vector<std::uint32_t> of(view.unit_capacity(), none);
    const auto kinds = view.kinds();
    for (std::uint32_t i = 0; i < of.size(); ++i)
        if (served[i] != none && kinds[i] == kind && view.is_alive(UnitIndex{i}))
            of[served[i]] = of[served[i]] == none ? i : several;
    return of;
}

// The territory whose bodies decide on result idx (TT 124 Điều 10), by its subject's rule.
std::uint32_t EvaluationRun::deciding_territory(std::size_t idx) const {
    const UnitResult& r = out.m_results[idx];
    const Subject& subject = subjects[r.subject];
    const bool territory = is_territory(g.kinds()[r.unit.value]);
    if (subject.decided_at.at == DecidedAt::territory || territory) {
        if (home_of[idx] == none)
            throw InvalidInput("no_authority", unit_place(g, r.unit),
                               territory ? "no territory contains it, so no level above decides"
                                         : "it serves no territory, so no People's Committee decides");
        return home_of[idx];
    }
    const std::uint32_t at = managed_at[r.unit.value];
    auto rule = [&] { return "subject '" + subject.id + "' is decided where the unit's manager serves"; };
    if (at == none)
        throw InvalidInput("no_manager", unit_place(g, r.unit),
                           rule() + ", and no body that serves a territory directs this one (expected a 'directs' tie "
                                  "from the department, People's Committee or agency managing it)");
    if (at == several)
        throw InvalidInput("several_managers", unit_place(g, r.unit),
                           rule() + ", and bodies of different territories direct this one");
    return at;
}

// TT 124 Điều 10 and the rules' deciders: in the deciding territory, the body recognising the title (the People's
// Committee) and the body classifying the movement (clause 6 of the 2024 directive: the steering committee 138).
void EvaluationRun::find_authorities() {
    home_of.assign(out.m_results.size(), none);
    for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) home_of[idx] = home(out.m_results[idx].unit);
    const Decider& titles = out.m_rules.title_decider;
    const Decider& levels = out.m_rules.classification_decider;
    const std::vector<std::uint32_t> title_bodies = bodies_of(titles.kind);
    classifiers = levels.kind == titles.kind ? title_bodies : bodies_of(levels.kind);
    const std::vector<std::uint32_t>& level_bodies = classifiers;
    auto decider = [&](const UnitResult& r, std::uint32_t t, const std::vector<std::uint32_t>& of, UnitKind kind) {
        if (of[t] < several) return UnitIndex{of[t]};
        const std::string what = std::string(to_string(kind)) + " serves '" + g.unit(UnitIndex{t}).id + "', the territory that decides";
        if (of[t] == none) throw InvalidInput("no_authority", unit_place(g, r.unit), "no " + what);
        throw InvalidInput("several_authorities", unit_place(g, r.unit), "more than one " + what);
    };
    for (std::size_t idx = 0; idx < out.m_results.size(); ++idx) {
        UnitResult& r = out.m_results[idx];
        if (r.exclusion) continue;
        const std::uint32_t t = deciding_territory(idx);
        r.authority = decider(r, t, title_bodies, titles.kind);
        if (subjects[r.subject].classification) r.classifier = decider(r, t, level_bodies, levels.kind);
    }
}

}  // namespace antq::detail
