#include "web/app.h"

#include <atomic>
#include <map>

#include "store/database.h"

namespace web {

namespace {
std::atomic<uint64_t> next_serial{1};
}

App::App(AppConfig config, ledger::Ledger& ledger)
    : config_(std::move(config)), ledger_(ledger), pages_(ledger.db_path()), serial_(next_serial++) {}

store::Queries& App::reader() {
  // One connection per thread and database file; threads live as long as the server.
  struct Connection {
    explicit Connection(const std::string& path)
        : db(path, store::Database::Mode::read_only), queries(db) {}
    store::Database db;
    store::Queries queries;
  };
  // Keyed by App instance, not path: a test may reuse a path for a new database.
  thread_local std::map<uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[serial_];
  if (!slot) slot = std::make_unique<Connection>(ledger_.db_path());
  return slot->queries;
}

}  // namespace web
