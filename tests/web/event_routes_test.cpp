// POST /api/v1/events: custody, quantities, shipments and receipts, and the fields each kind
// accepts; GET /api/v1/events/{id}.
#include <catch2/catch.hpp>
#include <set>

#include "event_chain.h"
#include "fixture.h"

using nlohmann::json;
using namespace webtest;

TEST_CASE("only the party holding a batch records steps on it", "[web][event]") {
  Chain c;
  int64_t before = c.f.log_size();
  SECTION("a stranger inspecting the batch at its own site is 403 on /batch") {
    std::string message = expect_error(c.f.event(c.stranger, c.inspect({{"site", c.stranger_site}})), 403, "/batch");
    CHECK_THAT(message, Catch::Contains("custody"));
  }
  SECTION("using another party's site is 403 on /site") {
    expect_error(c.f.event(c.stranger, c.inspect()), 403, "/site");
  }
  SECTION("an unknown batch is 422 on /batch") {
    expect_error(c.f.event(c.coop, c.inspect({{"batch", "bat_nope"}})), 422, "/batch");
  }
  SECTION("the admin token cannot record events") {
    expect_error(c.f.post("/api/v1/events", c.inspect(), kAdminToken), 403, "");
  }
  CHECK(c.f.log_size() == before);
  CHECK(c.f.holding(c.batch, c.coop.id) == "100");
}

TEST_CASE("taking more than remains is 409 and writes nothing", "[web][event]") {
  Chain c;
  int64_t before = c.f.log_size();
  SECTION("shipping") {
    std::string message = expect_error(c.f.event(c.coop, c.ship("150")), 409, "/quantity");
    CHECK_THAT(message, Catch::Contains("100") && Catch::Contains("150"));
  }
  SECTION("selling") {
    std::string message = expect_error(c.f.event(c.coop, c.sell(c.cold, "100.001")), 409, "/quantity");
    CHECK_THAT(message, Catch::Contains("100") && Catch::Contains("100.001"));
  }
  SECTION("a transformation input") {
    std::string jars = "0" + with_check_digit("690612300002");
    c.f.product(c.coop, jars, "jar", "苹果汁");
    json t = {{"kind", "transform"}, {"site", c.cold}, {"at", "2026-10-13T10:00:00+08:00"}, {"process", "榨汁"},
              {"inputs", {{{"batch", c.batch}, {"quantity", "101"}}}},
              {"outputs", {{{"gtin", jars}, {"lot", "J1"}, {"quantity", "50"}, {"unit", "jar"}}}}};
    before = c.f.log_size();
    expect_error(c.f.event(c.coop, t), 409, "/inputs/0/quantity");
    // The output batch was not created either.
    CHECK(json_of(c.f.get("/api/v1/batches?lot=J1"))["items"].empty());
  }
  CHECK(c.f.log_size() == before);
  CHECK(c.f.holding(c.batch, c.coop.id) == "100");
  json view = c.f.batch_view(c.batch);
  CHECK(view["remaining"] == "100");
  CHECK(view["holdings"].size() == 1);
}

TEST_CASE("ship then receive moves custody", "[web][event]") {
  Chain c;
  json shipped = c.f.event_ok(c.coop, c.ship("60"));
  CHECK(shipped["biz_step"] == "shipping");
  CHECK(shipped["disposition"] == "in_transit");
  CHECK(shipped["to"] == c.shop.id);
  std::string shipment = shipped["id"];
  CHECK(c.f.holding(c.batch, c.coop.id) == "40");
  CHECK(c.f.holding(c.batch, c.shop.id) == "0");

  // In transit: the receiver holds nothing yet.
  expect_error(c.f.event(c.shop, c.sell(c.shop_wh, "1")), 403, "/batch");

  SECTION("receiving by a party it is not addressed to is 403") {
    int64_t before = c.f.log_size();
    expect_error(c.f.event(c.stranger, c.receive(shipment, c.stranger_site)), 403, "/shipment");
    CHECK(c.f.log_size() == before);
  }
  SECTION("receiving an unknown shipment is 422") {
    expect_error(c.f.event(c.shop, c.receive("evt_nope", c.shop_wh)), 422, "/shipment");
  }
  SECTION("after receipt the receiver can sell and the sender cannot sell what it shipped") {
    json received = c.f.event_ok(c.shop, c.receive(shipment, c.shop_wh));
    CHECK(received["batch"] == c.batch);
    CHECK(received["quantity"] == "60");
    CHECK(received["from"] == c.coop.id);
    CHECK(c.f.holding(c.batch, c.shop.id) == "60");
    CHECK(c.f.holding(c.batch, c.coop.id) == "40");
    CHECK(c.f.batch_view(c.batch)["remaining"] == "100");

    int64_t before = c.f.log_size();
    std::string message = expect_error(c.f.event(c.shop, c.receive(shipment, c.shop_wh)), 409, "/shipment");
    CHECK_THAT(message, Catch::Contains("already received"));
    CHECK(c.f.log_size() == before);
    CHECK(c.f.holding(c.batch, c.shop.id) == "60");

    c.f.event_ok(c.shop, c.sell(c.shop_wh, "10", {{"serial", "P0001"}}));
    CHECK(c.f.holding(c.batch, c.shop.id) == "50");
    expect_error(c.f.event(c.shop, c.sell(c.shop_wh, "51")), 409, "/quantity");
    expect_error(c.f.event(c.coop, c.sell(c.cold, "41")), 409, "/quantity");
    c.f.event_ok(c.coop, c.sell(c.cold, "40"));
    CHECK(c.f.holding(c.batch, c.coop.id) == "0");
    // Holding nothing any more, the sender has lost custody altogether.
    expect_error(c.f.event(c.coop, c.sell(c.cold, "1")), 403, "/batch");
    CHECK(c.f.batch_view(c.batch)["remaining"] == "50");
  }
}

