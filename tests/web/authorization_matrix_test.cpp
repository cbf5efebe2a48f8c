// The authorization matrix: every write endpoint × every kind of caller (nobody, the admin's token, a
// producer's token, another producer's token, the bureau's token, and producer / inspector / admin
// web sessions), each in a fresh stack. An allowed caller gets a success (2xx, or 303 for a form); a
// refused one gets exactly 401 (not signed in) or 403 (signed in, not allowed), with a reason, and
// the log does not grow.
#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "event_chain.h"
#include "ledger/base64.h"
#include "ledger/digest.h"
#include "ledger/producer_key.h"
#include "store/accounts.h"

using nlohmann::json;
using webtest::Chain;
using webtest::Headers;
using webtest::json_of;
using webtest::Party;

namespace {

enum Caller { nobody, admin_token, producer_token, other_producer_token, bureau_token, producer_session,
              inspector_session, admin_session };
const char* kCallerNames[] = {"nobody", "admin token", "producer token", "other producer token", "bureau token",
                              "producer session", "inspector session", "admin session"};
constexpr Caller kAllCallers[] = {nobody, admin_token, producer_token, other_producer_token, bureau_token,
                                  producer_session, inspector_session, admin_session};

// One stack: the apple chain (the coop holds batch DN-A), a bureau, and a session for each role.
struct World {
  Chain c;
  Party bureau = c.f.party("大宁县市场监督管理局", "bureau", "大宁县");
  std::map<Caller, std::pair<std::string, std::string>> sessions;  // cookie value, csrf

  World() {
    sessions[producer_session] = session("wang", "producer", c.coop.id);
    sessions[inspector_session] = session("li", "inspector", bureau.id);
    sessions[admin_session] = session("root", "admin", "");
  }

  // A user and an open session, written straight into their tables (the login flow itself is tested in
  // session_routes_test): the cookie value and the session's CSRF token.
  std::pair<std::string, std::string> session(const std::string& username, const std::string& role,
                                              const std::string& party) {
    std::string user_id = "usr_" + ledger::random_hex(8), cookie = ledger::random_hex(16);
    std::string csrf = ledger::random_hex(16);
    auto done = c.f.app().ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
      store::Accounts accounts(t.read().database());
      REQUIRE(accounts.insert_user(store::UserRow{user_id, username, role,
                                                  party.empty() ? std::nullopt : std::optional<std::string>(party),
                                                  "scrypt$1024$8$1$AAAA$AAAA", 0, 0, "2026-11-01T00:00:00Z"}));
      accounts.insert_session(store::SessionRow{ledger::sha256_hex(cookie), user_id, csrf, 1, 4'000'000'000});
      return domain::Ok{};
    });
    REQUIRE(done);
    return {cookie, csrf};
  }

