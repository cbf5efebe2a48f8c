// Adding a web-login account: the rules (username, role, party, password) and the insert, shared by
// `agritrace user add` (src/user_commands.cpp, its own transaction on the database file) and the admin
// page (POST /admin/users, a ledger plan that adds no log record), so they live in one place.
// Thread-safe: the checks are pure; insert_account runs on the caller's connection and transaction;
// register_account goes through the ledger.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "store/database.h"
#include "web/app.h"

namespace web {

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 1024;
inline constexpr size_t kMaxUsernameBytes = 64;

struct NewAccount {
  std::string username;
  std::string role;      // admin | producer | inspector
  std::string party_id;  // a producer's party, an inspector's bureau; empty for admin
};

// The rules that need no database: a printable username without spaces, a known role, a party for a
// producer or inspector and none for an admin. invalid_input naming "/username", "/role" or "/party".
domain::Status check_account_fields(const NewAccount& account);
// At least 10 characters and at most 1024 bytes. invalid_input naming "/password".
domain::Status check_password(std::string_view password);

// In the caller's open write transaction on `db`: the party exists (unprocessable, "/party"), is a
// bureau for an inspector (unprocessable, "/party"), the username is free (conflict, "/username"); then
// writes the user and an audit row (action user_add by `actor`, at `now`). Returns the new user id.
// Nothing is written when it fails. Expects check_account_fields to have passed.
domain::Result<std::string> insert_account(store::Database& db, const NewAccount& account,
                                           const std::string& password_hash, const std::string& actor,
                                           const std::string& now);

// The web path: both checks, the scrypt hash (before the writer's transaction: it takes ~0.1 s), then
// insert_account in a ledger plan. Returns the new user id.
domain::Result<std::string> register_account(App& app, const NewAccount& account, std::string_view password,
                                             const std::string& actor);

}  // namespace web
