// store::PartyKeys: the producers' registered public keys and the replay guard of signed requests
// (schemas/sql/004_party_keys.sql), over one connection — a reader's own, or the writer's inside the
// ledger's transaction. Not thread-safe: one per connection, like the Database it uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

struct PartyKeyRow {
  int64_t seq = 0;
  std::string party_id;
  std::string public_key;  // standard base64 of the 32-byte raw Ed25519 key
  std::string key_id;      // 8 lower-case hex digits
  int64_t leaf_index = 0;  // the party_key record
};

class PartyKeys {
 public:
  explicit PartyKeys(Database& db) : db_(db) {}

  // The party's current key (the newest registration); nullopt when it never registered one.
  std::optional<PartyKeyRow> current(std::string_view party_id);
  // The leaves of every party_key record of the party, oldest first (the evidence bundle carries the
  // whole key history); empty when it never registered a key.
  std::vector<int64_t> leaves(std::string_view party_id);
  void insert(const PartyKeyRow& row);

  // The leaf of the record a signature value was accepted with; nullopt when never used.
  std::optional<int64_t> signature_leaf(std::string_view value);
  // Records the value as used by `record_id` (whose leaf must already be in log_entries). Returns false
  // when the value was used before (the caller answers 409); throws if the record has no leaf.
  bool insert_signature(std::string_view value, std::string_view record_id);

 private:
  Database& db_;
};

}  // namespace store
