#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/graph/detail/id_index.hpp>
#include <antq/model/text.hpp>

#include "graph/detail/assemble.hpp"

namespace antq {

std::string InputPlaces::unit(std::size_t i) const {
    return (source.empty() ? "" : source + ":") + units + std::to_string(i);
}

std::string InputPlaces::tie(std::size_t i) const { return (source.empty() ? "" : source + ":") + ties + std::to_string(i); }

namespace {

// The NFC form of an id outside ASCII; nullopt when it is ASCII (already stored as given) or not UTF-8 (add_unit
// reports that, with its place).
std::optional<std::string> stored_id(std::string_view id) {
    if (std::all_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return std::nullopt;
    if (!is_valid_utf8(id)) return std::nullopt;
    return to_nfc(id, "unit id");
}

}  // namespace

void build(OrgGraph& into, std::vector<UnitSpec> units, const std::vector<TieSpec>& ties, const InputPlaces& places) {
    if (into.unit_count() != 0 || into.tie_count() != 0)
        throw InvalidInput("not_empty", into.name(), "a bulk build starts from an empty graph");
    if (into.in_use())  // the swap at the end would pull the content from under a reader
        throw GraphInUse("graph_in_use", into.name(), "another thread is reading this graph; build into another one");
    // Built aside and swapped in at the end: on an error, the graph given is left as it was.
    OrgGraph graph(into.structure());
    graph.set_name(into.name());
    graph.set_attributes(into.attributes());
    // Ids are compared in their stored form (NFC), so a tie may name a unit in either spelling.
    for (std::size_t i = 0; i < units.size(); ++i)
        if (auto nfc = stored_id(units[i].id)) units[i].id = std::move(*nfc);
    // Row by id, in the open-addressing index the graph itself uses: no allocation per unit.
    const auto id_of = [&](std::uint32_t i) { return std::string_view(units[i].id); };
    detail::IdIndex row;
    row.reserve(units.size(), id_of);
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (const auto at = row.find(units[i].id, id_of))
            throw InvalidInput("duplicate_id", places.unit(i) + places.separator + "id",
                               "unit id '" + units[i].id + "' is already used at " + places.units + std::to_string(*at));
        row.insert(units[i].id, static_cast<std::uint32_t>(i), id_of);
    }
    // A tie end naming no unit is reported after the units are in: a bad unit id (the cause) comes first.
    auto row_of = [&](const std::string& id) -> std::optional<std::size_t> {
        const auto nfc = stored_id(id);
        const auto at = row.find(nfc ? std::string_view(*nfc) : std::string_view(id), id_of);
        return at ? std::optional<std::size_t>(*at) : std::nullopt;
    };
    // Levels left out: a territory's from its kind, then a body's from the territory it serves, then a post's
    // from the body it heads.
    for (UnitSpec& u : units)
        if (!u.level && is_territory(u.kind)) u.level = territory_level(u.kind);
    for (TieKind along : {TieKind::serves, TieKind::heads})
        for (const TieSpec& tie : ties) {
            if (tie.kind != along) continue;
            const auto source = row_of(tie.source), target = row_of(tie.target);
            if (source && target && !units[*source].level && units[*target].level)
                units[*source].level = units[*target].level;
        }

    graph.reserve(units.size(), ties.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        UnitSpec& u = units[i];
        if (!u.level)
            throw InvalidInput("missing_field", places.unit(i),
                               "no 'level', and none can be derived: a body needs a 'serves' tie, a post a 'heads' tie");
        try {
            graph.add_unit(Unit{std::move(u.id), std::move(u.name), u.kind, *u.level, std::move(u.attributes)});
        } catch (...) {
            rethrow_at(places.unit(i));
        }
    }
    for (std::size_t i = 0; i < ties.size(); ++i)
        for (const auto& [end, id] : {std::pair{"source", &ties[i].source}, std::pair{"target", &ties[i].target}})
            if (!graph.contains(*id))
                throw InvalidInput("dangling_reference", places.tie(i) + places.separator + end,
                                   "no unit has id '" + *id + "'");
    try {
        graph.add_ties(ties, [&](std::size_t i) { return places.tie(i); });
    } catch (const HierarchyError& e) {
        // A cycle is closed by several ties: it is named by its units, under the whole list.
        if (e.tag() != "cycle" || places.source.empty()) throw;
        rethrow_at(places.source + ":" + places.ties.substr(0, places.ties.size() - 1));
    }
    detail::validate_into(graph, into, places);
}

UnitIndex add_placed_unit(OrgGraph& graph, UnitSpec unit, const std::optional<std::string>& area,
                          const std::optional<std::string>& heads) {
    const std::string place = "unit '" + unit.id + "'";
    if (area && !is_body(unit.kind)) throw InvalidInput("wrong_endpoint", place, "only a body serves an area");
    if (heads && !is_post(unit.kind)) throw InvalidInput("wrong_endpoint", place, "only a post heads a body");
    if (!unit.level && is_territory(unit.kind)) unit.level = territory_level(unit.kind);
    if (!unit.level && area) unit.level = graph.unit(*area).level;
    if (!unit.level && heads) unit.level = graph.unit(*heads).level;
    if (!unit.level)
        throw InvalidInput("missing_field", place, "give a level, or the area a body serves, or the body a post heads");
    const UnitIndex u =
        graph.add_unit(Unit{std::move(unit.id), std::move(unit.name), unit.kind, *unit.level, std::move(unit.attributes)});
    try {
        if (area) graph.add_tie(u, graph.index_of(*area), TieKind::serves);
        if (heads) graph.add_tie(u, graph.index_of(*heads), TieKind::heads);
    } catch (...) {
        graph.remove_unit(u);
        throw;
    }
    return u;
}

}  // namespace antq

namespace antq::detail {

void validate_into(OrgGraph& graph, OrgGraph& into, const InputPlaces& places) {
    try {
        graph.validate();
    } catch (...) {
        if (places.source.empty()) throw;
        rethrow_at(places.source);
    }
    into.swap(graph);
}

}  // namespace antq::detail
