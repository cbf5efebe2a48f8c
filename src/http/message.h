// http::Request / http::Response: the transport-neutral messages the web layer handles.
// Plain values; the transport fills a Request and writes back a Response. Header names are
// lower-case. Thread-compatible.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // raw request-target: path plus optional "?query"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote_address;  // peer IP, for coarse scan statistics; never logged with data

  // First value of a header (name lower-case), or empty.
  std::string_view header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"content-type", "…"}
  std::string body;

  void set_header(std::string name, std::string value) {
    for (auto& [k, v] : headers)
      if (k == name) { v = std::move(value); return; }
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string_view header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
};

// Called concurrently from the transport's threads; must be thread-safe.
using Handler = std::function<Response(const Request&)>;

}  // namespace http
