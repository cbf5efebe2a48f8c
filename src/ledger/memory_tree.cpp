#include "ledger/memory_tree.h"

#include <stdexcept>

#include "ledger/merkle.h"

namespace ledger {

MemoryTree::MemoryTree(std::span<const Hash> leaf_hashes) {
  for (const Hash& h : leaf_hashes) append(h);
}

std::vector<MemoryTree::Node> MemoryTree::append(const Hash& leaf) {
  std::vector<Node> added;
  Hash carry = leaf;
  // Like incrementing a binary counter: each level whose count becomes even completes a parent.
  for (unsigned level = 0;; ++level) {
    if (levels_.size() == level) levels_.emplace_back();
    std::vector<Hash>& row = levels_[level];
    row.push_back(carry);
    added.push_back(Node{level, row.size() - 1, carry});
    if (row.size() % 2 != 0) break;
    carry = node_hash(row[row.size() - 2], row.back());
  }
  return added;
}

std::vector<MemoryTree::Node> MemoryTree::append_leaf(std::string_view leaf_bytes) {
  return append(leaf_hash(leaf_bytes));
}

domain::Result<Hash> MemoryTree::subtree_hash(uint64_t start, unsigned level) const {
  if (level >= 64 || level >= levels_.size() || start % (uint64_t{1} << level) != 0) {
    return domain::make_error(domain::Errc::invalid_input, "not an aligned subtree");
  }
  const uint64_t index = start >> level;
  if (index >= levels_[level].size()) {
    return domain::make_error(domain::Errc::invalid_input, "subtree beyond the log");
  }
  return levels_[level][index];
}

Hash MemoryTree::root() const {
  const uint64_t n = size();
  if (n == 0) return empty_root();
  auto r = range_hash(0, n, *this);
  // range_hash over [0, size()) only reads subtrees this tree holds, so failure is a bug.
  if (!r) throw std::logic_error("MemoryTree::root: " + r.error().message);
  return *r;
}

}  // namespace ledger
