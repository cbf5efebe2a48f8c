// Building HTTP responses: JSON, HTML and the one mapping from domain errors to statuses.
// Thread-safe (pure functions).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "http/message.h"

namespace web {

int status_of(domain::Errc code);

// {"error": "<code>", "message": "…", "field": "<json pointer>"} with the matching status.
http::Response error_response(const domain::Error& error);
http::Response json_response(int status, const nlohmann::json& body);
http::Response html_response(int status, std::string body);
// Security headers every HTML page carries (strict CSP: the pages need nothing external).
void add_page_headers(http::Response& response);
http::Response text_response(int status, std::string body, std::string content_type);

}  // namespace web
