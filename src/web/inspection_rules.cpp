#include "web/inspection_rules.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "domain/fixed_decimal.h"
#include "domain/rapid_test.h"
#include "store/controls.h"
#include "web/quality_profiles.h"

namespace web {
namespace {

using domain::Errc;
using domain::make_error;
using nlohmann::json;

constexpr const char* kCause = "rapid_test";
// Far beyond any real batch's tests; the replay reads no more than this.
constexpr int64_t kMaxInspections = 10'000;

std::string text_of(const json& in, const char* key) { return in.contains(key) ? in[key].get<std::string>() : ""; }

std::string absorbance(std::int64_t scaled) {
  return domain::FixedDecimal::str_fixed(scaled, domain::RapidTest::kAbsorbanceDecimals,
                                         domain::RapidTest::kAbsorbanceDecimals);
}

// The verdict a part of the inspection reaches on its own: "pass", "fail", or none.
void combine(std::optional<std::string>& decided, const std::string& verdict) {
  if (!decided || verdict == "fail") decided = verdict;
}

domain::Status check_result(const json& in, const std::optional<std::string>& decided, const std::string& why) {
  if (in.contains("result") && decided && in["result"] != *decided)
    return make_error(Errc::unprocessable,
                      "result \"" + in["result"].get<std::string>() + "\" disagrees with the computed result \"" +
                          *decided + "\" (" + why + "); send the measured values, or leave result out",
                      "/result");
  return domain::Ok{};
}

// The rapid test of GB/T 5009.199: inhibition computed here, never taken from the client.
domain::Status apply_rapid_test(const json& in, json& record, std::optional<std::string>& decided, std::string& why) {
  const json& rt = in["rapid_test"];
  domain::RapidTestInput input{text_of(rt, "delta_a0"), text_of(rt, "delta_at"), text_of(rt, "kit_lot"),
                               text_of(rt, "instrument"), text_of(rt, "tester")};
  auto test = domain::RapidTest::compute(input, "/rapid_test");
  if (!test) return test.error();
  record["rapid_test"] = {{"delta_a0", absorbance(test->delta_a0())},
                          {"delta_at", absorbance(test->delta_at())},
                          {"kit_lot", input.kit_lot},
                          {"instrument", input.instrument},
                          {"operator", input.tester},
                          {"inhibition", test->inhibition()},
                          {"positive", test->positive()}};
  if (test->clamped()) record["rapid_test"]["clamped"] = true;
  if (test->weak_control()) record["rapid_test"]["weak_control"] = true;
  combine(decided, test->positive() ? "fail" : "pass");
  why = "inhibition " + test->inhibition() + " % is " +
        (test->positive() ? "positive (≥ 50.0 %)" : "negative (< 50.0 %)");
  return domain::Ok{};
}

// Lab items judged against the product's profile; without a profile they are kept as sent.
domain::Status apply_items(ledger::Ledger::Txn& t, const json& in, const store::BatchRow& batch, json& record,
                           std::optional<std::string>& decided, std::string& why) {
  json items = in["items"];
  auto product = t.read().product(batch.product_id);
  std::string category = product ? json::parse(product->body).value("category", "") : "";
  const domain::QualityProfile* profile = QualityProfiles::instance().find(category);
  if (!profile) {
    record["items"] = items;
    return domain::Ok{};
  }
  std::vector<domain::MeasuredItem> measured;
  for (const auto& item : items)
    measured.push_back({text_of(item, "name"), text_of(item, "value"), text_of(item, "unit")});
  std::string variant;
  if (!profile->variant_attribute().empty()) {
    json attributes = json::parse(batch.body).value("attributes", json::object());
    if (attributes.contains(profile->variant_attribute())) variant = attributes[profile->variant_attribute()];
  }
  auto evaluation = profile->evaluate(measured, variant);
  if (!evaluation) {
    domain::Error e = evaluation.error();
    // The variant comes from the batch, not from this request: say where to fix it.
    if (e.field == "/variant") {
      e.message += " (taken from the batch's attribute \"" + profile->variant_attribute() + "\")";
      e.field = "/batch";
    }
    return e;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const domain::ItemVerdict& v = evaluation->items[i];
    items[i]["verdict"] = std::string(domain::to_string(v.verdict));
    if (v.verdict == domain::Conformance::not_covered) continue;
    items[i]["rule_zh"] = v.rule_zh;
    items[i]["rule_en"] = v.rule_en;
    if (v.unconfirmed) items[i]["rule_unconfirmed"] = true;
  }
  record["items"] = items;
  record["evaluation"] = {{"profile", profile->product()},
                          {"variant", evaluation->variant},
                          {"overall", std::string(domain::to_string(evaluation->overall))}};
  if (evaluation->overall == domain::Conformance::not_covered) return domain::Ok{};
  bool failed = evaluation->overall == domain::Conformance::non_conformant;
  combine(decided, failed ? "fail" : "pass");
  if (failed || why.empty())
    why = std::string("items are ") + (failed ? "non-conformant" : "conformant") + " to the " + profile->product() +
          " profile";
  return domain::Ok{};
}

// The event a record replaces, followed to the first of its chain: a correction takes its original's
// place in the order of tests.
int64_t order_of(const std::string& id, const std::map<std::string, const store::EventRow*>& rows) {
  const store::EventRow* row = rows.at(id);
  for (int hops = 0; row->corrects && rows.count(*row->corrects) && hops < 1000; ++hops) row = rows.at(*row->corrects);
  return row->seq;
}

std::optional<domain::TestRecord> test_of(const std::string& id, const json& record) {
  bool rapid = record.contains("rapid_test");
  bool confirmatory = record.value("confirmatory", false);
  if (!rapid && !confirmatory) return std::nullopt;
  bool positive = rapid ? record["rapid_test"].value("positive", false) : record.value("result", "") == "fail";
  return domain::TestRecord{id, confirmatory && !rapid, positive};
}

// The batch's rapid and confirmatory tests in recorded order, this one included, since the last
// inspector's release (a signed release overrules every test before it). Once the bureau's own test
// was positive, only the bureau's tests count: a holder cannot clear the bureau's finding with its own
// re-tests.
domain::RapidTestStatus status_with(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& batch,
                                    const json& record) {
  auto rows = t.read().inspections_of_batch(batch.id, kMaxInspections);
  const int64_t released = t.read().last_event_seq(batch.id, "release");
  std::map<std::string, const store::EventRow*> by_id;
  for (const auto& row : rows) by_id[row.id] = &row;
  struct Entry {
    int64_t order;
    domain::TestRecord test;
    bool bureau;
  };
  std::vector<Entry> tests;
  for (const auto& row : rows) {
    if (row.corrected_by) continue;
    if (r.corrects && row.id == r.corrects->id) continue;  // this record replaces it
    json body = json::parse(row.body);
    if (auto test = test_of(row.id, body))
      tests.push_back({order_of(row.id, by_id), *test, body.value("tested_by", "") == "bureau"});
  }
  if (auto test = test_of(r.id, record))
    tests.push_back({r.corrects && by_id.count(r.corrects->id) ? order_of(r.corrects->id, by_id) : INT64_MAX, *test,
                     record.value("tested_by", "") == "bureau"});
  std::stable_sort(tests.begin(), tests.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<domain::TestRecord> ordered;
  bool bureau_found = false;
  for (auto& e : tests) {
    if (e.order < released) continue;
    if (bureau_found && !e.bureau) continue;
    bureau_found = bureau_found || (e.bureau && e.test.positive);
    ordered.push_back(std::move(e.test));
  }
  return domain::status_after(ordered);
}

}  // namespace

domain::Status apply_inspection(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& batch,
                                json& record) {
  const json& in = r.body;
  bool confirmatory = in.value("confirmatory", false);
  if (confirmatory && in.contains("rapid_test"))
    return make_error(Errc::unprocessable,
                      "a rapid test is not a confirmatory method; record the confirmatory test (e.g. GC) as its own "
                      "inspection",
                      "/confirmatory");
  record["method"] = in["method"];
  record["tested_by"] = r.party.kind == "bureau" ? "bureau" : "self";
  if (confirmatory) record["confirmatory"] = true;

  std::optional<std::string> decided;
  std::string why;
  if (in.contains("rapid_test")) {
    if (auto s = apply_rapid_test(in, record, decided, why); !s) return s;
  }
  if (in.contains("items")) {
    if (auto s = apply_items(t, in, batch, record, decided, why); !s) return s;
  }
  if (auto s = check_result(in, decided, why); !s) return s;
  if (!decided && !in.contains("result"))
    return make_error(Errc::unprocessable,
                      "result is required when neither a rapid_test nor items judged by the product's quality "
                      "profile decide it",
                      "/result");
  std::string result = decided ? *decided : in["result"].get<std::string>();
  record["result"] = result;
  if (in.contains("tester"))
    record["tester"] = in["tester"];
  else if (record.contains("rapid_test"))
    record["tester"] = record["rapid_test"]["operator"];
  record["disposition"] = result == "pass" ? "conformant" : "non_conformant";

  // Only a test (or a correction, which may remove one) can change the re-test state; other inspections
  // skip the replay.
  if (!test_of(r.id, record) && !in.contains("corrects")) return domain::Ok{};
  domain::RapidTestStatus status = status_with(t, r, batch, record);
  if (status.state != domain::RapidTestState::untested || in.contains("corrects"))
    record["rapid_test_status"] = {{"state", std::string(domain::to_string(status.state))},
                                   {"retests_needed", status.retests_needed},
                                   {"reason_zh", status.reason_zh},
                                   {"reason_en", status.reason_en}};
  return domain::Ok{};
}

void apply_inspection_effects(ledger::Ledger::Txn& t, const EventRequest& r, const json& record) {
  if (!record.contains("rapid_test_status")) return;
  const json& status = record["rapid_test_status"];
  std::string state = status.value("state", "");
  std::string batch = record["batch"];
  store::Controls controls(t.read().database());
  if (state != "held" && state != "confirmed") {
    controls.close_holds(batch, kCause);
    return;
  }
  bool open = false;
  for (const auto& c : controls.open_for(batch)) open = open || (c.kind == "hold" && c.cause == kCause);
  // A confirmatory positive restates the hold: the batch has now failed, not merely awaiting re-tests.
  if (open && state == "confirmed" && record.value("confirmatory", false)) {
    controls.close_holds(batch, kCause);
    open = false;
  }
  if (!open)
    controls.open(
        store::ControlRow{batch, "hold", kCause, r.id, std::nullopt, status.value("reason_zh", ""), t.recorded_at()});
}

}  // namespace web
