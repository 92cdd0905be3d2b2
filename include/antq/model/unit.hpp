#pragma once

/**
 * @file
 * A unit: a territory, a body or a post.
 */

#include <string>

#include <antq/model/level.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq {

/** What describes a unit. The graph keeps it; ties are held separately. */
struct Unit {
    /** Persistent id: a GSO code for administrative units, any stable string otherwise. */
    std::string id;
    /** Display name, UTF-8 in NFC. */
    std::string name;
    /** What the unit is: a territory, a body or a post. */
    UnitKind kind = UnitKind::agency;
    /** Its administrative level; a territory's equals its kind. */
    Level level = Level::province;
    /** Free attributes (e.g. "type": "huyện", "synthetic": true). */
    Object attributes;

    /** True if the data marks the unit made up ("synthetic": true): every figure resting on it must say so. */
    bool is_synthetic() const {
        const Value* flag = attributes.find("synthetic");
        return flag && flag->type() == Value::Type::boolean && flag->as_bool();
    }

    friend bool operator==(const Unit&, const Unit&) = default;
};

}  // namespace antq
