// The measures area: structure, Krackhardt's dimensions, the graph kernels on typed views and the measures of a
// compiled directive, as column dicts for antq.measures (python/antq/measures.py makes the DataFrames).

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/stl.h>

#include <antq/errors.hpp>
#include <antq/measures/centrality.hpp>
#include <antq/measures/connectivity.hpp>
#include <antq/measures/krackhardt.hpp>
#include <antq/measures/responsibility_measures.hpp>
#include <antq/measures/structure.hpp>

#include "bound.hpp"
#include "columns.hpp"
#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

std::vector<TieKind> tie_kinds_of(const std::vector<std::string>& names, const char* where) {
    std::vector<TieKind> out;
    for (const auto& n : names) out.push_back(to_tie_kind(n, where));
    return out;
}

TieView view_of(const std::vector<std::string>& ties, bool directed, const std::optional<Selector>& units) {
    return TieView{tie_kinds_of(ties, "ties"), directed, units};
}

using FrozenHolder = std::shared_ptr<FrozenGraph>;  // as graph.cpp binds antq.FrozenGraph

// A measures call takes either graph: the OrgGraph (None arrives here as an empty pointer) or its frozen view.
const OrgGraph& graph_of(const GraphPtr& graph) {
    if (!graph) throw WrongArgumentType("graph", "expected an antq.OrgGraph or an antq.FrozenGraph, found None");
    return *graph;
}
const FrozenGraph& graph_of(const FrozenHolder& graph) { return *graph; }

// Registers `call(graph, rest...)` twice, for an OrgGraph and for a FrozenGraph: one overload each, so a wrong type
// is reported with both signatures.
template <class... Rest, class Call, class... Extra>
void def_on_graphs(py::module_& m, const char* name, Call call, const Extra&... extra) {
    m.def(name, [call](const GraphPtr& graph, Rest... rest) { return call(graph_of(graph), rest...); }, extra...);
    m.def(name, [call](const FrozenHolder& graph, Rest... rest) { return call(graph_of(graph), rest...); }, extra...);
}

// The unit of each row, `unit_of(row)`, as plain strings (own_unit_column): a categorical of unique ids would have a
// category per row and cost pandas a validation of every one (most of a national betweenness call's time).
template <class G, class Rows, class UnitOf>
py::array unit_column(const G& g, const Rows& rows, UnitOf&& unit_of) {
    UnitStrings strings(g);
    return own_unit_column(strings, rows.size(), [&](std::size_t i) { return unit_of(rows[i]); });
}
const auto itself = [](UnitIndex u) { return u; };

template <class T, class Rows, class Get>
py::array_t<T> numbers(const Rows& rows, Get&& get) {
    NumberColumn<T> column(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) column.set(i, static_cast<T>(get(rows[i])));
    return column.finish();
}

template <class G, class Rows, class Get>
py::tuple units_of(const G& g, const Rows& rows, Get&& get) {
    BasicUnitColumn<G> column(g, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) column.set(i, optional_unit(get(rows[i])));
    return column.finish();
}

