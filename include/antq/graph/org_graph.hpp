#pragma once

/**
 * @file
 * OrgGraph: the typed organisational graph.
 */

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/detail/function_ref.hpp>
#include <antq/graph/detail/id_index.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/structure.hpp>
#include <antq/model/tie.hpp>
#include <antq/model/unit.hpp>

namespace antq {

class OrgGraph;
class FrozenGraph;

namespace detail {
struct Storage;      // the Boost.Graph adjacency list, seen only by the library's sources
class WriteScope;    // marks a mutation as running (src/graph/org_graph.cpp)
class Assembly;      // builds a graph from parts already checked (src/graph/detail/assemble.hpp)
/** The storage of `graph`, for the library's own traversals (src/graph/detail/storage.hpp). */
const Storage& storage(const OrgGraph& graph) noexcept;
}  // namespace detail

/** A tie named by its endpoints' persistent ids, as files and bulk builders give it. */
struct TieSpec {
    std::string source;  ///< persistent id of the source unit
    std::string target;  ///< persistent id of the target unit
    TieKind kind = TieKind::coordinates;
    Object attributes;  ///< free attributes of the tie
};

/**
 * The organisational graph: units (territories, bodies, posts) and typed, directed ties between them.
 *
 * Every mutation keeps the structural rules or throws and leaves the graph unchanged: unique ids,
 * well-formed UTF-8 names stored in NFC, a territory's level equal to its kind, containment as the graph's
 * administrative structure allows (structure(): one step down, or province -> commune in the two-tier structure)
 * with one parent each, GSO codes as wide as the structure says, a body serving one territory of its own level, a
 * post heading bodies of its own level, no cycle in subordination (`directs`), no duplicate tie. Completeness (every body serves a territory, every post
 * heads a body) can only hold once a graph is fully built, so it is checked by validate(), which the
 * loaders call.
 *
 * Units and ties have dense indices that never shift: removing a unit leaves a hole. Every mutation
 * increments generation(), which views use to detect that the graph changed under them.
 *
 * Unit ids are stored in NFC, like names: an id given in NFD is stored, and found, as its NFC form.
 *
 * Thread safety: const member functions may run concurrently. A mutation must not overlap any other call, and the
 * graph enforces that for the long computations: compile(), evaluate(), the analyses, the measures, the cascade,
 * freeze(), restructure's apply() and diff(), the writers and copies hold a ReadGuard while they run, and a mutation meanwhile throws GraphInUse "graph_in_use" instead of changing what
 * they read (taking a guard while a mutation runs throws too). Short reads (unit(), find(), children() ...) take
 * no guard; a program that shares a graph between threads takes one around them.
 */
class OrgGraph {
public:
    /** An empty graph following AdministrativeStructure::either(). */
    OrgGraph();
    /** An empty graph following `structure`. */
    explicit OrgGraph(const AdministrativeStructure& structure);
    /** A deep copy; it is another graph, so results compiled on `other` refuse it. Complexity: O(V + E). */
    OrgGraph(const OrgGraph& other);
    /** Replaces the content with a deep copy of `other`. Complexity: O(V + E). */
    OrgGraph& operator=(const OrgGraph& other);
    /** Takes `other`'s content in O(1); `other` is left empty. */
    OrgGraph(OrgGraph&& other) noexcept : OrgGraph() { swap(other); }
    OrgGraph& operator=(OrgGraph&& other) noexcept {
        OrgGraph taken(std::move(other));
        swap(taken);
        return *this;
    }
    ~OrgGraph();

    /** Exchanges the content of two graphs in O(1). Both count as changed (views on either go stale). */
    void swap(OrgGraph& other) noexcept;

    /**
     * Marks the graph as being read for as long as the guard lives: meanwhile every mutation throws GraphInUse
     * "graph_in_use" and leaves the graph unchanged. Guards nest and may be held by many threads at once.
     * Complexity: O(1), no lock: a counter in the graph.
     */
    class ReadGuard {
    public:
        /** @throws GraphInUse "graph_in_use" if a mutation of `graph` is running (on another thread) */
        explicit ReadGuard(const OrgGraph& graph);
        ReadGuard(const ReadGuard&) = delete;
        ReadGuard& operator=(const ReadGuard&) = delete;
        ~ReadGuard();

    private:
        const OrgGraph& m_graph;
    };

