#include <algorithm>
#include <atomic>
#include <unordered_set>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/text.hpp>

#include "graph/detail/storage.hpp"
#include "graph/detail/stored_id.hpp"
#include "model/detail/keys.hpp"
#include "model/detail/nfc.hpp"

namespace antq {

using detail::is_ascii;
using detail::stored_form;

namespace {

constexpr std::size_t max_id_bytes = 256;
constexpr std::size_t max_name_bytes = 4096;

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string describe(const Unit& u) { return std::string(to_string(u.kind)) + " " + quoted(u.id); }

void check_id(std::string_view id) {
    if (id.empty()) throw InvalidInput("bad_id", "", "a unit id must not be empty");
    if (id.size() > max_id_bytes)
        throw InvalidInput("bad_id", quoted(id.substr(0, 40)) + "...",
                           "a unit id must be at most " + std::to_string(max_id_bytes) + " bytes");
    if (!is_valid_utf8(id)) throw InvalidInput("invalid_utf8", "unit id", "the id is not well-formed UTF-8");
    for (unsigned char c : id)
        if (c < 0x20 || c == 0x7f)
            throw InvalidInput("bad_id", quoted(id), "a unit id must not contain control characters");
    if (id.front() == ' ' || id.back() == ' ')
        throw InvalidInput("bad_id", quoted(id), "a unit id must not start or end with a space");
}

// True if `text` is stored as it is: well-formed UTF-8, already in NFC.
bool in_nfc(std::string_view text) { return is_ascii(text) || detail::is_nfc(text); }

// Checks a unit's name and puts it in NFC, in place: a name already in NFC is kept, not copied.
void check_name(std::string& name, std::string_view id) {
    const auto where = [&] { return "unit " + quoted(id); };
    if (name.empty()) throw InvalidInput("bad_name", where(), "a unit needs a non-empty name");
    if (name.size() > max_name_bytes)
        throw InvalidInput("bad_name", where(), "a name must be at most " + std::to_string(max_name_bytes) + " bytes");
    // Tabs and line breaks are allowed (XML, and so GraphML, can hold them); other control characters not.
    for (unsigned char c : name)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            throw InvalidInput("bad_name", where(), "a name must not contain control characters other than tab and line breaks");
    if (!in_nfc(name)) name = to_nfc(name, where);
}

// Attribute text is stored in NFC like names, numbers must be finite, and nesting must stay within what
// the JSON reader accepts (max_value_depth): what a graph holds must survive a save and a load unchanged.
constexpr std::size_t max_attribute_depth = max_value_depth;

Value checked_value(const Value& v, const std::string& where, std::size_t depth = 0);

Object checked_object(const Object& o, const std::string& where, std::size_t depth = 0) {
    std::vector<Object::member_type> members;  // sorted once below: set() per member is quadratic on wide objects
    members.reserve(o.size());
    for (const auto& [k, v] : o) members.emplace_back(to_nfc(k, where), checked_value(v, where + "/" + k, depth + 1));
    detail::refuse_equal_keys(members, std::vector<std::string>(members.size(), where));
    return Object(std::move(members));
}

Value checked_value(const Value& v, const std::string& where, std::size_t depth) {
    if (depth > max_attribute_depth)
        throw InvalidInput("too_deep", where, "attribute values nest at most " + std::to_string(max_attribute_depth) + " deep");
    switch (v.type()) {
        case Value::Type::number:
            if (!std::isfinite(v.as_number()))
                throw InvalidInput("non_finite_number", where, "attribute numbers must be finite (JSON has no NaN or infinity)");
            return v;
        case Value::Type::string: return Value(to_nfc(v.as_string(), where));
        case Value::Type::array: {
            Array out;
            std::size_t i = 0;
            for (const Value& item : v.as_array())
                out.push_back(checked_value(item, where + "/" + std::to_string(i++), depth + 1));
            return Value(std::move(out));
        }
        case Value::Type::object: return Value(checked_object(v.as_object(), where, depth));
        default: return v;
    }
}

// True if checked_object() would give `o` back unchanged and throw nothing: the common case (attributes read from a
// file, or copied from another graph), checked without building the places errors would name.
bool stored_as_is(const Object& o, std::size_t depth = 0);

bool stored_as_is(const Value& v, std::size_t depth) {
    if (depth > max_attribute_depth) return false;
    switch (v.type()) {
        case Value::Type::number: return std::isfinite(v.as_number());
        case Value::Type::string: return in_nfc(v.as_string());
        case Value::Type::array:
            return std::all_of(v.as_array().begin(), v.as_array().end(),
                               [&](const Value& item) { return stored_as_is(item, depth + 1); });
        case Value::Type::object: return stored_as_is(v.as_object(), depth);
        default: return true;
    }
}

// Keys already in NFC cannot fold into one another, so none is refused as a repeat.
bool stored_as_is(const Object& o, std::size_t depth) {
    return std::all_of(o.begin(), o.end(), [&](const Object::member_type& m) {
        return in_nfc(m.first) && stored_as_is(m.second, depth + 1);
    });
}

}  // namespace

namespace detail {

// Marks a mutation of `graph` as running for its lifetime; refuses while a ReadGuard is held. Mutations nest (one
// public mutation may call another), so the count goes below zero once per running mutation.
class WriteScope {
public:
    explicit WriteScope(const OrgGraph& graph) : m_use(graph.m_use) {
        std::int64_t seen = m_use.load(std::memory_order_acquire);
        do {
            if (seen > 0)
                throw GraphInUse("graph_in_use", graph.m_name.empty() ? "graph" : "graph '" + graph.m_name + "'",
                                 "another thread is reading this graph in a long call (evaluate, compile, an analysis, a "
                                 "writer, a copy); change it once that call has returned");
        } while (!m_use.compare_exchange_weak(seen, seen - 1, std::memory_order_acq_rel, std::memory_order_acquire));
    }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    ~WriteScope() { m_use.fetch_add(1, std::memory_order_release); }

private:
    std::atomic<std::int64_t>& m_use;
};

}  // namespace detail

OrgGraph::ReadGuard::ReadGuard(const OrgGraph& graph) : m_graph(graph) {
    std::int64_t seen = graph.m_use.load(std::memory_order_acquire);
    do {
        if (seen < 0)
            throw GraphInUse("graph_in_use", graph.m_name.empty() ? "graph" : "graph '" + graph.m_name + "'",
                             "another thread is changing this graph; read it once the change is done");
    } while (!graph.m_use.compare_exchange_weak(seen, seen + 1, std::memory_order_acq_rel, std::memory_order_acquire));
}

OrgGraph::ReadGuard::~ReadGuard() { m_graph.m_use.fetch_sub(1, std::memory_order_release); }

namespace {
// One counter for all graphs, so that a generation names one state of one graph.
std::atomic<std::uint64_t> next_generation{1};
}  // namespace

void OrgGraph::touch() noexcept {
    m_generation = next_generation.fetch_add(1, std::memory_order_relaxed);
    // No reader runs during a mutation (the class's thread-safety rule), so the cache needs no lock here.
    if (m_graph) m_graph->frozen.reset();
}

std::shared_ptr<const FrozenGraph> OrgGraph::freeze() const {
    const ReadGuard reading(*this);
    std::lock_guard lock(m_graph->frozen_mutex);
    if (!m_graph->frozen || m_graph->frozen->generation() != m_generation)
        m_graph->frozen = std::make_shared<const FrozenGraph>(*this);
    return m_graph->frozen;
}

namespace detail {
const Storage& storage(const OrgGraph& graph) noexcept { return *graph.m_graph; }
}  // namespace detail

OrgGraph::OrgGraph() : m_graph(std::make_unique<detail::Storage>()) { touch(); }

OrgGraph::OrgGraph(const AdministrativeStructure& structure) : OrgGraph() { m_structure = &structure; }

OrgGraph::~OrgGraph() = default;

OrgGraph::OrgGraph(const OrgGraph& other) : OrgGraph() {
    const ReadGuard reading(other);
    m_graph = std::make_unique<detail::Storage>(*other.m_graph);
    m_structure = other.m_structure;
    m_units = other.m_units;
    m_kinds = other.m_kinds;
    m_levels = other.m_levels;
    m_unit_alive = other.m_unit_alive;
    m_ties = other.m_ties;
    m_tie_alive = other.m_tie_alive;
    m_index = other.m_index;
    m_unit_count = other.m_unit_count;
    m_tie_count = other.m_tie_count;
    m_name = other.m_name;
    m_attributes = other.m_attributes;
    touch();  // a copy is another graph: results compiled on the original must not pass for it
}

OrgGraph& OrgGraph::operator=(const OrgGraph& other) {
    if (this != &other) {
        OrgGraph copy(other);
        const detail::WriteScope writing(*this);
        swap(copy);
    }
    return *this;
}

void OrgGraph::swap(OrgGraph& other) noexcept {
    std::swap(m_graph, other.m_graph);
    std::swap(m_structure, other.m_structure);
    m_units.swap(other.m_units);
    m_kinds.swap(other.m_kinds);
    m_levels.swap(other.m_levels);
    m_unit_alive.swap(other.m_unit_alive);
    m_ties.swap(other.m_ties);
    m_tie_alive.swap(other.m_tie_alive);
    std::swap(m_index, other.m_index);
    std::swap(m_unit_count, other.m_unit_count);
    std::swap(m_tie_count, other.m_tie_count);
    m_name.swap(other.m_name);
    std::swap(m_attributes, other.m_attributes);
    // Both graphs now hold other content: views and results on either must go stale.
    touch();
    other.touch();
}

void OrgGraph::set_name(std::string name) {
    const detail::WriteScope writing(*this);
    m_name = to_nfc(name, "graph name");
    touch();
}

void OrgGraph::set_attributes(Object attributes) {
    const detail::WriteScope writing(*this);
    m_attributes = checked_object(attributes, "graph attributes");
    touch();
}


std::optional<UnitIndex> OrgGraph::find(std::string_view id) const noexcept {
    std::optional<std::string> nfc;
    if (!is_ascii(id)) {
        nfc = stored_form(id);
        if (!nfc) return std::nullopt;
        id = *nfc;
    }
    const auto found = m_index.find(id, id_of());
    if (!found) return std::nullopt;
    return UnitIndex{*found};
}

std::vector<std::optional<UnitIndex>> OrgGraph::find(std::span<const std::string_view> given) const {
    // Ids outside ASCII are looked up in their stored form (NFC); most ids are ASCII codes and pass as they are.
    std::vector<std::string> normalised;
    std::vector<std::string_view> rewritten;
    std::span<const std::string_view> ids = given;
    if (!std::all_of(given.begin(), given.end(), is_ascii)) {
        rewritten.assign(given.begin(), given.end());
        normalised.reserve(given.size());
        for (auto& id : rewritten)
            if (!is_ascii(id)) id = normalised.emplace_back(stored_form(id).value_or(std::string()));
        ids = rewritten;
    }
    std::vector<std::optional<std::uint32_t>> found(ids.size());
    m_index.find_many(ids, found.data(), id_of(), [this](std::uint32_t i) { __builtin_prefetch(&m_units[i]); });
    std::vector<std::optional<UnitIndex>> out(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (found[i]) out[i] = UnitIndex{*found[i]};
    return out;
}

UnitIndex OrgGraph::index_of(std::string_view id) const {
    if (auto u = find(id)) return *u;
    throw NotFound("unknown_unit", quoted(id), "no unit has this id");
}

// GSO codes: as wide as the structure says for the territory's level (2 digits for a province, 3 for a district,
// 5 for a commune). Ids that are not all digits are not codes.
void OrgGraph::check_gso_width(const Unit& u) const {
    if (!is_territory(u.kind)) return;
    const bool digits = std::all_of(u.id.begin(), u.id.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto expected = m_structure->code_digits(u.level);
    if (!digits || !expected || u.id.size() == *expected) return;
    throw InvalidInput("bad_gso_code", "unit " + quoted(u.id),
                       "an all-digit id is read as a GSO code, and a " + std::string(to_string(u.kind)) + " code has " +
                           std::to_string(*expected) + " digits");
}

void OrgGraph::set_structure(const AdministrativeStructure& structure) {
    const detail::WriteScope writing(*this);
    const AdministrativeStructure* before = m_structure;
    m_structure = &structure;
    try {
        for (UnitIndex u : units()) {
            const Unit& unit = m_units[u.value];
            if (!structure.has_level(unit.level))
                throw HierarchyError("wrong_level", "unit " + quoted(unit.id),
                                     "the " + structure.id() + " structure has no " + std::string(to_string(unit.level)) +
                                         " level");
            check_gso_width(unit);
        }
        for (TieIndex t : ties()) {
            const Tie& tie = m_ties[t.value];
            if (tie.kind != TieKind::contains) continue;
            const Unit& outer = m_units[tie.source.value];
            const Unit& inner = m_units[tie.target.value];
            if (!structure.may_contain(outer.level, inner.level))
                throw HierarchyError("wrong_level", quoted(outer.id) + " -contains-> " + quoted(inner.id),
                                     "a " + std::string(to_string(outer.level)) + " cannot directly contain a " +
                                         std::string(to_string(inner.level)) + " (structure '" + structure.id() + "')");
        }
    } catch (...) {
        m_structure = before;
        throw;
    }
    touch();
}

void OrgGraph::for_each_child(UnitIndex u, TieKind kind, detail::FunctionRef<void(UnitIndex)> f) const {
    checked_unit(u);
    detail::for_each_out(*this, u, kind, f);
}

void OrgGraph::for_each_parent(UnitIndex u, TieKind kind, detail::FunctionRef<void(UnitIndex)> f) const {
    checked_unit(u);
    detail::for_each_in(*this, u, kind, f);
}

bool OrgGraph::is_alive(TieIndex t) const noexcept { return t.value < m_ties.size() && m_tie_alive[t.value]; }

const Unit& OrgGraph::checked_unit(UnitIndex u) const {
    if (!is_alive(u)) throw NotFound("unknown_unit", "index " + std::to_string(u.value), "no unit has this index");
    return m_units[u.value];
}

const Unit& OrgGraph::unit(UnitIndex u) const { return checked_unit(u); }

const Tie& OrgGraph::tie(TieIndex t) const {
    if (!is_alive(t)) throw NotFound("unknown_tie", "index " + std::to_string(t.value), "no tie has this index");
    return m_ties[t.value];
}

std::vector<UnitIndex> OrgGraph::units() const {
    std::vector<UnitIndex> out;
    out.reserve(m_unit_count);
    for (std::uint32_t i = 0; i < m_units.size(); ++i)
        if (m_unit_alive[i]) out.push_back(UnitIndex{i});
    return out;
}

std::vector<TieIndex> OrgGraph::ties() const {
    std::vector<TieIndex> out;
    out.reserve(m_tie_count);
    for (std::uint32_t i = 0; i < m_ties.size(); ++i)
        if (m_tie_alive[i]) out.push_back(TieIndex{i});
    return out;
}

void OrgGraph::reserve(std::size_t units, std::size_t ties) {
    const detail::WriteScope writing(*this);
    m_units.reserve(units);
    m_kinds.reserve(units);
    m_levels.reserve(units);
    m_unit_alive.reserve(units);
    m_index.reserve(units, id_of());
    m_ties.reserve(ties);
    m_tie_alive.reserve(ties);
}

namespace {

// Grows `v` geometrically when full, so that the next push_back cannot throw and appends stay amortised O(1).
template <class Vector>
void make_room(Vector& v) {
    if (v.size() == v.capacity()) v.reserve(std::max<std::size_t>(16, 2 * v.capacity()));
}

}  // namespace

UnitIndex OrgGraph::add_unit(Unit unit) {
    const detail::WriteScope writing(*this);
    check_id(unit.id);
    if (!is_ascii(unit.id)) unit.id = to_nfc(unit.id, "unit id");
    if (m_index.find(unit.id, id_of()))
        throw InvalidInput("duplicate_id", "unit " + quoted(unit.id), "another unit already has this id");
    check_new_unit(unit);
    const UnitIndex index{static_cast<std::uint32_t>(m_units.size())};
    push_unit(std::move(unit));
    m_index.insert(m_units.back().id, index.value, id_of());
    touch();
    return index;
}

// What add_unit() checks of an id before putting it in stored form: not empty, not too long, UTF-8, no control
// character, no space at either end.
void OrgGraph::check_new_id(std::string_view id) { check_id(id); }

// What add_unit() checks of a unit whose id is well formed, in stored form and not yet used: its name (put in NFC),
// its level, its code's width and its attributes (put in stored form).
void OrgGraph::check_new_unit(Unit& unit) const {
    check_name(unit.name, unit.id);
    check_unit_level(unit);
    if (!unit.attributes.empty() && !stored_as_is(unit.attributes))
        unit.attributes = checked_object(unit.attributes, "unit " + quoted(unit.id) + " attributes");
    if (m_units.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw InvalidInput("too_many_units", "", "a graph holds at most 2^32 - 2 units");
}

// The rules on a unit that depend on its kind and level and on the structure, not on its texts.
void OrgGraph::check_unit_level(const Unit& unit) const {
    if (is_territory(unit.kind) && unit.level != territory_level(unit.kind))
        throw InvalidInput("level_mismatch", "unit " + quoted(unit.id),
                           "a " + std::string(to_string(unit.kind)) + " is at level " +
                               std::string(to_string(territory_level(unit.kind))) + ", not " +
                               std::string(to_string(unit.level)));
    if (!m_structure->has_level(unit.level))
        throw HierarchyError("wrong_level", "unit " + quoted(unit.id),
                             "the " + m_structure->id() + " structure has no " + std::string(to_string(unit.level)) +
                                 " level");
    check_gso_width(unit);
}

// Appends a checked unit (its vertex, record and packed kind and level), not yet in the id index. Strong guarantee.
void OrgGraph::push_unit(Unit unit) {
    make_room(m_kinds);  // so the pushes below cannot fail half way
    make_room(m_levels);
    make_room(m_unit_alive);
    make_room(m_units);
    if (boost::num_vertices(m_graph->graph) == m_units.size()) boost::add_vertex(m_graph->graph);
    m_kinds.push_back(unit.kind);
    m_levels.push_back(unit.level);
    m_units.push_back(std::move(unit));
    m_unit_alive.push_back(true);
    ++m_unit_count;
}

std::optional<TieIndex> OrgGraph::find_tie(UnitIndex s, UnitIndex t, TieKind kind) const {
    if (!is_alive(s) || !is_alive(t)) return std::nullopt;
    const auto& g = m_graph->graph;
    // Scan whichever side is shorter, so a hub with a million children stays cheap to add to.
    if (boost::out_degree(s.value, g) <= boost::in_degree(t.value, g)) {
        for (auto [it, end] = boost::out_edges(s.value, g); it != end; ++it)
            if (boost::target(*it, g) == t.value && g[*it].kind == kind) return TieIndex{g[*it].tie};
    } else {
        for (auto [it, end] = boost::in_edges(t.value, g); it != end; ++it)
            if (boost::source(*it, g) == s.value && g[*it].kind == kind) return TieIndex{g[*it].tie};
    }
    return std::nullopt;
}

std::optional<UnitIndex> OrgGraph::first_in(UnitIndex u, TieKind kind) const noexcept {
    for (auto [it, end] = boost::in_edges(u.value, m_graph->graph); it != end; ++it)
        if (m_graph->graph[*it].kind == kind) return UnitIndex{static_cast<std::uint32_t>(boost::source(*it, m_graph->graph))};
    return std::nullopt;
}

std::optional<UnitIndex> OrgGraph::first_out(UnitIndex u, TieKind kind) const noexcept {
    for (auto [it, end] = boost::out_edges(u.value, m_graph->graph); it != end; ++it)
        if (m_graph->graph[*it].kind == kind) return UnitIndex{static_cast<std::uint32_t>(boost::target(*it, m_graph->graph))};
    return std::nullopt;
}

void OrgGraph::check_tie(UnitIndex s, UnitIndex t, TieKind kind) const {
    const Unit& su = checked_unit(s);
    const Unit& tu = checked_unit(t);
    // Messages are composed only on failure: a bulk load checks hundreds of thousands of ties.
    auto where = [&] { return quoted(su.id) + " -" + std::string(to_string(kind)) + "-> " + quoted(tu.id); };
    auto kind_name = [&] { return std::string(to_string(kind)); };
    if (s == t) throw InvalidInput("self_tie", where(), "a unit cannot be tied to itself");

    auto require = [&](bool ok, const char* expected) {
        if (!ok)
            throw InvalidInput("wrong_endpoint", where(),
                               "a " + kind_name() + " tie goes " + expected + "; got " + describe(su) + " -> " +
                                   describe(tu));
    };
    auto same_level = [&]() {
        if (su.level != tu.level)
            throw InvalidInput("level_mismatch", where(),
                               "both ends of a " + kind_name() + " tie must be at one level; got " +
                                   std::string(to_string(su.level)) + " and " + std::string(to_string(tu.level)));
    };

    switch (kind) {
        case TieKind::contains:
            require(is_territory(su.kind) && is_territory(tu.kind), "from a territory to a territory");
            if (!m_structure->may_contain(su.level, tu.level))
                throw HierarchyError("wrong_level", where(),
                                     "a " + std::string(to_string(su.level)) + " cannot directly contain a " +
                                         std::string(to_string(tu.level)) + " (structure '" + m_structure->id() + "')");
            if (auto other = first_in(t, TieKind::contains))
                throw HierarchyError("second_parent", where(),
                                     quoted(tu.id) + " is already contained in " + quoted(m_units[other->value].id));
            break;
        case TieKind::serves:
            require(is_body(su.kind) && is_territory(tu.kind), "from a body to a territory");
            same_level();
            if (auto other = first_out(s, TieKind::serves))
                throw InvalidInput("serves_twice", where(),
                                   quoted(su.id) + " already serves " + quoted(m_units[other->value].id));
            break;
        case TieKind::heads:
            require(is_post(su.kind) && is_body(tu.kind), "from a post to a body");
            same_level();
            if (auto other = first_in(t, TieKind::heads))
                throw InvalidInput("second_head", where(),
                                   quoted(tu.id) + " is already headed by " + quoted(m_units[other->value].id));
            break;
        case TieKind::directs:
            require(is_body(su.kind) && is_body(tu.kind), "from a body to a body");
            if (is_above(tu.level, su.level))
                throw HierarchyError("superior_below", where(),
                                     "a " + std::string(to_string(su.level)) + " body cannot direct a " +
                                         std::string(to_string(tu.level)) + " body");
            break;
        case TieKind::membership:
            require(is_body(su.kind) && (is_body(tu.kind) || is_post(tu.kind)),
                    "from an organisation (a body) to a member (a body or a post)");
            break;
        case TieKind::coordinates:
        case TieKind::guides:
        case TieKind::inspects:
        case TieKind::forwards:
            require(is_body(su.kind) && is_body(tu.kind), "from a body to a body");
            break;
    }
    if (has_tie(s, t, kind) || (kind == TieKind::coordinates && has_tie(t, s, kind)))
        throw InvalidInput("duplicate_tie", where(), "this tie already exists");
}

TieIndex OrgGraph::insert_tie(UnitIndex s, UnitIndex t, TieKind kind, Object attributes) {
    if (m_ties.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw InvalidInput("too_many_ties", "", "a graph holds at most 2^32 - 2 ties");
    if (!attributes.empty() && !stored_as_is(attributes))
        attributes = checked_object(attributes, quoted(m_units[s.value].id) + " -" + std::string(to_string(kind)) + "-> " +
                                                    quoted(m_units[t.value].id) + " attributes");
    const TieIndex index{static_cast<std::uint32_t>(m_ties.size())};
    push_tie(s, t, kind, std::move(attributes));
    touch();
    return index;
}

// Appends a checked tie: its Boost edge, record and liveness.
void OrgGraph::push_tie(UnitIndex s, UnitIndex t, TieKind kind, Object attributes) {
    const auto index = static_cast<std::uint32_t>(m_ties.size());
    boost::add_edge(s.value, t.value, detail::EdgeData{index, kind}, m_graph->graph);
    m_ties.push_back(Tie{s, t, kind, std::move(attributes)});
    m_tie_alive.push_back(true);
    ++m_tie_count;
}

TieIndex OrgGraph::add_tie(UnitIndex source, UnitIndex target, TieKind kind, Object attributes) {
    const detail::WriteScope writing(*this);
    check_tie(source, target, kind);
    if (kind == TieKind::directs) {
        // Would source become its own subordinate? Look for source below target.
        std::vector<UnitIndex> stack{target};
        std::unordered_set<std::uint32_t> seen;  // proportional to the subordinate's subtree, not to the graph
        while (!stack.empty()) {
            const UnitIndex u = stack.back();
            stack.pop_back();
            if (u == source)
                throw HierarchyError("cycle",
                                     quoted(m_units[source.value].id) + " -directs-> " +
                                         quoted(m_units[target.value].id),
                                     "subordination would become circular: " + quoted(m_units[source.value].id) +
                                         " already sits below " + quoted(m_units[target.value].id));
            if (!seen.insert(u.value).second) continue;
            detail::for_each_out(*this, u, TieKind::directs, [&](UnitIndex c) { stack.push_back(c); });
        }
    }
    return insert_tie(source, target, kind, std::move(attributes));
}

TieIndex OrgGraph::add_tie(std::string_view source, std::string_view target, TieKind kind, Object attributes) {
    return add_tie(index_of(source), index_of(target), kind, std::move(attributes));
}

TieIndex OrgGraph::add_ties(std::span<const TieSpec> ties,
                            const std::function<std::string(std::size_t)>& place_of) {
    const detail::WriteScope writing(*this);
    const TieIndex first{static_cast<std::uint32_t>(m_ties.size())};
    const std::size_t count_before = m_tie_count;
    m_ties.reserve(m_ties.size() + ties.size());
    m_tie_alive.reserve(m_tie_alive.size() + ties.size());
    // Undo by rebuilding the Boost storage from the ties that were there before: linear, where removing the
    // new ties one by one would be quadratic on a hub.
    auto roll_back = [&] {
        auto rebuilt = std::make_unique<detail::Storage>(detail::BoostGraph(m_units.size()));
        for (std::uint32_t i = 0; i < first.value; ++i)
            if (m_tie_alive[i])
                boost::add_edge(m_ties[i].source.value, m_ties[i].target.value, detail::EdgeData{i, m_ties[i].kind},
                                rebuilt->graph);
        m_graph = std::move(rebuilt);
        m_ties.resize(first.value);
        m_tie_alive.resize(first.value);
        m_tie_count = count_before;
        touch();
    };
    for (std::size_t i = 0; i < ties.size(); ++i) {
        const TieSpec& spec = ties[i];
        try {
            const UnitIndex s = index_of(spec.source);
            const UnitIndex t = index_of(spec.target);
            check_tie(s, t, spec.kind);
            insert_tie(s, t, spec.kind, spec.attributes);
        } catch (...) {
            roll_back();
            rethrow_at(place_of ? place_of(i) : "ties[" + std::to_string(i) + "]");
        }
    }
    if (auto cycle = find_directs_cycle()) {
        std::string path;
        for (UnitIndex u : *cycle) path += (path.empty() ? "" : " -> ") + quoted(m_units[u.value].id);
        roll_back();
        throw HierarchyError("cycle", path, "subordination (directs) is circular");
    }
    return first;
}

void OrgGraph::remove_unit(UnitIndex u) {
    const detail::WriteScope writing(*this);
    const Unit& unit = checked_unit(u);
    // Retire the ties, then detach the vertex in one pass: removing a hub's ties one by one is quadratic.
    for (const auto& ties : {in_ties(u), out_ties(u)})
        for (TieIndex t : ties) {
            m_ties[t.value].attributes = Object{};
            m_tie_alive[t.value] = false;
            --m_tie_count;
        }
    boost::clear_vertex(u.value, m_graph->graph);
    m_index.erase(unit.id, id_of());
    m_units[u.value] = Unit{};
    m_unit_alive[u.value] = false;
    --m_unit_count;
    touch();
}

void OrgGraph::remove_tie(TieIndex t) {
    const detail::WriteScope writing(*this);
    const Tie& tie = this->tie(t);
    boost::remove_out_edge_if(
        tie.source.value, [&](const auto& e) { return m_graph->graph[e].tie == t.value; }, m_graph->graph);
    m_ties[t.value].attributes = Object{};
    m_tie_alive[t.value] = false;
    --m_tie_count;
    touch();
}

void OrgGraph::rename_unit(UnitIndex u, std::string name) {
    const detail::WriteScope writing(*this);
    Unit& unit = const_cast<Unit&>(checked_unit(u));
    check_name(name, unit.id);
    unit.name = std::move(name);
    touch();
}

void OrgGraph::set_unit_attribute(UnitIndex u, std::string key, Value value) {
    const detail::WriteScope writing(*this);
    Unit& unit = const_cast<Unit&>(checked_unit(u));
    const std::string where = "unit " + quoted(unit.id) + " attribute '" + key + "'";
    // The value sits inside the unit's attribute object, one level down, as it does in a file.
    Value checked = checked_value(value, where, 1);
    unit.attributes.set(to_nfc(key, where), std::move(checked));
    touch();
}

bool OrgGraph::erase_unit_attribute(UnitIndex u, std::string_view key) {
    const detail::WriteScope writing(*this);
    Unit& unit = const_cast<Unit&>(checked_unit(u));
    const bool erased = unit.attributes.erase(to_nfc(key, "unit " + quoted(unit.id) + " attribute"));
    if (erased) touch();
    return erased;
}

void OrgGraph::set_tie_attribute(TieIndex t, std::string key, Value value) {
    const detail::WriteScope writing(*this);
    Tie& tie = const_cast<Tie&>(this->tie(t));
    const std::string where = quoted(m_units[tie.source.value].id) + " -" + std::string(to_string(tie.kind)) + "-> " +
                              quoted(m_units[tie.target.value].id) + " attribute '" + key + "'";
    Value checked = checked_value(value, where, 1);  // inside the tie's attribute object, as in a file
    tie.attributes.set(to_nfc(key, where), std::move(checked));
    touch();
}

bool OrgGraph::erase_tie_attribute(TieIndex t, std::string_view key) {
    const detail::WriteScope writing(*this);
    Tie& tie = const_cast<Tie&>(this->tie(t));
    const bool erased = tie.attributes.erase(to_nfc(key, "tie attribute"));
    if (erased) touch();
    return erased;
}

std::vector<UnitIndex> OrgGraph::parents(UnitIndex u, TieKind kind) const {
    checked_unit(u);
    std::vector<std::pair<std::uint32_t, UnitIndex>> found;
    for (auto [it, end] = boost::in_edges(u.value, m_graph->graph); it != end; ++it)
        if (m_graph->graph[*it].kind == kind)
            found.emplace_back(m_graph->graph[*it].tie, UnitIndex{static_cast<std::uint32_t>(boost::source(*it, m_graph->graph))});
    std::sort(found.begin(), found.end());
    std::vector<UnitIndex> out;
    out.reserve(found.size());
    for (const auto& f : found) out.push_back(f.second);
    return out;
}

std::vector<UnitIndex> OrgGraph::children(UnitIndex u, TieKind kind) const {
    checked_unit(u);
    std::vector<std::pair<std::uint32_t, UnitIndex>> found;
    for (auto [it, end] = boost::out_edges(u.value, m_graph->graph); it != end; ++it)
        if (m_graph->graph[*it].kind == kind)
            found.emplace_back(m_graph->graph[*it].tie, UnitIndex{static_cast<std::uint32_t>(boost::target(*it, m_graph->graph))});
    std::sort(found.begin(), found.end());
    std::vector<UnitIndex> out;
    out.reserve(found.size());
    for (const auto& f : found) out.push_back(f.second);
    return out;
}

std::optional<UnitIndex> OrgGraph::parent(UnitIndex u, TieKind kind) const {
    checked_unit(u);
    std::optional<UnitIndex> found;
    for (auto [it, end] = boost::in_edges(u.value, m_graph->graph); it != end; ++it) {
        if (m_graph->graph[*it].kind != kind) continue;
        if (found)
            throw HierarchyError("several_parents", quoted(m_units[u.value].id),
                                 "the unit has more than one " + std::string(to_string(kind)) +
                                     " parent; use parents()");
        found = UnitIndex{static_cast<std::uint32_t>(boost::source(*it, m_graph->graph))};
    }
    return found;
}

std::vector<TieIndex> OrgGraph::in_ties(UnitIndex u, std::optional<TieKind> kind) const {
    checked_unit(u);
    std::vector<TieIndex> out;
    for (auto [it, end] = boost::in_edges(u.value, m_graph->graph); it != end; ++it)
        if (!kind || m_graph->graph[*it].kind == *kind) out.push_back(TieIndex{m_graph->graph[*it].tie});
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<TieIndex> OrgGraph::out_ties(UnitIndex u, std::optional<TieKind> kind) const {
    checked_unit(u);
    std::vector<TieIndex> out;
    for (auto [it, end] = boost::out_edges(u.value, m_graph->graph); it != end; ++it)
        if (!kind || m_graph->graph[*it].kind == *kind) out.push_back(TieIndex{m_graph->graph[*it].tie});
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<UnitIndex> OrgGraph::area(UnitIndex u) const {
    const Unit& unit = checked_unit(u);
    if (is_territory(unit.kind)) return u;
    if (is_body(unit.kind)) return first_out(u, TieKind::serves);  // a body serves at most one territory
    for (UnitIndex body : children(u, TieKind::heads))
        if (auto a = area(body)) return a;
    return std::nullopt;
}

std::optional<UnitIndex> OrgGraph::head(UnitIndex u) const {
    checked_unit(u);
    return first_in(u, TieKind::heads);
}

std::optional<std::vector<UnitIndex>> OrgGraph::find_directs_cycle() const {
    // Iterative three-colour DFS over `directs` ties only; deep chains cannot overflow the stack.
    enum : std::uint8_t { white, grey, black };
    std::vector<std::uint8_t> colour(m_units.size(), white);
    std::vector<std::uint32_t> via(m_units.size(), 0);
    using out_iter = detail::BoostGraph::out_edge_iterator;
    std::vector<std::tuple<std::uint32_t, out_iter, out_iter>> stack;
    for (std::uint32_t root = 0; root < m_units.size(); ++root) {
        if (colour[root] != white || !m_unit_alive[root]) continue;
        colour[root] = grey;
        auto [b, e] = boost::out_edges(root, m_graph->graph);
        stack.emplace_back(root, b, e);
        while (!stack.empty()) {
            auto& [v, it, end] = stack.back();
            if (it == end) {
                colour[v] = black;
                stack.pop_back();
                continue;
            }
            const auto edge = *it++;
            if (m_graph->graph[edge].kind != TieKind::directs) continue;
            const auto w = static_cast<std::uint32_t>(boost::target(edge, m_graph->graph));
            if (colour[w] == grey) {
                std::vector<UnitIndex> cycle{UnitIndex{w}};
                for (std::uint32_t x = v; x != w; x = via[x]) cycle.push_back(UnitIndex{x});
                cycle.push_back(UnitIndex{w});
                std::reverse(cycle.begin() + 1, cycle.end() - 1);
                return cycle;
            }
            if (colour[w] == white) {
                colour[w] = grey;
                via[w] = v;
                auto [wb, we] = boost::out_edges(w, m_graph->graph);
                stack.emplace_back(w, wb, we);
            }
        }
    }
    return std::nullopt;
}

void OrgGraph::validate() const {
    for (std::uint32_t i = 0; i < m_units.size(); ++i) {
        if (!m_unit_alive[i]) continue;
        const Unit& u = m_units[i];
        if (is_body(u.kind) && !first_out(UnitIndex{i}, TieKind::serves))
            throw InvalidInput("body_serves_nothing", "unit " + quoted(u.id),
                               "every body must serve one territory (a 'serves' tie)");
        if (is_post(u.kind) && !first_out(UnitIndex{i}, TieKind::heads))
            throw InvalidInput("post_heads_nothing", "unit " + quoted(u.id),
                               "every post must head at least one body (a 'heads' tie)");
    }
    if (auto cycle = find_directs_cycle()) {
        std::string path;
        for (UnitIndex u : *cycle) path += (path.empty() ? "" : " -> ") + quoted(m_units[u.value].id);
        throw HierarchyError("cycle", path, "subordination (directs) is circular");
    }
}

bool OrgGraph::same_content(const OrgGraph& other) const {
    if (m_unit_count != other.m_unit_count || m_tie_count != other.m_tie_count) return false;
    if (m_name != other.m_name || !(m_attributes == other.m_attributes) || !(*m_structure == *other.m_structure))
        return false;
    for (UnitIndex u : units()) {
        const auto o = other.find(m_units[u.value].id);
        if (!o || !(m_units[u.value] == other.m_units[o->value])) return false;
    }
    using key = std::tuple<std::string_view, std::string_view, TieKind, const Object*>;
    auto keys = [](const OrgGraph& g) {
        std::vector<key> out;
        for (TieIndex t : g.ties()) {
            const Tie& tie = g.m_ties[t.value];
            out.emplace_back(g.m_units[tie.source.value].id, g.m_units[tie.target.value].id, tie.kind,
                             &tie.attributes);
        }
        std::sort(out.begin(), out.end(), [](const key& a, const key& b) {
            return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
                   std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
        });
        return out;
    };
    const auto mine = keys(*this), theirs = keys(other);
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (std::get<0>(mine[i]) != std::get<0>(theirs[i]) || std::get<1>(mine[i]) != std::get<1>(theirs[i]) ||
            std::get<2>(mine[i]) != std::get<2>(theirs[i]) || !(*std::get<3>(mine[i]) == *std::get<3>(theirs[i])))
            return false;
    }
    return true;
}

}  // namespace antq
