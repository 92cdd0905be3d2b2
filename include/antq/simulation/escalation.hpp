#pragma once

/**
 * @file
 * Incident escalation: incidents arise in communes and villages, are handled and passed up the chain of command.
 */

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include <antq/graph/graph_stamp.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/level.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/simulation/parameters.hpp>

namespace antq {

class OrgGraph;

namespace simulation {

/**
 * What an escalation run simulates. Every value that varies by unit is a default and rules (a later rule wins).
 * Stations are bodies: the responsible body of every territory with incidents, and the bodies above it along the
 * chain of command (see escalation()).
 */
struct EscalationModel {
    std::vector<Rule<double>> rates;             ///< incidents per day at the communes and villages picked (Poisson)
    UnitKind responsible = UnitKind::police;     ///< the kind of body that handles a territory's incidents first
    Delay service;                               ///< the time a body takes to handle one incident, by default
    std::vector<Rule<Delay>> services;           ///< handling time at the bodies picked
    double servers = 1;                          ///< incidents a body handles at once (c), a whole number ≥ 1
    std::vector<Rule<double>> staffing;          ///< servers at the bodies picked
    double escalation = 0;                       ///< probability that a handled incident is passed up
    std::vector<Rule<double>> escalations;       ///< that probability at the bodies picked
    double threshold = std::numeric_limits<double>::infinity();  ///< incidents waiting at which a new one goes up at once
    std::vector<Rule<double>> thresholds;        ///< that threshold at the bodies picked
};

/** The time frame of an escalation run, in days. */
struct Horizon {
    double days = 365;        ///< the run stops here; at most max_days
    double warm_up = 0;       ///< what happens before this is simulated but not counted
    double step = 1;          ///< backlog is sampled every `step` days from warm_up to days
    static constexpr double max_days = 36525;  ///< a century: the model's rates and durations are not for longer
};

/** One incident counted by an escalation run (it arose after the warm-up). */
struct Incident {
    std::uint32_t rep;         ///< its replication
    UnitIndex territory;       ///< where it arose
    UnitIndex handler;         ///< the last body it reached (where it was resolved, or waits at the horizon)
    std::uint32_t escalations; ///< times it was passed up
    double arrival;            ///< when it arose, days since the start
    double response;           ///< days from arising to resolution; NaN if still open at the horizon
};

/** One level's figures in one replication. */
struct LevelFigures {
    double served = 0;       ///< incidents that reached a body of the level after the warm-up and began handling
    double decision_wait = std::numeric_limits<double>::quiet_NaN();  ///< mean wait before handling began (NaN: none)
    double sojourn = std::numeric_limits<double>::quiet_NaN();  ///< mean time from arrival to leaving, of those that left
    double utilisation = 0;  ///< busy server-days over available server-days after the warm-up
    double escalated = 0;    ///< incidents passed up from the level (after handling or over the threshold)
};

/**
 * The figures of an escalation run. Levels are those of the stations, top level last (e.g. commune, district,
 * province); every per-level table has one entry per replication and level, replication after replication.
 */
class EscalationResult {
public:
    EscalationResult(GraphStamp stamp, std::vector<UnitIndex> stations, std::vector<Level> levels, std::size_t reps,
                     Horizon horizon);
    /** The bodies simulated, in index order. */
    const std::vector<UnitIndex>& stations() const noexcept { return m_stations; }
    /** The levels of the stations, lowest first. */
    const std::vector<Level>& levels() const noexcept { return m_levels; }
    std::size_t reps() const noexcept { return m_reps; }
    const Horizon& horizon() const noexcept { return m_horizon; }
    /**
     * The incidents counted in replication `rep`, in order of arising. Each replication's rows are kept apart as its
     * worker wrote them, rather than copied once more into one table of every replication's.
     * @throws std::out_of_range if there is no such replication.
     */
    std::span<const Incident> incidents(std::size_t rep) const;
    /** The incidents counted in all replications. */
    std::size_t incident_count() const noexcept;
    /** The times at which backlog is sampled: warm_up, warm_up + step, ... up to days. */
    const std::vector<double>& sample_times() const noexcept { return m_times; }
    /** Incidents at the bodies of each level (waiting or in handling): reps × sample_times × levels. */
    std::span<const std::uint32_t> backlog() const noexcept { return m_backlog; }
    /** Per replication and level (reps × levels). */
    std::span<const LevelFigures> figures() const noexcept { return m_figures; }
    /** The mean over replications of `field` of level `level` (an index into levels()), with its interval. */
    Estimate estimate(std::size_t level, double LevelFigures::*field) const;
    /** The mean over replications of each replication's mean response time (resolved incidents only). */
    Estimate response() const;
    /** @throws StaleView "stale_result" if `graph` is not the graph simulated, or changed since. */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }

