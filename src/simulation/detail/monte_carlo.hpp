#pragma once

// What the simulation models share: the replications' random streams, drawing from a Delay, per-unit tables from
// rules, and the threads that run the replications. Internal to the library.

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/simulation/parameters.hpp>

#include "model/detail/random.hpp"
#include "simulation/detail/ziggurat.hpp"

namespace antq::simulation::detail {

using antq::detail::Random;

// The stream of replication `rep`: its seed mixes the run's seed and the replication's number through splitmix64
// once more, so neighbouring replications do not share a shifted sequence.
inline Random stream(std::uint64_t seed, std::uint64_t rep) {
    Random mix(seed ^ (rep * 0xd1b54a32d192ed03ULL));
    return Random(mix.next());
}

// The draws of one item (a tie, a unit) in a replication: a stream of its own, keyed by the item's number under a
// base the replication's stream gives, so that what an item draws does not depend on the order in which the
// replication meets the items (each key lands on an unrelated state of splitmix64, whose next() mixes it).
inline Random keyed(std::uint64_t base, std::uint64_t key) { return Random(base ^ (key * 0x9fb21c651e98df25ULL)); }

// An exponential draw of mean `mean`, by the ziggurat (ziggurat.hpp): one draw from the stream in about 99 cases out
// of 100, and no logarithm.
inline double exponential(double mean, Random& random) { return mean * standard_exponential(random); }

inline double draw(const Delay& d, Random& random) {
    switch (d.dist) {
    case Delay::Dist::constant:
        return d.value;
    case Delay::Dist::exponential:
        return exponential(d.mean, random);
    case Delay::Dist::lognormal:
        // The normal by the ziggurat, from the portable generator (std's distributions differ between libraries).
        return std::exp(d.mu + d.sigma * standard_normal(random));
    case Delay::Dist::empirical:
        return d.samples[random.below(d.samples.size())];
    }
    return d.value;
}

// Refuses a Delay built by hand (not by Delay::parse) whose parameters make no distribution of durations.
inline void check_delay(const Delay& d, const std::string& where) {
    auto bad = [&](const std::string& field, const std::string& why) { throw InvalidInput("bad_value", where + "." + field, why); };
    if (d.dist == Delay::Dist::constant && !(d.value >= 0 && std::isfinite(d.value))) bad("value", "expected a finite delay of at least 0");
    if (d.dist == Delay::Dist::exponential && !(d.mean > 0 && std::isfinite(d.mean))) bad("mean", "expected a finite mean above 0");
    if (d.dist == Delay::Dist::lognormal && !(std::isfinite(d.mu) && d.sigma >= 0 && std::isfinite(d.sigma)))
        bad("sigma", "expected a finite mu and a finite sigma of at least 0");
    if (d.dist == Delay::Dist::empirical) {
        if (d.samples.empty()) bad("samples", "give at least one sample");
        for (double s : d.samples)
            if (!(s >= 0 && std::isfinite(s))) bad("samples", "every sample must be a finite delay of at least 0");
    }
}

// A value per unit from a default and rules (a later rule wins), kept as an index into the few values there are, so
// that a table over a national graph stays small (4 bytes a unit, whatever the value's size).
template <class T>
struct PerUnit {
    std::vector<T> values;               // values[0] the default, values[i + 1] rule i's
    std::vector<std::uint32_t> of_unit;  // the index into values of each unit
    const T& operator[](std::size_t unit) const { return values[of_unit[unit]]; }
};

// The per-unit table of a default and rules, each value checked by `check(value, where)` and each selector resolved
// once, in order, so that the first bad rule is the one named.
template <class T, class Check>
PerUnit<T> per_unit(const OrgGraph& graph, const T& fallback, const char* fallback_name,
                    const std::vector<Rule<T>>& rules, const char* name, const Check& check) {
    check(fallback, std::string(fallback_name));
    PerUnit<T> out{{fallback}, std::vector<std::uint32_t>(graph.unit_capacity(), 0)};
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
        check(rules[i].value, where);
        std::vector<UnitIndex> picked;
        try {
            picked = rules[i].units.select(graph);
        } catch (const NotFound& e) {  // e.g. within an unknown territory: say which rule
            throw NotFound(e.tag(), where + ".select: " + e.where(), e.message());
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), where + ".select: " + e.where(), e.message());
        }
        out.values.push_back(rules[i].value);
        for (UnitIndex u : picked) out.of_unit[u.value] = static_cast<std::uint32_t>(i + 1);
    }
    return out;
}

