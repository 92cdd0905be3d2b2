#include <array>
#include <span>
#include <string>
#include <string_view>

#include <antq/errors.hpp>
#include <antq/evaluation/translate.hpp>
#include <antq/io/admin_list.hpp>
#include <antq/io/changes_json.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/directive_json.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/io/rules_json.hpp>
#include <antq/io/team_sizing_json.hpp>

#include "model/detail/dates.hpp"

// The dataset files are linked into the library as read-only bytes, so no path lookup can fail at run time.
// CMake sets ANTQ_HAI_DUONG_2024_PATH, ANTQ_DIRECTIVE_2024_PATH, ANTQ_EVALUATION_RULES_PATH and
// ANTQ_TEAM_SIZING_PATH (and the national lists' and reform's ANTQ_VIETNAM_*_PATH, ANTQ_REFORM_2025_PATH, and the
// licence notices' ANTQ_NOTICE_*_PATH) to the data files' absolute paths.

__asm__(".section .rodata\n"
        ".balign 16\n"
        "antq_hai_duong_2024_begin:\n"
        ".incbin \"" ANTQ_HAI_DUONG_2024_PATH "\"\n"
        "antq_hai_duong_2024_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_directive_2024_begin:\n"
        ".incbin \"" ANTQ_DIRECTIVE_2024_PATH "\"\n"
        "antq_directive_2024_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_evaluation_rules_begin:\n"
        ".incbin \"" ANTQ_EVALUATION_RULES_PATH "\"\n"
        "antq_evaluation_rules_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_team_sizing_begin:\n"
        ".incbin \"" ANTQ_TEAM_SIZING_PATH "\"\n"
        "antq_team_sizing_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_vietnam_three_tier_begin:\n"
        ".incbin \"" ANTQ_VIETNAM_THREE_TIER_PATH "\"\n"
        "antq_vietnam_three_tier_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_vietnam_two_tier_begin:\n"
        ".incbin \"" ANTQ_VIETNAM_TWO_TIER_PATH "\"\n"
        "antq_vietnam_two_tier_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_reform_2025_begin:\n"
        ".incbin \"" ANTQ_REFORM_2025_PATH "\"\n"
        "antq_reform_2025_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_notice_hai_duong_begin:\n"
        ".incbin \"" ANTQ_NOTICE_HAI_DUONG_PATH "\"\n"
        "antq_notice_hai_duong_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_notice_lists_begin:\n"
        ".incbin \"" ANTQ_NOTICE_LISTS_PATH "\"\n"
        "antq_notice_lists_end:\n"
        ".byte 0\n"
        ".balign 16\n"
        "antq_notice_reform_begin:\n"
        ".incbin \"" ANTQ_NOTICE_REFORM_PATH "\"\n"
        "antq_notice_reform_end:\n"
        ".byte 0\n"
        ".previous\n");

extern "C" {
extern const char antq_hai_duong_2024_begin[] __asm__("antq_hai_duong_2024_begin");
extern const char antq_hai_duong_2024_end[] __asm__("antq_hai_duong_2024_end");
extern const char antq_directive_2024_begin[] __asm__("antq_directive_2024_begin");
extern const char antq_directive_2024_end[] __asm__("antq_directive_2024_end");
extern const char antq_evaluation_rules_begin[] __asm__("antq_evaluation_rules_begin");
extern const char antq_evaluation_rules_end[] __asm__("antq_evaluation_rules_end");
extern const char antq_team_sizing_begin[] __asm__("antq_team_sizing_begin");
extern const char antq_team_sizing_end[] __asm__("antq_team_sizing_end");
extern const char antq_vietnam_three_tier_begin[] __asm__("antq_vietnam_three_tier_begin");
extern const char antq_vietnam_three_tier_end[] __asm__("antq_vietnam_three_tier_end");
extern const char antq_vietnam_two_tier_begin[] __asm__("antq_vietnam_two_tier_begin");
extern const char antq_vietnam_two_tier_end[] __asm__("antq_vietnam_two_tier_end");
extern const char antq_reform_2025_begin[] __asm__("antq_reform_2025_begin");
extern const char antq_reform_2025_end[] __asm__("antq_reform_2025_end");
extern const char antq_notice_hai_duong_begin[] __asm__("antq_notice_hai_duong_begin");
extern const char antq_notice_hai_duong_end[] __asm__("antq_notice_hai_duong_end");
extern const char antq_notice_lists_begin[] __asm__("antq_notice_lists_begin");
extern const char antq_notice_lists_end[] __asm__("antq_notice_lists_end");
extern const char antq_notice_reform_begin[] __asm__("antq_notice_reform_begin");
extern const char antq_notice_reform_end[] __asm__("antq_notice_reform_end");
}

