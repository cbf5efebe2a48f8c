// ledger::StoredTree: the log's Merkle tree as kept in SQLite (tree_nodes), seen as a HashSource so
// roots and proofs cost O(log n) reads, plus the append step that stores a leaf hash and every
// subtree hash it completes. Not thread-safe: used on one connection (the writer's, or a reader's).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "ledger/hash_source.h"
#include "store/queries.h"
#include "store/writes.h"

namespace ledger {

// Hashes of the upper tree levels, kept between proofs on one read connection: a stored node never
// changes once written, and every proof of a large log passes through the same few high nodes.
// Bounded; not thread-safe (one per connection, like the Queries it caches).
class NodeCache {
 public:
  static constexpr unsigned kMinLevel = 8;  // lower levels are many and rarely shared: not cached
  const Hash* find(unsigned level, uint64_t idx) const;
  void put(unsigned level, uint64_t idx, const Hash& h);

 private:
  static constexpr size_t kMaxEntries = 1 << 16;
  std::unordered_map<uint64_t, Hash> hashes_;  // key: level << 56 | idx
};

class StoredTree : public HashSource {
 public:
  StoredTree(store::Queries& queries, uint64_t size, NodeCache* cache = nullptr)
      : queries_(&queries), size_(size), cache_(cache) {}

  uint64_t size() const override { return size_; }
  domain::Result<Hash> subtree_hash(uint64_t start, unsigned level) const override;

  // Stores `leaf` as leaf number size() and the hashes of the subtrees it completes (at most log n).
  void append(store::Writes& writes, const Hash& leaf);

 private:
  store::Queries* queries_;
  uint64_t size_;
  NodeCache* cache_;
};

}  // namespace ledger
