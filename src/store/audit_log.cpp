#include "store/audit_log.h"

#include <sqlite3.h>

namespace store {

int64_t AuditLog::append(const AuditRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)";
  db_.cached(kSql).bind(1, r.at).bind(2, r.actor).bind(3, r.action).bind(4, r.target).bind(5, r.detail).run();
  return sqlite3_last_insert_rowid(db_.handle());
}

std::vector<AuditRow> AuditLog::newest(int limit) {
  static constexpr const char* kSql =
      "SELECT seq, at, actor, action, target, detail FROM audit_log ORDER BY seq DESC LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, static_cast<int64_t>(limit));
  std::vector<AuditRow> rows;
  while (s.step()) rows.push_back(AuditRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  s.reset();
  return rows;
}

std::vector<AuditRow> AuditLog::page(std::string_view actor, std::string_view action, int64_t before, int limit) {
  static constexpr const char* kSql =
      "SELECT seq, at, actor, action, target, detail FROM audit_log"
      " WHERE (?1 = '' OR actor = ?1) AND (?2 = '' OR action = ?2) AND (?3 = 0 OR seq < ?3)"
      " ORDER BY seq DESC LIMIT ?4";
  auto& s = db_.cached(kSql).bind(1, actor).bind(2, action).bind(3, before).bind(4, static_cast<int64_t>(limit));
  std::vector<AuditRow> rows;
  while (s.step()) rows.push_back(AuditRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  s.reset();
  return rows;
}

}  // namespace store
