// The consumer page's inspections (who tested, method, result, the rapid test's inhibition and kit
// lot, item verdicts with their rules) and its banners for open holds and recalls, at the top of the
// batch page and of every parcel page of the batch.
#include <catch2/catch.hpp>

#include "event_chain.h"
#include "fixture.h"
#include "store/controls.h"
#include "web/batch_records.h"

using nlohmann::json;
using namespace webtest;

namespace {

json rapid(const Chain& c, const std::string& a0, const std::string& at, const std::string& when) {
  json b = c.inspect({{"at", when},
                      {"method", "农药残留快速检测 GB/T 5009.199 酶抑制率法"},
                      {"rapid_test",
                       {{"delta_a0", a0},
                        {"delta_at", at},
                        {"kit_lot", "KIT-2026-10"},
                        {"instrument", "RP-410"},
                        {"tester", "质检员 王丽"}}}});
  b.erase("result");
  return b;
}

// The banner section comes before everything else in <main>.
bool banner_on_top(const std::string& html) {
  size_t main = html.find("<main>"), alert = html.find("role=\"alert\""), section = html.find("<section", main);
  return main != std::string::npos && alert != std::string::npos && section != std::string::npos &&
         html.rfind("<section", alert) == section;
}

}  // namespace

TEST_CASE("the consumer page shows who tested, the inhibition and the rapid-test hold", "[web][consumer][inspection]") {
  Chain c;
  c.f.event_ok(c.coop, rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00"));
  std::string path = Fixture::path_of(c.harvest["digital_link"]);

  auto zh = c.f.get(path);
  REQUIRE(zh.status == 200);
  CHECK_THAT(zh.body, Catch::Contains("自检") && Catch::Contains("GB/T 5009.199") && Catch::Contains("60.0 %") &&
                          Catch::Contains("KIT-2026-10") && Catch::Contains("质检员 王丽") &&
                          Catch::Contains("不合格"));
  CHECK_THAT(zh.body, Catch::Contains("此批次暂停销售，等待复检"));
  CHECK(banner_on_top(zh.body));

  auto en = c.f.get(path + "?lang=en");
  REQUIRE(en.status == 200);
  CHECK_THAT(en.body, Catch::Contains("self-test") && Catch::Contains("Inhibition 60.0 %") &&
                          Catch::Contains("on hold") && Catch::Contains("role=\"alert\""));

  json model = json_of(c.f.get(path, {{"accept", "application/json"}}));
  REQUIRE(model["banners"].size() == 1);
  CHECK(model["banners"][0]["recall"] == false);
  json inspection = model["timeline"][1]["inspection"];
  CHECK(inspection["by"] == "自检");
  CHECK(inspection["inhibition"] == "60.0");
  CHECK(inspection["pass"] == false);

  // Two negative re-tests release the hold: the banner goes.
  c.f.event_ok(c.coop, rapid(c, "0.5000", "0.4500", "2026-10-12T16:00:00+08:00"));
  c.f.event_ok(c.coop, rapid(c, "0.5000", "0.4600", "2026-10-12T16:30:00+08:00"));
  auto after = c.f.get(path);
  REQUIRE(after.status == 200);
  CHECK(after.body.find("role=\"alert\"") == std::string::npos);
  CHECK_THAT(after.body, Catch::Contains("8.0 %"));
}

TEST_CASE("the consumer page marks bureau tests and shows item verdicts with their rules",
          "[web][consumer][inspection]") {
  Fixture f;
  Party coop = f.party("沁水县蜂业合作社", "cooperative", "沁水县");
  Party bureau = f.party("沁水县市场监督管理局", "bureau", "沁水县");
  std::string apiary = f.site(coop, "东峪蜂场", "apiary");
  std::string lab = f.site(bureau, "沁水县市场监管局检验室", "lab");
  std::string gtin = "0" + with_check_digit("690612300032");
  f.product(coop, gtin, "kg", "沁水荆条蜜", {{"category", "honey"}});
  json batch = f.batch(coop, apiary, gtin, "QS-1", "500", "kg");
  f.event_ok(bureau, {{"kind", "inspect"},
                      {"batch", batch["id"]},
                      {"site", lab},
                      {"at", "2026-08-05T11:00:00+08:00"},
                      {"method", "GB 14963-2011 理化检验"},
                      {"tester", "检验员 李强"},
                      {"items", {{{"name", "蔗糖"}, {"value", "7.5"}, {"unit", "g/100g"}}}}});
  std::string path = Fixture::path_of(batch["digital_link"]);
  auto zh = f.get(path);
  REQUIRE(zh.status == 200);
  CHECK_THAT(zh.body, Catch::Contains("监管抽检") && Catch::Contains("沁水县市场监督管理局") &&
                          Catch::Contains("检验员 李强") && Catch::Contains("蔗糖: 7.5 g/100g ✗ 不合格（") &&
                          Catch::Contains("GB 14963-2011"));
  auto en = f.get(path + "?lang=en");
  CHECK_THAT(en.body, Catch::Contains("bureau test") && Catch::Contains("✗ non-conformant ("));
}

TEST_CASE("a recalled batch says so at the top of its page and of its parcel pages", "[web][consumer][inspection]") {
  Chain c;
  json sale = c.f.event_ok(c.coop, c.sell(c.cold, "1", {{"serial", "P0001"}}));
  std::string path = Fixture::path_of(c.harvest["digital_link"]);
  std::string parcel = path + "/21/P0001";
  REQUIRE(c.f.get(parcel).body.find("role=\"alert\"") == std::string::npos);

  // The recall's control row, as the recall route writes it, in a transaction that outdates the pages.
  auto written = c.f.app().ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    store::Controls(t.read().database())
        .open(store::ControlRow{c.batch, "recall", "recall", sale["id"].get<std::string>(), 1, "检出禁用农药甲胺磷",
                                t.recorded_at()});
    web::invalidate_pages(t, {c.batch});
    return domain::Ok{};
  });
  REQUIRE(written);

  for (const std::string& page : {path, parcel}) {
    INFO(page);
    auto zh = c.f.get(page);
    REQUIRE(zh.status == 200);
    CHECK_THAT(zh.body,
               Catch::Contains("⚠ 此产品已被召回（一级召回）：请立即停止食用/使用，保留包装，联系商家退货或拨打 "
                               "12315。原因：检出禁用农药甲胺磷"));
    CHECK_THAT(zh.body, Catch::Contains("This product has been recalled (level 1 recall)"));
    CHECK(banner_on_top(zh.body));
    auto en = c.f.get(page + "?lang=en");
    CHECK_THAT(en.body, Catch::Contains("stop eating or using it now") && Catch::Contains("role=\"alert\""));
  }
}
