#include "web/responses.h"

namespace web {
namespace {
const char* code_name(domain::Errc code) {
  switch (code) {
    case domain::Errc::invalid_input: return "invalid_input";
    case domain::Errc::unprocessable: return "unprocessable";
    case domain::Errc::unauthorized: return "unauthorized";
    case domain::Errc::forbidden: return "forbidden";
    case domain::Errc::not_found: return "not_found";
    case domain::Errc::conflict: return "conflict";
    case domain::Errc::too_large: return "too_large";
    case domain::Errc::internal: return "internal";
    case domain::Errc::unavailable: return "unavailable";
  }
  return "internal";
}
}  // namespace

int status_of(domain::Errc code) {
  switch (code) {
    case domain::Errc::invalid_input: return 400;
    case domain::Errc::unprocessable: return 422;
    case domain::Errc::unauthorized: return 401;
    case domain::Errc::forbidden: return 403;
    case domain::Errc::not_found: return 404;
    case domain::Errc::conflict: return 409;
    case domain::Errc::too_large: return 413;
    case domain::Errc::internal: return 500;
    case domain::Errc::unavailable: return 503;
  }
  return 500;
}

http::Response error_response(const domain::Error& error) {
  nlohmann::json body = {{"error", code_name(error.code)}, {"message", error.message}, {"field", error.field}};
  auto response = json_response(status_of(error.code), body);
  if (error.code == domain::Errc::unauthorized) response.set_header("www-authenticate", "Bearer");
  return response;
}

http::Response json_response(int status, const nlohmann::json& body) {
  // `replace` keeps a response valid even if some stored text were not UTF-8.
  return text_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

http::Response html_response(int status, std::string body) {
  auto r = text_response(status, std::move(body), "text/html; charset=utf-8");
  add_page_headers(r);
  return r;
}

void add_page_headers(http::Response& r) {
  // Pages load nothing from anywhere: inline style only, no scripts, no frames.
  r.set_header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'");
  r.set_header("referrer-policy", "no-referrer");
}

http::Response text_response(int status, std::string body, std::string content_type) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("content-type", std::move(content_type));
  r.headers.emplace_back("x-content-type-options", "nosniff");
  return r;
}

http::Response private_page(int status, std::string body) {
  auto r = html_response(status, std::move(body));
  r.set_header("cache-control", "no-store");
  return r;
}

http::Response see_other(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.set_header("location", location);
  r.set_header("cache-control", "no-store");
  return r;
}

}  // namespace web
