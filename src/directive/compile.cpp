#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <antq/directive/compile.hpp>
#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>

namespace antq {

namespace {

// A place in the directive, after its file's name when it came from one.
std::string in_file(const Directive& d, const std::string& place) { return d.source.empty() ? place : d.source + ": " + place; }

std::string place(const Task& task, std::size_t assignment, const char* part) {
    return "clause " + task.clause + ", assignment " + std::to_string(assignment) + " " + part;
}

// The issuer is a body of the graph, and the signer a post heading it (docs/directive-format.md).
void check_issuer_and_signer(const Directive& d, const OrgGraph& graph) {
    auto field = [&](const char* name) { return d.source.empty() ? std::string(name) : d.source + ":/" + name; };
    const auto issuer = graph.find(d.issuer);
    if (!issuer) throw NotFound("unknown_unit", field("issuer"), "the issuer '" + d.issuer + "' is not a unit of the graph");
    const Unit& body = graph.unit(*issuer);
    if (!is_body(body.kind))
        throw InvalidInput("bad_issuer", field("issuer"),
                           "the issuer must be a body (a People's Committee, a police force, ...), not a " +
                               std::string(is_territory(body.kind) ? "territory" : "post") + " ('" + d.issuer +
                               "' is a " + std::string(to_string(body.kind)) + ")");
    const auto signer = graph.find(d.signer);
    if (!signer) throw NotFound("unknown_unit", field("signer"), "the signer '" + d.signer + "' is not a unit of the graph");
    if (!graph.has_tie(*signer, *issuer, TieKind::heads)) {
        const auto head = graph.head(*issuer);
        throw InvalidInput("bad_signer", field("signer"),
                           "the signer must be the post heading the issuer '" + d.issuer + "'; '" + d.signer +
                               "' does not" + (head ? " (the issuer's head is '" + graph.unit(*head).id + "')" : ""));
    }
}

// Every selector that matched nothing (or named an id the graph lacks), in the order met: reported together at the
// end, so a directive written for another structure shows all its misses at once.
struct Misses {
    struct Miss {
        std::string where, selector;
        bool unknown_id;
    };
    std::vector<Miss> misses;
    std::exception_ptr first_unknown;

