// Loads the embedded dataset and runs a query: proves headers, library and dependencies link for a consumer.
#include <iostream>

#include <antq/antq.hpp>

int main() {
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    const auto communes = (antq::Selector::kind(antq::UnitKind::commune) & antq::Selector::within("296")).select(graph);
    const auto chains = antq::chains_of_command(graph, graph.index_of("296.police"));
    std::cout << graph.unit("296").name << ": " << communes.size() << " communes, " << chains.size()
              << " chains of command from its police\n";
    return communes.size() == 16 && chains.size() >= 2 ? 0 : 1;
}
