#pragma once

/**
 * @file
 * Evaluation rules across a change of structure: subjects that need a level the graph's structure lacks, the rules
 * translated as a directive is (SelectorTranslation), and a rule set fitted to a structure preset.
 * Guide: docs/restructure.md, "Evaluation rules across a change".
 */

#include <string>
#include <vector>

#include <antq/directive/compile.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/model/structure.hpp>

namespace antq {

/** A rule set carried onto a graph, and what was left out of it. */
struct TranslatedRules {
    EvaluationRules rules;  ///< the rules with their selectors translated, less what was left out
    /** One line per subject, exclusion or share criterion left out, e.g. "subject 'district' units: kind(district) ...". */
    std::vector<std::string> dropped;
};

/**
 * Checks that no subject or exclusion of `rules` needs what `graph` lacks: a selector that picks no unit and names a
 * level the graph's structure does not have (through level() or a territory kind, as kind(district) on a two-tier
 * graph), or an id the graph lacks. A selector that simply picks nothing (no enterprise in a small graph) is fine.
 * @throws InvalidInput "unmatched_selector" listing every such selector with its subject (where(): the first);
 *         NotFound "unknown_unit" at the subject when unknown ids are the only misses (as compile() does)
 * Complexity: O(size of the selectors) for selectors naming no id and no level the structure lacks (they cannot
 * miss, so they are not run); O(V + E) for each other one.
 */
void check_subjects(const EvaluationRules& rules, const OrgGraph& graph);

/**
 * `rules` with every subject's and exclusion's selector translated (translate(Selector, ...)). With drop_unmatched,
 * the subjects and exclusions check_subjects() would reject are left out, with the share criteria naming a subject
 * left out, each listed in dropped(); without it nothing is left out.
 * Complexity: O(selectors × (V + E)).
 */
TranslatedRules translate(const EvaluationRules& rules, const OrgGraph& graph, const SelectorTranslation& translation);

/**
 * evaluate() under `rules` translated onto `graph`; the evaluation's dropped() lists what was left out.
 * @throws as evaluate() ("unmatched_selector" only without drop_unmatched)
 */
Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, const EvaluationRules& rules,
                    const SelectorTranslation& translation);

/**
 * `rules` fitted to `structure`: the subjects whose selectors name only levels the structure lacks are left out
 * (the district subject on two_tier), and those levels are taken out of the others' level() and kind() lists (an
 * agency at province, district or commune level becomes one at province or commune level). Share criteria naming a
 * subject left out go with it. Rules already fitting are returned unchanged.
 */
EvaluationRules for_structure(const EvaluationRules& rules, const AdministrativeStructure& structure);

}  // namespace antq
