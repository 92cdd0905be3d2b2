#pragma once

// A subject's window and deadline in one year: as written, for messages, and as day numbers, which dates are
// compared with (each date parsed once, not compared as text).

#include <cstdint>
#include <string>

#include <antq/errors.hpp>
#include <antq/evaluation/rules.hpp>

#include "model/detail/dates.hpp"

namespace antq::detail {

struct YearDays {
    std::string first, last, deadline;
    std::int64_t first_day = 0, last_day = 0, deadline_day = 0;
};

/**
 * Subject `subject`'s days in `year` (1900 to 2200, checked by the caller). A window opening the year before reaches
 * into 1899 in 1900: it is taken to open on 1900-01-01, before which no date the cycle reads lies.
 * @throws InvalidInput "bad_rule" for a day no year has (rules built in code may give "02-30"), naming the subject
 *         and the field
 */
inline YearDays year_days(const Subject& subject, int year) {
    YearDays d{subject.window.first_day(year), subject.window.last_day(year), subject.deadline_day(year)};
    auto day = [&](const std::string& text, const char* field) {
        // 1899 and 1900 have the same days (neither is a leap year): a day of 1899 is checked as one of 1900.
        const bool before_1900 = text.compare(0, 5, "1899-") == 0;
        const auto parsed = iso_days(before_1900 ? "1900" + text.substr(4) : text);
        if (!parsed)
            throw InvalidInput("bad_rule", "subject '" + subject.id + "': " + field,
                               "'" + text + "' is not a day of the year (YYYY-MM-DD)");
        return before_1900 ? *iso_days("1900-01-01") : *parsed;
    };
    d.first_day = day(d.first, "window.from");
    d.last_day = day(d.last, "window.to");
    d.deadline_day = day(d.deadline, "deadline");
    return d;
}

}  // namespace antq::detail
