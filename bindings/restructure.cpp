// The restructure area: national lists and their loaders, change sets (format antq.changes), apply, diff, the
// timeline and the what-ifs, and the embedded national datasets. Registered after io: it returns OrgGraphs.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <antq/errors.hpp>
#include <antq/io/admin_list.hpp>
#include <antq/io/changes_json.hpp>
#include <antq/io/datasets.hpp>
#include <antq/restructure/apply.hpp>
#include <antq/restructure/compare.hpp>
#include <antq/restructure/detail/diff_rows.hpp>
#include <antq/restructure/diff.hpp>
#include <antq/restructure/timeline.hpp>
#include <antq/restructure/what_if.hpp>

#include "bound.hpp"
#include "columns.hpp"
#include "convert.hpp"
#include "init.hpp"
#include "text_codes.hpp"
#include "unit_strings.hpp"

namespace antq::python {

namespace {

AdminListFormat to_list_format(const std::string& name) {
    if (name == "table") return AdminListFormat::table;
    if (name == "upstream_csv") return AdminListFormat::upstream_csv;
    if (name == "upstream_json") return AdminListFormat::upstream_json;
    throw InvalidInput("unknown_format", "format", "expected 'table', 'upstream_csv' or 'upstream_json', not '" + name + "'");
}

const ChangeSet& changes_arg(const ChangeSet* changes, const char* what) {
    if (!changes) throw WrongArgumentType(what, "expected an antq.restructure.ChangeSet, found None");
    return *changes;
}

/** The result of apply(): its graph as a shared Python-held OrgGraph, the rest as plain values. */
struct PyApplied {
    GraphPtr graph;
    IdMap ids;
    std::size_t ties_reattached = 0;
    std::size_t ties_dropped = 0;
};

PyApplied wrap(Applied&& a) {
    return PyApplied{std::make_shared<OrgGraph>(std::move(a.graph)), std::move(a.ids), a.ties_reattached, a.ties_dropped};
}

}  // namespace

void init_restructure(py::module_& m) {
    // ---- national lists ----------------------------------------------------------------------------------------
    py::class_<AdminList>(m, "AdminList", "A national list of administrative units, checked row by row.")
        .def_readonly("source", &AdminList::source)
        .def("__len__", [](const AdminList& l) { return l.rows.size(); })
        .def("_rows", [](const AdminList& l) {
            std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>> out;
            out.reserve(l.rows.size());
            for (const AdminListRow& r : l.rows)
                out.emplace_back(r.code, r.name, std::string(to_string(r.level)), r.parent_code, r.type);
            return out;
        });
    m.def("parse_admin_list", [](const std::string& text, const std::string& format, const std::string& source,
                                 const std::optional<std::string>& unit_types) {
        switch (to_list_format(format)) {
            case AdminListFormat::table: return parse_admin_table(text, source);
            case AdminListFormat::upstream_csv: return parse_upstream_csv(text, source);
            case AdminListFormat::upstream_json:
                if (!unit_types)
                    throw InvalidInput("missing_field", "unit_types",
                                       "the upstream JSON needs the text of administrative_units.json beside it");
                return parse_upstream_json(text, *unit_types, source);
        }
        return AdminList{};
    }, py::arg("text"), py::arg("format"), py::arg("source"), py::arg("unit_types"), py::call_guard<py::gil_scoped_release>());
    m.def("load_admin_list", [](const std::filesystem::path& path, const std::string& format) {
        return load_admin_list(path, to_list_format(format));
    }, py::arg("path"), py::arg("format"), py::call_guard<py::gil_scoped_release>());
    m.def("admin_graph", [](const AdminList& list, const std::string& name, const std::string& as_of, bool with_bodies,
                            bool district_police) {
        AdminGraphOptions options;
        options.name = name;
        options.as_of = as_of;
        options.with_bodies = with_bodies;
        options.district_police = district_police;
        return std::make_shared<OrgGraph>(admin_graph(list, options));
    }, py::arg("list"), py::arg("name"), py::arg("as_of"), py::arg("with_bodies"), py::arg("district_police"),
       py::call_guard<py::gil_scoped_release>());

    // ---- change sets ---------------------------------------------------------------------------------------------
    {
        py::tuple kinds(all_operation_kinds.size());
        for (std::size_t i = 0; i < all_operation_kinds.size(); ++i) kinds[i] = py::str(std::string(to_string(all_operation_kinds[i])));
        m.attr("operation_kinds") = kinds;
    }
    py::class_<ChangeSet>(m, "ChangeSet", "A dated set of changes to a structure (format antq.changes).")
        .def_readonly("name", &ChangeSet::name)
        .def_readonly("date", &ChangeSet::date)
        .def_readonly("basis", &ChangeSet::basis)
        .def_readonly("structure", &ChangeSet::structure)
        .def_readonly("source", &ChangeSet::source)
        .def("__len__", [](const ChangeSet& c) { return c.operations.size(); })
        .def("_operation_kinds", [](const ChangeSet& c) {
            std::vector<std::string> out;
            for (const Operation& o : c.operations) out.emplace_back(to_string(o.kind));
            return out;
        })
        .def_static("load", [](const std::filesystem::path& p, std::uint64_t max_bytes) {
                        return load_changes(p, ReadLimits{max_bytes});
                    }, py::arg("path"), py::kw_only(), py::arg("max_bytes") = default_max_file_bytes,
                    py::call_guard<py::gil_scoped_release>())
        .def_static("loads", [](const std::string& text, const std::string& source) { return parse_changes(text, source); },
                    py::arg("text"), py::arg("source") = "<string>", py::call_guard<py::gil_scoped_release>())
        .def("dumps", &dump_changes)
        .def("save", [](const ChangeSet& c, const std::filesystem::path& p) { save_changes(c, p); }, py::arg("path"));

    py::class_<IdMap>(m, "IdMap", "Which unit of the graph before became which of the graph after.")
        .def("__len__", [](const IdMap& ids) { return ids.rows().size(); })
        .def("successors", &IdMap::successors, py::arg("before"))
        .def("predecessors", &IdMap::predecessors, py::arg("after"))
        .def("replacements", &IdMap::replacements)
        .def("_rows", [](const IdMap& ids) {
            std::vector<std::tuple<std::string, std::string, std::optional<double>, std::string>> out;
            out.reserve(ids.rows().size());
            for (const Succession& s : ids.rows()) out.emplace_back(s.before, s.after, s.share, s.how);
            return out;
        })
        .def("_columns", [](const IdMap& ids) {
            const std::size_t n = ids.rows().size();
            py::list before(static_cast<py::ssize_t>(n)), after(static_cast<py::ssize_t>(n));
            NumberColumn<double> share(n);
            CodedColumn how(n);
            for (std::size_t i = 0; i < n; ++i) {
                const Succession& s = ids.rows()[i];
                const auto row = static_cast<py::ssize_t>(i);
                before[row] = py::str(s.before);
                after[row] = s.after.empty() ? py::object(py::none()) : py::object(py::str(s.after));
                share.set(i, s.share.value_or(std::numeric_limits<double>::quiet_NaN()));
                how.set(i, s.how);
            }
            py::dict out;
            out["before"] = before;
            out["after"] = after;
            out["share"] = share.finish();
            out["how"] = how.finish_plain();
            return out;
        });

    py::class_<PyApplied>(m, "Applied", "The result of apply(): the graph after and the id map.")
        .def_readonly("graph", &PyApplied::graph)
        .def_readonly("ids", &PyApplied::ids)
        .def_readonly("ties_reattached", &PyApplied::ties_reattached)
        .def_readonly("ties_dropped", &PyApplied::ties_dropped);

    m.def("apply", [](const GraphPtr& graph, const ChangeSet* changes) {
        const OrgGraph& g = *graph_arg(graph);
        const ChangeSet& c = changes_arg(changes, "changes");
        py::gil_scoped_release release;
        return wrap(apply(g, c));
    }, py::arg("graph"), py::arg("changes"));

    // Columns, not rows: a national diff has thousands of rows, and pandas takes columns without a Python loop. The
    // core gives rows of indices into the two graphs; ids and names are the graphs' kept Python strings (UnitStrings),
    // a type one string per distinct text, and the categories come sorted, as pandas sorts them.
    m.def("diff", [](const GraphPtr& before, const GraphPtr& after, const IdMap* ids, bool territories_only) {
        const OrgGraph& a = *graph_arg(before, "before");
        const OrgGraph& b = *graph_arg(after, "after");
        const OrgGraph::ReadGuard reading_before(a), reading_after(b);  // the rows point into both graphs
        detail::DiffRows found;
        {
            py::gil_scoped_release release;
            found = detail::diff_rows(a, b, DiffOptions{ids, territories_only});
        }
        const std::vector<detail::DiffRow>& rows = found.rows;
        const std::size_t n = rows.size();
        SortedEnumColumn<detail::DiffChange, detail::diff_change_names.size()> change(
            n, [](detail::DiffChange c) { return detail::to_string(c); });
        SortedEnumColumn<UnitKind, unit_kind_count> kind(n, [](UnitKind k) { return to_string(k); });
        SortedEnumColumn<Level, all_levels.size()> level(n, [](Level l) { return to_string(l); });
        for (std::size_t i = 0; i < n; ++i) {
            change.set(i, rows[i].change);
            kind.set(i, rows[i].kind);
            level.set(i, rows[i].level);
        }
        UnitStrings strings_before(a), strings_after(b);
        auto strings = [&](detail::DiffText::Side side) -> UnitStrings<OrgGraph>& {
            return side == detail::DiffText::Side::before ? strings_before : strings_after;
        };
        // Every text as a borrowed reference to a string kept until the columns hold theirs.
        const py::str empty("");
        TextCodes type_codes;  // the types: a few distinct texts, one Python string each
        std::vector<std::string_view> type_texts;
        std::vector<py::object> type_strings;
        std::vector<py::object> successors;  // one string per merged or split row, made here
        successors.reserve(found.successors.size());
        for (const std::string& s : found.successors) successors.push_back(py::str(s));
        auto text = [&](const detail::DiffText& t) -> PyObject* {
            using Source = detail::DiffText::Source;
            switch (t.source) {
                case Source::empty: return empty.ptr();
                case Source::name: return strings(t.side).name(UnitIndex{t.index}).ptr();
                case Source::id: return strings(t.side).id(UnitIndex{t.index}).ptr();
                case Source::text: {
                    const std::string_view x = found.texts[t.index];
                    return type_strings[static_cast<std::size_t>(type_codes.code(x, type_texts, [&](std::string_view y) {
                        type_texts.push_back(y);
                        type_strings.push_back(py::str(y.data(), y.size()));
                    }))].ptr();
                }
                case Source::successors: return successors[t.index].ptr();
            }
            return empty.ptr();
        };
        py::dict out;
        out["change"] = change.finish();
        out["id"] = borrowed_object_column(n, [&](std::size_t i) { return strings(rows[i].side).id(rows[i].unit).ptr(); });
        out["kind"] = kind.finish();
        out["level"] = level.finish();
        out["before"] = borrowed_object_column(n, [&](std::size_t i) { return text(rows[i].before); });
        out["after"] = borrowed_object_column(n, [&](std::size_t i) { return text(rows[i].after); });
        return out;
    }, py::arg("before"), py::arg("after"), py::arg("ids"), py::arg("territories_only"));

    m.def("_compare", [](const CompiledDirective& before, const CompiledDirective& after) {
        const OrgGraph& a = before.current();
        const OrgGraph& b = after.current();
        Comparison c;
        {
            py::gil_scoped_release release;
            c = compare(before.result, a, after.result, b);
        }
        std::vector<std::tuple<std::string, std::string, double, double, std::uint32_t, std::uint32_t>> measures;
        for (const ComparedMeasure& x : c.measures)
            measures.emplace_back(x.section, x.measure, x.before, x.after, x.before_synthetic, x.after_synthetic);
        std::vector<std::tuple<std::string, std::string, bool, bool, bool, bool, bool>> pairs;
        for (const ComparedPair& p : c.pairs)
            pairs.emplace_back(p.lead, p.partner, p.before, p.after, p.gap_before, p.gap_after, p.synthetic);
        return py::make_tuple(measures, pairs, c.dropped);
    }, py::arg("before"), py::arg("after"));

    py::class_<Timeline>(m, "Timeline", "A base graph and the change sets after it: the graph on any date.")
        .def(py::init([](const GraphPtr& base, const std::vector<ChangeSet>& sets) {
            return Timeline(*graph_arg(base, "base"), sets);
        }), py::arg("base"), py::arg("change_sets"))
        .def("at", [](Timeline& t, const std::string& date) {
            py::gil_scoped_release release;
            return std::make_shared<OrgGraph>(t.at(date));
        }, py::arg("date"))
        .def_property_readonly("change_sets", &Timeline::change_sets)
        .def_property_readonly("base_date", &Timeline::base_date);

    m.def("remove_level", [](const GraphPtr& graph, const std::string& level, const std::string& date) {
        const OrgGraph& g = *graph_arg(graph);
        const Level l = to_level(level, "level");
        py::gil_scoped_release release;
        return wrap(remove_level(g, l, date));
    }, py::arg("graph"), py::arg("level"), py::arg("date"));
    m.def("merge", [](const GraphPtr& graph, const std::vector<std::string>& units, const std::string& into,
                      const std::string& name, const std::string& date) {
        const OrgGraph& g = *graph_arg(graph);
        py::gil_scoped_release release;
        return wrap(merge(g, units, into, name, date));
    }, py::arg("graph"), py::arg("units"), py::arg("into"), py::arg("name"), py::arg("date"));

    // ---- the embedded national datasets ------------------------------------------------------------------------------
    m.def("vietnam", [](const std::string& as_of, bool with_bodies) {
        return std::make_shared<OrgGraph>(datasets::vietnam(as_of, with_bodies));
    }, py::arg("as_of"), py::arg("with_bodies"), py::call_guard<py::gil_scoped_release>());
    m.def("vietnam_csv", [](const std::string& as_of) { return std::string(datasets::vietnam_csv(as_of)); },
          py::arg("as_of"));
    m.def("reform_2025", &datasets::reform_2025, py::call_guard<py::gil_scoped_release>());
    m.def("reform_2025_json", [] { return std::string(datasets::reform_2025_json()); });
}

}  // namespace antq::python
