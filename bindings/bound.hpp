#pragma once

// A C++ result held together with the graph it was computed on, so Python calls need no second argument. The
// result's own GraphStamp (C++) decides whether the graph is still the one it describes: nothing is checked here.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include <antq/directive/compile.hpp>
#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>

#include "convert.hpp"

namespace antq::python {

namespace py = pybind11;

using GraphPtr = std::shared_ptr<OrgGraph>;

/**
 * The graph a Python call received, or a clean error for None: every binding takes a graph argument as a GraphPtr
 * (a holder passes None through as an empty pointer, where `const OrgGraph&` would raise a bare cast error).
 */
inline const GraphPtr& graph_arg(const GraphPtr& graph, const char* what = "graph") {
    if (!graph) throw WrongArgumentType(what, "expected an antq.OrgGraph, found None");
    return graph;
}

/** *graph_arg(graph). */
inline OrgGraph& graph_ref(const GraphPtr& graph, const char* what = "graph") { return *graph_arg(graph, what); }

/**
 * Holds a ReadGuard on a graph for a call that releases the GIL: another Python thread changing the graph meanwhile
 * gets antq.GraphInUseError instead of pulling the graph from under the call. Take it while holding the GIL.
 */
struct ReleasedRead {
    explicit ReleasedRead(const GraphPtr& graph) : keep(graph_arg(graph)), guard(*keep) {}
    GraphPtr keep;  // the graph outlives the call even if Python drops it meanwhile
    OrgGraph::ReadGuard guard;
    py::gil_scoped_release release;
};

/** `result` computed on `graph`; current() is the graph, once the result has checked it is unchanged. */
template <class Result>
struct Bound {
    Result result;
    GraphPtr graph;

    const OrgGraph& current() const {
        result.check_current(*graph);
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
};

/** A compiled directive with its graph: antq._core.Responsibilities. */
struct CompiledDirective : Bound<Responsibilities> {
    const Responsibilities& table() const noexcept { return result; }
    const std::string& clause(std::uint32_t task) const { return result.directive().tasks[task].clause; }
};

/** Python strings for values that repeat down a column, made once. */
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

}  // namespace antq::python
