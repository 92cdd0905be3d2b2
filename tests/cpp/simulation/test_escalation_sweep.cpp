#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <queue>
#include <span>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "model/detail/random.hpp"
#include "simulation/detail/escalation_sweep.hpp"

using antq::detail::Random;
namespace sd = antq::simulation::detail;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t none = sd::no_station;

// The inputs of one exact comparison: constant handling times and passing up that is certain (p = 1) or never (p = 0),
// on a grid of quarter days, so that ties are common and every sum is exact in floating point whatever its order.
struct Case {
    sd::SweepNetwork net;
    std::vector<double> service;  // per station
    std::vector<double> arising;
    std::vector<std::uint32_t> first_station;
    double days = 0, warm_up = 0, step = 0;
    std::vector<double> times;
};

struct Outcome {
    std::vector<std::uint32_t> handler, escalations;
    std::vector<double> response;
    std::vector<sd::SweepLevel> figures;
    std::vector<std::int64_t> backlog;
};

struct ConstantDraws {
    const Case& c;
    void services(std::uint32_t s, std::span<double> out) { std::fill(out.begin(), out.end(), c.service[s]); }
    void passes_up(std::uint32_t s, std::span<std::uint8_t> out) {
        std::fill(out.begin(), out.end(), static_cast<std::uint8_t>(c.net.stations[s].escalation >= 1));
    }
};

Outcome by_sweep(const Case& c) {
    sd::SweepState st;
    ConstantDraws draws{c};
    sd::sweep(c.net, c.arising, c.first_station, c.days, c.warm_up, c.step, c.times, draws, st);
    return {st.handler, st.escalations, st.response, st.figures, st.backlog};
}

// The model run event by event, written plainly and apart from the sweep: one queue of events ordered by time, then
// completions before arrivals, then the incident's number; each body's line a deque; the backlog read off the
// running counts before the first event after each sample time.
Outcome by_events(const Case& c) {
    const auto& stations = c.net.stations;
    const std::size_t n = c.arising.size(), levels = c.net.levels;
    enum Kind : int { completion = 0, arrival = 1 };
    using Event = std::tuple<double, int, std::uint32_t, std::uint32_t>;  // time, kind, incident, station
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    for (std::uint32_t i = 0; i < n; ++i)
        if (c.arising[i] <= c.days) events.emplace(c.arising[i], arrival, i, c.first_station[i]);

    Outcome out;
    out.handler.assign(n, none);
    out.escalations.assign(n, 0);
    out.response.assign(n, std::nan(""));
    out.figures.assign(levels, sd::SweepLevel{});
    out.backlog.assign(c.times.size() * levels, 0);
    std::vector<double> at(n, 0);
    std::vector<std::uint32_t> busy(stations.size(), 0);
    std::vector<double> since(stations.size(), c.warm_up);
    std::vector<std::deque<std::uint32_t>> line(stations.size());
    std::vector<std::int64_t> present(levels, 0);
    std::size_t sampled = 0;
    const double H = c.days, W = c.warm_up;

    auto account = [&](std::uint32_t s, double t) {
        if (t > W) out.figures[stations[s].level].busy += busy[s] * (t - std::max(since[s], W));
        since[s] = t;
    };
    auto start = [&](std::uint32_t i, std::uint32_t s, double t) {
        account(s, t);
        ++busy[s];
        if (at[i] >= W) out.figures[stations[s].level].served += 1, out.figures[stations[s].level].wait += t - at[i];
        events.emplace(t + c.service[s], completion, i, s);
    };
    while (!events.empty()) {
        const auto [t, kind, i, first] = events.top();
        if (t > H) break;
        events.pop();
        for (; sampled < c.times.size() && c.times[sampled] < t; ++sampled)
            for (std::size_t l = 0; l < levels; ++l) out.backlog[sampled * levels + l] = present[l];
        std::uint32_t s = first;
        if (kind == arrival) {
            while (stations[s].up != none && static_cast<double>(line[s].size()) >= stations[s].threshold) {
                if (t >= W) out.figures[stations[s].level].escalated += 1;
                ++out.escalations[i];
                s = stations[s].up;
            }
            out.handler[i] = s;
            at[i] = t;
            ++present[stations[s].level];
            if (busy[s] < stations[s].servers)
                start(i, s, t);
            else
                line[s].push_back(i);
            continue;
        }
        account(s, t);
        --busy[s];
        --present[stations[s].level];
        sd::SweepLevel& f = out.figures[stations[s].level];
        if (at[i] >= W) f.left += 1, f.sojourn += t - at[i];
        if (!line[s].empty()) {
            const std::uint32_t next = line[s].front();
            line[s].pop_front();
            start(next, s, t);
        }
        if (stations[s].up != none && stations[s].escalation >= 1) {
            if (at[i] >= W) f.escalated += 1;
            ++out.escalations[i];
            events.emplace(t, arrival, i, stations[s].up);  // arrives once everything finishing at t has finished
        } else {
            out.response[i] = t - c.arising[i];
        }
    }
    for (; sampled < c.times.size(); ++sampled)
        for (std::size_t l = 0; l < levels; ++l) out.backlog[sampled * levels + l] = present[l];
    for (std::uint32_t s = 0; s < stations.size(); ++s) account(s, H);
    return out;
}

