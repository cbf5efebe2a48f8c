// domain::Timestamp: an instant as written in RFC 3339 with an explicit UTC offset
// ("2026-09-14T08:30:00+08:00"), keeping the offset because EPCIS records eventTimeZoneOffset and
// consumers read local dates. Ordering and equality compare the instant only, so the same moment
// written in +08:00 and in Z is equal. Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Timestamp {
 public:
  Timestamp();  // 1970-01-01T00:00:00+00:00

  // "YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)"; 't'/'z' accepted as RFC 3339 allows. Years
  // 1970..9999, real calendar dates, hour <= 23, minute <= 59, offset within ±14:00 ("-00:00" reads
  // as
  // "+00:00"). Second 60 (a leap second) is refused: POSIX time cannot represent it and EPCIS
  // clients do not send it. Errors are Errc::invalid_input on `field`.
  static Result<Timestamp> parse(std::string_view text, std::string field = "/at");
  // For "now": `unix_seconds` since the epoch (UTC) shown in `offset_minutes` (+480 = +08:00).
  // Preconditions: |offset_minutes| <= 840, 0 <= nanos < 1e9, local year in 1970..9999.
  static Timestamp from_unix(std::int64_t unix_seconds, int offset_minutes, int nanos = 0);

  std::int64_t unix_seconds() const { return unix_seconds_; }  // UTC epoch seconds
  int nanos() const { return nanos_; }  // fraction of the second, 0..999999999
  int offset_minutes() const { return offset_minutes_; }
  // "YYYY-MM-DDTHH:MM:SS[.f]±HH:MM": 'Z' becomes "+00:00", the fraction loses trailing zeros.
  const std::string& str() const { return text_; }
  std::string offset_str() const;    // "+08:00"
  std::string local_date() const;    // "2026-09-14", in the stamp's own offset
  std::string local_minute() const;  // "2026-09-14 08:30", in the stamp's own offset

  std::strong_ordering operator<=>(const Timestamp& o) const {
    if (auto c = unix_seconds_ <=> o.unix_seconds_; c != 0) return c;
    return nanos_ <=> o.nanos_;
  }
  bool operator==(const Timestamp& o) const {
    return unix_seconds_ == o.unix_seconds_ && nanos_ == o.nanos_;
  }

 private:
  std::int64_t unix_seconds_ = 0;
  int nanos_ = 0;
  int offset_minutes_ = 0;
  std::string text_;
};

}  // namespace domain
