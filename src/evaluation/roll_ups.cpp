// Counts per territory and subject, carried up the containment chain, and per subject over the graph.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_kind.hpp>

#include "evaluation/detail/run.hpp"
#include "model/detail/dates.hpp"
#include "model/detail/numbers.hpp"

namespace antq::detail {

// The roll-up of subject s at territory t, made on first use.
namespace {

// One unit's result in the counts of its subject.
void tally(EvaluationCounts& c, const UnitResult& r) {
    ++c.units;
    switch (r.dossier) {
        case DossierStatus::excluded: ++c.excluded; break;
        case DossierStatus::on_time: ++c.on_time; break;
        case DossierStatus::late: ++c.late; break;
        case DossierStatus::missing: ++c.missing; break;
    }
    if (r.title == TitleOutcome::passed) ++c.passed;
    if (r.title == TitleOutcome::failed) ++c.failed;
    if (r.level) ++c.levels[*r.level];
}

}  // namespace

// Numbers the territories and makes their empty table of roll-ups, before any subject is counted.
void EvaluationRun::number_territories() {
    const auto kinds = view.kinds();
    territory_number.assign(view.unit_capacity(), none);
    std::uint32_t territories = 0;
    for (std::size_t u = 0; u < territory_number.size(); ++u)
        if (is_territory(kinds[u])) territory_number[u] = territories++;
    roll_up_slot.assign(std::size_t(territories) * subjects.size(), 0);
}

RollUp& EvaluationRun::roll_up_at(std::uint32_t t, std::size_t s) {
    std::uint32_t& slot = slot_of(t, s);
    if (slot == 0) {
        RollUp fresh;
        fresh.territory = UnitIndex{t};
        fresh.subject = std::uint32_t(s);
        fresh.titled = subjects[s].title.has_value();
        out.m_roll_ups.push_back(std::move(fresh));
        slot = std::uint32_t(out.m_roll_ups.size());
    }
    return out.m_roll_ups[slot - 1];
}

// Counts subject s: each unit in the territory it counts in first, then those counts up the containment
// chain (a few thousand additions instead of a walk up per unit).
void EvaluationRun::count(std::size_t s) {
    const std::size_t first_new = out.m_roll_ups.size();
    // Units in index order mostly come in runs of one territory (a commune's villages): its roll-up is looked up
    // once per run. The pointer is taken again whenever roll_up_at() is called, which alone may move the table.
    std::uint32_t at = none;
    RollUp* counts = nullptr;
    for (std::uint32_t idx : of_subject[s]) {
        const std::uint32_t home = home_of[idx];
        if (home == none) continue;
        if (home != at) {
            counts = &roll_up_at(home, s);
            at = home;
        }
        tally(*counts, out.m_results[idx]);
    }
    // Up one level at a time, deepest first, so every count climbs each step once.
    std::array<std::vector<std::uint32_t>, all_levels.size()> at_level;
    for (std::size_t i = first_new; i < out.m_roll_ups.size(); ++i)
        at_level[std::size_t(g.levels()[out.m_roll_ups[i].territory.value])].push_back(std::uint32_t(i));
    for (std::size_t level = at_level.size(); level-- > 0;)
        for (std::size_t k = 0; k < at_level[level].size(); ++k) {
            const std::uint32_t i = at_level[level][k];
            const std::uint32_t up = above[out.m_roll_ups[i].territory.value];
            if (up == none) continue;
            const std::size_t before = out.m_roll_ups.size();
            RollUp& parent = roll_up_at(up, s);
            if (out.m_roll_ups.size() != before) at_level[std::size_t(g.levels()[up])].push_back(std::uint32_t(before));
            parent.add(out.m_roll_ups[i]);
        }
}

// Roll-ups in territory index order, subjects in rule order, with a start index per territory. The table of slots is
// in that order already (territories numbered in index order, subjects within), so one pass over it gathers them,
// each moved once, without a sort.
void EvaluationRun::index_roll_ups() {
    auto& rolls = out.m_roll_ups;
    std::vector<RollUp> sorted;
    sorted.reserve(rolls.size());
    for (const std::uint32_t slot : roll_up_slot)
        if (slot != 0) sorted.push_back(rolls[slot - 1]);
    rolls = std::move(sorted);
    out.m_roll_up_start.assign(g.unit_capacity(), 0);
    for (std::size_t i = rolls.size(); i-- > 0;) out.m_roll_up_start[rolls[i].territory.value] = std::uint32_t(i + 1);
}

// Per subject over the whole graph: every result, also those of units no territory contains.
void EvaluationRun::total() {
    out.m_totals.resize(subjects.size());
    for (std::size_t s = 0; s < subjects.size(); ++s) {
        out.m_totals[s].subject = std::uint32_t(s);
        out.m_totals[s].titled = subjects[s].title.has_value();
    }
    for (const UnitResult& r : out.m_results) tally(out.m_totals[r.subject], r);
}

}  // namespace antq::detail
