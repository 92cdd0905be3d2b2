#pragma once

/**
 * @file
 * What-ifs built on the change-set operations: a level removed, units merged.
 */

#include <string>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/restructure/apply.hpp>

namespace antq {

/**
 * `graph` without the territorial level `level`, as the 2025 reform removed the district: one remove_level
 * operation, applied by apply(). The graph after follows the preset structure that has the graph's levels less
 * `level` (two_tier for the district of a three_tier graph: AdministrativeStructure::without()).
 * @param date the day the change would take effect; empty: the graph's own "as_of"
 * @throws InvalidInput "wrong_level" if the graph's structure has no such level (nothing to remove); "no_structure" if
 *         no preset structure lacks just that level; "missing_field" without a date; what apply() throws
 */
Applied remove_level(const OrgGraph& graph, Level level, const std::string& date = "");

/**
 * `units` merged into `into` (one of them, or another existing territory, which lives on), optionally renamed:
 * one merge operation, applied by apply().
 * @param date as remove_level()
 * @throws what apply() throws ("unknown_unit", "merge_into_itself", ...)
 */
Applied merge(const OrgGraph& graph, const std::vector<std::string>& units, const std::string& into,
              const std::string& name = "", const std::string& date = "");

}  // namespace antq
