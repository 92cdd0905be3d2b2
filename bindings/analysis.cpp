// The analysis area: hierarchy queries on the graph and on its frozen view, and the analyses of a compiled directive
// (reach, load, coordination, accountability, oversight), added to the classes the graph and directive areas register.

#include <algorithm>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <antq/analysis/accountability.hpp>
#include <antq/analysis/coordination.hpp>
#include <antq/analysis/hierarchy.hpp>
#include <antq/analysis/load.hpp>
#include <antq/analysis/oversight.hpp>
#include <antq/analysis/provenance.hpp>
#include <antq/analysis/reach.hpp>
#include <antq/errors.hpp>

#include "bound.hpp"
#include "convert.hpp"
#include "frozen_args.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

std::vector<std::string> ids_of(const OrgGraph& g, const std::vector<UnitIndex>& units) {
    std::vector<std::string> out;
    out.reserve(units.size());
    for (UnitIndex u : units) out.push_back(g.unit(u).id);
    return out;
}

// The forwarding paths of a reach analysis, computed when asked for: a national graph has tens of
// thousands of reached units, and most callers look at a few.
struct ReachPaths : Bound<ReachResult> {
    std::vector<UnitIndex> keys;  // reached bound units, in index order

    std::vector<std::string> path(const std::string& id) const {
        const OrgGraph& g = current();
        const auto u = g.find(id);
        if (!u || !std::binary_search(keys.begin(), keys.end(), *u))
            throw NotFound("unknown_unit", "'" + id + "'", "not a reached bound unit");
        std::vector<std::string> out;
        for (UnitIndex p : result.path_to(*u)) out.push_back(g.unit(p).id);
        return out;
    }
};

using ViewWalk = std::vector<UnitIndex> (*)(const FrozenGraph&, UnitIndex, TieKind);

// A walk on the frozen view from a unit id or index along a tie kind, as an index array, the GIL released.
template <ViewWalk walk>
py::array_t<std::int64_t> walk_on_view(const FrozenGraph& f, const py::object& unit, const std::string& kind) {
    const UnitIndex u = frozen_unit(f, unit, "unit");
    const TieKind k = to_tie_kind(kind, "kind");
    std::vector<UnitIndex> out;
    {
        py::gil_scoped_release release;
        out = walk(f, u, k);
    }
    return index_array(out);
}

}  // namespace

