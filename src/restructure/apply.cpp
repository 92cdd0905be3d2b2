#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/graph/detail/id_index.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_type.hpp>
#include <antq/restructure/apply.hpp>

#include "graph/detail/assemble.hpp"
#include "graph/detail/stored_id.hpp"
#include "model/detail/dates.hpp"

namespace antq {

std::string_view to_string(OperationKind kind) noexcept {
    constexpr std::array<std::string_view, 8> names{"create", "abolish", "rename", "retype",
                                                    "move",   "merge",   "split",  "remove_level"};
    return names[static_cast<std::size_t>(kind)];
}

std::optional<OperationKind> parse_operation_kind(std::string_view name) noexcept {
    for (OperationKind kind : all_operation_kinds)
        if (to_string(kind) == name) return kind;
    return std::nullopt;
}

std::vector<std::string> IdMap::successors(std::string_view before) const {
    std::vector<std::string> out;
    bool known = false;
    for (const Succession& row : m_rows)
        if (row.before == before) {
            known = true;
            if (!row.after.empty()) out.push_back(row.after);
        }
    if (!known) throw NotFound("unknown_unit", "'" + std::string(before) + "'", "the graph before had no such unit");
    return out;
}

std::vector<std::string> IdMap::predecessors(std::string_view after) const {
    std::vector<std::string> out;
    for (const Succession& row : m_rows)
        if (row.after == after) out.push_back(row.before);
    return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> IdMap::replacements() const {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    std::vector<bool> lives_on;
    std::unordered_map<std::string_view, std::size_t> at;  // before -> its place in out
    for (const Succession& row : m_rows) {
        const auto [it, first] = at.try_emplace(row.before, out.size());
        if (first) {
            out.emplace_back(row.before, std::vector<std::string>{});
            lives_on.push_back(false);
        }
        if (row.after == row.before) lives_on[it->second] = true;
        else if (!row.after.empty()) out[it->second].second.push_back(row.after);
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> replaced;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!lives_on[i] && !out[i].second.empty()) replaced.push_back(std::move(out[i]));
    return replaced;
}

namespace {

using Index = std::uint32_t;
constexpr Index none = static_cast<Index>(-1);

// Ties along which a superior passes work down: a removed body's subordinates are reattached along these.
constexpr std::array passes_down{TieKind::directs, TieKind::forwards, TieKind::guides, TieKind::inspects};

// A unit of the draft. One of the graph before is read where it lies (`before`) until an operation changes it; only
// then is it copied (`own`). Draft indices of the graph's units are their indices in it (holes stay dead).
struct DraftUnit {
    const Unit* before = nullptr;
    std::unique_ptr<Unit> own;
    bool alive = false;
    bool level_changed = false;  // its level differs from the one it had in the graph before
    bool texts_changed = false;  // an operation set its name or attributes (its id is the graph before's)
    std::vector<Index> out, in;  // ties added by the operations, after those of the graph before (m_out, m_in)
};

// The id of a unit added to the draft, by draft index: how its index of added units reads them.
struct AddedId {
    const std::vector<DraftUnit>* units;
    std::string_view operator()(std::uint32_t i) const noexcept { return (*units)[i].own->id; }
};

// A tie of the draft: the graph before's keep their index (and attributes, read there); added ones follow.
struct DraftTie {
    Index source, target;
    TieKind kind;
    bool alive = true;
    std::uint32_t op = 0;  // an added tie's operation, which an error about it names
    Object attributes;     // an added tie's; one of the graph before reads its own
};

// Where a unit went when it ended: its successors (draft indices) and shares.
struct Next {
    Index unit;
    std::optional<double> share;
};

// A working copy of the graph that operations change freely; the graph after is built from it once, at the end.
class Draft {
public:
    // Nothing of the graph before is copied: its units and ties are read where they lie, its adjacency once into two
    // flat arrays (ties by their end, in tie order), and its id index serves find(), for the ids the operations name
    // all at once (name_units()).
    Draft(const OrgGraph& graph, const ChangeSet& changes)
        : m_graph(graph), m_source(changes.source.empty() ? changes.name : changes.source) {
        const std::size_t n = graph.unit_capacity(), e = graph.tie_capacity();
        m_units.reserve(n + n / 8);
        m_units.resize(n);
        for (Index u = 0; u < n; ++u)
            if (graph.is_alive(UnitIndex{u})) {
                m_units[u].before = &graph.unit(UnitIndex{u});
                m_units[u].alive = true;
            }
        m_original = n;
        m_ties.reserve(e + e / 8);
        m_out_at.assign(n + 1, 0);
        m_in_at.assign(n + 1, 0);
        for (Index t = 0; t < e; ++t) {
            if (!graph.is_alive(TieIndex{t})) {
                m_ties.push_back(DraftTie{0, 0, TieKind::contains, false, 0, {}});
                continue;
            }
            const Tie& tie = graph.tie(TieIndex{t});
            m_ties.push_back(DraftTie{tie.source.value, tie.target.value, tie.kind, true, 0, {}});
            ++m_out_at[tie.source.value + 1];
            ++m_in_at[tie.target.value + 1];
        }
        m_original_ties = e;
        for (std::size_t u = 0; u < n; ++u) {
            m_out_at[u + 1] += m_out_at[u];
            m_in_at[u + 1] += m_in_at[u];
        }
        m_out.resize(m_out_at[n]);
        m_in.resize(m_in_at[n]);
        std::vector<Index> out_next(m_out_at.begin(), m_out_at.end() - 1), in_next(m_in_at.begin(), m_in_at.end() - 1);
        for (Index t = 0; t < e; ++t)
            if (m_ties[t].alive) {
                m_out[out_next[m_ties[t].source]++] = t;
                m_in[in_next[m_ties[t].target]++] = t;
            }
        m_next_at.resize(n);
        m_how.resize(n);
        m_ended_at.resize(n);
        m_mark.resize(n);
        name_units(changes.operations);
    }

    // ---- reading ----

    std::string at(std::size_t op) const { return m_source + ":/operations/" + std::to_string(op); }
    std::string at(std::size_t op, const std::string& field) const { return at(op) + "/" + field; }

    const Unit& unit(Index u) const { return m_units[u].own ? *m_units[u].own : *m_units[u].before; }
    // The unit to change: one of the graph before is copied the first time.
    Unit& edit(Index u) {
        DraftUnit& d = m_units[u];
        if (!d.own) d.own = std::make_unique<Unit>(*d.before);
        return *d.own;
    }
    // The unit whose name or attributes an operation sets: the graph after checks them again.
    Unit& edit_texts(Index u) {
        m_units[u].texts_changed = true;
        return edit(u);
    }
    bool alive(Index u) const { return m_units[u].alive; }
    Index size() const { return static_cast<Index>(m_units.size()); }

    // The latest unit with this id, dead or alive: one added by an operation, else one of the graph before (its id
    // spelt byte for byte as given), else none.
    Index latest(const std::string& id) const {
        if (m_added.size() != 0)
            if (const auto u = m_added.find(id, added_id())) return *u;
        return in_graph(id);
    }

    // The unit of the graph before with this id spelt byte for byte as given, or none. An id field of the current
    // operation was looked up with all the others before the operations ran; other ids are looked up now.
    Index in_graph(const std::string& id) const {
        const std::size_t first = m_named_at[m_op], last = m_named_at[m_op + 1];
        // Fields are mostly asked for in the order they were named: start where the last one was found.
        const auto found = [&](std::size_t k) {
            m_named_next = k + 1;
            return m_named[k].unit;
        };
        for (std::size_t k = std::max(m_named_next, first); k < last; ++k)
            if (m_named[k].field == &id) return found(k);
        for (std::size_t k = first; k < std::min(m_named_next, last); ++k)
            if (m_named[k].field == &id) return found(k);
        return checked_find(id);
    }
    Index checked_find(std::string_view id) const {
        // The graph finds an id in any spelling; an ASCII id only as it is.
        if (const auto u = m_graph.find(id); u && (detail::is_ascii(id) || m_units[u->value].before->id == id))
            return u->value;
        return none;
    }

    // Looks up at once every unit the operations name by a field of theirs (unit, into, parent, successor, sources,
    // parts, the units of a split), so that the lookups' memory accesses overlap rather than wait one by one.
    void name_units(const std::vector<Operation>& operations) {
        std::vector<std::string_view> ids;
        const auto add = [&](const std::string& id) {
            if (id.empty()) return;
            m_named.push_back(Named{&id, none});
            ids.push_back(id);
        };
        std::size_t fields = 0;
        for (const Operation& o : operations) fields += 4 + o.sources.size() + o.parts.size() + o.split_into.size();
        ids.reserve(fields);
        m_named.reserve(fields);
        m_named_at.clear();
        m_named_at.reserve(operations.size() + 1);
        for (const Operation& o : operations) {
            m_named_at.push_back(m_named.size());
            add(o.unit);
            add(o.into);
            add(o.parent);
            add(o.successor);
            for (const Share& share : o.sources) add(share.unit);
            for (const Share& share : o.parts) add(share.unit);
            for (const Part& part : o.split_into) add(part.unit);
        }
        m_named_at.push_back(m_named.size());
        const std::vector<std::optional<UnitIndex>> found = m_graph.find(std::span<const std::string_view>(ids));
        for (std::size_t k = 0; k < ids.size(); ++k)
            if (found[k] && (detail::is_ascii(ids[k]) || m_units[found[k]->value].before->id == ids[k]))
                m_named[k].unit = found[k]->value;
    }
    // The operation running, whose named units in_graph() reads.
    void begin_operation(std::size_t op) {
        m_op = op;
        m_named_next = m_named_at[op];
    }

    Index find(const std::string& id) const {
        const Index u = latest(id);
        return u == none || !m_units[u].alive ? none : u;
    }

    // `where` is the place errors name: a string, or a function that makes one (only an error needs it).
    template <class Where>
    static std::string place(const Where& where) {
        if constexpr (std::is_invocable_v<const Where&>) return where();
        else return where;
    }

    template <class Where>
    Index need(const std::string& id, const Where& where) const {
        if (id.empty()) throw InvalidInput("missing_field", place(where), "a unit id is required here");
        const Index u = find(id);
        if (u != none) return u;
        const Index gone = latest(id);
        throw NotFound("unknown_unit", place(where),
                       "no unit has id '" + id + "'" +
                           (gone == none ? "" : "; it ended at operation " + std::to_string(m_ended_at[gone])));
    }

    template <class Where>
    Index need_territory(const std::string& id, const Where& where) const {
        const Index u = need(id, where);
        if (!is_territory(unit(u).kind))
            throw InvalidInput("not_a_territory", place(where), "'" + id + "' is a " + std::string(to_string(unit(u).kind)) +
                                                             ", not a territory");
        return u;
    }

    // `f` may add ties (the lists only grow): read by position, up to the length they had, with no copy.
    // Every tie out of (into) `u`, alive or dead, in tie order: the graph before's, then those added.
    template <class F>
    void each_out(Index u, F&& f) const {
        if (u < m_original)
            for (Index i = m_out_at[u], n = m_out_at[u + 1]; i < n; ++i) f(m_out[i]);
        for (std::size_t i = 0, n = m_units[u].out.size(); i < n; ++i) f(m_units[u].out[i]);
    }
    template <class F>
    void each_in(Index u, F&& f) const {
        if (u < m_original)
            for (Index i = m_in_at[u], n = m_in_at[u + 1]; i < n; ++i) f(m_in[i]);
        for (std::size_t i = 0, n = m_units[u].in.size(); i < n; ++i) f(m_units[u].in[i]);
    }
    std::size_t out_degree(Index u) const {
        return (u < m_original ? m_out_at[u + 1] - m_out_at[u] : 0) + m_units[u].out.size();
    }
    std::size_t in_degree(Index u) const {
        return (u < m_original ? m_in_at[u + 1] - m_in_at[u] : 0) + m_units[u].in.size();
    }
    template <class F>
    void for_out(Index u, TieKind kind, F&& f) const {
        each_out(u, [&](Index t) {
            if (m_ties[t].alive && m_ties[t].kind == kind) f(t, m_ties[t].target);
        });
    }
    template <class F>
    void for_in(Index u, TieKind kind, F&& f) const {
        each_in(u, [&](Index t) {
            if (m_ties[t].alive && m_ties[t].kind == kind) f(t, m_ties[t].source);
        });
    }
    const Object& tie_attributes(Index t) const {
        return t < m_original_ties ? m_graph.tie(TieIndex{t}).attributes : m_ties[t].attributes;
    }
    // Marks `u` for the caller's current pass (see new_pass()); false if it was marked already.
    bool mark(Index u) {
        if (m_mark[u] == m_pass) return false;
        m_mark[u] = m_pass;
        return true;
    }
    void new_pass() { ++m_pass; }

    Index container(Index u) const {
        Index found = none;
        for_in(u, TieKind::contains, [&](Index, Index s) { found = s; });
        return found;
    }
    std::vector<Index> children(Index u) const {
        std::vector<Index> out;
        for_out(u, TieKind::contains, [&](Index, Index c) { out.push_back(c); });
        return out;
    }
    std::vector<Index> bodies(Index territory) const {
        std::vector<Index> out;
        for_in(territory, TieKind::serves, [&](Index, Index b) { out.push_back(b); });
        return out;
    }
    bool has_bodies(Index territory) const {
        bool found = false;
        for_in(territory, TieKind::serves, [&](Index, Index) { found = true; });
        return found;
    }
    Index head(Index body) const {
        Index found = none;
        for_in(body, TieKind::heads, [&](Index, Index p) { found = p; });
        return found;
    }

    // The role of a body within its territory: its id's suffix after the territory's id ("police", "mo.women"), or
    // its kind where the id does not follow that pattern.
    std::string role(Index body, Index territory) const {
        const std::string& id = unit(body).id;
        const std::string& area = unit(territory).id;
        if (id.size() > area.size() + 1 && id.compare(0, area.size(), area) == 0 && id[area.size()] == '.')
            return id.substr(area.size() + 1);
        return "#" + std::string(to_string(unit(body).kind));
    }

    // ---- changing ----

    Index add_unit(Unit u) {
        const Index i = static_cast<Index>(m_units.size());
        m_units.emplace_back();
        m_units.back().own = std::make_unique<Unit>(std::move(u));
        m_units.back().alive = true;
        const std::string_view id = m_units.back().own->id;
        m_added.erase(id, added_id());  // an earlier unit added with this id, ended since
        m_added.insert(id, i, added_id());
        m_next_at.emplace_back();
        m_how.emplace_back();
        m_ended_at.emplace_back();
        m_mark.emplace_back();
        return i;
    }

    // Adds a tie unless it would tie a unit to itself or repeat one; returns whether it was added. A repeat is looked
    // for along the shorter of the two ends' lists.
    bool add_tie(Index s, Index t, TieKind kind, Object attributes = {}) {
        if (s == t) return false;
        bool repeated = false;
        if (out_degree(s) <= in_degree(t))
            each_out(s, [&](Index x) { repeated = repeated || (m_ties[x].alive && m_ties[x].target == t && m_ties[x].kind == kind); });
        else
            each_in(t, [&](Index x) { repeated = repeated || (m_ties[x].alive && m_ties[x].source == s && m_ties[x].kind == kind); });
        if (repeated) return false;
        const Index i = static_cast<Index>(m_ties.size());
        m_ties.push_back(DraftTie{s, t, kind, true, static_cast<std::uint32_t>(m_op), std::move(attributes)});
        m_units[s].out.push_back(i);
        m_units[t].in.push_back(i);
        return true;
    }

    void kill_tie(Index t) { m_ties[t].alive = false; }

    // Ends a unit: its remaining ties go (counted as dropped when they are not its own serves, heads or contains).
    void kill_unit(Index u, std::size_t op, std::string_view how) {
        const auto drop = [&](Index t) {
            if (!m_ties[t].alive) return;
            const TieKind kind = m_ties[t].kind;
            if (kind != TieKind::serves && kind != TieKind::heads && kind != TieKind::contains) ++m_dropped;
            kill_tie(t);
        };
        each_out(u, drop);
        each_in(u, drop);
        DraftUnit& d = m_units[u];
        d.alive = false;
        m_ended_at[u] = op;  // latest() still finds it, dead, for need()'s message
        if (m_how[u].empty()) m_how[u] = how;
    }

    // Every tie of `from` other than its own place (serves, heads to it, contains) moves to `to`.
    void repoint(Index from, Index to) {
        // add_tie() never adds to `from`'s own lists here (no tie is to itself), so they are read in place.
        each_out(from, [&](Index t) {
            if (!m_ties[t].alive) return;
            const Index target = m_ties[t].target;
            const TieKind kind = m_ties[t].kind;
            if (kind == TieKind::serves || kind == TieKind::contains || kind == TieKind::heads) return;
            kill_tie(t);
            if (add_tie(to, target, kind, tie_attributes(t))) ++m_reattached;
        });
        each_in(from, [&](Index t) {
            if (!m_ties[t].alive) return;
            const Index source = m_ties[t].source;
            const TieKind kind = m_ties[t].kind;
            if (kind == TieKind::heads || kind == TieKind::contains || kind == TieKind::serves) return;
            kill_tie(t);
            if (add_tie(source, to, kind, tie_attributes(t))) ++m_reattached;
        });
    }

    void set_parent(Index u, Index parent) {
        for_in(u, TieKind::contains, [&](Index t, Index) { kill_tie(t); });
        add_tie(parent, u, TieKind::contains);
    }

    // The names of a territory's bodies and their posts follow the territory's title ("xã A" -> "phường B").
    void retitle_bodies(Index territory, const std::string& old_title) {
        const std::string new_title = territory_title(unit(territory));
        if (old_title == new_title) return;
        for (Index b : bodies(territory)) {
            retitle(b, old_title, new_title);
            if (Index p = head(b); p != none) retitle(p, old_title, new_title);
        }
    }

    void retitle(Index u, const std::string& from, const std::string& to) {
        const auto at = unit(u).name.find(from);
        if (at != std::string::npos) edit_texts(u).name.replace(at, from.size(), to);
    }

    void set_level(Index u, Level level) {
        if (unit(u).level == level) return;
        edit(u).level = level;
        m_units[u].level_changed = u < m_original && m_units[u].before->level != level;
    }

    // `body` (of an ending territory `from`) joins `to`: it merges into `to`'s body of the same role, or moves over.
    void hand_over_body(Index body, Index from, Index to, std::size_t op, std::string_view how) {
        const std::string key = role(body, from);
        Index same = none;
        for (Index b : bodies(to))
            if (role(b, to) == key) same = b;
        if (same != none) {
            repoint(body, same);
            if (const Index p = head(body); p != none) {
                if (const Index kept = head(same); kept != none) {
                    repoint(p, kept);
                    end(p, {{kept, std::nullopt}}, op, how);
                } else {  // the successor's body had no head: this post heads it now
                    for_out(p, TieKind::heads, [&](Index t, Index) { kill_tie(t); });
                    add_tie(p, same, TieKind::heads);
                    set_level(p, unit(same).level);
                    retitle(p, territory_title(unit(from)), territory_title(unit(to)));
                }
            }
            end(body, {{same, std::nullopt}}, op, how);
            return;
        }
        const std::string old_title = territory_title(unit(from)), new_title = territory_title(unit(to));
        const Level level = unit(to).level;
        const bool by_suffix = key.front() != '#';
        const std::string new_id = by_suffix ? unit(to).id + "." + key : unit(body).id;
        Index moved = body;
        if (new_id != unit(body).id) {
            if (find(new_id) != none)
                throw InvalidInput("duplicate_id", at(op), "body '" + unit(body).id + "' would become '" + new_id +
                                                               "', which is already used");
            Unit copy = unit(body);
            copy.id = new_id;
            moved = add_unit(std::move(copy));
            repoint(body, moved);
        }
        for_out(body, TieKind::serves, [&](Index t, Index) { kill_tie(t); });
        add_tie(moved, to, TieKind::serves);
        set_level(moved, level);
        retitle(moved, old_title, new_title);
        if (Index p = head(body); p != none) {
            Index post = p;
            if (moved != body) {
                Unit copy = unit(p);
                const std::string& old_body = unit(body).id;
                copy.id = copy.id.compare(0, old_body.size(), old_body) == 0 ? new_id + copy.id.substr(old_body.size())
                                                                            : copy.id;
                if (copy.id != unit(p).id && find(copy.id) == none) {
                    post = add_unit(std::move(copy));
                    repoint(p, post);
                    end(p, {{post, std::nullopt}}, op, how);
                }
                for_out(post, TieKind::heads, [&](Index t, Index) { kill_tie(t); });
                add_tie(post, moved, TieKind::heads);
            }
            set_level(post, level);
            retitle(post, old_title, new_title);
        }
        if (moved != body) end(body, {{moved, std::nullopt}}, op, how);
    }

    // A territory ends into `to`: children, then bodies, go over.
    void hand_over_territory(Index from, Index to, std::size_t op, std::string_view how, std::optional<double> share) {
        for (Index child : children(from)) {
            if (!is_above(unit(to).level, unit(child).level))
                throw HierarchyError("wrong_level", at(op),
                                     "'" + unit(child).id + "' (" + std::string(to_string(unit(child).level)) +
                                         ") cannot pass from '" + unit(from).id + "' to '" + unit(to).id + "' (" +
                                         std::string(to_string(unit(to).level)) + ")");
            set_parent(child, to);
        }
        for (Index body : bodies(from)) hand_over_body(body, from, to, op, how);
        end(from, {{to, share}}, op, how);
    }

    // A body ends with no successor: its subordinates along each tie kind go to its superiors along that kind, of
    // its own kind if it has some (police to police), else to all of them; with no superior along that kind, to
    // those that direct it (a district committee that only forwards to its communes is directed by the province's).
    void remove_body(Index body, std::size_t op, std::string_view how) {
        for (TieKind kind : passes_down) {
            std::vector<Index> superiors, same_kind;
            auto collect = [&](TieKind along) {
                for_in(body, along, [&](Index, Index s) {
                    superiors.push_back(s);
                    if (unit(s).kind == unit(body).kind) same_kind.push_back(s);
                });
            };
            collect(kind);
            if (superiors.empty() && kind != TieKind::directs) collect(TieKind::directs);
            const std::vector<Index>& over = same_kind.empty() ? superiors : same_kind;
            for_out(body, kind, [&](Index t, Index sub) {
                kill_tie(t);
                bool placed = false;
                for (Index s : over) placed = add_tie(s, sub, kind, tie_attributes(t)) || placed || s == sub;
                if (placed && !over.empty()) ++m_reattached;
                else ++m_dropped;
            });
        }
        if (Index p = head(body); p != none) end(p, {}, op, how);
        end(body, {}, op, how);
    }

    void end(Index u, std::initializer_list<Next> next, std::size_t op, std::string_view how) {
        if (!m_units[u].alive) return;
        m_next_at[u] = {static_cast<Index>(m_next.size()), static_cast<Index>(next.size())};
        m_next.insert(m_next.end(), next.begin(), next.end());
        kill_unit(u, op, how);
    }

    void give_share(Index u, std::optional<double> share, const std::string& where) {
        if (!share) return;
        if (!(*share > 0.0 && *share <= 1.0) || !std::isfinite(*share))
            throw InvalidInput("bad_share", where, "a share is a fraction in (0, 1], not " + std::to_string(*share));
        double& given = m_given[u];
        given += *share;
        if (given > 1.0 + 1e-9)
            throw InvalidInput("share_above_whole", where,
                               "the parts of '" + unit(u).id + "' given so far add up to " +
                                   std::to_string(std::lround(given * 100)) + "%, more than the whole");
    }

    void add_part(Index from, Index to, std::optional<double> share) { m_parts[from].push_back(Next{to, share}); }

    // What merge() gathers of each merge's sources and parts (unit, share), kept from one merge to the next.
    std::vector<std::pair<Index, std::optional<double>>> merged_whole, merged_parts;

    // ---- the result ----

    std::size_t reattached() const noexcept { return m_reattached; }
    std::size_t dropped() const noexcept { return m_dropped; }

    // Containment is checked once, against the structure after every operation (an operation may leave a state only
    // a later one makes whole, as merges under districts before the districts go). A containment an operation added
    // is placed at that operation; one the graph before had, under the graph after.
    void check_structure(const AdministrativeStructure& structure) const {
        for (std::size_t i = 0; i < m_ties.size(); ++i) {
            const DraftTie& tie = m_ties[i];
            if (!tie.alive || tie.kind != TieKind::contains) continue;
            const Unit& s = unit(tie.source);
            const Unit& t = unit(tie.target);
            if (!structure.may_contain(s.level, t.level))
                throw HierarchyError("wrong_level", i >= m_original_ties ? at(tie.op) + " (the graph after the changes)"
                                                                         : m_source + ": the graph after the changes",
                                     "'" + s.id + "' (" + std::string(to_string(s.level)) + ") contains '" + t.id + "' (" +
                                         std::string(to_string(t.level)) + "), which the structure " + structure.id() +
                                         " does not allow");
        }
        for (Index u = 0; u < size(); ++u) {
            if (!alive(u) || !is_territory(unit(u).kind)) continue;
            if (!structure.has_level(unit(u).level))
                throw HierarchyError("wrong_level", m_source + ": the graph after the changes",
                                     "'" + unit(u).id + "' is a " + std::string(to_string(unit(u).level)) +
                                         ", a level the structure " + structure.id() + " does not have");
        }
    }

    // The last use of the draft: units and ties move into the graph rather than being copied. What the graph before
    // guarantees is not checked again: the ids, names and attributes of its units that no operation set, and its ties
    // whose ends kept their levels (containment against the structure is check_structure()'s). Everything an operation
    // brought in is checked as build() would check it, with the same errors.
    void build_into(OrgGraph& out) && {
        std::vector<Index> position(m_units.size(), none);  // draft index -> index in the graph after
        std::vector<detail::AssembledUnit> units;
        units.reserve(m_units.size());
        for (Index u = 0; u < m_units.size(); ++u) {
            DraftUnit& d = m_units[u];
            if (!d.alive) continue;
            position[u] = static_cast<Index>(units.size());
            const bool kept = u < m_original && !d.texts_changed;
            units.push_back(detail::AssembledUnit{d.own ? std::move(*d.own) : *d.before, kept});
        }
        std::vector<detail::AssembledTie> ties;
        ties.reserve(m_ties.size());
        for (Index t = 0; t < m_ties.size(); ++t) {
            DraftTie& tie = m_ties[t];
            if (!tie.alive) continue;
            const Index s = position[tie.source], e = position[tie.target];
            assert(s != none && e != none && "a tie alive in the draft ties units alive in it");
            const bool before = t < m_original_ties;
            const bool kept = before && !m_units[tie.source].level_changed && !m_units[tie.target].level_changed;
            ties.push_back(detail::AssembledTie{s, e, tie.kind, before ? tie_attributes(t) : std::move(tie.attributes), kept});
        }
        InputPlaces places;
        places.source = m_source + " (the graph after the changes)";
        detail::Assembly::assemble(out, std::move(units), std::move(ties), places);
    }

    // Rows in the order of the units before, each unit's parts (if it gave some and lived on) after its own row.
    IdMap id_map() const {
        std::vector<Succession> rows;
        rows.reserve(m_original + m_parts.size());
        std::vector<std::pair<Index, std::optional<double>>> finals, stack;
        std::vector<Index> seen_at(m_units.size(), none);  // the unit whose successors were last followed through here
        constexpr std::string_view kept = "kept";
        for (Index u = 0; u < m_original; ++u) {
            if (!m_units[u].before) continue;  // a hole in the graph before
            const std::string& before = unit(u).id;
            if (m_units[u].alive) {
                rows.push_back(Succession{before, before, std::nullopt, std::string(kept)});
            } else {
                finals.clear();
                stack.assign(1, {u, std::nullopt});
                while (!stack.empty()) {  // depth first, successors in their order, as the chain of operations ran
                    const auto [at, share] = stack.back();
                    stack.pop_back();
                    if (seen_at[at] == u) continue;
                    seen_at[at] = u;
                    if (m_units[at].alive) {
                        finals.emplace_back(at, share);
                        continue;
                    }
                    const auto [first, count] = m_next_at[at];
                    for (Index k = first + count; k-- > first;) {
                        const Next& n = m_next[k];
                        stack.emplace_back(n.unit, n.share ? (share ? *share * *n.share : *n.share) : share);
                    }
                }
                if (finals.empty()) rows.push_back(Succession{before, "", std::nullopt, std::string(m_how[u])});
                for (const auto& [f, share] : finals) rows.push_back(Succession{before, unit(f).id, share, std::string(m_how[u])});
            }
            if (const auto parts = m_parts.find(u); parts != m_parts.end())
                for (const Next& p : parts->second)
                    if (m_units[p.unit].alive) rows.push_back(Succession{before, unit(p.unit).id, p.share, "merge"});
        }
        return IdMap(std::move(rows));
    }

private:
    const OrgGraph& m_graph;
    std::string m_source;
    std::vector<DraftUnit> m_units;
    std::vector<DraftTie> m_ties;
    std::vector<Index> m_out_at, m_out, m_in_at, m_in;  // the graph before's ties by end: those of u at [at[u], at[u + 1])
    // The units of the graph before named by the operations' fields (name_units()), operation op's at
    // [m_named_at[op], m_named_at[op + 1]).
    struct Named {
        const std::string* field;
        Index unit;
    };
    std::vector<Named> m_named;
    std::vector<std::size_t> m_named_at{0, 0};
    std::size_t m_op = 0;
    mutable std::size_t m_named_next = 0;
    // The latest unit added with each id, by draft index (an added unit's id never changes).
    detail::IdIndex m_added;
    AddedId added_id() const noexcept { return AddedId{&m_units}; }
    std::vector<std::uint32_t> m_mark;
    std::uint32_t m_pass = 0;
    std::size_t m_original_ties = 0;
    std::vector<std::size_t> m_ended_at;  // the operation that ended each unit
    std::unordered_map<Index, double> m_given;
    std::unordered_map<Index, std::vector<Next>> m_parts;
    // Where each unit went when it ended: m_next[first, first + count) for m_next_at[u] = {first, count}.
    std::vector<Next> m_next;
    std::vector<std::pair<Index, Index>> m_next_at;
    std::vector<std::string_view> m_how;  // how each unit ended: an operation's name, a string literal
    std::size_t m_original = 0;
    std::size_t m_reattached = 0;
    std::size_t m_dropped = 0;
};

// The places errors name are made only for an error (Draft::place): a national change set has thousands of operations.
template <class Where>
void check_type(const Draft& draft, Index u, const std::string& type, const Where& where) {
    const Unit& unit = draft.unit(u);
    if (is_territory(unit.kind) && unit.kind != UnitKind::nation && unit.kind != UnitKind::village &&
        !find_unit_type(type, unit.level)) {
        std::string known;
        for (const auto& t : administrative_unit_types())
            if (t.level == unit.level) known += (known.empty() ? "" : ", ") + std::string(t.name);
        throw InvalidInput("unknown_type", Draft::place(where), "'" + type + "' is no type of " + std::string(to_string(unit.level)) +
                                                      " (known: " + known + ")");
    }
}

template <class Where>
void check_name(const std::string& name, const Where& where) {
    if (name.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InvalidInput("empty_value", Draft::place(where), "a name must not be empty");
}

// A territory's title ("xã A") is worked out only when it has bodies, whose names carry it.
template <class Where>
void rename(Draft& draft, Index u, const std::string& name, const Where& where) {
    check_name(name, where);
    const bool titled = is_territory(draft.unit(u).kind) && draft.has_bodies(u);
    const std::string old_title = titled ? territory_title(draft.unit(u)) : std::string();
    draft.edit_texts(u).name = to_nfc(name, [&] { return Draft::place(where); });
    if (titled) draft.retitle_bodies(u, old_title);
}

template <class Where>
void retype(Draft& draft, Index u, const std::string& type, const Where& where) {
    check_type(draft, u, type, where);
    const bool titled = is_territory(draft.unit(u).kind) && draft.has_bodies(u);
    const std::string old_title = titled ? territory_title(draft.unit(u)) : std::string();
    draft.edit_texts(u).attributes.set("type", Value(to_nfc(type, [&] { return Draft::place(where); })));
    if (titled) draft.retitle_bodies(u, old_title);
}

template <class Where>
void move(Draft& draft, Index u, Index parent, const Where& where) {
    // The cycle first: a move under one's own descendant is also a level error, but "cycle" says what went wrong.
    for (Index up = parent; up != none; up = draft.container(up))
        if (up == u)
            throw HierarchyError("cycle", Draft::place(where), "'" + draft.unit(parent).id + "' lies within '" + draft.unit(u).id +
                                                     "': moving it there would make a cycle of containment");
    if (!is_above(draft.unit(parent).level, draft.unit(u).level))
        throw HierarchyError("wrong_level", Draft::place(where), "'" + draft.unit(parent).id + "' (" +
                                                       std::string(to_string(draft.unit(parent).level)) +
                                                       ") cannot contain '" + draft.unit(u).id + "' (" +
                                                       std::string(to_string(draft.unit(u).level)) + ")");
    draft.set_parent(u, parent);
}

Index create(Draft& draft, const NewUnit& spec, const std::string& parent_id, std::size_t op, const std::string& where) {
    if (spec.id.empty()) throw InvalidInput("missing_field", where + "/id", "a new unit needs an id");
    if (draft.find(spec.id) != none)
        throw InvalidInput("duplicate_id", where + "/id", "unit id '" + spec.id + "' is already used");
    check_name(spec.name, where + "/name");
    Unit unit{spec.id, to_nfc(spec.name, where + "/name"), spec.kind, Level::nation, spec.attributes};
    Index parent = none;
    if (!parent_id.empty()) parent = draft.need(parent_id, draft.at(op, "parent"));
    if (is_territory(spec.kind)) {
        unit.level = territory_level(spec.kind);
        if (spec.kind != UnitKind::nation && parent == none)
            throw InvalidInput("missing_field", draft.at(op, "parent"), "a new territory needs the territory containing it");
    } else {
        if (parent == none)
            throw InvalidInput("missing_field", draft.at(op, "parent"),
                               is_post(spec.kind) ? "a new post needs the body it heads" : "a new body needs the territory it serves");
        unit.level = draft.unit(parent).level;
    }
    const Index u = draft.add_unit(std::move(unit));
    if (const Value* type = spec.attributes.find("type"); type && type->type() == Value::Type::string)
        check_type(draft, u, type->as_string(), where + "/attributes/type");
    if (parent == none) return u;
    if (is_territory(spec.kind)) move(draft, u, parent, draft.at(op, "parent"));
    else if (is_post(spec.kind)) draft.add_tie(u, parent, TieKind::heads);
    else draft.add_tie(u, parent, TieKind::serves);
    return u;
}

void abolish(Draft& draft, Index u, Index successor, std::size_t op, std::string_view how) {
    if (successor != none) {
        if (successor == u) throw InvalidInput("merge_into_itself", draft.at(op, "successor"), "a unit cannot succeed itself");
        if (is_territory(draft.unit(u).kind)) {
            draft.hand_over_territory(u, successor, op, how, std::nullopt);
        } else {
            draft.repoint(u, successor);
            draft.end(u, {{successor, std::nullopt}}, op, how);
        }
        return;
    }
    const Unit& unit = draft.unit(u);
    if (is_territory(unit.kind)) {
        if (const auto kids = draft.children(u); !kids.empty())
            throw InvalidInput("has_children", draft.at(op),
                               "'" + unit.id + "' contains " + std::to_string(kids.size()) + " territories (first '" +
                                   draft.unit(kids.front()).id + "'); name a successor to take them");
        for (Index b : draft.bodies(u)) draft.remove_body(b, op, how);
        draft.end(u, {}, op, how);
    } else if (is_body(unit.kind)) {
        draft.remove_body(u, op, how);
    } else {
        draft.end(u, {}, op, how);
    }
}

// A merge or a split hands a territory (or part of it) to one of its own level, or down to a lower one when it
// contains no territories: the island districts without communes became commune-level special zones in 2025
// (Bạch Long Vĩ, Cồn Cỏ, Côn Đảo ...). Never up: a commune merged into a district would hand its police to the
// district police.
template <class Where>
void check_levels(const Draft& draft, Index from, Index to, const Where& where) {
    const Unit& a = draft.unit(from);
    const Unit& b = draft.unit(to);
    if (a.level == b.level || (is_above(a.level, b.level) && draft.children(from).empty())) return;
    throw InvalidInput("wrong_level", where(),
                       "'" + a.id + "' (" + std::string(to_string(a.level)) + ") cannot go into '" + b.id + "' (" +
                           std::string(to_string(b.level)) + "): a merge or a split hands a territory to one of its " +
                           "own level, or to a lower one when it contains no territories");
}

void merge(Draft& draft, const Operation& o, std::size_t op) {
    Index target = none;
    if (o.create) {
        const std::string parent = !o.parent.empty() ? o.parent
                                   : !o.sources.empty() && draft.find(o.sources.front().unit) != none
                                       ? draft.unit(draft.container(draft.find(o.sources.front().unit))).id
                                       : std::string();
        target = create(draft, *o.create, parent, op, draft.at(op, "into"));
    } else {
        target = draft.need_territory(o.into, [&] { return draft.at(op, "into"); });
    }
    if (o.sources.empty() && o.parts.empty())
        throw InvalidInput("missing_field", draft.at(op, "sources"), "a merge needs sources or parts");
    draft.new_pass();
    auto& full = draft.merged_whole;
    auto& parts = draft.merged_parts;
    full.clear();
    parts.clear();
    bool other = false;
    // A plain loop variable, not a structured binding: the lambda below captures the field's name (Clang before 16
    // cannot capture a binding).
    for (const auto& entry : {std::pair{&o.sources, "sources"}, std::pair{&o.parts, "parts"}})
        for (std::size_t i = 0; i < entry.first->size(); ++i) {
            const auto* list = entry.first;
            const char* field = entry.second;
            const auto where = [&] { return draft.at(op, std::string(field) + "/" + std::to_string(i)); };
            const Index s = draft.need_territory((*list)[i].unit, where);
            if (!draft.mark(s))
                throw InvalidInput("duplicate_source", where(), "'" + (*list)[i].unit + "' is named twice in this merge");
            if (s == target && std::string_view(field) == "parts")
                throw InvalidInput("merge_into_itself", where(), "'" + (*list)[i].unit + "' cannot give a part to itself");
            if (s != target) other = true;
            if (draft.unit(s).kind == UnitKind::nation)
                throw InvalidInput("wrong_level", where(), "the nation cannot be merged");
            check_levels(draft, s, target, where);
            if ((*list)[i].share) draft.give_share(s, (*list)[i].share, where() + "/share");
            (std::string_view(field) == "sources" ? full : parts).emplace_back(s, (*list)[i].share);
        }
    if (!other)
        throw InvalidInput("merge_into_itself", draft.at(op, "sources"),
                           "every source is '" + draft.unit(target).id + "' itself: nothing to merge");
    if (!o.name.empty()) rename(draft, target, o.name, [&] { return draft.at(op, "name"); });
    if (!o.type.empty()) retype(draft, target, o.type, [&] { return draft.at(op, "type"); });
    const auto at_parent = [&] { return draft.at(op, "parent"); };
    if (!o.parent.empty() && !o.create) move(draft, target, draft.need_territory(o.parent, at_parent), at_parent);
    for (const auto& [s, share] : full)
        if (s != target) draft.hand_over_territory(s, target, op, "merge", share);
    for (const auto& [s, share] : parts) draft.add_part(s, target, share);
}

void split(Draft& draft, const Operation& o, std::size_t op) {
    const Index u = draft.need_territory(o.unit, draft.at(op, "unit"));
    if (o.split_into.empty()) throw InvalidInput("missing_field", draft.at(op, "into"), "a split needs its parts");
    const Index parent = draft.container(u);
    std::vector<Index> receivers;
    for (std::size_t i = 0; i < o.split_into.size(); ++i) {
        const Part& part = o.split_into[i];
        const std::string where = draft.at(op, "into/" + std::to_string(i));
        const Index r = part.create ? create(draft, *part.create, parent == none ? "" : draft.unit(parent).id, op, where)
                                    : draft.need_territory(part.unit, where + "/unit");
        if (r == u) throw InvalidInput("merge_into_itself", where, "'" + o.unit + "' cannot be split into itself");
        check_levels(draft, u, r, [&] { return where; });
        if (std::find(receivers.begin(), receivers.end(), r) != receivers.end())
            throw InvalidInput("duplicate_source", where, "'" + draft.unit(r).id + "' is named twice in this split");
        draft.give_share(u, part.share, where + "/share");
        receivers.push_back(r);
    }
    const Index successor = o.successor.empty() ? receivers.front() : draft.need_territory(o.successor, draft.at(op, "successor"));
    for (std::size_t i = 0; i < receivers.size(); ++i)
        if (receivers[i] != successor) draft.add_part(u, receivers[i], o.split_into[i].share);
    std::optional<double> successor_share;
    for (std::size_t i = 0; i < receivers.size(); ++i)
        if (receivers[i] == successor) successor_share = o.split_into[i].share;
    draft.hand_over_territory(u, successor, op, "split", successor_share);
}

void remove_level(Draft& draft, std::size_t op, const std::vector<Index>& territories) {
    for (Index t : territories) {
        const Index up = draft.container(t);
        if (up == none)
            throw HierarchyError("wrong_level", draft.at(op, "level"),
                                 "'" + draft.unit(t).id + "' has no container to take what it contains");
        for (Index child : draft.children(t)) draft.set_parent(child, up);
        for (Index b : draft.bodies(t)) draft.remove_body(b, op, "remove_level");
        draft.end(t, {}, op, "remove_level");
    }
}

std::vector<Index> territories_at(const Draft& draft, Level level) {
    std::vector<Index> out;
    for (Index u = 0; u < draft.size(); ++u)
        if (draft.alive(u) && is_territory(draft.unit(u).kind) && draft.unit(u).level == level)
            out.push_back(u);
    return out;
}

}  // namespace

Applied apply(const OrgGraph& graph, const ChangeSet& changes) {
    const OrgGraph::ReadGuard reading(graph);
    const std::string source = changes.source.empty() ? changes.name : changes.source;
    const auto set_day = detail::iso_days(changes.date);
    if (!set_day)
        throw InvalidInput("bad_date", source + ":/date", "expected an ISO date YYYY-MM-DD, not '" + changes.date + "'");
    if (const Value* as_of = graph.attributes().find("as_of"); as_of && as_of->type() == Value::Type::string)
        if (const auto graph_day = detail::iso_days(as_of->as_string()); graph_day && *graph_day > *set_day)
            throw InvalidInput("date_out_of_order", source + ":/date",
                               "the changes take effect on " + changes.date + ", before the graph's date (as_of " +
                                   as_of->as_string() + ")");
    // The structure after: the set's, or else the graph's less each level the set removes (three_tier less the
    // district: two_tier). Either way, a level to remove must be one the structure has at that point.
    const AdministrativeStructure* after = changes.structure.empty() ? &graph.structure() : nullptr;
    const AdministrativeStructure* running = &graph.structure();
    for (std::size_t op = 0; op < changes.operations.size(); ++op) {
        const Operation& o = changes.operations[op];
        if (o.kind != OperationKind::remove_level || !o.level) continue;
        const std::string at = source + ":/operations/" + std::to_string(op) + "/level";
        if (*o.level == Level::nation || *o.level == Level::village)
            throw InvalidInput("wrong_level", at, "only a level between the nation and the village can be removed");
        try {
            running = &running->without(*o.level);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), at, e.message());
        }
        if (after) after = running;
    }
    const AdministrativeStructure& structure = after ? *after : AdministrativeStructure::preset(changes.structure);

    Draft draft(graph, changes);
    std::int64_t last_day = *set_day;
    for (std::size_t op = 0; op < changes.operations.size(); ++op) {
        draft.begin_operation(op);
        const Operation& o = changes.operations[op];
        if (!o.date.empty()) {
            const auto day = detail::iso_days(o.date);
            if (!day) throw InvalidInput("bad_date", draft.at(op, "date"), "expected an ISO date YYYY-MM-DD, not '" + o.date + "'");
            if (*day < last_day)
                throw InvalidInput("date_out_of_order", draft.at(op, "date"),
                                   o.date + " comes before the date of the change set or of an earlier operation");
            last_day = *day;
        }
        switch (o.kind) {
            case OperationKind::create: {
                if (!o.create) throw InvalidInput("missing_field", draft.at(op, "unit"), "create needs the unit to create");
                create(draft, *o.create, o.parent, op, draft.at(op, "unit"));
                break;
            }
            case OperationKind::abolish: {
                const Index u = draft.need(o.unit, [&] { return draft.at(op, "unit"); });
                const Index successor =
                    o.successor.empty() ? none : draft.need(o.successor, [&] { return draft.at(op, "successor"); });
                abolish(draft, u, successor, op, "abolish");
                break;
            }
            case OperationKind::rename:
                rename(draft, draft.need(o.unit, [&] { return draft.at(op, "unit"); }), o.name,
                       [&] { return draft.at(op, "name"); });
                break;
            case OperationKind::retype:
                retype(draft, draft.need(o.unit, [&] { return draft.at(op, "unit"); }), o.type,
                       [&] { return draft.at(op, "type"); });
                break;
            case OperationKind::move: {
                const Index u = draft.need_territory(o.unit, [&] { return draft.at(op, "unit"); });
                const auto at_parent = [&] { return draft.at(op, "parent"); };
                move(draft, u, draft.need_territory(o.parent, at_parent), at_parent);
                break;
            }
            case OperationKind::merge: merge(draft, o, op); break;
            case OperationKind::split: split(draft, o, op); break;
            case OperationKind::remove_level: {
                if (!o.level) throw InvalidInput("missing_field", draft.at(op, "level"), "remove_level needs the level");
                remove_level(draft, op, territories_at(draft, *o.level));
                break;
            }
        }
    }
    draft.check_structure(structure);

    Applied out{OrgGraph(structure), draft.id_map(), draft.reattached(), draft.dropped()};
    out.graph.set_name(graph.name());
    Object attributes = graph.attributes();
    attributes.set("as_of", Value(detail::iso_date(last_day)));
    out.graph.set_attributes(std::move(attributes));
    std::move(draft).build_into(out.graph);
    return out;
}

}  // namespace antq
