// Compiles the embedded 2024 directive of Hải Dương province onto the embedded graph (every selector expanded
// into the units it designates) and says who leads, coordinates, advises and monitors each clause.
//
// Usage: directive_roles [CLAUSE]     e.g. directive_roles 3; by default, every clause, then "closing" in full
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/directive/directive.hpp>
#include <antq/directive/role.hpp>
#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/io/datasets.hpp>

namespace {

// The roles an assignment gives; `inform` (the recipients list) reaches every clause alike.
constexpr antq::Role duty_roles[] = {antq::Role::lead, antq::Role::coordinate, antq::Role::advise, antq::Role::monitor};
// Assignments whose targets are shown in full; a clause may have one per district.
constexpr std::size_t shown_targets = 3;

std::string units(std::size_t n) { return std::to_string(n) + (n == 1 ? " unit" : " units"); }

void list_units(const antq::OrgGraph& graph, const std::vector<antq::UnitIndex>& units, std::size_t listed) {
    for (std::size_t i = 0; i < units.size() && i < listed; ++i)
        std::cout << "      " << graph.unit(units[i]).id << "  " << graph.unit(units[i]).name << '\n';
    if (units.size() > listed) std::cout << "      ... and " << units.size() - listed << " more\n";
}

void show_clause(const antq::OrgGraph& graph, const antq::Responsibilities& table, std::uint32_t task) {
    const antq::Task& clause = table.directive().tasks[task];
    std::cout << "Clause " << clause.clause << ": " << clause.title << '\n';
    for (antq::Role role : duty_roles) {
        const std::vector<antq::UnitIndex> holders = table.units_of(task, role);
        std::cout << "  " << antq::to_string(role) << ": " << units(holders.size()) << '\n';
        list_units(graph, holders, 5);
    }
    // Whom a monitor watches, or to whom an adviser reports.
    std::size_t targeted = 0;
    for (std::uint32_t a = 0; a < clause.assignments.size(); ++a) {
        const std::vector<antq::UnitIndex>& targets = table.targets(task, a);
        if (targets.empty() || ++targeted > shown_targets) continue;
        std::cout << "  " << antq::to_string(clause.assignments[a].role) << " assignment " << a + 1 << " targets "
                  << units(targets.size()) << ": " << clause.assignments[a].target->to_string() << '\n';
        list_units(graph, targets, 3);
    }
    if (targeted > shown_targets)
        std::cout << "  ... and " << targeted - shown_targets << " more assignments with targets\n";
}

}  // namespace

int main(int argc, char** argv) try {
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    const antq::Directive directive = antq::datasets::directive_2024();
    const antq::Responsibilities table = antq::compile(directive, graph);

    std::cout << directive.kind << " \"" << directive.title << "\", issued by " << graph.unit(directive.issuer).name
              << ": " << directive.tasks.size() << " clauses, " << table.rows().size() << " responsibility rows, "
              << table.recipients().size() << " units on the recipients list\n\n";
    if (argc > 1) {
        show_clause(graph, table, table.task_index(argv[1]));
        return 0;
    }
    for (std::uint32_t t = 0; t < directive.tasks.size(); ++t) {
        std::cout << "  clause " << directive.tasks[t].clause << ":";
        for (antq::Role role : duty_roles)
            std::cout << ' ' << antq::to_string(role) << ' ' << table.units_of(t, role).size();
        std::cout << "  (" << directive.tasks[t].title << ")\n";
    }
    std::cout << '\n';
    show_clause(graph, table, table.task_index("closing"));
    return 0;
} catch (const antq::Error& e) {
    // An unknown clause is NotFound "unknown_clause".
    std::cerr << "directive_roles: " << e.what() << '\n';
    return 1;
}
