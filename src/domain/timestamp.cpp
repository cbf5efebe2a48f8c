#include "domain/timestamp.h"

#include <cstdio>

#include "domain/civil_date.h"

namespace domain {
namespace {

constexpr int kMaxOffsetMinutes = 14 * 60;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr const char* kShape = "write it like 2026-09-14T08:30:00+08:00";

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string format_offset(int offset_minutes) {
  const int abs = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', abs / 60, abs % 60);
  return buf;
}

// Fraction digits without trailing zeros: 500000000 -> "5"; 0 -> "".
std::string format_nanos(int nanos) {
  if (nanos == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%09d", nanos);
  std::string digits = buf;
  while (digits.back() == '0') digits.pop_back();
  return "." + digits;
}

std::string format(std::int64_t local_seconds, int nanos, int offset_minutes) {
  int y = 0, mo = 0, d = 0;
  const std::int64_t days = floor_div(local_seconds, kSecondsPerDay);
  civil_from_days(days, y, mo, d);
  const int sod = static_cast<int>(local_seconds - days * kSecondsPerDay);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, sod / 3600,
                sod / 60 % 60, sod % 60);
  return buf + format_nanos(nanos) + format_offset(offset_minutes);
}

// Reads exactly `n` digits at `pos`; -1 if any is missing or not a digit.
int digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

Timestamp::Timestamp() : text_("1970-01-01T00:00:00+00:00") {}

Timestamp Timestamp::from_unix(std::int64_t unix_seconds, int offset_minutes, int nanos) {
  Timestamp t;
  t.unix_seconds_ = unix_seconds;
  t.nanos_ = nanos;
  t.offset_minutes_ = offset_minutes;
  t.text_ = format(unix_seconds + offset_minutes * 60, nanos, offset_minutes);
  return t;
}

Result<Timestamp> Timestamp::parse(std::string_view s, std::string field) {
  auto fail = [&field](std::string message) {
    return make_error(Errc::invalid_input, std::move(message), std::move(field));
  };
  if (s.empty()) return fail("timestamp is empty");
  const int year = digits_at(s, 0, 4);
  const int month = digits_at(s, 5, 2);
  const int day = digits_at(s, 8, 2);
  const int hour = digits_at(s, 11, 2);
  const int minute = digits_at(s, 14, 2);
  const int second = digits_at(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || s[4] != '-' || s[7] != '-') {
    return fail("timestamp '" + std::string(s) + "' does not start with a date YYYY-MM-DD; " +
                kShape);
  }
  if (s.size() == 10)
    return fail("timestamp has a date but no time and UTC offset; " + std::string(kShape));
  if (hour < 0 || minute < 0 || second < 0 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return fail("timestamp '" + std::string(s) + "' has no time THH:MM:SS after the date; " +
                kShape);
  }
  std::size_t pos = 19;
  int nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t n = 0;
    while (pos + 1 + n < s.size() && s[pos + 1 + n] >= '0' && s[pos + 1 + n] <= '9') ++n;
    if (n == 0) return fail("timestamp has a '.' with no fraction digits after it");
    if (n > 9) return fail("timestamp has more than 9 fraction digits");
    nanos = digits_at(s, pos + 1, n);
    for (std::size_t i = n; i < 9; ++i) nanos *= 10;
    pos += 1 + n;
  }
  int offset = 0;
  if (pos == s.size()) {
    return fail("timestamp has no UTC offset; add 'Z' or one like '+08:00'");
  } else if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    offset = 0;
  } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':' &&
             digits_at(s, pos + 1, 2) >= 0 && digits_at(s, pos + 4, 2) >= 0) {
    const int oh = digits_at(s, pos + 1, 2);
    const int om = digits_at(s, pos + 4, 2);
    if (om > 59) return fail("timestamp offset minutes " + std::to_string(om) + " are over 59");
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    if (offset > kMaxOffsetMinutes || offset < -kMaxOffsetMinutes) {
      return fail("timestamp offset " + std::string(s.substr(pos)) + " is outside -14:00..+14:00");
    }
  } else {
    return fail("timestamp '" + std::string(s) + "' must end in 'Z' or an offset like '+08:00'");
  }
  if (year < 1970) return fail("timestamp year " + std::to_string(year) + " is before 1970");
  if (month < 1 || month > 12)
    return fail("timestamp month " + std::to_string(month) + " is not 01..12");
  if (day < 1 || day > days_in_month(year, month)) {
    return fail("timestamp date " + std::string(s.substr(0, 10)) +
                " does not exist: that month has " + std::to_string(days_in_month(year, month)) +
                " days");
  }
  if (hour > 23) return fail("timestamp hour " + std::to_string(hour) + " is over 23");
  if (minute > 59) return fail("timestamp minute " + std::to_string(minute) + " is over 59");
  if (second == 60) return fail("timestamp second 60 (a leap second) is not accepted; use 59");
  if (second > 59) return fail("timestamp second " + std::to_string(second) + " is over 59");

  const std::int64_t local =
      days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  Timestamp t;
  t.unix_seconds_ = local - offset * 60;
  t.nanos_ = nanos;
  t.offset_minutes_ = offset;
  t.text_ = format(local, nanos, offset);
  return t;
}

std::string Timestamp::offset_str() const { return format_offset(offset_minutes_); }

std::string Timestamp::local_date() const { return text_.substr(0, 10); }

std::string Timestamp::local_minute() const {
  return text_.substr(0, 10) + " " + text_.substr(11, 5);
}

}  // namespace domain
