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

// Ids (and names) of units, made once per unit for columns that repeat them.
class UnitColumns {
public:
    explicit UnitColumns(const OrgGraph& g) : m_graph(g), m_ids(g.unit_capacity()), m_names(g.unit_capacity()) {}
    const py::object& id(UnitIndex u) {
        auto& o = m_ids[u.value];
        if (!o) o = py::str(m_graph.unit(u).id);
        return o;
    }
    const py::object& name(UnitIndex u) {
        auto& o = m_names[u.value];
        if (!o) o = py::str(m_graph.unit(u).name);
        return o;
    }
    py::object id(const std::optional<UnitIndex>& u) { return u ? id(*u) : py::object(py::none()); }

private:
    const OrgGraph& m_graph;
    std::vector<py::object> m_ids, m_names;
};

py::dict columns(std::initializer_list<std::pair<const char*, py::list*>> named) {
    py::dict out;
    for (auto& [name, list] : named) out[name] = *list;
    return out;
}

py::dict result_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto& subjects = e.rules().subjects;
    const auto n = static_cast<py::ssize_t>(e.results().size());
    py::list unit(n), name(n), kind(n), district(n), commune(n), subject(n), authority(n), excluded(n), dossier(n),
        dossier_date(n), title(n), failed(n), incidents(n), points(n), level(n), proposed(n);
    UnitColumns units(g);
    StringCache words;
    for (py::ssize_t i = 0; i < n; ++i) {
        const UnitResult& x = e.results()[static_cast<std::size_t>(i)];
        const Subject& s = subjects[x.subject];
        unit[i] = units.id(x.unit);
        name[i] = units.name(x.unit);
        kind[i] = words(std::string(to_string(g.unit(x.unit).kind)));
        district[i] = units.id(territory_at(g, x.unit, Level::district));
        commune[i] = units.id(territory_at(g, x.unit, Level::commune));
        subject[i] = words(s.id);
        authority[i] = units.id(x.authority);
        excluded[i] = x.exclusion ? py::object(words(s.exclusions[x.exclusion - 1].reason)) : py::object(py::none());
        dossier[i] = words(std::string(to_string(x.dossier)));
        dossier_date[i] = text_or_none(x.dossier_date);
        title[i] = words(std::string(to_string(x.title)));
        py::list f;
        for (auto c : x.failed_criteria) f.append(words(s.title->criteria[c].id));
        failed[i] = f;
        incidents[i] = py::int_(x.incidents);
        points[i] = x.record ? py::float_(x.points) : py::float_(std::numeric_limits<double>::quiet_NaN());
        level[i] = x.level ? py::object(words(s.classification->levels[*x.level].id)) : py::object(py::none());
        proposed[i] = x.proposed_level ? py::object(words(s.classification->levels[*x.proposed_level].id)) : py::object(py::none());
    }
    return columns({{"unit", &unit}, {"name", &name}, {"kind", &kind}, {"district", &district}, {"commune", &commune},
                    {"subject", &subject}, {"authority", &authority}, {"excluded", &excluded}, {"dossier", &dossier},
                    {"dossier_date", &dossier_date}, {"title", &title}, {"failed", &failed}, {"incidents", &incidents},
                    {"points", &points}, {"level", &level}, {"proposed_level", &proposed}});
}

