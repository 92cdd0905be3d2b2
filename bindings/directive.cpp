#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/analysis/accountability.hpp>
#include <antq/analysis/coordination.hpp>
#include <antq/analysis/load.hpp>
#include <antq/analysis/oversight.hpp>
#include <antq/analysis/reach.hpp>
#include <antq/directive/compile.hpp>
#include <antq/errors.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/directive_json.hpp>

#include "compiled.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

py::object selector_or_none(const std::optional<Selector>& s) { return s ? py::cast(*s) : py::none(); }

// The forwarding paths of a reach analysis, computed when asked for: a national graph has tens of
// thousands of reached units, and most callers look at a few.
struct ReachPaths {
    ReachResult result;
    GraphPtr graph;
    std::uint64_t generation = 0;
    std::vector<UnitIndex> keys;  // reached bound units, in index order

    const OrgGraph& current() const {
        if (graph->generation() != generation)
            throw StaleView("stale_result", "reach", "the graph changed after the analysis; run it again");
        return *graph;
    }
    std::vector<std::string> path(const std::string& id) const {
        const OrgGraph& g = current();
        const auto u = g.find(id);
        if (!u || !std::binary_search(keys.begin(), keys.end(), *u))
            throw NotFound("unknown_unit", "'" + id + "'", "not a reached bound unit");
        std::vector<std::string> out;
        for (UnitIndex p : result.path_to(*u)) out.push_back(g.unit(p).id);
        return out;
    }
};

}  // namespace

