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

/** The territory at one level that units belong to (their area or one containing it), remembering each
 *  territory's answer so that many units of a graph cost one walk up per territory. */
class TerritoryAt {
public:
    TerritoryAt(const OrgGraph& graph, Level level) : m_graph(graph), m_level(level), m_memo(graph.unit_capacity(), unknown) {}

    std::optional<UnitIndex> operator()(UnitIndex u) {
        const std::optional<UnitIndex> area = m_graph.area(u);
        if (!area) return std::nullopt;
        const std::uint32_t found = of_territory(area->value);
        return found == none ? std::nullopt : std::optional<UnitIndex>(UnitIndex{found});
    }

private:
    static constexpr std::uint32_t unknown = 0xffffffffu, none = 0xfffffffeu;
    std::uint32_t of_territory(std::uint32_t t) {
        if (m_memo[t] != unknown) return m_memo[t];
        std::uint32_t found = none;
        if (m_graph.levels()[t] == m_level) found = t;
        else if (const auto up = m_graph.parent(UnitIndex{t}, TieKind::contains)) found = of_territory(up->value);
        return m_memo[t] = found;
    }

    const OrgGraph& m_graph;
    Level m_level;
    std::vector<std::uint32_t> m_memo;
};

}  // namespace antq::python