template <class G>
py::dict structure_columns(const G& g, const StructureMeasures& s) {
    using Body = StructureMeasures::Body;
    py::dict bodies;
    bodies["unit"] = unit_column(g, s.bodies, [](const Body& b) { return b.unit; });
    bodies["subordinates"] = numbers<std::uint32_t>(s.bodies, [](const Body& b) { return b.subordinates; });
    bodies["superiors"] = numbers<std::uint32_t>(s.bodies, [](const Body& b) { return b.superiors; });
    bodies["depth"] = numbers<std::uint32_t>(s.bodies, [](const Body& b) { return b.depth; });
    bodies["chains"] = numbers<std::uint64_t>(s.bodies, [](const Body& b) { return b.chains; });
    py::dict territories;
    using Territory = StructureMeasures::Territory;
    territories["unit"] = unit_column(g, s.territories, [](const Territory& t) { return t.unit; });
    territories["bodies"] = numbers<std::uint32_t>(s.territories, [](const Territory& t) { return t.bodies; });
    py::dict heads;
    using Head = StructureMeasures::Head;
    heads["unit"] = unit_column(g, s.heads, [](const Head& h) { return h.unit; });
    heads["bodies"] = numbers<std::uint32_t>(s.heads, [](const Head& h) { return h.bodies; });
    heads["answers_for"] = numbers<std::uint32_t>(s.heads, [](const Head& h) { return h.answers_for; });
    py::dict levels;
    std::vector<std::string> names;
    for (Level l : all_levels) names.emplace_back(to_string(l));
    using F = StructureMeasures::LevelFigures;
    const std::vector<F> figures(s.levels.begin(), s.levels.end());
    levels["level"] = names;
    levels["bodies"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.bodies; });
    levels["directing"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.directing; });
    levels["mean_span"] = numbers<double>(figures, [](const F& f) { return f.mean_span; });
    levels["max_span"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.max_span; });
    levels["subordinate"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.subordinate; });
    levels["dual"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.dual; });
    levels["dual_share"] = numbers<double>(figures, [](const F& f) { return f.dual_share; });
    levels["mean_depth"] = numbers<double>(figures, [](const F& f) { return f.mean_depth; });
    levels["max_depth"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.max_depth; });
    levels["territories"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.territories; });
    levels["mean_bodies_per_territory"] = numbers<double>(figures, [](const F& f) { return f.mean_bodies_per_territory; });
    levels["heads"] = numbers<std::uint32_t>(figures, [](const F& f) { return f.heads; });
    levels["mean_answers_for"] = numbers<double>(figures, [](const F& f) { return f.mean_answers_for; });
    py::dict out;
    out["bodies"] = bodies;
    out["territories"] = territories;
    out["heads"] = heads;
    out["levels"] = levels;
    out["max_depth"] = s.max_depth;
    out["dual_share"] = s.dual_share;
    return out;
}

py::dict responsibility_columns(const CompiledDirective& c, const ResponsibilityMeasures& m) {
    const OrgGraph& g = *c.graph;
    using U = ResponsibilityMeasures::Unit;
    using T = ResponsibilityMeasures::Task;
    py::dict units;
    units["unit"] = unit_column(g, m.units, [](const U& u) { return u.unit; });
    units["tasks"] = numbers<std::uint32_t>(m.units, [](const U& u) { return u.tasks; });
    for (Role role : all_roles)
        units[py::str(std::string(to_string(role)))] =
            numbers<std::uint32_t>(m.units, [role](const U& u) { return u.roles[static_cast<std::size_t>(role)]; });
    units["share"] = numbers<double>(m.units, [](const U& u) { return u.share; });
    units["exclusivity"] = numbers<double>(m.units, [](const U& u) { return u.exclusivity; });
    py::dict tasks;
    std::vector<std::string> clauses;
    for (const T& t : m.tasks) clauses.push_back(c.clause(t.task));
    tasks["clause"] = clauses;
    tasks["units"] = numbers<std::uint32_t>(m.tasks, [](const T& t) { return t.units; });
    for (Role role : all_roles)
        tasks[py::str(std::string(to_string(role)))] =
            numbers<std::uint32_t>(m.tasks, [role](const T& t) { return t.roles[static_cast<std::size_t>(role)]; });
    tasks["redundancy"] = numbers<std::uint32_t>(m.tasks, [](const T& t) { return t.redundancy; });
    tasks["lead_territories"] = numbers<std::uint32_t>(m.tasks, [](const T& t) { return t.lead_territories; });
    tasks["duplicate_leads"] = numbers<std::uint32_t>(m.tasks, [](const T& t) { return t.duplicate_leads; });
    tasks["leads_reached"] = numbers<std::uint32_t>(m.tasks, [](const T& t) { return t.leads_reached; });
    tasks["orphan"] = numbers<bool>(m.tasks, [](const T& t) { return t.orphan; });
    py::dict out;
    out["units"] = units;
    out["tasks"] = tasks;
    out["issuer"] = c.id(m.issuer);
    out["redundancy"] = m.redundancy;
    return out;
}

