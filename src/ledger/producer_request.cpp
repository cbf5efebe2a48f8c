#include "ledger/producer_request.h"

#include "ledger/canonical_json.h"

namespace ledger {

nlohmann::json producer_request(const nlohmann::json& body, std::string_view method, std::string_view party,
                                std::string_view path) {
  return {{"body", body}, {"method", method}, {"party", party}, {"path", path}};
}

domain::Result<std::string> producer_request_bytes(const nlohmann::json& request) {
  auto bytes = canonicalize(request);
  if (bytes) return bytes;
  // canonicalize names a pointer into the whole object; the client knows only its body.
  domain::Error error = bytes.error();
  if (error.field.rfind("/body", 0) == 0) error.field = error.field.substr(5);
  return error;
}

}  // namespace ledger
