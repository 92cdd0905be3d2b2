// The evaluation area: rule sets, assessment records and the evaluation run. Results come out as columns;
// python/antq/evaluation.py makes them DataFrames.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/analysis/hierarchy.hpp>
#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/example.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/evaluation/translate.hpp>

#include "bound.hpp"
#include "columns.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

using EvaluationResult = Bound<Evaluation>;

py::object text_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(py::str(s)); }


/**
 * A categorical column whose values are named by a small key (a kind, a subject or contribution index, a level of the
 * rules): each key's text is coded on first sight, as CodedColumn codes it (equal texts share a code, categories in
 * order of first sight), and every later row costs an array read instead of a hash.
 */
class KeyedColumn {
public:
    KeyedColumn(std::size_t rows, std::size_t keys) : m_codes(rows), m_code_of(keys, -1) {}
    /** Row `row` has the value of `key`; `text()` gives it (a view that outlives the column) on the key's first use. */
    template <class Text>
    void set(std::size_t row, std::size_t key, Text&& text) {
        std::int32_t& code = m_code_of[key];
        if (code < 0) code = m_codes_of.code(text(), m_texts, [this](std::string_view t) { m_texts.push_back(t); });
        m_codes.set(row, code);
    }
    void set_none(std::size_t row) { m_codes.set(row, -1); }
    py::tuple finish() const {
        py::list categories;
        for (std::string_view t : m_texts) categories.append(py::str(t.data(), t.size()));
        return py::make_tuple(m_codes.finish(), categories);
    }

private:
    NumberColumn<std::int32_t> m_codes;
    std::vector<std::int32_t> m_code_of;
    std::vector<std::string_view> m_texts;  // the categories, in code order
    TextCodes m_codes_of;
};

/** Per subject, per level of its classification: the level's position in rules.level_ids() (one key per level id). */
std::vector<std::vector<std::size_t>> level_keys(const EvaluationRules& rules, const std::vector<std::string>& ids) {
    std::vector<std::vector<std::size_t>> keys;
    for (const Subject& s : rules.subjects) {
        keys.emplace_back();
        if (s.classification)
            for (const ClassLevel& l : s.classification->levels)
                keys.back().push_back(std::size_t(std::find(ids.begin(), ids.end(), l.id) - ids.begin()));
    }
    return keys;
}

// The level id at `index` of subject `s`, if any.
std::optional<std::string_view> level_id(const Subject& s, const std::optional<std::uint32_t>& index) {
    if (!index) return std::nullopt;
    return s.classification->levels[*index].id;
}

