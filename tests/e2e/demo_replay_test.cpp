// Scenario 1: the four demo chains, posted over real HTTP to the real binary, are all accepted.
#include <catch2/catch.hpp>

#include "api_calls.h"
#include "demo_chains.h"
#include "server_process.h"
#include "support/temp_dir.h"

using namespace e2e;

TEST_CASE("the four demo chains replay over HTTP with every step answered 201", "[e2e][demo]") {
  test::TempDir dir;
  std::string token = fresh_admin_token();
  ServerProcess server(options_for(dir, token));
  test::HttpClient client(server.host(), server.port());
  DemoChains demo;
  REQUIRE(demo.step_count() > 40);  // four chains, not an empty file
  REQUIRE(log_size(client) == 0);

  DemoReplay replay = demo.replay(client, token);
  INFO((replay.failures.empty() ? std::string("no failure") : replay.failures.front()));
  REQUIRE(replay.failures.empty());
  REQUIRE(replay.steps_posted == static_cast<int>(demo.step_count()));
  // Every accepted step is at least one log record (a transformation adds one per output batch too).
  CHECK(log_size(client) >= static_cast<int64_t>(demo.step_count()));

  for (const auto& page : demo.pages()) {
    auto r = client.get("/api/v1/batches?gtin=" + page.gtin + "&lot=" + page.lot);
    REQUIRE(r.status == 200);
    auto items = json_of(r)["items"];
    REQUIRE(items.size() == 1);
    CHECK(items[0]["digital_link"] == std::string(kPublicUrl) + "/01/" + page.gtin + "/10/" + page.lot);
  }
}

TEST_CASE("demo replay with an admin token the server was not given stops at the first step with 401",
          "[e2e][demo]") {
  test::TempDir dir;
  ServerProcess server(options_for(dir, fresh_admin_token()));
  test::HttpClient client(server.host(), server.port());
  DemoReplay replay = DemoChains().replay(client, fresh_admin_token());
  REQUIRE(replay.steps_posted == 1);
  REQUIRE(replay.failures.size() == 1);
  CHECK(replay.failures.front().find("-> 401") != std::string::npos);
  CHECK(log_size(client) == 0);
}
