// The movement area: the grassroots security force (Law 30/2023/QH15: team-sizing rules, team plans, adding teams)
// and the self-managed models registry (HD 22/HD-BCA-V05). The Python layer is python/antq/movement/.

#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/movement/grassroots.hpp>
#include <antq/movement/models.hpp>
#include <antq/graph/org_graph.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

py::object optional_str(const std::optional<std::string>& s) { return s ? py::object(py::str(*s)) : py::object(py::none()); }

py::dict totals_dict(const TeamTotals& t) {
    py::dict d;
    d["territory"] = t.territory;
    d["name"] = t.name;
    d["level"] = std::string(to_string(t.level));
    d["teams"] = t.teams;
    d["members"] = t.members;
    d["assumed_teams"] = t.assumed_teams;
    d["assumed_members"] = t.assumed_members;
    return d;
}

std::vector<std::string> village_ids(const std::vector<const VillageTeamPlan*>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto* v : rows) out.push_back(v->village);
    return out;
}


ModelStatus status_of(const std::string& name) {
    const auto s = parse_model_status(name);
    if (!s) throw InvalidInput("unknown_status", "status", "'" + name + "' is not a status (effective, formal, dissolved)");
    return *s;
}

py::dict tally(const ModelTally& t) {
    py::dict d;
    d["models"] = t.models;
    d["points"] = t.points;
    d["teams"] = t.teams;
    return d;
}

py::dict counts_dict(const ModelCounts& c) {
    py::dict d;
    d["models"] = c.models;
    d["points"] = c.points;
    d["teams"] = c.teams;
    d["names"] = c.names;
    py::dict by_status;
    for (ModelStatus s : all_model_statuses) by_status[py::str(std::string(to_string(s)))] = tally(c.status(s));
    d["by_status"] = by_status;
    py::dict by_type;
    for (const auto& [type, t] : c.by_type) by_type[py::str(type)] = tally(t);
    d["by_type"] = by_type;
    d["spanning_models"] = c.spanning_models;
    d["spanning_teams"] = c.spanning_teams;
    return d;
}

py::dict model_dict(const Model& m) {
    py::dict d;
    d["id"] = m.id;
    d["name"] = m.name;
    d["type"] = m.type;
    d["origin"] = m.origin;
    d["status"] = std::string(to_string(m.status));
    d["points"] = m.points;
    d["teams"] = m.teams;
    return d;
}

py::list history_list(const Model& m) {
    py::list out;
    for (const ModelEvent& e : m.history) {
        py::dict d;
        d["date"] = e.date;
        d["action"] = e.action;
        d["detail"] = e.detail;
        d["units"] = e.units;
        out.append(d);
    }
    return out;
}

}  // namespace

