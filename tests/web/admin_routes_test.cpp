// The admin page: registering parties (a log record, token shown once), adding accounts with the
// rules of `agritrace user add`, unlocking, the audit trail page, and who may reach any of it (admin
// sessions only; no session → /login; other roles → 403; POSTs need the session's CSRF token).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

#include "fixture.h"
#include "web_login.h"
#include "ledger/digest.h"
#include "ledger/password_hash.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "web/principal.h"

using webtest::Fixture;
using webtest::Headers;
using webtest::json_of;
using namespace webtest;

namespace {

std::string form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + form_encode(v);
  return out;
}

// A logged-in browser: its session cookie and the session's CSRF token.
struct Browser {
  std::string cookie, csrf;
};

Browser log_in(Fixture& f, const std::string& username) {
  Browser b{session_cookie(f, username), ""};
  auto me = f.get("/api/v1/me", {{"cookie", b.cookie}});
  REQUIRE(me.status == 200);
  b.csrf = json_of(me)["csrf_token"];
  return b;
}

Browser admin_browser(Fixture& f) {
  add_user(f, "root", "admin");
  return log_in(f, "root");
}

http::Response get_as(Fixture& f, const Browser& b, const std::string& target) {
  return f.get(target, {{"cookie", b.cookie}});
}

// A form POST as the browser; the csrf field is added unless `with_csrf` is false.
http::Response post_as(Fixture& f, const Browser& b, const std::string& target, std::string body,
                       bool with_csrf = true) {
  if (with_csrf) body += (body.empty() ? "" : "&") + std::string("csrf=") + b.csrf;
  return f.request("POST", target, body, {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", b.cookie}});
}

int count_action(Fixture& f, const std::string& action) {
  auto rows = store::AuditLog(f.app().reader().database()).newest(1000);
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](auto& r) { return r.action == action; }));
}

std::optional<store::UserRow> user_named(Fixture& f, const std::string& username) {
  return store::Accounts(f.app().reader().database()).user_by_username(username);
}

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("admin registers a party through the form and its record is in the log", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  auto page = get_as(f, admin, "/admin");
  INFO(page.body);
  REQUIRE(page.status == 200);
  CHECK(hidden_csrf(page.body) == admin.csrf);
  CHECK(has(page.body, "value=\"bureau\""));  // the kinds come from schemas/party.json
  CHECK(page.body.find("登记单位") < page.body.find("Register a party"));

  int64_t before = f.log_size();
  auto r = post_as(
      f, admin, "/admin/parties",
      form({{"name", "大宁县市场监督管理局"}, {"kind", "bureau"}, {"county", "大宁县"}, {"contact", "0357-1234567"}}));
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.header("cache-control") == "no-store");
  CHECK(f.log_size() == before + 1);

  auto listed = store::Accounts(f.app().reader().database()).parties(10);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].name == "大宁县市场监督管理局");
  CHECK(listed[0].kind == "bureau");
  auto record = json_of(f.get("/api/v1/parties/" + listed[0].id));
  CHECK(record["type"] == "party");
  CHECK(record["contact"] == "0357-1234567");
  CHECK(record["leaf_index"] == before);

  // The token is on the page once, and it is the party's.
  auto at = r.body.find("pt_");
  REQUIRE(at != std::string::npos);
  std::string token = r.body.substr(at, 35);
  auto by_token = f.app().reader().party_by_token_hash(ledger::sha256_hex(token));
  REQUIRE(by_token);
  CHECK(by_token->id == listed[0].id);
  auto again = get_as(f, admin, "/admin");
  CHECK(has(again.body, listed[0].id));
  CHECK_FALSE(has(again.body, token));
  CHECK(count_action(f, "party_add") == 1);

  SECTION("a bad field is named and nothing is written") {
    int64_t size = f.log_size();
    auto bad =
        post_as(f, admin, "/admin/parties", form({{"name", "某合作社"}, {"kind", "bank"}, {"county", "大宁县"}}));
    CHECK(bad.status == 400);
    CHECK(has(bad.body, "「类型」"));
    CHECK(has(bad.body, "value=\"某合作社\""));  // the form comes back filled in
    auto empty = post_as(f, admin, "/admin/parties", form({{"name", ""}, {"kind", "farm"}, {"county", "大宁县"}}));
    CHECK(empty.status == 400);
    CHECK(has(empty.body, "「名称」"));
    CHECK(f.log_size() == size);
  }
}

