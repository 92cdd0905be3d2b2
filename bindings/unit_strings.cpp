#include "unit_strings.hpp"

#include <typeinfo>

namespace antq::python {

namespace {

// weakref.WeakKeyDictionary: the Python object of a graph or view -> a capsule holding its Kept strings. The module
// owns it (attribute _unit_strings); this is a borrowed reference, valid while the module lives.
PyObject* kept_store = nullptr;

// The Python object wrapping `object`, if Python has seen it (pybind11 registers every instance it hands out).
py::handle python_object_of(const void* object, const std::type_info& type) {
    const py::detail::type_info* info = py::detail::get_type_info(type);
    return info ? py::detail::get_object_handle(object, info) : py::handle();
}

}  // namespace

void init_unit_strings(py::module_& m) {
    py::object store = py::module_::import("weakref").attr("WeakKeyDictionary")();
    m.attr("_unit_strings") = store;
    kept_store = store.ptr();
}

template <class Graph>
UnitStrings<Graph>::UnitStrings(const Graph& graph) : m_graph(graph) {
    const py::handle owner = python_object_of(&graph, typeid(Graph));
    if (owner && kept_store) {
        auto store = py::reinterpret_borrow<py::object>(kept_store);
        py::object entry = store.attr("get")(owner);
        if (entry.is_none()) {
            entry = py::capsule(new KeptUnitStrings(graph.generation()),
                                [](void* kept) { delete static_cast<KeptUnitStrings*>(kept); });
            store[owner] = entry;
        }
        m_kept = entry.cast<py::capsule>().get_pointer<KeptUnitStrings>();
    } else {
        m_unkept = std::make_unique<KeptUnitStrings>(graph.generation());
        m_kept = m_unkept.get();
    }
    if (m_kept->generation != graph.generation()) *m_kept = KeptUnitStrings(graph.generation());  // a text may differ
    m_kept->ids.resize(graph.unit_capacity());
    if constexpr (std::same_as<Graph, OrgGraph>) {
        m_kept->names.resize(graph.unit_capacity());
        m_kept->namesakes.resize(graph.unit_capacity());
    }
}

template <class Graph>
const py::object& UnitStrings<Graph>::id(UnitIndex u) {
    py::object& s = m_kept->ids[u.value];
    if (!s) {
        if constexpr (std::same_as<Graph, OrgGraph>) s = py::str(m_graph.unit(u).id);
        else s = py::str(m_graph.id(u).data(), m_graph.id(u).size());
    }
    return s;
}

template <class Graph>
const py::object& UnitStrings<Graph>::name(UnitIndex u)
    requires std::same_as<Graph, OrgGraph>
{
    py::object& s = m_kept->names[u.value];
    if (!s) s = py::str(m_graph.unit(u).name);
    return s;
}

template <class Graph>
UnitIndex UnitStrings<Graph>::namesake(UnitIndex u)
    requires std::same_as<Graph, OrgGraph>
{
    UnitIndex& first = m_kept->namesakes[u.value];
    if (first == UnitIndex{}) {
        KeptUnitStrings& k = *m_kept;
        const std::int32_t code = k.name_codes.code(m_graph.unit(u).name, k.name_texts, [&k, u](std::string_view text) {
            k.name_texts.push_back(text);
            k.name_units.push_back(u);
        });
        first = k.name_units[static_cast<std::size_t>(code)];
    }
    return first;
}

template class UnitStrings<OrgGraph>;
template class UnitStrings<FrozenGraph>;

}  // namespace antq::python