    /** True while a ReadGuard is held on the graph (by any thread). Complexity: O(1). */
    bool in_use() const noexcept { return m_use.load(std::memory_order_acquire) > 0; }

    /** @name Size */
    ///@{
    /** Number of units (removed ones excluded). Complexity: O(1). */
    std::size_t unit_count() const noexcept { return m_unit_count; }
    /** Number of ties (removed ones excluded). Complexity: O(1). */
    std::size_t tie_count() const noexcept { return m_tie_count; }
    /** One past the largest unit index ever given out. Complexity: O(1). */
    std::size_t unit_capacity() const noexcept { return m_units.size(); }
    /** One past the largest tie index ever given out. Complexity: O(1). */
    std::size_t tie_capacity() const noexcept { return m_ties.size(); }
    /**
     * Changes with every mutation, and is never the same for two different graphs (or a graph and its
     * copy): results compiled against one graph can tell it from any other.
     */
    std::uint64_t generation() const noexcept { return m_generation; }
    ///@}

    /** @name The graph's own name and attributes */
    ///@{
    /** The graph's name, e.g. "hai_duong_2024". */
    const std::string& name() const noexcept { return m_name; }
    /** Renames the graph (normalised to NFC). @throws InvalidInput "invalid_utf8" */
    void set_name(std::string name);
    /** Free attributes of the graph itself (description, sources, date of the data ...). */
    const Object& attributes() const noexcept { return m_attributes; }
    /** Replaces the graph's attributes (strings normalised to NFC). @throws InvalidInput as set_unit_attribute */
    void set_attributes(Object attributes);
    ///@}

    /** @name The administrative structure */
    ///@{
    /** The structure the graph follows: which level may contain which, how wide GSO codes are. */
    const AdministrativeStructure& structure() const noexcept { return *m_structure; }
    /**
     * Makes the graph follow `structure`.
     * @throws HierarchyError "wrong_level" naming the first containment tie it does not allow; InvalidInput
     *         "bad_gso_code" for the first code of the wrong width (the graph is unchanged)
     * Complexity: O(V + E).
     */
    void set_structure(const AdministrativeStructure& structure);
    ///@}

    /** @name Lookup */
    ///@{
    /** The index of unit `id`, or std::nullopt. Complexity: O(1) expected. */
    std::optional<UnitIndex> find(std::string_view id) const noexcept;
    /**
     * find() for every id of `ids`, in order. Several times faster than one find() per id on a large graph: the
     * lookups' memory accesses overlap instead of waiting one after the other.
     * Complexity: O(|ids|) expected.
     */
    std::vector<std::optional<UnitIndex>> find(std::span<const std::string_view> ids) const;
    /** The index of unit `id`. @throws NotFound tag "unknown_unit". Complexity: O(1) expected. */
    UnitIndex index_of(std::string_view id) const;
    /** True if a unit with this id exists. */
    bool contains(std::string_view id) const noexcept { return find(id).has_value(); }
    /** True if `u` names a unit that exists (was added and not removed). */
    bool is_alive(UnitIndex u) const noexcept { return u.value < m_units.size() && m_unit_alive[u.value]; }
    /** True if `t` names a tie that exists. */
    bool is_alive(TieIndex t) const noexcept;
    /** The unit at `u`. @throws NotFound tag "unknown_unit". */
    const Unit& unit(UnitIndex u) const;
    /** The unit with persistent id `id`. @throws NotFound tag "unknown_unit". */
    const Unit& unit(std::string_view id) const { return unit(index_of(id)); }
    /** The tie at `t`. @throws NotFound tag "unknown_tie". */
    const Tie& tie(TieIndex t) const;
    /**
     * The kind of every unit index, packed (size unit_capacity(); a removed unit keeps its kind): for scans that
     * read only kinds and levels without walking the unit table. Check is_alive() as well.
     */
    std::span<const UnitKind> kinds() const noexcept { return m_kinds; }
    /** The level of every unit index, packed, as kinds(). */
    std::span<const Level> levels() const noexcept { return m_levels; }
    /** All units, in index order. Complexity: O(capacity). */
    std::vector<UnitIndex> units() const;
    /** All ties, in index order. Complexity: O(capacity). */
    std::vector<TieIndex> ties() const;
    ///@}

    /** @name Mutation */
    ///@{
    /** Makes room for `units` units and `ties` ties in all, so a bulk build does not reallocate. */
    void reserve(std::size_t units, std::size_t ties);

