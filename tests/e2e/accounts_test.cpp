// Accounts end to end: the real `agritrace user add` (password on stdin) against the database of a
// running server, then a login over real HTTP — the form, its cookie and token, the session cookie,
// /api/v1/me, logout — and the audit rows the server and the command wrote.
#include <sqlite3.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "api_calls.h"
#include "server_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

using namespace e2e;

namespace {

const std::string kBinary = AGRITRACE_BINARY;

struct Ran {
  int status = -1;
  std::string out;
};

// Runs `agritrace user add …` with `password` as its standard input.
Ran user_add(const std::string& args, const std::string& password, const test::TempDir& dir) {
  std::string input = dir.file("password.txt"), output = dir.file("user_add.out");
  if (FILE* f = std::fopen(input.c_str(), "w")) {
    std::fputs((password + "\n").c_str(), f);
    std::fclose(f);
  }
  int status =
      std::system((kBinary + " user add " + args + " < '" + input + "' > '" + output + "' 2>/dev/null").c_str());
  std::remove(input.c_str());
  Ran r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* f = std::fopen(output.c_str(), "r")) {
    char buf[256];
    while (size_t n = std::fread(buf, 1, sizeof buf, f)) r.out.append(buf, n);
    std::fclose(f);
  }
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r;
}

int audit_count(const std::string& db_path, const std::string& action) {
  sqlite3* db = nullptr;
  int count = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM audit_log WHERE action = ?", -1, &st, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, action.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) == SQLITE_ROW) count = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return count;
}

}  // namespace

TEST_CASE("agritrace user add creates an account that logs in over HTTP", "[e2e][accounts]") {
  test::TempDir dir;
  std::string admin = fresh_admin_token();
  ServerProcess server(options_for(dir, admin));
  test::HttpClient client(server.host(), server.port());
  auto party = post_json(client, "/api/v1/parties",
                         {{"name", "大宁县苹果合作社"}, {"kind", "cooperative"}, {"county", "大宁县"}}, admin);
  REQUIRE(party.status == 201);
  std::string party_id = json_of(party)["id"];
  std::string db = dir.file("agritrace.db");
  const std::string password = "苹果-orchard-2026";

  // Refusals: a short password, a producer without a party, an unknown party.
  CHECK(user_add("--username wang --role producer --party " + party_id + " --db '" + db + "'", "short", dir).status ==
        1);
  CHECK(user_add("--username wang --role producer --db '" + db + "'", password, dir).status == 2);
  CHECK(user_add("--username wang --role producer --party pty_none --db '" + db + "'", password, dir).status == 1);

  auto added = user_add("--username wang --role producer --party " + party_id + " --db '" + db + "'", password, dir);
  REQUIRE(added.status == 0);
  CHECK(added.out.rfind("usr_", 0) == 0);
  CHECK(user_add("--username wang --role producer --party " + party_id + " --db '" + db + "'", password, dir).status ==
        1);  // taken
  // An inspector needs a bureau: none is a usage error, a cooperative is refused.
  CHECK(user_add("--username li --role inspector --db '" + db + "'", password, dir).status == 2);
  CHECK(user_add("--username li --role inspector --party " + party_id + " --db '" + db + "'", password, dir).status == 1);

  // The login form, its token and cookie, then the login itself.
  auto page = client.get("/login");
  REQUIRE(page.status == 200);
  std::string login_cookie = set_cookie(page, "agritrace_login");
  login_cookie = login_cookie.substr(0, login_cookie.find(';'));
  std::string token = form_token(page.body);
  REQUIRE(!token.empty());
  test::HeaderList form = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", login_cookie}};
  auto wrong = client.post("/login", "username=wang&password=wrong-password-1&csrf=" + token, form);
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find("用户名或密码错误") != std::string::npos);

  // The password percent-encoded as a browser would send it.
  auto ok = client.post("/login", "username=wang&password=" + form_encode(password) + "&csrf=" + token, form);
  INFO(ok.body);
  REQUIRE(ok.status == 303);
  CHECK(ok.header("location") == "/producer");
  std::string session = set_cookie(ok, "agritrace_session");
  CHECK(session.find("HttpOnly") != std::string::npos);
  CHECK(session.find("SameSite=Strict") != std::string::npos);
  CHECK(session.find("Secure") != std::string::npos);  // the public URL is https
  session = session.substr(0, session.find(';'));

  auto me = client.get("/api/v1/me", {{"Cookie", session}});
  REQUIRE(me.status == 200);
  auto who = json_of(me);
  CHECK(who["role"] == "producer");
  CHECK(who["username"] == "wang");
  CHECK(who["user_id"] == added.out);
  CHECK(who["party_id"] == party_id);

  // Logout: refused without the CSRF token, done with it; the cookie is then worthless.
  CHECK(client.post("/logout", "", {{"Cookie", session}}).status == 403);
  auto out = client.post("/logout", "", {{"Cookie", session}, {"X-CSRF-Token", who["csrf_token"].get<std::string>()}});
  CHECK(out.status == 303);
  CHECK(client.get("/api/v1/me", {{"Cookie", session}}).status == 401);

  CHECK(audit_count(db, "user_add") == 1);
  CHECK(audit_count(db, "login_failed") == 1);
  CHECK(audit_count(db, "login") == 1);
  CHECK(audit_count(db, "logout") == 1);
}
