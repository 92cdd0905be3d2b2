#pragma once

// Graphs for the measures' tests: bodies joined by `forwards` ties in any shape (the kind allows cycles).

#include <string>
#include <utility>
#include <vector>

#include "../support.hpp"

namespace antq::test {

/** Bodies "b0".."b<n-1>" (provincial police) with a `forwards` tie per pair of `arcs`. */
inline OrgGraph forwarding_digraph(std::size_t n, const std::vector<std::pair<int, int>>& arcs) {
    OrgGraph g;
    for (std::size_t i = 0; i < n; ++i)
        g.add_unit(body("b" + std::to_string(i), "Body " + std::to_string(i), UnitKind::police, Level::province));
    for (auto [from, to] : arcs) g.add_tie("b" + std::to_string(from), "b" + std::to_string(to), TieKind::forwards);
    return g;
}

}  // namespace antq::test