    /**
     * Adds a unit. Its name is normalised to NFC.
     * @returns the new unit's index
     * Attribute strings are normalised to NFC as well; numbers must be finite.
     * @throws InvalidInput tags "duplicate_id", "bad_id", "bad_name", "invalid_utf8", "level_mismatch", "bad_gso_code",
     *         "non_finite_number"
     */
    UnitIndex add_unit(Unit unit);

    /**
     * Adds a tie between two existing units.
     * @throws NotFound "unknown_unit"; InvalidInput "self_tie", "wrong_endpoint", "level_mismatch",
     *         "duplicate_tie", "serves_twice", "second_head"; HierarchyError "wrong_level", "second_parent",
     *         "cycle", "superior_below"
     * Complexity: O(min(out-degree(source), in-degree(target))), plus for `directs` the subordinate's subtree.
     */
    TieIndex add_tie(UnitIndex source, UnitIndex target, TieKind kind, Object attributes = {});
    /** As above, naming endpoints by persistent id. */
    TieIndex add_tie(std::string_view source, std::string_view target, TieKind kind, Object attributes = {});

    /**
     * Adds many ties at once, all or none. Same rules as add_tie, but subordination cycles are checked once
     * over the whole graph at the end (O(V + E)) rather than per tie, so bulk loads stay linear.
     * @param place_of names spec i in an error (default "ties[i]"), e.g. a JSON pointer
     * @returns the index of the first new tie (the others follow in order)
     * @throws as add_tie, with where() starting with place_of(i) for the offending spec
     */
    TieIndex add_ties(std::span<const TieSpec> ties, const std::function<std::string(std::size_t)>& place_of = {});

    /** Removes a unit and every tie touching it. Its index is never reused. @throws NotFound */
    void remove_unit(UnitIndex u);
    /** Removes a tie. @throws NotFound */
    void remove_tie(TieIndex t);
    /** Renames a unit (normalised to NFC). @throws NotFound, InvalidInput */
    void rename_unit(UnitIndex u, std::string name);
    /** Sets one free attribute of a unit (strings normalised to NFC). @throws NotFound; InvalidInput "non_finite_number" */
    void set_unit_attribute(UnitIndex u, std::string key, Value value);
    /** Removes one free attribute; returns whether it was there. @throws NotFound */
    bool erase_unit_attribute(UnitIndex u, std::string_view key);
    /**
     * Sets one free attribute of a tie, as set_unit_attribute() does for a unit.
     * @throws NotFound "unknown_tie"; InvalidInput "non_finite_number", "too_deep"
     */
    void set_tie_attribute(TieIndex t, std::string key, Value value);
    /** Removes one free attribute of a tie; returns whether it was there. @throws NotFound "unknown_tie" */
    bool erase_tie_attribute(TieIndex t, std::string_view key);
    ///@}

    /** @name Navigation along one tie kind */
    ///@{
    /** Sources of the ties of `kind` that end at `u`, in tie order. Complexity: O(in-degree). */
    std::vector<UnitIndex> parents(UnitIndex u, TieKind kind) const;
    /** Targets of the ties of `kind` that start at `u`, in tie order. Complexity: O(out-degree). */
    std::vector<UnitIndex> children(UnitIndex u, TieKind kind) const;
    /**
     * The single parent of `u` along `kind`, or std::nullopt for a root.
     * @throws HierarchyError "several_parents" if `u` has more than one (e.g. dual subordination).
     * Complexity: O(in-degree).
     */
    std::optional<UnitIndex> parent(UnitIndex u, TieKind kind = TieKind::contains) const;
    /**
     * Calls `f(UnitIndex)` for every target of a `kind` tie starting at `u`, in storage order, without
     * allocating: the form loops use (children() sorts by tie order and returns a vector).
     * Complexity: O(out-degree).
     */
    void for_each_child(UnitIndex u, TieKind kind, detail::FunctionRef<void(UnitIndex)> f) const;
    /** Calls `f(UnitIndex)` for every source of a `kind` tie ending at `u`, without allocating. */
    void for_each_parent(UnitIndex u, TieKind kind, detail::FunctionRef<void(UnitIndex)> f) const;
    /** True if a `kind` tie runs from `source` to `target`. Complexity: O(min(out-degree(source), in-degree(target))). */
    bool has_tie(UnitIndex source, UnitIndex target, TieKind kind) const { return find_tie(source, target, kind).has_value(); }
    /** The `kind` tie from `source` to `target`, or std::nullopt. Complexity: as has_tie(). */
    std::optional<TieIndex> find_tie(UnitIndex source, UnitIndex target, TieKind kind) const;
    /** Ties of `kind` ending at `u`. Complexity: O(in-degree). */
    std::vector<TieIndex> in_ties(UnitIndex u, std::optional<TieKind> kind = std::nullopt) const;
    /** Ties of `kind` starting at `u`. Complexity: O(out-degree). */
    std::vector<TieIndex> out_ties(UnitIndex u, std::optional<TieKind> kind = std::nullopt) const;
    /**
     * The territory a unit belongs to: itself for a territory, the territory served for a body, the
     * territory of the (first) headed body for a post; std::nullopt while not yet tied.
     * Complexity: O(degree).
     */
    std::optional<UnitIndex> area(UnitIndex u) const;
    /** The post heading `u`, or std::nullopt. Complexity: O(in-degree). */
    std::optional<UnitIndex> head(UnitIndex u) const;
    ///@}

