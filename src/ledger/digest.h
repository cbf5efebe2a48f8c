// Hashing and randomness the upper layers need without touching OpenSSL themselves.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ledger {

std::string sha256_hex(std::string_view data);
// A fresh secret of `bytes` random bytes from OpenSSL's CSPRNG, as lower-case hex. Throws if the
// generator fails (never silently weak).
std::string random_hex(size_t bytes);
// SHA-256 hex of a whole file (e.g. the running binary); empty if it cannot be read.
std::string file_digest(const std::string& path);

}  // namespace ledger
