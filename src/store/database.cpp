#include "store/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/embedded_sql.h"

namespace store {

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Database::Database(const std::string& path, Mode mode) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX | (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                             : SQLITE_OPEN_READONLY);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK)
    throw std::runtime_error("cannot open database " + path + ": " +
                             (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  // Two connections opening a WAL file at once can see SQLITE_BUSY without a timeout (design.md).
  sqlite3_busy_timeout(raw, 5000);
  if (mode == Mode::read_write) {
    exec("PRAGMA journal_mode=WAL");
    // Said explicitly: every acknowledged write must survive power loss.
    exec("PRAGMA synchronous=FULL");
  }
  exec("PRAGMA foreign_keys=ON");
}

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("SQL failed: " + msg);
  }
}

Statement& Database::cached(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) it = statements_.emplace(sql, Statement(db_.get(), sql)).first;
  it->second.reset();
  return it->second;
}

void Database::migrate() {
  int64_t version = 0;
  {
    Statement st(db_.get(), "PRAGMA user_version");
    if (st.step()) version = st.integer(0);
  }
  std::vector<std::string_view> names = embedded_sql_names();
  std::sort(names.begin(), names.end());
  for (std::string_view name : names) {
    // Migration files are named NNN_what.sql; NNN is the user_version they bring the file to.
    int64_t number = std::stoll(std::string(name.substr(0, 3)));
    if (number <= version) continue;
    Transaction tx(*this);
    exec(embedded_sql(name));
    exec("PRAGMA user_version=" + std::to_string(number));
    tx.commit();
    version = number;
  }
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // Nothing sensible to do in a destructor; SQLite rolls back on close anyway.
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace store
