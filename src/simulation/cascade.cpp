#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <queue>
#include <span>
#include <stdexcept>
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

// A copy of the document due at a unit, when the forwarding ties form a cycle. 16 bytes: four events to a cache line
// in the heap.
struct Event {
    double time;
    std::uint32_t order;     // ties broken by the order of sending: the same sequence on every run
    std::uint32_t position;  // the unit, as its position in Reach
};

// The part of the graph a replication reads, renumbered so that everything a unit touches lies in a few small arrays,
// whatever the size of the whole graph: the units the document can reach, in an order where every forwards tie
// leads to a later unit when there is one (the ties then never form a cycle), else in index order.
struct Reach {
    std::vector<std::uint32_t> column;   // each position's column of the result (the unit's rank in index order)
    std::vector<std::uint32_t> unit;     // each position's unit index: the key of its failure draw
    std::vector<std::uint32_t> first;    // the forwards ties of position p are targets[first[p] .. first[p + 1])
    std::vector<std::uint32_t> targets;  // the positions they lead to
    std::vector<std::uint32_t> tie;      // their tie indices: the key of their delay draw
    std::vector<std::uint32_t> delay;    // the index of each position's delay (the delay of the ties into it)
    std::vector<double> service;         // days to process one copy: 1 / capacity, 0 without a limit
    std::vector<double> failure;         // probability of not forwarding
    bool ordered = false;                // every tie leads to a later position
};

}  // namespace

CascadeResult::CascadeResult(GraphStamp stamp, std::vector<UnitIndex> reached, std::size_t reps)
    : m_stamp(std::move(stamp)), m_reached(std::move(reached)), m_reps(reps),
      m_arrivals(std::make_unique_for_overwrite<double[]>(m_reps * m_reached.size())) {}

CascadeResult::CascadeResult(const CascadeResult& other)
    : m_stamp(other.m_stamp), m_reached(other.m_reached), m_reps(other.m_reps),
      m_arrivals(std::make_unique_for_overwrite<double[]>(m_reps * m_reached.size())) {
    std::copy(other.arrivals().begin(), other.arrivals().end(), m_arrivals.get());
}

CascadeResult& CascadeResult::operator=(const CascadeResult& other) {
    if (this != &other) *this = CascadeResult(other);
    return *this;
}

