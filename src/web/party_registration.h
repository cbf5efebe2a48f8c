// Registering a party (a farm, cooperative, processor, … or the bureau): one path for the API
// (POST /api/v1/parties) and the admin page (POST /admin/parties), so both write the same signed
// record and rows. Thread-safe (the ledger serialises appends).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "web/app.h"

namespace web {

// Validates `body` against schemas/party.json (and the USCC / GLN check characters), appends the party
// record and its row, and returns the record with leaf_index, receipt and "token": the party's new API
// token, which exists only in this answer (only its hash is stored). The caller has checked that an
// admin asked. Errors name the field (JSON pointer); nothing is written then. With `audit_actor`, the
// audit row naming who registered it (action party_add) is written in the same transaction.
domain::Result<nlohmann::json> register_party(App& app, const nlohmann::json& body, const std::string& audit_actor = {});

}  // namespace web
