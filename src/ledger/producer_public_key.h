// ledger::ProducerPublicKey: a party's registered Ed25519 public key, checking the signatures its
// writes carry (formats.md "Producer signatures"): the signed message is the RFC 8785 canonical JSON of
// {"body", "method", "party", "path"} (producer_request.h), and a record stores the signature as
// {"alg":"ed25519","key_id","value","signed"} so anyone can re-check it offline.
// Owns one OpenSSL EVP_PKEY; movable, not copyable. Thread-safe: verification only reads the key.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/result.h"

// OpenSSL's EVP_PKEY, declared here so OpenSSL headers stay inside src/ledger/*.cpp.
struct evp_pkey_st;

namespace ledger {

// A producer key's id: the first 4 bytes of SHA-256(32-byte raw public key) as 8 lower-case hex digits.
std::string producer_key_id(std::string_view raw_public_key);

class ProducerPublicKey {
 public:
  // `raw` is the 32-byte key; fails (invalid_input) for another length or a key OpenSSL refuses.
  static domain::Result<ProducerPublicKey> from_raw(std::string_view raw);
  // From standard padded base64 of the 32 bytes (as registered and stored); invalid_input otherwise.
  static domain::Result<ProducerPublicKey> from_base64(std::string_view base64);

  const std::string& raw() const { return raw_; }
  const std::string& key_id() const { return key_id_; }

  // Whether `signature` (64 bytes) is this key's Ed25519 signature of `message`.
  bool verify(std::string_view message, std::string_view signature) const;

  // Re-checks a stored signature object {"alg","key_id","value","signed"} against this key: alg is
  // ed25519, key_id is this key's, value is base64 of 64 bytes and verifies over the canonical bytes of
  // "signed". invalid_input for a malformed object, unprocessable when it does not verify.
  domain::Status check(const nlohmann::json& signature_object) const;

 private:
  struct PkeyFree {
    void operator()(evp_pkey_st* p) const;
  };
  ProducerPublicKey(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string raw);

  std::unique_ptr<evp_pkey_st, PkeyFree> key_;
  std::string raw_;
  std::string key_id_;
};

}  // namespace ledger
