// web::RequestSignature: the producer signature of one write made with a party's token
// (formats.md "Producer signatures"). A party without a registered key writes unsigned; once it has
// one, every write must carry `Signature: ed25519=<base64>` over the canonical
// {"body","method","party","path"} (ledger/producer_request.h), verified here before the write.
// check() runs before the write; attach() puts the signature object into the record before its leaf is
// appended; claim() runs inside the ledger transaction after that leaf was added, so a key that changed
// meanwhile or a replayed signature refuses the write with nothing written.
// Value type; thread-compatible (check() uses the calling thread's read connection).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "ledger/ledger.h"
#include "store/rows.h"
#include "web/app.h"
#include "web/route_context.h"

namespace web {

class RequestSignature {
 public:
  // For a request authenticated as `party`. Errors:
  //   401 the party has a key and the request has no Signature header;
  //   403 the header is malformed or repeated, or the signature does not verify with the party's key;
  //   409 this signature value was already accepted once (replay);
  //   422 the party has no key but sent a Signature header;
  //   400 the body is not JSON that can be canonicalised (only checked when there is a key).
  static domain::Result<RequestSignature> check(App& app, const RouteContext& ctx, const store::PartyRow& party);

  // For a write made through a web form, which cannot carry a Signature: an unsigned signature object
  // when the party has no key; 403 when it has one (its writes must be signed, so they go through the
  // API with `agritrace sign`).
  static domain::Result<RequestSignature> unsigned_form(App& app, const store::PartyRow& party);

  bool is_signed() const { return !value_.empty(); }
  // {"alg":"ed25519","key_id","value","signed":{…}}, or null for an unsigned write.
  const nlohmann::json& object() const { return object_; }
  // Sets record["signature"] when signed; leaves an unsigned record as it is.
  void attach(nlohmann::json& record) const;

  // Inside the write's transaction, once the record `record_id` has its leaf: the party's key is still
  // the one checked (an unsigned write still finds no key; 401/403 otherwise) and the signature value
  // is stored as used by that leaf (409 if it already was).
  domain::Status claim(ledger::Ledger::Txn& t, std::string_view record_id) const;

 private:
  std::string party_id_;
  std::string public_key_;  // base64 of the key checked against; empty: the party had no key
  std::string key_id_;
  std::string value_;  // base64 of the signature; empty: unsigned
  nlohmann::json object_;
};

}  // namespace web
