// Web login: GET/POST /login, POST /logout and GET /api/v1/me (who am I).
//
// CSRF on the login form itself (login CSRF would sign a victim into the attacker's account): GET
// /login sets a short-lived pre-session cookie `agritrace_login` holding a random nonce, and the form
// carries HMAC-SHA-256(server key, nonce). POST /login accepts only a matching pair. Unlike a plain
// double-submit token, a cookie an attacker plants (from a sibling subdomain) is useless without the
// server key, which is random per process: a restart merely expires open login forms.
// After login, the session's own random CSRF token (sessions.csrf_token) guards every form.
//
// Lock-out: 5 consecutive failures lock the account for 15 minutes; while locked even the right
// password is refused, with a message saying so. Failures are counted in the writer's transaction,
// so concurrent guesses cannot race past the limit. The password is verified before that transaction
// (scrypt takes ~0.1 s, which must not hold up other writes).
// Thread-safe: handlers share only the App.
#include <string>

#include "ledger/digest.h"
#include "ledger/hmac.h"
#include "ledger/password_hash.h"
#include "store/accounts.h"
#include "web/assets.h"
#include "web/audit_trail.h"
#include "web/principal.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

constexpr std::string_view kLoginCookie = "agritrace_login";
constexpr int kMaxFailures = 5;
constexpr int64_t kLockSeconds = 15 * 60;
constexpr size_t kMaxUsername = 64;
constexpr size_t kMaxPassword = 1024;

// The key binding login-form tokens to their cookie: random, per process, never leaves memory.
const std::string& login_key() {
  static const std::string key = ledger::random_hex(32);
  return key;
}

std::string cookie_attributes(const App& app) {
  return app.config().public_url.rfind("https://", 0) == 0 ? "; HttpOnly; SameSite=Strict; Secure"
                                                           : "; HttpOnly; SameSite=Strict";
}

struct LoginMessage {
  std::string zh, en;
};

// The login page with a fresh form token (and its cookie).
http::Response login_page(App& app, int status, const std::string& username, const LoginMessage& message) {
  std::string nonce = ledger::random_hex(16);
  TemplateData data;
  data.set("css", std::string(template_file("style.css")));
  data.set("csrf", ledger::hmac_sha256_hex(login_key(), nonce));
  data.set("username", username);
  if (!message.zh.empty()) {
    data.set("message", message.zh);
    data.set("message_en", message.en);
  }
  auto response = html_response(status, app.templates().render("login.html", data));
  response.headers.emplace_back(
      "set-cookie", std::string(kLoginCookie) + "=" + nonce + "; Path=/login; Max-Age=3600" + cookie_attributes(app));
  response.set_header("cache-control", "no-store");
  return response;
}

bool login_token_ok(const http::Request& request, const std::string& sent) {
  std::string nonce = cookie_value(request, kLoginCookie);
  if (nonce.size() != 32 || sent.empty()) return false;
  return ledger::constant_time_equal(ledger::hmac_sha256_hex(login_key(), nonce), sent);
}

LoginMessage locked_message(int64_t locked_until, int64_t now) {
  std::string minutes = std::to_string((locked_until - now + 59) / 60);
  return {"该账户因连续 " + std::to_string(kMaxFailures) + " 次登录失败已被锁定，请 " + minutes +
              " 分钟后再试，或联系平台管理员。",
          "This account is locked after " + std::to_string(kMaxFailures) + " failed logins; try again in " + minutes +
              " minutes or ask the administrator."};
}

const LoginMessage kWrongCredentials{"用户名或密码错误", "Wrong username or password."};

// A valid hash of a password nobody has, verified against when the username is unknown, so the time a
// failed login takes does not reveal whether the account exists.
const std::string& decoy_hash() {
  static const std::string hash = ledger::hash_password(ledger::random_hex(16));
  return hash;
}

enum class Outcome { signed_in, wrong, locked };

}  // namespace

http::Response get_login(App& app, RouteContext& ctx) { return login_page(app, 200, "", {}); }

