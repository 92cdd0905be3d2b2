#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/scenario_json.hpp>
#include <antq/io/selector_json.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/unit_kind.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;
using detail::Reader;
using detail::type_name;
using namespace simulation;

constexpr std::string_view format_name = "antq.scenario";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 16 + detail::selector_json_depth;
constexpr std::uint64_t max_reps = 100'000'000;  // beyond this a run is days long; the memory cap decides below it

// "delays[2].delay.samples[3]"-style places, as the models name them, turned into JSON pointer tokens.
std::string pointer_of(const std::string& dotted) {
    std::string out;
    for (char c : dotted) {
        if (c == '.' || c == '[') out += '/';
        else if (c != ']') out += c;
    }
    return out;
}

class ScenarioReader {
public:
    explicit ScenarioReader(std::string source) : r(std::move(source)) {}

    Scenario read(const json& doc) {
        if (!doc.is_object()) r.fail("not_a_scenario_file", "", "expected a scenario object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "name", "source", "graph", "compare", "model", "parameters", "seed", "reps"}, "");
        r.format_and_version(doc, format_name, format_version, "not_a_scenario_file");
        Scenario s;
        if (doc.contains("name")) s.name = r.string(doc.at("name"), "/name");
        if (doc.contains("source")) s.source = r.string(doc.at("source"), "/source");
        s.graph = graph(r.require(doc, "graph", ""));
        if (doc.contains("compare")) {
            const json& c = doc.at("compare");
            r.expect_object(c, "/compare");
            r.only_fields(c, {"remove_level"}, "/compare");
            s.compare_without = level(r.require(c, "remove_level", "/compare"), "/compare/remove_level");
            if (s.compare_without == s.graph.remove_level)
                r.fail("bad_value", "/compare/remove_level", "the graph already lacks this level: there is nothing to compare");
        }
        const std::string model = r.text(doc, "model", "");
        const json& parameters = r.require(doc, "parameters", "");
        r.expect_object(parameters, "/parameters");
        if (model == "cascade") s.model = cascade(parameters);
        else if (model == "escalation") s.model = escalation(parameters);
        else r.fail("unknown_model", "/model", "'" + model + "' is not a model (cascade, escalation)");
        s.seed = whole(r.require(doc, "seed", ""), "/seed", 0, std::numeric_limits<std::int64_t>::max());
        s.reps = whole(r.require(doc, "reps", ""), "/reps", 1, max_reps);
        return s;
    }

private:
    GraphSource graph(const json& g) {
        GraphSource out;
        if (g.is_string()) {
            out.path = path(g, "/graph");
            return out;
        }
        if (!g.is_object()) r.fail("wrong_type", "/graph", "expected \"default\", a graph file's path or an object, found " + type_name(g));
        r.only_fields(g, {"path", "remove_level"}, "/graph");
        out.path = path(r.require(g, "path", "/graph"), "/graph/path");
        if (g.contains("remove_level")) out.remove_level = level(g.at("remove_level"), "/graph/remove_level");
        return out;
    }

    std::string path(const json& j, const std::string& p) const {
        std::string value = r.string(j, p);
        if (value.empty()) r.fail("empty_value", p, "name \"default\" or a graph file");
        return value;
    }

    Level level(const json& j, const std::string& p) const {
        const std::string name = r.string(j, p);
        const auto found = parse_level(name);
        if (!found) r.fail("unknown_level", p, "'" + name + "' is not a level (nation, province, district, commune, village)");
        return *found;
    }

    double number(const json& j, const std::string& p) const {
        if (!j.is_number()) r.fail("wrong_type", p, "expected a number, found " + type_name(j));
        const double x = j.get<double>();
        // Infinity, where a model allows it, is written by leaving the field out.
        if (!std::isfinite(x)) r.fail("bad_value", p, "expected a finite number");
        return x;
    }

    std::uint64_t whole(const json& j, const std::string& p, std::uint64_t least, std::uint64_t most) const {
        if (!j.is_number_integer()) r.fail("wrong_type", p, "expected an integer, found " + type_name(j));
        const bool in_range = j.is_number_unsigned() ? j.get<std::uint64_t>() >= least && j.get<std::uint64_t>() <= most
                                                     : j.get<std::int64_t>() >= 0 && static_cast<std::uint64_t>(j.get<std::int64_t>()) >= least &&
                                                           static_cast<std::uint64_t>(j.get<std::int64_t>()) <= most;
        if (!in_range) r.fail("bad_value", p, "expected an integer from " + std::to_string(least) + " to " + std::to_string(most) + ", found " + j.dump());
        return j.get<std::uint64_t>();
    }

    // Runs a model's check of one value, naming the field by its pointer.
    template <class Check>
    void checked(const Check& check, const std::string& p) const {
        try {
            check();
        } catch (const InvalidInput& e) {
            r.fail(e.tag(), p, e.message());
        }
    }

    double value(const json& j, const std::string& p, void (*check)(double, const std::string&)) const {
        const double x = number(j, p);
        checked([&] { check(x, p); }, p);
        return x;
    }

    Delay delay(const json& j, const std::string& p) const {
        const Object spec = r.attributes(j, p);
        try {
            return Delay::parse(spec, "");
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at(p + pointer_of(e.where())), e.message());
        }
    }

