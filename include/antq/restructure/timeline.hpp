#pragma once

/**
 * @file
 * A base graph and the change sets after it: the graph on any date.
 */

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/restructure/apply.hpp>
#include <antq/restructure/change_set.hpp>

namespace antq {

/**
 * A graph on its date (its attribute "as_of") and change sets that follow it. at(date) applies every set dated on or
 * before `date`, in date order (sets of the same date in the order given), and remembers each result, so asking for
 * many dates applies each set once.
 */
class Timeline {
public:
    /**
     * @throws InvalidInput "bad_date" (a set's date), "date_out_of_order" (a set dated before the base's as_of)
     */
    Timeline(OrgGraph base, std::vector<ChangeSet> change_sets);

    /**
     * The graph on `date` (a copy).
     * @throws InvalidInput "bad_date"; "date_out_of_order" for a date before the base's; what apply() throws
     */
    OrgGraph at(std::string_view date);

    /** The change sets, in date order. */
    const std::vector<ChangeSet>& change_sets() const noexcept { return m_sets; }
    /** The base graph's date, or empty when it has none. */
    const std::string& base_date() const noexcept { return m_base_date; }

private:
    OrgGraph m_base;
    std::string m_base_date;
    std::vector<ChangeSet> m_sets;
    std::vector<std::optional<OrgGraph>> m_applied;  // m_applied[i]: the graph after m_sets[0..i]
};

}  // namespace antq
