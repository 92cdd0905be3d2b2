// The simulation area: the directive cascade and incident escalation. Python hands over ids, selectors and JSON-like
// delay descriptions; the replications run in C++ with the GIL released.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <variant>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/simulation/cascade.hpp>
#include <antq/simulation/escalation.hpp>
#include <antq/io/scenario_json.hpp>
#include <antq/simulation/scenario.hpp>

#include "bound.hpp"
#include "columns.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

using simulation::CascadeModel;
using simulation::CascadeResult;
using simulation::Delay;
using simulation::Rule;

using simulation::EscalationModel;
using simulation::EscalationResult;
using simulation::LevelFigures;

using BoundCascade = Bound<CascadeResult>;
using BoundEscalation = Bound<EscalationResult>;

Delay delay_of(const py::handle& spec, const std::string& where) {
    if (!py::isinstance<py::dict>(spec))
        throw WrongArgumentType(where, "expected a dict such as {\"dist\": \"constant\", \"value\": 1.0}");
    return Delay::parse(argument_object(spec, where), where);
}

// Rules arrive as (Selector, value) pairs from antq/simulation.py, which has turned JSON selectors into Selectors.
std::vector<Rule<Delay>> delay_rules(const py::list& rules, const std::string& name = "delays", const std::string& field = "delay") {
    std::vector<Rule<Delay>> out;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto pair = rules[i].cast<py::tuple>();
        out.push_back({pair[0].cast<Selector>(), delay_of(pair[1], name + "[" + std::to_string(i) + "]." + field)});
    }
    return out;
}

std::vector<Rule<double>> number_rules(const py::list& rules) {
    std::vector<Rule<double>> out;
    for (const auto& rule : rules) {
        const auto pair = rule.cast<py::tuple>();
        out.push_back({pair[0].cast<Selector>(), pair[1].cast<double>()});
    }
    return out;
}

simulation::RunOptions run_options(long long reps, long long seed, long long threads, long long max_memory_bytes) {
    if (reps <= 0) throw InvalidInput("bad_value", "reps", "run at least one replication, found " + std::to_string(reps));
    if (threads <= 0) throw InvalidInput("bad_value", "threads", "use at least one thread, found " + std::to_string(threads));
    if (max_memory_bytes <= 0) throw InvalidInput("bad_value", "max_memory_bytes", "expected a number of bytes above 0");
    simulation::RunOptions options;
    options.reps = static_cast<std::size_t>(reps);
    options.seed = static_cast<std::uint64_t>(seed);
    options.threads = static_cast<unsigned>(std::min<long long>(threads, 1024));
    options.max_memory_bytes = static_cast<std::size_t>(max_memory_bytes);
    return options;
}

BoundCascade run_cascade(const GraphPtr& graph, const std::vector<std::string>& sources, const py::handle& delay,
                         const py::list& delays, double capacity, const py::list& capacities, double failure,
                         const py::list& failures, long long reps, long long seed, long long threads,
                         long long max_memory_bytes) {
    const OrgGraph& g = *graph_arg(graph);
    const simulation::RunOptions options = run_options(reps, seed, threads, max_memory_bytes);
    CascadeModel model;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto u = g.find(sources[i]);
        if (!u) throw NotFound("unknown_unit", "sources[" + std::to_string(i) + "]", "no unit has id '" + sources[i] + "'");
        model.sources.push_back(*u);
    }
    model.delay = delay_of(delay, "delay");
    model.delays = delay_rules(delays);
    model.capacity = capacity;
    model.capacities = number_rules(capacities);
    model.failure = failure;
    model.failures = number_rules(failures);
    py::gil_scoped_release release;
    return BoundCascade{simulation::cascade(g, model, options), graph};
}