TEST_CASE("shipments and sales are checked field by field", "[web][event]") {
  Chain c;
  int64_t before = c.f.log_size();
  SECTION("a unit other than the batch's is 422 on /unit") {
    expect_error(c.f.event(c.coop, c.ship("1", {{"unit", "box"}})), 422, "/unit");
  }
  SECTION("shipping to an unknown party is 422 on /to") {
    expect_error(c.f.event(c.coop, c.ship("1", {{"to", "pty_nope"}})), 422, "/to");
  }
  SECTION("shipping to oneself is 422 on /to") {
    expect_error(c.f.event(c.coop, c.ship("1", {{"to", c.coop.id}})), 422, "/to");
  }
  SECTION("a bad quantity is 400 on /quantity") {
    expect_error(c.f.event(c.coop, c.ship("-5")), 400, "/quantity");
  }
  SECTION("a time without offset is 400 on /at") {
    expect_error(c.f.event(c.coop, c.ship("1", {{"at", "2026-10-21T09:30:00"}})), 400, "/at");
  }
  SECTION("a missing required field for the kind is 400") {
    json b = c.ship("1");
    b.erase("waybill");
    CHECK(c.f.event(c.coop, b).status == 400);
  }
  SECTION("an unknown kind is 400 on /kind") {
    expect_error(c.f.event(c.coop, c.inspect({{"kind", "teleport"}})), 400, "/kind");
  }
  SECTION("a serial outside CSET 82 is 400 on /serial") {
    expect_error(c.f.event(c.coop, c.sell(c.cold, "1", {{"serial", "包裹 1"}})), 400, "/serial");
  }
  SECTION("a reused parcel serial is 409 on /serial") {
    c.f.event_ok(c.coop, c.sell(c.cold, "1", {{"serial", "P0001"}}));
    before = c.f.log_size();
    expect_error(c.f.event(c.coop, c.sell(c.cold, "1", {{"serial", "P0001"}})), 409, "/serial");
    CHECK(c.f.holding(c.batch, c.coop.id) == "99");
  }
  CHECK(c.f.log_size() == before);
}

TEST_CASE("a field that does not apply to the kind is refused by name", "[web][event]") {
  Chain c;
  int64_t before = c.f.log_size();
  struct Case {
    json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {c.inspect({{"quantity", "5"}}), "/quantity"},
      {c.inspect({{"readings", {{{"at", "2026-10-12T15:20:00+08:00"}}}}}), "/readings"},
      {c.ship("1", {{"shipment", "evt_x"}}), "/shipment"},
      {c.ship("1", {{"serial", "P1"}}), "/serial"},
      {c.receive("evt_x", c.orchard), "/batch"},
      {c.sell(c.cold, "1", {{"to", c.shop.id}}), "/to"},
      {c.inspect({{"process", "清洗"}}), "/process"},
  };
  cases[4].body["batch"] = c.batch;
  for (const auto& tc : cases) {
    INFO(tc.body.dump());
    std::string message = expect_error(c.f.event(c.coop, tc.body), 400, tc.field);
    CHECK_THAT(message, Catch::Contains("\"" + tc.field.substr(1) + "\"") && Catch::Contains("does not apply"));
  }
  CHECK(c.f.log_size() == before);
}

