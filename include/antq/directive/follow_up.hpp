#pragma once

/**
 * @file
 * Task follow-up: progress reports (antq/directive/progress.hpp) checked against the compiled directive; every duty with a date (a lead or coordinate assignment) judged done, done late, open or
 * overdue at a given day; counts per territory and clause; and the monitors' view (the provincial police under the
 * closing assignment) of the duties of the units they watch. Guide: docs/evaluation.md.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/directive/progress.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/** Where a duty stands on the day of the follow-up. */
enum class DutyState : std::uint8_t {
    done,       ///< reported done by its due date (or done, without a due date)
    done_late,  ///< reported done after its due date
    open,       ///< not done, and not yet due (or without a due date)
    overdue,    ///< not done, and its due date has passed
};

/** Every state, in report order. */
inline constexpr std::array<DutyState, 4> all_duty_states{DutyState::done, DutyState::done_late, DutyState::open,
                                                          DutyState::overdue};

/** "done", "done_late", "open" or "overdue". */
std::string_view to_string(DutyState state) noexcept;

/** One unit's lead or coordinate assignment and where it stands. */
struct Duty {
    UnitIndex unit;
    std::uint32_t task = 0;        ///< index into Directive::tasks
    std::uint32_t assignment = 0;  ///< index into Task::assignments
    Role role = Role::lead;
    /** The assignment's deadline, the end of its window, or the undated due day; empty: no due day. */
    std::string due;
    /** True when `due` is the undated due day: an assumption, not a date of the text. */
    bool due_assumed = false;
    DutyState state = DutyState::open;
    /** The unit's latest report on the clause (up to the day), if any: index into the reports. */
    std::optional<std::size_t> latest;
    /** The day it was done: its first "done" report after its last other report (a clause reopened and done
     *  again counts from the last completion); empty unless the latest report is "done". */
    std::string done_on;
};

/** Duties inside one territory (the units serving it and everything below), for one clause. */
struct DutyRollUp {
    UnitIndex territory;
    std::uint32_t task = 0;
    std::size_t duties = 0, done = 0, done_late = 0, open = 0, overdue = 0;
    /** Duties whose unit sent no report on the clause. */
    std::size_t unreported = 0;
};

/** What one monitor sees: the duties of the units it watches under one monitor assignment. */
struct MonitorView {
    UnitIndex monitor;
    std::uint32_t task = 0;
    std::uint32_t assignment = 0;
    std::size_t targets = 0;  ///< units this monitor watches under the assignment (its own, for a target within it)
    std::size_t duties = 0, done = 0, done_late = 0, open = 0, overdue = 0;
    /** Indices into FollowUp::duties() of the overdue ones, by due date then unit index. */
    std::vector<std::size_t> overdue_duties;
};

/** The follow-up of a compiled directive on one day: a plain result object. */
class FollowUp {
public:
    const std::string& as_of() const noexcept { return m_as_of; }
    /** Every lead and coordinate duty: by task, assignment, then unit index. */
    const std::vector<Duty>& duties() const noexcept { return m_duties; }
    /** Per territory (index order) and clause (task order), for territories holding duties. */
    const std::vector<DutyRollUp>& roll_ups() const noexcept { return m_roll_ups; }
    /** One per monitor per monitor assignment, in the directive's order. */
    const std::vector<MonitorView>& monitoring() const noexcept { return m_monitoring; }
    /** The overdue duties, by due date then unit index. */
    std::vector<std::size_t> overdue() const;
    /** @throws StaleView "stale_result" if `graph` is not the graph followed up, or changed since. */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }

private:
    friend FollowUp follow_up(const OrgGraph&, const Responsibilities&, const ProgressReports&, std::string_view,
                              std::string_view);
    std::string m_as_of;
    std::vector<Duty> m_duties;
    std::vector<DutyRollUp> m_roll_ups;
    std::vector<MonitorView> m_monitoring;
    GraphStamp m_stamp;
};

/**
 * Follows up a compiled directive on day `as_of`. A unit's latest report on a clause (up to `as_of`) gives the
 * status of all its duties in that clause; a duty is due on its assignment's deadline, else at the end of its
 * window, else on `undated_due` (empty: never due, so never overdue; a directive may propose one, with its reason,
 * in Directive::undated_due); such a duty's `due_assumed` is true.
 * @throws StaleView "stale_result" (the table was compiled on another graph or before a change); InvalidInput
 *         "bad_date" (as_of, undated_due or a report's date), "wrong_directive" (reports about another directive),
 *         "date_after_as_of" (a report dated after the day of the follow-up), "not_assigned" (the unit leads or
 *         coordinates nothing in that clause), "duplicate_report" (same unit, clause and day); NotFound
 *         "unknown_unit", "unknown_clause". where() is ProgressReports::place_of(i) plus the field.
 * Complexity: O(rows + reports + duties × depth).
 */
FollowUp follow_up(const OrgGraph& graph, const Responsibilities& table, const ProgressReports& reports,
                   std::string_view as_of, std::string_view undated_due = {});

/**
 * Clearly synthetic reports for every unit with a duty: per (unit, clause), about 70% report done by the due day,
 * 8% done late, 10% in progress, 4% not started, 8% send nothing. Dates stay on or before `as_of`. Seeded and
 * portable like example_assessments().
 */
ProgressReports example_progress(const OrgGraph& graph, const Responsibilities& table, std::string_view as_of,
                                 std::uint64_t seed, std::string_view undated_due = {});

}  // namespace antq
