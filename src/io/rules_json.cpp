#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/rules_json.hpp>
#include <antq/io/selector_json.hpp>

#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"
#include "model/detail/numbers.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.evaluation_rules";
constexpr int format_version = 1;
// Selectors sit six levels down (/subjects/i/exclusions/j/units/...), and may take selector_json_depth below that.
constexpr std::size_t max_depth = 6 + detail::selector_json_depth;

// The longest label of a subject, a level or a contribution, in bytes (UTF-8): ample for a title of Vietnamese words.
constexpr std::size_t max_label_bytes = 400;

// "MM-DD" of a day every year has (02-29 is refused: the window would move in leap years).
bool is_month_day(std::string_view s) {
    if (s.size() != 5 || s[2] != '-') return false;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int month = (s[0] - '0') * 10 + (s[1] - '0');
    const int day = (s[3] - '0') * 10 + (s[4] - '0');
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}


class RulesReader {
public:
    explicit RulesReader(std::string source) : r(std::move(source)) {}

    EvaluationRules read(const json& doc) const {
        r.expect_object(doc, "");
        r.only_fields(doc, {"format", "version", "id", "title", "source", "subjects", "deciders", "heads", "commendation"}, "");
        r.format_and_version(doc, format_name, format_version, "bad_rule");
        EvaluationRules rules;
        rules.id = r.filled(doc, "id", "");
        rules.title = r.filled(doc, "title", "");
        rules.source = r.filled(doc, "source", "");
        std::vector<std::string> pointers;
        at_most(doc, "subjects", "", max_subjects, "a rule set has at most " + std::to_string(max_subjects) + " subjects");
        std::unordered_set<std::string> subject_ids;
        r.for_each(doc, "subjects", "", [&](const json& s, const std::string& p) {
            Subject subject = read_subject(s, p);
            unique_id(subject_ids, subject.id, "subject", p);
            rules.subjects.push_back(std::move(subject));
            pointers.push_back(p);
        });
        if (rules.subjects.empty()) r.fail("bad_rule", "/subjects", "a rule set needs at least one subject");
        check_shares(rules, pointers);
        order_by_dependency(rules, pointers);
        if (auto it = doc.find("deciders"); it != doc.end()) {
            r.expect_object(*it, "/deciders");
            r.only_fields(*it, {"title", "classification"}, "/deciders");
            if (it->contains("title")) rules.title_decider = read_decider(it->at("title"), "/deciders/title");
            if (it->contains("classification"))
                rules.classification_decider = read_decider(it->at("classification"), "/deciders/classification");
        }
        rules.heads = read_heads(r.require(doc, "heads", ""), "/heads", rules);
        rules.commendation = read_commendation(r.require(doc, "commendation", ""), "/commendation", rules);
        return rules;
    }

private:
    Subject read_subject(const json& s, const std::string& p) const {
        r.only_fields(s, {"id", "label", "units", "exclusions", "window", "deadline", "deadline_source",
                          "deadline_assumption", "decided_at", "title", "classification"},
                      p);
        Subject out;
        out.id = r.filled(s, "id", p);
        out.label = label(s, p);
        out.units = selector(r.require(s, "units", p), p + "/units");
        at_most(s, "exclusions", p, max_exclusions, "a subject has at most " + std::to_string(max_exclusions) + " exclusions");
        if (s.contains("exclusions"))
            r.for_each(s, "exclusions", p, [&](const json& e, const std::string& ep) {
                r.only_fields(e, {"reason", "units"}, ep);
                out.exclusions.push_back({r.filled(e, "reason", ep), selector(r.require(e, "units", ep), ep + "/units")});
            });
        const json& w = r.require(s, "window", p);
        r.expect_object(w, p + "/window");
        r.only_fields(w, {"from", "to", "source", "assumption"}, p + "/window");
        out.window.from = month_day(w, "from", p + "/window");
        out.window.to = month_day(w, "to", p + "/window");
        out.window.source = optional_text(w, "source", p + "/window");
        out.window.assumption = optional_text(w, "assumption", p + "/window");
        out.deadline = month_day(s, "deadline", p);
        // Both are days of the evaluation year: a dossier cannot be due before the period it reports on ends.
        if (out.deadline < out.window.to)
            r.fail("bad_rule", p + "/deadline",
                   "the deadline " + out.deadline + " falls before the window ends (" + out.window.to + ")");
        out.deadline_source = optional_text(s, "deadline_source", p);
        out.deadline_assumption = optional_text(s, "deadline_assumption", p);
        if (auto it = s.find("decided_at"); it != s.end()) out.decided_at = read_place(*it, p + "/decided_at");
        if (auto it = s.find("title"); it != s.end()) out.title = read_title(*it, p + "/title");
        if (auto it = s.find("classification"); it != s.end())
            out.classification = read_classification(*it, p + "/classification", out.title.has_value());
        if (!out.title && !out.classification)
            r.fail("bad_rule", p, "subject '" + out.id + "' needs a 'title' or a 'classification' rule");
        return out;
    }

