#include "domain/digital_link.h"

#include <catch2/catch.hpp>

using domain::DigitalLink;
using domain::Errc;
using domain::Gtin;
using domain::Lot;

namespace {

Gtin gtin(std::string_view text) { return *Gtin::parse(text); }
Lot lot(std::string_view text) { return *Lot::parse(text); }

std::string path_error(std::string_view path) {
  auto r = DigitalLink::parse_path(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  return r.error().message;
}

}  // namespace

TEST_CASE("build makes an uncompressed URI with a 14-digit GTIN", "[digital_link]") {
  const Lot l = lot("DN2026-0914");
  CHECK(DigitalLink::build("https://trace.example.cn", gtin("6901234567892"), &l) ==
        "https://trace.example.cn/01/06901234567892/10/DN2026-0914");
  CHECK(DigitalLink::build("https://trace.example.cn/", gtin("6901234567892"), &l) ==
        "https://trace.example.cn/01/06901234567892/10/DN2026-0914");
  CHECK(DigitalLink::build("https://trace.example.cn", gtin("96385074"), nullptr) ==
        "https://trace.example.cn/01/00000096385074");
}

TEST_CASE("build adds the serial after the lot and percent-encodes both", "[digital_link]") {
  const Lot l = lot("A/B");
  const Lot s = lot("50%+1");
  CHECK(DigitalLink::build("https://t.cn", gtin("4006381333931"), &l, &s) ==
        "https://t.cn/01/04006381333931/10/A%2FB/21/50%25%2B1");
  CHECK(DigitalLink::build_path(gtin("4006381333931"), nullptr, &s) ==
        "/01/04006381333931/21/50%25%2B1");
}

TEST_CASE("percent_encode leaves only unreserved characters bare", "[digital_link]") {
  CHECK(DigitalLink::percent_encode("A/B") == "A%2FB");
  CHECK(DigitalLink::percent_encode("az-AZ_09.~") == "az-AZ_09.~");
  CHECK(DigitalLink::percent_encode("!\"%&'()*+,:;<=>?") ==
        "%21%22%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F");
  CHECK(DigitalLink::percent_encode("a b") == "a%20b");
  CHECK(DigitalLink::percent_encode("大") == "%E5%A4%A7");
  CHECK(DigitalLink::percent_encode("") == "");
}

TEST_CASE("percent_decode reverses percent_encode for every byte", "[digital_link]") {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  auto back = DigitalLink::percent_decode(DigitalLink::percent_encode(all), "/x");
  REQUIRE(back.ok());
  CHECK(*back == all);
  for (const char* text : {"A/B", "50%", "LOT(1)+2", "x y", "大宁"}) {
    INFO(text);
    auto r = DigitalLink::percent_decode(DigitalLink::percent_encode(text), "/x");
    REQUIRE(r.ok());
    CHECK(*r == text);
  }
}

TEST_CASE("percent_decode accepts lower-case hex and keeps '+'", "[digital_link]") {
  CHECK(*DigitalLink::percent_decode("a%2fb", "/x") == "a/b");
  CHECK(*DigitalLink::percent_decode("a+b", "/x") == "a+b");
}

TEST_CASE("percent_decode refuses broken escapes", "[digital_link]") {
  for (const char* text : {"%", "a%2", "%G0", "%2G", "abc%", "%%41"}) {
    INFO(text);
    auto r = DigitalLink::percent_decode(text, "/lot");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "/lot");
    CHECK_THAT(r.error().message, Catch::Contains("is not followed by two hexadecimal digits"));
  }
  CHECK(DigitalLink::percent_decode("ab%2", "/x").error().message ==
        "'%' at position 3 is not followed by two hexadecimal digits");
}

TEST_CASE("parse_path reads GTIN, lot and serial", "[digital_link]") {
  auto p = DigitalLink::parse_path("/01/06901234567892/10/DN2026-0914/21/SN7");
  REQUIRE(p.ok());
  CHECK(p->gtin.str() == "06901234567892");
  REQUIRE(p->lot.has_value());
  CHECK(p->lot->str() == "DN2026-0914");
  REQUIRE(p->serial.has_value());
  CHECK(p->serial->str() == "SN7");

  auto gtin_only = DigitalLink::parse_path("/01/06901234567892");
  REQUIRE(gtin_only.ok());
  CHECK_FALSE(gtin_only->lot.has_value());
  CHECK_FALSE(gtin_only->serial.has_value());

  auto serial_only = DigitalLink::parse_path("/01/06901234567892/21/SN7");
  REQUIRE(serial_only.ok());
  CHECK_FALSE(serial_only->lot.has_value());
  CHECK(serial_only->serial->str() == "SN7");
}

