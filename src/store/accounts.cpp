#include "store/accounts.h"

#include <stdexcept>

namespace store {
namespace {

UserRow user_of(const Statement& s) {
  return UserRow{s.text(0), s.text(1), s.text(2), s.optional_text(3), s.text(4), s.integer(5), s.integer(6), s.text(7)};
}

}  // namespace

bool Accounts::insert_user(const UserRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO users (id, username, role, party_id, password_hash, failed_logins, locked_until, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  // The username is the only constraint a caller may hit knowingly; anything else is a defect.
  if (user_by_username(r.username)) return false;
  db_.cached(kSql)
      .bind(1, r.id)
      .bind(2, r.username)
      .bind(3, r.role)
      .bind_optional(4, r.party_id)
      .bind(5, r.password_hash)
      .bind(6, r.failed_logins)
      .bind(7, r.locked_until)
      .bind(8, r.created_at)
      .run();
  return true;
}

std::optional<UserRow> Accounts::user(std::string_view id) {
  static constexpr const char* kSql =
      "SELECT id, username, role, party_id, password_hash, failed_logins, locked_until, created_at FROM users"
      " WHERE id = ?";
  auto& s = db_.cached(kSql).bind(1, id);
  std::optional<UserRow> row;
  if (s.step()) row = user_of(s);
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return row;
}

std::optional<UserRow> Accounts::user_by_username(std::string_view username) {
  static constexpr const char* kSql =
      "SELECT id, username, role, party_id, password_hash, failed_logins, locked_until, created_at FROM users"
      " WHERE username = ?";
  auto& s = db_.cached(kSql).bind(1, username);
  std::optional<UserRow> row;
  if (s.step()) row = user_of(s);
  s.reset();
  return row;
}

void Accounts::set_login_state(std::string_view user_id, int64_t failed_logins, int64_t locked_until) {
  static constexpr const char* kSql = "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?";
  if (db_.cached(kSql).bind(1, failed_logins).bind(2, locked_until).bind(3, user_id).run() != 1)
    throw std::logic_error("no user " + std::string(user_id));
}

std::vector<UserListing> Accounts::users(int limit) {
  // users has no sequence column: rowid is insertion order (rebuilt tables keep the rows' order).
  static constexpr const char* kSql =
      "SELECT u.id, u.username, u.role, u.party_id, coalesce(p.name, ''), u.failed_logins, u.locked_until,"
      " u.created_at FROM users u LEFT JOIN parties p ON p.id = u.party_id ORDER BY u.rowid DESC LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, static_cast<int64_t>(limit));
  std::vector<UserListing> rows;
  while (s.step())
    rows.push_back(UserListing{s.text(0), s.text(1), s.text(2), s.optional_text(3), s.text(4), s.integer(5),
                               s.integer(6), s.text(7)});
  s.reset();
  return rows;
}

std::vector<PartyListing> Accounts::parties(int limit) {
  static constexpr const char* kSql = "SELECT id, name, kind, county FROM parties ORDER BY seq DESC LIMIT ?";
  auto& s = db_.cached(kSql).bind(1, static_cast<int64_t>(limit));
  std::vector<PartyListing> rows;
  while (s.step()) rows.push_back(PartyListing{s.text(0), s.text(1), s.text(2), s.text(3)});
  s.reset();
  return rows;
}

void Accounts::insert_session(const SessionRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
  db_.cached(kSql)
      .bind(1, r.token_hash)
      .bind(2, r.user_id)
      .bind(3, r.csrf_token)
      .bind(4, r.created_at)
      .bind(5, r.expires_at)
      .run();
}

std::optional<SessionRow> Accounts::session(std::string_view token_hash) {
  static constexpr const char* kSql =
      "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ?";
  auto& s = db_.cached(kSql).bind(1, token_hash);
  std::optional<SessionRow> row;
  if (s.step()) row = SessionRow{s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4)};
  s.reset();
  return row;
}

void Accounts::delete_session(std::string_view token_hash) {
  static constexpr const char* kSql = "DELETE FROM sessions WHERE token_hash = ?";
  db_.cached(kSql).bind(1, token_hash).run();
}

int Accounts::delete_expired_sessions(int64_t now) {
  static constexpr const char* kSql = "DELETE FROM sessions WHERE expires_at <= ?";
  return db_.cached(kSql).bind(1, now).run();
}

}  // namespace store