    DecisionPlace read_place(const json& d, const std::string& p) const {
        r.expect_object(d, p);
        r.only_fields(d, {"rule", "source", "assumption"}, p);
        DecisionPlace out;
        const std::string rule = r.filled(d, "rule", p);
        if (rule == "manager") out.at = DecidedAt::manager;
        else if (rule != "territory")
            r.fail("bad_rule", p + "/rule", "expected 'territory' or 'manager', found '" + rule + "'");
        sourced(d, p, out.source, out.assumption);
        return out;
    }

    Decider read_decider(const json& d, const std::string& p) const {
        r.expect_object(d, p);
        r.only_fields(d, {"kind", "source", "assumption"}, p);
        Decider out;
        const std::string name = r.filled(d, "kind", p);
        auto kind = parse_unit_kind(name);
        if (!kind) r.fail("unknown_kind", p + "/kind", "no unit kind '" + name + "'");
        if (!is_body(*kind)) r.fail("bad_rule", p + "/kind", "'" + name + "' is not a kind of body");
        out.kind = *kind;
        sourced(d, p, out.source, out.assumption);
        return out;
    }

    // A rule that decides who decides says where it comes from, or why it is assumed.
    void sourced(const json& d, const std::string& p, std::string& source, std::string& assumption) const {
        source = optional_text(d, "source", p);
        assumption = optional_text(d, "assumption", p);
        if (source.empty() && assumption.empty()) r.fail("missing_field", p + "/source", "give a 'source' or an 'assumption'");
    }

    TitleRule read_title(const json& t, const std::string& p) const {
        r.expect_object(t, p);
        r.only_fields(t, {"source", "criteria"}, p);
        TitleRule out;
        out.source = r.filled(t, "source", p);
        at_most(t, "criteria", p, max_criteria, "a title has at most " + std::to_string(max_criteria) + " criteria");
        std::unordered_set<std::string> ids;
        r.for_each(t, "criteria", p, [&](const json& c, const std::string& cp) {
            r.only_fields(c, {"id", "title", "source", "assumption", "share"}, cp);
            TitleCriterion crit;
            crit.id = r.filled(c, "id", cp);
            crit.title = r.filled(c, "title", cp);
            crit.source = optional_text(c, "source", cp);
            crit.assumption = optional_text(c, "assumption", cp);
            if (auto it = c.find("share"); it != c.end()) {
                const std::string sp = cp + "/share";
                r.expect_object(*it, sp);
                r.only_fields(*it, {"subject", "min_share"}, sp);
                crit.share = ShareCondition{r.filled(*it, "subject", sp), number(r.require(*it, "min_share", sp), sp + "/min_share")};
                if (crit.share->min_share < 0 || crit.share->min_share > 1)
                    r.fail("bad_rule", sp + "/min_share", "a share lies between 0 and 1, not " + it->at("min_share").dump());
            }
            unique_id(ids, crit.id, "criterion", cp);
            out.criteria.push_back(std::move(crit));
        });
        if (out.criteria.empty()) r.fail("bad_rule", p + "/criteria", "a title needs at least one criterion");
        if (out.criteria.size() > max_criteria)
            r.fail("bad_rule", p + "/criteria", "a title has at most " + std::to_string(max_criteria) + " criteria");
        return out;
    }