py::dict result_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.result;
    const auto& subjects = e.rules().subjects;
    const std::size_t n = e.results().size();
    UnitStrings strings(g);
    CodedColumn excluded(n), dossier_date(n), failed(n);
    const std::vector<std::string> level_ids = e.rules().level_ids();
    const auto level_key = level_keys(e.rules(), level_ids);
    KeyedColumn kind(n, unit_kind_count), subject(n, subjects.size()), dossier(n, all_dossier_statuses.size()),
        title(n, all_title_outcomes.size()), level(n, level_ids.size()), proposed(n, level_ids.size());
    // A level column: the level's id, keyed by its place in the rules' level ids.
    auto set_level = [&](KeyedColumn& column, std::size_t row, const UnitResult& x, const std::optional<std::uint32_t>& l) {
        if (!l) return column.set_none(row);
        column.set(row, level_key[x.subject][*l], [&] { return *level_id(subjects[x.subject], l); });
    };
    UnitColumn district(g, n), commune(g, n), authority(g, n), classifier(g, n);
    NumberColumn<std::int32_t> incidents(n);
    NumberColumn<double> points(n);
    // The run froze the graph (shared until it changes): its rows answer the walks up the territory.
    const std::shared_ptr<const FrozenGraph> view = g.freeze();
    const std::vector<UnitIndex> district_of = territories_at(*view, Level::district);
    const std::vector<UnitIndex> commune_of = territories_at(*view, Level::commune);
    std::string failed_ids;
    for (std::size_t i = 0; i < n; ++i) {
        const UnitResult& x = e.results()[i];
        const Subject& s = subjects[x.subject];
        const Unit& u = g.unit(x.unit);
        kind.set(i, static_cast<std::size_t>(u.kind), [&] { return to_string(u.kind); });
        district.set(i, optional_unit(district_of[x.unit.value]));
        commune.set(i, optional_unit(commune_of[x.unit.value]));
        subject.set(i, x.subject, [&] { return std::string_view(s.id); });
        authority.set(i, x.authority);
        classifier.set(i, x.classifier);
        excluded.set(i, x.exclusion ? std::optional<std::string_view>(s.exclusions[x.exclusion - 1].reason) : std::nullopt);
        dossier.set(i, static_cast<std::size_t>(x.dossier), [&] { return to_string(x.dossier); });
        dossier_date.set(i, view_or_none(x.dossier_date));
        title.set(i, static_cast<std::size_t>(x.title), [&] { return to_string(x.title); });
        failed_ids.clear();
        for (auto c : x.failed_criteria) failed_ids += (failed_ids.empty() ? "" : " ") + s.title->criteria[c].id;
        failed.set(i, failed_ids);
        incidents.set(i, static_cast<std::int32_t>(x.incidents));
        points.set(i, x.record ? x.points : std::numeric_limits<double>::quiet_NaN());
        set_level(level, i, x, x.level);
        set_level(proposed, i, x, x.proposed_level);
    }
    py::dict out;
    out["unit"] = own_unit_column(strings, n, [&](std::size_t i) { return e.results()[i].unit; }, UnitText::id);
    out["name"] = own_unit_column(strings, n, [&](std::size_t i) { return e.results()[i].unit; }, UnitText::name);
    out["kind"] = kind.finish();
    out["district"] = district.finish();
    out["commune"] = commune.finish();
    out["subject"] = subject.finish();
    out["authority"] = authority.finish();
    out["classifier"] = classifier.finish();
    out["excluded"] = excluded.finish();
    out["dossier"] = dossier.finish();
    out["dossier_date"] = dossier_date.finish_plain();
    out["title"] = title.finish();
    out["failed"] = failed.finish();
    out["incidents"] = incidents.finish();
    out["points"] = points.finish();
    out["level"] = level.finish();
    out["proposed_level"] = proposed.finish();
    return out;
}

// The counts every roll-up and subject total holds, as columns; level counts are named "level_<id>" so that no level
// id can shadow a column, one per level of the rules (0 where a subject lacks that level).
template <class Row>
void add_count_columns(py::dict& out, const Evaluation& e, const std::vector<Row>& rows) {
    const auto& subjects = e.rules().subjects;
    const std::vector<std::string> level_ids = e.rules().level_ids();
    const std::size_t n = rows.size();
    NumberColumn<std::int64_t> units(n), excluded(n), eligible(n), on_time(n), late(n), missing(n), passed(n), failed(n);
    NumberColumn<double> share(n);
    std::vector<NumberColumn<std::int64_t>> per_level;
    for (std::size_t k = 0; k < level_ids.size(); ++k) per_level.emplace_back(n);
    // Per subject, per level of the rules: the subject's own index of that level, or none.
    std::vector<std::vector<std::optional<std::size_t>>> level_of(subjects.size());
    for (std::size_t s = 0; s < subjects.size(); ++s)
        for (const std::string& id : level_ids)
            level_of[s].push_back(subjects[s].classification ? subjects[s].classification->level_index(id) : std::nullopt);
    for (std::size_t i = 0; i < n; ++i) {
        const EvaluationCounts& x = rows[i];
        const auto& levels = level_of[rows[i].subject];
        units.set(i, std::int64_t(x.units));
        excluded.set(i, std::int64_t(x.excluded));
        eligible.set(i, std::int64_t(x.eligible()));
        on_time.set(i, std::int64_t(x.on_time));
        late.set(i, std::int64_t(x.late));
        missing.set(i, std::int64_t(x.missing));
        passed.set(i, std::int64_t(x.passed));
        failed.set(i, std::int64_t(x.failed));
        share.set(i, x.title_share().value_or(std::numeric_limits<double>::quiet_NaN()));
        for (std::size_t k = 0; k < level_ids.size(); ++k) per_level[k].set(i, std::int64_t(levels[k] ? x.levels[*levels[k]] : 0));
    }
    out["units"] = units.finish();
    out["excluded"] = excluded.finish();
    out["eligible"] = eligible.finish();
    out["on_time"] = on_time.finish();
    out["late"] = late.finish();
    out["missing"] = missing.finish();
    out["passed"] = passed.finish();
    out["failed"] = failed.finish();
    out["title_share"] = share.finish();
    for (std::size_t k = 0; k < level_ids.size(); ++k) out[py::str("level_" + level_ids[k])] = per_level[k].finish();
}

