#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/io/graphml.hpp>
#include <antq/io/value_json.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "io/detail/xml.hpp"

namespace antq {

namespace {

constexpr std::string_view format_name = "antq.orggraph";
constexpr std::string_view json_suffix = ".json";

// The names antq's own data takes on each kind of element; a free attribute so named is written as JSON.
constexpr std::string_view graph_fixed[] = {"name", "structure", "antq_format", "antq_version"};
constexpr std::string_view node_fixed[] = {"name", "kind", "level"};
constexpr std::string_view edge_fixed[] = {"kind"};
// A free tie attribute named "id" is written as JSON too: nx.read_graphml puts each edge's GraphML id there.
constexpr std::string_view edge_json_only[] = {"kind", "id"};

using Names = std::span<const std::string_view>;

bool is_fixed(Names fixed, std::string_view name) {
    return std::find(std::begin(fixed), std::end(fixed), name) != std::end(fixed);
}

bool ends_with_json(std::string_view name) {
    return name.size() > json_suffix.size() && name.substr(name.size() - json_suffix.size()) == json_suffix;
}

// True if XML 1.0 can hold the text: no control character but tab and line breaks, no U+FFFE or U+FFFF.
bool xml_safe(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
        if (c == 0xEF && i + 2 < s.size() && s[i + 1] == '\xBF' && (s[i + 2] == '\xBE' || s[i + 2] == '\xBF'))
            return false;
    }
    return true;
}

// ---- writing ------------------------------------------------------------------------------------------------------

enum class KeyType { boolean, int32, int64, number, string, json };

const char* graphml_type(KeyType t) {
    switch (t) {
        case KeyType::boolean: return "boolean";
        case KeyType::int32: return "int";
        case KeyType::int64: return "long";
        case KeyType::number: return "double";
        default: return "string";
    }
}

// The key type one value asks for. Empty strings go as JSON: NetworkX reads an empty <data> as no value at all.
KeyType type_of(const Value& v) {
    switch (v.type()) {
        case Value::Type::boolean: return KeyType::boolean;
        case Value::Type::integer: {
            const auto i = v.as_integer();
            const bool small = i >= std::numeric_limits<std::int32_t>::min() && i <= std::numeric_limits<std::int32_t>::max();
            return small ? KeyType::int32 : KeyType::int64;
        }
        case Value::Type::number: return KeyType::number;
        case Value::Type::string:
            return !v.as_string().empty() && xml_safe(v.as_string()) ? KeyType::string : KeyType::json;
        default: return KeyType::json;
    }
}

KeyType merge(KeyType a, KeyType b) {
    if (a == b) return a;
    const bool integers = (a == KeyType::int32 || a == KeyType::int64) && (b == KeyType::int32 || b == KeyType::int64);
    return integers ? KeyType::int64 : KeyType::json;
}

// One key per free attribute name, of one kind of element, sorted by name.
class KeyPlan {
public:
    void observe(const Object& attributes, Names fixed, std::string_view element) {
        for (const auto& [name, value] : attributes) {
            auto [it, fresh] = m_types.try_emplace(name, type_of(value));
            if (fresh) {
                if (!xml_safe(name))
                    throw InvalidInput("not_representable", std::string(element) + " attribute",
                                       "an attribute name holds a character XML cannot hold (a control character)");
                if (is_fixed(fixed, name) || ends_with_json(name)) it->second = KeyType::json;
            } else {
                it->second = merge(it->second, type_of(value));
            }
        }
    }
    const std::map<std::string, KeyType, std::less<>>& types() const { return m_types; }
    KeyType type(const std::string& name) const { return m_types.find(name)->second; }

private:
    std::map<std::string, KeyType, std::less<>> m_types;
};

void escape(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\r': out += "&#13;"; break;  // a parser would turn a raw \r into \n
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            default: out += c;
        }
    }
}

std::string attr(std::string_view s) {
    std::string out;
    escape(out, s, true);
    return out;
}

std::string json_text(const Value& v) {
    std::string text = to_json(v).dump();
    return xml_safe(text) ? text : to_json(v).dump(-1, ' ', true);  // \uFFFE as an escape, which XML can hold
}

std::string value_text(const Value& v, KeyType type) {
    if (type == KeyType::json) return json_text(v);
    switch (v.type()) {
        case Value::Type::boolean: return v.as_bool() ? "true" : "false";
        case Value::Type::integer: return std::to_string(v.as_integer());
        case Value::Type::number: {
            char buffer[32];  // the shortest text that reads back as the same double
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v.as_number());
            return std::string(buffer, end);
        }
        default: return v.as_string();
    }
}

