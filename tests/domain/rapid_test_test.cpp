#include "domain/rapid_test.h"

#include <catch2/catch.hpp>

using domain::Errc;
using domain::RapidTest;
using domain::RapidTestInput;
using domain::RapidTestState;
using domain::status_after;
using domain::TestRecord;

namespace {

RapidTestInput input(std::string a0, std::string at) {
  return RapidTestInput{std::move(a0), std::move(at), "KIT-2026-0815", "RP-410 #A1023", "王丽"};
}

RapidTest computed(std::string a0, std::string at) {
  auto r = RapidTest::compute(input(std::move(a0), std::move(at)));
  REQUIRE(r.ok());
  return *r;
}

std::string error_field(const RapidTestInput& in) {
  auto r = RapidTest::compute(in, "/rapid_test");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::invalid_input);
  CHECK_FALSE(r.error().message.empty());
  return r.error().field;
}

TestRecord rapid(bool positive, std::string id = {}) { return TestRecord{std::move(id), false, positive}; }
TestRecord gc(bool positive, std::string id = {}) { return TestRecord{std::move(id), true, positive}; }

}  // namespace

TEST_CASE("inhibition is (dA0 - dAt) / dA0 x 100 rounded half-up to one decimal", "[rapid_test]") {
  CHECK(computed("0.8", "0.1").inhibition() == "87.5");
  CHECK(computed("0.6", "0").inhibition() == "100.0");
  CHECK(computed("0.6", "0.6").inhibition() == "0.0");
  CHECK(computed("0.3", "0.2").inhibition() == "33.3");  // 33.33…
  CHECK(computed("0.3", "0.1").inhibition() == "66.7");  // 66.66…
  CHECK(computed("0.8512", "0.7448").inhibition() == "12.5");
  CHECK(computed("0.8", "0.1").inhibition_tenths() == 875);
  CHECK(computed("0.8", "0.1").delta_a0() == 8000);
  CHECK(computed("0.8", "0.1").delta_at() == 1000);
}

TEST_CASE("exactly 50.0 percent is positive", "[rapid_test]") {
  auto t = computed("0.8", "0.4");
  CHECK(t.inhibition() == "50.0");
  CHECK(t.positive());
  CHECK(computed("0.7", "0.35").positive());
}

TEST_CASE("49.95 percent rounds to 50.0 and is positive, 49.945 rounds to 49.9 and is negative", "[rapid_test]") {
  auto up = computed("1", "0.5005");  // 49.95 exactly
  CHECK(up.inhibition() == "50.0");
  CHECK(up.positive());
  auto up2 = computed("2", "1.001");  // 49.95 exactly
  CHECK(up2.inhibition() == "50.0");
  CHECK(up2.positive());
  auto down = computed("2", "1.0011");  // 49.945
  CHECK(down.inhibition() == "49.9");
  CHECK_FALSE(down.positive());
  auto down2 = computed("1", "0.5006");  // 49.94
  CHECK(down2.inhibition() == "49.9");
  CHECK_FALSE(down2.positive());
}

TEST_CASE("a sample more active than the control reads 0.0 and negative, flagged as clamped", "[rapid_test]") {
  auto t = computed("0.5", "0.62");
  CHECK(t.inhibition() == "0.0");
  CHECK_FALSE(t.positive());
  CHECK(t.clamped());
  CHECK_FALSE(computed("0.5", "0.5").clamped());
}

TEST_CASE("a control below 0.3 is flagged as weak, not refused", "[rapid_test]") {
  CHECK(computed("0.2999", "0.1").weak_control());
  CHECK_FALSE(computed("0.3", "0.1").weak_control());
}