  // Sends the request as `who`: a bearer token, or the session cookie plus its CSRF token (a header
  // for JSON, a form field for forms).
  http::Response send(Caller who, const std::string& method, const std::string& path, std::string body, bool form) {
    Headers headers = {{"content-type", form ? "application/x-www-form-urlencoded" : "application/json"}};
    auto bearer = [&](const std::string& token) { headers.push_back({"authorization", "Bearer " + token}); };
    switch (who) {
      case nobody: break;
      case admin_token: bearer(webtest::kAdminToken); break;
      case producer_token: bearer(c.coop.token); break;
      case other_producer_token: bearer(c.stranger.token); break;
      case bureau_token: bearer(bureau.token); break;
      default: {
        auto [cookie, csrf] = sessions.at(who);
        headers.push_back({"cookie", "agritrace_session=" + cookie});
        if (form) body += (body.empty() ? "csrf=" : "&csrf=") + csrf;
        else headers.push_back({"x-csrf-token", csrf});
      }
    }
    return c.f.request(method, path, body, headers);
  }
};

struct Endpoint {
  std::string name;
  std::set<Caller> allowed;
  // Prepares what the request needs in a fresh world and returns {method, path, body, is_form}.
  std::function<std::tuple<std::string, std::string, std::string, bool>(World&)> make;
};

std::string recall_of(World& w) {
  auto r = w.c.f.post("/api/v1/batches/" + w.c.batch + "/recall", {{"level", 2}, {"reason", "抽检不合格"}}, w.bureau.token);
  REQUIRE(r.status == 201);
  return json_of(r)["id"];
}

std::vector<Endpoint> endpoints() {
  const std::set<Caller> producers = {producer_token, producer_session};
  const std::set<Caller> inspectors = {bureau_token, inspector_session};
  const std::set<Caller> admins = {admin_token, admin_session};
  auto json_req = [](std::string method, std::string path, json body) {
    return std::make_tuple(std::move(method), std::move(path), body.dump(), false);
  };
  auto form_req = [](std::string path, std::string body) { return std::make_tuple(std::string("POST"), std::move(path), std::move(body), true); };
  return {
      {"POST /api/v1/parties", admins,
       [=](World&) { return json_req("POST", "/api/v1/parties", {{"name", "新合作社"}, {"kind", "cooperative"}, {"county", "大宁县"}}); }},
      // Set with the party's own token (the machine that will sign) or by the operator; not from a web login.
      {"PUT /api/v1/parties/{coop}/key", {admin_token, admin_session, producer_token},
       [=](World& w) {
         auto key = ledger::ProducerKey::generate();
         REQUIRE(key);
         return json_req("PUT", "/api/v1/parties/" + w.c.coop.id + "/key",
                         {{"public_key", ledger::base64_encode(key->public_key())}});
       }},
      {"POST /api/v1/sites", {producer_token, producer_session, other_producer_token, bureau_token, inspector_session},
       [=](World&) { return json_req("POST", "/api/v1/sites", {{"name", "新地块"}, {"kind", "orchard"}}); }},
      {"POST /api/v1/products", {producer_token, producer_session, other_producer_token},
       [=](World&) {
         return json_req("POST", "/api/v1/products",
                         {{"gtin", "0" + webtest::with_check_digit("690612300009")}, {"name", "新品"},
                          {"category", "apple"}, {"unit", "kg"}});
       }},
      // The coop's own site: another producer is refused (403) for naming a site that is not its own.
      {"POST /api/v1/batches", producers,
       [=](World& w) {
         return json_req("POST", "/api/v1/batches",
                         {{"gtin", w.c.apples}, {"lot", "DN-NEW"}, {"quantity", "5"}, {"unit", "kg"},
                          {"site", w.c.orchard}, {"produced_at", "2026-10-13T09:00:00+08:00"}});
       }},
      // Shipping the coop's batch: only the party holding it.
      {"POST /api/v1/events (ship)", producers, [=](World& w) { return json_req("POST", "/api/v1/events", w.c.ship("5")); }},
      // Inspecting it: the holder's self-test or the bureau's test.
      {"POST /api/v1/events (inspect)", {producer_token, producer_session, bureau_token, inspector_session},
       [=](World& w) { return json_req("POST", "/api/v1/events", w.c.inspect()); }},
      {"POST /api/v1/batches/{id}/hold", inspectors,
       [=](World& w) { return json_req("POST", "/api/v1/batches/" + w.c.batch + "/hold", {{"reason", "待复检"}}); }},
      {"POST /api/v1/batches/{id}/release", inspectors,
       [=](World& w) {
         REQUIRE(w.c.f.post("/api/v1/batches/" + w.c.batch + "/hold", {{"reason", "待复检"}}, w.bureau.token).status == 201);
         return json_req("POST", "/api/v1/batches/" + w.c.batch + "/release", {{"reason", "复检合格"}});
       }},
      {"POST /api/v1/batches/{id}/recall", inspectors,
       [=](World& w) {
         return json_req("POST", "/api/v1/batches/" + w.c.batch + "/recall", {{"level", 1}, {"reason", "农残超标"}});
       }},
      {"POST /api/v1/recalls/{id}/confirm", producers,
       [=](World& w) {
         return json_req("POST", "/api/v1/recalls/" + recall_of(w) + "/confirm", {{"batch", w.c.batch}, {"action", "destroyed"}});
       }},
      {"POST /console/batches/{id}/control", inspectors,
       [=](World& w) { return form_req("/console/batches/" + w.c.batch + "/control", "action=hold&reason=x"); }},
      {"POST /console/batches/{id}/inspect", inspectors,
       [=](World& w) {
         return form_req("/console/batches/" + w.c.batch + "/inspect",
                         "site=" + w.c.orchard + "&method=GC&tester=x&confirmatory=1&result=pass");
       }},
      {"POST /producer/recalls/{id}/confirm", producers,
       [=](World& w) { return form_req("/producer/recalls/" + recall_of(w) + "/confirm", "batch=" + w.c.batch + "&action=destroyed"); }},
      {"POST /admin/parties", admins,
       [=](World&) { return form_req("/admin/parties", "name=%E6%96%B0%E5%90%88%E4%BD%9C%E7%A4%BE&kind=cooperative&county=x"); }},
      {"POST /admin/users", admins,
       [=](World& w) {
         return form_req("/admin/users", "username=zhang&role=producer&party=" + w.c.coop.id +
                                             "&password=long-enough-pw&password2=long-enough-pw");
       }},
      {"POST /admin/users/{id}/unlock", admins,
       [=](World& w) {
         auto me = w.send(producer_session, "GET", "/api/v1/me", "", false);
         REQUIRE(me.status == 200);
         return form_req("/admin/users/" + json_of(me)["user_id"].get<std::string>() + "/unlock", "");
       }},
  };
}

}  // namespace

TEST_CASE("every write endpoint allows exactly the roles it should, and refuses the rest with 401 or 403") {
  for (const auto& endpoint : endpoints()) {
    for (Caller who : kAllCallers) {
      World w;
      auto [method, path, body, form] = endpoint.make(w);
      int64_t size_before = w.c.f.log_size();
      auto r = w.send(who, method, path, body, form);
      INFO(endpoint.name << " as " << kCallerNames[who] << " → " << r.status << " " << r.body.substr(0, 300));
      if (endpoint.allowed.count(who)) {
        CHECK(((r.status >= 200 && r.status < 300) || r.status == 303));
      } else {
        CHECK(w.c.f.log_size() == size_before);
        if (who == nobody && form) {  // a browser without a session is sent to the login page
          CHECK(r.status == 303);
          CHECK(r.header("location").rfind("/login", 0) == 0);
        } else {
          CHECK(r.status == (who == nobody ? 401 : 403));
          CHECK(r.body.size() > 20);  // every refusal says why (JSON "message", or an HTML page)
        }
      }
    }
  }
}
