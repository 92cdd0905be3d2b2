#pragma once

// Incident escalation as a sweep over the stations, leaves first: the core of simulation::escalation(), apart from
// the graph and the random streams so that a test can drive it with arrivals and durations of its own. Internal to
// the library.
//
// Why no event queue: incidents move only up the chain of command, so what arrives at a body is its own territories'
// incidents and what its subordinates pass up, all known once the subordinates are done. A body then serves its
// arrivals, in order of arrival, by the Kiefer-Wolfowitz recursion for first-come-first-served with c servers
// ("On the theory of queues with many servers", Transactions of the AMS 78(1), 1955): an incident starts when it
// arrives or when the earliest of the c servers frees, whichever is later, so start times never decrease in order
// of arrival. The incidents waiting when one arrives (for the threshold) are those admitted before it whose start is
// still ahead: n or more wait if and only if the n-th latest admitted starts after the arrival. Backlog and
// utilisation follow from each incident's arrival, start and departure. Per incident: a few comparisons and one or
// two draws, over arrays that stay in cache; no heap of events.
//
// Ties, as an event-driven run that orders events by time, then completions before arrivals, then arrivals by the
// order in which the incidents arose, resolves them: at equal times a body finishes before it takes an arrival
// (an incident arriving at t takes a server freed at t and does not count as waiting behind one starting at t),
// and arrivals at one body at equal times are taken in the order the incidents arose.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace antq::simulation::detail {

inline constexpr std::uint32_t no_station = 0xffffffffu;

// A body as the sweep sees it.
struct SweepStation {
    std::uint32_t up = no_station;  // the station incidents are passed up to
    std::uint32_t level = 0;        // index into the levels
    std::uint32_t servers = 1;      // c ≥ 1
    double escalation = 0;          // probability that a handled incident is passed up
    double threshold = std::numeric_limits<double>::infinity();  // waiting incidents at which an arrival goes up
};

// The network: its stations and an order in which every station comes after those that pass incidents up to it.
struct SweepNetwork {
    std::vector<SweepStation> stations;
    std::vector<std::uint32_t> order;  // leaves first
    std::size_t levels = 0;
};

// What one level counts in a replication (sums; the run turns them into means).
struct SweepLevel {
    double served = 0, wait = 0, left = 0, sojourn = 0, escalated = 0, busy = 0;
};

// A worker's buffers, reused replication after replication, and what the last sweep found.
struct SweepState {
    // per incident (in order of arising), as the sweep leaves them
    std::vector<std::uint32_t> handler;      // the last station it reached
    std::vector<std::uint32_t> escalations;  // times it was passed up
    std::vector<double> response;            // days from arising to resolution; NaN if open at the horizon
    // per level
    std::vector<SweepLevel> figures;
    std::vector<std::int64_t> backlog;  // samples × levels: incidents present (waiting or in handling)

    // internal
    struct Pass {
        double time;
        std::uint32_t incident;
    };
    std::vector<std::uint32_t> first, cursor;  // own arrivals by station: own[first[s] .. first[s + 1])
    std::vector<Pass> own;                     // (time, incident), in order of time: read in sequence
    std::vector<std::vector<Pass>> passed;  // incidents passed up to each station, in any order
    std::vector<double> ahead;              // start times of the incidents admitted at the station being swept
    std::vector<double> free;               // when each server of that station frees (a min-heap)
    std::vector<double> service;            // the station's handling times, one per arrival, drawn together
    std::vector<std::uint8_t> up;           // whether each arrival, once handled, is passed up
    std::vector<std::int64_t> change;       // per level, the backlog's change at each sample
};

// The backlog's sample times (warm_up + k × step, k < n, as the result's table holds them) and, for a moment x, the
// first sample at or after it: where an incident arriving or leaving at x starts or stops counting.
class SampleGrid {
public:
    SampleGrid(std::span<const double> times, double days, double warm_up, double step)
        : m_times(times), m_warm_up(warm_up), m_inv_step(1.0 / step),
          // How far (in steps) (x − W) / step, computed, may stray from where x lies among the table's values: a few
          // roundings of numbers up to days + warm_up. Beyond it from every grid point, the grid alone decides.
          m_tolerance(16 * std::numeric_limits<double>::epsilon() * (std::abs(days) + std::abs(warm_up) + step) / step),
          m_last_cell(static_cast<double>(times.size()) - 1) {}

