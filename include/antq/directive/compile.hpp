#pragma once

/**
 * @file
 * Compiling a directive onto a graph: every selector expanded into the units it designates.
 */

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <antq/directive/directive.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

struct SelectorTranslation;

/**
 * One row of the responsibility table: a unit holds a role in a task because of one or more assignments, or, for an
 * `inform` row, because an entry of the recipients list designates it (the text, every clause included, goes to it).
 * The row names the first assignment or entry; Responsibilities::assignments_of() and recipients_of() list all of them.
 */
struct Responsibility {
    /** The `assignment` of a row from the recipients list, and the `recipient` of a row from an assignment. */
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t task = 0;        ///< index into Directive::tasks
    /** Index into Task::assignments of the first assignment giving the row; `none` for a row from the recipients list. */
    std::uint32_t assignment = 0;
    UnitIndex unit;
    Role role = Role::lead;
    std::uint32_t recipient = none;  ///< index into Directive::recipients for a row from that list; `none` otherwise
    friend bool operator==(const Responsibility&, const Responsibility&) = default;
};

/** An assignment that lands on a unit that cannot sensibly hold it (the table keeps the row). */
struct CapabilityFlag {
    std::uint32_t task = 0;
    std::uint32_t assignment = 0;
    UnitIndex unit;
    std::string reason;
};

/**
 * The compiled directive: who holds which role in which task, and the units behind the recipients list.
 * Rows are ordered by task, then assignment, then unit index; after each task's assignments come its `inform` rows
 * from the recipients list (every unit a recipient entry designates is informed of every clause), by entry, then
 * unit index. A unit appears once per (task, role), under the first assignment or entry that gives it that role;
 * assignments_of() lists every assignment behind a row, and assignees() keeps every assignment's own units.
 * Results refer to the graph by unit index and are valid while that graph is unchanged.
 */
class Responsibilities {
public:
    Responsibilities() = default;

    const Directive& directive() const noexcept { return m_directive; }
    /** All rows. */
    const std::vector<Responsibility>& rows() const noexcept { return m_rows; }
    /**
     * Every assignment giving row `row` (indices into Task::assignments of the row's task), in the directive's order:
     * each assignment of that task that gives the row's unit the row's role. The first is the row's `assignment`.
     * Empty for a row from the recipients list (an `inform` row no assignment of its task gives).
     * @throws NotFound "unknown_row" if `row` is not below rows().size()
     * Complexity: O(1).
     */
    std::span<const std::uint32_t> assignments_of(std::size_t row) const;
    /**
     * Every entry of the recipients list designating the unit of `inform` row `row` (indices into
     * Directive::recipients), in the list's order. On a row from that list the first is the row's `recipient`; an
     * `inform` row an assignment gives lists the entries that also designate its unit. Empty for the other roles.
     * @throws NotFound "unknown_row" if `row` is not below rows().size()
     * Complexity: O(log recipients().size()).
     */
    std::span<const std::uint32_t> recipients_of(std::size_t row) const;
    /** Units designated by the recipients list, each once, in index order. */
    const std::vector<UnitIndex>& recipients() const noexcept { return m_recipients; }
    /** The entries of the recipients list that name no unit of the graph (indices into Directive::recipients). */
    const std::vector<std::uint32_t>& recipients_outside() const noexcept { return m_outside; }
    /** Units the `units` selector of assignment (task, assignment) designates, in index order. */
    const std::vector<UnitIndex>& assignees(std::uint32_t task, std::uint32_t assignment) const;
    /**
     * Units the target of assignment (task, assignment) designates, in index order; empty if it has no target. For a
     * target within each assignee (TargetWithin::assignee): every unit some assignee targets, the union of the
     * per-assignee lists; ask targets(task, assignment, assignee) for whom one assignee watches.
     * @throws NotFound "unknown_assignment"
     */
    const std::vector<UnitIndex>& targets(std::uint32_t task, std::uint32_t assignment) const;
    /**
     * The units assignee `assignee` of assignment (task, assignment) exercises its role on, in index order: the
     * assignment's targets, or, for a target within each assignee, those lying in the territory the assignee serves
     * (its area(), with everything `within` it). Empty without a target.
     * @throws NotFound "unknown_assignment"; "not_an_assignee" if `assignee` is not among assignees(task, assignment)
     * Complexity: O(log assignees).
     */
    std::span<const UnitIndex> targets(std::uint32_t task, std::uint32_t assignment, UnitIndex assignee) const;
    /** Assignments landing on units that cannot sensibly hold them. */
    const std::vector<CapabilityFlag>& flags() const noexcept { return m_flags; }
    /**
     * What a translation left out (compile() with SelectorTranslation::drop_unmatched): one line per assignment or
     * recipient whose selector matched nothing, e.g. "clause 1, assignment 2 units: kind(police) & level(district)".
     */
    const std::vector<std::string>& dropped() const noexcept { return m_dropped; }
    /** The graph generation this table was compiled against. */
    std::uint64_t graph_generation() const noexcept { return m_stamp.generation(); }

