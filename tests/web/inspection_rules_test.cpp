// Inspect events (web/inspection_rules.h): the GB/T 5009.199 rapid test computed by the server, the
// re-test flow holding and releasing a batch through store::Controls, confirmatory tests, lab items
// judged against the quality profiles, and who tested.
#include <catch2/catch.hpp>

#include "event_chain.h"
#include "fixture.h"
#include "store/controls.h"
#include "web/quality_profiles.h"

using nlohmann::json;
using namespace webtest;

namespace {

// A rapid test on the chain's apples: no result sent, the server decides it.
json rapid(const Chain& c, const std::string& a0, const std::string& at, const std::string& when) {
  json b = c.inspect({{"at", when},
                      {"rapid_test",
                       {{"delta_a0", a0},
                        {"delta_at", at},
                        {"kit_lot", "KIT-2026-10"},
                        {"instrument", "RP-410 #0032"},
                        {"tester", "合作社质检员 王丽"}}}});
  b.erase("result");
  return b;
}

std::vector<store::ControlRow> controls_of(Fixture& f, const std::string& batch) {
  return store::Controls(f.app().reader().database()).open_for(batch);
}

}  // namespace

TEST_CASE("every embedded quality profile loads", "[web][inspection]") {
  const auto& profiles = web::QualityProfiles::instance();
  CHECK(profiles.categories() == std::vector<std::string>{"apple", "forsythia", "hawthorn", "honey"});
  REQUIRE(profiles.find("honey") != nullptr);
  CHECK(profiles.find("honey")->variant_attribute() == "floral_source");
  CHECK(profiles.find("other") == nullptr);
}

TEST_CASE("a positive rapid test fails, holds the batch, and two negative re-tests release it", "[web][inspection]") {
  Chain c;
  json positive = c.f.event_ok(c.coop, rapid(c, "0.5", "0.2000", "2026-10-12T15:20:00+08:00"));
  CHECK(positive["rapid_test"]["inhibition"] == "60.0");
  CHECK(positive["rapid_test"]["positive"] == true);
  CHECK(positive["rapid_test"]["delta_a0"] == "0.5000");
  CHECK(positive["rapid_test"]["delta_at"] == "0.2000");
  CHECK(positive["rapid_test"]["kit_lot"] == "KIT-2026-10");
  CHECK(positive["rapid_test"]["instrument"] == "RP-410 #0032");
  CHECK(positive["rapid_test"]["operator"] == "合作社质检员 王丽");
  CHECK(positive["tester"] == "合作社质检员 王丽");
  CHECK(positive["result"] == "fail");
  CHECK(positive["disposition"] == "non_conformant");
  CHECK(positive["tested_by"] == "self");
  CHECK(positive["rapid_test_status"]["state"] == "held");
  CHECK(positive["rapid_test_status"]["retests_needed"] == 2);

  auto open = controls_of(c.f, c.batch);
  REQUIRE(open.size() == 1);
  CHECK(open[0].kind == "hold");
  CHECK(open[0].cause == "rapid_test");
  CHECK(open[0].event_id == positive["id"]);
  CHECK(open[0].reason == positive["rapid_test_status"]["reason_zh"]);
  // The stored event says the same as the response.
  CHECK(json_of(c.f.get("/api/v1/events/" + positive["id"].get<std::string>()))["rapid_test"] ==
        positive["rapid_test"]);
  // Held: it cannot be sold.
  CHECK(c.f.event(c.coop, c.sell(c.cold, "1")).status == 409);

  json first = c.f.event_ok(c.coop, rapid(c, "0.5000", "0.4500", "2026-10-12T16:00:00+08:00"));
  CHECK(first["rapid_test"]["inhibition"] == "10.0");
  CHECK(first["result"] == "pass");
  CHECK(first["rapid_test_status"]["state"] == "held");
  CHECK(first["rapid_test_status"]["retests_needed"] == 1);
  CHECK(controls_of(c.f, c.batch).size() == 1);

  json second = c.f.event_ok(c.coop, rapid(c, "0.5000", "0.4800", "2026-10-12T16:30:00+08:00"));
  CHECK(second["rapid_test_status"]["state"] == "released");
  CHECK(controls_of(c.f, c.batch).empty());
  c.f.event_ok(c.coop, c.sell(c.cold, "1"));
}

