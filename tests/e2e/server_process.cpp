#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/http_client.h"

#ifndef AGRITRACE_BINARY
#error "AGRITRACE_BINARY must name the server binary (set by tests/e2e/CMakeLists.txt)"
#endif

namespace e2e {
namespace {

// Polling granularity while waiting for the child; the deadlines, not this, bound every wait.
constexpr std::chrono::milliseconds kPollInterval{5};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  // Each start gets its own files: a restarted server must never be found through its
  // predecessor's port file.
  static std::atomic<int> counter{0};
  std::string stem = options_.work_dir + "/server-" + std::to_string(++counter);
  port_file_ = stem + ".port";
  stdout_file_ = stem + ".stdout";
  stderr_file_ = stem + ".stderr";

  std::vector<std::string> args = {AGRITRACE_BINARY, "--listen", host_ + ":0", "--db", options_.db_path,
                                   "--port-file", port_file_};
  if (!options_.admin_token.empty()) args.insert(args.end(), {"--admin-token", options_.admin_token});
  if (!options_.public_url.empty()) args.insert(args.end(), {"--public-url", options_.public_url});
  if (options_.demo) args.push_back("--demo");
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  spawn(args);
  try {
    wait_until_ready();
  } catch (...) {
    stop();
    throw;
  }
}

ServerProcess::~ServerProcess() { stop(); }

void ServerProcess::spawn(const std::vector<std::string>& args) {
  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The child's environment: the test's own minus the overridden names, plus options_.env.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    bool overridden = false;
    for (const auto& [name, value] : options_.env) overridden |= entry.rfind(name + "=", 0) == 0;
    if (!overridden) env_strings.push_back(std::move(entry));
  }
  for (const auto& [name, value] : options_.env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  int out = ::open(stdout_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = ::open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0 || err < 0) {
    if (out >= 0) ::close(out);
    if (err >= 0) ::close(err);
    throw std::runtime_error("cannot create output files in " + options_.work_dir);
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out);
    ::close(err);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // If the test binary dies (a crash, a Catch2 abort), the server must not outlive it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  pid_ = pid;
}

bool ServerProcess::reap_nowait() {
  if (pid_ <= 0) return true;
  int status = 0;
  pid_t r;
  do r = ::waitpid(pid_, &status, WNOHANG); while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  exit_code_ = r == pid_ ? decode_status(status) : -1;
  pid_ = -1;
  return true;
}

void ServerProcess::wait_until_ready() {
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string last_problem = "no port file yet";
  while (std::chrono::steady_clock::now() < deadline) {
    if (reap_nowait())
      throw std::runtime_error("agritrace exited with " + std::to_string(exit_code_) + " before it was ready; stderr: " +
                               stderr_text());
    if (port_ == 0) {
      // The file is written in one go ending in '\n'; a read without it may have caught a partial write.
      std::string text = read_file(port_file_);
      if (!text.empty() && text.back() == '\n') {
        int value = std::stoi(text);
        if (value <= 0 || value > 65535) throw std::runtime_error("port file holds \"" + text + "\"");
        port_ = static_cast<unsigned short>(value);
      }
    }
    if (port_ != 0) {
      try {
        test::HttpClient client(host_, port_);
        auto r = client.get("/healthz");
        if (r.status == 200) return;
        last_problem = "/healthz answered " + std::to_string(r.status);
      } catch (const std::exception& e) {
        last_problem = e.what();
      }
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  throw std::runtime_error("agritrace was not ready within " + std::to_string(kStartTimeout.count()) + " s (" +
                           last_problem + "); stderr: " + stderr_text());
}

int ServerProcess::stop() {
  if (pid_ <= 0) return exit_code_;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (reap_nowait()) return exit_code_;
    std::this_thread::sleep_for(kPollInterval);
  }
  // Hung on shutdown: that is a failure the caller sees as -1, but the process must still go.
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  exit_code_ = -1;
  return exit_code_;
}

std::string ServerProcess::stdout_text() const { return read_file(stdout_file_); }
std::string ServerProcess::stderr_text() const { return read_file(stderr_file_); }

}  // namespace e2e
