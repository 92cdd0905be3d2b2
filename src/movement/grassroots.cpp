#include <antq/movement/grassroots.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include <antq/errors.hpp>
#include <antq/model/unit_kind.hpp>

#include "model/detail/dates.hpp"

namespace antq {

namespace {

std::string quote_id(std::string_view id) { return "'" + std::string(id) + "'"; }

// The village's households, or an error naming it.
std::int64_t households_of(const Unit& village) {
    const Value* v = village.attributes.find("households");
    if (!v)
        throw InvalidInput("missing_households", village.id,
                           "village " + quote_id(village.id) + " has no 'households' attribute: its team cannot be sized");
    if (v->type() != Value::Type::integer)
        throw InvalidInput("bad_households", village.id,
                           "village " + quote_id(village.id) + ": 'households' must be an integer");
    if (v->as_integer() < 0)
        throw InvalidInput("bad_households", village.id,
                           "village " + quote_id(village.id) + ": 'households' must not be negative, found " +
                               std::to_string(v->as_integer()));
    return v->as_integer();
}

// The commune containing a village.
UnitIndex commune_of(const OrgGraph& g, UnitIndex village) {
    const auto parent = g.parent(village, TieKind::contains);
    if (!parent || g.unit(*parent).kind != UnitKind::commune)
        throw InvalidInput("no_commune", g.unit(village).id,
                           "village " + quote_id(g.unit(village).id) + " is not contained in a commune");
    return *parent;
}

// The one security team serving a village, if any.
std::optional<UnitIndex> team_of(const OrgGraph& g, UnitIndex village) {
    std::optional<UnitIndex> found;
    for (UnitIndex b : g.parents(village, TieKind::serves)) {
        if (g.unit(b).kind != UnitKind::security_team) continue;
        if (found)
            throw InvalidInput("several_teams", g.unit(village).id,
                               "village " + quote_id(g.unit(village).id) + " is served by several security teams (" +
                                   quote_id(g.unit(*found).id) + ", " + quote_id(g.unit(b).id) + ")");
        found = b;
    }
    return found;
}

// The one body of `kind` serving a commune.
UnitIndex commune_body(const OrgGraph& g, UnitIndex commune, UnitKind kind) {
    std::optional<UnitIndex> found;
    for (UnitIndex b : g.parents(commune, TieKind::serves)) {
        if (g.unit(b).kind != kind) continue;
        if (found)
            throw InvalidInput("several_commune_bodies", g.unit(commune).id,
                               "commune " + quote_id(g.unit(commune).id) + " is served by several " +
                                   std::string(to_string(kind)) + " units; cannot tell which manages its teams");
        found = b;
    }
    if (!found)
        throw InvalidInput("missing_commune_body", g.unit(commune).id,
                           "commune " + quote_id(g.unit(commune).id) + " has no " + std::string(to_string(kind)) +
                               " serving it: a security team needs the commune People's Committee and police");
    return *found;
}

struct Accumulator {
    std::map<std::uint32_t, TeamTotals> by_unit;

