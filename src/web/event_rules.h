// The rules of each event kind, applied inside the ledger transaction: custody (only a party holding
// a batch records steps on it), quantities (never more than remains), shipments and receipts,
// transformations with their output batches, parcels, sensor excursions, and corrections.
// Thread-safe (stateless; runs on the ledger's writer thread inside its transaction).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "domain/timestamp.h"
#include "ledger/ledger.h"
#include "store/rows.h"

namespace web {

struct EventRequest {
  const nlohmann::json& body;     // schema-validated request
  const store::PartyRow& party;   // the caller
  const store::SiteRow& site;     // checked: the caller's
  domain::Timestamp at;
  std::string id;                 // the new event's id
  const store::EventRow* corrects = nullptr;  // the event being corrected, checked
};

// Fills `record` with the kind's fields, appends every record it creates (output batches, then the
// event itself) and writes all rows. Any failure leaves the transaction to roll back.
domain::Status apply_event(ledger::Ledger::Txn& t, const EventRequest& request, nlohmann::json& record);

}  // namespace web
