// Self-managed security models (HD 22/HD-BCA-V05): the registry as antq._core.ModelRegistry. Models, events
// and counts cross as plain dicts and lists; antq.models wraps the class.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/evaluation/models.hpp>

#include "init.hpp"

namespace antq::python {

namespace {

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

void init_models(py::module_& m) {
    py::class_<ModelRegistry>(m, "ModelRegistry",
                              "Self-managed security models (HD 22/HD-BCA-V05): points, teams and a dated history.")
        .def(py::init<>())
        .def_property("name", &ModelRegistry::name, &ModelRegistry::set_name)
        .def("__len__", &ModelRegistry::size)
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
        .def_static("load", [](const std::filesystem::path& p, const OrgGraph& g) { return load_models(p, g); },
                    py::arg("path"), py::arg("graph"))
        .def_static("loads",
                    [](const std::string& text, const OrgGraph& g, const std::string& source) {
                        return parse_models(text, g, source);
                    },
                    py::arg("text"), py::arg("graph"), py::arg("source") = "<string>")
        .def("save", [](const ModelRegistry& r, const std::filesystem::path& p) { save_models(r, p); }, py::arg("path"))
        .def("dumps", &dump_models)
        .def("copy", [](const ModelRegistry& r) { return ModelRegistry(r); })
        .def("__eq__", [](const ModelRegistry& a, const ModelRegistry& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const ModelRegistry& r) {
            const ModelCounts c = r.counts();
            return "<antq.ModelRegistry" + (r.name().empty() ? std::string() : " '" + r.name() + "'") + ": " +
                   std::to_string(r.size()) + " models, " + std::to_string(c.models) + " in force, " +
                   std::to_string(c.points) + " points, " + std::to_string(c.teams) + " teams>";
        });
}

}  // namespace antq::python