BoundEscalation run_escalation(const GraphPtr& graph, const py::list& rates, const std::string& responsible,
                               const py::handle& service, const py::list& services, double servers,
                               const py::list& staffing, double escalation, const py::list& escalations, double threshold,
                               const py::list& thresholds, double horizon, double warm_up, double step, long long reps,
                               long long seed, long long threads, long long max_memory_bytes) {
    const OrgGraph& g = *graph_arg(graph);
    const simulation::RunOptions options = run_options(reps, seed, threads, max_memory_bytes);
    EscalationModel model;
    model.rates = number_rules(rates);
    model.responsible = to_unit_kind(responsible, "responsible");
    model.service = delay_of(service, "service");
    model.services = delay_rules(services, "services", "service");
    model.servers = servers;
    model.staffing = number_rules(staffing);
    model.escalation = escalation;
    model.escalations = number_rules(escalations);
    model.threshold = threshold;
    model.thresholds = number_rules(thresholds);
    const simulation::Horizon frame{horizon, warm_up, step};
    py::gil_scoped_release release;
    return BoundEscalation{simulation::escalation(g, model, frame, options), graph};
}

// One row of a summary table: a level's measure, its mean over replications with its interval.
struct SummaryRow {
    std::string_view level;
    std::string_view measure;
    simulation::Estimate estimate;
};

// The columns both summaries share: level, measure, mean, ci_low, ci_high, reps.
py::dict summary_table(const std::vector<SummaryRow>& rows) {
    CodedColumn level(rows.size()), measure(rows.size());
    NumberColumn<double> mean(rows.size()), low(rows.size()), high(rows.size());
    NumberColumn<std::int64_t> count(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        level.set(i, rows[i].level);
        measure.set(i, rows[i].measure);
        mean.set(i, rows[i].estimate.mean);
        low.set(i, rows[i].estimate.low);
        high.set(i, rows[i].estimate.high);
        count.set(i, static_cast<std::int64_t>(rows[i].estimate.count));
    }
    py::dict out;
    out["level"] = level.finish();
    out["measure"] = measure.finish();
    out["mean"] = mean.finish();
    out["ci_low"] = low.finish();
    out["ci_high"] = high.finish();
    out["reps"] = count.finish();
    return out;
}

py::dict summary_columns(const EscalationResult& r) {
    static constexpr std::pair<const char*, double LevelFigures::*> measures[] = {
        {"decision_wait", &LevelFigures::decision_wait}, {"sojourn", &LevelFigures::sojourn},
        {"utilisation", &LevelFigures::utilisation},     {"served", &LevelFigures::served},
        {"escalated", &LevelFigures::escalated}};
    std::vector<SummaryRow> rows;
    for (std::size_t l = 0; l < r.levels().size(); ++l)
        for (const auto& [name, field] : measures) rows.push_back({to_string(r.levels()[l]), name, r.estimate(l, field)});
    rows.push_back({"all", "response", r.response()});
    return summary_table(rows);
}

py::dict cascade_summary_columns(const BoundCascade& r, std::optional<double> deadline) {
    const auto figures = simulation::cascade_summary(r.current(), r.result, deadline);
    std::vector<SummaryRow> rows;
    for (const auto& f : figures) rows.push_back({to_string(f.level), f.measure, f.estimate});
    return summary_table(rows);
}

// Runs a scenario given as text: each structure's label, the graph it ran on, and its result.
py::list run_scenario(const std::string& text, const std::string& source, const std::string& base, long long reps,
                      long long seed, long long threads, long long max_memory_bytes) {
    const simulation::Scenario scenario = parse_scenario(text, source);
    const simulation::RunOptions options = run_options(reps, seed, threads, max_memory_bytes);
    std::vector<simulation::StructureRun> runs;
    {
        py::gil_scoped_release release;
        runs = simulation::run(scenario, options, base);
    }
    py::list out;
    for (auto& s : runs) {
        if (auto* c = std::get_if<CascadeResult>(&s.result))
            out.append(py::make_tuple(s.label, s.graph, BoundCascade{std::move(*c), s.graph}));
        else
            out.append(py::make_tuple(s.label, s.graph, BoundEscalation{std::move(std::get<EscalationResult>(s.result)), s.graph}));
    }
    return out;
}

}  // namespace

