#include "ledger/canonical_json.h"

#include <catch2/catch.hpp>

using ledger::canonicalize;
using nlohmann::json;

TEST_CASE("keys are sorted and no whitespace is written") {
  auto out = canonicalize(json::parse(R"({"b": 1, "a": {"z": [true, null, false], "y": "x"}})"));
  REQUIRE(out);
  CHECK(*out == R"({"a":{"y":"x","z":[true,null,false]},"b":1})");
}

TEST_CASE("strings use the minimal RFC 8785 escapes and literal UTF-8") {
  // The string member of the RFC 8785 section 3.2.4 sample.
  auto in = json::parse(R"({"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"})");
  auto out = canonicalize(in);
  REQUIRE(out);
  CHECK(*out == "{\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  auto chinese = canonicalize(json{{"origin", "山西大宁"}});
  REQUIRE(chinese);
  CHECK(*chinese == "{\"origin\":\"山西大宁\"}");
}

TEST_CASE("records with decimals as numbers or unsafe integers are refused with the field") {
  auto f = canonicalize(json::parse(R"({"readings": [{"t": 1.5}]})"));
  REQUIRE_FALSE(f);
  CHECK(f.error().field == "/readings/0/t");
  auto big = canonicalize(json{{"n", int64_t{1} << 60}});
  REQUIRE_FALSE(big);
  CHECK(big.error().field == "/n");
  CHECK(canonicalize(json{{"n", (int64_t{1} << 53) - 1}}));
}

TEST_CASE("non-ASCII keys and invalid UTF-8 are refused") {
  CHECK_FALSE(canonicalize(json{{"批号", "x"}}));
  CHECK_FALSE(canonicalize(json{{"k", std::string("\xff\xfe")}}));
}
