// ledger::NoteSigner: the log's Ed25519 key, signing C2SP signed notes (c2sp.org/signed-note), the
// envelope of every checkpoint (ledger.md §3):
//   <text>\n— <key name> <base64(4-byte big-endian key ID || 64-byte Ed25519 signature)>\n
// Owns one OpenSSL EVP_PKEY for its lifetime; movable, not copyable.
// Thread-safe: signing only reads the key (each call uses its own EVP_MD_CTX).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"

// OpenSSL's EVP_PKEY, declared here so OpenSSL headers stay inside src/ledger/*.cpp.
struct evp_pkey_st;

namespace ledger {

class NoteSigner {
 public:
  // `seed` is the 32-byte raw Ed25519 private key (RFC 8032). Fails (invalid_input) for a seed of
  // another length or an invalid key name (empty, '+', spaces, controls; see note_format.h).
  static domain::Result<NoteSigner> from_seed(std::string_view name, std::string_view seed);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  // The 32-byte raw public key.
  const std::string& public_key() const { return public_key_; }
  // `<name>+<8 lower-case hex key ID>+<base64(0x01 || public key)>`, for anyone to pin.
  std::string verifier_key() const;

  // The signed note: text, blank line, one signature line by this key. `text` must be non-empty,
  // end in a newline, be valid UTF-8 without control characters other than newline (else
  // invalid_input). Fails (internal) only if OpenSSL does.
  domain::Result<std::string> sign_note(std::string_view text) const;

  // The signature line alone ("— name base64\n"), for appending to a note others signed
  // (cosigning). Same contract as sign_note.
  domain::Result<std::string> signature_line(std::string_view text) const;

 private:
  struct PkeyFree {
    void operator()(evp_pkey_st* p) const;
  };
  NoteSigner(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string name, std::string public_key);

  std::unique_ptr<evp_pkey_st, PkeyFree> key_;
  std::string name_;
  std::string public_key_;
  uint32_t key_id_ = 0;
};

}  // namespace ledger
