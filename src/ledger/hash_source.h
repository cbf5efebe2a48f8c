// ledger::Hash and ledger::HashSource: where proof code reads stored Merkle hashes from.
// A source stores the hash of every *complete* aligned subtree [start, start + 2^level) of one
// append-only log, RFC 6962 style (leaf hashes are level 0). Anything else — the incomplete right
// edge of a tree of arbitrary size — is derived from at most log2(n) such hashes by merkle.h, so a
// proof costs O(log n) reads and nothing ever rehashes the whole log.
// Interface only; thread-safety is the implementation's (MemoryTree: thread-compatible).
#pragma once

#include <array>
#include <cstdint>

#include "domain/result.h"

namespace ledger {

using Hash = std::array<uint8_t, 32>;

class HashSource {
 public:
  virtual ~HashSource() = default;

  // Number of leaves currently stored.
  virtual uint64_t size() const = 0;

  // The hash of leaves [start, start + 2^level). Callers guarantee start % 2^level == 0 and
  // start + 2^level <= size(). Fails (internal) only when storage fails, never for a valid range.
  virtual domain::Result<Hash> subtree_hash(uint64_t start, unsigned level) const = 0;
};

}  // namespace ledger
