// Holds, releases and recalls (POST /api/v1/batches/{id}/hold|release|recall) and recall
// confirmations (POST /api/v1/recalls/{id}/confirm): only the bureau's inspectors control batches, a
// held or recalled batch cannot be shipped, sold or transformed (409 naming the hold or recall), and a
// recall reaches through a blend and a split to every downstream batch, holder and parcel.
#include <catch2/catch.hpp>

#include "event_chain.h"
#include "store/controls.h"

using nlohmann::json;
using webtest::Chain;
using webtest::expect_error;
using webtest::json_of;
using webtest::Party;

namespace {

struct Bureau {
  Chain& c;
  Party bureau = c.f.party("大宁县市场监督管理局", "bureau", "大宁县");

  http::Response act(const std::string& batch, const std::string& action, const json& body,
                     const std::string& token = {}) {
    return c.f.post("/api/v1/batches/" + batch + "/" + action, body, token.empty() ? bureau.token : token);
  }
  json ok(const std::string& batch, const std::string& action, const json& body) {
    auto r = act(batch, action, body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json_of(r);
  }
};

std::string message_of(const http::Response& r) { return json_of(r).value("message", ""); }

}  // namespace

TEST_CASE("a held batch cannot be shipped or sold until an inspector releases it") {
  Chain c;
  Bureau b{c};
  json hold = b.ok(c.batch, "hold", {{"reason", "抽检发现农残超标嫌疑，等待复检"}});
  CHECK(hold["kind"] == "hold");
  CHECK(hold["party"] == b.bureau.id);
  CHECK(hold["disposition"] == "non_sellable_other");
  CHECK(hold.contains("receipt"));

  auto ship = c.f.event(c.coop, c.ship("10"));
  REQUIRE(ship.status == 409);
  CHECK(message_of(ship).find(hold["id"].get<std::string>()) != std::string::npos);
  CHECK(message_of(ship).find("held") != std::string::npos);
  CHECK(c.f.event(c.coop, c.sell(c.cold, "1")).status == 409);
  CHECK(c.f.holding(c.batch, c.coop.id) == "100");  // nothing moved

  // A second hold is a conflict; a release needs a reason.
  CHECK(b.act(c.batch, "hold", {{"reason", "again"}}).status == 409);
  expect_error(b.act(c.batch, "release", {{"reason", "   "}}), 400, "/reason");
  json release = b.ok(c.batch, "release", {{"reason", "复检合格"}});
  CHECK(release["releases"] == json::array({hold["id"]}));
  CHECK(c.f.event(c.coop, c.ship("10")).status == 201);
  CHECK(b.act(c.batch, "release", {{"reason", "nothing held"}}).status == 409);

  // Both events are on the batch's record, in the log.
  auto events = store::Controls(c.f.app().reader().database()).open_for(c.batch);
  CHECK(events.empty());
  auto view = json_of(c.f.get("/api/v1/events/" + hold["id"].get<std::string>()));
  CHECK(view["reason"] == "抽检发现农残超标嫌疑，等待复检");
}

TEST_CASE("only an inspector holds, releases or recalls, and the request is checked") {
  Chain c;
  Bureau b{c};
  auto anonymous = c.f.request("POST", "/api/v1/batches/" + c.batch + "/hold", R"({"reason":"x"})",
                               {{"content-type", "application/json"}});
  CHECK(anonymous.status == 401);
  for (const char* action : {"hold", "release", "recall"}) {
    auto producer = b.act(c.batch, action, {{"reason", "x"}, {"level", 1}}, c.coop.token);
    CHECK(producer.status == 403);
    CHECK(message_of(producer).find("inspector") != std::string::npos);
    CHECK(b.act(c.batch, action, {{"reason", "x"}, {"level", 1}}, webtest::kAdminToken).status == 403);
  }
  expect_error(b.act(c.batch, "recall", {{"reason", "x"}, {"level", 4}}), 400, "/level");
  expect_error(b.act(c.batch, "recall", {{"reason", "x"}}), 400, "/level");
  expect_error(b.act(c.batch, "hold", {{"reason", "x"}, {"level", 2}}), 400, "/level");
  expect_error(b.act(c.batch, "hold", {{"reason", std::string(501, 'x')}}), 400, "/reason");
  expect_error(b.act(c.batch, "hold", {{"reason", "x"}, {"extra", 1}}), 400, "/extra");
  CHECK(b.act("bat_unknown", "hold", {{"reason", "x"}}).status == 404);
  // An inspector records inspections, but not the producers' steps.
  auto bureau_site = c.f.site(b.bureau, "大宁县市场监管局快检室", "lab");
  json ship = c.ship("1");
  ship["site"] = bureau_site;
  expect_error(c.f.event(b.bureau, ship), 403, "/kind");
  // Nothing of the refused requests reached the log: only the parties, sites, product and batch.
  CHECK(store::Controls(c.f.app().reader().database()).open_for(c.batch).empty());
}

TEST_CASE("a bureau inspection needs no custody and may name the producer's site") {
  Chain c;
  Bureau b{c};
  json inspect = c.inspect();
  auto r = c.f.event(b.bureau, inspect);
  INFO(r.body);
  CHECK(r.status == 201);
  CHECK(json_of(r)["party"] == b.bureau.id);
  // A producer still needs custody to test a batch.
  auto stranger = c.inspect({{"site", c.stranger_site}});
  CHECK(c.f.event(c.stranger, stranger).status == 403);
}

TEST_CASE("a recall reaches through a blend and a split to every parcel and stops every sale") {
  Chain c;
  Bureau b{c};
  // A second harvest blended with the first, the blend split into two lots; one lot goes to the shop.
  json other = c.f.batch(c.coop, c.orchard, c.apples, "DN-B", "50", "kg");
  json blend = c.f.event_ok(c.coop, {{"kind", "transform"}, {"site", c.cold}, {"at", "2026-10-13T10:00:00+08:00"},
                                     {"process", "blending"},
                                     {"inputs", {{{"batch", c.batch}, {"quantity", "100"}},
                                                 {{"batch", other["id"]}, {"quantity", "50"}}}},
                                     {"outputs", {{{"gtin", c.apples}, {"lot", "DN-BLEND"}, {"quantity", "150"}, {"unit", "kg"}}}}});
  std::string blend_id = blend["outputs"][0]["batch"];
  json split = c.f.event_ok(c.coop, {{"kind", "transform"}, {"site", c.cold}, {"at", "2026-10-14T10:00:00+08:00"},
                                     {"process", "grading"},
                                     {"inputs", {{{"batch", blend_id}, {"quantity", "150"}}}},
                                     {"outputs", {{{"gtin", c.apples}, {"lot", "DN-S1"}, {"quantity", "80"}, {"unit", "kg"}},
                                                  {{"gtin", c.apples}, {"lot", "DN-S2"}, {"quantity", "70"}, {"unit", "kg"}}}}});
  std::string s1 = split["outputs"][0]["batch"], s2 = split["outputs"][1]["batch"];
  json ship = c.ship("30", {{"batch", s1}});
  std::string ship_id = c.f.event_ok(c.coop, ship)["id"];
  c.f.event_ok(c.shop, c.receive(ship_id, c.shop_wh));
  c.f.event_ok(c.shop, c.sell(c.shop_wh, "2", {{"batch", s1}, {"serial", "P-0001"}}));
  c.f.event_ok(c.coop, c.sell(c.cold, "3", {{"batch", s2}, {"serial", "P-0002"}}));
  // 10 kg more of S1 are on their way to the shop when the recall comes.
  std::string transit = c.f.event_ok(c.coop, c.ship("10", {{"batch", s1}}))["id"];

  // The recall is of the first harvest only; DN-B (the other input) is not downstream of it.
  json recall = b.ok(c.batch, "recall", {{"level", 1}, {"reason", "毒死蜱残留超标（气相色谱确证）"}});
  CHECK(recall["disposition"] == "recalled");
  CHECK(recall["level"] == 1);
  std::map<std::string, json> affected;
  for (const auto& a : recall["affected"]) affected[a["batch"]] = a;
  CHECK(affected.size() == 4);
  for (const auto& id : {c.batch, blend_id, s1, s2}) CHECK(affected.count(id) == 1);
  CHECK(affected.count(other["id"]) == 0);
  CHECK(affected[s1]["parcels"] == json::array({"P-0001"}));
  CHECK(affected[s2]["parcels"] == json::array({"P-0002"}));
  // Holders: the coop keeps 40 kg of S1 and 67 of S2, the shop 28 of S1 plus 10 in transit.
  auto holders = [&](const std::string& batch) {
    std::map<std::string, std::string> out;
    for (const auto& h : affected[batch]["holders"]) out[h["party"]] = h["quantity"];
    return out;
  };
  CHECK(holders(s1) == std::map<std::string, std::string>{{c.coop.id, "40"}, {c.shop.id, "38"}});
  CHECK(holders(s2) == std::map<std::string, std::string>{{c.coop.id, "67"}});
  CHECK(holders(c.batch).empty());  // all of it went into the blend

  // Every reached batch refuses to move, for every holder.
  CHECK(c.f.event(c.coop, c.sell(c.cold, "1", {{"batch", s2}})).status == 409);
  CHECK(c.f.event(c.coop, c.ship("1", {{"batch", s1}})).status == 409);
  CHECK(c.f.event(c.shop, c.sell(c.shop_wh, "1", {{"batch", s1}})).status == 409);
  auto regrade = c.f.event(c.coop, {{"kind", "transform"}, {"site", c.cold}, {"at", "2026-10-25T10:00:00+08:00"},
                                    {"process", "grading"}, {"inputs", {{{"batch", s2}, {"quantity", "1"}}}},
                                    {"outputs", {{{"gtin", c.apples}, {"lot", "DN-S3"}, {"quantity", "1"}, {"unit", "kg"}}}}});
  REQUIRE(regrade.status == 409);
  CHECK(message_of(regrade).find("recall") != std::string::npos);
  CHECK(b.act(s1, "recall", {{"level", 2}, {"reason", "again"}}).status == 409);
  // A release does not end a recall.
  CHECK(b.act(s2, "release", {{"reason", "x"}}).status == 409);
  // Holders confirm; others cannot.
  std::string recall_id = recall["id"];
  auto confirm = [&](const Party& who, const std::string& batch, const std::string& action) {
    return c.f.post("/api/v1/recalls/" + recall_id + "/confirm", {{"batch", batch}, {"action", action}}, who.token);
  };
  // Stock still in transit to the shop must arrive first (receiving it is allowed: it must be found).
  auto early = confirm(c.shop, s1, "destroyed");
  CHECK(early.status == 409);
  CHECK(message_of(early).find("in transit") != std::string::npos);
  c.f.event_ok(c.shop, c.receive(transit, c.shop_wh));
  auto shop_done = confirm(c.shop, s1, "destroyed");
  INFO(shop_done.body);
  REQUIRE(shop_done.status == 201);
  CHECK(json_of(shop_done)["quantity"] == "38");
  CHECK(json_of(shop_done)["disposition"] == "destroyed");
  CHECK(c.f.holding(s1, c.shop.id) == "0");
  CHECK(confirm(c.shop, s1, "destroyed").status == 409);
  CHECK(confirm(c.stranger, s1, "returned").status == 403);
  CHECK(confirm(c.shop, s2, "returned").status == 403);
  expect_error(confirm(c.coop, s2, "eaten"), 400, "/action");
  CHECK(c.f.post("/api/v1/recalls/evt_nope/confirm", {{"batch", s2}, {"action", "returned"}}, c.coop.token).status == 404);
  REQUIRE(confirm(c.coop, s2, "returned").status == 201);

  auto reach = store::Controls(c.f.app().reader().database()).reach(recall_id);
  int confirmed = 0;
  for (const auto& r : reach) confirmed += r.confirmed_by ? 1 : 0;
  CHECK(reach.size() == 3);
  CHECK(confirmed == 2);
  // The recall's view lists every lot it reached and links each parcel to the page its buyer scans.
  auto view = c.f.get("/api/v1/recalls/" + recall_id, {{"authorization", "Bearer " + b.bureau.token}});
  REQUIRE(view.status == 200);
  json view_json = json_of(view);
  std::map<std::string, json> reached;
  for (const auto& r : view_json["reached"]) reached[r["lot"].get<std::string>()] = r;
  CHECK(reached.size() == 4);
  REQUIRE(reached["DN-S1"]["parcels"].size() == 1);
  CHECK(reached["DN-S1"]["parcels"][0]["link"] == "/01/" + c.apples + "/10/DN-S1/21/P-0001");
  // The recall is a record in the log like any event.
  auto stored = json_of(c.f.get("/api/v1/events/" + recall_id));
  CHECK(stored["affected"].size() == 4);
  CHECK(stored["leaf_index"] == recall["leaf_index"]);
}

TEST_CASE("a recall of a lot sold in over 1000 parcels lists the first 1000 and says there are more") {
  Chain c;
  Bureau b{c};
  json big = c.f.batch(c.coop, c.orchard, c.apples, "DN-BIG", "2000", "kg");
  std::string id = big["id"];
  for (int i = 0; i < 1001; ++i) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "S%05d", i);
    REQUIRE(c.f.event(c.coop, c.sell(c.cold, "1", {{"batch", id}, {"serial", serial}})).status == 201);
  }
  json recall = b.ok(id, "recall", {{"level", 3}, {"reason", "包装破损"}});
  REQUIRE(recall["affected"].size() == 1);
  CHECK(recall["affected"][0]["parcels"].size() == 1000);
  CHECK(recall["affected"][0]["parcels"][0] == "S00000");
  CHECK(recall["affected"][0]["more_parcels"] == true);
  // Every parcel page still shows the recall: the control is on the batch.
  CHECK(!store::Controls(c.f.app().reader().database()).open_for(id).empty());
}

