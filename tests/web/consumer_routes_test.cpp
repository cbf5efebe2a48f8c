// The GS1 Digital Link pages a QR scan opens: /01/{gtin}[/10/{lot}[/21/{serial}]] as HTML (Chinese
// by default, English on request) or JSON, the friendly 404 for unknown codes, escaping and size.
#include <algorithm>
#include <catch2/catch.hpp>

#include "fixture.h"
#include "store/database.h"
#include "web/demo_loader.h"

using nlohmann::json;
using namespace webtest;

namespace {

struct DemoPage {
  const char* path;
  const char* name_zh;
  const char* name_en;
  const char* lot;
};
const DemoPage kDemoPages[] = {
    {"/01/06906123000023/10/DN2026-1012-A5", "大宁宁脆苹果", "Daning crisp apples", "DN2026-1012-A5"},
    {"/01/06906123000122/10/QS-J-260808", "沁水太行山蜂蜜", "Qinshui Taihang honey", "QS-J-260808"},
    {"/01/06906123000221/10/AZ-QQ-2608-D", "安泽连翘（青翘）", "Anze forsythia (qingqiao)", "AZ-QQ-2608-D"},
    {"/01/06906123000320/10/WX-GP-2610", "闻喜山楂干片", "Wenxi dried hawthorn slices", "WX-GP-2610"},
};

void check_not_registered_html(const http::Response& r) {
  INFO(r.body);
  REQUIRE(r.status == 404);
  CHECK(r.header("content-type").find("text/html") == 0);
  CHECK_THAT(r.body, Catch::Contains("未查到此追溯码") && Catch::Contains("没有在本平台登记"));
}

}  // namespace

TEST_CASE("the four demo pages render in Chinese with their product names", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  std::vector<std::string> listed;
  for (const auto& link : web::demo_pages(f.app())) listed.push_back(Fixture::path_of(link));
  for (const auto& page : kDemoPages) {
    INFO(page.path);
    CHECK(std::find(listed.begin(), listed.end(), page.path) != listed.end());
    auto r = f.get(page.path);
    REQUIRE(r.status == 200);
    CHECK(r.header("content-type") == "text/html; charset=utf-8");
    CHECK(r.header("cache-control") == "no-cache");
    CHECK_THAT(std::string(r.header("vary")), Catch::Contains("Accept-Language"));
    CHECK_THAT(r.body, Catch::Contains(page.name_zh) && Catch::Contains(page.lot));
    CHECK_THAT(r.body, Catch::Contains("<html lang=\"zh-CN\">") && Catch::Contains("农产品质量追溯") &&
                           Catch::Contains("批号") && Catch::Contains("流转记录") && Catch::Contains("生产者"));
    CHECK_THAT(r.body, !Catch::Contains("Chain of custody"));
  }
  // Step details of the apple chain: inspection passed, the sensor excursion, the parent batch.
  auto apples = f.get(kDemoPages[0].path);
  CHECK_THAT(apples.body, Catch::Contains("合格") && Catch::Contains("温度超出范围") && Catch::Contains("DN2026-1012-A") &&
                              Catch::Contains("原料来源") && Catch::Contains("顺丰速运"));
}

TEST_CASE("English is served for lang=en or an English Accept-Language", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  for (const auto& page : kDemoPages) {
    INFO(page.path);
    for (const auto& r : {f.get(std::string(page.path) + "?lang=en"), f.get(page.path, {{"accept-language", "en-US,en;q=0.9"}})}) {
      REQUIRE(r.status == 200);
      CHECK_THAT(r.body, Catch::Contains("<html lang=\"en\">") && Catch::Contains(page.name_en) &&
                             Catch::Contains("Chain of custody") && Catch::Contains("Lot"));
      CHECK_THAT(r.body, !Catch::Contains("流转记录"));
    }
  }
  auto zh = f.get(kDemoPages[0].path, {{"accept-language", "zh-CN,zh;q=0.9,en;q=0.8"}});
  CHECK_THAT(zh.body, Catch::Contains("流转记录"));
  // An explicit ?lang beats the header.
  auto forced = f.get(std::string(kDemoPages[0].path) + "?lang=zh", {{"accept-language", "en"}});
  CHECK_THAT(forced.body, Catch::Contains("流转记录"));
}

