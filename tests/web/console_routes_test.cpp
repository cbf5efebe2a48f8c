// The bureau's console: GET /console (search and its filters), GET /console/batches/{id} (records
// verified, genealogy graph, temperature chart, audit of inspector views) and POST …/control (CSRF),
// with who may see them: inspectors and the admin; no session → /login; producers → 403.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <set>

#include "event_chain.h"
#include "fixture.h"
#include "web_login.h"
#include "ledger/base64.h"
#include "ledger/digest.h"
#include "ledger/password_hash.h"
#include "ledger/producer_key.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/controls.h"
#include "web/console_search.h"

using nlohmann::json;
using namespace webtest;

namespace {


size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The lots listed in a search result page (the link texts of the result table).
std::set<std::string> lots_in(const http::Response& r) {
  INFO(r.body.substr(0, 2000));
  REQUIRE(r.status == 200);
  std::set<std::string> lots;
  std::string marker = "<tr><td><a href=\"/console/batches/";
  for (size_t at = r.body.find(marker); at != std::string::npos; at = r.body.find(marker, at + 1)) {
    size_t open = r.body.find('>', at + marker.size()) + 1;
    lots.insert(r.body.substr(open, r.body.find('<', open) - open));
  }
  return lots;
}

// A small county: two apple harvests blended into jam and one jar sold as a parcel, a sensor log with
// an excursion on the first harvest, a failed self-test on the second, and honey from another county;
// a bureau with an inspector, and a producer with a login.
struct Scene {
  Chain c;
  Fixture& f = c.f;
  json dnb = f.batch(c.coop, c.orchard, c.apples, "DN-B", "50", "kg", "2026-10-11T09:00:00+08:00");
  // A lab test (not a rapid test, which would hold the batch) recorded before the blend used it up.
  json failed = f.event_ok(
      c.coop,
      c.inspect(
          {{"batch", dnb["id"]}, {"result", "fail"}, {"method", "GB 23200.8"}, {"at", "2026-10-12T09:00:00+08:00"}}));
  std::string jars = "0" + with_check_digit("690612300002");
  json jar_product = f.product(c.coop, jars, "jar", "苹果酱");
  json blend = f.event_ok(
      c.coop, {{"kind", "transform"},
               {"site", c.cold},
               {"at", "2026-10-13T10:00:00+08:00"},
               {"process", "混合、灌装"},
               {"inputs", {{{"batch", c.batch}, {"quantity", "80"}}, {{"batch", dnb["id"]}, {"quantity", "50"}}}},
               {"outputs", {{{"gtin", jars}, {"lot", "J-1"}, {"quantity", "100"}, {"unit", "jar"}}}}});
  std::string jam = blend["outputs"][0]["batch"];
  json sale = f.event_ok(c.coop, c.sell(c.cold, "1", {{"batch", jam}, {"unit", "jar"}, {"serial", "P0001"}}));
  json sensor = f.event_ok(c.coop, {{"kind", "sensor"},
                                    {"batch", c.batch},
                                    {"site", c.cold},
                                    {"at", "2026-10-12T20:00:00+08:00"},
                                    {"device", "T-03"},
                                    {"readings",
                                     {{{"at", "2026-10-12T12:00:00+08:00"}, {"temperature", "0.2"}},
                                      {{"at", "2026-10-12T16:00:00+08:00"}, {"temperature", "3.5"}},
                                      {{"at", "2026-10-12T19:00:00+08:00"}, {"temperature", "0.8"}}}}});
  Party beekeeper = f.party("隰县蜂业合作社", "cooperative", "隰县");
  std::string apiary = f.site(beekeeper, "午城蜂场", "apiary");
  std::string honey_gtin = "0" + with_check_digit("690612300009");
  json honey_product = f.product(beekeeper, honey_gtin, "kg", "隰县槐花蜜", {{"category", "honey"}});
  json honey = f.batch(beekeeper, apiary, honey_gtin, "H_1", "20", "kg", "2026-09-01T09:00:00+08:00");
  Party bureau = f.party("大宁县市场监督管理局", "bureau", "大宁县");
  std::string inspector_id = add_user(f, "li", "inspector", bureau.id);
  std::string producer_id = add_user(f, "wang", "producer", c.coop.id);
  std::string inspector = session_cookie(f, "li");

