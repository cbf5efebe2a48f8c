#include "chromium.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace e2e {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};
constexpr size_t kStderrTail = 2000;  // how much of the browser's complaints a failure message quotes

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The browser's stderr without the D-Bus noise a container without a session bus always produces.
std::string stderr_summary(const std::string& path) {
  std::istringstream in(read_file(path));
  std::string line, kept;
  while (std::getline(in, line))
    if (line.find("dbus") == std::string::npos) kept += line + "\n";
  return kept.size() > kStderrTail ? kept.substr(kept.size() - kStderrTail) : kept;
}

}  // namespace

Chromium::Chromium(std::string work_dir) : work_dir_(std::move(work_dir)) {}

bool Chromium::installed() { return ::access(kChromiumBinary, X_OK) == 0; }

std::string Chromium::run(const std::vector<std::string>& extra, const std::string& lang) {
  if (!installed())
    throw std::runtime_error(std::string(kChromiumBinary) +
                             " is missing: run tools/deps (it installs the Debian package chromium)");
  // A fresh profile per run: nothing cached or remembered from an earlier page can change this one.
  std::string stem = work_dir_ + "/chromium-" + std::to_string(++runs_);
  std::string profile = stem + ".profile", out_file = stem + ".stdout", err_file = stem + ".stderr";
  std::filesystem::create_directories(profile);

  std::vector<std::string> args = {kChromiumBinary,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--user-data-dir=" + profile,
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--hide-scrollbars",
                                   "--lang=" + lang,
                                   "--accept-lang=" + lang};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // HOME points into the profile too, so the browser writes nothing into the real home directory.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "HOME=", 5) != 0) env_strings.emplace_back(*e);
  env_strings.push_back("HOME=" + profile);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0 || err < 0) {
    if (out >= 0) ::close(out);
    if (err >= 0) ::close(err);
    throw std::runtime_error("cannot create chromium output files in " + work_dir_);
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out);
    ::close(err);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    // Its own process group: the renderer and helper processes it forks go with it on a timeout.
    ::setpgid(0, 0);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  ::setpgid(pid, pid);  // also from this side, so the group exists before any kill below

  // The child is reaped only after its group was killed: until then its pid, and so the group id,
  // cannot be reused by an unrelated process.
  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  bool exited = false;
  while (!exited && std::chrono::steady_clock::now() < deadline) {
    siginfo_t info{};
    int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0 && info.si_pid == pid)
      exited = true;
    else if (r < 0 && errno != EINTR)
      break;
    else
      std::this_thread::sleep_for(kPollInterval);
  }
  ::kill(-pid, SIGKILL);  // stragglers after an exit; everything after a timeout
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string what = "chromium " + args.back();
  if (!exited)
    throw std::runtime_error(what + " did not finish within " + std::to_string(kTimeout.count()) +
                             " s and was killed; stderr: " + stderr_summary(err_file));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(what + " failed (status " + std::to_string(status) +
                             "); stderr: " + stderr_summary(err_file));
  return read_file(out_file);
}

std::string Chromium::dump_dom(const std::string& url, const std::string& lang) {
  std::string dom = run({"--dump-dom", url}, lang);
  if (dom.find("<body") == std::string::npos)
    throw std::runtime_error("chromium --dump-dom " + url + " gave no document: " + dom.substr(0, 200));
  return dom;
}

void Chromium::screenshot(const std::string& url, const std::string& png_path, int width, int height,
                          const std::string& lang) {
  std::filesystem::remove(png_path);  // a stale file from an earlier run must not pass for this one
  run({"--screenshot=" + png_path, "--window-size=" + std::to_string(width) + "," + std::to_string(height), url}, lang);
  if (!std::filesystem::exists(png_path))
    throw std::runtime_error("chromium --screenshot " + url + " wrote no file " + png_path);
}

PngInfo png_info(const std::string& path) {
  PngInfo info;
  std::error_code ec;
  info.bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    info.bytes = 0;
    return info;
  }
  std::string head = read_file(path).substr(0, 24);
  // Signature, then the first chunk: 4-byte length, "IHDR", width and height big-endian.
  static const std::string kSignature = "\x89PNG\r\n\x1a\n";
  if (head.size() < 24 || head.compare(0, 8, kSignature) != 0 || head.compare(12, 4, "IHDR") != 0) return info;
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(head[at + i]);
    return v;
  };
  info.valid = true;
  info.width = be32(16);
  info.height = be32(20);
  return info;
}

}  // namespace e2e
