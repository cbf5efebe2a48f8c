// web::Principal: who is calling and as what role, the one authorization layer for API tokens and web
// sessions alike. Machines send `Authorization: Bearer <token>` (the admin token → admin, a party's
// token → producer of that party); browsers send the `agritrace_session` cookie set by POST /login.
// A session-authenticated POST/PUT/DELETE must also carry the session's CSRF token (form field `csrf`
// or header X-CSRF-Token): the cookie is sent by the browser on its own, the token only by our pages.
// Thread-safe (reads through the calling thread's reader).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "http/message.h"
#include "store/rows.h"
#include "web/app.h"

namespace web {

enum class Role { admin, producer, inspector };

inline constexpr std::string_view kSessionCookie = "agritrace_session";
inline constexpr int64_t kSessionSeconds = 12 * 3600;

std::string_view role_name(Role role);  // "admin", "producer", "inspector"
std::optional<Role> parse_role(std::string_view name);

struct Principal {
  Role role = Role::producer;
  std::string user_id;   // empty for API tokens
  std::string username;  // empty for API tokens
  std::string party_id;  // a producer's party; empty otherwise
  bool via_session = false;
  std::string csrf_token;          // the session's; empty for API tokens
  std::string session_token_hash;  // the session's key; empty for API tokens

  // How the audit log names this caller: "user:<username>", "token:<party id>" or "admin-token".
  std::string actor() const;
};

// The caller, from the bearer token (preferred when present) or the session cookie. 401 without
// credentials, or with an unknown token or an unknown or expired session.
domain::Result<Principal> authenticate(App& app, const http::Request& request);

// authenticate(), then 403 naming the roles allowed unless the caller has one of them, then the CSRF
// check for session-authenticated writes (403 "CSRF token missing or wrong").
domain::Result<Principal> require_role(App& app, const http::Request& request, std::initializer_list<Role> allowed);

// A caller acting for its party: a producer for its own party, an inspector for its bureau.
struct Actor {
  Principal who;
  store::PartyRow party;
};
// require_role(), then the caller's party row (a producer token's party, a session user's party).
domain::Result<Actor> require_party_role(App& app, const http::Request& request, std::initializer_list<Role> allowed);

// For a session-authenticated request whose method is not GET/HEAD: the `csrf` field of a
// form-urlencoded body or the X-CSRF-Token header must equal the session's token. Ok otherwise.
domain::Status check_csrf(const Principal& principal, const http::Request& request);

// The value of cookie `name` in the request's Cookie header(s), or empty.
std::string cookie_value(const http::Request& request, std::string_view name);
// Current time, unix seconds.
int64_t now_unix();

}  // namespace web
