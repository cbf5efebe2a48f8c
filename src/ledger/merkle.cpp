#include "ledger/merkle.h"

#include <openssl/evp.h>

#include <bit>
#include <stdexcept>

namespace ledger {
namespace {

// Fetched once: implicit fetching inside EVP_sha256() per call costs a lock and a lookup, and proof
// verification hashes in tight loops.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL has no SHA-256");
  return md;
}

Hash sha256_parts(std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  Hash out{};
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, sha256_md(), nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx, out.data(), nullptr) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) throw std::runtime_error("SHA-256 failed");
  return out;
}

std::string_view view(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

domain::Error invalid(std::string message) {
  return domain::make_error(domain::Errc::invalid_input, std::move(message));
}

// Largest power of two strictly below n (n >= 2): the RFC split point.
uint64_t split_point(uint64_t n) { return std::bit_floor(n - 1); }

// PATH(m, D[lo:hi]) appended root-side first into `out` (reversed by the caller). Only the first
// descent to the left can meet an incomplete sibling, so the whole path is O(log n) reads.
domain::Status path(uint64_t m, uint64_t lo, uint64_t hi, const HashSource& src, std::vector<Hash>& out) {
  while (hi - lo > 1) {
    const uint64_t k = split_point(hi - lo);
    auto sibling = m < lo + k ? range_hash(lo + k, hi, src) : range_hash(lo, lo + k, src);
    if (!sibling) return sibling.error();
    out.push_back(*sibling);
    if (m < lo + k)
      hi = lo + k;
    else
      lo += k;
  }
  return domain::Ok{};
}

// SUBPROOF(m, D[lo:hi], b) of RFC 9162 2.1.4.1, iteratively, root side first into `out`.
domain::Status subproof(uint64_t m, uint64_t lo, uint64_t hi, const HashSource& src, std::vector<Hash>& out) {
  bool complete_old = true;  // b: the old tree is exactly D[0:m], so its subtree need not be sent
  while (m != hi - lo) {
    const uint64_t k = split_point(hi - lo);
    if (m <= k) {
      auto right = range_hash(lo + k, hi, src);
      if (!right) return right.error();
      out.push_back(*right);
      hi = lo + k;
    } else {
      auto left = range_hash(lo, lo + k, src);
      if (!left) return left.error();
      out.push_back(*left);
      m -= k;
      lo += k;
      complete_old = false;
    }
  }
  if (!complete_old) {
    auto h = range_hash(lo, hi, src);
    if (!h) return h.error();
    out.push_back(*h);
  }
  return domain::Ok{};
}

}  // namespace

Hash leaf_hash(std::string_view leaf_bytes) { return sha256_parts({std::string_view("\x00", 1), leaf_bytes}); }

Hash node_hash(const Hash& left, const Hash& right) {
  return sha256_parts({std::string_view("\x01", 1), view(left), view(right)});
}

Hash empty_root() { return sha256_parts({}); }

Hash root(std::span<const Hash> leaves) {
  if (leaves.empty()) return empty_root();
  if (leaves.size() == 1) return leaves[0];
  const size_t k = split_point(leaves.size());
  return node_hash(root(leaves.first(k)), root(leaves.subspan(k)));
}

domain::Result<Hash> root(uint64_t size, const HashSource& source) {
  if (size > source.size()) return invalid("tree size exceeds the log");
  if (size == 0) return empty_root();
  return range_hash(0, size, source);
}

domain::Result<Hash> range_hash(uint64_t begin, uint64_t end, const HashSource& source) {
  if (begin >= end || end > source.size()) return invalid("range outside the log");
  if (begin % std::bit_ceil(end - begin) != 0) return invalid("range is not an RFC 6962 subtree");
  // Pieces for the one bits of the length, largest first; fold them right to left.
  std::vector<Hash> pieces;
  for (uint64_t start = begin; start < end;) {
    const uint64_t width = std::bit_floor(end - start);
    auto h = source.subtree_hash(start, static_cast<unsigned>(std::countr_zero(width)));
    if (!h) return h.error();
    pieces.push_back(*h);
    start += width;
  }
  Hash acc = pieces.back();
  for (size_t i = pieces.size() - 1; i-- > 0;) acc = node_hash(pieces[i], acc);
  return acc;
}

domain::Result<std::vector<Hash>> inclusion_proof(uint64_t index, uint64_t size, const HashSource& source) {
  if (size > source.size()) return invalid("tree size exceeds the log");
  if (index >= size) return invalid("leaf index outside the tree");
  std::vector<Hash> out;
  if (auto st = path(index, 0, size, source, out); !st) return st.error();
  return std::vector<Hash>(out.rbegin(), out.rend());
}

domain::Result<std::vector<Hash>> consistency_proof(uint64_t old_size, uint64_t new_size, const HashSource& source) {
  if (new_size > source.size()) return invalid("tree size exceeds the log");
  if (old_size > new_size) return invalid("old size exceeds new size");
  std::vector<Hash> out;
  if (old_size == 0 || old_size == new_size) return out;
  if (auto st = subproof(old_size, 0, new_size, source, out); !st) return st.error();
  return std::vector<Hash>(out.rbegin(), out.rend());
}

bool verify_inclusion(const Hash& leaf, uint64_t index, uint64_t size, std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      r = node_hash(p, r);
      if ((fn & 1) == 0) {
        do {
          fn >>= 1;
          sn >>= 1;
        } while ((fn & 1) == 0 && fn != 0);
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(uint64_t old_size, uint64_t new_size, const Hash& old_root, const Hash& new_root,
                        std::span<const Hash> proof) {
  if (old_size > new_size) return false;
  if (old_size == 0) return proof.empty() && old_root == empty_root();
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (proof.empty()) return false;
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  // When the old tree is a complete subtree the proof omits its root; the verifier supplies it.
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if ((fn & 1) == 0) {
        do {
          fn >>= 1;
          sn >>= 1;
        } while ((fn & 1) == 0 && fn != 0);
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace ledger
