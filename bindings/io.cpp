#include <sstream>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/graph/org_graph.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/dot.hpp>
#include <antq/io/graphml.hpp>
#include <antq/io/json.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

DotOptions dot_options(const std::optional<Selector>& units, const std::optional<std::vector<std::string>>& tie_kinds) {
    DotOptions options;
    options.units = units;
    if (tie_kinds)
        for (const auto& k : *tie_kinds) options.tie_kinds.push_back(to_tie_kind(k, "tie_kinds"));
    return options;
}

}  // namespace

void init_io(py::module_& m) {
    // Building a new graph touches no Python object, so it runs without the GIL.
    m.def("load", [](const std::filesystem::path& path) { return std::make_shared<OrgGraph>(load_graph(path)); },
          py::arg("path"), py::call_guard<py::gil_scoped_release>());
    m.def("loads", [](const std::string& text, const std::string& source) {
        return std::make_shared<OrgGraph>(parse_graph(text, source));
    }, py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>());
    m.def("hai_duong_2024", [] { return std::make_shared<OrgGraph>(datasets::hai_duong_2024()); },
          py::call_guard<py::gil_scoped_release>());
    m.def("hai_duong_2024_json", [] { return std::string(datasets::hai_duong_2024_json()); });

    auto graph = py::reinterpret_borrow<py::class_<OrgGraph, std::shared_ptr<OrgGraph>>>(m.attr("OrgGraph"));
    graph.def("save", [](const OrgGraph& g, const std::filesystem::path& path) { save_graph(g, path); }, py::arg("path"))
        .def("dumps", [](const OrgGraph& g) { return dump_graph(g); })
        .def("write_graphml", [](const OrgGraph& g, const std::filesystem::path& path) { save_graphml(g, path); },
             py::arg("path"))
        .def("to_graphml", [](const OrgGraph& g) {
            std::ostringstream out;
            write_graphml(out, g);
            return out.str();
        })
        .def("write_dot", [](const OrgGraph& g, const std::filesystem::path& path, const std::optional<Selector>& units,
                             const std::optional<std::vector<std::string>>& tie_kinds) {
            save_dot(g, path, dot_options(units, tie_kinds));
        }, py::arg("path"), py::arg("units") = py::none(), py::arg("tie_kinds") = py::none())
        .def("to_dot", [](const OrgGraph& g, const std::optional<Selector>& units,
                          const std::optional<std::vector<std::string>>& tie_kinds) {
            std::ostringstream out;
            write_dot(out, g, dot_options(units, tie_kinds));
            return out.str();
        }, py::arg("units") = py::none(), py::arg("tie_kinds") = py::none());
}

}  // namespace antq::python