    /** The first k with times[k] ≥ x (x ≤ days), or the number of samples. */
    std::size_t at_or_after(double x) const {
        const double r = (x - m_warm_up) * m_inv_step;
        if (r < -m_tolerance) return 0;
        if (r < m_last_cell - m_tolerance) {
            const auto k = static_cast<std::int64_t>(r);  // ⌊r⌋ for r ≥ 0
            const double fraction = r - static_cast<double>(k);
            if (fraction > m_tolerance && fraction < 1 - m_tolerance) return static_cast<std::size_t>(k) + 1;
        }
        // At a sample time, up to rounding (or after the last): the table decides.
        const std::size_t n = m_times.size();
        std::size_t k = r <= 0 ? 0 : r >= static_cast<double>(n) ? n : static_cast<std::size_t>(r);
        while (k < n && m_times[k] < x) ++k;
        while (k > 0 && m_times[k - 1] >= x) --k;
        return k;
    }

private:
    std::span<const double> m_times;
    double m_warm_up, m_inv_step, m_tolerance, m_last_cell;
};

// Sweeps one replication. `arising[i]` is when incident i arose (nondecreasing in i) and `first_station[i]` the
// station it goes to first. Before a station is swept, `draws.services(s, out)` fills `out` with handling times at
// station s and `draws.passes_up(s, out)` with whether each incident handled there goes up (1) or not (0), one per
// arrival in order of arrival, whether or not it is handled (asked only where escalation > 0 and there is a station
// above). Incidents after the horizon `days` are not given. `times` are the backlog's sample times from `warm_up`
// every `step`.
template <class Draws>
void sweep(const SweepNetwork& net, std::span<const double> arising, std::span<const std::uint32_t> first_station,
           double days, double warm_up, double step, std::span<const double> times, Draws& draws, SweepState& st) {
    const std::size_t n = arising.size(), stations = net.stations.size(), samples = times.size();
    const double H = days, W = warm_up;
    const SampleGrid grid(times, days, warm_up, step);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    st.handler.resize(n);
    st.escalations.assign(n, 0);
    st.response.assign(n, nan);
    st.figures.assign(net.levels, SweepLevel{});
    st.change.assign(net.levels * (samples + 1), 0);
    st.passed.resize(stations);
    st.ahead.resize(n);

    // Own arrivals by station, by counting: each station's stay in order of arising, which is order of time.
    st.first.assign(stations + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++st.first[first_station[i] + 1];
    for (std::size_t s = 0; s < stations; ++s) st.first[s + 1] += st.first[s];
    st.own.resize(n);
    st.cursor.assign(st.first.begin(), st.first.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        st.own[st.cursor[first_station[i]]++] = {arising[i], static_cast<std::uint32_t>(i)};

    for (const std::uint32_t s : net.order) {
        const SweepStation& station = net.stations[s];
        const bool can_pass = station.up != no_station;
        // (No more than n - 1 can ever wait: a threshold above that never sends anything up.)
        const bool watch = can_pass && station.threshold <= static_cast<double>(n);
        const bool may_escalate = can_pass && station.escalation > 0;
        // With first come first served, starts never decrease in order of arrival: `thr` or more of the incidents
        // admitted before one arriving at t still wait if and only if the thr-th latest of them starts after t.
        const std::size_t thr = watch ? static_cast<std::size_t>(std::ceil(station.threshold)) : 0;
        std::int64_t* change = st.change.data() + station.level * (samples + 1);
        SweepLevel sum;
        std::size_t tail = 0;  // st.ahead[0 .. tail): the start times of the incidents admitted so far
        std::vector<SweepState::Pass>* up_list = can_pass ? &st.passed[station.up] : nullptr;
        const std::size_t arrivals = st.first[s + 1] - st.first[s] + st.passed[s].size();
        if (arrivals == 0) continue;
        // Servers beyond the number of arrivals would never be used: a million servers cost no more than the arrivals.
        const std::size_t c = std::max<std::size_t>(1, std::min<std::size_t>(station.servers, arrivals));
        st.free.assign(c, -std::numeric_limits<double>::infinity());
        double* free = st.free.data();

        // The station's draws, all at once, one per arrival in order of arrival (whether or not it goes up at once):
        // a tight loop per distribution rather than a draw amid the recursion's branches.
        st.service.resize(arrivals);
        draws.services(s, std::span<double>(st.service.data(), arrivals));
        if (may_escalate) {
            st.up.resize(arrivals);
            draws.passes_up(s, std::span<std::uint8_t>(st.up.data(), arrivals));
        }
        std::size_t arrived = 0;  // arrivals at the station so far

        // Incident i arrives at time t.
        auto arrive = [&](double t, std::uint32_t i) {
            const std::size_t me = arrived++;
            const bool counted = t >= W;
            if (watch) {
                if (thr == 0 || (tail >= thr && st.ahead[tail - thr] > t)) {  // goes up at once
                    ++st.escalations[i];
                    sum.escalated += counted;
                    up_list->push_back({t, i});
                    return;
                }
            }
            st.handler[i] = s;
            // The earliest free server: the heap's top.
            const double start = std::max(t, free[0]);
            const double done = start + st.service[me];
            if (c == 1) {
                free[0] = done;
            } else {  // replace the top and sift it down
                std::size_t h = 0;
                for (std::size_t child; (child = 2 * h + 1) < c; h = child) {
                    if (child + 1 < c && free[child + 1] < free[child]) ++child;
                    if (!(free[child] < done)) break;
                    free[h] = free[child];
                }
                free[h] = done;
            }
            if (watch) st.ahead[tail++] = start;
            if (start <= H) {
                if (counted) sum.served += 1, sum.wait += start - t;
                const double busy = std::min(done, H) - std::max(start, W);
                if (busy > 0) sum.busy += busy;
            }
            std::size_t gone = samples;
            if (done <= H) {
                gone = grid.at_or_after(done);
                if (counted) sum.left += 1, sum.sojourn += done - t;
                if (may_escalate && st.up[me]) {
                    ++st.escalations[i];
                    sum.escalated += counted;
                    up_list->push_back({done, i});
                } else {
                    st.response[i] = done - arising[i];
                }
            }
            const std::size_t come = grid.at_or_after(t);
            ++change[come];
            --change[gone];
        };

        // Its own incidents and those passed up to it, merged in order of time, then of arising: one loop, so that
        // `arrive` is inlined once.
        const SweepState::Pass* own = st.own.data() + st.first[s];
        const std::size_t owned = st.first[s + 1] - st.first[s];
        std::vector<SweepState::Pass>& in = st.passed[s];
        if (!in.empty())
            std::sort(in.begin(), in.end(), [](const SweepState::Pass& a, const SweepState::Pass& b) {
                return a.time < b.time || (a.time == b.time && a.incident < b.incident);
            });
        const std::size_t passed = in.size();
        for (std::size_t j = 0, k = 0; j < owned || k < passed;) {
            const bool mine = k == passed ||
                              (j < owned && (own[j].time < in[k].time ||
                                             (own[j].time == in[k].time && own[j].incident < in[k].incident)));
            const SweepState::Pass p = mine ? own[j++] : in[k++];
            arrive(p.time, p.incident);
        }
        in.clear();

        SweepLevel& level = st.figures[station.level];
        level.served += sum.served;
        level.wait += sum.wait;
        level.left += sum.left;
        level.sojourn += sum.sojourn;
        level.escalated += sum.escalated;
        level.busy += sum.busy;
    }

    st.backlog.resize(samples * net.levels);
    for (std::size_t l = 0; l < net.levels; ++l) {
        std::int64_t present = 0;
        for (std::size_t k = 0; k < samples; ++k) {
            present += st.change[l * (samples + 1) + k];
            st.backlog[k * net.levels + l] = present;
        }
    }
}

}  // namespace antq::simulation::detail