    ClassificationRule read_classification(const json& c, const std::string& p, bool has_title) const {
        r.expect_object(c, p);
        r.only_fields(c, {"source", "criteria", "levels"}, p);
        ClassificationRule out;
        out.source = r.filled(c, "source", p);
        at_most(c, "criteria", p, max_criteria, "a classification has at most " + std::to_string(max_criteria) + " criteria");
        at_most(c, "levels", p, max_class_levels, "a classification has at most " + std::to_string(max_class_levels) + " levels");
        std::unordered_set<std::string> ids, level_ids;
        r.for_each(c, "criteria", p, [&](const json& item, const std::string& cp) {
            r.only_fields(item, {"id", "title", "max_points", "source", "assumption"}, cp);
            ScoredCriterion crit;
            crit.id = r.filled(item, "id", cp);
            crit.title = r.filled(item, "title", cp);
            crit.max_points = number(r.require(item, "max_points", cp), cp + "/max_points");
            if (!(crit.max_points > 0)) r.fail("bad_rule", cp + "/max_points", "points must be positive");
            crit.source = optional_text(item, "source", cp);
            crit.assumption = optional_text(item, "assumption", cp);
            unique_id(ids, crit.id, "criterion", cp);
            out.criteria.push_back(std::move(crit));
        });
        if (out.criteria.empty()) r.fail("bad_rule", p + "/criteria", "a classification needs at least one criterion");
        if (out.criteria.size() > max_criteria)
            r.fail("bad_rule", p + "/criteria", "a classification has at most " + std::to_string(max_criteria) + " criteria");
        r.for_each(c, "levels", p, [&](const json& item, const std::string& lp) {
            r.only_fields(item, {"id", "label", "min_points", "requires_title", "source", "assumption"}, lp);
            ClassLevel level;
            level.id = r.filled(item, "id", lp);
            level.label = label(item, lp);
            level.min_points = number(r.require(item, "min_points", lp), lp + "/min_points");
            level.requires_title = flag(item, "requires_title", lp);
            if (level.requires_title && !has_title)
                r.fail("bad_rule", lp + "/requires_title", "the subject has no title rule to require");
            level.source = optional_text(item, "source", lp);
            level.assumption = optional_text(item, "assumption", lp);
            if (level.min_points < 0) r.fail("bad_rule", lp + "/min_points", "a threshold cannot be negative");
            if (!out.levels.empty() && !(level.min_points < out.levels.back().min_points))
                r.fail("bad_rule", lp + "/min_points",
                       "levels run from the highest down: this threshold must be below the previous one (" +
                           detail::number_text(out.levels.back().min_points) + ")");
            unique_id(level_ids, level.id, "level", lp);
            out.levels.push_back(std::move(level));
        });
        if (out.levels.empty()) r.fail("bad_rule", p + "/levels", "a classification needs at least one level");
        if (out.levels.size() > max_class_levels)
            r.fail("bad_rule", p + "/levels", "a classification has at most " + std::to_string(max_class_levels) + " levels");
        if (out.levels.back().requires_title)
            r.fail("bad_rule", p + "/levels/" + std::to_string(out.levels.size() - 1) + "/requires_title",
                   "the lowest level is the one left when no other applies: it cannot require the title");
        if (out.levels.back().min_points != 0)
            r.fail("bad_rule", p + "/levels/" + std::to_string(out.levels.size() - 1) + "/min_points",
                   "the lowest level must start at 0 points, so every total has a level");
        double total = 0;
        for (const auto& crit : out.criteria) total += crit.max_points;
        if (out.levels.front().min_points > total)
            r.fail("bad_rule", p + "/levels/0/min_points",
                   "the threshold " + detail::number_text(out.levels.front().min_points) + " is above the most points there are (" +
                       detail::number_text(total) + ")");
        return out;
    }

