// The yearly evaluation cycle: rule sets, assessment records, the evaluation run, progress reports and the
// follow-up of a directive. Results come out as columns; python/antq/evaluation.py makes them DataFrames.

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/follow_up.hpp>
#include <antq/evaluation/rules.hpp>

#include "columns.hpp"
#include "compiled.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

// An evaluation together with the graph it was computed on.
struct EvaluationResult {
    Evaluation evaluation;
    GraphPtr graph;

    const OrgGraph& current() const {
        evaluation.check_current(*graph);
        return *graph;
    }
};

// A follow-up together with the graph and the clauses of the directive it follows.
struct FollowUpResult {
    FollowUp follow_up;
    ProgressReports reports;  // what Duty::latest indexes
    GraphPtr graph;
    std::uint64_t generation = 0;
    std::vector<std::string> clauses;

    const OrgGraph& current() const {
        if (graph->generation() != generation)
            throw StaleView("stale_result", "follow-up", "the graph changed after the follow-up; compile and follow up again");
        return *graph;
    }
    const std::string& clause(std::uint32_t task) const { return clauses[task]; }
};

py::object text_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(py::str(s)); }

std::optional<std::string_view> view_or_none(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

// The level id at `index` of subject `s`, if any.
std::optional<std::string_view> level_id(const Subject& s, const std::optional<std::uint32_t>& index) {
    if (!index) return std::nullopt;
    return s.classification->levels[*index].id;
}

py::dict result_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto& subjects = e.rules().subjects;
    const std::size_t n = e.results().size();
    py::list unit(static_cast<py::ssize_t>(n)), name(static_cast<py::ssize_t>(n));
    CodedColumn kind(n), subject(n), excluded(n), dossier(n), dossier_date(n), title(n), failed(n), level(n), proposed(n);
    UnitColumn district(g, n), commune(g, n), authority(g, n);
    NumberColumn<std::int32_t> incidents(n);
    NumberColumn<double> points(n);
    TerritoryAt district_of(g, Level::district), commune_of(g, Level::commune);
    std::string failed_ids;
    for (std::size_t i = 0; i < n; ++i) {
        const UnitResult& x = e.results()[i];
        const Subject& s = subjects[x.subject];
        const Unit& u = g.unit(x.unit);
        unit[static_cast<py::ssize_t>(i)] = py::str(u.id);
        name[static_cast<py::ssize_t>(i)] = py::str(u.name);
        kind.set(i, to_string(u.kind));
        district.set(i, district_of(x.unit));
        commune.set(i, commune_of(x.unit));
        subject.set(i, s.id);
        authority.set(i, x.authority);
        excluded.set(i, x.exclusion ? std::optional<std::string_view>(s.exclusions[x.exclusion - 1].reason) : std::nullopt);
        dossier.set(i, to_string(x.dossier));
        dossier_date.set(i, view_or_none(x.dossier_date));
        title.set(i, to_string(x.title));
        failed_ids.clear();
        for (auto c : x.failed_criteria) failed_ids += (failed_ids.empty() ? "" : " ") + s.title->criteria[c].id;
        failed.set(i, failed_ids);
        incidents.set(i, static_cast<std::int32_t>(x.incidents));
        points.set(i, x.record ? x.points : std::numeric_limits<double>::quiet_NaN());
        level.set(i, level_id(s, x.level));
        proposed.set(i, level_id(s, x.proposed_level));
    }
    py::dict out;
    out["unit"] = unit;
    out["name"] = name;
    out["kind"] = kind.finish();
    out["district"] = district.finish();
    out["commune"] = commune.finish();
    out["subject"] = subject.finish();
    out["authority"] = authority.finish();
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

py::dict roll_up_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto& subjects = e.rules().subjects;
    // One count column per level id, over the subjects in rule order (0 where a subject lacks that level).
    std::vector<std::string> level_ids;
    for (const Subject& s : subjects)
        if (s.classification)
            for (const ClassLevel& l : s.classification->levels)
                if (std::find(level_ids.begin(), level_ids.end(), l.id) == level_ids.end()) level_ids.push_back(l.id);
    const std::size_t n = e.roll_ups().size();
    UnitColumn territory(g, n), name(g, n, UnitColumn::Field::name);
    CodedColumn level(n), subject(n);
    NumberColumn<std::int64_t> units(n), excluded(n), eligible(n), on_time(n), late(n), missing(n), passed(n), failed(n);
    NumberColumn<double> share(n);
    std::vector<NumberColumn<std::int64_t>> per_level;
    for (std::size_t k = 0; k < level_ids.size(); ++k) per_level.emplace_back(n);
    for (std::size_t i = 0; i < n; ++i) {
        const RollUp& x = e.roll_ups()[i];
        const Subject& s = subjects[x.subject];
        const Unit& t = g.unit(x.territory);
        territory.set(i, x.territory);
        name.set(i, x.territory);
        level.set(i, to_string(t.level));
        subject.set(i, s.id);
        units.set(i, std::int64_t(x.units));
        excluded.set(i, std::int64_t(x.excluded));
        eligible.set(i, std::int64_t(x.eligible()));
        on_time.set(i, std::int64_t(x.on_time));
        late.set(i, std::int64_t(x.late));
        missing.set(i, std::int64_t(x.missing));
        passed.set(i, std::int64_t(x.passed));
        failed.set(i, std::int64_t(x.failed));
        // No share where the subject has no title, or nothing inside is eligible.
        share.set(i, s.title && x.eligible() > 0 ? x.title_share() : std::numeric_limits<double>::quiet_NaN());
        for (std::size_t k = 0; k < level_ids.size(); ++k) {
            std::size_t count = 0;
            if (s.classification)
                if (auto l = s.classification->level_index(level_ids[k])) count = x.levels[*l];
            per_level[k].set(i, std::int64_t(count));
        }
    }
    py::dict out;
    out["territory"] = territory.finish();
    out["name"] = name.finish();
    out["level"] = level.finish();
    out["subject"] = subject.finish();
    out["units"] = units.finish();
    out["excluded"] = excluded.finish();
    out["eligible"] = eligible.finish();
    out["on_time"] = on_time.finish();
    out["late"] = late.finish();
    out["missing"] = missing.finish();
    out["passed"] = passed.finish();
    out["failed"] = failed.finish();
    out["title_share"] = share.finish();
    // Level counts are named "level_<id>", so no level id can shadow a column above.
    for (std::size_t k = 0; k < level_ids.size(); ++k) out[py::str("level_" + level_ids[k])] = per_level[k].finish();
    return out;
}

