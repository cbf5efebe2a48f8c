// store::Accounts: web-login users and their sessions (schemas/sql/006_accounts.sql), over one
// connection — a reader's own, or the writer's inside the ledger's transaction. Stores only hashes:
// the password as a scrypt string, the session cookie as its SHA-256.
// Not thread-safe: one per connection, like the Database it uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

struct UserRow {
  std::string id;
  std::string username;
  std::string role;                     // admin | producer | inspector
  std::optional<std::string> party_id;  // a producer's party, an inspector's bureau; none for admin
  std::string password_hash;            // ledger::hash_password's string
  int64_t failed_logins = 0;
  int64_t locked_until = 0;  // unix seconds
  std::string created_at;
};

// One line of the admin page's account list: the user without its password hash, with its party's name.
struct UserListing {
  std::string id;
  std::string username;
  std::string role;
  std::optional<std::string> party_id;
  std::string party_name;  // empty without a party
  int64_t failed_logins = 0;
  int64_t locked_until = 0;
  std::string created_at;
};

// One line of the admin page's party list.
struct PartyListing {
  std::string id;
  std::string name;
  std::string kind;
  std::string county;
};

struct SessionRow {
  std::string token_hash;  // SHA-256 hex of the cookie value
  std::string user_id;
  std::string csrf_token;
  int64_t created_at = 0;  // unix seconds
  int64_t expires_at = 0;
};

class Accounts {
 public:
  explicit Accounts(Database& db) : db_(db) {}

  // False when the username is taken (nothing written). Throws on other constraint failures (a
  // producer without a party, an unknown party): callers check those first and say which.
  bool insert_user(const UserRow& row);
  std::optional<UserRow> user(std::string_view id);
  std::optional<UserRow> user_by_username(std::string_view username);
  // Sets the failure counter and lock expiry (a failed login, a lock, or a success resetting both).
  void set_login_state(std::string_view user_id, int64_t failed_logins, int64_t locked_until);
  // For the admin page: the newest accounts / parties first, at most `limit` of each.
  std::vector<UserListing> users(int limit);
  std::vector<PartyListing> parties(int limit);

  void insert_session(const SessionRow& row);
  // The session with this token hash, expired or not (the caller compares expires_at with now).
  std::optional<SessionRow> session(std::string_view token_hash);
  void delete_session(std::string_view token_hash);
  // Removes sessions that expired before `now`; returns how many.
  int delete_expired_sessions(int64_t now);

 private:
  Database& db_;
};

}  // namespace store