class Writer {
public:
    explicit Writer(const OrgGraph& graph) : m_graph(graph) {}

    std::string run() {
        if (!xml_safe(m_graph.name()))
            throw InvalidInput("not_representable", "graph name",
                               "the graph's name holds a character XML cannot hold (a control character)");
        m_graph_keys.observe(m_graph.attributes(), graph_fixed, "graph");
        for (UnitIndex u : m_graph.units()) m_node_keys.observe(m_graph.unit(u).attributes, node_fixed, "unit");
        for (TieIndex t : m_graph.ties()) m_edge_keys.observe(m_graph.tie(t).attributes, edge_json_only, "tie");

        m_out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                 "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                 "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
        key("g_format", "graph", "antq_format", "string");
        key("g_version", "graph", "antq_version", "int");
        key("g_name", "graph", "name", "string");
        key("g_structure", "graph", "structure", "string");
        free_keys(m_graph_keys, "g.", "graph");
        key("u_name", "node", "name", "string");
        key("u_kind", "node", "kind", "string");
        key("u_level", "node", "level", "string");
        free_keys(m_node_keys, "u.", "node");
        key("t_kind", "edge", "kind", "string");
        free_keys(m_edge_keys, "t.", "edge");

        m_out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
        const std::string indent = "    ";
        data(indent, "g_format", format_name);
        data(indent, "g_version", std::to_string(graphml_version));
        if (!m_graph.name().empty()) data(indent, "g_name", m_graph.name());  // NetworkX drops an empty <data>
        data(indent, "g_structure", m_graph.structure().id());
        free_data(indent, m_graph_keys, "g.", m_graph.attributes());
        for (UnitIndex u : m_graph.units()) {
            const Unit& unit = m_graph.unit(u);
            m_out += "    <node id=\"" + attr(unit.id) + "\">\n";
            data(indent + "  ", "u_name", unit.name);
            data(indent + "  ", "u_kind", to_string(unit.kind));
            data(indent + "  ", "u_level", to_string(unit.level));
            free_data(indent + "  ", m_node_keys, "u.", unit.attributes);
            m_out += "    </node>\n";
        }
        std::size_t edge = 0;
        for (TieIndex t : m_graph.ties()) {
            const Tie& tie = m_graph.tie(t);
            m_out += "    <edge id=\"e" + std::to_string(edge++) + "\" source=\"" + attr(m_graph.unit(tie.source).id) +
                     "\" target=\"" + attr(m_graph.unit(tie.target).id) + "\">\n";
            data(indent + "  ", "t_kind", to_string(tie.kind));
            free_data(indent + "  ", m_edge_keys, "t.", tie.attributes);
            m_out += "    </edge>\n";
        }
        m_out += "  </graph>\n</graphml>\n";
        return std::move(m_out);
    }

private:
    void key(std::string_view id, std::string_view domain, std::string_view name, std::string_view type) {
        m_out += "  <key id=\"" + attr(id) + "\" for=\"" + std::string(domain) + "\" attr.name=\"" + attr(name) +
                 "\" attr.type=\"" + std::string(type) + "\"/>\n";
    }

    void free_keys(const KeyPlan& plan, std::string_view prefix, std::string_view domain) {
        for (const auto& [name, type] : plan.types())
            key(std::string(prefix) + name, domain, type == KeyType::json ? name + std::string(json_suffix) : name,
                graphml_type(type));
    }

    void data(const std::string& indent, std::string_view key, std::string_view text) {
        m_out += indent + "<data key=\"" + attr(key) + "\">";
        escape(m_out, text, false);
        m_out += "</data>\n";
    }

    void free_data(const std::string& indent, const KeyPlan& plan, std::string_view prefix, const Object& attributes) {
        for (const auto& [name, value] : attributes)
            data(indent, std::string(prefix) + name, value_text(value, plan.type(name)));
    }

    const OrgGraph& m_graph;
    KeyPlan m_graph_keys, m_node_keys, m_edge_keys;
    std::string m_out;
};

// ---- reading ------------------------------------------------------------------------------------------------------

// A `.json` attribute's value, decoded; `where` names it in errors.
std::pair<std::string, Value> decode_json_attribute(std::string_view name, std::string_view text, const std::string& where) {
    const auto json = detail::parse_document(text, where, max_value_depth + 1);
    return {std::string(name.substr(0, name.size() - json_suffix.size())), value_from_json(json, where)};
}

