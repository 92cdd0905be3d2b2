#pragma once

/**
 * @file
 * Provenance: what in a graph is real and what is made up or assumed, by what its own attributes say.
 */

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <antq/graph/org_graph.hpp>

namespace antq {

/**
 * What a graph says of its own records (docs/data-format.md, "Synthetic and assumed records"):
 * a unit with `"synthetic": true` is made up (its existence, name or numbers); `"code_known": false` marks a real
 * unit whose official code is not known; an attribute `"<name>_assumed": true` marks a figure of that unit taken
 * as an assumption; a tie with an `"assumption"` attribute rests on one. The graph's own attributes `synthetic`
 * (what is made up) and `assumptions` (the figures assumed for the whole graph) are its words for them.
 */
struct Provenance {
    /** Units of one kind and level, and how many of them are synthetic. */
    struct Count {
        UnitKind kind;
        Level level;
        std::uint32_t units = 0;
        std::uint32_t synthetic = 0;
    };
    std::uint32_t units = 0;         ///< every unit
    std::uint32_t synthetic = 0;     ///< units with "synthetic": true
    std::uint32_t code_unknown = 0;  ///< units with "code_known": false
    /** Per kind and level present in the graph, in kind then level order. */
    std::vector<Count> by_kind;
    /** Per attribute "<name>_assumed" set to true on some unit: the attribute and how many units carry it, by name. */
    std::vector<std::pair<std::string, std::uint32_t>> assumed;
    std::uint32_t ties_assumed = 0;  ///< ties with an "assumption" attribute
    std::string synthetic_note;      ///< the graph's "synthetic" attribute, when it is a string
    std::vector<std::string> assumptions;  ///< the graph's "assumptions" attribute: a string or an array of strings

    /** True if any record is synthetic or assumed, or the graph names an assumption. */
    bool any() const noexcept {
        return synthetic > 0 || code_unknown > 0 || !assumed.empty() || ties_assumed > 0 || !assumptions.empty();
    }
};

/**
 * Counts the synthetic and assumed records of `graph`. Holds a ReadGuard on `graph` while it runs. It reads the
 * units', ties' and graph's attributes, which only the graph holds (a FrozenGraph copies none), so it has no form
 * taking the frozen view.
 * @throws GraphInUse if the graph is being changed
 * Complexity: O(V + E) attribute look-ups.
 */
Provenance provenance(const OrgGraph& graph);

}  // namespace antq
