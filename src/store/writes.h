// store::Writes: every insert and custody update, on the writer's connection inside the ledger's
// transaction. Not thread-safe: only the ledger's writer thread uses it.
// Insert functions return false when a UNIQUE constraint refused the row (the caller turns that into
// a 409 naming the field); other failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/rows.h"

namespace store {

class Writes {
 public:
  explicit Writes(Database& db) : db_(db) {}

  void append_log(int64_t leaf_index, std::string_view kind, std::string_view record_id,
                  std::string_view leaf, std::string_view recorded_at);

  bool insert_party(const PartyRow& row, std::string_view token_hash);
  void insert_site(const SiteRow& row);
  bool insert_product(const ProductRow& row);
  bool insert_batch(const BatchRow& row);
  void insert_parent(const ParentLink& link);
  bool insert_event(const EventRow& row);  // false: the corrected event already has a correction
  void insert_event_batch(std::string_view event_id, std::string_view batch_id, std::string_view role);

  bool insert_parcel(const ParcelRow& row);  // false: that serial is already used for the batch
  // Makes every stored page of the subject (batch id, or "product:" + GTIN) outdated.
  void bump_page_version(std::string_view subject);
  // Forgets page changes the page store has followed (see 005_page_changes.sql).
  void delete_page_changes_through(int64_t seq);
  void put_rendered_page(std::string_view page_key, std::string_view subject, int64_t version,
                         const RenderedPage& page);

  void put_tree_node(int level, int64_t idx, std::string_view hash);
  // Replaces the checkpoint of the same size (a periodic re-signing of an unchanged tree).
  void put_checkpoint(const CheckpointRow& row);

  // Deletes stored pages whose key does not start with `prefix` (rendered by another build).
  void delete_rendered_pages_except(std::string_view prefix);

  void set_holding(std::string_view batch_id, std::string_view party_id, int64_t quantity_milli);
  void insert_shipment(const ShipmentRow& row);
  void mark_received(std::string_view ship_event_id, std::string_view receive_event_id);

 private:
  Database& db_;
};

}  // namespace store
