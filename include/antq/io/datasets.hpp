#pragma once

/**
 * @file
 * Datasets embedded in the library.
 */

#include <span>
#include <string_view>

#include <antq/directive/directive.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/structure.hpp>
#include <antq/movement/grassroots.hpp>
#include <antq/restructure/change_set.hpp>

namespace antq::datasets {

/**
 * Hải Dương province on 01/07/2024, before the commune arrangement of 01/12/2024: 12 district-level units,
 * 235 communes (185 with the GSO code and name of the pre-2025 list), synthetic villages, and the bodies and
 * posts of the movement at every level. What is real and what is synthetic: data/README.md. Each call parses
 * a fresh copy.
 * @returns the graph.  Complexity: linear in the size of the embedded JSON.
 */
OrgGraph hai_duong_2024();

/** The embedded JSON text of hai_duong_2024 (format "antq.orggraph"). */
std::string_view hai_duong_2024_json() noexcept;

/**
 * Hải Dương's 2024 directive on the movement (Chỉ thị "Đẩy mạnh thực hiện phong trào toàn dân bảo vệ an
 * ninh Tổ quốc năm 2024"): clauses 1-6, the closing assignment, recipients, references and dates, with
 * selectors written for hai_duong_2024(). Its number and date are not known and stay empty.
 */
Directive directive_2024();

/** The embedded JSON text of directive_2024 (format "antq.directive"). */
std::string_view directive_2024_json() noexcept;

/**
 * Vietnam's administrative units in force on `as_of` (data/vn/, from the GSO lists; data/README.md):
 *
 * | as_of                     | structure    | units                                               |
 * |---------------------------|--------------|-----------------------------------------------------|
 * | 2025-03-01 to 2025-06-30  | `three_tier` | 1 nation, 63 provinces, 696 districts, 10,035 communes |
 * | from 2025-07-01           | `two_tier`   | 1 nation, 34 provinces, 3,321 communes              |
 *
 * Territories have their GSO code as id, their short name, and attribute "type" (model/unit_type.hpp). With
 * `with_bodies`, every territory gets the bodies it has by law, named by rule (AdminGraphOptions::with_bodies in
 * io/admin_list.hpp), without district police (abolished from 01/03/2025). The graph's "as_of" is the list's date.
 * @throws InvalidInput "bad_date"; "no_list" before 2025-03-01
 * Complexity: O(units); a few hundred milliseconds with bodies.
 */
OrgGraph vietnam(std::string_view as_of, bool with_bodies = false);

/** The embedded list vietnam(as_of) reads, in the generic table format (code,name,level,parent_code,type). */
std::string_view vietnam_csv(std::string_view as_of);

/**
 * The reform of 01/07/2025 as a change set, from the old-to-new crosswalk of Resolutions 1654–1687/NQ-UBTVQH15
 * (data/vn/reform_2025.json; its cases and corrections in docs/restructure.md): applied to vietnam("2025-03-01") it
 * gives the units of vietnam("2025-07-01").
 */
ChangeSet reform_2025();

/** The embedded JSON text of reform_2025 (format "antq.changes"). */
std::string_view reform_2025_json() noexcept;

/** The licence notice of the third-party lists an embedded dataset derives from (data/README.md, "Sources"). */
struct DataNotice {
    std::string_view dataset;  ///< what it covers: "hai_duong_2024", "vietnam" (both lists) or "reform_2025"
    std::string_view file;     ///< its file name, as installed in `share/doc/antq` under the install prefix and beside the Python package
    std::string_view text;     ///< the notice, as the file holds it
};

/**
 * The notices of every embedded dataset derived from third-party lists (all MIT). The library carries them with
 * the data it embeds, so a program or package built on antq can show them.
 */
std::span<const DataNotice> notices() noexcept;

}  // namespace antq::datasets

namespace antq {

/**
 * The Hải Dương 2024 evaluation rule set: TT 124 criteria as far as the sources were retrieved, QĐ 510 deadlines,
 * and assumed point scales, thresholds (90 / 70 / 50 / 0), head contributions and commendation rule, each marked with its
 * assumption. The same document as data/rules/evaluation_hai_duong_2024.json.
 */
EvaluationRules default_evaluation_rules();

/**
 * default_evaluation_rules() for a graph following `structure` (docs/restructure.md, "Evaluation rules across a
 * change"): unchanged for three_tier and either; for two_tier, fitted by for_structure() (no district subject, no
 * district agencies), with the communes decided by the province that now contains them, an assumption it records.
 */
EvaluationRules default_evaluation_rules(const AdministrativeStructure& structure);

/** The JSON text default_evaluation_rules() parses: a starting point for a rule file of one's own. */
std::string_view default_evaluation_rules_json() noexcept;

/**
 * Hải Dương's team-sizing rule from 01/07/2024 (HĐND tỉnh resolutions under Law 30/2023): fewer than 800 households
 * -> 3 members, 800-999 -> 4, 1,000 or more -> 5. The last band is an ASSUMPTION: the source is cut off there.
 * The same document as data/rules/team_sizing_hai_duong_2024.json.
 */
TeamSizingRule default_team_sizing_rule();

/** The JSON text default_team_sizing_rule() parses. */
std::string_view default_team_sizing_rule_json() noexcept;

}  // namespace antq
