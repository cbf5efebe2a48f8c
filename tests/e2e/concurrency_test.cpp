// Scenario 7: four clients writing at once through the real transport: every event is accepted,
// each lands in the log exactly once, and the log indexes they get are distinct and contiguous.
#include <catch2/catch.hpp>

#include <latch>
#include <set>
#include <thread>

#include "api_calls.h"
#include "server_process.h"
#include "support/temp_dir.h"

using namespace e2e;

TEST_CASE("4 threads posting 25 events each at once are all accepted and all logged once", "[e2e][concurrency]") {
  constexpr int kThreads = 4, kEach = 25;
  test::TempDir dir;
  std::string token = fresh_admin_token();
  ServerProcess server(options_for(dir, token));
  test::HttpClient setup(server.host(), server.port());
  std::vector<OwnChain> chains;
  for (int i = 0; i < kThreads; ++i) chains.push_back(make_own_chain(setup, token, i));
  int64_t before = log_size(setup);

  struct Outcome {
    std::vector<int> statuses;
    std::vector<int64_t> leaves;
    std::vector<std::string> ids;
    std::string error;
  };
  std::vector<Outcome> outcomes(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Outcome& out = outcomes[t];
      try {
        test::HttpClient client(server.host(), server.port());
        client.get("/healthz");  // connect before the start line, so the posts really overlap
        start.arrive_and_wait();
        for (int i = 0; i < kEach; ++i) {
          auto r = post_json(client, "/api/v1/events", inspect_event(chains[t], i), chains[t].token);
          out.statuses.push_back(r.status);
          if (r.status == 201) {
            auto body = json_of(r);
            out.leaves.push_back(body["leaf_index"].get<int64_t>());
            out.ids.push_back(body["id"]);
          } else if (out.error.empty()) {
            out.error = r.body;
          }
        }
      } catch (const std::exception& e) {
        out.error = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();

  std::set<int64_t> leaves;
  std::set<std::string> ids;
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t << ": " << outcomes[t].error);
    CHECK(outcomes[t].error.empty());
    REQUIRE(outcomes[t].statuses.size() == static_cast<size_t>(kEach));
    for (int s : outcomes[t].statuses) CHECK(s == 201);
    leaves.insert(outcomes[t].leaves.begin(), outcomes[t].leaves.end());
    ids.insert(outcomes[t].ids.begin(), outcomes[t].ids.end());
  }
  CHECK(log_size(setup) == before + kThreads * kEach);
  CHECK(ids.size() == static_cast<size_t>(kThreads * kEach));
  REQUIRE(leaves.size() == static_cast<size_t>(kThreads * kEach));
  CHECK(*leaves.rbegin() - *leaves.begin() == kThreads * kEach - 1);
  // Each batch's consumer page shows its harvest and exactly its own 25 inspections.
  for (const auto& chain : chains) {
    auto page = setup.get("/01/" + chain.gtin + "/10/" + chain.lot, {{"Accept", "application/json"}});
    REQUIRE(page.status == 200);
    CHECK(json_of(page)["timeline"].size() == static_cast<size_t>(kEach + 1));
  }
}
