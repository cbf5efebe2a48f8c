// GET /api/v1/batches/{id}/epcis: a batch's chain as an EPCIS 2.0 JSON-LD document — its events,
// their types and quantities for a chain with a blend, a split, a shipment, sensor readings and a sale,
// and every document (the demo chains' too) valid against GS1's JSON Schema as Ajv (node) checks it.
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "domain/digital_link.h"
#include "domain/timestamp.h"
#include "event_chain.h"
#include "fixture.h"
#include "support/temp_dir.h"
#include "web/demo_loader.h"

using nlohmann::json;
using namespace webtest;

namespace {

const std::string kSource = AGRITRACE_SOURCE_DIR;
const std::string kSchema = kSource + "/../shared/data/epcis/EPCIS-JSON-Schema.json";
const std::string kValidator = kSource + "/tools/epcis/validate.js";

// A blend of two harvests, split into two lots of jars; sensor readings on the blend; 40 jars of one
// lot shipped to the shop, received, and one sold to a parcel; an inspection and its correction.
struct Story : Chain {
  json second = f.batch(coop, orchard, apples, "DN-B", "50", "kg");
  std::string jars = "0" + with_check_digit("690612300002");
  json jar_product = f.product(coop, jars, "jar", "苹果酱");
  json inspected = f.event_ok(coop, inspect());
  json fix = f.event_ok(
      coop, inspect({{"corrects", inspected["id"]}, {"reason", "方法名称写错"}, {"method", "GB/T 5009.199-2003"}}));
  json blend = f.event_ok(
      coop, {{"kind", "transform"},
             {"site", cold},
             {"at", "2026-10-13T10:00:00+08:00"},
             {"process", "混合"},
             {"inputs", {{{"batch", batch}, {"quantity", "60"}}, {{"batch", second["id"]}, {"quantity", "50"}}}},
             {"outputs", {{{"gtin", apples}, {"lot", "DN-BL"}, {"quantity", "110"}, {"unit", "kg"}}}}});
  std::string blended = blend["outputs"][0]["batch"];
  json sensed = f.event_ok(coop, {{"kind", "sensor"},
                                  {"batch", blended},
                                  {"site", cold},
                                  {"at", "2026-10-13T20:00:00+08:00"},
                                  {"device", "T-03"},
                                  {"readings",
                                   {{{"at", "2026-10-13T12:00:00+08:00"}, {"temperature", "0.5"}, {"humidity", "92"}},
                                    {{"at", "2026-10-13T16:00:00+08:00"}, {"temperature", "4.5"}}}}});
  json split = f.event_ok(coop, {{"kind", "transform"},
                                 {"site", cold},
                                 {"at", "2026-10-14T10:00:00+08:00"},
                                 {"process", "灌装"},
                                 {"inputs", {{{"batch", blended}, {"quantity", "100"}}}},
                                 {"outputs",
                                  {{{"gtin", jars}, {"lot", "J-1"}, {"quantity", "100"}, {"unit", "jar"}},
                                   {{"gtin", jars}, {"lot", "J-2"}, {"quantity", "60"}, {"unit", "jar"}}}}});
  std::string jar1 = split["outputs"][0]["batch"];
  json shipped = f.event_ok(coop, {{"kind", "ship"},
                                   {"batch", jar1},
                                   {"site", cold},
                                   {"at", "2026-10-21T09:30:00+08:00"},
                                   {"quantity", "40"},
                                   {"unit", "jar"},
                                   {"to", shop.id},
                                   {"carrier", "大宁县冷链物流"},
                                   {"waybill", "DNLL001"}});
  json received = f.event_ok(shop, receive(shipped["id"], shop_wh));
  json sold = f.event_ok(shop, {{"kind", "sell"},
                                {"batch", jar1},
                                {"site", shop_wh},
                                {"at", "2026-10-22T17:45:00+08:00"},
                                {"quantity", "1"},
                                {"unit", "jar"},
                                {"carrier", "顺丰速运"},
                                {"waybill", "SF001"},
                                {"destination", {{"province", "北京市"}, {"city", "朝阳区"}}},
                                {"serial", "P0001"}});