TEST_CASE("admin adds producer and inspector accounts with the CLI's rules", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  auto coop = f.party("大宁县苹果合作社");
  auto bureau = f.party("大宁县市场监督管理局", "bureau");
  int64_t size = f.log_size();

  auto producer = post_as(f, admin, "/admin/users",
                          form({{"username", "wang"},
                                {"role", "producer"},
                                {"party", coop.id},
                                {"password", kPassword},
                                {"password2", kPassword}}));
  INFO(producer.body);
  REQUIRE(producer.status == 303);
  CHECK(producer.header("location") == "/admin?done=user");
  auto wang = user_named(f, "wang");
  REQUIRE(wang);
  CHECK(wang->role == "producer");
  CHECK(wang->party_id == coop.id);
  CHECK(ledger::verify_password(kPassword, wang->password_hash));
  log_in(f, "wang");  // the account works

  auto wrong_party = post_as(f, admin, "/admin/users",
                             form({{"username", "li"},
                                   {"role", "inspector"},
                                   {"party", coop.id},
                                   {"password", kPassword},
                                   {"password2", kPassword}}));
  CHECK(wrong_party.status == 422);
  CHECK(has(wrong_party.body, "「所属单位」"));
  CHECK(has(wrong_party.body, "not a bureau"));
  CHECK(has(wrong_party.body, "value=\"li\""));
  CHECK_FALSE(has(wrong_party.body, kPassword));  // passwords are never sent back
  CHECK_FALSE(user_named(f, "li"));

  auto inspector = post_as(f, admin, "/admin/users",
                           form({{"username", "li"},
                                 {"role", "inspector"},
                                 {"party", bureau.id},
                                 {"password", kPassword},
                                 {"password2", kPassword}}));
  REQUIRE(inspector.status == 303);
  auto li = user_named(f, "li");
  REQUIRE(li);
  CHECK(li->role == "inspector");
  CHECK(li->party_id == bureau.id);

  auto taken =
      post_as(f, admin, "/admin/users",
              form({{"username", "li"}, {"role", "admin"}, {"password", kPassword}, {"password2", kPassword}}));
  CHECK(taken.status == 409);
  CHECK(has(taken.body, "「用户名」"));
  auto no_party =
      post_as(f, admin, "/admin/users",
              form({{"username", "zhao"}, {"role", "producer"}, {"password", kPassword}, {"password2", kPassword}}));
  CHECK(no_party.status == 400);
  CHECK(has(no_party.body, "「所属单位」"));

  CHECK(f.log_size() == size);  // accounts are not log records
  CHECK(count_action(f, "user_add") == 2);
  auto newest = store::AuditLog(f.app().reader().database()).page("", "user_add", 0, 1);
  REQUIRE(newest.size() == 1);
  CHECK(newest[0].actor == "user:root");
  CHECK(newest[0].target == li->id);

  auto page = get_as(f, admin, "/admin");
  CHECK(has(page.body, "大宁县市场监督管理局"));
  CHECK_FALSE(has(page.body, "scrypt$"));  // never a password hash
}

TEST_CASE("a too short password is refused and nothing is written", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  int audits = count_action(f, "user_add");
  auto r = post_as(f, admin, "/admin/users",
                   form({{"username", "admin2"}, {"role", "admin"}, {"password", "short"}, {"password2", "short"}}));
  CHECK(r.status == 400);
  CHECK(has(r.body, "「密码」"));
  CHECK(has(r.body, "at least 10 characters"));
  auto differ = post_as(f, admin, "/admin/users",
                        form({{"username", "admin2"},
                              {"role", "admin"},
                              {"password", kPassword},
                              {"password2", std::string(kPassword) + "x"}}));
  CHECK(differ.status == 400);
  CHECK(has(differ.body, "「确认密码」"));
  CHECK_FALSE(user_named(f, "admin2"));
  CHECK(count_action(f, "user_add") == audits);
}

TEST_CASE("unlock resets a locked account", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  auto coop = f.party("大宁县苹果合作社");
  std::string id = add_user(f, "wang", "producer", coop.id);
  REQUIRE(f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts(txn.read().database()).set_login_state(id, 5, web::now_unix() + 900);
    return domain::Ok{};
  }));
  auto page = get_as(f, admin, "/admin");
  CHECK(has(page.body, "/admin/users/" + id + "/unlock"));

  auto r = post_as(f, admin, "/admin/users/" + id + "/unlock", "");
  REQUIRE(r.status == 303);
  CHECK(r.header("location") == "/admin?done=unlock");
  auto wang = user_named(f, "wang");
  CHECK(wang->failed_logins == 0);
  CHECK(wang->locked_until == 0);
  CHECK(count_action(f, "user_unlock") == 1);
  log_in(f, "wang");  // the right password works again
  CHECK_FALSE(has(get_as(f, admin, "/admin?done=unlock").body, "/admin/users/" + id + "/unlock"));

  auto unknown = post_as(f, admin, "/admin/users/usr_nobody/unlock", "");
  CHECK(unknown.status == 404);
  CHECK(count_action(f, "user_unlock") == 1);
}

TEST_CASE("the audit page lists user_add and filters by actor and action", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  REQUIRE(post_as(f, admin, "/admin/users",
                  form({{"username", "zhang"}, {"role", "admin"}, {"password", kPassword}, {"password2", kPassword}}))
              .status == 303);
  auto all = get_as(f, admin, "/admin/audit");
  INFO(all.body);
  REQUIRE(all.status == 200);
  CHECK(has(all.body, ">user_add<"));
  CHECK(has(all.body, "username=zhang"));
  CHECK(has(all.body, "user:root"));
  CHECK(all.body.find(">user_add<") < all.body.find(">login<"));  // newest first

  auto only_login = get_as(f, admin, "/admin/audit?action=login");
  CHECK(has(only_login.body, ">login<"));
  CHECK_FALSE(has(only_login.body, "username=zhang"));
  auto by_other = get_as(f, admin, "/admin/audit?actor=cli");
  CHECK_FALSE(has(by_other.body, "username=zhang"));
  auto bad = get_as(f, admin, "/admin/audit?before=abc");
  CHECK(bad.status == 400);
  CHECK(has(bad.body, "「分页位置」"));
}

