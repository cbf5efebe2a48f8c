// ledger::NoteVerifier: checks C2SP signed notes against one pinned Ed25519 verifier key
// (`<name>+<8 hex key ID>+<base64(0x01 || public key)>`, as NoteSigner::verifier_key() prints).
// It looks only at signature lines whose key name and key ID both match its key; lines of other
// keys (witness cosignatures) are ignored, as c2sp.org/signed-note requires.
// Owns one OpenSSL EVP_PKEY; movable, not copyable. Thread-safe: verification only reads the key.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"

// OpenSSL's EVP_PKEY, declared here so OpenSSL headers stay inside src/ledger/*.cpp.
struct evp_pkey_st;

namespace ledger {

class NoteVerifier {
 public:
  // Fails (invalid_input) unless the string has exactly the three '+'-separated parts, a valid key
  // name, 8 hex digits, base64 of 0x01 followed by 32 bytes, and the key ID matches name and key.
  static domain::Result<NoteVerifier> from_key(std::string_view verifier_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }

  // Returns the note text (through its final newline, without the blank line) when at least one
  // signature line of this key verifies and none of its lines fails. Errors: invalid_input for a
  // malformed note (bad UTF-8, control characters, no blank line, a signature line not
  // "— <name> <base64 of ≥ 5 bytes>", more than kMaxSignatureLines lines); unprocessable when the
  // note is well formed but not validly signed by this key.
  domain::Result<std::string> open(std::string_view signed_note) const;

 private:
  struct PkeyFree {
    void operator()(evp_pkey_st* p) const;
  };
  NoteVerifier(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string name, uint32_t key_id);
  bool verify(std::string_view message, std::string_view signature) const;

  std::unique_ptr<evp_pkey_st, PkeyFree> key_;
  std::string name_;
  uint32_t key_id_ = 0;
};

}  // namespace ledger
