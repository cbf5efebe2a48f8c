#include "web/demo_loader.h"

#include <map>

#include "domain/digital_link.h"
#include "web/account_registration.h"
#include "web/assets.h"
#include "web/batch_records.h"

namespace web {
namespace {

using nlohmann::json;

// "$name.outputs.0.batch" → that field of the response saved as name.
domain::Result<json> resolve(const json& value, const std::map<std::string, json>& saved) {
  if (value.is_string()) {
    std::string s = value;
    if (s.empty() || s[0] != '$') return value;
    std::string name = s.substr(1, s.find('.') - 1);
    auto it = saved.find(name);
    if (it == saved.end()) return domain::make_error(domain::Errc::internal, "demo refers to unknown step " + name);
    std::string pointer = s.find('.') == std::string::npos ? "" : "/" + s.substr(s.find('.') + 1);
    for (auto& c : pointer)
      if (c == '.') c = '/';
    json::json_pointer ptr(pointer);
    if (!it->second.contains(ptr)) return domain::make_error(domain::Errc::internal, "demo reference " + s + " is missing");
    return it->second.at(ptr);
  }
  if (value.is_object() || value.is_array()) {
    json out = value;
    for (auto& [key, child] : out.items()) {
      auto r = resolve(child, saved);
      if (!r) return r;
      child = *r;
    }
    return out;
  }
  return value;
}

}  // namespace

std::vector<std::string> demo_pages(const App& app) {
  std::vector<std::string> pages;
  json demo = json::parse(demo_file("demo.json"));
  for (const auto& page : demo["pages"]) {
    pages.push_back(digital_link(app, page["gtin"], page["lot"]));
  }
  return pages;
}

domain::Result<DemoResult> load_demo(App& app, Router& router, const std::string& admin_token,
                                     const std::string& demo_password) {
  json demo = json::parse(demo_file("demo.json"));
  std::map<std::string, json> saved;
  DemoResult result;
  for (const auto& step : demo["steps"]) {
    auto body = resolve(step["body"], saved);
    if (!body) return body.error();
    std::string as = step["as"];
    std::string token = as == "admin" ? admin_token : saved[as].value("token", "");
    http::Request request{"POST", step["post"], {{"authorization", "Bearer " + token}, {"content-type", "application/json"}},
                          body->dump(), "127.0.0.1"};
    http::Response response = router.handle(request);
    if (response.status != 201)
      return domain::make_error(domain::Errc::internal, "demo step " + step["post"].get<std::string>() + " failed with " +
                                                            std::to_string(response.status) + ": " + response.body);
    ++result.records;
    if (step.contains("save")) saved[step["save"]] = json::parse(response.body);
  }
  if (!demo_password.empty()) {
    for (const auto& account : demo.value("accounts", json::array())) {
      auto party = resolve(account.value("party", json("")), saved);
      if (!party) return party.error();
      NewAccount fields{account["username"], account["role"], *party};
      auto id = register_account(app, fields, demo_password, "demo");
      if (!id)
        return domain::make_error(domain::Errc::internal, "demo account " + fields.username + ": " + id.error().message);
      result.accounts.push_back(fields.username + " (role " + fields.role + ")");
    }
  }
  result.pages = demo_pages(app);
  return result;
}

}  // namespace web
