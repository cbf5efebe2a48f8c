// Scenario 6: --demo loads the demo chains into an empty database once, prints the four consumer
// page URLs, and leaves a non-empty database as it is.
#include <catch2/catch.hpp>

#include <sstream>

#include "api_calls.h"
#include "demo_chains.h"
#include "server_process.h"
#include "support/temp_dir.h"

using namespace e2e;

namespace {

// The URLs --demo prints under "demo consumer pages:", one per indented line.
std::vector<std::string> listed_pages(const std::string& out) {
  std::vector<std::string> urls;
  std::istringstream in(out.substr(std::min(out.size(), out.find("demo consumer pages:"))));
  std::string line;
  std::getline(in, line);  // the heading itself
  while (std::getline(in, line) && line.rfind("  ", 0) == 0) urls.push_back(line.substr(2));
  return urls;
}

std::vector<std::string> expected_pages() {
  std::vector<std::string> urls;
  for (const auto& page : DemoChains().pages())
    urls.push_back(std::string(kPublicUrl) + "/01/" + page.gtin + "/10/" + page.lot);
  return urls;
}

std::string path_of(const std::string& url) { return url.substr(std::string(kPublicUrl).size()); }

}  // namespace

TEST_CASE("the --demo flag fills an empty database once and keeps a non-empty one as it is", "[e2e][demo]") {
  test::TempDir dir;
  int64_t loaded = 0;
  {
    // No --admin-token: the server generates one and prints it once.
    ServerProcess server(options_for(dir, "", true));
    test::HttpClient client(server.host(), server.port());
    std::string out = server.stdout_text();
    INFO(out);
    CHECK(out.find("loaded demo data") != std::string::npos);
    auto urls = listed_pages(out);
    REQUIRE(urls == expected_pages());
    for (const auto& url : urls) {
      auto r = client.get(path_of(url));
      CHECK(r.status == 200);
      CHECK(r.body.find("流转记录") != std::string::npos);
    }
    loaded = log_size(client);
    CHECK(loaded >= static_cast<int64_t>(DemoChains().step_count()));

    // The printed token is the admin's: it passes authorisation (so the empty body fails validation).
    std::string marker = "admin token (generated for this run): ";
    auto at = out.find(marker);
    REQUIRE(at != std::string::npos);
    std::string token = out.substr(at + marker.size(), out.find('\n', at) - at - marker.size());
    CHECK(post_json(client, "/api/v1/parties", nlohmann::json::object(), token).status == 400);
    CHECK(post_json(client, "/api/v1/parties", nlohmann::json::object(), token + "x").status == 401);
    REQUIRE(server.stop() == 0);
  }

  ServerProcess again(options_for(dir, fresh_admin_token(), true));
  test::HttpClient client(again.host(), again.port());
  std::string out = again.stdout_text();
  INFO(out);
  CHECK(out.find("demo data kept") != std::string::npos);
  CHECK(out.find("loaded demo data") == std::string::npos);
  CHECK(out.find("admin token (generated") == std::string::npos);
  CHECK(log_size(client) == loaded);
  auto urls = listed_pages(out);
  CHECK(urls == expected_pages());
  for (const auto& page : DemoChains().pages()) {
    auto r = client.get("/api/v1/batches?gtin=" + page.gtin + "&lot=" + page.lot);
    REQUIRE(r.status == 200);
    CHECK(json_of(r)["items"].size() == 1);
  }
  for (const auto& url : urls) CHECK(client.get(path_of(url)).status == 200);
  CHECK(again.stop() == 0);
}
