// Web login: GET/POST /login, POST /logout, GET /api/v1/me and the Principal layer behind them —
// cookies and their flags, the login form's CSRF token, lock-out after 5 failures, session CSRF on
// logout, expired sessions, bearer tokens, and the audit rows (append-only) every step writes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

#include "fixture.h"
#include "web_login.h"
#include "ledger/digest.h"
#include "ledger/password_hash.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "web/audit_trail.h"
#include "web/principal.h"
#include "web/route_context.h"

using webtest::Fixture;
using webtest::Headers;
using webtest::json_of;
using namespace webtest;

namespace {

// The session cookie ("agritrace_session=…") of a successful login.
std::string session_of(const http::Response& r) {
  REQUIRE(r.status == 303);
  return cookie_of(set_cookie(r, "agritrace_session"));
}

std::vector<store::AuditRow> audit_rows(Fixture& f) {
  auto rows = store::AuditLog(f.app().reader().database()).newest(100);
  std::reverse(rows.begin(), rows.end());
  return rows;
}
int count_action(const std::vector<store::AuditRow>& rows, const std::string& action) {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](auto& r) { return r.action == action; }));
}

}  // namespace

TEST_CASE("the login page is Chinese first and carries a form token bound to a cookie", "[web][session]") {
  Fixture f;
  auto page = f.get("/login");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("用户名") != std::string::npos);
  CHECK(page.body.find("用户名") < page.body.find("Username"));
  std::string cookie = set_cookie(page, "agritrace_login");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(hidden_csrf(page.body).size() == 64);
  CHECK(std::string(page.header("content-security-policy")).find("default-src 'none'") != std::string::npos);
}

TEST_CASE("a login sends an inspector to the console and the admin to the admin page", "[web][session]") {
  Fixture f;
  add_user(f, "li", "inspector");
  add_user(f, "root", "admin");
  CHECK(login(f, "li", kPassword).header("location") == "/console");
  CHECK(login(f, "root", kPassword).header("location") == "/admin");
}

TEST_CASE("a login sets an HttpOnly SameSite=Strict Secure cookie and sends a producer to its page", "[web][session]") {
  Fixture f;
  auto party = f.party("大宁县苹果合作社");
  std::string id = add_user(f, "wang", "producer", party.id);
  auto r = login(f, "wang", kPassword);
  INFO(r.body);
  REQUIRE(r.status == 303);
  CHECK(r.header("location") == "/producer");
  std::string cookie = set_cookie(r, "agritrace_session");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") != std::string::npos);  // the fixture's public URL is https
  CHECK(cookie.find("Path=/") != std::string::npos);
  CHECK(cookie.find("Max-Age=43200") != std::string::npos);

  auto me = f.get("/api/v1/me", {{"cookie", cookie_of(cookie)}});
  REQUIRE(me.status == 200);
  auto j = json_of(me);
  CHECK(j["role"] == "producer");
  CHECK(j["username"] == "wang");
  CHECK(j["user_id"] == id);
  CHECK(j["party_id"] == party.id);
  CHECK(j["via"] == "session");
  CHECK(j["csrf_token"].get<std::string>().size() == 32);

  // Only the SHA-256 of the cookie value is stored.
  std::string value = cookie_of(cookie).substr(std::string("agritrace_session=").size());
  store::Accounts accounts(f.app().reader().database());
  CHECK_FALSE(accounts.session(value));
  REQUIRE(accounts.session(ledger::sha256_hex(value)));

  auto rows = audit_rows(f);
  REQUIRE(count_action(rows, "login") == 1);
  for (const auto& row : rows) CHECK(row.detail.find(kPassword) == std::string::npos);
}

TEST_CASE("a wrong password or unknown user gets one generic message", "[web][session]") {
  Fixture f;
  std::string id = add_user(f, "li", "inspector");
  auto wrong = login(f, "li", "not-the-password");
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find("用户名或密码错误") != std::string::npos);
  CHECK(set_cookie(wrong, "agritrace_session").empty());
  CHECK(wrong.body.find("not-the-password") == std::string::npos);
  auto unknown = login(f, "nobody", kPassword);
  CHECK(unknown.status == 401);
  CHECK(unknown.body.find("用户名或密码错误") != std::string::npos);
  CHECK(store::Accounts(f.app().reader().database()).user(id)->failed_logins == 1);
  auto rows = audit_rows(f);
  CHECK(count_action(rows, "login_failed") == 2);
  for (const auto& row : rows) {
    CHECK(row.detail.find(kPassword) == std::string::npos);
    CHECK(row.detail.find("not-the-password") == std::string::npos);
  }
}

