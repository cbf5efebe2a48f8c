// test::HttpClient against a canned one-shot socket server, for framings http::Server never sends.
#include "support/http_client.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <thread>

namespace {

// Listens on 127.0.0.1, answers one connection's first request with `reply`, then closes.
class CannedServer {
 public:
  explicit CannedServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 4) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      int conn = ::accept(fd_, nullptr, nullptr);
      if (conn < 0) return;
      std::string got;
      char buf[4096];
      while (got.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(conn, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, n);
      }
      request_ = got;
      ::send(conn, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      ::close(conn);
    });
  }
  ~CannedServer() {
    ::shutdown(fd_, SHUT_RDWR);
    thread_.join();
    ::close(fd_);
  }
  unsigned short port() const { return port_; }
  const std::string& request() const { return request_; }  // valid after the response was read

 private:
  std::string reply_;
  std::string request_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("client decodes a chunked body with extensions and trailers") {
  CannedServer s(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Thing:  spaced  \r\n\r\n"
      "4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nTrailer: t\r\n\r\n");
  test::HttpClient c("127.0.0.1", s.port());
  auto r = c.get("/wiki", {{"Accept", "text/plain"}});
  CHECK(r.status == 200);
  CHECK(r.body == "Wikipedia in \r\n\r\nchunks.");
  CHECK(r.header("X-THING") == "spaced");
  CHECK(s.request().starts_with("GET /wiki HTTP/1.1\r\n"));
  CHECK(s.request().find("Accept: text/plain\r\n") != std::string::npos);
}

TEST_CASE("client reads a body delimited by close and skips 100 Continue") {
  CannedServer s("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\nuntil the end");
  test::HttpClient c("127.0.0.1", s.port());
  auto r = c.post("/p", "data");
  CHECK(r.status == 201);
  CHECK(r.body == "until the end");
  CHECK_FALSE(c.connected());
  CHECK(s.request().find("Content-Length: 4\r\n") != std::string::npos);
}

TEST_CASE("client throws runtime_error when nothing listens") {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);  // the port is now (almost certainly) closed
  test::HttpClient c("127.0.0.1", ntohs(addr.sin_port));
  CHECK_THROWS_AS(c.get("/"), std::runtime_error);
}
