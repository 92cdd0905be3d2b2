// The simulation area: the directive cascade. Python hands over ids, selectors and JSON-like delay descriptions;
// the replications run in C++ with the GIL released.

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <antq/errors.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/simulation/cascade.hpp>

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

using BoundCascade = Bound<CascadeResult>;

Delay delay_of(const py::handle& spec, const std::string& where) {
    if (!py::isinstance<py::dict>(spec))
        throw InvalidInput("wrong_type", where, "expected a dict such as {\"dist\": \"constant\", \"value\": 1.0}");
    return Delay::parse(to_object(spec, where), where);
}

// Rules arrive as (Selector, value) pairs from antq/simulation.py, which has turned JSON selectors into Selectors.
std::vector<Rule<Delay>> delay_rules(const py::list& rules) {
    std::vector<Rule<Delay>> out;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto pair = rules[i].cast<py::tuple>();
        out.push_back({pair[0].cast<Selector>(), delay_of(pair[1], "delays[" + std::to_string(i) + "].delay")});
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

BoundCascade run_cascade(const GraphPtr& graph, const std::vector<std::string>& sources, const py::handle& delay,
                         const py::list& delays, double capacity, const py::list& capacities, double failure,
                         const py::list& failures, long long reps, long long seed, long long threads,
                         long long max_memory_bytes) {
    const OrgGraph& g = *graph_arg(graph);
    if (reps <= 0) throw InvalidInput("bad_value", "reps", "run at least one replication, found " + std::to_string(reps));
    if (threads <= 0) throw InvalidInput("bad_value", "threads", "use at least one thread, found " + std::to_string(threads));
    if (max_memory_bytes <= 0) throw InvalidInput("bad_value", "max_memory_bytes", "expected a number of bytes above 0");
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
    simulation::RunOptions options;
    options.reps = static_cast<std::size_t>(reps);
    options.seed = static_cast<std::uint64_t>(seed);
    options.threads = static_cast<unsigned>(std::min<long long>(threads, 1024));
    options.max_memory_bytes = static_cast<std::size_t>(max_memory_bytes);
    py::gil_scoped_release release;
    return BoundCascade{simulation::cascade(g, model, options), graph};
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

    m.def("_cascade", &run_cascade, py::arg("graph"), py::arg("sources"), py::arg("delay"), py::arg("delays"),
          py::arg("capacity"), py::arg("capacities"), py::arg("failure"), py::arg("failures"), py::arg("reps"),
          py::arg("seed"), py::arg("threads"), py::arg("max_memory_bytes"));
}

}  // namespace antq::python
