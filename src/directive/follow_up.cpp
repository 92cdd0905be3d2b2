// Task follow-up: progress reports, duties and their state on a day, roll-ups, the monitors' view.

#include <antq/directive/follow_up.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>

#include <antq/errors.hpp>
#include <antq/model/unit_kind.hpp>

#include "model/detail/dates.hpp"
#include "model/detail/random.hpp"

namespace antq {

namespace {


// The day a duty is due, or empty.
std::string due_of(const Assignment& a, std::string_view undated_due) {
    if (!a.deadline.empty()) return a.deadline;
    if (a.window) return a.window->to;
    return std::string(undated_due);
}

bool does_the_work(Role role) { return role == Role::lead || role == Role::coordinate; }

void check_day(std::string_view day, const char* what, bool may_be_empty) {
    if ((day.empty() && may_be_empty) || detail::iso_days(day)) return;
    throw InvalidInput("bad_date", what, "'" + std::string(day) + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
}

// The directive's own dates, which a duty is due on: ISO dates, or the comparisons below would mean nothing.
void check_directive_dates(const Directive& d) {
    detail::check_year(d.year, "directive '" + d.id + "'");
    for (const Task& task : d.tasks)
        for (std::size_t k = 0; k < task.assignments.size(); ++k) {
            const Assignment& a = task.assignments[k];
            const std::string where = "clause " + task.clause + ", assignment " + std::to_string(k);
            for (const std::string* day : {&a.deadline, a.window ? &a.window->from : nullptr, a.window ? &a.window->to : nullptr})
                if (day && !day->empty() && !detail::iso_days(*day))
                    throw InvalidInput("bad_date", where, "'" + *day + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
        }
}

// What both follow_up() and example_progress() start from: a current table, ISO days, a directive with ISO dates.
const Directive& checked_directive(const OrgGraph& graph, const Responsibilities& table, std::string_view as_of,
                                   std::string_view undated_due) {
    table.check_current(graph);
    check_day(as_of, "as_of", false);
    check_day(undated_due, "undated_due", true);
    check_directive_dates(table.directive());
    return table.directive();
}

template <class Counts>
void tally(Counts& c, const Duty& d) {
    ++c.duties;
    switch (d.state) {
        case DutyState::done: ++c.done; break;
        case DutyState::done_late: ++c.done_late; break;
        case DutyState::open: ++c.open; break;
        case DutyState::overdue: ++c.overdue; break;
    }
}

}  // namespace

std::string_view to_string(DutyState state) noexcept {
    constexpr std::string_view names[] = {"done", "done_late", "open", "overdue"};
    return names[static_cast<std::size_t>(state)];
}

std::vector<std::size_t> FollowUp::overdue() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_duties.size(); ++i)
        if (m_duties[i].state == DutyState::overdue) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(m_duties[a].due, m_duties[a].unit.value) < std::tie(m_duties[b].due, m_duties[b].unit.value);
    });
    return out;
}

