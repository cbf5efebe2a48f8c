// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (H. Hinnant's algorithms), shared by
// timestamps, the dashboard's months, recall deadlines and scan days: no gmtime, no locale, no time zone.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace domain {

// Days since 1970-01-01 of year-month-day (month 1..12).
std::int64_t days_from_civil(int y, int m, int d);
// The date of a day number.
void civil_from_days(std::int64_t z, int& y, int& m, int& d);
// Division rounding towards negative infinity (days of instants before 1970 included).
std::int64_t floor_div(std::int64_t a, std::int64_t b);

}  // namespace domain
