// The graph area: units, ties, selectors, the OrgGraph class and its views, and the bulk build from columns.

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/graph/frozen_batch.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/io/selector_json.hpp>

#include "bound.hpp"
#include "convert.hpp"
#include "frozen_args.hpp"
#include "init.hpp"
#include "memory.hpp"
#include "unit_strings.hpp"

namespace antq::python {

namespace {

// A view keeps its graph alive and its stamp refuses the graph once it has changed.
struct GraphRef {
    GraphPtr graph;
    GraphStamp stamp;

    explicit GraphRef(GraphPtr g) : graph(std::move(g)), stamp(GraphStamp::of_view(*graph)) {}

    const OrgGraph& checked() const {
        stamp.check(*graph);
        return *graph;
    }
};

struct UnitsView : GraphRef {
    using GraphRef::GraphRef;
};
struct UnitIterator : GraphRef {
    using GraphRef::GraphRef;
    std::uint32_t next = 0;
};
struct TiesView : GraphRef {
    using GraphRef::GraphRef;
};
struct TieIterator : GraphRef {
    using GraphRef::GraphRef;
    std::uint32_t next = 0;
};

TieSpec spec_of(const OrgGraph& g, TieIndex t) {
    const Tie& tie = g.tie(t);
    return TieSpec{g.unit(tie.source).id, g.unit(tie.target).id, tie.kind, tie.attributes};
}

std::vector<std::string> ids_of(const OrgGraph& g, const std::vector<UnitIndex>& units) {
    std::vector<std::string> out;
    out.reserve(units.size());
    for (UnitIndex u : units) out.push_back(g.unit(u).id);
    return out;
}

std::optional<std::string> id_of(const OrgGraph& g, const std::optional<UnitIndex>& u) {
    if (!u) return std::nullopt;
    return g.unit(*u).id;
}

// The tie `kind` from `s` to `t`, named as the Python call names it.
TieIndex find_tie_or_fail(const OrgGraph& g, const std::string& s, const std::string& t, const std::string& kind) {
    const auto tie = g.find_tie(g.index_of(s), g.index_of(t), to_tie_kind(kind, "kind"));
    if (!tie) throw NotFound("unknown_tie", "'" + s + "' -" + kind + "-> '" + t + "'", "no such tie");
    return *tie;
}

std::optional<TieKind> optional_tie_kind(const std::optional<std::string>& kind) {
    if (!kind) return std::nullopt;
    return to_tie_kind(*kind, "kind");
}

std::string repr_of(const OrgGraph& g) {
    std::string name = g.name().empty() ? "" : " '" + g.name() + "'";
    return "<antq.OrgGraph" + name + " with " + std::to_string(g.unit_count()) + " units and " +
           std::to_string(g.tie_count()) + " ties>";
}

Selector selector_from_python(const py::handle& object) { return to_selector(object, "selector"); }

// A column of str (None allowed where `optional`), read straight from the list with a row-naming error.
std::vector<std::optional<std::string>> string_column(const py::list& column, const char* frame, const char* name,
                                                      bool optional) {
    std::vector<std::optional<std::string>> out;
    out.reserve(column.size());
    for (std::size_t i = 0; i < column.size(); ++i) {
        PyObject* item = PyList_GET_ITEM(column.ptr(), static_cast<Py_ssize_t>(i));
        if (PyUnicode_Check(item)) {
            Py_ssize_t size = 0;
            const char* data = PyUnicode_AsUTF8AndSize(item, &size);
            if (data == nullptr) throw py::error_already_set();
            out.emplace_back(std::string(data, static_cast<std::size_t>(size)));
        } else if (optional && item == Py_None) {
            out.emplace_back(std::nullopt);
        } else {
            // NaN is how pandas reads an empty CSV cell: say so rather than "float".
            const bool empty = PyFloat_Check(item) && std::isnan(PyFloat_AS_DOUBLE(item));
            throw InvalidInput("wrong_type", std::string(frame) + " row " + std::to_string(i) + " " + name,
                               "expected a str, found " +
                                   (empty ? std::string("an empty cell (NaN)")
                                          : std::string(py::str(py::handle(item).get_type().attr("__name__")))));
        }
    }
    return out;
}

std::vector<std::string> required_strings(const py::list& column, const char* frame, const char* name) {
    std::vector<std::string> out;
    out.reserve(column.size());
    for (auto& v : string_column(column, frame, name, false)) out.push_back(std::move(*v));
    return out;
}

// Builds a graph from parallel columns, as OrgGraph.from_pandas hands them over: the columns become C++ values
// (naming the row of a value of the wrong type), then the library's bulk build runs without the GIL.
GraphPtr from_columns(const std::string& name, const std::string& structure, const py::list& id_column,
                      const py::list& name_column, const py::list& kind_column, const py::list& level_column,
                      const py::object& attributes, const py::list& source_column, const py::list& target_column,
                      const py::list& tie_kind_column, const py::object& tie_attributes) {
    std::vector<std::string> ids = required_strings(id_column, "units", "id");
    std::vector<std::string> names = required_strings(name_column, "units", "name");
    const std::vector<std::string> kinds = required_strings(kind_column, "units", "kind");
    const auto levels = string_column(level_column, "units", "level", true);
    std::vector<std::string> sources = required_strings(source_column, "ties", "source");
    std::vector<std::string> targets = required_strings(target_column, "ties", "target");
    const std::vector<std::string> tie_kinds = required_strings(tie_kind_column, "ties", "kind");
    const std::size_t n = ids.size(), m = sources.size();
    if (names.size() != n || kinds.size() != n || levels.size() != n)
        throw InvalidInput("wrong_shape", "units", "the id, name, kind and level columns differ in length");
    if (targets.size() != m || tie_kinds.size() != m)
        throw InvalidInput("wrong_shape", "ties", "the source, target and kind columns differ in length");
    const bool has_attributes = !attributes.is_none();
    py::sequence attribute_rows = has_attributes ? py::reinterpret_borrow<py::sequence>(attributes) : py::sequence();
    if (has_attributes && attribute_rows.size() != n)
        throw InvalidInput("wrong_shape", "units", "the attributes column differs in length");
    const bool has_tie_attributes = !tie_attributes.is_none();
    py::sequence tie_rows = has_tie_attributes ? py::reinterpret_borrow<py::sequence>(tie_attributes) : py::sequence();
    if (has_tie_attributes && tie_rows.size() != m)
        throw InvalidInput("wrong_shape", "ties", "the attributes column differs in length");

    // A row's place ("units row 17 kind") is written for an error, or to convert the attributes of a row that has some.
    auto place = [](const char* frame, std::size_t i, const char* column) {
        return std::string(frame) + " row " + std::to_string(i) + " " + column;
    };
    std::vector<UnitSpec> units(n);
    for (std::size_t i = 0; i < n; ++i) {
        units[i].id = std::move(ids[i]);
        units[i].name = std::move(names[i]);
        const auto kind = parse_unit_kind(kinds[i]);
        units[i].kind = kind ? *kind : to_unit_kind(kinds[i], place("units", i, "kind"));
        if (levels[i]) {
            const auto level = parse_level(*levels[i]);
            units[i].level = level ? *level : to_level(*levels[i], place("units", i, "level"));
        }
        if (has_attributes)
            if (const py::object row = attribute_rows[i]; !row.is_none())
                units[i].attributes = to_object(row, place("units", i, "attributes"));
    }
    std::vector<TieSpec> specs(m);
    for (std::size_t i = 0; i < m; ++i) {
        const auto kind = parse_tie_kind(tie_kinds[i]);
        specs[i] = TieSpec{std::move(sources[i]), std::move(targets[i]),
                           kind ? *kind : to_tie_kind(tie_kinds[i], place("ties", i, "kind")), {}};
        if (has_tie_attributes)
            if (const py::object row = tie_rows[i]; !row.is_none()) specs[i].attributes = to_object(row, place("ties", i, "attributes"));
    }

    auto graph = std::make_shared<OrgGraph>(AdministrativeStructure::preset(structure));
    graph->set_name(name);
    py::gil_scoped_release release;
    build(*graph, std::move(units), specs, InputPlaces{"", "units row ", "ties row ", " "});
    return graph;
}

// OrgGraph.__new__: an instance of `cls` (OrgGraph or a subclass) holding an empty graph, as pybind11's own
// constructors make one (value pointer, then the holder).
py::object new_graph(const py::handle& cls) {
    const py::handle base = py::type::of<OrgGraph>();
    if (!PyType_Check(cls.ptr()) || !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), reinterpret_cast<PyTypeObject*>(base.ptr())))
        throw py::type_error("OrgGraph.__new__(cls): cls must be OrgGraph or a subclass of it");
    auto self = py::reinterpret_steal<py::object>(py::detail::make_new_instance(reinterpret_cast<PyTypeObject*>(cls.ptr())));
    auto v_h = reinterpret_cast<py::detail::instance*>(self.ptr())->get_value_and_holder(py::detail::get_type_info(typeid(OrgGraph)));
    GraphPtr holder = std::make_shared<OrgGraph>();
    v_h.value_ptr() = holder.get();
    v_h.type->init_instance(v_h.inst, &holder);
    return self;
}