py::dict roll_up_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto& subjects = e.rules().subjects;
    // One column per level id, over the subjects in rule order (0 where a subject lacks that level).
    std::vector<std::string> level_ids;
    for (const Subject& s : subjects)
        if (s.classification)
            for (const ClassLevel& l : s.classification->levels)
                if (std::find(level_ids.begin(), level_ids.end(), l.id) == level_ids.end()) level_ids.push_back(l.id);
    const auto n = static_cast<py::ssize_t>(e.roll_ups().size());
    py::list territory(n), name(n), lvl(n), subject(n), units(n), excluded(n), eligible(n), on_time(n), late(n), missing(n),
        passed(n), failed(n), share(n);
    std::vector<py::list> per_level;
    for (std::size_t k = 0; k < level_ids.size(); ++k) per_level.emplace_back(n);
    UnitColumns ids(g);
    StringCache words;
    for (py::ssize_t i = 0; i < n; ++i) {
        const RollUp& x = e.roll_ups()[static_cast<std::size_t>(i)];
        const Subject& s = subjects[x.subject];
        territory[i] = ids.id(x.territory);
        name[i] = ids.name(x.territory);
        lvl[i] = words(std::string(to_string(g.unit(x.territory).level)));
        subject[i] = words(s.id);
        units[i] = py::int_(x.units);
        excluded[i] = py::int_(x.excluded);
        eligible[i] = py::int_(x.eligible());
        on_time[i] = py::int_(x.on_time);
        late[i] = py::int_(x.late);
        missing[i] = py::int_(x.missing);
        passed[i] = py::int_(x.passed);
        failed[i] = py::int_(x.failed);
        share[i] = s.title ? py::float_(x.title_share()) : py::float_(std::numeric_limits<double>::quiet_NaN());
        for (std::size_t k = 0; k < level_ids.size(); ++k) {
            std::size_t count = 0;
            if (s.classification)
                if (auto l = s.classification->level_index(level_ids[k])) count = x.levels[*l];
            per_level[k][i] = py::int_(count);
        }
    }
    py::dict out = columns({{"territory", &territory}, {"name", &name}, {"level", &lvl}, {"subject", &subject},
                            {"units", &units}, {"excluded", &excluded}, {"eligible", &eligible}, {"on_time", &on_time},
                            {"late", &late}, {"missing", &missing}, {"passed", &passed}, {"failed", &failed},
                            {"title_share", &share}});
    for (std::size_t k = 0; k < level_ids.size(); ++k) out[py::str(level_ids[k])] = per_level[k];
    return out;
}

py::dict head_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto n = static_cast<py::ssize_t>(e.heads().size());
    py::list post(n), post_name(n), body(n), body_kind(n), unit(n), subject(n), grade(n), label(n);
    UnitColumns ids(g);
    StringCache words;
    for (py::ssize_t i = 0; i < n; ++i) {
        const HeadAssessment& h = e.heads()[static_cast<std::size_t>(i)];
        const UnitResult& x = e.results()[h.result];
        const HeadGrade& gr = e.rules().heads.grades[h.grade];
        post[i] = ids.id(h.post);
        post_name[i] = ids.name(h.post);
        body[i] = ids.id(h.body);
        body_kind[i] = words(std::string(to_string(g.unit(h.body).kind)));
        unit[i] = ids.id(x.unit);
        subject[i] = words(e.rules().subjects[x.subject].id);
        grade[i] = words(gr.id);
        label[i] = words(gr.label);
    }
    return columns({{"post", &post}, {"post_name", &post_name}, {"body", &body}, {"body_kind", &body_kind},
                    {"unit", &unit}, {"subject", &subject}, {"grade", &grade}, {"grade_label", &label}});
}

py::dict commendation_columns(const EvaluationResult& r) {
    const OrgGraph& g = r.current();
    const Evaluation& e = r.evaluation;
    const auto n = static_cast<py::ssize_t>(e.commendations().size());
    py::list unit(n), name(n), type(n), for_unit(n), subject(n), level(n), proposed_to(n);
    UnitColumns ids(g);
    StringCache words;
    for (py::ssize_t i = 0; i < n; ++i) {
        const Commendation& c = e.commendations()[static_cast<std::size_t>(i)];
        const UnitResult& x = e.results()[c.result];
        const Subject& s = e.rules().subjects[x.subject];
        unit[i] = ids.id(c.unit);
        name[i] = ids.name(c.unit);
        type[i] = words(c.individual ? "individual" : "collective");
        for_unit[i] = ids.id(x.unit);
        subject[i] = words(s.id);
        level[i] = x.level ? py::object(words(s.classification->levels[*x.level].id)) : py::object(py::none());
        proposed_to[i] = ids.id(c.proposed_to);
    }
    return columns({{"unit", &unit}, {"name", &name}, {"type", &type}, {"for_unit", &for_unit}, {"subject", &subject},
                    {"level", &level}, {"proposed_to", &proposed_to}});
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
    py::dict out;
    out["records"] = columns({{"unit", &unit}, {"dossier_date", &date}, {"proposed_level", &proposed}});
    out["criteria_met"] = columns({{"unit", &c_unit}, {"criterion", &c_criterion}});
    out["scores"] = columns({{"unit", &s_unit}, {"criterion", &s_criterion}, {"points", &s_points}});
    out["incidents"] = columns({{"unit", &i_unit}, {"criterion", &i_criterion}, {"date", &i_date}, {"note", &i_note}});
    return out;
}