    // Share criteria name subjects that exist and have a title rule.
    void check_shares(const EvaluationRules& rules, const std::vector<std::string>& pointers) const {
        for (std::size_t s = 0; s < rules.subjects.size(); ++s) {
            if (!rules.subjects[s].title) continue;
            const auto& criteria = rules.subjects[s].title->criteria;
            for (std::size_t c = 0; c < criteria.size(); ++c) {
                if (!criteria[c].share) continue;
                const std::string cp = pointers[s] + "/title/criteria/" + std::to_string(c) + "/share/subject";
                auto target = rules.subject_index(criteria[c].share->subject);
                if (!target) r.fail("unknown_criterion", cp, "no subject '" + criteria[c].share->subject + "'");
                if (!rules.subjects[*target].title)
                    r.fail("unknown_criterion", cp, "subject '" + criteria[c].share->subject + "' has no title to share");
            }
        }
    }

    // Puts every subject after the subjects its share criteria name (a stable topological order).
    void order_by_dependency(EvaluationRules& rules, const std::vector<std::string>& pointers) const {
        const std::size_t n = rules.subjects.size();
        std::vector<Subject> ordered;
        std::vector<bool> placed(n, false);
        while (ordered.size() < n) {
            bool progress = false;
            for (std::size_t s = 0; s < n; ++s) {
                if (placed[s]) continue;
                bool ready = true;
                if (rules.subjects[s].title)
                    for (const auto& crit : rules.subjects[s].title->criteria)
                        if (crit.share) ready = ready && placed[*rules.subject_index(crit.share->subject)];
                if (!ready) continue;
                placed[s] = true;
                progress = true;
                ordered.push_back(rules.subjects[s]);
            }
            if (!progress) {
                std::size_t s = 0;
                while (placed[s]) ++s;
                r.fail("cyclic_rule", pointers[s] + "/title",
                       "share criteria of subject '" + rules.subjects[s].id + "' depend on themselves through other subjects");
            }
        }
        rules.subjects = std::move(ordered);
    }

    // A level id that every classified subject defines.
    void check_level(const EvaluationRules& rules, const std::string& level, const std::string& p) const {
        for (const Subject& s : rules.subjects)
            if (s.classification && !s.classification->level_index(level))
                r.fail("unknown_level", p, "subject '" + s.id + "' has no level '" + level + "'");
    }

    HeadRule read_heads(const json& h, const std::string& p, const EvaluationRules& rules) const {
        r.expect_object(h, p);
        r.only_fields(h, {"source", "assumption", "territory_bodies", "contributions"}, p);
        HeadRule out;
        out.source = r.filled(h, "source", p);
        out.assumption = optional_text(h, "assumption", p);
        r.for_each(h, "territory_bodies", p, [&](const json& k, const std::string& kp) {
            const std::string name = r.string(k, kp);
            auto kind = parse_unit_kind(name);
            if (!kind) r.fail("unknown_kind", kp, "no unit kind '" + name + "'");
            if (!is_body(*kind)) r.fail("bad_rule", kp, "'" + name + "' is not a kind of body");
            out.territory_bodies.push_back(*kind);
        }, false);
        at_most(h, "contributions", p, max_head_contributions, "heads have at most " + std::to_string(max_head_contributions) + " contributions");
        std::unordered_set<std::string> contribution_ids;
        r.for_each(h, "contributions", p, [&](const json& g, const std::string& gp) {
            r.only_fields(g, {"id", "label", "min_level", "requires_title", "on_time", "source", "assumption"}, gp);
            HeadContribution c;
            c.id = r.filled(g, "id", gp);
            c.label = label(g, gp);
            if (g.contains("min_level")) {
                c.min_level = r.filled(g, "min_level", gp);
                check_level(rules, *c.min_level, gp + "/min_level");
            }
            c.requires_title = flag(g, "requires_title", gp);
            c.on_time = flag(g, "on_time", gp);
            sourced(g, gp, c.source, c.assumption);
            unique_id(contribution_ids, c.id, "contribution", gp);
            out.contributions.push_back(std::move(c));
        });
        if (out.contributions.empty()) r.fail("bad_rule", p + "/contributions", "heads need at least one contribution");
        const HeadContribution& last = out.contributions.back();
        if (last.min_level || last.requires_title || last.on_time)
            r.fail("bad_rule", p + "/contributions/" + std::to_string(out.contributions.size() - 1),
                   "the last contribution is the one left when no other applies: it takes no condition");
        return out;
    }

