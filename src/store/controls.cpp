#include "store/controls.h"

#include <sqlite3.h>

namespace store {
namespace {

ControlRow control_row(Statement& s) {
  ControlRow r{s.text(0), s.text(1), s.text(2), s.text(3), std::nullopt, s.text(5), s.text(6)};
  if (!s.is_null(4)) r.level = s.integer(4);
  return r;
}

constexpr const char* kControlColumns = "SELECT batch_id, kind, cause, event_id, level, reason, since FROM batch_controls";

}  // namespace

std::vector<ControlRow> Controls::open_for(std::string_view batch_id) {
  static const std::string kSql = std::string(kControlColumns) + " WHERE batch_id = ? ORDER BY since, event_id";
  auto& s = db_.cached(kSql.c_str()).bind(1, batch_id);
  std::vector<ControlRow> out;
  while (s.step()) out.push_back(control_row(s));
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return out;
}

std::vector<ControlRow> Controls::open_all(int64_t limit) {
  static const std::string kSql = std::string(kControlColumns) + " ORDER BY since DESC, event_id LIMIT ?";
  auto& s = db_.cached(kSql.c_str()).bind(1, limit);
  std::vector<ControlRow> out;
  while (s.step()) out.push_back(control_row(s));
  s.reset();
  return out;
}

void Controls::open(const ControlRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO batch_controls (batch_id, kind, cause, event_id, level, reason, since) VALUES (?, ?, ?, ?, ?, ?, ?)";
  auto& s = db_.cached(kSql).bind(1, r.batch_id).bind(2, r.kind).bind(3, r.cause).bind(4, r.event_id);
  if (r.level) s.bind(5, *r.level);
  else s.bind_null(5);
  s.bind(6, r.reason).bind(7, r.since).run();
}

int Controls::close_holds(std::string_view batch_id, std::string_view cause) {
  static constexpr const char* kAll = "DELETE FROM batch_controls WHERE batch_id = ? AND kind = 'hold'";
  static constexpr const char* kOfCause =
      "DELETE FROM batch_controls WHERE batch_id = ? AND kind = 'hold' AND cause = ?";
  if (cause.empty()) db_.cached(kAll).bind(1, batch_id).run();
  else db_.cached(kOfCause).bind(1, batch_id).bind(2, cause).run();
  return sqlite3_changes(db_.handle());
}

void Controls::insert_reach(const ReachRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO recall_reach (recall_id, batch_id, party_id, quantity_milli) VALUES (?, ?, ?, ?)";
  db_.cached(kSql).bind(1, r.recall_id).bind(2, r.batch_id).bind(3, r.party_id).bind(4, r.quantity_milli).run();
}

std::vector<ReachRow> Controls::reach(std::string_view recall_id) {
  static constexpr const char* kSql =
      "SELECT recall_id, batch_id, party_id, quantity_milli, confirmed_by FROM recall_reach WHERE recall_id = ?"
      " ORDER BY rowid";
  auto& s = db_.cached(kSql).bind(1, recall_id);
  std::vector<ReachRow> out;
  while (s.step()) {
    ReachRow r{s.text(0), s.text(1), s.text(2), s.integer(3), std::nullopt};
    if (!s.is_null(4)) r.confirmed_by = s.text(4);
    out.push_back(std::move(r));
  }
  s.reset();
  return out;
}

bool Controls::confirm_reach(std::string_view recall_id, std::string_view batch_id, std::string_view party_id,
                             std::string_view event_id) {
  static constexpr const char* kSql =
      "UPDATE recall_reach SET confirmed_by = ? WHERE recall_id = ? AND batch_id = ? AND party_id = ?"
      " AND confirmed_by IS NULL";
  db_.cached(kSql).bind(1, event_id).bind(2, recall_id).bind(3, batch_id).bind(4, party_id).run();
  return sqlite3_changes(db_.handle()) == 1;
}

std::vector<std::pair<std::string, int64_t>> Controls::in_transit(std::string_view batch_id) {
  static constexpr const char* kSql =
      "SELECT to_party, SUM(quantity_milli) FROM shipments WHERE batch_id = ? AND received_by IS NULL"
      " GROUP BY to_party ORDER BY to_party";
  auto& s = db_.cached(kSql).bind(1, batch_id);
  std::vector<std::pair<std::string, int64_t>> out;
  while (s.step()) out.emplace_back(s.text(0), s.integer(1));
  s.reset();
  return out;
}

}  // namespace store
