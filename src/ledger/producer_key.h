// ledger::ProducerKey: a producer's own Ed25519 private key, kept by the producer (never by the server)
// in a PKCS#8 PEM file — the format `openssl genpkey -algorithm ed25519` writes — and used by
// `agritrace sign` to sign write requests (producer_request.h).
// Owns one OpenSSL EVP_PKEY; movable, not copyable. Thread-safe: signing only reads the key.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"

// OpenSSL's EVP_PKEY, declared here so OpenSSL headers stay inside src/ledger/*.cpp.
struct evp_pkey_st;

namespace ledger {

class ProducerKey {
 public:
  // A new key from OpenSSL's CSPRNG. Fails (internal) only if OpenSSL does.
  static domain::Result<ProducerKey> generate();
  // An unencrypted PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----"). invalid_input for anything
  // else: another key type, an encrypted key (no passphrase is ever asked for), not PEM.
  static domain::Result<ProducerKey> from_pem(std::string_view pem);
  // from_pem of a file's contents; invalid_input naming the path when it cannot be read.
  static domain::Result<ProducerKey> load(const std::string& path);

  // The private key as unencrypted PKCS#8 PEM.
  std::string to_pem() const;
  // Writes to_pem() to a new file created with mode 0600 and fsynced. Refuses (conflict) an existing
  // path, so a key is never overwritten; invalid_input when the file cannot be created.
  domain::Status save_new(const std::string& path) const;

  // The 32-byte raw public key, and standard base64 of it (what PUT /api/v1/parties/{id}/key takes).
  const std::string& public_key() const { return public_key_; }
  std::string public_key_base64() const;

  // The 64-byte Ed25519 signature of `message`. Fails (internal) only if OpenSSL does.
  domain::Result<std::string> sign(std::string_view message) const;

 private:
  struct PkeyFree {
    void operator()(evp_pkey_st* p) const;
  };
  using Pkey = std::unique_ptr<evp_pkey_st, PkeyFree>;
  static domain::Result<ProducerKey> from_pkey(Pkey key);
  ProducerKey(Pkey key, std::string public_key) : key_(std::move(key)), public_key_(std::move(public_key)) {}

  Pkey key_;
  std::string public_key_;
};

}  // namespace ledger