    /**
     * Checks what only a complete graph can satisfy: every body serves a territory, every post heads a
     * body, and subordination is acyclic.
     * @throws InvalidInput "body_serves_nothing", "post_heads_nothing"; HierarchyError "cycle"
     * Complexity: O(V + E).
     */
    void validate() const;

    /** Same units and ties (by id, kind, level, name, attributes), whatever their order or indices. */
    bool same_content(const OrgGraph& other) const;

    /**
     * An immutable, compact view of the graph as it is now, for heavy reading (antq/graph/frozen_graph.hpp). The
     * first call after a change builds it; later calls share it until the next mutation, which drops it. The view
     * stays valid (and unchanged) for as long as someone holds it; its stamp refuses the graph once changed.
     * Several threads may call freeze() at once (a lock guards the cache).
     * Complexity: O(V + E) after a change, O(1) otherwise.
     */
    std::shared_ptr<const FrozenGraph> freeze() const;

private:
    const Unit& checked_unit(UnitIndex u) const;
    static void check_new_id(std::string_view id);
    void check_new_unit(Unit& unit) const;
    void check_unit_level(const Unit& unit) const;
    void push_unit(Unit unit);
    void push_tie(UnitIndex s, UnitIndex t, TieKind kind, Object attributes);
    void check_tie(UnitIndex s, UnitIndex t, TieKind kind) const;
    TieIndex insert_tie(UnitIndex s, UnitIndex t, TieKind kind, Object attributes);
    std::optional<UnitIndex> first_in(UnitIndex u, TieKind kind) const noexcept;
    std::optional<UnitIndex> first_out(UnitIndex u, TieKind kind) const noexcept;
    std::optional<std::vector<UnitIndex>> find_directs_cycle() const;
    void touch() noexcept;
    auto id_of() const noexcept {
        return [this](std::uint32_t i) -> std::string_view { return m_units[i].id; };
    }

    void check_gso_width(const Unit& unit) const;
    friend const detail::Storage& detail::storage(const OrgGraph& graph) noexcept;
    friend class detail::WriteScope;
    friend class detail::Assembly;

    // Behind a pointer so that Boost.Graph stays out of this header, and because Boost 1.74's adjacency_list has
    // no move and its swap makes three copies: this way a graph moves (into Python, out of a loader) in O(1).
    std::unique_ptr<detail::Storage> m_graph;
    const AdministrativeStructure* m_structure = &AdministrativeStructure::either();
    std::vector<Unit> m_units;
    std::vector<UnitKind> m_kinds;  // m_units[i].kind, packed: scans by kind stay in cache
    std::vector<Level> m_levels;    // m_units[i].level, likewise
    std::vector<bool> m_unit_alive;
    std::vector<Tie> m_ties;
    std::vector<bool> m_tie_alive;
    detail::IdIndex m_index;
    std::size_t m_unit_count = 0;
    std::size_t m_tie_count = 0;
    std::uint64_t m_generation = 0;
    std::string m_name;
    Object m_attributes;
    // Readers and writers of this object (not of its content: swap and moves leave it): above 0, the number of
    // ReadGuards held; below 0, mutations running. Only ReadGuard and the mutations' WriteScope change it.
    mutable std::atomic<std::int64_t> m_use{0};
};

}  // namespace antq
