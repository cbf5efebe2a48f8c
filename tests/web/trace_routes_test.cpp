// GET /api/v1/batches/{id}/trace over the demo's honey chain: two apiary batches → a blend → jars.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "fixture.h"

using nlohmann::json;
using namespace webtest;

namespace {

std::string batch_id(Fixture& f, const std::string& lot) {
  auto r = f.get("/api/v1/batches?lot=" + lot);
  REQUIRE(r.status == 200);
  json items = json_of(r)["items"];
  REQUIRE(items.size() == 1);
  return items[0]["id"];
}

std::set<std::string> lots_of(const json& trace) {
  std::set<std::string> lots;
  for (const auto& n : trace["nodes"]) lots.insert(n["lot"]);
  return lots;
}

json trace(Fixture& f, const std::string& id, const std::string& query = "") {
  auto r = f.get("/api/v1/batches/" + id + "/trace" + query);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json_of(r);
}

}  // namespace

TEST_CASE("trace runs backward from a honey jar to both apiaries and forward again", "[web][trace]") {
  Fixture f;
  f.load_demo();
  std::string jar = batch_id(f, "QS-J-260808");
  std::string blend = batch_id(f, "QS-BL-2608");
  std::string jingtiao = batch_id(f, "QS-JT-2607");
  std::string yanghuai = batch_id(f, "QS-YH-2605");

  json back = trace(f, jar);  // backward is the default
  CHECK(back["direction"] == "backward");
  CHECK(back["batch"] == jar);
  CHECK(back["truncated"] == false);
  CHECK(lots_of(back) == std::set<std::string>{"QS-J-260808", "QS-BL-2608", "QS-JT-2607", "QS-YH-2605"});
  std::map<std::string, int> depth;
  for (const auto& n : back["nodes"]) depth[n["batch"]] = n["depth"];
  CHECK(depth[jar] == 0);
  CHECK(depth[blend] == 1);
  CHECK(depth[jingtiao] == 2);
  CHECK(depth[yanghuai] == 2);
  for (const auto& n : back["nodes"]) {
    CHECK(n["digital_link"].get<std::string>().rfind("https://trace.example.cn/01/", 0) == 0);
    CHECK_FALSE(n["product"].get<std::string>().empty());
  }
  // Edges carry the quantities the transformations took.
  std::set<std::string> edges;
  for (const auto& e : back["edges"])
    edges.insert(e["from"].get<std::string>() + ">" + e["to"].get<std::string>() + ":" + e["quantity"].get<std::string>() +
                 " " + e["unit"].get<std::string>());
  CHECK(edges == std::set<std::string>{blend + ">" + jar + ":400 kg", jingtiao + ">" + blend + ":300 kg",
                                       yanghuai + ">" + blend + ":150 kg"});

  json fwd = trace(f, jingtiao, "?direction=forward");
  CHECK(fwd["direction"] == "forward");
  CHECK(lots_of(fwd) == std::set<std::string>{"QS-JT-2607", "QS-BL-2608", "QS-J-260808"});

  // A harvest has no parents; a jar has no children.
  CHECK(lots_of(trace(f, jingtiao)) == std::set<std::string>{"QS-JT-2607"});
  CHECK(lots_of(trace(f, jar, "?direction=forward")) == std::set<std::string>{"QS-J-260808"});
  // Chains do not leak into each other.
  CHECK(lots_of(trace(f, batch_id(f, "DN2026-1012-A5"))) == std::set<std::string>{"DN2026-1012-A5", "DN2026-1012-A"});
}

TEST_CASE("trace refuses unknown directions and batches", "[web][trace]") {
  Fixture f;
  f.load_demo();
  std::string jar = batch_id(f, "QS-J-260808");
  expect_error(f.get("/api/v1/batches/" + jar + "/trace?direction=sideways"), 400, "?direction");
  expect_error(f.get("/api/v1/batches/" + jar + "/trace?direction="), 400, "?direction");
  auto unknown = f.get("/api/v1/batches/bat_nope/trace");
  expect_error(unknown, 404, "");
  CHECK(json_of(unknown)["error"] == "not_found");
}
