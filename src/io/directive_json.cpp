#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/io/directive_json.hpp>
#include <antq/io/selector_json.hpp>

#include "model/detail/dates.hpp"
#include "io/detail/file.hpp"
#include "io/detail/reader.hpp"

namespace antq {

namespace {

using json = nlohmann::json;
using detail::Reader;
using detail::type_name;

constexpr std::string_view format_name = "antq.directive";
constexpr int format_version = 1;
// Selectors sit six levels down (/tasks/i/assignments/j/units/...), and may take selector_json_depth below that.
constexpr std::size_t max_depth = 6 + detail::selector_json_depth;

class DirectiveReader {
public:
    explicit DirectiveReader(std::string source) : r(source), m_source(std::move(source)) {}

    Directive read(const json& doc) {
        if (!doc.is_object()) r.fail("not_a_directive", "", "expected a directive object, found " + type_name(doc));
        r.only_fields(doc, {"format", "version", "id", "kind", "number", "date", "year", "title", "issuer", "signer",
                            "theme", "summary", "references", "events", "recipients", "tasks", "undated_due"},
                      "");
        r.format_and_version(doc, format_name, format_version, "not_a_directive");
        Directive d;
        d.id = r.filled(doc, "id", "");
        d.kind = r.filled(doc, "kind", "");
        d.number = r.text(doc, "number", "");
        d.date = date(doc, "date", "");
        d.year = r.year(doc, "year", "");
        d.title = r.filled(doc, "title", "");
        d.issuer = r.filled(doc, "issuer", "");
        d.signer = r.filled(doc, "signer", "");
        d.theme = r.filled(doc, "theme", "");
        d.summary = optional_text(doc, "summary", "");
        r.for_each(doc, "references", "", [&](const json& item, const std::string& p) {
            r.only_fields(item, {"kind", "number", "date", "title", "cited", "note"}, p);
            Reference ref{r.filled(item, "kind", p), r.text(item, "number", p), date(item, "date", p),
                          r.filled(item, "title", p), true, optional_text(item, "note", p)};
            if (item.contains("cited")) {
                const json& cited = item.at("cited");
                if (!cited.is_boolean()) r.fail("wrong_type", p + "/cited", "expected true or false, found " + type_name(cited));
                ref.cited = cited.get<bool>();
            }
            d.references.push_back(std::move(ref));
        });
        r.for_each(doc, "events", "", [&](const json& item, const std::string& p) {
            r.only_fields(item, {"date", "title", "note"}, p);
            std::string when = date(item, "date", p);
            if (when.empty()) r.fail("bad_date", p + "/date", "an event needs its date");
            d.events.push_back({std::move(when), r.filled(item, "title", p), optional_text(item, "note", p)});
        });
        r.for_each(doc, "recipients", "", [&](const json& item, const std::string& p) {
            r.only_fields(item, {"label", "selector", "note"}, p);
            Recipient recipient{r.filled(item, "label", p), std::nullopt, optional_text(item, "note", p)};
            if (item.contains("selector"))
                recipient.units = selector(item.at("selector"), p + "/selector");
            else if (!item.contains("note"))
                r.fail("missing_field", p,
                       "required field 'selector' is missing (an entry outside the graph has no selector and a 'note' "
                       "saying why)");
            else if (recipient.note.find_first_not_of(" \t\r\n") == std::string::npos)
                r.fail("empty_value", p + "/note", "an entry outside the graph must say why in 'note'");
            d.recipients.push_back(std::move(recipient));
        });
        if (doc.contains("undated_due")) {
            const std::string p = "/undated_due";
            const json& u = doc.at("undated_due");
            r.expect_object(u, p);
            r.only_fields(u, {"date", "assumption"}, p);
            std::string when = date(u, "date", p);
            if (when.empty()) r.fail("bad_date", p + "/date", "the undated due day needs its date");
            d.undated_due = AssumedDate{std::move(when), r.filled(u, "assumption", p)};
        }
        std::set<std::string> clauses;
        r.for_each(doc, "tasks", "", [&](const json& item, const std::string& p) {
            r.only_fields(item, {"clause", "title", "summary", "indicators", "assignments"}, p);
            Task task;
            task.clause = r.filled(item, "clause", p);
            if (!clauses.insert(task.clause).second)
                r.fail("duplicate_clause", p + "/clause", "clause '" + task.clause + "' appears twice");
            task.title = r.filled(item, "title", p);
            task.summary = optional_text(item, "summary", p);
            if (item.contains("indicators"))
                r.for_each(item, "indicators", p, [&](const json& i, const std::string& ip) {
                    std::string indicator = r.string(i, ip);
                    if (indicator.find_first_not_of(" \t\r\n") == std::string::npos)
                        r.fail("empty_value", ip, "an indicator must not be empty");
                    task.indicators.push_back(std::move(indicator));
                }, false);
            r.for_each(item, "assignments", p, [&](const json& a, const std::string& ap) {
                task.assignments.push_back(assignment(a, ap));
            });
            if (task.assignments.empty()) r.fail("empty_value", p + "/assignments", "a task needs at least one assignment");
            d.tasks.push_back(std::move(task));
        });
        // Nothing to compile, follow up or report on: refused here rather than as an empty table downstream.
        if (d.tasks.empty()) r.fail("empty_value", "/tasks", "a directive needs at least one task (clause)");
        return d;
    }

private:
    Assignment assignment(const json& a, const std::string& p) {
        r.only_fields(a, {"role", "units", "target", "target_within", "deadline", "window", "note"}, p);
        Assignment out;
        const std::string role = r.text(a, "role", p);
        const auto parsed = parse_role(role);
        if (!parsed) r.fail("unknown_role", p + "/role", "'" + role + "' is not a role (lead, coordinate, advise, monitor, inform)");
        out.role = *parsed;
        out.units = selector(r.require(a, "units", p), p + "/units");
        if (a.contains("target")) out.target = selector(a.at("target"), p + "/target");
        if (a.contains("target_within")) {
            const std::string within = r.text(a, "target_within", p);
            if (within != "assignee")
                r.fail("unknown_target_within", p + "/target_within",
                       "'" + within + "' is not a scope of the target (only \"assignee\": within each assignee's territory)");
            if (!out.target)
                r.fail("missing_field", p + "/target", "'target_within' needs a 'target' to narrow to each assignee");
            out.target_within = TargetWithin::assignee;
        }
        if (a.contains("deadline")) {
            out.deadline = date(a, "deadline", p);
            if (out.deadline.empty()) r.fail("bad_date", p + "/deadline", "leave 'deadline' out when it is unknown");
        }
        if (a.contains("window")) {
            const json& w = a.at("window");
            r.expect_object(w, p + "/window");
            r.only_fields(w, {"from", "to"}, p + "/window");
            out.window = DateWindow{date(w, "from", p + "/window"), date(w, "to", p + "/window")};
            if (out.window->from.empty() || out.window->to.empty() || out.window->to < out.window->from)
                r.fail("bad_date", p + "/window", "a window needs 'from' and 'to' dates, 'from' not after 'to'");
        }
        out.note = optional_text(a, "note", p);
        return out;
    }

