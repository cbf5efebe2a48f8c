#include "fixture.h"

#include <catch2/catch.hpp>
#include <random>

#include "domain/gtin.h"
#include "ledger/digest.h"
#include "web/demo_loader.h"

namespace webtest {

using nlohmann::json;

std::string with_check_digit(const std::string& digits) { return digits + domain::Gtin::check_digit(digits); }

Fixture::Fixture() {
  ledger_ = std::make_unique<ledger::Ledger>((dir_.path() / "agritrace.db").string());
  web::AppConfig cfg;
  cfg.public_url = kPublicUrl;
  cfg.admin_token_hash = ledger::sha256_hex(kAdminToken);
  app_ = std::make_unique<web::App>(cfg, *ledger_);
  router_ = std::make_unique<web::Router>(*app_);
}

http::Response Fixture::request(const std::string& method, const std::string& target, const std::string& body,
                                const Headers& headers) {
  http::Request r{method, target, headers, body, "127.0.0.1"};
  return router_->handle(r);
}

http::Response Fixture::get(const std::string& target, const Headers& headers) {
  return request("GET", target, {}, headers);
}

http::Response Fixture::post_raw(const std::string& target, const std::string& body, const std::string& token) {
  Headers headers = {{"content-type", "application/json"}};
  if (!token.empty()) headers.emplace_back("authorization", "Bearer " + token);
  return request("POST", target, body, headers);
}

http::Response Fixture::post(const std::string& target, const nlohmann::json& body, const std::string& token) {
  return post_raw(target, body.dump(), token);
}

Party Fixture::party(const std::string& name, const std::string& kind, const std::string& county) {
  auto r = post("/api/v1/parties", {{"name", name}, {"kind", kind}, {"county", county}}, kAdminToken);
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto j = json_of(r);
  return Party{j["id"], j["token"], county};
}

std::string Fixture::site(const Party& owner, const std::string& name, const std::string& kind) {
  auto r = post("/api/v1/sites", {{"name", name}, {"kind", kind}}, owner.token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return json_of(r)["id"];
}

nlohmann::json Fixture::product(const Party& owner, const std::string& gtin, const std::string& unit,
                                const std::string& name, nlohmann::json extra) {
  nlohmann::json body = {{"gtin", gtin}, {"name", name}, {"category", "other"}, {"unit", unit}};
  body.update(extra);
  auto r = post("/api/v1/products", body, owner.token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return json_of(r);
}

nlohmann::json Fixture::batch(const Party& owner, const std::string& site_id, const std::string& gtin,
                              const std::string& lot, const std::string& quantity, const std::string& unit,
                              const std::string& produced_at) {
  auto r = post("/api/v1/batches",
                {{"gtin", gtin}, {"lot", lot}, {"quantity", quantity}, {"unit", unit}, {"site", site_id},
                 {"produced_at", produced_at}},
                owner.token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return json_of(r);
}

http::Response Fixture::event(const Party& as, const nlohmann::json& body) {
  return post("/api/v1/events", body, as.token);
}

nlohmann::json Fixture::event_ok(const Party& as, const nlohmann::json& body) {
  auto r = event(as, body);
  INFO(body.dump() << " → " << r.body);
  REQUIRE(r.status == 201);
  return json_of(r);
}

nlohmann::json Fixture::batch_view(const std::string& id) {
  auto r = get("/api/v1/batches/" + id);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json_of(r);
}

std::string Fixture::holding(const std::string& batch_id, const std::string& party_id) {
  json view = batch_view(batch_id);  // named: a range-for over a temporary's member would dangle
  for (const auto& h : view["holdings"])
    if (h["party"] == party_id) return h["quantity"];
  return "0";
}

void Fixture::load_demo() {
  auto demo = web::load_demo(*app_, *router_, kAdminToken);
  INFO((demo ? std::string() : demo.error().message));
  REQUIRE(demo.ok());
  REQUIRE(demo->pages.size() == 4);
}

std::string Fixture::path_of(const std::string& digital_link) {
  std::string prefix = kPublicUrl;
  REQUIRE(digital_link.rfind(prefix, 0) == 0);
  return digital_link.substr(prefix.size());
}

nlohmann::json json_of(const http::Response& response) {
  INFO(response.body);
  REQUIRE(response.header("content-type").find("application/json") == 0);
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

std::string expect_error(const http::Response& response, int status, const std::string& field) {
  INFO(response.body);
  REQUIRE(response.status == status);
  auto j = json_of(response);
  REQUIRE(j.is_object());
  REQUIRE(j.contains("error"));
  REQUIRE(j["error"].is_string());
  REQUIRE(j.contains("message"));
  REQUIRE(j["message"].is_string());
  CHECK_FALSE(j["message"].get<std::string>().empty());
  REQUIRE(j.contains("field"));
  CHECK(j["field"] == field);
  return j["message"];
}

}  // namespace webtest
