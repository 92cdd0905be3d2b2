#include <algorithm>
#include <string>

#include <antq/directive/compile.hpp>
#include <antq/errors.hpp>

namespace antq {

namespace {

std::string place(const Task& task, std::size_t assignment, const char* part) {
    return "clause " + task.clause + ", assignment " + std::to_string(assignment) + " " + part;
}

std::vector<UnitIndex> expand(const Selector& selector, const OrgGraph& graph, const std::string& where) {
    std::vector<UnitIndex> units;
    try {
        units = selector.select(graph);
    } catch (...) {
        rethrow_at(where);
    }
    if (units.empty())
        throw InvalidInput("unmatched_selector", where, "selector " + selector.to_string() + " matches no unit");
    return units;
}

// Why `unit` cannot sensibly hold `role` (towards `targets`), or an empty string if it can.
std::string incapacity(const OrgGraph& graph, UnitIndex u, Role role, const std::vector<UnitIndex>& targets) {
    const Unit& unit = graph.unit(u);
    if (role == Role::inform) return is_territory(unit.kind) ? "a territory cannot receive a document" : "";
    if (is_territory(unit.kind))
        return "a " + std::string(to_string(unit.kind)) + " is a territory and cannot " + std::string(to_string(role)) +
               "; assign a body serving it";
    if (is_post(unit.kind)) return "a post cannot " + std::string(to_string(role)) + "; assign the body it heads";
    if (role == Role::monitor)
        for (UnitIndex t : targets)
            if (is_above(graph.unit(t).level, unit.level))
                return "a " + std::string(to_string(unit.level)) + " body cannot monitor a " +
                       std::string(to_string(graph.unit(t).level)) + " unit ('" + graph.unit(t).id + "')";
    return "";
}

}  // namespace

const std::vector<UnitIndex>& Responsibilities::targets(std::uint32_t task, std::uint32_t assignment) const {
    if (task >= m_targets.size() || assignment >= m_targets[task].size())
        throw NotFound("unknown_assignment", "task " + std::to_string(task) + ", assignment " + std::to_string(assignment),
                       "no such assignment");
    return m_targets[task][assignment];
}

std::vector<Responsibility> Responsibilities::duties_of(UnitIndex u) const {
    std::vector<Responsibility> out;
    for (const auto& r : m_rows)
        if (r.unit == u) out.push_back(r);
    return out;
}

std::vector<UnitIndex> Responsibilities::units_of(std::uint32_t task, Role role) const {
    std::vector<UnitIndex> out;
    for (const auto& r : m_rows)
        if (r.task == task && r.role == role) out.push_back(r.unit);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::uint32_t Responsibilities::task_index(std::string_view clause) const {
    for (std::uint32_t i = 0; i < m_directive.tasks.size(); ++i)
        if (m_directive.tasks[i].clause == clause) return i;
    throw NotFound("unknown_clause", "'" + std::string(clause) + "'", "the directive has no such clause");
}

std::vector<UnitIndex> Responsibilities::bound_units() const {
    std::vector<UnitIndex> out;
    for (const auto& r : m_rows)
        if (r.role != Role::inform) out.push_back(r.unit);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void Responsibilities::check_current(const OrgGraph& graph) const {
    if (graph.generation() != m_generation)
        throw StaleView("stale_result", "directive '" + m_directive.id + "'",
                        "the graph changed after the directive was compiled; compile it again");
}

Responsibilities compile(const Directive& directive, const OrgGraph& graph) {
    Responsibilities out;
    out.m_directive = directive;
    out.m_generation = graph.generation();

    for (std::size_t i = 0; i < directive.tasks.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (directive.tasks[i].clause == directive.tasks[j].clause)
                throw InvalidInput("duplicate_clause", "clause " + directive.tasks[i].clause,
                                   "tasks " + std::to_string(j) + " and " + std::to_string(i) + " share this clause");

    for (std::size_t r = 0; r < directive.recipients.size(); ++r) {
        const Recipient& recipient = directive.recipients[r];
        for (UnitIndex u : expand(recipient.units, graph, "recipient " + std::to_string(r) + " '" + recipient.label + "'"))
            out.m_recipients.push_back(u);
    }
    std::sort(out.m_recipients.begin(), out.m_recipients.end());
    out.m_recipients.erase(std::unique(out.m_recipients.begin(), out.m_recipients.end()), out.m_recipients.end());

    out.m_targets.resize(directive.tasks.size());
    for (std::uint32_t t = 0; t < directive.tasks.size(); ++t) {
        const Task& task = directive.tasks[t];
        out.m_targets[t].resize(task.assignments.size());
        std::vector<std::vector<bool>> seen(all_roles.size());  // a unit once per (task, role)
        for (auto& s : seen) s.assign(graph.unit_capacity(), false);
        for (std::uint32_t a = 0; a < task.assignments.size(); ++a) {
            const Assignment& assignment = task.assignments[a];
            if (assignment.target)
                out.m_targets[t][a] = expand(*assignment.target, graph, place(task, a, "target"));
            for (UnitIndex u : expand(assignment.units, graph, place(task, a, "units"))) {
                auto& seen_role = seen[static_cast<std::size_t>(assignment.role)];
                if (seen_role[u.value]) continue;
                seen_role[u.value] = true;
                out.m_rows.push_back(Responsibility{t, a, u, assignment.role});
                if (auto why = incapacity(graph, u, assignment.role, out.m_targets[t][a]); !why.empty())
                    out.m_flags.push_back(CapabilityFlag{t, a, u, std::move(why)});
            }
        }
    }
    return out;
}

}  // namespace antq
