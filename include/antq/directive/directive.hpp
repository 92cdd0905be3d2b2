#pragma once

/**
 * @file
 * A directive as data: its identity, references, dates, recipients and tasks with their assignments.
 */

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <antq/directive/role.hpp>
#include <antq/graph/selector.hpp>

namespace antq {

/**
 * A legal or programme document a directive cites, or, with `cited` false, one it does not cite but that gives
 * context (the rules behind a clause). Dates are ISO "YYYY-MM-DD" or empty when unknown.
 */
struct Reference {
    std::string kind;    ///< e.g. "kết luận", "chỉ thị", "luật"
    std::string number;  ///< e.g. "44-KL/TW"
    std::string date;
    std::string title;
    bool cited = true;  ///< false: not cited by the text, shown as context
    std::string note;   ///< where the reference comes from, when the text does not give it
    friend bool operator==(const Reference&, const Reference&) = default;
};

/** A dated event the directive sets or relies on. */
struct DatedEvent {
    std::string date;
    std::string title;
    std::string note;
    friend bool operator==(const DatedEvent&, const DatedEvent&) = default;
};

/**
 * An entry of the recipients list ("nơi nhận") and the units of the graph it designates. An entry without units
 * names no unit of the graph (a body the graph does not model, an archive line): compile() reports it, and `note`
 * says why.
 */
struct Recipient {
    std::string label;              ///< the entry as printed, e.g. "UBND các huyện, thị xã, thành phố"
    std::optional<Selector> units;  ///< the units of the graph it designates; none: outside the graph
    std::string note;               ///< how the entry maps onto the graph, or why it does not
    friend bool operator==(const Recipient&, const Recipient&) = default;
};

/** An inclusive ISO date range. */
struct DateWindow {
    std::string from;  ///< first day, ISO
    std::string to;    ///< last day, ISO
    friend bool operator==(const DateWindow&, const DateWindow&) = default;
};

/** A date the text does not give, taken as an assumption: the date and why it was chosen. */
struct AssumedDate {
    std::string date;        ///< ISO
    std::string assumption;  ///< why this date, and that the text gives none
    friend bool operator==(const AssumedDate&, const AssumedDate&) = default;
};

/** Where an assignment's target lies: anywhere the selector picks, or only within each assignee's own territory. */
enum class TargetWithin : std::uint8_t {
    anywhere,  ///< the target selector's units, the same for every assignee
    assignee,  ///< per assignee: the target selector's units within the territory it serves (Selector::within's meaning)
};

/** One role given to the units a selector picks. */
struct Assignment {
    Role role = Role::lead;
    Selector units;
    /** Whom a monitor watches, or to whom an adviser reports. */
    std::optional<Selector> target;
    std::string deadline;  ///< ISO date or empty
    std::optional<DateWindow> window;
    std::string note;
    /** `assignee`: each assignee's target is `target` within its own territory (JSON "target_within": "assignee"). */
    TargetWithin target_within = TargetWithin::anywhere;
    friend bool operator==(const Assignment&, const Assignment&) = default;
};

/** A clause of the directive. */
struct Task {
    std::string clause;  ///< unique within the directive, e.g. "3" or "closing"
    std::string title;
    std::string summary;                  ///< what the clause asks, in a few sentences
    std::vector<std::string> indicators;  ///< the measurable outputs the clause names
    std::vector<Assignment> assignments;  ///< who does what
    friend bool operator==(const Task&, const Task&) = default;
};

/** A directive: who issues it, what it cites, whom it reaches, and what it asks of whom. */
struct Directive {
    std::string id;
    std::string kind;    ///< e.g. "chỉ thị"
    std::string number;  ///< empty when unknown
    std::string date;    ///< ISO date, empty when unknown
    int year = 0;
    std::string title;
    std::string issuer;  ///< unit id of the issuing body
    std::string signer;  ///< unit id of the signing post
    std::string theme;    ///< the movement's theme the directive carries
    std::string summary;  ///< one paragraph, optional
    std::vector<Reference> references;
    std::vector<DatedEvent> events;
    std::vector<Recipient> recipients;  ///< the "nơi nhận" list
    std::vector<Task> tasks;            ///< the clauses, in order
    /** The day duties without a deadline or window are taken as due by a follow-up: never the text's own date. */
    std::optional<AssumedDate> undated_due;
    /** How errors name the directive's file (parse_directive sets it); not part of the directive's content. */
    std::string source;

    /** Same content; the source is only a name. */
    friend bool operator==(const Directive& a, const Directive& b) {
        auto content = [](const Directive& d) {
            return std::tie(d.id, d.kind, d.number, d.date, d.year, d.title, d.issuer, d.signer, d.theme, d.summary,
                            d.references, d.events, d.recipients, d.tasks, d.undated_due);
        };
        return content(a) == content(b);
    }
};

}  // namespace antq
