// Password hashing for web logins: scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT", with a
// fresh 16-byte salt per password and the parameters kept in the stored string, so they can be
// raised later without breaking old hashes:
//   scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace ledger {

struct ScryptParams {
  uint64_t n = uint64_t{1} << 15;  // 32 MiB of memory (128·N·r) and ~0.1 s per hash on these machines
  uint32_t r = 8;
  uint32_t p = 1;
};

// The raw scrypt output (`length` bytes). Fails with invalid_input on parameters outside the bounds
// verify accepts (N a power of two, 2 ≤ N ≤ 2^20, 1 ≤ r ≤ 32, 1 ≤ p ≤ 16, 128·N·r ≤ 256 MiB).
domain::Result<std::string> scrypt_raw(std::string_view password, std::string_view salt, const ScryptParams& params,
                                       size_t length);

// The stored string for a password (a new random salt every call). Throws only if the KDF or the
// random generator fails (never silently weak).
std::string hash_password(std::string_view password, const ScryptParams& params = {});

// True when `password` matches `stored`; the comparison takes the same time wherever the bytes
// differ. False for a malformed string or parameters out of bounds (a damaged row cannot make the
// server allocate gigabytes).
bool verify_password(std::string_view password, std::string_view stored);

}  // namespace ledger
