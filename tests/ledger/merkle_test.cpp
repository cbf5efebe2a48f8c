// RFC 6962 / 9162 tree hashing and proofs: the shared tlog vectors, the RFC 9162 2.1.5 worked
// example, and properties over random tree sizes checked against a naive RFC reference.
#include "ledger/merkle.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/base64.h"
#include "ledger/memory_tree.h"

using ledger::Hash;

namespace {

nlohmann::json load_vectors() {
  std::ifstream in(std::string(AGRITRACE_SHARED_DIR) + "/data/tlog-vectors.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::string b64(const Hash& h) { return ledger::base64_encode({reinterpret_cast<const char*>(h.data()), h.size()}); }

std::vector<std::string> b64_all(const std::vector<Hash>& hs) {
  std::vector<std::string> out;
  for (const Hash& h : hs) out.push_back(b64(h));
  return out;
}

std::string hex(const Hash& h) {
  std::ostringstream os;
  for (uint8_t b : h) os << "0123456789abcdef"[b >> 4] << "0123456789abcdef"[b & 15];
  return os.str();
}

// Naive RFC 9162 2.1.3.1 / 2.1.4.1 straight from the recursive definitions, over the leaf hashes.
using Span = std::span<const Hash>;
std::vector<Hash> ref_path(size_t m, Span d) {
  if (d.size() <= 1) return {};
  const size_t k = std::bit_floor(d.size() - 1);
  std::vector<Hash> out = m < k ? ref_path(m, d.first(k)) : ref_path(m - k, d.subspan(k));
  out.push_back(m < k ? ledger::root(d.subspan(k)) : ledger::root(d.first(k)));
  return out;
}
std::vector<Hash> ref_subproof(size_t m, Span d, bool b) {
  if (m == d.size()) return b ? std::vector<Hash>{} : std::vector<Hash>{ledger::root(d)};
  const size_t k = std::bit_floor(d.size() - 1);
  std::vector<Hash> out = m <= k ? ref_subproof(m, d.first(k), b) : ref_subproof(m - k, d.subspan(k), false);
  out.push_back(m <= k ? ledger::root(d.subspan(k)) : ledger::root(d.first(k)));
  return out;
}

Hash flipped(Hash h, size_t byte) {
  h[byte % h.size()] ^= 0x01;
  return h;
}

// A source whose storage fails: builders must pass the error on, not invent hashes.
struct FailingSource final : ledger::HashSource {
  uint64_t size() const override { return 100; }
  domain::Result<Hash> subtree_hash(uint64_t, unsigned) const override {
    return domain::make_error(domain::Errc::internal, "disk on fire");
  }
};

}  // namespace

TEST_CASE("merkle: leaf, node and empty hashes match RFC 6962 and ledger.md", "[merkle]") {
  const auto v = load_vectors();
  CHECK(b64(ledger::empty_root()) == v["empty_root"].get<std::string>());
  CHECK(b64(ledger::empty_root()) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  const auto leaf0 = ledger::base64_decode(v["leaves_b64"][0].get<std::string>());
  REQUIRE(leaf0.ok());
  CHECK(hex(ledger::leaf_hash(*leaf0)) == "ed4c5be350044a4742a2976eb6a9f7b7b1aee10b1da68e035e55cbbdc0e5f6d3");
  CHECK(ledger::leaf_hash("a") != ledger::leaf_hash("b"));
  const Hash a = ledger::leaf_hash("a"), b = ledger::leaf_hash("b");
  CHECK(ledger::node_hash(a, b) != ledger::node_hash(b, a));
  CHECK(ledger::root(std::vector<Hash>{}) == ledger::empty_root());
  CHECK(ledger::root(std::vector<Hash>{a}) == a);
}

TEST_CASE("merkle: every shared tlog vector (roots, inclusion, consistency) for sizes 1..13", "[merkle]") {
  const auto v = load_vectors();
  std::vector<Hash> leaves;
  for (const auto& l : v["leaves_b64"]) {
    const auto bytes = ledger::base64_decode(l.get<std::string>());
    REQUIRE(bytes.ok());
    leaves.push_back(ledger::leaf_hash(*bytes));
  }
  REQUIRE(v["trees"].size() == 13);
  const ledger::MemoryTree tree(leaves);
  for (const auto& t : v["trees"]) {
    const uint64_t n = t["size"].get<uint64_t>();
    INFO("size " << n);
    const std::string want_root = t["root"].get<std::string>();
    auto got_root = ledger::root(n, tree);
    REQUIRE(got_root.ok());
    CHECK(b64(*got_root) == want_root);
    CHECK(b64(ledger::root(std::span(leaves).first(n))) == want_root);
    CHECK(b64(ledger::MemoryTree(std::span(leaves).first(n)).root()) == want_root);

    REQUIRE(t["inclusion"].size() == n);
    for (uint64_t i = 0; i < n; ++i) {
      INFO("inclusion of leaf " << i);
      auto proof = ledger::inclusion_proof(i, n, tree);
      REQUIRE(proof.ok());
      CHECK(b64_all(*proof) == t["inclusion"][i].get<std::vector<std::string>>());
      CHECK(ledger::verify_inclusion(leaves[i], i, n, *proof, *got_root));
    }
    CHECK(t["consistency"].size() == n - 1);
    for (const auto& [key, want] : t["consistency"].items()) {
      const uint64_t m = std::stoull(key);
      INFO("consistency " << m << " -> " << n);
      auto proof = ledger::consistency_proof(m, n, tree);
      REQUIRE(proof.ok());
      CHECK(b64_all(*proof) == want.get<std::vector<std::string>>());
      CHECK(ledger::verify_consistency(m, n, *ledger::root(m, tree), *got_root, *proof));
    }
  }
}

TEST_CASE("merkle: RFC 9162 2.1.5 worked example with 7 leaves", "[merkle]") {
  std::vector<Hash> d;
  for (char i = '0'; i < '7'; ++i) d.push_back(ledger::leaf_hash(std::string{'d', i}));
  const Hash &a = d[0], &b = d[1], &c = d[2], &dd = d[3], &e = d[4], &f = d[5], &j = d[6];
  const Hash g = ledger::node_hash(a, b), h = ledger::node_hash(c, dd), i = ledger::node_hash(e, f);
  const Hash k = ledger::node_hash(g, h), l = ledger::node_hash(i, j);
  const ledger::MemoryTree tree(d);
  CHECK(tree.root() == ledger::node_hash(k, l));
  const auto inc = [&](uint64_t idx) { return *ledger::inclusion_proof(idx, 7, tree); };
  CHECK(inc(0) == std::vector<Hash>{b, h, l});
  CHECK(inc(3) == std::vector<Hash>{c, g, l});
  CHECK(inc(4) == std::vector<Hash>{f, j, k});
  CHECK(inc(6) == std::vector<Hash>{i, k});
  const auto con = [&](uint64_t m) { return *ledger::consistency_proof(m, 7, tree); };
  CHECK(con(3) == std::vector<Hash>{c, dd, g, l});
  CHECK(con(4) == std::vector<Hash>{l});
  CHECK(con(6) == std::vector<Hash>{i, j, k});
  CHECK(con(7).empty());
  CHECK(con(0).empty());
}

TEST_CASE("merkle: MemoryTree stores each completed subtree once", "[merkle]") {
  ledger::MemoryTree tree;
  CHECK(tree.size() == 0);
  CHECK(tree.root() == ledger::empty_root());
  for (int i = 0; i < 3; ++i) CHECK(tree.append_leaf(std::to_string(i)).size() == (i == 1 ? 2u : 1u));
  const auto added = tree.append_leaf("3");  // completes [2,4) and [0,4)
  REQUIRE(added.size() == 3);
  CHECK((added[0].level == 0 && added[0].index == 3));
  CHECK((added[1].level == 1 && added[1].index == 1));
  CHECK((added[2].level == 2 && added[2].index == 0));
  CHECK(added[2].hash == tree.root());
  CHECK(*tree.subtree_hash(0, 2) == tree.root());
  CHECK_FALSE(tree.subtree_hash(1, 1).ok());  // unaligned
  CHECK_FALSE(tree.subtree_hash(4, 0).ok());  // beyond the log
  CHECK_FALSE(tree.subtree_hash(0, 3).ok());  // incomplete
}

TEST_CASE("merkle: builders reject bad sizes and pass storage errors on", "[merkle]") {
  ledger::MemoryTree tree;
  for (int i = 0; i < 5; ++i) tree.append_leaf(std::to_string(i));
  CHECK_FALSE(ledger::inclusion_proof(5, 5, tree).ok());
  CHECK_FALSE(ledger::inclusion_proof(0, 6, tree).ok());
  CHECK_FALSE(ledger::inclusion_proof(0, 0, tree).ok());
  CHECK_FALSE(ledger::consistency_proof(3, 6, tree).ok());
  CHECK_FALSE(ledger::consistency_proof(4, 3, tree).ok());
  CHECK_FALSE(ledger::root(6, tree).ok());
  CHECK_FALSE(ledger::range_hash(1, 5, tree).ok());  // not a subtree the RFC recursion uses
  CHECK(*ledger::range_hash(4, 5, tree) == *tree.subtree_hash(4, 0));
  const FailingSource broken;
  const auto proof = ledger::inclusion_proof(3, 7, broken);
  REQUIRE_FALSE(proof.ok());
  CHECK(proof.error().code == domain::Errc::internal);
  CHECK_FALSE(ledger::consistency_proof(3, 7, broken).ok());
  CHECK_FALSE(ledger::root(7, broken).ok());
}

TEST_CASE("merkle: verifiers handle the degenerate sizes", "[merkle]") {
  ledger::MemoryTree tree;
  for (int i = 0; i < 4; ++i) tree.append_leaf(std::to_string(i));
  const Hash r4 = tree.root(), r2 = *ledger::root(2, tree);
  CHECK(ledger::verify_consistency(0, 4, ledger::empty_root(), r4, {}));
  CHECK_FALSE(ledger::verify_consistency(0, 4, r2, r4, {}));
  CHECK(ledger::verify_consistency(4, 4, r4, r4, {}));
  CHECK_FALSE(ledger::verify_consistency(4, 4, r2, r4, {}));
  CHECK_FALSE(ledger::verify_consistency(4, 4, r4, r4, std::vector<Hash>{r4}));
  CHECK_FALSE(ledger::verify_consistency(2, 4, r2, r4, {}));
  CHECK_FALSE(ledger::verify_consistency(4, 2, r4, r2, {}));
  CHECK(ledger::verify_inclusion(*tree.subtree_hash(0, 0), 0, 1, {}, *tree.subtree_hash(0, 0)));
  CHECK_FALSE(ledger::verify_inclusion(*tree.subtree_hash(0, 0), 0, 0, {}, ledger::empty_root()));
}

TEST_CASE("merkle: proofs over random tree sizes verify, and any tampering fails", "[merkle][property]") {
  constexpr uint64_t kMax = 2000;
  std::mt19937_64 rng(20260914);
  std::vector<Hash> leaves;
  ledger::MemoryTree tree;
  for (uint64_t i = 0; i < kMax; ++i) {
    leaves.push_back(ledger::leaf_hash("leaf " + std::to_string(rng())));
    tree.append(leaves.back());
  }
  std::vector<Hash> roots{ledger::empty_root()};
  for (uint64_t n = 1; n <= kMax; ++n) roots.push_back(*ledger::root(n, tree));

  std::vector<uint64_t> sizes;
  for (uint64_t n = 1; n <= 40; ++n) sizes.push_back(n);
  for (uint64_t n : {64u, 127u, 128u, 129u, 1023u, 1024u, 1025u, 2000u}) sizes.push_back(n);
  for (int s = 0; s < 16; ++s) sizes.push_back(1 + rng() % kMax);

  for (const uint64_t n : sizes) {
    INFO("tree size " << n);
    const Span prefix = std::span(leaves).first(n);
    REQUIRE(ledger::root(prefix) == roots[n]);
    std::uniform_int_distribution<uint64_t> pick(0, n - 1);
    for (uint64_t i = 0; i < n; ++i) {
      const auto proof = *ledger::inclusion_proof(i, n, tree);
      REQUIRE(ledger::verify_inclusion(leaves[i], i, n, proof, roots[n]));
      if (n > 64 && i % 97 != 0) continue;  // the rest of the checks on a sample of large trees
      INFO("leaf " << i);
      CHECK(proof == ref_path(i, prefix));
      CHECK_FALSE(ledger::verify_inclusion(flipped(leaves[i], i), i, n, proof, roots[n]));
      CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n, proof, flipped(roots[n], i)));
      if (n > 1) {
        CHECK_FALSE(ledger::verify_inclusion(leaves[i], (i + 1 + pick(rng) % (n - 1)) % n, n, proof, roots[n]));
        auto bad = proof;
        bad[pick(rng) % bad.size()][pick(rng) % 32] ^= 0x80;
        CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n, bad, roots[n]));
        CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n, std::span(proof).first(proof.size() - 1), roots[n]));
      }
      auto longer = proof;
      longer.push_back(leaves[i]);
      CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n, longer, roots[n]));
      if (n < kMax) CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n + 1, proof, roots[n + 1]));
      if (n > i + 1) CHECK_FALSE(ledger::verify_inclusion(leaves[i], i, n - 1, proof, roots[n - 1]));
    }
    for (uint64_t m = 1; m < n; ++m) {
      const auto proof = *ledger::consistency_proof(m, n, tree);
      REQUIRE(ledger::verify_consistency(m, n, roots[m], roots[n], proof));
      if (n > 64 && m % 97 != 0) continue;
      INFO("old size " << m);
      CHECK(proof == ref_subproof(m, prefix, true));
      CHECK_FALSE(ledger::verify_consistency(m, n, flipped(roots[m], m), roots[n], proof));
      CHECK_FALSE(ledger::verify_consistency(m, n, roots[m], flipped(roots[n], m), proof));
      auto bad = proof;
      bad[pick(rng) % bad.size()][pick(rng) % 32] ^= 0x80;
      CHECK_FALSE(ledger::verify_consistency(m, n, roots[m], roots[n], bad));
      if (m > 1) CHECK_FALSE(ledger::verify_consistency(m - 1, n, roots[m - 1], roots[n], proof));
      if (m + 1 < n) CHECK_FALSE(ledger::verify_consistency(m + 1, n, roots[m + 1], roots[n], proof));
      if (n < kMax) CHECK_FALSE(ledger::verify_consistency(m, n + 1, roots[m], roots[n + 1], proof));
      if (m + 1 < n) CHECK_FALSE(ledger::verify_consistency(m, n - 1, roots[m], roots[n - 1], proof));
    }
  }
}