  std::string lot_class(const std::string& gtin, const std::string& lot) const {
    return "https://id.gs1.org/01/" + gtin + "/10/" + lot;
  }
};

json export_of(Fixture& f, const std::string& batch_id) {
  auto r = f.get("/api/v1/batches/" + batch_id + "/epcis");
  INFO(r.body.substr(0, 400));
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/ld+json; charset=utf-8");
  json doc = json::parse(r.body, nullptr, false);
  REQUIRE(doc.is_object());
  return doc;
}

// The event of the record with this id.
const json& event_of(const json& doc, const std::string& record_id) {
  for (const auto& e : doc["epcisBody"]["eventList"])
    if (e.value("agritrace:recordID", "") == record_id) return e;
  FAIL("no event for record " << record_id);
  throw std::logic_error("unreachable");
}

// Runs `command` through the shell; returns its exit status and everything it printed.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// node and Ajv must be there: a missing validator fails the test rather than skipping the check.
void require_validator() {
  {
    auto node = run("node --version");
    INFO("node is not installed; run tools/deps (" << node.second << ")");
    REQUIRE(node.first == 0);
  }
  INFO("Ajv is not installed in .deps/ajv; run tools/deps");
  REQUIRE(std::filesystem::exists(kSource + "/.deps/ajv/node_modules/ajv/package.json"));
  REQUIRE(std::filesystem::exists(kSource + "/.deps/ajv/node_modules/ajv-formats/package.json"));
}

// Exit status of tools/epcis/validate.js on the document in `path` (its messages in the test log).
int validate_file(const std::string& path) {
  auto [status, output] = run("node '" + kValidator + "' '" + kSchema + "' '" + path + "'");
  UNSCOPED_INFO(path << ": " << output.substr(0, 4000));
  return status;
}

int validate(const json& doc, const std::string& name) {
  static test::TempDir dir;
  std::string path = dir.file(name);
  std::ofstream(path) << doc.dump(2);
  return validate_file(path);
}

}  // namespace

