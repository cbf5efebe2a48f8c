// PUT /api/v1/parties/{id}/key — register or rotate the Ed25519 public key that signs a party's writes
// from then on (formats.md "Producer signatures") — and GET /api/v1/parties/{id}/key, its current key.
// The party itself registers its first key unsigned and must sign every rotation with its current key;
// the admin may set a key for any party (lost-key recovery), recorded as set_by "admin" in the log.
#include <algorithm>

#include "ledger/base64.h"
#include "ledger/producer_public_key.h"
#include "store/party_keys.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/principal.h"
#include "web/record_writer.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

using domain::Errc;
using domain::make_error;

std::string pointer_to(const std::string& key) {
  std::string out = "/";
  for (char c : key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}

// Exactly {"public_key": "<standard base64 of 32 bytes>"}; each mistake names its field.
domain::Result<ledger::ProducerPublicKey> parse_key_body(const Schemas& schemas, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return body.error();
  // Named here because the schema's additionalProperties error does not say which field it was.
  for (const auto& [key, _] : body->items())
    if (key != "public_key")
      return make_error(Errc::invalid_input,
                        "field \"" + key + "\" is not part of a key registration; send {\"public_key\": \"<base64>\"}",
                        pointer_to(key));
  if (auto valid = schemas.validate("party_key.json", *body); !valid) return valid.error();
  auto key = ledger::ProducerPublicKey::from_base64((*body)["public_key"].get<std::string>());
  if (!key)
    return make_error(Errc::invalid_input,
                      "public_key must be standard padded base64 of a 32-byte raw Ed25519 public key, as agritrace "
                      "keygen prints it (" +
                          key.error().message + ")",
                      "/public_key");
  return key;
}

domain::Error no_party(const std::string& id) {
  return make_error(Errc::not_found, "no party with id " + id.substr(0, 64));
}

}  // namespace

http::Response put_party_key(App& app, RouteContext& ctx) {
  // Any role acting for a party (a producer, a bureau's inspector) keys only that party.
  auto caller = require_role(app, ctx.request, {Role::admin, Role::producer, Role::inspector});
  if (!caller) return error_response(caller.error());
  auto party = app.reader().party(ctx.params[0]);
  if (!party) return error_response(no_party(ctx.params[0]));
  const bool by_admin = caller->role == Role::admin;
  // The key signs what the party's machine sends with its token, so it is set with that token (or by
  // the operator): one member's web login must not be able to lock its colleagues' forms out.
  if (!by_admin && caller->via_session)
    return error_response(make_error(Errc::forbidden, "a party's signing key is registered with the party's API token "
                                                      "(the machine that will sign), not from a web login"));
  if (!by_admin && caller->party_id != party->id)
    return error_response(make_error(
        Errc::forbidden, "party " + caller->party_id + " may register a key only for itself, not for party " + party->id));

  // The party's own rotation is signed by its current key like any of its writes; the admin's reset is
  // not (the admin holds no producer key), and says so in the record instead.
  std::optional<RequestSignature> signature;
  if (by_admin) {
    const auto& headers = ctx.request.headers;
    if (std::any_of(headers.begin(), headers.end(), [](const auto& h) { return h.first == "signature"; }))
      return error_response(
          make_error(Errc::unprocessable, "the admin's key reset is not signed; send it without a Signature header"));
  } else {
    auto checked = RequestSignature::check(app, ctx, *party);
    if (!checked) return error_response(checked.error());
    signature = std::move(*checked);
  }
  auto key = parse_key_body(app.schemas(), ctx.request);
  if (!key) return error_response(key.error());

  nlohmann::json record = {{"type", "party_key"},     {"id", new_id("pky")},
                           {"party", party->id},      {"public_key", ledger::base64_encode(key->raw())},
                           {"key_id", key->key_id()}, {"set_by", by_admin ? "admin" : "party"}};
  auto out = append_record(
      app, "party_key", std::move(record),
      [&](ledger::Ledger::Txn& t, const nlohmann::json& r, int64_t leaf) {
        store::PartyKeys(t.read().database())
            .insert(store::PartyKeyRow{0, party->id, r["public_key"], r["key_id"], leaf});
        return domain::Status(domain::Ok{});
      },
      signature ? &*signature : nullptr);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

http::Response get_party_key(App& app, RouteContext& ctx) {
  auto& reader = app.reader();
  if (!reader.party(ctx.params[0])) return error_response(no_party(ctx.params[0]));
  auto key = store::PartyKeys(reader.database()).current(ctx.params[0]);
  if (!key)
    return error_response(make_error(
        Errc::not_found, "party " + ctx.params[0] + " has registered no public key; its writes are unsigned"));
  auto entry = reader.log_entry(key->leaf_index);  // committed with the key row, so always there
  if (!entry) return error_response(make_error(Errc::internal, "internal error"));
  auto out = nlohmann::json::parse(entry->leaf);
  out["leaf_index"] = key->leaf_index;
  return json_response(200, out);
}

}  // namespace web
