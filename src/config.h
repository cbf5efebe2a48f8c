// Config: how the server is started — command-line flags over environment variables over defaults.
// Value type; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

struct Config {
  std::string command = "serve";             // serve | check | help
  std::string host = "127.0.0.1";           // AGRITRACE_LISTEN / --listen host:port
  unsigned short port = 8080;
  std::string db_path = "var/agritrace.db";  // AGRITRACE_DB / --db
  std::string public_url;                    // AGRITRACE_PUBLIC_URL / --public-url; default http://{listen}
  std::string admin_token;                   // AGRITRACE_ADMIN_TOKEN / --admin-token; generated if empty
  unsigned threads = 2;                      // --threads
  bool demo = false;                         // --demo: load the demo chains into an empty database
  std::optional<std::string> port_file;      // --port-file: write the bound port there (tests use port 0)

  // Parses argv and the environment. Returns an error sentence for bad flags.
  static std::optional<std::string> parse(int argc, char** argv, Config& out);
  static const char* usage();
};
