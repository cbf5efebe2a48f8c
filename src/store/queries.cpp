#include "store/queries.h"

#include "store/page_slot.h"

namespace store {
namespace {

constexpr const char* kPartyColumns = "id, name, kind, county, body, leaf_index";

PartyRow read_party(const Statement& s) {
  return PartyRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5)};
}
SiteRow read_site(const Statement& s) { return SiteRow{s.text(0), s.text(1), s.text(2), s.integer(3)}; }
ProductRow read_product(const Statement& s) {
  return ProductRow{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)};
}
BatchRow read_batch(const Statement& s) {
  return BatchRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                  s.text(6),    s.integer(7), s.text(8), s.integer(9)};
}
EventRow read_event(const Statement& s) {
  return EventRow{s.integer(0), s.text(1),          s.text(2), s.text(3), s.integer(4),
                  s.optional_text(5), s.optional_text(6), s.text(7), s.integer(8)};
}

// Every read resets its statement when done: a statement left mid-result keeps its read transaction
// open, so later reads on this connection would see a stale snapshot.
template <class F>
auto one(Statement& s, F read) -> std::optional<decltype(read(s))> {
  std::optional<decltype(read(s))> row;
  if (s.step()) row = read(s);
  s.reset();
  return row;
}

template <class F>
auto all(Statement& s, F read) -> std::vector<decltype(read(s))> {
  std::vector<decltype(read(s))> rows;
  while (s.step()) rows.push_back(read(s));
  s.reset();
  return rows;
}

ParentLink read_link(const Statement& s) { return ParentLink{s.text(0), s.text(1), s.text(2), s.integer(3)}; }

#define BATCH_COLUMNS "seq, id, product_id, gtin, lot, party_id, county, produced_unix, body, leaf_index"
#define EVENT_COLUMNS                                                                          \
  "e.seq, e.id, e.kind, e.party_id, e.at_unix, e.corrects,"                                     \
  " (SELECT c.id FROM events c WHERE c.corrects = e.id), e.body, e.leaf_index"

}  // namespace

std::optional<PartyRow> Queries::party(std::string_view id) {
  static constexpr const char* kSql =
      "SELECT id, name, kind, county, body, leaf_index FROM parties WHERE id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  return one(s, read_party);
}

std::optional<PartyRow> Queries::party_by_token_hash(std::string_view token_hash) {
  static constexpr const char* kSql =
      "SELECT id, name, kind, county, body, leaf_index FROM parties WHERE token_hash = ?";
  auto& s = db_.cached(kSql).bind(1, token_hash);
  return one(s, read_party);
}

std::optional<SiteRow> Queries::site(std::string_view id) {
  static constexpr const char* kSql = "SELECT id, party_id, body, leaf_index FROM sites WHERE id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  return one(s, read_site);
}

std::optional<ProductRow> Queries::product(std::string_view id) {
  static constexpr const char* kSql =
      "SELECT id, gtin, party_id, body, leaf_index FROM products WHERE id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  return one(s, read_product);
}

std::optional<ProductRow> Queries::product_by_gtin(std::string_view gtin14) {
  static constexpr const char* kSql =
      "SELECT id, gtin, party_id, body, leaf_index FROM products WHERE gtin = ?";
  auto& s = db_.cached(kSql).bind(1, gtin14);
  return one(s, read_product);
}

std::optional<BatchRow> Queries::batch(std::string_view id) {
  static constexpr const char* kSql = "SELECT " BATCH_COLUMNS " FROM batches WHERE id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  return one(s, read_batch);
}

std::optional<BatchRow> Queries::batch_by_gtin_lot(std::string_view gtin14, std::string_view lot) {
  static constexpr const char* kSql = "SELECT " BATCH_COLUMNS " FROM batches WHERE gtin = ? AND lot = ?";
  auto& s = db_.cached(kSql).bind(1, gtin14).bind(2, lot);
  return one(s, read_batch);
}

std::vector<BatchRow> Queries::batches(const BatchFilter& f) {
  // One statement for every filter combination: an empty parameter disables its condition.
  static constexpr const char* kSql =
      "SELECT " BATCH_COLUMNS " FROM batches"
      " WHERE seq > ?1 AND (?2 = '' OR gtin = ?2) AND (?3 = '' OR lot = ?3)"
      " AND (?4 = '' OR party_id = ?4) AND (?5 = '' OR county = ?5)"
      " AND (?6 IS NULL OR produced_unix >= ?6) AND (?7 IS NULL OR produced_unix <= ?7)"
      " ORDER BY seq LIMIT ?8";
  auto& s = db_.cached(kSql);
  s.bind(1, f.after_seq).bind(2, f.gtin).bind(3, f.lot).bind(4, f.party_id).bind(5, f.county);
  f.from_unix ? s.bind(6, *f.from_unix) : s.bind_null(6);
  f.to_unix ? s.bind(7, *f.to_unix) : s.bind_null(7);
  s.bind(8, static_cast<int64_t>(f.limit));
  return all(s, read_batch);
}

