// agritrace: wires the layers together (Config → Ledger → App → Router → Server) and nothing else.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "config.h"
#include "http/server.h"
#include "ledger/digest.h"
#include "ledger/heartbeat.h"
#include "ledger/integrity_sweep.h"
#include "ledger/ledger.h"
#include "ledger/log_check.h"
#include "ledger/log_key.h"
#include "sign_commands.h"
#include "user_commands.h"
#include "web/app.h"
#include "web/consumer_page.h"
#include "web/demo_loader.h"
#include "web/router.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "user") return run_user_command(argc, argv);  // own flags
  Config config;
  if (auto err = Config::parse(argc, argv, config)) {
    std::cerr << "agritrace: " << *err << "\n" << Config::usage();
    return 2;
  }
  if (config.command == "help") {
    std::cout << Config::usage();
    return 0;
  }
  if (config.command == "keygen") return run_keygen(config);
  if (config.command == "sign") return run_sign(config);
  std::string origin = ledger::origin_for(config.origin_source());
  if (config.command == "check") {
    auto report = ledger::check_log(config.db_path);
    if (!report) {
      std::cerr << "agritrace check: " << report.error().message << "\n";
      return 2;
    }
    if (report->ok) {
      std::cout << "agritrace check: OK — " << report->leaves << " records match the checkpoint of size "
                << report->checkpoint_size << "\n";
      return 0;
    }
    std::cout << "agritrace check: FAILED — " << report->problem << "\n";
    return 1;
  }
  try {
    if (auto dir = std::filesystem::path(config.db_path).parent_path(); !dir.empty())
      std::filesystem::create_directories(dir);
    ledger::LedgerOptions log_options;
    log_options.origin = origin;
    ledger::Ledger ledger(config.db_path, log_options);

    bool generated_token = config.admin_token.empty();
    if (generated_token) config.admin_token = "adm_" + ledger::random_hex(16);
    web::AppConfig app_config;
    app_config.admin_token_hash = ledger::sha256_hex(config.admin_token);

    // Bind before anything is printed, so the public URL can name the real port (port 0 in tests).
    web::App* app_ptr = nullptr;
    web::Router* router_ptr = nullptr;
    http::Server server(config.host, config.port, [&](const http::Request& r) { return router_ptr->handle(r); },
                        http::Limits{}, config.threads);
    std::string listen_url = "http://" + config.host + ":" + std::to_string(server.port());
    app_config.public_url = config.public_url.empty() ? listen_url : config.public_url;
    web::App app(app_config, ledger);
    web::Router router(app);
    app_ptr = &app;
    router_ptr = &router;
    // Stored pages are tied to the binary that rendered them: an upgrade re-renders them.
    app.pages().start([&app](store::Queries& reader, const store::BatchRow& batch) {
      return web::render_batch_page(app, reader, batch, "zh", false);
    }, ledger::file_digest("/proc/self/exe").substr(0, 16));

    std::cout << "agritrace: database " << config.db_path << " (" << ledger.size() << " records)\n";
    std::cout << "agritrace: log verifier key: " << ledger.verifier_key() << "\n";
    if (config.demo) {
      if (ledger.size() == 0) {
        auto demo = web::load_demo(app, router, config.admin_token, config.demo_password);
        if (!demo) {
          std::cerr << "agritrace: demo data failed: " << demo.error().message << "\n";
          return 1;
        }
        std::cout << "agritrace: loaded demo data (" << demo->records << " requests, " << ledger.size()
                  << " records)\n";
        for (const auto& account : demo->accounts)
          std::cout << "agritrace: demo login " << account << " (password from AGRITRACE_DEMO_PASSWORD)\n";
      } else {
        std::cout << "agritrace: database not empty; demo data kept as it is\n";
      }
      std::cout << "agritrace: demo consumer pages:\n";
      for (const auto& page : web::demo_pages(*app_ptr)) std::cout << "  " << page << "\n";
    }
    // The token is printed once to the operator's terminal; it is never logged elsewhere.
    if (generated_token) std::cout << "agritrace: admin token (generated for this run): " << config.admin_token << "\n";
    std::cout << "agritrace: listening on " << listen_url << " (public URL " << app_config.public_url << ")" << std::endl;
    if (config.port_file) std::ofstream(*config.port_file) << server.port() << "\n";

    // Start-up re-hashed only the newest records; the rest is checked in the background, and a log
    // found tampered with stops taking writes (Ledger::refuse_writes) rather than sign over it.
    ledger::IntegritySweep sweep(ledger, "", [](bool ok, const std::string& message) {
      if (ok) std::cout << "agritrace: integrity check: " << message << std::endl;
      else std::cerr << "agritrace: INTEGRITY CHECK FAILED, writes refused: " << message << std::endl;
    });
    std::optional<ledger::Heartbeat> heartbeat;
    if (config.heartbeat_seconds > 0) heartbeat.emplace(ledger, std::chrono::seconds(config.heartbeat_seconds));

    server.stop_on_signals();
    server.run();
    std::cout << "agritrace: stopped" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "agritrace: " << e.what() << std::endl;
    return 1;
  }
}
