#pragma once

/**
 * @file
 * What every simulation model takes: delay distributions, values set by selectors, and how to run.
 */

#include <cstddef>
#include <cstdint>
#include <limits>
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

/**
 * The checks of single values every model and the scenario reader share. Each throws InvalidInput "bad_value" naming
 * `where` when the value is not what the model can run with.
 */
void check_probability(double p, const std::string& where);  ///< in [0, 1]
void check_capacity(double c, const std::string& where);     ///< documents a day, above 0 (infinity: no limit)
void check_rate(double r, const std::string& where);         ///< incidents a day, finite and at least 0
void check_servers(double c, const std::string& where);      ///< a whole number from 1 to 10^6
void check_threshold(double t, const std::string& where);    ///< a whole number from 0 to 10^6, or infinity (none)

/** A mean over replications with its 95% confidence interval (Student's t; NaN with fewer than 2 values). */
struct Estimate {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
    std::size_t count = 0;   ///< replications with a value
};

/** How to run the replications. */
struct RunOptions {
    std::size_t reps = 1;          ///< replications, each with its own random stream
    std::uint64_t seed = 0;        ///< the run's seed: replication r draws from stream (seed, r)
    unsigned threads = 1;          ///< worker threads; the results do not depend on it
    std::size_t max_memory_bytes = std::size_t{1} << 31;  ///< a run whose results need more is refused
};

}  // namespace antq::simulation
