// Loads the embedded data, runs a query and a year's evaluation: proves headers, library, embedded files and
// dependencies link for a consumer.
#include <iostream>

#include <antq/antq.hpp>

int main() {
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    const auto communes = (antq::Selector::kind(antq::UnitKind::commune) & antq::Selector::within("296")).select(graph);
    const auto chains = antq::chains_of_command(graph, graph.index_of("296.police"));
    const antq::EvaluationRules rules = antq::default_evaluation_rules();
    const antq::Evaluation year = antq::evaluate(graph, antq::example_assessments(graph, rules, 2024, 1), rules);
    const antq::RollUp* villages = year.roll_up(graph.index_of("296"), *rules.subject_index("residential_area"));
    std::cout << graph.unit("296").name << ": " << communes.size() << " communes, " << chains.size()
              << " chains of command from its police, " << villages->passed << " of " << villages->units
              << " villages titled in the example year\n";
    return communes.size() == 16 && chains.size() >= 2 && villages->units > 0 ? 0 : 1;
}
