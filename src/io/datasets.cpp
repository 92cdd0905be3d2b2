#include <string_view>

#include <antq/io/datasets.hpp>
#include <antq/io/directive_json.hpp>
#include <antq/io/graph_json.hpp>
#include <antq/io/rules_json.hpp>
#include <antq/io/team_sizing_json.hpp>

// The dataset files are linked into the library as read-only bytes, so no path lookup can fail at run time.
// CMake sets ANTQ_HAI_DUONG_2024_PATH, ANTQ_DIRECTIVE_2024_PATH, ANTQ_EVALUATION_RULES_PATH and
// ANTQ_TEAM_SIZING_PATH to the data files' absolute paths.

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

}  // namespace antq::datasets

namespace antq {

std::string_view default_evaluation_rules_json() noexcept {
    return {antq_evaluation_rules_begin,
            static_cast<std::size_t>(antq_evaluation_rules_end - antq_evaluation_rules_begin)};
}

EvaluationRules default_evaluation_rules() {
    return parse_evaluation_rules(default_evaluation_rules_json(), "evaluation_hai_duong_2024");
}

std::string_view default_team_sizing_rule_json() noexcept {
    return {antq_team_sizing_begin, static_cast<std::size_t>(antq_team_sizing_end - antq_team_sizing_begin)};
}

TeamSizingRule default_team_sizing_rule() {
    return parse_team_sizing_rule(default_team_sizing_rule_json(), "team_sizing_hai_duong_2024.json");
}

}  // namespace antq
