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

// Flags of keygen and sign belong to them alone, and each needs its own.
std::optional<std::string> check_command_flags(const Config& c, bool method_given) {
  bool sign_flags = !c.key_file.empty() || !c.sign_party.empty() || !c.sign_path.empty() || method_given;
  if (c.command != "sign" && sign_flags) return "--key, --party, --path and --method only apply to agritrace sign";
  if (c.command != "keygen" && (!c.key_out.empty() || c.log_key))
    return "--out and --log only apply to agritrace keygen";
  if (c.command == "keygen" && c.key_out.empty() == !c.log_key)
    return "agritrace keygen needs either --out FILE (a new producer key) or --log (the log's verifier key)";
  if (c.command == "sign") {
    if (c.key_file.empty()) return "agritrace sign needs --key FILE (the producer's PEM private key)";
    if (c.sign_party.empty()) return "agritrace sign needs --party PTY_ID (the party the token belongs to)";
    if (c.sign_path.empty() || c.sign_path[0] != '/' || c.sign_path.find_first_of("?# ") != std::string::npos)
      return "agritrace sign needs --path, the request path without query, e.g. /api/v1/events";
    if (c.sign_method != "POST" && c.sign_method != "PUT") return "--method must be POST or PUT";
    if (c.body_file.empty()) return "agritrace sign needs the JSON body: a file name, or - for standard input";
  }
  return std::nullopt;
}

}  // namespace

const char* Config::usage() {
  return "usage: agritrace [serve] [--listen HOST:PORT] [--db PATH] [--public-url URL] [--admin-token TOKEN]\n"
         "                 [--threads N] [--demo] [--port-file PATH] [--heartbeat SECONDS]\n"
         "       agritrace check [--db PATH]   (recompute the log's tree; report the first damaged record)\n"
         "       agritrace keygen --out FILE   (a new producer key, PKCS#8 PEM, mode 0600; prints the public\n"
         "                                      key to register with PUT /api/v1/parties/{id}/key)\n"
         "       agritrace keygen --log [--db PATH] [--public-url URL]\n"
         "                                     (prints the log's verifier key; creates <db>.key if missing)\n"
         "       agritrace sign --key FILE --party PTY_ID --path /api/v1/… [--method POST|PUT] BODY.json|-\n"
         "                                     (prints the Signature header value ed25519=… for that request)\n"
         "       agritrace user add --username NAME --role admin|producer|inspector [--party PTY_ID] [--db PATH]\n"
         "                                     (a web-login account; reads the password, >= 10 characters, as one\n"
         "                                      line from standard input; prints the new user id)\n"
         "       agritrace help\n"
         "environment: AGRITRACE_LISTEN, AGRITRACE_DB, AGRITRACE_PUBLIC_URL, AGRITRACE_ADMIN_TOKEN\n"
         "serve (the default) starts the traceability server; --demo loads the four demo chains into an empty\n"
         "database. --heartbeat (default 300, 0 = off): after that many idle seconds a heartbeat record is\n"
         "appended so the signed checkpoint stays fresh.\n";
}

std::optional<std::string> Config::parse(int argc, char** argv, Config& c) {
  if (const char* v = std::getenv("AGRITRACE_LISTEN"); v && *v)
    if (auto err = set_listen(v, c)) return "AGRITRACE_LISTEN: " + *err;
  if (const char* v = std::getenv("AGRITRACE_DB"); v && *v) c.db_path = v;
  if (const char* v = std::getenv("AGRITRACE_PUBLIC_URL"); v && *v) c.public_url = v;
  if (const char* v = std::getenv("AGRITRACE_ADMIN_TOKEN"); v && *v) c.admin_token = v;
  if (const char* v = std::getenv("AGRITRACE_DEMO_PASSWORD"); v && *v) c.demo_password = v;

  bool method_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string& out) -> std::optional<std::string> {
      if (i + 1 >= argc) return std::string(arg) + " needs a value";
      out = argv[++i];
      return std::nullopt;
    };
    std::string v;
    std::optional<std::string> err;
    if (c.command == "sign" && c.body_file.empty() && (arg == "-" || !arg.starts_with("-"))) c.body_file = arg;
    else if (arg == "serve") c.command = "serve";
    else if (arg == "check") c.command = "check";
    else if (arg == "keygen") c.command = "keygen";
    else if (arg == "sign") c.command = "sign";
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
    else if (arg == "--heartbeat") {
      if (!(err = value(v))) {
        if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos)
          err = "--heartbeat must be a number of seconds (0 turns it off)";
        else c.heartbeat_seconds = static_cast<unsigned>(std::stoul(v));
      }
    }
    else if (arg == "--demo") c.demo = true;
    else if (arg == "--out") err = value(c.key_out);
    else if (arg == "--log") c.log_key = true;
    else if (arg == "--key") err = value(c.key_file);
    else if (arg == "--party") err = value(c.sign_party);
    else if (arg == "--path") err = value(c.sign_path);
    else if (arg == "--method") { if (!(err = value(c.sign_method))) method_given = true; }
    else err = "unknown argument \"" + std::string(arg) + "\"";
    if (err) return err;
  }
  if (auto err = check_command_flags(c, method_given)) return err;
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  return std::nullopt;
}
