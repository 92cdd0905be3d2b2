// Assessment records: the JSON format "antq.assessments" and the seeded example year.

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/model/text.hpp>

#include "dates.hpp"
#include "file_io.hpp"
#include "json_reader.hpp"
#include "random.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.assessments";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 16;

class AssessmentsReader {
public:
    explicit AssessmentsReader(std::string source) : r(std::move(source)) {}

    Assessments read(const json& doc) const {
        if (!doc.is_object())
            r.fail("not_an_assessments_file", "", "expected an object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "year", "records"}, "");
        r.format_and_version(doc, format_name, format_version, "not_an_assessments_file");
        Assessments out;
        const json& year = r.require(doc, "year", "");
        if (!year.is_number_integer() || year.get<std::int64_t>() < 1900 || year.get<std::int64_t>() > 2200)
            r.fail("bad_year", "/year", "expected a year between 1900 and 2200, found " + year.dump());
        out.year = static_cast<int>(year.get<std::int64_t>());
        const json& records = r.require(doc, "records", "");
        if (records.is_array()) out.records.reserve(records.size());
        r.for_each(doc, "records", "", [&](const json& rec, const std::string& p) { out.records.push_back(record(rec, p)); });
        return out;
    }

private:
    AssessmentRecord record(const json& j, const std::string& p) const {
        r.only_fields(j, {"unit", "dossier_date", "criteria_met", "scores", "proposed_level", "incidents"}, p);
        AssessmentRecord out;
        out.unit = r.filled(j, "unit", p);
        out.dossier_date = date(j, "dossier_date", p);
        if (j.contains("criteria_met"))
            r.for_each(j, "criteria_met", p, [&](const json& c, const std::string& cp) { out.criteria_met.push_back(r.string(c, cp)); },
                       false);
        if (auto it = j.find("scores"); it != j.end()) {
            r.expect_object(*it, p + "/scores");
            out.scores.reserve(it->size());
            for (auto s = it->begin(); s != it->end(); ++s) {
                const std::string sp = p + "/scores/" + detail::pointer_token(s.key());
                if (!s->is_number()) r.fail("wrong_type", sp, "expected a number, found " + type_name(*s));
                const double v = s->get<double>();
                if (!std::isfinite(v)) r.fail("non_finite_number", sp, "a score must be finite");
                out.scores.emplace_back(s.key(), v);
            }
        }
        if (j.contains("proposed_level")) out.proposed_level = r.filled(j, "proposed_level", p);
        if (j.contains("incidents"))
            r.for_each(j, "incidents", p, [&](const json& inc, const std::string& ip) {
                r.only_fields(inc, {"criterion", "date", "note"}, ip);
                out.incidents.push_back({r.filled(inc, "criterion", ip), date(inc, "date", ip),
                                         inc.contains("note") ? r.text(inc, "note", ip) : std::string()});
            });
        return out;
    }

    std::string date(const json& object, const char* key, const std::string& p) const {
        std::string value = r.text(object, key, p);
        if (!detail::iso_days(value)) r.fail("bad_date", p + "/" + key, "'" + value + "' is not a date written YYYY-MM-DD");
        return value;
    }

    Reader r;
};

}  // namespace

std::string Assessments::place_of(std::size_t i) const {
    return source.empty() ? "records/" + std::to_string(i) : source + ":/records/" + std::to_string(i);
}

Assessments parse_assessments(std::string_view text, std::string_view source) {
    const std::string name(source);
    Assessments out = AssessmentsReader(name).read(detail::parse_document(text, name, max_depth));
    out.source = name;
    return out;
}

Assessments load_assessments(const std::filesystem::path& path) {
    return parse_assessments(detail::read_file(path), path.string());
}