    Selector selector(const json& j, const std::string& p) const {
        try {
            return selector_from_json(j, p);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at(e.where()), e.message());
        }
    }

    // The optional list `key` of rules {"select": selector, field: value}.
    template <class T, class Read>
    void rules(const json& params, const char* key, const char* field, std::vector<Rule<T>>& out, const Read& read) {
        if (!params.contains(key)) return;
        r.for_each(params, key, "/parameters", [&](const json& rule, const std::string& p) {
            r.only_fields(rule, {"select", field}, p);
            Selector units = selector(r.require(rule, "select", p), p + "/select");
            out.push_back(Rule<T>{std::move(units), read(r.require(rule, field, p), p + "/" + field)});
        });
    }

    auto number_rule(void (*check)(double, const std::string&)) const {
        return [this, check](const json& j, const std::string& p) { return value(j, p, check); };
    }

    CascadeScenario cascade(const json& params) {
        const std::string P = "/parameters";
        r.only_fields(params, {"sources", "delay", "delays", "capacity", "capacities", "failure", "failures", "deadline"}, P);
        CascadeScenario c;
        r.for_each(params, "sources", P, [&](const json& s, const std::string& p) {
            std::string id = r.string(s, p);
            if (id.empty()) r.fail("empty_value", p, "a source is a unit's id");
            c.sources.push_back(std::move(id));
        }, false);
        if (c.sources.empty()) r.fail("empty_value", P + "/sources", "name at least one issuer");
        c.model.delay = delay(r.require(params, "delay", P), P + "/delay");
        rules<Delay>(params, "delays", "delay", c.model.delays, [&](const json& j, const std::string& p) { return delay(j, p); });
        if (params.contains("capacity")) c.model.capacity = value(params.at("capacity"), P + "/capacity", check_capacity);
        rules<double>(params, "capacities", "per_day", c.model.capacities, number_rule(check_capacity));
        if (params.contains("failure")) c.model.failure = value(params.at("failure"), P + "/failure", check_probability);
        rules<double>(params, "failures", "p", c.model.failures, number_rule(check_probability));
        if (params.contains("deadline")) {
            const double d = number(params.at("deadline"), P + "/deadline");
            if (!(d >= 0 && d <= Horizon::max_days)) r.fail("bad_value", P + "/deadline", "expected days from 0 to 36525, found " + params.at("deadline").dump());
            c.deadline = d;
        }
        return c;
    }

    EscalationScenario escalation(const json& params) {
        const std::string P = "/parameters";
        r.only_fields(params, {"rates", "responsible", "service", "services", "servers", "staffing", "escalation",
                               "escalations", "threshold", "thresholds", "horizon", "warm_up", "step"}, P);
        EscalationScenario e;
        if (!params.contains("rates")) r.fail("missing_field", P, "required field 'rates' is missing");
        rules<double>(params, "rates", "per_day", e.model.rates, number_rule(check_rate));
        if (params.contains("responsible")) {
            const std::string kind = r.string(params.at("responsible"), P + "/responsible");
            const auto parsed = parse_unit_kind(kind);
            if (!parsed || !is_body(*parsed)) r.fail("bad_value", P + "/responsible", "'" + kind + "' is not a kind of body (e.g. police)");
            e.model.responsible = *parsed;
        }
        e.model.service = delay(r.require(params, "service", P), P + "/service");
        rules<Delay>(params, "services", "service", e.model.services, [&](const json& j, const std::string& p) { return delay(j, p); });
        if (params.contains("servers")) e.model.servers = value(params.at("servers"), P + "/servers", check_servers);
        rules<double>(params, "staffing", "servers", e.model.staffing, number_rule(check_servers));
        if (params.contains("escalation")) e.model.escalation = value(params.at("escalation"), P + "/escalation", check_probability);
        rules<double>(params, "escalations", "p", e.model.escalations, number_rule(check_probability));
        if (params.contains("threshold")) e.model.threshold = value(params.at("threshold"), P + "/threshold", check_threshold);
        rules<double>(params, "thresholds", "waiting", e.model.thresholds, number_rule(check_threshold));
        if (params.contains("horizon")) e.horizon.days = number(params.at("horizon"), P + "/horizon");
        if (params.contains("warm_up")) e.horizon.warm_up = number(params.at("warm_up"), P + "/warm_up");
        if (params.contains("step")) e.horizon.step = number(params.at("step"), P + "/step");
        try {
            check_horizon(e.horizon);
        } catch (const InvalidInput& error) {
            r.fail(error.tag(), P + "/" + error.where(), error.message());
        }
        return e;
    }

    Reader r;
};

