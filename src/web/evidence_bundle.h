// web::evidence_bundle: everything an offline verifier needs to check one batch's whole story against
// one signed checkpoint (formats.md "Evidence bundle"): the batch, its ancestors and descendants (and
// the other parents of those descendants, so every batch's parents are in the bundle), every event
// touching them (corrections included), the party / site / product records they reference and the
// parties' key records — each with its leaf bytes and its inclusion proof for the newest checkpoint.
// Thread-safe (stateless; reads through the caller's reader, inside the caller's read snapshot).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "store/queries.h"

namespace web {

// Beyond this many records a bundle is refused (422) rather than built: it bounds one request's work.
inline constexpr size_t kMaxEvidenceRecords = 10'000;

struct EvidenceBundle {
  nlohmann::json body;  // the "agritrace-evidence/1" document
  std::string lot;      // of the requested batch, for the download's file name
};

// old_size < 0: no consistency proof. Errors: not_found (no such batch, or nothing signed yet),
// invalid_input on ?old_size beyond the checkpoint, unprocessable when the bundle would exceed
// kMaxEvidenceRecords (or a batch has more events than one read returns), internal when storage is
// damaged. Call inside a store::ReadSnapshot so every record and proof comes from one state.
domain::Result<EvidenceBundle> evidence_bundle(store::Queries& reader, const std::string& batch_id, int64_t old_size);

}  // namespace web