// OrgGraph.__init__ fills the empty graph __new__ made (called again, it replaces the content: the swap makes
// views of the old content stale).
void fill_graph(OrgGraph& self, const py::object& name, const py::object& structure, const py::object& adopt) {
    if (self.in_use())
        throw GraphInUse("graph_in_use", "OrgGraph.__init__", "another thread is reading this graph");
    if (adopt.is_none()) {
        self = OrgGraph(AdministrativeStructure::preset(to_str(structure, "structure", "an administrative structure's id")));
        if (!py::isinstance<py::str>(name))  // OrgGraph(g) would adopt nothing: say what copies a graph
            throw py::type_error("OrgGraph(name='', structure='either'): name must be a str, not " +
                                 std::string(py::str(name.get_type().attr("__name__"))) + " (a copy: graph.copy())");
        self.set_name(name.cast<std::string>());
        return;
    }
    if (!py::isinstance<OrgGraph>(adopt)) throw py::type_error("OrgGraph(adopt=...): expected an OrgGraph");
    // Taking the content away from a graph another thread is reading would pull it from under that call.
    OrgGraph& taken = adopt.cast<OrgGraph&>();
    if (taken.in_use())
        throw GraphInUse("graph_in_use", "adopt", "another thread is reading this graph; adopt it once that call returns");
    if (&taken != &self) self = std::move(taken);
}