    /** For the run: the slots of replication `rep`. */
    std::span<std::uint32_t> backlog_row(std::size_t rep) noexcept;
    std::span<LevelFigures> figures_row(std::size_t rep) noexcept;
    /** For the run: sets the incidents of replication `rep`. */
    void set_incidents(std::size_t rep, std::vector<Incident> rows);

private:
    GraphStamp m_stamp;
    std::vector<UnitIndex> m_stations;
    std::vector<Level> m_levels;
    std::size_t m_reps;
    Horizon m_horizon;
    std::vector<double> m_times;
    std::vector<std::vector<Incident>> m_incidents;  // by replication
    std::vector<std::uint32_t> m_backlog;
    std::vector<LevelFigures> m_figures;
};

/**
 * The body that handles the incidents of territory `territory` first: the body of kind `kind` serving it, or if none,
 * the one serving the nearest territory above it along `contains` (a village's incidents go to its commune police);
 * std::nullopt if there is none up to the top.
 * @throws NotFound "unknown_unit"; InvalidInput "not_a_territory"
 * Complexity: O(depth × bodies serving each territory).
 */
std::optional<UnitIndex> responsible_body(const OrgGraph& graph, UnitIndex territory, UnitKind kind);

/**
 * The body an incident is passed up to from `body`: its superior along `directs` of the same kind (commune police →
 * district police → provincial police); std::nullopt at the top of the chain.
 * @throws NotFound "unknown_unit"; HierarchyError "several_parents" if two superiors of its kind direct it
 * Complexity: O(superiors of `body`).
 */
std::optional<UnitIndex> superior(const OrgGraph& graph, UnitIndex body);

/**
 * Checks a time frame before a run or when a scenario is read.
 * @throws InvalidInput "bad_value" naming "horizon" (not in (0, max_days]), "warm_up" (not in [0, days)) or "step"
 *         (not above 0 and finite)
 */
void check_horizon(const Horizon& horizon);

/**
 * Simulates incident escalation `options.reps` times over `horizon`. Incidents arise at each commune and village
 * with a rate (a Poisson process, independent between territories) and go to its responsible_body(). A body handles
 * up to `servers` incidents at once, first come first served, each for a time drawn from its service distribution.
 * An incident arriving while `threshold` or more wait at a body with a superior goes up at once; a handled incident
 * goes up with the body's escalation probability, otherwise it is resolved. Passing up takes no time; at the next
 * level the incident waits for a decision (a free server) like any other. At equal times a body finishes before it
 * takes arrivals, and takes them in the order the incidents arose. Replication r draws only from stream
 * (seed, r), so the results are the same whatever the number of threads.
 * @throws InvalidInput naming the field: "bad_value" (reps, threads, `responsible` not a kind of body, a rate below 0
 *         or not finite, no positive rate, servers not a whole number ≥ 1, a probability outside [0, 1], a threshold
 *         below 0, a horizon not in (0, max_days], a warm-up not in [0, days), a step not above 0),
 *         "no_responsible_body" (a territory with incidents and no body to handle them), "too_large" (results beyond
 *         max_memory_bytes, refused before anything runs); NotFound for a rule's selector naming an unknown unit
 * Complexity: O(reps × (incidents × (1 + log servers) + passed up × log(passed up) + stations + samples × levels));
 * incidents grow with rates × horizon. No event queue: the bodies are swept leaves first, each by the
 * Kiefer-Wolfowitz recursion for FIFO c-server queues (docs/simulation.md, "How it is computed").
 */
EscalationResult escalation(const OrgGraph& graph, const EscalationModel& model, const Horizon& horizon,
                            const RunOptions& options);

}  // namespace simulation
}  // namespace antq
