#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/graph/builder.hpp>
#include <antq/io/admin_list.hpp>
#include <antq/model/structure.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_type.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;

// RFC 4180 records: comma-separated fields, double quotes around fields holding commas, quotes or line breaks.
std::vector<std::vector<std::string>> csv_records(std::string_view text, const std::string& source) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, any = false;
    std::size_t line = 1;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark from spreadsheets
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = any = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                record.push_back(std::move(field));
                records.push_back(std::move(record));
            }
            record.clear();
            field.clear();
            any = false;
            ++line;
        } else if (c == '"') {
            throw InvalidInput("malformed_csv", source + ":line " + std::to_string(line),
                               "a quote inside an unquoted field (quote the whole field and double the quote)");
        } else {
            field += c;
            any = true;
        }
    }
    if (quoted) throw InvalidInput("malformed_csv", source + ":line " + std::to_string(line), "a quoted field is never closed");
    if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Checks every row and the parents; `place(i)` names row i.
template <class Place>
void check_rows(const AdminList& list, Place&& place) {
    bool districts = false;
    for (const auto& r : list.rows) districts = districts || r.level == Level::district;
    const AdministrativeStructure& structure = districts ? AdministrativeStructure::three_tier() : AdministrativeStructure::two_tier();
    std::unordered_map<std::string_view, std::size_t> row_of;
    row_of.reserve(list.rows.size());
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const AdminListRow& r = list.rows[i];
        if (!all_digits(r.code)) throw InvalidInput("bad_gso_code", place(i), "code '" + r.code + "' is not a GSO code of digits");
        if (const auto width = structure.code_digits(r.level); width && r.code.size() != *width)
            throw InvalidInput("bad_gso_code", place(i), "a " + std::string(to_string(r.level)) + " code has " +
                                                              std::to_string(*width) + " digits, not '" + r.code + "'");
        if (r.name.find_first_not_of(" \t") == std::string::npos)
            throw InvalidInput("empty_value", place(i), "unit '" + r.code + "' has no name");
        if (!find_unit_type(r.type, r.level)) {
            std::string known;
            for (const auto& t : administrative_unit_types())
                if (t.level == r.level) known += (known.empty() ? "" : ", ") + std::string(t.name);
            throw InvalidInput("unknown_type", place(i), "'" + r.type + "' is no type of " + std::string(to_string(r.level)) +
                                                             " (known: " + known + ")");
        }
        if (auto [at, fresh] = row_of.emplace(r.code, i); !fresh)
            throw InvalidInput("duplicate_id", place(i), "code '" + r.code + "' is already used at " + place(at->second));
    }
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const AdminListRow& r = list.rows[i];
        const std::string what = std::string(to_string(r.level)) + " '" + r.code + "'";
        if (r.level == Level::province) {
            if (!r.parent_code.empty())
                throw InvalidInput("wrong_level", place(i), what + " has a parent ('" + r.parent_code + "'); provinces have none");
            continue;
        }
        if (r.parent_code.empty()) throw InvalidInput("missing_field", place(i), what + " has no parent_code");
        const auto parent = row_of.find(r.parent_code);
        if (parent == row_of.end())
            throw InvalidInput("dangling_reference", place(i),
                               what + " names parent '" + r.parent_code + "', which is not in the list");
        const AdminListRow& p = list.rows[parent->second];
        if (!structure.may_contain(p.level, r.level))
            throw InvalidInput("wrong_level", place(i),
                               what + " lies under " + std::string(to_string(p.level)) + " '" + p.code + "' (" +
                                   place(parent->second) + "); in the " + structure.id() + " structure a " +
                                   std::string(to_string(r.level)) + " lies under a " +
                                   std::string(to_string(structure.containers_of(r.level).back())));
    }
}

struct Columns {
    std::array<std::string_view, 5> names;  // code, name, level, parent, type
    bool extra_allowed;
};

