#pragma once

/**
 * @file
 * What every simulation model takes: delay distributions, values set by selectors, and how to run.
 */

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <antq/graph/selector.hpp>
#include <antq/model/value.hpp>

namespace antq::simulation {

/** A delay (or a duration) distribution, in days. Made by Delay::parse(), which checks every field. */
struct Delay {
    enum class Dist : std::uint8_t { constant, exponential, lognormal, empirical };
    Dist dist = Dist::constant;
    double value = 0;              ///< constant: the delay
    double mean = 0;               ///< exponential: the mean
    double mu = 0;                 ///< lognormal: mean of the delay's logarithm
    double sigma = 0;              ///< lognormal: standard deviation of the delay's logarithm
    std::vector<double> samples;   ///< empirical: measured delays, each drawn with equal probability

    /**
     * A delay from its JSON-like description: {"dist": "constant", "value": v}, {"dist": "exponential", "mean": m},
     * {"dist": "lognormal", "mu": m, "sigma": s} or {"dist": "empirical", "samples": [...]}.
     * @param where names the description in errors, e.g. "delays[2].delay"
     * @throws InvalidInput "missing_field", "wrong_type", "bad_value", "unknown_field", naming `where`.field
     */
    static Delay parse(const Object& spec, const std::string& where);
};

/** A value for the units a selector picks; in a list of rules, a later rule wins over an earlier one. */
template <class T>
struct Rule {
    Selector units;
    T value;
};

/** How to run the replications. */
struct RunOptions {
    std::size_t reps = 1;          ///< replications, each with its own random stream
    std::uint64_t seed = 0;        ///< the run's seed: replication r draws from stream (seed, r)
    unsigned threads = 1;          ///< worker threads; the results do not depend on it
    std::size_t max_memory_bytes = std::size_t{1} << 31;  ///< a run whose results need more is refused
};

}  // namespace antq::simulation
