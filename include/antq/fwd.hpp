#pragma once

/**
 * @file
 * Forward declarations of antq's main types.
 */

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
class AdministrativeStructure;
class OrgGraph;
class FrozenGraph;
class GraphStamp;
class Selector;
struct UnitSpec;
struct Directive;
class Responsibilities;
struct EvaluationRules;
struct Assessments;
class Evaluation;
struct ProgressReports;
class FollowUp;
class ModelRegistry;
struct TeamSizingRule;
struct ChangeSet;
class IdMap;
struct Applied;
class Timeline;
struct AdminList;
class Error;
class NotFound;
class InvalidInput;
class HierarchyError;
class StaleView;
class IoError;
class GraphInUse;
}  // namespace antq
