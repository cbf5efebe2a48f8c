#include "web_login.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <optional>

#include "ledger/digest.h"
#include "ledger/password_hash.h"
#include "store/accounts.h"

namespace webtest {

std::string add_user(Fixture& f, const std::string& username, const std::string& role, std::string party) {
  if (role == "inspector" && party.empty()) party = f.party("大宁县市场监督管理局 " + username, "bureau").id;
  std::string id = "usr_" + ledger::random_hex(8);
  // Cheap scrypt parameters keep the tests fast; verification reads them from the stored string.
  std::string hash = ledger::hash_password(kPassword, {1024, 8, 1});
  auto done = f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    REQUIRE(store::Accounts(txn.read().database())
                .insert_user(store::UserRow{id, username, role,
                                            party.empty() ? std::nullopt : std::optional<std::string>(party), hash, 0,
                                            0, "2026-11-01T00:00:00Z"}));
    return domain::Ok{};
  });
  REQUIRE(done);
  return id;
}

std::string set_cookie(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == "set-cookie" && v.rfind(name + "=", 0) == 0) return v;
  return {};
}

std::string cookie_of(const std::string& set_cookie_value) { return set_cookie_value.substr(0, set_cookie_value.find(';')); }

std::string hidden_csrf(const std::string& html) {
  std::string marker = "name=\"csrf\" value=\"";
  auto at = html.find(marker);
  REQUIRE(at != std::string::npos);
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

std::string form_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out += static_cast<char>(c);
    else
      out += std::string("%") + kHex[c >> 4] + kHex[c & 15];
  }
  return out;
}

LoginForm login_form(Fixture& f) {
  auto page = f.get("/login");
  REQUIRE(page.status == 200);
  return {cookie_of(set_cookie(page, "agritrace_login")), hidden_csrf(page.body)};
}

http::Response login(Fixture& f, const std::string& username, const std::string& password) {
  auto form = login_form(f);
  return f.request("POST", "/login",
                   "username=" + form_encode(username) + "&password=" + form_encode(password) + "&csrf=" + form.csrf,
                   {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", form.cookie}});
}

std::string session_cookie(Fixture& f, const std::string& username) {
  auto r = login(f, username);
  INFO(r.body);
  REQUIRE(r.status == 303);
  return cookie_of(set_cookie(r, "agritrace_session"));
}

}  // namespace webtest
