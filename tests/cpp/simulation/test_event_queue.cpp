#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "model/detail/random.hpp"
#include "simulation/detail/monte_carlo.hpp"

using antq::detail::Random;
using antq::simulation::detail::EventQueue;

namespace {

struct Event {
    double time;
    std::uint64_t order;
};

bool earlier(const Event& a, const Event& b) { return std::tie(a.time, a.order) < std::tie(b.time, b.order); }

}  // namespace

TEST_CASE("event queue: events leave by time, then order of scheduling, as a simulation pushes them") {
    // As in the models: each event popped schedules later ones; times repeat often (constant delays) and a delay
    // of -0.0 (a constant written "-0") must not put an event before one at +0.0 scheduled earlier.
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        Random random(seed);
        EventQueue<Event> queue;
        std::vector<Event> pushed, popped;
        std::uint64_t order = 0;
        auto push = [&](double time) {
            pushed.push_back(Event{time, order++});
            queue.push(pushed.back());
        };
        push(0.0);
        push(-0.0);
        for (int k = 0; k < 40; ++k) push(static_cast<double>(random.below(3)));
        while (!queue.empty()) {
            const Event e = queue.top();
            queue.pop();
            popped.push_back(e);
            if (pushed.size() < 5000)
                for (std::uint64_t n = random.below(3); n > 0; --n)
                    push(e.time + (random.chance(0.5) ? static_cast<double>(random.below(2)) : random.unit()));
        }
        std::stable_sort(pushed.begin(), pushed.end(), earlier);  // -0.0 == 0.0: the order of scheduling decides
        REQUIRE(popped.size() == pushed.size());
        for (std::size_t i = 0; i < popped.size(); ++i) {
            CHECK(popped[i].order == pushed[i].order);
            CHECK(popped[i].time == pushed[i].time);
        }
        queue.clear();
        CHECK(queue.empty());
    }
}
