// The Beast side of http::Server. One Worker per thread (own io_context + SO_REUSEPORT acceptor), so a
// connection lives on one thread for its whole life and sessions need no locks.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <list>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// An error response is followed by a lingering close: closing with unread request bytes would make
// the kernel send RST, and the client would lose the response it has not read yet.
constexpr std::chrono::seconds kMaxLinger{5};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// IMF-fixdate, recomputed at most once a second per thread; built by hand because strftime's
// day and month names follow the locale.
std::string_view http_date() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local char buf[40];
  thread_local std::time_t cached = -1;
  thread_local int len = 0;
  std::time_t now = std::time(nullptr);
  if (now != cached) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    len = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                        tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                        tm.tm_sec);
    cached = now;
  }
  return {buf, static_cast<std::size_t>(len)};
}

std::string error_json(std::string_view code, std::string_view message) {
  std::string out = "{\"error\":\"";
  out.append(code).append("\",\"message\":\"").append(message).append("\",\"field\":\"\"}");
  return out;
}

void throw_on(const boost::system::error_code& ec, const std::string& what) {
  if (ec) throw std::system_error(ec, "http::Server: " + what);
}

class Session;

struct Worker {
  explicit Worker(Server::Impl& s) : server(s) {}
  void accept();

  Server::Impl& server;
  std::list<Session*> sessions;  // before ioc: sessions destroyed with ioc unregister themselves
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer retry{ioc};
};

}  // namespace

