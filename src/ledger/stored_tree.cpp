#include "ledger/stored_tree.h"

#include <cstring>

#include "ledger/merkle.h"

namespace ledger {
namespace {
std::string_view bytes_of(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }
}  // namespace

const Hash* NodeCache::find(unsigned level, uint64_t idx) const {
  auto it = hashes_.find(uint64_t{level} << 56 | idx);
  return it == hashes_.end() ? nullptr : &it->second;
}

void NodeCache::put(unsigned level, uint64_t idx, const Hash& h) {
  if (hashes_.size() >= kMaxEntries) hashes_.clear();
  hashes_.emplace(uint64_t{level} << 56 | idx, h);
}

domain::Result<Hash> StoredTree::subtree_hash(uint64_t start, unsigned level) const {
  const bool cacheable = cache_ && level >= NodeCache::kMinLevel;
  if (cacheable)
    if (const Hash* h = cache_->find(level, start >> level)) return *h;
  auto stored = queries_->tree_node(static_cast<int>(level), static_cast<int64_t>(start >> level));
  if (!stored || stored->size() != 32)
    return domain::make_error(domain::Errc::internal, "tree node " + std::to_string(level) + "/" +
                                                          std::to_string(start >> level) + " is missing or damaged");
  Hash h;
  std::memcpy(h.data(), stored->data(), 32);
  if (cacheable) cache_->put(level, start >> level, h);
  return h;
}

void StoredTree::append(store::Writes& writes, const Hash& leaf) {
  uint64_t idx = size_;
  Hash h = leaf;
  int level = 0;
  writes.put_tree_node(level, static_cast<int64_t>(idx), bytes_of(h));
  // Each odd index closes a subtree with its left sibling, one level up.
  while (idx & 1) {
    auto left = subtree_hash((idx - 1) << level, static_cast<unsigned>(level));
    if (!left) throw std::runtime_error(left.error().message);
    h = node_hash(*left, h);
    idx >>= 1;
    ++level;
    writes.put_tree_node(level, static_cast<int64_t>(idx), bytes_of(h));
  }
  ++size_;
}

}  // namespace ledger
