// The io area: every file format's reader and writer, bound onto the classes the other areas register (so this
// initialiser runs last), and the embedded datasets.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/io/assessments_json.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/directive_json.hpp>
#include <antq/io/dot.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/io/read_limits.hpp>
#include <antq/io/graphml.hpp>
#include <antq/io/models_json.hpp>
#include <antq/io/progress_json.hpp>
#include <antq/io/rules_json.hpp>
#include <antq/io/team_sizing_json.hpp>

#include "bound.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

template <class T, class Holder = std::unique_ptr<T>>
py::class_<T, Holder> registered(py::module_& m, const char* name) {
    return py::reinterpret_borrow<py::class_<T, Holder>>(m.attr(name));
}

/** The reader, writer and embedded text of one format, bound as load / loads / dumps / save. */
template <class T, class Holder, class Load, class Parse, class Dump, class Save>
void bind_format(py::class_<T, Holder>& cls, Load load, Parse parse, Dump dump, Save save) {
    cls.def_static("load", [load](const std::filesystem::path& p, std::uint64_t max_bytes) {
                       return load(p, ReadLimits{max_bytes});
                   }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes,
                   py::call_guard<py::gil_scoped_release>())
        .def_static("loads", [parse](const std::string& text, const std::string& source) { return parse(text, source); },
                    py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>())
        .def("dumps", [dump](const T& value) { return dump(value); })
        .def("save", [save](const T& value, const std::filesystem::path& p) { save(value, p); }, py::arg("path"));
}

// `units` as select takes it: an antq.Selector, its JSON form (a dict, or "all"), or None for every unit.
DotOptions dot_options(const py::object& units, const py::object& tie_kinds,
                       const std::string& rankdir, const std::optional<std::string>& title, bool count_hidden,
                       const std::vector<std::pair<std::string, std::string>>& body_cells) {
    DotOptions options;
    if (!units.is_none()) options.units = to_selector(units, "units");
    // One kind, or a list or tuple of them.
    if (!tie_kinds.is_none())
        for (const auto& k : to_names(py::reinterpret_borrow<py::args>(py::make_tuple(tie_kinds)), "tie_kinds"))
            options.tie_kinds.push_back(to_tie_kind(k, "tie_kinds"));
    options.rank_direction = parse_rank_direction(rankdir);
    options.title = title;
    options.count_hidden_children = count_hidden;
    for (const auto& [kind, label] : body_cells) options.body_cells.push_back({to_unit_kind(kind, "body_cells"), label});
    return options;
}

}  // namespace