void init_analysis(py::module_& m) {
    auto graph = py::reinterpret_borrow<py::class_<OrgGraph, std::shared_ptr<OrgGraph>>>(m.attr("OrgGraph"));
    graph
        .def("ancestors", [](const OrgGraph& g, const UnitId& id, const std::string& kind) {
            return ids_of(g, ancestors(g, g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("descendants", [](const OrgGraph& g, const UnitId& id, const std::string& kind) {
            return ids_of(g, descendants(g, g.index_of(id), to_tie_kind(kind, "kind")));
        }, py::arg("id"), py::arg("kind") = "contains")
        .def("subtree", [](const OrgGraph& g, const UnitId& id) { return ids_of(g, subtree(g, g.index_of(id))); },
             py::arg("id"))
        .def("chains_of_command", [](const OrgGraph& g, const UnitId& id, std::size_t max_paths) {
            std::vector<std::vector<std::string>> out;
            for (const auto& path : chains_of_command(g, g.index_of(id), max_paths)) out.push_back(ids_of(g, path));
            return out;
        }, py::arg("id"), py::arg("max_paths") = 1024)
        .def("provenance", [](const OrgGraph& g) {
            const Provenance p = provenance(g);
            py::list by_kind;
            for (const auto& c : p.by_kind) {
                py::dict row;
                row["kind"] = std::string(to_string(c.kind));
                row["level"] = std::string(to_string(c.level));
                row["units"] = c.units;
                row["synthetic"] = c.synthetic;
                by_kind.append(row);
            }
            py::dict out;
            out["units"] = p.units;
            out["synthetic"] = p.synthetic;
            out["code_unknown"] = p.code_unknown;
            out["by_kind"] = by_kind;
            out["assumed"] = p.assumed;
            out["ties_assumed"] = p.ties_assumed;
            out["synthetic_note"] = p.synthetic_note;
            out["assumptions"] = p.assumptions;
            out["any"] = p.any();
            return out;
        });

    // On the frozen view: the same walks, unit ids or indices in and index arrays out, as the view's other calls.
    auto frozen = py::reinterpret_borrow<py::class_<FrozenGraph, std::shared_ptr<FrozenGraph>>>(m.attr("FrozenGraph"));
    frozen
        .def("ancestors", walk_on_view<ancestors>, py::arg("unit"), py::arg("kind") = "contains")
        .def("descendants", walk_on_view<descendants>, py::arg("unit"), py::arg("kind") = "contains")
        .def("chains_of_command", [](const FrozenGraph& f, const py::object& unit, std::size_t max_paths) {
            const UnitIndex u = frozen_unit(f, unit, "unit");
            std::vector<std::vector<UnitIndex>> chains;
            {
                py::gil_scoped_release release;
                chains = chains_of_command(f, u, max_paths);
            }
            py::list out;
            for (const auto& chain : chains) out.append(index_array(chain));
            return out;
        }, py::arg("unit"), py::arg("max_paths") = 1024);

    auto responsibilities = py::reinterpret_borrow<py::class_<CompiledDirective>>(m.attr("Responsibilities"));
    responsibilities
        .def("reach", [](const CompiledDirective& c) {
            ReachPaths paths{{reach(c.result, c.current()), c.graph}, {}};
            for (UnitIndex b : paths.result.bound)
                if (paths.result.reached(b)) paths.keys.push_back(b);
            py::dict out;
            out["recipients"] = c.ids(paths.result.recipients);
            out["bound"] = c.ids(paths.result.bound);
            out["unreached"] = c.ids(paths.result.unreached);
            out["paths"] = std::move(paths);
            return out;
        })
        .def("load", [](const CompiledDirective& c) {
            const OrgGraph& g = c.current();
            const LoadResult r = load(c.result, g);
            py::dict per_unit;
            for (const auto& e : r.units) {
                py::dict roles;
                for (Role role : all_roles) roles[py::str(std::string(to_string(role)))] = e.roles[static_cast<std::size_t>(role)];
                per_unit[py::str(c.id(e.unit))] = roles;
            }
            py::dict by_level;
            for (Level l : all_levels) {
                py::dict roles;
                for (Role role : all_roles)
                    roles[py::str(std::string(to_string(role)))] = r.by_level[static_cast<std::size_t>(l)][static_cast<std::size_t>(role)];
                by_level[py::str(std::string(to_string(l)))] = roles;
            }
            py::dict out;
            out["units"] = per_unit;
            out["by_level"] = by_level;
            std::vector<std::string> top;
            for (const auto& e : r.most_loaded(10)) top.push_back(c.id(e.unit));
            out["most_loaded"] = top;
            return out;
        })
        .def("coordination", [](const CompiledDirective& c) {
            const CoordinationResult r = coordination(c.result, c.current());
            py::list pairs;
            for (const auto& p : r.pairs) {
                py::dict d;
                d["lead"] = c.id(p.lead);
                d["partner"] = c.id(p.partner);
                std::vector<std::string> clauses, ties;
                for (auto t : p.tasks) clauses.push_back(c.clause(t));
                for (auto k : p.ties) ties.push_back(std::string(to_string(k)));
                d["tasks"] = clauses;
                d["ties"] = ties;
                d["gap"] = p.is_gap();
                pairs.append(d);
            }
            return pairs;
        })
        .def("accountability", [](const CompiledDirective& c, const UnitId& unit) {
            const OrgGraph& g = c.current();
            const UnitAccountability a = accountability(g, g.index_of(unit), g.index_of(c.result.directive().issuer));
            py::dict out;
            out["unit"] = static_cast<const std::string&>(unit);
            out["head"] = c.optional_id(a.head);
            out["chain"] = c.ids(a.chain);
            py::list heads;
            for (const auto& h : a.chain_heads) heads.append(c.optional_id(h));
            out["chain_heads"] = heads;
            return out;
        }, py::arg("unit"))
        .def("task_accountability", [](const CompiledDirective& c, const std::string& clause) {
            const OrgGraph& g = c.current();
            const TaskAccountability a = accountability(c.result, g, c.result.task_index(clause));
            py::dict out;
            for (Level l : all_levels) {
                const auto& rows = a.by_level[static_cast<std::size_t>(l)];
                if (rows.empty()) continue;
                py::list list;
                for (const auto& [u, head] : rows) list.append(py::make_tuple(c.id(u), c.optional_id(head)));
                out[py::str(std::string(to_string(l)))] = list;
            }
            return out;
        }, py::arg("clause"))
        .def("oversight", [](const CompiledDirective& c) {
            const OversightResult r = oversight(c.result, c.current());
            py::dict monitors;
            for (const auto& mon : r.monitors) monitors[py::str(c.id(mon.unit))] = c.ids(mon.watches);
            py::dict out;
            out["monitors"] = monitors;
            out["unmonitored"] = c.ids(r.unmonitored);
            return out;
        });

    py::class_<ReachPaths>(m, "_ReachPaths", "Forwarding paths by reached bound unit, computed on demand.")
        .def("__len__", [](const ReachPaths& p) { return p.keys.size(); })
        .def("__getitem__", &ReachPaths::path)
        .def("__contains__", [](const ReachPaths& p, const std::string& id) {
            const auto u = p.current().find(id);
            return u && std::binary_search(p.keys.begin(), p.keys.end(), *u);
        })
        .def("_keys", [](const ReachPaths& p) {
            const OrgGraph& g = p.current();
            std::vector<std::string> out;
            for (UnitIndex u : p.keys) out.push_back(g.unit(u).id);
            return out;
        });
}

}  // namespace antq::python
