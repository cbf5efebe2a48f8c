#include "domain/gtin.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::Gtin;

namespace {

std::string parse_error(std::string_view text) {
  auto r = Gtin::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/gtin");
  return r.error().message;
}

}  // namespace

TEST_CASE("GTIN-13 from GS1 China and Germany normalise to 14 digits", "[gtin]") {
  auto china = Gtin::parse("6901234567892");
  REQUIRE(china.ok());
  CHECK(china->str() == "06901234567892");
  auto wahaha = Gtin::parse("6902083881085");
  REQUIRE(wahaha.ok());
  CHECK(wahaha->str() == "06902083881085");
  auto stabilo = Gtin::parse("4006381333931");
  REQUIRE(stabilo.ok());
  CHECK(stabilo->str() == "04006381333931");
}

TEST_CASE("GTIN-8, GTIN-12 and GTIN-14 are accepted and padded", "[gtin]") {
  auto g8 = Gtin::parse("96385074");
  REQUIRE(g8.ok());
  CHECK(g8->str() == "00000096385074");
  auto g12 = Gtin::parse("036000291452");
  REQUIRE(g12.ok());
  CHECK(g12->str() == "00036000291452");
  auto g14 = Gtin::parse("10614141000415");
  REQUIRE(g14.ok());
  CHECK(g14->str() == "10614141000415");
}

TEST_CASE("the same item written with different lengths is one GTIN", "[gtin]") {
  auto short_form = Gtin::parse("6901234567892");
  auto long_form = Gtin::parse("06901234567892");
  REQUIRE(short_form.ok());
  REQUIRE(long_form.ok());
  CHECK(*short_form == *long_form);
  CHECK(*short_form != *Gtin::parse("4006381333931"));
}

TEST_CASE("check_digit follows the GS1 mod-10 rule", "[gtin]") {
  CHECK(Gtin::check_digit("690123456789") == '2');
  CHECK(Gtin::check_digit("400638133393") == '1');
  CHECK(Gtin::check_digit("9638507") == '4');
  CHECK(Gtin::check_digit("1061414100041") == '5');
  CHECK(Gtin::check_digit("000000000000") == '0');  // sum 0 gives 0, not 10
  CHECK(Gtin::check_digit("1") == '7');             // 1*3 = 3 -> 7
}

TEST_CASE("a wrong check digit names both digits", "[gtin]") {
  CHECK(parse_error("6901234567893") == "gtin check digit is 3, expected 2");
  CHECK(parse_error("4006381333930") == "gtin check digit is 0, expected 1");
  CHECK(parse_error("96385075") == "gtin check digit is 5, expected 4");
  // A transposition of neighbouring digits changes the weighted sum.
  CHECK(parse_error("6901234576892") == "gtin check digit is 2, expected 4");
}

TEST_CASE("only 8, 12, 13 or 14 digits are GTINs", "[gtin]") {
  for (const char* text :
       {"1234567", "123456789", "1234567890", "12345678901", "123456789012345"}) {
    INFO(text);
    CHECK_THAT(parse_error(text), Catch::Contains("a GTIN has 8, 12, 13 or 14"));
  }
  CHECK(parse_error("1234567890") == "gtin has 10 digits; a GTIN has 8, 12, 13 or 14");
}

TEST_CASE("letters, spaces and non-ASCII are refused with their position", "[gtin]") {
  CHECK(parse_error("69012345678A2") == "gtin contains 'A' at position 12; a GTIN has digits only");
  CHECK(parse_error(" 6901234567892") ==
        "gtin contains space (U+0020) at position 1; a GTIN has digits only");
  CHECK_THAT(parse_error("690123456789２"), Catch::Contains("U+FF12"));  // full-width digit
  CHECK_THAT(parse_error("-6901234567892"), Catch::Contains("'-'"));
}

TEST_CASE("empty and all-zero GTINs are refused", "[gtin]") {
  CHECK(parse_error("") == "gtin is empty");
  CHECK(parse_error("00000000") == "gtin is all zeros");
  CHECK(parse_error("00000000000000") == "gtin is all zeros");
}

TEST_CASE("the error carries the caller's field pointer", "[gtin]") {
  auto r = Gtin::parse("123", "/outputs/2/gtin");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "/outputs/2/gtin");
}
