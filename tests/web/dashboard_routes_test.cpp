// The bureau's dashboard (GET /console/dashboard and its CSV tables) and the recall pages
// (GET /console/recalls[/{id}], GET /api/v1/recalls/{id}): numbers matching the data posted through
// the API, CSV downloads, recall deadlines and progress after real recalls and confirmations, and
// access (no session → 303 /login, producer → 403; a holder's producer sees only its own rows).
#include <catch2/catch.hpp>
#include <regex>

#include "event_chain.h"
#include "ledger/digest.h"
#include "store/accounts.h"
#include "web/dashboard_model.h"
#include "web/principal.h"
#include "web/scan_counter.h"

using nlohmann::json;
using webtest::Chain;
using webtest::Fixture;
using webtest::json_of;
using webtest::Party;

namespace {

// A signed-in user's cookie header value; the account and session are written as POST /login would.
std::string session(Fixture& f, const std::string& role, const std::string& party = {}) {
  std::string id = "usr_" + ledger::random_hex(8);
  std::string token = ledger::random_hex(16);
  auto done = f.app().ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts accounts(txn.read().database());
    REQUIRE(accounts.insert_user(store::UserRow{id, role + "-" + id, role,
                                                party.empty() ? std::nullopt : std::optional<std::string>(party),
                                                "not-used", 0, 0, "2026-11-01T00:00:00Z"}));
    accounts.insert_session(store::SessionRow{ledger::sha256_hex(token), id, ledger::random_hex(16), web::now_unix(),
                                              web::now_unix() + 3600});
    return domain::Ok{};
  });
  REQUIRE(done);
  return "agritrace_session=" + token;
}

http::Response as(Fixture& f, const std::string& cookie, const std::string& target) {
  return f.get(target, {{"cookie", cookie}});
}

// The cells of the HTML table rows in the dashboard section `name`.
std::vector<std::vector<std::string>> section_rows(const std::string& html, const std::string& name) {
  auto start = html.find("<section id=\"" + name + "\">");
  REQUIRE(start != std::string::npos);
  std::string part = html.substr(start, html.find("</section>", start) - start);
  std::vector<std::vector<std::string>> rows;
  std::regex row_re("<tr>((?:<td>[^<]*</td>)+)</tr>"), cell_re("<td>([^<]*)</td>");
  for (auto r = std::sregex_iterator(part.begin(), part.end(), row_re); r != std::sregex_iterator(); ++r) {
    std::string cells = (*r)[1];
    rows.emplace_back();
    for (auto c = std::sregex_iterator(cells.begin(), cells.end(), cell_re); c != std::sregex_iterator(); ++c)
      rows.back().push_back((*c)[1]);
  }
  return rows;
}

// Two counties, two categories, three inspections, a hold, scans.
struct County {
  Fixture f;
  Party coop = f.party("大宁县宁脆苹果专业合作社", "cooperative", "大宁县");
  Party apiary = f.party("吉县蜂业合作社", "cooperative", "吉县");
  Party bureau = f.party("大宁县市场监督管理局", "bureau", "大宁县");
  std::string orchard = f.site(coop, "南堡村果园");
  std::string hives = f.site(apiary, "壶口蜂场", "apiary");
  std::string apples = "0" + webtest::with_check_digit("690612300001");
  std::string honey = "0" + webtest::with_check_digit("690612300002");
  json apple_product = f.product(coop, apples, "kg", "大宁宁脆苹果", {{"category", "apple"}});
  json honey_product = f.product(apiary, honey, "jar", "吉县槐花蜜", {{"category", "honey"}});
  std::string a1 = f.batch(coop, orchard, apples, "DN-A1", "100", "kg", "2026-10-12T09:00:00+08:00")["id"];
  std::string a2 = f.batch(coop, orchard, apples, "DN-A2", "50.5", "kg", "2026-11-03T09:00:00+08:00")["id"];
  // 05:00 on 1 October in UTC+8 is still 30 September in UTC: the month is October.
  std::string h1 = f.batch(apiary, hives, honey, "JX-H1", "200", "jar", "2026-10-01T05:00:00+08:00")["id"];

