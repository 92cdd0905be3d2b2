#pragma once

// Calendar days for ISO dates "YYYY-MM-DD": validation and day arithmetic (H. Hinnant's civil-day algorithms).
// Internal to the library.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <antq/errors.hpp>

namespace antq::detail {

constexpr bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/** The years a date in any antq document or call may have: the evaluation cycle's years, one rule everywhere. */
constexpr int first_year = 1900;
constexpr int last_year = 2200;

/**
 * Days since 1970-01-01 of a valid ISO date from first_year to last_year, or std::nullopt (so "0000-01-01" is
 * refused everywhere a date is read).
 */
inline std::optional<std::int64_t> iso_days(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    const unsigned m = unsigned((s[5] - '0') * 10 + (s[6] - '0'));
    const unsigned d = unsigned((s[8] - '0') * 10 + (s[9] - '0'));
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < first_year || y > last_year) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && is_leap_year(y) ? 1 : 0)) return std::nullopt;
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = unsigned(yy - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
}

/** The ISO date of a day count since 1970-01-01 (years 0..9999). */
inline std::string iso_date(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = std::int64_t(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    char out[11];
    out[0] = char('0' + y / 1000 % 10), out[1] = char('0' + y / 100 % 10), out[2] = char('0' + y / 10 % 10);
    out[3] = char('0' + y % 10), out[4] = '-', out[5] = char('0' + m / 10), out[6] = char('0' + m % 10), out[7] = '-';
    out[8] = char('0' + d / 10), out[9] = char('0' + d % 10), out[10] = 0;
    return out;
}

/** The years the evaluation cycle reads and writes. @throws InvalidInput "bad_year" naming `where` */
inline void check_year(int year, const std::string& where) {
    if (year < first_year || year > last_year)
        throw InvalidInput("bad_year", where, "expected a year between 1900 and 2200, not " + std::to_string(year));
}

/** A year written with four digits, as ISO dates have it. @throws InvalidInput "bad_year" outside 1 to 9999 */
inline std::string year_text(int year) {
    if (year < 1 || year > 9999) throw InvalidInput("bad_year", std::to_string(year), "a year has four digits, 1 to 9999");
    std::string y = std::to_string(year);
    return std::string(y.size() < 4 ? 4 - y.size() : 0, '0') + y;
}

}  // namespace antq::detail
