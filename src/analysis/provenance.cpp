#include <algorithm>
#include <map>
#include <string_view>

#include <antq/analysis/provenance.hpp>

namespace antq {

namespace {

bool flag_is(const Object& attributes, std::string_view key, bool value) {
    const Value* v = attributes.find(key);
    return v && v->type() == Value::Type::boolean && v->as_bool() == value;
}

constexpr std::string_view assumed_suffix = "_assumed";

}  // namespace

Provenance provenance(const OrgGraph& graph) {
    const OrgGraph::ReadGuard reading(graph);
    Provenance out;
    std::map<std::pair<UnitKind, Level>, Provenance::Count> by_kind;
    std::map<std::string, std::uint32_t, std::less<>> assumed;
    for (UnitIndex u : graph.units()) {
        const Unit& unit = graph.unit(u);
        const bool synthetic = unit.is_synthetic();
        ++out.units;
        out.synthetic += synthetic;
        out.code_unknown += flag_is(unit.attributes, "code_known", false);
        auto& count = by_kind.try_emplace({unit.kind, unit.level}, Provenance::Count{unit.kind, unit.level}).first->second;
        ++count.units;
        count.synthetic += synthetic;
        for (const auto& [key, value] : unit.attributes)
            if (key.size() > assumed_suffix.size() && key.ends_with(assumed_suffix) &&
                value.type() == Value::Type::boolean && value.as_bool())
                ++assumed[key];
    }
    for (TieIndex t : graph.ties())
        out.ties_assumed += graph.tie(t).attributes.find("assumption") != nullptr;
    for (auto& [_, count] : by_kind) out.by_kind.push_back(count);
    out.assumed.assign(assumed.begin(), assumed.end());
    const Object& own = graph.attributes();
    if (const Value* note = own.find("synthetic"); note && note->type() == Value::Type::string)
        out.synthetic_note = note->as_string();
    if (const Value* list = own.find("assumptions")) {
        if (list->type() == Value::Type::string) out.assumptions.push_back(list->as_string());
        if (list->type() == Value::Type::array)
            for (const Value& item : list->as_array())
                if (item.type() == Value::Type::string) out.assumptions.push_back(item.as_string());
    }
    return out;
}

}  // namespace antq
