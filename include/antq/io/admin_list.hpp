#pragma once

/**
 * @file
 * National lists of administrative units: read from a generic table or the upstream files in
 * ../shared/data/vn-admin/, and made into a graph (with the bodies every territory has by law, if asked).
 */

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/model/level.hpp>

namespace antq {

/** One administrative unit of a list. */
struct AdminListRow {
    std::string code;         ///< GSO code, with its leading zeros
    std::string name;         ///< the short name, without the type ("Ba Đình")
    Level level = Level::commune;
    std::string parent_code;  ///< empty for a province
    std::string type;         ///< the unit type's name ("phường"; model/unit_type.hpp)
};

/** A list of administrative units as read, checked row by row. */
struct AdminList {
    std::vector<AdminListRow> rows;
    std::string source;  ///< the file or name the rows came from
};

/** The file formats a list can come in. */
enum class AdminListFormat {
    table,          ///< CSV with the columns code, name, level, parent_code, type (docs/restructure.md)
    upstream_csv,   ///< the flat CSV units_flat.csv (columns code, name, level_name, parent_code, unit_type, ...)
    upstream_json,  ///< mongo_data_vn_unit.json with administrative_units.json beside it
};

/**
 * Parses a list in the generic table format: a header naming exactly the columns code, name, level, parent_code and
 * type (any order), then one unit per row (RFC 4180 quoting).
 * Each row is checked: a code of digits, a known level and a type of that level, a name, a code not used twice, a
 * parent that is in the list at a level that may contain the row's (three tiers if the list has districts, else
 * two).
 * @throws InvalidInput "malformed_csv", "missing_field", "unknown_field", "duplicate_field" (a column named twice),
 *         "bad_gso_code", "unknown_level", "unknown_type", "empty_value", "duplicate_id" (naming both rows), "dangling_reference" (naming the row,
 *         its code and the missing parent's), "wrong_level"; where() is "<source>:row N" (the header is row 1)
 * Complexity: O(rows).
 */
AdminList parse_admin_table(std::string_view text, std::string_view source = "<string>");

/** Parses upstream's units_flat.csv (extra columns are ignored). @throws as parse_admin_table */
AdminList parse_upstream_csv(std::string_view text, std::string_view source = "<string>");

/**
 * Parses upstream's mongo_data_vn_unit.json (provinces with District[] and Ward[], or Wards[]) with the unit types of
 * `unit_types` (administrative_units.json of the same folder).
 * @throws InvalidInput as parse_admin_table, plus the JSON reader's ("malformed_json", "wrong_type", ...); where()
 *         is a JSON pointer ("mongo_data_vn_unit.json:/12/District/3/Ward/0/Code")
 */
AdminList parse_upstream_json(std::string_view text, std::string_view unit_types, std::string_view source = "<string>");

/**
 * Reads a list file. For upstream_json, administrative_units.json must sit beside `path`.
 * @throws IoError "cannot_read"; otherwise as the parse function of the format
 */
AdminList load_admin_list(const std::filesystem::path& path, AdminListFormat format = AdminListFormat::table);

/** How admin_graph() builds a graph from a list. */
struct AdminGraphOptions {
    std::string name;   ///< the graph's name
    std::string as_of;  ///< the date the list is in force (attribute "as_of"); may be empty
    /**
     * Adds the bodies every territory has by law, named by rule after the territory: People's Council and People's
     * Committee (Luật Tổ chức chính quyền địa phương), police (Luật Công an nhân dân), Fatherland Front committee
     * (Luật Mặt trận Tổ quốc Việt Nam), each with its head post, and at the nation the Government, the Ministry of
     * Public Security and the Front's Central Committee. Ties: the council directs the committee, the committee its
     * police; each body directs (police, committees) or guides (Front) and forwards to the same body one level down;
     * police and Front coordinate.
     */
    bool with_bodies = false;
    /** District-level police (none from 01/03/2025: commune police answer to the province's). */
    bool district_police = true;
};

/**
 * The list as a graph: the nation "vn" (Việt Nam), then every row as a territory with its GSO code as id, its short
 * name, attribute "type", contained by its parent (provinces by the nation). The structure is three_tier if the list
 * has districts, else two_tier.
 * @throws InvalidInput what build() throws
 * Complexity: O(rows).
 */
OrgGraph admin_graph(const AdminList& list, const AdminGraphOptions& options = {});

}  // namespace antq