AdminList read_table(std::string_view text, const std::string& source, const Columns& columns) {
    const auto records = csv_records(text, source);
    auto place = [&](std::size_t row) { return source + ":row " + std::to_string(row + 2); };
    if (records.empty()) throw InvalidInput("missing_field", source + ":row 1", "the list is empty: expected a header row");
    const auto& header = records.front();
    std::array<std::size_t, 5> at{};
    for (std::size_t c = 0; c < columns.names.size(); ++c) {
        std::size_t found = header.size();
        for (std::size_t h = 0; h < header.size(); ++h)
            if (header[h] == columns.names[c]) {
                // Two columns of one name: which one holds the codes is a guess the reader does not make.
                if (found != header.size())
                    throw InvalidInput("duplicate_field", source + ":row 1",
                                       "column '" + std::string(columns.names[c]) + "' appears twice (fields " +
                                           std::to_string(found + 1) + " and " + std::to_string(h + 1) + ")");
                found = h;
            }
        if (found == header.size())
            throw InvalidInput("missing_field", source + ":row 1", "no column '" + std::string(columns.names[c]) + "'");
        at[c] = found;
    }
    if (!columns.extra_allowed)
        for (const auto& h : header)
            if (std::find(columns.names.begin(), columns.names.end(), h) == columns.names.end())
                throw InvalidInput("unknown_field", source + ":row 1",
                                   "unknown column '" + h + "' (expected code, name, level, parent_code, type)");
    AdminList list;
    list.source = source;
    list.rows.reserve(records.size() - 1);
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& rec = records[i];
        if (rec.size() != header.size())
            throw InvalidInput("malformed_csv", place(i - 1), "expected " + std::to_string(header.size()) + " fields, found " +
                                                                   std::to_string(rec.size()));
        AdminListRow row;
        row.code = rec[at[0]];
        row.name = to_nfc(rec[at[1]], place(i - 1));
        const auto level = parse_level(rec[at[2]]);
        if (!level || *level == Level::nation || *level == Level::village)
            throw InvalidInput("unknown_level", place(i - 1), "'" + rec[at[2]] + "' is not province, district or commune");
        row.level = *level;
        row.parent_code = rec[at[3]];
        row.type = lower_case(rec[at[4]]);
        if (const auto type = find_unit_type(row.type, row.level)) row.type = std::string(type->name);
        list.rows.push_back(std::move(row));
    }
    check_rows(list, [&](std::size_t row) { return place(row); });
    return list;
}

}  // namespace

AdminList parse_admin_table(std::string_view text, std::string_view source) {
    return read_table(text, std::string(source), Columns{{"code", "name", "level", "parent_code", "type"}, false});
}

AdminList parse_upstream_csv(std::string_view text, std::string_view source) {
    return read_table(text, std::string(source), Columns{{"code", "name", "level_name", "parent_code", "unit_type"}, true});
}

AdminList parse_upstream_json(std::string_view text, std::string_view unit_types, std::string_view source_view) {
    const std::string source(source_view);
    const std::string types_source = source + " (administrative_units.json)";
    const detail::Reader types_reader(types_source);
    const json types_doc = detail::parse_document(unit_types, types_source, 8);
    if (!types_doc.is_array()) types_reader.fail("wrong_type", "", "expected an array of unit types");
    std::unordered_map<std::int64_t, std::string> type_names;
    for (std::size_t i = 0; i < types_doc.size(); ++i) {
        const std::string p = "/" + std::to_string(i);
        const json& t = types_doc[i];
        types_reader.expect_object(t, p);
        const json& id = types_reader.require(t, "Id", p);
        if (!id.is_number_integer()) types_reader.fail("wrong_type", p + "/Id", "expected an integer");
        type_names[id.get<std::int64_t>()] = types_reader.text(t, "FullName", p);
    }

    const detail::Reader r(source);
    const json doc = detail::parse_document(text, source, 16);
    if (!doc.is_array()) r.fail("wrong_type", "", "expected an array of provinces, found " + detail::type_name(doc));
    AdminList list;
    list.source = source;
    std::vector<std::string> places;
    auto add = [&](const json& u, const std::string& p, Level level, const std::string& parent) {
        r.expect_object(u, p);
        AdminListRow row;
        row.code = r.text(u, "Code", p);
        row.name = to_nfc(r.text(u, "Name", p), r.at(p + "/Name"));
        row.level = level;
        row.parent_code = parent;
        const json& type = r.require(u, "AdministrativeUnitId", p);
        if (!type.is_number_integer()) r.fail("wrong_type", p + "/AdministrativeUnitId", "expected an integer");
        const auto name = type_names.find(type.get<std::int64_t>());
        if (name == type_names.end())
            r.fail("unknown_type", p + "/AdministrativeUnitId", "unit type " + type.dump() + " is not in administrative_units.json");
        row.type = lower_case(name->second);
        if (const auto known = find_unit_type(row.type, level)) row.type = std::string(known->name);
        list.rows.push_back(std::move(row));
        places.push_back(r.at(p));
        return list.rows.back().code;
    };
    auto children = [&](const json& u, const char* key, const std::string& p) -> const json* {
        auto it = u.find(key);
        if (it == u.end() || it->is_null()) return nullptr;
        if (!it->is_array()) r.fail("wrong_type", p + "/" + key, "expected an array, found " + detail::type_name(*it));
        return &*it;
    };
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const std::string p = "/" + std::to_string(i);
        const std::string province = add(doc[i], p, Level::province, "");
        if (const json* districts = children(doc[i], "District", p))
            for (std::size_t j = 0; j < districts->size(); ++j) {
                const std::string q = p + "/District/" + std::to_string(j);
                const std::string district = add((*districts)[j], q, Level::district, province);
                if (const json* wards = children((*districts)[j], "Ward", q))
                    for (std::size_t k = 0; k < wards->size(); ++k)
                        add((*wards)[k], q + "/Ward/" + std::to_string(k), Level::commune, district);
            }
        if (const json* wards = children(doc[i], "Wards", p))
            for (std::size_t k = 0; k < wards->size(); ++k) add((*wards)[k], p + "/Wards/" + std::to_string(k), Level::commune, province);
    }
    check_rows(list, [&](std::size_t row) { return places[row]; });
    return list;
}

