#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/graph/detail/levels.hpp>
#include <antq/io/json.hpp>
#include <antq/model/text.hpp>
#include <antq/version.hpp>

#include "file_io.hpp"
#include "json_reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.orggraph";
constexpr std::size_t max_selector_depth = 64;

std::string json_record(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

}  // namespace

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

Value value_from_json(const json& j, const std::string& where) {
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
            for (const json& item : j) out.push_back(value_from_json(item, where + "/" + std::to_string(i++)));
            return Value(std::move(out));
        }
        case json::value_t::object: {
            Object out;
            for (auto it = j.begin(); it != j.end(); ++it) {
                const std::string at = where + "/" + detail::pointer_token(it.key());
                std::string key = to_nfc(it.key(), at);
                if (out.find(key) != nullptr)
                    throw InvalidInput("duplicate_key", at, "another member has the same name once normalised to NFC");
                out.set(std::move(key), value_from_json(it.value(), at));
            }
            return Value(std::move(out));
        }
        default: throw InvalidInput("wrong_type", where, "unsupported JSON value");
    }
}

OrgGraph parse_graph(std::string_view text, std::string_view source_view, const JsonLimits& limits) {
    const std::string source(source_view);
    const Reader r(source);
    const json doc = detail::parse_document(text, source, limits.max_depth);

    if (!doc.is_object()) r.fail("not_a_graph", "", "expected a graph object, found " + type_name(doc));
    r.only_fields(doc, {"format", "version", "name", "attributes", "units", "ties"}, "");
    r.format_and_version(doc, format_name, graph_format_version, "not_a_graph");

    OrgGraph graph;
    if (auto it = doc.find("name"); it != doc.end()) {
        const std::string name = r.string(*it, "/name");
        try {
            graph.set_name(name);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at("/name"), e.message());
        }
    }
    if (auto it = doc.find("attributes"); it != doc.end()) graph.set_attributes(r.attributes(*it, "/attributes"));

    const json& units = r.require(doc, "units", "");
    if (!units.is_array()) r.fail("wrong_type", "/units", "expected an array, found " + type_name(units));
    const json empty_ties = json::array();
    const json& ties = doc.contains("ties") ? doc.at("ties") : empty_ties;
    if (!ties.is_array()) r.fail("wrong_type", "/ties", "expected an array, found " + type_name(ties));

    // Units: read them all first, since a body's level may come from the territory it serves.
    std::vector<Unit> read_units;
    std::vector<bool> level_given;
    read_units.reserve(units.size());
    std::unordered_map<std::string, std::size_t> position;
    position.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string p = "/units/" + std::to_string(i);
        const json& u = units[i];
        r.expect_object(u, p);
        r.only_fields(u, {"id", "name", "kind", "level", "attributes"}, p);
        Unit unit;
        unit.id = r.string(r.require(u, "id", p), p + "/id");
        unit.name = r.string(r.require(u, "name", p), p + "/name");
        const std::string kind = r.string(r.require(u, "kind", p), p + "/kind");
        const auto k = parse_unit_kind(kind);
        if (!k) r.fail("unknown_kind", p + "/kind", "'" + kind + "' is not a unit kind (docs/data-format.md)");
        unit.kind = *k;
        bool has_level = false;
        if (auto it = u.find("level"); it != u.end()) {
            const std::string level = r.string(*it, p + "/level");
            const auto l = parse_level(level);
            if (!l) r.fail("unknown_level", p + "/level", "'" + level + "' is not a level");
            unit.level = *l;
            has_level = true;
        } else if (is_territory(unit.kind)) {
            unit.level = territory_level(unit.kind);
            has_level = true;
        }
        if (auto it = u.find("attributes"); it != u.end()) unit.attributes = r.attributes(*it, p + "/attributes");
        if (auto [it, fresh] = position.emplace(unit.id, i); !fresh)
            r.fail("duplicate_id", p + "/id",
                   "unit id '" + unit.id + "' is already used at /units/" + std::to_string(it->second));
        read_units.push_back(std::move(unit));
        level_given.push_back(has_level);
    }

    // Ties: check references before anything is built, so a dangling one is named by its pointer.
    std::vector<TieSpec> specs;
    specs.reserve(ties.size());
    for (std::size_t i = 0; i < ties.size(); ++i) {
        const std::string p = "/ties/" + std::to_string(i);
        const json& t = ties[i];
        r.expect_object(t, p);
        r.only_fields(t, {"source", "target", "kind", "attributes"}, p);
        TieSpec spec;
        spec.source = r.string(r.require(t, "source", p), p + "/source");
        spec.target = r.string(r.require(t, "target", p), p + "/target");
        const std::string kind = r.string(r.require(t, "kind", p), p + "/kind");
        const auto k = parse_tie_kind(kind);
        if (!k) r.fail("unknown_kind", p + "/kind", "'" + kind + "' is not a tie kind (docs/data-format.md)");
        spec.kind = *k;
        if (!position.count(spec.source))
            r.fail("dangling_reference", p + "/source", "no unit has id '" + spec.source + "'");
        if (!position.count(spec.target))
            r.fail("dangling_reference", p + "/target", "no unit has id '" + spec.target + "'");
        if (auto it = t.find("attributes"); it != t.end()) spec.attributes = r.attributes(*it, p + "/attributes");
        specs.push_back(std::move(spec));
    }

    detail::derive_levels(read_units, level_given, specs, [&](const std::string& id) -> std::optional<std::size_t> {
        return position.at(id);  // every tie was checked against `position` above
    });
    for (std::size_t i = 0; i < read_units.size(); ++i)
        if (!level_given[i])
            r.fail("missing_field", "/units/" + std::to_string(i),
                   "no 'level', and none can be derived: a body needs a 'serves' tie, a post a 'heads' tie");

    for (std::size_t i = 0; i < read_units.size(); ++i) {
        try {
            graph.add_unit(std::move(read_units[i]));
        } catch (...) {
            rethrow_at(r.at("/units/" + std::to_string(i)));
        }
    }
    try {
        graph.add_ties(specs, [&](std::size_t i) { return r.at("/ties/" + std::to_string(i)); });
    } catch (const HierarchyError& e) {
        if (e.tag() != "cycle") throw;
        rethrow_at(source + ":/ties");  // a cycle is closed by several ties; name them by their units
    }
    try {
        graph.validate();
    } catch (...) {
        rethrow_at(source);
    }
    return graph;
}