// A 4-ary min-heap of events, each with a `time` (a non-negative double) and a unique `order` of scheduling, kept in one
// vector that a worker reuses replication after replication, so the event loop allocates nothing once the vector has
// grown. Events leave by time, then order; as orders are unique, in one sequence whatever the heap's shape.
// Why it is fast: a time's bits order as unsigned integers do, so each entry keeps them beside the event and compares
// integers without a branch (the outcome is a coin toss the processor cannot predict); four children to a node halve
// the levels of a binary heap.
template <class Event>
class EventQueue {
public:
    void clear() noexcept { m_heap.clear(); }
    bool empty() const noexcept { return m_heap.empty(); }
    const Event& top() const noexcept { return m_heap.front().event; }
    void push(const Event& e) {
        const Entry entry{std::bit_cast<std::uint64_t>(e.time + 0.0), e};  // + 0.0: a -0.0 delay is plain 0
        std::size_t i = m_heap.size();
        m_heap.push_back(entry);
        for (std::size_t parent; i > 0 && before(entry, m_heap[parent = (i - 1) / 4]); i = parent) m_heap[i] = m_heap[parent];
        m_heap[i] = entry;
    }
    void pop() {
        const Entry last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0) return;
        std::size_t i = 0;  // the hole, moved down to where `last` belongs
        for (std::size_t first; (first = 4 * i + 1) < n;) {
            std::size_t least = first;
            if (first + 4 <= n) {  // a full node: a fixed sequence of selects, no branch
                for (std::size_t k = 1; k < 4; ++k) least = before(m_heap[first + k], m_heap[least]) ? first + k : least;
            } else {
                for (std::size_t c = first + 1; c < n; ++c) least = before(m_heap[c], m_heap[least]) ? c : least;
            }
            if (!before(m_heap[least], last)) break;
            m_heap[i] = m_heap[least];
            i = least;
        }
        m_heap[i] = last;
    }

private:
    struct Entry {
        std::uint64_t time;  // the event's time, as the bits of a double
        Event event;
    };
    static bool before(const Entry& a, const Entry& b) noexcept {
        return (a.time < b.time) | ((a.time == b.time) & (a.event.order < b.event.order));
    }
    std::vector<Entry> m_heap;
};

// The 97.5% quantile of Student's t with `df` degrees of freedom: a table to 30, the Cornish-Fisher expansion above
// (within 0.001 there).
inline double t975(std::size_t df) {
    static constexpr std::array<double, 30> table{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                  2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                  2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df >= 1 && df <= table.size()) return table[df - 1];
    const double z = 1.959963984540054, v = static_cast<double>(df);
    return z + (z * z * z + z) / (4 * v) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

// The mean of the values that are not NaN (one per replication) with its 95% interval, Student's t.
inline Estimate estimate_of(const std::vector<double>& values) {
    Estimate e;
    double sum = 0;
    for (double x : values)
        if (!std::isnan(x)) sum += x, ++e.count;
    if (e.count == 0) return e;
    e.mean = sum / static_cast<double>(e.count);
    if (e.count < 2) return e;
    double squares = 0;
    for (double x : values)
        if (!std::isnan(x)) squares += (x - e.mean) * (x - e.mean);
    const double half = t975(e.count - 1) * std::sqrt(squares / static_cast<double>(e.count - 1) / static_cast<double>(e.count));
    e.low = e.mean - half;
    e.high = e.mean + half;
    return e;
}

// Refuses reps or threads of 0, before anything is built.
inline void check_run(const RunOptions& options) {
    if (options.reps == 0) throw InvalidInput("bad_value", "reps", "run at least one replication");
    if (options.threads == 0) throw InvalidInput("bad_value", "threads", "use at least one thread");
}

// Refuses a run whose results would take more than options.max_memory_bytes, before anything is allocated.
// `bytes` is an estimate in floating point (it may be astronomically large), `what` says what needs it.
inline void check_memory(double bytes, const RunOptions& options, const std::string& where, const std::string& what) {
    if (!(bytes <= static_cast<double>(options.max_memory_bytes)))
        throw InvalidInput("too_large", where,
                           what + " need " + std::to_string(static_cast<std::uint64_t>(std::min(bytes / 1048576.0, 1e18))) +
                               " MiB of results, above the limit of " + std::to_string(options.max_memory_bytes >> 20) +
                               " MiB (max_memory_bytes)");
}

// Runs replications 0 .. reps-1 on `threads` threads: worker w makes its scratch state once with make_state() and
// runs replications with replicate(rep, state), taking the next replication not yet started from a shared counter,
// so a worker that the machine slows down takes fewer. Each replication must draw only from stream(seed, rep) and
// write only its own results, so the results do not depend on the number of threads or on which worker ran what;
// a replication's results should be gathered in the worker's state and written once at its end, as neighbouring
// replications' results share cache lines. The first exception a worker throws stops the others from starting
// more and is rethrown once every thread has joined.
template <class MakeState, class Replicate>
void for_each_replication(const RunOptions& options, const MakeState& make_state, const Replicate& replicate) {
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(options.threads, options.reps));
    // Alone on its cache line: the workers read it once per replication, not per event.
    alignas(64) std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        try {
            auto state = make_state();
            for (std::size_t rep; (rep = next.fetch_add(1, std::memory_order_relaxed)) < options.reps;) replicate(rep, state);
        } catch (...) {
            next.store(options.reps, std::memory_order_relaxed);
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < threads; ++w) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace antq::simulation::detail
