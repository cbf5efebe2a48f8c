// Parsing a request body as one JSON object, strictly: valid UTF-8, no duplicate keys (a signed
// record must mean one thing), an object at the top. Thread-safe (pure function).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "http/message.h"
#include "web/schemas.h"

namespace web {

constexpr size_t kMaxBodyBytes = 1 << 20;  // the transport enforces the same bound (http::Limits)

domain::Result<nlohmann::json> parse_json_body(const http::Request& request);
domain::Result<nlohmann::json> parse_json_text(std::string_view text);
// parse_json_body, then validation against schemas/<schema>.
domain::Result<nlohmann::json> validated_body(const Schemas& schemas, const http::Request& request,
                                              std::string_view schema);

}  // namespace web
