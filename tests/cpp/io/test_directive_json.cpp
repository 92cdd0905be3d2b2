// Reading and writing directives (format "antq.directive", version 1): round trips, and every kind of bad
// document refused with the right tag and a where() naming the source and the JSON pointer.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace antq;
using json = nlohmann::json;

namespace {

// A small but complete directive: every optional field used at least once.
const char* const minimal_text = R"({
  "format": "antq.directive",
  "version": 1,
  "id": "test_directive",
  "kind": "chỉ thị",
  "number": "01/CT-UBND",
  "date": "2024-02-29",
  "year": 2024,
  "title": "Thử nghiệm",
  "issuer": "30.pc",
  "signer": "30.pc.head",
  "theme": "An ninh, trật tự",
  "summary": "A test directive.",
  "references": [{"kind": "luật", "number": "30/2023/QH15", "date": "2023-11-28", "title": "Luật Lực lượng"},
                 {"kind": "thông tư", "number": "124/2021/TT-BCA", "date": "", "title": "TT 124", "cited": false,
                  "note": "context"}],
  "undated_due": {"date": "2024-12-15", "assumption": "a guess"},
  "events": [{"date": "2024-07-01", "title": "Luật có hiệu lực", "note": "in force"},
             {"date": "2024-08-19", "title": "Ngày hội"}],
  "recipients": [{"label": "UBND tỉnh", "selector": {"id": "30.pc"}},
                 {"label": "Mọi đơn vị", "selector": "all", "note": "every unit"},
                 {"label": "Lưu: VT", "note": "the archive, outside the graph"}],
  "tasks": [
    {"clause": "1", "title": "Lãnh đạo", "summary": "Lead.", "indicators": ["100% xã"],
     "assignments": [
       {"role": "lead", "units": {"kind": "peoples_committee", "level": ["province", "district"]},
        "deadline": "2024-12-31", "note": "chủ trì"},
       {"role": "coordinate", "units": {"kind": "police", "within": "296"},
        "window": {"from": "2024-01-01", "to": "2024-06-30"}}
     ]},
    {"clause": "closing", "title": "Theo dõi",
     "assignments": [
       {"role": "monitor", "units": {"id": "30.police"}, "target": {"any": [{"level": "district"}, {"not": {"id": "30.pc"}}]}},
       {"role": "advise", "units": {"id": "30.police"}, "target": {"id": "30.pc.head"}},
       {"role": "inform", "units": {"attribute": {"key": "type", "equals": "huyện"}}}
     ]}
  ]
})";

Directive minimal_expected() {
    Directive d;
    d.id = "test_directive";
    d.kind = "chỉ thị";
    d.number = "01/CT-UBND";
    d.date = "2024-02-29";
    d.year = 2024;
    d.title = "Thử nghiệm";
    d.issuer = "30.pc";
    d.signer = "30.pc.head";
    d.theme = "An ninh, trật tự";
    d.summary = "A test directive.";
    d.references = {{"luật", "30/2023/QH15", "2023-11-28", "Luật Lực lượng", true, ""},
                    {"thông tư", "124/2021/TT-BCA", "", "TT 124", false, "context"}};
    d.undated_due = AssumedDate{"2024-12-15", "a guess"};
    d.events = {{"2024-07-01", "Luật có hiệu lực", "in force"}, {"2024-08-19", "Ngày hội", ""}};
    d.recipients = {{"UBND tỉnh", Selector::id("30.pc"), ""},
                    {"Mọi đơn vị", Selector::all(), "every unit"},
                    {"Lưu: VT", std::nullopt, "the archive, outside the graph"}};
    Task t1;
    t1.clause = "1";
    t1.title = "Lãnh đạo";
    t1.summary = "Lead.";
    t1.indicators = {"100% xã"};
    Assignment lead;
    lead.role = Role::lead;
    lead.units = Selector::all_of(
        {Selector::kind(UnitKind::peoples_committee), Selector::levels({Level::province, Level::district})});
    lead.deadline = "2024-12-31";
    lead.note = "chủ trì";
    Assignment coordinate;
    coordinate.role = Role::coordinate;
    coordinate.units = Selector::all_of({Selector::kind(UnitKind::police), Selector::within("296")});
    coordinate.window = DateWindow{"2024-01-01", "2024-06-30"};
    t1.assignments = {lead, coordinate};
    Task closing;
    closing.clause = "closing";
    closing.title = "Theo dõi";
    Assignment monitor;
    monitor.role = Role::monitor;
    monitor.units = Selector::id("30.police");
    monitor.target = Selector::any_of({Selector::level(Level::district), Selector::negation(Selector::id("30.pc"))});
    Assignment advise;
    advise.role = Role::advise;
    advise.units = Selector::id("30.police");
    advise.target = Selector::id("30.pc.head");
    Assignment inform;
    inform.role = Role::inform;
    inform.units = Selector::attribute_equals("type", Value("huyện"));
    closing.assignments = {monitor, advise, inform};
    d.tasks = {t1, closing};
    return d;
}

