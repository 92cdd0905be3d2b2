// Picks units with selectors: built in code, or read from the JSON form directives and rule files use
// (docs/selectors.md). By default, the commune police of the province and of Bình Giang district (296).
//
// Usage: select_units [SELECTOR_JSON]     e.g. select_units '{"kind": "school", "within": "288"}'
#include <cstddef>
#include <iostream>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/selector_json.hpp>

namespace {

// Prints the selector, how many units it picks, and the first few of them.
void show(const antq::OrgGraph& graph, const antq::Selector& selector, std::size_t listed) {
    const std::vector<antq::UnitIndex> picked = selector.select(graph);
    std::cout << selector.to_string() << ": " << picked.size() << (picked.size() == 1 ? " unit\n" : " units\n");
    for (std::size_t i = 0; i < picked.size() && i < listed; ++i) {
        const antq::Unit& unit = graph.unit(picked[i]);
        std::cout << "  " << unit.id << "  " << unit.name << '\n';
    }
    if (listed > 0 && picked.size() > listed) std::cout << "  ... and " << picked.size() - listed << " more\n";
}

}  // namespace

int main(int argc, char** argv) try {
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    if (argc > 1) {
        show(graph, antq::parse_selector(argv[1], "argument"), 10);
        return 0;
    }
    using antq::Selector;
    const Selector commune_police = Selector::kind(antq::UnitKind::police) & Selector::level(antq::Level::commune);
    show(graph, commune_police, 0);
    // within() picks the territory and everything it contains, bodies serving its communes included.
    show(graph, commune_police & Selector::within("296"), 20);
    return 0;
} catch (const antq::Error& e) {
    std::cerr << "select_units: " << e.what() << '\n';
    return 1;
}
