// e2e::ServerProcess: the real agritrace binary run as a child process on 127.0.0.1 port 0, with its
// stdout/stderr captured to files. The constructor returns only once the server answers /healthz;
// the destructor stops it with SIGTERM (SIGKILL if it does not exit in time).
// Not thread-safe: start, stop and read output from one thread; port() may be read from any.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace e2e {

struct ServerOptions {
  std::string db_path;      // --db
  std::string admin_token;  // --admin-token; empty: the server generates one
  std::string public_url;   // --public-url; empty: the server uses its listen URL
  bool demo = false;        // --demo
  std::string work_dir;     // where the port file and the captured output live (must exist)
  std::vector<std::string> extra_args;
  // Set (or overridden) in the server's environment on top of the test's own, e.g. AGRITRACE_DEMO_PASSWORD.
  std::vector<std::pair<std::string, std::string>> env;
};

class ServerProcess {
 public:
  static constexpr std::chrono::seconds kStartTimeout{15};
  static constexpr std::chrono::seconds kStopTimeout{10};

  // Throws std::runtime_error (with the server's stderr) if it exits or does not answer in time.
  explicit ServerProcess(ServerOptions options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& host() const { return host_; }
  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // SIGTERM, then waits (bounded). Returns the exit code, 128+signal if it died of a signal, or -1 if
  // it had to be killed because it did not stop in time. Calling it again returns the same value.
  int stop();

  // Everything the server wrote so far.
  std::string stdout_text() const;
  std::string stderr_text() const;

 private:
  void spawn(const std::vector<std::string>& args);
  void wait_until_ready();
  // waitpid(WNOHANG); records the status and returns true once the child is gone.
  bool reap_nowait();

  ServerOptions options_;
  std::string host_ = "127.0.0.1";
  std::string port_file_, stdout_file_, stderr_file_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  int exit_code_ = -1;
};

}  // namespace e2e
