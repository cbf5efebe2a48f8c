// POST /api/v1/events of kind transform (merge and split with genealogy) and sensor (excursions
// against the product's storage band).
#include <catch2/catch.hpp>
#include <set>

#include "event_chain.h"
#include "fixture.h"

using nlohmann::json;
using namespace webtest;

TEST_CASE("a transformation merges and splits into new batches with parents", "[web][event]") {
  Chain c;
  json second = c.f.batch(c.coop, c.orchard, c.apples, "DN-B", "50", "kg");
  std::string jars = "0" + with_check_digit("690612300002");
  c.f.product(c.coop, jars, "jar", "苹果酱");
  json t = {{"kind", "transform"}, {"site", c.cold}, {"at", "2026-10-13T10:00:00+08:00"}, {"process", "混合、灌装"},
            {"inputs", {{{"batch", c.batch}, {"quantity", "80"}}, {{"batch", second["id"]}, {"quantity", "50"}}}},
            {"outputs", {{{"gtin", jars}, {"lot", "J-1"}, {"quantity", "100"}, {"unit", "jar"}},
                         {{"gtin", jars}, {"lot", "J-2"}, {"quantity", "60"}, {"unit", "jar"},
                          {"attributes", {{"grade", "一等"}}}}}}};
  int64_t before = c.f.log_size();
  json e = c.f.event_ok(c.coop, t);
  CHECK(c.f.log_size() == before + 3);  // two output batches, then the event
  CHECK(e["biz_step"] == "transforming");
  REQUIRE(e["outputs"].size() == 2);
  REQUIRE(e["inputs"].size() == 2);
  CHECK(e["inputs"][0] == json({{"batch", c.batch}, {"quantity", "80"}, {"unit", "kg"}}));

  for (size_t i = 0; i < 2; ++i) {
    INFO(i);
    json out = c.f.batch_view(e["outputs"][i]["batch"]);
    CHECK(out["lot"] == (i == 0 ? "J-1" : "J-2"));
    CHECK(out["made_by"] == e["id"]);
    CHECK(out["party"] == c.coop.id);
    CHECK(out["site"] == c.cold);
    CHECK(out["produced_at"] == "2026-10-13T10:00:00+08:00");
    REQUIRE(out["parents"].size() == 2);
    CHECK(out["parents"][0]["batch"] == c.batch);
    CHECK(out["parents"][1]["batch"] == second["id"]);
    CHECK(out["parents"][1]["quantity"] == "50");
    CHECK(out["holdings"] == json::array({{{"party", c.coop.id}, {"quantity", i == 0 ? "100" : "60"}}}));
  }
  CHECK(c.f.batch_view(e["outputs"][1]["batch"])["attributes"]["grade"] == "一等");
  CHECK(c.f.holding(c.batch, c.coop.id) == "20");
  json drained = c.f.batch_view(second["id"]);
  CHECK(drained["remaining"] == "0");
  CHECK(drained["holdings"].empty());

  // The genealogy links both ways.
  json back = json_of(c.f.get("/api/v1/batches/" + e["outputs"][0]["batch"].get<std::string>() + "/trace"));
  std::set<std::string> lots;
  for (const auto& n : back["nodes"]) lots.insert(n["lot"]);
  CHECK(lots == std::set<std::string>{"J-1", "DN-A", "DN-B"});
  json fwd = json_of(c.f.get("/api/v1/batches/" + second["id"].get<std::string>() + "/trace?direction=forward"));
  lots.clear();
  for (const auto& n : fwd["nodes"]) lots.insert(n["lot"]);
  CHECK(lots == std::set<std::string>{"DN-B", "J-1", "J-2"});

  SECTION("an output lot that exists already is 409 on that output and nothing is written") {
    before = c.f.log_size();
    json again = t;
    again["inputs"] = {{{"batch", c.batch}, {"quantity", "1"}}};
    again["outputs"][0]["lot"] = "J-3";  // new
    // outputs/1 keeps J-2, which exists
    expect_error(c.f.event(c.coop, again), 409, "/outputs/1/lot");
    CHECK(c.f.log_size() == before);
    CHECK(json_of(c.f.get("/api/v1/batches?lot=J-3"))["items"].empty());
    CHECK(c.f.holding(c.batch, c.coop.id) == "20");
  }
  SECTION("an input listed twice is 400") {
    json twice = t;
    twice["inputs"] = {{{"batch", c.batch}, {"quantity", "1"}}, {{"batch", c.batch}, {"quantity", "1"}}};
    twice["outputs"] = {{{"gtin", jars}, {"lot", "J-9"}, {"quantity", "1"}, {"unit", "jar"}}};
    expect_error(c.f.event(c.coop, twice), 400, "/inputs/1/batch");
  }
  SECTION("an output with a wrong unit is 422 on its unit") {
    json wrong = t;
    wrong["inputs"] = {{{"batch", c.batch}, {"quantity", "1"}}};
    wrong["outputs"] = {{{"gtin", jars}, {"lot", "J-8"}, {"quantity", "1"}, {"unit", "kg"}}};
    expect_error(c.f.event(c.coop, wrong), 422, "/outputs/0/unit");
  }
}

