#pragma once

/**
 * @file
 * A proposal for commendation (clause 6 of the 2024 directive).
 */

#include <cstddef>
#include <optional>

#include <antq/model/ids.hpp>

namespace antq {

/** A proposal for commendation (clause 6), addressed to the authority of the unit concerned. */
struct Commendation {
    UnitIndex unit;        ///< the unit (collective) or the post (individual)
    bool individual = false;
    std::size_t result;    ///< index into Evaluation::results() of the unit whose result earns it
    std::optional<UnitIndex> proposed_to;
};

}  // namespace antq