py::dict roll_up_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.result;
    const std::size_t n = e.roll_ups().size();
    UnitStrings strings(g);
    const auto& subjects = e.rules().subjects;
    KeyedColumn level(n, all_levels.size()), subject(n, subjects.size());
    const auto levels = g.levels();
    for (std::size_t i = 0; i < n; ++i) {
        const RollUp& x = e.roll_ups()[i];
        const Level l = levels[x.territory.value];
        level.set(i, static_cast<std::size_t>(l), [l] { return to_string(l); });
        subject.set(i, x.subject, [&] { return std::string_view(subjects[x.subject].id); });
    }
    py::dict out;
    auto territory_of = [&](std::size_t i) { return e.roll_ups()[i].territory; };
    out["territory"] = own_unit_column(strings, n, territory_of, UnitText::id);
    out["name"] = own_unit_column(strings, n, territory_of, UnitText::name);
    out["level"] = level.finish();
    out["subject"] = subject.finish();
    add_count_columns(out, e, e.roll_ups());
    return out;
}

py::dict total_columns(const EvaluationResult& r) {
    r.current();
    const Evaluation& e = r.result;
    py::list subject, label;
    for (const SubjectTotals& t : e.totals()) {
        subject.append(e.rules().subjects[t.subject].id);
        label.append(e.rules().subjects[t.subject].label);
    }
    py::dict out;
    out["subject"] = subject;
    out["label"] = label;
    add_count_columns(out, e, e.totals());
    return out;
}

py::dict head_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.result;
    const std::size_t n = e.heads().size();
    UnitStrings strings(g);
    UnitColumn unit(g, n);
    const auto& contributions = e.rules().heads.contributions;
    KeyedColumn body_kind(n, unit_kind_count), subject(n, e.rules().subjects.size()), contribution(n, contributions.size()),
        label(n, contributions.size()), assumption(n, contributions.size());
    NumberColumn<bool> synthetic(n);
    const auto kinds = g.kinds();
    for (std::size_t i = 0; i < n; ++i) {
        const HeadInput& h = e.heads()[i];
        const UnitResult& x = e.results()[h.result];
        const HeadContribution& c = contributions[h.contribution];
        synthetic.set(i, h.synthetic);
        const UnitKind k = kinds[h.body.value];
        body_kind.set(i, static_cast<std::size_t>(k), [k] { return to_string(k); });
        unit.set(i, x.unit);
        subject.set(i, x.subject, [&] { return std::string_view(e.rules().subjects[x.subject].id); });
        contribution.set(i, h.contribution, [&] { return std::string_view(c.id); });
        label.set(i, h.contribution, [&] { return std::string_view(c.label); });
        if (c.assumption.empty()) assumption.set_none(i);
        else assumption.set(i, h.contribution, [&] { return std::string_view(c.assumption); });
    }
    py::dict out;
    // A head holds one post and a post heads one body: about one of each per row.
    auto post_of = [&](std::size_t i) { return e.heads()[i].post; };
    out["post"] = own_unit_column(strings, n, post_of, UnitText::id);
    out["post_name"] = own_unit_column(strings, n, post_of, UnitText::name);
    out["post_synthetic"] = synthetic.finish();
    out["body"] = own_unit_column(strings, n, [&](std::size_t i) { return e.heads()[i].body; }, UnitText::id);
    out["body_kind"] = body_kind.finish();
    out["unit"] = unit.finish();
    out["subject"] = subject.finish();
    out["contribution"] = contribution.finish();
    out["contribution_label"] = label.finish();
    out["assumption"] = assumption.finish();
    return out;
}

