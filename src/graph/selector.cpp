#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>

#include "graph/detail/storage.hpp"

namespace antq {

Selector::Selector() : m_node(std::make_shared<const Node>()) {}

Selector::Selector(Node node) : m_node(std::make_shared<const Node>(std::move(node))) {}

Selector Selector::all() { return Selector(); }

Selector Selector::kind(UnitKind k) { return kinds({k}); }

Selector Selector::kinds(std::vector<UnitKind> ks) {
    if (ks.empty()) throw InvalidInput("bad_selector", "kinds", "give at least one kind");
    Node n;
    n.op = Op::kind;
    n.kinds = std::move(ks);
    return Selector(std::move(n));
}

Selector Selector::level(Level l) { return levels({l}); }

Selector Selector::levels(std::vector<Level> ls) {
    if (ls.empty()) throw InvalidInput("bad_selector", "levels", "give at least one level");
    Node n;
    n.op = Op::level;
    n.levels = std::move(ls);
    return Selector(std::move(n));
}

Selector Selector::within(std::string territory_id) {
    Node n;
    n.op = Op::within;
    n.ids = {std::move(territory_id)};
    return Selector(std::move(n));
}

Selector Selector::id(std::string unit_id) { return ids({std::move(unit_id)}); }

Selector Selector::ids(std::vector<std::string> unit_ids) {
    if (unit_ids.empty()) throw InvalidInput("bad_selector", "ids", "give at least one id");
    Node n;
    n.op = Op::id;
    n.ids = std::move(unit_ids);
    return Selector(std::move(n));
}

namespace {

// Whether `v` nests deeper than `limit` (a scalar is at depth 0); stops at the limit, so it never recurses deeper.
bool nests_deeper(const Value& v, std::size_t limit) {
    if (v.type() != Value::Type::array && v.type() != Value::Type::object) return false;
    if (limit == 0) return true;
    if (v.type() == Value::Type::array)
        return std::any_of(v.as_array().begin(), v.as_array().end(), [&](const Value& x) { return nests_deeper(x, limit - 1); });
    return std::any_of(v.as_object().begin(), v.as_object().end(),
                       [&](const Object::member_type& m) { return nests_deeper(m.second, limit - 1); });
}

bool finite_throughout(const Value& v) {
    switch (v.type()) {
        case Value::Type::number: return std::isfinite(v.as_number());
        case Value::Type::array: return std::all_of(v.as_array().begin(), v.as_array().end(), finite_throughout);
        case Value::Type::object:
            return std::all_of(v.as_object().begin(), v.as_object().end(),
                               [](const Object::member_type& m) { return finite_throughout(m.second); });
        default: return true;
    }
}

// The depth of a node over `operands`, refused beyond Selector::max_depth.
std::uint32_t depth_over(const std::vector<Selector>& operands, const char* what) {
    std::uint32_t below = 0;
    for (const Selector& s : operands) below = std::max(below, s.node().depth);
    if (below + 1 > Selector::max_depth)
        throw InvalidInput("too_deep", what,
                           "a selector nests at most " + std::to_string(Selector::max_depth) +
                               " levels deep; combine many operands with one all_of / any_of over a list, not a chain of "
                               "& or |");
    return below + 1;
}

}  // namespace

Selector Selector::attribute_equals(std::string key, Value value) {
    if (nests_deeper(value, max_value_depth))
        throw InvalidInput("too_deep", "attribute_equals",
                           "attribute values nest at most " + std::to_string(max_value_depth) + " deep");
    if (!finite_throughout(value))
        throw InvalidInput("non_finite_number", "attribute_equals", "no attribute holds NaN or infinity");
    Node n;
    n.op = Op::attribute_equals;
    n.key = std::move(key);
    n.value = std::move(value);
    return Selector(std::move(n));
}

Selector Selector::has_attribute(std::string key) {
    Node n;
    n.op = Op::has_attribute;
    n.key = std::move(key);
    return Selector(std::move(n));
}

Selector Selector::all_of(std::vector<Selector> operands) {
    if (operands.empty()) throw InvalidInput("bad_selector", "all_of", "give at least one operand");
    Node n;
    n.op = Op::all_of;
    n.depth = depth_over(operands, "all_of");
    n.operands = std::move(operands);
    return Selector(std::move(n));
}

Selector Selector::any_of(std::vector<Selector> operands) {
    if (operands.empty()) throw InvalidInput("bad_selector", "any_of", "give at least one operand");
    Node n;
    n.op = Op::any_of;
    n.depth = depth_over(operands, "any_of");
    n.operands = std::move(operands);
    return Selector(std::move(n));
}

Selector Selector::negation(Selector operand) {
    Node n;
    n.op = Op::negation;
    n.operands = {std::move(operand)};
    n.depth = depth_over(n.operands, "negation");
    return Selector(std::move(n));
}

std::vector<bool> territory_mask(const OrgGraph& graph, UnitIndex root) {
    const Unit& r = graph.unit(root);
    if (!is_territory(r.kind))
        throw InvalidInput("not_a_territory", "'" + r.id + "'",
                           "'within' needs a territory, not a " + std::string(to_string(r.kind)));
    std::vector<bool> in(graph.unit_capacity(), false);
    std::vector<UnitIndex> territories{root};
    in[root.value] = true;
    for (std::size_t next = 0; next < territories.size(); ++next)
        detail::for_each_out(graph, territories[next], TieKind::contains, [&](UnitIndex c) {
            if (!in[c.value]) {
                in[c.value] = true;
                territories.push_back(c);
            }
        });
    for (UnitIndex t : territories)
        detail::for_each_in(graph, t, TieKind::serves, [&](UnitIndex body) {
            in[body.value] = true;
            detail::for_each_in(graph, body, TieKind::heads, [&](UnitIndex post) { in[post.value] = true; });
        });
    return in;
}

namespace {

// Unit indices, ascending, each once: the units still in the running while a tree is evaluated.
using Candidates = std::vector<std::uint32_t>;

// The units of both lists.
Candidates intersection(const Candidates& a, const Candidates& b) {
    Candidates out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// The units of `a` that `b` lacks.
Candidates difference(const Candidates& a, const Candidates& b) {
    Candidates out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// Narrows `keep` to the units `node` also picks, on either graph: the mutable one or its frozen view, which answer
// kinds(), levels() and index_of() alike. The view holds no attributes, so attribute tests read `attributes`, the
// graph itself (or the graph the view froze; none if the caller gave none). Every test is of one unit alone, so each
// node looks only at the units still in the running: an and-node narrows operand by operand, most selective first;
// an or-node hands each operand only the units no earlier operand picked. The cost follows the candidates, not the
// graph, which is what selecting among a few units (the evaluation's exclusions) needs.
template <class Graph>
void narrow(const Selector::Node& n, const Graph& graph, const OrgGraph* attributes, Candidates& keep) {
    using Op = Selector::Op;
    auto keep_if = [&](auto&& test) { std::erase_if(keep, [&](std::uint32_t i) { return !test(i); }); };
    auto test_each = [&](auto&& test) {
        if (attributes == nullptr)
            throw InvalidInput("needs_graph", "attribute '" + n.key + "'",
                               "the frozen view holds no attributes; select on it with the graph it froze");
        keep_if([&](std::uint32_t i) { return test(attributes->unit(UnitIndex{i})); });
    };
    switch (n.op) {
        case Op::everything: break;
        case Op::kind: {
            // The packed kinds: a scan of the whole graph stays in cache.
            std::array<std::uint8_t, unit_kind_count> wanted{};
            for (UnitKind k : n.kinds) wanted[static_cast<std::size_t>(k)] = 1;
            const auto kinds = graph.kinds();
            keep_if([&](std::uint32_t i) { return wanted[static_cast<std::size_t>(kinds[i])] != 0; });
            break;
        }
        case Op::level: {
            std::array<std::uint8_t, all_levels.size()> wanted{};
            for (Level l : n.levels) wanted[static_cast<std::size_t>(l)] = 1;
            const auto levels = graph.levels();
            keep_if([&](std::uint32_t i) { return wanted[static_cast<std::size_t>(levels[i])] != 0; });
            break;
        }
        case Op::within: {
            const UnitIndex root = graph.index_of(n.ids.front());
            if constexpr (std::is_same_v<Graph, FrozenGraph>) {
                // The view walks only the subtree's rows.
                Candidates inside;
                for (UnitIndex u : graph.within(root)) inside.push_back(u.value);
                keep = intersection(keep, inside);
            } else {
                const auto in = territory_mask(graph, root);
                keep_if([&](std::uint32_t i) { return in[i]; });
            }
            break;
        }
        case Op::id: {
            Candidates named;
            for (const std::string& id : n.ids) named.push_back(graph.index_of(id).value);
            std::sort(named.begin(), named.end());
            named.erase(std::unique(named.begin(), named.end()), named.end());
            keep = intersection(keep, named);
            break;
        }
        case Op::attribute_equals:
            test_each([&](const Unit& u) {
                const Value* v = u.attributes.find(n.key);
                return v != nullptr && *v == n.value;
            });
            break;
        case Op::has_attribute: test_each([&](const Unit& u) { return u.attributes.find(n.key) != nullptr; }); break;
        case Op::all_of: {
            std::vector<const Selector::Node*> order;
            for (const Selector& s : n.operands) order.push_back(&s.node());
            // id and within pick few units; test them first.
            std::stable_sort(order.begin(), order.end(), [](const Selector::Node* a, const Selector::Node* b) {
                auto rank = [](Op op) { return op == Op::id ? 0 : op == Op::within ? 1 : 2; };
                return rank(a->op) < rank(b->op);
            });
            for (const Selector::Node* operand : order) narrow(*operand, graph, attributes, keep);
            break;
        }
        case Op::any_of: {
            Candidates any;
            for (const Selector& s : n.operands) {
                Candidates part = keep;
                narrow(s.node(), graph, attributes, part);
                keep = difference(keep, part);
                Candidates both;
                std::merge(any.begin(), any.end(), part.begin(), part.end(), std::back_inserter(both));
                any.swap(both);
            }
            keep.swap(any);
            break;
        }
        case Op::negation: {
            Candidates part = keep;
            narrow(n.operands.front().node(), graph, attributes, part);
            keep = difference(keep, part);
            break;
        }
    }
}

// The kind or level test narrow() applies first to `n`, if it starts with one: `n` itself, or the first operand of
// an and-node (in narrow()'s order) that starts with one. None when an id, within, attribute or or-node comes first.
const Selector::Node* first_packed_test(const Selector::Node& n) {
    using Op = Selector::Op;
    if (n.op == Op::kind || n.op == Op::level) return &n;
    if (n.op != Op::all_of) return nullptr;
    for (const Selector& s : n.operands)  // id and within come first in narrow(): with either, seed nothing
        if (s.node().op == Op::id || s.node().op == Op::within) return nullptr;
    return first_packed_test(n.operands.front().node());
}

// Every live unit passing `test` (a kind or level node), read from the packed arrays in one pass: the list a tree
// starting with that test narrows, without first listing every unit of the graph.
template <class Graph>
Candidates live_units_passing(const Selector::Node& test, const Graph& graph) {
    std::array<std::uint8_t, std::max(unit_kind_count, all_levels.size())> wanted{};
    Candidates keep;
    auto scan = [&](const auto& packed) {
        // Sized once: a count of the units passing, removed or not, bounds the list.
        std::size_t passing = 0;
        for (const auto value : packed) passing += wanted[static_cast<std::size_t>(value)];
        keep.reserve(passing);
        for (std::uint32_t i = 0; i < packed.size(); ++i)
            if (wanted[static_cast<std::size_t>(packed[i])] != 0 && graph.is_alive(UnitIndex{i})) keep.push_back(i);
    };
    if (test.op == Selector::Op::kind) {
        for (UnitKind k : test.kinds) wanted[static_cast<std::size_t>(k)] = 1;
        scan(graph.kinds());
    } else {
        for (Level l : test.levels) wanted[static_cast<std::size_t>(l)] = 1;
        scan(graph.levels());
    }
    return keep;
}

// The units `selector` picks among every live unit, or among the live units of `among` if given.
template <class Graph>
std::vector<UnitIndex> evaluate(const Selector& selector, const Graph& graph, const OrgGraph* attributes,
                                const std::span<const UnitIndex>* among = nullptr) {
    Candidates keep;
    if (among) {
        for (UnitIndex u : *among)
            if (graph.is_alive(u)) keep.push_back(u.value);
        std::sort(keep.begin(), keep.end());
        keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    } else if (const Selector::Node* test = first_packed_test(selector.node())) {
        // narrow() applies the test again, to the few units it kept: a pass over the picked units, not the graph.
        keep = live_units_passing(*test, graph);
    } else {
        keep.reserve(graph.unit_count());
        for (std::uint32_t i = 0; i < graph.unit_capacity(); ++i)
            if (graph.is_alive(UnitIndex{i})) keep.push_back(i);
    }
    narrow(selector.node(), graph, attributes, keep);
    std::vector<UnitIndex> out;
    out.reserve(keep.size());
    for (std::uint32_t i : keep) out.push_back(UnitIndex{i});
    return out;
}

}  // namespace

std::vector<bool> Selector::mask(const OrgGraph& graph) const {
    const OrgGraph::ReadGuard reading(graph);
    std::vector<bool> out(graph.unit_capacity(), false);
    for (UnitIndex u : evaluate(*this, graph, &graph)) out[u.value] = true;
    return out;
}

std::vector<UnitIndex> Selector::select(const OrgGraph& graph) const {
    const OrgGraph::ReadGuard reading(graph);
    return evaluate(*this, graph, &graph);
}

std::vector<UnitIndex> Selector::select(const OrgGraph& graph, std::span<const UnitIndex> among) const {
    const OrgGraph::ReadGuard reading(graph);
    return evaluate(*this, graph, &graph, &among);
}

std::vector<UnitIndex> Selector::select(const FrozenGraph& view) const { return evaluate(*this, view, nullptr); }

std::vector<UnitIndex> Selector::select(const FrozenGraph& view, std::span<const UnitIndex> among) const {
    return evaluate(*this, view, nullptr, &among);
}

std::vector<UnitIndex> Selector::select(const FrozenGraph& view, const OrgGraph& graph) const {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    return evaluate(*this, view, &graph);
}

std::vector<UnitIndex> Selector::select(const FrozenGraph& view, const OrgGraph& graph,
                                        std::span<const UnitIndex> among) const {
    const OrgGraph::ReadGuard reading(graph);
    view.check_current(graph);
    return evaluate(*this, view, &graph, &among);
}

namespace {

std::string render(const Value& v) {
    switch (v.type()) {
        case Value::Type::null: return "null";
        case Value::Type::boolean: return v.as_bool() ? "true" : "false";
        case Value::Type::integer: return std::to_string(v.as_integer());
        case Value::Type::number: return std::to_string(v.as_number());
        case Value::Type::string: return "'" + v.as_string() + "'";
        case Value::Type::array: return "[...]";
        case Value::Type::object: return "{...}";
    }
    return "?";
}

template <class T, class F>
std::string joined(const std::vector<T>& items, F&& name) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + std::string(name(item));
    return out;
}

}  // namespace

std::string Selector::to_string() const {
    const Node& n = *m_node;
    switch (n.op) {
        case Op::everything: return "all";
        case Op::kind: return "kind(" + joined(n.kinds, [](UnitKind k) { return antq::to_string(k); }) + ")";
        case Op::level: return "level(" + joined(n.levels, [](Level l) { return antq::to_string(l); }) + ")";
        case Op::within: return "within('" + n.ids.front() + "')";
        case Op::id: return "id(" + joined(n.ids, [](const std::string& s) { return "'" + s + "'"; }) + ")";
        case Op::attribute_equals: return "attribute(" + n.key + " == " + render(n.value) + ")";
        case Op::has_attribute: return "has_attribute(" + n.key + ")";
        case Op::all_of:
        case Op::any_of: {
            const char* glue = n.op == Op::all_of ? " & " : " | ";
            std::string out;
            for (const Selector& s : n.operands) {
                const bool wrap = s.node().op == Op::all_of || s.node().op == Op::any_of;
                out += (out.empty() ? "" : glue) + (wrap ? "(" + s.to_string() + ")" : s.to_string());
            }
            return out.empty() ? (n.op == Op::all_of ? "all" : "none") : out;
        }
        case Op::negation: return "~(" + n.operands.front().to_string() + ")";
    }
    return "?";
}

bool operator==(const Selector& a, const Selector& b) {
    const auto& x = *a.m_node;
    const auto& y = *b.m_node;
    return x.op == y.op && x.kinds == y.kinds && x.levels == y.levels && x.ids == y.ids && x.key == y.key &&
           x.value == y.value && x.operands == y.operands;
}

}  // namespace antq