void init_simulation(py::module_& m) {
    py::class_<BoundCascade>(m, "CascadeResult",
                             "Arrival times of a directive cascade: one row per replication, one column per unit the "
                             "document can reach.")
        .def_property_readonly("reps", [](const BoundCascade& r) { return r.result.reps(); })
        .def_property_readonly("units", [](const BoundCascade& r) {
            r.current();
            return r.ids(r.result.reached());
        })
        .def_property_readonly("arrivals", [](const BoundCascade& r) {
            const auto& reached = r.result.reached();
            py::array_t<double> out({static_cast<py::ssize_t>(r.result.reps()), static_cast<py::ssize_t>(reached.size())});
            std::copy(r.result.arrivals().begin(), r.result.arrivals().end(), out.mutable_data());
            return out;
        })
        .def("_columns", [](const BoundCascade& r) {
            const OrgGraph& g = r.current();
            const auto& reached = r.result.reached();
            const std::size_t rows = r.result.arrivals().size();
            NumberColumn<std::int64_t> rep(rows);
            UnitColumn unit(g, rows);
            NumberColumn<double> arrival(rows);
            for (std::size_t i = 0; i < rows; ++i) {
                rep.set(i, static_cast<std::int64_t>(i / reached.size()));
                unit.set(i, reached[i % reached.size()]);
                arrival.set(i, r.result.arrivals()[i]);
            }
            py::dict out;
            out["rep"] = rep.finish();
            out["unit"] = unit.finish();
            out["arrival"] = arrival.finish();
            return out;
        })
        .def("__repr__", [](const BoundCascade& r) {
            return "<antq.simulation.CascadeResult of " + std::to_string(r.result.reps()) + " replications over " +
                   std::to_string(r.result.reached().size()) + " units>";
        });

    py::class_<BoundEscalation>(m, "EscalationResult",
                                "Incidents, backlog and per-level figures of an incident escalation run.")
        .def_property_readonly("reps", [](const BoundEscalation& r) { return r.result.reps(); })
        .def_property_readonly("levels", [](const BoundEscalation& r) {
            std::vector<std::string> out;
            for (Level l : r.result.levels()) out.emplace_back(to_string(l));
            return out;
        })
        .def_property_readonly("stations", [](const BoundEscalation& r) {
            r.current();
            return r.ids(r.result.stations());
        })
        .def_property_readonly("sample_times", [](const BoundEscalation& r) {
            const auto& times = r.result.sample_times();
            py::array_t<double> out(static_cast<py::ssize_t>(times.size()));
            std::copy(times.begin(), times.end(), out.mutable_data());
            return out;
        })
        .def_property_readonly("backlog", [](const BoundEscalation& r) {
            py::array_t<std::uint32_t> out({static_cast<py::ssize_t>(r.result.reps()),
                                            static_cast<py::ssize_t>(r.result.sample_times().size()),
                                            static_cast<py::ssize_t>(r.result.levels().size())});
            std::copy(r.result.backlog().begin(), r.result.backlog().end(), out.mutable_data());
            return out;
        })
        .def("_incidents", [](const BoundEscalation& r) {
            const OrgGraph& g = r.current();
            const std::size_t rows = r.result.incident_count();
            NumberColumn<std::int64_t> rep(rows), escalations(rows);
            UnitColumn territory(g, rows), handler(g, rows);
            NumberColumn<double> arrival(rows), response(rows);
            std::size_t i = 0;
            for (std::size_t k = 0; k < r.result.reps(); ++k)
                for (const simulation::Incident& incident : r.result.incidents(k)) {
                    rep.set(i, incident.rep);
                    territory.set(i, incident.territory);
                    handler.set(i, incident.handler);
                    escalations.set(i, incident.escalations);
                    arrival.set(i, incident.arrival);
                    response.set(i, incident.response);
                    ++i;
                }
            py::dict out;
            out["rep"] = rep.finish();
            out["territory"] = territory.finish();
            out["handler"] = handler.finish();
            out["escalations"] = escalations.finish();
            out["arrival"] = arrival.finish();
            out["response"] = response.finish();
            return out;
        })
        .def("_backlog", [](const BoundEscalation& r) {
            const auto& times = r.result.sample_times();
            const std::size_t levels = r.result.levels().size(), rows = r.result.backlog().size();
            NumberColumn<std::int64_t> rep(rows), backlog(rows);
            NumberColumn<double> time(rows);
            CodedColumn level(rows);
            for (std::size_t i = 0; i < rows; ++i) {
                rep.set(i, static_cast<std::int64_t>(i / (levels * times.size())));
                time.set(i, times[i / levels % times.size()]);
                level.set(i, to_string(r.result.levels()[i % levels]));
                backlog.set(i, r.result.backlog()[i]);
            }
            py::dict out;
            out["rep"] = rep.finish();
            out["time"] = time.finish();
            out["level"] = level.finish();
            out["backlog"] = backlog.finish();
            return out;
        })
        .def("_figures", [](const BoundEscalation& r) {
            const auto figures = r.result.figures();
            const std::size_t levels = r.result.levels().size(), rows = figures.size();
            NumberColumn<std::int64_t> rep(rows);
            CodedColumn level(rows);
            NumberColumn<double> served(rows), wait(rows), sojourn(rows), utilisation(rows), escalated(rows);
            for (std::size_t i = 0; i < rows; ++i) {
                rep.set(i, static_cast<std::int64_t>(i / levels));
                level.set(i, to_string(r.result.levels()[i % levels]));
                served.set(i, figures[i].served);
                wait.set(i, figures[i].decision_wait);
                sojourn.set(i, figures[i].sojourn);
                utilisation.set(i, figures[i].utilisation);
                escalated.set(i, figures[i].escalated);
            }
            py::dict out;
            out["rep"] = rep.finish();
            out["level"] = level.finish();
            out["served"] = served.finish();
            out["decision_wait"] = wait.finish();
            out["sojourn"] = sojourn.finish();
            out["utilisation"] = utilisation.finish();
            out["escalated"] = escalated.finish();
            return out;
        })
        .def("_summary", [](const BoundEscalation& r) { return summary_columns(r.result); })
        .def("__repr__", [](const BoundEscalation& r) {
            return "<antq.simulation.EscalationResult of " + std::to_string(r.result.reps()) + " replications, " +
                   std::to_string(r.result.incident_count()) + " incidents at " +
                   std::to_string(r.result.stations().size()) + " bodies>";
        });

    m.def("_escalation", &run_escalation, py::arg("graph"), py::arg("rates"), py::arg("responsible"), py::arg("service"),
          py::arg("services"), py::arg("servers"), py::arg("staffing"), py::arg("escalation"), py::arg("escalations"),
          py::arg("threshold"), py::arg("thresholds"), py::arg("horizon"), py::arg("warm_up"), py::arg("step"),
          py::arg("reps"), py::arg("seed"), py::arg("threads"), py::arg("max_memory_bytes"));

    m.def("_parse_scenario", [](const std::string& text, const std::string& source) { return dump_scenario(parse_scenario(text, source)); },
          py::arg("text"), py::arg("source"));
    // A scenario file read as every antq reader reads one (regular files only, under a size cap), as its text.
    m.def("_load_scenario", [](const std::filesystem::path& path, std::uint64_t max_bytes) {
              return dump_scenario(load_scenario(path, ReadLimits{max_bytes}));
          }, py::arg("path"), py::arg("max_bytes"), py::call_guard<py::gil_scoped_release>());
    // ... and written as every antq writer writes (a new temporary file renamed over a regular file).
    m.def("_save_scenario", [](const std::string& text, const std::filesystem::path& path) {
              save_scenario(parse_scenario(text, path.string()), path);
          }, py::arg("text"), py::arg("path"), py::call_guard<py::gil_scoped_release>());
    m.def("_run_scenario", &run_scenario, py::arg("text"), py::arg("source"), py::arg("base"), py::arg("reps"),
          py::arg("seed"), py::arg("threads"), py::arg("max_memory_bytes"));
    m.def("_cascade_summary", &cascade_summary_columns, py::arg("result"), py::arg("deadline"));

    m.def("_cascade", &run_cascade, py::arg("graph"), py::arg("sources"), py::arg("delay"), py::arg("delays"),
          py::arg("capacity"), py::arg("capacities"), py::arg("failure"), py::arg("failures"), py::arg("reps"),
          py::arg("seed"), py::arg("threads"), py::arg("max_memory_bytes"));
}

}  // namespace antq::python