TEST_CASE("rapid test inputs are refused with the field named", "[rapid_test]") {
  CHECK(error_field(input("", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("0", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("0.0000", "0")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("-0.5", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("0.12345", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("1e-1", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input(".5", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("5.0001", "0.1")) == "/rapid_test/delta_a0");
  CHECK(error_field(input("0.8", "")) == "/rapid_test/delta_at");
  CHECK(error_field(input("0.8", "-0.1")) == "/rapid_test/delta_at");
  CHECK(error_field(input("0.8", "0.10000")) == "/rapid_test/delta_at");
  CHECK(error_field(input("0.8", "6")) == "/rapid_test/delta_at");
  auto in = input("0.8", "0.1");
  in.kit_lot = "";
  CHECK(error_field(in) == "/rapid_test/kit_lot");
  in = input("0.8", "0.1");
  in.instrument = std::string(RapidTest::kMaxTextBytes + 1, 'x');
  CHECK(error_field(in) == "/rapid_test/instrument");
  in = input("0.8", "0.1");
  in.tester = "";
  CHECK(error_field(in) == "/rapid_test/tester");
  in.tester = std::string(RapidTest::kMaxTextBytes, 'x');
  CHECK(RapidTest::compute(in).ok());

  auto r = RapidTest::compute(input("0.12345", "0.1"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "/delta_a0");
  CHECK(r.error().message.find("at most 4") != std::string::npos);
}

TEST_CASE("re-test flow: nothing, then negatives, pass without a hold", "[rapid_test]") {
  auto none = status_after({});
  CHECK(none.state == RapidTestState::untested);
  CHECK_FALSE(none.blocks_sale());
  auto neg = status_after({rapid(false), rapid(false)});
  CHECK(neg.state == RapidTestState::passed);
  CHECK_FALSE(neg.blocks_sale());
  CHECK(domain::to_string(neg.state) == "passed");
}

TEST_CASE("re-test flow: a positive holds until two negative re-tests release it", "[rapid_test]") {
  auto held = status_after({rapid(true, "ev1")});
  CHECK(held.state == RapidTestState::held);
  CHECK(held.blocks_sale());
  CHECK(held.retests_needed == 2);
  CHECK_FALSE(held.needs_confirmation);
  CHECK(held.reason_en.find("ev1") != std::string::npos);
  CHECK(held.reason_zh.find("暂扣") != std::string::npos);

  auto one = status_after({rapid(true), rapid(false)});
  CHECK(one.state == RapidTestState::held);
  CHECK(one.retests_needed == 1);

  auto released = status_after({rapid(true), rapid(false), rapid(false)});
  CHECK(released.state == RapidTestState::released);
  CHECK_FALSE(released.blocks_sale());
  CHECK(released.reason_zh.find("解除暂扣") != std::string::npos);
  CHECK(released.reason_en.find("released") != std::string::npos);
}

TEST_CASE("re-test flow: a positive re-test leaves only a confirmatory test to decide", "[rapid_test]") {
  auto again = status_after({rapid(true), rapid(false), rapid(true)});
  CHECK(again.state == RapidTestState::held);
  CHECK(again.needs_confirmation);
  CHECK(again.retests_needed == 0);
  auto still = status_after({rapid(true), rapid(true), rapid(false), rapid(false), rapid(false)});
  CHECK(still.state == RapidTestState::held);
  CHECK(still.needs_confirmation);
  auto cleared = status_after({rapid(true), rapid(true), gc(false, "gc1")});
  CHECK(cleared.state == RapidTestState::released);
  CHECK(cleared.reason_en.find("gc1") != std::string::npos);
}

TEST_CASE("re-test flow: a positive confirmatory test confirms the failure for good", "[rapid_test]") {
  auto confirmed = status_after({rapid(true), gc(true)});
  CHECK(confirmed.state == RapidTestState::confirmed);
  CHECK(confirmed.blocks_sale());
  CHECK(confirmed.reason_en.find("must not be sold") != std::string::npos);
  auto later = status_after({rapid(true), gc(true), rapid(false), rapid(false), gc(false)});
  CHECK(later.state == RapidTestState::confirmed);
  CHECK(status_after({gc(true)}).state == RapidTestState::confirmed);
}

TEST_CASE("re-test flow: a negative confirmatory test clears a hold at once", "[rapid_test]") {
  CHECK(status_after({rapid(true), gc(false)}).state == RapidTestState::released);
  CHECK(status_after({rapid(true), rapid(false), gc(false)}).state == RapidTestState::released);
  CHECK(status_after({gc(false)}).state == RapidTestState::passed);
}

TEST_CASE("re-test flow: a new positive after a release starts a new hold", "[rapid_test]") {
  auto s = status_after({rapid(true), rapid(false), rapid(false), rapid(true)});
  CHECK(s.state == RapidTestState::held);
  CHECK(s.retests_needed == 2);
  auto s2 = status_after({rapid(false), rapid(true), gc(false), rapid(true), rapid(false), rapid(false)});
  CHECK(s2.state == RapidTestState::released);
}

TEST_CASE("computed results drive the flow", "[rapid_test]") {
  auto first = computed("0.8", "0.3");  // 62.5
  auto retest1 = computed("0.8", "0.7");
  auto retest2 = computed("0.79", "0.75");
  auto s = status_after({rapid(first.positive()), rapid(retest1.positive()), rapid(retest2.positive())});
  CHECK(first.positive());
  CHECK(s.state == RapidTestState::released);
}
