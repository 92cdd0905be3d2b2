#pragma once

/**
 * @file
 * A seeded, clearly synthetic year of assessment records, for trying the evaluation without real ones.
 */

#include <cstdint>

#include <antq/evaluation/records.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

/**
 * A clearly synthetic year of records for `graph`: every unit a subject picks and does not exclude gets a record,
 * except about 2% left without a dossier; about 8% of dossiers are late; about 4% of units break one plain title
 * criterion with an incident and 3% leave one unmet; scores are drawn around 80% of each maximum, in half points;
 * one unit in ten proposes itself a level above its points. The same seed gives the same records
 * on every platform (own generator, no std distributions).
 * @throws InvalidInput "bad_year" (outside 1900-2200), "bad_rule" (a window or deadline no year has, as rules built
 *         in code may give); as Selector::select for the subjects' selectors
 */
Assessments example_assessments(const OrgGraph& graph, const EvaluationRules& rules, int year, std::uint64_t seed);

}  // namespace antq
