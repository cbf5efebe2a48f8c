// ledger::StoredTree: the log's Merkle tree as kept in SQLite (tree_nodes), seen as a HashSource so
// roots and proofs cost O(log n) reads, plus the append step that stores a leaf hash and every
// subtree hash it completes. Not thread-safe: used on one connection (the writer's, or a reader's).
#pragma once

#include <cstdint>

#include "ledger/hash_source.h"
#include "store/queries.h"
#include "store/writes.h"

namespace ledger {

class StoredTree : public HashSource {
 public:
  StoredTree(store::Queries& queries, uint64_t size) : queries_(&queries), size_(size) {}

  uint64_t size() const override { return size_; }
  domain::Result<Hash> subtree_hash(uint64_t start, unsigned level) const override;

  // Stores `leaf` as leaf number size() and the hashes of the subtrees it completes (at most log n).
  void append(store::Writes& writes, const Hash& leaf);

 private:
  store::Queries* queries_;
  uint64_t size_;
};

}  // namespace ledger
