// The grassroots security force (Law 30/2023/QH15): team-sizing rules, team plans, adding teams.
// The Python layer is python/antq/grassroots.py.

#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/evaluation/grassroots.hpp>
#include <antq/graph/org_graph.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

void init_grassroots(py::module_& m);

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

}  // namespace

void init_grassroots(py::module_& m) {
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
        .def_static("load", [](const std::filesystem::path& p) { return load_team_sizing_rule(p); }, py::arg("path"))
        .def_static("loads", [](const std::string& text, const std::string& source) {
            return parse_team_sizing_rule(text, source);
        }, py::arg("text"), py::arg("source") = "<string>")
        .def("members_for", [](const TeamSizingRule& r, std::int64_t households) { return members_for(r, households); },
             py::arg("households"))
        .def("band_for", [](const TeamSizingRule& r, std::int64_t households) { return band_for(r, households); },
             py::arg("households"))
        .def("__eq__", [](const TeamSizingRule& a, const TeamSizingRule& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const TeamSizingRule& r) {
            return "<antq.TeamSizingRule '" + r.id + "' from " + r.in_force + ", " + std::to_string(r.bands.size()) +
                   " bands>";
        });

    m.def("default_team_sizing_rule", &default_team_sizing_rule);
    m.def("default_team_sizing_rule_json", [] { return std::string(default_team_sizing_rule_json()); });

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

}  // namespace antq::python