// ---- the frozen view: batched queries, NumPy arrays of unit indices in and out ----------------------------------

using FrozenPtr = std::shared_ptr<const FrozenGraph>;
using FrozenHolder = std::shared_ptr<FrozenGraph>;  // pybind11 holds non-const; the bindings only read

// Unit indices from any integer array-like, read in place when it is already a C-ordered int64 array; each must
// name a unit of the view (batch::checked_units names the first that does not, and its position).
std::vector<UnitIndex> unit_indices(const FrozenGraph& f, const py::object& indices, const char* what) {
    if (indices.is_none()) throw WrongArgumentType(what, "expected an array of unit indices, found None");
    const py::array raw = py::array::ensure(indices);
    if (!raw || raw.ndim() > 1) throw WrongArgumentType(what, "expected a one-dimensional array of unit indices");
    // Integers only: a cast of 2.7 to 2 would answer for a unit nobody asked about. An empty list comes as float64.
    const char code = raw.dtype().kind();
    if (raw.size() > 0 && code != 'i' && code != 'u')
        throw WrongArgumentType(what, "expected integer unit indices, found an array of " + std::string(py::str(raw.dtype())));
    const auto array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(raw);
    if (!array) throw WrongArgumentType(what, "expected unit indices that fit in 64 bits");
    return batch::checked_units(f, {array.data(), static_cast<std::size_t>(array.size())}, what);
}

// All alive units when `indices` is None, else the given ones.
std::vector<UnitIndex> units_or_all(const FrozenGraph& f, const py::object& indices, const char* what) {
    return indices.is_none() ? batch::all_units(f) : unit_indices(f, indices, what);
}

template <class T>
py::array_t<T> array_of(std::size_t n) {
    return py::array_t<T>(static_cast<py::ssize_t>(n));
}

// One answer per unit into a new NumPy array, written by `query(units, out)` in C++ with the GIL released.
template <class T, class Query>
py::array_t<T> batched(const std::vector<UnitIndex>& units, Query&& query) {
    auto out = array_of<T>(units.size());
    std::span<T> data(out.mutable_data(), units.size());
    {
        py::gil_scoped_release release;
        query(std::span<const UnitIndex>(units), data);
    }
    return out;
}

// A read-only NumPy view over `data`, kept alive by the frozen view that owns it.
template <class T>
py::array_t<T> shared_view(const FrozenPtr& owner, const T* data, std::size_t n) {
    auto* keep = new FrozenPtr(owner);
    py::capsule base(keep, [](void* p) { delete static_cast<FrozenPtr*>(p); });
    py::array_t<T> out({static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(sizeof(T))}, data, base);
    py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return out;
}

std::string repr_of_frozen(const FrozenGraph& f) {
    return "<antq.FrozenGraph of " + std::to_string(f.unit_count()) + " units and " + std::to_string(f.tie_count()) +
           " ties, " + std::to_string(f.memory_bytes() / 1024) + " KiB>";
}

