#include "demo_server.h"

#include <stdexcept>

#include "api_calls.h"

namespace e2e {

DemoServer::DemoServer()
    : admin_token_(fresh_admin_token()),
      server_(options_for(dir_, admin_token_)),
      client_(server_.host(), server_.port()) {
  replay_ = chains_.replay(client_, admin_token_);
  if (!replay_.failures.empty()) throw std::runtime_error("demo replay failed: " + replay_.failures.front());
}

nlohmann::json DemoServer::batch(const std::string& gtin, const std::string& lot) {
  // GTINs are digits and the demo lots are CSET 82 letters, digits and '-': no escaping needed.
  auto r = client_.get("/api/v1/batches?gtin=" + gtin + "&lot=" + lot);
  if (r.status != 200) throw std::runtime_error("batch list answered " + std::to_string(r.status) + ": " + r.body);
  auto items = json_of(r).at("items");
  if (items.size() != 1)
    throw std::runtime_error(std::to_string(items.size()) + " batches match " + gtin + " " + lot);
  return items[0];
}

}  // namespace e2e
