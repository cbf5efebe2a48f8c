#include "domain/uscc.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::Uscc;

namespace {

std::string parse_error(std::string_view text) {
  auto r = Uscc::parse(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK(r.error().field == "/uscc");
  return r.error().message;
}

}  // namespace

// Published codes: GB 32100-2015's worked example and well-known registered companies.
TEST_CASE("published 统一社会信用代码 are accepted", "[uscc]") {
  for (const char* code : {
           "91350100M000100Y43",  // the standard's worked example
           "9144030071526726XG",  // 深圳市腾讯计算机系统有限公司 (org check 'X')
           "914403001922038216",  // 华为技术有限公司
           "91520000214434146R",  // 贵州茅台酒股份有限公司
           "91330100716105852F",  // 阿里巴巴(中国)有限公司
           "91110000802100433B",  // 中国石油化工股份有限公司
           "91341000MA2N0ABGXX",  // both check characters are 'X'
           "92510100MA61WJ3204",  // 个体工商户 (authority 9, type 2)
           "52610500MJU60350X1",  // 民办非企业单位 (authority 5)
           "121526004609138637",  // 事业单位 (authority 1)
       }) {
    INFO(code);
    auto r = Uscc::parse(code);
    REQUIRE(r.ok());
    CHECK(r->str() == code);
  }
}

TEST_CASE("lower-case input is upper-cased", "[uscc]") {
  auto r = Uscc::parse("9144030071526726xg");
  REQUIRE(r.ok());
  CHECK(r->str() == "9144030071526726XG");
  CHECK(*r == *Uscc::parse("9144030071526726XG"));
}

TEST_CASE("check_character and organisation_check_character match the standards", "[uscc]") {
  CHECK(Uscc::check_character("91350100M000100Y4") == '3');
  CHECK(Uscc::check_character("9144030071526726X") == 'G');
  CHECK(Uscc::check_character("91350100M000100Y5") == '6');
  // GB 11714: 11 - sum mod 11, with 10 -> 'X' and 11 -> '0'.
  CHECK(Uscc::organisation_check_character("M000100Y") == '4');
  CHECK(Uscc::organisation_check_character("71526726") == 'X');
  CHECK(Uscc::organisation_check_character("46091386") == '3');
  CHECK(Uscc::organisation_check_character("MA61WJ32") == '0');
}

TEST_CASE("a mistyped last character is caught by the mod-31 check", "[uscc]") {
  CHECK(parse_error("91350100M000100Y44") == "uscc check character is '4', expected '3'");
  // GB 32100's own counter-example; 'Z' is not even in the character set.
  CHECK_THAT(parse_error("91350100M000100Y4Z"), Catch::Contains("'Z' at position 18"));
  CHECK(parse_error("9144030071526726XH") == "uscc check character is 'H', expected 'G'");
}

TEST_CASE("any single changed character in the body is caught", "[uscc]") {
  const std::string good = "914403001922038216";
  const std::string_view charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int tried = 0;
  for (std::size_t pos = 0; pos < 17; ++pos) {
    for (const char c : charset) {
      if (c == good[pos] || (pos >= 2 && pos < 8 && (c < '0' || c > '9'))) continue;
      std::string bad = good;
      bad[pos] = c;
      INFO(bad);
      CHECK_FALSE(Uscc::parse(bad).ok());
      ++tried;
    }
  }
  CHECK(tried == 11 * 30 + 6 * 9);  // region code positions take digits only
}

TEST_CASE("a wrong organisation-code check character is caught even when char 18 fits", "[uscc]") {
  // Char 17 changed and char 18 recomputed, so only the GB 11714 check can notice.
  CHECK(parse_error("91350100M000100Y56") ==
        "uscc organisation code (characters 9-17) ends in '5', but its GB 11714 check character is "
        "'4'");
  CHECK_THAT(parse_error("9144030071526726AM"), Catch::Contains("check character is 'X'"));
  CHECK_THAT(parse_error("91341000MA2N0ABG04"), Catch::Contains("check character is 'X'"));
}

TEST_CASE("letters GB 32100 leaves out are refused", "[uscc]") {
  CHECK(parse_error("91350100M0001O0Y43") ==
        "uscc contains 'O' at position 14; a 统一社会信用代码 uses only 0-9 and A-Y without I, O, "
        "S, V, Z");
  for (const char* code : {"9I350100M000100Y43", "91350100S000100Y43", "91350100V000100Y43",
                           "91350100M000100Z43", "91350100M000100y4z"}) {
    INFO(code);
    CHECK_THAT(parse_error(code), Catch::Contains("without I, O, S, V, Z"));
  }
  CHECK_THAT(parse_error("91350100M000100Y4-"), Catch::Contains("'-' at position 18"));
  CHECK_THAT(parse_error("913501００M000100Y43"), Catch::Contains("(U+FF10)"));
}

TEST_CASE("the region code (characters 3-8) must be digits", "[uscc]") {
  CHECK(parse_error("9135A100M000100Y43") ==
        "uscc characters 3-8 are the region code and must be digits, but position 5 is 'A'");
}

TEST_CASE("a 统一社会信用代码 has exactly 18 characters", "[uscc]") {
  CHECK(parse_error("") == "uscc is empty");
  CHECK(parse_error("91350100M000100Y4") ==
        "uscc has 17 characters; a 统一社会信用代码 has exactly 18");
  CHECK_THAT(parse_error("91350100M000100Y433"), Catch::Contains("has 19 characters"));
  CHECK_THAT(parse_error("M000100Y4"), Catch::Contains("has 9 characters"));  // an old 组织机构代码
  CHECK_THAT(parse_error(" 91350100M000100Y43"), Catch::Contains("space (U+0020) at position 1"));
}