void bind_frozen_graph(py::module_& m, py::class_<OrgGraph, GraphPtr>& graph) {
    py::class_<FrozenGraph, FrozenHolder>(m, "FrozenGraph",
                                       "An immutable, compact snapshot of an OrgGraph for heavy reading; made by "
                                       "OrgGraph.freeze(). Unit indices are the graph's own.")
        .def("number_of_units", &FrozenGraph::unit_count)
        .def("number_of_ties", [](const FrozenGraph& f, const std::optional<std::string>& kind) {
            return kind ? f.tie_count(to_tie_kind(*kind, "kind")) : f.tie_count();
        }, py::arg("kind") = py::none())
        .def("__len__", &FrozenGraph::unit_count)
        .def_property_readonly("unit_capacity", &FrozenGraph::unit_capacity)
        .def_property_readonly("generation", &FrozenGraph::generation)
        .def("memory_bytes", &FrozenGraph::memory_bytes)
        .def("matches", [](const FrozenGraph& f, const GraphPtr& g) { return f.matches(*graph_arg(g)); }, py::arg("graph"))
        .def("check_current", [](const FrozenGraph& f, const GraphPtr& g) { f.check_current(*graph_arg(g)); },
             py::arg("graph"))
        .def("__contains__", [](const FrozenGraph& f, const std::string& id) { return f.find(id).has_value(); })
        .def("index_of", [](const FrozenGraph& f, const UnitId& id) { return f.index_of(id).value; }, py::arg("id"))
        .def("indices", [](const FrozenGraph& f, const py::iterable& ids) {
            std::vector<std::string> texts;
            for (const py::handle id : ids) {
                if (!py::isinstance<py::str>(id))
                    throw WrongArgumentType("ids[" + std::to_string(texts.size()) + "]",
                                            "expected a str, found " + std::string(py::str(id.get_type().attr("__name__"))));
                texts.push_back(id.cast<std::string>());
            }
            const std::vector<std::string_view> views(texts.begin(), texts.end());
            auto out = array_of<std::int64_t>(texts.size());
            std::int64_t* data = out.mutable_data();
            {
                py::gil_scoped_release release;
                const auto found = f.find(std::span<const std::string_view>(views));
                for (std::size_t i = 0; i < found.size(); ++i) data[i] = found[i] ? static_cast<std::int64_t>(found[i]->value) : -1;
            }
            for (std::size_t i = 0; i < texts.size(); ++i)
                if (data[i] < 0) throw NotFound("unknown_unit", "ids[" + std::to_string(i) + "]", "no unit has id '" + texts[i] + "'");
            return out;
        }, py::arg("ids"))
        .def("ids", [](const FrozenGraph& f, const py::object& indices) {
            py::list out;
            for (UnitIndex u : units_or_all(f, indices, "indices")) {
                const std::string_view id = f.id(u);
                out.append(py::str(id.data(), id.size()));
            }
            return out;
        }, py::arg("indices") = py::none())
        .def("units", [](const FrozenGraph& f) {
            const auto units = units_or_all(f, py::none(), "indices");
            return index_array(units);
        })
        .def("kinds", [](const FrozenGraph& f, const py::object& indices) {
            return batched<std::int8_t>(units_or_all(f, indices, "indices"),
                                        [&](auto units, auto out) { batch::kinds(f, units, out); });
        }, py::arg("indices") = py::none())
        .def("levels", [](const FrozenGraph& f, const py::object& indices) {
            return batched<std::int8_t>(units_or_all(f, indices, "indices"),
                                        [&](auto units, auto out) { batch::levels(f, units, out); });
        }, py::arg("indices") = py::none())
        .def("parents", [](const FrozenGraph& f, const py::object& indices, const std::string& kind) {
            const TieKind k = to_tie_kind(kind, "kind");
            return batched<std::int64_t>(units_or_all(f, indices, "indices"),
                                         [&](auto units, auto out) { batch::parents(f, units, k, out); });
        }, py::arg("indices") = py::none(), py::arg("kind") = "contains")
        .def("areas", [](const FrozenGraph& f, const py::object& indices) {
            return batched<std::int64_t>(units_or_all(f, indices, "indices"),
                                         [&](auto units, auto out) { batch::areas(f, units, out); });
        }, py::arg("indices") = py::none())
        .def("subtree_mask", [](const FrozenGraph& f, const py::object& territory, const py::object& indices) {
            const UnitIndex root = frozen_unit(f, territory, "territory");
            if (!indices.is_none())
                return batched<bool>(unit_indices(f, indices, "indices"),
                                     [&](auto units, auto out) { batch::within(f, root, units, out); });
            auto out = array_of<bool>(f.unit_capacity());
            bool* data = out.mutable_data();
            py::gil_scoped_release release;
            const auto mask = f.territory_mask(root);
            std::copy(mask.begin(), mask.end(), data);
            return out;
        }, py::arg("territory"), py::arg("indices") = py::none())
        .def("within", [](const FrozenGraph& f, const py::object& territory) {
            const UnitIndex root = frozen_unit(f, territory, "territory");
            std::vector<UnitIndex> units;
            {
                py::gil_scoped_release release;
                units = f.within(root);
            }
            return index_array(units);
        }, py::arg("territory"))
        .def("select", [](const FrozenGraph& f, const py::object& selector, const std::optional<GraphPtr>& g) {
            const Selector s = selector_from_python(selector);
            std::vector<UnitIndex> units;
            if (g) {
                units = s.select(f, graph_ref(*g));  // reads the graph's attributes: the GIL kept, as for the graph
            } else {
                py::gil_scoped_release release;
                units = s.select(f);
            }
            return index_array(units);
        }, py::arg("selector"), py::arg("graph") = py::none())
        .def("hops", [](const FrozenGraph& f, const py::object& sources, const std::string& kind) {
            const TieKind k = to_tie_kind(kind, "kind");
            const auto roots = unit_indices(f, sources, "sources");
            std::vector<std::uint32_t> distance;
            {
                py::gil_scoped_release release;
                distance = f.hops(roots, k);
            }
            auto out = array_of<std::int64_t>(distance.size());
            std::int64_t* data = out.mutable_data();
            for (std::size_t i = 0; i < distance.size(); ++i)
                data[i] = distance[i] == FrozenGraph::unreached ? -1 : static_cast<std::int64_t>(distance[i]);
            return out;
        }, py::arg("sources"), py::arg("kind") = "forwards")
        .def("rows", [](const FrozenHolder& self, const std::string& kind, const std::string& direction) {
            const TieKind k = to_tie_kind(kind, "kind");
            if (direction != "out" && direction != "in")
                throw InvalidInput("bad_value", "direction", "expected 'out' or 'in', found '" + direction + "'");
            const auto rows = direction == "out" ? self->out_rows(k) : self->in_rows(k);
            static_assert(sizeof(UnitIndex) == sizeof(std::uint32_t), "a unit index is its 32-bit value");
            const auto* units = reinterpret_cast<const std::uint32_t*>(rows.units.data());
            if (rows.offsets.empty()) {  // a kind without ties keeps no offsets: every row is empty
                auto offsets = array_of<std::uint32_t>(self->unit_capacity() + 1);
                std::fill_n(offsets.mutable_data(), self->unit_capacity() + 1, 0u);
                return py::make_tuple(offsets, array_of<std::uint32_t>(0));
            }
            return py::make_tuple(shared_view(self, rows.offsets.data(), rows.offsets.size()),
                                  shared_view(self, units, rows.units.size()));
        }, py::arg("kind"), py::arg("direction") = "out")
        .def("__repr__", &repr_of_frozen);

    graph.def("freeze", [](const OrgGraph& g) { return std::const_pointer_cast<FrozenGraph>(g.freeze()); },
              "An immutable, compact snapshot for heavy reading, shared until the graph changes.");
}

}  // namespace

