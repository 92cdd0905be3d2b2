#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/text.hpp>

#include "io/detail/reader.hpp"
#include "model/detail/keys.hpp"

namespace antq {

using json = nlohmann::json;

json to_json(const Value& value) {
    switch (value.type()) {
        case Value::Type::null: return nullptr;
        case Value::Type::boolean: return value.as_bool();
        case Value::Type::integer: return value.as_integer();
        case Value::Type::number:
            if (!std::isfinite(value.as_number()))
                throw InvalidInput("non_finite_number", "", "JSON cannot hold NaN or infinity");
            return value.as_number();
        case Value::Type::string: return value.as_string();
        case Value::Type::array: {
            json out = json::array();
            for (const Value& v : value.as_array()) out.push_back(to_json(v));
            return out;
        }
        case Value::Type::object: {
            json out = json::object();
            for (const auto& [k, v] : value.as_object()) out[k] = to_json(v);
            return out;
        }
    }
    return nullptr;
}

namespace {

Value value_at(const json& j, const std::string& where, std::size_t depth) {
    if (depth > max_value_depth)
        throw InvalidInput("too_deep", where, "attribute values nest at most " + std::to_string(max_value_depth) + " deep");
    switch (j.type()) {
        case json::value_t::null: return Value();
        case json::value_t::boolean: return Value(j.get<bool>());
        case json::value_t::number_integer: return Value(j.get<std::int64_t>());
        case json::value_t::number_unsigned: {
            const auto u = j.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                throw InvalidInput("number_out_of_range", where,
                                   "integer " + std::to_string(u) + " is larger than 2^63 - 1");
            return Value(static_cast<std::int64_t>(u));
        }
        case json::value_t::number_float: return Value(j.get<double>());
        case json::value_t::string: return Value(to_nfc(j.get_ref<const std::string&>(), where));
        case json::value_t::array: {
            Array out;
            out.reserve(j.size());
            std::size_t i = 0;
            for (const json& item : j) out.push_back(value_at(item, where + "/" + std::to_string(i++), depth + 1));
            return Value(std::move(out));
        }
        case json::value_t::object: {
            // Members are normalised, then sorted once: one set() per member would be quadratic on a wide object.
            std::vector<Object::member_type> members;
            std::vector<std::string> places;
            members.reserve(j.size());
            places.reserve(j.size());
            for (auto it = j.begin(); it != j.end(); ++it) {
                places.push_back(where + "/" + detail::pointer_token(it.key()));
                members.emplace_back(to_nfc(it.key(), places.back()), value_at(it.value(), places.back(), depth + 1));
            }
            detail::refuse_equal_keys(members, places);
            return Value(Object(std::move(members)));
        }
        default: throw InvalidInput("wrong_type", where, "unsupported JSON value");
    }
}

}  // namespace

Value value_from_json(const json& j, const std::string& where) { return value_at(j, where, 0); }

}  // namespace antq