    CommendationRule read_commendation(const json& c, const std::string& p, const EvaluationRules& rules) const {
        r.expect_object(c, p);
        r.only_fields(c, {"source", "assumption", "min_level", "requires_title", "on_time", "head_contribution"}, p);
        CommendationRule out;
        out.source = r.filled(c, "source", p);
        out.assumption = optional_text(c, "assumption", p);
        out.min_level = r.filled(c, "min_level", p);
        check_level(rules, out.min_level, p + "/min_level");
        out.requires_title = flag(c, "requires_title", p);
        out.on_time = flag(c, "on_time", p);
        out.head_contribution = r.filled(c, "head_contribution", p);
        bool known = false;
        for (const auto& g : rules.heads.contributions) known = known || g.id == out.head_contribution;
        if (!known) r.fail("unknown_contribution", p + "/head_contribution", "no contribution '" + out.head_contribution + "'");
        return out;
    }

    // Ids name subjects, criteria, levels and contributions in errors and in other rules: each once in its list (in NFC, as
    // the reader reads every string, so two spellings of one id are one id).
    void unique_id(std::unordered_set<std::string>& seen, const std::string& id, const char* what, const std::string& p) const {
        if (!seen.insert(id).second) r.fail("duplicate_id", p + "/id", std::string(what) + " '" + id + "' appears twice");
    }

    // A label is shown in tables and on charts: a few words, bounded so that a hostile file cannot make a page or a
    // chart of megabytes.
    std::string label(const json& object, const std::string& p) const {
        std::string out = r.filled(object, "label", p);
        if (out.size() > max_label_bytes)
            r.fail("too_long", p + "/label",
                   "a label has at most " + std::to_string(max_label_bytes) + " bytes, this one " + std::to_string(out.size()));
        return out;
    }

    // Refuses a list longer than `most` before reading any of it.
    void at_most(const json& object, const char* key, const std::string& p, std::size_t most, const std::string& message) const {
        if (auto it = object.find(key); it != object.end() && it->is_array() && it->size() > most)
            r.fail("bad_rule", p + "/" + key, message);
    }

    Selector selector(const json& j, const std::string& p) const {
        try {
            return selector_from_json(j, p);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at(e.where()), e.message());
        }
    }

    std::string month_day(const json& object, const char* key, const std::string& p) const {
        std::string s = r.text(object, key, p);
        if (!is_month_day(s))
            r.fail("bad_rule", p + "/" + key, "expected a day of the year written MM-DD (not 02-29), found '" + s + "'");
        return s;
    }

    std::string optional_text(const json& object, const char* key, const std::string& p) const {
        return object.contains(key) ? r.filled(object, key, p) : std::string();
    }

    bool flag(const json& object, const char* key, const std::string& p) const {
        auto it = object.find(key);
        if (it == object.end()) return false;
        if (!it->is_boolean()) r.fail("wrong_type", p + "/" + key, "expected a boolean, found " + type_name(*it));
        return it->get<bool>();
    }

    double number(const json& j, const std::string& p) const {
        if (!j.is_number()) r.fail("wrong_type", p, "expected a number, found " + type_name(j));
        const double v = j.get<double>();
        if (!std::isfinite(v) || std::abs(v) > 1e12) r.fail("number_out_of_range", p, "expected a number below 10^12");
        return v;
    }

    Reader r;
};

}  // namespace

EvaluationRules parse_evaluation_rules(std::string_view text, std::string_view source) {
    const std::string name(source);
    return RulesReader(name).read(detail::parse_document(text, name, max_depth));
}

EvaluationRules load_evaluation_rules(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_evaluation_rules(detail::read_file(path, limits.max_bytes), path.string());
}


}  // namespace antq