TEST_CASE("the audit page pages by 100 rows", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  REQUIRE(f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    for (int i = 0; i < 150; ++i)
      store::AuditLog(txn.read().database())
          .append(store::AuditRow{0, txn.recorded_at(), "cli", "probe", "t" + std::to_string(i), ""});
    return domain::Ok{};
  }));
  auto first = get_as(f, admin, "/admin/audit?action=probe");
  CHECK(has(first.body, ">t149<"));
  CHECK_FALSE(has(first.body, ">t49<"));
  const std::string next = "/admin/audit?actor=&amp;action=probe&amp;before=";
  auto at = first.body.find(next);
  REQUIRE(at != std::string::npos);
  at += next.size();
  auto second =
      get_as(f, admin, "/admin/audit?action=probe&before=" + first.body.substr(at, first.body.find('"', at) - at));
  CHECK(has(second.body, ">t49<"));
  CHECK(has(second.body, ">t0<"));
  CHECK_FALSE(has(second.body, ">t50<"));
}

TEST_CASE("producer and inspector sessions get 403 on every admin route", "[web][admin]") {
  Fixture f;
  auto coop = f.party("大宁县苹果合作社");
  auto bureau = f.party("大宁县市场监督管理局", "bureau");
  std::string target = add_user(f, "wang", "producer", coop.id);
  add_user(f, "li", "inspector", bureau.id);
  for (const std::string name : {"wang", "li"}) {
    Browser b = log_in(f, name);
    int64_t size = f.log_size();
    for (const std::string path : {"/admin", "/admin/audit"}) {
      auto r = get_as(f, b, path);
      INFO(name << " GET " << path);
      CHECK(r.status == 403);
      CHECK(has(r.body, "无权访问"));
      CHECK(has(r.body, "you are signed in as"));
    }
    auto party = post_as(f, b, "/admin/parties", form({{"name", "x"}, {"kind", "farm"}, {"county", "y"}}));
    CHECK(party.status == 403);
    auto user =
        post_as(f, b, "/admin/users",
                form({{"username", "evil"}, {"role", "admin"}, {"password", kPassword}, {"password2", kPassword}}));
    CHECK(user.status == 403);
    CHECK(post_as(f, b, "/admin/users/" + target + "/unlock", "").status == 403);
    CHECK(f.log_size() == size);
    CHECK_FALSE(user_named(f, "evil"));
  }
  // The API tokens of parties are no way in either.
  CHECK(f.get("/admin", {{"authorization", "Bearer " + coop.token}}).status == 403);
}

TEST_CASE("admin POSTs without the CSRF token are refused", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  int64_t size = f.log_size();
  auto party = post_as(f, admin, "/admin/parties", form({{"name", "x"}, {"kind", "farm"}, {"county", "y"}}), false);
  CHECK(party.status == 403);
  CHECK(has(party.body, "CSRF"));
  auto user = post_as(f, admin, "/admin/users",
                      form({{"username", "evil"},
                            {"role", "admin"},
                            {"password", kPassword},
                            {"password2", kPassword},
                            {"csrf", "0000"}}),
                      false);
  CHECK(user.status == 403);
  CHECK(f.log_size() == size);
  CHECK_FALSE(user_named(f, "evil"));
}

TEST_CASE("admin routes without a session redirect to the login page", "[web][admin]") {
  Fixture f;
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/admin"},
                                                        {"GET", "/admin/audit"},
                                                        {"POST", "/admin/parties"},
                                                        {"POST", "/admin/users"},
                                                        {"POST", "/admin/users/usr_x/unlock"}}) {
    auto r = f.request(method, path, "", {{"content-type", "application/x-www-form-urlencoded"}});
    INFO(method << " " << path);
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/login");
    auto stale = f.request(method, path, "", {{"cookie", "agritrace_session=st_expired"}});
    CHECK(stale.status == 303);
  }
}

TEST_CASE("the admin page escapes a hostile party name", "[web][admin]") {
  Fixture f;
  Browser admin = admin_browser(f);
  const std::string hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
  auto r = post_as(f, admin, "/admin/parties", form({{"name", hostile}, {"kind", "farm"}, {"county", "大宁县"}}));
  REQUIRE(r.status == 201);
  auto page = get_as(f, admin, "/admin");
  for (const auto& body : {r.body, page.body}) {
    CHECK_FALSE(has(body, "<script>"));
    CHECK_FALSE(has(body, "<img src=x"));
    CHECK((has(body, "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;") ||
           has(body, "&lt;script&gt;alert(1)&lt;/script&gt;")));
  }
}
