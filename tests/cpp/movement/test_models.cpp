// Self-managed security models (HD 22/HD-BCA-V05): the registry's operations with their exact history, the
// counts a province reports, the errors, and the JSON format "antq.models" with hostile documents.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/movement/models.hpp>

#include "support.hpp"

using namespace antq;
using nlohmann::json;

namespace {

using Strings = std::vector<std::string>;

// tiny_province() plus commune 10951 in 296 (with UBND and police), villages in 10945, 10987 and 10501, and a
// security team serving village 10945-v01.
OrgGraph province_with_villages() {
    OrgGraph g = test::tiny_province();
    g.add_unit(test::territory("10951", "Vĩnh Hưng", UnitKind::commune));
    g.add_tie("296", "10951", TieKind::contains);
    g.add_unit(test::body("10951.pc", "UBND Vĩnh Hưng", UnitKind::peoples_committee, Level::commune));
    g.add_unit(test::body("10951.police", "Công an Vĩnh Hưng", UnitKind::police, Level::commune));
    g.add_tie("10951.pc", "10951", TieKind::serves);
    g.add_tie("10951.police", "10951", TieKind::serves);
    for (const char* v : {"10945-v01", "10945-v02", "10987-v01", "10501-v01"}) {
        g.add_unit(test::territory(v, std::string("Thôn ") + v, UnitKind::village));
        g.add_tie(std::string(v).substr(0, 5), v, TieKind::contains);
    }
    g.add_unit(test::body("10945-v01.team", "Tổ bảo vệ ANTT", UnitKind::security_team, Level::village));
    g.add_tie("10945-v01.team", "10945-v01", TieKind::serves);
    g.validate();
    return g;
}

Model model(std::string id, std::string name, std::string type, std::string origin, int teams,
            ModelStatus status = ModelStatus::effective) {
    Model m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.type = std::move(type);
    m.origin = std::move(origin);
    m.teams = teams;
    m.status = status;
    return m;
}

const auto commune_police = Selector::kind(UnitKind::police) & Selector::level(Level::commune);

// The worked example of docs/models.md, in C++: four models, two replicated to three communes each, one formal
// model eliminated, one model reviewed down to formal and back.
ModelRegistry scenario(const OrgGraph& g) {
    ModelRegistry r;
    r.set_name("Mô hình tự quản tỉnh (thử)");
    r.add(model("xlg", "Xóm liên gia tự quản về ANTT", "liên gia", "10987", 4), g, "2024-01-10");
    r.add(model("camera", "Camera an ninh", "camera", "10945.police", 2), g, "2024-01-15");
    r.add(model("keng", "Tiếng kẻng an ninh", "kẻng", "10501-v01", 3, ModelStatus::formal), g, "2024-01-20");
    r.replicate("xlg", Selector::kind(UnitKind::commune), g, "2024-02-01", "Đợt 1");
    r.replicate("camera", commune_police, g, "2024-02-05");
    r.set_teams("xlg", 10, "2024-02-15");
    r.set_status("camera", ModelStatus::formal, "2024-02-20", "ít hiệu quả");
    r.eliminate("keng", "2024-03-01", "chỉ hình thức");
    r.set_status("camera", ModelStatus::effective, "2024-03-05");
    r.add(model("dong-ho", "Dòng họ an toàn về ANTT", "dòng họ", "10945-v01.team", 5), g, "2024-04-01");
    return r;
}

}  // namespace

TEST_CASE("models: status names round trip") {
    for (ModelStatus s : all_model_statuses) CHECK(parse_model_status(to_string(s)) == s);
    CHECK(to_string(ModelStatus::formal) == "formal");
    CHECK_FALSE(parse_model_status("Effective").has_value());
}