TEST_CASE("a positive confirmatory test keeps the batch held", "[web][inspection]") {
  Chain c;
  c.f.event_ok(c.coop, rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00"));
  json gc = c.f.event_ok(c.coop, c.inspect({{"at", "2026-10-13T10:00:00+08:00"},
                                            {"method", "GB 23200.8 气相色谱-质谱法"},
                                            {"confirmatory", true},
                                            {"result", "fail"}}));
  CHECK(gc["confirmatory"] == true);
  CHECK(gc["rapid_test_status"]["state"] == "confirmed");
  auto open = controls_of(c.f, c.batch);
  REQUIRE(open.size() == 1);
  CHECK(open[0].cause == "rapid_test");
  CHECK(open[0].event_id == gc["id"]);  // the hold now rests on the confirmed failure
  CHECK_THAT(open[0].reason, Catch::Contains("确证检测"));

  // Negative rapid re-tests do not undo a confirmed failure.
  for (const char* when : {"2026-10-14T10:00:00+08:00", "2026-10-14T11:00:00+08:00"}) {
    json retest = c.f.event_ok(c.coop, rapid(c, "0.5000", "0.4800", when));
    CHECK(retest["rapid_test_status"]["state"] == "confirmed");
  }
  CHECK(controls_of(c.f, c.batch).size() == 1);
  CHECK(c.f.event(c.coop, c.sell(c.cold, "1")).status == 409);
}

TEST_CASE("a negative confirmatory test releases a held batch", "[web][inspection]") {
  Chain c;
  c.f.event_ok(c.coop, rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00"));
  REQUIRE(controls_of(c.f, c.batch).size() == 1);
  json gc = c.f.event_ok(
      c.coop,
      c.inspect(
          {{"at", "2026-10-13T10:00:00+08:00"}, {"method", "气相色谱法"}, {"confirmatory", true}, {"result", "pass"}}));
  CHECK(gc["rapid_test_status"]["state"] == "released");
  CHECK(controls_of(c.f, c.batch).empty());
}

TEST_CASE("correcting a positive rapid test into a negative one ends its hold", "[web][inspection]") {
  Chain c;
  json positive = c.f.event_ok(c.coop, rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00"));
  REQUIRE(controls_of(c.f, c.batch).size() == 1);
  json fix = rapid(c, "0.5000", "0.4800", "2026-10-12T15:20:00+08:00");
  fix["corrects"] = positive["id"];
  fix["reason"] = "ΔAt 录入错误";
  json corrected = c.f.event_ok(c.coop, fix);
  CHECK(corrected["rapid_test_status"]["state"] == "passed");
  CHECK(controls_of(c.f, c.batch).empty());
}

TEST_CASE("inspect input errors name the field and write nothing", "[web][inspection]") {
  Chain c;
  int64_t before = c.f.log_size();
  SECTION("a sent result that disagrees with a positive rapid test is 422 on /result") {
    json b = rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00");
    b["result"] = "pass";
    CHECK_THAT(expect_error(c.f.event(c.coop, b), 422, "/result"), Catch::Contains("60.0"));
  }
  SECTION("a sent fail that disagrees with a negative rapid test is 422 on /result") {
    json b = rapid(c, "0.5000", "0.4500", "2026-10-12T15:20:00+08:00");
    b["result"] = "fail";
    expect_error(c.f.event(c.coop, b), 422, "/result");
  }
  SECTION("a result that agrees is accepted") {
    json b = rapid(c, "0.5000", "0.4500", "2026-10-12T15:20:00+08:00");
    b["result"] = "pass";
    CHECK(c.f.event(c.coop, b).status == 201);
    before = c.f.log_size();
  }
  SECTION("without rapid_test or items, result is required") {
    json b = c.inspect();
    b.erase("result");
    expect_error(c.f.event(c.coop, b), 422, "/result");
  }
  SECTION("a bad absorbance is 400 on /rapid_test/delta_a0") {
    expect_error(c.f.event(c.coop, rapid(c, "0", "0.2000", "2026-10-12T15:20:00+08:00")), 400, "/rapid_test/delta_a0");
    expect_error(c.f.event(c.coop, rapid(c, "0.12345", "0.2000", "2026-10-12T15:20:00+08:00")), 400,
                 "/rapid_test/delta_a0");
    expect_error(c.f.event(c.coop, rapid(c, "0.5000", "-1", "2026-10-12T15:20:00+08:00")), 400, "/rapid_test/delta_at");
  }
  SECTION("a missing kit lot is 400 on /rapid_test/kit_lot") {
    json b = rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00");
    b["rapid_test"]["kit_lot"] = "";
    expect_error(c.f.event(c.coop, b), 400, "/rapid_test/kit_lot");
  }
  SECTION("a rapid test cannot be the confirmatory method") {
    json b = rapid(c, "0.5000", "0.2000", "2026-10-12T15:20:00+08:00");
    b["confirmatory"] = true;
    expect_error(c.f.event(c.coop, b), 422, "/confirmatory");
  }
  CHECK(c.f.log_size() == before);
  CHECK(controls_of(c.f, c.batch).empty());
}

namespace {

struct Honey {
  Fixture f;
  Party coop = f.party("沁水县蜂业合作社", "cooperative", "沁水县");
  std::string apiary = f.site(coop, "沁水县东峪蜂场", "apiary");
  std::string gtin = "0" + with_check_digit("690612300031");
  json product = f.product(coop, gtin, "kg", "沁水荆条蜜", {{"category", "honey"}});

  std::string batch(const std::string& lot, const std::string& floral_source) {
    auto r = f.post("/api/v1/batches",
                    {{"gtin", gtin},
                     {"lot", lot},
                     {"quantity", "500"},
                     {"unit", "kg"},
                     {"site", apiary},
                     {"produced_at", "2026-07-20T09:00:00+08:00"},
                     {"attributes", {{"floral_source", floral_source}}}},
                    coop.token);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json_of(r)["id"];
  }
  json lab(const std::string& batch, const std::string& sucrose, const std::string& zinc_unit = "mg/kg") const {
    return {{"kind", "inspect"},
            {"batch", batch},
            {"site", apiary},
            {"at", "2026-08-05T11:00:00+08:00"},
            {"method", "GB 14963-2011 理化检验（委托检测）"},
            {"tester", "晋城市食品检验检测中心"},
            {"items",
             {{{"name", "果糖和葡萄糖"}, {"value", "68.2"}, {"unit", "g/100g"}},
              {{"name", "蔗糖"}, {"value", sucrose}, {"unit", "g/100g"}},
              {{"name", "锌"}, {"value", "3.4"}, {"unit", zinc_unit}},
              {{"name", "色泽"}, {"value", "1"}, {"unit", "级"}}}}};
  }
};

}  // namespace

TEST_CASE("honey lab items are judged against the GB 14963 limits", "[web][inspection]") {
  Honey h;
  std::string jingtiao = h.batch("QS-JT-1", "荆条");
  SECTION("within the limits: conformant, with the rule that held") {
    json r = h.f.event_ok(h.coop, h.lab(jingtiao, "2.1"));
    CHECK(r["result"] == "pass");
    CHECK(r["disposition"] == "conformant");
    CHECK(r["evaluation"]["profile"] == "honey");
    CHECK(r["evaluation"]["overall"] == "conformant");
    CHECK(r["items"][1]["verdict"] == "conformant");
    CHECK_THAT(r["items"][1]["rule_zh"].get<std::string>(),
               Catch::Contains("GB 14963-2011") && Catch::Contains("蔗糖") && Catch::Contains("5"));
    CHECK_THAT(r["items"][1]["rule_en"].get<std::string>(), Catch::Contains("sucrose"));
    CHECK(r["items"][3]["verdict"] == "not_covered");  // colour is not in the profile
    CHECK_FALSE(r["items"][3].contains("rule_zh"));
    CHECK_FALSE(r.contains("rapid_test_status"));  // a lab test is not part of the rapid-test flow
  }
  SECTION("sucrose over 5 g/100g: non-conformant, naming the broken rule") {
    json r = h.f.event_ok(h.coop, h.lab(jingtiao, "7.5"));
    CHECK(r["result"] == "fail");
    CHECK(r["evaluation"]["overall"] == "non_conformant");
    CHECK(r["items"][1]["verdict"] == "non_conformant");
    CHECK_THAT(r["items"][1]["rule_zh"].get<std::string>(), Catch::Contains("≤ 5"));
    CHECK(r["items"][0]["verdict"] == "conformant");
  }
  SECTION("a pass the items contradict is 422 on /result") {
    json b = h.lab(jingtiao, "7.5");
    b["result"] = "pass";
    expect_error(h.f.event(h.coop, b), 422, "/result");
  }
  SECTION("eucalyptus honey may have up to 10 g/100g of sucrose (variant from the batch)") {
    std::string eucalyptus = h.batch("QS-EU-1", "桉树");
    json r = h.f.event_ok(h.coop, h.lab(eucalyptus, "7.5"));
    CHECK(r["result"] == "pass");
    CHECK(r["evaluation"]["variant"] == "eucalyptus");
    CHECK_THAT(r["items"][1]["rule_zh"].get<std::string>(), Catch::Contains("≤ 10"));
  }
  SECTION("an item in another unit is 422 on its unit") {
    int64_t before = h.f.log_size();
    CHECK_THAT(expect_error(h.f.event(h.coop, h.lab(jingtiao, "2.1", "g/kg")), 422, "/items/2/unit"),
               Catch::Contains("mg/kg"));
    CHECK(h.f.log_size() == before);
  }
}

TEST_CASE("tests by the bureau are marked as such", "[web][inspection]") {
  Chain c;
  Party bureau = c.f.party("大宁县市场监督管理局", "bureau", "大宁县");
  std::string office = c.f.site(bureau, "大宁县市场监管局快检室", "lab");
  json b = rapid(c, "0.5000", "0.4500", "2026-10-12T15:20:00+08:00");
  b["site"] = office;
  json r = c.f.event_ok(bureau, b);
  CHECK(r["tested_by"] == "bureau");
  CHECK(r["party"] == bureau.id);
  CHECK(r["rapid_test_status"]["state"] == "passed");
}