  http::Response as_inspector(const std::string& target) { return f.get(target, {{"cookie", inspector}}); }
  std::set<std::string> search(const std::string& query) { return lots_in(as_inspector("/console?" + query)); }
  // Opens a hold (or recall) row on a batch directly, as the control code would.
  void control(const std::string& batch_id, const std::string& kind) {
    auto done = f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
      store::Controls(txn.read().database())
          .open(store::ControlRow{batch_id, kind, kind == "hold" ? "inspector" : "recall", sensor["id"],
                                  kind == "recall" ? std::optional<int64_t>(2) : std::nullopt, "测试",
                                  "2026-11-01T00:00:00Z"});
      return domain::Ok{};
    });
    REQUIRE(done);
  }
};

}  // namespace

TEST_CASE("console pages send a browser without a session to the login page", "[web][console]") {
  Fixture f;
  for (const char* target : {"/console", "/console?lot=A", "/console/batches/bat_x"}) {
    INFO(target);
    auto r = f.get(target);
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/login");
  }
  auto post = f.request("POST", "/console/batches/bat_x/control", "action=hold&reason=x",
                        {{"content-type", "application/x-www-form-urlencoded"}});
  CHECK(post.status == 303);
  CHECK(post.header("location") == "/login");
}

TEST_CASE("producers get 403 on the console by session and by token", "[web][console]") {
  Scene s;
  std::string producer = session_cookie(s.f, "wang");
  for (const std::string& target : {std::string("/console"), "/console/batches/" + s.jam}) {
    INFO(target);
    auto by_session = s.f.get(target, {{"cookie", producer}});
    CHECK(by_session.status == 403);
    CHECK(by_session.body.find("无法访问") != std::string::npos);
    CHECK(by_session.body.find("J-1") == std::string::npos);
    auto by_token = s.f.get(target, {{"authorization", "Bearer " + s.c.coop.token}});
    CHECK(by_token.status == 403);
  }
  // The admin token may look.
  CHECK(s.f.get("/console/batches/" + s.jam, {{"authorization", std::string("Bearer ") + kAdminToken}}).status == 200);
}

TEST_CASE("each console search filter narrows the results", "[web][console]") {
  Scene s;
  auto all = s.search("");
  CHECK(all == std::set<std::string>{"DN-A", "DN-B", "J-1", "H_1"});
  CHECK(s.search("gtin=" + s.jars) == std::set<std::string>{"J-1"});
  CHECK(s.search("gtin=" + s.jars.substr(1)) == std::set<std::string>{"J-1"});  // GTIN-13 as printed
  CHECK(s.search("lot=DN") == std::set<std::string>{"DN-A", "DN-B"});
  CHECK(s.search("lot=dn-b") == std::set<std::string>{"DN-B"});  // LIKE ignores ASCII case
  CHECK(s.search("lot=_").count("H_1") == 1);                    // a literal underscore, not a wildcard
  CHECK(s.search("lot=_").size() == 1);
  CHECK(s.search("lot=%25").empty());  // a literal percent sign
  CHECK(s.search("party=" + web::url_encode("蜂业")) == std::set<std::string>{"H_1"});
  CHECK(s.search("party=" + s.c.coop.id) == std::set<std::string>{"DN-A", "DN-B", "J-1"});
  CHECK(s.search("county=" + web::url_encode("隰县")) == std::set<std::string>{"H_1"});
  CHECK(s.search("category=honey") == std::set<std::string>{"H_1"});
  CHECK(s.search("from=2026-10-12") == std::set<std::string>{"DN-A", "J-1"});
  CHECK(s.search("from=2026-10-11&to=2026-10-12") == std::set<std::string>{"DN-A", "DN-B"});
  CHECK(s.search("to=2026-09-30") == std::set<std::string>{"H_1"});
  CHECK(s.search("status=failed") == std::set<std::string>{"DN-B"});
  CHECK(s.search("status=held").empty());
  s.control(s.c.batch, "hold");
  s.control(s.honey["id"], "recall");
  CHECK(s.search("status=held") == std::set<std::string>{"DN-A"});
  CHECK(s.search("status=recalled") == std::set<std::string>{"H_1"});
  CHECK(s.search("status=held&lot=DN-B").empty());  // filters combine
  auto page = s.as_inspector("/console?status=recalled");
  CHECK(page.body.find("已召回 recalled") != std::string::npos);
  CHECK(page.body.find("/console/dashboard") != std::string::npos);
  CHECK(page.body.find("action=\"/logout\"") != std::string::npos);

  SECTION("bad filters are 400 naming the field, with the form kept") {
    auto bad = s.as_inspector("/console?gtin=12345&lot=DN");
    CHECK(bad.status == 400);
    CHECK(bad.body.find("gtin") != std::string::npos);
    CHECK(bad.body.find("value=\"DN\"") != std::string::npos);
    CHECK(s.as_inspector("/console?from=2026-13-01").status == 400);
    CHECK(s.as_inspector("/console?status=lost").status == 400);
    CHECK(s.as_inspector("/console?before=x").status == 400);
  }
  SECTION("results come newest first and page with a cursor") {
    auto r = s.as_inspector("/console");
    CHECK(r.body.find(">H_1<") < r.body.find(">DN-A<"));
    CHECK(r.body.find("下一页") == std::string::npos);  // fewer than a page
  }
}

