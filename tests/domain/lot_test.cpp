#include "domain/lot.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::Lot;

namespace {

std::string lot_error(std::string_view text) {
  auto r = Lot::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/lot");
  return r.error().message;
}

}  // namespace

TEST_CASE("typical lot numbers are kept exactly", "[lot]") {
  for (const char* text : {"A", "DN2026-0914", "ab12", "2026/09/14", "50%", "LOT(1)+2", "x_y.z:7",
                           "A!\"%&'()*+,-./:;<=>?"}) {
    INFO(text);
    auto r = Lot::parse(text);
    REQUIRE(r.ok());
    CHECK(r->str() == text);
  }
}

TEST_CASE("every CSET 82 character and nothing else is accepted", "[lot]") {
  int allowed = 0;
  for (int c = 0; c < 256; ++c) {
    if (Lot::is_cset82(static_cast<char>(c))) ++allowed;
  }
  CHECK(allowed == 82);
  for (const char c : std::string_view(" #$@[\\]^`{|}~\t\n")) {
    INFO(int(c));
    CHECK_FALSE(Lot::is_cset82(c));
  }
  CHECK_FALSE(Lot::is_cset82('\0'));
}

TEST_CASE("20 characters are allowed, 21 are not", "[lot]") {
  const std::string twenty(20, '7');
  auto ok = Lot::parse(twenty);
  REQUIRE(ok.ok());
  CHECK(ok->str().size() == 20);
  CHECK(lot_error(twenty + "7") == "lot has 21 characters; GS1 AI 10 allows at most 20");
}

TEST_CASE("empty lot is refused", "[lot]") { CHECK(lot_error("") == "lot is empty"); }

TEST_CASE("disallowed characters are named, non-ASCII with its code point", "[lot]") {
  CHECK(lot_error("A€1") ==
        "lot contains '€' (U+20AC), which is not allowed in GS1 AI 10 (CSET 82)");
  CHECK(lot_error("大宁01") ==
        "lot contains '大' (U+5927), which is not allowed in GS1 AI 10 (CSET 82)");
  CHECK(lot_error("LOT 1") ==
        "lot contains space (U+0020), which is not allowed in GS1 AI 10 (CSET 82)");
  CHECK(lot_error("A#1") == "lot contains '#', which is not allowed in GS1 AI 10 (CSET 82)");
  CHECK_THAT(lot_error("a@b"), Catch::Contains("'@'"));
  CHECK_THAT(lot_error("a~b"), Catch::Contains("'~'"));
  CHECK_THAT(lot_error("a\tb"), Catch::Contains("control character U+0009"));
  CHECK_THAT(lot_error(std::string_view("a\0b", 3)), Catch::Contains("control character U+0000"));
  CHECK_THAT(lot_error("a\xFF"), Catch::Contains("byte 0xFF, which is not UTF-8"));
  CHECK_THAT(lot_error("a\xE5\xA4"), Catch::Contains("byte 0xE5, which is not UTF-8"));  // cut-off
  CHECK_THAT(lot_error("\xC0\xAF"), Catch::Contains("byte 0xC0"));  // overlong '/'
  CHECK_THAT(lot_error("\xED\xA0\x80"), Catch::Contains("byte 0xED"));  // UTF-16 surrogate
  CHECK_THAT(lot_error("A🍎"), Catch::Contains("'🍎' (U+1F34E)"));
}

TEST_CASE("a bad character is reported before an excessive length", "[lot]") {
  CHECK_THAT(lot_error(std::string(30, 'A') + "#"), Catch::Contains("'#'"));
}

TEST_CASE("serials follow the same rules under AI 21", "[lot]") {
  auto ok = Lot::parse_serial("SN-000123");
  REQUIRE(ok.ok());
  CHECK(ok->str() == "SN-000123");
  auto bad = Lot::parse_serial("SN 1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "/serial");
  CHECK(bad.error().message ==
        "serial contains space (U+0020), which is not allowed in GS1 AI 21 (CSET 82)");
  auto long_one = Lot::parse_serial(std::string(21, 'S'), "/units/3/serial");
  REQUIRE_FALSE(long_one.ok());
  CHECK(long_one.error().field == "/units/3/serial");
  CHECK(long_one.error().message == "serial has 21 characters; GS1 AI 21 allows at most 20");
  CHECK(Lot::parse_serial("").error().message == "serial is empty");
}

TEST_CASE("lots are case-sensitive values", "[lot]") {
  CHECK(*Lot::parse("abc") != *Lot::parse("ABC"));
  CHECK(*Lot::parse("abc") == *Lot::parse("abc"));
}
