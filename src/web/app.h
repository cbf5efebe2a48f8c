// web::App: what every handler shares — configuration, the ledger (the one writer), per-thread
// read connections, schemas, templates, metrics and the stored consumer pages.
// Thread-safe: handlers on every transport thread use one App.
#pragma once

#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "ledger/stored_tree.h"
#include "store/queries.h"
#include "web/metrics.h"
#include "web/page_store.h"
#include "web/scan_counter.h"
#include "web/schemas.h"
#include "web/templates.h"

namespace web {

struct AppConfig {
  std::string public_url = "http://127.0.0.1:8080";  // base of every Digital Link (QR code URL)
  std::string admin_token_hash;                        // SHA-256 hex of the admin token
};

class App {
 public:
  App(AppConfig config, ledger::Ledger& ledger);

  const AppConfig& config() const { return config_; }
  ledger::Ledger& ledger() { return ledger_; }
  // This thread's own read-only connection (opened on first use). Reads never take the write lock.
  store::Queries& reader();
  // This thread's cache of upper Merkle tree nodes, living with its reader connection.
  ledger::NodeCache& tree_cache();
  const Schemas& schemas() const { return schemas_; }
  const Templates& templates() const { return templates_; }
  Metrics& metrics() { return metrics_; }
  PageStore& pages() { return pages_; }
  ScanCounter& scans() { return scans_; }  // consumer page views per day

 private:
  AppConfig config_;
  ledger::Ledger& ledger_;
  Schemas schemas_;
  Templates templates_;
  Metrics metrics_;
  PageStore pages_;
  ScanCounter scans_;
  uint64_t serial_;  // distinguishes Apps in thread-local connection slots
};

}  // namespace web
