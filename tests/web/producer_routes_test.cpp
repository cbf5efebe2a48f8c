// The producer's page: GET /producer (recalls reaching its stock with their deadlines, confirmed
// recalls, recent batches) and POST /producer/recalls/{id}/confirm (CSRF, only the holder), with who may
// see it: producers of their own party only; no session → /login; inspectors and the admin → 403 page.
#include <catch2/catch.hpp>

#include "event_chain.h"
#include "fixture.h"
#include "store/controls.h"
#include "web/recall_view.h"
#include "web_login.h"

using nlohmann::json;
using namespace webtest;

namespace {

const Headers kForm = {{"content-type", "application/x-www-form-urlencoded"}};

std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The coop ships 30 kg of its 100 kg harvest to the shop, which receives them; then the bureau recalls
// the harvest (level 1): the coop held 70 kg of it and the shop 30 kg. Each party has a login.
struct Scene {
  Chain c;
  Fixture& f = c.f;
  Party bureau = f.party("大宁县市场监督管理局", "bureau", "大宁县");
  std::string shipment = f.event_ok(c.coop, c.ship("30"))["id"];
  json received = f.event_ok(c.shop, c.receive(shipment, c.shop_wh));
  std::string reason = "毒死蜱残留超标（气相色谱确证）";
  json recall = recall_of(c.batch, 1, reason);
  std::string recall_id = recall["id"];

  Scene() {
    add_user(f, "shop", "producer", c.shop.id);
    add_user(f, "coop", "producer", c.coop.id);
    add_user(f, "stranger", "producer", c.stranger.id);
    add_user(f, "inspector", "inspector", bureau.id);
    add_user(f, "root", "admin", "");
  }

  json recall_of(const std::string& batch, int level, const std::string& why) {
    auto r = f.post("/api/v1/batches/" + batch + "/recall", {{"level", level}, {"reason", why}}, bureau.token);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json_of(r);
  }

  http::Response page(const std::string& cookie) { return f.get("/producer", {{"cookie", cookie}}); }

  http::Response confirm(const std::string& cookie, const std::string& body, const std::string& id = {}) {
    Headers headers = kForm;
    headers.emplace_back("cookie", cookie);
    return f.request("POST", "/producer/recalls/" + (id.empty() ? recall_id : id) + "/confirm", body, headers);
  }

  std::optional<std::string> confirmed_by(const std::string& party) {
    for (const auto& r : store::Controls(f.app().reader().database()).reach(recall_id))
      if (r.batch_id == c.batch && r.party_id == party) return r.confirmed_by ? r.confirmed_by : std::string();
    return std::nullopt;
  }
};

}  // namespace

TEST_CASE("a producer sees the recall reaching its stock and confirms it through the form") {
  Scene s;
  std::string shop = session_cookie(s.f, "shop");
  auto r = s.page(shop);
  INFO(r.body.substr(0, 3000));
  REQUIRE(r.status == 200);
  CHECK(header(r, "cache-control") == "no-store");
  CHECK(has(r.body, "宁脆优选网店"));  // the party's name and county
  CHECK(has(r.body, "大宁县"));
  CHECK(has(r.body, "需要您处理的召回"));
  CHECK(has(r.body, s.reason));
  CHECK(has(r.body, "批号 DN-A"));
  CHECK(has(r.body, "大宁宁脆苹果"));
  CHECK(has(r.body, "30 kg"));  // what the shop held when the recall was recorded
  // Level 1: start within 24 hours, complete within 10 working days of the recall (UTC+8).
  auto event = s.f.app().reader().event(s.recall_id);
  REQUIRE(event);
  CHECK(has(r.body, "24 小时内"));
  CHECK(has(r.body, "10 个工作日内，截至 " + web::completion_date(event->at_unix, 10)));
  std::string action = "action=\"/producer/recalls/" + s.recall_id + "/confirm\"";
  REQUIRE(has(r.body, action));
  std::string csrf = hidden_csrf(r.body.substr(r.body.find(action)));
  CHECK(has(r.body, "name=\"batch\" value=\"" + s.c.batch + "\""));
  // The batch is listed among the shop's batches with its recall badge and consumer page link.
  CHECK(has(r.body, "已召回 recalled"));
  CHECK(has(r.body, "href=\"/01/" + s.c.apples + "/10/DN-A\""));

  // A refused confirmation shows the page again with the field named, and writes nothing.
  auto bad = s.confirm(shop, "csrf=" + csrf + "&batch=" + s.c.batch + "&action=eaten");
  CHECK(bad.status == 400);
  CHECK(has(bad.body, "/action"));
  CHECK(has(bad.body, "需要您处理的召回"));
  CHECK(s.confirmed_by(s.c.shop.id) == std::string());

  auto done = s.confirm(
      shop, "csrf=" + csrf + "&batch=" + s.c.batch + "&action=destroyed&note=" + form_encode("已全部销毁，有照片"));
  INFO(done.body);
  REQUIRE(done.status == 303);
  CHECK(header(done, "location") == "/producer");
  auto by = s.confirmed_by(s.c.shop.id);
  REQUIRE(by);
  CHECK(!by->empty());
  CHECK(s.f.holding(s.c.batch, s.c.shop.id) == "0");
  CHECK(s.confirmed_by(s.c.coop.id) == std::string());  // the coop's share still waits for the coop

  auto after = s.page(shop);
  REQUIRE(after.status == 200);
  CHECK(!has(after.body, "需要您处理的召回"));
  CHECK(!has(after.body, action));
  CHECK(has(after.body, "没有待处理的召回"));
  CHECK(has(after.body, "已销毁 destroyed"));
  CHECK(has(after.body, *by));
  // A second confirmation of the same share is a conflict.
  CHECK(s.confirm(shop, "csrf=" + csrf + "&batch=" + s.c.batch + "&action=returned").status == 409);
}

