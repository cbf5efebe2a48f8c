// Who is calling: the admin (platform operator) or a party, by `Authorization: Bearer <token>`.
// Tokens are stored only as SHA-256 hashes. Thread-safe (reads through the calling thread's reader).
#pragma once

#include <optional>

#include "domain/result.h"
#include "http/message.h"
#include "store/rows.h"
#include "web/app.h"

namespace web {

// 401 without a token or with an unknown one.
domain::Status require_admin(App& app, const http::Request& request);
// 401 as above; 403 when the admin token is used for a party's write (the operator cannot act
// for a producer).
domain::Result<store::PartyRow> require_party(App& app, const http::Request& request);
// For what either may do (a party's key): the calling party, or nullopt for the admin. 401 as above.
domain::Result<std::optional<store::PartyRow>> require_party_or_admin(App& app, const http::Request& request);

// "pt_" + 32 random hex digits: 128 bits, shown once at registration.
std::string new_party_token();

}  // namespace web
