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

UnitStrings::UnitStrings(const OrgGraph& graph) : m_graph(&graph) {
    attach(python_object_of(&graph, typeid(OrgGraph)), graph.generation(), graph.unit_capacity());
}

UnitStrings::UnitStrings(const FrozenGraph& view) : m_view(&view) {
    attach(python_object_of(&view, typeid(FrozenGraph)), view.generation(), view.unit_capacity());
}

void UnitStrings::attach(py::handle owner, std::uint64_t generation, std::size_t capacity) {
    if (owner && kept_store) {
        auto store = py::reinterpret_borrow<py::object>(kept_store);
        py::object entry = store.attr("get")(owner);
        if (entry.is_none()) {
            entry = py::capsule(new Kept(generation), [](void* kept) { delete static_cast<Kept*>(kept); });
            store[owner] = entry;
        }
        m_kept = entry.cast<py::capsule>().get_pointer<Kept>();
    } else {
        m_unkept = std::make_unique<Kept>(generation);
        m_kept = m_unkept.get();
    }
    if (m_kept->generation != generation) *m_kept = Kept(generation);  // changed since: a text may have too
    m_kept->ids.resize(capacity);
    if (m_graph) {
        m_kept->names.resize(capacity);
        m_kept->namesakes.resize(capacity);
    }
}

const py::object& UnitStrings::id(UnitIndex u) {
    py::object& s = m_kept->ids[u.value];
    if (!s) s = m_graph ? py::str(m_graph->unit(u).id) : py::str(m_view->id(u).data(), m_view->id(u).size());
    return s;
}

const py::object& UnitStrings::name(UnitIndex u) {
    py::object& s = m_kept->names[u.value];
    if (!s) s = py::str(m_graph->unit(u).name);
    return s;
}

UnitIndex UnitStrings::namesake(UnitIndex u) {
    UnitIndex& first = m_kept->namesakes[u.value];
    if (first == UnitIndex{}) {
        Kept& k = *m_kept;
        const std::int32_t code = k.name_codes.code(m_graph->unit(u).name, k.name_texts, [&k, u](std::string_view text) {
            k.name_texts.push_back(text);
            k.name_units.push_back(u);
        });
        first = k.name_units[static_cast<std::size_t>(code)];
    }
    return first;
}

}  // namespace antq::python
