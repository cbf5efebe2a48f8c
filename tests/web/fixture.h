// webtest::Fixture: one agritrace stack (temp-dir SQLite ledger → App → Router) per test, driven
// through Router::handle with no socket, plus helpers that register parties, sites, products and
// batches the way a client would. Not thread-safe; one per test case.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/message.h"
#include "ledger/ledger.h"
#include "web/app.h"
#include "support/temp_dir.h"
#include "web/router.h"

namespace webtest {

inline constexpr const char* kAdminToken = "admin-secret";
inline constexpr const char* kPublicUrl = "https://trace.example.cn";

using Headers = std::vector<std::pair<std::string, std::string>>;

// A registered party: its id and the API token it was given once.
struct Party {
  std::string id;
  std::string token;
  std::string county;
};

// Appends the GS1 check digit to `digits` (7, 11, 12 or 13 digits → a valid GTIN/GLN).
std::string with_check_digit(const std::string& digits);

class Fixture {
 public:
  Fixture();

  http::Response request(const std::string& method, const std::string& target, const std::string& body = {},
                         const Headers& headers = {});
  http::Response get(const std::string& target, const Headers& headers = {});
  // POST with a JSON body and, unless `token` is empty, Authorization: Bearer <token>.
  http::Response post(const std::string& target, const nlohmann::json& body, const std::string& token);
  http::Response post_raw(const std::string& target, const std::string& body, const std::string& token);

  // Registers through the API (REQUIREs 201) and returns the stored record/response.
  Party party(const std::string& name, const std::string& kind = "cooperative", const std::string& county = "大宁县");
  std::string site(const Party& owner, const std::string& name, const std::string& kind = "orchard");
  nlohmann::json product(const Party& owner, const std::string& gtin, const std::string& unit,
                         const std::string& name = "测试产品", nlohmann::json extra = nlohmann::json::object());
  nlohmann::json batch(const Party& owner, const std::string& site_id, const std::string& gtin, const std::string& lot,
                       const std::string& quantity, const std::string& unit,
                       const std::string& produced_at = "2026-10-12T09:00:00+08:00");
  // POST /api/v1/events, returning the raw response.
  http::Response event(const Party& as, const nlohmann::json& body);
  // POST /api/v1/events, REQUIRE 201, return the record.
  nlohmann::json event_ok(const Party& as, const nlohmann::json& body);
  // GET /api/v1/batches/{id}, REQUIRE 200.
  nlohmann::json batch_view(const std::string& id);
  // Quantity text a party holds of a batch ("0" when none), read from the batch's API view.
  std::string holding(const std::string& batch_id, const std::string& party_id);
  // Loads the four demo chains (REQUIREs success).
  void load_demo();
  // The path part of a full Digital Link on the configured public URL.
  static std::string path_of(const std::string& digital_link);

  int64_t log_size() const { return ledger_->size(); }
  web::App& app() { return *app_; }
  web::Router& router() { return *router_; }

 private:
  test::TempDir dir_;  // declared first: outlives the database inside it
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<web::App> app_;
  std::unique_ptr<web::Router> router_;
};

// The body of a response as JSON (REQUIREs that it parses).
nlohmann::json json_of(const http::Response& response);

// REQUIREs the status and an error body {"error", "message", "field"} with that field pointer;
// returns the message.
std::string expect_error(const http::Response& response, int status, const std::string& field);

}  // namespace webtest
