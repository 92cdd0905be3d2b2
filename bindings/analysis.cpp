#include <pybind11/stl.h>

#include <antq/analysis/hierarchy.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {
std::vector<std::string> ids_of(const OrgGraph& g, const std::vector<UnitIndex>& units) {
    std::vector<std::string> out;
    out.reserve(units.size());
    for (UnitIndex u : units) out.push_back(g.unit(u).id);
    return out;
}
}  // namespace

void init_analysis(py::module_& m) {
    auto graph = py::reinterpret_borrow<py::class_<OrgGraph, std::shared_ptr<OrgGraph>>>(m.attr("OrgGraph"));
    graph
        .def("ancestors", [](const OrgGraph& g, const std::string& id, const std::string& kind) {
            return ids_of(g, ancestors(g, g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("descendants", [](const OrgGraph& g, const std::string& id, const std::string& kind) {
            return ids_of(g, descendants(g, g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("subtree", [](const OrgGraph& g, const std::string& id) { return ids_of(g, subtree(g, g.index_of(id))); },
             py::arg("id"))
        .def("chains_of_command", [](const OrgGraph& g, const std::string& id, std::size_t max_paths) {
            std::vector<std::vector<std::string>> out;
            for (const auto& path : chains_of_command(g, g.index_of(id), max_paths)) out.push_back(ids_of(g, path));
            return out;
        }, py::arg("id"), py::arg("max_paths") = 1024);
}

}  // namespace antq::python
