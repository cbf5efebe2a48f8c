// domain::RapidTest: the pesticide rapid test of GB/T 5009.199 (enzyme inhibition, spectrophotometric
// method) and the re-test flow it starts. Organophosphate and carbamate residues inhibit cholinesterase,
// so a sample whose absorbance changes much less than the control's (ΔAt vs ΔA0, over the same 3 min)
// carries residues:
//
//   inhibition % = (ΔA0 − ΔAt) / ΔA0 × 100, computed exactly in integers and rounded half-up to one
//   decimal place (49.95 → 50.0, 49.94999… → 49.9).
//
// The verdict is taken on that reported one-decimal value: ≥ 50.0 % is positive. So 49.95 % (shown as
// 50.0 %) is positive — the number a person reads always agrees with the verdict, and the rounding errs
// towards re-testing, never towards release.
//
// A positive must be re-tested at least twice more (domain.md: "≥ 2 more times") and should be
// confirmed by another method such as gas chromatography; until then the batch is held.
// status_after() replays a batch's tests in recorded order into that state. Pure value types and
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/result.h"

namespace domain {

// What a tester enters. Absorbance changes are decimal text with at most 4 decimals.
struct RapidTestInput {
  std::string delta_a0;    // ΔA0: control (no residue) absorbance change; > 0
  std::string delta_at;    // ΔAt: sample absorbance change; >= 0
  std::string kit_lot;     // reagent kit lot number
  std::string instrument;  // photometer / analyser, e.g. model and serial number
  std::string tester;      // operator who ran the test
};

class RapidTest {
 public:
  static constexpr int kAbsorbanceDecimals = 4;
  static constexpr std::int64_t kMaxAbsorbance = 50'000;  // 5.0000 in 1/10000: beyond any photometer's range
  static constexpr std::int64_t kPositiveTenths = 500;    // 50.0 %
  static constexpr std::size_t kMaxTextBytes = 100;       // kit lot, instrument, tester
  // The standard asks for enzyme diluted so the control's ΔA0 is at least 0.3 within 3 min (recalled from
  // GB/T 5009.199-2003, unconfirmed): below that the enzyme is too weak for a reliable result. It is
  // reported (weak_control()), not refused, so the lead can decide whether to warn or refuse.
  static constexpr std::int64_t kMinStrongControl = 3'000;  // 0.3000

  // Validates and computes. Errors are Errc::invalid_input naming the field as
  // field_prefix + "/delta_a0" | "/delta_at" | "/kit_lot" | "/instrument" | "/tester".
  static Result<RapidTest> compute(const RapidTestInput& input, const std::string& field_prefix = "");

  // Absorbances in 1/10000.
  std::int64_t delta_a0() const { return delta_a0_; }
  std::int64_t delta_at() const { return delta_at_; }
  // Inhibition rounded to tenths of a percent, 0..1000.
  int inhibition_tenths() const { return inhibition_tenths_; }
  // "62.3", "0.0", "100.0": always one decimal.
  std::string inhibition() const;
  bool positive() const { return inhibition_tenths_ >= kPositiveTenths; }
  // ΔAt > ΔA0: the sample kept more enzyme activity than the control. That is no inhibition at all
  // (measurement noise or sample colour), so the rate is reported as 0.0 and the result is negative,
  // as the standard only ever asks "is the enzyme inhibited by ≥ 50 %?". The raw ΔA values are kept so
  // a reader can see what happened; the flag lets a page say so.
  bool clamped() const { return clamped_; }
  bool weak_control() const { return delta_a0_ < kMinStrongControl; }
  const RapidTestInput& input() const { return input_; }

 private:
  RapidTestInput input_;
  std::int64_t delta_a0_ = 0;
  std::int64_t delta_at_ = 0;
  int inhibition_tenths_ = 0;
  bool clamped_ = false;
};

// One test of one batch as the re-test flow sees it. `confirmatory` marks a method of a different
// principle that can confirm or overturn a rapid result (GC, GC-MS, LC-MS/MS per a residue standard).
struct TestRecord {
  std::string id;  // the inspect event's id, quoted in reasons; may be empty
  bool confirmatory = false;
  bool positive = false;
};

enum class RapidTestState {
  untested,   // no test recorded
  passed,     // tests so far negative, nothing outstanding
  held,       // a positive awaits re-tests or confirmation: must not be shipped, sold or transformed
  released,   // a positive was cleared by negative re-tests or a negative confirmatory test
  confirmed,  // a confirmatory method found residues: failed inspection, non-conformant, stays held
};

struct RapidTestStatus {
  RapidTestState state = RapidTestState::untested;
  int retests_needed = 0;           // further negative rapid re-tests that would release a hold (0 when none can)
  bool needs_confirmation = false;  // only a confirmatory test can decide (a re-test was positive too)
  std::string reason_zh;
  std::string reason_en;
  bool blocks_sale() const { return state == RapidTestState::held || state == RapidTestState::confirmed; }
};

// Re-tests asked for after a positive (domain.md: "re-tested ≥ 2 more times").
inline constexpr int kRequiredRetests = 2;

// Replays the tests of one batch in the order they were recorded (corrections already applied):
// - a positive rapid test holds the batch and asks for kRequiredRetests re-tests;
// - while held, that many negative rapid re-tests in a row release it; a positive re-test keeps it held
//   and from then on only a confirmatory test can decide (the repeat makes the positive credible);
// - a confirmatory test decides at any time: positive → confirmed (final: later tests do not undo a
//   confirmed failure; only an explicit, signed release by an inspector can), negative → released;
// - after passed or released, a new positive starts a new hold.
RapidTestStatus status_after(const std::vector<TestRecord>& tests);

std::string_view to_string(RapidTestState state);

}  // namespace domain
