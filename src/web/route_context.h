// web::RouteContext: one request as a handler sees it — the matched path parameters (still
// percent-encoded, as GS1 Digital Link segments must be decoded by their own rules) and the decoded
// query. Not thread-safe; lives for one request.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace web {

struct RouteContext {
  const http::Request& request;
  std::string path;                            // without the query
  std::vector<std::string> params;             // the {} segments of the route pattern, in order
  std::map<std::string, std::string> query;    // decoded; a repeated key keeps the first value

  std::string query_value(const std::string& key, std::string fallback = {}) const {
    auto it = query.find(key);
    return it == query.end() ? fallback : it->second;
  }
  // "zh" unless ?lang=en, or no ?lang and Accept-Language prefers English over Chinese.
  std::string language() const;
  // True when the client asked for JSON (Accept: application/json) rather than a page.
  bool wants_json() const;
};

// Splits "a=1&b=%E4%B8%AD" into decoded pairs; '+' is a space. Malformed escapes are kept literally.
std::map<std::string, std::string> parse_query(std::string_view query);
// The inverse for one value: percent-encodes all but A–Z a–z 0–9 - _ . ~ (for links in pages; mustache
// escapes HTML, not URLs).
std::string url_encode(std::string_view text);

}  // namespace web
