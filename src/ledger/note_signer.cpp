#include "ledger/note_signer.h"

#include <openssl/evp.h>

#include "ledger/base64.h"
#include "ledger/note_format.h"

namespace ledger {
namespace {

domain::Error internal(std::string what) {
  return domain::make_error(domain::Errc::internal, "note signer: " + std::move(what));
}

}  // namespace

void NoteSigner::PkeyFree::operator()(evp_pkey_st* p) const { EVP_PKEY_free(p); }

NoteSigner::NoteSigner(std::unique_ptr<evp_pkey_st, PkeyFree> key, std::string name, std::string public_key)
    : key_(std::move(key)), name_(std::move(name)), public_key_(std::move(public_key)) {
  key_id_ = ed25519_key_id(name_, public_key_);
}

domain::Result<NoteSigner> NoteSigner::from_seed(std::string_view name, std::string_view seed) {
  if (!is_valid_key_name(name)) {
    return domain::make_error(domain::Errc::invalid_input, "invalid note key name");
  }
  if (seed.size() != 32) {
    return domain::make_error(domain::Errc::invalid_input, "Ed25519 seed must be 32 bytes");
  }
  std::unique_ptr<evp_pkey_st, PkeyFree> key(EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size()));
  if (!key) return internal("cannot load Ed25519 key");
  std::string pub(kEd25519PublicKeySize, '\0');
  size_t pub_len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(pub.data()), &pub_len) != 1 ||
      pub_len != kEd25519PublicKeySize) {
    return internal("cannot derive Ed25519 public key");
  }
  return NoteSigner(std::move(key), std::string(name), std::move(pub));
}

std::string NoteSigner::verifier_key() const {
  std::string typed_key(1, static_cast<char>(kEd25519Type));
  typed_key += public_key_;
  return name_ + "+" + key_id_hex(key_id_) + "+" + base64_encode(typed_key);
}

domain::Result<std::string> NoteSigner::signature_line(std::string_view text) const {
  if (!is_valid_note_text(text)) {
    return domain::make_error(domain::Errc::invalid_input,
                              "note text must be non-empty UTF-8 ending in a newline, without control characters");
  }
  std::string blob(4 + kEd25519SignatureSize, '\0');
  for (int i = 0; i < 4; ++i) blob[static_cast<size_t>(i)] = static_cast<char>(key_id_ >> (24 - 8 * i));

  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t sig_len = kEd25519SignatureSize;
  // Ed25519 is one-shot (no digest): EVP_DigestSignInit with a null MD, then EVP_DigestSign.
  const bool ok = ctx != nullptr && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
                  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(blob.data() + 4), &sig_len,
                                 reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || sig_len != kEd25519SignatureSize) return internal("Ed25519 signing failed");

  std::string line(kSignaturePrefix);
  line += name_;
  line += ' ';
  line += base64_encode(blob);
  line += '\n';
  return line;
}

domain::Result<std::string> NoteSigner::sign_note(std::string_view text) const {
  auto line = signature_line(text);
  if (!line) return line.error();
  std::string note(text);
  note += '\n';
  note += *line;
  return note;
}

}  // namespace ledger
