#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/simulation/cascade.hpp>

#include "model/detail/random.hpp"

namespace antq::simulation {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string type_name(const Value& v) {
    static constexpr const char* names[] = {"null", "boolean", "integer", "number", "string", "array", "object"};
    return names[static_cast<std::size_t>(v.type())];
}

// A finite number (an integer will do), else an error naming `where`.
double to_number(const Value& v, const std::string& where) {
    double x = 0;
    if (v.type() == Value::Type::number) x = v.as_number();
    else if (v.type() == Value::Type::integer) x = static_cast<double>(v.as_integer());
    else throw InvalidInput("wrong_type", where, "expected a number, found " + type_name(v));
    if (!std::isfinite(x)) throw InvalidInput("bad_value", where, "expected a finite number");
    return x;
}

double number(const Object& spec, const std::string& where, const char* field) {
    const Value* v = spec.find(field);
    if (!v) throw InvalidInput("missing_field", where + "." + field, "this distribution needs it");
    return to_number(*v, where + "." + field);
}

double non_negative_value(const Value& v, const std::string& where) {
    const double x = to_number(v, where);
    if (x < 0) throw InvalidInput("bad_value", where, "a delay cannot be negative, found " + std::to_string(x));
    return x;
}

double non_negative(const Object& spec, const std::string& where, const char* field) {
    const Value* v = spec.find(field);
    if (!v) throw InvalidInput("missing_field", where + "." + field, "this distribution needs it");
    return non_negative_value(*v, where + "." + field);
}

// The stream of replication `rep`: its seed mixes the run's seed and the replication's number through splitmix64
// once more, so neighbouring replications do not share a shifted sequence.
detail::Random stream(std::uint64_t seed, std::uint64_t rep) {
    detail::Random mix(seed ^ (rep * 0xd1b54a32d192ed03ULL));
    return detail::Random(mix.next());
}

double draw(const Delay& d, detail::Random& random) {
    switch (d.dist) {
    case Delay::Dist::constant:
        return d.value;
    case Delay::Dist::exponential:
        return -d.mean * std::log1p(-random.unit());
    case Delay::Dist::lognormal: {
        // Box-Muller, from the portable generator (std's distributions differ between libraries).
        const double u1 = 1.0 - random.unit(), u2 = random.unit();
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return std::exp(d.mu + d.sigma * z);
    }
    case Delay::Dist::empirical:
        return d.samples[random.below(d.samples.size())];
    }
    return d.value;
}

// A per-unit table from a default and rules (a later rule wins), each value checked by `check(value, where)`.
template <class T, class Check>
std::vector<T> per_unit(const OrgGraph& graph, const T& fallback, const char* fallback_name,
                        const std::vector<Rule<T>>& rules, const char* name, const Check& check) {
    check(fallback, std::string(fallback_name));
    std::vector<T> out(graph.unit_capacity(), fallback);
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
        for (UnitIndex u : picked) out[u.value] = rules[i].value;
    }
    return out;
}

struct Event {
    double time;
    std::uint64_t order;  // ties broken by the order of sending: the same sequence on every run
    std::uint32_t unit;
    bool operator>(const Event& other) const {
        return time != other.time ? time > other.time : order > other.order;
    }
};

}  // namespace

Delay Delay::parse(const Object& spec, const std::string& where) {
    const Value* dist = spec.find("dist");
    if (!dist) throw InvalidInput("missing_field", where + ".dist", "name a distribution: constant, exponential, lognormal or empirical");
    if (dist->type() != Value::Type::string)
        throw InvalidInput("wrong_type", where + ".dist", "expected a string, found " + type_name(*dist));
    Delay d;
    const std::string& name = dist->as_string();
    std::vector<const char*> fields;
    if (name == "constant") {
        d.dist = Dist::constant;
        d.value = non_negative(spec, where, "value");
        fields = {"value"};
    } else if (name == "exponential") {
        d.dist = Dist::exponential;
        d.mean = non_negative(spec, where, "mean");
        if (d.mean == 0) throw InvalidInput("bad_value", where + ".mean", "an exponential delay needs a mean above 0");
        fields = {"mean"};
    } else if (name == "lognormal") {
        d.dist = Dist::lognormal;
        d.mu = number(spec, where, "mu");
        d.sigma = non_negative(spec, where, "sigma");
        fields = {"mu", "sigma"};
    } else if (name == "empirical") {
        d.dist = Dist::empirical;
        const Value* samples = spec.find("samples");
        if (!samples) throw InvalidInput("missing_field", where + ".samples", "an empirical delay needs measured samples");
        if (samples->type() != Value::Type::array)
            throw InvalidInput("wrong_type", where + ".samples", "expected an array of numbers, found " + type_name(*samples));
        if (samples->as_array().empty()) throw InvalidInput("bad_value", where + ".samples", "give at least one sample");
        for (std::size_t i = 0; i < samples->as_array().size(); ++i)
            d.samples.push_back(non_negative_value(samples->as_array()[i], where + ".samples[" + std::to_string(i) + "]"));
        fields = {"samples"};
    } else {
        throw InvalidInput("bad_value", where + ".dist",
                           "unknown distribution '" + name + "'; expected constant, exponential, lognormal or empirical");
    }
    for (const auto& field : spec) {
        // A lambda may not capture a structured binding before Clang 16, so the key is named plainly.
        const std::string& key = field.first;
        if (key == "dist") continue;
        if (std::find_if(fields.begin(), fields.end(), [&](const char* f) { return key == f; }) == fields.end())
            throw InvalidInput("unknown_field", where + "." + key, "a " + name + " delay has no such field");
    }
    return d;
}