namespace {

json rapid(const Chain& c, const std::string& site, const std::string& delta_at) {
  json b = c.inspect({{"site", site}, {"rapid_test", {{"delta_a0", "0.5000"}, {"delta_at", delta_at}, {"kit_lot", "K1"},
                                                      {"instrument", "RP-410"}, {"tester", "王检"}}}});
  b.erase("result");
  return b;
}

}  // namespace

TEST_CASE("only the bureau's re-tests clear the bureau's positive, and a release is not undone by later tests") {
  Chain c;
  Bureau b{c};
  auto open_holds = [&] { return store::Controls(c.f.app().reader().database()).open_for(c.batch).size(); };
  // The bureau's rapid test: 60.0 % inhibition, positive; the batch is held.
  REQUIRE(c.f.event(b.bureau, rapid(c, c.orchard, "0.2000")).status == 201);
  REQUIRE(open_holds() == 1);
  // The holder's own two negative re-tests do not lift the bureau's finding.
  for (int i = 0; i < 2; ++i) REQUIRE(c.f.event(c.coop, rapid(c, c.orchard, "0.4900")).status == 201);
  CHECK(open_holds() == 1);
  CHECK(c.f.event(c.coop, c.ship("1")).status == 409);

  SECTION("two negative bureau re-tests do") {
    for (int i = 0; i < 2; ++i) REQUIRE(c.f.event(b.bureau, rapid(c, c.orchard, "0.4900")).status == 201);
    CHECK(open_holds() == 0);
    CHECK(c.f.event(c.coop, c.ship("1")).status == 201);
  }
  SECTION("an inspector's release stays released when the holder tests again") {
    b.ok(c.batch, "release", {{"reason", "复检（气相色谱）未检出"}});
    CHECK(open_holds() == 0);
    REQUIRE(c.f.event(c.coop, rapid(c, c.orchard, "0.4800")).status == 201);
    CHECK(open_holds() == 0);
    CHECK(c.f.event(c.coop, c.ship("1")).status == 201);
  }
}
