#pragma once

/** @file A head's grade, derived from the result of what he or she heads (clause 1 of the 2024 directive). */

#include <cstddef>
#include <cstdint>

#include <antq/model/ids.hpp>

namespace antq {

/**
 * A head's grade, derived from the result of the unit whose body he or she heads (clause 1). A post heading
 * several bodies that answer for one territory is graded once for it, through the first such body.
 */
struct HeadAssessment {
    UnitIndex post;
    UnitIndex body;       ///< the body headed
    std::size_t result;   ///< index into Evaluation::results() of the unit answered for
    std::uint32_t grade;  ///< index into the head rule's grades
};

}  // namespace antq
