#include "demo_chains.h"

#include <fstream>
#include <stdexcept>

#ifndef AGRITRACE_SOURCE_DIR
#error "AGRITRACE_SOURCE_DIR must name the source tree (set by tests/e2e/CMakeLists.txt)"
#endif

namespace e2e {

using nlohmann::json;

std::string DemoReplay::token_of(const std::string& name) const {
  auto it = saved.find(name);
  if (it == saved.end() || !it->second.contains("token")) throw std::runtime_error("no saved party " + name);
  return it->second["token"];
}

std::string DemoReplay::id_of(const std::string& name) const {
  auto it = saved.find(name);
  if (it == saved.end() || !it->second.contains("id")) throw std::runtime_error("no saved response " + name);
  return it->second["id"];
}

DemoChains::DemoChains() {
  std::string path = std::string(AGRITRACE_SOURCE_DIR) + "/tools/demo/demo.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  demo_ = json::parse(in);
  if (!demo_.contains("steps") || !demo_.contains("pages")) throw std::runtime_error(path + " lacks steps or pages");
}

std::vector<DemoPage> DemoChains::pages() const {
  std::vector<DemoPage> out;
  for (const auto& p : demo_["pages"]) out.push_back({p["gtin"], p["lot"]});
  return out;
}

std::string DemoChains::product_name(const std::string& gtin, bool english) const {
  for (const auto& step : demo_["steps"])
    if (step["post"] == "/api/v1/products" && step["body"]["gtin"] == gtin)
      return step["body"][english ? "name_en" : "name"];
  throw std::runtime_error("demo.json registers no product " + gtin);
}

json DemoChains::resolve(const json& value, const std::map<std::string, json>& saved) {
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty() || s[0] != '$') return value;
    auto dot = s.find('.');
    std::string name = s.substr(1, dot == std::string::npos ? std::string::npos : dot - 1);
    auto it = saved.find(name);
    if (it == saved.end()) throw std::runtime_error("demo reference " + s + " names no saved step");
    std::string pointer;
    if (dot != std::string::npos) {
      pointer = "/" + s.substr(dot + 1);
      for (char& c : pointer)
        if (c == '.') c = '/';
    }
    json::json_pointer ptr(pointer);
    if (!it->second.contains(ptr)) throw std::runtime_error("demo reference " + s + " is missing in the saved response");
    return it->second.at(ptr);
  }
  if (value.is_object() || value.is_array()) {
    json out = value;
    for (auto& [key, child] : out.items()) child = resolve(child, saved);
    return out;
  }
  return value;
}

DemoReplay DemoChains::replay(test::HttpClient& client, const std::string& admin_token) const {
  DemoReplay result;
  int index = 0;
  for (const auto& step : demo_["steps"]) {
    ++index;
    json body = resolve(step["body"], result.saved);
    std::string as = step["as"];
    std::string token = as == "admin" ? admin_token : result.token_of(as);
    std::string path = step["post"];
    auto response = client.post(path, body.dump(),
                                {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    ++result.steps_posted;
    if (response.status != 201) {
      result.failures.push_back("step " + std::to_string(index) + " POST " + path + " -> " +
                                std::to_string(response.status) + ": " + response.body);
      break;
    }
    if (step.contains("save")) result.saved[step["save"].get<std::string>()] = json::parse(response.body);
  }
  return result;
}

}  // namespace e2e
