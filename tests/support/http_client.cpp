// test::HttpClient over plain POSIX sockets; poll() bounds every wait so a broken server fails a
// test instead of hanging it.
#include "support/http_client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace test {
namespace {

constexpr int kWaitMs = 10000;  // any single wait longer than this is a failure, not slowness
constexpr std::size_t kMaxLine = 64 << 10;

// The server closed a reused keep-alive connection before answering: safe to retry once.
struct ClosedBeforeResponse : std::runtime_error {
  ClosedBeforeResponse() : std::runtime_error("HttpClient: connection closed before a response") {}
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  int r;
  do r = ::poll(&p, 1, timeout_ms); while (r < 0 && errno == EINTR);
  if (r < 0) throw std::runtime_error(std::string("HttpClient: poll: ") + std::strerror(errno));
  return r == 0 ? 0 : p.revents;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  std::string key = lower(name);
  for (const auto& [k, v] : headers)
    if (k == key) return v;
  return {};
}

HttpClient::HttpClient(std::string host, unsigned short port) : host_(std::move(host)), port_(port) {}

HttpClient::~HttpClient() { disconnect(); }

int HttpClient::open_connection() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string where = host_ + ":" + std::to_string(port_);
  if (int rc = ::getaddrinfo(host_.c_str(), std::to_string(port_).c_str(), &hints, &found); rc != 0)
    throw std::runtime_error("HttpClient: cannot resolve " + where + ": " + ::gai_strerror(rc));
  int err = 0;
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) { err = errno; continue; }
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      ::freeaddrinfo(found);
      ++connections_opened_;
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return fd;
    }
    err = errno;
    ::close(fd);
  }
  ::freeaddrinfo(found);
  throw std::runtime_error("HttpClient: cannot connect to " + where + ": " + std::strerror(err));
}

void HttpClient::disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buf_.clear();
  pos_ = 0;
}

bool HttpClient::send_pending() {
  while (sent_ < wire_.size()) {
    int ev = wait_for(fd_, POLLOUT | POLLIN, kWaitMs);
    if (ev == 0) throw std::runtime_error("HttpClient: timed out sending the request");
    if (ev & (POLLIN | POLLHUP | POLLERR)) return true;  // the server answered (or gave up) early
    ssize_t n = ::send(fd_, wire_.data() + sent_, wire_.size() - sent_, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return false;
    sent_ += static_cast<std::size_t>(n);
  }
  return true;
}

bool HttpClient::fill() {
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > (256 << 10)) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  if (wait_for(fd_, POLLIN, kWaitMs) == 0)
    throw std::runtime_error("HttpClient: timed out waiting for the response");
  char chunk[16384];
  ssize_t n;
  do n = ::recv(fd_, chunk, sizeof chunk, 0); while (n < 0 && errno == EINTR);
  if (n < 0 && errno != ECONNRESET)
    throw std::runtime_error(std::string("HttpClient: recv: ") + std::strerror(errno));
  if (n <= 0) return false;
  buf_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::string HttpClient::read_line() {
  for (;;) {
    std::size_t eol = buf_.find("\r\n", pos_);
    if (eol != std::string::npos) {
      std::string line = buf_.substr(pos_, eol - pos_);
      pos_ = eol + 2;
      return line;
    }
    if (buf_.size() - pos_ > kMaxLine) throw std::runtime_error("HttpClient: line too long");
    if (!fill()) throw std::runtime_error("HttpClient: connection closed mid-response");
  }
}

std::string HttpClient::take(std::size_t n) {
  while (buf_.size() - pos_ < n)
    if (!fill()) throw std::runtime_error("HttpClient: connection closed mid-body");
  std::string out = buf_.substr(pos_, n);
  pos_ += n;
  return out;
}

HttpResponse HttpClient::read_response(bool head) {
  for (;;) {
    if (pos_ == buf_.size() && !fill()) throw ClosedBeforeResponse();
    HttpResponse r;
    std::string status_line = read_line();
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12)
      throw std::runtime_error("HttpClient: bad status line: " + status_line);
    r.status = std::stoi(status_line.substr(9, 3));
    for (std::string line = read_line(); !line.empty(); line = read_line()) {
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) throw std::runtime_error("HttpClient: bad header: " + line);
      r.headers.emplace_back(lower(trim(std::string_view(line).substr(0, colon))),
                             std::string(trim(std::string_view(line).substr(colon + 1))));
    }
    if (r.status < 200) {  // interim (100 Continue): the real answer follows
      if (sent_ < wire_.size() && !send_pending())
        throw std::runtime_error("HttpClient: send failed after 100 Continue");
      continue;
    }
    bool close = lower(r.header("connection")) == "close";
    if (head || r.status == 204 || r.status == 304) {
      // no body
    } else if (lower(r.header("transfer-encoding")).find("chunked") != std::string::npos) {
      for (;;) {
        std::string size_line = read_line();
        std::size_t size = std::stoul(size_line.substr(0, size_line.find(';')), nullptr, 16);
        if (size == 0) break;
        r.body += take(size);
        if (!take(2).starts_with("\r\n")) throw std::runtime_error("HttpClient: bad chunk");
      }
      while (!read_line().empty()) {}  // trailers
    } else if (std::string len = r.header("content-length"); !len.empty()) {
      r.body = take(std::stoul(len));
    } else {  // delimited by close
      while (fill()) {}
      r.body = buf_.substr(pos_);
      pos_ = buf_.size();
      close = true;
    }
    if (close || sent_ < wire_.size()) disconnect();
    return r;
  }
}

HttpResponse HttpClient::request(std::string_view method, std::string_view target,
                                 std::string_view body, HeaderList headers) {
  wire_.clear();
  wire_.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  bool has_host = false;
  for (const auto& [k, v] : headers) {
    has_host = has_host || lower(k) == "host";
    wire_.append(k).append(": ").append(v).append("\r\n");
  }
  if (!has_host) wire_.append("Host: ").append(host_).append("\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    wire_.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  wire_.append("\r\n").append(body);

  for (int attempt = 0;; ++attempt) {
    bool reused = fd_ >= 0;
    if (!reused) fd_ = open_connection();
    sent_ = 0;
    bool sent = send_pending();
    try {
      if (!sent && pos_ == buf_.size() && !fill()) throw ClosedBeforeResponse();
      return read_response(method == "HEAD");
    } catch (const ClosedBeforeResponse&) {
      disconnect();
      if (!reused || attempt > 0) throw std::runtime_error("HttpClient: server closed the connection");
    } catch (...) {
      disconnect();
      throw;
    }
  }
}

HttpResponse HttpClient::get(std::string_view target, HeaderList headers) {
  return request("GET", target, {}, std::move(headers));
}

HttpResponse HttpClient::post(std::string_view target, std::string_view body, HeaderList headers) {
  return request("POST", target, body, std::move(headers));
}

std::string HttpClient::raw(std::string_view bytes, std::chrono::milliseconds timeout) {
  int fd = open_connection();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto remaining = [&] {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<long long>(0, left.count()));
  };
  std::size_t sent = 0;
  while (sent < bytes.size()) {  // a server that refuses part way is fine: keep what it answered
    int ms = remaining();
    if (ms == 0 || !(wait_for(fd, POLLOUT, ms) & POLLOUT)) break;
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char chunk[16384];
  for (;;) {
    int ms = remaining();
    if (ms == 0 || wait_for(fd, POLLIN, ms) == 0) break;
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace test
