#pragma once

// One run of evaluate(): the state its steps share. The steps live in one file per concept: selection.cpp (who is
// evaluated and who decides), record_check.cpp (records against graph and rules), decisions.cpp (titles and
// levels), roll_ups.cpp (counts), heads.cpp and commendation.cpp. Internal to the library.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/evaluation/evaluation.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/model/detail/short_text.hpp>

#include "evaluation/detail/year_days.hpp"

namespace antq::detail {

/**
 * Finds a criterion (or a level) by id among a subject's few criteria: a 32-bit key (length, first and last byte) is compared
 * first, the whole id only when the key matches, so a record's hundreds of thousands of ids cost no hashing.
 */
class CriterionKeys {
public:
    CriterionKeys() = default;
    template <class Criteria>
    explicit CriterionKeys(const Criteria& criteria) {
        for (const auto& c : criteria) m_keys.push_back(key(c.id));
    }
    /** The index of `id`, or criteria.size(). */
    template <class Criteria>
    std::size_t find(const Criteria& criteria, std::string_view id) const noexcept {
        const std::uint32_t k = key(id);
        for (std::size_t i = 0; i < m_keys.size(); ++i)  // equal_text: inline, as a call to memcmp costs more here
            if (m_keys[i] == k && equal_text(criteria[i].id, id)) return i;
        return criteria.size();
    }

private:
    static std::uint32_t key(std::string_view id) noexcept {
        if (id.empty()) return 0;
        return std::uint32_t(std::min<std::size_t>(id.size(), 0xffff)) << 16 |
               std::uint32_t(static_cast<unsigned char>(id.front())) << 8 | static_cast<unsigned char>(id.back());
    }
    std::vector<std::uint32_t> m_keys;
};

/** How errors about a unit, rather than a record, name it. */
inline std::string unit_place(const OrgGraph& graph, UnitIndex u) { return "unit '" + graph.unit(u).id + "'"; }

struct EvaluationRun {
    EvaluationRun(const OrgGraph& graph, EvaluationRules rules, const Assessments& assessments);

    /** Every step, in order; the Evaluation is moved out. */
    Evaluation run();

    // ---- selection.cpp: who is evaluated, what the run reads of the graph, who decides
    std::vector<UnitIndex> select(const Selector& selector, std::size_t s, const std::string& field,
                                  const std::vector<UnitIndex>* among = nullptr) const;
    void pick_units();
    void read_graph();
    std::uint32_t home(UnitIndex u) const { return is_territory(g.kinds()[u.value]) ? above[u.value] : served[u.value]; }
    std::uint32_t deciding_territory(std::size_t idx) const;
    std::vector<std::uint32_t> bodies_of(UnitKind kind) const;
    void find_authorities();

    // ---- record_check.cpp: the records against the graph and the rules
    void read_records();
    [[noreturn]] void fail(const std::string& tag, std::size_t i, const std::string& field, const std::string& what) const;
    static std::string item(const char* list, std::size_t k) { return std::string("/") + list + "/" + std::to_string(k); }
    void read_record(std::size_t i, std::optional<UnitIndex> u);
    // The index of plain title criterion `id`; `field` names the place, built only for an error.
    template <class Field>
    std::size_t plain_criterion(const Subject& subject, const std::string& id, std::size_t i, Field&& field) const {
        if (!subject.title) fail("unknown_criterion", i, field(), "subject '" + subject.id + "' has no title criteria");
        const auto& criteria = subject.title->criteria;
        const std::size_t c = title_keys[&subject - subjects.data()].find(criteria, id);
        if (c == criteria.size())
            fail("unknown_criterion", i, field(), "subject '" + subject.id + "' has no title criterion '" + id + "'");
        if (criteria[c].share)
            fail("unknown_criterion", i, field(), "criterion '" + id + "' is computed from the units inside, not recorded");
        return c;
    }

    // ---- decisions.cpp: titles and levels
    void decide(std::size_t s);
    bool share_met(UnitIndex u, std::size_t target, double min_share);

    // ---- roll_ups.cpp: counts per territory and per subject
    void number_territories();
    std::uint32_t& slot_of(std::uint32_t t, std::size_t s) {
        return roll_up_slot[std::size_t(territory_number[t]) * subjects.size() + s];
    }
    RollUp& roll_up_at(std::uint32_t t, std::size_t s);
    void count(std::size_t s);
    void index_roll_ups();
    void total();

    // ---- heads.cpp and commendation.cpp
    bool at_least(const UnitResult& r, std::uint32_t position) const;
    std::vector<std::uint32_t> level_positions(const std::string& id) const;
    bool holds_title(const UnitResult& r) const;
    std::uint32_t contribution_of(const UnitResult& r) const;
    void weigh_heads();
    void propose_commendations();

    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::uint32_t several = none - 1;

    const OrgGraph& g;  // for the selectors and for names in errors
    // The graph's frozen view (OrgGraph::freeze(): built once per state of the graph, shared by every run on it):
    // the walks and the id lookups read its compact rows.
    std::shared_ptr<const FrozenGraph> frozen;
    const FrozenGraph& view;
    const Assessments& a;
    Evaluation out;
    const std::vector<Subject>& subjects;  // out.m_rules.subjects
    std::vector<YearDays> days;  // per subject: its window and deadline this year
    std::vector<std::uint64_t> met, broken;    // per result: bit c for title criterion c listed met / broken
    std::vector<std::uint32_t> home_of;        // per result: the territory it counts in first, or none
    // The roll-ups found so far: a table over the territories alone (a few percent of the units), so that counting
    // a subject touches a small table rather than one the size of the graph.
    std::vector<std::uint32_t> territory_number;  // unit index -> 0, 1, 2 ... over the territories; none for others
    std::vector<std::uint32_t> roll_up_slot;      // territory number * subjects + subject -> 1 + roll-up index
    std::vector<std::uint32_t> above;          // territory -> the territory containing it, or none
    std::vector<std::uint32_t> served;         // body -> the territory it serves, or none
    std::vector<std::uint32_t> head_of;        // body -> the post heading it, or none
    std::vector<std::uint32_t> managed_at;     // body -> the territory its managers serve: none, or several
    std::vector<std::uint32_t> classifiers;    // territory -> its body of the classification decider's kind: none, or several
    struct TerritoryHead {
        std::uint32_t territory, body, post;
    };
    std::vector<TerritoryHead> territory_heads;  // heads of the bodies answering for a territory
    std::vector<std::vector<std::uint32_t>> of_subject;  // result indices per subject, in unit order
    std::vector<CriterionKeys> title_keys, score_keys, level_keys;  // per subject
    std::vector<std::vector<std::uint32_t>> contribution_levels;  // per contribution, per subject: its min_level's index
};

}  // namespace antq::detail