json minimal_doc() { return json::parse(minimal_text); }

// Parses `doc` as "bad.json" and checks the InvalidInput it must raise: tag and exact where().
void check_refused(const std::string& text, const std::string& tag, const std::string& where,
                   const std::string& fragment = "") {
    INFO("expected ", tag, " at ", where);
    bool thrown = false;
    try {
        (void)parse_directive(text, "bad.json");
    } catch (const InvalidInput& e) {
        thrown = true;
        CHECK_MESSAGE(e.tag() == tag, "what(): ", e.what());
        CHECK_MESSAGE(e.where() == where, "what(): ", e.what());
        CHECK_MESSAGE(std::string(e.what()).find(fragment) != std::string::npos, "what(): ", e.what());
    }
    CHECK_MESSAGE(thrown, "the document was accepted");
}

void check_refused(const json& doc, const std::string& tag, const std::string& where, const std::string& fragment = "") {
    check_refused(doc.dump(), tag, where, fragment);
}

// As check_refused, but only the where() prefix is known (parse errors give line and column).
void check_refused_at_prefix(const std::string& text, const std::string& tag, const std::string& where_prefix) {
    bool thrown = false;
    try {
        (void)parse_directive(text, "bad.json");
    } catch (const InvalidInput& e) {
        thrown = true;
        CHECK_MESSAGE(e.tag() == tag, "what(): ", e.what());
        CHECK_MESSAGE(e.where().rfind(where_prefix, 0) == 0, "what(): ", e.what());
    }
    CHECK_MESSAGE(thrown, "the document was accepted");
}


}  // namespace

TEST_CASE("directive_json: the embedded directive survives parse -> dump -> parse") {
    const Directive d = datasets::directive_2024();
    const std::string text = dump_directive(d);
    const Directive again = parse_directive(text, "dumped");
    CHECK(again == d);
    CHECK(dump_directive(again) == text);  // the dump is stable
    // The parse kept what the file says (the round trip alone would also pass for a parser dropping fields).
    REQUIRE(d.tasks.size() == 7);
    CHECK(d.tasks[2].assignments[2].target == std::optional<Selector>(Selector::id("296.police")));
    CHECK(d.tasks[3].assignments[1].deadline == "2024-08-19");
    REQUIRE(d.tasks[4].assignments[0].window.has_value());
    CHECK(*d.tasks[4].assignments[0].window == DateWindow{"2021-01-01", "2025-12-31"});
    CHECK(d.tasks[6].assignments[1].target == std::optional<Selector>(Selector::id("30.pc.head")));
    CHECK(d.references.size() == 11);
    // The rules behind clauses 3 and 6 are context, not the directive's citations; clause 5 sets no deadline.
    for (std::size_t i = 0; i < d.references.size(); ++i) CHECK(d.references[i].cited == (i < 8));
    CHECK(d.tasks[4].assignments[2].deadline.empty());
    REQUIRE(d.undated_due.has_value());
    CHECK(d.undated_due->date == "2024-12-15");
    CHECK(d.undated_due->assumption.find("not the directive's") != std::string::npos);
    CHECK(d.events.size() == 7);
    CHECK(d.recipients.size() == 9);
    // The embedded text is the same document.
    CHECK(parse_directive(datasets::directive_2024_json(), "x") == d);
}