  json inspect(const std::string& result) {
    return f.event_ok(coop, {{"kind", "inspect"},
                             {"batch", a1},
                             {"site", orchard},
                             {"at", "2026-10-12T15:20:00+08:00"},
                             {"result", result},
                             {"method", "感官检验"}});
  }
};

}  // namespace

TEST_CASE("dashboard numbers match the batches, inspections, holds and scans posted", "[web][dashboard]") {
  County c;
  c.inspect("pass");
  c.inspect("pass");
  c.inspect("fail");
  auto hold =
      c.f.post("/api/v1/batches/" + c.h1 + "/hold", {{"reason", "=HYPERLINK(\"http://x\",\"抽检\")"}}, c.bureau.token);
  INFO(hold.body);
  REQUIRE(hold.status == 201);
  REQUIRE(c.f.get("/01/" + c.apples + "/10/DN-A1").status == 200);
  REQUIRE(c.f.get("/01/" + c.apples + "/10/DN-A1").status == 200);
  REQUIRE(c.f.get("/01/" + c.honey + "/10/JX-H1").status == 200);
  REQUIRE(c.f.app().scans().flush());

  std::string inspector = session(c.f, "inspector", c.bureau.id);
  auto page = as(c.f, inspector, "/console/dashboard");
  INFO(page.body.substr(0, 2000));
  REQUIRE(page.status == 200);
  CHECK(page.header("content-type") == "text/html; charset=utf-8");
  CHECK(std::string(page.header("content-security-policy")).find("default-src 'none'") != std::string::npos);
  CHECK(page.body.find("<script") == std::string::npos);
  CHECK(page.body.find("<svg") != std::string::npos);

  CHECK(section_rows(page.body, "products") ==
        std::vector<std::vector<std::string>>{{"苹果", "kg", "2", "150.5"}, {"蜂蜜", "jar", "1", "200"}});
  CHECK(section_rows(page.body, "counties") ==
        std::vector<std::vector<std::string>>{{"吉县", "jar", "1", "200"}, {"大宁县", "kg", "2", "150.5"}});
  auto inspections = section_rows(page.body, "inspections");
  REQUIRE(!inspections.empty());
  CHECK(inspections.back() == std::vector<std::string>{"合计 total", "2", "1", "66.7%"});
  CHECK(page.body.find("<b>66.7%</b>") != std::string::npos);
  auto controls = section_rows(page.body, "controls");
  REQUIRE(controls.size() == 1);
  CHECK(controls[0][0] == "暂停销售 hold");
  CHECK(controls[0][2] == "JX-H1");
  CHECK(controls[0][4] == "=HYPERLINK(&quot;http://x&quot;,&quot;抽检&quot;)");  // escaped in HTML
  auto scans = section_rows(page.body, "scans");
  REQUIRE(scans.size() == 30);
  CHECK(scans.back() == std::vector<std::string>{web::ScanCounter::utc_day(web::now_unix()), "3"});
  CHECK(page.body.find("<b>3</b>") != std::string::npos);  // scans in 30 days

  // Months in UTC+8, counted at a fixed "now" so the test does not age.
  auto d = web::build_dashboard(c.f.app().reader(), 1795132800);  // 2026-11-20
  const auto* months = web::find_table(d, "months");
  REQUIRE(months);
  CHECK(months->rows == std::vector<std::vector<std::string>>{{"2026-10", "jar", "1", "200"},
                                                              {"2026-10", "kg", "1", "100"},
                                                              {"2026-11", "kg", "1", "50.5"}});
  CHECK(d.batches == 3);
  CHECK(d.open_holds == 1);
  CHECK(d.open_recalls == 0);
  // The month chart's axis names months briefly ("10月"); the table keeps the full month.
  CHECK(months->chart.find(">10月<") != std::string::npos);
  CHECK(months->chart.find(">11月<") != std::string::npos);
  // The month chart has a bar for each of the 12 months, the two with batches 2:1 in height.
  std::regex bar("<rect class=\"bar\"[^>]* height=\"([0-9.]+)\"");
  std::vector<double> heights;
  for (auto it = std::sregex_iterator(months->chart.begin(), months->chart.end(), bar); it != std::sregex_iterator();
       ++it)
    heights.push_back(std::stod((*it)[1]));
  REQUIRE(heights.size() == 12);
  CHECK(heights[10] == Approx(2 * heights[11]));  // October: 2 batches, November: 1
  CHECK(heights[0] == 0);
}