std::string dump_assessments(const Assessments& assessments) {
    json records = json::array();
    for (const AssessmentRecord& rec : assessments.records) {
        json j = {{"unit", rec.unit}, {"dossier_date", rec.dossier_date}};
        if (!rec.criteria_met.empty()) j["criteria_met"] = rec.criteria_met;
        if (!rec.scores.empty()) {
            json scores = json::object();
            for (const auto& [criterion, points] : rec.scores) scores[criterion] = points;
            j["scores"] = std::move(scores);
        }
        if (!rec.proposed_level.empty()) j["proposed_level"] = rec.proposed_level;
        if (!rec.incidents.empty()) {
            json incidents = json::array();
            for (const Incident& inc : rec.incidents) {
                json i = {{"criterion", inc.criterion}, {"date", inc.date}};
                if (!inc.note.empty()) i["note"] = inc.note;
                incidents.push_back(std::move(i));
            }
            j["incidents"] = std::move(incidents);
        }
        records.push_back(std::move(j));
    }
    const json doc = {{"format", format_name}, {"version", format_version}, {"year", assessments.year}, {"records", std::move(records)}};
    return doc.dump(1) + "\n";
}

void save_assessments(const Assessments& assessments, const std::filesystem::path& path) {
    detail::write_file(path, dump_assessments(assessments));
}

Assessments example_assessments(const OrgGraph& graph, const EvaluationRules& rules, int year, std::uint64_t seed) {
    detail::check_year(year, "year");
    detail::Random random(seed);
    Assessments out;
    out.year = year;
    for (const Subject& subject : rules.subjects) {
        std::vector<bool> excluded(graph.unit_capacity(), false);
        for (const Exclusion& e : subject.exclusions)
            for (UnitIndex u : e.units.select(graph)) excluded[u.value] = true;
        const std::int64_t first = *detail::iso_days(subject.window.first_day(year));
        const std::int64_t last = *detail::iso_days(subject.window.last_day(year));
        const std::int64_t deadline = *detail::iso_days(subject.deadline_day(year));
        std::vector<std::size_t> plain;  // the criteria a record can list or an incident can break
        if (subject.title)
            for (std::size_t c = 0; c < subject.title->criteria.size(); ++c)
                if (!subject.title->criteria[c].share) plain.push_back(c);
        for (UnitIndex u : subject.units.select(graph)) {
            if (excluded[u.value] || random.chance(0.02)) continue;  // about 2% send no dossier
            AssessmentRecord rec;
            rec.unit = graph.unit(u).id;
            const bool late = random.chance(0.08);
            const std::int64_t day = late ? deadline + 1 + std::int64_t(random.below(20)) : deadline - std::int64_t(random.below(15));
            rec.dossier_date = detail::iso_date(std::max(day, first));
            std::size_t broken = plain.size(), unmet = plain.size();
            if (!plain.empty() && random.chance(0.04)) broken = random.below(plain.size());
            if (!plain.empty() && random.chance(0.03)) unmet = random.below(plain.size());
            for (std::size_t i = 0; i < plain.size(); ++i)
                if (i != broken && i != unmet) rec.criteria_met.push_back(subject.title->criteria[plain[i]].id);
            if (broken < plain.size())
                rec.incidents.push_back({subject.title->criteria[plain[broken]].id,
                                         detail::iso_date(first + std::int64_t(random.below(std::uint64_t(last - first + 1)))),
                                         "synthetic incident"});
            if (subject.classification) {
                const auto& c = *subject.classification;
                double total = 0;
                // Each unit has its own standing around 80%; incidents and unmet criteria pull it down.
                const double standing = 0.62 + 0.36 * (random.unit() + random.unit()) / 2 -
                                        (broken < plain.size() ? 0.15 : 0) - (unmet < plain.size() ? 0.08 : 0);
                for (const ScoredCriterion& crit : c.criteria) {
                    const double share = std::clamp(standing + 0.16 * (random.unit() - 0.5), 0.0, 1.0);
                    // Half points, never above the maximum (a maximum below 0.5 gives 0).
                    const double points = std::floor(share * crit.max_points * 2) / 2;
                    rec.scores.emplace_back(crit.id, points);
                    total += points;
                }
                std::size_t honest = c.levels.size() - 1;
                for (std::size_t l = 0; l < c.levels.size(); ++l)
                    if (total >= c.levels[l].min_points) {
                        honest = l;
                        break;
                    }
                std::sort(rec.scores.begin(), rec.scores.end());  // the order parse_assessments gives
                // About one unit in ten rates itself a level higher than its points give.
                rec.proposed_level = c.levels[honest > 0 && random.chance(0.1) ? honest - 1 : honest].id;
            }
            out.records.push_back(std::move(rec));
        }
    }
    return out;
}

}  // namespace antq
