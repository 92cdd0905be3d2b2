#include <string>

#include <antq/directive/progress.hpp>

namespace antq {

std::string_view to_string(ProgressStatus status) noexcept {
    constexpr std::string_view names[] = {"not_started", "in_progress", "done"};
    return names[static_cast<std::size_t>(status)];
}

std::optional<ProgressStatus> parse_progress_status(std::string_view name) noexcept {
    for (auto s : {ProgressStatus::not_started, ProgressStatus::in_progress, ProgressStatus::done})
        if (to_string(s) == name) return s;
    return std::nullopt;
}

std::string ProgressReports::place_of(std::size_t i) const {
    return source.empty() ? "reports/" + std::to_string(i) : source + ":/reports/" + std::to_string(i);
}

}  // namespace antq
