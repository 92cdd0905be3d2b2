#include <cmath>
#include <limits>

#include <antq/errors.hpp>
#include <antq/io/selector_json.hpp>

#include "convert.hpp"

namespace antq::python {

namespace {
// The graph owns the depth rule (max_value_depth, checked in C++); this bound only keeps a Python object nested far
// deeper from exhausting the stack, one level above the rule so that the graph's own check decides.
constexpr std::size_t max_depth = max_value_depth + 1;
Value to_value_at(const py::handle& o, const std::string& where, std::size_t depth);
Object to_object_at(const py::handle& o, const std::string& where, std::size_t depth);
}  // namespace

Value to_value(const py::handle& o, const std::string& where) { return to_value_at(o, where, 0); }

Object to_object(const py::handle& o, const std::string& where) { return to_object_at(o, where, 0); }

namespace {
// A conversion of an argument: a value of a type no attribute takes is the caller's wrong type, not bad data.
template <class Convert>
auto as_argument(Convert&& convert) {
    try {
        return convert();
    } catch (const WrongArgumentType&) {
        throw;
    } catch (const InvalidInput& e) {
        if (e.tag() == "wrong_type") throw WrongArgumentType(e.where(), e.message());
        throw;
    }
}
}  // namespace

Value argument_value(const py::handle& o, const std::string& where) {
    return as_argument([&] { return to_value(o, where); });
}

Object argument_object(const py::handle& o, const std::string& where) {
    return as_argument([&] { return to_object(o, where); });
}

namespace {

Value to_value_at(const py::handle& o, const std::string& where, std::size_t depth) {
    if (depth > max_depth)
        throw InvalidInput("too_deep", where, "attribute values nest at most " + std::to_string(max_value_depth) + " deep");
    if (o.is_none()) return Value();
    if (py::isinstance<py::bool_>(o)) return Value(o.cast<bool>());
    if (py::isinstance<py::int_>(o)) {
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
        if (overflow != 0)
            throw InvalidInput("number_out_of_range", where, "integer does not fit in 64 bits");
        return Value(static_cast<std::int64_t>(v));
    }
    if (py::isinstance<py::float_>(o)) return Value(o.cast<double>());
    if (py::isinstance<py::str>(o)) return Value(o.cast<std::string>());
    if (py::isinstance<py::dict>(o)) return Value(to_object_at(o, where, depth));
    if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
        Array out;
        std::size_t i = 0;
        for (const py::handle item : o) out.push_back(to_value_at(item, where + "/" + std::to_string(i++), depth + 1));
        return Value(std::move(out));
    }
    // NumPy scalars and other number-likes.
    if (py::hasattr(o, "__index__")) return to_value_at(py::int_(py::reinterpret_borrow<py::object>(o)), where, depth);
    if (py::hasattr(o, "__float__")) return Value(py::float_(py::reinterpret_borrow<py::object>(o)).cast<double>());
    throw InvalidInput("wrong_type", where,
                       "an attribute value must be None, bool, int, float, str, list or dict, not " +
                           std::string(py::str(o.get_type().attr("__name__"))));
}

Object to_object_at(const py::handle& o, const std::string& where, std::size_t depth) {
    if (o.is_none()) return {};
    if (!py::isinstance<py::dict>(o))
        throw InvalidInput("wrong_type", where,
                           "attributes must be a dict, not " + std::string(py::str(o.get_type().attr("__name__"))));
    std::vector<Object::member_type> members;  // sorted once: set() per member is quadratic on a wide dict
    for (const auto& [k, v] : py::reinterpret_borrow<py::dict>(o)) {
        if (!py::isinstance<py::str>(k))
            throw InvalidInput("wrong_type", where, "attribute names must be str, not " +
                                                        std::string(py::str(k.get_type().attr("__name__"))));
        const std::string key = k.cast<std::string>();
        members.emplace_back(key, to_value_at(v, where + "/" + key, depth + 1));
    }
    return Object(std::move(members));
}

}  // namespace

py::object from_value(const Value& v) {
    switch (v.type()) {
        case Value::Type::null: return py::none();
        case Value::Type::boolean: return py::bool_(v.as_bool());
        case Value::Type::integer: return py::int_(v.as_integer());
        case Value::Type::number: return py::float_(v.as_number());
        case Value::Type::string: return py::str(v.as_string());
        case Value::Type::array: {
            py::list out;
            for (const Value& item : v.as_array()) out.append(from_value(item));
            return out;
        }
        case Value::Type::object: return from_object(v.as_object());
    }
    return py::none();
}

py::dict from_object(const Object& object) {
    py::dict out;
    for (const auto& [k, v] : object) out[py::str(k)] = from_value(v);
    return out;
}

namespace {

std::string type_of(const py::handle& o) { return py::str(o.get_type().attr("__name__")); }

}  // namespace

std::string to_str(const py::handle& o, const std::string& where, const char* what) {
    if (!py::isinstance<py::str>(o)) throw WrongArgumentType(where, std::string("expected ") + what + ", found " + type_of(o));
    return o.cast<std::string>();
}