TEST_CASE("Accept application/json gives the page model", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  auto r = f.get(kDemoPages[1].path, {{"accept", "application/json"}});
  REQUIRE(r.status == 200);
  json model = json_of(r);
  CHECK(model["kind"] == "batch");
  CHECK(model["lang"] == "zh");
  CHECK(model["product"]["name"] == "沁水太行山蜂蜜");
  CHECK(model["product"]["gtin"] == "06906123000122");
  CHECK(model["batch"]["lot"] == "QS-J-260808");
  CHECK(model["batch"]["digital_link"] == "https://trace.example.cn/01/06906123000122/10/QS-J-260808");
  REQUIRE(model["parents"].size() == 1);
  CHECK(model["parents"][0]["lot"] == "QS-BL-2608");
  CHECK(model["timeline"].is_array());
  CHECK(model["producer"]["name"] == "沁水县蜂业专业合作社");

  json en = json_of(f.get(std::string(kDemoPages[1].path) + "?lang=en", {{"accept", "application/json"}}));
  CHECK(en["product"]["name"] == "Qinshui Taihang honey");
  // A browser that also accepts HTML gets HTML.
  auto browser = f.get(kDemoPages[1].path, {{"accept", "text/html,application/json;q=0.9"}});
  CHECK(browser.header("content-type").find("text/html") == 0);
}

TEST_CASE("product and parcel pages", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  auto product = f.get("/01/06906123000023");
  REQUIRE(product.status == 200);
  CHECK_THAT(product.body, Catch::Contains("大宁宁脆苹果") && Catch::Contains("/01/06906123000023/10/DN2026-1012-A5"));
  // A GTIN-13 in the path is the same product.
  CHECK(f.get("/01/6906123000023").status == 200);

  auto parcel = f.get("/01/06906123000023/10/DN2026-1012-A5/21/P0001");
  REQUIRE(parcel.status == 200);
  CHECK_THAT(parcel.body, Catch::Contains("包裹信息") && Catch::Contains("顺丰速运") && Catch::Contains("SF1402233445566") &&
                              Catch::Contains("北京市"));
  auto other = f.get("/01/06906123000023/10/DN2026-1012-A5/21/P0002", {{"accept", "application/json"}});
  REQUIRE(other.status == 200);
  CHECK(json_of(other)["parcel"]["waybill"] == "ZT7788990011");
  CHECK(json_of(other)["parcel"]["carrier"] == "中通快递");

  check_not_registered_html(f.get("/01/06906123000023/10/DN2026-1012-A5/21/P9999"));
  check_not_registered_html(f.get("/01/06906123000023/10/QS-J-260808/21/J0001"));  // serial of another lot
}

TEST_CASE("unknown or malformed codes get the not-registered page", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  std::string unregistered = with_check_digit("0690612300099");
  for (const std::string& path : {"/01/" + unregistered + "/10/NOPE", "/01/" + unregistered, std::string("/01/06906123000023/10/NOPE"),
                                  std::string("/01/123/10/x"), std::string("/01/06906123000024/10/DN2026-1012-A5"),
                                  std::string("/01/abc"), std::string("/01/06906123000023/10/A/B/C/D")}) {
    INFO(path);
    check_not_registered_html(f.get(path));
  }
  auto en = f.get("/01/" + unregistered + "/10/NOPE?lang=en");
  REQUIRE(en.status == 404);
  CHECK_THAT(en.body, Catch::Contains("This code is not registered"));
  auto api = f.get("/01/" + unregistered + "/10/NOPE", {{"accept", "application/json"}});
  expect_error(api, 404, "");
  CHECK_THAT(json_of(api)["message"].get<std::string>(), Catch::Contains("not registered"));
  // The scanned code is echoed back, escaped.
  auto evil = f.get("/01/<script>alert(1)</script>");
  check_not_registered_html(evil);
  CHECK_THAT(evil.body, Catch::Contains("&lt;script&gt;") && !Catch::Contains("<script>alert"));
}