TEST_CASE("sensor readings outside the product storage band are excursions", "[web][event]") {
  Chain c;
  json body = {{"kind", "sensor"}, {"batch", c.batch}, {"site", c.cold}, {"at", "2026-10-20T08:00:00+08:00"},
               {"device", "T-03"},
               {"readings", {{{"at", "2026-10-14T08:00:00+08:00"}, {"temperature", "0.2"}, {"humidity", "92"}},
                             {{"at", "2026-10-16T08:00:00+08:00"}, {"temperature", "1.8"}, {"humidity", "92"}},
                             {{"at", "2026-10-17T08:00:00+08:00"}, {"temperature", "-1.5"}},
                             {{"at", "2026-10-18T08:00:00+08:00"}, {"temperature", "1"}, {"humidity", "89.99"}},
                             {{"at", "2026-10-19T08:00:00+08:00"}, {"temperature", "-1"}, {"humidity", "95"}}}}};
  json e = c.f.event_ok(c.coop, body);
  REQUIRE(e["readings"].size() == 5);
  CHECK(e["readings"][0]["excursion"] == false);
  CHECK(e["readings"][1]["excursion"] == true);   // above 1 °C
  CHECK(e["readings"][2]["excursion"] == true);   // below -1 °C
  CHECK(e["readings"][3]["excursion"] == true);   // humidity below 90 %
  CHECK(e["readings"][4]["excursion"] == false);  // the band's edges are inside it
  CHECK(e["excursions"] == 3);
  CHECK(e["band"]["temperature_max"] == "1");

  // Stored as returned.
  json stored = json_of(c.f.get("/api/v1/events/" + e["id"].get<std::string>()));
  CHECK(stored["excursions"] == 3);
  CHECK(stored["readings"] == e["readings"]);

  SECTION("a product without a band never flags") {
    std::string plain = "0" + with_check_digit("690612300003");
    c.f.product(c.coop, plain, "kg", "无温控产品");
    json b = c.f.batch(c.coop, c.orchard, plain, "NB-1", "5", "kg");
    json other = body;
    other["batch"] = b["id"];
    json e2 = c.f.event_ok(c.coop, other);
    CHECK(e2["excursions"] == 0);
    CHECK_FALSE(e2.contains("band"));
    for (const auto& r : e2["readings"]) CHECK(r["excursion"] == false);
  }
  SECTION("a reading with a malformed time is 400 naming it") {
    json bad = body;
    bad["readings"][2]["at"] = "2026-10-17 08:00";
    expect_error(c.f.event(c.coop, bad), 400, "/readings/2/at");
  }
  SECTION("a temperature that is not a decimal is 400 naming it") {
    json bad = body;
    bad["readings"][1]["temperature"] = "warm";
    expect_error(c.f.event(c.coop, bad), 400, "/readings/1/temperature");
  }
}
