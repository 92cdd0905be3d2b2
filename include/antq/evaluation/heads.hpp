#pragma once

/**
 * @file
 * What the results of a unit contribute to the assessment of its head (clause 1 of the 2024 directive: the
 * results are used to assess whether the head completed his or her duties; they are an input, not the assessment).
 */

#include <cstddef>
#include <cstdint>

#include <antq/model/ids.hpp>

namespace antq {

/**
 * What the result of the unit whose body a head heads contributes to his or her assessment (clause 1): which of the
 * rules' contributions the result supports. The assessment itself is made by whoever assesses the head. A post
 * heading several bodies that answer for one territory gets one input for it, through the first such body.
 * Every evaluated body with a head post has one: the agencies, enterprises and schools too ("Người đứng đầu cơ quan,
 * đơn vị, địa phương", clause 1, with "đơn vị" read to include enterprises and schools; docs/evaluation.md).
 */
struct HeadInput {
    UnitIndex post;
    UnitIndex body;       ///< the body headed
    std::size_t result;   ///< index into Evaluation::results() of the unit answered for
    std::uint32_t contribution;  ///< index into the head rule's contributions
    /** The post is marked `"synthetic": true` in the graph: a made-up head (e.g. of a made-up enterprise). */
    bool synthetic = false;
};

}  // namespace antq
