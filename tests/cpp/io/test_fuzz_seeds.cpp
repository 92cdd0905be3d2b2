// The fuzz targets' seeds say what they are: a seed named valid_* reads, any other is refused with the error whose
// tag is its name (missing_field.json, duplicate_key.json, ...). So the seeds stay valid and near-valid as the
// formats change, and each reader's answer to them is pinned down.

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>

#include "../../fuzz/apply_base.hpp"
#include "support.hpp"

using namespace antq;

namespace {

const std::filesystem::path corpus = ANTQ_TEST_FUZZ_CORPUS_DIR;

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Reads every seed of `target` with `parse` and checks each answer against the seed's name.
void check_seeds(const std::string& target, const std::function<void(std::string_view)>& parse) {
    std::size_t valid = 0, refused = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus / target)) {
        const std::string name = entry.path().stem().string();
        const std::string text = read(entry.path());
        CAPTURE(entry.path().string());
        if (name.starts_with("valid_")) {
            CHECK_NOTHROW(parse(text));
            ++valid;
        } else {
            std::string tag;
            try {
                parse(text);
            } catch (const Error& e) {
                tag = e.tag();
            }
            CHECK(tag == name);
            ++refused;
        }
    }
    CHECK(valid > 0);
    CAPTURE(refused);
}

}  // namespace

TEST_CASE("fuzz seeds: graph") {
    check_seeds("graph", [](std::string_view t) { (void)parse_graph(t, "seed"); });
}

TEST_CASE("fuzz seeds: directive") {
    check_seeds("directive", [](std::string_view t) { (void)parse_directive(t, "seed"); });
}

TEST_CASE("fuzz seeds: evaluation rules") {
    check_seeds("rules", [](std::string_view t) { (void)parse_evaluation_rules(t, "seed"); });
}

TEST_CASE("fuzz seeds: assessments") {
    check_seeds("assessments", [](std::string_view t) { (void)parse_assessments(t, "seed"); });
}

TEST_CASE("fuzz seeds: progress") {
    check_seeds("progress", [](std::string_view t) { (void)parse_progress(t, "seed"); });
}

TEST_CASE("fuzz seeds: models registry") {
    const OrgGraph graph = datasets::hai_duong_2024();
    check_seeds("models", [&](std::string_view t) { (void)parse_models(t, graph, "seed"); });
}

TEST_CASE("fuzz seeds: team sizing") {
    check_seeds("team_sizing", [](std::string_view t) { (void)parse_team_sizing_rule(t, "seed"); });
}

TEST_CASE("fuzz seeds: change sets") {
    check_seeds("changes", [](std::string_view t) { (void)parse_changes(t, "seed"); });
}

TEST_CASE("fuzz seeds: selectors") {
    check_seeds("selector", [](std::string_view t) { (void)parse_selector(t, "seed"); });
}

TEST_CASE("fuzz seeds: national lists") {
    check_seeds("admin_table", [](std::string_view t) { (void)admin_graph(parse_admin_table(t, "seed")); });
    check_seeds("upstream_csv", [](std::string_view t) { (void)admin_graph(parse_upstream_csv(t, "seed")); });
    // The units, a NUL byte, then the unit types (as fuzz_upstream_json reads its input).
    check_seeds("upstream_json", [](std::string_view t) {
        const std::size_t cut = t.find('\0');
        (void)admin_graph(parse_upstream_json(t.substr(0, cut), cut == std::string_view::npos ? "" : t.substr(cut + 1), "seed"));
    });
}

TEST_CASE("fuzz seeds: graphml") {
    check_seeds("graphml", [](std::string_view t) { (void)parse_graphml(t, "seed"); });
}

TEST_CASE("fuzz seeds: change sets applied") {
    const OrgGraph base = parse_graph(fuzz::apply_base_json(), "base.json");
    check_seeds("apply", [&](std::string_view t) { (void)apply(base, parse_changes(t, "seed")); });
}
