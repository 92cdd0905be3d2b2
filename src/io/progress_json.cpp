#include <string>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/progress_json.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/dates.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.progress";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 8;

class ProgressReader {
public:
    explicit ProgressReader(std::string source) : r(std::move(source)) {}

    ProgressReports read(const json& doc) const {
        if (!doc.is_object()) r.fail("not_a_progress_file", "", "expected an object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "directive", "reports"}, "");
        r.format_and_version(doc, format_name, format_version, "not_a_progress_file");
        ProgressReports out;
        out.directive = r.filled(doc, "directive", "");
        r.for_each(doc, "reports", "", [&](const json& item, const std::string& p) {
            r.only_fields(item, {"unit", "clause", "status", "date", "evidence"}, p);
            ProgressReport rep;
            rep.unit = r.filled(item, "unit", p);
            rep.clause = r.filled(item, "clause", p);
            const std::string status = r.text(item, "status", p);
            const auto parsed = parse_progress_status(status);
            if (!parsed) r.fail("bad_status", p + "/status", "'" + status + "' is not one of not_started, in_progress, done");
            rep.status = *parsed;
            rep.date = r.text(item, "date", p);
            if (!detail::iso_days(rep.date)) r.fail("bad_date", p + "/date", "'" + rep.date + "' is not a date written YYYY-MM-DD (years 1900 to 2200)");
            if (item.contains("evidence")) rep.evidence = r.text(item, "evidence", p);
            out.reports.push_back(std::move(rep));
        });
        return out;
    }

private:
    Reader r;
};

}  // namespace

ProgressReports parse_progress(std::string_view text, std::string_view source) {
    const std::string name(source);
    ProgressReports out = ProgressReader(name).read(detail::parse_document(text, name, max_depth));
    out.source = name;
    return out;
}

ProgressReports load_progress(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_progress(detail::read_file(path, limits.max_bytes), path.string());
}

std::string dump_progress(const ProgressReports& reports) {
    json list = json::array();
    for (const ProgressReport& rep : reports.reports) {
        json j = {{"unit", rep.unit}, {"clause", rep.clause}, {"status", to_string(rep.status)}, {"date", rep.date}};
        if (!rep.evidence.empty()) j["evidence"] = rep.evidence;
        list.push_back(std::move(j));
    }
    const json doc = {{"format", format_name}, {"version", format_version}, {"directive", reports.directive}, {"reports", std::move(list)}};
    return doc.dump(1) + "\n";
}

void save_progress(const ProgressReports& reports, const std::filesystem::path& path) {
    detail::write_file(path, dump_progress(reports));
}

}  // namespace antq