TEST_CASE("models: add, replicate, set_teams, set_status and eliminate keep an exact history") {
    const OrgGraph g = province_with_villages();
    const ModelRegistry r = scenario(g);
    REQUIRE(r.size() == 4);

    const Model& xlg = r.get("xlg");
    CHECK(xlg.origin == "10987");
    CHECK(xlg.points == Strings{"10987", "10945", "10501", "10951"});
    CHECK(xlg.teams == 10);
    CHECK(xlg.status == ModelStatus::effective);
    CHECK(xlg.history == std::vector<ModelEvent>{
                             {"2024-01-10", "created", "effective; 4 teams", {"10987"}},
                             {"2024-02-01", "replicated", "Đợt 1", {"10945", "10501", "10951"}},
                             {"2024-02-15", "teams_changed", "4 -> 10", {}},
                         });

    // Picked bodies (commune police) stand for the communes they serve.
    const Model& camera = r.get("camera");
    CHECK(camera.points == Strings{"10945", "10987", "10501", "10951"});
    CHECK(camera.history == std::vector<ModelEvent>{
                                {"2024-01-15", "created", "effective; 2 teams", {"10945"}},
                                {"2024-02-05", "replicated", "", {"10987", "10501", "10951"}},
                                {"2024-02-20", "status_changed", "effective -> formal: ít hiệu quả", {}},
                                {"2024-03-05", "status_changed", "formal -> effective", {}},
                            });

    // Eliminated: stays, dissolved, with its points, teams and history.
    const Model& keng = r.get("keng");
    CHECK(keng.status == ModelStatus::dissolved);
    CHECK(keng.points == Strings{"10501-v01"});
    CHECK(keng.teams == 3);
    CHECK(keng.history == std::vector<ModelEvent>{
                              {"2024-01-20", "created", "formal; 3 teams", {"10501-v01"}},
                              {"2024-03-01", "eliminated", "chỉ hình thức", {}},
                          });

    // A post or body origin: the area is the territory it serves (a village here).
    CHECK(r.get("dong-ho").points == Strings{"10945-v01"});
    CHECK(r.name() == "Mô hình tự quản tỉnh (thử)");
    CHECK(r.find("nope") == nullptr);
    CHECK(r.contains("keng"));
}

TEST_CASE("models: counts follow the HD 22 rule (names, total points, total teams, dissolved left out)") {
    const OrgGraph g = province_with_villages();
    const ModelRegistry r = scenario(g);
    const ModelCounts c = r.counts();
    CHECK(c.models == 3);
    CHECK(c.points == 4 + 4 + 1);
    CHECK(c.teams == 10 + 2 + 5);
    CHECK(c.names == Strings{"Xóm liên gia tự quản về ANTT", "Camera an ninh", "Dòng họ an toàn về ANTT"});
    CHECK(c.status(ModelStatus::effective) == ModelTally{3, 9, 17});
    CHECK(c.status(ModelStatus::formal) == ModelTally{0, 0, 0});
    CHECK(c.status(ModelStatus::dissolved) == ModelTally{1, 1, 3});
    CHECK(c.by_type == std::map<std::string, ModelTally>{
                           {"camera", {1, 4, 2}}, {"dòng họ", {1, 1, 5}}, {"liên gia", {1, 4, 10}}});
    CHECK(c.spanning_models == 0);
    CHECK(c.spanning_teams == 0);

    // The whole province gives the same figures.
    CHECK(r.counts_within(g, "30") == c);

    // District 296: xlg and camera each have 3 of their 4 points there, so their teams are not attributed.
    const ModelCounts d296 = r.counts_within(g, "296");
    CHECK(d296.models == 3);
    CHECK(d296.points == 3 + 3 + 1);
    CHECK(d296.teams == 5);
    CHECK(d296.spanning_models == 2);
    CHECK(d296.spanning_teams == 12);
    CHECK(d296.status(ModelStatus::dissolved) == ModelTally{});
    CHECK(d296.by_type.at("dòng họ") == ModelTally{1, 1, 5});
    CHECK(d296.by_type.at("camera") == ModelTally{1, 3, 0});

    // District 288: one point each of xlg and camera; the eliminated kẻng model lies wholly inside.
    const ModelCounts d288 = r.counts_within(g, "288");
    CHECK(d288.models == 2);
    CHECK(d288.points == 2);
    CHECK(d288.teams == 0);
    CHECK(d288.names == Strings{"Xóm liên gia tự quản về ANTT", "Camera an ninh"});
    CHECK(d288.status(ModelStatus::dissolved) == ModelTally{1, 1, 3});
    CHECK(d288.spanning_models == 2);

    // A village: only the dòng họ model, whole.
    const ModelCounts v = r.counts_within(g, "10945-v01");
    CHECK(v.models == 1);
    CHECK(v.points == 1);
    CHECK(v.teams == 5);
    CHECK(v.spanning_models == 0);

    ANTQ_CHECK_ERROR(r.counts_within(g, "296.pc"), InvalidInput, "not_a_territory", "296.pc");
    ANTQ_CHECK_ERROR(r.counts_within(g, "999"), NotFound, "unknown_unit", "999");
    const OrgGraph small = test::tiny_province();  // lacks 10951 and the villages
    ANTQ_CHECK_ERROR(r.counts_within(small, "296"), NotFound, "unknown_unit", "10951");
}

