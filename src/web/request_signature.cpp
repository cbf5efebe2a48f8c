#include "web/request_signature.h"

#include <optional>
#include <unordered_map>
#include <vector>

#include "ledger/base64.h"
#include "ledger/producer_public_key.h"
#include "ledger/producer_request.h"
#include "store/party_keys.h"
#include "web/json_body.h"

namespace web {
namespace {

using domain::Errc;
using domain::make_error;

constexpr size_t kSignatureBytes = 64;
constexpr size_t kCachedKeys = 256;

// Building the OpenSSL key object costs about as much as a verification, so each thread keeps the
// keys it has used (bounded; keyed by the key itself, so a rotation simply misses).
const ledger::ProducerPublicKey* verifier_for(const std::string& public_key_base64) {
  thread_local std::unordered_map<std::string, ledger::ProducerPublicKey> keys;
  if (auto it = keys.find(public_key_base64); it != keys.end()) return &it->second;
  auto key = ledger::ProducerPublicKey::from_base64(public_key_base64);
  if (!key) return nullptr;
  if (keys.size() >= kCachedKeys) keys.clear();
  return &keys.emplace(public_key_base64, std::move(*key)).first->second;
}

domain::Error replayed(std::optional<int64_t> leaf) {
  std::string where = leaf ? " (for the record at leaf " + std::to_string(*leaf) + ")" : "";
  return make_error(Errc::conflict, "this signature was already accepted once" + where +
                                        "; a signed request is accepted only once, so a new write needs a new "
                                        "signature over its own body");
}

}  // namespace

domain::Result<RequestSignature> RequestSignature::check(App& app, const RouteContext& ctx,
                                                         const store::PartyRow& party) {
  RequestSignature out;
  out.party_id_ = party.id;
  std::vector<std::string_view> headers;
  for (const auto& [name, value] : ctx.request.headers)
    if (name == "signature") headers.push_back(value);

  store::PartyKeys keys(app.reader().database());
  auto key = keys.current(party.id);
  if (!key) {
    // Most likely a client configured for a key that was never registered: say so rather than ignore it.
    if (!headers.empty())
      return make_error(Errc::unprocessable, "party " + party.id +
                                                 " has registered no public key, so its requests carry no Signature "
                                                 "header; register one first (PUT /api/v1/parties/" +
                                                 party.id + "/key) or send the request without it");
    return out;
  }
  out.public_key_ = key->public_key;
  out.key_id_ = key->key_id;
  const std::string whose = "key " + key->key_id + " of party " + party.id;
  if (headers.empty())
    return make_error(Errc::unauthorized, "party " + party.id +
                                              " signs its writes: send the header Signature: ed25519=<base64 "
                                              "signature by " +
                                              whose + ">");
  if (headers.size() > 1)
    return make_error(Errc::forbidden,
                      "send one Signature header, not " + std::to_string(headers.size()) + " (" + whose + ")");
  std::string_view header = headers.front();
  auto signature = header.starts_with(ledger::kSignatureScheme)
                       ? ledger::base64_decode(header.substr(ledger::kSignatureScheme.size()))
                       : domain::Result<std::string>(make_error(Errc::invalid_input, "no ed25519= prefix"));
  if (!signature || signature->size() != kSignatureBytes)
    return make_error(Errc::forbidden,
                      "the Signature header must be ed25519=<standard base64 of the 64-byte "
                      "Ed25519 signature> by " +
                          whose);

  auto body = parse_json_body(ctx.request);
  if (!body) return body.error();
  nlohmann::json signed_request = ledger::producer_request(*body, ctx.request.method, party.id, ctx.path);
  auto message = ledger::producer_request_bytes(signed_request);
  if (!message) return message.error();
  const ledger::ProducerPublicKey* verifier = verifier_for(key->public_key);
  if (!verifier) return make_error(Errc::internal, "the registered key of party " + party.id + " cannot be loaded");
  if (!verifier->verify(*message, *signature))
    return make_error(Errc::forbidden, "the Signature does not verify with " + whose +
                                           ": sign the canonical JSON of {\"body\", \"method\", \"party\", \"path\"} "
                                           "of this very request (agritrace sign does) with that key");

  out.value_ = std::string(header.substr(ledger::kSignatureScheme.size()));
  // A replay is refused here without touching the writer; claim() is what makes it certain.
  if (auto leaf = keys.signature_leaf(out.value_)) return replayed(*leaf);
  out.object_ = {
      {"alg", "ed25519"}, {"key_id", key->key_id}, {"value", out.value_}, {"signed", std::move(signed_request)}};
  return out;
}

domain::Result<RequestSignature> RequestSignature::unsigned_form(App& app, const store::PartyRow& party) {
  if (auto key = store::PartyKeys(app.reader().database()).current(party.id))
    return make_error(Errc::forbidden, party.name + " signs its records with key " + key->key_id +
                                           ", which a web form cannot do; record this through the API with a "
                                           "Signature header (agritrace sign)");
  RequestSignature out;
  out.party_id_ = party.id;
  return out;
}

void RequestSignature::attach(nlohmann::json& record) const {
  if (is_signed()) record["signature"] = object_;
}

domain::Status RequestSignature::claim(ledger::Ledger::Txn& t, std::string_view record_id) const {
  store::PartyKeys keys(t.read().database());
  auto key = keys.current(party_id_);
  if (!is_signed()) {
    if (key)
      return make_error(Errc::unauthorized, "party " + party_id_ + " registered key " + key->key_id +
                                                " while this request was on its way; its writes must now be signed");
    return domain::Ok{};
  }
  if (!key || key->public_key != public_key_)
    return make_error(Errc::forbidden,
                      "key " + key_id_ + " of party " + party_id_ +
                          " was replaced while this request was on its way; sign with the current key");
  if (auto leaf = keys.signature_leaf(value_)) return replayed(*leaf);
  if (!keys.insert_signature(value_, record_id)) return replayed(std::nullopt);
  return domain::Ok{};
}

}  // namespace web