OrgGraph load_graph(const std::filesystem::path& path, const JsonLimits& limits) {
    return parse_graph(detail::read_file(path), path.string(), limits);
}

std::string dump_graph(const OrgGraph& graph) {
    std::string out = "{\"format\":\"" + std::string(format_name) +
                      "\",\"version\":" + std::to_string(graph_format_version) + ",\n";
    out += "\"name\":" + json_record(graph.name()) + ",\n";
    out += "\"attributes\":" + json_record(to_json(Value(graph.attributes()))) + ",\n";
    out += "\"units\":[";
    bool first = true;
    for (UnitIndex u : graph.units()) {
        const Unit& unit = graph.unit(u);
        json record{{"id", unit.id},
                    {"name", unit.name},
                    {"kind", std::string(to_string(unit.kind))},
                    {"level", std::string(to_string(unit.level))}};
        if (!unit.attributes.empty()) {
            try {
                record["attributes"] = to_json(Value(unit.attributes));
            } catch (...) {
                rethrow_at("unit '" + unit.id + "'");
            }
        }
        out += (first ? "\n" : ",\n") + json_record(record);
        first = false;
    }
    out += "],\n\"ties\":[";
    first = true;
    for (TieIndex t : graph.ties()) {
        const Tie& tie = graph.tie(t);
        json record{{"source", graph.unit(tie.source).id},
                    {"target", graph.unit(tie.target).id},
                    {"kind", std::string(to_string(tie.kind))}};
        if (!tie.attributes.empty()) record["attributes"] = to_json(Value(tie.attributes));
        out += (first ? "\n" : ",\n") + json_record(record);
        first = false;
    }
    out += "]}\n";
    return out;
}

void save_graph(const OrgGraph& graph, const std::filesystem::path& path) { detail::write_file(path, dump_graph(graph)); }

// ---- selectors ----

namespace {

template <class T, class Parse>
std::vector<T> names(const json& j, const std::string& where, Parse&& parse, const char* what, const char* tag) {
    std::vector<T> out;
    auto one = [&](const json& item, const std::string& p) {
        if (!item.is_string()) throw InvalidInput("bad_selector", p, std::string("expected a ") + what + " name");
        const auto v = parse(item.get<std::string>());
        if (!v) throw InvalidInput(tag, p, "'" + item.get<std::string>() + "' is not a " + what);
        out.push_back(*v);
    };
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) one(j[i], where + "/" + std::to_string(i));
        if (out.empty()) throw InvalidInput("bad_selector", where, "an empty list selects nothing");
    } else {
        one(j, where);
    }
    return out;
}

std::vector<std::string> id_list(const json& j, const std::string& where) {
    std::vector<std::string> out;
    auto one = [&](const json& item, const std::string& p) {
        if (!item.is_string()) throw InvalidInput("bad_selector", p, "expected a unit id (a string)");
        out.push_back(item.get<std::string>());
    };
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) one(j[i], where + "/" + std::to_string(i));
        if (out.empty()) throw InvalidInput("bad_selector", where, "an empty list selects nothing");
    } else {
        one(j, where);
    }
    return out;
}

