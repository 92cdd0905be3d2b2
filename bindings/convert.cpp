#include <cmath>
#include <limits>

#include <antq/errors.hpp>

#include "convert.hpp"

namespace antq::python {

namespace {
// Deeper than the JSON reader accepts could not be saved and read back; far deeper would exhaust the stack.
constexpr std::size_t max_depth = 60;
Value to_value_at(const py::handle& o, const std::string& where, std::size_t depth);
Object to_object_at(const py::handle& o, const std::string& where, std::size_t depth);
}  // namespace

Value to_value(const py::handle& o, const std::string& where) { return to_value_at(o, where, 0); }

Object to_object(const py::handle& o, const std::string& where) { return to_object_at(o, where, 0); }

namespace {

Value to_value_at(const py::handle& o, const std::string& where, std::size_t depth) {
    if (depth > max_depth)
        throw InvalidInput("too_deep", where, "attribute values nest at most " + std::to_string(max_depth) + " deep");
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

TieKind to_tie_kind(const std::string& name, const std::string& where) {
    if (auto k = parse_tie_kind(name)) return *k;
    throw InvalidInput("unknown_kind", where,
                       "'" + name + "' is not a tie kind (one of " + choices<TieKind>(detail::tie_kind_names) + ")");
}

}  // namespace antq::python
