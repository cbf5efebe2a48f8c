// web::epcis_document: a batch's whole chain (the records web::evidence_bundle collects — ancestors,
// descendants, every event touching them) as one GS1 EPCIS 2.0 JSON-LD EPCISDocument with CBV 2.0
// bare names, for the bureau and for trading partners' EPCIS repositories. The mapping of our record
// kinds to EPCIS events is described in epcis_export.cpp. Validity against GS1's JSON Schema is checked
// in tests with Ajv (tools/epcis/validate.js). Thread-safe (stateless; reads through the caller's
// reader, inside the caller's read snapshot).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "domain/timestamp.h"
#include "store/queries.h"

namespace web {

inline constexpr const char* kEpcisContext = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

// public_url: the server's base URL, for the URIs of sites and parties without a GLN and for the
// extension namespace; created: the document's creationDate. Errors as web::evidence_bundle
// (not_found for an unknown or not yet signed batch, unprocessable for a chain too large to export).
// Call inside a store::ReadSnapshot.
domain::Result<nlohmann::json> epcis_document(store::Queries& reader, const std::string& batch_id,
                                              const std::string& public_url, const domain::Timestamp& created);

}  // namespace web