TEST_CASE("models: an empty registry counts nothing") {
    const OrgGraph g = province_with_villages();
    const ModelRegistry r;
    CHECK(r.counts() == ModelCounts{});
    CHECK(r.counts_within(g, "296") == ModelCounts{});
    ANTQ_CHECK_ERROR(r.get("x"), NotFound, "unknown_model", "model 'x'");
}

TEST_CASE("models: replicate maps bodies and posts to their territories, counts each area once") {
    const OrgGraph g = province_with_villages();
    ModelRegistry r;
    r.add(model("m", "Mô hình", "t", "30.pc.head", 1), g, "2024-01-01");  // a post: the province
    CHECK(r.get("m").points == Strings{"30"});
    // UBND and police of the same commune give that commune once.
    const auto picked = r.replicate("m", Selector::ids({"10987.pc", "10987.police", "10945-v01.team", "296"}), g,
                                    "2024-01-02", "n");
    CHECK(picked == Strings{"296", "10987", "10945-v01"});
    // Nothing new: no event, no change.
    const ModelRegistry before = r;
    CHECK(r.replicate("m", Selector::ids({"10987", "296.pc"}), g, "2024-01-03").empty());
    CHECK(r == before);
    // Given points at creation; the origin's area goes first when missing.
    r.add([] {
        Model m = model("p", "P", "t", "10945.pc", 0);
        m.points = {"10987", "10501"};
        return m;
    }(), g, "2024-01-01");
    CHECK(r.get("p").points == Strings{"10945", "10987", "10501"});
    r.add([] {
        Model m = model("q", "Q", "t", "10945.pc", 0);
        m.points = {"10987", "10945"};
        return m;
    }(), g, "2024-01-01");
    CHECK(r.get("q").points == Strings{"10987", "10945"});
}