AdminList load_admin_list(const std::filesystem::path& path, AdminListFormat format) {
    switch (format) {
        case AdminListFormat::table: return parse_admin_table(detail::read_file(path), path.string());
        case AdminListFormat::upstream_csv: return parse_upstream_csv(detail::read_file(path), path.string());
        case AdminListFormat::upstream_json: {
            const std::string text = detail::read_file(path);
            return parse_upstream_json(text, detail::read_file(path.parent_path() / "administrative_units.json"), path.string());
        }
    }
    throw InvalidInput("unknown_format", path.string(), "unknown list format");
}

namespace {

// The bodies every territory has by law, by role: id suffix, kind, name before the territory's title, head post.
struct BodyRule {
    std::string_view role;
    UnitKind kind;
    std::string_view name;
    std::string_view head;
};
constexpr std::array<BodyRule, 4> body_rules{{
    {"council", UnitKind::peoples_council, "Hội đồng nhân dân", "Chủ tịch HĐND"},
    {"pc", UnitKind::peoples_committee, "Ủy ban nhân dân", "Chủ tịch UBND"},
    {"police", UnitKind::police, "Công an", "Trưởng Công an"},
    {"front", UnitKind::front_committee, "Ủy ban Mặt trận Tổ quốc Việt Nam", "Chủ tịch Ủy ban MTTQ Việt Nam"},
}};

struct NationBody {
    std::string_view role;
    UnitKind kind;
    std::string_view name;
    std::string_view head;
    std::string_view below;  // the role it leads at the province
    TieKind tie;
};
constexpr std::array<NationBody, 3> nation_bodies{{
    {"gov", UnitKind::agency, "Chính phủ", "Thủ tướng Chính phủ", "pc", TieKind::directs},
    {"mps", UnitKind::ministry, "Bộ Công an", "Bộ trưởng Bộ Công an", "police", TieKind::directs},
    {"front", UnitKind::front_committee, "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
     "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam", "front", TieKind::guides},
}};

}  // namespace

