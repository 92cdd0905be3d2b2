#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/changes_json.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/structure.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/dates.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.changes";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 16;

class ChangesReader {
public:
    explicit ChangesReader(std::string source) : r(std::move(source)) {}

    ChangeSet read(const json& doc) const {
        if (!doc.is_object()) r.fail("not_a_change_set", "", "expected an object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "name", "date", "basis", "structure", "attributes", "operations"}, "");
        r.format_and_version(doc, format_name, format_version, "not_a_change_set");
        ChangeSet out;
        out.name = r.filled(doc, "name", "");
        out.date = date(doc, "");
        if (doc.contains("basis")) out.basis = r.text(doc, "basis", "");
        if (doc.contains("structure")) {
            out.structure = r.text(doc, "structure", "");
            try {
                (void)AdministrativeStructure::preset(out.structure);
            } catch (const InvalidInput& e) {
                throw InvalidInput(e.tag(), r.at("/structure"), e.message());
            }
        }
        if (auto it = doc.find("attributes"); it != doc.end()) out.attributes = r.attributes(*it, "/attributes");
        r.for_each(doc, "operations", "", [&](const json& item, const std::string& p) { out.operations.push_back(operation(item, p)); });
        return out;
    }

private:
    std::string date(const json& object, const std::string& p) const {
        std::string d = r.text(object, "date", p);
        if (!detail::iso_days(d)) r.fail("bad_date", p + "/date", "'" + d + "' is not a date written YYYY-MM-DD");
        return d;
    }

    NewUnit new_unit(const json& j, const std::string& p, bool with_share = false) const {
        if (with_share) r.only_fields(j, {"id", "name", "kind", "attributes", "share"}, p);
        else r.only_fields(j, {"id", "name", "kind", "attributes"}, p);
        NewUnit u;
        u.id = r.filled(j, "id", p);
        u.name = r.filled(j, "name", p);
        const std::string kind = r.text(j, "kind", p);
        const auto parsed = parse_unit_kind(kind);
        if (!parsed) r.fail("unknown_kind", p + "/kind", "'" + kind + "' is not a unit kind");
        u.kind = *parsed;
        if (auto it = j.find("attributes"); it != j.end()) u.attributes = r.attributes(*it, p + "/attributes");
        return u;
    }

    std::optional<double> share(const json& j, const std::string& p) const {
        auto it = j.find("share");
        if (it == j.end()) return std::nullopt;
        if (!it->is_number()) r.fail("wrong_type", p + "/share", "expected a number, found " + type_name(*it));
        const double s = it->get<double>();
        if (!(s > 0.0 && s <= 1.0)) r.fail("bad_share", p + "/share", "a share is a fraction in (0, 1], not " + it->dump());
        return s;
    }

    // A list of units, each an id or {"unit": id, "share": fraction}.
    std::vector<Share> shares(const json& object, const char* key, const std::string& p) const {
        std::vector<Share> out;
        r.for_each(object, key, p, [&](const json& item, const std::string& q) {
            if (item.is_string()) {
                out.push_back(Share{r.string(item, q), std::nullopt});
                return;
            }
            if (!item.is_object()) r.fail("wrong_type", q, "expected a unit id or an object, found " + type_name(item));
            r.only_fields(item, {"unit", "share"}, q);
            out.push_back(Share{r.filled(item, "unit", q), share(item, q)});
        }, false);
        return out;
    }

    Operation operation(const json& j, const std::string& p) const {
        const std::string name = r.text(j, "op", p);
        const auto kind = parse_operation_kind(name);
        if (!kind)
            r.fail("unknown_operation", p + "/op",
                   "'" + name + "' is not an operation (create, abolish, rename, retype, move, merge, split, remove_level)");
        Operation op;
        op.kind = *kind;
        auto common = [&](std::initializer_list<std::string_view> fields) {
            std::vector<std::string_view> all{"op", "date", "basis", "attributes"};
            all.insert(all.end(), fields.begin(), fields.end());
            for (auto it = j.begin(); it != j.end(); ++it)
                if (std::find(all.begin(), all.end(), it.key()) == all.end()) {
                    std::string list;
                    for (auto a : all) list += (list.empty() ? "" : ", ") + std::string(a);
                    r.fail("unknown_field", p + "/" + detail::pointer_token(it.key()),
                           "unknown field '" + it.key() + "' for " + name + " (allowed: " + list + ")");
                }
        };
        switch (op.kind) {
            case OperationKind::create:
                common({"unit", "parent"});
                op.create = new_unit(r.require(j, "unit", p), p + "/unit");
                if (j.contains("parent")) op.parent = r.filled(j, "parent", p);
                break;
            case OperationKind::abolish:
                common({"unit", "successor"});
                op.unit = r.filled(j, "unit", p);
                if (j.contains("successor")) op.successor = r.filled(j, "successor", p);
                break;
            case OperationKind::rename:
                common({"unit", "name"});
                op.unit = r.filled(j, "unit", p);
                op.name = r.filled(j, "name", p);
                break;
            case OperationKind::retype:
                common({"unit", "type"});
                op.unit = r.filled(j, "unit", p);
                op.type = r.filled(j, "type", p);
                break;
            case OperationKind::move:
                common({"unit", "parent"});
                op.unit = r.filled(j, "unit", p);
                op.parent = r.filled(j, "parent", p);
                break;
            case OperationKind::merge: {
                common({"into", "sources", "parts", "name", "type", "parent"});
                const json& into = r.require(j, "into", p);
                if (into.is_object()) op.create = new_unit(into, p + "/into");
                else op.into = r.filled(j, "into", p);
                if (j.contains("sources")) op.sources = shares(j, "sources", p);
                if (j.contains("parts")) op.parts = shares(j, "parts", p);
                // Empty lists count as absent, as the writer leaves them out: what reads must read back.
                if (op.sources.empty() && op.parts.empty())
                    r.fail("missing_field", p, "a merge needs 'sources' or 'parts', not empty");
                if (j.contains("name")) op.name = r.filled(j, "name", p);
                if (j.contains("type")) op.type = r.filled(j, "type", p);
                if (j.contains("parent")) op.parent = r.filled(j, "parent", p);
                break;
            }
            case OperationKind::split:
                common({"unit", "into", "successor"});
                op.unit = r.filled(j, "unit", p);
                if (j.contains("successor")) op.successor = r.filled(j, "successor", p);
                r.for_each(j, "into", p, [&](const json& item, const std::string& q) {
                    Part part;
                    if (item.is_string()) {
                        part.unit = r.string(item, q);
                    } else if (item.is_object() && item.contains("id")) {
                        part.create = new_unit(item, q, true);
                        part.share = share(item, q);
                    } else if (item.is_object()) {
                        r.only_fields(item, {"unit", "share"}, q);
                        part.unit = r.filled(item, "unit", q);
                        part.share = share(item, q);
                    } else {
                        r.fail("wrong_type", q, "expected a unit id, a new unit or {unit, share}, found " + type_name(item));
                    }
                    op.split_into.push_back(std::move(part));
                }, false);
                break;
            case OperationKind::remove_level: {
                common({"level"});
                const std::string level = r.text(j, "level", p);
                op.level = parse_level(level);
                if (!op.level) r.fail("unknown_level", p + "/level", "'" + level + "' is not a level");
                break;
            }
        }
        if (j.contains("date")) op.date = date(j, p);
        if (j.contains("basis")) op.basis = r.text(j, "basis", p);
        if (auto it = j.find("attributes"); it != j.end()) op.attributes = r.attributes(*it, p + "/attributes");
        return op;
    }

    Reader r;
};

json new_unit_json(const NewUnit& u) {
    json j = {{"id", u.id}, {"name", u.name}, {"kind", to_string(u.kind)}};
    if (!u.attributes.empty()) j["attributes"] = to_json(Value(u.attributes));
    return j;
}

json shares_json(const std::vector<Share>& list) {
    json out = json::array();
    for (const Share& s : list) {
        if (s.share) out.push_back({{"unit", s.unit}, {"share", *s.share}});
        else out.push_back(s.unit);
    }
    return out;
}

json operation_json(const Operation& op) {
    json j = {{"op", to_string(op.kind)}};
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) j[key] = value;
    };
    switch (op.kind) {
        case OperationKind::create:
            if (op.create) j["unit"] = new_unit_json(*op.create);
            put("parent", op.parent);
            break;
        case OperationKind::merge:
            if (op.create) j["into"] = new_unit_json(*op.create);
            else j["into"] = op.into;
            if (!op.sources.empty()) j["sources"] = shares_json(op.sources);
            if (!op.parts.empty()) j["parts"] = shares_json(op.parts);
            put("name", op.name);
            put("type", op.type);
            put("parent", op.parent);
            break;
        case OperationKind::split: {
            put("unit", op.unit);
            json parts = json::array();
            for (const Part& part : op.split_into) {
                json q = part.create ? new_unit_json(*part.create) : json{{"unit", part.unit}};
                if (part.share) q["share"] = *part.share;
                parts.push_back(std::move(q));
            }
            j["into"] = std::move(parts);
            put("successor", op.successor);
            break;
        }
        case OperationKind::remove_level:
            if (op.level) j["level"] = to_string(*op.level);
            break;
        default:
            put("unit", op.unit);
            put("successor", op.successor);
            put("name", op.name);
            put("type", op.type);
            put("parent", op.parent);
    }
    put("date", op.date);
    put("basis", op.basis);
    if (!op.attributes.empty()) j["attributes"] = to_json(Value(op.attributes));
    return j;
}

std::string compact(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

}  // namespace

ChangeSet parse_changes(std::string_view text, std::string_view source) {
    const std::string name(source);
    ChangeSet out = ChangesReader(name).read(detail::parse_document(text, name, max_depth));
    out.source = name;
    return out;
}

ChangeSet load_changes(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_changes(detail::read_file(path, limits.max_bytes), path.string());
}

std::string dump_changes(const ChangeSet& changes) {
    json head = {{"format", format_name}, {"version", format_version}, {"name", changes.name}, {"date", changes.date}};
    if (!changes.basis.empty()) head["basis"] = changes.basis;
    if (!changes.structure.empty()) head["structure"] = changes.structure;
    if (!changes.attributes.empty()) head["attributes"] = to_json(Value(changes.attributes));
    std::string text = compact(head);
    text.pop_back();  // the closing brace: the operations follow, one per line
    text += ",\"operations\":[";
    for (std::size_t i = 0; i < changes.operations.size(); ++i)
        text += (i == 0 ? "\n" : ",\n") + compact(operation_json(changes.operations[i]));
    text += "\n]}\n";
    return text;
}

void save_changes(const ChangeSet& changes, const std::filesystem::path& path) { detail::write_file(path, dump_changes(changes)); }

}  // namespace antq