TEST_CASE("models: refused operations name the model and change nothing") {
    const OrgGraph g = province_with_villages();
    ModelRegistry r = scenario(g);
    const ModelRegistry before = r;

    // add
    ANTQ_CHECK_ERROR(r.add(model("xlg", "Khác", "t", "10945", 1), g, "2024-05-01"), InvalidInput, "duplicate_model",
                     "model 'xlg'");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "t", "nowhere", 1), g, "2024-05-01"), NotFound, "unknown_unit", "nowhere");
    ANTQ_CHECK_ERROR(r.add([] {
        Model m = model("n", "N", "t", "10945", 1);
        m.points = {"10945.pc"};
        return m;
    }(), g, "2024-05-01"), InvalidInput, "not_a_territory", "model 'n'");
    ANTQ_CHECK_ERROR(r.add([] {
        Model m = model("n", "N", "t", "10945", 1);
        m.points = {"10987", "10987"};
        return m;
    }(), g, "2024-05-01"), InvalidInput, "duplicate_point", "10987");
    ANTQ_CHECK_ERROR(r.add([] {
        Model m = model("n", "N", "t", "10945", 1);
        m.points = {"ghost"};
        return m;
    }(), g, "2024-05-01"), NotFound, "unknown_unit", "ghost");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "t", "10945", 1, ModelStatus::dissolved), g, "2024-05-01"), InvalidInput,
                     "bad_status_change", "model 'n'");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "t", "10945", -1), g, "2024-05-01"), InvalidInput, "bad_teams", "model 'n'");
    ANTQ_CHECK_ERROR(r.add(model("n", " ", "t", "10945", 1), g, "2024-05-01"), InvalidInput, "empty_value", "name");
    ANTQ_CHECK_ERROR(r.add(model("", "N", "t", "10945", 1), g, "2024-05-01"), InvalidInput, "empty_value", "model ''");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "", "10945", 1), g, "2024-05-01"), InvalidInput, "empty_value", "type");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "t", "10945", 1), g, "2024-02-30"), InvalidInput, "bad_date", "2024-02-30");
    ANTQ_CHECK_ERROR(r.add(model("n", "N", "t", "10945", 1), g, ""), InvalidInput, "bad_date", "model 'n'");
    ANTQ_CHECK_ERROR(r.add([] {
        Model m = model("n", "N", "t", "10945", 1);
        m.history.push_back({"2024-01-01", "created", "", {"10945"}});
        return m;
    }(), g, "2024-05-01"), InvalidInput, "bad_history", "model 'n'");

    // unknown models
    ANTQ_CHECK_ERROR(r.replicate("nope", Selector::all(), g, "2024-05-01"), NotFound, "unknown_model", "model 'nope'");
    ANTQ_CHECK_ERROR(r.set_status("nope", ModelStatus::formal, "2024-05-01"), NotFound, "unknown_model", "nope");
    ANTQ_CHECK_ERROR(r.eliminate("nope", "2024-05-01"), NotFound, "unknown_model", "nope");
    ANTQ_CHECK_ERROR(r.set_teams("nope", 1, "2024-05-01"), NotFound, "unknown_model", "nope");

    // thanh loại only for formal models
    ANTQ_CHECK_ERROR(r.eliminate("xlg", "2024-05-01", "?"), InvalidInput, "bad_status_change", "model 'xlg'");
    ANTQ_CHECK_ERROR(r.eliminate("keng", "2024-05-01"), InvalidInput, "bad_status_change", "model 'keng'");
    ANTQ_CHECK_ERROR(r.set_status("xlg", ModelStatus::dissolved, "2024-05-01"), InvalidInput, "bad_status_change",
                     "eliminat");
    ANTQ_CHECK_ERROR(r.set_status("xlg", ModelStatus::effective, "2024-05-01"), InvalidInput, "bad_status_change",
                     "already");
    ANTQ_CHECK_ERROR(r.set_status("keng", ModelStatus::effective, "2024-05-01"), InvalidInput, "bad_status_change",
                     "model 'keng'");
    ANTQ_CHECK_ERROR(r.replicate("keng", Selector::all(), g, "2024-05-01"), InvalidInput, "model_dissolved", "keng");
    ANTQ_CHECK_ERROR(r.set_teams("keng", 1, "2024-05-01"), InvalidInput, "model_dissolved", "keng");
    ANTQ_CHECK_ERROR(r.set_teams("xlg", -3, "2024-05-01"), InvalidInput, "bad_teams", "model 'xlg'");

    // dates never go backwards for a model (the same day is fine)
    ANTQ_CHECK_ERROR(r.set_teams("xlg", 11, "2024-02-14"), InvalidInput, "bad_date", "model 'xlg'");
    ANTQ_CHECK_ERROR(r.set_status("camera", ModelStatus::formal, "2024-01-01"), InvalidInput, "bad_date", "2024-03-05");
    ANTQ_CHECK_ERROR(r.replicate("xlg", Selector::kind(UnitKind::village), g, "2023-12-31"), InvalidInput, "bad_date",
                     "xlg");
    ANTQ_CHECK_ERROR(r.set_teams("xlg", 11, "15/02/2024"), InvalidInput, "bad_date", "15/02/2024");

    // selectors
    ANTQ_CHECK_ERROR(r.replicate("xlg", Selector::kind(UnitKind::enterprise), g, "2024-05-01"), InvalidInput,
                     "unmatched_selector", "model 'xlg'");
    ANTQ_CHECK_ERROR(r.replicate("xlg", Selector::id("ghost"), g, "2024-05-01"), NotFound, "unknown_unit",
                     "model 'xlg'");
    ANTQ_CHECK_ERROR(r.replicate("xlg", Selector::within("296.pc"), g, "2024-05-01"), InvalidInput, "not_a_territory",
                     "model 'xlg'");

    CHECK(r == before);
    r.set_teams("xlg", 10, "2024-02-15");  // the same day as the last event: accepted
    CHECK(r.get("xlg").history.back() == ModelEvent{"2024-02-15", "teams_changed", "10 -> 10", {}});
}

TEST_CASE("models: names are stored in NFC") {
    const OrgGraph g = province_with_villages();
    ModelRegistry r;
    // "ỹ" decomposed: y + combining tilde + combining dot below.
    const std::string decomposed = "Tổ t\x79\xcc\x83\xcc\xa3";
    r.add(model("n", decomposed, decomposed, "10945", 0), g, "2024-01-01");
    CHECK(r.get("n").name == to_nfc(decomposed, ""));
    CHECK(r.get("n").name != decomposed);
    ANTQ_CHECK_ERROR(r.add(model("bad", "\xff", "t", "10945", 0), g, "2024-01-01"), InvalidInput, "invalid_utf8", "name");
}