void init_directive(py::module_& m) {
    py::class_<Reference>(m, "Reference", "A legal or programme document a directive cites.")
        .def_readonly("kind", &Reference::kind)
        .def_readonly("number", &Reference::number)
        .def_readonly("date", &Reference::date)
        .def_readonly("title", &Reference::title)
        .def("__repr__", [](const Reference& r) { return "<antq.Reference " + r.kind + " " + r.number + ">"; });
    py::class_<DatedEvent>(m, "DatedEvent", "A dated event a directive sets or relies on.")
        .def_readonly("date", &DatedEvent::date)
        .def_readonly("title", &DatedEvent::title)
        .def_readonly("note", &DatedEvent::note);
    py::class_<Recipient>(m, "Recipient", "An entry of the recipients list and the units it designates.")
        .def_readonly("label", &Recipient::label)
        .def_readonly("units", &Recipient::units);
    py::class_<Assignment>(m, "Assignment", "One role given to the units a selector picks.")
        .def_property_readonly("role", [](const Assignment& a) { return std::string(to_string(a.role)); })
        .def_readonly("units", &Assignment::units)
        .def_property_readonly("target", [](const Assignment& a) { return selector_or_none(a.target); })
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
        .def_static("load", [](const std::filesystem::path& p) { return load_directive(p); }, py::arg("path"))
        .def_static("loads", [](const std::string& text, const std::string& source) { return parse_directive(text, source); },
                    py::arg("text"), py::arg("source") = "<string>")
        .def("save", [](const Directive& d, const std::filesystem::path& p) { save_directive(d, p); }, py::arg("path"))
        .def("dumps", &dump_directive)
        .def("__eq__", [](const Directive& a, const Directive& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Directive& d) {
            return "<antq.Directive '" + d.id + "': " + std::to_string(d.tasks.size()) + " tasks>";
        });

    m.def("directive_2024", &datasets::directive_2024);
    m.def("directive_2024_json", [] { return std::string(datasets::directive_2024_json()); });

    py::class_<CompiledDirective>(m, "Responsibilities",
                                  "A directive compiled onto a graph: who holds which role in which task.")
        .def_property_readonly("directive", [](const CompiledDirective& c) { return c.table.directive(); })
        .def_property_readonly("graph", [](const CompiledDirective& c) { return c.graph; })
        .def("__len__", [](const CompiledDirective& c) { return c.table.rows().size(); })
        .def("_columns", [](const CompiledDirective& c) {
            const OrgGraph& g = c.current();
            const auto& rows = c.table.rows();
            const auto n = static_cast<py::ssize_t>(rows.size());
            py::list task(n), title(n), assignment(n), unit(n), name(n), kind(n), level(n), role(n);
            StringCache words;  // clauses, titles, kinds, levels and roles repeat on every row
            std::vector<py::object> ids(g.unit_capacity()), names(g.unit_capacity());
            for (py::ssize_t i = 0; i < n; ++i) {
                const Responsibility& r = rows[static_cast<std::size_t>(i)];
                const Unit& u = g.unit(r.unit);
                if (!ids[r.unit.value]) {
                    ids[r.unit.value] = py::str(u.id);
                    names[r.unit.value] = py::str(u.name);
                }
                task[i] = words(c.clause(r.task));
                title[i] = words(c.table.directive().tasks[r.task].title);
                assignment[i] = py::int_(r.assignment);
                unit[i] = ids[r.unit.value];
                name[i] = names[r.unit.value];
                kind[i] = words(std::string(to_string(u.kind)));
                level[i] = words(std::string(to_string(u.level)));
                role[i] = words(std::string(to_string(r.role)));
            }
            py::dict out;
            out["task"] = task;
            out["unit"] = unit;
            out["role"] = role;
            out["title"] = title;
            out["assignment"] = assignment;
            out["unit_name"] = name;
            out["unit_kind"] = kind;
            out["unit_level"] = level;
            return out;
        })
        .def("recipients", [](const CompiledDirective& c) {
            c.current();
            return c.ids(c.table.recipients());
        })
        .def("bound_units", [](const CompiledDirective& c) {
            c.current();
            return c.ids(c.table.bound_units());
        })
        .def("units_of", [](const CompiledDirective& c, const std::string& clause, const std::string& role) {
            c.current();
            const auto r = parse_role(role);
            if (!r) throw InvalidInput("unknown_role", "role", "'" + role + "' is not a role");
            return c.ids(c.table.units_of(c.table.task_index(clause), *r));
        }, py::arg("clause"), py::arg("role"))
        .def("duties_of", [](const CompiledDirective& c, const std::string& unit) {
            const OrgGraph& g = c.current();
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& r : c.table.duties_of(g.index_of(unit)))
                out.emplace_back(c.clause(r.task), std::string(to_string(r.role)));
            return out;
        }, py::arg("unit"))
        .def("flags", [](const CompiledDirective& c) {
            c.current();
            py::list out;
            for (const auto& f : c.table.flags()) {
                py::dict d;
                d["task"] = c.clause(f.task);
                d["assignment"] = f.assignment;
                d["unit"] = c.id(f.unit);
                d["reason"] = f.reason;
                out.append(d);
            }
            return out;
        })
        .def("reach", [](const CompiledDirective& c) {
            ReachPaths paths{reach(c.table, c.current()), c.graph, c.graph->generation(), {}};
            for (UnitIndex b : paths.result.bound)
                if (paths.result.reached(b)) paths.keys.push_back(b);
            py::dict out;
            out["recipients"] = c.ids(paths.result.recipients);
            out["bound"] = c.ids(paths.result.bound);
            out["unreached"] = c.ids(paths.result.unreached);
            out["paths"] = std::move(paths);
            return out;
        })
        .def("load", [](const CompiledDirective& c) {
            const OrgGraph& g = c.current();
            const LoadResult r = load(c.table, g);
            py::dict per_unit;
            for (const auto& e : r.units) {
                py::dict roles;
                for (Role role : all_roles) roles[py::str(std::string(to_string(role)))] = e.roles[static_cast<std::size_t>(role)];
                per_unit[py::str(c.id(e.unit))] = roles;
            }
            py::dict by_level;
            for (Level l : all_levels) {
                py::dict roles;
                for (Role role : all_roles)
                    roles[py::str(std::string(to_string(role)))] = r.by_level[static_cast<std::size_t>(l)][static_cast<std::size_t>(role)];
                by_level[py::str(std::string(to_string(l)))] = roles;
            }
            py::dict out;
            out["units"] = per_unit;
            out["by_level"] = by_level;
            std::vector<std::string> top;
            for (const auto& e : r.most_loaded(10)) top.push_back(c.id(e.unit));
            out["most_loaded"] = top;
            return out;
        })
        .def("coordination", [](const CompiledDirective& c) {
            const CoordinationResult r = coordination(c.table, c.current());
            py::list pairs;
            for (const auto& p : r.pairs) {
                py::dict d;
                d["lead"] = c.id(p.lead);
                d["partner"] = c.id(p.partner);
                std::vector<std::string> clauses, ties;
                for (auto t : p.tasks) clauses.push_back(c.clause(t));
                for (auto k : p.ties) ties.push_back(std::string(to_string(k)));
                d["tasks"] = clauses;
                d["ties"] = ties;
                d["gap"] = p.is_gap();
                pairs.append(d);
            }
            return pairs;
        })
        .def("accountability", [](const CompiledDirective& c, const std::string& unit) {
            const OrgGraph& g = c.current();
            const UnitAccountability a = accountability(g, g.index_of(unit), g.index_of(c.table.directive().issuer));
            py::dict out;
            out["unit"] = unit;
            out["head"] = c.optional_id(a.head);
            out["chain"] = c.ids(a.chain);
            py::list heads;
            for (const auto& h : a.chain_heads) heads.append(c.optional_id(h));
            out["chain_heads"] = heads;
            return out;
        }, py::arg("unit"))
        .def("task_accountability", [](const CompiledDirective& c, const std::string& clause) {
            const OrgGraph& g = c.current();
            const TaskAccountability a = accountability(c.table, g, c.table.task_index(clause));
            py::dict out;
            for (Level l : all_levels) {
                const auto& rows = a.by_level[static_cast<std::size_t>(l)];
                if (rows.empty()) continue;
                py::list list;
                for (const auto& [u, head] : rows) list.append(py::make_tuple(c.id(u), c.optional_id(head)));
                out[py::str(std::string(to_string(l)))] = list;
            }
            return out;
        }, py::arg("clause"))
        .def("oversight", [](const CompiledDirective& c) {
            const OversightResult r = oversight(c.table, c.current());
            py::dict monitors;
            for (const auto& mon : r.monitors) monitors[py::str(c.id(mon.unit))] = c.ids(mon.watches);
            py::dict out;
            out["monitors"] = monitors;
            out["unmonitored"] = c.ids(r.unmonitored);
            return out;
        })
        .def("__repr__", [](const CompiledDirective& c) {
            return "<antq.Responsibilities of '" + c.table.directive().id + "': " + std::to_string(c.table.rows().size()) +
                   " rows>";
        });

    py::class_<ReachPaths>(m, "_ReachPaths", "Forwarding paths by reached bound unit, computed on demand.")
        .def("__len__", [](const ReachPaths& p) { return p.keys.size(); })
        .def("__getitem__", &ReachPaths::path)
        .def("__contains__", [](const ReachPaths& p, const std::string& id) {
            const auto u = p.current().find(id);
            return u && std::binary_search(p.keys.begin(), p.keys.end(), *u);
        })
        .def("_keys", [](const ReachPaths& p) {
            const OrgGraph& g = p.current();
            std::vector<std::string> out;
            for (UnitIndex u : p.keys) out.push_back(g.unit(u).id);
            return out;
        });

    m.def("compile", [](const Directive& d, GraphPtr graph) {
        return CompiledDirective{compile(d, *graph), std::move(graph)};
    }, py::arg("directive"), py::arg("graph"));
}

}  // namespace antq::python
