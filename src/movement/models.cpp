// Self-managed security models (HD 22/HD-BCA-V05): the registry, its operations and counts, and the JSON
// format "antq.models" version 1.

#include <algorithm>
#include <climits>
#include <string>
#include <unordered_set>
#include <utility>

#include <antq/errors.hpp>
#include <antq/movement/models.hpp>
#include <antq/model/text.hpp>

#include "model/detail/dates.hpp"

namespace antq {

namespace {

std::string model_place(std::string_view id) { return "model '" + std::string(id) + "'"; }

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A date for a new event of `m`: ISO, and not before the model's last event.
void check_event_date(const Model& m, std::string_view date) {
    if (date.empty() || !detail::iso_days(date))
        throw InvalidInput("bad_date", model_place(m.id), "'" + std::string(date) + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
    if (!m.history.empty() && date < m.history.back().date)
        throw InvalidInput("bad_date", model_place(m.id),
                           std::string(date) + " is earlier than the model's last event (" + m.history.back().date + ")");
}

// The territory a unit stands for: itself, the territory a body serves, the territory of a post's body.
UnitIndex area_of(const OrgGraph& graph, UnitIndex u, const std::string& place) {
    const auto area = graph.area(u);
    if (!area) throw InvalidInput("no_area", place, "unit '" + graph.unit(u).id + "' is tied to no territory");
    return *area;
}

void add_to(ModelTally& t, std::size_t points, std::int64_t teams) {
    t.models += 1;
    t.points += points;
    t.teams += teams;
}

// A history must tell how its model came to be what it is; `p` is the model's JSON pointer.
void check_history(const Model& m, const std::string& p) {
    auto fail = [](const char* tag, const std::string& where, const std::string& what) {
        throw InvalidInput(tag, where, what);
    };
    const std::string hp = p + "/history";
    if (m.history.empty()) fail("bad_history", hp, "a model's history starts with its 'created' event");
    std::vector<std::string> points;
    for (std::size_t i = 0; i < m.history.size(); ++i) {
        const ModelEvent& e = m.history[i];
        const std::string ep = hp + "/" + std::to_string(i);
        if (i > 0 && e.date < m.history[i - 1].date)
            fail("bad_date", ep + "/date",
                   e.date + " is earlier than the previous event (" + m.history[i - 1].date + "): history goes oldest first");
        if ((i == 0) != (e.action == "created"))
            fail("bad_history", ep + "/action",
                   i == 0 ? "the first event must be 'created'" : "a model is created once, by its first event");
        if (e.action == "eliminated" && i + 1 != m.history.size())
            fail("bad_history", ep + "/action", "nothing happens to a model after it is eliminated");
        const bool adds_points = e.action == "created" || e.action == "replicated";
        if (adds_points && e.units.empty())
            fail("bad_history", ep + "/units", "a '" + e.action + "' event lists the points it added");
        if (!adds_points && !e.units.empty())
            fail("bad_history", ep + "/units", "a '" + e.action + "' event adds no points");
        points.insert(points.end(), e.units.begin(), e.units.end());
    }
    if (points != m.points)
        fail("bad_history", p + "/points",
               "the points must be the units of the 'created' and 'replicated' events, in order");
    if ((m.status == ModelStatus::dissolved) != (m.history.back().action == "eliminated"))
        fail("bad_history", p + "/status",
               m.status == ModelStatus::dissolved ? "a dissolved model's last event is 'eliminated'"
                                                  : "an eliminated model is dissolved");
}

}  // namespace

// ---- the registry --------------------------------------------------------------------------------------------

ModelRegistry ModelRegistry::restore(std::string name, std::vector<Model> models) {
    ModelRegistry registry;
    registry.set_name(std::move(name));
    for (std::size_t i = 0; i < models.size(); ++i) {
        const std::string p = "/models/" + std::to_string(i);
        check_history(models[i], p);
        if (!registry.m_index.emplace(models[i].id, registry.m_models.size()).second)
            throw InvalidInput("duplicate_model", p + "/id", "model '" + models[i].id + "' appears twice");
        registry.m_models.push_back(std::move(models[i]));
    }
    return registry;
}

void ModelRegistry::set_name(std::string name) { m_name = to_nfc(name, "registry name"); }

const Model* ModelRegistry::find(std::string_view id) const noexcept {
    // Ids are kept in NFC, as the reader reads them: another spelling of the same id finds the same model.
    std::string key;
    try {
        key = to_nfc(id, "model id");
    } catch (...) {
        return nullptr;  // not UTF-8: no model has this id
    }
    const auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : &m_models[it->second];
}

const Model& ModelRegistry::get(std::string_view id) const {
    const Model* m = find(id);
    if (m == nullptr) throw NotFound("unknown_model", model_place(id), "the registry has no such model");
    return *m;
}

Model& ModelRegistry::mutable_model(std::string_view id) { return const_cast<Model&>(get(id)); }

const Model& ModelRegistry::add(Model model, const OrgGraph& graph, std::string_view date) {
    if (!is_valid_utf8(model.id)) throw InvalidInput("invalid_utf8", "model id", "the id is not well-formed UTF-8");
    model.id = to_nfc(model.id, "model id");
    const std::string place = model_place(model.id);
    if (blank(model.id)) throw InvalidInput("empty_value", place, "a model needs an id");
    if (contains(model.id)) throw InvalidInput("duplicate_model", place, "the registry has a model with this id already");
    model.name = to_nfc(model.name, place + ": name");
    model.type = to_nfc(model.type, place + ": type");
    if (blank(model.name)) throw InvalidInput("empty_value", place + ": name", "a model needs a name");
    if (blank(model.type)) throw InvalidInput("empty_value", place + ": type", "a model needs a type");
    if (model.status == ModelStatus::dissolved)
        throw InvalidInput("bad_status_change", place, "a new model is effective or formal, not dissolved");
    if (model.teams < 0)
        throw InvalidInput("bad_teams", place, "teams must be 0 or more, not " + std::to_string(model.teams));
    if (!model.history.empty())
        throw InvalidInput("bad_history", place, "the registry keeps the history: pass a model without one");
    check_event_date(model, date);

    const auto origin = graph.find(model.origin);
    if (!origin)
        throw NotFound("unknown_unit", place + ": origin", "the graph has no unit '" + model.origin + "'");
    const std::string origin_area = graph.unit(area_of(graph, *origin, place + ": origin")).id;
    std::unordered_set<std::string> seen;
    for (const std::string& p : model.points) {
        const auto u = graph.find(p);
        if (!u) throw NotFound("unknown_unit", place + ": points", "the graph has no unit '" + p + "'");
        if (!is_territory(graph.unit(*u).kind))
            throw InvalidInput("not_a_territory", place + ": points",
                               "'" + p + "' is a " + std::string(to_string(graph.unit(*u).kind)) +
                                   ", not a territory: a point is an area (district, commune, village, ...)");
        if (!seen.insert(p).second) throw InvalidInput("duplicate_point", place + ": points", "'" + p + "' is listed twice");
    }
    if (!seen.contains(origin_area)) model.points.insert(model.points.begin(), origin_area);

    model.history.push_back({std::string(date), "created",
                             std::string(to_string(model.status)) + "; " + std::to_string(model.teams) + " teams",
                             model.points});
    m_index.emplace(model.id, m_models.size());
    m_models.push_back(std::move(model));
    return m_models.back();
}

std::vector<std::string> ModelRegistry::replicate(std::string_view id, const Selector& selector, const OrgGraph& graph,
                                                  std::string_view date, std::string_view note) {
    Model& m = mutable_model(id);
    const std::string place = model_place(m.id);
    if (m.status == ModelStatus::dissolved)
        throw InvalidInput("model_dissolved", place, "the model was eliminated; it cannot be replicated");
    check_event_date(m, date);
    std::string detail = to_nfc(note, place + ": note");

    std::vector<UnitIndex> picked;
    try {
        picked = selector.select(graph);
    } catch (...) {
        rethrow_at(place);
    }
    if (picked.empty())
        throw InvalidInput("unmatched_selector", place, "selector " + selector.to_string() + " matches no unit");

    std::unordered_set<std::string_view> existing(m.points.begin(), m.points.end());
    std::vector<UnitIndex> areas;
    for (UnitIndex u : picked) {
        const UnitIndex a = area_of(graph, u, place);
        if (!existing.contains(graph.unit(a).id)) areas.push_back(a);
    }
    std::sort(areas.begin(), areas.end());
    areas.erase(std::unique(areas.begin(), areas.end()), areas.end());

    std::vector<std::string> added;
    added.reserve(areas.size());
    for (UnitIndex a : areas) added.push_back(graph.unit(a).id);
    if (added.empty()) return added;
    m.points.insert(m.points.end(), added.begin(), added.end());
    m.history.push_back({std::string(date), "replicated", std::move(detail), added});
    return added;
}

void ModelRegistry::set_status(std::string_view id, ModelStatus status, std::string_view date, std::string_view reason) {
    Model& m = mutable_model(id);
    const std::string place = model_place(m.id);
    if (m.status == ModelStatus::dissolved)
        throw InvalidInput("bad_status_change", place, "the model was eliminated; its status no longer changes");
    if (status == ModelStatus::dissolved)
        throw InvalidInput("bad_status_change", place,
                           "a model is dissolved only by eliminating it (thanh loại), once it is found formal");
    if (status == m.status)
        throw InvalidInput("bad_status_change", place, "the model is " + std::string(to_string(status)) + " already");
    check_event_date(m, date);
    std::string detail = std::string(to_string(m.status)) + " -> " + std::string(to_string(status));
    if (!reason.empty()) detail += ": " + to_nfc(reason, place + ": reason");
    m.status = status;
    m.history.push_back({std::string(date), "status_changed", std::move(detail), {}});
}

void ModelRegistry::eliminate(std::string_view id, std::string_view date, std::string_view reason) {
    Model& m = mutable_model(id);
    const std::string place = model_place(m.id);
    if (m.status != ModelStatus::formal)
        throw InvalidInput("bad_status_change", place,
                           "only a formal, ineffective model can be eliminated (thanh loại); this one is " +
                               std::string(to_string(m.status)));
    check_event_date(m, date);
    std::string detail = to_nfc(reason, place + ": reason");
    m.status = ModelStatus::dissolved;
    m.history.push_back({std::string(date), "eliminated", std::move(detail), {}});
}

void ModelRegistry::set_teams(std::string_view id, int teams, std::string_view date) {
    Model& m = mutable_model(id);
    const std::string place = model_place(m.id);
    if (m.status == ModelStatus::dissolved)
        throw InvalidInput("model_dissolved", place, "the model was eliminated; its teams no longer change");
    if (teams < 0) throw InvalidInput("bad_teams", place, "teams must be 0 or more, not " + std::to_string(teams));
    check_event_date(m, date);
    m.history.push_back({std::string(date), "teams_changed", std::to_string(m.teams) + " -> " + std::to_string(teams), {}});
    m.teams = teams;
}

ModelCounts ModelRegistry::counts() const {
    ModelCounts c;
    for (const Model& m : m_models) {
        add_to(c.by_status[static_cast<std::size_t>(m.status)], m.points.size(), m.teams);
        if (m.status == ModelStatus::dissolved) continue;
        c.models += 1;
        c.points += m.points.size();
        c.teams += m.teams;
        c.names.push_back(m.name);
        add_to(c.by_type[m.type], m.points.size(), m.teams);
    }
    return c;
}

ModelCounts ModelRegistry::counts_within(const OrgGraph& graph, std::string_view territory_id) const {
    const std::vector<bool> inside = territory_mask(graph, graph.index_of(territory_id));
    ModelCounts c;
    for (const Model& m : m_models) {
        std::size_t points = 0;
        for (const std::string& p : m.points) {
            const auto u = graph.find(p);
            if (!u) throw NotFound("unknown_unit", model_place(m.id) + ": points", "the graph has no unit '" + p + "'");
            if (inside[u->value]) ++points;
        }
        if (points == 0) continue;
        const bool whole = points == m.points.size();
        const std::int64_t teams = whole ? m.teams : 0;
        add_to(c.by_status[static_cast<std::size_t>(m.status)], points, teams);
        if (m.status == ModelStatus::dissolved) continue;
        c.models += 1;
        c.points += points;
        c.teams += teams;
        c.names.push_back(m.name);
        add_to(c.by_type[m.type], points, teams);
        if (!whole) {
            c.spanning_models += 1;
            c.spanning_teams += m.teams;
        }
    }
    return c;
}

void ModelRegistry::check(const OrgGraph& graph) const {
    for (std::size_t i = 0; i < m_models.size(); ++i) {
        const Model& m = m_models[i];
        const std::string p = "/models/" + std::to_string(i);
        const auto origin = graph.find(m.origin);
        if (!origin) throw NotFound("unknown_unit", p + "/origin", "the graph has no unit '" + m.origin + "'");
        const std::string area = graph.unit(area_of(graph, *origin, p + "/origin")).id;
        for (std::size_t j = 0; j < m.points.size(); ++j) {
            const std::string pp = p + "/points/" + std::to_string(j);
            const auto u = graph.find(m.points[j]);
            if (!u) throw NotFound("unknown_unit", pp, "the graph has no unit '" + m.points[j] + "'");
            if (!is_territory(graph.unit(*u).kind))
                throw InvalidInput("not_a_territory", pp,
                                   "'" + m.points[j] + "' is a " + std::string(to_string(graph.unit(*u).kind)) +
                                       ", not a territory");
        }
        if (std::find(m.points.begin(), m.points.end(), area) == m.points.end())
            throw InvalidInput("origin_not_a_point", p + "/points",
                               "the origin's area '" + area + "' of model '" + m.id + "' is not among its points");
    }
}

}  // namespace antq
