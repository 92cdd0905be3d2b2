// Evaluates a year of Hải Dương's movement under the embedded 2024 rule set (TT 124 titles, QĐ 510
// classification): per subject, dossiers on time, late and missing, titles "An toàn về ANTT" and classification
// levels. The records are the library's seeded SYNTHETIC example, not Hải Dương's results; give the evaluation
// your own records with antq::load_assessments (antq/io/assessments_json.hpp).
//
// Usage: evaluate_year [SEED]
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <string_view>
#include <system_error>

#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/example.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/io/datasets.hpp>

namespace {

// Some thresholds are assumptions of the rule set (the sources leave them open): say so beside the figure.
bool thresholds_assumed(const antq::ClassificationRule& rule) {
    for (const antq::ClassLevel& level : rule.levels)
        if (level.assumed()) return true;
    return false;
}

void show_subject(const antq::Subject& subject, const antq::SubjectTotals& counts) {
    std::cout << subject.label << " (" << subject.id << "): " << counts.units << " units, " << counts.excluded
              << " excluded; dossiers " << counts.on_time << " on time, " << counts.late << " late, " << counts.missing
              << " missing (SYNTHETIC)\n";
    if (const auto share = counts.title_share())
        std::cout << "  title: " << counts.passed << " of " << counts.eligible() << " passed (" << std::fixed
                  << std::setprecision(1) << 100.0 * *share << "%, SYNTHETIC)\n";
    if (subject.classification) {
        std::cout << "  classification" << (thresholds_assumed(*subject.classification) ? " (ASSUMED thresholds)" : "")
                  << ':';
        const auto& levels = subject.classification->levels;
        for (std::size_t l = 0; l < levels.size(); ++l)
            std::cout << (l == 0 ? " " : ", ") << levels[l].label << ' ' << counts.levels[l];
        std::cout << " (SYNTHETIC)\n";
    }
}

}  // namespace

int main(int argc, char** argv) try {
    std::uint64_t seed = 1;
    if (argc > 1) {
        const std::string_view text = argv[1];
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
        if (error != std::errc{} || end != text.data() + text.size()) {
            std::cerr << "evaluate_year: the seed must be a whole number from 0 to 2^64-1, not '" << text << "'\n";
            return 2;
        }
    }
    const antq::OrgGraph graph = antq::datasets::hai_duong_2024();
    const antq::EvaluationRules rules = antq::default_evaluation_rules();
    const antq::Evaluation year = antq::evaluate(graph, antq::example_assessments(graph, rules, 2024, seed), rules);

    std::cout << "SYNTHETIC example year " << year.year() << " (seeded records, seed " << seed
              << "): these figures are NOT Hải Dương's results.\n"
              << "Rules: " << rules.title << '\n'
              << year.results().size() << " units evaluated\n\n";
    for (const antq::SubjectTotals& counts : year.totals()) show_subject(rules.subjects[counts.subject], counts);
    std::cout << '\n' << year.commendations().size() << " commendation proposals (SYNTHETIC"
              << (rules.commendation.assumption.empty() ? "" : ", rule ASSUMED") << ")\n";
    return 0;
} catch (const antq::Error& e) {
    std::cerr << "evaluate_year: " << e.what() << '\n';
    return 1;
}
