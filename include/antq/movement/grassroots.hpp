#pragma once

/**
 * @file
 * The grassroots security force (Law 30/2023/QH15, in force 01/07/2024): one Tổ bảo vệ an ninh,
 * trật tự (security team) per thôn / tổ dân phố, its size set by the province from the village's
 * households. A team-sizing rule as data (JSON format "antq.team_sizing", read by antq/io/team_sizing_json.hpp; Hải
 * Dương's is antq::default_team_sizing_rule() in antq/io/datasets.hpp), the plan it gives for a graph, and adding the
 * planned teams to a graph. Guide: docs/grassroots.md.
 */

#include <array>
#include <cstddef>
#include <cstdint>
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

/** The levels a plan adds teams and members up to (TeamPlan::totals), bottom-up. */
inline constexpr std::array<Level, 3> team_plan_levels{Level::commune, Level::district, Level::province};

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
