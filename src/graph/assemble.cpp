#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/detail/id_index.hpp>
#include <antq/model/text.hpp>

#include "graph/detail/assemble.hpp"
#include "graph/detail/storage.hpp"
#include "graph/detail/stored_id.hpp"

namespace antq::detail {

namespace {

// The NFC form of an id outside ASCII; nullopt when it is ASCII or not UTF-8 (the unit's check reports that).
std::optional<std::string> stored_id(std::string_view id) {
    if (is_ascii(id) || !is_valid_utf8(id)) return std::nullopt;
    return to_nfc(id, "unit id");
}

}  // namespace

void Assembly::assemble(OrgGraph& into, std::vector<AssembledUnit> units, std::vector<AssembledTie> ties,
                        const InputPlaces& places) {
    if (into.unit_count() != 0 || into.tie_count() != 0)
        throw InvalidInput("not_empty", into.name(), "a bulk build starts from an empty graph");
    if (into.in_use())
        throw GraphInUse("graph_in_use", into.name(), "another thread is reading this graph; build into another one");
    // Built aside and swapped in at the end: on an error, the graph given is left as it was.
    OrgGraph graph(into.structure());
    graph.m_name = into.m_name;
    graph.m_attributes = into.m_attributes;

    // Ids in stored form, then unique, as build() checks them first: a repeat is named before any other fault. The
    // index made here is the graph's own, unit i having index i.
    for (AssembledUnit& u : units)
        if (!u.texts_kept)
            if (auto nfc = stored_id(u.unit.id)) u.unit.id = std::move(*nfc);
    const auto id_of = [&](std::uint32_t i) { return std::string_view(units[i].unit.id); };
    IdIndex index;
    index.reserve(units.size(), id_of);
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (const auto at = index.find(units[i].unit.id, id_of))
            throw InvalidInput("duplicate_id", places.unit(i) + places.separator + "id",
                               "unit id '" + units[i].unit.id + "' is already used at " + places.units + std::to_string(*at));
        index.insert(units[i].unit.id, static_cast<std::uint32_t>(i), id_of);
    }

    graph.m_graph = std::make_unique<Storage>(BoostGraph(units.size()));
    graph.m_units.reserve(units.size());
    graph.m_kinds.reserve(units.size());
    graph.m_levels.reserve(units.size());
    graph.m_unit_alive.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        Unit& u = units[i].unit;
        try {
            if (units[i].texts_kept) {
#ifndef NDEBUG
                Unit checked = u;
                OrgGraph::check_new_id(checked.id);
                graph.check_new_unit(checked);
                assert(checked == u && "a unit given with its texts kept is in stored form");
#endif
                graph.check_unit_level(u);
            } else {
                OrgGraph::check_new_id(u.id);
                graph.check_new_unit(u);
            }
        } catch (...) {
            rethrow_at(places.unit(i));
        }
        graph.push_unit(std::move(u));
    }
    graph.m_index = std::move(index);  // reads ids by index, which are the same strings now in the graph's records

    graph.m_ties.reserve(ties.size());
    graph.m_tie_alive.reserve(ties.size());
    bool new_directs = false;
    for (std::size_t i = 0; i < ties.size(); ++i) {
        AssembledTie& tie = ties[i];
        assert(tie.source < units.size() && tie.target < units.size());
        const UnitIndex s{tie.source}, t{tie.target};
        if (tie.kept) {
#ifndef NDEBUG
            graph.check_tie(s, t, tie.kind);
#endif
            graph.push_tie(s, t, tie.kind, std::move(tie.attributes));
            continue;
        }
        new_directs = new_directs || tie.kind == TieKind::directs;
        try {
            graph.check_tie(s, t, tie.kind);
            graph.insert_tie(s, t, tie.kind, std::move(tie.attributes));
        } catch (...) {
            rethrow_at(places.tie(i));
        }
    }
    // Kept ties alone close no cycle: they are some of the ties of a graph that had none.
    if (new_directs)
        if (auto cycle = graph.find_directs_cycle()) {
            std::string path;
            for (UnitIndex u : *cycle) path += (path.empty() ? "" : " -> ") + ("'" + graph.m_units[u.value].id + "'");
            const HierarchyError error("cycle", path, "subordination (directs) is circular");
            if (places.source.empty()) throw error;
            try {
                throw error;
            } catch (...) {
                rethrow_at(places.source + ":" + places.ties.substr(0, places.ties.size() - 1));
            }
        }
    graph.touch();
    validate_into(graph, into, places);
}

}  // namespace antq::detail
