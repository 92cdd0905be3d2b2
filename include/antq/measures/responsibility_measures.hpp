#pragma once

/** @file
 *  Measures of a compiled directive read as a task × unit matrix: workload, exclusivity, redundancy,
 *  orphans and the congruence of required coordination with existing ties. */

#include <array>
#include <cstdint>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/tie_kind.hpp>

namespace antq {

/**
 * The responsibility table as a task × unit matrix A: A(u, t) = 1 when unit u holds a working role (lead,
 * coordinate, advise or monitor; not inform) in task t. docs/measures.md, "Responsibilities", gives each formula
 * and its source (after ORA's measures, Carley et al.; the doc says how far that source was checked).
 */
struct ResponsibilityMeasures {
    /** One unit holding any role. */
    struct Unit {
        UnitIndex unit;
        /** Workload: tasks in which it holds a working role, Σ_t A(u, t). */
        std::uint32_t tasks = 0;
        /** Tasks per role, indexed by Role (a unit may hold several roles in one task). */
        std::array<std::uint32_t, 5> roles{};
        /** tasks / number of tasks of the directive. */
        double share = 0;
        /** Task exclusivity: Σ_t A(u, t) · exp(1 − Σ_k A(k, t)); 1 per task no other unit works on. */
        double exclusivity = 0;
    };
    /** One task (a clause of the directive). */
    struct Task {
        std::uint32_t task = 0;
        /** Units with a working role, Σ_u A(u, t), and those holding each role. */
        std::uint32_t units = 0;
        std::array<std::uint32_t, 5> roles{};
        /** Assignment redundancy: units beyond the first, max(0, units − 1). */
        std::uint32_t redundancy = 0;
        /** Distinct territories of the leads (their area()). */
        std::uint32_t lead_territories = 0;
        /** Leads beyond the first in each territory, summed: two leads answering for one place. */
        std::uint32_t duplicate_leads = 0;
        /** Leads the issuer reaches along `forwards` (the issuer counts as reached). */
        std::uint32_t leads_reached = 0;
        /** Orphan: exactly one lead, and no forwarding path from the issuer to it. */
        bool orphan = false;
    };

    /** Every unit holding a role, in index order. */
    std::vector<Unit> units;
    /** Every task, in the directive's order. */
    std::vector<Task> tasks;
    /** The issuer the forwarding paths start from. */
    UnitIndex issuer;
    /** Mean redundancy over tasks (ORA's graph-level assignment redundancy); 0 without tasks. */
    double redundancy = 0;
    GraphStamp stamp;
    void check_current(const OrgGraph& graph) const { stamp.check(graph); }
};

/**
 * Workload, exclusivity, redundancy and orphans of a compiled directive; the issuer's reach and the leads' territories
 * are read from graph.freeze().
 * @throws StaleView "stale_result" if the graph changed since compile(); NotFound "unknown_unit" naming the
 *         directive's issuer if the graph lacks it
 * Complexity: O(rows + V + E).
 */
ResponsibilityMeasures responsibility_measures(const Responsibilities& responsibilities, const OrgGraph& graph);

/**
 * Congruence of who must coordinate with who has a tie, over the units with a working role. Required pairs R:
 * a lead and a coordinator of one task serving the same territory (coordination(), antq/analysis). Tied pairs
 * T: joined by a tie of the chosen kinds, either way.
 */
struct Congruence {
    /** Units with a working role: the n of the pairs counted. */
    std::uint32_t units = 0;
    /** |R|, |T|, |R ∩ T|. */
    std::uint64_t required = 0;
    std::uint64_t tied = 0;
    std::uint64_t covered = 0;
    /** |R \ T|: required and not tied (the gaps); |T \ R|: tied but not required. */
    std::uint64_t gaps = 0;
    std::uint64_t unrequired = 0;
    /** 1 − (|R \ T| + |T \ R|) / (n(n−1)/2): after ORA's communication congruence; NaN for n < 2. */
    double congruence = 0;
    /** |R ∩ T| / |R|: the share of required pairs that have a tie; NaN if nothing is required. */
    double coverage = 0;
};

/**
 * Congruence between required coordination and the ties of `kinds` (every kind if empty), read from graph.freeze().
 * @throws StaleView "stale_result" if the graph changed since compile()
 * Complexity: O(rows + pairs + E).
 */
Congruence congruence(const Responsibilities& responsibilities, const OrgGraph& graph, const std::vector<TieKind>& kinds = {});

}  // namespace antq