double CascadeResult::arrival(std::size_t rep, std::size_t column) const {
    if (rep >= m_reps || column >= m_reached.size())
        throw std::out_of_range("CascadeResult::arrival: replication " + std::to_string(rep) + ", column " +
                                std::to_string(column) + " of " + std::to_string(m_reps) + " × " +
                                std::to_string(m_reached.size()));
    return m_arrivals[rep * m_reached.size() + column];
}

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
    // Positions: the reached units in an order where every tie among them leads forward (Kahn's, the lowest index
    // first among the ready), or in index order if the ties form a cycle.
    std::vector<std::uint32_t> column(frozen->unit_capacity(), 0), ties_in(frozen->unit_capacity(), 0);
    for (std::uint32_t c = 0; c < reached.size(); ++c) column[reached[c].value] = c;
    for (UnitIndex u : reached)
        for (UnitIndex v : frozen->children(u, TieKind::forwards)) ++ties_in[v.value];
    std::vector<UnitIndex> order;
    order.reserve(reached.size());
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
    for (UnitIndex u : reached)
        if (ties_in[u.value] == 0) ready.push(u.value);
    while (!ready.empty()) {
        const UnitIndex u{ready.top()};
        ready.pop();
        order.push_back(u);
        for (UnitIndex v : frozen->children(u, TieKind::forwards))
            if (--ties_in[v.value] == 0) ready.push(v.value);
    }
    Reach reach;
    reach.ordered = order.size() == reached.size();
    if (!reach.ordered) order = reached;
    std::vector<std::uint32_t> position(frozen->unit_capacity(), 0);
    for (std::uint32_t p = 0; p < order.size(); ++p) position[order[p].value] = p;
    reach.first.reserve(order.size() + 1);
    for (UnitIndex u : order) {
        reach.column.push_back(column[u.value]);
        reach.unit.push_back(u.value);
        reach.first.push_back(static_cast<std::uint32_t>(reach.targets.size()));
        const auto children = frozen->children(u, TieKind::forwards);
        const auto ties = frozen->out_ties(u, TieKind::forwards);
        for (std::size_t k = 0; k < children.size(); ++k) {
            reach.targets.push_back(position[children[k].value]);
            reach.tie.push_back(ties[k].value);
        }
        reach.delay.push_back(delays.of_unit[u.value]);
        reach.service.push_back(1.0 / capacities[u.value]);  // exactly 0 for an infinite capacity
        reach.failure.push_back(failures[u.value]);
    }
    reach.first.push_back(static_cast<std::uint32_t>(reach.targets.size()));
    // Every event is a source or a tie out of a unit's first copy, so the order of sending fits 32 bits.
    if (model.sources.size() + reach.targets.size() > std::numeric_limits<std::uint32_t>::max())
        throw InvalidInput("too_large", "sources", "more issuers and forwarding ties than a replication can order");
    std::vector<std::uint32_t> source_positions;
    for (UnitIndex s : model.sources) source_positions.push_back(position[s.value]);

    CascadeResult result(GraphStamp::of_result(graph, "cascade", "run the cascade again"), std::move(reached), options.reps);

    // A worker's state, reused replication after replication: nothing is allocated per event or per replication.
    struct Scratch {
        std::vector<double> due;  // the time of the earliest copy sent to each position's unit (infinity: none yet)
        detail::EventQueue<Event> events;
    };
    const std::size_t positions = reach.delay.size();
    constexpr double never = std::numeric_limits<double>::infinity();
    auto make_scratch = [&] { return Scratch{std::vector<double>(positions, never), {}}; };
    auto replicate = [&](std::size_t rep, Scratch& scratch) {
        // Each tie's delay and each unit's failure come from their own keyed stream: the same values whichever order
        // the units are met in, so both ways below give the same results for a seed.
        detail::Random random = detail::stream(options.seed, rep);
        const std::uint64_t tie_base = random.next(), unit_base = random.next();
        std::vector<double>& due = scratch.due;
        std::fill(due.begin(), due.end(), never);
        std::span<double> arrival = result.row(rep);
        // Unit p's first copy arrives at due[p] at an idle unit (nothing came before it), is processed in
        // 1 / capacity days and forwarded; later copies only queue behind it and change no arrival.
        auto forward = [&](std::uint32_t p, auto&& send) {
            if (reach.failure[p] > 0 && detail::keyed(unit_base, reach.unit[p]).chance(reach.failure[p])) return;
            const double done = due[p] + reach.service[p];
            for (std::uint32_t k = reach.first[p]; k < reach.first[p + 1]; ++k) {
                const std::uint32_t v = reach.targets[k];
                detail::Random draws = detail::keyed(tie_base, reach.tie[k]);
                send(v, done + detail::draw(delays.values[reach.delay[v]], draws));
            }
        };
        for (std::uint32_t p : source_positions) due[p] = 0.0;
        if (reach.ordered) {
            // Every tie leads forward: when the pass reaches a unit, every copy it will receive has been sent.
            // Each arrival is written once, NaN included, rather than the row filled with NaN first.
            auto keep_earliest = [&](std::uint32_t v, double time) { due[v] = std::min(due[v], time); };
            for (std::uint32_t p = 0; p < positions; ++p) {
                const bool arrived = due[p] != never;
                arrival[reach.column[p]] = arrived ? due[p] : nan;
                if (arrived) forward(p, keep_earliest);
            }
            return;
        }
        std::fill(arrival.begin(), arrival.end(), nan);
        // A cycle: units are met in the order of their first copies' arrival (a copy that cannot be the first, one at
        // least as early being on its way, is not queued).
        scratch.events.clear();
        std::uint32_t sent = 0;
        for (std::uint32_t p : source_positions) scratch.events.push(Event{0.0, sent++, p});
        auto queue_if_first = [&](std::uint32_t v, double time) {
            if (time < due[v]) due[v] = time, scratch.events.push(Event{time, sent, v});
            ++sent;
        };
        while (!scratch.events.empty()) {
            const Event e = scratch.events.top();
            scratch.events.pop();
            if (e.time != due[e.position] || !std::isnan(arrival[reach.column[e.position]])) continue;  // overtaken, or met
            arrival[reach.column[e.position]] = e.time;
            forward(e.position, queue_if_first);
        }
    };

    detail::for_each_replication(options, make_scratch, replicate);
    return result;
}

}  // namespace antq::simulation
