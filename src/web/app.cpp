#include "web/app.h"

#include <atomic>
#include <map>

#include "store/database.h"
#include "web/quality_profiles.h"

namespace web {

namespace {
std::atomic<uint64_t> next_serial{1};
}

App::App(AppConfig config, ledger::Ledger& ledger)
    : config_(std::move(config)), ledger_(ledger), pages_(ledger.db_path()), scans_(ledger), serial_(next_serial++) {
  // The quality profiles are compiled in; one that does not parse should stop the server at start-up,
  // not fail the first inspection that needs it.
  QualityProfiles::instance();
}

namespace {
// One connection per thread and database file; threads live as long as the server.
struct Connection {
  explicit Connection(const std::string& path) : db(path, store::Database::Mode::read_only), queries(db) {}
  store::Database db;
  store::Queries queries;
  ledger::NodeCache tree_cache;
};

Connection& connection(uint64_t serial, const std::string& path) {
  // Keyed by App instance, not path: a test may reuse a path for a new database.
  thread_local std::map<uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[serial];
  if (!slot) slot = std::make_unique<Connection>(path);
  return *slot;
}
}  // namespace

store::Queries& App::reader() { return connection(serial_, ledger_.db_path()).queries; }

ledger::NodeCache& App::tree_cache() { return connection(serial_, ledger_.db_path()).tree_cache; }

}  // namespace web