TEST_CASE("each dashboard table downloads as CSV with a BOM and guarded cells", "[web][dashboard]") {
  County c;
  REQUIRE(
      c.f.post("/api/v1/batches/" + c.h1 + "/hold", {{"reason", "=HYPERLINK(\"http://x\")"}}, c.bureau.token).status ==
      201);
  std::string inspector = session(c.f, "inspector", c.bureau.id);
  auto csv = as(c.f, inspector, "/console/dashboard/products.csv");
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
  CHECK(std::string(csv.header("content-disposition")).find("attachment; filename=\"agritrace-products.csv\"") == 0);
  CHECK(csv.body ==
        "\xEF\xBB\xBF类别 category,单位 unit,批次数 batches,数量 quantity\r\n苹果,kg,2,150.5\r\n蜂蜜,jar,1,200\r\n");
  auto controls = as(c.f, inspector, "/console/dashboard/controls.csv");
  REQUIRE(controls.status == 200);
  CHECK(controls.body.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos);
  for (const char* name : {"counties", "months", "inspections", "scans"})
    CHECK(as(c.f, inspector, std::string("/console/dashboard/") + name + ".csv").status == 200);
  CHECK(as(c.f, inspector, "/console/dashboard/secrets.csv").status == 404);
  CHECK(as(c.f, inspector, "/console/dashboard/products").status == 404);
}

TEST_CASE("the dashboard is for inspectors and the admin only", "[web][dashboard]") {
  County c;
  for (const char* path : {"/console/dashboard", "/console/dashboard/products.csv", "/console/recalls"}) {
    auto anonymous = c.f.get(path);
    CHECK(anonymous.status == 303);
    CHECK(anonymous.header("location") == "/login");
    auto expired = c.f.get(path, {{"cookie", "agritrace_session=0123456789abcdef"}});
    CHECK(expired.status == 303);
    auto producer = as(c.f, session(c.f, "producer", c.coop.id), path);
    CHECK(producer.status == 403);
    CHECK(producer.body.find("inspector or admin") != std::string::npos);
    CHECK(producer.body.find("150.5") == std::string::npos);
    CHECK(c.f.get(path, {{"authorization", std::string("Bearer ") + c.coop.token}}).status == 403);
    CHECK(c.f.get(path, {{"authorization", std::string("Bearer ") + webtest::kAdminToken}}).status == 200);
    CHECK(as(c.f, session(c.f, "admin"), path).status == 200);
  }
}

