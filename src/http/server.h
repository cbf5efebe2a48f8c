// http::Server: the HTTP/1.1 transport. Accepts connections, reads requests within Limits, hands each
// one to a Handler and writes the Response back (keep-alive, pipelining, HEAD, Expect: 100-continue).
// It knows no URLs. Boost.Beast stays inside server.cpp (pimpl) because Beast translation units are
// expensive to compile.
// Thread-safety: stop() may be called from any thread (also from a handler or a signal); the other
// members are for the owning thread. The Handler is called concurrently from the worker threads.
#pragma once

#include <memory>
#include <string>

#include "http/limits.h"
#include "http/message.h"

namespace http {

class Server {
 public:
  // Binds and listens immediately, so port() is known before run(); port 0 picks an ephemeral port.
  // Each of the `threads` workers has its own io_context and its own SO_REUSEPORT acceptor, so the
  // kernel spreads connections over cores without a shared queue. Throws std::system_error naming the
  // address when it cannot resolve, bind or listen (including when another process listens there).
  Server(std::string host, unsigned short port, Handler handler, Limits limits = {},
         unsigned threads = 2);
  ~Server();  // stop(), then waits for a run() in progress to return
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;

  // Serves until stop() (or a signal after stop_on_signals()). Uses the calling thread as one worker.
  // A server runs once: after stop(), run() returns immediately.
  void run();

  // Call before run(): SIGINT/SIGTERM then trigger stop().
  void stop_on_signals();

  // Stops accepting, closes idle and half-read connections, lets responses being produced finish,
  // then run() returns. Non-blocking and idempotent.
  void stop();

  struct Impl;  // public only so server.cpp's session type can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace http
