#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
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

// A copy of the document due at a unit. 16 bytes: four events to a cache line in the heap.
struct Event {
    double time;
    std::uint32_t order;   // ties broken by the order of sending: the same sequence on every run
    std::uint32_t column;  // the unit, as its column of the result
};

// The part of the graph a replication reads, renumbered by column (the units the document can reach, in index order)
// so that everything an event touches lies in a few small arrays, whatever the size of the whole graph.
struct Reach {
    std::vector<std::uint32_t> first;    // the forwards ties of column c are targets[first[c] .. first[c + 1])
    std::vector<std::uint32_t> targets;  // the columns they lead to
    std::vector<std::uint32_t> delay;    // the index of each column's delay (the delay of the ties into it)
    std::vector<double> service;         // days to process one copy: 1 / capacity, 0 without a limit
    std::vector<double> failure;         // probability of not forwarding
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
    Reach reach;
    reach.first.reserve(reached.size() + 1);
    for (UnitIndex u : reached) {
        reach.first.push_back(static_cast<std::uint32_t>(reach.targets.size()));
        for (UnitIndex v : frozen->children(u, TieKind::forwards)) reach.targets.push_back(column[v.value]);
        reach.delay.push_back(delays.of_unit[u.value]);
        reach.service.push_back(1.0 / capacities[u.value]);  // exactly 0 for an infinite capacity
        reach.failure.push_back(failures[u.value]);
    }
    reach.first.push_back(static_cast<std::uint32_t>(reach.targets.size()));
    // Every event is a source or a tie out of a unit's first copy, so the order of sending fits 32 bits.
    if (model.sources.size() + reach.targets.size() > std::numeric_limits<std::uint32_t>::max())
        throw InvalidInput("too_large", "sources", "more issuers and forwarding ties than a replication can order");
    std::vector<std::uint32_t> source_columns;
    for (UnitIndex s : model.sources) source_columns.push_back(column[s.value]);

    CascadeResult result(GraphStamp::of_result(graph, "cascade", "run the cascade again"), std::move(reached), options.reps);

    // A worker's state, reused replication after replication: nothing is allocated per event or per replication.
    struct Scratch {
        std::vector<double> due;  // the time of the earliest copy sent to each column's unit (infinity: none yet)
        detail::EventQueue<Event> events;
    };
    const std::size_t columns = reach.delay.size();
    constexpr double never = std::numeric_limits<double>::infinity();
    auto make_scratch = [&] { return Scratch{std::vector<double>(columns, never), {}}; };
    auto replicate = [&](std::size_t rep, Scratch& scratch) {
        detail::Random random = detail::stream(options.seed, rep);
        std::vector<double>& due = scratch.due;
        std::fill(due.begin(), due.end(), never);
        std::span<double> arrival = result.row(rep);
        scratch.events.clear();
        std::uint32_t order = 0;
        // Only a unit's first copy counts: it arrives at an idle unit (nothing came before it), is processed in
        // 1 / capacity days and forwarded; later copies only queue behind it. A copy that cannot be the first (one
        // at least as early is on its way, and sent before it) is therefore not queued: its delay is still drawn, so
        // the random stream is the one a queue of every copy would use.
        auto send = [&](std::uint32_t c, double time) {
            if (time < due[c]) due[c] = time, scratch.events.push(Event{time, order, c});
            ++order;
        };
        for (std::uint32_t c : source_columns) send(c, 0.0);
        while (!scratch.events.empty()) {
            const Event e = scratch.events.top();
            scratch.events.pop();
            const std::uint32_t c = e.column;
            if (e.time != due[c]) continue;  // overtaken by an earlier copy, sent later
            arrival[c] = e.time;
            if (reach.failure[c] > 0 && random.chance(reach.failure[c])) continue;
            const double done = e.time + reach.service[c];
            for (std::uint32_t k = reach.first[c]; k < reach.first[c + 1]; ++k) {
                const std::uint32_t v = reach.targets[k];
                send(v, done + detail::draw(delays.values[reach.delay[v]], random));
            }
        }
    };

    detail::for_each_replication(options, make_scratch, replicate);
    return result;
}

}  // namespace antq::simulation