Selector parse_selector(const json& j, const std::string& where, std::size_t depth) {
    if (depth > max_selector_depth)
        throw InvalidInput("too_deep", where, "selector nested deeper than " + std::to_string(max_selector_depth));
    if (j.is_string() && j.get<std::string>() == "all") return Selector::all();
    if (!j.is_object()) throw InvalidInput("bad_selector", where, "expected a selector object, found " + type_name(j));
    if (j.empty()) throw InvalidInput("bad_selector", where, "an empty selector object says nothing; write \"all\" to pick every unit");
    std::vector<Selector> parts;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        const json& v = it.value();
        const std::string p = where + "/" + detail::pointer_token(key);
        if (key == "kind") {
            parts.push_back(Selector::kinds(names<UnitKind>(v, p, parse_unit_kind, "unit kind", "unknown_kind")));
        } else if (key == "level") {
            parts.push_back(Selector::levels(names<Level>(v, p, parse_level, "level", "unknown_level")));
        } else if (key == "within") {
            if (!v.is_string()) throw InvalidInput("bad_selector", p, "expected a territory id (a string)");
            parts.push_back(Selector::within(v.get<std::string>()));
        } else if (key == "id") {
            parts.push_back(Selector::ids(id_list(v, p)));
        } else if (key == "attribute") {
            if (!v.is_object() || !v.contains("key") || !v.at("key").is_string())
                throw InvalidInput("bad_selector", p, "expected {\"key\": name, \"equals\": value} or {\"key\": name}");
            for (auto f = v.begin(); f != v.end(); ++f)
                if (f.key() != "key" && f.key() != "equals")
                    throw InvalidInput("bad_selector", p + "/" + f.key(), "unknown field (allowed: key, equals)");
            std::string name = v.at("key").get<std::string>();
            if (v.contains("equals"))
                parts.push_back(Selector::attribute_equals(std::move(name), value_from_json(v.at("equals"), p + "/equals")));
            else
                parts.push_back(Selector::has_attribute(std::move(name)));
        } else if (key == "all" || key == "any") {
            if (!v.is_array() || v.empty())
                throw InvalidInput("bad_selector", p, "expected a non-empty array of selectors");
            std::vector<Selector> operands;
            for (std::size_t i = 0; i < v.size(); ++i)
                operands.push_back(parse_selector(v[i], p + "/" + std::to_string(i), depth + 1));
            parts.push_back(key == "all" ? Selector::all_of(std::move(operands)) : Selector::any_of(std::move(operands)));
        } else if (key == "not") {
            parts.push_back(Selector::negation(parse_selector(v, p, depth + 1)));
        } else {
            throw InvalidInput("bad_selector", p,
                               "unknown selector field '" + key + "' (allowed: kind, level, within, id, attribute, all, any, not)");
        }
    }
    return parts.size() == 1 ? parts.front() : Selector::all_of(std::move(parts));
}

}  // namespace

Selector selector_from_json(const json& j, const std::string& where) { return parse_selector(j, where, 0); }

json to_json(const Selector& selector) {
    using Op = Selector::Op;
    const auto& n = selector.node();
    auto list_or_one = [](const auto& items, auto&& name) {
        if (items.size() == 1) return json(name(items.front()));
        json out = json::array();
        for (const auto& item : items) out.push_back(name(item));
        return out;
    };
    switch (n.op) {
        case Op::everything: return "all";
        case Op::kind: return {{"kind", list_or_one(n.kinds, [](UnitKind k) { return std::string(to_string(k)); })}};
        case Op::level: return {{"level", list_or_one(n.levels, [](Level l) { return std::string(to_string(l)); })}};
        case Op::within: return {{"within", n.ids.front()}};
        case Op::id: return {{"id", list_or_one(n.ids, [](const std::string& s) { return s; })}};
        case Op::attribute_equals: return {{"attribute", {{"key", n.key}, {"equals", to_json(n.value)}}}};
        case Op::has_attribute: return {{"attribute", {{"key", n.key}}}};
        case Op::all_of:
        case Op::any_of: {
            json operands = json::array();
            for (const Selector& s : n.operands) operands.push_back(to_json(s));
            return {{n.op == Op::all_of ? "all" : "any", operands}};
        }
        case Op::negation: return {{"not", to_json(n.operands.front())}};
    }
    return "all";
}

Selector parse_selector(std::string_view text, std::string_view source) {
    const std::string name(source);
    // The text guard is looser than the selector's own depth check (two JSON levels per "all"/"any"), so
    // an over-deep selector is reported where it nests, as a JSON pointer.
    return selector_from_json(detail::parse_document(text, name, 2 * max_selector_depth + 4), name);
}

}  // namespace antq
