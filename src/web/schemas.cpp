#include "web/schemas.h"

#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "web/assets.h"

namespace web {
namespace {

// valijson reports a path like ["<root>", "[inputs]", "[0]", "[quantity]"]; the API speaks JSON
// pointers ("/inputs/0/quantity").
std::string to_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string name = part;
    if (name.size() >= 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    pointer += "/" + name;
  }
  return pointer;
}

}  // namespace

Schemas::Schemas() {
  for (std::string_view name : schema_file_names()) {
    auto doc = nlohmann::json::parse(schema_file(name));
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *schema);
    schemas_.emplace(std::string(name), std::move(schema));
  }
}

Schemas::~Schemas() = default;

domain::Status Schemas::validate(std::string_view name, const nlohmann::json& body) const {
  auto it = schemas_.find(name);
  if (it == schemas_.end()) throw std::logic_error("unknown schema " + std::string(name));
  // One validator per thread: it caches compiled `pattern` regexes by their text, and compiling them
  // on every request cost more than the rest of a write.
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(body);
  if (validator.validate(*it->second, adapter, &results)) return domain::Ok{};
  // The deepest error is the most specific one ("expected string" beats "allOf failed").
  valijson::ValidationResults::Error error, best;
  size_t best_depth = 0;
  bool have = false;
  while (results.popError(error)) {
    if (!have || error.context.size() > best_depth) {
      best = error;
      best_depth = error.context.size();
      have = true;
    }
  }
  std::string pointer = to_pointer(best.context);
  std::string message = best.description;
  // valijson names an unknown property only inside its message ("…constraints: 'extra'."): point at it.
  if (message.find("additionalProperties") != std::string::npos) {
    size_t close = message.rfind('\'');
    size_t open = close == std::string::npos || close == 0 ? std::string::npos : message.rfind('\'', close - 1);
    if (open != std::string::npos) {
      std::string name = message.substr(open + 1, close - open - 1);
      std::string escaped;  // RFC 6901: ~ → ~0, / → ~1
      for (char c : name) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      pointer += "/" + escaped;
      message = "field \"" + name + "\" is not allowed here";
    }
  }
  return domain::make_error(domain::Errc::invalid_input,
                            (pointer.empty() ? std::string("body") : pointer) + ": " + message, pointer);
}

std::vector<std::string> Schemas::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : schemas_) out.push_back(name);
  return out;
}

std::string_view Schemas::source(std::string_view name) const { return schema_file(name); }

}  // namespace web