namespace {

// An int (not a bool: True is no number of anything here), or what __index__ makes one, e.g. a NumPy integer.
py::int_ integer_object(const py::handle& o, const std::string& where, const char* what) {
    if (py::isinstance<py::bool_>(o) || !(py::isinstance<py::int_>(o) || py::hasattr(o, "__index__")))
        throw WrongArgumentType(where, std::string("expected ") + what + ", found " + type_of(o));
    return py::reinterpret_steal<py::int_>(PyNumber_Index(o.ptr()));
}

}  // namespace

std::int64_t to_integer(const py::handle& o, const std::string& where) {
    const py::int_ n = integer_object(o, where, "an int");
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
    if (overflow != 0) throw InvalidInput("number_out_of_range", where, "expected an integer that fits in 64 bits");
    return static_cast<std::int64_t>(v);
}

int to_year(const py::handle& o, const std::string& where) {
    const std::int64_t year = to_integer(o, where);
    if (year < std::numeric_limits<int>::min() || year > std::numeric_limits<int>::max())
        throw InvalidInput("bad_year", where, "expected a year between 1900 and 2200, not " + std::to_string(year));
    return static_cast<int>(year);
}

std::uint64_t to_seed(const py::handle& o, const std::string& where) {
    const py::int_ n = integer_object(o, where, "an int seed");
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
    if (overflow == 0 && v >= 0) return static_cast<std::uint64_t>(v);
    if (overflow > 0) {
        const unsigned long long u = PyLong_AsUnsignedLongLong(n.ptr());
        if (!PyErr_Occurred()) return static_cast<std::uint64_t>(u);
        PyErr_Clear();
    }
    throw InvalidInput("number_out_of_range", where,
                       "a seed is an integer from 0 to 2**64 - 1, not " + std::string(py::str(py::handle(n))));
}

std::string to_date(const py::handle& o, const std::string& where, bool may_be_empty) {
    if (o.is_none()) {
        if (may_be_empty) return "";
        throw WrongArgumentType(where, "expected a date (\"YYYY-MM-DD\" or datetime.date), found None");
    }
    if (py::isinstance<py::str>(o)) return o.cast<std::string>();
    const py::module_ datetime = py::module_::import("datetime");
    if (py::isinstance(o, datetime.attr("datetime"))) {
        if (!o.attr("time")().equal(datetime.attr("time")()))
            throw WrongArgumentType(where, "expected a day, found a datetime with a time of day: pass its .date()");
        return py::str(o.attr("date")().attr("isoformat")());
    }
    if (py::isinstance(o, datetime.attr("date"))) return py::str(o.attr("isoformat")());
    throw WrongArgumentType(where, "expected a date (\"YYYY-MM-DD\" or datetime.date), found " + type_of(o));
}

Selector to_selector(const py::handle& o, const std::string& where) {
    if (py::isinstance<Selector>(o)) return o.cast<Selector>();
    if (o.is_none()) throw WrongArgumentType(where, "expected an antq.Selector or its JSON form, found None");
    std::string text;
    try {
        // allow_nan=False: JSON has no NaN, and a selector comparing with NaN could never match.
        text = py::module_::import("json").attr("dumps")(o, py::arg("allow_nan") = false).cast<std::string>();
    } catch (const py::error_already_set& e) {
        throw InvalidInput("bad_selector", where, std::string("not expressible as JSON: ") + e.what());
    }
    return parse_selector(text, where);
}

std::vector<std::string> to_names(const py::args& args, const std::string& where) {
    std::vector<std::string> out;
    auto one = [&](const py::handle& item) {
        out.push_back(to_str(item, where, "a str or a list of str"));
    };
    for (const py::handle item : args) {
        if (py::isinstance<py::list>(item) || py::isinstance<py::tuple>(item))
            for (const py::handle inner : item) one(inner);
        else
            one(item);
    }
    return out;
}

namespace {
template <class Enum, std::size_t N>
std::string choices(const std::array<std::string_view, N>& names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}
}  // namespace

UnitKind to_unit_kind(const std::string& name, const std::string& where) {
    if (auto k = parse_unit_kind(name)) return *k;
    throw InvalidInput("unknown_kind", where,
                       "'" + name + "' is not a unit kind (one of " + choices<UnitKind>(detail::unit_kind_names) + ")");
}

Level to_level(const std::string& name, const std::string& where) {
    if (auto l = parse_level(name)) return *l;
    throw InvalidInput("unknown_level", where,
                       "'" + name + "' is not a level (nation, province, district, commune, village)");
}

SelectorTranslation to_translation(const std::vector<std::pair<std::string, std::string>>& levels,
                                   const std::vector<std::pair<std::string, std::vector<std::string>>>& ids,
                                   bool drop_unmatched) {
    SelectorTranslation translation;
    for (const auto& [from, to] : levels)
        translation.levels.emplace_back(to_level(from, "translate"), to_level(to, "translate"));
    translation.ids = ids;
    translation.drop_unmatched = drop_unmatched;
    return translation;
}

TieKind to_tie_kind(const std::string& name, const std::string& where) {
    if (auto k = parse_tie_kind(name)) return *k;
    throw InvalidInput("unknown_kind", where,
                       "'" + name + "' is not a tie kind (one of " + choices<TieKind>(detail::tie_kind_names) + ")");
}

}  // namespace antq::python