py::dict head_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const std::size_t n = e.heads().size();
    UnitColumn post(g, n), post_name(g, n, UnitColumn::Field::name), body(g, n), unit(g, n);
    CodedColumn body_kind(n), subject(n), grade(n), label(n);
    for (std::size_t i = 0; i < n; ++i) {
        const HeadAssessment& h = e.heads()[i];
        const UnitResult& x = e.results()[h.result];
        const HeadGrade& gr = e.rules().heads.grades[h.grade];
        post.set(i, h.post);
        post_name.set(i, h.post);
        body.set(i, h.body);
        body_kind.set(i, to_string(g.unit(h.body).kind));
        unit.set(i, x.unit);
        subject.set(i, e.rules().subjects[x.subject].id);
        grade.set(i, gr.id);
        label.set(i, gr.label);
    }
    py::dict out;
    out["post"] = post.finish();
    out["post_name"] = post_name.finish();
    out["body"] = body.finish();
    out["body_kind"] = body_kind.finish();
    out["unit"] = unit.finish();
    out["subject"] = subject.finish();
    out["grade"] = grade.finish();
    out["grade_label"] = label.finish();
    return out;
}

py::dict commendation_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const std::size_t n = e.commendations().size();
    UnitColumn unit(g, n), name(g, n, UnitColumn::Field::name), for_unit(g, n), proposed_to(g, n);
    CodedColumn type(n), subject(n), level(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Commendation& c = e.commendations()[i];
        const UnitResult& x = e.results()[c.result];
        const Subject& s = e.rules().subjects[x.subject];
        unit.set(i, c.unit);
        name.set(i, c.unit);
        type.set(i, c.individual ? "individual" : "collective");
        for_unit.set(i, x.unit);
        subject.set(i, s.id);
        level.set(i, level_id(s, x.level));
        proposed_to.set(i, c.proposed_to);
    }
    py::dict out;
    out["unit"] = unit.finish();
    out["name"] = name.finish();
    out["type"] = type.finish();
    out["for_unit"] = for_unit.finish();
    out["subject"] = subject.finish();
    out["level"] = level.finish();
    out["proposed_to"] = proposed_to.finish();
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