std::vector<BatchRow> Queries::batches_of_product(std::string_view product_id, int limit) {
  static constexpr const char* kSql =
      "SELECT " BATCH_COLUMNS " FROM batches WHERE product_id = ? ORDER BY seq DESC LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, product_id).bind(2, static_cast<int64_t>(limit));
  return all(s, read_batch);
}

std::optional<EventRow> Queries::event(std::string_view id) {
  static constexpr const char* kSql = "SELECT " EVENT_COLUMNS " FROM events e WHERE e.id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  return one(s, read_event);
}

std::vector<EventRow> Queries::events_of_batch(std::string_view batch_id) {
  static constexpr const char* kSql =
      "SELECT DISTINCT " EVENT_COLUMNS " FROM event_batches eb JOIN events e ON e.id = eb.event_id"
      " WHERE eb.batch_id = ? ORDER BY e.at_unix, e.seq LIMIT 1000";
  auto& s = db_.cached(kSql).bind(1, batch_id);
  return all(s, read_event);
}

std::vector<EventRow> Queries::inspections_of_batch(std::string_view batch_id, int64_t limit) {
  static constexpr const char* kSql =
      "SELECT " EVENT_COLUMNS " FROM event_batches eb JOIN events e ON e.id = eb.event_id"
      " WHERE eb.batch_id = ? AND eb.role = 'subject' AND e.kind = 'inspect' ORDER BY e.seq LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, batch_id).bind(2, limit);
  return all(s, read_event);
}

int64_t Queries::last_event_seq(std::string_view batch_id, std::string_view kind) {
  static constexpr const char* kSql =
      "SELECT COALESCE(MAX(e.seq), 0) FROM event_batches eb JOIN events e ON e.id = eb.event_id"
      " WHERE eb.batch_id = ? AND e.kind = ?";
  auto& s = db_.cached(kSql).bind(1, batch_id).bind(2, kind);
  int64_t seq = s.step() ? s.integer(0) : 0;
  s.reset();
  return seq;
}

std::vector<ParentLink> Queries::parents(std::string_view child_id) {
  static constexpr const char* kSql =
      "SELECT child_id, parent_id, event_id, quantity_milli FROM batch_parents WHERE child_id = ?"
      " ORDER BY parent_id";
  auto& s = db_.cached(kSql).bind(1, child_id);
  return all(s, read_link);
}

std::vector<ParentLink> Queries::children(std::string_view parent_id) {
  static constexpr const char* kSql =
      "SELECT child_id, parent_id, event_id, quantity_milli FROM batch_parents WHERE parent_id = ?"
      " ORDER BY child_id";
  auto& s = db_.cached(kSql).bind(1, parent_id);
  return all(s, read_link);
}

std::vector<HoldingRow> Queries::holdings(std::string_view batch_id) {
  static constexpr const char* kSql =
      "SELECT party_id, quantity_milli FROM holdings WHERE batch_id = ? AND quantity_milli > 0"
      " ORDER BY party_id";
  auto& s = db_.cached(kSql).bind(1, batch_id);
  return all(s, [](const Statement& r) { return HoldingRow{r.text(0), r.integer(1)}; });
}

int64_t Queries::holding(std::string_view batch_id, std::string_view party_id) {
  static constexpr const char* kSql =
      "SELECT quantity_milli FROM holdings WHERE batch_id = ? AND party_id = ?";
  auto& s = db_.cached(kSql).bind(1, batch_id).bind(2, party_id);
  return one(s, [](const Statement& r) { return r.integer(0); }).value_or(0);
}

std::optional<ShipmentRow> Queries::shipment(std::string_view event_id) {
  static constexpr const char* kSql =
      "SELECT event_id, batch_id, to_party, quantity_milli, received_by FROM shipments WHERE event_id = ?";
  auto& s = db_.cached(kSql).bind(1, event_id);
  return one(s, [](const Statement& r) {
    return ShipmentRow{r.text(0), r.text(1), r.text(2), r.integer(3), r.optional_text(4)};
  });
}

