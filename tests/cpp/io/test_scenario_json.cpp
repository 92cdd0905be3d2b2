#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <antq/io/scenario_json.hpp>

#include "support.hpp"

using namespace antq;
using namespace antq::simulation;

namespace {

const std::filesystem::path seeds = std::filesystem::path(ANTQ_TEST_FUZZ_CORPUS_DIR) / "scenario";

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A cascade scenario with `parameters` (the inside of the object) and `tail` after it.
std::string cascade_with(const std::string& parameters, const std::string& tail = R"("seed": 1, "reps": 2)") {
    return R"({"format": "antq.scenario", "version": 1, "graph": "default", "model": "cascade", "parameters": {)" +
           parameters + "}, " + tail + "}";
}

std::string escalation_with(const std::string& parameters) {
    return R"({"format": "antq.scenario", "version": 1, "graph": "default", "model": "escalation", "parameters": {)" +
           parameters + R"(}, "seed": 1, "reps": 2})";
}

const std::string rates = R"("rates": [{"select": {"level": "commune"}, "per_day": 0.5}], )";
const std::string service = R"("service": {"dist": "exponential", "mean": 0.5})";

}  // namespace

TEST_CASE("scenario file: every field reads as written and the dump reads back the same") {
    const Scenario s = parse_scenario(read(seeds / "valid_escalation.json"), "valid_escalation.json");
    CHECK(s.graph.path == "graphs/province.json");
    CHECK(s.graph.remove_level == Level::district);
    CHECK(s.seed == 0);
    CHECK(s.reps == 20);
    const auto& e = std::get<EscalationScenario>(s.model);
    REQUIRE(e.model.rates.size() == 1);
    CHECK(e.model.rates[0].value == 0.4);
    CHECK(e.model.service.dist == Delay::Dist::exponential);
    CHECK(e.model.services[0].value.value == 2.0);
    CHECK(e.model.staffing[0].value == 3.0);
    CHECK(e.model.escalation == 0.1);
    CHECK(e.model.threshold == 5.0);
    CHECK(e.model.thresholds[0].value == 3.0);
    CHECK(e.horizon.days == 120.0);
    CHECK(e.horizon.warm_up == 20.0);
    CHECK(e.horizon.step == 0.5);

    for (const char* name : {"valid_cascade.json", "valid_compare.json", "valid_escalation.json"}) {
        CAPTURE(name);
        const std::string once = dump_scenario(parse_scenario(read(seeds / name), name));
        CHECK(dump_scenario(parse_scenario(once)) == once);
    }
    const Scenario c = parse_scenario(read(seeds / "valid_cascade.json"));
    CHECK(c.source == "assumed: no measured delays exist for Hải Dương");
    const auto& cascade = std::get<CascadeScenario>(c.model);
    CHECK(cascade.sources == std::vector<std::string>{"30.pc"});
    CHECK(cascade.model.delays[0].value.samples == std::vector<double>{2, 3, 3, 4, 5});
    CHECK(std::isinf(cascade.model.capacity));  // left out: no limit
    CHECK(cascade.deadline == 10.0);
    CHECK(parse_scenario(read(seeds / "valid_compare.json")).compare_without == Level::district);
}

TEST_CASE("scenario file: strings are read in NFC") {
    // "Hải" with the hook above written as a combining mark.
    const Scenario s = parse_scenario(cascade_with(R"("sources": ["30.pc"], "delay": {"dist": "constant", "value": 1})",
                                                   "\"name\": \"Ha\xcc\x89i Du\xcc\x9bo\xcc\x9bng\", \"seed\": 1, \"reps\": 2"));
    CHECK(s.name == "Hải Dương");
}

