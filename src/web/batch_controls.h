// Holds, releases and recalls by the bureau's inspectors, and recall confirmations by the holders of
// recalled stock. Each is an event in the log (kinds hold, release, recall, recall_confirm), recorded
// for the inspector's bureau party (or the confirming holder's party), with the rows of store::Controls
// written in the same transaction. The JSON API (POST /api/v1/batches/{id}/hold|release|recall,
// POST /api/v1/recalls/{id}/confirm) and the console's forms both call these.
// Thread-safe (writes go through the ledger).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "web/app.h"
#include "web/principal.h"
#include "web/request_signature.h"

namespace web {

enum class ControlAction { hold, release, recall };

struct ControlRequest {
  ControlAction action = ControlAction::hold;
  int level = 0;       // recall only: 1 (most serious) .. 3
  std::string reason;  // required: 1..500 characters
};

// Records the action on batch `batch_id` for inspector `who` (the caller checked the role). A recall
// reaches every downstream batch through transformations, splits and merges, marks each recalled and
// lists who holds how much. Returns the event record with its receipt. Errors: 404 unknown batch;
// 422 naming "/level" or "/reason"; 409 releasing a batch with no open hold, recalling one already
// recalled; 403 when the inspector's account has no bureau party.
// `signature` is the bureau's signature of an API request, or RequestSignature::unsigned_form for the
// console's forms (whose records name the logged-in inspector in "by").
domain::Result<nlohmann::json> record_control(App& app, const Principal& who, const std::string& batch_id,
                                              const ControlRequest& request, const RequestSignature& signature);

// A holder's report on recalled stock: `action` returned | destroyed. The caller (a producer) must hold
// an unconfirmed share of the recall's reach for that batch; its whole holding of the batch leaves the
// sellable chain (holding → 0). Errors: 404 unknown recall; 403 the caller holds none of it; 409
// already confirmed.
struct RecallConfirmation {
  std::string batch_id;
  std::string action;
  std::string note;
};
domain::Result<nlohmann::json> confirm_recall(App& app, const Actor& holder, const std::string& recall_id,
                                              const RecallConfirmation& confirmation,
                                              const RequestSignature& signature);

// Deadlines of a recall level (domain.md): start within hours, complete within working days.
struct RecallDeadlines {
  int start_hours = 0;
  int complete_working_days = 0;
};
RecallDeadlines recall_deadlines(int level);

}  // namespace web
