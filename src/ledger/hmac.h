// HMAC-SHA-256 and constant-time comparison for the upper layers (web/ binds login-form CSRF tokens
// with it) without their touching OpenSSL. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>

namespace ledger {

// Lower-case hex of HMAC-SHA-256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Equal lengths and bytes, in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace ledger