namespace antq::datasets {

std::string_view hai_duong_2024_json() noexcept {
    return {antq_hai_duong_2024_begin, static_cast<std::size_t>(antq_hai_duong_2024_end - antq_hai_duong_2024_begin)};
}

OrgGraph hai_duong_2024() { return parse_graph(hai_duong_2024_json(), "hai_duong_2024"); }

std::string_view directive_2024_json() noexcept {
    return {antq_directive_2024_begin, static_cast<std::size_t>(antq_directive_2024_end - antq_directive_2024_begin)};
}

Directive directive_2024() { return parse_directive(directive_2024_json(), "directive_2024"); }

namespace {

std::string_view between(const char* begin, const char* end) { return {begin, static_cast<std::size_t>(end - begin)}; }

}  // namespace

std::string_view vietnam_csv(std::string_view as_of) {
    const auto day = detail::iso_days(as_of);
    if (!day) throw InvalidInput("bad_date", "as_of", "expected an ISO date YYYY-MM-DD, not '" + std::string(as_of) + "'");
    if (*day < *detail::iso_days("2025-03-01"))
        throw InvalidInput("no_list", "as_of '" + std::string(as_of) + "'",
                           "the embedded lists start on 2025-03-01 (three tiers) and 2025-07-01 (two tiers)");
    if (*day < *detail::iso_days("2025-07-01")) return between(antq_vietnam_three_tier_begin, antq_vietnam_three_tier_end);
    return between(antq_vietnam_two_tier_begin, antq_vietnam_two_tier_end);
}

OrgGraph vietnam(std::string_view as_of, bool with_bodies) {
    const std::string_view text = vietnam_csv(as_of);
    const bool three_tier = text.data() == antq_vietnam_three_tier_begin;
    const std::string date = three_tier ? "2025-03-01" : "2025-07-01";
    AdminGraphOptions options;
    options.name = "vietnam_" + date;
    options.as_of = date;
    options.with_bodies = with_bodies;
    options.district_police = false;  // none from 01/03/2025, the first day of both lists
    return admin_graph(parse_admin_table(text, "vietnam_" + date + ".csv"), options);
}

std::string_view reform_2025_json() noexcept { return between(antq_reform_2025_begin, antq_reform_2025_end); }

ChangeSet reform_2025() { return parse_changes(reform_2025_json(), "reform_2025.json"); }

std::span<const DataNotice> notices() noexcept {
    static const std::array<DataNotice, 3> all{{
        {"hai_duong_2024", "LICENSE-vn-admin.txt", between(antq_notice_hai_duong_begin, antq_notice_hai_duong_end)},
        {"vietnam", "LICENSE-vietnamese-provinces-database.txt", between(antq_notice_lists_begin, antq_notice_lists_end)},
        {"reform_2025", "LICENSE-dvhcvn-20250701.txt", between(antq_notice_reform_begin, antq_notice_reform_end)},
    }};
    return all;
}

}  // namespace antq::datasets

namespace antq {

std::string_view default_evaluation_rules_json() noexcept {
    return {antq_evaluation_rules_begin,
            static_cast<std::size_t>(antq_evaluation_rules_end - antq_evaluation_rules_begin)};
}

EvaluationRules default_evaluation_rules() {
    return parse_evaluation_rules(default_evaluation_rules_json(), "evaluation_hai_duong_2024");
}

EvaluationRules default_evaluation_rules(const AdministrativeStructure& structure) {
    EvaluationRules rules = default_evaluation_rules();
    if (structure.has_level(Level::district)) return rules;
    rules = for_structure(rules, structure);
    rules.title += " (fitted to " + structure.id() + ": no district subject, no district agencies)";
    for (Subject& s : rules.subjects)
        if (s.id == "commune")
            s.decided_at.assumption =
                "TT 124/2021 Điều 10 names the district People's Committee; with no district level (from 01/07/2025) the "
                "province, which contains the commune, is assumed to decide: no amended text was retrieved";
    return rules;
}

std::string_view default_team_sizing_rule_json() noexcept {
    return {antq_team_sizing_begin, static_cast<std::size_t>(antq_team_sizing_end - antq_team_sizing_begin)};
}

TeamSizingRule default_team_sizing_rule() {
    return parse_team_sizing_rule(default_team_sizing_rule_json(), "team_sizing_hai_duong_2024.json");
}

}  // namespace antq