struct Server::Impl {
  Handler handler;
  Limits limits;
  unsigned short port = 0;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
  std::vector<std::unique_ptr<Worker>> workers;
  std::unique_ptr<asio::thread_pool> writers;  // runs handlers of non-GET requests (they may block)
  std::unique_ptr<asio::signal_set> signals;  // on workers[0]; destroyed before the workers
  std::mutex run_mutex;
  std::condition_variable run_done;
  bool running = false;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Worker& worker, tcp::socket socket)
      : worker_(worker), limits_(worker.server.limits), stream_(std::move(socket)) {
    boost::system::error_code ec;
    remote_address_ = stream_.socket().remote_endpoint(ec).address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
    position_ = worker_.sessions.insert(worker_.sessions.end(), this);
  }
  ~Session() {
    worker_.sessions.erase(position_);
    worker_.server.connections.fetch_sub(1, std::memory_order_relaxed);
  }

  void start() { read_request(/*fresh=*/true); }

  // Runs on the worker thread, so never while this session's handler is running.
  void stop() {
    stopping_ = true;
    if (state_ == State::reading || state_ == State::lingering) close();
  }

 private:
  enum class State { reading, writing, lingering, closed };

  void read_request(bool fresh) {
    state_ = State::reading;
    parser_.emplace();
    parser_->body_limit(limits_.body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits_.header_bytes, UINT32_MAX)));
    if (fresh || buffer_.size() > 0) {  // a new connection or a pipelined request already buffered
      stream_.expires_after(limits_.read_timeout);
      read_header();
      return;
    }
    // Keep-alive: wait up to idle_timeout for the first byte, then give the request read_timeout.
    stream_.expires_after(limits_.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          if (ec || self->state_ == State::closed) return self->close();
          self->buffer_.commit(n);
          self->stream_.expires_after(self->limits_.read_timeout);
          self->read_header();
        });
  }

  void read_header() {
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               self->on_header(ec);
                             });
  }

  void on_header(beast::error_code ec) {
    if (state_ == State::closed) return;
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return handle();
    const auto& msg = parser_->get();
    if (msg.version() >= 11 && beast::iequals(msg[bhttp::field::expect], "100-continue")) {
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec || self->state_ == State::closed) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (self->state_ == State::closed) return;
                        if (ec) return self->on_read_error(ec);
                        self->handle();
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::body_limit)
      return fail(bhttp::status::payload_too_large, "too_large",
                  "request body exceeds " + std::to_string(limits_.body_bytes) + " bytes");
    if (ec == bhttp::error::header_limit)
      return fail(bhttp::status::request_header_fields_too_large, "too_large",
                  "request header exceeds " + std::to_string(limits_.header_bytes) + " bytes");
    // end_of_stream / partial_message: the peer went away; nobody is left to answer.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
      return fail(bhttp::status::bad_request, "invalid_input", "malformed HTTP request");
    close();  // timeout, reset, eof
  }

  void handle() {
    state_ = State::writing;
    auto& msg = parser_->get();
    const bool head = msg.method() == bhttp::verb::head;
    // HEAD is GET without the body (RFC 9110 §9.3.2), so the web layer need not route it.
    request_.method.assign(head ? std::string_view("GET") : std::string_view(msg.method_string()));
    request_.target.assign(msg.target());
    std::size_t n = 0;
    for (const auto& field : msg) {
      if (n == request_.headers.size()) request_.headers.emplace_back();
      auto& [name, value] = request_.headers[n++];
      name.assign(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      value.assign(field.value());
    }
    request_.headers.resize(n);  // keeps the strings of the first n slots for the next request
    request_.body = std::move(msg.body());
    request_.remote_address = remote_address_;

    if (request_.method == "GET") return respond(call_handler());
    // Anything else may wait for the log's group commit: run it off the I/O thread, then come back to
    // this session's thread to answer. The work guard keeps run() from returning in between.
    asio::post(*worker_.server.writers, [self = shared_from_this(), guard = asio::make_work_guard(worker_.ioc)]() mutable {
      Response out = self->call_handler();
      asio::io_context& ioc = self->worker_.ioc;
      asio::post(ioc, [self = std::move(self), out = std::move(out), guard = std::move(guard)]() mutable {
        if (self->state_ != State::closed) self->respond(std::move(out));
      });
    });
  }

  Response call_handler() {
    try {
      return worker_.server.handler(request_);
    } catch (...) {
      return Response{500, {{"content-type", "application/json"}}, error_json("internal", "internal error")};
    }
  }

  void respond(Response out) {
    auto& msg = parser_->get();
    const bool head = msg.method() == bhttp::verb::head;
    bool keep_alive = msg.keep_alive() && !stopping_;
    const bool bodiless = out.status < 200 || out.status == 204 || out.status == 304;
    start_head(out.status, msg.version());
    bool has_server = false, has_date = false;
    for (auto& [name, value] : out.headers) {
      if (beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding")) continue;
      if (beast::iequals(name, "connection")) {
        if (beast::iequals(value, "close")) keep_alive = false;
        continue;
      }
      has_server = has_server || beast::iequals(name, "server");
      has_date = has_date || beast::iequals(name, "date");
      add_header(name, value);
    }
    if (!has_server) add_header("server", "agritrace");
    if (!has_date) add_header("date", http_date());
    if (!bodiless) add_header("content-length", std::to_string(out.body.size()));
    if (!keep_alive) add_header("connection", "close");
    else if (msg.version() < 11) add_header("connection", "keep-alive");
    head_ += "\r\n";
    body_.clear();
    if (!bodiless && !head) body_ = std::move(out.body);
    write(keep_alive ? After::next_request : After::close);
  }

  // The response head is built by hand into one reused string and sent with the body in a single
  // gather write: Beast's generic serializer costs more per response than the whole page lookup.
  void start_head(int status, unsigned version = 11) {
    head_.clear();
    head_ += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head_ += std::to_string(status);
    head_ += ' ';
    head_ += bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    head_ += "\r\n";
  }

  // Header values come from our own handlers; CR/LF are dropped so none can split the response.
  void add_header(std::string_view name, std::string_view value) {
    head_ += name;
    head_ += ": ";
    for (char c : value)
      if (c != '\r' && c != '\n') head_ += c;
    head_ += "\r\n";
  }

  // Answers a request we refuse to read further, then closes.
  void fail(bhttp::status status, std::string_view code, const std::string& message) {
    state_ = State::writing;
    body_ = error_json(code, message);
    start_head(static_cast<int>(status));
    add_header("server", "agritrace");
    add_header("date", http_date());
    add_header("content-type", "application/json");
    add_header("content-length", std::to_string(body_.size()));
    add_header("connection", "close");
    head_ += "\r\n";
    write(After::linger);
  }

  enum class After { next_request, close, linger };

  void write(After after) {
    stream_.expires_after(limits_.read_timeout);  // a client that never reads cannot pin us
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
    asio::async_write(stream_, buffers, [self = shared_from_this(), after](beast::error_code ec, std::size_t) {
      self->on_write(ec, after);
    });
  }

  void on_write(beast::error_code ec, After after) {
    if (ec || state_ == State::closed) return close();
    if (after == After::linger) return linger();
    if (after == After::close || stopping_) return close();
    read_request(/*fresh=*/false);
  }

  void linger() {
    state_ = State::lingering;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::min<std::chrono::seconds>(limits_.read_timeout, kMaxLinger));
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || self->state_ == State::closed) return self->close();
                              self->drain();
                            });
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Worker& worker_;
  const Limits& limits_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_, body_;  // the response being written; reused across requests
  Request request_;  // reused across requests on this connection to keep string capacity
  std::string remote_address_;
  State state_ = State::reading;
  bool stopping_ = false;
  std::list<Session*>::iterator position_;
};

