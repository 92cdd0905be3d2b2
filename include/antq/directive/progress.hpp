#pragma once

/** @file
 *  Progress reports: what each unit says of each clause of a directive, on a day (format "antq.progress",
 *  read and written by antq/io/progress_json.hpp). Guide: docs/evaluation.md. */

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace antq {

/** What a unit says about a clause. */
enum class ProgressStatus : std::uint8_t { not_started, in_progress, done };

/** Every status, in report order. */
inline constexpr std::array<ProgressStatus, 3> all_progress_statuses{ProgressStatus::not_started,
                                                                     ProgressStatus::in_progress, ProgressStatus::done};

/** "not_started", "in_progress" or "done". */
std::string_view to_string(ProgressStatus status) noexcept;
/** Parses a status name; std::nullopt if it is not one. */
std::optional<ProgressStatus> parse_progress_status(std::string_view name) noexcept;

/** One progress report: a unit on one clause of the directive, on one day. */
struct ProgressReport {
    std::string unit;    ///< persistent unit id
    std::string clause;  ///< Task::clause
    ProgressStatus status = ProgressStatus::not_started;
    std::string date;      ///< "YYYY-MM-DD"
    std::string evidence;  ///< a note: the plan, the minutes, the event held
    friend bool operator==(const ProgressReport&, const ProgressReport&) = default;
};

/** The reports on one directive. */
struct ProgressReports {
    std::string directive;  ///< Directive::id the reports are about
    std::vector<ProgressReport> reports;
    /** How errors name the reports: "<source>:/reports/<i>", or "reports/<i>" when empty. */
    std::string source;
    std::string place_of(std::size_t i) const;
    friend bool operator==(const ProgressReports& a, const ProgressReports& b) {
        return a.directive == b.directive && a.reports == b.reports;
    }
};

}  // namespace antq
