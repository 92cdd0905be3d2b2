#pragma once

/** @file Forward declarations of antq's main types. */

#include <cstdint>

namespace antq {
enum class Level : std::uint8_t;
enum class UnitKind : std::uint8_t;
enum class TieKind : std::uint8_t;
struct UnitIndex;
struct TieIndex;
class Value;
class Object;
struct Unit;
struct Tie;
struct TieSpec;
class OrgGraph;
class Selector;
class Error;
class NotFound;
class InvalidInput;
class HierarchyError;
class StaleView;
class IoError;
}  // namespace antq
