#pragma once

// Conversions between antq values and Python objects, shared by every binding area.

#include <string>

#include <pybind11/pybind11.h>

#include <antq/model/level.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq::python {

namespace py = pybind11;

/** A Python object as an attribute value: None, bool, int, float, str, list/tuple, dict with str keys. */
Value to_value(const py::handle& object, const std::string& where);
/** A Python dict as an attribute object; None gives an empty object. */
Object to_object(const py::handle& object, const std::string& where);
py::object from_value(const Value& value);
py::dict from_object(const Object& object);

UnitKind to_unit_kind(const std::string& name, const std::string& where);
Level to_level(const std::string& name, const std::string& where);
TieKind to_tie_kind(const std::string& name, const std::string& where);

}  // namespace antq::python
