// Writes a territory chart in Graphviz DOT: a district and its communes, each box naming the territory with
// cells for its People's Committee and police, joined by containment. Render it with Graphviz, e.g.
// `dot -Tsvg chart.dot -o chart.svg`.
//
// Usage: write_dot OUT.dot [DISTRICT_ID]     (default district: 296, Bình Giang)
#include <iostream>
#include <string>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/dot.hpp>

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: write_dot OUT.dot [DISTRICT_ID]\n";
        return 2;
    }
    const std::string district = argc > 2 ? argv[2] : "296";
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();

    using antq::Selector;
    using antq::UnitKind;
    antq::DotOptions options;
    options.units = Selector::within(district) & Selector::kinds({UnitKind::district, UnitKind::commune});
    options.tie_kinds = {antq::TieKind::contains};
    options.rank_direction = antq::RankDirection::left_right;
    options.title = graph.unit(district).name + ": communes, People's Committees and police";
    options.body_cells = {{UnitKind::peoples_committee, "UBND"}, {UnitKind::police, "Công an"}};
    antq::save_dot(graph, argv[1], options);

    std::cout << "wrote " << argv[1] << ": " << options.units->select(graph).size() << " territories ("
              << *options.title << ")\n";
    return 0;
} catch (const antq::Error& e) {
    // A district id the graph lacks is NotFound "unknown_unit"; an unwritable path IoError "cannot_write".
    std::cerr << "write_dot: " << e.what() << '\n';
    return 1;
}