TEST_CASE("an inspector sees the batch verified with its genealogy graph and an audit row", "[web][console]") {
  Scene s;
  auto r = s.as_inspector("/console/batches/" + s.jam);
  INFO(r.body.substr(0, 3000));
  REQUIRE(r.status == 200);
  CHECK(r.header("cache-control") == "no-store");
  CHECK(std::string(r.header("content-security-policy")).find("default-src 'none'") != std::string::npos);
  CHECK(r.body.find("苹果酱") != std::string::npos);
  CHECK(r.body.find("生产者") < r.body.find("Producer"));

  auto svg_at = r.body.find("<svg ");
  REQUIRE(svg_at != std::string::npos);
  std::string svg = r.body.substr(svg_at, r.body.find("</svg>", svg_at) - svg_at);
  for (const char* text : {"批号 DN-A", "批号 DN-B", "批号 J-1", "包裹 P0001", "产地 南堡村果园"})
    CHECK(svg.find(text) != std::string::npos);
  CHECK(svg.find("href=\"/console/batches/" + s.c.batch + "\"") != std::string::npos);
  CHECK(svg.find("href=\"/01/" + s.jars + "/10/J-1/21/P0001\"") != std::string::npos);

  // Every record shown is verified: the batch, its product, two parents, the transform and the sale.
  size_t records = count(r.body, "<tr class=\"record\">");
  CHECK(records == 6);
  CHECK(count(r.body, "✓ 已核验") == records);
  CHECK(r.body.find("✗") == std::string::npos);
  CHECK(r.body.find("全部记录已核验") != std::string::npos);

  // The inspector's form carries the session's CSRF token.
  CHECK(r.body.find("action=\"/console/batches/" + s.jam + "/control\"") != std::string::npos);

  auto rows = store::AuditLog(s.f.app().reader().database()).newest(20);
  auto viewed = std::count_if(rows.begin(), rows.end(), [&](const store::AuditRow& row) {
    return row.action == "view_batch" && row.actor == "user:li" && row.target == s.jam;
  });
  CHECK(viewed == 1);

  SECTION("forward from a farm batch the graph reaches the jam and its parcel") {
    auto farm = s.as_inspector("/console/batches/" + s.c.batch);
    REQUIRE(farm.status == 200);
    CHECK(farm.body.find("批号 J-1") != std::string::npos);
    CHECK(farm.body.find("包裹 P0001") != std::string::npos);
    CHECK(farm.body.find("href=\"/console/batches/" + s.jam + "\"") != std::string::npos);
  }
  SECTION("an unknown batch is a 404 page") {
    auto missing = s.as_inspector("/console/batches/bat_nope");
    CHECK(missing.status == 404);
    CHECK(missing.body.find("bat_nope") != std::string::npos);
  }
  SECTION("the admin's views are not audited as an inspector's and show no control form") {
    auto admin = s.f.get("/console/batches/" + s.jam, {{"authorization", std::string("Bearer ") + kAdminToken}});
    REQUIRE(admin.status == 200);
    CHECK(admin.body.find("/control\"") == std::string::npos);
    auto after = store::AuditLog(s.f.app().reader().database()).newest(20);
    CHECK(std::count_if(after.begin(), after.end(), [](auto& row) { return row.action == "view_batch"; }) == 1);
  }
}

TEST_CASE("the batch view charts temperatures with the excursion marked and shows inspections", "[web][console]") {
  Scene s;
  auto r = s.as_inspector("/console/batches/" + s.c.batch);
  REQUIRE(r.status == 200);
  CHECK(count(r.body, "class=\"reading excursion\"") == 1);
  CHECK(count(r.body, "class=\"reading\"") == 2);
  CHECK(r.body.find("class=\"band\"") != std::string::npos);
  CHECK(r.body.find("1 次超出范围") != std::string::npos);

  auto failed = s.as_inspector("/console/batches/" + s.dnb["id"].get<std::string>());
  REQUIRE(failed.status == 200);
  CHECK(failed.body.find("检测不合格 failed test") != std::string::npos);
  CHECK(failed.body.find("自检") != std::string::npos);
  CHECK(failed.body.find("GB 23200.8") != std::string::npos);
  CHECK(failed.body.find("不合格 fail") != std::string::npos);
}

