#include "store/writes.h"

#include "store/page_slot.h"

namespace store {

void Writes::append_log(int64_t leaf_index, std::string_view kind, std::string_view record_id,
                        std::string_view leaf, std::string_view recorded_at) {
  static constexpr const char* kSql =
      "INSERT INTO log_entries (leaf_index, kind, record_id, leaf, recorded_at) VALUES (?, ?, ?, ?, ?)";
  db_.cached(kSql).bind(1, leaf_index).bind(2, kind).bind(3, record_id).bind_blob(4, leaf).bind(5, recorded_at).run();
}

bool Writes::insert_party(const PartyRow& r, std::string_view token_hash) {
  static constexpr const char* kSql =
      "INSERT INTO parties (id, name, kind, county, token_hash, body, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?)";
  auto& s = db_.cached(kSql);
  s.bind(1, r.id).bind(2, r.name).bind(3, r.kind).bind(4, r.county).bind(5, token_hash).bind(6, r.body);
  return s.bind(7, r.leaf_index).try_run();
}

void Writes::insert_site(const SiteRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO sites (id, party_id, body, leaf_index) VALUES (?, ?, ?, ?)";
  db_.cached(kSql).bind(1, r.id).bind(2, r.party_id).bind(3, r.body).bind(4, r.leaf_index).run();
}

bool Writes::insert_product(const ProductRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO products (id, gtin, party_id, body, leaf_index) VALUES (?, ?, ?, ?, ?)";
  return db_.cached(kSql).bind(1, r.id).bind(2, r.gtin).bind(3, r.party_id).bind(4, r.body).bind(5, r.leaf_index).try_run();
}

bool Writes::insert_batch(const BatchRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO batches (id, product_id, gtin, lot, party_id, county, produced_unix, body, leaf_index)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  auto& s = db_.cached(kSql);
  s.bind(1, r.id).bind(2, r.product_id).bind(3, r.gtin).bind(4, r.lot).bind(5, r.party_id).bind(6, r.county);
  return s.bind(7, r.produced_unix).bind(8, r.body).bind(9, r.leaf_index).try_run();
}

void Writes::insert_parent(const ParentLink& l) {
  static constexpr const char* kSql =
      "INSERT INTO batch_parents (child_id, parent_id, event_id, quantity_milli) VALUES (?, ?, ?, ?)";
  db_.cached(kSql).bind(1, l.child_id).bind(2, l.parent_id).bind(3, l.event_id).bind(4, l.quantity_milli).run();
}

bool Writes::insert_event(const EventRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO events (id, kind, party_id, at_unix, corrects, body, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?)";
  auto& s = db_.cached(kSql);
  s.bind(1, r.id).bind(2, r.kind).bind(3, r.party_id).bind(4, r.at_unix).bind_optional(5, r.corrects);
  return s.bind(6, r.body).bind(7, r.leaf_index).try_run();
}

void Writes::insert_event_batch(std::string_view event_id, std::string_view batch_id, std::string_view role) {
  static constexpr const char* kSql =
      "INSERT OR IGNORE INTO event_batches (event_id, batch_id, role) VALUES (?, ?, ?)";
  db_.cached(kSql).bind(1, event_id).bind(2, batch_id).bind(3, role).run();
}

bool Writes::insert_parcel(const ParcelRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO parcels (gtin, lot, serial, batch_id, event_id) VALUES (?, ?, ?, ?, ?)";
  return db_.cached(kSql).bind(1, r.gtin).bind(2, r.lot).bind(3, r.serial).bind(4, r.batch_id).bind(5, r.event_id).try_run();
}

void Writes::bump_page_version(std::string_view subject) {
  static constexpr const char* kSql =
      "INSERT INTO page_versions (subject, version) VALUES (?, 1)"
      " ON CONFLICT (subject) DO UPDATE SET version = version + 1";
  db_.cached(kSql).bind(1, subject).run();
  db_.cached("INSERT INTO page_changes (subject) VALUES (?)").bind(1, subject).run();
}

void Writes::delete_page_changes_through(int64_t seq) {
  db_.cached("DELETE FROM page_changes WHERE seq <= ?").bind(1, seq).run();
}

void Writes::put_rendered_page(std::string_view page_key, std::string_view subject, int64_t version,
                               const RenderedPage& page) {
  static constexpr const char* kSql =
      "INSERT OR REPLACE INTO rendered_pages (slot, page_key, subject, version, content_type, body)"
      " VALUES (?, ?, ?, ?, ?, ?)";
  auto& s = db_.cached(kSql).bind(1, page_slot(page_key)).bind(2, page_key).bind(3, subject).bind(4, version);
  s.bind(5, page.content_type).bind_blob(6, page.body).run();
}

void Writes::put_tree_node(int level, int64_t idx, std::string_view hash) {
  static constexpr const char* kSql = "INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)";
  db_.cached(kSql).bind(1, static_cast<int64_t>(level)).bind(2, idx).bind_blob(3, hash).run();
}

void Writes::put_checkpoint(const CheckpointRow& row) {
  static constexpr const char* kSql = "INSERT OR REPLACE INTO checkpoints (size, root, note) VALUES (?, ?, ?)";
  db_.cached(kSql).bind(1, row.size).bind_blob(2, row.root).bind(3, row.note).run();
}

void Writes::delete_rendered_pages_except(std::string_view prefix) {
  static constexpr const char* kSql = "DELETE FROM rendered_pages WHERE substr(page_key, 1, ?) <> ?";
  db_.cached(kSql).bind(1, static_cast<int64_t>(prefix.size())).bind(2, prefix).run();
}

void Writes::set_holding(std::string_view batch_id, std::string_view party_id, int64_t quantity_milli) {
  static constexpr const char* kSql =
      "INSERT INTO holdings (batch_id, party_id, quantity_milli) VALUES (?, ?, ?)"
      " ON CONFLICT (batch_id, party_id) DO UPDATE SET quantity_milli = excluded.quantity_milli";
  db_.cached(kSql).bind(1, batch_id).bind(2, party_id).bind(3, quantity_milli).run();
}

void Writes::insert_shipment(const ShipmentRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO shipments (event_id, batch_id, to_party, quantity_milli) VALUES (?, ?, ?, ?)";
  db_.cached(kSql).bind(1, r.event_id).bind(2, r.batch_id).bind(3, r.to_party).bind(4, r.quantity_milli).run();
}

void Writes::mark_received(std::string_view ship_event_id, std::string_view receive_event_id) {
  static constexpr const char* kSql = "UPDATE shipments SET received_by = ? WHERE event_id = ?";
  db_.cached(kSql).bind(1, receive_event_id).bind(2, ship_event_id).run();
}

}  // namespace store