void init_graph(py::module_& m) {
    // A Unit is a copy: assigning to it would change nothing in the graph, so the setter names the call that does.
    auto read_only = [](const char* field, const char* how) {
        return [field, how](const Unit& u, const py::object&) {
            std::string text = how;
            for (auto at = text.find("{id}"); at != std::string::npos; at = text.find("{id}")) text.replace(at, 4, u.id);
            throw InvalidInput("read_only", "unit '" + u.id + "' " + field, "a Unit is a copy of the graph's unit; " + text);
        };
    };
    constexpr const char* replace_unit = "ids, kinds and levels do not change: graph.remove_unit('{id}'), then add_unit(...)";
    py::class_<Unit>(m, "Unit", "A unit as it stood when read: a territory, a body or a post.")
        .def_property("id", [](const Unit& u) { return u.id; }, read_only("id", replace_unit))
        .def_property("name", [](const Unit& u) { return u.name; }, read_only("name", "rename it with graph.rename_unit('{id}', name)"))
        .def_property("kind", [](const Unit& u) { return std::string(to_string(u.kind)); },
                      read_only("kind", replace_unit))
        .def_property("level", [](const Unit& u) { return std::string(to_string(u.level)); },
                      read_only("level", replace_unit))
        .def_property("attributes", [](const Unit& u) { return from_object(u.attributes); },
                      read_only("attributes", "change them with graph.set_unit_attribute('{id}', key, value)"))
        .def("__eq__", [](const Unit& a, const Unit& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Unit& u) {
            return "<antq.Unit '" + u.id + "' " + std::string(to_string(u.kind)) + " '" + u.name + "'>";
        });

    py::class_<TieSpec>(m, "Tie", "A tie as it stood when read, its ends named by unit id.")
        .def_property_readonly("source", [](const TieSpec& t) { return t.source; })
        .def_property_readonly("target", [](const TieSpec& t) { return t.target; })
        .def_property_readonly("kind", [](const TieSpec& t) { return std::string(to_string(t.kind)); })
        .def_property_readonly("attributes", [](const TieSpec& t) { return from_object(t.attributes); })
        .def("__eq__", [](const TieSpec& a, const TieSpec& b) {
            return a.source == b.source && a.target == b.target && a.kind == b.kind && a.attributes == b.attributes;
        }, py::is_operator())
        .def("__repr__", [](const TieSpec& t) {
            return "<antq.Tie '" + t.source + "' -" + std::string(to_string(t.kind)) + "-> '" + t.target + "'>";
        });

    py::class_<UnitIterator>(m, "_UnitIterator")
        .def("__iter__", [](UnitIterator& it) -> UnitIterator& { return it; })
        .def("__next__", [](UnitIterator& it) {
            const OrgGraph& g = it.checked();
            while (it.next < g.unit_capacity() && !g.is_alive(UnitIndex{it.next})) ++it.next;
            if (it.next >= g.unit_capacity()) throw py::stop_iteration();
            return g.unit(UnitIndex{it.next++}).id;
        });

    py::class_<UnitsView>(m, "UnitsView", "The units of a graph, by id. Fails once the graph has changed.")
        .def("__len__", [](const UnitsView& v) { return v.checked().unit_count(); })
        .def("__contains__", [](const UnitsView& v, const std::string& id) { return v.checked().contains(id); })
        .def("__getitem__", [](const UnitsView& v, const UnitId& id) { return v.checked().unit(id); })
        .def("__iter__", [](const UnitsView& v) {
            v.checked();
            return UnitIterator(v.graph);
        })
        .def("__repr__", [](const UnitsView& v) { return "<antq.UnitsView of " + std::to_string(v.checked().unit_count()) + " units>"; });

    py::class_<TieIterator>(m, "_TieIterator")
        .def("__iter__", [](TieIterator& it) -> TieIterator& { return it; })
        .def("__next__", [](TieIterator& it) {
            const OrgGraph& g = it.checked();
            while (it.next < g.tie_capacity() && !g.is_alive(TieIndex{it.next})) ++it.next;
            if (it.next >= g.tie_capacity()) throw py::stop_iteration();
            return spec_of(g, TieIndex{it.next++});
        });

    py::class_<TiesView>(m, "TiesView", "The ties of a graph. Fails once the graph has changed.")
        .def("__len__", [](const TiesView& v) { return v.checked().tie_count(); })
        .def("__iter__", [](const TiesView& v) {
            v.checked();
            return TieIterator(v.graph);
        })
        .def("__repr__", [](const TiesView& v) { return "<antq.TiesView of " + std::to_string(v.checked().tie_count()) + " ties>"; });

    py::class_<Selector>(m, "Selector", "Picks units by kind, level, territory, id and attribute; combine with &, |, ~.")
        .def_static("__new__", [](const py::object&) { return Selector(); })  // whole from __new__, as ModelRegistry
        .def_static("all", &Selector::all)
        .def_static("kind", [](py::args names) {
            std::vector<UnitKind> kinds;
            for (const auto& n : to_names(names, "Selector.kind")) kinds.push_back(to_unit_kind(n, "Selector.kind"));
            if (kinds.empty()) throw InvalidInput("bad_selector", "Selector.kind", "name at least one kind");
            return Selector::kinds(std::move(kinds));
        })
        .def_static("level", [](py::args names) {
            std::vector<Level> levels;
            for (const auto& n : to_names(names, "Selector.level")) levels.push_back(to_level(n, "Selector.level"));
            if (levels.empty()) throw InvalidInput("bad_selector", "Selector.level", "name at least one level");
            return Selector::levels(std::move(levels));
        })
        .def_static("within", [](const py::object& id) { return Selector::within(to_str(id, "Selector.within", "a territory id (a str)")); },
                    py::arg("territory_id"))
        .def_static("id", [](py::args ids) {
            std::vector<std::string> out = to_names(ids, "Selector.id");
            if (out.empty()) throw InvalidInput("bad_selector", "Selector.id", "name at least one id");
            return Selector::ids(std::move(out));
        })
        .def_static("attribute_equals", [](const std::string& key, const py::object& value) {
            return Selector::attribute_equals(key, argument_value(value, "Selector.attribute_equals"));
        }, py::arg("key"), py::arg("value"))
        .def_static("has_attribute", &Selector::has_attribute, py::arg("key"))
        .def_static("all_of", [](const py::iterable& operands) {
            std::vector<Selector> out;
            for (const py::handle o : operands) out.push_back(to_selector(o, "Selector.all_of"));
            return Selector::all_of(std::move(out));
        }, py::arg("operands"))
        .def_static("any_of", [](const py::iterable& operands) {
            std::vector<Selector> out;
            for (const py::handle o : operands) out.push_back(to_selector(o, "Selector.any_of"));
            return Selector::any_of(std::move(out));
        }, py::arg("operands"))
        .def_static("negation", &Selector::negation, py::arg("operand"))
        .def_static("from_json", [](const py::object& o) { return selector_from_python(o); }, py::arg("value"))
        .def("to_json", [](const Selector& s) { return py::module_::import("json").attr("loads")(dump_selector(s)); })
        .def("select", [](const Selector& s, const GraphPtr& g) { return ids_of(*g, s.select(graph_ref(g))); }, py::arg("graph"))
        .def("__and__", [](const Selector& a, const Selector& b) { return a & b; }, py::is_operator())
        .def("__or__", [](const Selector& a, const Selector& b) { return a | b; }, py::is_operator())
        .def("__invert__", [](const Selector& a) { return ~a; })
        .def("__eq__", [](const Selector& a, const Selector& b) { return a == b; }, py::is_operator())
        .def("__str__", &Selector::to_string)
        .def("__repr__", [](const Selector& s) { return "<antq.Selector " + s.to_string() + ">"; });

    m.attr("Selector").attr("max_depth") = Selector::max_depth;  // how deep &, |, ~ may nest
    // Whole from __new__; __init__ does nothing, as a plain function (class_::def would take it for a constructor).
    py::setattr(m.attr("Selector"), "__init__", py::cpp_function([](const py::args&, const py::kwargs&) {}));

    py::class_<OrgGraph, GraphPtr> graph(m, "OrgGraph", py::dynamic_attr());
    // Whole from __new__, as Selector: OrgGraph.__new__(cls) alone (a subclass whose __init__ never runs) is an
    // empty graph, never an instance without a C++ graph whose methods pybind11 would hand raw memory. __init__ is
    // not named so for pybind11, which would skip it on an instance __new__ has made whole.
    graph.def_static("__new__", [](const py::handle& cls, const py::args&, const py::kwargs&) { return new_graph(cls); });
    py::setattr(graph, "__init__",
                py::cpp_function(&fill_graph, py::name("_init"), py::is_method(graph), py::arg("name") = "",
                                 py::arg("structure") = "either", py::kw_only(), py::arg("adopt") = py::none(),
                                 "A new graph named `name` following the administrative structure `structure`; with "
                                 "`adopt`, another graph's content, leaving that graph empty (used by antq's own builders)."));
    graph
        .def_property("name", &OrgGraph::name, &OrgGraph::set_name)
        .def_property(
            "attributes", [](const OrgGraph& g) { return from_object(g.attributes()); },
            [](OrgGraph& g, const py::object& a) { g.set_attributes(argument_object(a, "attributes")); })
        .def_property_readonly("generation", &OrgGraph::generation)
        .def_property(
            "structure", [](const OrgGraph& g) -> const AdministrativeStructure& { return g.structure(); },
            [](OrgGraph& g, const py::object& s) {
                g.set_structure(py::isinstance<AdministrativeStructure>(s)
                                    ? s.cast<const AdministrativeStructure&>()
                                    : AdministrativeStructure::preset(to_str(s, "structure", "an AdministrativeStructure or its id")));
            },
            py::return_value_policy::reference)
        .def("number_of_units", &OrgGraph::unit_count)
        .def("number_of_ties", &OrgGraph::tie_count)
        .def("__len__", &OrgGraph::unit_count)
        .def("__contains__", [](const OrgGraph& g, const UnitId& id) { return g.contains(id); })
        .def("__repr__", &repr_of)
        .def_property_readonly("units", [](GraphPtr self) { return UnitsView(std::move(self)); })
        .def_property_readonly("ties", [](GraphPtr self) { return TiesView(std::move(self)); })
        .def("unit", [](const OrgGraph& g, const UnitId& id) { return g.unit(id); }, py::arg("id"))
        .def("index_of", [](const OrgGraph& g, const UnitId& id) { return g.index_of(id).value; }, py::arg("id"))
        .def(
            "add_unit",
            [](OrgGraph& g, const UnitId& id, const std::string& name, const std::string& kind,
               const std::optional<std::string>& level, const py::object& attributes,
               const std::optional<std::string>& area, const std::optional<std::string>& heads) {
                const std::string place = "unit '" + id + "'";
                UnitSpec unit{id, name, to_unit_kind(kind, place + " kind"), std::nullopt, argument_object(attributes, place + " attributes")};
                if (level) unit.level = to_level(*level, place + " level");
                add_placed_unit(g, std::move(unit), area, heads);
            },
            py::arg("id"), py::arg("name"), py::arg("kind"), py::arg("level") = py::none(),
            py::arg("attributes") = py::none(), py::kw_only(), py::arg("area") = py::none(),
            py::arg("heads") = py::none())
        .def(
            "add_tie",
            [](OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind,
               const py::object& attributes) {
                const std::string place = "'" + s + "' -" + kind + "-> '" + t + "'";
                g.add_tie(s, t, to_tie_kind(kind, place + " kind"), argument_object(attributes, place + " attributes"));
            },
            py::arg("source"), py::arg("target"), py::arg("kind"), py::arg("attributes") = py::none())
        .def("remove_unit", [](OrgGraph& g, const UnitId& id) { g.remove_unit(g.index_of(id)); }, py::arg("id"))
        .def(
            "remove_tie",
            [](OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind) {
                g.remove_tie(find_tie_or_fail(g, s, t, kind));
            },
            py::arg("source"), py::arg("target"), py::arg("kind"))
        .def("has_tie",
             [](const OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind) {
                 return g.has_tie(g.index_of(s), g.index_of(t), to_tie_kind(kind, "kind"));
             },
             py::arg("source"), py::arg("target"), py::arg("kind"))
        .def("tie",
             [](const OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind) {
                 return spec_of(g, find_tie_or_fail(g, s, t, kind));
             },
             py::arg("source"), py::arg("target"), py::arg("kind"))
        .def("set_tie_attribute",
             [](OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind, std::string key,
                const py::object& value) {
                 const TieIndex tie = find_tie_or_fail(g, s, t, kind);
                 g.set_tie_attribute(tie, key, argument_value(value, "'" + s + "' -" + kind + "-> '" + t + "' attribute '" + key + "'"));
             },
             py::arg("source"), py::arg("target"), py::arg("kind"), py::arg("key"), py::arg("value"))
        .def("erase_tie_attribute",
             [](OrgGraph& g, const UnitId& s, const UnitId& t, const std::string& kind, const std::string& key) {
                 return g.erase_tie_attribute(find_tie_or_fail(g, s, t, kind), key);
             },
             py::arg("source"), py::arg("target"), py::arg("kind"), py::arg("key"))
        .def("rename_unit", [](OrgGraph& g, const UnitId& id, std::string name) { g.rename_unit(g.index_of(id), std::move(name)); },
             py::arg("id"), py::arg("name"))
        .def(
            "set_unit_attribute",
            [](OrgGraph& g, const UnitId& id, std::string key, const py::object& value) {
                g.set_unit_attribute(g.index_of(id), key, argument_value(value, "unit '" + id + "' attribute '" + key + "'"));
            },
            py::arg("id"), py::arg("key"), py::arg("value"))
        .def("erase_unit_attribute", [](OrgGraph& g, const UnitId& id, const std::string& key) {
            return g.erase_unit_attribute(g.index_of(id), key);
        }, py::arg("id"), py::arg("key"))
        .def("parents", [](const OrgGraph& g, const UnitId& id, const std::string& kind) {
            return ids_of(g, g.parents(g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("children", [](const OrgGraph& g, const UnitId& id, const std::string& kind) {
            return ids_of(g, g.children(g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("parent", [](const OrgGraph& g, const UnitId& id, const std::string& kind) {
            return id_of(g, g.parent(g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("area", [](const OrgGraph& g, const UnitId& id) { return id_of(g, g.area(g.index_of(id))); }, py::arg("id"))
        .def("head", [](const OrgGraph& g, const UnitId& id) { return id_of(g, g.head(g.index_of(id))); }, py::arg("id"))
        .def("in_ties", [](const OrgGraph& g, const UnitId& id, const std::optional<std::string>& kind) {
            std::vector<TieSpec> out;
            for (TieIndex t : g.in_ties(g.index_of(id), optional_tie_kind(kind))) out.push_back(spec_of(g, t));
            return out;
        }, py::arg("id"), py::arg("kind") = py::none())
        .def("out_ties", [](const OrgGraph& g, const UnitId& id, const std::optional<std::string>& kind) {
            std::vector<TieSpec> out;
            for (TieIndex t : g.out_ties(g.index_of(id), optional_tie_kind(kind))) out.push_back(spec_of(g, t));
            return out;
        }, py::arg("id"), py::arg("kind") = py::none())
        .def("select", [](const OrgGraph& g, const py::object& selector) {
            return ids_of(g, selector_from_python(selector).select(g));
        }, py::arg("selector"))
        .def("validate", &OrgGraph::validate)
        .def("same_content", [](const OrgGraph& g, const GraphPtr& other) { return g.same_content(graph_ref(other, "other")); },
             py::arg("other"))
        .def("copy", [](const OrgGraph& g) { return std::make_shared<OrgGraph>(g); })
        .def("summary", [](const OrgGraph& g) {
            std::map<std::string, std::map<std::string, std::size_t>> units;
            std::map<std::string, std::size_t> ties;
            for (UnitIndex u : g.units()) {
                const Unit& unit = g.unit(u);
                ++units[std::string(to_string(unit.level))][std::string(to_string(unit.kind))];
            }
            for (TieIndex t : g.ties()) ++ties[std::string(to_string(g.tie(t).kind))];
            py::dict out;
            out["units"] = units;
            out["ties"] = ties;
            return out;
        })
        .def("_columns", [](const OrgGraph& g) {
            py::list id, name, kind, level, attributes, source, target, tie_kind, tie_attributes;
            UnitStrings strings(g);
            for (UnitIndex u : g.units()) {
                const Unit& unit = g.unit(u);
                id.append(strings.id(u));
                name.append(strings.name(u));
                kind.append(py::str(std::string(to_string(unit.kind))));
                level.append(py::str(std::string(to_string(unit.level))));
                attributes.append(unit.attributes.empty() ? py::object(py::none()) : py::object(from_object(unit.attributes)));
            }
            for (TieIndex t : g.ties()) {
                const Tie& tie = g.tie(t);
                source.append(strings.id(tie.source));
                target.append(strings.id(tie.target));
                tie_kind.append(py::str(std::string(to_string(tie.kind))));
                tie_attributes.append(tie.attributes.empty() ? py::object(py::none()) : py::object(from_object(tie.attributes)));
            }
            py::dict units, ties;
            units["id"] = id;
            units["name"] = name;
            units["kind"] = kind;
            units["level"] = level;
            units["attributes"] = attributes;
            ties["source"] = source;
            ties["target"] = target;
            ties["kind"] = tie_kind;
            ties["attributes"] = tie_attributes;
            return py::make_tuple(units, ties);
        })
        .def_static("_from_columns", &from_columns, py::arg("name"), py::arg("structure"), py::arg("ids"),
                    py::arg("names"), py::arg("kinds"),
                    py::arg("levels"), py::arg("attributes"), py::arg("sources"), py::arg("targets"),
                    py::arg("tie_kinds"), py::arg("tie_attributes"));

    bind_frozen_graph(m, graph);

    m.def("_release_free_memory", &release_free_memory,
          "Hands memory freed by a bulk build back to the system (glibc keeps it otherwise).");
}

}  // namespace antq::python
