#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/stat.h>

#include "support.hpp"

using namespace antq;

namespace {

std::string doc(const std::string& units, const std::string& ties = "[]") {
    return R"({"format":"antq.orggraph","version":1,"name":"t","units":)" + units + R"(,"ties":)" + ties + "}";
}

const std::string province = R"({"id":"30","name":"Hải Dương","kind":"province"})";
const std::string district = R"({"id":"296","name":"Bình Giang","kind":"district"})";

}  // namespace

TEST_CASE("json: round trip keeps units, ties and attributes") {
    OrgGraph g = test::tiny_province();
    g.set_attributes(Object{{"as_of", "2024-01-01"}});
    g.set_unit_attribute(g.index_of("30"), "nested", Value(Object{{"a", Array{1, 2.5, "x", nullptr, true}}}));
    g.set_unit_attribute(g.index_of("296"), "big", Value(std::int64_t{9223372036854775807}));
    const OrgGraph back = parse_graph(dump_graph(g), "round-trip");
    CHECK(back.same_content(g));
    CHECK(dump_graph(back) == dump_graph(g));
}

TEST_CASE("json: save and load through a file") {
    const test::TempDir dir;
    const OrgGraph g = datasets::hai_duong_2024();
    save_graph(g, dir / "hd.json");
    CHECK(load_graph(dir / "hd.json").same_content(g));
    ANTQ_CHECK_ERROR(load_graph(dir / "missing.json"), IoError, "cannot_read", "missing.json");
    ANTQ_CHECK_ERROR(save_graph(g, dir / "no" / "such" / "dir.json"), IoError, "cannot_write", "dir.json");
}

TEST_CASE("json: a save touches only its file: no fixed temporary name, links followed, devices and pipes refused") {
    const test::TempDir dir;
    const OrgGraph g = test::tiny_province();
    const auto text_of = [](const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto write = [](const std::filesystem::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; };
    // A file of the user's beside the target, named as a temporary file might be, is left alone.
    write(dir / "g.json.tmp", "keep");
    save_graph(g, dir / "g.json");
    CHECK(text_of(dir / "g.json.tmp") == "keep");
    CHECK(load_graph(dir / "g.json").same_content(g));
    // Through a symbolic link: the file it names is updated, the link stays a link.
    write(dir / "real.json", "old");
    std::filesystem::create_symlink("real.json", dir / "link.json");
    save_graph(g, dir / "link.json");
    CHECK(std::filesystem::is_symlink(std::filesystem::symlink_status(dir / "link.json")));
    CHECK(load_graph(dir / "real.json").same_content(g));
    // A pipe (or a device) is not replaced by a file; a directory neither.
    REQUIRE(::mkfifo((dir / "pipe.json").c_str(), 0600) == 0);
    ANTQ_CHECK_ERROR(save_graph(g, dir / "pipe.json"), IoError, "cannot_write", "pipe.json");
    CHECK(std::filesystem::is_fifo(dir / "pipe.json"));
    std::filesystem::create_directory(dir / "folder.json");
    ANTQ_CHECK_ERROR(save_graph(g, dir / "folder.json"), IoError, "cannot_write", "is a directory");
    // A private file stays private.
    std::filesystem::permissions(dir / "g.json", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    save_graph(g, dir / "g.json");
    CHECK(std::filesystem::status(dir / "g.json").permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    // Nothing else was left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path)) ++files;
    CHECK(files == 6);  // g.json, g.json.tmp, real.json, link.json, pipe.json, folder.json
}

TEST_CASE("json: levels of bodies and posts are derived when left out") {
    const OrgGraph g = parse_graph(doc("[" + province + R"(,{"id":"30.pc","name":"UBND","kind":"peoples_committee"},
        {"id":"30.pc.head","name":"Chủ tịch","kind":"post"}])",
                                       R"([{"source":"30.pc","target":"30","kind":"serves"},
        {"source":"30.pc.head","target":"30.pc","kind":"heads"}])"));
    CHECK(g.unit("30.pc").level == Level::province);
    CHECK(g.unit("30.pc.head").level == Level::province);
}

TEST_CASE("json: malformed documents name the place") {
    ANTQ_CHECK_ERROR(parse_graph("{\"format\":", "f.json"), InvalidInput, "malformed_json", "f.json:line 1");
    ANTQ_CHECK_ERROR(parse_graph("[]", "f.json"), InvalidInput, "not_a_graph", "f.json:/");
    ANTQ_CHECK_ERROR(parse_graph(R"({"format":"x","version":1,"units":[]})", "f.json"), InvalidInput, "not_a_graph",
                     "f.json:/format");
    ANTQ_CHECK_ERROR(parse_graph(R"({"format":"antq.orggraph","version":2,"units":[]})", "f.json"), InvalidInput,
                     "unsupported_version", "/version");
    ANTQ_CHECK_ERROR(parse_graph(doc("{}"), "f.json"), InvalidInput, "wrong_type", "f.json:/units");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":30,"name":"x","kind":"province"}])"), "f.json"), InvalidInput,
                     "wrong_type", "f.json:/units/0/id");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"30","name":"x","kind":"provinse"}])"), "f.json"), InvalidInput,
                     "unknown_kind", "/units/0/kind");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"30","name":"x","kind":"province","levl":"province"}])"), "f.json"),
                     InvalidInput, "unknown_field", "/units/0/levl");
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + province + "," + province + "]"), "f.json"), InvalidInput, "duplicate_id",
                     "already used at /units/0");
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + province + "]", R"([{"source":"30","target":"296","kind":"contains"}])"),
                                 "f.json"),
                     InvalidInput, "dangling_reference", "f.json:/ties/0/target");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"30","name":"x","kind":"province","attributes":{"n":18446744073709551615}}])"),
                                 "f.json"),
                     InvalidInput, "number_out_of_range", "/units/0/attributes/n");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"30","name":"x","kind":"province","attributes":{"n":1e400}}])"), "f.json"),
                     InvalidInput, "malformed_json", "f.json");
}

