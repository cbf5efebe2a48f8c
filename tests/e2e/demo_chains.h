// e2e::DemoChains: tools/demo/demo.json replayed over real HTTP, step by step, the way a client (and
// src/web/demo_loader.cpp, in-process) would: "$name.a.0.b" strings refer to field a/0/b of the
// response saved as name, and "as" names the saved party whose token signs the step ("admin": the
// admin token). Immutable after construction; replay() is as thread-safe as the client passed in.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace e2e {

struct DemoPage {
  std::string gtin;
  std::string lot;
};

struct DemoReplay {
  int steps_posted = 0;                        // steps sent, including a failing one
  std::vector<std::string> failures;           // "step N POST /path → status: body" for every non-201
  std::map<std::string, nlohmann::json> saved;  // responses saved under the steps' "save" names

  // The token of a saved party (its registration response carries it once).
  std::string token_of(const std::string& name) const;
  std::string id_of(const std::string& name) const;
};

class DemoChains {
 public:
  // Reads tools/demo/demo.json from the source tree; throws if it is missing or malformed.
  DemoChains();

  std::size_t step_count() const { return demo_["steps"].size(); }
  std::vector<DemoPage> pages() const;
  // The product name a page's GTIN was registered with, in Chinese and English.
  std::string product_name(const std::string& gtin, bool english = false) const;

  // Posts every step; stops at the first failure, since later steps refer to its response.
  DemoReplay replay(test::HttpClient& client, const std::string& admin_token) const;

  // Resolves "$name.path" references in value against saved responses. Throws std::runtime_error
  // naming the reference when it points nowhere.
  static nlohmann::json resolve(const nlohmann::json& value, const std::map<std::string, nlohmann::json>& saved);

 private:
  nlohmann::json demo_;
};

}  // namespace e2e