py::dict commendation_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.result;
    const std::size_t n = e.commendations().size();
    UnitStrings strings(g);
    UnitColumn for_unit(g, n), proposed_to(g, n), proposed_by(g, n);
    const std::vector<std::string> level_ids = e.rules().level_ids();
    const auto level_key = level_keys(e.rules(), level_ids);
    KeyedColumn type(n, 2), subject(n, e.rules().subjects.size()), level(n, level_ids.size());
    for (std::size_t i = 0; i < n; ++i) {
        const Commendation& c = e.commendations()[i];
        const UnitResult& x = e.results()[c.result];
        const Subject& s = e.rules().subjects[x.subject];
        type.set(i, c.individual, [&] { return std::string_view(c.individual ? "individual" : "collective"); });
        for_unit.set(i, x.unit);
        subject.set(i, x.subject, [&] { return std::string_view(s.id); });
        if (x.level) level.set(i, level_key[x.subject][*x.level], [&] { return *level_id(s, x.level); });
        else level.set_none(i);
        proposed_to.set(i, c.proposed_to);
        proposed_by.set(i, c.proposed_by);
    }
    py::dict out;
    auto proposed_for = [&](std::size_t i) { return e.commendations()[i].unit; };
    out["unit"] = own_unit_column(strings, n, proposed_for, UnitText::id);
    out["name"] = own_unit_column(strings, n, proposed_for, UnitText::name);
    out["type"] = type.finish();
    out["for_unit"] = for_unit.finish();
    out["subject"] = subject.finish();
    out["level"] = level.finish();
    out["proposed_to"] = proposed_to.finish();
    out["proposed_by"] = proposed_by.finish();
    return out;
}

py::dict assessment_tables(const Assessments& a) {
    py::list unit, date, proposed, c_unit, c_criterion, s_unit, s_criterion, s_points, i_unit, i_criterion, i_date, i_note;
    for (const AssessmentRecord& r : a.records) {
        py::str id(r.unit);
        unit.append(id);
        date.append(r.dossier_date);
        proposed.append(text_or_none(r.proposed_level));
        for (const auto& c : r.criteria_met) {
            c_unit.append(id);
            c_criterion.append(c);
        }
        for (const auto& [c, p] : r.scores) {
            s_unit.append(id);
            s_criterion.append(c);
            s_points.append(p);
        }
        for (const Incident& inc : r.incidents) {
            i_unit.append(id);
            i_criterion.append(inc.criterion);
            i_date.append(inc.date);
            i_note.append(inc.note);
        }
    }
    auto table = [](std::initializer_list<std::pair<const char*, py::list*>> named) {
        py::dict out;
        for (auto& [key, list] : named) out[key] = *list;
        return out;
    };
    py::dict out;
    out["records"] = table({{"unit", &unit}, {"dossier_date", &date}, {"proposed_level", &proposed}});
    out["criteria_met"] = table({{"unit", &c_unit}, {"criterion", &c_criterion}});
    out["scores"] = table({{"unit", &s_unit}, {"criterion", &s_criterion}, {"points", &s_points}});
    out["incidents"] = table({{"unit", &i_unit}, {"criterion", &i_criterion}, {"date", &i_date}, {"note", &i_note}});
    return out;
}

}  // namespace

