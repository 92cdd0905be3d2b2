#pragma once

// What the calls of antq.FrozenGraph take and give, shared by the areas that add calls to it (graph, analysis): a
// unit named by id or index, and unit indices as a NumPy array.

#include <cstdint>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <antq/errors.hpp>
#include <antq/graph/frozen_batch.hpp>
#include <antq/graph/frozen_graph.hpp>

#include "convert.hpp"

namespace antq::python {

/**
 * The unit of `f` that `unit` names: an id (str) or an index (int, or a NumPy integer).
 * @throws NotFound "unknown_unit"; InvalidInput "wrong_type" naming `where` for anything else (a bool included)
 */
inline UnitIndex frozen_unit(const FrozenGraph& f, const py::object& unit, const char* where) {
    if (py::isinstance<py::str>(unit)) return f.index_of(unit.cast<std::string>());
    if (py::isinstance<py::bool_>(unit) || !(py::isinstance<py::int_>(unit) || py::hasattr(unit, "__index__")))
        throw WrongArgumentType(where,
                                "expected a unit id (str) or index (int), found " +
                                std::string(py::str(unit.get_type().attr("__name__"))));
    const std::int64_t index = to_integer(unit, where);
    return batch::checked_units(f, {&index, 1}, where).front();
}

/** Unit indices as a NumPy int64 array, the form of every answer of the view that lists units. */
inline py::array_t<std::int64_t> index_array(const std::vector<UnitIndex>& units) {
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(units.size()));
    std::int64_t* data = out.mutable_data();
    for (std::size_t i = 0; i < units.size(); ++i) data[i] = units[i].value;
    return out;
}

}  // namespace antq::python