TEST_CASE("directive_json: a hand-written directive parses to exactly the expected value and round trips") {
    const Directive parsed = parse_directive(minimal_text, "minimal.json");
    const Directive expected = minimal_expected();
    CHECK(parsed.id == expected.id);
    CHECK(parsed.references == expected.references);
    CHECK(parsed.events == expected.events);
    CHECK(parsed.recipients == expected.recipients);
    REQUIRE(parsed.tasks.size() == 2);
    CHECK(parsed.tasks[0] == expected.tasks[0]);
    CHECK(parsed.tasks[1] == expected.tasks[1]);
    CHECK(parsed == expected);

    const std::string dumped = dump_directive(parsed);
    CHECK(parse_directive(dumped) == parsed);
    // Dumping the value built in C++ gives the same text as dumping the parsed one.
    CHECK(dump_directive(expected) == dumped);
    // Optional fields that are empty stay out of the dump; present ones are written.
    const json doc = json::parse(dumped);
    CHECK(doc.at("format") == "antq.directive");
    CHECK(doc.at("version") == 1);
    CHECK_FALSE(doc.at("events").at(1).contains("note"));
    CHECK_FALSE(doc.at("tasks").at(1).contains("summary"));
    CHECK_FALSE(doc.at("tasks").at(1).at("assignments").at(0).contains("deadline"));
    CHECK(doc.at("tasks").at(0).at("assignments").at(1).at("window") == json{{"from", "2024-01-01"}, {"to", "2024-06-30"}});

    // Any difference breaks equality (so the round-trip checks above can fail).
    Directive changed = parsed;
    changed.tasks[1].assignments[1].target = Selector::id("30.pc");
    CHECK_FALSE(changed == parsed);
    CHECK_FALSE(parse_directive(dump_directive(changed)) == parsed);
}

TEST_CASE("directive_json: save and load through a file") {
    test::TempDir dir;
    const Directive d = datasets::directive_2024();
    const auto path = dir.path / "d.json";
    save_directive(d, path);
    CHECK(load_directive(path) == d);
    CHECK_FALSE(std::filesystem::exists(dir.path / "d.json.tmp"));
    ANTQ_CHECK_ERROR(load_directive(dir.path / "missing.json"), IoError, "cannot_read", "missing.json");
    ANTQ_CHECK_ERROR(load_directive(dir.path), IoError, "cannot_read", "directory");
    ANTQ_CHECK_ERROR(save_directive(d, dir.path / "no" / "such" / "dir.json"), IoError, "cannot_write", "dir.json");

    // Errors in a file name the file.
    json doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["role"] = "chair";
    const auto bad = dir.path / "bad role.json";
    std::ofstream(bad) << doc.dump();
    bool thrown = false;
    try {
        (void)load_directive(bad);
    } catch (const InvalidInput& e) {
        thrown = true;
        CHECK(e.tag() == "unknown_role");
        CHECK(e.where() == bad.string() + ":/tasks/0/assignments/0/role");
    }
    CHECK(thrown);
}

TEST_CASE("directive_json: an unknown role is refused at its pointer") {
    json doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["role"] = "chair";
    check_refused(doc, "unknown_role", "bad.json:/tasks/0/assignments/0/role", "'chair'");
    doc["tasks"][0]["assignments"][0]["role"] = "Lead";  // names are case-sensitive
    check_refused(doc, "unknown_role", "bad.json:/tasks/0/assignments/0/role", "'Lead'");
    doc = minimal_doc();
    doc["tasks"][1]["assignments"][2]["role"] = "";
    check_refused(doc, "unknown_role", "bad.json:/tasks/1/assignments/2/role");
}

TEST_CASE("directive_json: selector errors point into the selector") {
    json doc = minimal_doc();
    doc["tasks"][0]["assignments"][1]["units"] = {{"kind", "police"}, {"levle", "district"}};
    check_refused(doc, "bad_selector", "bad.json:/tasks/0/assignments/1/units/levle", "levle");

    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["units"] = {{"kind", "polce"}};
    check_refused(doc, "unknown_kind", "bad.json:/tasks/0/assignments/0/units/kind", "polce");

    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["units"] = {{"level", "hamlet"}};
    check_refused(doc, "unknown_level", "bad.json:/tasks/0/assignments/0/units/level", "hamlet");

    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["units"] = json::object();
    check_refused(doc, "bad_selector", "bad.json:/tasks/0/assignments/0/units");

    doc = minimal_doc();
    doc["tasks"][1]["assignments"][0]["target"]["any"][1]["not"] = {{"id", json::array()}};
    check_refused(doc, "bad_selector", "bad.json:/tasks/1/assignments/0/target/any/1/not/id");

    doc = minimal_doc();
    doc["recipients"][1]["selector"] = "everything";
    check_refused(doc, "bad_selector", "bad.json:/recipients/1/selector");

    doc = minimal_doc();
    doc["recipients"][0].erase("selector");
    check_refused(doc, "missing_field", "bad.json:/recipients/0", "'selector'");

    // A reference's `cited` is a boolean; the undated due day has a date and says why.
    doc = minimal_doc();
    doc["references"][0]["cited"] = "no";
    check_refused(doc, "wrong_type", "bad.json:/references/0/cited");
    doc = minimal_doc();
    doc["undated_due"] = {{"date", "2024-12-15"}};
    check_refused(doc, "missing_field", "bad.json:/undated_due", "'assumption'");
    doc = minimal_doc();
    doc["undated_due"] = {{"date", ""}, {"assumption", "a guess"}};
    check_refused(doc, "bad_date", "bad.json:/undated_due/date");
    doc = minimal_doc();
    doc["undated_due"] = {{"date", "2024-12-15"}, {"assumption", "a guess"}, {"why", "x"}};
    check_refused(doc, "unknown_field", "bad.json:/undated_due/why");

    // An entry outside the graph must say why.
    doc = minimal_doc();
    doc["recipients"][2]["note"] = " ";
    check_refused(doc, "empty_value", "bad.json:/recipients/2/note", "outside the graph");
    doc = minimal_doc();
    doc["recipients"][2]["note"] = 3;
    check_refused(doc, "wrong_type", "bad.json:/recipients/2/note");
}

