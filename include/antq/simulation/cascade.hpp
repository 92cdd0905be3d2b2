#pragma once

/**
 * @file
 * The directive cascade: a document issued at time 0 travels along `forwards` ties, Monte Carlo.
 */

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/selector.hpp>
#include <antq/model/ids.hpp>
#include <antq/simulation/parameters.hpp>

namespace antq {

class OrgGraph;

namespace simulation {

/** What a cascade simulates: who issues, how long each hop takes, who is slow or fails. */
struct CascadeModel {
    std::vector<UnitIndex> sources;                 ///< the issuers: each holds the document at time 0
    Delay delay;                                    ///< the delay of a forwards tie, by default
    std::vector<Rule<Delay>> delays;                ///< the delay of the ties into the units picked
    double capacity = std::numeric_limits<double>::infinity();  ///< documents a unit processes per day
    std::vector<Rule<double>> capacities;           ///< capacity of the units picked
    double failure = 0;                             ///< probability that a unit fails to forward
    std::vector<Rule<double>> failures;             ///< failure probability of the units picked
};

/**
 * Arrival times of one cascade run: one row per replication, one column per unit the document can reach along
 * `forwards` ties from the sources (reached(), in index order); NaN where it did not arrive in that replication.
 */
class CascadeResult {
public:
    /** Room for reps × reached.size() arrivals, left for the run to fill row by row (see row()). */
    CascadeResult(GraphStamp stamp, std::vector<UnitIndex> reached, std::size_t reps);
    CascadeResult(const CascadeResult& other);
    CascadeResult& operator=(const CascadeResult& other);
    CascadeResult(CascadeResult&&) = default;
    CascadeResult& operator=(CascadeResult&&) = default;
    /** The units the document can reach, in index order (the columns). */
    const std::vector<UnitIndex>& reached() const noexcept { return m_reached; }
    /** Number of replications (the rows). */
    std::size_t reps() const noexcept { return m_reps; }
    /** Every arrival time, row after row (reps() × reached().size()), in days since issue. */
    std::span<const double> arrivals() const noexcept { return {m_arrivals.get(), m_reps * m_reached.size()}; }
    /**
     * The arrival of column `column` in replication `rep`, NaN if the document never arrived.
     * @throws std::out_of_range if there is no such replication or column.
     */
    double arrival(std::size_t rep, std::size_t column) const;
    /** @throws StaleView "stale_result" if `graph` is not the graph simulated, or changed since. */
    void check_current(const OrgGraph& graph) const { m_stamp.check(graph); }

    /** The row of replication `rep`, for the workers: its worker fills it whole (NaN where nothing arrived). */
    std::span<double> row(std::size_t rep) noexcept { return {m_arrivals.get() + rep * m_reached.size(), m_reached.size()}; }

private:
    GraphStamp m_stamp;
    std::vector<UnitIndex> m_reached;
    std::size_t m_reps;
    // Not filled when made: each row is written by the worker that runs its replication, in parallel and while the
    // row is in that worker's cache, rather than once more on the calling thread beforehand.
    std::unique_ptr<double[]> m_arrivals;
};

/**
 * Simulates a directive cascade `options.reps` times. In each replication every source holds the document at time
 * 0; a unit that receives a copy queues it (FIFO, one copy at a time, 1 / capacity days each; no wait with infinite
 * capacity); when its first copy is processed it forwards the document along each of its `forwards` ties, unless it
 * fails (with its failure probability, drawn once per replication); a copy reaches the target after the tie's delay,
 * drawn for that tie and replication from the target's delay rule. The arrival of a unit is when its first copy
 * reached it. Replications run on `options.threads` threads; replication r draws only from its own stream (seed, r),
 * so the results are the same whatever the number of threads.
 * @throws InvalidInput naming the field: "bad_value" (reps 0, threads 0, a capacity not above 0, a probability
 *         outside [0, 1]), "too_large" (results beyond max_memory_bytes, refused before anything runs);
 *         NotFound for a source that is not a unit
 * Complexity: O(reps × (E + V log V)) time over the V units reached and their E forwards ties, O(reps × reached)
 *             memory for the results.
 */
CascadeResult cascade(const OrgGraph& graph, const CascadeModel& model, const RunOptions& options);

}  // namespace simulation
}  // namespace antq