http::Response post_login(App& app, RouteContext& ctx) {
  auto form = parse_query(ctx.request.body);
  std::string username = form["username"], password = form["password"];
  if (!login_token_ok(ctx.request, form["csrf"]))
    return login_page(
        app, 403, username.substr(0, kMaxUsername),
        {"登录表单已过期或无效，请重新输入。", "The login form expired or is not valid; please try again."});
  if (username.empty() || password.empty() || username.size() > kMaxUsername || password.size() > kMaxPassword)
    return login_page(app, 400, username.substr(0, kMaxUsername),
                      {"请输入用户名和密码。", "Enter your username and password."});

  int64_t now = now_unix();
  auto user = store::Accounts(app.reader().database()).user_by_username(username);
  if (!user) {
    ledger::verify_password(password, decoy_hash());
    auto logged = audit(app, "anonymous", "login_failed", "", "unknown username");
    if (!logged) return error_response(logged.error());
    return login_page(app, 401, username, kWrongCredentials);
  }
  bool password_ok = false;
  if (user->locked_until <= now) password_ok = ledger::verify_password(password, user->password_hash);

  std::string actor = "user:" + user->username;
  std::string session_token = "st_" + ledger::random_hex(32);  // 256 bits; only its hash is stored
  Outcome outcome = Outcome::wrong;
  int64_t locked_until = 0;
  auto written = app.ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts accounts(txn.read().database());
    auto current = accounts.user(user->id);  // counts as of this transaction, not of the read above
    if (!current) {
      outcome = Outcome::wrong;
      audit_in(txn, "anonymous", "login_failed", "", "unknown username");
      return domain::Ok{};
    }
    if (current->locked_until > now) {
      outcome = Outcome::locked;
      locked_until = current->locked_until;
      audit_in(txn, actor, "login_refused_locked", current->id);
      return domain::Ok{};
    }
    if (password_ok) {
      outcome = Outcome::signed_in;
      accounts.set_login_state(current->id, 0, 0);
      accounts.delete_expired_sessions(now);
      accounts.insert_session(store::SessionRow{ledger::sha256_hex(session_token), current->id, ledger::random_hex(16),
                                                now, now + kSessionSeconds});
      audit_in(txn, actor, "login", current->id);
      return domain::Ok{};
    }
    // A lock that has run out starts a fresh count.
    int64_t failures = (current->locked_until != 0 ? 0 : current->failed_logins) + 1;
    outcome = Outcome::wrong;
    audit_in(txn, actor, "login_failed", current->id, "failure " + std::to_string(failures));
    if (failures >= kMaxFailures) {
      locked_until = now + kLockSeconds;
      audit_in(txn, actor, "account_locked", current->id,
               "locked for " + std::to_string(kLockSeconds / 60) + " minutes after " + std::to_string(failures) +
                   " failed logins");
      accounts.set_login_state(current->id, failures, locked_until);
    } else {
      accounts.set_login_state(current->id, failures, 0);
    }
    return domain::Ok{};
  });
  if (!written) return error_response(written.error());

  if (outcome == Outcome::locked) return login_page(app, 403, username, locked_message(locked_until, now));
  if (outcome == Outcome::wrong) {
    if (locked_until != 0) return login_page(app, 403, username, locked_message(locked_until, now));
    return login_page(app, 401, username, kWrongCredentials);
  }
  http::Response response;
  response.status = 303;
  // Each role starts where its work is: producers on their own page (recalls to confirm, their batches),
  // the operator on the admin page, inspectors in the console.
  response.set_header("location", user->role == "producer" ? "/producer" : user->role == "admin" ? "/admin" : "/console");
  response.set_header("cache-control", "no-store");
  response.headers.emplace_back("set-cookie", std::string(kSessionCookie) + "=" + session_token + "; Path=/; Max-Age=" +
                                                  std::to_string(kSessionSeconds) + cookie_attributes(app));
  // The login form's cookie has done its job.
  response.headers.emplace_back("set-cookie",
                                std::string(kLoginCookie) + "=; Path=/login; Max-Age=0" + cookie_attributes(app));
  return response;
}

http::Response post_logout(App& app, RouteContext& ctx) {
  auto principal = authenticate(app, ctx.request);
  if (!principal) return error_response(principal.error());
  if (!principal->via_session)
    return error_response(
        domain::make_error(domain::Errc::invalid_input, "logout ends a browser session; API tokens have none to end"));
  if (auto csrf = check_csrf(*principal, ctx.request); !csrf) return error_response(csrf.error());
  auto written = app.ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts(txn.read().database()).delete_session(principal->session_token_hash);
    audit_in(txn, principal->actor(), "logout", principal->user_id);
    return domain::Ok{};
  });
  if (!written) return error_response(written.error());
  http::Response response;
  response.status = 303;
  response.set_header("location", "/login");
  response.set_header("cache-control", "no-store");
  response.headers.emplace_back("set-cookie",
                                std::string(kSessionCookie) + "=; Path=/; Max-Age=0" + cookie_attributes(app));
  return response;
}

http::Response get_me(App& app, RouteContext& ctx) {
  auto principal = authenticate(app, ctx.request);
  if (!principal) return error_response(principal.error());
  nlohmann::json body = {{"role", role_name(principal->role)},
                         {"username", principal->username.empty() ? nullptr : nlohmann::json(principal->username)},
                         {"user_id", principal->user_id.empty() ? nullptr : nlohmann::json(principal->user_id)},
                         {"party_id", principal->party_id.empty() ? nullptr : nlohmann::json(principal->party_id)},
                         {"via", principal->via_session ? "session" : "token"}};
  // Scripts of our own pages send it back as X-CSRF-Token; other origins cannot read this response.
  if (principal->via_session) body["csrf_token"] = principal->csrf_token;
  auto response = json_response(200, body);
  response.set_header("cache-control", "no-store");
  return response;
}

}  // namespace web