TEST_CASE("a chain exports as an EPCIS document with one event per step", "[web][epcis]") {
  Story s;
  json doc = export_of(s.f, s.jar1);
  CHECK(doc["@context"][0] == "https://ref.gs1.org/standards/epcis/epcis-context.jsonld");
  CHECK(doc["type"] == "EPCISDocument");
  CHECK(doc["schemaVersion"] == "2.0");
  CHECK(domain::Timestamp::parse(doc["creationDate"].get<std::string>(), "creationDate").ok());
  const json& events = doc["epcisBody"]["eventList"];

  // Two harvests (the blend's and the split's outputs are their TransformationEvents' outputs) and
  // eight steps: two inspections, blend, sensor, split, ship, receive, sell.
  REQUIRE(events.size() == 10);
  std::map<std::string, int> types;
  std::set<std::string> ids;
  for (const auto& e : events) {
    ++types[e["type"]];
    CHECK(e["eventTimeZoneOffset"] == "+08:00");
    CHECK(e["eventID"].get<std::string>().rfind("urn:uuid:", 0) == 0);
    ids.insert(e["eventID"]);
  }
  CHECK(types["ObjectEvent"] == 8);
  CHECK(types["TransformationEvent"] == 2);
  CHECK(ids.size() == events.size());

  const json& harvest = event_of(doc, s.batch);
  CHECK(harvest["action"] == "ADD");
  CHECK(harvest["bizStep"] == "commissioning");
  CHECK(harvest["disposition"] == "active");
  CHECK(harvest["eventTime"] == "2026-10-12T09:00:00+08:00");
  CHECK(harvest["quantityList"] ==
        json::array({{{"epcClass", s.lot_class(s.apples, "DN-A")}, {"quantity", 100}, {"uom", "KGM"}}}));
  CHECK(harvest["readPoint"]["id"] == std::string(kPublicUrl) + "/api/v1/sites/" + s.orchard);
  CHECK(harvest["recordTime"] == s.harvest["recorded_at"]);

  const json& blend = event_of(doc, s.blend["id"]);
  CHECK(blend["type"] == "TransformationEvent");
  CHECK(blend["eventTime"] == "2026-10-13T10:00:00+08:00");
  CHECK(blend["inputQuantityList"] ==
        json::array({{{"epcClass", s.lot_class(s.apples, "DN-A")}, {"quantity", 60}, {"uom", "KGM"}},
                     {{"epcClass", s.lot_class(s.apples, "DN-B")}, {"quantity", 50}, {"uom", "KGM"}}}));
  CHECK(blend["outputQuantityList"] ==
        json::array({{{"epcClass", s.lot_class(s.apples, "DN-BL")}, {"quantity", 110}, {"uom", "KGM"}}}));
  const json& split = event_of(doc, s.split["id"]);
  CHECK(split["inputQuantityList"] ==
        json::array({{{"epcClass", s.lot_class(s.apples, "DN-BL")}, {"quantity", 100}, {"uom", "KGM"}}}));
  // Jars are counted: no unit of measure.
  CHECK(split["outputQuantityList"] == json::array({{{"epcClass", s.lot_class(s.jars, "J-1")}, {"quantity", 100}},
                                                    {{"epcClass", s.lot_class(s.jars, "J-2")}, {"quantity", 60}}}));

  const json& sensor = event_of(doc, s.sensed["id"]);
  CHECK(sensor["bizStep"] == "sensor_reporting");
  const json& elements = sensor["sensorElementList"];
  REQUIRE(elements.size() == 2);
  CHECK(elements[0]["sensorMetadata"]["time"] == "2026-10-13T12:00:00+08:00");
  CHECK(elements[0]["sensorReport"] == json::array({{{"type", "Temperature"}, {"value", 0.5}, {"uom", "CEL"}},
                                                    {{"type", "RelativeHumidity"}, {"value", 92}, {"uom", "P1"}}}));
  // 4.5 °C is above the apples' band (-1..1 °C).
  CHECK(elements[1]["sensorReport"] ==
        json::array({{{"type", "Temperature"}, {"value", 4.5}, {"uom", "CEL"}, {"exception", "ALARM_CONDITION"}}}));

  const json& ship = event_of(doc, s.shipped["id"]);
  CHECK(ship["action"] == "OBSERVE");
  CHECK(ship["bizStep"] == "shipping");
  CHECK(ship["disposition"] == "in_transit");
  CHECK(ship["quantityList"] == json::array({{{"epcClass", s.lot_class(s.jars, "J-1")}, {"quantity", 40}}}));
  CHECK(ship["sourceList"] == json::array({{{"type", "owning_party"},
                                            {"source", std::string(kPublicUrl) + "/api/v1/parties/" + s.coop.id}}}));
  CHECK(ship["destinationList"] ==
        json::array(
            {{{"type", "owning_party"}, {"destination", std::string(kPublicUrl) + "/api/v1/parties/" + s.shop.id}}}));
  CHECK_FALSE(ship.contains("bizLocation"));  // in transit: no longer at the cold store

  const json& receive = event_of(doc, s.received["id"]);
  CHECK(receive["bizStep"] == "receiving");
  CHECK(receive["quantityList"][0]["quantity"] == 40);
  CHECK(receive["sourceList"][0]["source"] == std::string(kPublicUrl) + "/api/v1/parties/" + s.coop.id);
  CHECK(receive["bizLocation"]["id"] == std::string(kPublicUrl) + "/api/v1/sites/" + s.shop_wh);

  const json& sell = event_of(doc, s.sold["id"]);
  CHECK(sell["bizStep"] == "retail_selling");
  CHECK(sell["disposition"] == "retail_sold");
  CHECK(sell["epcList"] == json::array({"https://id.gs1.org/01/" + s.jars + "/10/J-1/21/P0001"}));
  CHECK(sell["quantityList"][0]["quantity"] == 1);

  // The first inspection was corrected: it stays, declared in error, pointing at its correction.
  const json& wrong = event_of(doc, s.inspected["id"]);
  const json& right = event_of(doc, s.fix["id"]);
  CHECK(wrong["bizStep"] == "inspecting");
  CHECK(right["disposition"] == "conformant");
  CHECK(wrong["errorDeclaration"]["reason"] == "incorrect_data");
  CHECK(wrong["errorDeclaration"]["correctiveEventIDs"] == json::array({right["eventID"]}));
  CHECK(wrong["errorDeclaration"]["declarationTime"] == s.fix["recorded_at"]);
  CHECK_FALSE(right.contains("errorDeclaration"));

  // Event ids are stable: another export names every event the same way.
  json again = export_of(s.f, s.jar1);
  for (size_t i = 0; i < events.size(); ++i)
    CHECK(again["epcisBody"]["eventList"][i]["eventID"] == events[i]["eventID"]);
}

