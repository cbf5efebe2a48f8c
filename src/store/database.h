// store::Database: one SQLite connection to the agritrace file, configured the way every connection
// must be (WAL, foreign keys, busy timeout, synchronous=FULL), with a cache of prepared statements.
// Not thread-safe: the writer owns one, and every reading thread owns its own.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/statement.h"

struct sqlite3;

namespace store {

class Database {
 public:
  enum class Mode { read_write, read_only };

  // Opens (creating for read_write) and configures. Throws std::runtime_error with the path and
  // SQLite's reason on failure; this only happens at start-up or when a reader thread first reads.
  Database(const std::string& path, Mode mode);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies the embedded migrations schemas/sql/NNN_*.sql not yet applied (PRAGMA user_version).
  void migrate();

  void exec(std::string_view sql);

  // Prepared once per connection and reused; the key is the SQL text's address, so pass constexpr
  // strings. The statement comes back reset with no bindings.
  Statement& cached(const char* sql);

  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer { void operator()(sqlite3* db) const; };
  std::unique_ptr<sqlite3, Closer> db_;
  std::map<const char*, Statement> statements_;
};

// RAII write transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// RAII read snapshot: BEGIN (deferred) on construction, COMMIT on destruction, so several reads see
// one committed state (a page and the version it was rendered at).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.exec("COMMIT");
    } catch (...) {
      // A read-only transaction has nothing to lose; the connection resets on next use.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

}  // namespace store
