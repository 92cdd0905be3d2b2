#include <algorithm>
#include <string>

#include <antq/errors.hpp>
#include <antq/evaluation/rules.hpp>

#include "model/detail/dates.hpp"

namespace antq {

std::string_view to_string(DecidedAt where) noexcept { return where == DecidedAt::manager ? "manager" : "territory"; }

std::optional<std::size_t> ClassificationRule::level_index(std::string_view id) const noexcept {
    for (std::size_t i = 0; i < levels.size(); ++i)
        if (levels[i].id == id) return i;
    return std::nullopt;
}

std::string YearWindow::first_day(int year) const { return detail::year_text(from > to ? year - 1 : year) + "-" + from; }

std::string YearWindow::last_day(int year) const { return detail::year_text(year) + "-" + to; }

std::string Subject::deadline_day(int year) const { return detail::year_text(year) + "-" + deadline; }

std::optional<std::size_t> EvaluationRules::subject_index(std::string_view subject_id) const noexcept {
    for (std::size_t i = 0; i < subjects.size(); ++i)
        if (subjects[i].id == subject_id) return i;
    return std::nullopt;
}

std::vector<std::string> EvaluationRules::level_ids() const {
    std::vector<std::string> ids;
    for (const Subject& s : subjects)
        if (s.classification)
            for (const ClassLevel& l : s.classification->levels)
                if (std::find(ids.begin(), ids.end(), l.id) == ids.end()) ids.push_back(l.id);
    return ids;
}

const std::string& EvaluationRules::level_label(std::string_view level_id) const {
    for (const Subject& s : subjects)
        if (s.classification)
            if (auto l = s.classification->level_index(level_id)) return s.classification->levels[*l].label;
    throw NotFound("unknown_level", "'" + std::string(level_id) + "'", "no subject of rule set '" + id + "' has this level");
}

}  // namespace antq