TEST_CASE("a hostile product name is escaped on the console pages", "[web][console]") {
  Scene s;
  std::string gtin = "0" + with_check_digit("690612300010");
  s.f.product(s.c.coop, gtin, "kg", "<script>alert('x')</script>&\"");
  json b = s.f.batch(s.c.coop, s.c.orchard, gtin, "EVIL-1", "1", "kg");
  for (const std::string& target :
       {"/console/batches/" + b["id"].get<std::string>(), std::string("/console?lot=EVIL")}) {
    INFO(target);
    auto r = s.as_inspector(target);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("<script") == std::string::npos);
    CHECK(r.body.find("&lt;script&gt;") != std::string::npos);
  }
}

TEST_CASE("the control form's POST needs the inspector's CSRF token", "[web][console]") {
  Scene s;
  std::string target = "/console/batches/" + s.jam + "/control";
  Headers form = {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", s.inspector}};
  auto no_csrf = s.f.request("POST", target, "action=hold&reason=" + web::url_encode("抽检"), form);
  CHECK(no_csrf.status == 403);
  CHECK(no_csrf.body.find("CSRF") != std::string::npos);
  auto wrong = s.f.request("POST", target, "action=hold&reason=x&csrf=0123456789abcdef0123456789abcdef", form);
  CHECK(wrong.status == 403);
  CHECK(store::Controls(s.f.app().reader().database()).open_for(s.jam).empty());

  std::string csrf = hidden_csrf(s.as_inspector("/console/batches/" + s.jam).body);
  auto bad_action = s.f.request("POST", target, "action=burn&reason=x&csrf=" + csrf, form);
  CHECK(bad_action.status == 400);
  CHECK(bad_action.body.find("action must be hold, release or recall") != std::string::npos);
  auto bad_level = s.f.request("POST", target, "action=recall&level=7&reason=x&csrf=" + csrf, form);
  CHECK(bad_level.status == 422);
  CHECK(bad_level.body.find("level must be 1, 2 or 3") != std::string::npos);
  CHECK(bad_level.body.find(">x</textarea>") != std::string::npos);  // the reason is kept

  // A producer's session with its own valid token is still refused.
  std::string producer = session_cookie(s.f, "wang");
  std::string producer_csrf = json_of(s.f.get("/api/v1/me", {{"cookie", producer}}))["csrf_token"];
  auto by_producer = s.f.request("POST", target, "action=hold&reason=x&csrf=" + producer_csrf,
                                 {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", producer}});
  CHECK(by_producer.status == 403);
}

TEST_CASE("an inspector holds a batch from the console and sees it held", "[web][console]") {
  Scene s;
  std::string target = "/console/batches/" + s.jam + "/control";
  Headers form = {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", s.inspector}};
  std::string csrf = hidden_csrf(s.as_inspector("/console/batches/" + s.jam).body);
  auto held =
      s.f.request("POST", target, "action=hold&reason=" + web::url_encode("抽检待复核") + "&csrf=" + csrf, form);
  INFO(held.body.substr(0, 2000));
  REQUIRE(held.status == 303);
  CHECK(held.header("location") == "/console/batches/" + s.jam);
  auto view = s.as_inspector("/console/batches/" + s.jam);
  CHECK(view.body.find("扣留中 held") != std::string::npos);
  CHECK(view.body.find("抽检待复核") != std::string::npos);
  CHECK(s.search("status=held") == std::set<std::string>{"J-1"});
  // A refused control (holding a held batch) re-renders the view with the reason and a 4xx status.
  auto again = s.f.request("POST", target, "action=hold&reason=" + web::url_encode("再次扣留") + "&csrf=" + csrf, form);
  CHECK(again.status == 409);
  CHECK(again.body.find("already held") != std::string::npos);
  CHECK(again.body.find(">再次扣留</textarea>") != std::string::npos);
  CHECK(again.body.find("操作未完成") != std::string::npos);
}

TEST_CASE("console results stop at 100 and the next page continues from the cursor", "[web][console]") {
  Scene s;
  for (int i = 0; i < 100; ++i) s.f.batch(s.c.coop, s.c.orchard, s.c.apples, "PG-" + std::to_string(i), "1", "kg");
  auto first = s.as_inspector("/console?lot=PG-");
  auto lots = lots_in(first);
  CHECK(lots.size() == 100);
  auto at = first.body.find("<a href=\"/console?lot=PG-&amp;before=");
  REQUIRE(at != std::string::npos);  // the filters are kept in the next page's link
  at = first.body.find('"', at) + 1;
  std::string next = first.body.substr(at, first.body.find('"', at) - at);
  auto second = s.as_inspector(next.replace(next.find("&amp;"), 5, "&"));
  CHECK(lots_in(second).empty());  // exactly 100 matched: the next page is empty
  auto all = s.as_inspector("/console");
  std::string all_next = all.body.substr(all.body.find("/console?before="));
  all_next = all_next.substr(0, all_next.find('"'));
  CHECK(lots_in(s.as_inspector(all_next)) == std::set<std::string>{"DN-A", "DN-B", "J-1", "H_1"});
}

TEST_CASE("an inspector records a rapid test from the console, and a positive one holds the batch", "[web][console]") {
  Scene s;
  std::string lab = s.f.site(s.bureau, "大宁县市场监管局快检室", "lab");
  std::string target = "/console/batches/" + s.jam + "/inspect";
  Headers form = {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", s.inspector}};
  auto view = s.as_inspector("/console/batches/" + s.jam);
  CHECK(view.body.find("记录监督抽检") != std::string::npos);
  CHECK(view.body.find(lab) != std::string::npos);  // the bureau's lab is offered as the place
  std::string csrf = hidden_csrf(view.body);
  auto fields = [&](const std::string& a0, const std::string& at) {
    return "site=" + lab + "&method=" + web::url_encode("GB/T 5009.199") + "&tester=" + web::url_encode("王检") +
           "&kit_lot=K1&instrument=RP-410&delta_a0=" + a0 + "&delta_at=" + at + "&csrf=" + csrf;
  };
  // A malformed absorbance is refused naming the field, with the values kept and nothing written.
  int64_t before = s.f.log_size();
  auto bad = s.f.request("POST", target, fields("0.5x", "0.2"), form);
  CHECK(bad.status == 400);
  CHECK(bad.body.find("delta_a0") != std::string::npos);
  CHECK(bad.body.find("value=\"0.5x\"") != std::string::npos);
  CHECK(s.f.log_size() == before);
  // ΔA0 0.5000, ΔAt 0.2000 → 60.0 % inhibition: positive, the batch is held until re-tested.
  auto positive = s.f.request("POST", target, fields("0.5000", "0.2000"), form);
  INFO(positive.body.substr(0, 1500));
  REQUIRE(positive.status == 303);
  auto events = s.f.app().reader().events_of_batch(s.jam);
  REQUIRE(!events.empty());
  json test = json::parse(events.back().body);
  CHECK(test["party"] == s.bureau.id);
  CHECK(test["by"] == "user:li");
  CHECK(test["result"] == "fail");
  auto open = store::Controls(s.f.app().reader().database()).open_for(s.jam);
  REQUIRE(open.size() == 1);
  CHECK(open[0].cause == "rapid_test");
  CHECK(s.search("status=held") == std::set<std::string>{"J-1"});
  // A confirmatory test needs its result.
  auto no_result = s.f.request("POST", target, "site=" + lab + "&method=GC&tester=x&confirmatory=1&csrf=" + csrf, form);
  CHECK(no_result.status == 422);
}

TEST_CASE("a bureau whose writes are signed cannot use the console's forms", "[web][console]") {
  Scene s;
  std::string lab = s.f.site(s.bureau, "快检室", "lab");
  auto key = ledger::ProducerKey::generate();
  REQUIRE(key);
  REQUIRE(s.f.request("PUT", "/api/v1/parties/" + s.bureau.id + "/key",
                      json{{"public_key", ledger::base64_encode(key->public_key())}}.dump(),
                      {{"content-type", "application/json"}, {"authorization", std::string("Bearer ") + webtest::kAdminToken}})
              .status == 201);
  Headers form = {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", s.inspector}};
  std::string csrf = hidden_csrf(s.as_inspector("/console/batches/" + s.jam).body);
  int64_t before = s.f.log_size();
  auto hold = s.f.request("POST", "/console/batches/" + s.jam + "/control", "action=hold&reason=x&csrf=" + csrf, form);
  CHECK(hold.status == 403);
  CHECK(hold.body.find("agritrace sign") != std::string::npos);
  CHECK(s.f.log_size() == before);
}
