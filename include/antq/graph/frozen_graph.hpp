#pragma once

/**
 * @file
 * FrozenGraph: an immutable, compact view of an OrgGraph for analyses and simulations that read a lot.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include <antq/graph/detail/id_index.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/level.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit_kind.hpp>

namespace antq {

class OrgGraph;

/**
 * An immutable snapshot of an OrgGraph's structure, laid out for reading: per tie kind, the out-ties and the in-ties
 * of every unit as compressed rows (one offset array and one neighbour array per kind and direction, each row in tie
 * order), the units' kinds and levels packed, and the ids in one buffer with their own index.
 *
 * Unit and tie indices are the graph's own (a removed unit stays a hole), so results computed on the view refer to
 * the graph directly. Names and attributes are not copied (but for each unit's synthetic flag, is_synthetic()): ask
 * the graph for them.
 *
 * Made by OrgGraph::freeze(), which builds it once per state of the graph and hands the same view to every caller
 * until the graph changes. The view never changes; stamp() remembers the state it was made from, and
 * check_current() refuses any other graph, or the same graph once changed.
 *
 * Thread safety: every member is const; any number of threads may read one view at once (derived() locks).
 */
class FrozenGraph {
public:
    /**
     * Freezes `graph` as it is now. OrgGraph::freeze() caches the result; call this only to own a private copy.
     * Complexity: O(V + E) time and memory.
     */
    explicit FrozenGraph(const OrgGraph& graph);

    /** @name Size */
    ///@{
    /** One past the largest unit index of the graph frozen. Complexity: O(1). */
    std::size_t unit_capacity() const noexcept { return m_kinds.size(); }
    /** Number of units (removed ones excluded). Complexity: O(1). */
    std::size_t unit_count() const noexcept { return m_unit_count; }
    /** Number of ties. Complexity: O(1). */
    std::size_t tie_count() const noexcept { return m_tie_count; }
    /** Number of ties of `kind`. Complexity: O(1). */
    std::size_t tie_count(TieKind kind) const noexcept { return m_out[index(kind)].units.size(); }
    /** Bytes the view holds (its arrays, the ids and their index; not what derived() keeps). Complexity: O(1). */
    std::size_t memory_bytes() const noexcept;
    ///@}

