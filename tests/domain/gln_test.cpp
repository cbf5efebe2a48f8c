#include "domain/gln.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::Gln;

namespace {

std::string parse_error(std::string_view text) {
  auto r = Gln::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/gln");
  return r.error().message;
}

}  // namespace

TEST_CASE("valid GLNs parse unchanged", "[gln]") {
  for (const char* text : {"0614141000005", "0614141000012", "5901234123457"}) {
    INFO(text);
    auto r = Gln::parse(text);
    REQUIRE(r.ok());
    CHECK(r->str() == text);
  }
}

TEST_CASE("GLNs compare by value", "[gln]") {
  CHECK(*Gln::parse("0614141000005") == *Gln::parse("0614141000005"));
  CHECK(*Gln::parse("0614141000005") != *Gln::parse("0614141000012"));
}

TEST_CASE("a GLN with a wrong check digit is refused", "[gln]") {
  CHECK(parse_error("0614141000006") == "gln check digit is 6, expected 5");
  CHECK(parse_error("5901234123450") == "gln check digit is 0, expected 7");
}

TEST_CASE("a GLN is exactly 13 digits, never padded", "[gln]") {
  CHECK(parse_error("614141000005") == "gln has 12 digits; a GLN has exactly 13");
  CHECK(parse_error("00614141000005") == "gln has 14 digits; a GLN has exactly 13");
  CHECK(parse_error("96385074") == "gln has 8 digits; a GLN has exactly 13");
}

TEST_CASE("a GLN has digits only and is not empty or zero", "[gln]") {
  CHECK(parse_error("") == "gln is empty");
  CHECK(parse_error("0000000000000") == "gln is all zeros");
  CHECK(parse_error("061414100000X") == "gln contains 'X' at position 13; a GLN has digits only");
  auto r = Gln::parse("abc", "/parties/0/gln");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "/parties/0/gln");
}
