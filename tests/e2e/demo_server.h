// e2e::DemoServer: a real server on a fresh temp database with the four demo chains replayed into it
// over HTTP, for tests that need realistic data to act on. Throws from the constructor if the server
// does not start or a demo step is refused. Not thread-safe (one client); owned by one test.
#pragma once

#include <string>

#include "demo_chains.h"
#include "server_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

namespace e2e {

class DemoServer {
 public:
  DemoServer();

  ServerProcess& server() { return server_; }
  test::HttpClient& client() { return client_; }
  const std::string& admin_token() const { return admin_token_; }
  const DemoChains& chains() const { return chains_; }
  const DemoReplay& replay() const { return replay_; }
  const test::TempDir& dir() const { return dir_; }

  // The API view (GET /api/v1/batches?gtin=&lot=) of one batch; throws unless exactly one matches.
  nlohmann::json batch(const std::string& gtin, const std::string& lot);

 private:
  test::TempDir dir_;
  std::string admin_token_;
  ServerProcess server_;
  test::HttpClient client_;
  DemoChains chains_;
  DemoReplay replay_;
};

}  // namespace e2e