TEST_CASE("models: JSON round trip is exact, through text and files") {
    const OrgGraph g = province_with_villages();
    const ModelRegistry r = scenario(g);
    const std::string text = dump_models(r);
    const ModelRegistry back = parse_models(text, g, "m.json");
    CHECK(back == r);
    CHECK(dump_models(back) == text);

    const json doc = json::parse(text);
    CHECK(doc["format"] == "antq.models");
    CHECK(doc["version"] == 1);
    CHECK(doc["models"].size() == 4);
    CHECK(doc["models"][1]["history"][1] ==
          json::parse(R"({"date": "2024-02-05", "action": "replicated", "units": ["10987", "10501", "10951"]})"));

    const test::TempDir dir;
    const auto path = dir / "antq_test_models.json";
    save_models(r, path);
    CHECK(load_models(path, g) == r);
    std::filesystem::remove(path);
    ANTQ_CHECK_ERROR(load_models(path, g), IoError, "cannot_read", "antq_test_models.json");

    const ModelRegistry empty;
    CHECK(parse_models(dump_models(empty), g) == empty);
    CHECK(dump_models(empty).find("\"name\"") == std::string::npos);
}

TEST_CASE("models: hostile documents are refused with a tag, the source and a JSON pointer") {
    const OrgGraph g = province_with_villages();
    const json good = json::parse(dump_models(scenario(g)));

    // Applies `change` to a copy of the good document and expects parse_models to refuse it.
    auto refused = [&](const std::function<void(json&)>& change) {
        json doc = good;
        change(doc);
        return doc.dump();
    };

    ANTQ_CHECK_ERROR(parse_models("{\"format\": ", g, "m.json"), InvalidInput, "malformed_json", "m.json:line 1");
    ANTQ_CHECK_ERROR(parse_models("[]", g, "m.json"), InvalidInput, "not_a_models_file", "m.json:/");
    ANTQ_CHECK_ERROR(parse_models(std::string(100, '[') + std::string(100, ']'), g, "m.json"), InvalidInput, "too_deep",
                     "m.json");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["format"] = "antq.orggraph"; }), g, "m.json"), InvalidInput,
                     "not_a_models_file", "m.json:/format");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["version"] = 2; }), g, "m.json"), InvalidInput,
                     "unsupported_version", "m.json:/version");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["version"] = "1"; }), g, "m.json"), InvalidInput,
                     "wrong_type", "m.json:/version");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d.erase("models"); }), g, "m.json"), InvalidInput,
                     "missing_field", "m.json:/");
    // wrong types
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["teams"] = "4"; }), g, "m.json"), InvalidInput,
                     "wrong_type", "m.json:/models/0/teams");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["teams"] = 1.5; }), g, "m.json"), InvalidInput,
                     "wrong_type", "m.json:/models/0/teams");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["points"] = "10987"; }), g, "m.json"),
                     InvalidInput, "wrong_type", "m.json:/models/0/points");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["points"][1] = 10945; }), g, "m.json"),
                     InvalidInput, "wrong_type", "m.json:/models/0/points/1");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][2] = "keng"; }), g, "m.json"), InvalidInput,
                     "wrong_type", "m.json:/models/2");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][0]["units"] = {{"x", 1}}; }), g,
                                  "m.json"),
                     InvalidInput, "wrong_type", "m.json:/models/0/history/0/units");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["name"] = 3; }), g, "m.json"), InvalidInput, "wrong_type",
                     "m.json:/name");
    // values
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["status"] = "excellent"; }), g, "m.json"),
                     InvalidInput, "unknown_status", "m.json:/models/0/status");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][1]["action"] = "moved"; }), g,
                                  "m.json"),
                     InvalidInput, "unknown_action", "m.json:/models/0/history/1/action");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["teams"] = -1; }), g, "m.json"), InvalidInput,
                     "bad_teams", "m.json:/models/0/teams");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["teams"] = 4294967296LL; }), g, "m.json"),
                     InvalidInput, "bad_teams", "m.json:/models/0/teams");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["name"] = ""; }), g, "m.json"), InvalidInput,
                     "empty_value", "m.json:/models/0/name");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["points"] = json::array(); }), g, "m.json"),
                     InvalidInput, "empty_value", "m.json:/models/0/points");
    // unknown fields, at every level
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["graph"] = "tiny"; }), g, "m.json"), InvalidInput,
                     "unknown_field", "m.json:/graph");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][1]["diem"] = 4; }), g, "m.json"), InvalidInput,
                     "unknown_field", "m.json:/models/1/diem");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][1]["history"][0]["by"] = "x"; }), g, "m.json"),
                     InvalidInput, "unknown_field", "m.json:/models/1/history/0/by");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0].erase("origin"); }), g, "m.json"), InvalidInput,
                     "missing_field", "m.json:/models/0");
    // duplicates
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][3]["id"] = "xlg"; }), g, "m.json"), InvalidInput,
                     "duplicate_model", "m.json:/models/3/id");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) {
                         d["models"][0]["points"][3] = "10987";
                     }), g, "m.json"),
                     InvalidInput, "duplicate_point", "m.json:/models/0/points/3");
    // dates
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][1]["date"] = "2024-13-01"; }), g,
                                  "m.json"),
                     InvalidInput, "bad_date", "m.json:/models/0/history/1/date");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][0]["date"] = ""; }), g, "m.json"),
                     InvalidInput, "bad_date", "m.json:/models/0/history/0/date");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][2]["date"] = "2024-01-31"; }), g,
                                  "m.json"),
                     InvalidInput, "bad_date", "m.json:/models/0/history/2/date");
    // history that does not tell how the model came to be
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) {
                         auto& h = d["models"][0]["history"];
                         std::swap(h[0], h[1]);
                         h[0]["date"] = h[1]["date"];
                     }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/0/history/0/action");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"] = json::array(); }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/0/history");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["points"].erase(3); }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/0/points");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["status"] = "dissolved"; }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/0/status");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][2]["status"] = "formal"; }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/2/status");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) {
                         d["models"][2]["history"].push_back({{"date", "2024-06-01"}, {"action", "teams_changed"}});
                     }), g, "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/2/history/1/action");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["history"][2]["units"] = {"10987"}; }), g,
                                  "m.json"),
                     InvalidInput, "bad_history", "m.json:/models/0/history/2/units");
    // unit ids checked against the graph
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["origin"] = "ghost"; }), g, "m.json"), NotFound,
                     "unknown_unit", "m.json:/models/0/origin");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) {
                         d["models"][0]["points"][3] = "10951.pc";
                         d["models"][0]["history"][1]["units"][2] = "10951.pc";
                     }), g, "m.json"),
                     InvalidInput, "not_a_territory", "m.json:/models/0/points/3");
    ANTQ_CHECK_ERROR(parse_models(refused([](json& d) { d["models"][0]["origin"] = "288"; }), g, "m.json"),
                     InvalidInput, "origin_not_a_point", "m.json:/models/0/points");
    ANTQ_CHECK_ERROR(parse_models(dump_models(scenario(g)), test::tiny_province(), "m.json"), NotFound, "unknown_unit",
                     "m.json:/models/0/points/3");
}

