#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/simulation/escalation.hpp>

#include "simulation/detail/alias.hpp"
#include "simulation/detail/escalation_sweep.hpp"
#include "simulation/detail/monte_carlo.hpp"

namespace antq::simulation {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint32_t none = detail::no_station;

// What the run knows of each body it simulates, beyond what the sweep needs.
struct Station {
    UnitIndex body;
    const Delay* service = nullptr;
};

struct Source {
    UnitIndex territory;
    double rate;
    std::uint32_t station;
};

// Where the next incident arises. The territories' Poisson processes together are one Poisson process of the total
// rate in which each incident's territory is drawn in proportion to the rates: the same model with one pending
// arrival instead of one per territory. The territory is drawn by Walker's alias method (alias.hpp).
class Arising {
public:
    explicit Arising(const std::vector<Source>& sources) : m_territory(rates_of(sources)) {
        double total = 0;
        for (const Source& s : sources) total += s.rate;
        m_mean_gap = 1.0 / total;
    }
    /** Days until the next incident anywhere. */
    double gap(detail::Random& random) const { return detail::exponential(m_mean_gap, random); }
    /** The source where it arises. */
    std::uint32_t source(detail::Random& random) const { return m_territory.draw(random); }

private:
    static std::vector<double> rates_of(const std::vector<Source>& sources) {
        std::vector<double> rates;
        for (const Source& s : sources) rates.push_back(s.rate);
        return rates;
    }
    double m_mean_gap = 0;
    detail::AliasTable m_territory;
};

// The draws of the sweep (escalation_sweep.hpp), from the replication's stream: a station's at once, in a loop per
// distribution, so that the draws do not wait on the recursion's branches nor its branches on the draws.
struct Draws {
    detail::Random& random;
    const Station* stations;
    const detail::SweepStation* network;
    void services(std::uint32_t s, std::span<double> out) {
        const Delay& d = *stations[s].service;
        switch (d.dist) {
        case Delay::Dist::constant:
            std::fill(out.begin(), out.end(), d.value);
            return;
        case Delay::Dist::exponential: {
            const detail::ZigguratTables& tables = detail::exponential_tables();
            for (double& x : out) x = d.mean * detail::standard_exponential(random, tables);
            return;
        }
        case Delay::Dist::lognormal:
        case Delay::Dist::empirical:
            for (double& x : out) x = detail::draw(d, random);
            return;
        }
    }
    void passes_up(std::uint32_t s, std::span<std::uint8_t> out) {
        // random.chance(p), as integers: unit() is m / 2^53 for the top 53 bits m of a draw, below p if and only if
        // m is below ⌈p × 2^53⌉ (p × 2^53 is exact).
        const auto cut = static_cast<std::uint64_t>(std::ceil(network[s].escalation * 0x1.0p53));
        for (std::uint8_t& x : out) x = (random.next() >> 11) < cut;
    }
};

// A worker's state, reused replication after replication: nothing is allocated once it has grown, and what a
// replication counts stays here until its end, away from the neighbouring replications' results.
struct Scratch {
    std::vector<double> arising;               // when each incident arose, in order (warm-up ones first)
    std::vector<std::uint32_t> source;         // where
    std::vector<std::uint32_t> first_station;  // the body responsible for it
    detail::SweepState sweep;
};

// The bytes a worker keeps per incident in flight: Scratch's arrays (arising, source, station) and the sweep's
// (handler, escalations, response, ahead, own and passed up, a station's draws at most).
constexpr std::size_t scratch_per_incident = sizeof(double) + 2 * sizeof(std::uint32_t) + 2 * sizeof(std::uint32_t) +
                                             2 * sizeof(double) + 2 * sizeof(detail::SweepState::Pass) +
                                             sizeof(double) + sizeof(std::uint8_t);

}  // namespace

EscalationResult::EscalationResult(GraphStamp stamp, std::vector<UnitIndex> stations, std::vector<Level> levels,
                                   std::size_t reps, Horizon horizon)
    : m_stamp(std::move(stamp)), m_stations(std::move(stations)), m_levels(std::move(levels)), m_reps(reps), m_horizon(horizon) {
    const auto samples = static_cast<std::size_t>(std::floor((horizon.days - horizon.warm_up) / horizon.step)) + 1;
    for (std::size_t k = 0; k < samples; ++k) m_times.push_back(horizon.warm_up + static_cast<double>(k) * horizon.step);
    m_backlog.assign(m_reps * m_times.size() * m_levels.size(), 0);
    m_figures.assign(m_reps * m_levels.size(), LevelFigures{});
    m_incidents.resize(m_reps);
}

