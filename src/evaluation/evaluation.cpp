// The evaluation run: its result object, and its steps in order (each step in the file of its concept).

#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/translate.hpp>

#include "evaluation/detail/run.hpp"
#include "model/detail/dates.hpp"

namespace antq {

std::string_view to_string(TitleOutcome outcome) noexcept {
    constexpr std::string_view names[] = {"passed", "failed", "no_dossier", "excluded", "not_applicable"};
    return names[static_cast<std::size_t>(outcome)];
}

std::string_view to_string(DossierStatus status) noexcept {
    constexpr std::string_view names[] = {"on_time", "late", "missing", "excluded"};
    return names[static_cast<std::size_t>(status)];
}

void EvaluationCounts::add(const EvaluationCounts& other) noexcept {
    units += other.units;
    excluded += other.excluded;
    on_time += other.on_time;
    late += other.late;
    missing += other.missing;
    passed += other.passed;
    failed += other.failed;
    for (std::size_t l = 0; l < levels.size(); ++l) levels[l] += other.levels[l];
}

const UnitResult* Evaluation::result_of(UnitIndex u) const noexcept {
    if (u.value >= m_result_of.size() || m_result_of[u.value] == 0) return nullptr;
    return &m_results[m_result_of[u.value] - 1];
}

const RollUp* Evaluation::roll_up(UnitIndex territory, std::size_t subject) const noexcept {
    if (territory.value >= m_roll_up_start.size() || m_roll_up_start[territory.value] == 0) return nullptr;
    for (std::size_t i = m_roll_up_start[territory.value] - 1; i < m_roll_ups.size() && m_roll_ups[i].territory == territory; ++i)
        if (m_roll_ups[i].subject == subject) return &m_roll_ups[i];
    return nullptr;
}

namespace detail {

EvaluationRun::EvaluationRun(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments)
    : g(graph), frozen(graph.freeze()), view(*frozen), a(assessments), subjects(out.m_rules.subjects) {
    out.m_rules = std::move(rules);
    out.m_year = assessments.year;
    out.m_stamp = GraphStamp::of_result(graph, "evaluation", "evaluate again");
}

Evaluation EvaluationRun::run() {
    for (const Subject& subject : subjects) {
        days.push_back(year_days(subject, a.year));
        title_keys.push_back(subject.title ? CriterionKeys(subject.title->criteria) : CriterionKeys());
        score_keys.push_back(subject.classification ? CriterionKeys(subject.classification->criteria) : CriterionKeys());
        level_keys.push_back(subject.classification ? CriterionKeys(subject.classification->levels) : CriterionKeys());
    }
    read_graph();
    pick_units();
    find_authorities();
    read_records();
    number_territories();
    for (std::size_t s = 0; s < subjects.size(); ++s) decide(s);  // in rule order: share criteria read earlier ones
    index_roll_ups();
    total();
    weigh_heads();
    propose_commendations();
    return std::move(out);
}

}  // namespace detail

Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, EvaluationRules rules) {
    const OrgGraph::ReadGuard reading(graph);
    detail::check_year(assessments.year, assessments.source.empty() ? "assessments" : assessments.source + ":/year");
    check_subjects(rules, graph);
    return detail::EvaluationRun(graph, std::move(rules), assessments).run();
}

}  // namespace antq