void Worker::accept() {
  acceptor.async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {  // EMFILE and friends: back off instead of spinning on the error
      retry.expires_after(std::chrono::milliseconds(50));
      retry.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    auto& count = server.connections;
    if (count.fetch_add(1, std::memory_order_relaxed) >= server.limits.max_connections) {
      count.fetch_sub(1, std::memory_order_relaxed);
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<Session>(*this, std::move(socket))->start();
    }
    accept();
  });
}

tcp::endpoint resolve(const std::string& host, unsigned short port) {
  beast::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (!ec) return {address, port};
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (!ec && results.empty()) ec = asio::error::host_not_found;
  throw_on(ec, "cannot resolve host '" + host + "'");
  return results.begin()->endpoint();
}

std::string describe(const tcp::endpoint& ep) {
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

void listen(tcp::acceptor& acceptor, const tcp::endpoint& ep) {
  beast::error_code ec;
  acceptor.open(ep.protocol(), ec);
  throw_on(ec, "cannot open socket for " + describe(ep));
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor.set_option(ReusePort(true), ec);
  throw_on(ec, "cannot set SO_REUSEPORT on " + describe(ep));
  acceptor.bind(ep, ec);
  throw_on(ec, "cannot bind " + describe(ep));
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  throw_on(ec, "cannot listen on " + describe(ep));
}

// SO_REUSEPORT would let us silently join another process's listener group on the same port; a
// plain bind fails there, so probe with one first.
void probe(const tcp::endpoint& ep) {
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc);
  beast::error_code ec;
  acceptor.open(ep.protocol(), ec);
  throw_on(ec, "cannot open socket for " + describe(ep));
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor.bind(ep, ec);
  throw_on(ec, "cannot bind " + describe(ep));
}

}  // namespace

Server::Server(std::string host, unsigned short port, Handler handler, Limits limits,
               unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->limits = limits;
  impl_->writers = std::make_unique<asio::thread_pool>(std::max<std::size_t>(limits.write_threads, 1));
  tcp::endpoint ep = resolve(host, port);
  if (port != 0) probe(ep);
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) {
    auto worker = std::make_unique<Worker>(*impl_);
    listen(worker->acceptor, ep);
    if (i == 0) ep.port(worker->acceptor.local_endpoint().port());  // the others join port 0's pick
    impl_->workers.push_back(std::move(worker));
  }
  impl_->port = ep.port();
}

Server::~Server() {
  stop();
  std::unique_lock lock(impl_->run_mutex);
  impl_->run_done.wait(lock, [&] { return !impl_->running; });
}

unsigned short Server::port() const { return impl_->port; }

void Server::stop_on_signals() {
  auto& ioc = impl_->workers.front()->ioc;
  impl_->signals = std::make_unique<asio::signal_set>(ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int) {
    if (!ec) stop();
  });
}

void Server::run() {
  {
    std::lock_guard lock(impl_->run_mutex);
    if (impl_->running || impl_->stopping) return;
    impl_->running = true;
  }
  std::vector<std::thread> threads;
  for (auto& worker : impl_->workers) worker->accept();
  for (std::size_t i = 1; i < impl_->workers.size(); ++i)
    threads.emplace_back([w = impl_->workers[i].get()] { w->ioc.run(); });
  impl_->workers.front()->ioc.run();
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock(impl_->run_mutex);
    impl_->running = false;
  }
  impl_->run_done.notify_all();
}

void Server::stop() {
  {
    // Under the run mutex so run() either sees the flag or its workers receive the posts below.
    std::lock_guard lock(impl_->run_mutex);
    if (impl_->stopping.exchange(true)) return;
  }
  for (std::size_t i = 0; i < impl_->workers.size(); ++i) {
    Worker* w = impl_->workers[i].get();
    asio::post(w->ioc, [w, signals = i == 0 ? impl_->signals.get() : nullptr] {
      beast::error_code ignored;
      w->acceptor.close(ignored);
      w->retry.cancel();
      if (signals) signals->cancel(ignored);
      // A copy, so the loop does not depend on whether closing can unregister a session.
      std::vector<Session*> sessions(w->sessions.begin(), w->sessions.end());
      for (Session* s : sessions) s->stop();
    });
  }
}

}  // namespace http