void init_io(py::module_& m) {
    // Building a new graph touches no Python object, so it runs without the GIL.
    m.def("load", [](const std::filesystem::path& path, std::uint64_t max_bytes) {
        JsonLimits limits;
        limits.max_bytes = max_bytes;
        return std::make_shared<OrgGraph>(load_graph(path, limits));
    }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes, py::call_guard<py::gil_scoped_release>());
    m.def("loads", [](const std::string& text, const std::string& source) {
        return std::make_shared<OrgGraph>(parse_graph(text, source));
    }, py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>());
    m.def("read_graphml", [](const std::filesystem::path& path, std::uint64_t max_bytes) {
        return std::make_shared<OrgGraph>(read_graphml(path, ReadLimits{max_bytes}));
    }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes, py::call_guard<py::gil_scoped_release>());
    m.def("parse_graphml", [](const std::string& text, const std::string& source) {
        return std::make_shared<OrgGraph>(parse_graphml(text, source));
    }, py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>());
    m.def("_restore_graphml_attributes", &restore_graphml_attributes, py::arg("graph"));

    auto graph = registered<OrgGraph, std::shared_ptr<OrgGraph>>(m, "OrgGraph");
    graph.def("save", [](const OrgGraph& g, const std::filesystem::path& path) { save_graph(g, path); }, py::arg("path"))
        .def("dumps", [](const OrgGraph& g) { return dump_graph(g); })
        .def("write_graphml", [](const OrgGraph& g, const std::filesystem::path& path) { save_graphml(g, path); },
             py::arg("path"))
        .def("to_graphml", [](const OrgGraph& g) {
            std::ostringstream out;
            write_graphml(out, g);
            return out.str();
        })
        .def("write_dot", [](const OrgGraph& g, const std::filesystem::path& path, const py::object& units,
                             const py::object& tie_kinds, const std::string& rankdir,
                             const std::optional<std::string>& title, bool count_hidden,
                             const std::vector<std::pair<std::string, std::string>>& body_cells) {
            save_dot(g, path, dot_options(units, tie_kinds, rankdir, title, count_hidden, body_cells));
        }, py::arg("path"), py::arg("units") = py::none(), py::arg("tie_kinds") = py::none(), py::kw_only(),
           py::arg("rankdir") = "TB", py::arg("title") = py::none(), py::arg("count_hidden_children") = false,
           py::arg("body_cells") = std::vector<std::pair<std::string, std::string>>{})
        .def("to_dot", [](const OrgGraph& g, const py::object& units,
                          const py::object& tie_kinds, const std::string& rankdir,
                          const std::optional<std::string>& title, bool count_hidden,
                          const std::vector<std::pair<std::string, std::string>>& body_cells) {
            std::ostringstream out;
            write_dot(out, g, dot_options(units, tie_kinds, rankdir, title, count_hidden, body_cells));
            return out.str();
        }, py::arg("units") = py::none(), py::arg("tie_kinds") = py::none(), py::kw_only(), py::arg("rankdir") = "TB",
           py::arg("title") = py::none(), py::arg("count_hidden_children") = false,
           py::arg("body_cells") = std::vector<std::pair<std::string, std::string>>{});

    auto directive = registered<Directive>(m, "Directive");
    bind_format(directive, &load_directive, &parse_directive, &dump_directive, &save_directive);
    auto progress = registered<ProgressReports>(m, "ProgressReports");
    bind_format(progress, &load_progress, &parse_progress, &dump_progress, &save_progress);
    auto assessments = registered<Assessments>(m, "Assessments");
    bind_format(assessments, &load_assessments, &parse_assessments, &dump_assessments, &save_assessments);

    auto rules = registered<EvaluationRules>(m, "EvaluationRules");
    rules.def_static("load", [](const std::filesystem::path& p, std::uint64_t max_bytes) {
        return load_evaluation_rules(p, ReadLimits{max_bytes});
    }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes)
        .def_static("loads", [](const std::string& text, const std::string& source) {
            return parse_evaluation_rules(text, source);
        }, py::arg("text"), py::arg("source") = "<string>");
    auto sizing = registered<TeamSizingRule>(m, "TeamSizingRule");
    sizing.def_static("load", [](const std::filesystem::path& p, std::uint64_t max_bytes) {
        return load_team_sizing_rule(p, ReadLimits{max_bytes});
    }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes)
        .def_static("loads", [](const std::string& text, const std::string& source) {
            return parse_team_sizing_rule(text, source);
        }, py::arg("text"), py::arg("source") = "<string>");
    auto registry = registered<ModelRegistry>(m, "ModelRegistry");
    registry
        .def_static("load", [](const std::filesystem::path& p, const OrgGraph& g, std::uint64_t max_bytes) {
            return load_models(p, g, ReadLimits{max_bytes});
        }, py::arg("path"), py::arg("graph"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes)
        .def_static("loads", [](const std::string& text, const OrgGraph& g, const std::string& source) {
            return parse_models(text, g, source);
        }, py::arg("text"), py::arg("graph"), py::arg("source") = "<string>")
        .def("dumps", &dump_models)
        .def("save", [](const ModelRegistry& r, const std::filesystem::path& p) { save_models(r, p); }, py::arg("path"));

    // ---- the embedded datasets --------------------------------------------------------------------------------
    m.def("hai_duong_2024", [] { return std::make_shared<OrgGraph>(datasets::hai_duong_2024()); },
          py::call_guard<py::gil_scoped_release>());
    m.def("hai_duong_2024_json", [] { return std::string(datasets::hai_duong_2024_json()); });
    m.def("data_notices", [] {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const datasets::DataNotice& n : datasets::notices()) out.emplace_back(n.dataset, n.file, n.text);
        return out;
    });
    m.def("directive_2024", &datasets::directive_2024);
    m.def("directive_2024_json", [] { return std::string(datasets::directive_2024_json()); });
    m.def("default_evaluation_rules", [](const std::optional<std::string>& structure) {
        return structure ? default_evaluation_rules(AdministrativeStructure::preset(*structure)) : default_evaluation_rules();
    }, py::arg("structure") = py::none());
    m.def("default_evaluation_rules_json", [] { return std::string(default_evaluation_rules_json()); });
    m.def("default_team_sizing_rule", &default_team_sizing_rule);
    m.def("default_team_sizing_rule_json", [] { return std::string(default_team_sizing_rule_json()); });
}

}  // namespace antq::python
