#pragma once

/**
 * @file
 * A proposal for commendation (clause 6 of the 2024 directive).
 */

#include <cstddef>
#include <optional>

#include <antq/model/ids.hpp>

namespace antq {

/**
 * A proposal for commendation (clause 6: the steering committees 138 "kịp thời đề xuất khen thưởng"), made by the body
 * that classifies the movement in the territory deciding on the unit, to the body that recognises its title there.
 */
struct Commendation {
    UnitIndex unit;        ///< the unit (collective) or the post (individual)
    bool individual = false;
    std::size_t result;    ///< index into Evaluation::results() of the unit whose result earns it
    std::optional<UnitIndex> proposed_to;  ///< the title decider there (the People's Committee by default)
    std::optional<UnitIndex> proposed_by;  ///< the classification decider there (the steering committee 138), if any
};

}  // namespace antq