static void bind_grassroots(py::module_& m) {
    py::class_<TeamSizeBand>(m, "TeamSizeBand",
                             "One band of a team-sizing rule: min_households <= households < below_households.")
        .def_readonly("min_households", &TeamSizeBand::min_households)
        .def_readonly("below_households", &TeamSizeBand::below_households)
        .def_readonly("members", &TeamSizeBand::members)
        .def_property_readonly("assumption", [](const TeamSizeBand& b) -> py::object {
            return b.assumed() ? py::object(py::str(b.assumption)) : py::object(py::none());
        })
        .def_property_readonly("assumed", &TeamSizeBand::assumed)
        .def("__eq__", [](const TeamSizeBand& a, const TeamSizeBand& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const TeamSizeBand& b) {
            std::string range = std::to_string(b.min_households) + "-" +
                                (b.below_households ? std::to_string(*b.below_households - 1) : std::string("..."));
            return "<antq.TeamSizeBand " + range + " households: " + std::to_string(b.members) + " members" +
                   (b.assumed() ? " (assumed)" : "") + ">";
        });

    py::class_<TeamSizingRule>(m, "TeamSizingRule",
                               "How many members a village's security team has, by households (format antq.team_sizing).")
        .def_readonly("id", &TeamSizingRule::id)
        .def_readonly("title", &TeamSizingRule::title)
        .def_readonly("source", &TeamSizingRule::source)
        .def_readonly("in_force", &TeamSizingRule::in_force)
        .def_readonly("bands", &TeamSizingRule::bands)
        .def("members_for", [](const TeamSizingRule& r, std::int64_t households) { return members_for(r, households); },
             py::arg("households"))
        .def("band_for", [](const TeamSizingRule& r, std::int64_t households) { return band_for(r, households); },
             py::arg("households"))
        .def("__eq__", [](const TeamSizingRule& a, const TeamSizingRule& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const TeamSizingRule& r) {
            return "<antq.TeamSizingRule '" + r.id + "' from " + r.in_force + ", " + std::to_string(r.bands.size()) +
                   " bands>";
        });

;
;

    py::class_<TeamPlan>(m, "TeamPlan", "One security team per village, sized by a rule, with totals.")
        .def_readonly("rule", &TeamPlan::rule)
        .def("__len__", [](const TeamPlan& p) { return p.villages.size(); })
        .def("_columns", [](const TeamPlan& p) {
            const auto n = static_cast<py::ssize_t>(p.villages.size());
            py::list village(n), commune(n), district(n), province(n), households(n), members(n), assumed(n),
                existing_team(n), existing_members(n);
            for (py::ssize_t i = 0; i < n; ++i) {
                const VillageTeamPlan& v = p.villages[static_cast<std::size_t>(i)];
                village[i] = py::str(v.village);
                commune[i] = py::str(v.commune);
                district[i] = optional_str(v.district);
                province[i] = optional_str(v.province);
                households[i] = py::int_(v.households);
                members[i] = py::int_(v.members);
                assumed[i] = py::bool_(v.assumed);
                existing_team[i] = optional_str(v.existing_team);
                existing_members[i] = v.existing_members ? py::object(py::int_(*v.existing_members)) : py::object(py::none());
            }
            py::dict out;
            out["village"] = village;
            out["commune"] = commune;
            out["district"] = district;
            out["province"] = province;
            out["households"] = households;
            out["members"] = members;
            out["assumed"] = assumed;
            out["existing_team"] = existing_team;
            out["existing_members"] = existing_members;
            return out;
        })
        .def("_totals", [](const TeamPlan& p, const std::string& level) {
            const auto l = parse_level(level);
            if (!l) throw InvalidInput("bad_level", level, "team totals exist per commune, district and province");
            py::list out;
            for (const TeamTotals& t : p.totals(*l)) out.append(totals_dict(t));
            return out;
        }, py::arg("level"))
        .def_property_readonly("total", [](const TeamPlan& p) { return totals_dict(p.total); })
        .def("disagreements", [](const TeamPlan& p) { return village_ids(p.disagreements()); })
        .def("missing", [](const TeamPlan& p) { return village_ids(p.missing()); })
        .def("__repr__", [](const TeamPlan& p) {
            return "<antq.TeamPlan '" + p.rule.id + "': " + std::to_string(p.total.teams) + " teams, " +
                   std::to_string(p.total.members) + " members>";
        });

    m.def("plan_teams", [](const OrgGraph& g, const TeamSizingRule& rule) { return plan_teams(g, rule); },
          py::arg("graph"), py::arg("rule"));
    m.def("add_teams", [](OrgGraph& g, const TeamPlan& plan) { return add_teams(g, plan); }, py::arg("graph"),
          py::arg("plan"));
}