// Sorts members by name, refusing a name given twice (two keys of one attribute name, or `a` beside `a.json`).
// `where` is only called for the error: naming a line costs a pass over the text.
template <class Where>
Object unique_members(std::vector<Object::member_type> members, Where&& where) {
    std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto twice = std::adjacent_find(members.begin(), members.end(),
                                          [](const auto& a, const auto& b) { return a.first == b.first; });
    if (twice != members.end())
        throw InvalidInput("duplicate_data", where(), "attribute '" + twice->first + "' is given twice");
    return Object(std::move(members));
}

enum class Domain { graph, node, edge, all, other };

struct Key {
    std::string name;
    Domain domain = Domain::all;
    std::string type = "string";
};

std::string_view local_name(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

class GraphmlReader {
public:
    GraphmlReader(std::string_view text, std::string source) : m_text(text), m_source(std::move(source)) {}

    OrgGraph run() {
        const detail::xml::Element root = detail::xml::Parser(m_text, m_source).parse();
        if (local_name(root.name) != "graphml")
            fail("not_graphml", root, "the root element is <" + root.name + ">, not <graphml>");
        const detail::xml::Element* graph = nullptr;
        for (const auto& child : root.children) {
            const auto name = local_name(child.name);
            if (name == "key") read_key(child);
            else if (name == "graph") {
                if (graph) fail("unsupported_graphml", child, "a second <graph>: antq reads one graph per file");
                graph = &child;
            } else if (name != "desc") {
                fail("unsupported_graphml", child, "<" + child.name + "> is not read (expected <key> and <graph>)");
            }
        }
        if (!graph) fail("not_graphml", root, "no <graph> element");
        return read_graph(*graph);
    }

private:
    [[noreturn]] void fail(const char* tag, const detail::xml::Element& e, const std::string& message) const {
        throw InvalidInput(tag, place(e), message);
    }

    // "g.graphml:line 12 <node id='30'>"
    std::string place(const detail::xml::Element& e) const {
        std::string out = m_source + ":" + detail::xml::line_of(m_text, e.offset) + " <" + e.name;
        for (const char* a : {"id", "key"})
            if (const auto* v = e.attribute(a)) out += " " + std::string(a) + "='" + *v + "'";
        return out + ">";
    }

    const std::string& required(const detail::xml::Element& e, std::string_view attribute) const {
        if (const auto* v = e.attribute(attribute)) return *v;
        fail("missing_field", e, "<" + e.name + "> needs the attribute '" + std::string(attribute) + "'");
    }

    void read_key(const detail::xml::Element& e) {
        const std::string& id = required(e, "id");
        Key key;
        key.name = e.attribute("attr.name") ? *e.attribute("attr.name") : id;
        const std::string domain = e.attribute("for") ? *e.attribute("for") : "all";
        key.domain = domain == "graph" ? Domain::graph : domain == "node" ? Domain::node
                   : domain == "edge" ? Domain::edge : domain == "all" ? Domain::all : Domain::other;
        if (const auto* type = e.attribute("attr.type")) key.type = *type;
        static constexpr std::string_view types[] = {"boolean", "int", "long", "float", "double", "string"};
        if (std::find(std::begin(types), std::end(types), key.type) == std::end(types))
            fail("wrong_type", e, "attr.type '" + key.type + "' is not one of boolean, int, long, float, double, string");
        for (const auto& child : e.children)
            if (local_name(child.name) == "default")
                fail("unsupported_graphml", child, "key defaults are not read: give the value on each element");
        if (!m_keys.try_emplace(id, std::move(key)).second)
            fail("duplicate_key", e, "another <key> has the id '" + id + "'");
    }

    // The typed value of one <data> element.
    Value typed(const Key& key, const detail::xml::Element& e) const {
        std::string_view text = e.text;
        if (key.type == "string") return Value(std::string(text));
        while (!text.empty() && std::string_view(" \t\n\r").find(text.front()) != std::string_view::npos) text.remove_prefix(1);
        while (!text.empty() && std::string_view(" \t\n\r").find(text.back()) != std::string_view::npos) text.remove_suffix(1);
        const char* first = text.data();
        const char* last = text.data() + text.size();
        if (key.type == "int" || key.type == "long") {
            std::int64_t i = 0;
            const auto [end, ec] = std::from_chars(first, last, i);
            if (ec == std::errc::result_out_of_range)
                fail("number_out_of_range", e, "integer " + std::string(text.substr(0, 40)) + " does not fit in 64 bits");
            if (ec != std::errc() || end != last || text.empty())
                fail("wrong_type", e, "expected an integer (attr.type " + key.type + "), found '" + std::string(text.substr(0, 40)) + "'");
            return Value(i);
        }
        if (key.type == "float" || key.type == "double") {
            double d = 0;
            const auto [end, ec] = std::from_chars(first, last, d);
            if (ec != std::errc() || end != last || text.empty())
                fail("wrong_type", e, "expected a number (attr.type " + key.type + "), found '" + std::string(text.substr(0, 40)) + "'");
            if (!std::isfinite(d))
                fail("non_finite_number", e, "attribute numbers must be finite (antq's formats have no NaN or infinity)");
            return Value(d);
        }
        std::string lower(text);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower == "true" || lower == "1") return Value(true);
        if (lower == "false" || lower == "0") return Value(false);
        fail("wrong_type", e, "expected true or false (attr.type boolean), found '" + std::string(text.substr(0, 40)) + "'");
    }

    // Fixed fields (by attribute name) and free attributes of one element's <data> children.
    struct Data {
        std::vector<std::pair<std::string, const detail::xml::Element*>> fixed;  // name, the <data>
        Object attributes;
    };

    Data read_data(const detail::xml::Element& e, Domain domain, Names fixed, bool allow_children) const {
        Data out;
        std::vector<Object::member_type> members;
        for (const auto& child : e.children) {
            const auto name = local_name(child.name);
            if (name == "desc") continue;
            if (name != "data") {
                if (allow_children) continue;
                fail("unsupported_graphml", child, "<" + child.name + "> is not read inside <" + e.name + ">");
            }
            const std::string& id = required(child, "key");
            const auto it = m_keys.find(id);
            if (it == m_keys.end()) fail("unknown_key", child, "no <key> has the id '" + id + "'");
            const Key& key = it->second;
            if (key.domain != domain && key.domain != Domain::all)
                fail("unknown_key", child, "key '" + id + "' is not declared for <" + e.name + ">");
            if (!child.children.empty())
                fail("unsupported_graphml", child.children.front(), "<data> holding markup is not read (only text)");
            if (is_fixed(fixed, key.name)) {
                if (key.type != "string" && key.name != "antq_version")
                    fail("wrong_type", child, "'" + key.name + "' must be a string key, not attr.type " + key.type);
                out.fixed.emplace_back(key.name, &child);
            } else if (m_antq && key.type == "string" && ends_with_json(key.name)) {
                try {
                    members.push_back(decode_json_attribute(key.name, child.text, m_source));
                } catch (const Error& error) {  // named by line only now: finding a line costs a pass over the text
                    throw InvalidInput(error.tag(), place(child) + error.where().substr(m_source.size()), error.message());
                }
            } else {
                members.emplace_back(key.name, typed(key, child));
            }
        }
        out.attributes = unique_members(std::move(members), [&] { return place(e); });
        std::vector<std::string_view> names;
        for (const auto& [name, data] : out.fixed) names.push_back(name);
        std::sort(names.begin(), names.end());
        if (const auto twice = std::adjacent_find(names.begin(), names.end()); twice != names.end())
            fail("duplicate_data", e, "'" + std::string(*twice) + "' is given twice");
        return out;
    }

    static const detail::xml::Element* find(const Data& data, std::string_view name) {
        for (const auto& [n, e] : data.fixed)
            if (n == name) return e;
        return nullptr;
    }

    OrgGraph read_graph(const detail::xml::Element& g) {
        if (const auto* direction = g.attribute("edgedefault"); !direction || *direction != "directed")
            fail("unsupported_graphml", g, "antq's ties are directed: the graph needs edgedefault=\"directed\"");
        // The format marker decides how the rest is read, so it is looked for first.
        for (const auto& child : g.children) {
            if (local_name(child.name) != "data" || !child.attribute("key")) continue;
            const auto it = m_keys.find(*child.attribute("key"));
            if (it != m_keys.end() && it->second.name == "antq_format") m_antq = true;
        }
        const Data data = read_data(g, Domain::graph, m_antq ? Names(graph_fixed) : Names(graph_plain), true);
        std::string name;
        const AdministrativeStructure* structure = &AdministrativeStructure::either();
        if (const auto* e = find(data, "antq_format"); e && e->text != format_name)
            fail("not_graphml", *e, "antq_format is '" + e->text + "', expected '" + std::string(format_name) + "'");
        if (const auto* e = find(data, "antq_version")) {
            const Value version = typed(m_keys.at(*e->attribute("key")), *e);
            if (version.type() != Value::Type::integer) fail("wrong_type", *e, "antq_version must be an integer");
            if (version.as_integer() != graphml_version)
                fail("unsupported_version", *e, "this library reads antq GraphML version " +
                                                    std::to_string(graphml_version) + ", not " +
                                                    std::to_string(version.as_integer()));
        }
        if (const auto* e = find(data, "name")) name = e->text;
        if (const auto* e = find(data, "structure")) {
            try {
                structure = &AdministrativeStructure::preset(e->text);
            } catch (const Error& error) {
                throw InvalidInput(error.tag(), place(*e), error.message());
            }
        }

        std::vector<UnitSpec> units;
        std::vector<TieSpec> ties;
        for (const auto& child : g.children) {
            const auto element = local_name(child.name);
            if (element == "node") units.push_back(read_node(child));
            else if (element == "edge") ties.push_back(read_edge(child));
            else if (element != "data" && element != "desc")
                fail("unsupported_graphml", child, "<" + child.name + "> is not read (antq reads nodes and edges)");
        }
        OrgGraph graph(*structure);
        try {
            graph.set_name(std::move(name));
        } catch (const Error& error) {
            throw InvalidInput(error.tag(), m_source + ": graph name", error.message());
        }
        build(graph, std::move(units), ties, detail_places());
        try {
            graph.set_attributes(data.attributes);
        } catch (const Error& error) {
            throw InvalidInput(error.tag(), place(g) + " " + error.where(), error.message());
        }
        return graph;
    }

    InputPlaces detail_places() const { return InputPlaces{m_source, "node ", "edge ", " "}; }

    UnitSpec read_node(const detail::xml::Element& n) const {
        UnitSpec unit;
        unit.id = required(n, "id");
        Data data = read_data(n, Domain::node, node_fixed, false);
        const auto* name = find(data, "name");
        const auto* kind = find(data, "kind");
        if (!name) fail("missing_field", n, "the node has no 'name' data");
        if (!kind) fail("missing_field", n, "the node has no 'kind' data");
        unit.name = name->text;
        if (const auto k = parse_unit_kind(kind->text)) unit.kind = *k;
        else fail("unknown_kind", *kind, "'" + kind->text + "' is not a unit kind (docs/data-format.md)");
        if (const auto* level = find(data, "level")) {
            if (const auto l = parse_level(level->text)) unit.level = *l;
            else fail("unknown_level", *level, "'" + level->text + "' is not a level");
        }
        unit.attributes = std::move(data.attributes);
        return unit;
    }

    TieSpec read_edge(const detail::xml::Element& e) const {
        if (const auto* directed = e.attribute("directed"); directed && *directed != "true")
            fail("unsupported_graphml", e, "antq's ties are directed: directed=\"" + *directed + "\" is not read");
        TieSpec tie;
        tie.source = required(e, "source");
        tie.target = required(e, "target");
        Data data = read_data(e, Domain::edge, edge_fixed, false);
        const auto* kind = find(data, "kind");
        if (!kind) fail("missing_field", e, "the edge has no 'kind' data");
        if (const auto k = parse_tie_kind(kind->text)) tie.kind = *k;
        else fail("unknown_kind", *kind, "'" + kind->text + "' is not a tie kind (docs/data-format.md)");
        tie.attributes = std::move(data.attributes);
        return tie;
    }

    // Without the antq marker a graph's "structure" is a free attribute like any other.
    static constexpr std::string_view graph_plain[] = {"name"};

    std::string_view m_text;
    std::string m_source;
    std::unordered_map<std::string, Key> m_keys;
    bool m_antq = false;
};