TEST_CASE("every value on a page is HTML-escaped", "[web][consumer]") {
  Fixture f;
  Party coop = f.party("A&B <合作社>");
  auto site = f.post("/api/v1/sites", {{"name", "\"><svg onload=alert(2)>"}, {"kind", "orchard"},
                                        {"address", "<iframe src=//evil.example>"}}, coop.token);
  REQUIRE(site.status == 201);
  std::string gtin = "0" + with_check_digit("690612300005");
  f.product(coop, gtin, "kg", "<script>alert(1)</script>", {{"spec", "<b>bold</b>"}});
  auto b = f.post("/api/v1/batches",
                  {{"gtin", gtin}, {"lot", "X<i>&'\""}, {"quantity", "10"}, {"unit", "kg"},
                   {"site", json_of(site)["id"]}, {"produced_at", "2026-10-12T09:00:00+08:00"},
                   {"attributes", {{"variety", "<img src=x onerror=alert(3)>"}}}},
                  coop.token);
  INFO(b.body);
  REQUIRE(b.status == 201);
  f.event_ok(coop, {{"kind", "inspect"}, {"batch", json_of(b)["id"]}, {"site", json_of(site)["id"]},
                    {"at", "2026-10-12T15:00:00+08:00"}, {"result", "pass"}, {"method", "<u>m</u>"},
                    {"note", "</li></ol><script>x()</script>"}});

  for (const std::string& path : {Fixture::path_of(json_of(b)["digital_link"]), "/01/" + gtin}) {
    INFO(path);
    auto r = f.get(path);
    REQUIRE(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_THAT(r.body, Catch::Contains("A&amp;B &lt;合作社&gt;"));
    for (const char* raw : {"<script", "<svg", "<iframe", "<img", "<b>", "<i>", "<u>", "A&B", "</li></ol>"}) {
      INFO(raw);
      CHECK(r.body.find(raw) == std::string::npos);
    }
  }
}

TEST_CASE("a ten-step page is small and self-contained", "[web][consumer]") {
  Fixture f;
  Party coop = f.party("大宁县宁脆苹果专业合作社");
  Party shop = f.party("宁脆优选网店", "shop");
  std::string orchard = f.site(coop, "昕水镇南堡村果园");
  std::string cold = f.site(coop, "大宁果品冷库", "cold_store");
  std::string wh = f.site(shop, "宁脆优选发货仓", "warehouse");
  std::string gtin = "0" + with_check_digit("690612300006");
  f.product(coop, gtin, "box", "大宁宁脆苹果", {{"spec", "5kg 礼盒"}, {"storage", {{"temperature_max", "1"}}}});
  json batch = f.batch(coop, orchard, gtin, "DN2026-1012-A5", "190", "box", "2026-10-10T09:00:00+08:00");
  std::string id = batch["id"];
  auto at = [](int day) { return "2026-10-" + std::to_string(10 + day) + "T09:00:00+08:00"; };
  f.event_ok(coop, {{"kind", "inspect"}, {"batch", id}, {"site", orchard}, {"at", at(1)}, {"result", "pass"},
                    {"method", "农药残留快速检测 GB/T 5009.199 酶抑制率法"}, {"tester", "合作社质检员 王丽"},
                    {"items", {{{"name", "有机磷和氨基甲酸酯类农药 抑制率"}, {"value", "12.5"}, {"unit", "%"}, {"limit", "<50"}}}}});
  f.event_ok(coop, {{"kind", "store"}, {"batch", id}, {"site", cold}, {"at", at(2)}, {"conditions", "冷藏 -1~1 °C"}});
  json readings = json::array();
  for (int h = 0; h < 8; ++h)
    readings.push_back({{"at", "2026-10-13T0" + std::to_string(h) + ":00:00+08:00"}, {"temperature", h == 5 ? "1.8" : "0.4"}, {"humidity", "92"}});
  f.event_ok(coop, {{"kind", "sensor"}, {"batch", id}, {"site", cold}, {"at", at(3)}, {"device", "T-03"}, {"readings", readings}});
  f.event_ok(coop, {{"kind", "pack"}, {"batch", id}, {"site", cold}, {"at", at(4)}, {"packaging", "5kg 礼盒"}, {"units", 190}});
  json ship = f.event_ok(coop, {{"kind", "ship"}, {"batch", id}, {"site", cold}, {"at", at(5)}, {"quantity", "100"},
                                {"unit", "box"}, {"to", shop.id}, {"carrier", "大宁县冷链物流"}, {"waybill", "DNLL20261021001"}});
  f.event_ok(shop, {{"kind", "receive"}, {"shipment", ship["id"]}, {"site", wh}, {"at", at(6)}});
  for (int i = 1; i <= 4; ++i)
    f.event_ok(shop, {{"kind", "sell"}, {"batch", id}, {"site", wh}, {"at", at(6 + i)}, {"quantity", "1"}, {"unit", "box"},
                      {"carrier", "顺丰速运"}, {"waybill", "SF140223344556" + std::to_string(i)},
                      {"destination", {{"province", "北京市"}, {"city", "朝阳区"}}}, {"serial", "P000" + std::to_string(i)}});

  std::string path = Fixture::path_of(batch["digital_link"]);
  json timeline = json_of(f.get(path, {{"accept", "application/json"}}))["timeline"];
  REQUIRE(timeline.size() == 11);  // the harvest, then the ten recorded steps
  CHECK(timeline[0]["kind"] == "harvest");
  CHECK(timeline[10]["kind"] == "sell");
  for (const char* lang : {"zh", "en"}) {
    INFO(lang);
    auto r = f.get(path + "?lang=" + lang);
    REQUIRE(r.status == 200);
    CHECK(r.body.size() < 30 * 1024);
    CHECK_THAT(r.body, Catch::Contains("<style>") && Catch::Contains("SF1402233445564"));
    // Nothing is fetched from elsewhere: no scripts, stylesheets, fonts or images by URL.
    for (const char* ref : {"<script", "<link", "<img", "@import", "url(", "src=", "@font-face"}) {
      INFO(ref);
      CHECK(r.body.find(ref) == std::string::npos);
    }
    // The only absolute URL is the page's own Digital Link, printed as text.
    std::string rest = r.body;
    for (size_t at = rest.find(path); at != std::string::npos; at = rest.find(path)) rest.erase(at, path.size());
    size_t first = rest.find("https://trace.example.cn");
    CHECK(first != std::string::npos);
    if (first != std::string::npos) rest.erase(first, std::string("https://trace.example.cn").size());
    CHECK(rest.find("http://") == std::string::npos);
    CHECK(rest.find("https://") == std::string::npos);
    CHECK(rest.find("//") == std::string::npos);
  }
}

TEST_CASE("a cached page reflects a write at once", "[web][consumer]") {
  Fixture f;
  Party coop = f.party("闻喜县山楂专业合作社");
  std::string plant = f.site(coop, "闻喜山楂加工厂", "processing_plant");
  std::string gtin = "0" + with_check_digit("690612300007");
  f.product(coop, gtin, "bag", "闻喜山楂干片");
  json batch = f.batch(coop, plant, gtin, "WX-GP-2610", "1000", "bag");
  std::string path = Fixture::path_of(batch["digital_link"]);

  auto before = f.get(path);
  REQUIRE(before.status == 200);
  CHECK_THAT(before.body, Catch::Contains("采收") && !Catch::Contains("售出寄递"));
  CHECK(f.get(path).body == before.body);
  // A refused write changes nothing.
  json sell = {{"kind", "sell"}, {"batch", batch["id"]}, {"site", plant}, {"at", "2026-10-15T16:30:00+08:00"},
               {"quantity", "4"}, {"unit", "bag"}, {"carrier", "韵达快递"}, {"waybill", "YD3344556677"},
               {"destination", {{"province", "广东省"}, {"city", "广州市"}}}, {"serial", "W0001"}};
  CHECK(f.post("/api/v1/events", sell, "pt_wrong").status == 401);
  CHECK(f.get(path).body == before.body);

  f.event_ok(coop, sell);
  auto after = f.get(path);
  REQUIRE(after.status == 200);
  CHECK_THAT(after.body, Catch::Contains("YD3344556677") && Catch::Contains("售出寄递"));
  // The English page was never cached stale either.
  CHECK_THAT(f.get(path + "?lang=en").body, Catch::Contains("Sold and sent"));
  // And the new parcel resolves.
  CHECK(f.get(path + "/21/W0001").status == 200);
}

// BUG (src/web/consumer_page.cpp + templates/batch.html): kainjow mustache treats "" as true, so a
// party without a contact gets an empty 联系方式 row and a site without an address an empty line.
TEST_CASE("a page hides rows whose value is empty", "[web][consumer]") {
  Fixture f;
  Party coop = f.party("闻喜县山楂专业合作社");  // no contact
  std::string plant = f.site(coop, "闻喜山楂加工厂", "processing_plant");  // no address
  std::string gtin = "0" + with_check_digit("690612300008");
  f.product(coop, gtin, "bag", "闻喜山楂干片");
  json batch = f.batch(coop, plant, gtin, "WX-GP-2611", "1000", "bag");
  auto r = f.get(Fixture::path_of(batch["digital_link"]));
  REQUIRE(r.status == 200);
  CHECK_THAT(r.body, !Catch::Contains("联系方式"));
  CHECK_THAT(r.body, !Catch::Contains("<br><span class=\"muted\"></span>"));
}

TEST_CASE("the verified badge shows only while the batch's record is proven in the signed log", "[web][consumer]") {
  Fixture f;
  f.load_demo();
  const std::string path = kDemoPages[0].path;
  json model = json_of(f.get(path, {{"accept", "application/json"}}));
  const std::string id = model["batch"]["id"], n = std::to_string(model["batch"]["leaf_index"].get<int64_t>());
  const std::string m = std::to_string(f.log_size());
  CHECK(model["batch"]["verified"] == true);
  CHECK(model["batch"]["log_size"] == f.log_size());

  const std::string proof_link = "<a href=\"/api/v1/records/" + id + "/proof\">";
  const std::string evidence_link = "<a href=\"/api/v1/batches/" + id + "/evidence\">";
  auto zh = f.get(path);
  CHECK_THAT(zh.body, Catch::Contains("<span class=\"ok\">✓ 已验证 / verified</span>: " + proof_link + "日志记录 #" + n +
                                      "</a>，日志大小 " + m));
  CHECK_THAT(zh.body, Catch::Contains(evidence_link + "下载证据包 / download evidence</a>"));
  auto en = f.get(path + "?lang=en");
  CHECK_THAT(en.body, Catch::Contains("✓ verified</span>: " + proof_link + "record #" + n + "</a> in a log of size " + m));
  CHECK_THAT(en.body, Catch::Contains(evidence_link + "download evidence</a>"));

  SECTION("a changed leaf loses the badge, the links stay") {
    store::Database db(f.app().ledger().db_path(), store::Database::Mode::read_write);
    CHECK(db.cached("UPDATE log_entries SET leaf = CAST(REPLACE(CAST(leaf AS TEXT), '\"quantity\":\"190\"', '\"quantity\":\"900\"') AS BLOB)"
              " WHERE leaf_index = ?")
              .bind(1, model["batch"]["leaf_index"].get<int64_t>())
              .run() == 1);
  }
  SECTION("a domain row that no longer matches its leaf loses the badge") {
    store::Database db(f.app().ledger().db_path(), store::Database::Mode::read_write);
    CHECK(db.cached("UPDATE batches SET body = REPLACE(body, '\"quantity\":\"190\"', '\"quantity\":\"900\"') WHERE id = ?")
              .bind(1, id)
              .run() == 1);
  }
  auto after = f.get(path);
  CHECK_THAT(after.body, !Catch::Contains("已验证") && Catch::Contains(proof_link + "日志记录 #" + n + "</a>") &&
                             Catch::Contains(evidence_link));
  CHECK(json_of(f.get(path, {{"accept", "application/json"}}))["batch"]["verified"] == false);
}
