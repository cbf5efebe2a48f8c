// check_receipt: everything a client can check from one write receipt with only public material (the
// verifier key): the checkpoint's signature, the leaf hash of the stored bytes and the inclusion proof.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "ledger/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/ledger.h"
#include "ledger/merkle.h"
#include "ledger/note_verifier.h"

inline void check_receipt(const ledger::Leaf& leaf, const std::string& verifier_key, const std::string& leaf_bytes) {
  auto verifier = ledger::NoteVerifier::from_key(verifier_key);
  REQUIRE(verifier);
  auto text = verifier->open(leaf.checkpoint);
  REQUIRE(text);
  auto cp = ledger::Checkpoint::parse(*text);
  REQUIRE(cp);
  auto hash = ledger::leaf_hash(leaf_bytes);
  CHECK(ledger::base64_encode({reinterpret_cast<const char*>(hash.data()), hash.size()}) == leaf.leaf_hash);
  std::vector<ledger::Hash> proof;
  for (const auto& p : leaf.inclusion_proof) {
    auto raw = ledger::base64_decode(p);
    REQUIRE(raw);
    REQUIRE(raw->size() == 32);
    ledger::Hash h;
    std::copy(raw->begin(), raw->end(), h.begin());
    proof.push_back(h);
  }
  CHECK(ledger::verify_inclusion(hash, static_cast<uint64_t>(leaf.index), cp->size, proof, cp->root));
}

