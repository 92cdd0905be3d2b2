#pragma once

/**
 * @file
 * Selectors: composable predicates that pick units by kind, level, territory, id and attribute.
 */

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <antq/model/ids.hpp>
#include <antq/model/level.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq {

class FrozenGraph;
class OrgGraph;

/**
 * A predicate over units, built from a few primitives and combined with `&`, `|` and `~`.
 *
 * ```
 * auto communal_pcs = Selector::kind(UnitKind::peoples_committee) & Selector::level(Level::commune)
 *                   & Selector::within("296");
 * std::vector<UnitIndex> picked = communal_pcs.select(graph);
 * ```
 * The same tree is written as JSON by `antq/io/selector_json.hpp` (see docs/selectors.md). Selectors are
 * immutable values; copies share their tree.
 */
class Selector {
public:
    /** What a node of the tree tests. */
    enum class Op { everything, kind, level, within, id, attribute_equals, has_attribute, all_of, any_of, negation };

    /** One node of the tree; fields other than `op`'s are empty. */
    struct Node {
        Op op = Op::everything;
        std::vector<UnitKind> kinds;          // kind
        std::vector<Level> levels;            // level
        std::vector<std::string> ids;         // within (one territory id), id (any number)
        std::string key;                      // attribute_equals, has_attribute
        Value value;                          // attribute_equals
        std::vector<Selector> operands;       // all_of, any_of, negation (one)
        std::uint32_t depth = 1;              // levels of the tree from this node down: 1 for a leaf
    };

    /**
     * How deep a tree may nest (`&`, `|`, `~`, all_of, any_of, negation): the same bound as the JSON form, so every
     * selector built in code can be written, read back, printed and evaluated without deep recursion. Combine many
     * operands with one all_of or any_of of a list instead of a chain of `&` or `|`.
     */
    static constexpr std::size_t max_depth = 64;

    /** Matches every unit. */
    Selector();

    /** Matches every unit (the JSON form is the string "all"). */
    static Selector all();
    /** Units of any of these kinds. */
    static Selector kind(UnitKind k);
    /** @throws InvalidInput "bad_selector" for an empty list */
    static Selector kinds(std::vector<UnitKind> ks);
    /** Units at any of these levels. */
    static Selector level(Level l);
    /** @throws InvalidInput "bad_selector" for an empty list */
    static Selector levels(std::vector<Level> ls);
    /**
     * Units in the territory `territory_id`, inclusive: the territory, every territory it contains
     * (transitively), every body serving one of those, and every post heading such a body.
     */
    static Selector within(std::string territory_id);
    /** Units with any of these persistent ids. An id the graph lacks is an error at select time. */
    static Selector id(std::string unit_id);
    /** @throws InvalidInput "bad_selector" for an empty list */
    static Selector ids(std::vector<std::string> unit_ids);
    /**
     * Units whose attribute `key` equals `value`.
     * @throws InvalidInput "too_deep" for a value nesting deeper than max_value_depth, "non_finite_number" for NaN or
     *         infinity (no attribute holds them)
     */
    static Selector attribute_equals(std::string key, Value value);
    /** Units that have attribute `key`. */
    static Selector has_attribute(std::string key);
    /**
     * Units every operand picks.
     * @throws InvalidInput "bad_selector" for no operand; "too_deep" if the tree would nest deeper than max_depth
     */
    static Selector all_of(std::vector<Selector> operands);
    /** Units any operand picks. @throws as all_of() */
    static Selector any_of(std::vector<Selector> operands);
    /** Units the operand does not pick. @throws InvalidInput "too_deep" as all_of() */
    static Selector negation(Selector operand);

    /** Both: all_of({a, b}). @throws InvalidInput "too_deep" as all_of() */
    friend Selector operator&(const Selector& a, const Selector& b) { return all_of({a, b}); }
    /** Either: any_of({a, b}). @throws InvalidInput "too_deep" as all_of() */
    friend Selector operator|(const Selector& a, const Selector& b) { return any_of({a, b}); }
    /** Not: negation(a). @throws InvalidInput "too_deep" as all_of() */
    friend Selector operator~(const Selector& a) { return negation(a); }

    /** The root of the tree. */
    const Node& node() const noexcept { return *m_node; }

    /**
     * The matching units, in index order.
     * @throws NotFound "unknown_unit" for an `id` or `within` naming no unit; InvalidInput "not_a_territory"
     *         for `within` on a unit that is not a territory
     * Complexity: O(V + E) per `within` node, O(V) per other node; each node tests only the units still in the running
     * (an and-node's later operands those its earlier ones kept, an or-node's those none picked yet).
     */
    std::vector<UnitIndex> select(const OrgGraph& graph) const;

    /**
     * The units of `among` that match, in index order (a unit listed twice comes once; removed units never
     * match). Tests that read attributes then run only on those units.
     * @throws as select()
     * Complexity: O(|among| log |among|), plus O(V + E) per `within` node; other nodes O(|among|).
     */
    std::vector<UnitIndex> select(const OrgGraph& graph, std::span<const UnitIndex> among) const;

    /**
     * The matching units of the frozen view, in index order: the same answer and the same errors as select() on the
     * graph frozen, as it was when frozen. Kind and level tests read the packed arrays, `within` walks the view's
     * containment rows (only the subtree, not the whole graph). The view holds no attributes, so a tree with an
     * attribute test needs the graph too: use the overload taking it.
     * @throws as select(); InvalidInput "needs_graph" for a tree testing attributes
     * Complexity: O(V) per node; a `within` node O(V + k log k) for a subtree of k units.
     */
    std::vector<UnitIndex> select(const FrozenGraph& view) const;

    /**
     * The units of `among` that match on the frozen view, as select(graph, among). @throws as select(view)
     * Complexity: O(|among| log |among|), plus O(|among| + k log k) per `within` node (a subtree of k units); other
     * nodes O(|among|).
     */
    std::vector<UnitIndex> select(const FrozenGraph& view, std::span<const UnitIndex> among) const;

    /**
     * select(view), with attribute tests reading `graph`, which must be the graph `view` froze, unchanged since.
     * @throws StaleView "stale_view" if it is not (FrozenGraph::check_current()); else as select()
     * Complexity: as select(view).
     */
    std::vector<UnitIndex> select(const FrozenGraph& view, const OrgGraph& graph) const;

    /** The units of `among` that match, as select(view, graph). @throws as select(view, graph) */
    std::vector<UnitIndex> select(const FrozenGraph& view, const OrgGraph& graph, std::span<const UnitIndex> among) const;

    /**
     * One boolean per unit index (size graph.unit_capacity()); removed units are false.
     * Complexity: as select().
     */
    std::vector<bool> mask(const OrgGraph& graph) const;

    /** A compact, human-readable rendering, e.g. `kind(police) & level(commune)`. */
    std::string to_string() const;

    /** The same tree, node for node (two selectors picking the same units may still differ). */
    friend bool operator==(const Selector& a, const Selector& b);

private:
    explicit Selector(Node node);
    std::shared_ptr<const Node> m_node;
};

/**
 * The territory subtree of `root` as a mask over unit indices: `root`, the territories it contains
 * transitively, the bodies serving them, the posts heading those bodies.
 * @throws NotFound, InvalidInput "not_a_territory"
 * Complexity: O(V + E).
 */
std::vector<bool> territory_mask(const OrgGraph& graph, UnitIndex root);

}  // namespace antq