    /** @name Staleness */
    ///@{
    /** The generation of the graph frozen (OrgGraph::generation() at the time). */
    std::uint64_t generation() const noexcept { return m_stamp.generation(); }
    /** The stamp of the state frozen; results computed on the view may carry it. */
    const GraphStamp& stamp() const noexcept { return m_stamp; }
    /** True if `graph` is the graph frozen, unchanged since. */
    bool matches(const OrgGraph& graph) const noexcept { return m_stamp.matches(graph); }
    /** @throws StaleView "stale_view" if `graph` is not the graph frozen, or changed since. */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }
    ///@}

    /** @name Units */
    ///@{
    /** True if `u` names a unit that existed when frozen. */
    bool is_alive(UnitIndex u) const noexcept { return u.value < m_alive.size() && m_alive[u.value]; }
    /** The kind of every unit index, packed (a removed unit keeps its kind; check is_alive()). */
    std::span<const UnitKind> kinds() const noexcept { return m_kinds; }
    /** The level of every unit index, packed, as kinds(). */
    std::span<const Level> levels() const noexcept { return m_levels; }
    /** Unit::is_synthetic() of `u` (the data marks it made up), read once when frozen; false for no unit. */
    bool is_synthetic(UnitIndex u) const noexcept { return u.value < m_synthetic.size() && m_synthetic[u.value]; }
    /** The persistent id of `u`. @throws NotFound "unknown_unit". Complexity: O(1). */
    std::string_view id(UnitIndex u) const;
    /**
     * The index of the unit with id `id`, or std::nullopt. An id outside ASCII is looked up in its stored form (NFC),
     * as OrgGraph::find() does, so a decomposed spelling finds its unit. Complexity: O(1) expected.
     */
    std::optional<UnitIndex> find(std::string_view id) const noexcept;
    /** find() for every id of `ids`, in order, with the lookups' memory accesses overlapped. Complexity: O(|ids|). */
    std::vector<std::optional<UnitIndex>> find(std::span<const std::string_view> ids) const;
    /** The index of unit `id`. @throws NotFound "unknown_unit". Complexity: O(1) expected. */
    UnitIndex index_of(std::string_view id) const;
    ///@}

    /** @name Navigation along one tie kind (no allocation) */
    ///@{
    /** Targets of the `kind` ties starting at `u`, in tie order; empty for an unknown index. Complexity: O(1). */
    std::span<const UnitIndex> children(UnitIndex u, TieKind kind) const noexcept { return row(m_out, u, kind); }
    /** Sources of the `kind` ties ending at `u`, in tie order; empty for an unknown index. Complexity: O(1). */
    std::span<const UnitIndex> parents(UnitIndex u, TieKind kind) const noexcept { return row(m_in, u, kind); }
    /** The `kind` ties starting at `u`, in the order of children(). Complexity: O(1). */
    std::span<const TieIndex> out_ties(UnitIndex u, TieKind kind) const noexcept { return tie_row(m_out, u, kind); }
    /** The `kind` ties ending at `u`, in the order of parents(). Complexity: O(1). */
    std::span<const TieIndex> in_ties(UnitIndex u, TieKind kind) const noexcept { return tie_row(m_in, u, kind); }
    /** One tie kind's rows in one direction, as arrays: row u is [offsets[u], offsets[u + 1]) of `units` and `ties`. */
    struct RowArrays {
        std::span<const std::uint32_t> offsets;  ///< unit_capacity() + 1 entries, or none for a kind without ties
        std::span<const UnitIndex> units;        ///< the neighbours, row after row
        std::span<const TieIndex> ties;          ///< the ties, in the order of `units`
    };
    /** The out-rows of `kind` (children), e.g. to hand to scipy.sparse or another CSR reader. Complexity: O(1). */
    RowArrays out_rows(TieKind kind) const noexcept { return arrays(m_out[index(kind)]); }
    /** The in-rows of `kind` (parents). Complexity: O(1). */
    RowArrays in_rows(TieKind kind) const noexcept { return arrays(m_in[index(kind)]); }
    /**
     * The single parent of `u` along `kind`, or std::nullopt for a root.
     * @throws NotFound "unknown_unit"; HierarchyError "several_parents" if `u` has more than one
     * Complexity: O(1).
     */
    std::optional<UnitIndex> parent(UnitIndex u, TieKind kind = TieKind::contains) const;
    /**
     * The territory `u` belongs to: itself for a territory, the one a body serves, the one the first body a post
     * heads serves; std::nullopt if none. As OrgGraph::area(). @throws NotFound. Complexity: O(1).
     */
    std::optional<UnitIndex> area(UnitIndex u) const;
    ///@}

    /** @name Whole-graph walks */
    ///@{
    /**
     * The territory subtree of `root` as one flag per unit index: `root`, the territories it contains transitively,
     * the bodies serving them, the posts heading those bodies (Selector::within's meaning).
     * @throws NotFound; InvalidInput "not_a_territory"
     * Complexity: O(V) for the flags, O(size of the subtree) for the walk.
     */
    std::vector<std::uint8_t> territory_mask(UnitIndex root) const;
    /** The units of territory_mask(root), in index order. Complexity: O(k log k) for a subtree of k units. */
    std::vector<UnitIndex> within(UnitIndex root) const;
    /**
     * Breadth-first distances along `kind` from every unit of `sources` (distance 0): the number of ties on a
     * shortest path, or `unreached` (a removed or unreachable unit). @throws NotFound for a source that is not a unit.
     * Complexity: O(V + E_kind).
     */
    std::vector<std::uint32_t> hops(std::span<const UnitIndex> sources, TieKind kind) const;
    /** The distance hops() gives an unreached unit. */
    static constexpr std::uint32_t unreached = 0xffffffffu;
    ///@}

    /** @name What readers derive from the view */
    ///@{
    /**
     * The value `make()` derives from this view alone, made by the first call with `key` and shared by the calls
     * after it: the view never changes, so neither does such a value (the measures keep here the compact graph of
     * each tie view they read, as NetworkX keeps its backends' conversions in a graph's `__networkx_cache__`). Keys
     * start with their area's name ("measures.…"). At most `derived_limit` values are kept, the least recently used
     * dropped first; a dropped value lives on while a caller holds it, and every value goes with the view.
     *
     * Thread-safe: other threads asking for a value wait while `make()` runs, so `make()` must not call derived() on
     * the same view.
     * @tparam T the value's type; `make()` returns std::shared_ptr<const T> (or one convertible to it)
     * @throws whatever `make()` throws, keeping nothing; InvalidInput "wrong_type" if `key` holds a value of another
     *         type than T
     * Complexity: O(derived_limit) to find the key, plus make() on the first call.
     */
    template <class T, class Make>
    std::shared_ptr<const T> derived(std::string_view key, Make&& make) const {
        return std::static_pointer_cast<const T>(derived_value(key, typeid(T), [&make]() -> std::shared_ptr<const void> {
            return std::shared_ptr<const T>(make());
        }));
    }
    /** How many values derived() keeps. */
    static constexpr std::size_t derived_limit = 16;
    ///@}

