// Scenario 4: bad input over the wire gets the right status and a JSON error naming the problem,
// refusals write nothing, and the server keeps serving afterwards.
#include <catch2/catch.hpp>

#include "api_calls.h"
#include "demo_server.h"

using namespace e2e;
using nlohmann::json;

namespace {

const char* kAt = "2026-10-25T10:00:00+08:00";

}  // namespace

TEST_CASE("malformed JSON and mistyped fields are refused with 400 and nothing is written", "[e2e][errors]") {
  DemoServer demo;
  auto& client = demo.client();
  std::string coop = demo.replay().token_of("dn_coop");
  int64_t before = log_size(client);

  SECTION("malformed JSON") {
    for (std::string body : {"{\"name\": ", "not json", "{\"kind\":\"inspect\",}", ""}) {
      INFO("body: " << body);
      auto r = client.post("/api/v1/events", body, auth_json(coop));
      CHECK(r.status == 400);
      CHECK(json_of(r)["error"] == "invalid_input");
    }
    auto dup = client.post("/api/v1/parties", R"({"name":"a","name":"b","kind":"farm","county":"x"})",
                           auth_json(demo.admin_token()));
    CHECK(dup.status == 400);
    CHECK(json_of(dup)["message"].get<std::string>().find("duplicate key") != std::string::npos);
  }
  SECTION("wrong types") {
    auto party = post_json(client, "/api/v1/parties", {{"name", 123}, {"kind", "farm"}, {"county", "x"}},
                           demo.admin_token());
    CHECK(party.status == 400);
    CHECK(json_of(party)["field"] == "/name");
    auto batch = post_json(client, "/api/v1/batches",
                           {{"gtin", "06906123000016"}, {"lot", "X-1"}, {"quantity", 3000}, {"unit", "kg"},
                            {"site", demo.replay().id_of("dn_orchard")}, {"produced_at", kAt}},
                           coop);
    CHECK(batch.status == 400);
    CHECK(json_of(batch)["field"] == "/quantity");
    auto array = post_json(client, "/api/v1/events", json::array({1, 2}), coop);
    CHECK(array.status == 400);
  }
  SECTION("a GTIN with a wrong check digit") {
    // 0690612300003 + check digit 0 is valid; 1 is not.
    REQUIRE(with_check_digit("0690612300003") == "06906123000030");
    auto product = post_json(client, "/api/v1/products",
                             {{"gtin", "06906123000031"}, {"name", "坏码"}, {"category", "apple"}, {"unit", "kg"}}, coop);
    CHECK(product.status == 400);
    CHECK(json_of(product)["field"] == "/gtin");
    auto batch = post_json(client, "/api/v1/batches",
                           {{"gtin", "06906123000017"}, {"lot", "X-2"}, {"quantity", "1"}, {"unit", "kg"},
                            {"site", demo.replay().id_of("dn_orchard")}, {"produced_at", kAt}},
                           coop);
    CHECK(batch.status == 400);
    CHECK(json_of(batch)["field"] == "/gtin");
  }
  CHECK(log_size(client) == before);
}

TEST_CASE("unknown ids give 404 and unknown Digital Links the consumer not-found page", "[e2e][errors]") {
  DemoServer demo;
  auto& client = demo.client();
  auto batch = client.get("/api/v1/batches/bat_does_not_exist");
  CHECK(batch.status == 404);
  CHECK(json_of(batch)["error"] == "not_found");
  CHECK(client.get("/api/v1/events/evt_does_not_exist").status == 404);
  CHECK(client.get("/api/v1/no/such/route").status == 404);

  // A well-formed code for a registered GTIN but a lot nobody recorded: possibly counterfeit.
  std::string code = "/01/06906123000023/10/FAKE-LOT-1";
  auto page = client.get(code);
  CHECK(page.status == 404);
  CHECK(page.header("content-type").rfind("text/html", 0) == 0);
  CHECK(page.body.find("未查到此追溯码") != std::string::npos);
  CHECK(page.body.find("12315") != std::string::npos);
  auto en = client.get(code + "?lang=en");
  CHECK(en.status == 404);
  CHECK(en.body.find("This code is not registered") != std::string::npos);
  auto js = client.get(code, {{"Accept", "application/json"}});
  CHECK(js.status == 404);
  CHECK(json_of(js)["error"] == "not_found");
  // A code that is not even a valid GTIN lands on the same friendly page, not a raw API error.
  auto garbage = client.get("/01/123/10/x");
  CHECK(garbage.status == 404);
  CHECK(garbage.body.find("未查到此追溯码") != std::string::npos);
}