    void add(const OrgGraph& g, UnitIndex territory, const VillageTeamPlan& v) {
        auto [it, fresh] = by_unit.try_emplace(territory.value);
        TeamTotals& t = it->second;
        if (fresh) {
            const Unit& u = g.unit(territory);
            t.territory = u.id;
            t.name = u.name;
            t.level = u.level;
        }
        count(t, v);
    }
    static void count(TeamTotals& t, const VillageTeamPlan& v) {
        ++t.teams;
        t.members += v.members;
        if (v.assumed) {
            ++t.assumed_teams;
            t.assumed_members += v.members;
        }
    }
    std::vector<TeamTotals> take() {
        std::vector<TeamTotals> out;
        out.reserve(by_unit.size());
        for (auto& [index, totals] : by_unit) out.push_back(std::move(totals));
        return out;
    }
};

}  // namespace

const TeamSizeBand& band_for(const TeamSizingRule& rule, std::int64_t households) {
    if (households < 0)
        throw InvalidInput("bad_households", "households",
                           "a household count must not be negative, found " + std::to_string(households));
    for (const TeamSizeBand& b : rule.bands)
        if (b.contains(households)) return b;
    // Only a rule built by hand, bypassing the reader's checks, can get here.
    throw InvalidInput("bad_rule", rule.id, "no band covers " + std::to_string(households) + " households");
}

int members_for(const TeamSizingRule& rule, std::int64_t households) { return band_for(rule, households).members; }

const std::vector<TeamTotals>& TeamPlan::totals(Level level) const {
    switch (level) {
        case Level::commune: return communes;
        case Level::district: return districts;
        case Level::province: return provinces;
        default:
            throw InvalidInput("bad_level", std::string(to_string(level)),
                               "team totals exist per commune, district and province");
    }
}

std::vector<const VillageTeamPlan*> TeamPlan::disagreements() const {
    std::vector<const VillageTeamPlan*> out;
    for (const auto& v : villages)
        if (v.disagrees()) out.push_back(&v);
    return out;
}

std::vector<const VillageTeamPlan*> TeamPlan::missing() const {
    std::vector<const VillageTeamPlan*> out;
    for (const auto& v : villages)
        if (!v.existing_team) out.push_back(&v);
    return out;
}

TeamPlan plan_teams(const OrgGraph& g, const TeamSizingRule& rule) {
    const OrgGraph::ReadGuard reading(g);
    TeamPlan plan;
    plan.rule = rule;
    plan.total.level = Level::nation;
    Accumulator communes, districts, provinces;
    for (UnitIndex u : g.units()) {
        const Unit& village = g.unit(u);
        if (village.kind != UnitKind::village) continue;
        VillageTeamPlan v;
        v.village = village.id;
        v.village_name = village.name;
        v.households = households_of(village);
        const TeamSizeBand& b = band_for(rule, v.households);
        v.members = b.members;
        v.assumed = b.assumed();
        const UnitIndex commune = commune_of(g, u);
        v.commune = g.unit(commune).id;
        std::optional<UnitIndex> district, province;
        if (auto up = g.parent(commune, TieKind::contains)) {
            if (g.unit(*up).kind == UnitKind::district) {
                district = up;
                if (auto top = g.parent(*up, TieKind::contains); top && g.unit(*top).kind == UnitKind::province)
                    province = top;
            } else if (g.unit(*up).kind == UnitKind::province) {
                province = up;
            }
        }
        if (district) v.district = g.unit(*district).id;
        if (province) v.province = g.unit(*province).id;
        if (auto team = team_of(g, u)) {
            v.existing_team = g.unit(*team).id;
            const Value* m = g.unit(*team).attributes.find("members");
            if (m && m->type() == Value::Type::integer) v.existing_members = m->as_integer();
        }
        communes.add(g, commune, v);
        if (district) districts.add(g, *district, v);
        if (province) provinces.add(g, *province, v);
        Accumulator::count(plan.total, v);
        plan.villages.push_back(std::move(v));
    }
    plan.communes = communes.take();
    plan.districts = districts.take();
    plan.provinces = provinces.take();
    return plan;
}

std::size_t add_teams(OrgGraph& graph, const TeamPlan& plan) {
    // First read everything against the graph as it stands, so every error comes before any change.
    struct NewTeam {
        const VillageTeamPlan* plan;
        UnitIndex village, pc, police;
    };
    struct Update {
        const VillageTeamPlan* plan;
        UnitIndex team;
        bool members, set_assumed, erase_assumed;
    };
    std::vector<NewTeam> additions;
    std::vector<Update> updates;
    std::map<std::string, std::string, std::less<>> new_ids;  // team id -> village, to catch a village planned twice
    for (const VillageTeamPlan& v : plan.villages) {
        const auto u = graph.find(v.village);
        if (!u) throw NotFound("unknown_unit", v.village, "the plan's village " + quote_id(v.village) + " is not in the graph");
        if (graph.unit(*u).kind != UnitKind::village)
            throw InvalidInput("not_a_village", v.village, quote_id(v.village) + " is a " +
                                                               std::string(to_string(graph.unit(*u).kind)) + ", not a village");
        const UnitIndex commune = commune_of(graph, *u);
        if (auto team = team_of(graph, *u)) {
            const Unit& t = graph.unit(*team);
            const Value* m = t.attributes.find("members");
            const Value* a = t.attributes.find("members_assumed");
            Update up{&v, *team, !(m && *m == Value(std::int64_t{v.members})), v.assumed && !(a && *a == Value(true)),
                      !v.assumed && a != nullptr};
            if (up.members || up.set_assumed || up.erase_assumed) updates.push_back(up);
            continue;
        }
        const std::string id = v.village + ".team";
        if (graph.contains(id))
            throw InvalidInput("duplicate_id", id, "unit id " + quote_id(id) + " is taken, but that unit does not serve village " +
                                                       quote_id(v.village) + " as its security team");
        if (auto [it, fresh] = new_ids.try_emplace(id, v.village); !fresh)
            throw InvalidInput("duplicate_id", id, "the plan lists village " + quote_id(v.village) + " twice");
        additions.push_back({&v, *u, commune_body(graph, commune, UnitKind::peoples_committee),
                             commune_body(graph, commune, UnitKind::police)});
    }
    if (additions.empty() && updates.empty()) return 0;

    // Then build on a copy and swap it in: the graph's own checks may still refuse something (an invalid name),
    // and the caller's graph must stay as it was.
    OrgGraph next(graph);
    for (const Update& up : updates) {
        if (up.members) next.set_unit_attribute(up.team, "members", Value(std::int64_t{up.plan->members}));
        if (up.set_assumed) next.set_unit_attribute(up.team, "members_assumed", Value(true));
        if (up.erase_assumed) next.erase_unit_attribute(up.team, "members_assumed");
    }
    for (const NewTeam& a : additions) {
        const VillageTeamPlan& v = *a.plan;
        Object attributes{{"members", Value(std::int64_t{v.members})}, {"since", Value(plan.rule.in_force)}};
        if (v.assumed) attributes.set("members_assumed", Value(true));
        try {
            const UnitIndex team = next.add_unit(Unit{v.village + ".team", "Tổ bảo vệ ANTT " + next.unit(a.village).name,
                                                      UnitKind::security_team, Level::village, std::move(attributes)});
            next.add_tie(team, a.village, TieKind::serves);
            next.add_tie(a.pc, team, TieKind::directs);
            next.add_tie(a.pc, team, TieKind::forwards);
            next.add_tie(a.police, team, TieKind::guides);
            next.add_tie(a.police, team, TieKind::inspects);
        } catch (...) {
            rethrow_at("village " + quote_id(v.village));
        }
    }
    graph.swap(next);
    return additions.size();
}

}  // namespace antq
