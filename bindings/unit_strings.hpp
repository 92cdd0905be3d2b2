#pragma once

// The Python strings of a graph's unit ids and names, made once per state of the graph and kept beside its Python
// object (a weak-keyed entry, gone with the graph): tables handed to pandas share them, so a unit's text is decoded
// once per state of the graph, not on every call. pandas users hold their ids as Python strings the same way.

#include <concepts>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>

#include "text_codes.hpp"

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq::python {

namespace py = pybind11;

/** Makes the store the strings are kept in; called once, when the module is built. */
void init_unit_strings(py::module_& m);

/** What is kept per state of a graph or view: one slot per unit index, empty until first use. */
struct KeptUnitStrings {
    explicit KeptUnitStrings(std::uint64_t of_generation) : generation(of_generation) {}
    std::uint64_t generation;
    std::vector<py::object> ids, names;
    std::vector<UnitIndex> namesakes;         // UnitIndex{} until first use
    std::vector<std::string_view> name_texts;  // per namesake code, its name (a view into the graph's unit)
    std::vector<UnitIndex> name_units;         // per namesake code, its unit
    TextCodes name_codes;
};

/**
 * A unit's id or name as a Python string, made on first use and then kept. A graph or view known to Python keeps
 * its strings while it lives and does not change (a change drops them); one made inside a call, which Python has
 * never seen, gets strings for that call only. `Graph` is OrgGraph or FrozenGraph; names only on an OrgGraph (a view
 * keeps none), which the compiler checks.
 */
template <class Graph>
class UnitStrings {
public:
    explicit UnitStrings(const Graph& graph);

    const py::object& id(UnitIndex u);
    const py::object& name(UnitIndex u)
        requires std::same_as<Graph, OrgGraph>;
    /** The first unit seen with `u`'s name, so that units of one name share a category. */
    UnitIndex namesake(UnitIndex u)
        requires std::same_as<Graph, OrgGraph>;

private:
    const Graph& m_graph;
    KeptUnitStrings* m_kept = nullptr;
    std::unique_ptr<KeptUnitStrings> m_unkept;  // for a graph Python has not seen
};

extern template class UnitStrings<OrgGraph>;
extern template class UnitStrings<FrozenGraph>;

}  // namespace antq::python
