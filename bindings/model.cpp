// The vocabularies and the administrative structure: Python reads every word list from here, never retypes one.

#include <span>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <antq/directive/follow_up.hpp>
#include <antq/directive/progress.hpp>
#include <antq/directive/role.hpp>
#include <antq/evaluation/unit_result.hpp>
#include <antq/model/level.hpp>
#include <antq/model/structure.hpp>
#include <antq/model/text.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/movement/grassroots.hpp>
#include <antq/movement/models.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

/** A vocabulary as a tuple of its names, in the C++ order. */
template <class Values>
py::tuple names(const Values& values) {
    py::list out;
    for (const auto& v : values) out.append(py::str(std::string(to_string(v))));
    return py::tuple(out);
}

py::tuple names_of(std::span<const std::string_view> words) {
    py::list out;
    for (std::string_view w : words) out.append(py::str(std::string(w)));
    return py::tuple(out);
}

std::vector<std::string> level_names(std::span<const Level> levels) {
    std::vector<std::string> out;
    for (Level l : levels) out.emplace_back(to_string(l));
    return out;
}

}  // namespace

void init_model(py::module_& m) {
    m.attr("unit_kinds") = names_of(detail::unit_kind_names);
    m.attr("territory_kinds") = [] {
        py::list out;
        for (std::size_t k = 0; k < unit_kind_count; ++k)
            if (is_territory(static_cast<UnitKind>(k))) out.append(py::str(std::string(detail::unit_kind_names[k])));
        return py::tuple(out);
    }();
    m.attr("tie_kinds") = names_of(detail::tie_kind_names);
    m.attr("levels") = names(all_levels);
    m.attr("roles") = names(all_roles);
    m.attr("progress_statuses") = names(all_progress_statuses);
    m.attr("duty_states") = names(all_duty_states);
    m.attr("title_outcomes") = names(all_title_outcomes);
    m.attr("dossier_statuses") = names(all_dossier_statuses);
    m.attr("model_statuses") = names(all_model_statuses);
    m.attr("model_actions") = names_of(model_actions);
    m.attr("team_plan_levels") = names(team_plan_levels);
    m.def("name_key", &name_key, py::arg("name"));

    py::class_<AdministrativeStructure>(m, "AdministrativeStructure",
                                        "Which territorial levels exist, which may contain which, and GSO code widths.")
        .def_static("preset", &AdministrativeStructure::preset, py::arg("id"), py::return_value_policy::reference)
        .def_static("presets", [] {
            std::vector<std::string> out;
            for (const AdministrativeStructure* s : AdministrativeStructure::presets()) out.push_back(s->id());
            return out;
        })
        .def_property_readonly("id", &AdministrativeStructure::id)
        .def_property_readonly("label", &AdministrativeStructure::label)
        .def_property_readonly("levels", [](const AdministrativeStructure& s) { return level_names(s.levels()); })
        .def("may_contain", [](const AdministrativeStructure& s, const std::string& outer, const std::string& inner) {
            return s.may_contain(to_level(outer, "outer"), to_level(inner, "inner"));
        }, py::arg("outer"), py::arg("inner"))
        .def("containers_of", [](const AdministrativeStructure& s, const std::string& inner) {
            return level_names(s.containers_of(to_level(inner, "inner")));
        }, py::arg("inner"))
        .def("code_digits", [](const AdministrativeStructure& s, const std::string& level) {
            return s.code_digits(to_level(level, "level"));
        }, py::arg("level"))
        .def("__eq__", [](const AdministrativeStructure& a, const AdministrativeStructure& b) { return a == b; },
             py::is_operator())
        .def("__hash__", [](const AdministrativeStructure& s) { return py::hash(py::str(s.id())); })
        .def("__repr__", [](const AdministrativeStructure& s) { return "<antq.AdministrativeStructure '" + s.id() + "'>"; });
}

}  // namespace antq::python