    Selector selector(const json& j, const std::string& p) {
        try {
            return selector_from_json(j, p);
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), r.at(e.where()), e.message());
        }
    }


    // A required string that must say something (not empty, not only white space).

    std::string optional_text(const json& object, const char* key, const std::string& p) {
        return object.contains(key) ? r.string(object.at(key), p + "/" + key) : std::string();
    }

    std::string date(const json& object, const char* key, const std::string& p) {
        std::string value = r.text(object, key, p);
        if (!is_iso_date_or_empty(value))
            r.fail("bad_date", p + "/" + key, "'" + value + "' is not a date written YYYY-MM-DD (years 1900 to 2200) (or empty when unknown)");
        return value;
    }

    Reader r;
    std::string m_source;
};

json selector_json(const Selector& s) { return to_json(s); }

}  // namespace

bool is_iso_date_or_empty(std::string_view t) noexcept { return t.empty() || detail::iso_days(t).has_value(); }

Directive parse_directive(std::string_view text, std::string_view source) {
    const std::string name(source);
    const json doc = detail::parse_document(text, name, max_depth);
    Directive directive = DirectiveReader(name).read(doc);
    directive.source = name;
    return directive;
}

Directive load_directive(const std::filesystem::path& path, const ReadLimits& limits) {
    return parse_directive(detail::read_file(path, limits.max_bytes), path.string());
}

std::string dump_directive(const Directive& d) {
    json doc = json::object();
    doc["format"] = format_name;
    doc["version"] = format_version;
    doc["id"] = d.id;
    doc["kind"] = d.kind;
    doc["number"] = d.number;
    doc["date"] = d.date;
    doc["year"] = d.year;
    doc["title"] = d.title;
    doc["issuer"] = d.issuer;
    doc["signer"] = d.signer;
    doc["theme"] = d.theme;
    if (!d.summary.empty()) doc["summary"] = d.summary;
    doc["references"] = json::array();
    for (const auto& x : d.references) {
        json ref{{"kind", x.kind}, {"number", x.number}, {"date", x.date}, {"title", x.title}};
        if (!x.cited) ref["cited"] = false;
        if (!x.note.empty()) ref["note"] = x.note;
        doc["references"].push_back(ref);
    }
    doc["events"] = json::array();
    for (const auto& e : d.events) {
        json event{{"date", e.date}, {"title", e.title}};
        if (!e.note.empty()) event["note"] = e.note;
        doc["events"].push_back(event);
    }
    doc["recipients"] = json::array();
    for (const auto& x : d.recipients) {
        json recipient{{"label", x.label}};
        if (x.units) recipient["selector"] = selector_json(*x.units);
        if (!x.note.empty()) recipient["note"] = x.note;
        doc["recipients"].push_back(recipient);
    }
    if (d.undated_due) doc["undated_due"] = {{"date", d.undated_due->date}, {"assumption", d.undated_due->assumption}};
    doc["tasks"] = json::array();
    for (const auto& t : d.tasks) {
        json task{{"clause", t.clause}, {"title", t.title}};
        if (!t.summary.empty()) task["summary"] = t.summary;
        if (!t.indicators.empty()) task["indicators"] = t.indicators;
        task["assignments"] = json::array();
        for (const auto& a : t.assignments) {
            json assignment{{"role", std::string(to_string(a.role))}, {"units", selector_json(a.units)}};
            if (a.target) assignment["target"] = selector_json(*a.target);
            if (a.target_within == TargetWithin::assignee) assignment["target_within"] = "assignee";
            if (!a.deadline.empty()) assignment["deadline"] = a.deadline;
            if (a.window) assignment["window"] = {{"from", a.window->from}, {"to", a.window->to}};
            if (!a.note.empty()) assignment["note"] = a.note;
            task["assignments"].push_back(assignment);
        }
        doc["tasks"].push_back(task);
    }
    return doc.dump(2) + "\n";
}

void save_directive(const Directive& directive, const std::filesystem::path& path) {
    detail::write_file(path, dump_directive(directive));
}

}  // namespace antq