// The `.json` attributes of one unit, tie or graph, decoded: (name written, name meant, value).
struct Decoded {
    std::string from, to;
    Value value;
};

std::vector<Decoded> decode_all(const Object& attributes, const std::string& where) {
    std::vector<Decoded> out;
    for (const auto& [name, value] : attributes) {
        if (!ends_with_json(name) || value.type() != Value::Type::string) continue;
        auto [to, decoded] = decode_json_attribute(name, value.as_string(), where + " attribute '" + name + "'");
        if (attributes.find(to))
            throw InvalidInput("duplicate_data", where, "attribute '" + to + "' is given twice (also as '" + name + "')");
        out.push_back({name, std::move(to), std::move(decoded)});
    }
    return out;
}

}  // namespace

void write_graphml(std::ostream& out, const OrgGraph& graph) {
    const OrgGraph::ReadGuard guard(graph);
    out << Writer(graph).run();
}

void save_graphml(const OrgGraph& graph, const std::filesystem::path& path) {
    const OrgGraph::ReadGuard guard(graph);
    detail::write_file(path, Writer(graph).run());  // all or nothing, like the JSON writers
}

OrgGraph parse_graphml(std::string_view text, std::string_view source, const ReadLimits& limits) {
    detail::check_size(text, std::string(source), limits.max_bytes);
    return GraphmlReader(text, std::string(source)).run();
}

