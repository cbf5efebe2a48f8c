// Building HTTP responses: JSON, HTML and the one mapping from domain errors to statuses.
// Thread-safe (pure functions).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

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
// A page behind a login: html_response with `cache-control: no-store`, so shared caches never keep it.
http::Response private_page(int status, std::string body);
// 303 See Other (after a form POST, or to /login for a browser without a session); never cached.
http::Response see_other(const std::string& location);

// 200 with a stored record (its JSON body plus leaf_index), or 404 naming what was not found.
template <class Row>
http::Response record_response(const std::optional<Row>& row, std::string_view what, const std::string& id) {
  if (!row)
    return error_response(domain::make_error(domain::Errc::not_found,
                                             "no " + std::string(what) + " with id " + id.substr(0, 64)));
  auto out = nlohmann::json::parse(row->body);
  out["leaf_index"] = row->leaf_index;
  return json_response(200, out);
}

}  // namespace web