std::span<std::uint32_t> EscalationResult::backlog_row(std::size_t rep) noexcept {
    const std::size_t n = m_times.size() * m_levels.size();
    return {m_backlog.data() + rep * n, n};
}

std::span<LevelFigures> EscalationResult::figures_row(std::size_t rep) noexcept {
    return {m_figures.data() + rep * m_levels.size(), m_levels.size()};
}

std::size_t EscalationResult::incident_count() const noexcept {
    std::size_t total = 0;
    for (const auto& rows : m_incidents) total += rows.size();
    return total;
}

std::span<const Incident> EscalationResult::incidents(std::size_t rep) const {
    if (rep >= m_reps)
        throw std::out_of_range("EscalationResult::incidents: replication " + std::to_string(rep) + " of " + std::to_string(m_reps));
    return m_incidents[rep];
}

void EscalationResult::set_incidents(std::size_t rep, std::vector<Incident> rows) { m_incidents[rep] = std::move(rows); }

Estimate EscalationResult::estimate(std::size_t level, double LevelFigures::*field) const {
    if (level >= m_levels.size()) throw NotFound("unknown_level", "level", "no level " + std::to_string(level) + " in this run");
    std::vector<double> values;
    for (std::size_t rep = 0; rep < m_reps; ++rep) values.push_back(m_figures[rep * m_levels.size() + level].*field);
    return detail::estimate_of(values);
}

Estimate EscalationResult::response() const {
    std::vector<double> means(m_reps);
    for (std::size_t rep = 0; rep < m_reps; ++rep) {
        double sum = 0, count = 0;
        for (const Incident& i : m_incidents[rep])
            if (!std::isnan(i.response)) sum += i.response, count += 1;
        means[rep] = count > 0 ? sum / count : nan;
    }
    return detail::estimate_of(means);
}

std::optional<UnitIndex> responsible_body(const OrgGraph& graph, UnitIndex territory, UnitKind kind) {
    const auto frozen = graph.freeze();
    if (!frozen->is_alive(territory)) throw NotFound("unknown_unit", "territory", "no unit has this index");
    if (!is_territory(frozen->kinds()[territory.value]))
        throw InvalidInput("not_a_territory", std::string(frozen->id(territory)), "incidents arise in territories");
    for (std::optional<UnitIndex> t = territory; t; t = frozen->parent(*t, TieKind::contains))
        for (UnitIndex body : frozen->parents(*t, TieKind::serves))
            if (frozen->kinds()[body.value] == kind) return body;
    return std::nullopt;
}

std::optional<UnitIndex> superior(const OrgGraph& graph, UnitIndex body) {
    const auto frozen = graph.freeze();
    if (!frozen->is_alive(body)) throw NotFound("unknown_unit", "body", "no unit has this index");
    const UnitKind kind = frozen->kinds()[body.value];
    std::optional<UnitIndex> up;
    for (UnitIndex p : frozen->parents(body, TieKind::directs)) {
        if (frozen->kinds()[p.value] != kind) continue;
        if (up)
            throw HierarchyError("several_parents", std::string(frozen->id(body)),
                                 "both '" + std::string(frozen->id(*up)) + "' and '" + std::string(frozen->id(p)) +
                                     "' direct it: its chain of command is ambiguous");
        up = p;
    }
    return up;
}

void check_horizon(const Horizon& horizon) {
    if (!(horizon.days > 0 && horizon.days <= Horizon::max_days))
        throw InvalidInput("bad_value", "horizon", "expected a number of days in (0, 36525] (a century), found " + std::to_string(horizon.days));
    if (!(horizon.warm_up >= 0 && horizon.warm_up < horizon.days))
        throw InvalidInput("bad_value", "warm_up", "expected a number of days in [0, horizon), found " + std::to_string(horizon.warm_up));
    if (!(horizon.step > 0 && std::isfinite(horizon.step)))
        throw InvalidInput("bad_value", "step", "expected a number of days above 0, found " + std::to_string(horizon.step));
}