FollowUp follow_up(const OrgGraph& graph, const Responsibilities& table, const ProgressReports& reports,
                   std::string_view as_of, std::string_view undated_due) {
    const OrgGraph::ReadGuard reading(graph);
    const Directive& directive = checked_directive(graph, table, as_of, undated_due);
    if (reports.directive != directive.id)
        throw InvalidInput("wrong_directive", reports.source.empty() ? "reports" : reports.source + ":/directive",
                           "the reports are about '" + reports.directive + "', the table about '" + directive.id + "'");
    FollowUp out;
    out.m_stamp = GraphStamp::of_result(graph, "follow-up of directive '" + directive.id + "'", "follow it up again");
    out.m_as_of = std::string(as_of);

    // Duties: every lead and coordinate assignee, with the assignment's due day.
    const std::uint32_t n_tasks = std::uint32_t(directive.tasks.size());
    for (std::uint32_t t = 0; t < n_tasks; ++t)
        for (std::uint32_t k = 0; k < directive.tasks[t].assignments.size(); ++k) {
            const Assignment& a = directive.tasks[t].assignments[k];
            if (!does_the_work(a.role)) continue;
            const std::string due = due_of(a, undated_due);
            const bool assumed = a.deadline.empty() && !a.window && !due.empty();
            for (UnitIndex u : table.assignees(t, k))
                out.m_duties.push_back({u, t, k, a.role, due, assumed, DutyState::open, {}, {}});
        }

    // Reports: each names a unit with a duty in its clause; per (unit, clause) keep the latest, and the last day
    // the clause was reported not done, after which the first "done" report counts.
    struct Pair {
        std::optional<std::size_t> latest;
        std::string last_not_done;
        std::string first_done;
    };
    std::vector<char> has_duty(graph.unit_capacity() * std::size_t(n_tasks), 0);
    for (const Duty& d : out.m_duties) has_duty[std::size_t(d.unit.value) * n_tasks + d.task] = 1;
    std::unordered_map<std::size_t, Pair> pairs;  // unit * tasks + task
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::string>, std::size_t> seen;
    std::vector<std::size_t> key_of(reports.reports.size());
    for (std::size_t i = 0; i < reports.reports.size(); ++i) {
        const ProgressReport& rep = reports.reports[i];
        const std::string place = reports.place_of(i);
        const auto u = graph.find(rep.unit);
        if (!u) throw NotFound("unknown_unit", place + "/unit", "no unit '" + rep.unit + "' in the graph");
        std::uint32_t t = 0;
        while (t < n_tasks && directive.tasks[t].clause != rep.clause) ++t;
        if (t == n_tasks) throw NotFound("unknown_clause", place + "/clause", "the directive has no clause '" + rep.clause + "'");
        const std::size_t key = std::size_t(u->value) * n_tasks + t;
        if (!has_duty[key])
            throw InvalidInput("not_assigned", place + "/unit", "'" + rep.unit + "' neither leads nor coordinates clause " + rep.clause);
        if (!detail::iso_days(rep.date))
            throw InvalidInput("bad_date", place + "/date", "'" + rep.date + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
        if (rep.date > as_of)
            throw InvalidInput("date_after_as_of", place + "/date",
                               rep.date + " is after the day of the follow-up (" + std::string(as_of) + ")");
        auto [it, fresh] = seen.emplace(std::tuple{u->value, t, rep.date}, i);
        if (!fresh)
            throw InvalidInput("duplicate_report", place,
                               "'" + rep.unit + "' already reported on clause " + rep.clause + " for " + rep.date + " at " +
                                   reports.place_of(it->second));
        key_of[i] = key;
        Pair& pair = pairs[key];
        if (!pair.latest || reports.reports[*pair.latest].date < rep.date) pair.latest = i;
        if (rep.status != ProgressStatus::done && rep.date > pair.last_not_done) pair.last_not_done = rep.date;
    }
    // A clause reopened and done again is done on the day of its last completion, not its first.
    for (std::size_t i = 0; i < reports.reports.size(); ++i) {
        const ProgressReport& rep = reports.reports[i];
        if (rep.status != ProgressStatus::done) continue;
        Pair& pair = pairs[key_of[i]];
        if (rep.date > pair.last_not_done && (pair.first_done.empty() || rep.date < pair.first_done)) pair.first_done = rep.date;
    }

    // States: the latest report decides whether a duty is done.
    for (Duty& d : out.m_duties) {
        auto it = pairs.find(std::size_t(d.unit.value) * n_tasks + d.task);
        if (it != pairs.end()) d.latest = it->second.latest;
        const bool done = d.latest && reports.reports[*d.latest].status == ProgressStatus::done;
        if (done) {
            d.done_on = it->second.first_done;
            d.state = d.due.empty() || d.done_on <= d.due ? DutyState::done : DutyState::done_late;
        } else {
            d.state = !d.due.empty() && d.due < as_of ? DutyState::overdue : DutyState::open;
        }
    }

    // Roll-ups: a duty counts in the territory its unit belongs to and every territory above.
    std::vector<std::uint32_t> slot(graph.unit_capacity() * std::size_t(n_tasks), 0);
    for (const Duty& d : out.m_duties) {
        const bool reported = d.latest.has_value();
        for (std::optional<UnitIndex> t = graph.area(d.unit); t; t = graph.parent(*t, TieKind::contains)) {
            std::uint32_t& s = slot[std::size_t(t->value) * n_tasks + d.task];
            if (s == 0) {
                out.m_roll_ups.push_back(DutyRollUp{*t, d.task});
                s = std::uint32_t(out.m_roll_ups.size());
            }
            DutyRollUp& r = out.m_roll_ups[s - 1];
            tally(r, d);
            if (!reported) ++r.unreported;
        }
    }
    std::sort(out.m_roll_ups.begin(), out.m_roll_ups.end(), [](const DutyRollUp& a, const DutyRollUp& b) {
        return std::tie(a.territory.value, a.task) < std::tie(b.territory.value, b.task);
    });

    // The monitors' view: the duties of the units each monitor assignment targets.
    std::vector<std::vector<std::size_t>> duties_of(graph.unit_capacity());
    for (std::size_t i = 0; i < out.m_duties.size(); ++i) duties_of[out.m_duties[i].unit.value].push_back(i);
    for (std::uint32_t t = 0; t < n_tasks; ++t)
        for (std::uint32_t k = 0; k < directive.tasks[t].assignments.size(); ++k) {
            const Assignment& assignment = directive.tasks[t].assignments[k];
            if (assignment.role != Role::monitor) continue;
            auto watch = [&](std::span<const UnitIndex> targets) {
                MonitorView view;
                view.task = t;
                view.assignment = k;
                view.targets = targets.size();
                for (UnitIndex target : targets)
                    for (std::size_t i : duties_of[target.value]) {
                        tally(view, out.m_duties[i]);
                        if (out.m_duties[i].state == DutyState::overdue) view.overdue_duties.push_back(i);
                    }
                std::stable_sort(view.overdue_duties.begin(), view.overdue_duties.end(), [&](std::size_t a, std::size_t b) {
                    return std::tie(out.m_duties[a].due, out.m_duties[a].unit.value) <
                           std::tie(out.m_duties[b].due, out.m_duties[b].unit.value);
                });
                return view;
            };
            // Targets within each assignee differ per monitor; otherwise all monitors share one view.
            const bool relative = assignment.target_within == TargetWithin::assignee;
            const MonitorView shared = relative ? MonitorView{} : watch(table.targets(t, k));
            for (UnitIndex monitor : table.assignees(t, k)) {
                MonitorView view = relative ? watch(table.targets(t, k, monitor)) : shared;
                view.monitor = monitor;
                out.m_monitoring.push_back(std::move(view));
            }
        }
    return out;
}

ProgressReports example_progress(const OrgGraph& graph, const Responsibilities& table, std::string_view as_of,
                                 std::uint64_t seed, std::string_view undated_due) {
    const OrgGraph::ReadGuard reading(graph);
    const Directive& directive = checked_directive(graph, table, as_of, undated_due);
    const std::int64_t today = *detail::iso_days(as_of);
    const std::int64_t year_start = *detail::iso_days(std::to_string(directive.year) + "-01-01");
    if (today < year_start)
        throw InvalidInput("bad_date", "as_of",
                           std::string(as_of) + " is before the directive's year " + std::to_string(directive.year) +
                               ": there is nothing to report yet");
    detail::Random random(seed);
    ProgressReports out;
    out.directive = directive.id;
    const std::size_t n_tasks = directive.tasks.size();
    for (std::uint32_t t = 0; t < n_tasks; ++t) {
        // The earliest due day a unit has in the clause decides when it reports.
        std::map<std::uint32_t, std::string> due;
        for (std::uint32_t k = 0; k < directive.tasks[t].assignments.size(); ++k) {
            const Assignment& a = directive.tasks[t].assignments[k];
            if (!does_the_work(a.role)) continue;
            const std::string d = due_of(a, undated_due);
            for (UnitIndex u : table.assignees(t, k)) {
                auto [it, fresh] = due.emplace(u.value, d);
                if (!fresh && !d.empty() && (it->second.empty() || d < it->second)) it->second = d;
            }
        }
        for (const auto& [unit, due_day] : due) {
            const double roll = random.unit();
            if (roll >= 0.92) continue;  // sends nothing
            const std::int64_t due_n = due_day.empty() ? today : std::min(today, *detail::iso_days(due_day));
            auto day_between = [&](std::int64_t from, std::int64_t to) {
                from = std::max(from, year_start);
                to = std::min(to, today);
                return detail::iso_date(from >= to ? to : from + std::int64_t(random.below(std::uint64_t(to - from + 1))));
            };
            ProgressReport rep;
            rep.unit = graph.unit(UnitIndex{unit}).id;
            rep.clause = directive.tasks[t].clause;
            if (roll < 0.70) {
                rep.status = ProgressStatus::done;
                rep.date = day_between(due_n - 60, due_n);
                rep.evidence = "báo cáo kết quả (synthetic)";
            } else if (roll < 0.78) {
                rep.status = ProgressStatus::done;
                rep.date = day_between(due_n + 1, due_n + 45);
                rep.evidence = "báo cáo kết quả, chậm (synthetic)";
            } else if (roll < 0.88) {
                rep.status = ProgressStatus::in_progress;
                rep.date = day_between(due_n - 30, today);
                rep.evidence = "đang triển khai (synthetic)";
            } else {
                rep.status = ProgressStatus::not_started;
                rep.date = day_between(year_start, today);
                rep.evidence = "chưa triển khai (synthetic)";
            }
            // Most units first report their plan, some days before the final report.
            const std::int64_t final_day = *detail::iso_days(rep.date);
            if (rep.status != ProgressStatus::not_started && final_day > year_start && random.chance(0.8)) {
                ProgressReport plan = rep;
                plan.status = ProgressStatus::in_progress;
                plan.date = day_between(year_start, final_day - 1);
                plan.evidence = "kế hoạch triển khai (synthetic)";
                out.reports.push_back(std::move(plan));
            }
            out.reports.push_back(std::move(rep));
        }
    }
    return out;
}

}  // namespace antq
