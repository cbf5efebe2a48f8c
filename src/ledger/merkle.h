// RFC 6962 / RFC 9162 Merkle tree hashing, proof building and proof verification (ledger.md §2).
// Leaf hash SHA-256(0x00 || leaf); node hash SHA-256(0x01 || left || right); a tree of n > 1
// leaves splits at the largest power of two below n. Proof builders read stored complete-subtree
// hashes from a HashSource and cost O(log n) reads; verifiers need only the proof and the roots.
// Thread-safe (pure functions; builders only read the source).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "ledger/hash_source.h"

namespace ledger {

Hash leaf_hash(std::string_view leaf_bytes);
Hash node_hash(const Hash& left, const Hash& right);
// MTH({}) = SHA-256 of the empty string.
Hash empty_root();

// MTH over a list of leaf hashes, by the RFC recursion: O(n) hashing, for small trees and tests.
Hash root(std::span<const Hash> leaf_hashes);

// MTH(D[0:size]) from stored subtrees. Fails (invalid_input) if size > source.size().
domain::Result<Hash> root(uint64_t size, const HashSource& source);

// MTH(D[begin:end]) for a range that occurs in the RFC recursion: begin < end <= source.size() and
// begin a multiple of the smallest power of two >= end - begin. Such a range is its complete
// subtrees for the one bits of its length, largest first, folded right to left: at most log2(n)
// reads. Fails (invalid_input) for any other range, whose RFC hash would need different splits.
domain::Result<Hash> range_hash(uint64_t begin, uint64_t end, const HashSource& source);

// PATH(index, D[0:size]) of RFC 9162 2.1.3.1: sibling first, root side last, never padded.
// Fails (invalid_input) unless index < size <= source.size().
domain::Result<std::vector<Hash>> inclusion_proof(uint64_t index, uint64_t size, const HashSource& source);

// PROOF(old_size, D[0:new_size]) of RFC 9162 2.1.4.1. Empty when old_size == 0 or old_size ==
// new_size; omits the old root when old_size is a power of two. Fails (invalid_input) unless
// old_size <= new_size <= source.size().
domain::Result<std::vector<Hash>> consistency_proof(uint64_t old_size, uint64_t new_size, const HashSource& source);

// RFC 9162 2.1.3.2: true iff `proof` shows leaf_hash at `index` in the tree of `size` with `root`.
bool verify_inclusion(const Hash& leaf, uint64_t index, uint64_t size, std::span<const Hash> proof, const Hash& root);

// RFC 9162 2.1.4.2: true iff `proof` shows the tree (old_size, old_root) is a prefix of the tree
// (new_size, new_root). old_size == new_size needs an empty proof and equal roots; old_size == 0
// needs an empty proof and old_root == empty_root() (the empty tree is a prefix of every tree).
bool verify_consistency(uint64_t old_size, uint64_t new_size, const Hash& old_root, const Hash& new_root,
                        std::span<const Hash> proof);

}  // namespace ledger
