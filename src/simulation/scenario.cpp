#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/restructure/what_if.hpp>
#include <antq/simulation/scenario.hpp>

#include "simulation/detail/monte_carlo.hpp"

namespace antq::simulation {

const char* model_name(const Scenario& scenario) noexcept {
    return std::holds_alternative<CascadeScenario>(scenario.model) ? "cascade" : "escalation";
}

RunOptions options_of(const Scenario& scenario) {
    RunOptions options;
    options.reps = scenario.reps;
    options.seed = scenario.seed;
    return options;
}

OrgGraph scenario_graph(const GraphSource& source, const std::filesystem::path& base, std::optional<Level> also_without) {
    OrgGraph graph = source.path == "default" ? datasets::hai_duong_2024()
                     : std::filesystem::path(source.path).is_absolute() ? load_graph(source.path)
                                                                        : load_graph(base / source.path);
    if (source.remove_level) graph = antq::remove_level(graph, *source.remove_level).graph;
    if (also_without) {
        const auto levels = graph.structure().levels();
        if (std::find(levels.begin(), levels.end(), *also_without) == levels.end())
            throw InvalidInput("bad_value", "compare.remove_level",
                               "the graph has no " + std::string(to_string(*also_without)) + " level to remove");
        graph = antq::remove_level(graph, *also_without).graph;
    }
    return graph;
}

namespace {

std::variant<CascadeResult, EscalationResult> run_model(const Scenario& scenario, const OrgGraph& graph,
                                                         const RunOptions& options) {
    if (const auto* c = std::get_if<CascadeScenario>(&scenario.model)) {
        CascadeModel model = c->model;
        model.sources.clear();
        for (std::size_t i = 0; i < c->sources.size(); ++i) {
            const auto u = graph.find(c->sources[i]);
            if (!u) throw NotFound("unknown_unit", "sources[" + std::to_string(i) + "]", "no unit has id '" + c->sources[i] + "'");
            model.sources.push_back(*u);
        }
        return cascade(graph, model, options);
    }
    const auto& e = std::get<EscalationScenario>(scenario.model);
    return escalation(graph, e.model, e.horizon, options);
}

}  // namespace

std::vector<StructureRun> run(const Scenario& scenario, const RunOptions& options, const std::filesystem::path& base) {
    std::vector<std::optional<Level>> structures{std::nullopt};
    if (scenario.compare_without) structures.push_back(scenario.compare_without);
    RunOptions share = options;
    share.max_memory_bytes = options.max_memory_bytes / structures.size();
    // Every graph is built before any run, so a bad comparison is refused before the long work starts.
    std::vector<StructureRun> out;
    for (const auto& without : structures) {
        auto graph = std::make_shared<OrgGraph>(scenario_graph(scenario.graph, base, without));
        const std::string label = without ? "without_" + std::string(to_string(*without)) : "as_given";
        out.push_back(StructureRun{label, std::move(graph), CascadeResult({}, {}, 0)});
    }
    for (StructureRun& s : out) s.result = run_model(scenario, *s.graph, share);
    return out;
}

std::vector<CascadeFigure> cascade_summary(const OrgGraph& graph, const CascadeResult& result, std::optional<double> deadline) {
    result.check_current(graph);
    // The columns of each level, levels in their order (top first).
    std::map<Level, std::vector<std::size_t>> columns;
    for (std::size_t c = 0; c < result.reached().size(); ++c) columns[graph.unit(result.reached()[c]).level].push_back(c);
    std::vector<CascadeFigure> out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& [level, cols] : columns) {
        std::vector<double> arrival(result.reps()), reached(result.reps()), on_time(result.reps());
        for (std::size_t rep = 0; rep < result.reps(); ++rep) {
            double sum = 0, count = 0, in_time = 0;
            for (std::size_t c : cols) {
                const double t = result.arrival(rep, c);
                if (std::isnan(t)) continue;
                sum += t, count += 1;
                if (deadline && t <= *deadline) in_time += 1;
            }
            arrival[rep] = count > 0 ? sum / count : nan;
            reached[rep] = count / static_cast<double>(cols.size());
            on_time[rep] = in_time / static_cast<double>(cols.size());
        }
        out.push_back({level, "arrival", detail::estimate_of(arrival)});
        out.push_back({level, "reached", detail::estimate_of(reached)});
        if (deadline) out.push_back({level, "on_time", detail::estimate_of(on_time)});
    }
    return out;
}

}  // namespace antq::simulation