private:
    // One kind's ties in one direction as compressed rows: row u is [offsets[u], offsets[u + 1]). A kind the graph
    // has no tie of keeps empty arrays (no offsets at all), so absent kinds cost nothing.
    struct Rows {
        std::vector<std::uint32_t> offsets;
        std::vector<UnitIndex> units;
        std::vector<TieIndex> ties;
    };
    using ByKind = std::array<Rows, tie_kind_count>;

    static std::size_t index(TieKind kind) noexcept { return static_cast<std::size_t>(kind); }
    static std::span<const UnitIndex> row(const ByKind& rows, UnitIndex u, TieKind kind) noexcept {
        const Rows& r = rows[index(kind)];
        if (u.value + 1 >= r.offsets.size()) return {};
        return {r.units.data() + r.offsets[u.value], r.units.data() + r.offsets[u.value + 1]};
    }
    static std::span<const TieIndex> tie_row(const ByKind& rows, UnitIndex u, TieKind kind) noexcept {
        const Rows& r = rows[index(kind)];
        if (u.value + 1 >= r.offsets.size()) return {};
        return {r.ties.data() + r.offsets[u.value], r.ties.data() + r.offsets[u.value + 1]};
    }
    static RowArrays arrays(const Rows& r) noexcept { return {r.offsets, r.units, r.ties}; }
    void check_unit(UnitIndex u) const;
    std::shared_ptr<const void> derived_value(std::string_view key, const std::type_info& type,
                                              const std::function<std::shared_ptr<const void>()>& make) const;
    auto id_of() const noexcept {
        return [this](std::uint32_t i) -> std::string_view {
            return {m_id_text.data() + m_id_start[i], m_id_start[i + 1] - m_id_start[i]};
        };
    }

    ByKind m_out;
    ByKind m_in;
    std::vector<UnitKind> m_kinds;
    std::vector<Level> m_levels;
    std::vector<bool> m_alive;
    std::vector<bool> m_synthetic;
    std::string m_id_text;                  // every id, one after the other (a removed unit's is empty)
    std::vector<std::uint32_t> m_id_start;  // unit i's id is [m_id_start[i], m_id_start[i + 1])
    detail::IdIndex m_index;
    std::size_t m_unit_count = 0;
    std::size_t m_tie_count = 0;
    GraphStamp m_stamp;
    struct Derived {
        struct Value {
            std::string key;
            std::type_index type;
            std::shared_ptr<const void> value;
        };
        std::mutex lock;
        std::vector<Value> values;  // the least recently used first
    };
    std::unique_ptr<Derived> m_derived = std::make_unique<Derived>();  // behind a pointer: a mutex does not move
};

}  // namespace antq
