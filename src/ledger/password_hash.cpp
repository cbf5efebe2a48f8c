#include "ledger/password_hash.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

#include "ledger/base64.h"

namespace ledger {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr uint64_t kMaxMemory = uint64_t{256} << 20;

struct KdfFree {
  void operator()(EVP_KDF* k) const { EVP_KDF_free(k); }
};
struct KdfCtxFree {
  void operator()(EVP_KDF_CTX* c) const { EVP_KDF_CTX_free(c); }
};

bool in_bounds(const ScryptParams& p) {
  bool power_of_two = p.n >= 2 && (p.n & (p.n - 1)) == 0;
  return power_of_two && p.n <= (uint64_t{1} << 20) && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 16 &&
         128 * p.n * p.r <= kMaxMemory;
}

bool parse_number(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 8) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

domain::Result<std::string> scrypt_raw(std::string_view password, std::string_view salt, const ScryptParams& params,
                                       size_t length) {
  if (!in_bounds(params)) return domain::make_error(domain::Errc::invalid_input, "scrypt parameters out of bounds");
  std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
  if (!kdf) throw std::runtime_error("OpenSSL has no SCRYPT KDF");
  std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) throw std::runtime_error("EVP_KDF_CTX_new failed");
  uint64_t n = params.n, maxmem = kMaxMemory + (uint64_t{1} << 20);  // OpenSSL counts some overhead
  uint32_t r = params.r, p = params.p;
  OSSL_PARAM list[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(password.data()), password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), list) != 1)
    throw std::runtime_error("scrypt derivation failed");
  return out;
}

std::string hash_password(std::string_view password, const ScryptParams& params) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  auto hash = scrypt_raw(password, salt, params, kHashBytes);
  if (!hash) throw std::invalid_argument(hash.error().message);
  return "scrypt$" + std::to_string(params.n) + "$" + std::to_string(params.r) + "$" + std::to_string(params.p) + "$" +
         base64_encode(salt) + "$" + base64_encode(*hash);
}

bool verify_password(std::string_view password, std::string_view stored) {
  std::vector<std::string_view> parts;
  while (parts.size() < 7) {
    size_t dollar = stored.find('$');
    parts.push_back(stored.substr(0, dollar));
    if (dollar == std::string_view::npos) break;
    stored.remove_prefix(dollar + 1);
  }
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  uint64_t n = 0, r = 0, p = 0;
  if (!parse_number(parts[1], n) || !parse_number(parts[2], r) || !parse_number(parts[3], p)) return false;
  ScryptParams params{n, static_cast<uint32_t>(r), static_cast<uint32_t>(p)};
  if (r > 32 || p > 16 || !in_bounds(params)) return false;
  auto salt = base64_decode(parts[4]);
  auto expected = base64_decode(parts[5]);
  // Exactly the length we write: a truncated hash must not verify as its own prefix.
  if (!salt || salt->size() < 8 || !expected || expected->size() != kHashBytes) return false;
  auto actual = scrypt_raw(password, *salt, params, expected->size());
  return actual && CRYPTO_memcmp(actual->data(), expected->data(), expected->size()) == 0;
}

}  // namespace ledger
