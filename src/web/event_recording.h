// Recording one event (POST /api/v1/events) for a caller acting for its party: the rules of the kind
// (event_rules.h), the record in the log, its rows, and the 201 view with receipt. The JSON route and
// the console's inspection form both call it. Thread-safe (writes go through the ledger).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "web/app.h"
#include "web/principal.h"
#include "web/request_signature.h"

namespace web {

// `body` must already be valid against schemas/event.json. `signature` is the party's producer
// signature of an API request, or RequestSignature::unsigned_form for a console form.
domain::Result<nlohmann::json> record_event(App& app, const Actor& actor, const nlohmann::json& body,
                                            const RequestSignature& signature);

}  // namespace web
