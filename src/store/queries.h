// store::Queries: every read the server makes, over one connection (a reader's own, or the writer's
// inside its transaction). Not thread-safe: one per connection, like the Database it reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/rows.h"

namespace store {

class Queries {
 public:
  explicit Queries(Database& db) : db_(db) {}
  Database& database() { return db_; }

  std::optional<PartyRow> party(std::string_view id);
  std::optional<PartyRow> party_by_token_hash(std::string_view token_hash);
  std::optional<SiteRow> site(std::string_view id);
  std::optional<ProductRow> product(std::string_view id);
  std::optional<ProductRow> product_by_gtin(std::string_view gtin14);
  std::optional<BatchRow> batch(std::string_view id);
  std::optional<BatchRow> batch_by_gtin_lot(std::string_view gtin14, std::string_view lot);
  std::vector<BatchRow> batches(const BatchFilter& filter);  // ordered by seq
  std::vector<BatchRow> batches_of_product(std::string_view product_id, int limit);  // newest first

  std::optional<EventRow> event(std::string_view id);
  // Every event touching the batch (any role), by event time then arrival; corrected ones included
  // with corrected_by set, so callers can show the history. Bounded: the first 1000.
  std::vector<EventRow> events_of_batch(std::string_view batch_id);
  // The batch's inspect events (corrected ones included), in recorded order, at most `limit`: the
  // rapid-test re-test flow replays them.
  std::vector<EventRow> inspections_of_batch(std::string_view batch_id, int64_t limit);
  // The seq of the newest event of `kind` on the batch (e.g. an inspector's release); 0 when none.
  int64_t last_event_seq(std::string_view batch_id, std::string_view kind);

  std::vector<ParentLink> parents(std::string_view child_id);
  std::vector<ParentLink> children(std::string_view parent_id);

  std::vector<HoldingRow> holdings(std::string_view batch_id);  // positive holdings only
  int64_t holding(std::string_view batch_id, std::string_view party_id);
  std::optional<ShipmentRow> shipment(std::string_view event_id);

  std::optional<ParcelRow> parcel(std::string_view gtin14, std::string_view lot, std::string_view serial);

  // A stored consumer page, only if it was rendered at its subject's current page version.
  std::optional<RenderedPage> rendered_page(std::string_view page_key);
  int64_t page_version(std::string_view subject);
  // Batches after the given seq, in seq order (the page store's sweep).
  std::vector<BatchRow> batches_after(int64_t after_seq, int limit);
  // Page changes after `after_seq`, oldest first: (seq, subject). And the newest seq (0 if none).
  std::vector<std::pair<int64_t, std::string>> page_changes_after(int64_t after_seq, int limit);
  int64_t last_page_change();

  // Merkle tree storage (schemas/sql/003_log_tree.sql).
  std::optional<std::string> tree_node(int level, int64_t idx);
  int64_t tree_size();  // leaves hashed into the tree
  std::optional<CheckpointRow> latest_checkpoint();

  int64_t log_size();
  std::optional<LogEntryRow> log_entry(int64_t leaf_index);
  std::optional<LogEntryRow> log_entry_of(std::string_view record_id);  // the record's first leaf

 private:
  Database& db_;
};

}  // namespace store
