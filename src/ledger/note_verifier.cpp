#include "ledger/note_verifier.h"

#include <openssl/evp.h>

#include <vector>

#include "ledger/base64.h"
#include "ledger/note_format.h"

namespace ledger {
namespace {

domain::Error malformed(std::string what) {
  return domain::make_error(domain::Errc::invalid_input, "signed note: " + std::move(what));
}

domain::Error unverified(std::string what) {
  return domain::make_error(domain::Errc::unprocessable, "signed note: " + std::move(what));
}

}  // namespace

void NoteVerifier::PkeyFree::operator()(evp_pkey_st* p) const { EVP_PKEY_free(p); }

NoteVerifier::NoteVerifier(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string name, uint32_t key_id)
    : key_(std::move(key)), name_(std::move(name)), key_id_(key_id) {}

domain::Result<NoteVerifier> NoteVerifier::from_key(std::string_view vkey) {
  const auto bad = [](std::string what) {
    return domain::make_error(domain::Errc::invalid_input, "verifier key: " + std::move(what));
  };
  const size_t p1 = vkey.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return bad("needs <name>+<key id>+<key>");
  const std::string_view name = vkey.substr(0, p1);
  const std::string_view id_hex = vkey.substr(p1 + 1, p2 - p1 - 1);
  if (!is_valid_key_name(name)) return bad("invalid key name");
  uint32_t key_id = 0;
  if (!parse_key_id_hex(id_hex, key_id)) return bad("key id is not 8 hex digits");
  auto typed_key = base64_decode(vkey.substr(p2 + 1));  // a third '+' fails here: not base64 data
  if (!typed_key || typed_key->size() != 1 + 32 || static_cast<unsigned char>((*typed_key)[0]) != kEd25519Type) {
    return bad("key is not base64 of 0x01 || 32-byte Ed25519 key");
  }
  const std::string_view pub = std::string_view(*typed_key).substr(1);
  if (ed25519_key_id(name, pub) != key_id) return bad("key id does not match name and key");
  std::unique_ptr<evp_pkey_st, PkeyFree> key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(pub.data()), pub.size()));
  if (!key) return bad("not a valid Ed25519 public key");
  return NoteVerifier(std::move(key), std::string(name), key_id);
}

bool NoteVerifier::verify(std::string_view message, std::string_view signature) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

domain::Result<std::string> NoteVerifier::open(std::string_view note) const {
  if (!is_valid_note_bytes(note)) return malformed("not UTF-8 text without control characters");
  // The text ends at the last blank line: signature lines never contain one, the text may.
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return malformed("no blank line before signatures");
  const std::string_view text = note.substr(0, split + 1);
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') return malformed("signatures must end in a newline");

  size_t lines = 0;
  bool verified = false;
  while (!sigs.empty()) {
    if (++lines > kMaxSignatureLines) return malformed("too many signature lines");
    const size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (!line.starts_with(kSignaturePrefix)) return malformed("signature line must start with an em dash");
    line.remove_prefix(kSignaturePrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) return malformed("signature line needs a key name and a signature");
    const std::string_view name = line.substr(0, space);
    auto blob = base64_decode(line.substr(space + 1));
    if (!is_valid_key_name(name) || !blob || blob->size() < 5) return malformed("bad signature line");
    const auto* b = reinterpret_cast<const unsigned char*>(blob->data());
    const uint32_t id = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
    if (name != name_ || id != key_id_) continue;  // another key's signature (e.g. a witness)
    // A failing signature from our own key means tampering: reject the note, do not look further.
    if (!verify(text, std::string_view(*blob).substr(4))) return unverified("signature does not verify");
    verified = true;
  }
  if (!verified) return unverified("no signature by " + name_);
  return std::string(text);
}

}  // namespace ledger
