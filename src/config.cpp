#include "config.h"

#include <cstdlib>
#include <string_view>

namespace {

std::optional<std::string> set_listen(const std::string& value, Config& c) {
  auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) return "listen address must be host:port, got \"" + value + "\"";
  std::string port = value.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
    return "listen port must be 0–65535, got \"" + port + "\"";
  c.host = value.substr(0, colon);
  c.port = static_cast<unsigned short>(std::stoi(port));
  return std::nullopt;
}

}  // namespace

const char* Config::usage() {
  return "usage: agritrace check [--db PATH]   (recompute the log's tree; report the first damaged record)\n"
         "       agritrace [serve] [--listen HOST:PORT] [--db PATH] [--public-url URL] [--admin-token TOKEN]\n"
         "                 [--threads N] [--demo] [--port-file PATH]\n"
         "environment: AGRITRACE_LISTEN, AGRITRACE_DB, AGRITRACE_PUBLIC_URL, AGRITRACE_ADMIN_TOKEN\n"
         "Starts the traceability server. --demo loads the four demo chains into an empty database.\n";
}

std::optional<std::string> Config::parse(int argc, char** argv, Config& c) {
  if (const char* v = std::getenv("AGRITRACE_LISTEN"); v && *v)
    if (auto err = set_listen(v, c)) return "AGRITRACE_LISTEN: " + *err;
  if (const char* v = std::getenv("AGRITRACE_DB"); v && *v) c.db_path = v;
  if (const char* v = std::getenv("AGRITRACE_PUBLIC_URL"); v && *v) c.public_url = v;
  if (const char* v = std::getenv("AGRITRACE_ADMIN_TOKEN"); v && *v) c.admin_token = v;

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string& out) -> std::optional<std::string> {
      if (i + 1 >= argc) return std::string(arg) + " needs a value";
      out = argv[++i];
      return std::nullopt;
    };
    std::string v;
    std::optional<std::string> err;
    if (arg == "serve") c.command = "serve";
    else if (arg == "check") c.command = "check";
    else if (arg == "help" || arg == "--help" || arg == "-h") c.command = "help";
    else if (arg == "--listen") { if (!(err = value(v))) err = set_listen(v, c); }
    else if (arg == "--db") err = value(c.db_path);
    else if (arg == "--public-url") err = value(c.public_url);
    else if (arg == "--admin-token") err = value(c.admin_token);
    else if (arg == "--port-file") { if (!(err = value(v))) c.port_file = v; }
    else if (arg == "--threads") {
      if (!(err = value(v))) {
        if (v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) < 1 || std::stoi(v) > 64)
          err = "--threads must be 1–64";
        else c.threads = static_cast<unsigned>(std::stoi(v));
      }
    }
    else if (arg == "--demo") c.demo = true;
    else err = "unknown argument \"" + std::string(arg) + "\"";
    if (err) return err;
  }
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  return std::nullopt;
}
