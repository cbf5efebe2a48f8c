// gzip (RFC 1952) of stored pages: phones on rural networks get ~3x fewer bytes, and a stored page
// fits one database page. zlib lives here only. Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace web {

std::string gzip(std::string_view data);
// nullopt when the input is not a complete gzip stream or inflates beyond max_bytes.
std::optional<std::string> gunzip(std::string_view data, size_t max_bytes = 8 << 20);
// Whether an Accept-Encoding header value allows gzip (not "gzip;q=0").
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace web
