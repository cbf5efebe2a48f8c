#include "api_calls.h"

#include <cctype>
#include <random>
#include <stdexcept>

namespace e2e {

using nlohmann::json;

std::string fresh_admin_token() {
  std::random_device rd;
  static const char* kHex = "0123456789abcdef";
  std::string token = "adm_e2e_";
  for (int i = 0; i < 32; ++i) token += kHex[rd() % 16];
  return token;
}

ServerOptions options_for(const test::TempDir& dir, const std::string& admin_token, bool demo) {
  ServerOptions o;
  o.db_path = dir.file("agritrace.db");
  o.admin_token = admin_token;
  o.public_url = kPublicUrl;
  o.demo = demo;
  o.work_dir = dir.path().string();
  return o;
}

test::HeaderList auth_json(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

test::HttpResponse post_json(test::HttpClient& client, const std::string& path, const json& body,
                             const std::string& token) {
  return client.post(path, body.dump(), auth_json(token));
}

json json_of(const test::HttpResponse& response) {
  try {
    return json::parse(response.body);
  } catch (const json::parse_error&) {
    throw std::runtime_error("response " + std::to_string(response.status) + " is not JSON: " +
                             response.body.substr(0, 300));
  }
}

int64_t log_size(test::HttpClient& client) {
  auto r = client.get("/healthz");
  if (r.status != 200) throw std::runtime_error("/healthz answered " + std::to_string(r.status));
  return json_of(r).at("log_size").get<int64_t>();
}

std::string with_check_digit(const std::string& first13) {
  // GS1: from the right, weights 3,1,3,… over the data digits; the check digit tops the sum up to ×10.
  int sum = 0;
  for (size_t i = 0; i < first13.size(); ++i) {
    int digit = first13[first13.size() - 1 - i] - '0';
    sum += digit * (i % 2 == 0 ? 3 : 1);
  }
  return first13 + static_cast<char>('0' + (10 - sum % 10) % 10);
}

namespace {

json created(const test::HttpResponse& r, const std::string& what) {
  if (r.status != 201)
    throw std::runtime_error(what + " answered " + std::to_string(r.status) + ": " + r.body.substr(0, 300));
  return json_of(r);
}

}  // namespace

OwnChain make_own_chain(test::HttpClient& client, const std::string& admin_token, int n) {
  if (n < 0 || n >= 1000) throw std::invalid_argument("make_own_chain: n must be 0–999");
  OwnChain c;
  std::string tag = std::to_string(n);
  json party = created(post_json(client, "/api/v1/parties",
                                 {{"name", "e2e party " + tag}, {"kind", "farm"}, {"county", "测试县"}}, admin_token),
                       "party " + tag);
  c.party = party["id"];
  c.token = party["token"];
  c.site = created(post_json(client, "/api/v1/sites", {{"name", "e2e orchard " + tag}, {"kind", "orchard"}}, c.token),
                   "site " + tag)["id"];
  std::string digits = std::to_string(n);
  c.gtin = with_check_digit("0690612399" + std::string(3 - digits.size(), '0') + digits);
  created(post_json(client, "/api/v1/products",
                    {{"gtin", c.gtin}, {"name", "测试苹果 " + tag}, {"category", "apple"}, {"unit", "kg"}}, c.token),
          "product " + tag);
  c.lot = "E2E-" + tag;
  c.batch = created(post_json(client, "/api/v1/batches",
                              {{"gtin", c.gtin}, {"lot", c.lot}, {"quantity", "100"}, {"unit", "kg"},
                               {"site", c.site}, {"produced_at", "2026-09-01T08:00:00+08:00"}},
                              c.token),
                    "batch " + tag)["id"];
  return c;
}

json inspect_event(const OwnChain& chain, int sequence) {
  // Minutes keep each event's time distinct and valid for any sequence below 24 × 60.
  char at[32];
  std::snprintf(at, sizeof at, "2026-09-02T%02d:%02d:00+08:00", (sequence / 60) % 24, sequence % 60);
  return {{"kind", "inspect"}, {"batch", chain.batch}, {"site", chain.site}, {"at", at},
          {"result", "pass"}, {"method", "e2e 抽检 " + std::to_string(sequence)}};
}

std::string set_cookie(const test::HttpResponse& response, const std::string& name) {
  for (const auto& [k, v] : response.headers)
    if (k == "set-cookie" && v.rfind(name + "=", 0) == 0) return v;
  return {};
}

std::string cookie_of(const test::HttpResponse& response, const std::string& name) {
  std::string value = set_cookie(response, name);
  return value.substr(0, value.find(';'));
}

std::string form_token(const std::string& html) {
  std::string marker = "name=\"csrf\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

std::string form_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out += static_cast<char>(c);
    else if (c == ' ')
      out += '+';
    else
      out += std::string("%") + kHex[c >> 4] + kHex[c & 15];
  }
  return out;
}

}  // namespace e2e
