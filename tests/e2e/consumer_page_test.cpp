// Scenario 2: the consumer pages a QR scan lands on, for the four demo batches: Chinese by default,
// English on ?lang=en, JSON on Accept: application/json, with the chain's details.
#include <catch2/catch.hpp>

#include "api_calls.h"
#include "demo_server.h"

using namespace e2e;

namespace {

std::string path_of(const DemoPage& page) { return "/01/" + page.gtin + "/10/" + page.lot; }

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("demo consumer pages answer in Chinese, English and JSON", "[e2e][pages]") {
  DemoServer demo;
  auto& client = demo.client();
  for (const auto& page : demo.chains().pages()) {
    std::string path = path_of(page);
    INFO("page " << path);
    std::string zh_name = demo.chains().product_name(page.gtin);
    std::string en_name = demo.chains().product_name(page.gtin, true);

    auto zh = client.get(path);
    REQUIRE(zh.status == 200);
    CHECK(zh.header("content-type").rfind("text/html", 0) == 0);
    CHECK(zh.body.find("lang=\"zh-CN\"") != std::string::npos);
    CHECK(zh.body.find(zh_name) != std::string::npos);
    CHECK(zh.body.find("流转记录") != std::string::npos);
    CHECK(zh.body.find(page.lot) != std::string::npos);

    auto en = client.get(path + "?lang=en");
    REQUIRE(en.status == 200);
    CHECK(en.header("content-type").rfind("text/html", 0) == 0);
    CHECK(en.body.find(en_name) != std::string::npos);
    CHECK(en.body.find("Chain of custody") != std::string::npos);
    CHECK(en.body.find("流转记录") == std::string::npos);

    // Accept-Language alone picks English too (a phone set to English scanning the code).
    auto en_header = client.get(path, {{"Accept-Language", "en-US,en;q=0.9"}});
    REQUIRE(en_header.status == 200);
    CHECK(en_header.body.find("Chain of custody") != std::string::npos);

    auto js = client.get(path, {{"Accept", "application/json"}});
    REQUIRE(js.status == 200);
    CHECK(js.header("content-type").rfind("application/json", 0) == 0);
    auto model = json_of(js);
    CHECK(model["batch"]["lot"] == page.lot);
    CHECK(model["batch"]["digital_link"] == std::string(kPublicUrl) + path);
    CHECK(model["product"]["name"] == zh_name);
    CHECK(model["timeline"].is_array());
    CHECK_FALSE(model["timeline"].empty());
  }
}

TEST_CASE("the apple page marks exactly the one cold-store reading outside -1 to 1 degC", "[e2e][pages]") {
  DemoServer demo;
  auto pages = demo.chains().pages();
  auto r = demo.client().get(path_of(pages.at(0)));
  REQUIRE(r.status == 200);
  REQUIRE(r.body.find(demo.chains().product_name("06906123000023")) != std::string::npos);
  // Readings 0.2, -0.4, 1.8 and 0.5 °C against storage -1…1 °C: only 1.8 is an excursion.
  CHECK(count_of(r.body, "class=\"exc\"") == 1);
  CHECK(r.body.find("1.8 °C") != std::string::npos);
  CHECK(r.body.find("温度超出范围") != std::string::npos);
}

TEST_CASE("the honey jar page links back to the blend it was filled from", "[e2e][pages]") {
  DemoServer demo;
  auto pages = demo.chains().pages();
  auto r = demo.client().get(path_of(pages.at(1)));
  REQUIRE(r.status == 200);
  REQUIRE(r.body.find("沁水太行山蜂蜜") != std::string::npos);
  CHECK(r.body.find("原料来源") != std::string::npos);
  // The blend (QS-BL-2608 of the raw honey GTIN) is linked by its Digital Link path…
  std::string blend = "/01/06906123000115/10/QS-BL-2608";
  CHECK(r.body.find("href=\"" + blend + "\"") != std::string::npos);
  // …and that link is itself a working page that names both apiary batches it was mixed from.
  auto parent = demo.client().get(blend);
  REQUIRE(parent.status == 200);
  CHECK(parent.body.find("QS-JT-2607") != std::string::npos);
  CHECK(parent.body.find("QS-YH-2605") != std::string::npos);
}
