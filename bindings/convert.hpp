#pragma once

// Conversions between antq values and Python objects, shared by every binding area.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include <antq/directive/compile.hpp>
#include <antq/errors.hpp>
#include <antq/graph/selector.hpp>
#include <antq/model/level.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq::python {

namespace py = pybind11;

/**
 * A Python argument of a type the call does not take: InvalidInput tagged "wrong_type", which Python raises as
 * antq.WrongTypeError (also a TypeError). A document's or a table's value of the wrong type stays InvalidInput
 * (antq.InvalidInputError, a ValueError): bad data, not a bad call.
 */
class WrongArgumentType : public InvalidInput {
public:
    WrongArgumentType(std::string where, std::string message)
        : InvalidInput("wrong_type", std::move(where), std::move(message)) {}
};

/** A Python object as an attribute value: None, bool, int, float, str, list/tuple, dict with str keys. Another
 *  type is bad data, InvalidInput "wrong_type" (a DataFrame's cell, say). */
Value to_value(const py::handle& object, const std::string& where);
/** A Python dict as an attribute object; None gives an empty object. */
Object to_object(const py::handle& object, const std::string& where);
/** to_value and to_object for an argument of a call: another type is the caller's WrongArgumentType. */
Value argument_value(const py::handle& object, const std::string& where);
Object argument_object(const py::handle& object, const std::string& where);
py::object from_value(const Value& value);
py::dict from_object(const Object& object);

/**
 * A date argument as the library takes it, "YYYY-MM-DD": a str as it is, a datetime.date, or a datetime.datetime at
 * midnight; None gives "" where `may_be_empty`. Anything else: InvalidInput "wrong_type" naming `where`.
 */
std::string to_date(const py::handle& object, const std::string& where, bool may_be_empty = false);

/** A selector argument: an antq.Selector, or its JSON form (a dict, or "all") as Selector.from_json takes it. */
Selector to_selector(const py::handle& object, const std::string& where = "selector");

/** Names given as separate arguments or as one list or tuple of them: Selector.kind("police", "school") or
 *  Selector.kind(["police", "school"]). Each must be a str, else InvalidInput "wrong_type" naming `where`. */
std::vector<std::string> to_names(const py::args& args, const std::string& where);

/** An int argument (or NumPy integer) that fits in 64 bits: "wrong_type" or "number_out_of_range" naming `where`. */
std::int64_t to_integer(const py::handle& object, const std::string& where);
/** A year: an int; one that does not fit an int is "bad_year" (the library's own check names the range). */
int to_year(const py::handle& object, const std::string& where);
/** A seed: an int from 0 to 2**64 - 1, else "wrong_type" or "number_out_of_range" naming `where`. */
std::uint64_t to_seed(const py::handle& object, const std::string& where);

/** A str argument, else InvalidInput "wrong_type" naming `where` and saying what it wants. */
std::string to_str(const py::handle& object, const std::string& where, const char* what = "a str");

/**
 * A unit id parameter: a str. Anything else (296 for "296": GSO codes keep their leading zeros, so an int is never
 * taken for one) is InvalidInput "wrong_type" saying an id is wanted, where a plain std::string parameter gives
 * pybind11's "incompatible function arguments". Only for functions with a single overload.
 */
struct UnitId : std::string {};

UnitKind to_unit_kind(const std::string& name, const std::string& where);
Level to_level(const std::string& name, const std::string& where);
TieKind to_tie_kind(const std::string& name, const std::string& where);

/** A translation across a change of structure (docs/restructure.md), as the Python layer passes it: level names. */
SelectorTranslation to_translation(const std::vector<std::pair<std::string, std::string>>& levels,
                                   const std::vector<std::pair<std::string, std::vector<std::string>>>& ids,
                                   bool drop_unmatched);

}  // namespace antq::python

namespace pybind11::detail {

template <>
struct type_caster<antq::python::UnitId> {
    PYBIND11_TYPE_CASTER(antq::python::UnitId, const_name("str"));

    bool load(handle source, bool) {
        value = antq::python::UnitId{antq::python::to_str(source, "unit id", "a unit id (a str such as '296')")};
        return true;
    }
};

}  // namespace pybind11::detail