TEST_CASE("parse_path normalises short GTINs", "[digital_link]") {
  auto p = DigitalLink::parse_path("/01/6901234567892/10/A1");
  REQUIRE(p.ok());
  CHECK(p->gtin.str() == "06901234567892");
  CHECK(DigitalLink::parse_path("/01/96385074")->gtin.str() == "00000096385074");
}

TEST_CASE("parse_path decodes percent-encoded values, including '/'", "[digital_link]") {
  auto p = DigitalLink::parse_path("/01/04006381333931/10/A%2FB/21/50%25%2b1");
  REQUIRE(p.ok());
  CHECK(p->lot->str() == "A/B");
  CHECK(p->serial->str() == "50%+1");
}

TEST_CASE("build and parse_path round-trip", "[digital_link]") {
  const Lot l = lot("A/B:(1)%");
  const Lot s = lot("\"q\"<>?");
  const std::string path = DigitalLink::build_path(gtin("6901234567892"), &l, &s);
  auto p = DigitalLink::parse_path(path);
  REQUIRE(p.ok());
  CHECK(p->gtin == gtin("6901234567892"));
  CHECK(*p->lot == l);
  CHECK(*p->serial == s);
}

TEST_CASE("parse_path refuses a bad GTIN or lot with the field at fault", "[digital_link]") {
  auto bad_check = DigitalLink::parse_path("/01/06901234567893/10/A1");
  REQUIRE_FALSE(bad_check.ok());
  CHECK(bad_check.error().field == "/gtin");
  CHECK(bad_check.error().message == "gtin check digit is 3, expected 2");

  auto bad_lot = DigitalLink::parse_path("/01/06901234567892/10/A%20B");
  REQUIRE_FALSE(bad_lot.ok());
  CHECK(bad_lot.error().field == "/lot");
  CHECK_THAT(bad_lot.error().message, Catch::Contains("space"));

  auto long_serial = DigitalLink::parse_path("/01/06901234567892/10/A/21/" + std::string(21, 'S'));
  REQUIRE_FALSE(long_serial.ok());
  CHECK(long_serial.error().field == "/serial");

  auto bad_escape = DigitalLink::parse_path("/01/06901234567892/10/A%2");
  REQUIRE_FALSE(bad_escape.ok());
  CHECK(bad_escape.error().field == "/lot");
  CHECK_THAT(path_error("/01/06901234567892/10/%E5%A4%A7"), Catch::Contains("U+5927"));
}

TEST_CASE("parse_path refuses wrong shapes and orders", "[digital_link]") {
  CHECK_THAT(path_error("/10/A1/01/06901234567892"), Catch::Contains("must start with AI 01"));
  CHECK_THAT(path_error("/01/06901234567892/21/S1/10/A1"), Catch::Contains("out of order"));
  CHECK_THAT(path_error("/01/06901234567892/10/A1/10/A2"), Catch::Contains("out of order"));
  CHECK_THAT(path_error("/01/06901234567892/10/A1/01/06901234567892"),
             Catch::Contains("more than once"));
  CHECK_THAT(path_error("/01/06901234567892/10/A1/21/S1/99/x"), Catch::Contains("'99'"));
  CHECK_THAT(path_error("/01/06901234567892/22/V1/10/A1"), Catch::Contains("not supported"));
  CHECK_THAT(path_error("/01/06901234567892/10/A1/extra"), Catch::Contains("no value"));
  CHECK_THAT(path_error("/01/06901234567892/10"), Catch::Contains("no value"));
  CHECK_THAT(path_error("/01/06901234567892/10/A1/"), Catch::Contains("empty segment"));
  CHECK_THAT(path_error("/01//10/A1"), Catch::Contains("empty segment"));
  CHECK_THAT(path_error("01/06901234567892"), Catch::Contains("starts with '/01/'"));
  CHECK_THAT(path_error(""), Catch::Contains("starts with '/01/'"));
  CHECK_THAT(path_error("/"), Catch::Contains("empty segment"));
  CHECK_THAT(path_error("/gtin/06901234567892"), Catch::Contains("must start with AI 01"));
}
