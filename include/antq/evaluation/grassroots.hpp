#pragma once

/**
 * @file The grassroots security force (Law 30/2023/QH15, in force 01/07/2024): one Tổ bảo vệ an ninh,
 * trật tự (security team) per thôn / tổ dân phố, its size set by the province from the village's
 * households. A team-sizing rule as data (JSON format "antq.team_sizing"), the plan it gives for a graph,
 * and adding the planned teams to a graph. Guide: docs/grassroots.md.
 */

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/model/level.hpp>

namespace antq {

/** One band of a sizing rule: villages with min_households <= households < below_households get `members`. */
struct TeamSizeBand {
    std::int64_t min_households = 0;
    /** Exclusive upper bound; std::nullopt for the last, open-ended band. */
    std::optional<std::int64_t> below_households;
    /** Team size, 1..50. */
    int members = 0;
    /** Why this band is assumed rather than sourced; empty for a sourced band. */
    std::string assumption;

    bool assumed() const noexcept { return !assumption.empty(); }
    bool contains(std::int64_t households) const noexcept {
        return households >= min_households && (!below_households || households < *below_households);
    }
    friend bool operator==(const TeamSizeBand&, const TeamSizeBand&) = default;
};

/**
 * How many members a village's security team has, by households: a province's rule as data.
 * The bands run contiguously from 0 households, without gap or overlap; the last one is open-ended.
 */
struct TeamSizingRule {
    std::string id;
    std::string title;
    /** Where the rule comes from (the legal text, a report of it). */
    std::string source;
    /** The date the rule applies from, "YYYY-MM-DD"; new teams carry it as `since`. */
    std::string in_force;
    std::vector<TeamSizeBand> bands;

    friend bool operator==(const TeamSizingRule&, const TeamSizingRule&) = default;
};

/**
 * Parses a sizing rule (format "antq.team_sizing", version 1; docs/grassroots.md).
 * @param source how to name the document in errors (a file name)
 * @throws InvalidInput tags "malformed_json", "too_deep", "number_out_of_range", "wrong_type", "missing_field",
 *         "unknown_field", "unsupported_version", "bad_rule" (wrong format name, empty text, bad date, bands not
 *         contiguous from 0, overlapping, empty, a closed last band, members outside 1..50). where() is the source
 *         and a JSON pointer, e.g. "rule.json:/bands/1/min_households".
 */
TeamSizingRule parse_team_sizing_rule(std::string_view text, std::string_view source = "<string>");

/** Reads a sizing rule file. @throws IoError "cannot_read"; otherwise as parse_team_sizing_rule */
TeamSizingRule load_team_sizing_rule(const std::filesystem::path& path);

/**
 * Hải Dương's rule from 01/07/2024 (HĐND tỉnh resolutions under Law 30/2023): fewer than 800 households -> 3
 * members, 800-999 -> 4, 1,000 or more -> 5. The last band is an ASSUMPTION: the source is cut off there.
 * The same document as data/rules/team_sizing_hai_duong_2024.json.
 */
TeamSizingRule default_team_sizing_rule();

/** The JSON text default_team_sizing_rule() parses. */
std::string_view default_team_sizing_rule_json() noexcept;

/** The band that covers `households`. @throws InvalidInput "bad_households" for a negative count */
const TeamSizeBand& band_for(const TeamSizingRule& rule, std::int64_t households);

/** Team size for a village of `households` households. @throws InvalidInput "bad_households" if negative */
int members_for(const TeamSizingRule& rule, std::int64_t households);

/** One village of a plan: what the rule asks for and what the graph holds. Units are named by persistent id. */
struct VillageTeamPlan {
    std::string village;
    std::string village_name;
    std::string commune;
    /** The district containing the commune; std::nullopt in a two-tier structure (province -> commune). */
    std::optional<std::string> district;
    /** The province above; std::nullopt if the graph has none. */
    std::optional<std::string> province;
    std::int64_t households = 0;
    /** Team size by the rule. */
    int members = 0;
    /** True where the rule's band is an assumption. */
    bool assumed = false;
    /** The security_team serving the village, if the graph has one. */
    std::optional<std::string> existing_team;
    /** That team's `members` attribute, if it is an integer. */
    std::optional<std::int64_t> existing_members;

    /** True if an existing team's `members` differs from the rule (or is missing). */
    bool disagrees() const noexcept { return existing_team && existing_members != std::optional<std::int64_t>(members); }
};

/** Teams and members planned in one territory. */
struct TeamTotals {
    std::string territory;
    std::string name;
    Level level = Level::commune;
    std::size_t teams = 0;
    std::int64_t members = 0;
    /** Of those, teams (and their members) sized by an assumed band. */
    std::size_t assumed_teams = 0;
    std::int64_t assumed_members = 0;

    friend bool operator==(const TeamTotals&, const TeamTotals&) = default;
};

/** A team for every village of a graph, sized by a rule, with totals per commune, district and province. */
struct TeamPlan {
    TeamSizingRule rule;
    /** One entry per village, in unit index order. */
    std::vector<VillageTeamPlan> villages;
    /** Territories holding at least one village, each in unit index order. */
    std::vector<TeamTotals> communes;
    std::vector<TeamTotals> districts;
    std::vector<TeamTotals> provinces;
    /** The whole plan (territory and name empty, level nation). */
    TeamTotals total;

    /**
     * The totals at `level` (commune, district or province).
     * @throws InvalidInput "bad_level" for another level
     */
    const std::vector<TeamTotals>& totals(Level level) const;
    /** Villages whose existing team's `members` disagrees with the rule. */
    std::vector<const VillageTeamPlan*> disagreements() const;
    /** Villages with no team yet. */
    std::vector<const VillageTeamPlan*> missing() const;
};

/**
 * Plans one security team per village (territory of kind village), sized by `rule` from the village's integer
 * attribute `households`. Nothing is skipped: a village the plan cannot cover is an error.
 * @throws InvalidInput "missing_households" (no such attribute), "bad_households" (not an integer, or negative),
 *         "no_commune" (the village is not contained in a commune), "several_teams" (more than one security team
 *         serves the village); where() is the village id
 * Complexity: O(V + E).
 */
TeamPlan plan_teams(const OrgGraph& graph, const TeamSizingRule& rule);

/**
 * Brings the graph in line with a plan. For each planned village without a security team it adds the unit
 * `<village>.team` ("Tổ bảo vệ ANTT <village name>", attributes `members`, `since` = the rule's in_force,
 * `members_assumed: true` where the band is assumed) with the ties of Law 30/2023 Art. 5(3): team -serves->
 * village; the commune People's Committee -directs-> and -forwards-> the team; the commune police -guides->
 * and -inspects-> the team. Existing teams whose `members` differs from the plan get the planned count (and
 * `members_assumed` set or removed to match). The plan's sizes are applied as they are: make the plan again
 * after changing households. All or nothing: on any error the graph is unchanged.
 * @returns the number of teams added
 * @throws NotFound "unknown_unit" for a planned village the graph lacks; InvalidInput "not_a_village",
 *         "no_commune", "several_teams", "missing_commune_body" (the commune has no peoples_committee or no police
 *         serving it; where() names the commune), "several_commune_bodies", "duplicate_id" (`<village>.team`
 *         is taken by another unit)
 */
std::size_t add_teams(OrgGraph& graph, const TeamPlan& plan);

}  // namespace antq
