#include "domain/rapid_test.h"

#include "domain/fixed_decimal.h"

namespace domain {
namespace {

Status check_text(const std::string& text, const std::string& field, std::string_view what) {
  if (text.empty()) return make_error(Errc::invalid_input, std::string(what) + " is required", field);
  if (text.size() > RapidTest::kMaxTextBytes) {
    return make_error(Errc::invalid_input,
                      std::string(what) + " is longer than " + std::to_string(RapidTest::kMaxTextBytes) + " bytes",
                      field);
  }
  return Ok{};
}

std::string quoted(const TestRecord& t) { return t.id.empty() ? std::string() : " " + t.id; }

}  // namespace

Result<RapidTest> RapidTest::compute(const RapidTestInput& input, const std::string& field_prefix) {
  const std::string max_text = FixedDecimal::str(kMaxAbsorbance, kAbsorbanceDecimals);
  auto a0 = FixedDecimal::parse(input.delta_a0, kAbsorbanceDecimals, kAbsorbanceDecimals, field_prefix + "/delta_a0",
                                "ΔA0 (delta_a0)");
  if (!a0) return a0.error();
  if (*a0 == 0) {
    return make_error(Errc::invalid_input,
                      "ΔA0 (delta_a0) must be greater than 0: a control without enzyme activity makes the test invalid",
                      field_prefix + "/delta_a0");
  }
  if (*a0 > kMaxAbsorbance)
    return make_error(Errc::invalid_input, "ΔA0 (delta_a0) exceeds " + max_text, field_prefix + "/delta_a0");
  auto at = FixedDecimal::parse(input.delta_at, kAbsorbanceDecimals, kAbsorbanceDecimals, field_prefix + "/delta_at",
                                "ΔAt (delta_at)");
  if (!at) return at.error();
  if (*at > kMaxAbsorbance)
    return make_error(Errc::invalid_input, "ΔAt (delta_at) exceeds " + max_text, field_prefix + "/delta_at");
  if (auto s = check_text(input.kit_lot, field_prefix + "/kit_lot", "kit lot"); !s) return s.error();
  if (auto s = check_text(input.instrument, field_prefix + "/instrument", "instrument"); !s) return s.error();
  if (auto s = check_text(input.tester, field_prefix + "/tester", "tester (operator)"); !s) return s.error();

  RapidTest t;
  t.input_ = input;
  t.delta_a0_ = *a0;
  t.delta_at_ = *at;
  if (*at > *a0) {
    t.clamped_ = true;
    t.inhibition_tenths_ = 0;
  } else {
    // tenths of a percent = (a0 − at) × 1000 / a0; half-up: floor((2n + d) / 2d). Both operands are at
    // most 5e4, so nothing comes near int64 limits.
    const std::int64_t n = (*a0 - *at) * 1000;
    t.inhibition_tenths_ = static_cast<int>((2 * n + *a0) / (2 * *a0));
  }
  return t;
}

std::string RapidTest::inhibition() const { return FixedDecimal::str_fixed(inhibition_tenths_, 1, 1); }

std::string_view to_string(RapidTestState state) {
  switch (state) {
    case RapidTestState::untested:
      return "untested";
    case RapidTestState::passed:
      return "passed";
    case RapidTestState::held:
      return "held";
    case RapidTestState::released:
      return "released";
    case RapidTestState::confirmed:
      return "confirmed";
  }
  return "untested";
}

RapidTestStatus status_after(const std::vector<TestRecord>& tests) {
  RapidTestStatus s;
  s.reason_zh = "尚无检测记录";
  s.reason_en = "No test recorded";
  for (const TestRecord& t : tests) {
    if (s.state == RapidTestState::confirmed) continue;  // a confirmed failure is final
    const std::string id = quoted(t);
    if (t.confirmatory) {
      s.retests_needed = 0;
      s.needs_confirmation = false;
      if (t.positive) {
        s.state = RapidTestState::confirmed;
        s.reason_zh = "确证检测" + id + "阳性：检测不合格，批次不得销售";
        s.reason_en = "Confirmatory test" + id + " positive: failed inspection, the batch must not be sold";
      } else if (s.state == RapidTestState::held) {
        s.state = RapidTestState::released;
        s.reason_zh = "确证检测" + id + "阴性：解除暂扣";
        s.reason_en = "Confirmatory test" + id + " negative: hold released";
      } else {
        s.state = RapidTestState::passed;
        s.reason_zh = "确证检测" + id + "阴性";
        s.reason_en = "Confirmatory test" + id + " negative";
      }
      continue;
    }
    if (s.state != RapidTestState::held) {
      if (t.positive) {
        s.state = RapidTestState::held;
        s.retests_needed = kRequiredRetests;
        s.needs_confirmation = false;
        s.reason_zh = "快速检测" + id + "阳性（抑制率 ≥ 50%）：批次暂扣，需复检 " + std::to_string(kRequiredRetests) +
                      " 次或以气相色谱等方法确证";
        s.reason_en = "Rapid test" + id + " positive (inhibition ≥ 50 %): batch held until " +
                      std::to_string(kRequiredRetests) + " re-tests or a confirmatory method (e.g. GC) decide";
      } else {
        s.state = RapidTestState::passed;
        s.reason_zh = "快速检测" + id + "阴性";
        s.reason_en = "Rapid test" + id + " negative";
      }
      continue;
    }
    // Held: this rapid test is a re-test.
    if (t.positive) {
      s.retests_needed = 0;
      s.needs_confirmation = true;
      s.reason_zh = "复检" + id + "仍为阳性：批次继续暂扣，须以气相色谱等确证方法判定";
      s.reason_en = "Re-test" + id + " positive again: batch stays held until a confirmatory method (e.g. GC) decides";
    } else if (s.needs_confirmation) {
      s.reason_zh = "复检" + id + "阴性，但此前复检已为阳性：仍须确证检测";
      s.reason_en =
          "Re-test" + id + " negative, but an earlier re-test was positive: a confirmatory test is still required";
    } else if (--s.retests_needed == 0) {
      s.state = RapidTestState::released;
      s.reason_zh = "复检 " + std::to_string(kRequiredRetests) + " 次均为阴性：解除暂扣";
      s.reason_en = "All " + std::to_string(kRequiredRetests) + " re-tests negative: hold released";
    } else {
      s.reason_zh = "复检" + id + "阴性：还需复检 " + std::to_string(s.retests_needed) + " 次";
      s.reason_en = "Re-test" + id + " negative: " + std::to_string(s.retests_needed) + " more re-test(s) required";
    }
  }
  return s;
}

}  // namespace domain
