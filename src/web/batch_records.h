// Creating batch records inside a ledger transaction, shared by harvest/commissioning
// (POST /api/v1/batches) and transformation outputs (POST /api/v1/events, kind transform), and the
// batch's API view. Thread-safe (stateless functions; the transaction is the caller's).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/gtin.h"
#include "domain/lot.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "domain/timestamp.h"
#include "ledger/ledger.h"
#include "store/rows.h"
#include "web/app.h"

namespace web {

struct NewBatch {
  domain::Gtin gtin;
  domain::Lot lot;
  domain::Quantity quantity;
  std::string unit;
  nlohmann::json attributes = nlohmann::json::object();
  std::string field;  // JSON pointer prefix of this batch in the request ("" or "/outputs/2")
};

struct Origin {
  const store::PartyRow& party;
  const store::SiteRow& site;
  domain::Timestamp produced_at;
  std::string made_by_event;                  // transform event id, empty for a harvest
  nlohmann::json parents = nlohmann::json::array();  // [{"batch", "quantity", "unit"}]
  nlohmann::json signature = nullptr;  // the producer's signature object (request_signature.h), or null
};

// Checks the product exists for the GTIN and uses the same unit, and that GTIN+lot is new (409);
// appends the record as a leaf, writes the rows and gives the producing party the whole quantity.
// Returns the stored record.
domain::Result<nlohmann::json> add_batch(ledger::Ledger::Txn& t, const NewBatch& batch, const Origin& origin);

// Bumps the page version of each batch and of every batch made from it (forward through
// transformations, bounded), so their stored consumer pages stop counting in this same transaction.
void invalidate_pages(ledger::Ledger::Txn& t, const std::vector<std::string>& batch_ids);

// The unit a batch is counted in ("kg", "jar", …), from its record.
std::string unit_of(const store::BatchRow& batch);

// The API view of a stored batch: its record plus digital_link, holdings, remaining and leaf_index.
nlohmann::json batch_view(App& app, store::Queries& reader, const store::BatchRow& row);

// The Digital Link path of stored (already validated) identifiers: /01/{gtin}[/10/{lot}[/21/{serial}]].
std::string digital_link_path(const std::string& gtin14, const std::string& lot = {}, const std::string& serial = {});
// The full URL a QR code carries: the configured public URL + the path.
std::string digital_link(const App& app, const std::string& gtin14, const std::string& lot = {},
                         const std::string& serial = {});

// Parses gtin/lot/quantity/unit/attributes of a batch-shaped JSON object (request fields).
domain::Result<NewBatch> parse_new_batch(const nlohmann::json& in, const std::string& field);

}  // namespace web
