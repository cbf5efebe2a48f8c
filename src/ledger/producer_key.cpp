#include "ledger/producer_key.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ledger/base64.h"
#include "ledger/note_format.h"

namespace ledger {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// OpenSSL's default would prompt on the terminal for an encrypted key's passphrase; refuse instead.
int no_passphrase(char*, int, int, void*) { return -1; }

constexpr size_t kMaxPemBytes = 16 * 1024;  // an Ed25519 PEM is 119 bytes

}  // namespace

void ProducerKey::PkeyFree::operator()(evp_pkey_st* p) const { EVP_PKEY_free(p); }

domain::Result<ProducerKey> ProducerKey::from_pkey(Pkey key) {
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    return domain::make_error(domain::Errc::invalid_input, "the key is not an Ed25519 key");
  std::string pub(kEd25519PublicKeySize, '\0');
  size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(pub.data()), &len) != 1 ||
      len != kEd25519PublicKeySize)
    return domain::make_error(domain::Errc::internal, "cannot derive the Ed25519 public key");
  return ProducerKey(std::move(key), std::move(pub));
}

domain::Result<ProducerKey> ProducerKey::generate() {
  EVP_PKEY* raw = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
  const bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_keygen(ctx, &raw) == 1;
  EVP_PKEY_CTX_free(ctx);
  Pkey key(raw);
  if (!ok || !key) return domain::make_error(domain::Errc::internal, "Ed25519 key generation failed");
  return from_pkey(std::move(key));
}

domain::Result<ProducerKey> ProducerKey::from_pem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return domain::make_error(domain::Errc::invalid_input, "the key file is too large");
  // Only unencrypted PKCS#8 ("PRIVATE KEY"): the one format genpkey and keygen write, and no guessing.
  if (pem.find("-----BEGIN PRIVATE KEY-----") == std::string_view::npos)
    return domain::make_error(domain::Errc::invalid_input,
                              pem.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos
                                  ? "the key is encrypted; use an unencrypted PKCS#8 PEM key"
                                  : "not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return domain::make_error(domain::Errc::internal, "out of memory");
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) return domain::make_error(domain::Errc::invalid_input, "the PEM private key cannot be read");
  return from_pkey(std::move(key));
}

domain::Result<ProducerKey> ProducerKey::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return domain::make_error(domain::Errc::invalid_input, "cannot read the key file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto key = from_pem(text.str());
  if (!key) return domain::make_error(key.error().code, path + ": " + key.error().message);
  return key;
}

std::string ProducerKey::to_pem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot encode the private key as PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

domain::Status ProducerKey::save_new(const std::string& path) const {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      return domain::make_error(domain::Errc::conflict, path + " already exists; a key file is never overwritten");
    return domain::make_error(domain::Errc::invalid_input, "cannot create " + path + ": " + std::strerror(errno));
  }
  std::string pem = to_pem();
  bool written = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());  // never leave a truncated key behind
    return domain::make_error(domain::Errc::internal, "cannot write " + path);
  }
  return domain::Ok{};
}

std::string ProducerKey::public_key_base64() const { return base64_encode(public_key_); }

domain::Result<std::string> ProducerKey::sign(std::string_view message) const {
  std::string sig(kEd25519SignatureSize, '\0');
  size_t len = sig.size();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx != nullptr && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
                  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                                 reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || len != kEd25519SignatureSize) return domain::make_error(domain::Errc::internal, "Ed25519 signing failed");
  return sig;
}

}  // namespace ledger
