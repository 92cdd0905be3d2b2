#include <array>
#include <string>

#include <antq/model/text.hpp>
#include <antq/model/unit.hpp>
#include <antq/model/unit_type.hpp>

namespace antq {

namespace {

constexpr std::array<AdministrativeUnitType, 11> types{{
    {"thành phố trực thuộc trung ương", "thành phố", Level::province, "municipality"},
    {"tỉnh", "tỉnh", Level::province, "province"},
    {"thành phố thuộc thành phố trực thuộc trung ương", "thành phố", Level::district, "municipal city"},
    {"thành phố thuộc tỉnh", "thành phố", Level::district, "provincial city"},
    {"quận", "quận", Level::district, "urban district"},
    {"thị xã", "thị xã", Level::district, "district-level town"},
    {"huyện", "huyện", Level::district, "rural district"},
    {"phường", "phường", Level::commune, "ward"},
    {"thị trấn", "thị trấn", Level::commune, "commune-level town"},
    {"xã", "xã", Level::commune, "commune"},
    {"đặc khu", "đặc khu", Level::commune, "special zone"},
}};

// Other spellings met in the national lists, and the type they mean.
struct Alias {
    std::string_view spelling;
    Level level;
    std::string_view name;
};
constexpr std::array<Alias, 3> aliases{{
    {"đặc khu tại hải đảo", Level::commune, "đặc khu"},
    {"thành phố", Level::province, "thành phố trực thuộc trung ương"},
    {"thành phố", Level::district, "thành phố thuộc tỉnh"},
}};

}  // namespace

std::span<const AdministrativeUnitType> administrative_unit_types() noexcept { return types; }

std::optional<AdministrativeUnitType> find_unit_type(std::string_view name, Level level) {
    for (const auto& type : types)  // spelt as listed, the common case: no need to normalise
        if (type.level == level && type.name == name) return type;
    const std::string wanted = lower_case(to_nfc(name, "unit type"));
    for (const auto& type : types)
        if (type.level == level && type.name == wanted) return type;
    for (const auto& alias : aliases)
        if (alias.level == level && alias.spelling == wanted)
            for (const auto& type : types)
                if (type.name == alias.name) return type;
    return std::nullopt;
}

std::string territory_title(const Unit& territory) {
    const Value* found = territory.attributes.find("type");
    if (!found || found->type() != Value::Type::string) return territory.name;
    const auto type = find_unit_type(found->as_string(), territory.level);
    const std::string title = type ? std::string(type->title) : found->as_string();
    return title.empty() ? territory.name : title + " " + territory.name;
}

}  // namespace antq
