#include "domain/quantity.h"

#include <catch2/catch.hpp>
#include <limits>

using domain::Errc;
using domain::Quantity;

namespace {

std::string parse_error(std::string_view text) {
  auto r = Quantity::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/quantity");
  return r.error().message;
}

}  // namespace

TEST_CASE("decimals parse into thousandths", "[quantity]") {
  CHECK(Quantity::parse("1200")->milli() == 1'200'000);
  CHECK(Quantity::parse("12.5")->milli() == 12'500);
  CHECK(Quantity::parse("0.125")->milli() == 125);
  CHECK(Quantity::parse("0.001")->milli() == 1);
  CHECK(Quantity::parse("3.05")->milli() == 3'050);
  CHECK(Quantity::parse("1000000000000")->milli() == Quantity::kMaxMilli);
}

TEST_CASE("str is canonical", "[quantity]") {
  CHECK(Quantity::parse("1200")->str() == "1200");
  CHECK(Quantity::parse("12.5")->str() == "12.5");
  CHECK(Quantity::parse("12.500")->str() == "12.5");
  CHECK(Quantity::parse("12.000")->str() == "12");
  CHECK(Quantity::parse("0.125")->str() == "0.125");
  CHECK(Quantity::parse("0.010")->str() == "0.01");
  CHECK(Quantity::from_milli(0).str() == "0");
  CHECK(Quantity::from_milli(-3'500).str() == "-3.5");
  CHECK(Quantity::from_milli(-20).str() == "-0.02");
  CHECK(Quantity::from_milli(std::numeric_limits<std::int64_t>::min()).str() ==
        "-9223372036854775.808");
  CHECK(Quantity().milli() == 0);
}

TEST_CASE("sums and differences are exact", "[quantity]") {
  // 0.1 + 0.2 is the classic float trap; thousandths make it exact.
  const Quantity sum = *Quantity::parse("0.1") + *Quantity::parse("0.2");
  CHECK(sum == *Quantity::parse("0.3"));
  CHECK(sum.str() == "0.3");
  CHECK((*Quantity::parse("1200") - *Quantity::parse("12.5")).str() == "1187.5");
  CHECK((*Quantity::parse("1") - *Quantity::parse("1.5")).str() == "-0.5");
  Quantity q = *Quantity::parse("2");
  q += *Quantity::parse("0.75");
  q -= *Quantity::parse("0.25");
  CHECK(q.str() == "2.5");
}

TEST_CASE("quantities order by value", "[quantity]") {
  CHECK(*Quantity::parse("12.5") < *Quantity::parse("12.501"));
  CHECK(*Quantity::parse("100") > *Quantity::parse("99.999"));
  CHECK(*Quantity::parse("7") == *Quantity::parse("7.000"));
}

TEST_CASE("zero is refused unless allowed", "[quantity]") {
  CHECK(parse_error("0") == "quantity must be greater than 0");
  CHECK(parse_error("0.000") == "quantity must be greater than 0");
  auto zero = Quantity::parse_allow_zero("0", "/reading");
  REQUIRE(zero.ok());
  CHECK(zero->milli() == 0);
  CHECK(Quantity::parse_allow_zero("0.5", "/reading")->milli() == 500);
  auto bad = Quantity::parse_allow_zero("-1", "/reading");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "/reading");
}

TEST_CASE("more than 3 decimals are refused", "[quantity]") {
  CHECK(parse_error("0.0001") == "quantity has 4 decimal places; at most 3 are allowed");
  CHECK_THAT(parse_error("1.2500"), Catch::Contains("4 decimal places"));
}

TEST_CASE("the limit is 1e12", "[quantity]") {
  CHECK(parse_error("1000000000000.001") == "quantity exceeds the maximum of 1000000000000");
  CHECK(parse_error("1000000000001") == "quantity exceeds the maximum of 1000000000000");
  CHECK(parse_error("99999999999999999999999") == "quantity exceeds the maximum of 1000000000000");
  CHECK(Quantity::parse("999999999999.999").ok());
}

TEST_CASE("signs, exponents, spaces and stray dots are refused", "[quantity]") {
  CHECK_THAT(parse_error("-1"), Catch::Contains("'-'"));
  CHECK_THAT(parse_error("+1"), Catch::Contains("'+'"));
  CHECK_THAT(parse_error("1e3"), Catch::Contains("'e'"));
  CHECK_THAT(parse_error(" 1"), Catch::Contains("space"));
  CHECK_THAT(parse_error("1 "), Catch::Contains("space"));
  CHECK_THAT(parse_error("1,5"), Catch::Contains("','"));
  CHECK_THAT(parse_error("１"), Catch::Contains("U+FF11"));
  CHECK(parse_error(".5") == "quantity starts with '.'; write 0.5, not .5");
  CHECK(parse_error("12.") == "quantity ends with '.'; write 12 or 12.5, not 12.");
  CHECK(parse_error("1.2.3") == "quantity has more than one '.'");
  CHECK(parse_error("007") == "quantity has a leading zero; write 7, not 07");
  CHECK_THAT(parse_error("00.5"), Catch::Contains("leading zero"));
  CHECK(parse_error("") == "quantity is empty");
  CHECK(parse_error(".") == "quantity starts with '.'; write 0.5, not .5");
}