TEST_CASE("json: structural errors come from the graph, prefixed with the JSON pointer") {
    const std::string communes = R"({"id":"10945","name":"Kẻ Sặt","kind":"commune"},{"id":"10987","name":"Nhân Quyền","kind":"commune"})";
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + communes + "]", R"([{"source":"10945","target":"10987","kind":"contains"}])"),
                                 "f.json"),
                     HierarchyError, "wrong_level", "f.json:/ties/0");
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + province + "," + district + R"(,{"id":"296.pc","name":"UBND","kind":"peoples_committee","level":"district"}])",
                                     R"([{"source":"30","target":"296","kind":"contains"}])"),
                                 "f.json"),
                     InvalidInput, "body_serves_nothing", "'296.pc'");
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"2961","name":"x","kind":"district"}])"), "f.json"), InvalidInput,
                     "bad_gso_code", "f.json:/units/0");
}

TEST_CASE("json: hostile nesting and sizes fail fast or load") {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    std::string text = doc(R"([{"id":"30","name":"x","kind":"province","attributes":{"deep":)" + deep + "}}]");
    ANTQ_CHECK_ERROR(parse_graph(text, "deep.json"), InvalidInput, "too_deep", "deep.json");
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + province + "]").substr(0, 40), "cut.json"), InvalidInput, "malformed_json",
                     "cut.json");
    // A name with a byte that is not UTF-8.
    ANTQ_CHECK_ERROR(parse_graph(doc(R"([{"id":"30","name":"H)" + std::string("\xff") + R"(i","kind":"province"}])"),
                                 "bad.json"),
                     InvalidInput, "malformed_json", "bad.json");
    // A hundred thousand villages under one commune load, and stay linear.
    std::string units = "[" + std::string(R"({"id":"10945","name":"Kẻ Sặt","kind":"commune"})");
    std::string ties = "[";
    for (int i = 0; i < 100000; ++i) {
        units += R"(,{"id":"v)" + std::to_string(i) + R"(","name":"Thôn )" + std::to_string(i) + R"(","kind":"village"})";
        ties += std::string(i ? "," : "") + R"({"source":"10945","target":"v)" + std::to_string(i) + R"(","kind":"contains"})";
    }
    const OrgGraph g = parse_graph(doc(units + "]", ties + "]"), "wide.json");
    CHECK(g.unit_count() == 100001);
    CHECK(g.children(g.index_of("10945"), TieKind::contains).size() == 100000);
}

