#pragma once

/**
 * @file
 * Dated change sets: what happens to a structure on a date, and on what legal basis (format antq.changes).
 */

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/model/level.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>

namespace antq {

/** What one operation of a change set does. */
enum class OperationKind : std::uint8_t { create, abolish, rename, retype, move, merge, split, remove_level };

/** Every operation kind, in declaration order. */
inline constexpr std::array<OperationKind, 8> all_operation_kinds{
    OperationKind::create, OperationKind::abolish, OperationKind::rename, OperationKind::retype,
    OperationKind::move,   OperationKind::merge,   OperationKind::split,  OperationKind::remove_level};

/** The operation's name: "create", "abolish", "rename", "retype", "move", "merge", "split" or "remove_level". */
std::string_view to_string(OperationKind kind) noexcept;
/** Parses an operation name; std::nullopt if it is not one. */
std::optional<OperationKind> parse_operation_kind(std::string_view name) noexcept;

/** A unit an operation brings into being. Its level is its kind's for a territory, else its place's. */
struct NewUnit {
    std::string id;
    std::string name;
    UnitKind kind = UnitKind::commune;
    Object attributes;  ///< e.g. "type": "phường"
};

/** One unit taking part in a merge, or one part of a split. */
struct Share {
    std::string unit;  ///< merge: an existing unit; split: an existing unit receiving the part (or empty, see Part)
    /** The fraction of the unit that goes, in (0, 1], where known (area or population, as the source says). */
    std::optional<double> share;
};

/** One part of a split: a new unit, or an existing one that receives the part. */
struct Part {
    std::optional<NewUnit> create;  ///< set for a new unit
    std::string unit;               ///< an existing unit, when `create` is not set
    std::optional<double> share;
};

/**
 * One operation. Fields other than those of its kind stay empty:
 *
 * | kind         | fields                                                                                            |
 * |--------------|---------------------------------------------------------------------------------------------------|
 * | create       | `create` (the unit), `parent` (a territory's container, a body's territory, a post's body)        |
 * | abolish      | `unit`; `successor` takes what it contained and its bodies' duties (required if it has children)  |
 * | rename       | `unit`, `name`                                                                                    |
 * | retype       | `unit`, `type` (its attribute "type")                                                             |
 * | move         | `unit`, `parent` (its new container)                                                              |
 * | merge        | `sources` (absorbed whole), `parts` (give a part and live on), `into` (an existing unit) or         |
 * |              | `create` (a new one); optional `name`, `type`, `parent` for the result                             |
 * | split        | `unit`, `split_into` (new or existing units, with shares); `successor` (default: the first part)   |
 * | remove_level | `level`: its territories go, their children move up, their bodies go and their subordinates are    |
 * |              | reattached to the superiors of the removed bodies                                                |
 *
 * Each operation may carry its own `date` (not before the previous operation's) and `basis` (the legal act).
 */
struct Operation {
    OperationKind kind = OperationKind::create;
    std::string date;   ///< ISO date; empty: the change set's
    std::string basis;  ///< the legal act, e.g. "Nghị quyết 1669/NQ-UBTVQH15"
    std::string unit;
    std::optional<NewUnit> create;
    std::string into;
    std::string parent;
    std::string successor;
    std::string name;
    std::string type;
    std::vector<Share> sources;
    std::vector<Share> parts;
    std::vector<Part> split_into;
    std::optional<Level> level;
    Object attributes;  ///< free notes, e.g. a corrected code
};

/** A dated set of operations, applied in order by apply() (restructure/apply.hpp). */
struct ChangeSet {
    std::string name;   ///< e.g. "reform_2025"
    std::string date;   ///< ISO date the changes take effect
    std::string basis;  ///< the legal act(s) behind the whole set
    /** The structure the graph follows afterwards ("two_tier"); empty: unchanged. */
    std::string structure;
    std::vector<Operation> operations;
    Object attributes;
    /** How errors name the set: a file name, or the set's name when it has none. */
    std::string source;
};

}  // namespace antq
