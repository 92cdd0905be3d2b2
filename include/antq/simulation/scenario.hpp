#pragma once

/**
 * @file
 * Scenarios: a graph, a model with its parameters, a seed and replications; run once or on two structures.
 */

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <antq/model/level.hpp>
#include <antq/simulation/cascade.hpp>
#include <antq/simulation/escalation.hpp>
#include <antq/simulation/parameters.hpp>

namespace antq {

class OrgGraph;

namespace simulation {

/** The graph a scenario runs on. */
struct GraphSource {
    /** "default": the embedded Hải Dương 2024 dataset; otherwise an "antq.graph" file, relative to the scenario's. */
    std::string path = "default";
    /** A what-if: the graph without this territorial level (restructure's remove_level, e.g. the district). */
    std::optional<Level> remove_level;

    friend bool operator==(const GraphSource&, const GraphSource&) = default;
};

/** A cascade's parameters as a scenario states them: the issuers by id, the rest as the model takes it. */
struct CascadeScenario {
    std::vector<std::string> sources;  ///< ids of the issuers
    CascadeModel model;                ///< its `sources` are left empty: they are resolved on the graph run
    std::optional<double> deadline;    ///< days by which a unit should have the document (for the hit rates)
};

/** An escalation's parameters as a scenario states them. */
struct EscalationScenario {
    EscalationModel model;
    Horizon horizon;
};

/**
 * A simulation someone can write down, share and run again: the graph, a model with its parameters, a seed and a
 * number of replications (format "antq.scenario", docs/simulation.md). Every parameter is an assumption unless its
 * source says otherwise; `source` says where the figures came from.
 */
struct Scenario {
    std::string name;                                          ///< a title, may be empty
    std::string source;                                        ///< where the parameters come from, may be empty
    GraphSource graph;                                         ///< the structure run
    std::optional<Level> compare_without;                      ///< also run the same graph without this level
    std::variant<CascadeScenario, EscalationScenario> model;   ///< the model and its parameters
    std::uint64_t seed = 0;                                    ///< replication r draws from stream (seed, r)
    std::size_t reps = 100;                                    ///< replications
};

/** The model's name: "cascade" or "escalation". */
const char* model_name(const Scenario& scenario) noexcept;

/** The run of one structure: its label, the graph it ran on, and the model's result. */
struct StructureRun {
    std::string label;                 ///< "as_given", or "without_<level>" for a what-if
    std::shared_ptr<OrgGraph> graph;   ///< the graph run (the dataset, a file, or the graph after remove_level)
    std::variant<CascadeResult, EscalationResult> result;
};

/**
 * The graph a scenario's structure runs on: the dataset or the file `source.path` (relative to `base`), then without
 * `remove_level` when set (and without `also_without` when set, for the compared structure).
 * @throws what load_graph() and remove_level() throw; InvalidInput "bad_value" at "compare" when the comparison
 *         removes a level the graph has already lost
 */
OrgGraph scenario_graph(const GraphSource& source, const std::filesystem::path& base,
                        std::optional<Level> also_without = std::nullopt);

/**
 * Runs `scenario` with `options` (reps, seed, threads and the memory cap; scenario.reps and scenario.seed are
 * the defaults a caller puts there): the structure as given, and with `compare_without` the same graph without that
 * level, both with the same seed, so each replication's randomness is the same draw on both. The memory cap covers
 * the whole run: each structure may use its share.
 * @param base the folder a relative graph path is read from (the scenario file's)
 * @throws what scenario_graph(), cascade() and escalation() throw; NotFound "unknown_unit" naming "sources[i]"
 * Complexity: that of the model's run, once per structure.
 */
std::vector<StructureRun> run(const Scenario& scenario, const RunOptions& options, const std::filesystem::path& base = {});

/** A scenario's reps and seed as run options (one thread, the default memory cap). */
RunOptions options_of(const Scenario& scenario);

/** One row of a cascade's summary: a level's figure, a mean over replications with its interval. */
struct CascadeFigure {
    Level level;
    std::string measure;   ///< "arrival" (mean days to the units reached), "reached" or "on_time" (shares of units)
    Estimate estimate;
};

/**
 * Per level of the units reached: the mean arrival (days, of the units the document reached in that replication),
 * the share of units reached and, with a deadline, the share reached by it; each the mean over replications with its
 * 95% interval (Student's t over the replications' values).
 * @throws StaleView "stale_result" if `graph` is not the graph of `result`
 * Complexity: O(reps × reached).
 */
std::vector<CascadeFigure> cascade_summary(const OrgGraph& graph, const CascadeResult& result,
                                           std::optional<double> deadline = std::nullopt);

}  // namespace simulation
}  // namespace antq
