// The directive area: directives as data, the compiled responsibility table, progress reports and the follow-up.

#include <algorithm>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/analysis/hierarchy.hpp>
#include <antq/directive/compile.hpp>
#include <antq/directive/follow_up.hpp>
#include <antq/directive/progress.hpp>
#include <antq/errors.hpp>

#include "bound.hpp"
#include "columns.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

py::object selector_or_none(const std::optional<Selector>& s) { return s ? py::cast(*s) : py::none(); }

// One tuple per distinct list of indices, shared by every row with that list (immutable, so sharing is safe): a table
// of 100,000 rows makes a few dozen tuples, not 100,000 lists. Most rows have no index or one, which skip the map.
template <class Item>
class SharedTuples {
public:
    explicit SharedTuples(Item item) : m_item(std::move(item)) {}

    py::object operator()(std::span<const std::uint32_t> values) {
        if (values.empty()) return m_empty;
        if (values.size() == 1) {
            if (values[0] >= m_single.size()) m_single.resize(values[0] + 1);
            py::object& one = m_single[values[0]];  // null until made (a default py::tuple would be an empty one)
            if (!one) one = make(values);
            return one;
        }
        m_key.assign(values.begin(), values.end());
        auto shared = m_longer.find(m_key);
        if (shared == m_longer.end()) shared = m_longer.emplace(m_key, make(values)).first;
        return shared->second;
    }

private:
    py::tuple make(std::span<const std::uint32_t> values) {
        py::tuple every(values.size());
        for (std::size_t k = 0; k < values.size(); ++k) every[k] = m_item(values[k]);
        return every;
    }

    Item m_item;
    py::tuple m_empty;                 // the empty tuple
    std::vector<py::object> m_single;  // by the one index
    std::map<std::vector<std::uint32_t>, py::tuple> m_longer;
    std::vector<std::uint32_t> m_key;
};

// A follow-up together with the graph and the clauses of the directive it follows.
struct FollowUpResult : Bound<FollowUp> {
    ProgressReports reports;  // what Duty::latest indexes
    std::vector<std::string> clauses;

    const FollowUp& follow_up() const noexcept { return result; }
    const std::string& clause(std::uint32_t task) const { return clauses[task]; }
};

// The duties of a follow-up; the latest report's status and date come from the reports it was made from.
py::dict duty_columns(const FollowUpResult& f) {
    const OrgGraph& g = f.current();
    const auto& duties = f.result.duties();
    const std::size_t n = duties.size();
    UnitColumn unit(g, n), name(g, n, UnitColumn::Field::name), district(g, n);
    CodedColumn kind(n), level(n), clause(n), role(n), due(n), state(n), status(n), reported(n), done_on(n);
    NumberColumn<bool> due_assumed(n);
    const std::vector<UnitIndex> district_of = territories_at(g, Level::district);
    NumberColumn<std::int32_t> assignment(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Duty& x = duties[i];
        const Unit& u = g.unit(x.unit);
        unit.set(i, x.unit);
        name.set(i, x.unit);
        kind.set(i, to_string(u.kind));
        level.set(i, to_string(u.level));
        district.set(i, optional_unit(district_of[x.unit.value]));
        clause.set(i, f.clause(x.task));
        assignment.set(i, static_cast<std::int32_t>(x.assignment));
        role.set(i, to_string(x.role));
        due.set(i, view_or_none(x.due));
        due_assumed.set(i, x.due_assumed);
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
    out["due_assumed"] = due_assumed.finish();
    out["state"] = state.finish();
    out["latest_status"] = status.finish();
    out["latest_date"] = reported.finish_plain();
    out["done_on"] = done_on.finish_plain();
    return out;
}

}  // namespace

