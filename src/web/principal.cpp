#include "web/principal.h"

#include <chrono>

#include "ledger/digest.h"
#include "ledger/hmac.h"
#include "store/accounts.h"
#include "web/route_context.h"

namespace web {
namespace {

std::string_view bearer(const http::Request& request) {
  std::string_view value = request.header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.substr(0, kPrefix.size()) != kPrefix) return {};
  return value.substr(kPrefix.size());
}

domain::Error unauthorized(std::string message) {
  return domain::make_error(domain::Errc::unauthorized, std::move(message));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_form(const http::Request& request) {
  std::string_view type = request.header("content-type");
  return type.substr(0, type.find(';')) == "application/x-www-form-urlencoded";
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::producer:
      return "producer";
    case Role::inspector:
      return "inspector";
  }
  return "producer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::admin, Role::producer, Role::inspector})
    if (role_name(r) == name) return r;
  return std::nullopt;
}

std::string Principal::actor() const {
  if (!username.empty()) return "user:" + username;
  if (role == Role::admin) return "admin-token";
  return "token:" + party_id;
}

int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string cookie_value(const http::Request& request, std::string_view name) {
  // A request may carry several Cookie headers (HTTP/2 proxies split them); the first match wins.
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name)
        return std::string(trim(pair.substr(eq + 1)));
    }
  }
  return {};
}

domain::Result<Principal> authenticate(App& app, const http::Request& request) {
  if (!request.header("authorization").empty()) {
    // A client that sends a token means it: a bad token is refused, not silently replaced by a cookie.
    std::string_view token = bearer(request);
    if (token.empty()) return unauthorized("the Authorization header must be: Bearer <token>");
    std::string hash = ledger::sha256_hex(token);
    if (!app.config().admin_token_hash.empty() && ledger::constant_time_equal(hash, app.config().admin_token_hash))
      return Principal{Role::admin, "", "", "", false, "", ""};
    // A bureau's machine token acts as the bureau's inspector; every other party's as its producer.
    if (auto party = app.reader().party_by_token_hash(hash))
      return Principal{party->kind == "bureau" ? Role::inspector : Role::producer, "", "", party->id, false, "", ""};
    return unauthorized("the API token is not valid");
  }
  std::string cookie = cookie_value(request, kSessionCookie);
  if (cookie.empty())
    return unauthorized("this request needs a login (POST /login) or an API token (Authorization: Bearer <token>)");
  std::string hash = ledger::sha256_hex(cookie);
  store::Accounts accounts(app.reader().database());
  auto session = accounts.session(hash);
  if (!session || session->expires_at <= now_unix())
    return unauthorized("the session has expired or was ended; log in again at /login");
  auto user = accounts.user(session->user_id);
  if (!user) return unauthorized("the session's account no longer exists");
  auto role = parse_role(user->role);
  if (!role) return unauthorized("the account has an unknown role");
  return Principal{*role, user->id, user->username, user->party_id.value_or(""), true, session->csrf_token, hash};
}

domain::Status check_csrf(const Principal& principal, const http::Request& request) {
  if (!principal.via_session || request.method == "GET" || request.method == "HEAD") return domain::Ok{};
  std::string sent(request.header("x-csrf-token"));
  if (sent.empty() && is_form(request)) {
    auto form = parse_query(request.body);
    if (auto it = form.find("csrf"); it != form.end()) sent = it->second;
  }
  if (sent.empty() || !ledger::constant_time_equal(sent, principal.csrf_token))
    return domain::make_error(domain::Errc::forbidden, "CSRF token missing or wrong", "csrf");
  return domain::Ok{};
}

domain::Result<Principal> require_role(App& app, const http::Request& request, std::initializer_list<Role> allowed) {
  auto principal = authenticate(app, request);
  if (!principal) return principal.error();
  bool ok = false;
  std::string names;
  for (Role r : allowed) {
    ok = ok || r == principal->role;
    names += (names.empty() ? "" : " or ") + std::string(role_name(r));
  }
  if (!ok)
    return domain::make_error(domain::Errc::forbidden, "this needs the role " + names + "; you are signed in as " +
                                                           std::string(role_name(principal->role)));
  if (auto csrf = check_csrf(*principal, request); !csrf) return csrf.error();
  return principal;
}

domain::Result<Actor> require_party_role(App& app, const http::Request& request, std::initializer_list<Role> allowed) {
  auto principal = require_role(app, request, allowed);
  if (!principal) return principal.error();
  if (principal->party_id.empty())
    return domain::make_error(domain::Errc::forbidden, "the administrator cannot record on behalf of a party; "
                                                       "use that party's token or account");
  auto party = app.reader().party(principal->party_id);
  if (!party) return unauthorized("the account's party " + principal->party_id + " does not exist");
  return Actor{std::move(*principal), std::move(*party)};
}

}  // namespace web
