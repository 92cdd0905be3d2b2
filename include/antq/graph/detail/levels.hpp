#pragma once

/** @file Levels a graph document leaves out, derived from its ties; shared by the JSON reader and from_pandas. */

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/model/unit.hpp>

namespace antq::detail {

/**
 * Gives a level to units that lack one (`level_given[i]` false): a body takes the level of the territory it
 * serves, then a post the level of the body it heads. `row_of(id)` is the position of a unit id in `units`, or
 * std::nullopt for an id no unit has (a dangling tie, which the caller reports).
 */
template <class RowOf>
void derive_levels(std::vector<Unit>& units, std::vector<bool>& level_given, std::span<const TieSpec> ties, RowOf&& row_of) {
    for (TieKind along : {TieKind::serves, TieKind::heads})
        for (const TieSpec& tie : ties) {
            if (tie.kind != along) continue;
            const std::optional<std::size_t> source = row_of(tie.source), target = row_of(tie.target);
            if (!source || !target) continue;
            if (!level_given[*source] && level_given[*target]) {
                units[*source].level = units[*target].level;
                level_given[*source] = true;
            }
        }
}

}  // namespace antq::detail