TEST_CASE("directive_json: duplicate clause numbers are refused") {
    json doc = minimal_doc();
    doc["tasks"][1]["clause"] = "1";
    check_refused(doc, "duplicate_clause", "bad.json:/tasks/1/clause", "'1'");
    doc = minimal_doc();
    doc["tasks"].push_back(doc["tasks"][1]);
    check_refused(doc, "duplicate_clause", "bad.json:/tasks/2/clause", "'closing'");
}

TEST_CASE("directive_json: wrong types are refused at their pointer") {
    auto refused = [](const char* path_in_doc, json value, const std::string& where) {
        json doc = minimal_doc();
        doc[json::json_pointer(path_in_doc)] = std::move(value);
        check_refused(doc, "wrong_type", "bad.json:" + where);
    };
    refused("/title", 5, "/title");
    refused("/number", nullptr, "/number");
    refused("/year", "2024", "/year");
    refused("/year", 2024.5, "/year");
    refused("/version", "1", "/version");
    refused("/version", 1.0, "/version");
    refused("/tasks", json::object(), "/tasks");
    refused("/references", "none", "/references");
    refused("/tasks/0", "clause 1", "/tasks/0");
    refused("/events/1", json::array(), "/events/1");
    refused("/tasks/0/indicators/0", 100, "/tasks/0/indicators/0");
    refused("/tasks/0/indicators", "100% xã", "/tasks/0/indicators");
    refused("/tasks/0/assignments/0/role", 1, "/tasks/0/assignments/0/role");
    refused("/tasks/0/assignments/1/window", "2024", "/tasks/0/assignments/1/window");
    refused("/tasks/0/assignments/0/note", json::array(), "/tasks/0/assignments/0/note");
    refused("/references/0/title", true, "/references/0/title");
    refused("/recipients/0/label", 3, "/recipients/0/label");
}

TEST_CASE("directive_json: missing required fields are refused, naming the object and the field") {
    for (const char* field : {"format", "version", "id", "kind", "number", "date", "year", "title", "issuer", "signer",
                              "theme", "references", "events", "recipients", "tasks"}) {
        CAPTURE(field);
        json doc = minimal_doc();
        doc.erase(field);
        check_refused(doc, "missing_field", "bad.json:/", std::string("'") + field + "'");
    }
    json doc = minimal_doc();
    doc["tasks"][0]["assignments"][0].erase("units");
    check_refused(doc, "missing_field", "bad.json:/tasks/0/assignments/0", "'units'");
    doc = minimal_doc();
    doc["tasks"][1].erase("assignments");
    check_refused(doc, "missing_field", "bad.json:/tasks/1", "'assignments'");
    doc = minimal_doc();
    doc["events"][0].erase("date");
    check_refused(doc, "missing_field", "bad.json:/events/0", "'date'");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][1]["window"].erase("to");
    check_refused(doc, "missing_field", "bad.json:/tasks/0/assignments/1/window", "'to'");
    // Optional fields may be left out.
    doc = minimal_doc();
    doc.erase("summary");
    doc["tasks"][0].erase("indicators");
    doc["tasks"][0].erase("summary");
    doc["events"][0].erase("note");
    CHECK_NOTHROW(parse_directive(doc.dump()));
}

