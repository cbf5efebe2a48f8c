// Standard padded base64 (RFC 4648 §4), the only encoding ledger.md allows for hashes, keys and
// signatures in checkpoints, verifier keys and proof JSON.
// Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "ledger/hash_source.h"

namespace ledger {

// Encodes arbitrary bytes with the standard alphabet and '=' padding; never fails.
std::string base64_encode(std::string_view bytes);

// Decodes canonical standard base64 only: the length must be a multiple of 4, only the standard
// alphabet, '=' only as one or two final characters, and unused trailing bits must be zero, so
// every byte string has exactly one accepted encoding (a tampered signature line cannot re-encode
// the same bytes differently). No whitespace or line breaks. Fails with invalid_input otherwise.
domain::Result<std::string> base64_decode(std::string_view text);

// A Merkle hash as proofs and checkpoints carry it, and back: nullopt unless exactly 32 bytes.
std::string hash_base64(const Hash& hash);
std::optional<Hash> hash_from_base64(std::string_view text);

}  // namespace ledger
