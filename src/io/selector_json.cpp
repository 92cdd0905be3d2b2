#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/selector_json.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/text.hpp>

#include "io/detail/reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::type_name;

// The tree's own bound (Selector::max_depth), checked here first so that the error names the JSON pointer.
constexpr std::size_t max_selector_depth = Selector::max_depth;

}  // namespace

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
        out.push_back(to_nfc(item.get<std::string>(), p));
    };
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) one(j[i], where + "/" + std::to_string(i));
        if (out.empty()) throw InvalidInput("bad_selector", where, "an empty list selects nothing");
    } else {
        one(j, where);
    }
    return out;
}

// Makes a combined node; a tree too deep (each level with several fields adds an all_of) is named at `where`.
template <class Make>
Selector combined(const std::string& where, Make&& make) {
    try {
        return make();
    } catch (const InvalidInput& e) {
        if (e.tag() != "too_deep") throw;
        throw InvalidInput(e.tag(), where, e.message());
    }
}

Selector parse_selector(const json& j, const std::string& where, std::size_t depth) {
    if (depth >= max_selector_depth)
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
            parts.push_back(Selector::within(to_nfc(v.get<std::string>(), p)));
        } else if (key == "id") {
            parts.push_back(Selector::ids(id_list(v, p)));
        } else if (key == "attribute") {
            if (!v.is_object() || !v.contains("key") || !v.at("key").is_string())
                throw InvalidInput("bad_selector", p, "expected {\"key\": name, \"equals\": value} or {\"key\": name}");
            for (auto f = v.begin(); f != v.end(); ++f)
                if (f.key() != "key" && f.key() != "equals")
                    throw InvalidInput("bad_selector", p + "/" + f.key(), "unknown field (allowed: key, equals)");
            std::string name = to_nfc(v.at("key").get<std::string>(), p + "/key");
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
            parts.push_back(combined(p, [&] {
                return key == "all" ? Selector::all_of(std::move(operands)) : Selector::any_of(std::move(operands));
            }));
        } else if (key == "not") {
            Selector operand = parse_selector(v, p, depth + 1);
            parts.push_back(combined(p, [&] { return Selector::negation(std::move(operand)); }));
        } else {
            throw InvalidInput("bad_selector", p,
                               "unknown selector field '" + key + "' (allowed: kind, level, within, id, attribute, all, any, not)");
        }
    }
    return parts.size() == 1 ? parts.front() : combined(where, [&] { return Selector::all_of(std::move(parts)); });
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

std::string dump_selector(const Selector& selector) { return to_json(selector).dump(); }

}  // namespace antq
