#pragma once

// The Python strings of a graph's unit ids and names, made once per state of the graph and kept beside its Python
// object (a weak-keyed entry, gone with the graph): tables handed to pandas share them, so a unit's text is decoded
// once per state of the graph, not on every call. pandas users hold their ids as Python strings the same way.

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

/**
 * A unit's id or name as a Python string, made on first use and then kept. A graph or view known to Python keeps
 * its strings while it lives and does not change (a change drops them); one made inside a call, which Python has
 * never seen, gets strings for that call only.
 */
class UnitStrings {
public:
    explicit UnitStrings(const OrgGraph& graph);
    explicit UnitStrings(const FrozenGraph& view);

    const py::object& id(UnitIndex u);
    /** On an OrgGraph only (a view keeps no names). */
    const py::object& name(UnitIndex u);
    /** On an OrgGraph only: the first unit seen with `u`'s name, so that units of one name share a category. */
    UnitIndex namesake(UnitIndex u);

    /** What is kept per state of a graph: one slot per unit index, empty until first use. */
    struct Kept {
        explicit Kept(std::uint64_t of_generation) : generation(of_generation) {}
        std::uint64_t generation;
        std::vector<py::object> ids, names;
        std::vector<UnitIndex> namesakes;         // UnitIndex{} until first use
        std::vector<std::string_view> name_texts;  // per namesake code, its name (a view into the graph's unit)
        std::vector<UnitIndex> name_units;         // per namesake code, its unit
        TextCodes name_codes;
    };

private:
    void attach(py::handle owner, std::uint64_t generation, std::size_t capacity);

    const OrgGraph* m_graph = nullptr;
    const FrozenGraph* m_view = nullptr;
    Kept* m_kept = nullptr;
    std::unique_ptr<Kept> m_unkept;  // for a graph Python has not seen
};

}  // namespace antq::python