py::dict duty_columns(const FollowUpResult& f) {
    const OrgGraph& g = f.current();
    const auto& duties = f.follow_up.duties();
    const auto n = static_cast<py::ssize_t>(duties.size());
    py::list unit(n), name(n), kind(n), level(n), district(n), clause(n), assignment(n), role(n), due(n), state(n),
        status(n), reported(n), done_on(n);
    UnitColumns ids(g);
    StringCache words;
    // Reports are named by index into the reports the follow-up was given; status and date come from there.
    for (py::ssize_t i = 0; i < n; ++i) {
        const Duty& x = duties[static_cast<std::size_t>(i)];
        unit[i] = ids.id(x.unit);
        name[i] = ids.name(x.unit);
        kind[i] = words(std::string(to_string(g.unit(x.unit).kind)));
        level[i] = words(std::string(to_string(g.unit(x.unit).level)));
        district[i] = ids.id(territory_at(g, x.unit, Level::district));
        clause[i] = words(f.clause(x.task));
        assignment[i] = py::int_(x.assignment);
        role[i] = words(std::string(to_string(x.role)));
        due[i] = text_or_none(x.due);
        state[i] = words(std::string(to_string(x.state)));
        done_on[i] = text_or_none(x.done_on);
        status[i] = py::none();
        reported[i] = py::none();
    }
    return columns({{"unit", &unit}, {"name", &name}, {"kind", &kind}, {"level", &level}, {"district", &district},
                    {"clause", &clause}, {"assignment", &assignment}, {"role", &role}, {"due", &due}, {"state", &state},
                    {"latest_status", &status}, {"latest_date", &reported}, {"done_on", &done_on}});
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
            py::list unit, clause, status, date, evidence;
            for (const ProgressReport& p : r.reports) {
                unit.append(p.unit);
                clause.append(p.clause);
                status.append(std::string(to_string(p.status)));
                date.append(p.date);
                evidence.append(p.evidence);
            }
            return columns({{"unit", &unit}, {"clause", &clause}, {"status", &status}, {"date", &date}, {"evidence", &evidence}});
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
        .def("_duties", [](const FollowUpResult& f, const ProgressReports& reports) {
            py::dict out = duty_columns(f);
            py::list status = out["latest_status"], date = out["latest_date"];
            const auto& duties = f.follow_up.duties();
            for (std::size_t i = 0; i < duties.size(); ++i)
                if (duties[i].latest && *duties[i].latest < reports.reports.size()) {
                    const ProgressReport& p = reports.reports[*duties[i].latest];
                    status[i] = std::string(to_string(p.status));
                    date[i] = p.date;
                }
            return out;
        }, py::arg("reports"))
        .def("_roll_ups", [](const FollowUpResult& f) {
            const OrgGraph& g = f.current();
            const auto& rolls = f.follow_up.roll_ups();
            const auto n = static_cast<py::ssize_t>(rolls.size());
            py::list territory(n), name(n), level(n), clause(n), duties(n), done(n), late(n), open(n), overdue(n), unreported(n);
            UnitColumns ids(g);
            for (py::ssize_t i = 0; i < n; ++i) {
                const DutyRollUp& x = rolls[static_cast<std::size_t>(i)];
                territory[i] = ids.id(x.territory);
                name[i] = ids.name(x.territory);
                level[i] = std::string(to_string(g.unit(x.territory).level));
                clause[i] = f.clause(x.task);
                duties[i] = x.duties;
                done[i] = x.done;
                late[i] = x.done_late;
                open[i] = x.open;
                overdue[i] = x.overdue;
                unreported[i] = x.unreported;
            }
            return columns({{"territory", &territory}, {"name", &name}, {"level", &level}, {"clause", &clause},
                            {"duties", &duties}, {"done", &done}, {"done_late", &late}, {"open", &open},
                            {"overdue", &overdue}, {"unreported", &unreported}});
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
        return FollowUpResult{std::move(f), c.graph, g.generation(), std::move(clauses)};
    }, py::arg("table"), py::arg("reports"), py::arg("as_of"), py::arg("undated_due") = "");
}

}  // namespace antq::python
