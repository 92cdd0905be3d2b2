#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <string>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/simulation/cascade.hpp>

#include "simulation/detail/monte_carlo.hpp"

namespace antq::simulation {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct Event {
    double time;
    std::uint64_t order;  // ties broken by the order of sending: the same sequence on every run
    std::uint32_t unit;
    bool operator>(const Event& other) const {
        return time != other.time ? time > other.time : order > other.order;
    }
};

}  // namespace

CascadeResult::CascadeResult(GraphStamp stamp, std::vector<UnitIndex> reached, std::size_t reps)
    : m_stamp(std::move(stamp)), m_reached(std::move(reached)), m_reps(reps), m_arrivals(m_reps * m_reached.size(), nan) {}

CascadeResult cascade(const OrgGraph& graph, const CascadeModel& model, const RunOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    detail::check_run(options);
    if (model.sources.empty()) throw InvalidInput("bad_value", "sources", "name at least one issuer");
    const auto frozen = graph.freeze();
    for (std::size_t i = 0; i < model.sources.size(); ++i)
        if (!frozen->is_alive(model.sources[i]))
            throw NotFound("unknown_unit", "sources[" + std::to_string(i) + "]", "no unit has this index");

    const auto delays = detail::per_unit(graph, model.delay, "delay", model.delays, "delays", detail::check_delay);
    const auto capacities = detail::per_unit(graph, model.capacity, "capacity", model.capacities, "capacities", check_capacity);
    const auto failures = detail::per_unit(graph, model.failure, "failure", model.failures, "failures", check_probability);

    // The columns: every unit the document can reach. Refuse before allocating if the results would not fit.
    const auto hops = frozen->hops(model.sources, TieKind::forwards);
    std::vector<UnitIndex> reached;
    for (std::uint32_t u = 0; u < hops.size(); ++u)
        if (hops[u] != FrozenGraph::unreached) reached.push_back(UnitIndex{u});
    detail::check_memory(static_cast<double>(options.reps) * static_cast<double>(reached.size() * sizeof(double)), options, "reps",
                         std::to_string(options.reps) + " replications of " + std::to_string(reached.size()) + " units");
    std::vector<std::uint32_t> column(frozen->unit_capacity(), 0);
    for (std::uint32_t c = 0; c < reached.size(); ++c) column[reached[c].value] = c;

    CascadeResult result(GraphStamp::of_result(graph, "cascade", "run the cascade again"), std::move(reached), options.reps);

    struct Scratch {
        std::vector<double> free_at;
        std::vector<std::uint8_t> seen;
    };
    auto make_scratch = [&] { return Scratch{std::vector<double>(frozen->unit_capacity()), std::vector<std::uint8_t>(frozen->unit_capacity())}; };
    auto replicate = [&](std::size_t rep, Scratch& scratch) {
        auto& [free_at, seen] = scratch;
        detail::Random random = detail::stream(options.seed, rep);
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
                events.push(Event{done + detail::draw(delays[v.value], random), order++, v.value});
        }
    };

    detail::for_each_replication(options, make_scratch, replicate);
    return result;
}

}  // namespace antq::simulation
