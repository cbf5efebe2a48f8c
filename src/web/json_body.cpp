#include "web/json_body.h"

#include <set>
#include <string>
#include <vector>

namespace web {

domain::Result<nlohmann::json> parse_json_text(std::string_view text) {
  using domain::Errc;
  // One key set per open object; the parser callback sees keys in order and nesting by depth.
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    switch (event) {
      case nlohmann::json::parse_event_t::object_start: open_objects.emplace_back(); break;
      case nlohmann::json::parse_event_t::object_end: open_objects.pop_back(); break;
      case nlohmann::json::parse_event_t::key:
        if (!open_objects.back().insert(parsed.get<std::string>()).second && duplicate.empty())
          duplicate = parsed.get<std::string>();
        break;
      default: break;
    }
    return true;
  };
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text.begin(), text.end(), callback);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message names the byte position and what it expected; keep only that part.
    std::string what = e.what();
    auto pos = what.find("parse error");
    return domain::make_error(Errc::invalid_input,
                              "body is not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos)));
  }
  if (!duplicate.empty())
    return domain::make_error(Errc::invalid_input, "duplicate key \"" + duplicate + "\" in JSON object");
  return value;
}

domain::Result<nlohmann::json> parse_json_body(const http::Request& request) {
  using domain::Errc;
  if (request.body.size() > kMaxBodyBytes)
    return domain::make_error(Errc::too_large, "request body exceeds " + std::to_string(kMaxBodyBytes) + " bytes");
  if (request.body.empty()) return domain::make_error(Errc::invalid_input, "request body is empty; send a JSON object");
  auto value = parse_json_text(request.body);
  if (!value) return value;
  if (!value->is_object()) return domain::make_error(Errc::invalid_input, "body must be a JSON object", "");
  return value;
}

}  // namespace web

namespace web {

domain::Result<nlohmann::json> validated_body(const Schemas& schemas, const http::Request& request,
                                              std::string_view schema) {
  auto body = parse_json_body(request);
  if (!body) return body;
  auto valid = schemas.validate(schema, *body);
  if (!valid) return valid.error();
  return body;
}

}  // namespace web