void init_directive(py::module_& m) {
    py::class_<Reference>(m, "Reference", "A legal or programme document a directive cites.")
        .def_readonly("kind", &Reference::kind)
        .def_readonly("number", &Reference::number)
        .def_readonly("date", &Reference::date)
        .def_readonly("title", &Reference::title)
        .def_readonly("cited", &Reference::cited)
        .def_readonly("note", &Reference::note)
        .def("__repr__", [](const Reference& r) { return "<antq.Reference " + r.kind + " " + r.number + ">"; });
    py::class_<DatedEvent>(m, "DatedEvent", "A dated event a directive sets or relies on.")
        .def_readonly("date", &DatedEvent::date)
        .def_readonly("title", &DatedEvent::title)
        .def_readonly("note", &DatedEvent::note);
    py::class_<Recipient>(m, "Recipient", "An entry of the recipients list and the units it designates.")
        .def_readonly("label", &Recipient::label)
        .def_property_readonly("units", [](const Recipient& r) { return selector_or_none(r.units); })
        .def_readonly("note", &Recipient::note)
        .def("__repr__", [](const Recipient& r) { return "<antq.Recipient '" + r.label + "'>"; });
    py::class_<Assignment>(m, "Assignment", "One role given to the units a selector picks.")
        .def_property_readonly("role", [](const Assignment& a) { return std::string(to_string(a.role)); })
        .def_readonly("units", &Assignment::units)
        .def_property_readonly("target", [](const Assignment& a) { return selector_or_none(a.target); })
        .def_property_readonly("target_within", [](const Assignment& a) -> py::object {
            if (a.target_within == TargetWithin::assignee) return py::str("assignee");
            return py::none();
        })
        .def_readonly("deadline", &Assignment::deadline)
        .def_property_readonly("window", [](const Assignment& a) -> py::object {
            if (!a.window) return py::none();
            return py::make_tuple(a.window->from, a.window->to);
        })
        .def_readonly("note", &Assignment::note)
        .def("__repr__", [](const Assignment& a) {
            return "<antq.Assignment " + std::string(to_string(a.role)) + " " + a.units.to_string() + ">";
        });
    py::class_<Task>(m, "Task", "A clause of a directive.")
        .def_readonly("clause", &Task::clause)
        .def_readonly("title", &Task::title)
        .def_readonly("summary", &Task::summary)
        .def_readonly("indicators", &Task::indicators)
        .def_readonly("assignments", &Task::assignments)
        .def("__repr__", [](const Task& t) { return "<antq.Task " + t.clause + " '" + t.title + "'>"; });

    py::class_<Directive>(m, "Directive", "A directive as data: identity, references, dates, recipients and tasks.")
        .def_readonly("id", &Directive::id)
        .def_readonly("kind", &Directive::kind)
        .def_readonly("number", &Directive::number)
        .def_readonly("date", &Directive::date)
        .def_readonly("year", &Directive::year)
        .def_readonly("title", &Directive::title)
        .def_readonly("issuer", &Directive::issuer)
        .def_readonly("signer", &Directive::signer)
        .def_readonly("theme", &Directive::theme)
        .def_readonly("summary", &Directive::summary)
        .def_readonly("references", &Directive::references)
        .def_readonly("events", &Directive::events)
        .def_readonly("recipients", &Directive::recipients)
        .def_readonly("tasks", &Directive::tasks)
        .def_property_readonly("undated_due", [](const Directive& d) -> py::object {
            if (!d.undated_due) return py::none();
            return py::make_tuple(d.undated_due->date, d.undated_due->assumption);
        })
        .def("__eq__", [](const Directive& a, const Directive& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Directive& d) {
            return "<antq.Directive '" + d.id + "': " + std::to_string(d.tasks.size()) + " tasks>";
        });

;
;

    py::class_<CompiledDirective>(m, "Responsibilities",
                                  "A directive compiled onto a graph: who holds which role in which task.")
        .def_property_readonly("directive", [](const CompiledDirective& c) { return c.result.directive(); })
        .def_property_readonly("graph", [](const CompiledDirective& c) { return c.graph; })
        .def("__len__", [](const CompiledDirective& c) { return c.result.rows().size(); })
        .def("_columns", [](const CompiledDirective& c) {
            const OrgGraph& g = c.current();
            const auto& rows = c.result.rows();
            const auto n = static_cast<py::ssize_t>(rows.size());
            py::list task(n), title(n), assignment(n), assignments(n), recipient(n), recipients(n), unit(n), name(n),
                kind(n), level(n), role(n);
            StringCache words;  // clauses, titles, kinds, levels and roles repeat on every row
            UnitStrings strings(g);
            const auto& entries = c.result.directive().recipients;
            SharedTuples behind([](std::uint32_t a) -> py::object { return py::int_(a); });
            SharedTuples labels([&](std::uint32_t e) -> py::object { return words(entries[e].label); });
            // Per task, kind, level and role, the Python string is looked up once, not hashed again on every row.
            std::vector<py::object> clauses, titles, kinds, levels, roles;
            auto once = [](std::vector<py::object>& cache, std::size_t key, auto&& make) -> const py::object& {
                if (key >= cache.size()) cache.resize(key + 1);
                if (!cache[key]) cache[key] = make();
                return cache[key];
            };
            auto spelled = [&](auto value) { return [&words, value] { return words(std::string(to_string(value))); }; };
            for (py::ssize_t i = 0; i < n; ++i) {
                const Responsibility& r = rows[static_cast<std::size_t>(i)];
                const Unit& u = g.unit(r.unit);
                task[i] = once(clauses, r.task, [&] { return words(c.clause(r.task)); });
                title[i] = once(titles, r.task, [&] { return words(c.result.directive().tasks[r.task].title); });
                // A row from the recipients list names its entry instead of an assignment.
                const bool listed = r.recipient != Responsibility::none;
                assignment[i] = py::int_(listed ? -1 : static_cast<std::int64_t>(r.assignment));
                const auto row = static_cast<std::size_t>(i);
                assignments[i] = behind(c.result.assignments_of(row));
                recipient[i] = listed ? py::object(words(entries[r.recipient].label)) : py::none();
                recipients[i] = labels(c.result.recipients_of(row));
                unit[i] = strings.id(r.unit);
                name[i] = strings.name(r.unit);
                kind[i] = once(kinds, static_cast<std::size_t>(u.kind), spelled(u.kind));
                level[i] = once(levels, static_cast<std::size_t>(u.level), spelled(u.level));
                role[i] = once(roles, static_cast<std::size_t>(r.role), spelled(r.role));
            }
            py::dict out;
            out["task"] = task;
            out["unit"] = unit;
            out["role"] = role;
            out["title"] = title;
            out["assignment"] = assignment;
            out["assignments"] = assignments;
            out["recipient"] = recipient;
            out["recipients"] = recipients;
            out["unit_name"] = name;
            out["unit_kind"] = kind;
            out["unit_level"] = level;
            return out;
        })
        .def("recipients", [](const CompiledDirective& c) {
            c.current();
            return c.ids(c.result.recipients());
        })
        .def("recipients_outside", [](const CompiledDirective& c) {
            py::list out;
            for (std::uint32_t r : c.result.recipients_outside()) {
                const Recipient& entry = c.result.directive().recipients[r];
                py::dict d;
                d["label"] = entry.label;
                d["note"] = entry.note;
                out.append(d);
            }
            return out;
        })
        .def("bound_units", [](const CompiledDirective& c) {
            c.current();
            return c.ids(c.result.bound_units());
        })
        .def("units_of", [](const CompiledDirective& c, const std::string& clause, const std::string& role) {
            c.current();
            const auto r = parse_role(role);
            if (!r) throw InvalidInput("unknown_role", "role", "'" + role + "' is not a role");
            return c.ids(c.result.units_of(c.result.task_index(clause), *r));
        }, py::arg("clause"), py::arg("role"))
        .def("duties_of", [](const CompiledDirective& c, const UnitId& unit) {
            const OrgGraph& g = c.current();
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& r : c.result.duties_of(g.index_of(unit)))
                out.emplace_back(c.clause(r.task), std::string(to_string(r.role)));
            return out;
        }, py::arg("unit"))
        .def("targets", [](const CompiledDirective& c, const std::string& clause, std::uint32_t assignment,
                           const std::optional<UnitId>& unit) {
            const OrgGraph& g = c.current();
            const std::uint32_t task = c.result.task_index(clause);
            if (!unit) return c.ids(c.result.targets(task, assignment));
            try {
                const auto units = c.result.targets(task, assignment, g.index_of(*unit));
                return c.ids(std::vector<UnitIndex>(units.begin(), units.end()));
            } catch (const NotFound& e) {
                if (e.tag() != "not_an_assignee") throw;
                // The table names the unit by index and the task by number; here they have their ids.
                throw NotFound(e.tag(), "clause " + clause + ", assignment " + std::to_string(assignment) + ", unit '" + *unit + "'",
                               e.message());
            }
        }, py::arg("clause"), py::arg("assignment"), py::arg("unit") = py::none())
        .def("dropped", [](const CompiledDirective& c) { return c.result.dropped(); })
        .def("flags", [](const CompiledDirective& c) {
            c.current();
            py::list out;
            for (const auto& f : c.result.flags()) {
                py::dict d;
                d["task"] = c.clause(f.task);
                d["assignment"] = f.assignment;
                d["unit"] = c.id(f.unit);
                d["reason"] = f.reason;
                out.append(d);
            }
            return out;
        })
        .def("__repr__", [](const CompiledDirective& c) {
            return "<antq.Responsibilities of '" + c.result.directive().id + "': " + std::to_string(c.result.rows().size()) +
                   " rows>";
        });

    m.def("compile", [](const Directive& d, GraphPtr graph) {
        Responsibilities table = [&] {
            const ReleasedRead reading(graph);
            return compile(d, *graph);
        }();
        return CompiledDirective{{std::move(table), std::move(graph)}};
    }, py::arg("directive"), py::arg("graph"));
    // A directive carried across a change of structure (docs/restructure.md, "Directives across a change").
    m.def("_compile_translated", [](const Directive& d, GraphPtr graph, const std::vector<std::pair<std::string, std::string>>& levels,
                                    const std::vector<std::pair<std::string, std::vector<std::string>>>& ids, bool drop_unmatched) {
        graph_arg(graph);
        return CompiledDirective{{compile(d, *graph, to_translation(levels, ids, drop_unmatched)), graph}};
    }, py::arg("directive"), py::arg("graph"), py::arg("levels"), py::arg("ids"), py::arg("drop_unmatched"));

    // ---- progress reports and the follow-up ----------------------------------------------------------------------------------------
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
        .def("__eq__", [](const ProgressReports& a, const ProgressReports& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const ProgressReports& r) {
            return "<antq.ProgressReports on '" + r.directive + "': " + std::to_string(r.reports.size()) + " reports>";
        });
    m.def("example_progress", [](const CompiledDirective& c, const py::object& as_of, const py::object& seed,
                                 const py::object& undated_due) {
        const std::string day = to_date(as_of, "as_of"), undated = to_date(undated_due, "undated_due", true);
        const std::uint64_t s = to_seed(seed, "seed");
        const OrgGraph& g = c.current();
        const ReleasedRead reading(c.graph);
        return example_progress(g, c.result, day, s, undated);
    }, py::arg("table"), py::arg("as_of"), py::arg("seed"), py::arg("undated_due") = py::none());

    py::class_<FollowUpResult>(m, "FollowUp", "The follow-up of a compiled directive on one day.")
        .def_property_readonly("as_of", [](const FollowUpResult& f) { return f.result.as_of(); })
        .def("__len__", [](const FollowUpResult& f) { return f.result.duties().size(); })
        .def("_duties", &duty_columns)
        .def("check_current", [](const FollowUpResult& f) { f.current(); })
        .def("_roll_ups", [](const FollowUpResult& f) {
            const OrgGraph& g = f.current();
            const auto& rolls = f.result.roll_ups();
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
            for (const MonitorView& v : f.result.monitoring()) {
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
            return f.result.overdue();
        });
    m.def("follow_up", [](const CompiledDirective& c, const ProgressReports& reports, const py::object& as_of,
                          const py::object& undated_due) {
        const std::string day = to_date(as_of, "as_of"), undated = to_date(undated_due, "undated_due", true);
        const OrgGraph& g = c.current();
        FollowUp f = [&] {
            const ReleasedRead reading(c.graph);
            return follow_up(g, c.result, reports, day, undated);
        }();
        std::vector<std::string> clauses;
        for (const Task& t : c.result.directive().tasks) clauses.push_back(t.clause);
        return FollowUpResult{{std::move(f), c.graph}, reports, std::move(clauses)};
    }, py::arg("table"), py::arg("reports"), py::arg("as_of"), py::arg("undated_due") = py::none());
}

}  // namespace antq::python
