#include "store/statement.h"

#include <sqlite3.h>

#include <stdexcept>

namespace store {

void Statement::Finalizer::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                         nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("SQL prepare failed: ") + sqlite3_errmsg(db));
  stmt_.reset(raw);
}

Statement& Statement::bind(int index, std::string_view text) {
  // A default-constructed view has a null data(), which SQLite would bind as NULL, not as ''.
  sqlite3_bind_text(stmt_.get(), index, text.data() ? text.data() : "", static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, *text) : bind_null(index);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    constraint_failed_ = true;
    return false;
  }
  throw std::runtime_error(std::string("SQL step failed: ") + sqlite3_errmsg(db_));
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_.get(), index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

bool Statement::try_run() {
  constraint_failed_ = false;
  while (step()) {
  }
  sqlite3_reset(stmt_.get());
  return !constraint_failed_;
}

int Statement::run() {
  if (!try_run())
    throw std::runtime_error(std::string("SQL constraint failed: ") + sqlite3_errmsg(db_));
  return sqlite3_changes(db_);
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  constraint_failed_ = false;
}

std::string Statement::text(int column) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column))) : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

}  // namespace store
