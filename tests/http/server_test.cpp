// http::Server over real loopback sockets, driven by test::HttpClient and raw bytes.
#include "http/server.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/http_client.h"

namespace {

using namespace std::chrono_literals;

// Echoes what the transport delivered, so each test can see the parsed Request.
http::Response echo(const http::Request& req) {
  if (req.target == "/throw") throw std::runtime_error("secret internals");
  http::Response res;
  res.body = req.method + " " + req.target + "\n" + req.body;
  res.set_header("content-type", "text/plain");
  res.set_header("x-remote", req.remote_address);
  res.set_header("x-seen", std::string(req.header("x-test")));
  if (req.target == "/close") res.set_header("connection", "close");
  return res;
}

// A server on an ephemeral loopback port, run on its own thread for the test's duration.
struct RunningServer {
  explicit RunningServer(http::Limits limits = {}, http::Handler handler = echo)
      : server("127.0.0.1", 0, std::move(handler), limits), thread([this] { server.run(); }) {}
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  test::HttpClient client() { return test::HttpClient("127.0.0.1", server.port()); }

  http::Server server;
  std::thread thread;
};

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("binds an ephemeral port and answers GET with transport headers") {
  RunningServer s;
  REQUIRE(s.server.port() != 0);
  auto c = s.client();
  auto r = c.get("/hello?x=1");
  CHECK(r.status == 200);
  CHECK(r.body == "GET /hello?x=1\n");
  CHECK(r.header("content-length") == std::to_string(r.body.size()));
  CHECK(r.header("content-type") == "text/plain");
  CHECK(r.header("server") == "agritrace");
  CHECK(r.header("date").ends_with(" GMT"));
  CHECK(r.header("x-remote") == "127.0.0.1");
}

TEST_CASE("POST delivers the body and lower-cased header names") {
  RunningServer s;
  auto c = s.client();
  auto r = c.post("/api/v1/events", "{\"a\":1}", {{"X-Test", "Mixed Case Value"}});
  CHECK(r.status == 200);
  CHECK(r.body == "POST /api/v1/events\n{\"a\":1}");
  CHECK(r.header("x-seen") == "Mixed Case Value");
}

TEST_CASE("keep-alive serves several requests on one connection") {
  RunningServer s;
  auto c = s.client();
  for (int i = 0; i < 5; ++i) {
    auto r = c.post("/n/" + std::to_string(i), std::string(i * 100, 'x'));
    REQUIRE(r.status == 200);
    CHECK(r.body == "POST /n/" + std::to_string(i) + "\n" + std::string(i * 100, 'x'));
    CHECK(r.header("connection") != "close");
  }
  CHECK(c.connections_opened() == 1);
}

TEST_CASE("pipelined requests are answered in order") {
  RunningServer s;
  auto c = s.client();
  std::string out = c.raw(
      "GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /second HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
      "GET /third HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  CHECK(count(out, "HTTP/1.1 200 OK") == 3);
  auto first = out.find("GET /first\n"), second = out.find("POST /second\nabc"),
       third = out.find("GET /third\n");
  REQUIRE(third != std::string::npos);
  CHECK(first < second);
  CHECK(second < third);
}

TEST_CASE("HEAD keeps content-length, omits the body and the connection stays usable") {
  RunningServer s;
  auto c = s.client();
  auto head = c.request("HEAD", "/page");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == std::to_string(std::string("GET /page\n").size()));
  auto get = c.get("/page");  // would misparse if HEAD had left body bytes on the wire
  CHECK(get.body == "GET /page\n");
  CHECK(c.connections_opened() == 1);
}

TEST_CASE("two concurrent clients each get their own answers") {
  RunningServer s;
  auto work = [&](std::string name) {
    auto c = s.client();
    for (int i = 0; i < 200; ++i) {
      std::string target = "/" + name + "/" + std::to_string(i);
      if (c.get(target).body != "GET " + target + "\n") return false;
    }
    return true;
  };
  auto a = std::async(std::launch::async, work, "a");
  auto b = std::async(std::launch::async, work, "b");
  CHECK(a.get());
  CHECK(b.get());
}

TEST_CASE("a body over the limit is refused with 413 and the server keeps serving") {
  std::atomic<int> calls{0};
  RunningServer s({}, [&](const http::Request& req) {
    ++calls;
    return echo(req);
  });
  auto c = s.client();
  auto r = c.post("/upload", std::string(10 << 20, 'z'));
  CHECK(r.status == 413);
  CHECK(r.body == R"({"error":"too_large","message":"request body exceeds 1048576 bytes","field":""})");
  CHECK(r.header("connection") == "close");
  CHECK(calls == 0);
  CHECK(c.get("/after").body == "GET /after\n");
}

TEST_CASE("a chunked body over the limit is refused too") {
  http::Limits limits;
  limits.body_bytes = 10;
  RunningServer s(limits);
  auto c = s.client();
  std::string out = c.raw(
      "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
  CHECK(out.starts_with("HTTP/1.1 413"));
  CHECK(out.find("request body exceeds 10 bytes") != std::string::npos);
}

TEST_CASE("a chunked body within the limit is delivered whole") {
  RunningServer s;
  auto c = s.client();
  std::string out = c.raw(
      "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  CHECK(out.starts_with("HTTP/1.1 200"));
  CHECK(out.ends_with("POST /c\nhello world"));
}

TEST_CASE("malformed requests get 400 JSON and a close") {
  RunningServer s;
  auto c = s.client();
  for (std::string_view bad : {"THIS IS NOT HTTP\r\n\r\n", "GET / HTTP/9.1\r\n\r\n",
                               "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
                               "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
    auto started = std::chrono::steady_clock::now();
    std::string out = c.raw(bad);
    INFO(bad);
    CHECK(out.starts_with("HTTP/1.1 400"));
    CHECK(out.find(R"("error":"invalid_input")") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 2s);  // closed, not timed out
  }
  CHECK(c.get("/still-up").status == 200);
}

TEST_CASE("headers over the limit get 431") {
  http::Limits limits;
  limits.header_bytes = 1024;
  RunningServer s(limits);
  auto c = s.client();
  auto r = c.get("/", {{"x-big", std::string(4096, 'h')}});
  CHECK(r.status == 431);
  CHECK(r.body.find("request header exceeds 1024 bytes") != std::string::npos);
  CHECK(c.get("/", {{"x-small", "ok"}}).status == 200);
}

TEST_CASE("a handler exception becomes a 500 without internals") {
  RunningServer s;
  auto c = s.client();
  auto r = c.get("/throw");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"error":"internal","message":"internal error","field":""})");
  CHECK(r.header("content-type") == "application/json");
  CHECK(c.get("/ok").status == 200);
  CHECK(c.connections_opened() == 1);
}

TEST_CASE("connection: close from the handler or client closes after the response") {
  RunningServer s;
  auto c = s.client();
  CHECK(c.get("/close").header("connection") == "close");
  CHECK_FALSE(c.connected());
  auto started = std::chrono::steady_clock::now();
  std::string out = c.raw("GET /old HTTP/1.0\r\n\r\n");
  CHECK(out.starts_with("HTTP/1.0 200"));
  CHECK(out.ends_with("GET /old\n"));
  CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("Expect: 100-continue gets an interim response before the body is read") {
  RunningServer s;
  auto c = s.client();
  std::string out = c.raw(
      "POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n"
      "Connection: close\r\n\r\nbody");
  CHECK(out.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200"));
  CHECK(out.ends_with("POST /e\nbody"));
}

TEST_CASE("a slow request is cut off after read_timeout") {
  http::Limits limits;
  limits.read_timeout = std::chrono::seconds(1);
  RunningServer s(limits);
  auto c = s.client();
  auto started = std::chrono::steady_clock::now();
  std::string out = c.raw("GET / HTTP/1.1\r\nHost: t\r\nX-Slow:", 5000ms);
  auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK(out.empty());
  CHECK(elapsed >= 900ms);
  CHECK(elapsed < 4s);  // closed by the server, not by raw()'s own 5 s deadline
}

TEST_CASE("stop() makes run() return promptly despite an idle keep-alive connection") {
  http::Server server("127.0.0.1", 0, echo);
  std::promise<void> done;
  std::thread runner([&] {
    server.run();
    done.set_value();
  });
  test::HttpClient c("127.0.0.1", server.port());
  REQUIRE(c.get("/").status == 200);  // also proves run() is serving
  REQUIRE(c.connected());
  auto started = std::chrono::steady_clock::now();
  server.stop();
  CHECK(done.get_future().wait_for(2s) == std::future_status::ready);
  runner.join();
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK_THROWS_AS(c.get("/"), std::runtime_error);  // nothing listens any more
}

TEST_CASE("stop() before run() makes run() return at once") {
  http::Server server("127.0.0.1", 0, echo, {}, 1);
  server.stop();
  server.run();
  SUCCEED();
}

TEST_CASE("binding a port already in use throws system_error") {
  RunningServer s;
  CHECK_THROWS_AS(http::Server("127.0.0.1", s.server.port(), echo), std::system_error);
  CHECK_THROWS_AS(http::Server("no-such-host.invalid", 0, echo), std::system_error);
  CHECK(s.client().get("/").status == 200);  // the first server keeps all its connections
}
