// store::EvidenceReads: the reads only the evidence bundle (web/evidence_bundle.*) makes beyond
// store::Queries — every key registration of a party, not just the current one (store::PartyKeys).
// Not thread-safe: one per connection, like the Database it reads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

class EvidenceReads {
 public:
  explicit EvidenceReads(Database& db) : db_(db) {}

  // The leaves of the party's party_key records, oldest first; empty when it never registered a key.
  std::vector<int64_t> party_key_leaves(std::string_view party_id);

 private:
  Database& db_;
};

}  // namespace store