std::optional<ParcelRow> Queries::parcel(std::string_view gtin14, std::string_view lot, std::string_view serial) {
  static constexpr const char* kSql =
      "SELECT gtin, lot, serial, batch_id, event_id FROM parcels WHERE gtin = ? AND lot = ? AND serial = ?";
  auto& s = db_.cached(kSql).bind(1, gtin14).bind(2, lot).bind(3, serial);
  return one(s, [](const Statement& r) { return ParcelRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)}; });
}

std::optional<RenderedPage> Queries::rendered_page(std::string_view page_key) {
  static constexpr const char* kSql =
      "SELECT rp.page_key, rp.content_type, rp.body FROM rendered_pages rp"
      " LEFT JOIN page_versions pv ON pv.subject = rp.subject"
      " WHERE rp.slot = ? AND rp.version = COALESCE(pv.version, 0)";
  auto& s = db_.cached(kSql).bind(1, page_slot(page_key));
  auto row = one(s, [&](const Statement& r) -> std::optional<RenderedPage> {
    if (r.text(0) != page_key) return std::nullopt;  // another key in the same slot: a miss
    return RenderedPage{r.text(1), r.text(2)};
  });
  return row ? *row : std::nullopt;
}

int64_t Queries::page_version(std::string_view subject) {
  static constexpr const char* kSql = "SELECT version FROM page_versions WHERE subject = ?";
  auto& s = db_.cached(kSql).bind(1, subject);
  return one(s, [](const Statement& r) { return r.integer(0); }).value_or(0);
}

std::vector<BatchRow> Queries::batches_after(int64_t after_seq, int limit) {
  static constexpr const char* kSql = "SELECT " BATCH_COLUMNS " FROM batches WHERE seq > ? ORDER BY seq LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, after_seq).bind(2, static_cast<int64_t>(limit));
  return all(s, read_batch);
}

std::vector<std::pair<int64_t, std::string>> Queries::page_changes_after(int64_t after_seq, int limit) {
  static constexpr const char* kSql = "SELECT seq, subject FROM page_changes WHERE seq > ? ORDER BY seq LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, after_seq).bind(2, static_cast<int64_t>(limit));
  return all(s, [](const Statement& r) { return std::pair<int64_t, std::string>(r.integer(0), r.text(1)); });
}

int64_t Queries::last_page_change() {
  auto& s = db_.cached("SELECT coalesce(max(seq), 0) FROM page_changes");
  return one(s, [](const Statement& r) { return r.integer(0); }).value_or(0);
}

std::optional<std::string> Queries::tree_node(int level, int64_t idx) {
  static constexpr const char* kSql = "SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?";
  auto& s = db_.cached(kSql).bind(1, static_cast<int64_t>(level)).bind(2, idx);
  return one(s, [](const Statement& r) { return r.text(0); });
}

int64_t Queries::tree_size() {
  static constexpr const char* kSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM tree_nodes WHERE level = 0";
  auto& s = db_.cached(kSql);
  return one(s, [](const Statement& r) { return r.integer(0); }).value_or(0);
}

std::optional<CheckpointRow> Queries::latest_checkpoint() {
  static constexpr const char* kSql = "SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1";
  auto& s = db_.cached(kSql);
  return one(s, [](const Statement& r) { return CheckpointRow{r.integer(0), r.text(1), r.text(2)}; });
}

int64_t Queries::log_size() {
  static constexpr const char* kSql = "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM log_entries";
  auto& s = db_.cached(kSql);
  return one(s, [](const Statement& r) { return r.integer(0); }).value_or(0);
}

std::optional<LogEntryRow> Queries::log_entry(int64_t leaf_index) {
  static constexpr const char* kSql =
      "SELECT leaf_index, kind, record_id, leaf, recorded_at FROM log_entries WHERE leaf_index = ?";
  auto& s = db_.cached(kSql).bind(1, leaf_index);
  return one(s, [](const Statement& r) {
    return LogEntryRow{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4)};
  });
}

std::optional<LogEntryRow> Queries::log_entry_of(std::string_view record_id) {
  static constexpr const char* kSql =
      "SELECT leaf_index, kind, record_id, leaf, recorded_at FROM log_entries WHERE record_id = ?"
      " ORDER BY leaf_index LIMIT 1";
  auto& s = db_.cached(kSql).bind(1, record_id);
  return one(s, [](const Statement& r) {
    return LogEntryRow{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4)};
  });
}

}  // namespace store
