#pragma once

// A compact Boost.Graph copy of an OrgGraph (holes removed) with bundled properties, for the writers.

#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include <antq/graph/org_graph.hpp>
#include <antq/io/value_json.hpp>

namespace antq::detail {

struct ExportUnit {
    std::string id, name, kind, level, attributes;
    UnitKind unit_kind = UnitKind::agency;
    Level unit_level = Level::nation;
};

struct ExportTie {
    std::string kind, attributes;
    TieKind tie_kind = TieKind::coordinates;
};

using ExportGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, ExportUnit, ExportTie>;

inline std::string attributes_text(const Object& attributes) {
    return attributes.empty() ? std::string() : to_json(Value(attributes)).dump();
}

/** Copies `graph`, keeping units for which keep[u] is true (all if keep is empty) and ties of `kinds` (all if empty). */
inline ExportGraph export_copy(const OrgGraph& graph, const std::vector<bool>& keep = {},
                               const std::vector<TieKind>& kinds = {}) {
    ExportGraph out;
    std::vector<std::size_t> vertex(graph.unit_capacity(), static_cast<std::size_t>(-1));
    for (UnitIndex u : graph.units()) {
        if (!keep.empty() && !keep[u.value]) continue;
        const Unit& unit = graph.unit(u);
        vertex[u.value] = boost::add_vertex(ExportUnit{unit.id, unit.name, std::string(to_string(unit.kind)),
                                                       std::string(to_string(unit.level)),
                                                       attributes_text(unit.attributes), unit.kind, unit.level},
                                            out);
    }
    for (TieIndex t : graph.ties()) {
        const Tie& tie = graph.tie(t);
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), tie.kind) == kinds.end()) continue;
        const auto s = vertex[tie.source.value], d = vertex[tie.target.value];
        if (s == static_cast<std::size_t>(-1) || d == static_cast<std::size_t>(-1)) continue;
        boost::add_edge(s, d, ExportTie{std::string(to_string(tie.kind)), attributes_text(tie.attributes), tie.kind},
                        out);
    }
    return out;
}

}  // namespace antq::detail
