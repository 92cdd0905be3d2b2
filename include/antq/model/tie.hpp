#pragma once

/**
 * @file
 * A typed, directed tie between two units.
 */

#include <antq/model/ids.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/value.hpp>

namespace antq {

/** A tie as the graph holds it: endpoints by index, its kind, and free attributes. */
struct Tie {
    UnitIndex source;  ///< where the tie starts (the superior, the container, the sender ...)
    UnitIndex target;  ///< where it ends
    TieKind kind = TieKind::coordinates;
    Object attributes;  ///< free attributes, e.g. the coordination programme

    friend bool operator==(const Tie&, const Tie&) = default;
};

}  // namespace antq
