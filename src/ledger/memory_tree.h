// ledger::MemoryTree: an append-only Merkle log held in memory as "compact ranges": the hash of
// every complete aligned subtree, level by level (level 0 = leaf hashes). About 2n hashes for n
// leaves; appending a leaf hashes only the subtrees it completes (amortised one node hash), so
// nothing is ever rehashed. Serves as the HashSource for tests and tools, and mirrors the rows
// (level, index, hash) a persistent store keeps: append() reports exactly the new ones.
// Not thread-safe (thread-compatible): guard it externally when one thread appends while others
// read.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ledger/hash_source.h"

namespace ledger {

class MemoryTree final : public HashSource {
 public:
  // One stored subtree: leaves [index << level, (index + 1) << level).
  struct Node {
    unsigned level = 0;
    uint64_t index = 0;
    Hash hash{};
  };

  MemoryTree() = default;
  explicit MemoryTree(std::span<const Hash> leaf_hashes);

  // Appends one leaf hash; returns the nodes it completed, the leaf itself first, then upward.
  std::vector<Node> append(const Hash& leaf_hash);
  // Convenience: hashes `leaf_bytes` with leaf_hash() and appends it.
  std::vector<Node> append_leaf(std::string_view leaf_bytes);

  uint64_t size() const override { return levels_.empty() ? 0 : levels_[0].size(); }
  // Fails (invalid_input) for a range that is not a complete aligned subtree of this log.
  domain::Result<Hash> subtree_hash(uint64_t start, unsigned level) const override;

  // MTH of the whole current log.
  Hash root() const;

 private:
  // levels_[k][j] = hash of leaves [j·2^k, (j+1)·2^k).
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace ledger
