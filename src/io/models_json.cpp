#include <algorithm>
#include <climits>
#include <unordered_set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/models_json.hpp>
#include <antq/model/text.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/dates.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.models";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 64;

}  // namespace

namespace {

class ModelsReader {
public:
    explicit ModelsReader(std::string source) : r(std::move(source)) {}

    std::pair<std::string, std::vector<Model>> read(const json& doc) {
        if (!doc.is_object()) r.fail("not_a_models_file", "", "expected a models object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "name", "models"}, "");
        r.format_and_version(doc, format_name, format_version, "not_a_models_file");
        std::string name = doc.contains("name") ? nfc(r.string(doc.at("name"), "/name"), "/name") : std::string();
        std::vector<Model> models;
        r.for_each(doc, "models", "", [&](const json& item, const std::string& p) { models.push_back(model(item, p)); });
        return {std::move(name), std::move(models)};
    }

private:
    Model model(const json& item, const std::string& p) {
        r.only_fields(item, {"id", "name", "type", "origin", "status", "points", "teams", "history"}, p);
        Model m;
        m.id = r.filled(item, "id", p);
        m.name = nfc(r.filled(item, "name", p), p + "/name");
        m.type = nfc(r.filled(item, "type", p), p + "/type");
        m.origin = r.filled(item, "origin", p);
        const std::string status = r.text(item, "status", p);
        const auto parsed = parse_model_status(status);
        if (!parsed) r.fail("unknown_status", p + "/status", "'" + status + "' is not a status (effective, formal, dissolved)");
        m.status = *parsed;
        std::unordered_set<std::string> seen;
        r.for_each(item, "points", p, [&](const json& point, const std::string& pp) {
            std::string id = r.string(point, pp);
            if (!seen.insert(id).second) r.fail("duplicate_point", pp, "'" + id + "' is listed twice");
            m.points.push_back(std::move(id));
        }, false);
        if (m.points.empty()) r.fail("empty_value", p + "/points", "a model has at least one point, its origin's area");
        const json& teams = r.require(item, "teams", p);
        if (!teams.is_number_integer()) r.fail("wrong_type", p + "/teams", "expected an integer, found " + type_name(teams));
        if (teams.is_number_unsigned() ? teams.get<std::uint64_t>() > INT_MAX
                                       : (teams.get<std::int64_t>() < 0 || teams.get<std::int64_t>() > INT_MAX))
            r.fail("bad_teams", p + "/teams", "teams must be between 0 and " + std::to_string(INT_MAX) + ", not " + teams.dump());
        m.teams = static_cast<int>(teams.get<std::int64_t>());
        r.for_each(item, "history", p, [&](const json& e, const std::string& ep) { m.history.push_back(event(e, ep)); });
        return m;
    }

    ModelEvent event(const json& e, const std::string& p) {
        r.only_fields(e, {"date", "action", "detail", "units"}, p);
        ModelEvent out;
        out.date = r.text(e, "date", p);
        if (out.date.empty() || !detail::iso_days(out.date))
            r.fail("bad_date", p + "/date", "'" + out.date + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
        out.action = r.text(e, "action", p);
        if (std::find(model_actions.begin(), model_actions.end(), out.action) == model_actions.end())
            r.fail("unknown_action", p + "/action",
                   "'" + out.action + "' is not an action (created, replicated, status_changed, eliminated, teams_changed)");
        if (e.contains("detail")) out.detail = nfc(r.string(e.at("detail"), p + "/detail"), p + "/detail");
        if (e.contains("units"))
            r.for_each(e, "units", p, [&](const json& u, const std::string& up) { out.units.push_back(r.string(u, up)); }, false);
        return out;
    }

    std::string nfc(const std::string& value, const std::string& p) const { return to_nfc(value, r.at(p)); }




    Reader r;
};

}  // namespace

ModelRegistry parse_models(std::string_view text, const OrgGraph& graph, std::string_view source) {
    const std::string name(source);
    const json doc = detail::parse_document(text, name, max_depth);
    auto [title, models] = ModelsReader(name).read(doc);
    try {
        ModelRegistry registry = ModelRegistry::restore(std::move(title), std::move(models));
        registry.check(graph);
        return registry;
    } catch (const NotFound& e) {
        throw NotFound(e.tag(), name + ":" + e.where(), e.message());
    } catch (const InvalidInput& e) {
        throw InvalidInput(e.tag(), name + ":" + e.where(), e.message());
    }
}

ModelRegistry load_models(const std::filesystem::path& path, const OrgGraph& graph, const ReadLimits& limits) {
    return parse_models(detail::read_file(path, limits.max_bytes), graph, path.string());
}

std::string dump_models(const ModelRegistry& registry) {
    using ordered = nlohmann::ordered_json;
    ordered doc = ordered::object();
    doc["format"] = std::string(format_name);
    doc["version"] = format_version;
    if (!registry.name().empty()) doc["name"] = registry.name();
    doc["models"] = ordered::array();
    for (const Model& m : registry.models()) {
        ordered model = ordered::object();
        model["id"] = m.id;
        model["name"] = m.name;
        model["type"] = m.type;
        model["origin"] = m.origin;
        model["status"] = std::string(to_string(m.status));
        model["points"] = m.points;
        model["teams"] = m.teams;
        model["history"] = ordered::array();
        for (const ModelEvent& e : m.history) {
            ordered event = ordered::object();
            event["date"] = e.date;
            event["action"] = e.action;
            if (!e.detail.empty()) event["detail"] = e.detail;
            if (!e.units.empty()) event["units"] = e.units;
            model["history"].push_back(std::move(event));
        }
        doc["models"].push_back(std::move(model));
    }
    return doc.dump(2) + "\n";
}

void save_models(const ModelRegistry& registry, const std::filesystem::path& path) {
    detail::write_file(path, dump_models(registry));
}

}  // namespace antq
