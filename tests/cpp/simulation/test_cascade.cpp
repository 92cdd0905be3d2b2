#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <antq/simulation/cascade.hpp>

#include "graph/detail/frozen_bgl.hpp"
#include "simulation/detail/monte_carlo.hpp"
#include "support.hpp"

using namespace antq;
using namespace antq::simulation;

namespace {

Delay constant(double value) {
    Delay d;
    d.value = value;
    return d;
}

Delay exponential(double mean) {
    Delay d;
    d.dist = Delay::Dist::exponential;
    d.mean = mean;
    return d;
}

CascadeResult run(const OrgGraph& g, const CascadeModel& model, std::size_t reps, std::uint64_t seed, unsigned threads) {
    RunOptions options;
    options.reps = reps;
    options.seed = seed;
    options.threads = threads;
    return cascade(g, model, options);
}

// The tiny province with forwarding: the provincial People's Committee sends to its police and the district
// committees, which send to their communes'.
OrgGraph forwarding_province() {
    OrgGraph g = test::tiny_province();
    for (auto [source, target] : {std::pair{"30.pc", "30.police"}, std::pair{"30.pc", "296.pc"}, std::pair{"30.pc", "288.pc"},
                                  std::pair{"296.pc", "10945.pc"}, std::pair{"296.pc", "10987.pc"},
                                  std::pair{"288.pc", "10501.pc"}})
        g.add_tie(source, target, TieKind::forwards);
    return g;
}

double math_inf() { return std::numeric_limits<double>::infinity(); }

bool same(const CascadeResult& a, const CascadeResult& b) {
    if (a.arrivals().size() != b.arrivals().size()) return false;
    for (std::size_t i = 0; i < a.arrivals().size(); ++i) {
        const double x = a.arrivals()[i], y = b.arrivals()[i];
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("cascade: constant delays, no capacity limit: arrivals are Boost's Dijkstra distances") {
    const OrgGraph g = datasets::hai_duong_2024();
    CascadeModel model;
    model.sources = {g.index_of("30.pc")};
    model.delay = constant(1.0);
    // Commune People's Committees take 3 days, district police 0.5: a tie's delay is its target's.
    model.delays = {{Selector::kinds({UnitKind::peoples_committee}) & Selector::levels({Level::commune}), constant(3.0)},
                    {Selector::kinds({UnitKind::police}) & Selector::levels({Level::district}), constant(0.5)}};
    const CascadeResult result = run(g, model, 2, 7, 2);

    const auto f = g.freeze();
    const antq::detail::FrozenKind forwards{f.get(), TieKind::forwards};
    std::vector<double> weight_of_target(f->unit_capacity(), 1.0);
    for (UnitIndex u : model.delays[0].units.select(g)) weight_of_target[u.value] = 3.0;
    for (UnitIndex u : model.delays[1].units.select(g)) weight_of_target[u.value] = 0.5;
    std::vector<double> distance(f->unit_capacity());
    boost::dijkstra_shortest_paths(
        forwards, model.sources.front().value,
        boost::distance_map(distance.data())
            .weight_map(boost::make_function_property_map<antq::detail::FrozenEdge, double>(
                [&](const antq::detail::FrozenEdge& e) { return weight_of_target[e.target]; }))
            .vertex_index_map(boost::typed_identity_property_map<std::uint32_t>()));
    REQUIRE(result.reached().size() > 100);
    for (std::size_t rep = 0; rep < result.reps(); ++rep)
        for (std::size_t c = 0; c < result.reached().size(); ++c)
            CHECK(result.arrival(rep, c) == doctest::Approx(distance[result.reached()[c].value]));
    // The columns are exactly the units Dijkstra reaches.
    std::size_t reachable = 0;
    for (double d : distance) reachable += d < std::numeric_limits<double>::max();
    CHECK(result.reached().size() == reachable);
}

TEST_CASE("cascade: a seed gives the same results whatever the threads, another seed differs") {
    const OrgGraph g = datasets::hai_duong_2024();
    CascadeModel model;
    model.sources = {g.index_of("30.pc"), g.index_of("30.police")};
    model.delay = exponential(2.0);
    model.failure = 0.05;
    model.capacity = 3.0;
    const CascadeResult one = run(g, model, 9, 42, 1);
    CHECK(same(one, run(g, model, 9, 42, 2)));
    CHECK(same(one, run(g, model, 9, 42, 4)));
    CHECK(same(one, run(g, model, 9, 42, 64)));  // more threads than replications
    CHECK_FALSE(same(one, run(g, model, 9, 43, 2)));
    // Replication r is the same in a shorter run: each has its own stream.
    const CascadeResult three = run(g, model, 3, 42, 1);
    for (std::size_t c = 0; c < three.reached().size(); ++c) {
        const double a = one.arrival(2, c), b = three.arrival(2, c);
        CHECK((a == b || (std::isnan(a) && std::isnan(b))));
    }
}

// The model as docs/simulation.md states it, written plainly over the graph's own ties, each unit's parameters
// looked up by its rules as it goes, one event per copy, with the same draws (each tie's delay and each unit's
// failure from its keyed stream): arrival per unit index, NaN where it never arrived.
std::vector<double> plain_cascade(const OrgGraph& g, const CascadeModel& model, std::uint64_t seed, std::size_t rep) {
    auto value_of = [&](UnitIndex u, const auto& fallback, const auto& rules) {
        auto value = fallback;
        for (const auto& rule : rules) {
            const auto picked = rule.units.select(g);
            if (std::find(picked.begin(), picked.end(), u) != picked.end()) value = rule.value;
        }
        return value;
    };
    std::vector<std::vector<std::pair<UnitIndex, TieIndex>>> forwards(g.unit_capacity());
    for (TieIndex t : g.ties())
        if (g.tie(t).kind == TieKind::forwards) forwards[g.tie(t).source.value].emplace_back(g.tie(t).target, t);
    simulation::detail::Random random = simulation::detail::stream(seed, rep);
    const std::uint64_t tie_base = random.next(), unit_base = random.next();
    std::vector<double> arrival(g.unit_capacity(), std::numeric_limits<double>::quiet_NaN()), free_at(g.unit_capacity(), 0);
    using Event = std::tuple<double, std::uint64_t, std::uint32_t>;  // time, order of sending, unit
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::uint64_t order = 0;
    for (UnitIndex s : model.sources) events.emplace(0.0, order++, s.value);
    while (!events.empty()) {
        const auto [t, o, u] = events.top();
        events.pop();
        const double capacity = value_of(UnitIndex{u}, model.capacity, model.capacities);
        const double done = std::isinf(capacity) ? t : std::max(t, free_at[u]) + 1.0 / capacity;
        free_at[u] = done;
        if (!std::isnan(arrival[u])) continue;
        arrival[u] = t;
        const double failure = value_of(UnitIndex{u}, model.failure, model.failures);
        if (failure > 0 && simulation::detail::keyed(unit_base, u).chance(failure)) continue;
        for (auto [v, tie] : forwards[u]) {
            simulation::detail::Random draws = simulation::detail::keyed(tie_base, tie.value);
            events.emplace(done + simulation::detail::draw(value_of(v, model.delay, model.delays), draws), order++, v.value);
        }
    }
    return arrival;
}

TEST_CASE("cascade: the same arrivals as the model written plainly over the graph, draw for draw") {
    const OrgGraph g = datasets::hai_duong_2024();
    CascadeModel model;
    model.sources = {g.index_of("30.pc"), g.index_of("30.police")};
    model.delay = exponential(1.0);
    Delay lognormal;
    lognormal.dist = Delay::Dist::lognormal;
    lognormal.mu = 0.7;
    lognormal.sigma = 0.4;
    model.delays = {{Selector::level(Level::commune), lognormal}, {Selector::kind(UnitKind::police), constant(0.5)}};
    model.capacity = 4.0;
    model.capacities = {{Selector::level(Level::district), 2.0}, {Selector::kind(UnitKind::police), math_inf()}};
    model.failure = 0.02;
    model.failures = {{Selector::level(Level::district), 0.1}};
    const CascadeResult result = run(g, model, 4, 7, 2);
    REQUIRE(result.reached().size() > 100);
    std::size_t missed = 0;
    for (std::size_t rep = 0; rep < result.reps(); ++rep) {
        const auto want = plain_cascade(g, model, 7, rep);
        for (std::size_t c = 0; c < result.reached().size(); ++c) {
            const double got = result.arrival(rep, c), expected = want[result.reached()[c].value];
            CHECK((got == expected || (std::isnan(got) && std::isnan(expected))));
            missed += std::isnan(got);
        }
    }
    CHECK(missed > 0);  // the failures did stop some copies: the comparison covers them
}

TEST_CASE("cascade: forwarding ties in a cycle give the plain model's arrivals too, draw for draw") {
    // Ties back up the chain: no order of the units has every tie leading forward, so the run meets the units in
    // the order of their first copies' arrival.
    OrgGraph g = forwarding_province();
    g.add_tie("296.pc", "30.pc", TieKind::forwards);
    g.add_tie("10945.pc", "296.pc", TieKind::forwards);
    g.add_tie("30.police", "30.pc", TieKind::forwards);
    CascadeModel model;
    model.sources = {g.index_of("296.pc")};
    model.delay = exponential(1.0);
    model.delays = {{Selector::kind(UnitKind::police), constant(0.5)}};
    model.capacity = 2.0;
    model.failure = 0.1;
    const CascadeResult result = run(g, model, 40, 11, 2);
    REQUIRE(result.reached().size() == 7);
    std::size_t missed = 0;
    for (std::size_t rep = 0; rep < result.reps(); ++rep) {
        const auto want = plain_cascade(g, model, 11, rep);
        for (std::size_t c = 0; c < result.reached().size(); ++c) {
            const double got = result.arrival(rep, c), expected = want[result.reached()[c].value];
            CHECK((got == expected || (std::isnan(got) && std::isnan(expected))));
            missed += std::isnan(got);
        }
    }
    CHECK(missed > 0);  // the failures did stop some copies: the comparison covers them
}

TEST_CASE("cascade: failures stop the document, capacity makes copies wait their turn") {
    const OrgGraph g = forwarding_province();
    CascadeModel model;
    model.sources = {g.index_of("30.pc")};
    model.delay = constant(1.0);
    const CascadeResult free_flow = run(g, model, 1, 1, 1);
    REQUIRE(free_flow.reached().size() > 1);

    model.failures = {{Selector::ids({"30.pc"}), 1.0}};
    const CascadeResult stopped = run(g, model, 3, 1, 1);
    for (std::size_t rep = 0; rep < 3; ++rep)
        for (std::size_t c = 0; c < stopped.reached().size(); ++c) {
            if (stopped.reached()[c] == model.sources.front()) CHECK(stopped.arrival(rep, c) == 0.0);
            else CHECK(std::isnan(stopped.arrival(rep, c)));
        }

    // One document per day at the source: it forwards after a day of processing, so everything is a day later.
    model.failures.clear();
    model.capacities = {{Selector::ids({"30.pc"}), 1.0}};
    const CascadeResult slow = run(g, model, 1, 1, 1);
    for (std::size_t c = 0; c < slow.reached().size(); ++c) {
        const double base = free_flow.arrival(0, c);
        CHECK(slow.arrival(0, c) == doctest::Approx(slow.reached()[c] == model.sources.front() ? 0.0 : base + 1.0));
    }
}

TEST_CASE("cascade: one exponential hop has the distribution's mean") {
    const OrgGraph g = forwarding_province();
    CascadeModel model;
    model.sources = {g.index_of("30.pc")};
    model.delay = exponential(2.0);
    const CascadeResult result = run(g, model, 20000, 5, 2);
    const auto f = g.freeze();
    const auto hops = f->hops(model.sources, TieKind::forwards);
    std::size_t first_hop = result.reached().size();
    for (std::size_t c = 0; c < result.reached().size(); ++c) {
        const UnitIndex u = result.reached()[c];
        if (hops[u.value] == 1 && f->parents(u, TieKind::forwards).size() == 1) first_hop = c;  // one way in only
    }
    REQUIRE(first_hop < result.reached().size());
    double sum = 0;
    for (std::size_t rep = 0; rep < result.reps(); ++rep) sum += result.arrival(rep, first_hop);
    // Standard error 2 / sqrt(20000) ≈ 0.014: a 4% band is about 6 standard errors wide.
    CHECK(sum / static_cast<double>(result.reps()) == doctest::Approx(2.0).epsilon(0.04));
}

TEST_CASE("cascade: bad parameters name the field, a run too large is refused before it starts") {
    const OrgGraph g = forwarding_province();
    auto parse = [](const char* dist, Object fields) {
        fields.set("dist", Value(dist));
        return Delay::parse(fields, "delay");
    };
    ANTQ_CHECK_ERROR(parse("exponential", {}), InvalidInput, "missing_field", "delay.mean");
    ANTQ_CHECK_ERROR(parse("lognormal", Object{{"mu", Value(0.0)}}), InvalidInput, "missing_field", "delay.sigma");
    ANTQ_CHECK_ERROR(parse("gamma", {}), InvalidInput, "bad_value", "unknown distribution 'gamma'");
    ANTQ_CHECK_ERROR(parse("constant", Object{{"value", Value(-1.0)}}), InvalidInput, "bad_value", "delay.value");
    ANTQ_CHECK_ERROR(parse("constant", Object{{"value", Value("2")}}), InvalidInput, "wrong_type", "delay.value");
    ANTQ_CHECK_ERROR(parse("constant", Object{{"value", Value(1.0)}, {"mean", Value(1.0)}}), InvalidInput,
                     "unknown_field", "delay.mean");
    ANTQ_CHECK_ERROR(parse("exponential", Object{{"mean", Value(0.0)}}), InvalidInput, "bad_value", "delay.mean");
    ANTQ_CHECK_ERROR(parse("empirical", Object{{"samples", Value(Array{})}}), InvalidInput, "bad_value",
                     "delay.samples");
    ANTQ_CHECK_ERROR(parse("empirical", Object{{"samples", Value(Array{Value(1.0), Value(-2.0)})}}), InvalidInput,
                     "bad_value", "delay.samples[1]");
    CHECK(parse("empirical", Object{{"samples", Value(Array{Value(1), Value(2.5)})}}).samples ==
          std::vector<double>{1.0, 2.5});

    CascadeModel model;
    model.sources = {g.index_of("30.pc")};
    model.delay = constant(1.0);
    RunOptions options;
    options.reps = 0;
    ANTQ_CHECK_ERROR(cascade(g, model, options), InvalidInput, "bad_value", "reps");
    options.reps = 1;
    options.threads = 0;
    ANTQ_CHECK_ERROR(cascade(g, model, options), InvalidInput, "bad_value", "threads");
    options.threads = 1;
    model.capacities = {{Selector::all(), 0.0}};
    ANTQ_CHECK_ERROR(cascade(g, model, options), InvalidInput, "bad_value", "capacities[0]");
    model.capacities.clear();
    model.failures = {{Selector::all(), 0.5}, {Selector::all(), 1.5}};
    ANTQ_CHECK_ERROR(cascade(g, model, options), InvalidInput, "bad_value", "failures[1]");
    model.failures = {{Selector::within("nope"), 0.5}};
    ANTQ_CHECK_ERROR(cascade(g, model, options), NotFound, "unknown_unit", "failures[0].select");
    model.failures.clear();
    model.sources = {UnitIndex{12345}};
    ANTQ_CHECK_ERROR(cascade(g, model, options), NotFound, "unknown_unit", "sources[0]");
    model.sources = {g.index_of("30.pc")};
    options.reps = std::size_t{1} << 40;  // would need terabytes: refused at once, nothing allocated
    ANTQ_CHECK_ERROR(cascade(g, model, options), InvalidInput, "too_large", "max_memory_bytes");
}