static void bind_models(py::module_& m) {
    py::class_<ModelRegistry>(m, "ModelRegistry",
                              "Self-managed security models (HD 22/HD-BCA-V05): points, teams and a dated history.")
        // Built whole in __new__ (and __init__ does nothing): ModelRegistry.__new__(ModelRegistry) alone still gives
        // an empty registry, never an instance without its C++ object.
        .def_static("__new__", [](const py::object&) { return ModelRegistry(); })
        .def_property("name", &ModelRegistry::name, &ModelRegistry::set_name)
        .def("__len__", [](const ModelRegistry& r) { return r.size(); })
        .def("__contains__", [](const ModelRegistry& r, const std::string& id) { return r.contains(id); })
        .def("ids", [](const ModelRegistry& r) {
            std::vector<std::string> out;
            out.reserve(r.size());
            for (const Model& x : r.models()) out.push_back(x.id);
            return out;
        })
        .def("get", [](const ModelRegistry& r, const std::string& id) { return model_dict(r.get(id)); }, py::arg("id"))
        .def("history", [](const ModelRegistry& r, const std::string& id) { return history_list(r.get(id)); },
             py::arg("id"))
        .def("add",
             [](ModelRegistry& r, std::string id, std::string name, std::string type, std::string origin,
                const OrgGraph& graph, const std::string& date, const std::string& status, int teams,
                std::optional<std::vector<std::string>> points) {
                 Model model;
                 model.id = std::move(id);
                 model.name = std::move(name);
                 model.type = std::move(type);
                 model.origin = std::move(origin);
                 model.status = status_of(status);
                 model.teams = teams;
                 if (points) model.points = std::move(*points);
                 return r.add(std::move(model), graph, date).points;
             },
             py::arg("id"), py::arg("name"), py::arg("type"), py::arg("origin"), py::arg("graph"), py::arg("date"),
             py::arg("status") = "effective", py::arg("teams") = 0, py::arg("points") = py::none())
        .def("replicate",
             [](ModelRegistry& r, const std::string& id, const Selector& selector, const OrgGraph& graph,
                const std::string& date, const std::string& note) { return r.replicate(id, selector, graph, date, note); },
             py::arg("id"), py::arg("selector"), py::arg("graph"), py::arg("date"), py::arg("note") = "")
        .def("set_status",
             [](ModelRegistry& r, const std::string& id, const std::string& status, const std::string& date,
                const std::string& reason) { r.set_status(id, status_of(status), date, reason); },
             py::arg("id"), py::arg("status"), py::arg("date"), py::arg("reason") = "")
        .def("eliminate",
             [](ModelRegistry& r, const std::string& id, const std::string& date, const std::string& reason) {
                 r.eliminate(id, date, reason);
             },
             py::arg("id"), py::arg("date"), py::arg("reason") = "")
        .def("set_teams",
             [](ModelRegistry& r, const std::string& id, int teams, const std::string& date) { r.set_teams(id, teams, date); },
             py::arg("id"), py::arg("teams"), py::arg("date"))
        .def("counts", [](const ModelRegistry& r) { return counts_dict(r.counts()); })
        .def("counts_within",
             [](const ModelRegistry& r, const OrgGraph& graph, const std::string& territory) {
                 return counts_dict(r.counts_within(graph, territory));
             },
             py::arg("graph"), py::arg("territory"))
        .def("check", &ModelRegistry::check, py::arg("graph"))
        .def("_columns", [](const ModelRegistry& r) {
            py::list id, name, type, origin, status, points, teams;
            for (const Model& x : r.models()) {
                id.append(x.id);
                name.append(x.name);
                type.append(x.type);
                origin.append(x.origin);
                status.append(std::string(to_string(x.status)));
                points.append(x.points.size());
                teams.append(x.teams);
            }
            py::dict out;
            out["id"] = id;
            out["name"] = name;
            out["type"] = type;
            out["origin"] = origin;
            out["status"] = status;
            out["points"] = points;
            out["teams"] = teams;
            return out;
        })
        .def("copy", [](const ModelRegistry& r) { return ModelRegistry(r); })
        .def("__eq__", [](const ModelRegistry& a, const ModelRegistry& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const ModelRegistry& r) {
            const ModelCounts c = r.counts();
            return "<antq.ModelRegistry" + (r.name().empty() ? std::string() : " '" + r.name() + "'") + ": " +
                   std::to_string(r.size()) + " models, " + std::to_string(c.models) + " in force, " +
                   std::to_string(c.points) + " points, " + std::to_string(c.teams) + " teams>";
        });
    // Not class_::def("__init__"): pybind11 would take it for a constructor. A plain function does nothing here.
    py::setattr(m.attr("ModelRegistry"), "__init__", py::cpp_function([](const py::args&, const py::kwargs&) {}));
}

void init_movement(py::module_& m) {
    bind_grassroots(m);
    bind_models(m);
}

}  // namespace antq::python