    [[noreturn]] void raise() const {
        const bool only_unknown =
            std::all_of(misses.begin(), misses.end(), [](const Miss& m) { return m.unknown_id; });
        if (only_unknown) std::rethrow_exception(first_unknown);
        std::string list;
        for (const Miss& m : misses)
            list += (list.empty() ? "" : "; ") + m.where + ": " + m.selector + (m.unknown_id ? " (names an id the graph lacks)" : "");
        throw InvalidInput("unmatched_selector", misses.front().where,
                           std::to_string(misses.size()) + (misses.size() == 1 ? " selector matches" : " selectors match") +
                               " no unit: " + list);
    }
    bool any() const noexcept { return !misses.empty(); }
};

// The units `selector` picks, selected on the frozen view of `graph` (attribute tests read the graph).
std::vector<UnitIndex> expand(const Selector& selector, const FrozenGraph& view, const OrgGraph& graph,
                              const std::string& where, Misses& misses) {
    std::vector<UnitIndex> units;
    try {
        units = selector.select(view, graph);
    } catch (const NotFound&) {
        try {
            rethrow_at(where);
        } catch (...) {
            if (!misses.first_unknown) misses.first_unknown = std::current_exception();
        }
        misses.misses.push_back({where, selector.to_string(), true});
        return units;
    } catch (...) {
        rethrow_at(where);
    }
    if (units.empty()) misses.misses.push_back({where, selector.to_string(), false});
    return units;
}

// For each assignee, the units of `targets` (in index order) within the territory it serves: Selector::within's
// territory, walked on the frozen view, so each assignee costs its territory's size, not the graph's.
// Rows as offsets (assignee i's are units[offsets[i], offsets[i + 1])) and units.
void targets_within_assignees(const FrozenGraph& view, const std::vector<UnitIndex>& assignees,
                              const std::vector<UnitIndex>& targets, std::vector<std::uint32_t>& offsets,
                              std::vector<UnitIndex>& units) {
    std::vector<bool> targeted(view.unit_capacity(), false);
    for (UnitIndex u : targets) targeted[u.value] = true;
    offsets.reserve(assignees.size() + 1);
    offsets.push_back(0);
    for (UnitIndex u : assignees) {
        if (const auto area = view.area(u))
            for (UnitIndex inside : view.within(*area))
                if (targeted[inside.value]) units.push_back(inside);
        offsets.push_back(static_cast<std::uint32_t>(units.size()));
    }
}

// `units` sorted, each once.
std::vector<UnitIndex> united(std::vector<UnitIndex> units) {
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    return units;
}

// The highest-level unit of `targets` (the one a monitor must not sit below), if any.
std::optional<UnitIndex> highest(const OrgGraph& graph, std::span<const UnitIndex> targets) {
    std::optional<UnitIndex> top;
    for (UnitIndex t : targets)
        if (!top || is_above(graph.unit(t).level, graph.unit(*top).level)) top = t;
    return top;
}

// Why `unit` cannot sensibly hold `role` (towards the highest of its targets), or an empty string if it can.
std::string incapacity(const OrgGraph& graph, UnitIndex u, Role role, std::optional<UnitIndex> top_target) {
    const Unit& unit = graph.unit(u);
    if (role == Role::inform) return is_territory(unit.kind) ? "a territory cannot receive a document" : "";
    if (is_territory(unit.kind))
        return "a " + std::string(to_string(unit.kind)) + " is a territory and cannot " + std::string(to_string(role)) +
               "; assign a body serving it";
    if (is_post(unit.kind)) return "a post cannot " + std::string(to_string(role)) + "; assign the body it heads";
    if (role == Role::monitor && top_target && is_above(graph.unit(*top_target).level, unit.level))
        return "a " + std::string(to_string(unit.level)) + " body cannot monitor a " +
               std::string(to_string(graph.unit(*top_target).level)) + " unit ('" + graph.unit(*top_target).id + "')";
    return "";
}

}  // namespace

const std::vector<UnitIndex>& Responsibilities::assignees(std::uint32_t task, std::uint32_t assignment) const {
    if (task >= m_assignees.size() || assignment >= m_assignees[task].size())
        throw NotFound("unknown_assignment", "task " + std::to_string(task) + ", assignment " + std::to_string(assignment),
                       "no such assignment");
    return m_assignees[task][assignment];
}

const std::vector<UnitIndex>& Responsibilities::targets(std::uint32_t task, std::uint32_t assignment) const {
    if (task >= m_targets.size() || assignment >= m_targets[task].size())
        throw NotFound("unknown_assignment", "task " + std::to_string(task) + ", assignment " + std::to_string(assignment),
                       "no such assignment");
    return m_targets[task][assignment];
}

std::span<const UnitIndex> Responsibilities::targets(std::uint32_t task, std::uint32_t assignment,
                                                    UnitIndex assignee) const {
    const std::vector<UnitIndex>& all = targets(task, assignment);
    const auto& units = m_assignees[task][assignment];
    const auto at = std::lower_bound(units.begin(), units.end(), assignee);
    if (at == units.end() || *at != assignee)
        throw NotFound("not_an_assignee",
                       "task " + std::to_string(task) + ", assignment " + std::to_string(assignment) + ", unit " +
                           std::to_string(assignee.value),
                       "the unit is not among the assignment's units");
    const TargetRows& rows = m_relative[task][assignment];
    if (rows.offsets.empty()) return all;
    const auto i = static_cast<std::size_t>(at - units.begin());
    return std::span<const UnitIndex>(rows.units).subspan(rows.offsets[i], rows.offsets[i + 1] - rows.offsets[i]);
}

namespace {

void check_row(std::size_t row, std::size_t rows) {
    if (row >= rows)
        throw NotFound("unknown_row", "row " + std::to_string(row), "the table has " + std::to_string(rows) + " rows");
}

}  // namespace

std::span<const std::uint32_t> Responsibilities::assignments_of(std::size_t row) const {
    check_row(row, m_rows.size());
    return std::span<const std::uint32_t>(m_row_assignments)
        .subspan(m_row_offsets[row], m_row_offsets[row + 1] - m_row_offsets[row]);
}

std::span<const std::uint32_t> Responsibilities::recipients_of(std::size_t row) const {
    check_row(row, m_rows.size());
    const Responsibility& r = m_rows[row];
    if (r.role != Role::inform) return {};
    const auto at = std::lower_bound(m_recipients.begin(), m_recipients.end(), r.unit);
    if (at == m_recipients.end() || *at != r.unit) return {};
    const auto k = static_cast<std::size_t>(at - m_recipients.begin());
    return std::span<const std::uint32_t>(m_recipient_entries)
        .subspan(m_recipient_offsets[k], m_recipient_offsets[k + 1] - m_recipient_offsets[k]);
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

Responsibilities compile(const Directive& directive, const OrgGraph& graph) {
    Misses misses;
    Responsibilities out;
    out.m_directive = directive;
    const OrgGraph::ReadGuard reading(graph);
    out.m_stamp = GraphStamp::of_result(graph, "directive '" + directive.id + "'", "compile it again");

    std::unordered_map<std::string_view, std::size_t> clauses;
    for (std::size_t i = 0; i < directive.tasks.size(); ++i)
        if (auto [at, fresh] = clauses.emplace(directive.tasks[i].clause, i); !fresh)
            throw InvalidInput("duplicate_clause", in_file(directive, "clause " + directive.tasks[i].clause),
                               "tasks " + std::to_string(at->second) + " and " + std::to_string(i) + " share this clause");
    check_issuer_and_signer(directive, graph);
    // The selectors run on the frozen view (built once per state of the graph, kept by it and shared with every
    // reader), where `within` walks only its subtree; targets within an assignee walk its territory there too.
    const std::shared_ptr<const FrozenGraph> view = graph.freeze();

    // Each entry's own units, for the inform rows of every task; an entry without a selector is outside the graph.
    std::vector<std::vector<UnitIndex>> informed(directive.recipients.size());
    std::vector<std::pair<UnitIndex, std::uint32_t>> designations;  // (unit, entry), entries in the list's order
    for (std::uint32_t r = 0; r < directive.recipients.size(); ++r) {
        const Recipient& recipient = directive.recipients[r];
        if (!recipient.units) {
            out.m_outside.push_back(r);
            continue;
        }
        informed[r] = expand(*recipient.units, *view, graph,
                             in_file(directive, "recipient " + std::to_string(r) + " '" + recipient.label + "'"), misses);
        for (UnitIndex u : informed[r]) designations.emplace_back(u, r);
    }
    // Each designated unit once, in index order, with every entry naming it (a stable sort keeps the list's order).
    std::stable_sort(designations.begin(), designations.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [unit, entry] : designations) {
        if (out.m_recipients.empty() || out.m_recipients.back() != unit) {
            out.m_recipients.push_back(unit);
            out.m_recipient_offsets.push_back(static_cast<std::uint32_t>(out.m_recipient_entries.size()));
        }
        out.m_recipient_entries.push_back(entry);
    }
    out.m_recipient_offsets.push_back(static_cast<std::uint32_t>(out.m_recipient_entries.size()));

    out.m_targets.resize(directive.tasks.size());
    out.m_assignees.resize(directive.tasks.size());
    out.m_relative.resize(directive.tasks.size());
    // A unit once per (task, role): per unit and role, its row in the task plus one (0: none yet), cleared after each
    // task where it was set, so many tasks cost their rows, not tasks x units.
    std::vector<std::vector<std::uint32_t>> seen(all_roles.size(), std::vector<std::uint32_t>(graph.unit_capacity(), 0));
    // (row, assignment) for every assignment after the first that gives a row, in the order met.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> also;
    for (std::uint32_t t = 0; t < directive.tasks.size(); ++t) {
        const Task& task = directive.tasks[t];
        out.m_targets[t].resize(task.assignments.size());
        out.m_assignees[t].resize(task.assignments.size());
        out.m_relative[t].resize(task.assignments.size());
        const std::size_t first_row = out.m_rows.size();
        for (std::uint32_t a = 0; a < task.assignments.size(); ++a) {
            const Assignment& assignment = task.assignments[a];
            if (assignment.target)
                out.m_targets[t][a] =
                    expand(*assignment.target, *view, graph, in_file(directive, place(task, a, "target")), misses);
            out.m_assignees[t][a] = expand(assignment.units, *view, graph, in_file(directive, place(task, a, "units")), misses);
            const bool relative = assignment.target_within == TargetWithin::assignee;
            if (relative) {
                if (!assignment.target)
                    throw InvalidInput("missing_target", in_file(directive, place(task, a, "target")),
                                       "a target within the assignee needs a target selector to narrow");
                auto& rows = out.m_relative[t][a];
                targets_within_assignees(*view, out.m_assignees[t][a], out.m_targets[t][a], rows.offsets, rows.units);
                out.m_targets[t][a] = united(out.m_relative[t][a].units);
            }
            const auto top_target = highest(graph, out.m_targets[t][a]);
            const auto& assignees = out.m_assignees[t][a];
            for (std::size_t i = 0; i < assignees.size(); ++i) {
                const UnitIndex u = assignees[i];
                // Every assignment is checked on its own targets, even where an earlier one gave the same role; a
                // relative one on the assignee's own (its row of m_relative, as targets(t, a, u) reads it).
                std::span<const UnitIndex> own;
                if (relative) {
                    const auto& rows = out.m_relative[t][a];
                    own = std::span<const UnitIndex>(rows.units).subspan(rows.offsets[i], rows.offsets[i + 1] - rows.offsets[i]);
                }
                std::string why = incapacity(graph, u, assignment.role, relative ? highest(graph, own) : top_target);
                if (why.empty() && relative && own.empty())
                    why = !view->area(u) ? "it serves no territory, so no target lies within it"
                                         : "no unit its target picks lies within the territory it serves";
                if (!why.empty()) out.m_flags.push_back(CapabilityFlag{t, a, u, std::move(why)});
                auto& seen_role = seen[static_cast<std::size_t>(assignment.role)];
                if (const std::uint32_t row = seen_role[u.value]; row) {
                    if (out.m_rows[row - 1].assignment != a) also.emplace_back(row - 1, a);
                    continue;
                }
                out.m_rows.push_back(Responsibility{t, a, u, assignment.role});
                seen_role[u.value] = static_cast<std::uint32_t>(out.m_rows.size());
            }
        }
        // The recipients receive the whole text, so they are informed of every clause.
        auto& seen_inform = seen[static_cast<std::size_t>(Role::inform)];
        for (std::uint32_t r = 0; r < informed.size(); ++r)
            for (UnitIndex u : informed[r]) {
                if (seen_inform[u.value]) continue;
                out.m_rows.push_back(Responsibility{t, Responsibility::none, u, Role::inform, r});
                seen_inform[u.value] = static_cast<std::uint32_t>(out.m_rows.size());
            }
        for (std::size_t r = first_row; r < out.m_rows.size(); ++r)
            seen[static_cast<std::size_t>(out.m_rows[r].role)][out.m_rows[r].unit.value] = 0;
    }
    if (misses.any()) misses.raise();
    // Each row's assignments: its own first, then the others in the directive's order (`also` is in that order
    // within a row, so a stable sort by row keeps it).
    std::stable_sort(also.begin(), also.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    also.erase(std::unique(also.begin(), also.end()), also.end());  // a selector naming a unit twice
    out.m_row_offsets.reserve(out.m_rows.size() + 1);
    out.m_row_assignments.reserve(out.m_rows.size() + also.size());
    out.m_row_offsets.push_back(0);
    auto next = also.begin();
    for (std::uint32_t r = 0; r < out.m_rows.size(); ++r) {
        if (out.m_rows[r].assignment != Responsibility::none) out.m_row_assignments.push_back(out.m_rows[r].assignment);
        for (; next != also.end() && next->first == r; ++next) out.m_row_assignments.push_back(next->second);
        out.m_row_offsets.push_back(static_cast<std::uint32_t>(out.m_row_assignments.size()));
    }
    return out;
}

Selector translate(const Selector& selector, const SelectorTranslation& translation) {
    const Selector::Node& n = selector.node();
    auto renamed = [&](const std::string& id) {
        for (const auto& [from, to] : translation.ids)
            if (from == id) return to;
        return std::vector<std::string>{id};
    };
    auto operands = [&] {
        std::vector<Selector> out;
        for (const Selector& s : n.operands) out.push_back(translate(s, translation));
        return out;
    };
    switch (n.op) {
        case Selector::Op::level: {
            std::vector<Level> levels;
            for (Level l : n.levels) {
                Level to = l;
                for (const auto& [from, into] : translation.levels)
                    if (from == l) to = into;
                if (std::find(levels.begin(), levels.end(), to) == levels.end()) levels.push_back(to);
            }
            return Selector::levels(std::move(levels));
        }
        case Selector::Op::id: {
            std::vector<std::string> ids;
            for (const std::string& id : n.ids)
                for (std::string& to : renamed(id))
                    if (std::find(ids.begin(), ids.end(), to) == ids.end()) ids.push_back(std::move(to));
            if (ids.empty()) return Selector::negation(Selector::all());
            return Selector::ids(std::move(ids));
        }
        case Selector::Op::within: {
            std::vector<Selector> areas;
            for (std::string& to : renamed(n.ids.front())) areas.push_back(Selector::within(std::move(to)));
            if (areas.empty()) return Selector::negation(Selector::all());
            return areas.size() == 1 ? areas.front() : Selector::any_of(std::move(areas));
        }
        case Selector::Op::all_of: return Selector::all_of(operands());
        case Selector::Op::any_of: return Selector::any_of(operands());
        case Selector::Op::negation: return Selector::negation(operands().front());
        default: return selector;
    }
}

Responsibilities compile(const Directive& directive, const OrgGraph& graph, const SelectorTranslation& translation) {
    Directive translated = directive;
    std::vector<std::string> dropped;
    auto matches = [&](const Selector& s) {
        try {
            return !s.select(graph).empty();
        } catch (const NotFound&) {
            return false;
        }
    };
    std::vector<Recipient> recipients;
    for (std::size_t r = 0; r < translated.recipients.size(); ++r) {
        Recipient recipient = translated.recipients[r];
        if (recipient.units) recipient.units = translate(*recipient.units, translation);
        if (translation.drop_unmatched && recipient.units && !matches(*recipient.units))
            dropped.push_back("recipient " + std::to_string(r) + " '" + recipient.label + "': " + recipient.units->to_string());
        else
            recipients.push_back(std::move(recipient));
    }
    translated.recipients = std::move(recipients);
    for (Task& task : translated.tasks) {
        std::vector<Assignment> kept;
        for (std::size_t a = 0; a < task.assignments.size(); ++a) {
            Assignment assignment = task.assignments[a];
            assignment.units = translate(assignment.units, translation);
            if (assignment.target) assignment.target = translate(*assignment.target, translation);
            const bool empty = !matches(assignment.units) || (assignment.target && !matches(*assignment.target));
            if (translation.drop_unmatched && empty)
                dropped.push_back(place(task, a, "units") + ": " + assignment.units.to_string() +
                                  (assignment.target ? " (target " + assignment.target->to_string() + ")" : ""));
            else
                kept.push_back(std::move(assignment));
        }
        task.assignments = std::move(kept);
    }
    Responsibilities out = compile(translated, graph);
    out.m_dropped = std::move(dropped);
    return out;
}

}  // namespace antq