TEST_CASE("directive_json: unknown fields are refused at their pointer") {
    json doc = minimal_doc();
    doc["signed_by"] = "someone";
    check_refused(doc, "unknown_field", "bad.json:/signed_by", "'signed_by'");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["priority"] = 1;
    check_refused(doc, "unknown_field", "bad.json:/tasks/0/assignments/0/priority", "'priority'");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][1]["window"]["until"] = "2024-01-01";
    check_refused(doc, "unknown_field", "bad.json:/tasks/0/assignments/1/window/until");
    doc = minimal_doc();
    doc["references"][0]["url"] = "x";
    check_refused(doc, "unknown_field", "bad.json:/references/0/url");
    doc = minimal_doc();
    doc["recipients"][0]["units"] = "all";
    check_refused(doc, "unknown_field", "bad.json:/recipients/0/units");
}

TEST_CASE("directive_json: impossible dates are refused") {
    json doc = minimal_doc();
    doc["date"] = "2024-02-30";
    check_refused(doc, "bad_date", "bad.json:/date", "2024-02-30");
    doc["date"] = "2023-02-29";  // not a leap year
    check_refused(doc, "bad_date", "bad.json:/date");
    doc["date"] = "29/02/2024";
    check_refused(doc, "bad_date", "bad.json:/date");
    doc = minimal_doc();
    doc["references"][0]["date"] = "2023-11-31";
    check_refused(doc, "bad_date", "bad.json:/references/0/date");
    doc = minimal_doc();
    doc["events"][1]["date"] = "2024-8-19";
    check_refused(doc, "bad_date", "bad.json:/events/1/date");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["deadline"] = "2024-13-01";
    check_refused(doc, "bad_date", "bad.json:/tasks/0/assignments/0/deadline");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][1]["window"] = {{"from", "2024-06-30"}, {"to", "2024-01-01"}};
    check_refused(doc, "bad_date", "bad.json:/tasks/0/assignments/1/window");
    doc["tasks"][0]["assignments"][1]["window"] = {{"from", "2024-01-01"}, {"to", "2024-04-31"}};
    check_refused(doc, "bad_date", "bad.json:/tasks/0/assignments/1/window/to");

    CHECK(is_iso_date_or_empty(""));
    CHECK(is_iso_date_or_empty("2024-02-29"));
    CHECK(is_iso_date_or_empty("2000-02-29"));
    CHECK_FALSE(is_iso_date_or_empty("1900-02-29"));
    CHECK_FALSE(is_iso_date_or_empty("2024-02-30"));
    CHECK_FALSE(is_iso_date_or_empty("2024-00-10"));
    CHECK_FALSE(is_iso_date_or_empty("2024-01-00"));
    CHECK_FALSE(is_iso_date_or_empty("2024-01-1a"));
    CHECK_FALSE(is_iso_date_or_empty(" 2024-01-01"));
    CHECK(is_iso_date_or_empty("2024-12-31"));
}

TEST_CASE("directive_json: wrong format, wrong version and non-objects are refused") {
    json doc = minimal_doc();
    doc["format"] = "antq.orggraph";
    check_refused(doc, "not_a_directive", "bad.json:/format", "antq.directive");
    doc = minimal_doc();
    doc["version"] = 2;
    check_refused(doc, "unsupported_version", "bad.json:/version", "version 1");
    doc["version"] = 0;
    check_refused(doc, "unsupported_version", "bad.json:/version");
    check_refused(std::string("[1, 2]"), "not_a_directive", "bad.json:/");
    check_refused(std::string("\"antq.directive\""), "not_a_directive", "bad.json:/");
    // A graph document is not a directive.
    check_refused(json{{"format", "antq.orggraph"}, {"version", 1}, {"name", "g"}, {"units", json::array()}},
                  "unknown_field", "bad.json:/name");
}

TEST_CASE("directive_json: malformed JSON names the source, line and column") {
    check_refused_at_prefix("{\"format\": \"antq.directive\",\n  \"version\": }", "malformed_json", "bad.json:line 2");
    check_refused_at_prefix("", "malformed_json", "bad.json:");
    check_refused_at_prefix(std::string(minimal_text) + "}", "malformed_json", "bad.json:line ");
    check_refused_at_prefix(std::string(minimal_text).substr(0, 300), "malformed_json", "bad.json:line ");
}

