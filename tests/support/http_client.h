// test::HttpClient: a small blocking HTTP/1.1 client over POSIX sockets for tests, deliberately not
// Beast so test binaries compile fast. Keeps one keep-alive connection and reconnects (retrying once)
// when the server has closed it. Not thread-safe: use one per thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names lower-case, in arrival order
  std::string body;

  // First value of a header (name compared case-insensitively), or empty.
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, unsigned short port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Throws std::runtime_error when it cannot connect, or the server closes or stalls mid-response.
  // Interim 1xx responses are skipped. A response that arrives before the whole body was sent (an
  // early 413) is returned and the connection is then dropped.
  HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                       HeaderList headers = {});
  HttpResponse get(std::string_view target, HeaderList headers = {});
  HttpResponse post(std::string_view target, std::string_view body, HeaderList headers = {});

  // Sends raw bytes on a fresh connection and returns everything read until close/timeout (for
  // malformed-input tests).
  std::string raw(std::string_view bytes,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

  // Whether a keep-alive connection is currently open (lets tests observe connection reuse).
  bool connected() const { return fd_ >= 0; }
  // TCP connections opened so far, including raw()'s (lets tests prove keep-alive reuse).
  int connections_opened() const { return connections_opened_; }

 private:
  int open_connection();
  void disconnect();
  // Sends wire_[sent_..]; stops early when the server starts answering. False if the send failed.
  bool send_pending();
  HttpResponse read_response(bool head);
  bool fill();  // appends what the socket has to buf_; false on EOF
  std::string read_line();
  std::string take(std::size_t n);

  std::string host_;
  unsigned short port_;
  int fd_ = -1;
  std::string wire_;   // the request being sent
  std::size_t sent_ = 0;
  std::string buf_;    // received, not yet consumed bytes start at pos_
  std::size_t pos_ = 0;
  int connections_opened_ = 0;
};

}  // namespace test