TEST_CASE("scenario file: bad values are refused naming the field by its JSON pointer") {
    const std::string one = R"("sources": ["30.pc"], "delay": {"dist": "constant", "value": 1})";
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(R"("sources": ["30.pc"], "delay": {"dist": "exponential"})"), "s.json"),
                     InvalidInput, "missing_field", "s.json:/parameters/delay/mean");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(R"("sources": ["30.pc"], "delay": {"dist": "lognormal", "mu": 0})")),
                     InvalidInput, "missing_field", "/parameters/delay/sigma");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "delays": [{"select": {"level": "commune"}, "delay": {"dist": "empirical", "samples": [1, -2]}}])")),
                     InvalidInput, "bad_value", "/parameters/delays/0/delay/samples/1");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "capacities": [{"select": {"level": "commune"}, "per_day": 0}])")),
                     InvalidInput, "bad_value", "/parameters/capacities/0/per_day");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "failure": 1.5)")), InvalidInput, "bad_value", "/parameters/failure");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "failures": [{"select": {"level": "hamlet"}, "p": 0.5}])")),
                     InvalidInput, "unknown_level", "/parameters/failures/0/select");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "failures": [{"select": {"level": "commune"}, "q": 0.5}])")),
                     InvalidInput, "unknown_field", "/parameters/failures/0/q");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one + R"(, "speed": 2)")), InvalidInput, "unknown_field", "/parameters/speed");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(R"("sources": [], "delay": {"dist": "constant", "value": 1})")),
                     InvalidInput, "empty_value", "/parameters/sources");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one, R"("seed": -1, "reps": 2)")), InvalidInput, "bad_value", "/seed");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one, R"("seed": 1, "reps": 0)")), InvalidInput, "bad_value", "/reps");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one, R"("seed": 1, "reps": 2.5)")), InvalidInput, "wrong_type", "/reps");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one, R"("seed": 1)")), InvalidInput, "missing_field", "'reps'");
    ANTQ_CHECK_ERROR(parse_scenario(cascade_with(one, R"("seed": 1, "reps": 2, "compare": {"remove_level": "town"})")),
                     InvalidInput, "unknown_level", "/compare/remove_level");

    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(R"("rates": [{"select": {"level": "commune"}, "per_day": -0.5}], )" + service)),
                     InvalidInput, "bad_value", "/parameters/rates/0/per_day");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "servers": 0)")), InvalidInput, "bad_value",
                     "/parameters/servers");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "staffing": [{"select": {"id": "30.police"}, "servers": 1.5}])")),
                     InvalidInput, "bad_value", "/parameters/staffing/0/servers");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "horizon": 1e12)")), InvalidInput, "bad_value",
                     "/parameters/horizon");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "horizon": 10, "warm_up": 10)")), InvalidInput,
                     "bad_value", "/parameters/warm_up");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "threshold": -1)")), InvalidInput,
                     "bad_value", "/parameters/threshold");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + service + R"(, "responsible": "village")")), InvalidInput,
                     "bad_value", "/parameters/responsible");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(service)), InvalidInput, "missing_field", "'rates'");
    ANTQ_CHECK_ERROR(parse_scenario(escalation_with(rates + R"("service": {"dist": "gamma"})")), InvalidInput, "bad_value",
                     "/parameters/service/dist");
}

TEST_CASE("scenario file: each fuzz seed reads, or is refused with the error its name says") {
    std::size_t valid = 0;
    for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
        const std::string name = entry.path().stem().string();
        CAPTURE(name);
        std::string tag;
        try {
            (void)parse_scenario(read(entry.path()), "seed");
        } catch (const Error& e) {
            tag = e.tag();
        }
        CHECK(tag == (name.starts_with("valid_") ? "" : name));
        valid += name.starts_with("valid_");
    }
    CHECK(valid == 3);
}

TEST_CASE("scenario file: a file too large is refused before it is read, a saved scenario loads back") {
    const auto dir = std::filesystem::temp_directory_path() / "antq_test_scenario";
    std::filesystem::create_directories(dir);
    const Scenario s = parse_scenario(read(seeds / "valid_cascade.json"));
    save_scenario(s, dir / "s.json");
    CHECK(dump_scenario(load_scenario(dir / "s.json")) == dump_scenario(s));
    ANTQ_CHECK_ERROR(load_scenario(dir / "s.json", ReadLimits{16}), IoError, "too_large", "s.json");
    std::filesystem::remove_all(dir);
}