OrgGraph read_graphml(const std::filesystem::path& path, const ReadLimits& limits) {
    const std::string text = detail::read_file(path, limits.max_bytes);
    return GraphmlReader(text, path.string()).run();
}

void restore_graphml_attributes(OrgGraph& graph) {
    Object attributes = graph.attributes();
    const Value* format = attributes.find("antq_format");
    if (!format) return;
    if (format->type() != Value::Type::string || format->as_string() != format_name)
        throw InvalidInput("not_graphml", "graph attribute 'antq_format'", "expected '" + std::string(format_name) + "'");
    const Value* version = attributes.find("antq_version");
    if (!version || version->type() != Value::Type::integer || version->as_integer() != graphml_version)
        throw InvalidInput("unsupported_version", "graph attribute 'antq_version'",
                           "this library reads antq GraphML version " + std::to_string(graphml_version));
    const AdministrativeStructure* structure = &AdministrativeStructure::either();
    if (const Value* s = attributes.find("structure")) {
        if (s->type() != Value::Type::string)
            throw InvalidInput("wrong_type", "graph attribute 'structure'", "expected a string");
        structure = &AdministrativeStructure::preset(s->as_string());
    }
    attributes.erase("antq_format");
    attributes.erase("antq_version");
    attributes.erase("structure");
    // nx.read_graphml adds the key defaults it found (none, in antq's files) as these two graph attributes.
    for (const char* nx_defaults : {"node_default", "edge_default"})
        if (const Value* v = attributes.find(nx_defaults); v && v->type() == Value::Type::object && v->as_object().empty())
            attributes.erase(nx_defaults);
    for (auto& d : decode_all(attributes, "graph")) {
        attributes.erase(d.from);
        attributes.set(std::move(d.to), std::move(d.value));
    }

    // Everything is decoded before anything changes, so an error leaves the graph as it was.
    std::vector<std::pair<UnitIndex, std::vector<Decoded>>> units;
    for (UnitIndex u : graph.units())
        if (auto d = decode_all(graph.unit(u).attributes, "unit '" + graph.unit(u).id + "'"); !d.empty())
            units.emplace_back(u, std::move(d));
    std::vector<std::pair<TieIndex, std::vector<Decoded>>> ties;
    std::vector<TieIndex> nx_edge_ids;
    for (TieIndex t : graph.ties()) {
        const Tie& tie = graph.tie(t);
        const std::string where = "tie '" + graph.unit(tie.source).id + "' -" + std::string(to_string(tie.kind)) +
                                  "-> '" + graph.unit(tie.target).id + "'";
        // A plain "id" is NetworkX's edge id: antq writes a tie attribute so named as "id.json" (edge_json_only).
        Object attributes_of_tie = tie.attributes;
        if (attributes_of_tie.erase("id")) nx_edge_ids.push_back(t);
        if (auto d = decode_all(attributes_of_tie, where); !d.empty()) ties.emplace_back(t, std::move(d));
    }
    graph.set_structure(*structure);
    graph.set_attributes(std::move(attributes));
    for (auto& [u, list] : units)
        for (auto& d : list) {
            graph.erase_unit_attribute(u, d.from);
            graph.set_unit_attribute(u, std::move(d.to), std::move(d.value));
        }
    for (TieIndex t : nx_edge_ids) graph.erase_tie_attribute(t, "id");
    for (auto& [t, list] : ties)
        for (auto& d : list) {
            graph.erase_tie_attribute(t, d.from);
            graph.set_tie_attribute(t, std::move(d.to), std::move(d.value));
        }
}

}  // namespace antq