TEST_CASE("json: selectors round trip and reject bad input with a pointer") {
    const Selector s = (Selector::kind(UnitKind::peoples_committee) & Selector::levels({Level::district, Level::commune})) |
                       ~Selector::within("296") | Selector::attribute_equals("pilot", "x") | Selector::has_attribute("y");
    CHECK(selector_from_json(to_json(s)) == s);
    CHECK(selector_from_json(nlohmann::json::parse(R"({"kind":"police","level":"commune"})")).to_string() ==
          "kind(police) & level(commune)");
    ANTQ_CHECK_ERROR(selector_from_json(nlohmann::json::parse(R"({"kind":"polise"})"), "/tasks/0/lead"), InvalidInput,
                     "unknown_kind", "/tasks/0/lead/kind");
    ANTQ_CHECK_ERROR(selector_from_json(nlohmann::json::parse(R"({"kinds":"police"})"), "/s"), InvalidInput,
                     "bad_selector", "/s/kinds");
    ANTQ_CHECK_ERROR(selector_from_json(nlohmann::json::parse(R"({"any":[]})"), "/s"), InvalidInput, "bad_selector",
                     "/s/any");
    ANTQ_CHECK_ERROR(selector_from_json(nlohmann::json::parse("42"), "/s"), InvalidInput, "bad_selector", "/s");
    nlohmann::json deep = {{"kind", "police"}};
    for (int i = 0; i < 100; ++i) deep = {{"not", deep}};
    ANTQ_CHECK_ERROR(selector_from_json(deep, "/s"), InvalidInput, "too_deep", "/s");
}

TEST_CASE("a member named twice in any antq document is refused with its pointer") {
    ANTQ_CHECK_ERROR(parse_graph(R"({"format": "antq.orggraph", "version": 1, "units": [
        {"id": "30", "name": "A", "kind": "province"},
        {"id": "31", "name": "B", "kind": "province", "name": "C"}], "ties": []})", "g.json"),
                     InvalidInput, "duplicate_key", "g.json:/units/1/name");
    ANTQ_CHECK_ERROR(parse_graph(R"({"format": "antq.orggraph", "version": 1, "units": [], "ties": [], "units": []})", "g.json"),
                     InvalidInput, "duplicate_key", "g.json:/units");
    ANTQ_CHECK_ERROR(parse_selector(R"({"all": [{"kind": "police"}, {"attribute": {"key": "a", "key": "b"}}]})", "s.json"),
                     InvalidInput, "duplicate_key", "s.json:/all/1/attribute/key");
    // The same name in different objects is fine.
    CHECK_NOTHROW(parse_selector(R"({"all": [{"kind": "police"}, {"kind": "commune"}]})", "s.json"));
}

TEST_CASE("json: readers refuse what is not a regular file, and files over the size cap") {
    ANTQ_CHECK_ERROR(load_graph("/dev/zero"), IoError, "cannot_read", "not a regular file");
    ANTQ_CHECK_ERROR(load_directive("/dev/zero"), IoError, "cannot_read", "not a regular file");
    const test::TempDir dir;
    const auto path = dir / "cap.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << doc("[" + province + "]");
    }
    const auto size = std::filesystem::file_size(path);
    JsonLimits limits;
    limits.max_bytes = size;
    CHECK(load_graph(path, limits).unit_count() == 1);
    limits.max_bytes = size - 1;
    ANTQ_CHECK_ERROR(load_graph(path, limits), IoError, "too_large", "max_bytes");
    ANTQ_CHECK_ERROR(parse_graph(doc("[" + province + "]"), "t.json", limits), IoError, "too_large", "");
    ANTQ_CHECK_ERROR(load_evaluation_rules(path, ReadLimits{8}), IoError, "too_large", "");
}