TEST_CASE("an inspection that fails exports as non_conformant, and an unknown batch is 404", "[web][epcis]") {
  Chain c;
  json failed = c.f.event_ok(c.coop, c.inspect({{"result", "fail"}}));
  json doc = export_of(c.f, c.batch);
  CHECK(event_of(doc, failed["id"])["disposition"] == "non_conformant");
  CHECK_THAT(expect_error(c.f.get("/api/v1/batches/bat_nope/epcis"), 404, ""), Catch::Contains("bat_nope"));
}

TEST_CASE("exported EPCIS documents validate against GS1's schema with Ajv", "[web][epcis][ajv]") {
  require_validator();

  SECTION("the validator accepts GS1's own examples and rejects a broken document") {
    int examples = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kSource + "/../shared/data/epcis")) {
      if (entry.path().extension() != ".jsonld") continue;
      ++examples;
      CHECK(validate_file(entry.path().string()) == 0);
    }
    CHECK(examples >= 4);
    Story s;
    json broken = export_of(s.f, s.jar1);
    broken["epcisBody"]["eventList"][0].erase("eventTimeZoneOffset");
    broken["epcisBody"]["eventList"][1]["quantityList"][0]["quantity"] = "100";  // a string, not a number
    CHECK(validate(broken, "broken.jsonld") == 1);
  }

  SECTION("the chain with a blend, a split, sensor readings, a shipment and a sale") {
    Story s;
    CHECK(validate(export_of(s.f, s.jar1), "story-jar1.jsonld") == 0);
    CHECK(validate(export_of(s.f, s.second["id"]), "story-second.jsonld") == 0);
  }

  SECTION("a chain held, released, recalled and confirmed by a holder") {
    Story s;
    Party bureau = s.f.party("大宁县市场监督管理局", "bureau", "大宁县");
    auto act = [&](const std::string& batch, const std::string& what, const json& body) {
      auto r = s.f.post("/api/v1/batches/" + batch + "/" + what, body, bureau.token);
      INFO(r.body);
      REQUIRE(r.status == 201);
      return json_of(r);
    };
    json hold = act(s.jar1, "hold", {{"reason", "待复检"}});
    act(s.jar1, "release", {{"reason", "复检合格"}});
    json recall = act(s.batch, "recall", {{"level", 1}, {"reason", "农残超标"}});
    auto confirmed = s.f.post("/api/v1/recalls/" + recall["id"].get<std::string>() + "/confirm",
                              {{"batch", s.jar1}, {"action", "destroyed"}}, s.shop.token);
    REQUIRE(confirmed.status == 201);
    json doc = export_of(s.f, s.jar1);
    const json& held = event_of(doc, hold["id"]);
    CHECK(held["bizStep"] == "holding");
    CHECK(held["disposition"] == "non_sellable_other");
    // The recall of the first harvest sets "recalled" on every lot it reached, the jars included.
    const json& recalled = event_of(doc, recall["id"]);
    CHECK(recalled["disposition"] == "recalled");
    CHECK(recalled["persistentDisposition"]["set"] == json::array({"recalled"}));
    bool jars_listed = false;
    for (const auto& q : recalled["quantityList"]) jars_listed |= q["epcClass"] == s.lot_class(s.jars, "J-1");
    CHECK(jars_listed);
    CHECK(event_of(doc, json_of(confirmed)["id"])["disposition"] == "destroyed");
    CHECK(validate(doc, "recalled-jar1.jsonld") == 0);
  }

  SECTION("the four demo chains") {
    Fixture f;
    f.load_demo();
    auto pages = web::demo_pages(f.app());
    REQUIRE(pages.size() == 4);
    for (const auto& page : pages) {
      auto path = domain::DigitalLink::parse_path(Fixture::path_of(page));
      REQUIRE(path);
      json found = json_of(f.get("/api/v1/batches?gtin=" + path->gtin.str() +
                                 "&lot=" + domain::DigitalLink::percent_encode(path->lot->str())));
      REQUIRE(found["items"].size() == 1);
      std::string id = found["items"][0]["id"];
      json doc = export_of(f, id);
      INFO(page);
      CHECK(doc["epcisBody"]["eventList"].size() >= 3);
      CHECK(validate(doc, id + ".jsonld") == 0);
    }
  }
}
