#pragma once

/** @file The Boost.Graph storage behind OrgGraph. Not part of the public interface. */

#include <cstdint>

#include <boost/graph/adjacency_list.hpp>

#include <antq/graph/detail/id_index.hpp>
#include <antq/model/tie_kind.hpp>

namespace antq::detail {

/** What each Boost edge carries: the tie's index into OrgGraph's tie table, and its kind for fast filtering. */
struct EdgeData {
    std::uint32_t tie = 0;
    TieKind kind = TieKind::coordinates;
};

/** Vertex i is unit i; removed units stay as isolated vertices so indices never shift. */
using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData>;

}  // namespace antq::detail