// The duties of a follow-up; the latest report's status and date come from the reports it was made from.
py::dict duty_columns(const FollowUpResult& f) {
    const OrgGraph& g = f.current();
    const auto& duties = f.follow_up.duties();
    const std::size_t n = duties.size();
    UnitColumn unit(g, n), name(g, n, UnitColumn::Field::name), district(g, n);
    CodedColumn kind(n), level(n), clause(n), role(n), due(n), state(n), status(n), reported(n), done_on(n);
    TerritoryAt district_of(g, Level::district);
    NumberColumn<std::int32_t> assignment(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Duty& x = duties[i];
        const Unit& u = g.unit(x.unit);
        unit.set(i, x.unit);
        name.set(i, x.unit);
        kind.set(i, to_string(u.kind));
        level.set(i, to_string(u.level));
        district.set(i, district_of(x.unit));
        clause.set(i, f.clause(x.task));
        assignment.set(i, static_cast<std::int32_t>(x.assignment));
        role.set(i, to_string(x.role));
        due.set(i, view_or_none(x.due));
        state.set(i, to_string(x.state));
        done_on.set(i, view_or_none(x.done_on));
        if (x.latest) {
            const ProgressReport& p = f.reports.reports[*x.latest];
            status.set(i, to_string(p.status));
            reported.set(i, std::string_view(p.date));
        } else {
            status.set(i, std::nullopt);
            reported.set(i, std::nullopt);
        }
    }
    py::dict out;
    out["unit"] = unit.finish();
    out["name"] = name.finish();
    out["kind"] = kind.finish();
    out["level"] = level.finish();
    out["district"] = district.finish();
    out["clause"] = clause.finish();
    out["assignment"] = assignment.finish();
    out["role"] = role.finish();
    out["due"] = due.finish_plain();
    out["state"] = state.finish();
    out["latest_status"] = status.finish();
    out["latest_date"] = reported.finish_plain();
    out["done_on"] = done_on.finish_plain();
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
    py::class_<Subject>(m, "Subject", "One type of evaluated unit with its title and/or classification rule.")
        .def_readonly("id", &Subject::id)
        .def_readonly("label", &Subject::label)
        .def_readonly("units", &Subject::units)
        .def_readonly("exclusions", &Subject::exclusions)
        .def_readonly("window", &Subject::window)
        .def_readonly("deadline", &Subject::deadline)
        .def_readonly("deadline_source", &Subject::deadline_source)
        .def_readonly("deadline_assumption", &Subject::deadline_assumption)
        .def_readonly("title", &Subject::title)
        .def_readonly("classification", &Subject::classification)
        .def("deadline_day", &Subject::deadline_day, py::arg("year"))
        .def("__repr__", [](const Subject& s) { return "<antq.Subject '" + s.id + "'>"; });
    py::class_<HeadGrade>(m, "HeadGrade", "A grade a head can get, with its conditions.")
        .def_readonly("id", &HeadGrade::id)
        .def_readonly("label", &HeadGrade::label)
        .def_readonly("min_level", &HeadGrade::min_level)
        .def_readonly("requires_title", &HeadGrade::requires_title)
        .def_readonly("on_time", &HeadGrade::on_time);
    py::class_<HeadRule>(m, "HeadRule", "How heads are assessed on the results of what they head.")
        .def_readonly("source", &HeadRule::source)
        .def_readonly("assumption", &HeadRule::assumption)
        .def_property_readonly("territory_bodies", [](const HeadRule& h) {
            std::vector<std::string> out;
            for (UnitKind k : h.territory_bodies) out.emplace_back(to_string(k));
            return out;
        })
        .def_readonly("grades", &HeadRule::grades);
    py::class_<CommendationRule>(m, "CommendationRule", "Who is proposed for commendation.")
        .def_readonly("source", &CommendationRule::source)
        .def_readonly("assumption", &CommendationRule::assumption)
        .def_readonly("min_level", &CommendationRule::min_level)
        .def_readonly("requires_title", &CommendationRule::requires_title)
        .def_readonly("on_time", &CommendationRule::on_time)
        .def_readonly("head_grade", &CommendationRule::head_grade);
    py::class_<EvaluationRules>(m, "EvaluationRules", "A rule set for the yearly evaluation (format antq.evaluation_rules).")
        .def_readonly("id", &EvaluationRules::id)
        .def_readonly("title", &EvaluationRules::title)
        .def_readonly("source", &EvaluationRules::source)
        .def_readonly("subjects", &EvaluationRules::subjects)
        .def_readonly("heads", &EvaluationRules::heads)
        .def_readonly("commendation", &EvaluationRules::commendation)
        .def("subject", [](const EvaluationRules& r, const std::string& id) -> const Subject& {
            auto i = r.subject_index(id);
            if (!i) throw NotFound("unknown_subject", "'" + id + "'", "the rules have no subject '" + id + "'");
            return r.subjects[*i];
        }, py::arg("id"), py::return_value_policy::reference_internal)
        .def_static("load", [](const std::filesystem::path& p) { return load_evaluation_rules(p); }, py::arg("path"))
        .def_static("loads", [](const std::string& text, const std::string& source) { return parse_evaluation_rules(text, source); },
                    py::arg("text"), py::arg("source") = "<string>")
        .def("__eq__", [](const EvaluationRules& a, const EvaluationRules& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const EvaluationRules& r) {
            return "<antq.EvaluationRules '" + r.id + "', " + std::to_string(r.subjects.size()) + " subjects>";
        });
    m.def("default_evaluation_rules", &default_evaluation_rules);
    m.def("default_evaluation_rules_json", [] { return std::string(default_evaluation_rules_json()); });

    // ---- records ------------------------------------------------------------------------------------------
    py::class_<Assessments>(m, "Assessments", "A year's assessment records (format antq.assessments).")
        .def_readonly("year", &Assessments::year)
        .def_readonly("source", &Assessments::source)
        .def("__len__", [](const Assessments& a) { return a.records.size(); })
        .def("_tables", &assessment_tables)
        .def("dumps", &dump_assessments)
        .def("save", [](const Assessments& a, const std::filesystem::path& p) { save_assessments(a, p); }, py::arg("path"))
        .def_static("load", [](const std::filesystem::path& p) { return load_assessments(p); }, py::arg("path"),
                    py::call_guard<py::gil_scoped_release>())
        .def_static("loads", [](const std::string& text, const std::string& source) { return parse_assessments(text, source); },
                    py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>())
        .def("__eq__", [](const Assessments& a, const Assessments& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Assessments& a) {
            return "<antq.Assessments " + std::to_string(a.year) + ": " + std::to_string(a.records.size()) + " records>";
        });
    m.def("example_assessments", [](GraphPtr g, const EvaluationRules& rules, int year, std::uint64_t seed) {
        py::gil_scoped_release release;
        return example_assessments(*g, rules, year, seed);
    }, py::arg("graph"), py::arg("rules"), py::arg("year"), py::arg("seed"));

    // ---- the run ------------------------------------------------------------------------------------------
    py::class_<EvaluationResult>(m, "Evaluation", "A year's evaluation of a graph under a rule set.")
        .def_property_readonly("rules", [](const EvaluationResult& r) { return r.evaluation.rules(); })
        .def_property_readonly("year", [](const EvaluationResult& r) { return r.evaluation.year(); })
        .def_property_readonly("graph", [](const EvaluationResult& r) { return r.graph; })
        .def("__len__", [](const EvaluationResult& r) { return r.evaluation.results().size(); })
        .def("_results", &result_columns)
        .def("_roll_ups", &roll_up_columns)
        .def("_heads", &head_columns)
        .def("_commendations", &commendation_columns)
        .def("check_current", [](const EvaluationResult& r) { r.current(); });
    m.def("evaluate", [](GraphPtr g, EvaluationRules rules, const Assessments& a) {
        Evaluation e = [&] {
            py::gil_scoped_release release;
            return evaluate(*g, std::move(rules), a);
        }();
        return EvaluationResult{std::move(e), std::move(g)};
    }, py::arg("graph"), py::arg("rules"), py::arg("assessments"));

    // ---- follow-up ----------------------------------------------------------------------------------------
    py::class_<ProgressReports>(m, "ProgressReports", "Progress reports on one directive (format antq.progress).")
        .def_readonly("directive", &ProgressReports::directive)
        .def_readonly("source", &ProgressReports::source)
        .def("__len__", [](const ProgressReports& r) { return r.reports.size(); })
        .def("_columns", [](const ProgressReports& r) {
            const std::size_t n = r.reports.size();
            CodedColumn unit(n), clause(n), status(n), date(n), evidence(n);
            for (std::size_t i = 0; i < n; ++i) {
                const ProgressReport& p = r.reports[i];
                unit.set(i, p.unit);
                clause.set(i, p.clause);
                status.set(i, to_string(p.status));
                date.set(i, p.date);
                evidence.set(i, p.evidence);
            }
            py::dict out;
            out["unit"] = unit.finish();
            out["clause"] = clause.finish();
            out["status"] = status.finish();
            out["date"] = date.finish_plain();
            out["evidence"] = evidence.finish_plain();
            return out;
        })
        .def("dumps", &dump_progress)
        .def("save", [](const ProgressReports& r, const std::filesystem::path& p) { save_progress(r, p); }, py::arg("path"))
        .def_static("load", [](const std::filesystem::path& p) { return load_progress(p); }, py::arg("path"))
        .def_static("loads", [](const std::string& text, const std::string& source) { return parse_progress(text, source); },
                    py::arg("text"), py::arg("source") = "<string>")
        .def("__eq__", [](const ProgressReports& a, const ProgressReports& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const ProgressReports& r) {
            return "<antq.ProgressReports on '" + r.directive + "': " + std::to_string(r.reports.size()) + " reports>";
        });
    m.def("example_progress", [](const CompiledDirective& c, const std::string& as_of, std::uint64_t seed, const std::string& undated_due) {
        return example_progress(c.current(), c.table, as_of, seed, undated_due);
    }, py::arg("table"), py::arg("as_of"), py::arg("seed"), py::arg("undated_due") = "");

    py::class_<FollowUpResult>(m, "FollowUp", "The follow-up of a compiled directive on one day.")
        .def_property_readonly("as_of", [](const FollowUpResult& f) { return f.follow_up.as_of(); })
        .def("__len__", [](const FollowUpResult& f) { return f.follow_up.duties().size(); })
        .def("_duties", &duty_columns)
        .def("check_current", [](const FollowUpResult& f) { f.current(); })
        .def("_roll_ups", [](const FollowUpResult& f) {
            const OrgGraph& g = f.current();
            const auto& rolls = f.follow_up.roll_ups();
            const std::size_t n = rolls.size();
            UnitColumn territory(g, n), name(g, n, UnitColumn::Field::name);
            CodedColumn level(n), clause(n);
            NumberColumn<std::int64_t> duties(n), done(n), late(n), open(n), overdue(n), unreported(n);
            for (std::size_t i = 0; i < n; ++i) {
                const DutyRollUp& x = rolls[i];
                territory.set(i, x.territory);
                name.set(i, x.territory);
                level.set(i, to_string(g.unit(x.territory).level));
                clause.set(i, f.clause(x.task));
                duties.set(i, std::int64_t(x.duties));
                done.set(i, std::int64_t(x.done));
                late.set(i, std::int64_t(x.done_late));
                open.set(i, std::int64_t(x.open));
                overdue.set(i, std::int64_t(x.overdue));
                unreported.set(i, std::int64_t(x.unreported));
            }
            py::dict out;
            out["territory"] = territory.finish();
            out["name"] = name.finish();
            out["level"] = level.finish();
            out["clause"] = clause.finish();
            out["duties"] = duties.finish();
            out["done"] = done.finish();
            out["done_late"] = late.finish();
            out["open"] = open.finish();
            out["overdue"] = overdue.finish();
            out["unreported"] = unreported.finish();
            return out;
        })
        .def("_monitoring", [](const FollowUpResult& f) {
            const OrgGraph& g = f.current();
            py::list out;
            for (const MonitorView& v : f.follow_up.monitoring()) {
                py::dict d;
                d["monitor"] = g.unit(v.monitor).id;
                d["clause"] = f.clause(v.task);
                d["assignment"] = v.assignment;
                d["targets"] = v.targets;
                d["duties"] = v.duties;
                d["done"] = v.done;
                d["done_late"] = v.done_late;
                d["open"] = v.open;
                d["overdue"] = v.overdue;
                d["overdue_duties"] = v.overdue_duties;
                out.append(d);
            }
            return out;
        })
        .def("_overdue", [](const FollowUpResult& f) {
            f.current();
            return f.follow_up.overdue();
        });
    m.def("follow_up", [](const CompiledDirective& c, const ProgressReports& reports, const std::string& as_of,
                          const std::string& undated_due) {
        const OrgGraph& g = c.current();
        FollowUp f = [&] {
            py::gil_scoped_release release;
            return follow_up(g, c.table, reports, as_of, undated_due);
        }();
        std::vector<std::string> clauses;
        for (const Task& t : c.table.directive().tasks) clauses.push_back(t.clause);
        return FollowUpResult{std::move(f), reports, c.graph, g.generation(), std::move(clauses)};
    }, py::arg("table"), py::arg("reports"), py::arg("as_of"), py::arg("undated_due") = "");
}

}  // namespace antq::python
