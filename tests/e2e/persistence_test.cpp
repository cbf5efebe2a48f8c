// Scenario 5: a SIGTERM'd server exits cleanly, and a new process on the same database file serves
// exactly the same records and pages.
#include <catch2/catch.hpp>

#include <map>

#include "api_calls.h"
#include "demo_chains.h"
#include "server_process.h"
#include "support/temp_dir.h"

using namespace e2e;

TEST_CASE("records and pages survive a SIGTERM and a restart on the same database", "[e2e][restart]") {
  test::TempDir dir;
  std::string token = fresh_admin_token();
  DemoChains chains;
  std::map<std::string, std::string> api_before, page_before;
  int64_t size_before = 0;
  DemoReplay replay;
  {
    ServerProcess first(options_for(dir, token));
    test::HttpClient client(first.host(), first.port());
    replay = chains.replay(client, token);
    REQUIRE(replay.failures.empty());
    for (const auto& page : chains.pages()) {
      auto list = client.get("/api/v1/batches?gtin=" + page.gtin + "&lot=" + page.lot);
      REQUIRE(list.status == 200);
      std::string id = json_of(list)["items"].at(0)["id"];
      auto batch = client.get("/api/v1/batches/" + id);
      REQUIRE(batch.status == 200);
      api_before[id] = batch.body;
      std::string path = "/01/" + page.gtin + "/10/" + page.lot;
      auto html = client.get(path);
      REQUIRE(html.status == 200);
      page_before[path] = html.body;
    }
    size_before = log_size(client);
    REQUIRE(size_before > 0);
    REQUIRE(first.stop() == 0);
    CHECK(first.stdout_text().find("agritrace: stopped") != std::string::npos);
  }

  ServerProcess second(options_for(dir, token));
  test::HttpClient client(second.host(), second.port());
  CHECK(log_size(client) == size_before);
  std::string records = std::to_string(size_before) + " records)";
  CHECK(second.stdout_text().find(records) != std::string::npos);
  for (const auto& [id, body] : api_before) {
    INFO("batch " << id);
    auto r = client.get("/api/v1/batches/" + id);
    REQUIRE(r.status == 200);
    CHECK(r.body == body);
  }
  for (const auto& [path, body] : page_before) {
    INFO("page " << path);
    auto r = client.get(path);
    REQUIRE(r.status == 200);
    CHECK(r.body == body);
  }
  // Party tokens persisted too: the cooperative can go on recording where it left off.
  std::string boxes = replay.saved.at("dn_grade")["outputs"][0]["batch"];
  auto store = post_json(client, "/api/v1/events",
                         {{"kind", "store"}, {"batch", boxes}, {"site", replay.id_of("dn_cold")},
                          {"at", "2026-10-25T10:00:00+08:00"}, {"conditions", "冷藏"}},
                         replay.token_of("dn_coop"));
  CHECK(store.status == 201);
  CHECK(log_size(client) == size_before + 1);
  CHECK(second.stop() == 0);
}
