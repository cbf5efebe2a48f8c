// web::verified_log_size: whether a record shown on a consumer page is provably the one in the signed
// log, checked the way an outside verifier would, so a "verified" badge is never shown on faith: the
// newest checkpoint's signature holds for the log's own key, the record's stored leaf is the record
// shown, and the leaf's inclusion proof (O(log n) reads) leads to the signed root.
// Thread-safe (stateless; reads through the caller's reader, inside the caller's read snapshot).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/queries.h"
#include "web/app.h"

namespace web {

// The size of the checkpoint the record was verified against; nullopt when any step fails.
// `shown_body` is the record as the page got it (a domain row's body): it must equal the leaf.
std::optional<int64_t> verified_log_size(App& app, store::Queries& reader, int64_t leaf_index,
                                         const std::string& shown_body);

}  // namespace web
