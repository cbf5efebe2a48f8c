// store::AuditLog: the append-only trail of who did what and when (schemas/sql/006_accounts.sql;
// triggers refuse UPDATE and DELETE). Never holds a password, token or cookie value.
// Not thread-safe: one per connection, like the Database it uses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

struct AuditRow {
  int64_t seq = 0;     // assigned on insert
  std::string at;      // UTC, RFC 3339
  std::string actor;   // "user:<username>", "token:<party id>", "admin-token", "cli", "anonymous"
  std::string action;  // login, login_failed, account_locked, logout, user_add, …
  std::string target;
  std::string detail;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends one row (seq is ignored); returns its seq.
  int64_t append(const AuditRow& row);
  // The newest rows first, at most `limit`.
  std::vector<AuditRow> newest(int limit);
  // A page of the trail, newest first: rows with seq < before (0: from the newest), matching `actor`
  // and `action` exactly when they are not empty, at most `limit`.
  std::vector<AuditRow> page(std::string_view actor, std::string_view action, int64_t before, int limit);

 private:
  Database& db_;
};

}  // namespace store