TEST_CASE("a login form without its cookie or with a forged token is refused", "[web][session]") {
  Fixture f;
  add_user(f, "li", "inspector");
  auto form = login_form(f);
  std::string body = "username=li&password=" + form_encode(kPassword);
  Headers typed = {{"content-type", "application/x-www-form-urlencoded"}};
  auto no_cookie = f.request("POST", "/login", body + "&csrf=" + form.csrf, typed);
  CHECK(no_cookie.status == 403);
  auto no_token = f.request("POST", "/login", body, {typed[0], {"cookie", form.cookie}});
  CHECK(no_token.status == 403);
  // A planted cookie with a token of the attacker's choosing: no server key, no match.
  auto planted = f.request("POST", "/login", body + "&csrf=" + ledger::sha256_hex("x"),
                           {typed[0], {"cookie", "agritrace_login=00000000000000000000000000000000"}});
  CHECK(planted.status == 403);
  CHECK(planted.body.find("表单已过期") != std::string::npos);
  CHECK(set_cookie(planted, "agritrace_session").empty());
}

TEST_CASE("5 failures lock the account and the right password is refused while locked", "[web][session]") {
  Fixture f;
  std::string id = add_user(f, "zhao", "inspector");
  for (int i = 1; i <= 4; ++i) CHECK(login(f, "zhao", "wrong password " + std::to_string(i)).status == 401);
  auto fifth = login(f, "zhao", "wrong password 5");
  CHECK(fifth.status == 403);
  CHECK(fifth.body.find("已被锁定") != std::string::npos);
  auto sixth = login(f, "zhao", kPassword);
  CHECK(sixth.status == 403);
  CHECK(sixth.body.find("已被锁定") != std::string::npos);
  CHECK(sixth.body.find("15 分钟") != std::string::npos);
  CHECK(set_cookie(sixth, "agritrace_session").empty());
  auto user = store::Accounts(f.app().reader().database()).user(id);
  CHECK(user->failed_logins == 5);
  CHECK(user->locked_until > web::now_unix() + 14 * 60);

  auto rows = audit_rows(f);
  CHECK(count_action(rows, "login_failed") == 5);
  CHECK(count_action(rows, "account_locked") == 1);
  CHECK(count_action(rows, "login_refused_locked") == 1);
  CHECK(count_action(rows, "login") == 0);
}

TEST_CASE("a lock that has run out lets the right password in and resets the count", "[web][session]") {
  Fixture f;
  std::string id = add_user(f, "zhao", "inspector");
  REQUIRE(f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts(txn.read().database()).set_login_state(id, 5, web::now_unix() - 1);
    return domain::Ok{};
  }));
  CHECK(login(f, "zhao", "wrong again").status == 401);  // a fresh count: 1, not locked again
  CHECK(store::Accounts(f.app().reader().database()).user(id)->failed_logins == 1);
  session_of(login(f, "zhao", kPassword));
  auto user = store::Accounts(f.app().reader().database()).user(id);
  CHECK(user->failed_logins == 0);
  CHECK(user->locked_until == 0);
}

TEST_CASE("logout needs the session's CSRF token and ends the session", "[web][session]") {
  Fixture f;
  add_user(f, "li", "inspector");
  std::string cookie = session_of(login(f, "li", kPassword));
  std::string csrf = json_of(f.get("/api/v1/me", {{"cookie", cookie}}))["csrf_token"];
  Headers form = {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", cookie}};

  auto missing = f.request("POST", "/logout", "", form);
  CHECK(missing.status == 403);
  CHECK(json_of(missing)["message"] == "CSRF token missing or wrong");
  auto wrong = f.request("POST", "/logout", "csrf=" + std::string(32, '0'), form);
  CHECK(wrong.status == 403);
  CHECK(f.get("/api/v1/me", {{"cookie", cookie}}).status == 200);  // still signed in

  auto out = f.request("POST", "/logout", "csrf=" + csrf, form);
  CHECK(out.status == 303);
  CHECK(out.header("location") == "/login");
  CHECK(set_cookie(out, "agritrace_session").find("Max-Age=0") != std::string::npos);
  CHECK(f.get("/api/v1/me", {{"cookie", cookie}}).status == 401);
  CHECK(count_action(audit_rows(f), "logout") == 1);

  // The header works as well as the form field.
  std::string again = session_of(login(f, "li", kPassword));
  std::string csrf2 = json_of(f.get("/api/v1/me", {{"cookie", again}}))["csrf_token"];
  CHECK(f.request("POST", "/logout", "", {{"cookie", again}, {"x-csrf-token", csrf2}}).status == 303);
  CHECK(f.request("POST", "/logout", "", {{"cookie", again}, {"x-csrf-token", csrf2}}).status == 401);
}

TEST_CASE("an expired or unknown session is refused", "[web][session]") {
  Fixture f;
  std::string id = add_user(f, "li", "inspector");
  std::string token = "st_expired";
  REQUIRE(f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    int64_t now = web::now_unix();
    store::Accounts(txn.read().database())
        .insert_session(store::SessionRow{ledger::sha256_hex(token), id, "csrf", now - 13 * 3600, now - 3600});
    return domain::Ok{};
  }));
  auto expired = f.get("/api/v1/me", {{"cookie", "agritrace_session=" + token}});
  CHECK(expired.status == 401);
  CHECK(json_of(expired)["message"].get<std::string>().find("expired") != std::string::npos);
  CHECK(f.get("/api/v1/me", {{"cookie", "agritrace_session=st_made_up"}}).status == 401);
  CHECK(f.get("/api/v1/me").status == 401);
}