TEST_CASE("models: a registry restored from its models checks that each history tells how it came to be") {
    Model m;
    m.id = "m1";
    m.name = "Xóm liên gia";
    m.type = "liên gia";
    m.origin = "10945";
    m.points = {"10945", "10987"};
    m.teams = 2;
    m.history = {ModelEvent{"2024-01-05", "created", "effective; 1 teams", {"10945"}},
                 ModelEvent{"2024-05-01", "replicated", "", {"10987"}}};
    const ModelRegistry r = ModelRegistry::restore("R", {m});
    CHECK(r.size() == 1);
    CHECK(r.get("m1").points == m.points);
    Model wrong_points = m;
    wrong_points.points = {"10987", "10945"};
    ANTQ_CHECK_ERROR(ModelRegistry::restore("R", {wrong_points}), InvalidInput, "bad_history", "/models/0/points");
    Model backwards = m;
    backwards.history[1].date = "2023-12-31";
    ANTQ_CHECK_ERROR(ModelRegistry::restore("R", {m, backwards}), InvalidInput, "bad_date", "/models/1/history/1/date");
    ANTQ_CHECK_ERROR(ModelRegistry::restore("R", {m, m}), InvalidInput, "duplicate_model", "/models/1/id");
    Model dissolved = m;
    dissolved.status = ModelStatus::dissolved;
    ANTQ_CHECK_ERROR(ModelRegistry::restore("R", {dissolved}), InvalidInput, "bad_history", "/models/0/status");
}
