// The rules of an inspect event: the GB/T 5009.199 pesticide rapid test (inhibition computed by the
// server from ΔA0 and ΔAt), lab items judged against the product's quality profile, who tested
// (自检 self-test or the bureau's 监管抽检), and the re-test flow that holds a batch after a positive
// rapid test until re-tests or a confirmatory method decide. Thread-safe (stateless; runs on the
// ledger's writer thread inside its transaction).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "ledger/ledger.h"
#include "store/rows.h"
#include "web/event_rules.h"

namespace web {

// Fills the inspect record: result, method, tester, tested_by, rapid_test {delta_a0, delta_at, kit_lot,
// instrument, operator, inhibition, positive}, confirmatory, items with their verdicts and rules,
// evaluation {profile, variant, overall}, disposition, and rapid_test_status {state, retests_needed,
// reason_zh, reason_en} over the batch's tests so far (corrections replacing what they correct).
// A `result` the client sent that disagrees with the computed one is 422 on /result.
domain::Status apply_inspection(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& batch,
                                nlohmann::json& record);

// Once the event's row exists (batch_controls.event_id references it): opens a "rapid_test" hold on the
// batch when record.rapid_test_status blocks sale and none is open, and ends it when the status no
// longer does. Does nothing for a record without rapid_test_status.
void apply_inspection_effects(ledger::Ledger::Txn& t, const EventRequest& r, const nlohmann::json& record);

}  // namespace web
