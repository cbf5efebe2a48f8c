// store::Statement: one prepared SQLite statement with typed binds and column reads.
// Owns its sqlite3_stmt (finalized on destruction). Not thread-safe; belongs to one connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace store {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);  // throws std::runtime_error on a bad statement
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  // Binds are 1-based like SQLite's. Return *this for chaining.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  Statement& bind_optional(int index, const std::optional<std::string>& text);

  Statement& bind_blob(int index, std::string_view bytes);

  // Advances; true while a row is available. Throws std::runtime_error on errors other than
  // constraint violations, which make it return false (see try_run()).
  bool step();

  // Runs an INSERT/UPDATE to completion; returns sqlite3_changes. Throws on any failure, constraint
  // violations included: a write the caller did not expect to fail must not pass silently.
  int run();
  // Like run(), but a constraint violation (UNIQUE, CHECK) returns false instead of throwing, for
  // writes whose uniqueness is a user-visible rule (a lot already registered).
  bool try_run();
  void reset();  // ready for new binds

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  struct Finalizer { void operator()(sqlite3_stmt* s) const; };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  bool constraint_failed_ = false;
};

}  // namespace store