TEST_CASE("the recall page shows deadlines, holders and progress as holders confirm", "[web][recall]") {
  Chain c;
  Party bureau = c.f.party("大宁县市场监督管理局", "bureau", "大宁县");
  // The shop receives 30 kg, so two parties hold the batch when it is recalled.
  json ship = c.f.event_ok(c.coop, c.ship("30"));
  c.f.event_ok(c.shop, c.receive(ship["id"], c.shop_wh));
  auto recall = c.f.post("/api/v1/batches/" + c.batch + "/recall", {{"level", 1}, {"reason", "农残超标 <复检确认>"}},
                         bureau.token);
  INFO(recall.body);
  REQUIRE(recall.status == 201);
  std::string id = json_of(recall)["id"];
  auto confirmed =
      c.f.post("/api/v1/recalls/" + id + "/confirm", {{"batch", c.batch}, {"action", "destroyed"}}, c.shop.token);
  INFO(confirmed.body);
  REQUIRE(confirmed.status == 201);
  std::string confirm_id = json_of(confirmed)["id"];

  std::string inspector = session(c.f, "inspector", bureau.id);
  auto api = c.f.get("/api/v1/recalls/" + id, {{"cookie", inspector}});
  REQUIRE(api.status == 200);
  json v = json_of(api);
  CHECK(v["level"] == 1);
  CHECK(v["reason"] == "农残超标 <复检确认>");
  CHECK(v["batch"]["lot"] == "DN-A");
  CHECK(v["bureau"]["name"] == "大宁县市场监督管理局");
  CHECK(v["deadlines"]["start_hours"] == 24);
  CHECK(v["deadlines"]["complete_working_days"] == 10);
  CHECK(v["deadlines"]["start_overdue"] == false);
  CHECK(v["deadlines"]["complete_overdue"] == false);
  CHECK(v["progress"] == json{{"confirmed", 1}, {"total", 2}, {"percent", 50}, {"complete", false}});
  REQUIRE(v["holders"].size() == 2);
  std::map<std::string, json> by_party;
  for (const auto& h : v["holders"]) by_party[h["party"]] = h;
  CHECK(by_party[c.coop.id]["party_name"] == "大宁县宁脆苹果专业合作社");
  CHECK(by_party[c.coop.id]["quantity"] == "70");
  CHECK(by_party[c.coop.id]["confirmed"] == false);
  CHECK(by_party[c.shop.id]["quantity"] == "30");
  CHECK(by_party[c.shop.id]["confirmed_by"] == confirm_id);
  CHECK(by_party[c.shop.id]["confirm_action"] == "destroyed");

  auto html = as(c.f, inspector, "/console/recalls/" + id);
  REQUIRE(html.status == 200);
  CHECK(html.body.find("农残超标 &lt;复检确认&gt;") != std::string::npos);
  CHECK(html.body.find("<复检确认>") == std::string::npos);
  CHECK(html.body.find("1 / 2") != std::string::npos);
  CHECK(html.body.find("width:50%") != std::string::npos);
  CHECK(html.body.find("/api/v1/events/" + confirm_id) != std::string::npos);
  CHECK(html.body.find(v["deadlines"]["complete_by"].get<std::string>()) != std::string::npos);
  CHECK(html.body.find("宁脆优选网店") != std::string::npos);

  auto list = as(c.f, inspector, "/console/recalls");
  REQUIRE(list.status == 200);
  CHECK(list.body.find("/console/recalls/" + id) != std::string::npos);
  CHECK(list.body.find("1/2") != std::string::npos);

  // The coop held stock: it sees the recall with its own row only. A stranger and strangers' ids: 403/404.
  auto holder = c.f.get("/api/v1/recalls/" + id, {{"authorization", "Bearer " + c.coop.token}});
  REQUIRE(holder.status == 200);
  json hv = json_of(holder);
  REQUIRE(hv["holders"].size() == 1);
  CHECK(hv["holders"][0]["party"] == c.coop.id);
  CHECK(hv["progress"]["total"] == 2);
  CHECK(c.f.get("/api/v1/recalls/" + id, {{"authorization", "Bearer " + c.stranger.token}}).status == 403);
  CHECK(c.f.get("/api/v1/recalls/" + id).status == 401);
  CHECK(as(c.f, session(c.f, "producer", c.coop.id), "/console/recalls/" + id).status == 403);
  CHECK(c.f.get("/console/recalls/" + id).status == 303);
  CHECK(c.f.get("/api/v1/recalls/evt_nope", {{"cookie", inspector}}).status == 404);
  CHECK(as(c.f, inspector, "/console/recalls/" + ship["id"].get<std::string>()).status == 404);  // not a recall

  // The coop confirms: complete.
  REQUIRE(c.f.post("/api/v1/recalls/" + id + "/confirm", {{"batch", c.batch}, {"action", "returned"}}, c.coop.token)
              .status == 201);
  json done = json_of(c.f.get("/api/v1/recalls/" + id, {{"cookie", inspector}}));
  CHECK(done["progress"]["percent"] == 100);
  CHECK(done["progress"]["complete"] == true);
  // The dashboard counts the recalled batch.
  CHECK(web::build_dashboard(c.f.app().reader(), web::now_unix()).open_recalls == 1);
}