TEST_CASE("authority over the wire: missing token 401, someone else's batch 403, shipping too much 409",
          "[e2e][errors]") {
  DemoServer demo;
  auto& client = demo.client();
  const auto& saved = demo.replay();
  std::string coop = saved.token_of("dn_coop"), shop = saved.token_of("dn_shop");
  std::string boxes = saved.saved.at("dn_grade")["outputs"][0]["batch"];
  int64_t before = log_size(client);

  json ship = {{"kind", "ship"}, {"batch", boxes}, {"site", saved.id_of("dn_cold")}, {"at", kAt},
               {"quantity", "91"}, {"unit", "box"}, {"to", saved.id_of("dn_shop")},
               {"carrier", "大宁县冷链物流"}, {"waybill", "DNLL20261025001"}};

  SECTION("missing or unknown token") {
    auto none = client.post("/api/v1/events", ship.dump(), {{"Content-Type", "application/json"}});
    CHECK(none.status == 401);
    CHECK(none.header("www-authenticate") == "Bearer");
    auto wrong = post_json(client, "/api/v1/events", ship, "pt_not_a_real_token");
    CHECK(wrong.status == 401);
    auto party_as_admin = post_json(client, "/api/v1/parties", {{"name", "x"}, {"kind", "farm"}, {"county", "x"}}, coop);
    CHECK(party_as_admin.status == 403);
  }
  SECTION("someone else's batch") {
    // The shop holds none of the bulk harvest; recording a step on it at its own warehouse is refused.
    json inspect = {{"kind", "inspect"}, {"batch", saved.id_of("dn_harvest")}, {"site", saved.id_of("dn_shop_wh")},
                    {"at", kAt}, {"result", "pass"}, {"method", "感官检验"}};
    auto r = post_json(client, "/api/v1/events", inspect, shop);
    CHECK(r.status == 403);
    CHECK(json_of(r)["error"] == "forbidden");
    // Nor may it act at the cooperative's site.
    inspect["site"] = saved.id_of("dn_cold");
    inspect["batch"] = boxes;
    CHECK(post_json(client, "/api/v1/events", inspect, shop).status == 403);
  }
  SECTION("shipping more than is held") {
    // 190 boxes graded, 100 shipped to the shop: the cooperative holds 90.
    auto r = post_json(client, "/api/v1/events", ship, coop);
    CHECK(r.status == 409);
    CHECK(json_of(r)["message"].get<std::string>().find("90 box") != std::string::npos);
    CHECK(log_size(client) == before);
    // The refusal took nothing: 89 can still go, after which 1 is left and 2 is too many.
    ship["quantity"] = "89";
    CHECK(post_json(client, "/api/v1/events", ship, coop).status == 201);
    before = log_size(client);
    ship["quantity"] = "2";
    auto again = post_json(client, "/api/v1/events", ship, coop);
    CHECK(again.status == 409);
    CHECK(json_of(again)["message"].get<std::string>().find("has 1 box") != std::string::npos);
  }
  CHECK(log_size(client) == before);
}

TEST_CASE("a 10 MB body is refused with 413 and the server keeps answering", "[e2e][errors]") {
  DemoServer demo;
  auto& client = demo.client();
  int64_t before = log_size(client);
  std::string huge = "{\"name\":\"" + std::string(10 << 20, 'a') + "\",\"kind\":\"farm\",\"county\":\"x\"}";
  auto r = client.post("/api/v1/parties", huge, auth_json(demo.admin_token()));
  CHECK(r.status == 413);
  // Same client (it reconnects if the server dropped the connection) and a fresh one both work.
  CHECK(log_size(client) == before);
  test::HttpClient other(demo.server().host(), demo.server().port());
  CHECK(other.get("/healthz").status == 200);
  CHECK(demo.server().running());
}
