// store::ProducerQueries: the reads of a producer's own page (GET /producer) — the recalls that reached
// stock its party held, pending and confirmed, each with its recall event and batch, and the party's
// recent batches with what it holds of each now. Every list is bounded; every value is bound.
// Not thread-safe: one per connection, like the Database it reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

// One recall_reach row of the party, joined with its recall event and the reached batch.
struct PartyRecallRow {
  std::string recall_id;
  int64_t recall_at_unix = 0;
  int64_t level = 0;
  std::string reason;
  std::string batch_id, gtin, lot, unit;
  std::string product_name;
  int64_t quantity_milli = 0;  // held when the recall was recorded
  // Confirmed rows only: the holder's recall_confirm event, its action and when it was recorded.
  std::optional<std::string> confirmed_by;
  std::string confirm_action;
  int64_t confirmed_at_unix = 0;
};

// A batch the party registered or holds some of, with its product's name and the party's holding now.
struct PartyBatchRow {
  std::string batch_id, gtin, lot, unit, county;
  std::string product_name;
  int64_t produced_unix = 0;
  int64_t held_milli = 0;
};

class ProducerQueries {
 public:
  explicit ProducerQueries(Database& db) : db_(db) {}

  // Reach rows of `party_id` not yet confirmed, newest recall first, at most `limit`.
  std::vector<PartyRecallRow> pending_recalls(std::string_view party_id, int64_t limit);
  // Reach rows of `party_id` already confirmed, newest confirmation first, at most `limit`.
  std::vector<PartyRecallRow> confirmed_recalls(std::string_view party_id, int64_t limit);
  // Batches `party_id` registered or holds (a holdings row, even one down to 0), newest registered
  // first, at most `limit`.
  std::vector<PartyBatchRow> recent_batches(std::string_view party_id, int64_t limit);

 private:
  Database& db_;
};

}  // namespace store