OrgGraph admin_graph(const AdminList& list, const AdminGraphOptions& options) {
    bool districts = false;
    for (const auto& r : list.rows) districts = districts || r.level == Level::district;
    OrgGraph graph(districts ? AdministrativeStructure::three_tier() : AdministrativeStructure::two_tier());
    graph.set_name(options.name.empty() ? list.source : options.name);
    Object attributes{{"source", Value(list.source)}};
    if (!options.as_of.empty()) attributes.set("as_of", Value(options.as_of));
    if (options.with_bodies)
        attributes.set("bodies", Value("by rule: People's Council, People's Committee, police" +
                                       std::string(options.district_police ? "" : " (none at district level)") +
                                       " and Front committee at every level, named after their territory"));
    graph.set_attributes(std::move(attributes));

    std::vector<UnitSpec> units;
    std::vector<TieSpec> ties;
    const std::size_t per = options.with_bodies ? 9 : 1;
    units.reserve((list.rows.size() + 1) * per);
    ties.reserve((list.rows.size() + 1) * per * 2);
    units.push_back(UnitSpec{"vn", "Việt Nam", UnitKind::nation, Level::nation, Object{{"type", Value("quốc gia")}}});
    for (const AdminListRow& r : list.rows) {
        units.push_back(UnitSpec{r.code, r.name, static_cast<UnitKind>(static_cast<int>(r.level)), r.level,
                                 Object{{"type", Value(r.type)}}});
        ties.push_back(TieSpec{r.parent_code.empty() ? "vn" : r.parent_code, r.code, TieKind::contains, {}});
    }
    if (options.with_bodies) {
        auto add_body = [&](const std::string& area, Level level, std::string_view role, UnitKind kind, std::string name,
                            std::string head) {
            const std::string id = area + "." + std::string(role);
            units.push_back(UnitSpec{id, std::move(name), kind, level, {}});
            units.push_back(UnitSpec{id + ".head", std::move(head), UnitKind::post, level, {}});
            ties.push_back(TieSpec{id, area, TieKind::serves, {}});
            ties.push_back(TieSpec{id + ".head", id, TieKind::heads, {}});
        };
        for (const NationBody& b : nation_bodies) add_body("vn", Level::nation, b.role, b.kind, std::string(b.name), std::string(b.head));
        std::unordered_map<std::string_view, const AdminListRow*> by_code;
        for (const AdminListRow& r : list.rows) by_code.emplace(r.code, &r);
        auto has_police = [&](const AdminListRow& r) { return r.level != Level::district || options.district_police; };
        for (const AdminListRow& r : list.rows) {
            const Unit self{r.code, r.name, static_cast<UnitKind>(static_cast<int>(r.level)), r.level, Object{{"type", Value(r.type)}}};
            const std::string title = territory_title(self);
            for (const BodyRule& b : body_rules) {
                if (b.kind == UnitKind::police && !has_police(r)) continue;
                std::string head = std::string(b.head) + " " + title;
                if (b.kind == UnitKind::police && r.level == Level::province) head = "Giám đốc Công an " + title;
                add_body(r.code, r.level, b.role, b.kind, std::string(b.name) + " " + title, std::move(head));
            }
            const std::string& c = r.code;
            ties.push_back(TieSpec{c + ".council", c + ".pc", TieKind::directs, {}});
            if (has_police(r)) {
                ties.push_back(TieSpec{c + ".pc", c + ".police", TieKind::directs, {}});
                ties.push_back(TieSpec{c + ".police", c + ".front", TieKind::coordinates, {}});
            }
            // The level above: the parent's bodies, or the nation's for a province.
            if (r.parent_code.empty()) {
                for (const NationBody& b : nation_bodies) {
                    ties.push_back(TieSpec{"vn." + std::string(b.role), c + "." + std::string(b.below), b.tie, {}});
                    ties.push_back(TieSpec{"vn." + std::string(b.role), c + "." + std::string(b.below), TieKind::forwards, {}});
                }
                continue;
            }
            const std::string& p = r.parent_code;
            ties.push_back(TieSpec{p + ".pc", c + ".pc", TieKind::directs, {}});
            ties.push_back(TieSpec{p + ".pc", c + ".pc", TieKind::forwards, {}});
            ties.push_back(TieSpec{p + ".front", c + ".front", TieKind::guides, {}});
            ties.push_back(TieSpec{p + ".front", c + ".front", TieKind::forwards, {}});
            if (has_police(r)) {
                // The nearest territory above with police: the province's when districts have none.
                const AdminListRow* up = by_code.at(p);
                while (!has_police(*up)) up = by_code.at(up->parent_code);
                ties.push_back(TieSpec{up->code + ".police", c + ".police", TieKind::directs, {}});
                ties.push_back(TieSpec{up->code + ".police", c + ".police", TieKind::forwards, {}});
            }
        }
    }
    InputPlaces places;
    places.source = graph.name();
    build(graph, std::move(units), ties, places);
    return graph;
}

}  // namespace antq