void init_evaluation(py::module_& m) {
    // ---- rules --------------------------------------------------------------------------------------------
    py::class_<ShareCondition>(m, "ShareCondition", "At least min_share of a subject's units inside hold the title.")
        .def_readonly("subject", &ShareCondition::subject)
        .def_readonly("min_share", &ShareCondition::min_share);
    py::class_<TitleCriterion>(m, "TitleCriterion", "A pass/fail criterion of the title \"An toàn về ANTT\".")
        .def_readonly("id", &TitleCriterion::id)
        .def_readonly("title", &TitleCriterion::title)
        .def_readonly("source", &TitleCriterion::source)
        .def_readonly("assumption", &TitleCriterion::assumption)
        .def_readonly("share", &TitleCriterion::share)
        .def_property_readonly("assumed", &TitleCriterion::assumed)
        .def("__repr__", [](const TitleCriterion& c) { return "<antq.TitleCriterion '" + c.id + "'" + (c.assumed() ? " (assumed)>" : ">"); });
    py::class_<TitleRule>(m, "TitleRule", "The title for one subject: pass when every criterion is met.")
        .def_readonly("source", &TitleRule::source)
        .def_readonly("criteria", &TitleRule::criteria);
    py::class_<ScoredCriterion>(m, "ScoredCriterion", "A point-scored criterion of the classification.")
        .def_readonly("id", &ScoredCriterion::id)
        .def_readonly("title", &ScoredCriterion::title)
        .def_readonly("max_points", &ScoredCriterion::max_points)
        .def_readonly("source", &ScoredCriterion::source)
        .def_readonly("assumption", &ScoredCriterion::assumption)
        .def_property_readonly("assumed", &ScoredCriterion::assumed)
        .def("__repr__", [](const ScoredCriterion& c) { return "<antq.ScoredCriterion '" + c.id + "'>"; });
    py::class_<ClassLevel>(m, "ClassLevel", "A classification level and its threshold.")
        .def_readonly("id", &ClassLevel::id)
        .def_readonly("label", &ClassLevel::label)
        .def_readonly("min_points", &ClassLevel::min_points)
        .def_readonly("requires_title", &ClassLevel::requires_title)
        .def_readonly("source", &ClassLevel::source)
        .def_readonly("assumption", &ClassLevel::assumption)
        .def_property_readonly("assumed", &ClassLevel::assumed)
        .def("__repr__", [](const ClassLevel& l) { return "<antq.ClassLevel '" + l.id + "' from " + std::to_string(l.min_points) + ">"; });
    py::class_<ClassificationRule>(m, "ClassificationRule", "The movement classification for one subject.")
        .def_readonly("source", &ClassificationRule::source)
        .def_readonly("criteria", &ClassificationRule::criteria)
        .def_readonly("levels", &ClassificationRule::levels);
    py::class_<Exclusion>(m, "Exclusion", "Units a subject leaves out, with the reason.")
        .def_readonly("reason", &Exclusion::reason)
        .def_readonly("units", &Exclusion::units);
    py::class_<YearWindow>(m, "YearWindow", "A yearly period as month-day bounds.")
        .def_readonly("from_", &YearWindow::from)
        .def_readonly("to", &YearWindow::to)
        .def_readonly("source", &YearWindow::source)
        .def_readonly("assumption", &YearWindow::assumption)
        .def_property_readonly("assumed", &YearWindow::assumed)
        .def("first_day", &YearWindow::first_day, py::arg("year"))
        .def("last_day", &YearWindow::last_day, py::arg("year"));
    py::class_<DecisionPlace>(m, "DecisionPlace", "Where a subject's units are decided (TT 124 Điều 10), and why.")
        .def_property_readonly("rule", [](const DecisionPlace& d) { return std::string(to_string(d.at)); })
        .def_readonly("source", &DecisionPlace::source)
        .def_readonly("assumption", &DecisionPlace::assumption)
        .def_property_readonly("assumed", &DecisionPlace::assumed);
    py::class_<Decider>(m, "Decider", "The kind of body that decides in the deciding territory, and why.")
        .def_property_readonly("kind", [](const Decider& d) { return std::string(to_string(d.kind)); })
        .def_readonly("source", &Decider::source)
        .def_readonly("assumption", &Decider::assumption)
        .def_property_readonly("assumed", &Decider::assumed);
    py::class_<Subject>(m, "Subject", "One type of evaluated unit with its title and/or classification rule.")
        .def_readonly("id", &Subject::id)
        .def_readonly("label", &Subject::label)
        .def_readonly("units", &Subject::units)
        .def_readonly("exclusions", &Subject::exclusions)
        .def_readonly("window", &Subject::window)
        .def_readonly("deadline", &Subject::deadline)
        .def_readonly("deadline_source", &Subject::deadline_source)
        .def_readonly("deadline_assumption", &Subject::deadline_assumption)
        .def_readonly("decided_at", &Subject::decided_at)
        .def_readonly("title", &Subject::title)
        .def_readonly("classification", &Subject::classification)
        .def("deadline_day", &Subject::deadline_day, py::arg("year"))
        .def("__repr__", [](const Subject& s) { return "<antq.Subject '" + s.id + "'>"; });
    py::class_<HeadContribution>(m, "HeadContribution", "What a unit's results can contribute to its head's assessment (an input, not the assessment), with its conditions.")
        .def_readonly("id", &HeadContribution::id)
        .def_readonly("label", &HeadContribution::label)
        .def_readonly("min_level", &HeadContribution::min_level)
        .def_readonly("requires_title", &HeadContribution::requires_title)
        .def_readonly("on_time", &HeadContribution::on_time)
        .def_readonly("source", &HeadContribution::source)
        .def_readonly("assumption", &HeadContribution::assumption)
        .def_property_readonly("assumed", &HeadContribution::assumed);
    py::class_<HeadRule>(m, "HeadRule", "What the results of what heads head contribute to their assessment.")
        .def_readonly("source", &HeadRule::source)
        .def_readonly("assumption", &HeadRule::assumption)
        .def_property_readonly("territory_bodies", [](const HeadRule& h) {
            std::vector<std::string> out;
            for (UnitKind k : h.territory_bodies) out.emplace_back(to_string(k));
            return out;
        })
        .def_readonly("contributions", &HeadRule::contributions);
    py::class_<CommendationRule>(m, "CommendationRule", "Who is proposed for commendation.")
        .def_readonly("source", &CommendationRule::source)
        .def_readonly("assumption", &CommendationRule::assumption)
        .def_readonly("min_level", &CommendationRule::min_level)
        .def_readonly("requires_title", &CommendationRule::requires_title)
        .def_readonly("on_time", &CommendationRule::on_time)
        .def_readonly("head_contribution", &CommendationRule::head_contribution);
    py::class_<EvaluationRules>(m, "EvaluationRules", "A rule set for the yearly evaluation (format antq.evaluation_rules).")
        .def_readonly("id", &EvaluationRules::id)
        .def_readonly("title", &EvaluationRules::title)
        .def_readonly("source", &EvaluationRules::source)
        .def_readonly("subjects", &EvaluationRules::subjects)
        .def_readonly("title_decider", &EvaluationRules::title_decider)
        .def_readonly("classification_decider", &EvaluationRules::classification_decider)
        .def_readonly("heads", &EvaluationRules::heads)
        .def_readonly("commendation", &EvaluationRules::commendation)
        .def("subject", [](const EvaluationRules& r, const std::string& id) -> const Subject& {
            auto i = r.subject_index(id);
            if (!i) throw NotFound("unknown_subject", "'" + id + "'", "the rules have no subject '" + id + "'");
            return r.subjects[*i];
        }, py::arg("id"), py::return_value_policy::reference_internal)
        .def("level_ids", &EvaluationRules::level_ids)
        .def("level_label", &EvaluationRules::level_label, py::arg("id"))
        .def("__eq__", [](const EvaluationRules& a, const EvaluationRules& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const EvaluationRules& r) {
            return "<antq.EvaluationRules '" + r.id + "', " + std::to_string(r.subjects.size()) + " subjects>";
        });
;
;

    // ---- records ------------------------------------------------------------------------------------------
    py::class_<Assessments>(m, "Assessments", "A year's assessment records (format antq.assessments).")
        .def_readonly("year", &Assessments::year)
        .def_readonly("source", &Assessments::source)
        .def("__len__", [](const Assessments& a) { return a.records.size(); })
        .def("_tables", &assessment_tables)
        .def("__eq__", [](const Assessments& a, const Assessments& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Assessments& a) {
            return "<antq.Assessments " + std::to_string(a.year) + ": " + std::to_string(a.records.size()) + " records>";
        });
    m.def("example_assessments", [](const GraphPtr& g, const EvaluationRules& rules, const py::object& year,
                                    const py::object& seed) {
        const int y = to_year(year, "year");
        const std::uint64_t s = to_seed(seed, "seed");
        const ReleasedRead reading(g);
        return example_assessments(*g, rules, y, s);
    }, py::arg("graph"), py::arg("rules"), py::arg("year"), py::arg("seed"));

    // ---- the run ------------------------------------------------------------------------------------------
    py::class_<EvaluationResult>(m, "Evaluation", "A year's evaluation of a graph under a rule set.")
        .def_property_readonly("rules", [](const EvaluationResult& r) { return r.result.rules(); })
        .def_property_readonly("year", [](const EvaluationResult& r) { return r.result.year(); })
        .def_property_readonly("graph", [](const EvaluationResult& r) { return r.graph; })
        .def("__len__", [](const EvaluationResult& r) { return r.result.results().size(); })
        .def("_results", &result_columns)
        .def("_roll_ups", &roll_up_columns)
        .def("_totals", &total_columns)
        .def("_heads", &head_columns)
        .def("_commendations", &commendation_columns)
        .def("dropped", [](const EvaluationResult& r) { return r.result.dropped(); })
        .def("check_current", [](const EvaluationResult& r) { r.current(); });
    m.def("evaluate", [](GraphPtr g, const Assessments& a, EvaluationRules rules) {
        Evaluation e = [&] {
            const ReleasedRead reading(g);
            return evaluate(*g, a, std::move(rules));
        }();
        return EvaluationResult{std::move(e), std::move(g)};
    }, py::arg("graph"), py::arg("assessments"), py::arg("rules"));
    // Rules carried across a change of structure (docs/restructure.md, "Evaluation rules across a change").
    m.def("_evaluate_translated", [](GraphPtr g, const Assessments& a, const EvaluationRules& rules,
                                     const std::vector<std::pair<std::string, std::string>>& levels,
                                     const std::vector<std::pair<std::string, std::vector<std::string>>>& ids,
                                     bool drop_unmatched) {
        const SelectorTranslation translation = to_translation(levels, ids, drop_unmatched);
        Evaluation e = [&] {
            const ReleasedRead reading(g);
            return evaluate(*g, a, rules, translation);
        }();
        return EvaluationResult{std::move(e), std::move(g)};
    }, py::arg("graph"), py::arg("assessments"), py::arg("rules"), py::arg("levels"), py::arg("ids"), py::arg("drop_unmatched"));
    m.def("_translate_rules", [](const EvaluationRules& rules, const GraphPtr& g,
                                 const std::vector<std::pair<std::string, std::string>>& levels,
                                 const std::vector<std::pair<std::string, std::vector<std::string>>>& ids,
                                 bool drop_unmatched) {
        const SelectorTranslation translation = to_translation(levels, ids, drop_unmatched);
        TranslatedRules out = [&] {
            const ReleasedRead reading(g);
            return translate(rules, *g, translation);
        }();
        return py::make_tuple(std::move(out.rules), std::move(out.dropped));
    }, py::arg("rules"), py::arg("graph"), py::arg("levels"), py::arg("ids"), py::arg("drop_unmatched"));
    m.def("_rules_for_structure", [](const EvaluationRules& rules, const std::string& structure) {
        return for_structure(rules, AdministrativeStructure::preset(structure));
    }, py::arg("rules"), py::arg("structure"));
}

}  // namespace antq::python