// Six commune-like stations under two district-like ones under one province-like one, with thresholds, certain
// passing up at some, several servers at the middle, and arrivals on a grid of quarter days (many at equal times,
// some at the horizon, a few straight at a middle station).
Case grid_case(std::uint64_t seed, double warm_up) {
    Case c;
    auto station = [](std::uint32_t up, std::uint32_t level, std::uint32_t servers, double p, double threshold) {
        return sd::SweepStation{up, level, servers, p, threshold};
    };
    c.net.stations = {station(6, 0, 1, 1, 2),   station(6, 0, 1, 0, 1),   station(6, 0, 1, 1, inf),
                      station(7, 0, 1, 0, 3),   station(7, 0, 2, 1, 0),   station(7, 0, 1, 0, 2),
                      station(8, 1, 2, 1, 1),   station(8, 1, 3, 0, inf), station(none, 2, 1, 0, 2)};
    c.net.order = {5, 0, 4, 1, 3, 2, 7, 6, 8};
    c.net.levels = 3;
    c.service = {1.0, 0.75, 1.25, 0.5, 1.5, 1.0, 0.5, 1.75, 0.25};
    c.days = 20;
    c.warm_up = warm_up;
    c.step = 0.5;
    for (double t = warm_up; t <= c.days; t += c.step) c.times.push_back(t);
    Random random(seed);
    std::vector<std::pair<double, std::uint32_t>> arrivals;
    for (int k = 0; k < 160; ++k) {
        const double t = 0.25 * static_cast<double>(random.below(81));  // 0 to 20 days, the horizon included
        const auto s = static_cast<std::uint32_t>(random.below(8));     // stations 0 to 5, or 6 and 7 directly
        arrivals.emplace_back(t, s);
    }
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [t, s] : arrivals) {
        c.arising.push_back(t);
        c.first_station.push_back(s);
    }
    return c;
}

}  // namespace

TEST_CASE("escalation sweep: equals an event-by-event run exactly, ties, thresholds, passing up and the horizon included") {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        for (const double warm_up : {0.0, 2.5}) {
            CAPTURE(seed);
            CAPTURE(warm_up);
            const Case c = grid_case(seed, warm_up);
            const Outcome a = by_sweep(c), b = by_events(c);
            CHECK(a.handler == b.handler);
            CHECK(a.escalations == b.escalations);
            REQUIRE(a.response.size() == b.response.size());
            std::size_t open = 0;
            for (std::size_t i = 0; i < a.response.size(); ++i) {
                CAPTURE(i);
                CHECK((a.response[i] == b.response[i] || (std::isnan(a.response[i]) && std::isnan(b.response[i]))));
                open += std::isnan(b.response[i]);
            }
            for (std::size_t l = 0; l < c.net.levels; ++l) {
                CAPTURE(l);
                CHECK(a.figures[l].served == b.figures[l].served);
                CHECK(a.figures[l].wait == b.figures[l].wait);
                CHECK(a.figures[l].left == b.figures[l].left);
                CHECK(a.figures[l].sojourn == b.figures[l].sojourn);
                CHECK(a.figures[l].escalated == b.figures[l].escalated);
                CHECK(a.figures[l].busy == b.figures[l].busy);
            }
            CHECK(a.backlog == b.backlog);
            // The case exercises what it is meant to: incidents passed up, some at once, and some still open.
            std::uint32_t most = 0;
            for (std::uint32_t e : b.escalations) most = std::max(most, e);
            CHECK(most >= 2);
            CHECK(b.figures[0].escalated > 10);
            CHECK(open > 0);
        }
    }
}
