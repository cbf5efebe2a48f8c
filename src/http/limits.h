// http::Limits: every bound the transport puts on what a client may make it read or hold, in one
// place (design.md rule 9), so an operator can see the whole attack surface at a glance.
// Plain value; thread-compatible.
#pragma once

#include <chrono>
#include <cstddef>

namespace http {

struct Limits {
  std::size_t body_bytes = 1 << 20;         // larger body → 413, refused from content-length alone
  std::size_t header_bytes = 16 << 10;      // request line + headers → 431
  std::chrono::seconds read_timeout{15};    // whole request, so slow-loris headers cannot pin a socket
  std::chrono::seconds idle_timeout{30};    // keep-alive wait for the next request's first byte
  std::size_t max_connections = 10000;      // beyond this, new connections are closed at accept
  // Writes block on the log's group commit (an fsync), so they run on this many extra threads while
  // the I/O threads keep serving reads; the more writers wait together, the larger each commit group.
  std::size_t write_threads = 64;
};

}  // namespace http