    /** The rows naming unit `u` (its duties). Complexity: O(rows). */
    std::vector<Responsibility> duties_of(UnitIndex u) const;
    /** The units holding `role` in task `task`, in index order. Complexity: O(rows). */
    std::vector<UnitIndex> units_of(std::uint32_t task, Role role) const;
    /** The index of the task with clause `clause`. @throws NotFound "unknown_clause" */
    std::uint32_t task_index(std::string_view clause) const;
    /** Units holding lead, coordinate, advise or monitor in any task, each once, in index order. */
    std::vector<UnitIndex> bound_units() const;

    /** @throws StaleView "stale_result" if `graph` is not the graph compiled on, or changed since compile(). */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }

private:
    friend Responsibilities compile(const Directive& directive, const OrgGraph& graph);
    friend Responsibilities compile(const Directive& directive, const OrgGraph& graph, const SelectorTranslation& translation);
    Directive m_directive;
    std::vector<Responsibility> m_rows;
    // Row i's assignments are m_row_assignments[m_row_offsets[i], m_row_offsets[i + 1]).
    std::vector<std::uint32_t> m_row_offsets;
    std::vector<std::uint32_t> m_row_assignments;
    std::vector<UnitIndex> m_recipients;
    // The entries designating m_recipients[k] are m_recipient_entries[m_recipient_offsets[k], ...[k + 1]).
    std::vector<std::uint32_t> m_recipient_offsets;
    std::vector<std::uint32_t> m_recipient_entries;
    std::vector<std::uint32_t> m_outside;
    std::vector<std::vector<std::vector<UnitIndex>>> m_assignees;  // [task][assignment]
    std::vector<std::vector<std::vector<UnitIndex>>> m_targets;    // [task][assignment]
    // Per-assignee targets, rows aligned with m_assignees[task][assignment]; empty unless TargetWithin::assignee.
    struct TargetRows {
        std::vector<std::uint32_t> offsets;  // assignee i's targets are units[offsets[i], offsets[i + 1])
        std::vector<UnitIndex> units;
    };
    std::vector<std::vector<TargetRows>> m_relative;  // [task][assignment]
    std::vector<CapabilityFlag> m_flags;
    std::vector<std::string> m_dropped;
    GraphStamp m_stamp;
};

/**
 * Expands every selector of `directive` on `graph`, after checking that its issuer is a body of the graph and its
 * signer the post heading that body. Errors start with the directive's source (its file) when it has one.
 * Holds a ReadGuard on `graph` while it runs.
 * A target within each assignee (TargetWithin::assignee) is the target selector's units in the territory each assignee
 * serves; an assignee serving no territory gets none, and a flag.
 * @throws InvalidInput "unmatched_selector" when selectors (units, target or recipient) pick no unit: where() names
 *         the first, the message lists every one with its clause and assignment (a directive written for three tiers
 *         on a two-tier graph names each selector that needs the district); "duplicate_clause"; "missing_target" for a target within the assignee without a target; "bad_issuer" (a
 *         territory or a post), "bad_signer" (not the issuer's head), at "<source>:/issuer" or "/signer"; NotFound
 *         "unknown_unit" for an issuer or signer the graph lacks, or for a selector naming an id the graph lacks when
 *         that is the only kind of miss (otherwise it is listed among the unmatched, "names an id the graph lacks");
 *         GraphInUse if the graph is being changed
 * Complexity: O(selectors × (V + E) + rows), plus for a target within each assignee O(V + E) once and the size of
 * each assignee's territory.
 */
Responsibilities compile(const Directive& directive, const OrgGraph& graph);

/**
 * How to carry a directive across a change of structure (docs/restructure.md, "Directives across a change"): levels
 * and unit ids its selectors name are replaced, and what still matches nothing may be left out.
 */
struct SelectorTranslation {
    /** level(from) becomes level(to), e.g. district -> commune (the commune took over most district duties in 2025). */
    std::vector<std::pair<Level, Level>> levels;
    /** id(old) and within(old) name the new ids instead (several: any of them), e.g. from an apply()'s IdMap. */
    std::vector<std::pair<std::string, std::vector<std::string>>> ids;
    /** Leave out assignments and recipients whose selectors still match nothing (listed by dropped()). */
    bool drop_unmatched = false;
};

/** `selector` with the levels and ids of `translation` replaced, node by node. */
Selector translate(const Selector& selector, const SelectorTranslation& translation);

/**
 * compile() of `directive` with every selector translated. The table's directive() is the translated one (without
 * the assignments left out).
 * @throws as compile(); "unmatched_selector" only without drop_unmatched
 */
Responsibilities compile(const Directive& directive, const OrgGraph& graph, const SelectorTranslation& translation);

}  // namespace antq
