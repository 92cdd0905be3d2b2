#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/assessments_json.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/dates.hpp"

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
        out.year = r.year(doc, "year", "");
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
            std::unordered_set<std::string> criteria;  // two spellings of one criterion (NFC, NFD) are one
            for (auto s = it->begin(); s != it->end(); ++s) {
                const std::string sp = p + "/scores/" + detail::pointer_token(s.key());
                if (!s->is_number()) r.fail("wrong_type", sp, "expected a number, found " + type_name(*s));
                const double v = s->get<double>();
                if (!std::isfinite(v)) r.fail("non_finite_number", sp, "a score must be finite");
                std::string criterion = r.key(s.key(), sp);
                if (!criteria.insert(criterion).second)
                    r.fail("duplicate_key", sp, "criterion '" + criterion + "' is scored twice (once normalised to NFC)");
                out.scores.emplace_back(std::move(criterion), v);
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
        if (!detail::iso_days(value)) r.fail("bad_date", p + "/" + key, "'" + value + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
        return value;
    }

    Reader r;
};

}  // namespace

Assessments parse_assessments(std::string_view text, std::string_view source) {
    const std::string name(source);
    Assessments out = AssessmentsReader(name).read(detail::parse_document(text, name, max_depth));
    out.source = name;
    return out;
}

Assessments load_assessments(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_assessments(detail::read_file(path, limits.max_bytes), path.string());
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

}  // namespace antq
