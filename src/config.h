// Config: how the server is started — command-line flags over environment variables over defaults.
// Value type; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

struct Config {
  std::string command = "serve";             // serve | check | keygen | sign | help
  std::string host = "127.0.0.1";           // AGRITRACE_LISTEN / --listen host:port
  unsigned short port = 8080;
  std::string db_path = "var/agritrace.db";  // AGRITRACE_DB / --db
  std::string public_url;                    // AGRITRACE_PUBLIC_URL / --public-url; default http://{listen}
  std::string admin_token;                   // AGRITRACE_ADMIN_TOKEN / --admin-token; generated if empty
  std::string demo_password;                 // AGRITRACE_DEMO_PASSWORD: --demo also creates login accounts
  unsigned threads = 2;                      // --threads
  bool demo = false;                         // --demo: load the demo chains into an empty database
  std::optional<std::string> port_file;      // --port-file: write the bound port there (tests use port 0)
  unsigned heartbeat_seconds = 300;          // --heartbeat S: sign a heartbeat after S idle seconds; 0 = never

  // agritrace keygen / sign (src/sign_commands.h)
  std::string key_out;                       // keygen --out FILE: a new producer key
  bool log_key = false;                      // keygen --log: print the log's verifier key
  std::string key_file;                      // sign --key FILE
  std::string sign_party;                    // sign --party PTY_ID
  std::string sign_path;                     // sign --path /api/v1/…
  std::string sign_method = "POST";          // sign --method POST|PUT
  std::string body_file;                     // sign BODY.json, "-" for stdin

  // What the log's key name (checkpoint origin) is derived from: the public URL, else the listen host.
  const std::string& origin_source() const { return public_url.empty() ? host : public_url; }

  // Parses argv and the environment. Returns an error sentence for bad flags.
  static std::optional<std::string> parse(int argc, char** argv, Config& out);
  static const char* usage();
};
