#include <cmath>
#include <string>

#include <antq/io/datasets.hpp>
#include <antq/io/scenario_json.hpp>
#include <antq/simulation/scenario.hpp>

#include "support.hpp"

using namespace antq;
using namespace antq::simulation;

namespace {

Scenario cascade_scenario(std::size_t reps) {
    return parse_scenario(R"({"format": "antq.scenario", "version": 1, "graph": "default",
        "compare": {"remove_level": "district"}, "model": "cascade",
        "parameters": {"sources": ["30.pc"], "delay": {"dist": "exponential", "mean": 1.0}, "failure": 0.05, "deadline": 4},
        "seed": 3, "reps": )" + std::to_string(reps) + "}");
}

bool same(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

}  // namespace

TEST_CASE("scenario run: both structures side by side, the same for a seed whatever the threads") {
    const Scenario s = cascade_scenario(40);
    RunOptions options = options_of(s);
    CHECK(options.reps == 40);
    CHECK(options.seed == 3);
    const auto one = run(s, options);
    options.threads = 3;
    const auto three = run(s, options);
    REQUIRE(one.size() == 2);
    CHECK(one[0].label == "as_given");
    CHECK(one[1].label == "without_district");
    const auto levels = one[1].graph->structure().levels();
    CHECK(std::find(levels.begin(), levels.end(), Level::district) == levels.end());
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& a = std::get<CascadeResult>(one[k].result);
        const auto& b = std::get<CascadeResult>(three[k].result);
        CHECK(a.reps() == 40);
        CHECK(same(a.arrivals(), b.arrivals()));
    }
    // The run on the dataset is the model's own run on the same graph and options: the scenario adds nothing.
    CascadeModel model = std::get<CascadeScenario>(s.model).model;
    const OrgGraph g = datasets::hai_duong_2024();
    model.sources = {g.index_of("30.pc")};
    options.threads = 1;
    CHECK(same(cascade(g, model, options).arrivals(), std::get<CascadeResult>(one[0].result).arrivals()));
}

TEST_CASE("scenario run: the cascade summary per level agrees with the arrivals, with intervals") {
    const Scenario s = cascade_scenario(30);
    const auto runs = run(s, options_of(s));
    const auto& result = std::get<CascadeResult>(runs[0].result);
    const auto figures = cascade_summary(*runs[0].graph, result, 4.0);
    REQUIRE(!figures.empty());
    // The province level holds the source: it has the document at time 0 in every replication.
    bool province = false;
    for (const auto& f : figures) {
        CAPTURE(f.measure);
        CHECK(f.estimate.count <= 30);
        if (f.measure == "reached" || f.measure == "on_time") CHECK((f.estimate.mean >= 0 && f.estimate.mean <= 1));
        if (f.measure == "arrival" && f.estimate.count >= 2) CHECK(f.estimate.low <= f.estimate.mean);
        if (f.level == Level::commune && f.measure == "on_time") {
            // Recount the commune units reached by day 4 by hand.
            double share = 0;
            std::size_t communes = 0;
            for (std::size_t c = 0; c < result.reached().size(); ++c) {
                if (runs[0].graph->unit(result.reached()[c]).level != Level::commune) continue;
                ++communes;
                for (std::size_t rep = 0; rep < result.reps(); ++rep) share += result.arrival(rep, c) <= 4.0;
            }
            CHECK(f.estimate.mean == doctest::Approx(share / static_cast<double>(communes * result.reps())));
        }
        province = province || f.level == Level::province;
    }
    CHECK(province);
    CHECK(cascade_summary(*runs[0].graph, result).size() * 3 == figures.size() * 2);  // no on_time without a deadline
}

TEST_CASE("scenario run: a run too large for the cap is refused before it starts, a bad source names its place") {
    const Scenario s = cascade_scenario(1'000'000);
    RunOptions options = options_of(s);
    options.max_memory_bytes = 1 << 20;
    ANTQ_CHECK_ERROR(run(s, options), InvalidInput, "too_large", "reps");
    Scenario bad = cascade_scenario(2);
    std::get<CascadeScenario>(bad.model).sources = {"30.pc", "nowhere"};
    ANTQ_CHECK_ERROR(run(bad, options_of(bad)), NotFound, "unknown_unit", "sources[1]");
    bad.graph.path = "no_such_graph.json";
    ANTQ_CHECK_ERROR(run(bad, options_of(bad), "/nonexistent"), IoError, "cannot_read", "no_such_graph.json");
}
