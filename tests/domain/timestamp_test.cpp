#include "domain/timestamp.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::Timestamp;

namespace {

std::string parse_error(std::string_view text) {
  auto r = Timestamp::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/at");
  return r.error().message;
}

}  // namespace

TEST_CASE("an offset timestamp gives UTC seconds and keeps its offset", "[timestamp]") {
  auto t = Timestamp::parse("2026-09-14T08:30:00+08:00");
  REQUIRE(t.ok());
  CHECK(t->unix_seconds() == 1'789'345'800);  // 2026-09-14T00:30:00Z
  CHECK(t->offset_minutes() == 480);
  CHECK(t->offset_str() == "+08:00");
  CHECK(t->str() == "2026-09-14T08:30:00+08:00");
  CHECK(t->local_date() == "2026-09-14");
  CHECK(t->local_minute() == "2026-09-14 08:30");
  CHECK(t->nanos() == 0);
}

TEST_CASE("known epoch values", "[timestamp]") {
  CHECK(Timestamp::parse("1970-01-01T00:00:00Z")->unix_seconds() == 0);
  CHECK(Timestamp::parse("2000-03-01T00:00:00Z")->unix_seconds() == 951'868'800);
  CHECK(Timestamp::parse("9999-12-31T23:59:59Z")->unix_seconds() == 253'402'300'799);
  // Local midnight of 1970-01-01 in +08:00 is before the epoch; still a valid stamp.
  CHECK(Timestamp::parse("1970-01-01T00:00:00+08:00")->unix_seconds() == -28'800);
}

TEST_CASE("Z and -00:00 become +00:00", "[timestamp]") {
  auto z = Timestamp::parse("2026-09-14T00:30:00Z");
  REQUIRE(z.ok());
  CHECK(z->str() == "2026-09-14T00:30:00+00:00");
  CHECK(z->offset_minutes() == 0);
  CHECK(Timestamp::parse("2026-09-14t00:30:00z")->str() == "2026-09-14T00:30:00+00:00");
  CHECK(Timestamp::parse("2026-09-14T00:30:00-00:00")->str() == "2026-09-14T00:30:00+00:00");
}

TEST_CASE("the same instant in different offsets is equal and ordered by instant", "[timestamp]") {
  const auto beijing = *Timestamp::parse("2026-09-14T08:30:00+08:00");
  const auto utc = *Timestamp::parse("2026-09-14T00:30:00Z");
  const auto new_york = *Timestamp::parse("2026-09-13T20:30:00-04:00");
  CHECK(beijing == utc);
  CHECK(utc == new_york);
  CHECK(beijing.str() != utc.str());
  const auto later = *Timestamp::parse("2026-09-14T08:00:00+07:00");  // 01:00Z
  CHECK(beijing < later);
  CHECK(*Timestamp::parse("2026-09-14T08:30:00.1+08:00") > beijing);
}

TEST_CASE("fractional seconds up to 9 digits", "[timestamp]") {
  auto t = Timestamp::parse("2026-09-14T08:30:00.250+08:00");
  REQUIRE(t.ok());
  CHECK(t->nanos() == 250'000'000);
  CHECK(t->str() == "2026-09-14T08:30:00.25+08:00");
  CHECK(Timestamp::parse("2026-09-14T08:30:00.123456789Z")->nanos() == 123'456'789);
  CHECK(Timestamp::parse("2026-09-14T08:30:00.000Z")->str() == "2026-09-14T08:30:00+00:00");
  CHECK(parse_error("2026-09-14T08:30:00.1234567890Z") ==
        "timestamp has more than 9 fraction digits");
  CHECK(parse_error("2026-09-14T08:30:00.Z") ==
        "timestamp has a '.' with no fraction digits after it");
}

TEST_CASE("leap days exist only in leap years", "[timestamp]") {
  CHECK(Timestamp::parse("2028-02-29T12:00:00+08:00").ok());
  CHECK(Timestamp::parse("2000-02-29T12:00:00+08:00").ok());  // divisible by 400
  CHECK(parse_error("2026-02-29T12:00:00+08:00") ==
        "timestamp date 2026-02-29 does not exist: that month has 28 days");
  CHECK_THAT(parse_error("2100-02-29T12:00:00Z"), Catch::Contains("28 days"));  // by 100, not 400
  CHECK_THAT(parse_error("2026-04-31T12:00:00Z"), Catch::Contains("30 days"));
  CHECK(Timestamp::parse("2026-12-31T23:59:59Z").ok());
  CHECK_THAT(parse_error("2026-00-10T12:00:00Z"), Catch::Contains("month 0 is not 01..12"));
  CHECK_THAT(parse_error("2026-13-10T12:00:00Z"), Catch::Contains("month 13"));
  CHECK_THAT(parse_error("2026-01-00T12:00:00Z"), Catch::Contains("does not exist"));
}

TEST_CASE("clock fields are range-checked; leap seconds are refused", "[timestamp]") {
  CHECK(parse_error("2026-09-14T24:00:00Z") == "timestamp hour 24 is over 23");
  CHECK(parse_error("2026-09-14T23:60:00Z") == "timestamp minute 60 is over 59");
  CHECK(parse_error("2026-12-31T23:59:60Z") ==
        "timestamp second 60 (a leap second) is not accepted; use 59");
  CHECK(parse_error("2026-12-31T23:59:61Z") == "timestamp second 61 is over 59");
}

TEST_CASE("a missing offset is refused", "[timestamp]") {
  CHECK(parse_error("2026-09-14T08:30:00") ==
        "timestamp has no UTC offset; add 'Z' or one like '+08:00'");
  CHECK(parse_error("2026-09-14T08:30:00.5") ==
        "timestamp has no UTC offset; add 'Z' or one like '+08:00'");
  CHECK_THAT(parse_error("2026-09-14"), Catch::Contains("no time and UTC offset"));
}

TEST_CASE("offsets must be well formed and within ±14:00", "[timestamp]") {
  CHECK(Timestamp::parse("2026-09-14T08:30:00+14:00")->offset_minutes() == 840);
  CHECK(Timestamp::parse("2026-09-14T08:30:00-12:00")->offset_str() == "-12:00");
  CHECK(Timestamp::parse("2026-09-14T08:30:00+05:45")->offset_minutes() == 345);
  CHECK(Timestamp::parse("2026-09-14T08:30:00-09:30")->offset_minutes() == -570);
  CHECK(parse_error("2026-09-14T08:30:00+14:01") ==
        "timestamp offset +14:01 is outside -14:00..+14:00");
  CHECK_THAT(parse_error("2026-09-14T08:30:00-15:00"), Catch::Contains("outside"));
  CHECK(parse_error("2026-09-14T08:30:00+08:60") == "timestamp offset minutes 60 are over 59");
  for (const char* text :
       {"2026-09-14T08:30:00+0800", "2026-09-14T08:30:00+08", "2026-09-14T08:30:00 +08:00",
        "2026-09-14T08:30:00+08:00Z", "2026-09-14T08:30:00UTC", "2026-09-14T08:30:00Zx"}) {
    INFO(text);
    CHECK_THAT(parse_error(text), Catch::Contains("must end in 'Z' or an offset like '+08:00'"));
  }
}

TEST_CASE("shapes other than RFC 3339 are refused", "[timestamp]") {
  CHECK(parse_error("") == "timestamp is empty");
  CHECK_THAT(parse_error("2026-09-14 08:30:00+08:00"), Catch::Contains("no time THH:MM:SS"));
  CHECK_THAT(parse_error("2026-9-14T08:30:00+08:00"),
             Catch::Contains("does not start with a date"));
  CHECK_THAT(parse_error("14/09/2026 08:30"), Catch::Contains("does not start with a date"));
  CHECK_THAT(parse_error("2026-09-14T8:30:00+08:00"), Catch::Contains("no time THH:MM:SS"));
  CHECK_THAT(parse_error("2026-09-14T08:30+08:00"), Catch::Contains("no time THH:MM:SS"));
  CHECK_THAT(parse_error("1969-12-31T23:59:59Z"), Catch::Contains("before 1970"));
  CHECK_THAT(parse_error("+2026-09-14T08:30:00Z"), Catch::Contains("does not start with a date"));
}

TEST_CASE("local_date follows the stamp's own offset across midnight", "[timestamp]") {
  // 16:30Z is already the next day in China.
  auto t = Timestamp::parse("2026-09-14T16:30:00Z");
  REQUIRE(t.ok());
  CHECK(t->local_date() == "2026-09-14");
  const auto beijing = Timestamp::from_unix(t->unix_seconds(), 480);
  CHECK(beijing.str() == "2026-09-15T00:30:00+08:00");
  CHECK(beijing.local_date() == "2026-09-15");
  CHECK(beijing.local_minute() == "2026-09-15 00:30");
  CHECK(beijing == *t);
  // And across a year end.
  const auto new_year =
      Timestamp::from_unix(Timestamp::parse("2026-12-31T16:00:00Z")->unix_seconds(), 480);
  CHECK(new_year.str() == "2027-01-01T00:00:00+08:00");
}

TEST_CASE("from_unix formats the instant in the given offset", "[timestamp]") {
  CHECK(Timestamp::from_unix(0, 0).str() == "1970-01-01T00:00:00+00:00");
  CHECK(Timestamp::from_unix(1'789'345'800, 480).str() == "2026-09-14T08:30:00+08:00");
  CHECK(Timestamp::from_unix(1'789'345'800, -570).str() == "2026-09-13T15:00:00-09:30");
  CHECK(Timestamp::from_unix(951'782'400, 0).str() == "2000-02-29T00:00:00+00:00");
  const auto t = Timestamp::from_unix(1'789'345'800, 480, 5'000'000);
  CHECK(t.str() == "2026-09-14T08:30:00.005+08:00");
  CHECK(t.nanos() == 5'000'000);
  CHECK(Timestamp().str() == "1970-01-01T00:00:00+00:00");
}

TEST_CASE("parse and from_unix agree over many instants", "[timestamp]") {
  // Every 7919 minutes from 1970 to ~2090 with varying offsets: str() re-parses to the same stamp.
  for (std::int64_t s = 0; s < 3'800'000'000; s += 7919 * 60 + 13) {
    const int offset = static_cast<int>((s / 60) % 1681) - 840;
    if (s + offset * 60 < 0) continue;  // local time before 1970 is out of range
    const auto t = Timestamp::from_unix(s, offset);
    auto back = Timestamp::parse(t.str());
    REQUIRE(back.ok());
    REQUIRE(back->unix_seconds() == s);
    REQUIRE(back->offset_minutes() == offset);
    REQUIRE(back->str() == t.str());
  }
}
