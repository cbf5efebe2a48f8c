#include "store/console_queries.h"

namespace store {
namespace {

// An inspection that failed and stands (no correction replaced it).
#define FAILED_INSPECTION(batch)                                                                          \
  "EXISTS (SELECT 1 FROM event_batches eb JOIN events e ON e.id = eb.event_id WHERE eb.batch_id = " batch \
  " AND e.kind = 'inspect' AND json_extract(e.body, '$.result') = 'fail'"                                 \
  " AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects = e.id))"

}  // namespace

std::string ConsoleQueries::like_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::vector<BatchRow> ConsoleQueries::search(const ConsoleFilter& f) {
  // Numbered parameters let one value serve both its emptiness test and its comparison.
  static constexpr const char* kSql =
      "SELECT b.seq, b.id, b.product_id, b.gtin, b.lot, b.party_id, b.county, b.produced_unix, b.body, b.leaf_index"
      " FROM batches b JOIN products p ON p.id = b.product_id JOIN parties pa ON pa.id = b.party_id"
      " WHERE (?1 = '' OR b.gtin = ?1)"
      " AND (?2 = '' OR b.lot LIKE '%' || ?2 || '%' ESCAPE '\\')"
      " AND (?3 = '' OR b.party_id = ?3 OR pa.name LIKE '%' || ?4 || '%' ESCAPE '\\')"
      " AND (?5 = '' OR b.county LIKE '%' || ?5 || '%' ESCAPE '\\')"
      " AND (?6 = '' OR json_extract(p.body, '$.category') = ?6)"
      " AND (?7 IS NULL OR b.produced_unix >= ?7)"
      " AND (?8 IS NULL OR b.produced_unix <= ?8)"
      " AND (?9 = ''"
      "   OR (?9 = 'held' AND EXISTS (SELECT 1 FROM batch_controls c WHERE c.batch_id = b.id AND c.kind = 'hold'))"
      "   OR (?9 = 'recalled' AND EXISTS (SELECT 1 FROM batch_controls c WHERE c.batch_id = b.id AND c.kind = 'recall'))"
      "   OR (?9 = 'failed' AND " FAILED_INSPECTION("b.id") "))"
      " AND (?10 = 0 OR b.seq < ?10)"
      " ORDER BY b.seq DESC LIMIT ?11";
  auto& s = db_.cached(kSql);
  s.bind(1, f.gtin).bind(2, like_escape(f.lot)).bind(3, f.party).bind(4, like_escape(f.party));
  s.bind(5, like_escape(f.county)).bind(6, f.category);
  if (f.from_unix)
    s.bind(7, *f.from_unix);
  else
    s.bind_null(7);
  if (f.to_unix)
    s.bind(8, *f.to_unix);
  else
    s.bind_null(8);
  s.bind(9, f.status).bind(10, f.before_seq).bind(11, static_cast<int64_t>(f.limit));
  std::vector<BatchRow> rows;
  while (s.step())
    rows.push_back(BatchRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                            s.integer(7), s.text(8), s.integer(9)});
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return rows;
}

std::vector<ParcelRow> ConsoleQueries::parcels_of(std::string_view batch_id, int limit) {
  static constexpr const char* kSql =
      "SELECT gtin, lot, serial, batch_id, event_id FROM parcels WHERE batch_id = ? ORDER BY serial LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, batch_id).bind(2, static_cast<int64_t>(limit));
  std::vector<ParcelRow> rows;
  while (s.step()) rows.push_back(ParcelRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)});
  s.reset();
  return rows;
}

std::vector<SiteRow> ConsoleQueries::sites_of(std::string_view party_id, int limit) {
  static constexpr const char* kSql = "SELECT id, party_id, body, leaf_index FROM sites WHERE party_id = ? ORDER BY seq LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, party_id).bind(2, static_cast<int64_t>(limit));
  std::vector<SiteRow> rows;
  while (s.step()) rows.push_back(SiteRow{s.text(0), s.text(1), s.text(2), s.integer(3)});
  s.reset();
  return rows;
}

bool ConsoleQueries::failed_test(std::string_view batch_id) {
  static constexpr const char* kSql = "SELECT " FAILED_INSPECTION("?");
  auto& s = db_.cached(kSql).bind(1, batch_id);
  bool failed = s.step() && s.integer(0) != 0;
  s.reset();
  return failed;
}

}  // namespace store