EscalationResult escalation(const OrgGraph& graph, const EscalationModel& model, const Horizon& horizon,
                            const RunOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    detail::check_run(options);
    check_horizon(horizon);
    if (!is_body(model.responsible))
        throw InvalidInput("bad_value", "responsible", "expected a kind of body, found '" + std::string(to_string(model.responsible)) + "'");
    const auto frozen = graph.freeze();

    // Every table first, so that a bad value anywhere is refused before anything runs.
    const auto rates = detail::per_unit(graph, 0.0, "rate", model.rates, "rates", check_rate);
    const auto services = detail::per_unit(graph, model.service, "service", model.services, "services", detail::check_delay);
    const auto servers = detail::per_unit(graph, model.servers, "servers", model.staffing, "staffing", check_servers);
    const auto escalations = detail::per_unit(graph, model.escalation, "escalation", model.escalations, "escalations", check_probability);
    const auto thresholds = detail::per_unit(graph, model.threshold, "threshold", model.thresholds, "thresholds", check_threshold);

    // The stations: each source's responsible body and the chain above it.
    std::vector<std::uint32_t> station_of(frozen->unit_capacity(), none);
    std::vector<UnitIndex> bodies;
    std::vector<Source> sources;
    double total_rate = 0;
    for (std::uint32_t u = 0; u < frozen->unit_capacity(); ++u) {
        const UnitKind kind = frozen->kinds()[u];
        if (!frozen->is_alive(UnitIndex{u}) || rates[u] == 0 || (kind != UnitKind::commune && kind != UnitKind::village)) continue;
        const auto handler = responsible_body(graph, UnitIndex{u}, model.responsible);
        if (!handler)
            throw InvalidInput("no_responsible_body", "rates: " + std::string(frozen->id(UnitIndex{u})),
                               "no " + std::string(to_string(model.responsible)) + " serves this territory or one above it");
        sources.push_back(Source{UnitIndex{u}, rates[u], 0});
        total_rate += rates[u];
        for (std::optional<UnitIndex> b = handler; b && station_of[b->value] == none; b = superior(graph, *b)) {
            station_of[b->value] = 0;
            bodies.push_back(*b);
        }
    }
    if (sources.empty()) throw InvalidInput("bad_value", "rates", "no commune or village has a rate above 0: no incident would arise");
    std::sort(bodies.begin(), bodies.end());
    std::vector<Level> levels;
    for (UnitIndex b : bodies) levels.push_back(frozen->levels()[b.value]);
    std::sort(levels.begin(), levels.end(), std::greater<>());  // lowest level first
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    std::vector<Station> stations(bodies.size());
    detail::SweepNetwork network;
    network.stations.resize(bodies.size());
    network.levels = levels.size();
    for (std::uint32_t s = 0; s < bodies.size(); ++s) station_of[bodies[s].value] = s;
    for (std::uint32_t s = 0; s < bodies.size(); ++s) {
        const std::uint32_t b = bodies[s].value;
        const auto up = superior(graph, bodies[s]);
        stations[s] = Station{bodies[s], &services[b]};
        network.stations[s] = detail::SweepStation{
            up ? station_of[up->value] : none,
            static_cast<std::uint32_t>(std::find(levels.begin(), levels.end(), frozen->levels()[b]) - levels.begin()),
            static_cast<std::uint32_t>(servers[b]), escalations[b], thresholds[b]};
    }
    // Leaves first: a station after every station below it in the chain (the deepest first).
    std::vector<std::uint32_t> depth(bodies.size(), 0);
    for (std::uint32_t s = 0; s < bodies.size(); ++s)
        for (std::uint32_t u = network.stations[s].up; u != none; u = network.stations[u].up) ++depth[s];
    network.order.resize(bodies.size());
    for (std::uint32_t s = 0; s < bodies.size(); ++s) network.order[s] = s;
    std::stable_sort(network.order.begin(), network.order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return depth[a] > depth[b]; });
    for (Source& s : sources) s.station = station_of[responsible_body(graph, s.territory, model.responsible)->value];

    // Refuse before allocating: the incidents counted (their expected number and a wide margin), each worker's
    // incidents in flight, the backlog samples and the figures.
    auto margin = [](double mean) { return mean + 10 * std::sqrt(mean) + 100; };
    const double counted = margin(total_rate * (horizon.days - horizon.warm_up)), in_flight = margin(total_rate * horizon.days);
    const double samples = std::floor((horizon.days - horizon.warm_up) / horizon.step) + 1;
    const auto reps = static_cast<double>(options.reps);
    const double bytes = reps * counted * sizeof(Incident) +
                         static_cast<double>(std::min<std::size_t>(options.threads, options.reps)) *
                             in_flight * static_cast<double>(scratch_per_incident) +
                         reps * samples * static_cast<double>(levels.size()) * sizeof(std::uint32_t) +
                         reps * static_cast<double>(levels.size()) * sizeof(LevelFigures);
    detail::check_memory(bytes, options, samples * static_cast<double>(levels.size()) > counted ? "step" : "reps",
                         std::to_string(options.reps) + " replications of " + std::to_string(horizon.days) + " days (about " +
                             std::to_string(static_cast<std::uint64_t>(std::min(counted, 1e18))) + " incidents and " +
                             std::to_string(static_cast<std::uint64_t>(std::min(samples, 1e18))) + " backlog samples each)");

    EscalationResult result(GraphStamp::of_result(graph, "escalation", "run the escalation again"), bodies, levels,
                            options.reps, horizon);
    const std::size_t cap = static_cast<std::size_t>(in_flight);
    const double H = horizon.days, W = horizon.warm_up;
    const std::vector<double>& times = result.sample_times();
    const Arising arising(sources);
    std::vector<double> capacity(levels.size(), 0.0);  // available server-days per level after the warm-up
    for (const detail::SweepStation& s : network.stations) capacity[s.level] += s.servers * (H - W);

    auto replicate = [&](std::size_t rep, Scratch& scratch) {
        detail::Random random = detail::stream(options.seed, rep);
        // Every incident up to the horizon, in order of arising: the gap to the first, then each one's territory and
        // the gap to the next.
        scratch.arising.clear();
        scratch.source.clear();
        scratch.first_station.clear();
        std::size_t warm = 0;  // incidents that arose in the warm-up: they come first, the counted ones after them
        for (double t = arising.gap(random); t <= H; t += arising.gap(random)) {
            if (scratch.arising.size() >= cap)
                throw InvalidInput("too_large", "reps", "replication " + std::to_string(rep) + " drew more than " +
                                                            std::to_string(cap) + " incidents, beyond its memory estimate");
            const std::uint32_t k = arising.source(random);
            warm += t < W;
            scratch.arising.push_back(t);
            scratch.source.push_back(k);
            scratch.first_station.push_back(sources[k].station);
        }
        Draws draws{random, stations.data(), network.stations.data()};
        detail::SweepState& swept = scratch.sweep;
        detail::sweep(network, scratch.arising, scratch.first_station, H, W, horizon.step, times, draws, swept);

        std::span<std::uint32_t> backlog = result.backlog_row(rep);
        std::copy(swept.backlog.begin(), swept.backlog.end(), backlog.begin());
        // Written once, at the end: the neighbouring replications' results may be written by another worker.
        std::span<LevelFigures> figures = result.figures_row(rep);
        for (std::size_t l = 0; l < levels.size(); ++l) {
            const detail::SweepLevel& sum = swept.figures[l];
            LevelFigures f;
            f.served = sum.served;
            if (sum.served > 0) f.decision_wait = sum.wait / sum.served;
            if (sum.left > 0) f.sojourn = sum.sojourn / sum.left;
            f.utilisation = sum.busy / capacity[l];
            f.escalated = sum.escalated;
            figures[l] = f;
        }
        // The rows, in memory of their own that nothing else writes: the result's, straight from the incidents.
        const std::size_t n = scratch.arising.size();
        std::vector<Incident> rows;
        rows.reserve(n - warm);
        for (std::size_t i = warm; i < n; ++i)
            rows.push_back(Incident{static_cast<std::uint32_t>(rep), sources[scratch.source[i]].territory,
                                      stations[swept.handler[i]].body, swept.escalations[i], scratch.arising[i],
                                    swept.response[i]});
        result.set_incidents(rep, std::move(rows));
    };

    detail::for_each_replication(options, [] { return Scratch(); }, replicate);
    return result;
}

}  // namespace antq::simulation
