// /healthz, /metrics, /api/v1/schemas, /, and what the router answers for unknown paths and methods.
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "fixture.h"

using nlohmann::json;
using namespace webtest;

namespace {

// The value of one Prometheus sample line, or -1 when absent.
double sample(const std::string& text, const std::string& name) {
  size_t at = text.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  at += name.size() + 2;
  return std::stod(text.substr(at, text.find('\n', at) - at));
}

}  // namespace

TEST_CASE("healthz answers with the log size", "[web][meta]") {
  Fixture f;
  auto r = f.get("/healthz");
  REQUIRE(r.status == 200);
  json j = json_of(r);
  CHECK(j["status"] == "ok");
  CHECK(j["log_size"] == 0);
  f.party("合作社");
  CHECK(json_of(f.get("/healthz"))["log_size"] == 1);
  auto head = f.request("HEAD", "/healthz");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
}

TEST_CASE("metrics count requests by class and time them in a histogram", "[web][meta]") {
  Fixture f;
  f.get("/healthz");
  f.get("/healthz");
  f.get("/nope");
  auto r = f.get("/metrics");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").find("text/plain") == 0);
  const std::string& m = r.body;
  CHECK_THAT(m, Catch::Contains("# TYPE agritrace_requests_total counter"));
  CHECK_THAT(m, Catch::Contains("# TYPE agritrace_request_duration_seconds histogram"));
  CHECK(sample(m, "agritrace_requests_total{code=\"2xx\"}") == 2);
  CHECK(sample(m, "agritrace_requests_total{code=\"4xx\"}") == 1);
  CHECK(sample(m, "agritrace_requests_total{code=\"5xx\"}") == 0);
  CHECK(sample(m, "agritrace_request_duration_seconds_count") == 3);
  CHECK(sample(m, "agritrace_request_duration_seconds_bucket{le=\"+Inf\"}") == 3);
  CHECK(sample(m, "agritrace_request_duration_seconds_sum") >= 0);
  // Buckets are cumulative: never decreasing.
  std::regex bucket(R"(agritrace_request_duration_seconds_bucket\{le="[^"]+"\} (\d+))");
  long previous = 0;
  int buckets = 0;
  for (std::sregex_iterator it(m.begin(), m.end(), bucket), end; it != end; ++it, ++buckets) {
    long v = std::stol((*it)[1]);
    CHECK(v >= previous);
    previous = v;
  }
  CHECK(buckets >= 3);
  // The metrics request itself is counted afterwards.
  CHECK(sample(f.get("/metrics").body, "agritrace_requests_total{code=\"2xx\"}") == 3);
}

TEST_CASE("the JSON schemas are published", "[web][meta]") {
  Fixture f;
  json list = json_of(f.get("/api/v1/schemas"));
  std::set<std::string> names(list["schemas"].begin(), list["schemas"].end());
  for (const char* name : {"party.json", "site.json", "product.json", "batch.json", "event.json"})
    CHECK(names.count(std::string("/api/v1/schemas/") + name) == 1);

  auto batch = f.get("/api/v1/schemas/batch.json");
  REQUIRE(batch.status == 200);
  CHECK(batch.header("content-type") == "application/schema+json");
  json schema = json::parse(batch.body);
  CHECK(schema["$id"] == "batch.json");
  CHECK(schema["required"].size() == 6);
  // Every listed URL answers.
  for (const auto& url : list["schemas"]) CHECK(f.get(url).status == 200);
  expect_error(f.get("/api/v1/schemas/nope.json"), 404, "");
}

TEST_CASE("the home page describes the service", "[web][meta]") {
  Fixture f;
  json home = json_of(f.get("/"));
  CHECK(home["service"] == "agritrace");
  CHECK(home["schemas"] == "/api/v1/schemas");
}

TEST_CASE("unknown paths are 404 JSON and wrong methods 405", "[web][meta]") {
  Fixture f;
  for (const char* path : {"/nope", "/api/v1/nothing", "/api/v2/batches", "/healthz/extra", "/api/v1/batches/x/y/z"}) {
    INFO(path);
    auto r = f.get(path);
    expect_error(r, 404, "");
    CHECK(json_of(r)["error"] == "not_found");
  }
  struct Case {
    const char* method;
    const char* path;
  };
  for (auto [method, path] : {Case{"DELETE", "/api/v1/batches"}, Case{"POST", "/healthz"}, Case{"PUT", "/api/v1/parties"},
                              Case{"GET", "/api/v1/parties"}, Case{"POST", "/api/v1/batches/bat_x"}}) {
    INFO(method << " " << path);
    auto r = f.request(method, path);
    expect_error(r, 405, "");
  }
  expect_error(f.request("GET", "*"), 400, "");
}