ordered delay_json(const Delay& d) {
    ordered out = ordered::object();
    switch (d.dist) {
    case Delay::Dist::constant: out["dist"] = "constant", out["value"] = d.value; break;
    case Delay::Dist::exponential: out["dist"] = "exponential", out["mean"] = d.mean; break;
    case Delay::Dist::lognormal: out["dist"] = "lognormal", out["mu"] = d.mu, out["sigma"] = d.sigma; break;
    case Delay::Dist::empirical: out["dist"] = "empirical", out["samples"] = d.samples; break;
    }
    return out;
}

template <class T, class F>
ordered rules_json(const std::vector<Rule<T>>& rules, const char* field, const F& value) {
    ordered out = ordered::array();
    for (const auto& rule : rules) {
        ordered item = ordered::object();
        item["select"] = ordered::parse(to_json(rule.units).dump());
        item[field] = value(rule.value);
        out.push_back(std::move(item));
    }
    return out;
}

ordered plain(double x) { return x; }

// Writes a list of rules only when there are some, and a value only when it is not the model's default.
template <class T, class F>
void put_rules(ordered& out, const char* key, const std::vector<Rule<T>>& rules, const char* field, const F& value) {
    if (!rules.empty()) out[key] = rules_json(rules, field, value);
}

}  // namespace

simulation::Scenario parse_scenario(std::string_view text, std::string_view source) {
    const std::string name(source);
    return ScenarioReader(name).read(detail::parse_document(text, name, max_depth));
}

simulation::Scenario load_scenario(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_scenario(detail::read_file(path, limits.max_bytes), path.string());
}

std::string dump_scenario(const simulation::Scenario& s) {
    ordered doc = ordered::object();
    doc["format"] = std::string(format_name);
    doc["version"] = format_version;
    if (!s.name.empty()) doc["name"] = s.name;
    if (!s.source.empty()) doc["source"] = s.source;
    if (s.graph.remove_level) doc["graph"] = {{"path", s.graph.path}, {"remove_level", std::string(to_string(*s.graph.remove_level))}};
    else doc["graph"] = s.graph.path;
    if (s.compare_without) doc["compare"] = {{"remove_level", std::string(to_string(*s.compare_without))}};
    doc["model"] = model_name(s);
    ordered p = ordered::object();
    if (const auto* c = std::get_if<CascadeScenario>(&s.model)) {
        const CascadeModel defaults;
        p["sources"] = c->sources;
        p["delay"] = delay_json(c->model.delay);
        put_rules(p, "delays", c->model.delays, "delay", delay_json);
        if (c->model.capacity != defaults.capacity) p["capacity"] = c->model.capacity;
        put_rules(p, "capacities", c->model.capacities, "per_day", plain);
        if (c->model.failure != defaults.failure) p["failure"] = c->model.failure;
        put_rules(p, "failures", c->model.failures, "p", plain);
        if (c->deadline) p["deadline"] = *c->deadline;
    } else {
        const auto& e = std::get<EscalationScenario>(s.model);
        const EscalationModel defaults;
        const Horizon frame;
        p["rates"] = rules_json(e.model.rates, "per_day", plain);
        if (e.model.responsible != defaults.responsible) p["responsible"] = std::string(to_string(e.model.responsible));
        p["service"] = delay_json(e.model.service);
        put_rules(p, "services", e.model.services, "service", delay_json);
        if (e.model.servers != defaults.servers) p["servers"] = e.model.servers;
        put_rules(p, "staffing", e.model.staffing, "servers", plain);
        if (e.model.escalation != defaults.escalation) p["escalation"] = e.model.escalation;
        put_rules(p, "escalations", e.model.escalations, "p", plain);
        if (e.model.threshold != defaults.threshold) p["threshold"] = e.model.threshold;
        put_rules(p, "thresholds", e.model.thresholds, "waiting", plain);
        if (e.horizon.days != frame.days) p["horizon"] = e.horizon.days;
        if (e.horizon.warm_up != frame.warm_up) p["warm_up"] = e.horizon.warm_up;
        if (e.horizon.step != frame.step) p["step"] = e.horizon.step;
    }
    doc["parameters"] = std::move(p);
    doc["seed"] = s.seed;
    doc["reps"] = s.reps;
    return doc.dump(2) + "\n";
}

void save_scenario(const simulation::Scenario& scenario, const std::filesystem::path& path) {
    detail::write_file(path, dump_scenario(scenario));
}

}  // namespace antq
