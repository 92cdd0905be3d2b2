// libFuzzer target: a change set read from any bytes, applied to a small three-tier graph. apply() answers with a
// graph or an antq::Error, never leaves its input changed, and a graph it returns is valid, saves and loads back,
// and is accounted for by the id map (every unit before has a row; every successor named is in the graph after).

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include <antq/io/changes_json.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/restructure/apply.hpp>

#include "apply_base.hpp"
#include "fuzz.hpp"

namespace {

const antq::OrgGraph& base() {
    static const antq::OrgGraph graph = antq::parse_graph(antq::fuzz::apply_base_json(), "base.json");
    return graph;
}

const std::string& base_dump() {
    static const std::string dump = antq::dump_graph(base());
    return dump;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using antq::fuzz::require;
    antq::ChangeSet changes;
    try {
        changes = antq::parse_changes(antq::fuzz::text_of(data, size), "fuzz.json");
    } catch (const antq::Error& e) {
        antq::fuzz::placed(e);
        return 0;
    }
    antq::Applied applied;
    try {
        applied = antq::apply(base(), changes);
    } catch (const antq::Error& e) {
        antq::fuzz::placed(e);
        require(antq::dump_graph(base()) == base_dump(), "a refused change set leaves the graph as it was");
        return 0;
    }
    require(antq::dump_graph(base()) == base_dump(), "apply leaves its input graph as it was");
    std::string saved;
    try {
        applied.graph.validate();
        saved = antq::dump_graph(applied.graph);
        require(antq::dump_graph(antq::parse_graph(saved, "after.json")) == saved, "the graph after loads back the same");
    } catch (const antq::Error& e) {
        std::fprintf(stderr, "antq fuzz: the graph after apply is not valid or does not load back: %s\n", e.what());
        std::abort();
    }
    std::set<std::string> accounted;
    for (const antq::Succession& row : applied.ids.rows()) {
        require(base().contains(row.before), "an id map row names a unit of the graph before");
        require(row.after.empty() || applied.graph.contains(row.after), "a successor is a unit of the graph after");
        require(!row.share || (*row.share > 0.0 && *row.share <= 1.0), "a share is in (0, 1]");
        accounted.insert(row.before);
    }
    require(accounted.size() == base().unit_count(), "every unit before has a row in the id map");
    return 0;
}
