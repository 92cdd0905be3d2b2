#pragma once

// What several binding areas share: a compiled directive with its graph, and column helpers.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <pybind11/pybind11.h>

#include <antq/directive/compile.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq::python {

namespace py = pybind11;

using GraphPtr = std::shared_ptr<OrgGraph>;

// A compiled directive together with the graph it was compiled on, so analyses need no second argument
// and fail cleanly (StaleView) once that graph has changed.
struct CompiledDirective {
    Responsibilities table;
    GraphPtr graph;

    const OrgGraph& current() const {
        table.check_current(*graph);
        return *graph;
    }
    std::string id(UnitIndex u) const { return graph->unit(u).id; }
    std::vector<std::string> ids(const std::vector<UnitIndex>& us) const {
        std::vector<std::string> out;
        out.reserve(us.size());
        for (UnitIndex u : us) out.push_back(id(u));
        return out;
    }
    py::object optional_id(const std::optional<UnitIndex>& u) const {
        return u ? py::object(py::str(id(*u))) : py::object(py::none());
    }
    const std::string& clause(std::uint32_t task) const { return table.directive().tasks[task].clause; }
};

// Python strings for values that repeat down a column, made once.
class StringCache {
public:
    const py::str& operator()(const std::string& s) {
        auto it = m_cache.find(s);
        if (it == m_cache.end()) it = m_cache.emplace(s, py::str(s)).first;
        return it->second;
    }

private:
    std::unordered_map<std::string, py::str> m_cache;
};

/** The territory at `level` that unit `u` belongs to (its area or one containing it), or std::nullopt. */
inline std::optional<UnitIndex> territory_at(const OrgGraph& g, UnitIndex u, Level level) {
    for (std::optional<UnitIndex> t = g.area(u); t; t = g.parent(*t, TieKind::contains))
        if (g.unit(*t).level == level) return t;
    return std::nullopt;
}

}  // namespace antq::python
