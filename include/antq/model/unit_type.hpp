#pragma once

/**
 * @file
 * Vietnam's administrative unit types (tỉnh, huyện, xã, đặc khu ...): their level and the word names use.
 */

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <antq/model/level.hpp>

namespace antq {

struct Unit;

/**
 * One type of administrative unit, as the GSO lists name it. A territory's type is its attribute "type" (lower case,
 * NFC), e.g. "thành phố thuộc tỉnh"; `title` is the word that stands before its name in the names of its bodies
 * ("Ủy ban nhân dân thành phố Hải Dương").
 */
struct AdministrativeUnitType {
    std::string_view name;   ///< "thành phố trực thuộc trung ương", "tỉnh", "huyện", "xã", "đặc khu" ...
    std::string_view title;  ///< "thành phố", "tỉnh", "huyện", "xã", "đặc khu" ...
    Level level;             ///< the level of territories of this type
    std::string_view name_en;  ///< e.g. "municipality", "province", "rural district", "commune"
};

/**
 * Every type, provinces first: thành phố trực thuộc trung ương, tỉnh; thành phố thuộc thành phố trực thuộc trung
 * ương, thành phố thuộc tỉnh, quận, thị xã, huyện; phường, thị trấn, xã, đặc khu. A district-level "thành phố" (the
 * short form some files use) is accepted by find_unit_type().
 */
std::span<const AdministrativeUnitType> administrative_unit_types() noexcept;

/**
 * The type named `name` at `level`: its full name, its title, or an upstream spelling ("đặc khu tại hải đảo"),
 * compared in lower case after NFC. std::nullopt if there is none at that level.
 */
std::optional<AdministrativeUnitType> find_unit_type(std::string_view name, Level level);

/**
 * How the names of a territory's bodies refer to it: its type's title and its name ("xã Nhân Quyền", "tỉnh Hải
 * Dương"); the name alone if the unit has no known type. Complexity: O(number of types).
 */
std::string territory_title(const Unit& territory);

}  // namespace antq
