// Loads a graph two ways: the Hải Dương 2024 dataset embedded in the library, and a graph file in antq's JSON
// format (docs/data-format.md), then says what each holds per administrative level and how much of it is
// synthetic (units carrying the attribute "synthetic": true; what is real: data/README.md).
//
// Usage: load_graph [GRAPH.json]
#include <array>
#include <cstddef>
#include <iostream>
#include <string_view>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/model/level.hpp>
#include <antq/model/value.hpp>

namespace {

bool is_synthetic(const antq::Unit& unit) {
    const antq::Value* flag = unit.attributes.find("synthetic");
    return flag != nullptr && flag->type() == antq::Value::Type::boolean && flag->as_bool();
}

void describe(std::string_view origin, const antq::OrgGraph& graph) {
    std::array<std::size_t, antq::all_levels.size()> units{}, synthetic{};
    for (antq::UnitIndex u : graph.units()) {
        const antq::Unit& unit = graph.unit(u);
        const auto level = static_cast<std::size_t>(unit.level);
        ++units[level];
        if (is_synthetic(unit)) ++synthetic[level];
    }
    std::cout << origin << ": \"" << graph.name() << "\", " << graph.unit_count() << " units, " << graph.tie_count()
              << " ties\n";
    for (antq::Level level : antq::all_levels) {
        const auto l = static_cast<std::size_t>(level);
        std::cout << "  " << antq::to_string(level) << ": " << units[l] << " units (" << synthetic[l]
                  << " SYNTHETIC)\n";
    }
}

}  // namespace

int main(int argc, char** argv) try {
    // Each call parses a fresh copy of the embedded JSON: the graph is yours to change.
    describe("embedded dataset", antq::datasets::hai_duong_2024());
    if (argc > 1) describe(argv[1], antq::load_graph(argv[1]));
    return 0;
} catch (const antq::Error& e) {
    // what() reads "<tag>: <where>: <what>", e.g. "dangling_reference: g.json:/ties/3/target: ...".
    std::cerr << "load_graph: " << e.what() << '\n';
    return 1;
}