TEST_CASE("directive_json: nesting too deep is refused before parsing, and so is a too deep selector") {
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    check_refused_at_prefix(deep, "too_deep", "bad.json:line 1");
    // Deep nesting inside an otherwise valid directive, in a field the reader would refuse anyway.
    json doc = minimal_doc();
    std::string text = doc.dump();
    text.insert(1, "\"x\": " + std::string(200, '{') + std::string(200, '}') + ",");
    check_refused_at_prefix(text, "too_deep", "bad.json:line 1");

    // A selector nested deeper than selectors may be: under the document limit, refused by the selector reader.
    json selector = {{"id", "30.pc"}};
    for (int i = 0; i < 80; ++i) selector = json{{"not", selector}};
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["units"] = selector;
    check_refused_at_prefix(doc.dump(), "too_deep", "bad.json:/tasks/0/assignments/0/units/not/not/not");
    // A moderately nested one is fine.
    selector = {{"id", "30.pc"}};
    for (int i = 0; i < 10; ++i) selector = json{{"not", selector}};
    doc["tasks"][0]["assignments"][0]["units"] = selector;
    CHECK_NOTHROW(parse_directive(doc.dump()));
}

// The "non-empty" rules of docs/directive-format.md: text must say something, a task needs an assignment,
// an event needs its date, and an unknown deadline is left out rather than written "".
TEST_CASE("directive_json: empty required text, empty assignments and an undated event are refused") {
    auto refused_at = [](const json& doc, const std::string& where) {
        bool thrown = false;
        try {
            (void)parse_directive(doc.dump(), "bad.json");
        } catch (const InvalidInput& e) {
            thrown = true;
            CHECK_MESSAGE(e.where() == where, "what(): ", e.what());
        }
        CHECK_MESSAGE(thrown, "accepted: ", where);
    };
    json doc = minimal_doc();
    doc["title"] = "   ";
    refused_at(doc, "bad.json:/title");
    doc = minimal_doc();
    doc["id"] = "";
    refused_at(doc, "bad.json:/id");
    doc = minimal_doc();
    doc["tasks"][0]["clause"] = "";
    refused_at(doc, "bad.json:/tasks/0/clause");
    doc = minimal_doc();
    doc["tasks"][1]["assignments"] = json::array();
    refused_at(doc, "bad.json:/tasks/1/assignments");
    doc = minimal_doc();
    doc["events"][0]["date"] = "";
    refused_at(doc, "bad.json:/events/0/date");
    doc = minimal_doc();
    doc["tasks"][0]["indicators"][0] = "";
    refused_at(doc, "bad.json:/tasks/0/indicators/0");
    doc = minimal_doc();  // "Optional date fields (deadline, window) are left out when unknown, not set to """
    doc["tasks"][0]["assignments"][0]["deadline"] = "";
    refused_at(doc, "bad.json:/tasks/0/assignments/0/deadline");
}

TEST_CASE("directive_json: a target within the assignee is read, written back and round trips") {
    json doc = minimal_doc();
    doc["tasks"][1]["assignments"][0]["target_within"] = "assignee";
    const Directive d = parse_directive(doc.dump(), "within.json");
    CHECK(d.tasks[1].assignments[0].target_within == TargetWithin::assignee);
    CHECK(d.tasks[1].assignments[1].target_within == TargetWithin::anywhere);
    const json dumped = json::parse(dump_directive(d));
    CHECK(dumped.at("tasks").at(1).at("assignments").at(0).at("target_within") == "assignee");
    CHECK_FALSE(dumped.at("tasks").at(1).at("assignments").at(1).contains("target_within"));
    CHECK(parse_directive(dumped.dump()) == d);
    // The scope is part of the assignment: without it the directive differs.
    CHECK_FALSE(parse_directive(minimal_text) == d);
}

TEST_CASE("directive_json: a target within anything but the assignee, or without a target, is refused") {
    json doc = minimal_doc();
    doc["tasks"][1]["assignments"][0]["target_within"] = "district";
    check_refused(doc, "unknown_target_within", "bad.json:/tasks/1/assignments/0/target_within", "'district'");
    doc["tasks"][1]["assignments"][0]["target_within"] = "Assignee";  // names are case-sensitive
    check_refused(doc, "unknown_target_within", "bad.json:/tasks/1/assignments/0/target_within", "'Assignee'");
    doc["tasks"][1]["assignments"][0]["target_within"] = true;
    check_refused(doc, "wrong_type", "bad.json:/tasks/1/assignments/0/target_within");
    doc = minimal_doc();
    doc["tasks"][0]["assignments"][0]["target_within"] = "assignee";  // this assignment has no target
    check_refused(doc, "missing_field", "bad.json:/tasks/0/assignments/0/target", "needs a 'target'");
}