CascadeResult::CascadeResult(GraphStamp stamp, std::vector<UnitIndex> reached, std::size_t reps)
    : m_stamp(std::move(stamp)), m_reached(std::move(reached)), m_reps(reps), m_arrivals(m_reps * m_reached.size(), nan) {}

CascadeResult cascade(const OrgGraph& graph, const CascadeModel& model, const RunOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    if (options.reps == 0) throw InvalidInput("bad_value", "reps", "run at least one replication");
    if (options.threads == 0) throw InvalidInput("bad_value", "threads", "use at least one thread");
    if (model.sources.empty()) throw InvalidInput("bad_value", "sources", "name at least one issuer");
    const auto frozen = graph.freeze();
    for (std::size_t i = 0; i < model.sources.size(); ++i)
        if (!frozen->is_alive(model.sources[i]))
            throw NotFound("unknown_unit", "sources[" + std::to_string(i) + "]", "no unit has this index");

    const auto delays = per_unit(graph, model.delay, "delay", model.delays, "delays", [](const Delay& d, const std::string& where) {
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
    });
    const auto capacities = per_unit(graph, model.capacity, "capacity", model.capacities, "capacities", [](double c, const std::string& where) {
        if (!(c > 0)) throw InvalidInput("bad_value", where, "a capacity is a number of documents per day above 0 (infinity: no limit)");
    });
    const auto failures = per_unit(graph, model.failure, "failure", model.failures, "failures", [](double p, const std::string& where) {
        if (!(p >= 0 && p <= 1)) throw InvalidInput("bad_value", where, "a probability lies in [0, 1]");
    });

    // The columns: every unit the document can reach. Refuse before allocating if the results would not fit.
    const auto hops = frozen->hops(model.sources, TieKind::forwards);
    std::vector<UnitIndex> reached;
    for (std::uint32_t u = 0; u < hops.size(); ++u)
        if (hops[u] != FrozenGraph::unreached) reached.push_back(UnitIndex{u});
    const std::size_t per_rep = reached.size() * sizeof(double);
    if (options.reps > options.max_memory_bytes / per_rep)
        throw InvalidInput("too_large", "reps",
                           std::to_string(options.reps) + " replications of " + std::to_string(reached.size()) +
                               " units need " + std::to_string(static_cast<std::uint64_t>(static_cast<double>(options.reps) * static_cast<double>(per_rep) / 1048576.0)) +
                               " MiB of results, above the limit of " +
                               std::to_string(options.max_memory_bytes >> 20) + " MiB (max_memory_bytes)");
    std::vector<std::uint32_t> column(frozen->unit_capacity(), 0);
    for (std::uint32_t c = 0; c < reached.size(); ++c) column[reached[c].value] = c;

    CascadeResult result(GraphStamp::of_result(graph, "cascade", "run the cascade again"), std::move(reached), options.reps);

    auto replicate = [&](std::size_t rep, std::vector<double>& free_at, std::vector<std::uint8_t>& seen) {
        detail::Random random = stream(options.seed, rep);
        std::fill(free_at.begin(), free_at.end(), 0.0);
        std::fill(seen.begin(), seen.end(), 0);
        std::span<double> arrival = result.row(rep);
        std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
        std::uint64_t order = 0;
        for (UnitIndex s : model.sources) events.push(Event{0.0, order++, s.value});
        while (!events.empty()) {
            const Event e = events.top();
            events.pop();
            // FIFO, one copy at a time: events leave the queue in time order, so this is Lindley's recursion.
            const double cap = capacities[e.unit];
            const double done = std::isinf(cap) ? e.time : std::max(e.time, free_at[e.unit]) + 1.0 / cap;
            if (!std::isinf(cap)) free_at[e.unit] = done;
            if (seen[e.unit]) continue;
            seen[e.unit] = 1;
            arrival[column[e.unit]] = e.time;
            if (failures[e.unit] > 0 && random.chance(failures[e.unit])) continue;
            for (UnitIndex v : frozen->children(UnitIndex{e.unit}, TieKind::forwards))
                events.push(Event{done + draw(delays[v.value], random), order++, v.value});
        }
    };

    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(options.threads, options.reps));
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&](unsigned w) {
        try {
            std::vector<double> free_at(frozen->unit_capacity());
            std::vector<std::uint8_t> seen(frozen->unit_capacity());
            for (std::size_t rep = w; rep < options.reps; rep += threads) replicate(rep, free_at, seen);
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    if (threads == 1) {
        worker(0);
    } else {
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < threads; ++w) pool.emplace_back(worker, w);
        for (auto& t : pool) t.join();
    }
    if (failure) std::rethrow_exception(failure);
    return result;
}

}  // namespace antq::simulation
