#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/team_sizing_json.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/dates.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.team_sizing";
constexpr int format_version = 1;
constexpr std::size_t max_depth = 16;
constexpr std::int64_t max_members = 50;

class RuleReader {
public:
    explicit RuleReader(std::string source) : r(std::move(source)) {}

    TeamSizingRule read(const json& doc) const {
        r.expect_object(doc, "");
        r.only_fields(doc, {"format", "version", "id", "title", "source", "in_force", "bands"}, "");
        r.format_and_version(doc, format_name, format_version, "bad_rule");
        TeamSizingRule rule;
        rule.id = text(doc, "id", "");
        rule.title = text(doc, "title", "");
        rule.source = text(doc, "source", "");
        rule.in_force = text(doc, "in_force", "");
        if (!detail::iso_days(rule.in_force)) r.fail("bad_date", "/in_force", "expected a date YYYY-MM-DD (years 1900 to 2200), found '" + rule.in_force + "'");
        const json& bands = r.require(doc, "bands", "");
        if (!bands.is_array()) r.fail("wrong_type", "/bands", "expected an array, found " + type_name(bands));
        if (bands.empty()) r.fail("bad_rule", "/bands", "a rule needs at least one band");
        for (std::size_t i = 0; i < bands.size(); ++i) {
            const std::string p = "/bands/" + std::to_string(i);
            rule.bands.push_back(band(bands[i], p, i == 0 ? nullptr : &rule.bands.back(), i + 1 == bands.size()));
        }
        return rule;
    }

private:
    TeamSizeBand band(const json& b, const std::string& p, const TeamSizeBand* previous, bool last) const {
        r.expect_object(b, p);
        r.only_fields(b, {"min_households", "below_households", "members", "assumption"}, p);
        TeamSizeBand out;
        out.min_households = integer(r.require(b, "min_households", p), p + "/min_households");
        const std::int64_t expected_min = previous ? *previous->below_households : 0;
        if (out.min_households != expected_min) {
            if (!previous)
                r.fail("bad_rule", p + "/min_households", "the first band must start at 0 households, not " +
                                                              std::to_string(out.min_households));
            r.fail("bad_rule", p + "/min_households",
                   "bands must be contiguous: this one starts at " + std::to_string(out.min_households) +
                       " but the previous one ends below " + std::to_string(expected_min) +
                       (out.min_households < expected_min ? " (overlap)" : " (gap)"));
        }
        if (auto it = b.find("below_households"); it != b.end()) {
            if (last)
                r.fail("bad_rule", p + "/below_households",
                       "the last band must be open-ended: leave 'below_households' out");
            out.below_households = integer(*it, p + "/below_households");
            if (*out.below_households <= out.min_households)
                r.fail("bad_rule", p + "/below_households",
                       "'below_households' (" + std::to_string(*out.below_households) +
                           ") must be greater than 'min_households' (" + std::to_string(out.min_households) + ")");
        } else if (!last) {
            r.fail("missing_field", p, "required field 'below_households' is missing (only the last band is open-ended)");
        }
        const std::int64_t members = integer(r.require(b, "members", p), p + "/members");
        if (members < 1 || members > max_members)
            r.fail("bad_rule", p + "/members",
                   "a team has 1 to " + std::to_string(max_members) + " members, not " + std::to_string(members));
        out.members = static_cast<int>(members);
        if (b.contains("assumption")) out.assumption = text(b, "assumption", p);
        return out;
    }

    std::int64_t integer(const json& j, const std::string& p) const {
        if (!j.is_number_integer()) r.fail("wrong_type", p, "expected an integer, found " + type_name(j));
        if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            r.fail("number_out_of_range", p, "integer " + j.dump() + " is too large");
        return j.get<std::int64_t>();
    }

    // A required, non-blank string.
    std::string text(const json& object, const char* key, const std::string& p) const {
        const std::string field = p + "/" + key;
        std::string s = r.string(r.require(object, key, p), field);
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) r.fail("bad_rule", field, "must not be empty");
        return s;
    }

    Reader r;
};

}  // namespace

TeamSizingRule parse_team_sizing_rule(std::string_view text, std::string_view source) {
    const std::string name(source);
    return RuleReader(name).read(detail::parse_document(text, name, max_depth));
}

TeamSizingRule load_team_sizing_rule(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_team_sizing_rule(detail::read_file(path, limits.max_bytes), path.string());
}

}  // namespace antq
