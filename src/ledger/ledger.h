// ledger::Ledger: the one writer. Every accepted record goes through append(): in one SQLite
// transaction the plan writes its domain rows and the ledger appends each record's canonical bytes
// as the next leaf of the log, so no record exists outside the log and nothing is half-written.
// Thread-safe: appends are serialised on one connection; readers use their own connections.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "store/database.h"
#include "store/queries.h"
#include "store/writes.h"

namespace ledger {

struct Leaf {
  int64_t index = 0;
  std::string kind, record_id;
};

class Ledger {
 public:
  // Opens (creating if needed) and migrates the database. durable=false turns fsync off: only for
  // bulk-loading benchmark data, never for a server that acknowledges writes.
  explicit Ledger(const std::string& db_path, bool durable = true);

  // What a plan sees: reads and writes on the writer's connection inside the open transaction.
  class Txn {
   public:
    store::Queries& read() { return queries_; }
    store::Writes& write() { return writes_; }
    // Canonicalises `record` and appends it as the next leaf; returns its index. Fails (nothing is
    // kept: the transaction rolls back) if the record cannot be canonicalised or exceeds 64 KiB.
    domain::Result<int64_t> add(std::string_view kind, std::string_view id, const nlohmann::json& record);
    const std::string& recorded_at() const { return recorded_at_; }

   private:
    friend class Ledger;
    Txn(store::Database& db, int64_t next_index, std::string recorded_at)
        : queries_(db), writes_(db), next_index_(next_index), recorded_at_(std::move(recorded_at)) {}
    store::Queries queries_;
    store::Writes writes_;
    int64_t next_index_;
    std::string recorded_at_;
    std::vector<Leaf> leaves_;
  };

  using Plan = std::function<domain::Status(Txn&)>;

  // Runs the plan in one transaction and commits only if it succeeds. Returns the leaves it added.
  domain::Result<std::vector<Leaf>> append(const Plan& plan);

  int64_t size() const { return size_.load(); }
  // Increases with every commit; read caches compare it to know they are stale.
  uint64_t generation() const { return generation_.load(); }
  const std::string& db_path() const { return path_; }

 private:
  std::string path_;
  std::mutex mutex_;
  store::Database db_;
  std::atomic<int64_t> size_{0};
  std::atomic<uint64_t> generation_{0};
};

}  // namespace ledger
