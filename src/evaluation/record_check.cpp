// The records checked against the graph and the rules, and read into each result: dossier, criteria, scores.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>
#include <antq/model/unit_kind.hpp>

#include "evaluation/detail/run.hpp"
#include "model/detail/dates.hpp"
#include "model/detail/numbers.hpp"

namespace antq::detail {

void EvaluationRun::read_records() {
    met.assign(out.m_results.size(), 0);
    broken.assign(out.m_results.size(), 0);
    std::vector<std::string_view> ids;
    ids.reserve(a.records.size());
    for (const AssessmentRecord& rec : a.records) ids.push_back(rec.unit);
    const std::vector<std::optional<UnitIndex>> units = view.find(ids);
    // Records come in any order, so each one's result is a cache miss: with every record's result found first, the
    // results (and their title bits) a few records ahead are fetched while this one is checked.
    constexpr std::size_t ahead = 8;
    std::vector<std::uint32_t> result_of(a.records.size(), 0);  // 1 + result index, 0 for none (an error, found below)
    for (std::size_t i = 0; i < a.records.size(); ++i)
        if (units[i]) result_of[i] = out.m_result_of[units[i]->value];
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        if (i + ahead < result_of.size() && result_of[i + ahead] != 0) {
            const std::size_t idx = result_of[i + ahead] - 1;
            const char* r = reinterpret_cast<const char*>(&out.m_results[idx]);
            __builtin_prefetch(r);
            __builtin_prefetch(r + sizeof(UnitResult) - 1);
            __builtin_prefetch(&met[idx]);
        }
        read_record(i, units[i]);
    }
}

void EvaluationRun::fail(const std::string& tag, std::size_t i, const std::string& field, const std::string& what) const {
    throw InvalidInput(tag, a.place_of(i) + field, what);
}

void EvaluationRun::read_record(std::size_t i, std::optional<UnitIndex> u) {
    const AssessmentRecord& rec = a.records[i];
    if (!u) throw NotFound("unknown_unit", a.place_of(i) + "/unit", "no unit '" + rec.unit + "' in the graph");
    if (out.m_result_of[u->value] == 0)
        fail("not_evaluated", i, "/unit",
             "'" + rec.unit + "' (" + std::string(to_string(g.unit(*u).kind)) + ") is picked by no subject of the rules");
    UnitResult& r = out.m_results[out.m_result_of[u->value] - 1];
    const Subject& subject = subjects[r.subject];
    if (r.exclusion)
        fail("excluded_unit", i, "/unit",
             "'" + rec.unit + "' is excluded from evaluation: " + subject.exclusions[r.exclusion - 1].reason);
    if (r.record) fail("duplicate_record", i, "/unit", "'" + rec.unit + "' already has a record at " + a.place_of(*r.record));
    r.record = i;

    const std::size_t idx = out.m_result_of[u->value] - 1;
    const YearDays& window = days[r.subject];
    const std::optional<std::int64_t> dossier_day = detail::iso_days(rec.dossier_date);
    if (!dossier_day)
        fail("bad_date", i, "/dossier_date", "'" + rec.dossier_date + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
    if (*dossier_day < window.first_day)
        fail("date_outside_window", i, "/dossier_date",
             rec.dossier_date + " is before the " + std::to_string(a.year) + " window of '" + subject.id + "' opens (" +
                 window.first + ")");
    r.dossier_date = rec.dossier_date;
    r.dossier = *dossier_day <= window.deadline_day ? DossierStatus::on_time : DossierStatus::late;

    // Title: plain criteria met, minus those an incident breaks (bit c of met / broken: criterion c).
    std::uint64_t& ok = met[idx];
    for (std::size_t k = 0; k < rec.criteria_met.size(); ++k) {
        const std::size_t c = plain_criterion(subject, rec.criteria_met[k], i, [k] { return item("criteria_met", k); });
        if (ok >> c & 1)
            fail("duplicate_criterion", i, item("criteria_met", k), "criterion '" + rec.criteria_met[k] + "' is listed twice");
        ok |= std::uint64_t{1} << c;
    }
    for (std::size_t k = 0; k < rec.incidents.size(); ++k) {
        const Incident& inc = rec.incidents[k];
        const std::size_t c = plain_criterion(subject, inc.criterion, i, [k] { return item("incidents", k) + "/criterion"; });
        const std::optional<std::int64_t> day = detail::iso_days(inc.date);
        if (!day)
            fail("bad_date", i, item("incidents", k) + "/date", "'" + inc.date + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
        if (*day < window.first_day || *day > window.last_day)
            fail("date_outside_window", i, item("incidents", k) + "/date",
                 inc.date + " lies outside the " + std::to_string(a.year) + " window of '" + subject.id + "' (" +
                     window.first + " to " + window.last + ")");
        if (ok >> c & 1)
            fail("conflicting_record", i, item("incidents", k) + "/criterion",
                 "criterion '" + inc.criterion + "' is listed as met and broken by this incident");
        broken[idx] |= std::uint64_t{1} << c;
        ++r.incidents;
    }

    // Classification: a score for every criterion, within its range.
    if (!subject.classification) {
        if (!rec.scores.empty())
            fail("unexpected_scores", i, "/scores", "subject '" + subject.id + "' has no classification to score");
        if (!rec.proposed_level.empty())
            fail("unknown_level", i, "/proposed_level", "subject '" + subject.id + "' has no classification levels");
        return;
    }
    const ClassificationRule& c = *subject.classification;
    std::uint64_t scored = 0;
    double total = 0;
    for (const auto& [id, points] : rec.scores) {
        const std::size_t k = score_keys[r.subject].find(c.criteria, id);
        if (k == c.criteria.size())
            fail("unknown_criterion", i, "/scores/" + id, "subject '" + subject.id + "' has no scored criterion '" + id + "'");
        if (scored >> k & 1) fail("duplicate_criterion", i, "/scores/" + id, "criterion '" + id + "' is scored twice");
        if (!std::isfinite(points) || points < 0 || points > c.criteria[k].max_points)
            fail("score_out_of_range", i, "/scores/" + id,
                 detail::number_text(points) + " points, but '" + id + "' gives 0 to " + detail::number_text(c.criteria[k].max_points));
        scored |= std::uint64_t{1} << k;
        total += points;
    }
    for (std::size_t k = 0; k < c.criteria.size(); ++k)
        if (!(scored >> k & 1)) fail("missing_score", i, "/scores", "no score for criterion '" + c.criteria[k].id + "'");
    r.points = detail::clean_sum(total);
    if (!rec.proposed_level.empty()) {
        const std::size_t level = level_keys[r.subject].find(c.levels, rec.proposed_level);
        if (level == c.levels.size())
            fail("unknown_level", i, "/proposed_level", "subject '" + subject.id + "' has no level '" + rec.proposed_level + "'");
        r.proposed_level = std::uint32_t(level);
    }
}

}  // namespace antq::detail
