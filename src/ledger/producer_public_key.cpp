#include "ledger/producer_public_key.h"

#include <openssl/evp.h>

#include "ledger/base64.h"
#include "ledger/digest.h"
#include "ledger/note_format.h"
#include "ledger/producer_request.h"

namespace ledger {

std::string producer_key_id(std::string_view raw_public_key) { return sha256_hex(raw_public_key).substr(0, 8); }

void ProducerPublicKey::PkeyFree::operator()(evp_pkey_st* p) const { EVP_PKEY_free(p); }

ProducerPublicKey::ProducerPublicKey(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string raw)
    : key_(std::move(key)), raw_(std::move(raw)), key_id_(producer_key_id(raw_)) {}

domain::Result<ProducerPublicKey> ProducerPublicKey::from_raw(std::string_view raw) {
  if (raw.size() != kEd25519PublicKeySize)
    return domain::make_error(domain::Errc::invalid_input,
                              "an Ed25519 public key is 32 bytes, not " + std::to_string(raw.size()));
  std::unique_ptr<evp_pkey_st, PkeyFree> key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
  if (!key) return domain::make_error(domain::Errc::invalid_input, "not a usable Ed25519 public key");
  return ProducerPublicKey(std::move(key), std::string(raw));
}

domain::Result<ProducerPublicKey> ProducerPublicKey::from_base64(std::string_view base64) {
  auto raw = base64_decode(base64);
  if (!raw) return domain::make_error(domain::Errc::invalid_input, "the public key is not standard padded base64");
  return from_raw(*raw);
}

bool ProducerPublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureSize) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  // Ed25519 is one-shot (no digest): a null MD. OpenSSL refuses non-canonical S, so a signature has
  // one accepted form and the replay guard can key on its value.
  const bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

domain::Status ProducerPublicKey::check(const nlohmann::json& sig) const {
  const auto bad = [](std::string what) {
    return domain::make_error(domain::Errc::invalid_input, "producer signature: " + std::move(what));
  };
  if (!sig.is_object()) return bad("not an object");
  for (const char* key : {"alg", "key_id", "value"})
    if (!sig.contains(key) || !sig[key].is_string()) return bad(std::string("\"") + key + "\" must be a string");
  if (!sig.contains("signed") || !sig["signed"].is_object()) return bad("\"signed\" must be an object");
  if (sig["alg"] != "ed25519") return bad("alg must be ed25519");
  if (sig["key_id"] != key_id_) return bad("key_id " + sig["key_id"].get<std::string>() + " is not " + key_id_);
  auto value = base64_decode(sig["value"].get<std::string>());
  if (!value || value->size() != kEd25519SignatureSize) return bad("value is not base64 of 64 bytes");
  auto message = producer_request_bytes(sig["signed"]);
  if (!message) return message.error();
  if (!verify(*message, *value))
    return domain::make_error(domain::Errc::unprocessable, "producer signature does not verify with key " + key_id_);
  return domain::Ok{};
}

}  // namespace ledger