TEST_CASE("api tokens resolve to the admin or the party's producer", "[web][session]") {
  Fixture f;
  auto party = f.party("合作社");
  auto admin = json_of(f.get("/api/v1/me", {{"authorization", std::string("Bearer ") + webtest::kAdminToken}}));
  CHECK(admin["role"] == "admin");
  CHECK(admin["via"] == "token");
  CHECK_FALSE(admin.contains("csrf_token"));
  auto producer = json_of(f.get("/api/v1/me", {{"authorization", "Bearer " + party.token}}));
  CHECK(producer["role"] == "producer");
  CHECK(producer["party_id"] == party.id);
  CHECK(f.get("/api/v1/me", {{"authorization", "Bearer pt_wrong"}}).status == 401);
  // A bad token is not rescued by a good cookie.
  add_user(f, "li", "inspector");
  std::string cookie = session_of(login(f, "li", kPassword));
  CHECK(f.get("/api/v1/me", {{"authorization", "Bearer pt_wrong"}, {"cookie", cookie}}).status == 401);
  // Logout is for sessions only.
  CHECK(f.request("POST", "/logout", "", {{"authorization", "Bearer " + party.token}}).status == 400);
}

TEST_CASE("require_role answers 401, 403 naming the role, and checks CSRF on session writes", "[web][session]") {
  Fixture f;
  auto party = f.party("合作社");
  add_user(f, "li", "inspector");
  std::string cookie = session_of(login(f, "li", kPassword));
  std::string csrf = json_of(f.get("/api/v1/me", {{"cookie", cookie}}))["csrf_token"];
  using web::Role;
  auto req = [](std::string method, Headers headers, std::string body = {}) {
    return http::Request{std::move(method), "/x", std::move(headers), std::move(body), "127.0.0.1"};
  };
  auto none = web::require_role(f.app(), req("POST", {}), {Role::inspector});
  REQUIRE_FALSE(none);
  CHECK(none.error().code == domain::Errc::unauthorized);
  auto producer =
      web::require_role(f.app(), req("POST", {{"authorization", "Bearer " + party.token}}), {Role::inspector});
  REQUIRE_FALSE(producer);
  CHECK(producer.error().code == domain::Errc::forbidden);
  CHECK(producer.error().message.find("inspector") != std::string::npos);
  auto get = web::require_role(f.app(), req("GET", {{"cookie", cookie}}), {Role::inspector, Role::admin});
  REQUIRE(get);
  CHECK(get->username == "li");
  auto post_no_csrf = web::require_role(f.app(), req("POST", {{"cookie", cookie}}), {Role::inspector});
  REQUIRE_FALSE(post_no_csrf);
  CHECK(post_no_csrf.error().message == "CSRF token missing or wrong");
  auto post_form = web::require_role(
      f.app(),
      req("POST", {{"cookie", cookie}, {"content-type", "application/x-www-form-urlencoded"}}, "a=1&csrf=" + csrf),
      {Role::inspector});
  CHECK(post_form);
  auto as_admin = web::require_role(f.app(), req("GET", {{"cookie", cookie}}), {Role::admin});
  REQUIRE_FALSE(as_admin);
  CHECK(as_admin.error().message.find("admin") != std::string::npos);
}

TEST_CASE("audit rows are written and cannot be changed or deleted", "[web][session]") {
  Fixture f;
  add_user(f, "li", "inspector");
  session_of(login(f, "li", kPassword));
  REQUIRE(web::audit(f.app(), "admin-token", "viewed", "bat_1"));
  auto rows = audit_rows(f);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].actor == "user:li");
  CHECK(rows[0].action == "login");
  CHECK(rows[1].action == "viewed");
  auto tamper = [&](const char* sql) {
    return f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
      txn.read().database().exec(sql);
      return domain::Ok{};
    });
  };
  CHECK_THROWS_WITH(tamper("UPDATE audit_log SET actor = 'someone'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(tamper("DELETE FROM audit_log"), Catch::Contains("append-only"));
  CHECK(audit_rows(f).size() == 2);
  CHECK(audit_rows(f)[0].actor == "user:li");
}