LubReading lub_reading(const std::string& name) {
    if (name == "krackhardt") return LubReading::krackhardt;
    if (name == "sna") return LubReading::sna;
    throw InvalidInput("bad_option", "lub", "expected 'krackhardt' or 'sna', found '" + name + "'");
}

}  // namespace

void init_measures(py::module_& m) {
    def_on_graphs<>(m, "structure", [](const auto& graph) {
        StructureMeasures s = [&] {
            py::gil_scoped_release release;
            return structure(graph);
        }();
        return structure_columns(graph, s);
    }, py::arg("graph"));

    def_on_graphs<const std::vector<std::string>&, bool, const std::optional<Selector>&, const std::string&, std::size_t>(
        m, "krackhardt", [](const auto& graph, const std::vector<std::string>& ties, bool directed,
                            const std::optional<Selector>& units, const std::string& lub, std::size_t max_component) {
        KrackhardtOptions options;
        options.lub = lub_reading(lub);
        options.max_component = max_component;
        const TieView view = view_of(ties, directed, units);
        KrackhardtScores s = [&] {
            py::gil_scoped_release release;
            return krackhardt(graph, view, options);
        }();
        py::dict out;
        out["connectedness"] = s.connectedness;
        out["hierarchy"] = s.hierarchy;
        out["efficiency"] = s.efficiency;
        out["lubness"] = s.lubness;
        out["units"] = s.units;
        out["arcs"] = s.arcs;
        return out;
    }, py::arg("graph"), py::arg("ties"), py::arg("directed") = true, py::arg("units") = std::nullopt,
       py::arg("lub") = "krackhardt", py::arg("max_component") = 20'000);

    def_on_graphs<const std::vector<std::string>&, bool, const std::optional<Selector>&, bool, std::optional<std::size_t>,
                  std::uint64_t, const std::vector<std::string>&>(
        m, "betweenness", [](const auto& graph, const std::vector<std::string>& ties, bool directed,
                             const std::optional<Selector>& units, bool normalized, std::optional<std::size_t> samples,
                             std::uint64_t seed, const std::vector<std::string>& sources) {
        BetweennessOptions options;
        options.normalized = normalized;
        options.samples = samples;
        options.seed = seed;
        for (const auto& id : sources) options.sources.push_back(graph.index_of(id));
        const TieView view = view_of(ties, directed, units);
        BetweennessResult r = [&] {
            py::gil_scoped_release release;
            return betweenness(graph, view, options);
        }();
        py::dict out;
        out["unit"] = unit_column(graph, r.units, itself);
        out["betweenness"] = numbers<double>(r.betweenness, [](double b) { return b; });
        return py::make_tuple(out, r.sources);
    }, py::arg("graph"), py::arg("ties"), py::arg("directed") = true, py::arg("units") = std::nullopt,
       py::arg("normalized") = false, py::arg("samples") = std::nullopt, py::arg("seed") = 0,
       py::arg("sources") = std::vector<std::string>{});

    def_on_graphs<const std::vector<std::string>&, bool, const std::optional<Selector>&, const std::string&>(
        m, "components", [](const auto& graph, const std::vector<std::string>& ties, bool directed,
                            const std::optional<Selector>& units, const std::string& connection) {
        if (connection != "weak" && connection != "strong")
            throw InvalidInput("bad_option", "connection", "expected 'weak' or 'strong', found '" + connection + "'");
        const TieView view = view_of(ties, directed, units);
        ComponentsResult r = [&] {
            py::gil_scoped_release release;
            return components(graph, view, connection == "weak" ? Connection::weak : Connection::strong);
        }();
        py::dict out;
        out["unit"] = unit_column(graph, r.units, itself);
        out["component"] = numbers<std::uint32_t>(r.component, [](std::uint32_t c) { return c; });
        return out;
    }, py::arg("graph"), py::arg("ties"), py::arg("directed") = true, py::arg("units") = std::nullopt,
       py::arg("connection") = "weak");

    // `articulation_points`, `bridges`: which tables to hand over (antq.measures.articulation_points() needs one).
    def_on_graphs<const std::vector<std::string>&, const std::optional<Selector>&, bool, bool>(
        m, "cuts", [](const auto& g, const std::vector<std::string>& ties, const std::optional<Selector>& units,
                      bool articulation_points, bool bridges) {
        const TieView view = view_of(ties, false, units);
        CutResult r = [&] {
            py::gil_scoped_release release;
            return cuts(g, view);
        }();
        py::dict out;
        if (articulation_points) {
            py::dict points;
            points["unit"] = unit_column(g, r.articulation_points, [](const ArticulationPoint& p) { return p.unit; });
            points["pieces"] = numbers<std::uint32_t>(r.articulation_points, [](const ArticulationPoint& p) { return p.pieces; });
            out["articulation_points"] = points;
        }
        if (bridges) {
            py::dict links;
            links["source"] = units_of(g, r.bridges, [](const Bridge& b) { return b.source; });
            links["target"] = units_of(g, r.bridges, [](const Bridge& b) { return b.target; });
            links["ties"] = numbers<std::uint32_t>(r.bridges, [](const Bridge& b) { return b.ties; });
            links["separated"] = numbers<std::uint32_t>(r.bridges, [](const Bridge& b) { return b.separated; });
            out["bridges"] = links;
        }
        return out;
    }, py::arg("graph"), py::arg("ties"), py::arg("units") = std::nullopt, py::arg("articulation_points") = true,
       py::arg("bridges") = true);

    def_on_graphs<const std::string&, const std::vector<std::string>&, bool, const std::optional<Selector>&>(
        m, "cuts_from", [](const auto& g, const std::string& source, const std::vector<std::string>& ties,
                           bool directed, const std::optional<Selector>& units) {
        const UnitIndex s = g.index_of(source);
        const TieView view = view_of(ties, directed, units);
        SourceCutResult r = [&] {
            py::gil_scoped_release release;
            return cuts_from(g, s, view);
        }();
        py::dict cut_units;
        cut_units["unit"] = unit_column(g, r.units, [](const SourceCut& c) { return c.unit; });
        cut_units["cut_off"] = numbers<std::uint32_t>(r.units, [](const SourceCut& c) { return c.cut_off; });
        py::dict cut_ties;
        cut_ties["source"] = units_of(g, r.ties, [](const SourceCut& c) { return c.unit; });
        cut_ties["target"] = units_of(g, r.ties, [](const SourceCut& c) { return c.target; });
        cut_ties["cut_off"] = numbers<std::uint32_t>(r.ties, [](const SourceCut& c) { return c.cut_off; });
        py::dict out;
        out["source"] = source;
        out["reached"] = r.reached;
        out["units"] = cut_units;
        out["ties"] = cut_ties;
        return out;
    }, py::arg("graph"), py::arg("source"), py::arg("ties"), py::arg("directed") = true, py::arg("units") = std::nullopt);

    m.def("responsibility_measures", [](const CompiledDirective& c) {
        const OrgGraph& g = c.current();
        ResponsibilityMeasures r = [&] {
            py::gil_scoped_release release;
            return responsibility_measures(c.result, g);
        }();
        return responsibility_columns(c, r);
    }, py::arg("table"));

    m.def("congruence", [](const CompiledDirective& c, const std::vector<std::string>& ties) {
        const OrgGraph& g = c.current();
        const std::vector<TieKind> kinds = tie_kinds_of(ties, "ties");
        Congruence r = [&] {
            py::gil_scoped_release release;
            return congruence(c.result, g, kinds);
        }();
        py::dict out;
        out["units"] = r.units;
        out["required"] = r.required;
        out["tied"] = r.tied;
        out["covered"] = r.covered;
        out["gaps"] = r.gaps;
        out["unrequired"] = r.unrequired;
        out["congruence"] = r.congruence;
        out["coverage"] = r.coverage;
        return out;
    }, py::arg("table"), py::arg("ties") = std::vector<std::string>{});
}

}  // namespace antq::python
