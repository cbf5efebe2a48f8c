#include "store/producer_queries.h"

namespace store {
namespace {

// Columns 0..9 of both recall selects; confirmed ones add 10..12.
#define RECALL_COLUMNS                                                                           \
  "SELECT r.recall_id, e.at_unix, COALESCE(json_extract(e.body, '$.level'), 0),"                 \
  " COALESCE(json_extract(e.body, '$.reason'), ''), b.id, b.gtin, b.lot,"                        \
  " COALESCE(json_extract(b.body, '$.unit'), ''), COALESCE(json_extract(p.body, '$.name'), '')," \
  " r.quantity_milli"
#define RECALL_JOINS                                         \
  " FROM recall_reach r JOIN events e ON e.id = r.recall_id" \
  " JOIN batches b ON b.id = r.batch_id JOIN products p ON p.id = b.product_id"

PartyRecallRow recall_row(Statement& s) {
  PartyRecallRow r;
  r.recall_id = s.text(0);
  r.recall_at_unix = s.integer(1);
  r.level = s.integer(2);
  r.reason = s.text(3);
  r.batch_id = s.text(4);
  r.gtin = s.text(5);
  r.lot = s.text(6);
  r.unit = s.text(7);
  r.product_name = s.text(8);
  r.quantity_milli = s.integer(9);
  return r;
}

}  // namespace

std::vector<PartyRecallRow> ProducerQueries::pending_recalls(std::string_view party_id, int64_t limit) {
  static constexpr const char* kSql =
      RECALL_COLUMNS RECALL_JOINS " WHERE r.party_id = ? AND r.confirmed_by IS NULL ORDER BY e.seq DESC, b.seq LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, party_id).bind(2, limit);
  std::vector<PartyRecallRow> out;
  while (s.step()) out.push_back(recall_row(s));
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return out;
}

std::vector<PartyRecallRow> ProducerQueries::confirmed_recalls(std::string_view party_id, int64_t limit) {
  static constexpr const char* kSql =
      RECALL_COLUMNS ", c.id, COALESCE(json_extract(c.body, '$.action'), ''), c.at_unix" RECALL_JOINS
                     " JOIN events c ON c.id = r.confirmed_by WHERE r.party_id = ? ORDER BY c.seq DESC LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, party_id).bind(2, limit);
  std::vector<PartyRecallRow> out;
  while (s.step()) {
    PartyRecallRow r = recall_row(s);
    r.confirmed_by = s.text(10);
    r.confirm_action = s.text(11);
    r.confirmed_at_unix = s.integer(12);
    out.push_back(std::move(r));
  }
  s.reset();
  return out;
}

std::vector<PartyBatchRow> ProducerQueries::recent_batches(std::string_view party_id, int64_t limit) {
  static constexpr const char* kSql =
      "SELECT b.id, b.gtin, b.lot, COALESCE(json_extract(b.body, '$.unit'), ''), b.county,"
      " COALESCE(json_extract(p.body, '$.name'), ''), b.produced_unix, COALESCE(h.quantity_milli, 0)"
      " FROM batches b JOIN products p ON p.id = b.product_id"
      " LEFT JOIN holdings h ON h.batch_id = b.id AND h.party_id = ?1"
      // The newest of its own batches and of those it holds, each found through an index (an OR across
      // the join would walk every batch).
      " WHERE b.seq IN (SELECT seq FROM (SELECT seq FROM batches WHERE party_id = ?1 ORDER BY seq DESC LIMIT ?2)"
      "  UNION SELECT seq FROM (SELECT b2.seq FROM holdings h2 JOIN batches b2 ON b2.id = h2.batch_id"
      "   WHERE h2.party_id = ?1 ORDER BY b2.seq DESC LIMIT ?2))"
      " ORDER BY b.seq DESC LIMIT ?2";
  auto& s = db_.cached(kSql).bind(1, party_id).bind(2, limit);
  std::vector<PartyBatchRow> out;
  while (s.step())
    out.push_back(
        PartyBatchRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6), s.integer(7)});
  s.reset();
  return out;
}

}  // namespace store