TEST_CASE("the producer's confirm form needs the session's CSRF token") {
  Scene s;
  std::string shop = session_cookie(s.f, "shop");
  auto none = s.confirm(shop, "batch=" + s.c.batch + "&action=returned");
  CHECK(none.status == 403);
  CHECK(has(none.body, "无权访问"));
  CHECK(s.confirm(shop, "csrf=wrong&batch=" + s.c.batch + "&action=returned").status == 403);
  CHECK(s.confirmed_by(s.c.shop.id) == std::string());
  CHECK(s.f.holding(s.c.batch, s.c.shop.id) == "30");
}

TEST_CASE("another producer sees nothing of a recall that did not reach it and cannot confirm it") {
  Scene s;
  std::string stranger = session_cookie(s.f, "stranger");
  auto r = s.page(stranger);
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "山西太行药业有限公司"));
  CHECK(!has(r.body, s.recall_id));
  CHECK(!has(r.body, s.reason));
  CHECK(!has(r.body, "DN-A"));
  CHECK(has(r.body, "没有待处理的召回"));
  auto post = s.confirm(stranger, "csrf=" + hidden_csrf(r.body) + "&batch=" + s.c.batch + "&action=returned");
  CHECK(post.status == 403);
  CHECK(s.confirmed_by(s.c.shop.id) == std::string());
  CHECK(s.confirmed_by(s.c.coop.id) == std::string());
  CHECK(s.confirmed_by(s.c.stranger.id) == std::nullopt);
}

TEST_CASE("inspectors and the admin get a 403 page and no session is sent to the login") {
  Scene s;
  for (const char* user : {"inspector", "root"}) {
    std::string cookie = session_cookie(s.f, user);
    auto r = s.page(cookie);
    INFO(user);
    CHECK(r.status == 403);
    CHECK(has(r.body, "无权访问"));
    CHECK(has(r.body, "producer"));  // the reason names the role allowed
    CHECK(!has(r.body, s.reason));
    CHECK(header(r, "cache-control") == "no-store");
  }
  auto anonymous = s.f.get("/producer");
  CHECK(anonymous.status == 303);
  CHECK(header(anonymous, "location") == "/login");
  auto post = s.f.request("POST", "/producer/recalls/" + s.recall_id + "/confirm",
                          "batch=" + s.c.batch + "&action=returned", kForm);
  CHECK(post.status == 303);
  CHECK(header(post, "location") == "/login");
  CHECK(s.confirmed_by(s.c.shop.id) == std::string());
}

TEST_CASE("the producer page escapes a hostile product name and reason") {
  Scene s;
  std::string gtin = "0" + with_check_digit("690612300003");
  s.f.product(s.c.coop, gtin, "kg", "<script>alert('x')</script>苹果");
  json batch = s.f.batch(s.c.coop, s.c.orchard, gtin, "EVIL-1", "5", "kg");
  s.recall_of(batch["id"], 2, "<img src=x onerror=alert(1)>");
  std::string coop = session_cookie(s.f, "coop");
  auto r = s.page(coop);
  INFO(r.body.substr(0, 3000));
  REQUIRE(r.status == 200);
  CHECK(!has(r.body, "<script>alert"));
  CHECK(!has(r.body, "<img src=x"));
  CHECK(has(r.body, "&lt;script&gt;"));
  CHECK(has(r.body, "&lt;img src=x onerror=alert(1)&gt;"));
  // Both recalls reach the coop: the level 2 one with its 48 hours and 20 working days.
  CHECK(has(r.body, "48 小时内"));
  CHECK(has(r.body, "20 个工作日内"));
  CHECK(has(r.body, "70 kg"));  // the coop's share of the first harvest
}
