// Appending one standalone record (party, site, product): the ledger transaction, the metrics and the
// 201 answer with leaf_index and receipt are the same for each; only the rows differ. And the same
// answer for an event whose plan the caller wrote (event_written).
// Thread-safe (the ledger serialises appends).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/result.h"
#include "ledger/ledger.h"
#include "web/app.h"
#include "web/request_signature.h"

namespace web {

// Writes the record's rows: gets the open transaction, the final record (body text to store) and its
// leaf index. May refuse (e.g. a duplicate), which rolls everything back.
using RowWriter = std::function<domain::Status(ledger::Ledger::Txn&, const nlohmann::json& record, int64_t leaf)>;

// Stamps recorded_at (and the producer's signature, when given and signed), appends the record as a
// leaf, claims the signature (request_signature.h), writes its rows. Returns the record with leaf_index
// and receipt added, ready for a 201.
domain::Result<nlohmann::json> append_record(App& app, const std::string& kind, nlohmann::json record,
                                             const RowWriter& rows, const RequestSignature* signature = nullptr);

// After an event's plan committed (its own leaf last, after any output batches): wakes the page store
// to re-render what the write outdated, counts the records, and returns the record with its leaf_index
// and receipt, ready for a 201.
nlohmann::json event_written(App& app, nlohmann::json record, const std::vector<ledger::Leaf>& leaves);

}  // namespace web
