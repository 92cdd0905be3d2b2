#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/text.hpp>
#include <antq/version.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.orggraph";

std::string json_record(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

}  // namespace

OrgGraph parse_graph(std::string_view text, std::string_view source_view, const JsonLimits& limits) {
    const std::string source(source_view);
    detail::check_size(text, source, limits.max_bytes);
    const Reader r(source);
    const json doc = detail::parse_document(text, source, limits.max_depth);

    if (!doc.is_object()) r.fail("not_a_graph", "", "expected a graph object, found " + type_name(doc));
    r.only_fields(doc, {"format", "version", "name", "structure", "attributes", "units", "ties"}, "");
    r.format_and_version(doc, format_name, graph_format_version, "not_a_graph");

    const AdministrativeStructure* structure = &AdministrativeStructure::either();
    if (auto it = doc.find("structure"); it != doc.end()) {
        try {
            structure = &AdministrativeStructure::preset(r.string(*it, "/structure"));
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at("/structure"), e.message());
        }
    }
    OrgGraph graph(*structure);
    if (auto it = doc.find("name"); it != doc.end()) {
        const std::string name = r.string(*it, "/name");
        try {
            graph.set_name(name);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at("/name"), e.message());
        }
    }
    if (auto it = doc.find("attributes"); it != doc.end()) graph.set_attributes(r.attributes(*it, "/attributes"));

    const json& units = r.require(doc, "units", "");
    if (!units.is_array()) r.fail("wrong_type", "/units", "expected an array, found " + type_name(units));
    const json empty_ties = json::array();
    const json& ties = doc.contains("ties") ? doc.at("ties") : empty_ties;
    if (!ties.is_array()) r.fail("wrong_type", "/ties", "expected an array, found " + type_name(ties));

    std::vector<UnitSpec> read_units;
    read_units.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string p = "/units/" + std::to_string(i);
        const json& u = units[i];
        r.expect_object(u, p);
        r.only_fields(u, {"id", "name", "kind", "level", "attributes"}, p);
        UnitSpec unit;
        unit.id = r.string(r.require(u, "id", p), p + "/id");
        unit.name = r.string(r.require(u, "name", p), p + "/name");
        const std::string kind = r.string(r.require(u, "kind", p), p + "/kind");
        const auto k = parse_unit_kind(kind);
        if (!k) r.fail("unknown_kind", p + "/kind", "'" + kind + "' is not a unit kind (docs/data-format.md)");
        unit.kind = *k;
        if (auto it = u.find("level"); it != u.end()) {
            const std::string level = r.string(*it, p + "/level");
            const auto l = parse_level(level);
            if (!l) r.fail("unknown_level", p + "/level", "'" + level + "' is not a level");
            unit.level = *l;
        }
        if (auto it = u.find("attributes"); it != u.end()) unit.attributes = r.attributes(*it, p + "/attributes");
        read_units.push_back(std::move(unit));
    }

    std::vector<TieSpec> specs;
    specs.reserve(ties.size());
    for (std::size_t i = 0; i < ties.size(); ++i) {
        const std::string p = "/ties/" + std::to_string(i);
        const json& t = ties[i];
        r.expect_object(t, p);
        r.only_fields(t, {"source", "target", "kind", "attributes"}, p);
        TieSpec spec;
        spec.source = r.string(r.require(t, "source", p), p + "/source");
        spec.target = r.string(r.require(t, "target", p), p + "/target");
        const std::string kind = r.string(r.require(t, "kind", p), p + "/kind");
        const auto k = parse_tie_kind(kind);
        if (!k) r.fail("unknown_kind", p + "/kind", "'" + kind + "' is not a tie kind (docs/data-format.md)");
        spec.kind = *k;
        if (auto it = t.find("attributes"); it != t.end()) spec.attributes = r.attributes(*it, p + "/attributes");
        specs.push_back(std::move(spec));
    }

    build(graph, std::move(read_units), specs, InputPlaces{source, "/units/", "/ties/", "/"});
    return graph;
}

OrgGraph load_graph(const std::filesystem::path& path, const JsonLimits& limits) {
    return parse_graph(detail::read_file(path, limits.max_bytes), path.string(), limits);
}

std::string dump_graph(const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    std::string out = "{\"format\":\"" + std::string(format_name) +
                      "\",\"version\":" + std::to_string(graph_format_version) + ",\n";
    out += "\"name\":" + json_record(graph.name()) + ",\n";
    // The default structure goes unsaid, so a graph that never chose one is written as before structures existed.
    if (graph.structure() != AdministrativeStructure::either())
        out += "\"structure\":" + json_record(graph.structure().id()) + ",\n";
    out += "\"attributes\":" + json_record(to_json(Value(graph.attributes()))) + ",\n";
    out += "\"units\":[";
    bool first = true;
    for (UnitIndex u : graph.units()) {
        const Unit& unit = graph.unit(u);
        json record{{"id", unit.id},
                    {"name", unit.name},
                    {"kind", std::string(to_string(unit.kind))},
                    {"level", std::string(to_string(unit.level))}};
        if (!unit.attributes.empty()) {
            try {
                record["attributes"] = to_json(Value(unit.attributes));
            } catch (...) {
                rethrow_at("unit '" + unit.id + "'");
            }
        }
        out += (first ? "\n" : ",\n") + json_record(record);
        first = false;
    }
    out += "],\n\"ties\":[";
    first = true;
    for (TieIndex t : graph.ties()) {
        const Tie& tie = graph.tie(t);
        json record{{"source", graph.unit(tie.source).id},
                    {"target", graph.unit(tie.target).id},
                    {"kind", std::string(to_string(tie.kind))}};
        if (!tie.attributes.empty()) record["attributes"] = to_json(Value(tie.attributes));
        out += (first ? "\n" : ",\n") + json_record(record);
        first = false;
    }
    out += "]}\n";
    return out;
}

void save_graph(const OrgGraph& graph, const std::filesystem::path& path) { detail::write_file(path, dump_graph(graph)); }

}  // namespace antq
